//! The quick looks that spare the full scan: whether a text may hold mojibake at all (most
//! text is clean), and, per line, whether it may hold a sequence of a misreading and
//! whether it reads as good Vietnamese already, so a pass can leave it alone without taking
//! it apart into characters. Part of `mojibake.rs`.

use std::sync::LazyLock;

use super::lossy::is_word_break;
use super::rules;
use super::{MISREADINGS, Misreading};
use crate::decode::byte_positions::PairPositions;
use crate::decode::scan::{ByteSet, byte_set, char_at, char_before, next_pair};
use crate::decode::syllable::is_vietnamese_syllable;

/// Whether `line::find_sequences` may find something in `line`: a character that maps to a
/// lead byte followed by the continuation bytes a lossy sequence has at least (none after a
/// two-byte lead, one after a three-byte one, two after a four-byte one). Repaired lines
/// seldom have one, so the rounds after a repair pass over them without taking them apart.
///
/// Each character is judged by itself and its neighbours alone, so only the places
/// [`Misreading::may_start_sequence`] finds in a fast scan over the bytes are looked at (a
/// character-by-character walk costs several times as much, on every line of every round).
pub fn may_hold_sequence(line: &str, misreading: &Misreading) -> bool {
    let bytes = line.as_bytes();
    let mut from = 0;
    while let Some(k) = next_pair(bytes, from, |x, y| misreading.may_start_sequence(x, y)) {
        if lone_lead_at(line, k, misreading) || continuation_at(line, k + 1, misreading) {
            return true;
        }
        from = k + 1;
    }
    false
}

/// Whether the character at byte `at` maps to a two-byte lead that may begin a sequence: it
/// is followed by a continuation, or by what a lost byte leaves (`?`, U+FFFD, a space);
/// before anything else (a letter, the line's end) it is lossy only in a word that is no
/// syllable as written (`lossy::sequence` asks that first): a capital such as `Đ` in
/// `Đảng` is no sequence.
fn lone_lead_at(line: &str, at: usize, misreading: &Misreading) -> bool {
    let Some(c) = char_at(line, at) else {
        return false; // (not a character's first byte)
    };
    if !matches!(misreading.mapped(c).byte(), 0xC2..=0xDF) {
        return false;
    }
    let end = at + c.len_utf8();
    match char_at(line, end) {
        Some(next)
            if matches!(misreading.mapped(next).byte(), 0x80..=0xBF)
                || matches!(next, '?' | '\u{FFFD}' | ' ') =>
        {
            true
        }
        _ => !word_is_syllable(line, at, end),
    }
}

/// Whether the character at byte `at` maps to a continuation byte that completes the
/// continuations a lossy sequence has at least: after a three-byte lead, or after a
/// continuation after a four-byte lead.
fn continuation_at(line: &str, at: usize, misreading: &Misreading) -> bool {
    let byte_of = |c: Option<char>| c.map_or(0, |c| misreading.mapped(c).byte());
    let Some(c) = char_at(line, at) else {
        return false;
    };
    if !matches!(byte_of(Some(c)), 0x80..=0xBF) {
        return false;
    }
    let previous = char_before(line, at);
    match byte_of(previous) {
        0xE0..=0xEF => true,
        0x80..=0xBF => {
            let previous_start = at - previous.map_or(0, char::len_utf8);
            matches!(byte_of(char_before(line, previous_start)), 0xF0..=0xF4)
        }
        _ => false,
    }
}

/// Whether the word around bytes `start..end` of `line`, as written, is a valid syllable
/// (what `lossy::sequence` asks of the same characters, with the same word ends).
fn word_is_syllable(line: &str, start: usize, end: usize) -> bool {
    let (Some(head), Some(tail)) = (line.get(..start), line.get(end..)) else {
        return false;
    };
    let word_start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| is_word_break(c))
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word_end = tail.find(is_word_break).map_or(line.len(), |p| end + p);
    line.get(word_start..word_end)
        .and_then(rules::syllable_letters)
        .is_some()
}

/// A line that is already good Vietnamese is not mojibake, whatever it contains. Words are
/// split at whitespace only (mojibake fragments such as `chÃ` in `chÃ¢u` must not pass).
pub fn reads_as_vietnamese(line: &str) -> bool {
    let (mut non_ascii, mut valid) = (0usize, 0usize);
    for word in line.split_whitespace() {
        let word = word.trim_matches(|c: char| {
            c.is_ascii_punctuation()
                || matches!(c, '“' | '”' | '‘' | '’' | '…' | '–' | '—' | '«' | '»')
        });
        if word.is_ascii() {
            continue;
        }
        non_ascii += 1;
        if is_vietnamese_syllable(word) {
            valid += 1;
        } else if non_ascii - valid > 3 && (non_ascii - valid) * 20 > non_ascii {
            return false; // mojibake: the invalid words come early and often
        }
    }
    non_ascii >= 3 && valid * 100 >= non_ascii * 95
}

