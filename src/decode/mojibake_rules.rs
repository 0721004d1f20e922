//! When a sequence found by [`mojibake`](super) is taken for mojibake, and how lossy
//! sequences are restored. Kept apart so the rules can be read (and tuned) in one place.

use super::Misreading;
use super::props::{is_alphabetic, is_lowercase, is_uppercase};
use super::quick::char_before;
use crate::decode::scan::char_at;
use crate::decode::syllable::is_vietnamese_syllable;
use crate::decode::syllable_freq::SYLLABLE_COUNTS;
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
pub fn plausible(c: char) -> bool {
    // (Latin and Vietnamese letters first: most mojibake is of them.)
    if ('\u{80}'..='\u{17F}').contains(&c) || ('\u{1E00}'..='\u{1EFF}').contains(&c) {
        return true;
    }
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

/// Whether a group of adjacent sequences is mojibake to undo. `stray_punctuation`: the
/// line holds windows-1252 punctuation outside any sequence.
/// `primary`: the group reads through windows-1252 alone. `relaxed`: the line holds sure
/// cases of the same misreading, so a lone sequence need not be primary nor share its line
/// with clean punctuation.
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
    let long = group
        .iter()
        .any(|s| s.decoded.len_utf8() >= 3 && s.lossy == Lossy::No);
    if group.len() >= 2 || long {
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
    let upper = is_uppercase(d);
    if !(upper || is_lowercase(d)) {
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
    let next = char_at(line, last.end);
    let same_case_next = next.is_some_and(|n| is_alphabetic(n) && is_uppercase(n) == upper);
    if punctuation && !same_case_next && !relaxed {
        return false;
    }
    if upper {
        let after_lower = prev.is_some_and(is_lowercase);
        let mid_word = prev.is_some_and(is_alphabetic) && next.is_some_and(is_lowercase);
        !(after_lower || mid_word)
    } else {
        let before_upper = next.is_some_and(is_uppercase);
        let in_capitals = prev.is_some_and(is_uppercase) && prev2().is_some_and(is_uppercase);
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

/// Bytes lost to mojibake, most frequent first in Vietnamese (ờ ề ọ ỏ Ố; Đ Á Í Ý).
const LOST_BYTES: [u8; 5] = [0x9D, 0x81, 0x8D, 0x8F, 0x90];

/// Lost bytes with one usual reading, for abbreviations and punctuation: `Đ` (`TTĐT`) and
/// the closing quote `”`, when the byte became `?` (U+FFFD stays U+FFFD, as in ftfy). Used
/// only in lines that hold sure mojibake too.
const USUAL_LOST: [(&[u8], u8); 2] = [(&[0xC4], 0x90), (&[0xE2, 0x80], 0x9D)];

/// A sequence with one byte missing at `j`: replaced by `?` or U+FFFD, turned from NBSP
/// into a space, or dropped. Restored when exactly the candidates that make the word a valid
/// Vietnamese syllable are found; U+FFFD when nothing explains it.
pub fn lossy(
    chars: &[char],
    i: usize,
    j: usize,
    bytes: &[u8],
    misreading: &Misreading,
) -> Option<Seq> {
    let damage = chars.get(j).copied();
    let (candidates, consumed): (&[u8], bool) = match damage {
        Some('?' | '\u{FFFD}') => (&LOST_BYTES, true),
        Some(' ') => (&[0xA0], true),
        _ => (&LOST_BYTES, false),
    };
    let mut end = if consumed { j + 1 } else { j };
    if !consumed && written_word_is_syllable(chars, i, j) {
        return None; // `VĂN` is a word, not `VÁN` with a byte lost
    }
    // A no-break space that became a space, or was dropped before a real space? Before a
    // letter both can be: the space belongs to the word when the joined word is a valid
    // syllable (`ĐẠ I` is `ĐẠI`, `hÃ nh` is `hành`), else it is a word break (`voilÃ le`).
    let space = damage == Some(' ');
    let word_follows = chars.get(j + 1).is_some_and(|c| !c.is_whitespace());
    if space
        && word_follows
        && let Some(decoded) = completed(bytes, 0xA0)
        && WordAround::new(chars, i, j + 1)
            .syllable_with(decoded, misreading)
            .is_none()
    {
        end = j;
    }
    // Weak evidence: the byte vanished without a trace, or a single space may be a real one.
    let weak = !consumed || (space && word_follows);
    let mut valid: Vec<(char, u32)> = Vec::new();
    let mut other = None;
    let mut word = None; // (put together for the first plausible candidate)
    for &byte in candidates {
        let Some(decoded) = completed(bytes, byte).filter(|&d| plausible(d)) else {
            continue;
        };
        let word = word.get_or_insert_with(|| WordAround::new(chars, i, end));
        if let Some(word) = word.syllable_with(decoded, misreading) {
            valid.push((decoded, frequency(&word)));
        } else if other.is_none() {
            other = Some(decoded);
        }
    }
    let seq = |end, decoded, lossy, dropped| Seq {
        start: i,
        end,
        decoded,
        lossy,
        dropped,
    };
    // The most frequent restoration wins (stable: ties keep LOST_BYTES order); it is
    // ambiguous unless it is at least ten times as frequent as the next one.
    valid.sort_by_key(|v| std::cmp::Reverse(v.1));
    if let Some(&(decoded, count)) = valid.first() {
        let runner_up = valid.get(1).map(|v| v.1);
        let clear = runner_up.is_none_or(|second| count >= 10 * second.max(1));
        let lossy = if clear {
            Lossy::Restored
        } else {
            Lossy::Ambiguous
        };
        return Some(seq(end, decoded, lossy, weak));
    }
    // No syllable to judge by (`TTÄ?T`, `â€?`): the one reading that is common.
    if damage == Some('?')
        && let Some(&(_, byte)) = USUAL_LOST.iter().find(|(prefix, _)| *prefix == bytes)
        && let Some(decoded) = completed(bytes, byte)
    {
        return Some(seq(end, decoded, Lossy::Restored, true));
    }
    match damage {
        Some('\u{FFFD}') => Some(seq(end, '\u{FFFD}', Lossy::Replacement, false)),
        // A lost NBSP outside Vietnamese: keep the space when it was a word break.
        Some(' ') => other.map(|decoded| seq(j, decoded, Lossy::Other, false)),
        _ => None,
    }
}

/// The character `bytes` followed by `last` encode in UTF-8, if they are one.
fn completed(bytes: &[u8], last: u8) -> Option<char> {
    let mut buffer = [0u8; 4];
    let full = buffer.get_mut(..=bytes.len())?;
    full[..bytes.len()].copy_from_slice(bytes);
    full[bytes.len()] = last;
    let mut decoded = std::str::from_utf8(full).ok()?.chars();
    decoded.next().filter(|_| decoded.next().is_none())
}

/// How often `word` occurs in the headline sample (0 when it does not).
fn frequency(word: &str) -> u32 {
    let lower = word.to_lowercase();
    SYLLABLE_COUNTS
        .binary_search_by(|(w, _)| (*w).cmp(lower.as_str()))
        .map_or(0, |i| SYLLABLE_COUNTS[i].1)
}

/// The rest of the whitespace-delimited word around a lossy sequence, as written and (once
/// asked for) mapped back through the misreading. The candidates for the lost byte are all
/// tried in the same word, so its parts are put together once, not per candidate.
struct WordAround<'a> {
    before: &'a [char],
    after: &'a [char],
    as_written: (String, String),
    /// `None` until needed; then `Some(None)` when no neighbour maps to a byte of its own.
    mapped_back: Option<Option<(String, String)>>,
    /// The word being tried.
    word: String,
}

impl<'a> WordAround<'a> {
    /// The word around characters `i..end` of `chars`.
    fn new(chars: &'a [char], i: usize, end: usize) -> Self {
        let (before, after) = word_around(chars, i, end);
        WordAround {
            before,
            after,
            as_written: (before.iter().collect(), after.iter().collect()),
            mapped_back: None,
            word: String::with_capacity(4 * (before.len() + after.len() + 1)),
        }
    }

    /// The word with `decoded` in the sequence's place, when it is a valid Vietnamese
    /// syllable: either with its other characters as they are (already repaired), or with
    /// them mapped back through the misreading (still mojibake).
    fn syllable_with(&mut self, decoded: char, misreading: &Misreading) -> Option<String> {
        let (before, after) = &self.as_written;
        if let Some(word) = syllable_letters(joined(&mut self.word, before, decoded, after)) {
            return Some(word.to_string());
        }
        let (before, after) = (self.before, self.after);
        let mapped_back = self.mapped_back.get_or_insert_with(|| {
            // Mapped back, the word differs only when a neighbour maps to a byte of its own.
            let mappable = |part: &[char]| {
                part.iter()
                    .any(|&c| !c.is_ascii() && misreading.byte(c).is_some())
            };
            (mappable(before) || mappable(after))
                .then(|| (remap(before, misreading), remap(after, misreading)))
        });
        let (before, after) = mapped_back.as_ref()?;
        syllable_letters(joined(&mut self.word, before, decoded, after)).map(str::to_string)
    }
}

/// `word`, cleared and filled with `before`, `decoded` and `after`.
fn joined<'w>(word: &'w mut String, before: &str, decoded: char, after: &str) -> &'w str {
    word.clear();
    word.push_str(before);
    word.push(decoded);
    word.push_str(after);
    word
}

/// `part` mapped back through the misreading, read as UTF-8 (invalid bytes replaced).
fn remap(part: &[char], misreading: &Misreading) -> String {
    let mut bytes = Vec::new();
    for c in part {
        match misreading.byte(*c) {
            Some(b) => bytes.push(b),
            None => bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Whether the word around `i..j`, as written, is a valid Vietnamese syllable.
fn written_word_is_syllable(chars: &[char], i: usize, j: usize) -> bool {
    let (before, after) = word_around(chars, i, j);
    let mut word = String::with_capacity(4 * (before.len() + after.len() + j - i));
    word.extend(before.iter().chain(&chars[i..j]).chain(after));
    syllable_letters(&word).is_some()
}

/// The rest of the whitespace-delimited word around characters `i..end`: what comes before
/// and what comes after.
fn word_around(chars: &[char], i: usize, end: usize) -> (&[char], &[char]) {
    let word_start = chars[..i]
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(0, |p| p + 1);
    let word_end = chars[end..]
        .iter()
        .position(|c| c.is_whitespace())
        .map_or(chars.len(), |p| end + p);
    (&chars[word_start..i], &chars[end..word_end])
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
