//! One line, one misreading: finds the places where characters map back to UTF-8
//! sequences, decides which of them are mojibake (with [`rules`](super::rules)), and writes
//! the repaired line. Part of `mojibake.rs`; it knows nothing of rounds or documents beyond
//! the `document_evidence` flag it is given.

use super::Misreading;
use super::rules::{self, Seq, accept_group, plausible};
use crate::decode::syllable::is_vietnamese_syllable;

/// What a repaired line used.
pub struct LineFix {
    /// A restored lossy sequence had more than one valid reading.
    pub ambiguous: bool,
    /// A fix used a character of the misreading's second encoding.
    pub second: bool,
}

/// Buffers reused from line to line and pass to pass: a line's characters, the sequences
/// found in it, and its groups of adjacent sequences.
#[derive(Default)]
pub struct Scratch {
    chars: Vec<char>,
    seqs: Vec<Seq>,
    groups: Vec<Group>,
}

/// Adjacent sequences `seqs[start..end]`, with whether they read through the first encoding
/// alone ("primary"), pass the strict rules, and are undone.
struct Group {
    start: usize,
    end: usize,
    primary: bool,
    strict: bool,
    accepted: bool,
}

/// Repairs `line` through `misreading`, appending the repaired line to `out`; `None` (and
/// nothing appended) when the line is left as it is. `document_evidence`: other lines of the
/// document were fixed with this misreading already.
pub fn fix_line(
    line: &str,
    misreading: &Misreading,
    document_evidence: bool,
    scratch: &mut Scratch,
    out: &mut String,
) -> Option<LineFix> {
    if !may_hold_sequence(line, misreading) {
        return None;
    }
    let Scratch {
        chars,
        seqs,
        groups,
    } = scratch;
    chars.clear();
    chars.extend(line.chars());
    let chars = chars.as_slice();
    let stray_punctuation = find_sequences(chars, misreading, seqs);
    let seqs = seqs.as_slice();
    let has_c1 = seqs.iter().any(|s| {
        chars[s.start..s.end]
            .iter()
            .any(|c| ('\u{80}'..='\u{9F}').contains(c))
    });
    if seqs.is_empty() || (!has_c1 && reads_as_vietnamese(line)) {
        return None;
    }
    group_adjacent(seqs, groups);
    for group in groups.iter_mut() {
        let g = &seqs[group.start..group.end];
        group.primary = !g.iter().any(|s| {
            chars[s.start..s.end]
                .iter()
                .any(|&c| misreading.is_second_only(c))
        });
        group.strict = accept_group(chars, g, group.primary, stray_punctuation, false);
    }
    // Evidence: groups that are mojibake beyond doubt, and lone sequences that decode to a
    // letter fitting its place. With two of them in the line, every sequence of the same
    // misreading is believed. (A primary group in a line without stray punctuation was
    // judged by the same rules already.)
    let letter_like = |group: &Group| {
        let g = &seqs[group.start..group.end];
        if group.primary && !stray_punctuation {
            group.strict
        } else {
            accept_group(chars, g, true, false, false)
        }
    };
    let evidence = groups
        .iter()
        .filter(|&group| {
            if is_strong(&seqs[group.start..group.end]) {
                group.strict
            } else {
                letter_like(group)
            }
        })
        .count();
    let secondary = misreading.name != "windows-1252";
    if secondary && evidence < 2 {
        return None;
    }
    let mut fix = LineFix {
        ambiguous: false,
        second: false,
    };
    let mut any = false;
    for group in groups.iter_mut() {
        let g = &seqs[group.start..group.end];
        let relaxed = || {
            (evidence >= 2 || document_evidence)
                && accept_group(chars, g, group.primary, false, true)
        };
        group.accepted = group.strict || relaxed();
        any |= group.accepted;
        fix.second |= group.accepted && !group.primary;
    }
    if !any {
        return None;
    }
    // Byte offsets are counted along the characters, from one sequence to the next.
    let byte_len =
        |from: usize, to: usize| -> usize { chars[from..to].iter().map(|c| c.len_utf8()).sum() };
    let (mut copied, mut copied_chars) = (0, 0); // bytes and characters of the line done
    for group in groups.iter().filter(|g| g.accepted) {
        for seq in &seqs[group.start..group.end] {
            let start = copied + byte_len(copied_chars, seq.start);
            out.push_str(&line[copied..start]);
            out.push(seq.decoded);
            fix.ambiguous |= seq.lossy == rules::Lossy::Ambiguous;
            copied = start + byte_len(seq.start, seq.end);
            copied_chars = seq.end;
        }
    }
    out.push_str(&line[copied..]);
    Some(fix)
}

