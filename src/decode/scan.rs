//! Byte scanning for the quick checks that run on every document: where the next byte (or
//! pair of bytes) of a given kind is. Text is looked at in blocks of 32 bytes, and a block
//! without such a byte is passed over with no branch per byte, which is several times
//! faster than a byte-by-byte search on long clean stretches; when the test is made of
//! comparisons alone, the compiler does a block with a few vector instructions.
//!
//! It only finds, and reads the character found ([`char_at`]); what it means is for the
//! caller to decide.

/// A set of byte values, as a lookup table.
pub type ByteSet = [bool; 256];

/// The set holding `bytes` and every byte below `below`.
pub const fn byte_set(bytes: &[u8], below: u8) -> ByteSet {
    let mut set = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        set[bytes[i] as usize] = true;
        i += 1;
    }
    let mut b = 0;
    while b < below as usize {
        set[b] = true;
        b += 1;
    }
    set
}

/// The position of the first byte at or after `from` that satisfies `wanted`: the block
/// scan over single bytes. A `wanted` made of comparisons alone (no table) lets the
/// compiler look at a whole block with vector instructions.
pub fn next_byte(bytes: &[u8], from: usize, wanted: impl Fn(u8) -> bool) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let (blocks, tail) = rest.as_chunks::<32>();
    for (n, block) in blocks.iter().enumerate() {
        let mut any = false;
        for &b in block {
            any |= wanted(b);
        }
        if any {
            let at = block.iter().position(|&b| wanted(b))?;
            return Some(from + 32 * n + at);
        }
    }
    // The tail as one more block, padded: the padding may satisfy `wanted`, so a hit
    // there is checked for among the real bytes.
    let mut padded = [0u8; 32];
    padded[..tail.len()].copy_from_slice(tail);
    if !padded.iter().fold(false, |any, &b| any | wanted(b)) {
        return None;
    }
    let at = tail.iter().position(|&b| wanted(b))?;
    Some(from + 32 * blocks.len() + at)
}

/// The first `k` at or after `from` where the pair of bytes `k`, `k + 1` satisfies `pair`:
/// the same block scan, over pairs (`pair` should be branch-free: it runs on every byte).
pub fn next_pair(bytes: &[u8], from: usize, pair: impl Fn(u8, u8) -> bool) -> Option<usize> {
    let firsts = bytes.get(from..bytes.len().checked_sub(1)?)?;
    let seconds = bytes.get(from + 1..)?;
    // The next few pairs one by one (where pairs are found, they are often close together:
    // a block would be looked at twice for each), then whole blocks as arrays (the compiler
    // unrolls them), then the rest.
    let near = firsts.len().min(NEAR);
    if let Some(at) = (0..near).position(|k| pair(firsts[k], seconds[k])) {
        return Some(from + at);
    }
    let (firsts, seconds, from) = (&firsts[near..], &seconds[near..], from + near);
    let (blocks, rest) = firsts.as_chunks::<32>();
    let (next_blocks, _) = seconds.as_chunks::<32>();
    for (n, (block, next)) in blocks.iter().zip(next_blocks).enumerate() {
        let mut any = false;
        for k in 0..32 {
            any |= pair(block[k], next[k]);
        }
        if any {
            let at = (0..32).position(|k| pair(block[k], next[k]))?;
            return Some(from + 32 * n + at);
        }
    }
    // The rest as one more block, padded, as in `next_byte`.
    let done = 32 * blocks.len();
    let (mut padded_firsts, mut padded_seconds) = ([0u8; 32], [0u8; 32]);
    padded_firsts[..rest.len()].copy_from_slice(rest);
    padded_seconds[..rest.len()].copy_from_slice(&seconds[done..done + rest.len()]);
    let mut any = false;
    for k in 0..32 {
        any |= pair(padded_firsts[k], padded_seconds[k]);
    }
    if !any {
        return None;
    }
    let at = (0..rest.len()).position(|k| pair(rest[k], seconds[done + k]))?;
    Some(from + done + at)
}

/// How many pairs [`next_pair`] looks at one by one before it goes on by blocks.
const NEAR: usize = 16;

