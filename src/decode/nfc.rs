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

/// The combining marks the fast path composes.
fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c) && canonical_combining_class(c) != 0
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
        if !chars.peek().copied().is_some_and(is_mark) {
            out.push(c);
            continue;
        }
        cluster.clear();
        decompose_canonical(c, |d| cluster.push(d));
        while let Some(&mark) = chars.peek() {
            if !is_mark(mark) {
                break;
            }
            cluster.push(mark);
            chars.next();
        }
        let (base, marks) = cluster.split_first_mut()?;
        if canonical_combining_class(*base) != 0 || marks.iter().any(|&m| !is_mark(m)) {
            return None;
        }
        // Canonical order (a stable sort by class), then canonical composition: a mark joins
        // the base unless an earlier mark left beside it has a class as high or higher.
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
    }
    Some(out)
}

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
    fn vietnamese_nfd_composes() {
        let nfd: String = "Đảng bộ Văn phòng, thuỷ lợi".nfd().collect();
        assert_eq!(nfc(&nfd), "Đảng bộ Văn phòng, thuỷ lợi");
        assert!(matches!(nfc("Đảng bộ"), Cow::Borrowed(_)));
    }
}
