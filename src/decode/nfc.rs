//! NFC for the text decoding meets, several times faster than the general algorithm on
//! Latin and Vietnamese text, with the same result. Decomposed Vietnamese (NFD, windows-1258
//! read as Unicode) is a base letter followed by combining marks (U+0300–U+036F); each such
//! cluster is composed on its own: the base decomposed, the marks put in canonical order,
//! then composed again (`unicode_normalization`'s own tables), which is what NFC does.
//!
//! A cluster may be composed on its own because every character this fast path copies or
//! uses as a base (below U+0300, U+1E00–U+1EFF, U+2002–U+206F) has combining class 0 and
//! never composes with what comes before it. It refuses the rest: text with any other
//! character outside ASCII that is not already NFC goes to the general algorithm whole.

use std::borrow::Cow;
use std::sync::LazyLock;

use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::normalize::surely_nfc;

/// `text` in NFC; borrowed when it is NFC already.
pub fn nfc(text: &str) -> Cow<'_, str> {
    if surely_nfc(text) {
        return Cow::Borrowed(text);
    }
    match compose_clusters(text) {
        Some(composed) if composed == text => Cow::Borrowed(text),
        Some(composed) => Cow::Owned(composed),
        None if is_nfc_quick(text.chars()) == IsNormalized::Yes => Cow::Borrowed(text),
        None => {
            let composed: String = text.nfc().collect();
            if composed == text {
                Cow::Borrowed(text)
            } else {
                Cow::Owned(composed)
            }
        }
    }
}

/// Characters with combining class 0 that never compose with a character before them.
fn is_stable(c: char) -> bool {
    // (U+2000 and U+2001 are left out: NFC turns them into U+2002 and U+2003.)
    matches!(c, '\0'..='\u{2FF}' | '\u{1E00}'..='\u{1EFF}' | '\u{2002}'..='\u{206F}')
}

/// The combining marks the fast path composes: U+0300–U+036F but the grapheme joiner
/// U+034F, the one mark of the block with combining class 0 (a test checks this).
fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c) && c != '\u{34F}'
}

/// NFC by clusters; `None` when the text holds a character the fast path does not take.
fn compose_clusters(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut cluster: Vec<char> = Vec::new();
    while let Some(c) = chars.next() {
        if !is_stable(c) {
            return None;
        }
        // A base and its marks one at a time, through the table of pairs, while each pair
        // composes into one stable character.
        let mut base = c;
        while let Some(&mark) = chars.peek() {
            match composed_pair(base, mark) {
                Some(joined) => {
                    base = joined;
                    chars.next();
                }
                None => break,
            }
        }
        if !chars.peek().copied().is_some_and(is_mark) {
            out.push(base);
            continue;
        }
        // The rest of the cluster, by the general rule.
        cluster.clear();
        decompose_canonical(base, |d| cluster.push(d));
        while let Some(&mark) = chars.peek() {
            if !is_mark(mark) {
                break;
            }
            cluster.push(mark);
            chars.next();
        }
        compose_cluster(&mut cluster, &mut out)?;
    }
    Some(out)
}

/// A decomposed cluster (a base of class 0, then marks) in NFC: canonical order (a stable
/// sort by class), then canonical composition: a mark joins the base unless an earlier mark
/// left beside it has a class as high or higher. Appends it to `out`; `None` (and nothing
/// appended) if it is not such a cluster.
fn compose_cluster(cluster: &mut [char], out: &mut String) -> Option<()> {
    let (base, marks) = cluster.split_first_mut()?;
    if canonical_combining_class(*base) != 0 || marks.iter().any(|&m| !is_mark(m)) {
        return None;
    }
    marks.sort_by_key(|&m| canonical_combining_class(m));
    let mut composed = *base;
    let mut left: Vec<char> = Vec::new();
    let mut highest_left = 0;
    for &mark in marks.iter() {
        let class = canonical_combining_class(mark);
        let blocked = !left.is_empty() && highest_left >= class;
        match compose(composed, mark).filter(|_| !blocked) {
            Some(joined) => composed = joined,
            None => {
                left.push(mark);
                highest_left = highest_left.max(class);
            }
        }
    }
    out.push(composed);
    out.extend(left);
    Some(())
}

