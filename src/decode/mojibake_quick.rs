//! The quick looks that let a pass leave a line alone without taking it apart into
//! characters: whether it may hold a sequence of a misreading at all, and whether it reads
//! as good Vietnamese already. Part of `mojibake.rs`, used by [`line`](super::line).

use super::Misreading;
use super::maps::{char_at, char_before};
use super::rules;
use crate::decode::scan::next_pair;
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
/// syllable as written (`rules::lossy` asks that first): a capital such as `Đ` in `Đảng`
/// is no sequence.
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

/// Whether the whitespace-delimited word around bytes `start..end` of `line`, as written,
/// is a valid syllable (what `rules::lossy` asks of the same characters).
fn word_is_syllable(line: &str, start: usize, end: usize) -> bool {
    let (Some(head), Some(tail)) = (line.get(..start), line.get(end..)) else {
        return false;
    };
    let word_start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word_end = tail
        .find(char::is_whitespace)
        .map_or(line.len(), |p| end + p);
    line.get(word_start..word_end)
        .and_then(rules::syllable_letters)
        .is_some()
}

/// A line that is already good Vietnamese is not mojibake, whatever it contains. Words are
/// split at whitespace only (mojibake fragments such as `chÃ` in `chÃ¢u` must not pass).
pub fn reads_as_vietnamese(line: &str) -> bool {
    let (mut non_ascii, mut valid) = (0usize, 0usize);
    for word in line.split_whitespace() {
        let word = word.trim_matches(|c: char| c.is_ascii_punctuation() || "“”‘’…–—«»".contains(c));
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
