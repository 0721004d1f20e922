//! Lossy mojibake: a UTF-8 sequence with one byte lost (replaced by `?` or U+FFFD, turned
//! from NBSP into a space, or dropped), restored from the candidates that make the word
//! around it a valid Vietnamese syllable, the most frequent first. It only proposes a
//! sequence; whether it is undone is for [`rules`](super::rules). Works on the line taken
//! apart into characters (done only for lines with such a candidate). Part of `mojibake.rs`.

use super::Misreading;
use super::rules::{Lossy, Seq, plausible, syllable_letters};
use crate::decode::syllable_freq::SYLLABLE_COUNTS;

/// A line taken apart into characters, for [`LineChars::sequence`], which looks at the
/// whole word around a candidate. Filled once per line, on the first lossy candidate: the
/// scan itself walks the line's bytes (copying every line into arrays first cost a sixth of
/// a pass).
#[derive(Default)]
pub struct LineChars {
    /// Whether `chars` and `offsets` hold the line now being scanned.
    filled: bool,
    chars: Vec<char>,
    /// Where each character starts in the line, and the line's length after the last.
    offsets: Vec<usize>,
    /// How many characters the line has (the buffers may be longer).
    count: usize,
}

impl LineChars {
    /// A new line is being scanned: what was taken apart is stale.
    pub fn forget(&mut self) {
        self.filled = false;
    }

    fn fill(&mut self, line: &str) {
        if self.filled {
            return;
        }
        // (Filled in place, never cleared: the buffers only grow, to the longest line's
        // length in bytes, which no character count exceeds; pushing per character cost
        // a tenth of a pass of lossy mojibake.)
        let len = line.len();
        if self.chars.len() < len {
            self.chars.resize(len, '\0');
            self.offsets.resize(len + 1, 0);
        }
        let mut count = 0;
        let slots = self.chars.iter_mut().zip(self.offsets.iter_mut());
        for ((at, c), (char_slot, offset_slot)) in line.char_indices().zip(slots) {
            (*char_slot, *offset_slot) = (c, at);
            count += 1;
        }
        if let Some(end) = self.offsets.get_mut(count) {
            *end = len;
        }
        self.count = count;
        self.filled = true;
    }

    /// The lossy sequence (see [`sequence`](fn@sequence)) whose lead starts at byte `start` of `line`
    /// and whose continuations, one short, end at byte `end`, with its bounds in bytes.
    pub fn sequence(
        &mut self,
        line: &str,
        start: usize,
        end: usize,
        bytes: &[u8],
        misreading: &Misreading,
    ) -> Option<Seq> {
        self.fill(line);
        let (chars, offsets) = (
            self.chars.get(..self.count)?,
            self.offsets.get(..=self.count)?,
        );
        let i = offsets.binary_search(&start).ok()?;
        let j = offsets.binary_search(&end).ok()?;
        let mut seq = sequence(chars, i, j, bytes, misreading)?;
        seq.start = *offsets.get(seq.start)?;
        seq.end = *offsets.get(seq.end)?;
        Some(seq)
    }
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
fn sequence(
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

/// The rest of the word around characters `i..end`: what comes before and what comes
/// after, up to whitespace or ASCII punctuation (`LSO-NgÃ y` is the word `NgÃ y` after a
/// dateline code). `?` stays inside: it is what a lost byte left. No ASCII character is
/// ever part of a mojibake sequence, so no sequence is cut.
fn word_around(chars: &[char], i: usize, end: usize) -> (&[char], &[char]) {
    let word_start = chars[..i]
        .iter()
        .rposition(|&c| is_word_break(c))
        .map_or(0, |p| p + 1);
    let word_end = chars[end..]
        .iter()
        .position(|&c| is_word_break(c))
        .map_or(chars.len(), |p| end + p);
    (&chars[word_start..i], &chars[end..word_end])
}

/// Where the word around a lost byte ends (see [`word_around`]).
pub fn is_word_break(c: char) -> bool {
    c.is_whitespace() || (c.is_ascii_punctuation() && c != '?')
}
