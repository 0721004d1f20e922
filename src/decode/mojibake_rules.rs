//! When a sequence found by [`mojibake`](super) is taken for mojibake. Kept apart so the
//! rules can be read (and tuned) in one place; how lossy sequences are restored is in
//! [`lossy`](super::lossy).

use super::props::{is_alphabetic, is_lowercase, is_uppercase, props};
use crate::decode::scan::{char_at, char_before};
use crate::decode::syllable::is_vietnamese_syllable;
use unicode_normalization::char::compose;

/// How a sequence was recovered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lossy {
    /// All bytes were there.
    No,
    /// A lost byte restored: the only candidate making a valid Vietnamese syllable.
    Restored,
    /// A lost byte restored, but more than one candidate made a valid syllable.
    Ambiguous,
    /// A lost byte that nothing explains: the sequence becomes U+FFFD.
    Replacement,
    /// A lost NBSP restored outside Vietnamese (kept only inside a group of sequences).
    Other,
}

/// Bytes `start..end` of a line hold characters that map back to the UTF-8 bytes of
/// `decoded` (one character: a sequence is one lead byte and its continuation bytes).
#[derive(Clone, Copy, Debug)]
pub struct Seq {
    pub start: usize,
    pub end: usize,
    pub decoded: char,
    pub lossy: Lossy,
    /// Weak evidence (the lost byte left no trace, or a single space stood for it): the
    /// line must hold sure cases too.
    pub dropped: bool,
}

impl Seq {
    pub fn exact(start: usize, end: usize, decoded: char) -> Self {
        Seq {
            start,
            end,
            decoded,
            lossy: Lossy::No,
            dropped: false,
        }
    }
}

/// Characters that UTF-8 mojibake plausibly hides: letters of the scripts whose text is
/// misread this way, common symbols and punctuation, and C1 controls (the middle layer of
/// double encoding, `Ä\u{90}` for `Đ`; a lone sequence must still be a cased letter). Rare letters (IPA, Armenian, Cyrillic
/// supplements, Latin Extended-B but Vietnamese ơ ư) are left out: those are far more often
/// a coincidence (`É¿`, `Õ…`) than mojibake.
///
/// (Latin and Vietnamese letters first, inline: most mojibake is of them, and the scan asks
/// this of every sequence it finds.)
#[inline]
pub fn plausible(c: char) -> bool {
    ('\u{80}'..='\u{17F}').contains(&c)
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
        || plausible_beyond_latin(c)
}

/// [`plausible`] for the characters that are neither Latin-1 nor Latin Extended-A nor
/// Vietnamese letters.
fn plausible_beyond_latin(c: char) -> bool {
    matches!(c,
        '\u{80}'..='\u{17F}' | 'ƒ' | 'ˆ' | '˜' | 'Ơ' | 'ơ' | 'Ư' | 'ư' | '\u{218}'..='\u{21B}'
        | '\u{300}'..='\u{323}' | '\u{386}'..='\u{3CE}' | '\u{400}'..='\u{45F}' | 'Ґ' | 'ґ'
        | '\u{5D0}'..='\u{5EA}' | '\u{600}'..='\u{6FF}' | '\u{900}'..='\u{DFF}'
        | '\u{E00}'..='\u{E7F}' | '\u{1E00}'..='\u{1EFF}' | '\u{2000}'..='\u{206F}' | '₫' | '€'
        | '™' | '\u{2190}'..='\u{22FF}' | '\u{3000}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7A3}' | '\u{FEFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{1F300}'..='\u{1FAFF}')
}