/// Whether [`find_sequences`] may find something in `line`: a character that maps to a lead
/// byte followed by the continuation bytes a lossy sequence has at least (none after a
/// two-byte lead, one after a three-byte one, two after a four-byte one). Repaired lines
/// seldom have one, so the rounds after a repair pass over them without taking them apart.
fn may_hold_sequence(line: &str, misreading: &Misreading) -> bool {
    let byte_of = |c: char| {
        if c.is_ascii() {
            0
        } else {
            misreading.byte(c).unwrap_or(0)
        }
    };
    // What the previous two characters map to (0: not a lead or continuation byte).
    let (mut before, mut previous) = (0u8, 0u8);
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let byte = byte_of(c);
        let continuation = (0x80..=0xBF).contains(&byte);
        let found = match byte {
            // A two-byte lead followed by a continuation, or by what a lost byte leaves
            // (`?`, U+FFFD, a space); before anything else (a letter, the line's end) it is
            // lossy only in a word that is no syllable as written (`rules::lossy` asks
            // that first): a capital such as `Đ` in `Đảng` is no sequence.
            0xC2..=0xDF => match chars.peek() {
                Some(&(_, next))
                    if (0x80..=0xBF).contains(&byte_of(next))
                        || matches!(next, '?' | '\u{FFFD}' | ' ') =>
                {
                    true
                }
                _ => !word_is_syllable(line, at, at + c.len_utf8()),
            },
            _ if continuation => {
                matches!(previous, 0xE0..=0xEF)
                    || (matches!(previous, 0x80..=0xBF) && matches!(before, 0xF0..=0xF4))
            }
            _ => false,
        };
        if found {
            return true;
        }
        (before, previous) = (previous, byte);
    }
    false
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
fn reads_as_vietnamese(line: &str) -> bool {
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

/// Sequences split into groups of adjacent ones (in `groups`, cleared first).
fn group_adjacent(seqs: &[Seq], groups: &mut Vec<Group>) {
    groups.clear();
    let mut start = 0;
    while start < seqs.len() {
        let mut end = start + 1;
        while end < seqs.len() && seqs[end].start == seqs[end - 1].end {
            end += 1;
        }
        groups.push(Group {
            start,
            end,
            primary: true,
            strict: false,
            accepted: false,
        });
        start = end;
    }
}

/// Two or more adjacent sequences, or a complete sequence of three bytes or more.
fn is_strong(group: &[Seq]) -> bool {
    group.len() >= 2
        || group
            .iter()
            .any(|s| s.decoded.len_utf8() >= 3 && s.lossy == rules::Lossy::No)
}

/// Every place where characters map back to a complete (or lossy) UTF-8 sequence (in
/// `seqs`, cleared first). Returns whether the line holds windows-1252 punctuation (`–`,
/// `’`, `“`…) outside every sequence: then it is partly correct text, and lone two-byte
/// sequences are left alone.
fn find_sequences(chars: &[char], misreading: &Misreading, seqs: &mut Vec<Seq>) -> bool {
    seqs.clear();
    let mut stray_punctuation = false;
    let mut i = 0;
    while i < chars.len() {
        // (Every character outside the sequences found is looked at here once.)
        let byte = misreading.byte(chars[i]);
        let Some(lead @ 0xC2..=0xF4) = byte else {
            stray_punctuation |= matches!(byte, Some(0x80..=0x9F)) && !chars[i].is_alphanumeric();
            i += 1;
            continue;
        };
        let need = match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let (mut buffer, mut len) = ([lead, 0, 0, 0], 1);
        let mut j = i + 1;
        while len < need {
            match chars.get(j).and_then(|&c| misreading.byte(c)) {
                Some(b @ 0x80..=0xBF) => buffer[len] = b,
                _ => break,
            }
            len += 1;
            j += 1;
        }
        let bytes = &buffer[..len];
        let seq = if len == need {
            // One lead byte and its continuation bytes: one character when valid.
            decode_utf8(bytes)
                .filter(|&d| plausible(d))
                .map(|decoded| Seq::exact(i, j, decoded))
        } else if len + 1 == need {
            rules::lossy(chars, i, j, bytes, misreading)
        } else {
            None
        };
        match seq {
            Some(seq) => {
                i = seq.end;
                seqs.push(seq);
            }
            None => i += 1,
        }
    }
    stray_punctuation
}

/// The character of a UTF-8 sequence: one lead byte and its continuation bytes, valid (not
/// overlong, no surrogate, at most U+10FFFF). What `str::from_utf8` says, without its setup.
fn decode_utf8(bytes: &[u8]) -> Option<char> {
    let (&lead, rest) = bytes.split_first()?;
    let (need, bits, least) = match lead {
        0xC2..=0xDF => (2, lead & 0x1F, 0x80),
        0xE0..=0xEF => (3, lead & 0x0F, 0x800),
        0xF0..=0xF4 => (4, lead & 0x07, 0x1_0000),
        _ => return None,
    };
    if bytes.len() != need || rest.iter().any(|&b| b & 0xC0 != 0x80) {
        return None;
    }
    let code = rest
        .iter()
        .fold(u32::from(bits), |code, &b| code << 6 | u32::from(b & 0x3F));
    char::from_u32(code).filter(|_| code >= least)
}