/// Characters that begin a UTF-8 sequence when read back through any misreading (bytes
/// C2–F4), and characters that continue one (bytes 80–BF), for the quick check below.
static CHAR_CLASSES: LazyLock<CharClasses> = LazyLock::new(|| {
    // What `may_hold_mojibake` stops at: `?`, U+FFFD (EF BF BD), and the first bytes of
    // continuation characters (added below); for `Ã`/`Æ` before a space, their last bytes.
    let mut classes = CharClasses {
        table: [0; TABLE],
        other: Vec::new(),
        stops: byte_set(&[b'?', 0xEF, 0x83, 0x86], 0),
    };
    for misreading in MISREADINGS.iter() {
        for (c, byte) in misreading.pairs() {
            let class = match byte {
                0xC2..=0xF4 => LEAD,
                0x80..=0xBF => CONTINUATION,
                _ => 0,
            };
            match usize::try_from(u32::from(c)) {
                Ok(i) if i < TABLE => classes.table[i] |= class,
                _ => classes.other.push((c, class)),
            }
            if class == CONTINUATION {
                let first = c.encode_utf8(&mut [0; 4]).as_bytes()[0];
                classes.stops[usize::from(first)] = true;
            }
        }
    }
    classes.other.sort_unstable();
    classes
});

const LEAD: u8 = 1;
const CONTINUATION: u8 = 2;

/// Characters below this have their class in a table (Latin-1, Latin Extended-A and -B,
/// spacing modifiers); the rest are looked up in a sorted list.
const TABLE: usize = 0x300;

/// Whether a character reads back as a lead or a continuation byte in some misreading
/// (cheaper than hashing every character).
struct CharClasses {
    table: [u8; TABLE],
    other: Vec<(char, u8)>,
    /// The bytes where a pair may be completed.
    stops: ByteSet,
}

impl CharClasses {
    fn of(&self, c: char) -> u8 {
        let code = u32::from(c);
        if let Some(&class) = self.table.get(code as usize) {
            return class;
        }
        if (0x1E00..=0x1EFF).contains(&code) {
            return 0; // Vietnamese letters: no single-byte code page has them
        }
        let found = self.other.binary_search_by(|(k, _)| k.cmp(&c));
        let mut class = 0;
        if let Ok(i) = found {
            // A character may be listed twice (a lead in one misreading, a continuation in another).
            let start = self.other[..i]
                .iter()
                .rposition(|(k, _)| *k != c)
                .map_or(0, |p| p + 1);
            for (_, bits) in self.other[start..].iter().take_while(|(k, _)| *k == c) {
                class |= bits;
            }
        }
        class
    }
}

/// A quick look for what every sure kind of mojibake leaves: a lead character followed by a
/// continuation character, `?`, U+FFFD, or (for `Ã`/`Æ`, whose NBSP became one) a space.
/// Clean text seldom has such a pair, so it skips the full scan. (Bytes dropped without a
/// trace are only restored in documents with sure cases, which pass this check.)
pub fn may_hold_mojibake(text: &str) -> bool {
    next_mojibake_hint(text, 0).is_some()
}

/// Where [`may_hold_mojibake`] finds its pair at or after byte `from`: the byte after the pair's
/// first character.
pub fn next_mojibake_hint(text: &str, from: usize) -> Option<usize> {
    let classes = &*CHAR_CLASSES;
    let bytes = text.as_bytes();
    // Only the characters that may complete a pair are looked at, each with the character
    // before it; a fast search for their bytes passes over the rest (ASCII letters, the
    // Vietnamese letters, whose first bytes C3 and E1 start no continuation character, and
    // any character after an ASCII one, since every pair begins with a non-ASCII character).
    // They are found 32 pairs at a time: Vietnamese text has one every hundred bytes or so
    // (`đư`, `ươ`), and a search started afresh after each costs more than the look.
    let stops = &classes.stops;
    let completing = |before: u8, b: u8| (before >= 0x80) & stops[usize::from(b)];
    for at in PairPositions::new(bytes, from.saturating_sub(1), completing).map(|k| k + 1) {
        // `Ã` (C3 83) or `Æ` (C3 86) before a space: stopped at their last byte.
        if matches!(bytes[at], 0x83 | 0x86) {
            if bytes[at - 1] == 0xC3 && bytes.get(at + 1) == Some(&b' ') {
                return Some(at);
            }
            continue;
        }
        let Some(c) = char_at(text, at) else {
            continue;
        };
        let completes = match c {
            '?' | '\u{FFFD}' => true,
            c => !c.is_ascii() && classes.of(c) & CONTINUATION != 0,
        };
        // (The character before is decoded only for a character that completes a pair.)
        if completes
            && let Some(previous) = char_before(text, at)
            && !previous.is_ascii()
            && classes.of(previous) & LEAD != 0
        {
            return Some(at);
        }
    }
    None
}