/// The character that starts at byte `at` (`None` off a character boundary or past the
/// end). One and two bytes (ASCII; Latin, Vietnamese base letters and combining marks)
/// are decoded by hand: the callers run this at every position a scan stops at.
pub fn char_at(text: &str, at: usize) -> Option<char> {
    match *text.as_bytes().get(at..)? {
        [b, ..] if b.is_ascii() => Some(char::from(b)),
        [first @ 0xC0..=0xDF, second, ..] => {
            char::from_u32(u32::from(first & 0x1F) << 6 | u32::from(second & 0x3F))
        }
        _ => text.get(at..)?.chars().next(),
    }
}

/// The character that ends just before byte `i` (`None` at the start or off a character
/// boundary). ASCII and two-byte characters are decoded by hand, as in [`char_at`]: the
/// mojibake rules ask this of most lone sequences.
pub fn char_before(text: &str, i: usize) -> Option<char> {
    match *text.as_bytes().get(..i)? {
        // (A byte below 0x80, or a two-byte lead and one byte after it, ends a character.)
        [.., last] if last.is_ascii() => Some(char::from(last)),
        [.., first @ 0xC0..=0xDF, second] => {
            char::from_u32(u32::from(first & 0x1F) << 6 | u32::from(second & 0x3F))
        }
        _ => text.get(..i)?.chars().next_back(),
    }
}

/// The lines of `bytes`, each with its line end: what `split_inclusive` at `\n` gives,
/// with the line ends found by the memchr crate's vectorised search, which costs less
/// than the standard library's over a text of many lines.
pub fn lines_inclusive(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).map(|at| at + 1);
    ends.chain(std::iter::once(bytes.len()))
        .filter_map(move |end| {
            let line = bytes.get(start..end).filter(|line| !line.is_empty());
            start = end;
            line
        })
}

/// A pseudo-random number source for tests that draw texts (xorshift32, fixed seed).
#[cfg(test)]
pub fn xorshift() -> impl FnMut() -> usize {
    let mut state = 0x2545_f491_u32;
    move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_those_of_split_inclusive() {
        for bytes in [
            &b""[..],
            b"\n",
            b"\n\n",
            b"a",
            b"a\n",
            b"a\nb",
            b"\na\r\n\nb\n",
        ] {
            let want: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
            assert_eq!(
                lines_inclusive(bytes).collect::<Vec<_>>(),
                want,
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn finds_each_marked_byte_in_order() {
        const SET: ByteSet = byte_set(b"?", 0x0A);
        let text = format!("{}?{}\t", "a".repeat(40), "b".repeat(70));
        let bytes = text.as_bytes();
        let in_set = |b: u8| SET[usize::from(b)];
        assert_eq!(next_byte(bytes, 0, in_set), Some(40));
        assert_eq!(next_byte(bytes, 41, in_set), Some(111));
        assert_eq!(next_byte(bytes, 112, in_set), None);
        assert_eq!(next_byte(bytes, 500, in_set), None);
    }

    #[test]
    fn char_at_is_the_character_there() {
        let text = "aĐ\u{301}ệ𝄞\n";
        for at in 0..=text.len() + 1 {
            assert_eq!(
                char_at(text, at),
                text.get(at..).and_then(|r| r.chars().next())
            );
        }
    }

    #[test]
    fn char_before_is_the_character_there() {
        let text = "aĐ\u{301}ệ𝄞Ã¢\n";
        for at in 0..=text.len() + 1 {
            let expected = text.get(..at).and_then(|head| head.chars().next_back());
            assert_eq!(char_before(text, at), expected, "{at}");
        }
    }

    #[test]
    fn finds_each_pair_in_order() {
        let text = format!("?{}a?é?{}ô?", "b".repeat(40), "c".repeat(70));
        let bytes = text.as_bytes();
        let after_non_ascii = |a: u8, b: u8| (a >= 0x80) & (b == b'?');
        assert_eq!(next_pair(bytes, 0, after_non_ascii), Some(44));
        assert_eq!(next_pair(bytes, 45, after_non_ascii), Some(117));
        assert_eq!(next_pair(bytes, 118, after_non_ascii), None);
        assert_eq!(next_pair(bytes, 500, after_non_ascii), None);
        assert_eq!(next_pair(b"", 0, after_non_ascii), None);
        assert_eq!(next_pair(b"\xC3", 0, after_non_ascii), None);
    }
}
