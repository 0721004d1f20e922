//! Where the bytes of a set are in a text, for sets whose bytes come a few bytes apart (the
//! marks of decomposed Vietnamese, the lead bytes of its toned letters): found 32 bytes at a
//! time, as a mask of a block's bytes and then its set bits in order. A loop that stops at
//! each such byte mispredicts its exit every time, which costs more than the work done
//! there; `scan.rs` is for bytes that are rare.
//!
//! [`PairPositions`] does the same for pairs of adjacent bytes.
//!
//! Used by `nfc.rs`, `capitals.rs` and the mojibake quick look.

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
        positions.mask = byte_mask(bytes, &positions.is_in, 0);
        positions
    }
}

/// Bit `k` for each byte `block + k` that is in the set.
fn byte_mask(bytes: &[u8], is_in: impl Fn(u8) -> bool, block: usize) -> u32 {
    let rest = bytes.get(block..).unwrap_or_default();
    let bit = |k: usize, b: u8| u32::from(is_in(b)) << k;
    match rest.first_chunk::<32>() {
        // (Of fixed length: the compiler compares the 32 bytes at once.)
        Some(full) => (0..32).fold(0, |mask, k| mask | bit(k, full[k])),
        None => (rest.iter().enumerate()).fold(0, |mask, (k, &b)| mask | bit(k, b)),
    }
}

impl<F: Fn(u8) -> bool> Iterator for BytePositions<'_, F> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let BytePositions {
            bytes,
            is_in,
            block,
            mask,
        } = self;
        next_set_bit(block, mask, bytes.len(), |at| byte_mask(bytes, &*is_in, at))
    }
}

/// The next position of a scan by blocks of 32 bytes: the lowest bit of `mask` (the block
/// at `block`), taken out of it, or the first of the next block with one, up to `len`.
fn next_set_bit(
    block: &mut usize,
    mask: &mut u32,
    len: usize,
    mask_at: impl Fn(usize) -> u32,
) -> Option<usize> {
    while *mask == 0 {
        *block += 32;
        if *block >= len {
            return None;
        }
        *mask = mask_at(*block);
    }
    let k = mask.trailing_zeros() as usize;
    *mask &= *mask - 1;
    Some(*block + k)
}

/// The positions `k` (from a start on) where `is_pair(bytes[k], bytes[k + 1])` holds, in
/// order, found 32 pairs at a time as [`BytePositions`] finds bytes. For pairs that come
/// often enough that `scan::next_pair`, which starts its look afresh after each one, would
/// spend more on starting than on looking.
pub(crate) struct PairPositions<'a, F> {
    bytes: &'a [u8],
    is_pair: F,
    block: usize,
    mask: u32,
}

impl<'a, F: Fn(u8, u8) -> bool> PairPositions<'a, F> {
    pub(crate) fn new(bytes: &'a [u8], from: usize, is_pair: F) -> Self {
        let mut positions = PairPositions {
            bytes,
            is_pair,
            block: from,
            mask: 0,
        };
        positions.mask = pair_mask(bytes, &positions.is_pair, from);
        positions
    }
}

/// Bit `k` for each pair at `block + k` that is one.
fn pair_mask(bytes: &[u8], is_pair: impl Fn(u8, u8) -> bool, block: usize) -> u32 {
    let bit = |k: usize, x: u8, y: u8| u32::from(is_pair(x, y)) << k;
    let firsts = bytes.get(block..).unwrap_or_default();
    let seconds = bytes.get(block + 1..).unwrap_or_default();
    match (firsts.first_chunk::<32>(), seconds.first_chunk::<32>()) {
        // (Of fixed length: the compiler unrolls it.)
        (Some(x), Some(y)) => (0..32).fold(0, |mask, k| mask | bit(k, x[k], y[k])),
        _ => (firsts.iter().zip(seconds).enumerate())
            .fold(0, |mask, (k, (&x, &y))| mask | bit(k, x, y)),
    }
}

impl<F: Fn(u8, u8) -> bool> Iterator for PairPositions<'_, F> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let PairPositions {
            bytes,
            is_pair,
            block,
            mask,
        } = self;
        next_set_bit(block, mask, bytes.len(), |at| {
            pair_mask(bytes, &*is_pair, at)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{BytePositions, PairPositions};

    #[test]
    fn every_pair_in_order() {
        let mut next = crate::decode::scan::xorshift();
        let is_pair = |x: u8, y: u8| x >= 0x80 && (y == b'?' || y == 0xC4);
        for _ in 0..2_000 {
            let bytes: Vec<u8> = (0..next() % 100)
                .map(|_| [b'a', b'?', 0xC4, 0x91, 0xE1][next() % 5])
                .collect();
            let from = next() % (bytes.len() + 2);
            let want: Vec<usize> = (from..bytes.len().saturating_sub(1))
                .filter(|&k| is_pair(bytes[k], bytes[k + 1]))
                .collect();
            let found: Vec<usize> = PairPositions::new(&bytes, from, is_pair).collect();
            assert_eq!(found, want, "{bytes:02x?} from {from}");
        }
    }

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