/// The marks of Vietnamese text (tones, circumflex, breve, horn), for the table of pairs.
const PAIR_MARKS: [char; 8] = [
    '\u{300}', '\u{301}', '\u{302}', '\u{303}', '\u{306}', '\u{309}', '\u{31B}', '\u{323}',
];

/// The bases in the table of pairs: U+0000–U+024F and U+1E00–U+1EFF.
const PAIR_BASES: usize = 0x250 + 0x100;

/// `base` followed by `mark` in NFC, when that is one stable character: a table of every
/// stable base below U+0250 or in U+1E00–U+1EFF with each of [`PAIR_MARKS`], made once by
/// [`compose_cluster`]. Composing a cluster pair by pair gives its NFC, since NFC gives
/// the same text for canonically equivalent texts, and `base mark` is equivalent to its NFC.
fn composed_pair(base: char, mark: char) -> Option<char> {
    let column = match mark {
        '\u{300}' => 0,
        '\u{301}' => 1,
        '\u{302}' => 2,
        '\u{303}' => 3,
        '\u{306}' => 4,
        '\u{309}' => 5,
        '\u{31B}' => 6,
        '\u{323}' => 7,
        _ => return None,
    };
    let row = match u32::from(base) {
        code @ 0..0x250 => code as usize,
        code @ 0x1E00..0x1F00 => code as usize - 0x1E00 + 0x250,
        _ => return None,
    };
    let code = PAIRS[row * PAIR_MARKS.len() + column];
    char::from_u32(code).filter(|_| code != 0)
}

static PAIRS: LazyLock<Vec<u32>> = LazyLock::new(|| {
    let base_of = |row: usize| match row {
        0..0x250 => row as u32,
        _ => (row - 0x250 + 0x1E00) as u32,
    };
    let mut table = vec![0; PAIR_BASES * PAIR_MARKS.len()];
    for (row, slots) in table.chunks_mut(PAIR_MARKS.len()).enumerate() {
        let Some(base) = char::from_u32(base_of(row)).filter(|&b| is_stable(b)) else {
            continue;
        };
        for (slot, &mark) in slots.iter_mut().zip(&PAIR_MARKS) {
            let mut cluster = Vec::new();
            decompose_canonical(base, |d| cluster.push(d));
            cluster.push(mark);
            let mut composed = String::new();
            if compose_cluster(&mut cluster, &mut composed).is_some()
                && let mut chars = composed.chars()
                && let (Some(one), None) = (chars.next(), chars.next())
                && is_stable(one)
            {
                *slot = u32::from(one);
            }
        }
    }
    table
});

#[cfg(test)]
mod tests {
    use super::*;

    /// Pseudo-random strings of letters, Vietnamese letters, marks in any order and a few
    /// other characters, checked against the general algorithm.
    #[test]
    fn same_as_the_general_algorithm() {
        let pool: Vec<char> = "aeiouyAEIOUYdDđĐâêôăơưÂÊÔĂƠƯáàảãạấềểễệé ,.\u{2000}\u{2001}ẛ\u{300}\u{301}\u{302}\u{303}\u{306}\u{309}\u{31B}\u{323}\u{327}\u{308}\u{34F}\u{345}ΩΐάＡ가각ᄀ\u{1161}"
            .chars()
            .collect();
        let mut state = 0x2545_f491_u32;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(state % 9) {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                text.push(pool[state as usize % pool.len()]);
            }
            let want: String = text.nfc().collect();
            assert_eq!(nfc(&text), want, "{text:?}");
        }
    }

    #[test]
    fn marks_are_the_block_but_the_grapheme_joiner() {
        for c in '\u{300}'..='\u{36F}' {
            assert_eq!(is_mark(c), canonical_combining_class(c) != 0, "{c:?}");
        }
    }

    #[test]
    fn vietnamese_nfd_composes() {
        let nfd: String = "Đảng bộ Văn phòng, thuỷ lợi".nfd().collect();
        assert_eq!(nfc(&nfd), "Đảng bộ Văn phòng, thuỷ lợi");
        assert!(matches!(nfc("Đảng bộ"), Cow::Borrowed(_)));
    }
}