fn is_latin(c: char) -> bool {
    c < '\u{250}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// Two or more adjacent sequences, or a complete sequence of three bytes or more: much
/// less ambiguous than a lone two-byte sequence.
pub fn is_strong(group: &[Seq]) -> bool {
    group.len() >= 2
        || group
            .iter()
            .any(|s| s.decoded.len_utf8() >= 3 && s.lossy == Lossy::No)
}

/// Whether a group of adjacent sequences is mojibake to undo. `stray_punctuation`: the
/// line holds windows-1252 punctuation outside any sequence.
/// `primary`: the group reads through windows-1252 alone. `relaxed`: the line holds sure
/// cases of the same misreading, so a lone sequence need not be primary nor share its line
/// with clean punctuation.
///
/// (Inline, with the lone sequences' rules out of line: the groups' rule is short, and
/// nearly every sequence of real mojibake is judged by it.)
#[inline]
pub fn accept_group(
    line: &str,
    group: &[Seq],
    primary: bool,
    stray_punctuation: bool,
    relaxed: bool,
) -> bool {
    let (Some(first), Some(last)) = (group.first(), group.last()) else {
        return false;
    };
    if is_strong(group) {
        // (An ASCII neighbour is one byte, and a byte below 0x80 is never part of another
        // character: groups, the common case, decode no neighbour.)
        let bytes = line.as_bytes();
        let byte_before = first.start.checked_sub(1).and_then(|at| bytes.get(at));
        let ascii_neighbour = [byte_before, bytes.get(last.end)]
            .iter()
            .flatten()
            .any(|b| b.is_ascii_alphabetic());
        // (is_latin first: it is cheap, and most letters are Latin.)
        let foreign = || {
            group
                .iter()
                .any(|s| !is_latin(s.decoded) && is_alphabetic(s.decoded))
        };
        return !(ascii_neighbour && foreign());
    }
    accept_lone(line, first, primary, stray_punctuation, relaxed)
}

/// [`accept_group`] for a lone two-byte (or lossy) sequence.
fn accept_lone(
    line: &str,
    first: &Seq,
    primary: bool,
    stray_punctuation: bool,
    relaxed: bool,
) -> bool {
    // (The neighbours are decoded from the line's bytes where the rules need them.)
    let prev = char_before(line, first.start);
    let prev2 = || {
        char_before(
            line,
            first.start.saturating_sub(prev.map_or(0, char::len_utf8)),
        )
    };
    // A lone two-byte (or lossy) sequence.
    match first.lossy {
        Lossy::Restored | Lossy::Ambiguous | Lossy::Replacement => {
            return relaxed || !first.dropped;
        }
        Lossy::Other => {
            let d = first.decoded;
            let latin = is_alphabetic(d) && is_latin(d);
            return (relaxed && latin) || (d == 'à' && prev.is_some_and(is_lowercase));
        }
        Lossy::No => {}
    }
    let d = first.decoded;
    if is_vietnamese_mark(d) {
        // Decomposed text misread (`baÌ‰y` for `bảy`): a tone or vowel mark on the letter
        // before it. Few clean texts hold `Ì` plus a windows-1252 symbol right after a letter
        // the mark composes with, so this is believed even beside clean punctuation.
        return prev.is_some_and(|p| compose(p, d).is_some());
    }
    if !relaxed && (!primary || stray_punctuation) {
        return false;
    }
    let lead = char_at(line, first.start);
    if lead == Some('Â') && ('\u{A0}'..='\u{BF}').contains(&d) {
        return true;
    }
    // (The properties of `d` and its neighbours are each read once: most lone sequences get
    // this far.)
    let d_props = props(d);
    let upper = d_props.uppercase;
    if !(upper || d_props.lowercase) {
        return false;
    }
    let cont = d
        .encode_utf8(&mut [0; 4])
        .as_bytes()
        .get(1)
        .copied()
        .unwrap_or(0);
    if cont == 0xA0 && !matches!(d, 'à' | 'Ơ') {
        return false;
    }
    // (A lone two-byte sequence is two characters: the lead and this one.)
    let cont_char = char_at(line, first.start + lead.map_or(1, char::len_utf8));
    let punctuation = (0x80..=0x9F).contains(&cont)
        && cont_char.is_some_and(|c| !is_alphabetic(c) && !c.is_control());
    let next = char_at(line, first.end).map(props);
    let same_case_next = || next.is_some_and(|n| n.alphabetic && n.uppercase == upper);
    if punctuation && !relaxed && !same_case_next() {
        return false;
    }
    let prev = prev.map(props);
    if upper {
        let after_lower = prev.is_some_and(|p| p.lowercase);
        let mid_word = prev.is_some_and(|p| p.alphabetic) && next.is_some_and(|n| n.lowercase);
        !(after_lower || mid_word)
    } else {
        let before_upper = next.is_some_and(|n| n.uppercase);
        let in_capitals = prev.is_some_and(|p| p.uppercase) && prev2().is_some_and(is_uppercase);
        !(before_upper || in_capitals)
    }
}

/// The combining marks of decomposed Vietnamese: the five tones, circumflex, breve, horn.
fn is_vietnamese_mark(c: char) -> bool {
    matches!(
        c,
        '\u{300}'
            | '\u{301}'
            | '\u{302}'
            | '\u{303}'
            | '\u{306}'
            | '\u{309}'
            | '\u{31B}'
            | '\u{323}'
    )
}

/// The letters of `word` (punctuation around it trimmed) when they are a valid syllable.
pub fn syllable_letters(word: &str) -> Option<&str> {
    let letters = word.trim_matches(|c: char| !is_alphabetic(c));
    // `tỐ`: a capital after a small letter is no restoration.
    let mut previous_lower = false;
    let mut case_breaks = false;
    for c in letters.chars() {
        case_breaks |= previous_lower && is_uppercase(c);
        previous_lower = is_lowercase(c);
    }
    (!letters.is_empty() && !case_breaks && is_vietnamese_syllable(letters)).then_some(letters)
}
