//! Where the bytes of a set are in a text, for sets whose bytes come a few bytes apart (the
//! marks of decomposed Vietnamese, the lead bytes of its toned letters): found 32 bytes at a
//! time, as a mask of a block's bytes and then its set bits in order. A loop that stops at
//! each such byte mispredicts its exit every time, which costs more than the work done
//! there; `scan.rs` is for bytes that are rare.
//!
//! Used by `nfc.rs` and `capitals.rs`.

/// The positions of the bytes of `bytes` for which `is_in` holds, in order.
pub(crate) struct BytePositions<'a, F> {
    bytes: &'a [u8],
    is_in: F,
    /// Where the block of `mask` starts.
    block: usize,
    /// The positions of the block not given yet, bit `k` for byte `block + k`.
    mask: u32,
}

impl<'a, F: Fn(u8) -> bool> BytePositions<'a, F> {
    pub(crate) fn new(bytes: &'a [u8], is_in: F) -> Self {
        let mut positions = BytePositions {
            bytes,
            is_in,
            block: 0,
            mask: 0,
        };
        positions.mask = positions.mask_at(0);
        positions
    }

    fn mask_at(&self, block: usize) -> u32 {
        let rest = self.bytes.get(block..).unwrap_or_default();
        let bit = |k: usize, b: u8| u32::from((self.is_in)(b)) << k;
        match rest.first_chunk::<32>() {
            // (Of fixed length: the compiler compares the 32 bytes at once.)
            Some(full) => (0..32).fold(0, |mask, k| mask | bit(k, full[k])),
            None => (rest.iter().enumerate()).fold(0, |mask, (k, &b)| mask | bit(k, b)),
        }
    }
}

impl<F: Fn(u8) -> bool> Iterator for BytePositions<'_, F> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            self.block += 32;
            if self.block >= self.bytes.len() {
                return None;
            }
            self.mask = self.mask_at(self.block);
        }
        let k = self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(self.block + k)
    }
}

#[cfg(test)]
mod tests {
    use super::BytePositions;

    #[test]
    fn every_position_in_order() {
        let text = format!("{}é{}ô{}a", "b".repeat(31), "c".repeat(40), "d".repeat(29));
        let high = |b: u8| b >= 0xC0;
        let want: Vec<usize> = (0..text.len())
            .filter(|&k| high(text.as_bytes()[k]))
            .collect();
        let found: Vec<usize> = BytePositions::new(text.as_bytes(), high).collect();
        assert_eq!(found, want);
        assert_eq!(found, [31, 73]);
        assert_eq!(BytePositions::new(b"", high).count(), 0);
    }
}
