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

/// Buffers reused from line to line: a line's characters, and where each starts in it (one
/// more: its end).
#[derive(Default)]
pub struct Scratch {
    chars: Vec<char>,
    starts: Vec<usize>,
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
    let Scratch { chars, starts } = scratch;
    chars.clear();
    starts.clear();
    for (at, c) in line.char_indices() {
        chars.push(c);
        starts.push(at);
    }
    starts.push(line.len());
    let chars = chars.as_slice();
    let seqs = find_sequences(chars, misreading);
    let has_c1 = seqs.iter().any(|s| {
        chars[s.start..s.end]
            .iter()
            .any(|c| ('\u{80}'..='\u{9F}').contains(c))
    });
    if seqs.is_empty() || (!has_c1 && reads_as_vietnamese(line)) {
        return None;
    }
    let stray_punctuation = has_stray_punctuation(chars, &seqs, misreading);
    // Each group with whether it reads through the first encoding alone ("primary") and
    // whether it passes the strict rules.
    let groups: Vec<(&[Seq], bool, bool)> = group_adjacent(&seqs)
        .into_iter()
        .map(|g| {
            let primary = !g.iter().any(|s| {
                chars[s.start..s.end]
                    .iter()
                    .any(|&c| misreading.is_second_only(c))
            });
            (
                g,
                primary,
                accept_group(chars, g, primary, stray_punctuation, false),
            )
        })
        .collect();
    // Evidence: groups that are mojibake beyond doubt, and lone sequences that decode to a
    // letter fitting its place. With two of them in the line, every sequence of the same
    // misreading is believed.
    let letter_like = |g: &[Seq]| accept_group(chars, g, true, false, false);
    let evidence = groups
        .iter()
        .filter(|&&(g, _, strict)| if is_strong(g) { strict } else { letter_like(g) })
        .count();
    let secondary = misreading.name != "windows-1252";
    if secondary && evidence < 2 {
        return None;
    }
    let mut fix = LineFix {
        ambiguous: false,
        second: false,
    };
    let mut accepted: Vec<&Seq> = Vec::new();
    for &(group, primary, strict) in &groups {
        let relaxed = || {
            (evidence >= 2 || document_evidence) && accept_group(chars, group, primary, false, true)
        };
        if strict || relaxed() {
            accepted.extend(group.iter());
            fix.second |= !primary;
        }
    }
    if accepted.is_empty() {
        return None;
    }
    let mut copied = 0; // bytes of the line copied or replaced so far
    for seq in accepted {
        out.push_str(&line[copied..starts[seq.start]]);
        out.push(seq.decoded);
        fix.ambiguous |= seq.lossy == rules::Lossy::Ambiguous;
        copied = starts[seq.end];
    }
    out.push_str(&line[copied..]);
    Some(fix)
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

/// Sequences split into groups of adjacent ones.
fn group_adjacent(seqs: &[Seq]) -> Vec<&[Seq]> {
    let mut groups = Vec::new();
    let mut start = 0;
    while start < seqs.len() {
        let mut end = start + 1;
        while end < seqs.len() && seqs[end].start == seqs[end - 1].end {
            end += 1;
        }
        groups.push(&seqs[start..end]);
        start = end;
    }
    groups
}

/// Two or more adjacent sequences, or a complete sequence of three bytes or more.
fn is_strong(group: &[Seq]) -> bool {
    group.len() >= 2
        || group
            .iter()
            .any(|s| s.decoded.len_utf8() >= 3 && s.lossy == rules::Lossy::No)
}

/// Every place where characters map back to a complete (or lossy) UTF-8 sequence.
fn find_sequences(chars: &[char], misreading: &Misreading) -> Vec<Seq> {
    let mut seqs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(lead @ 0xC2..=0xF4) = misreading.byte(chars[i]) else {
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
            match std::str::from_utf8(bytes).map(|d| d.chars().next()) {
                Ok(Some(decoded)) if plausible(decoded) => Some(Seq::exact(i, j, decoded)),
                _ => None,
            }
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
    seqs
}

/// Whether the line holds windows-1252 punctuation (`–`, `’`, `“`…) outside any sequence:
/// then it is partly correct text, and lone two-byte sequences are left alone.
fn has_stray_punctuation(chars: &[char], seqs: &[Seq], misreading: &Misreading) -> bool {
    // The sequences are in order and do not overlap: the stretches between them are outside.
    let mut outside_start = 0;
    let ends = seqs.iter().map(|s| (s.start, s.end));
    for (start, end) in ends.chain([(chars.len(), chars.len())]) {
        let stray = chars[outside_start..start]
            .iter()
            .any(|&c| !c.is_alphanumeric() && matches!(misreading.byte(c), Some(0x80..=0x9F)));
        if stray {
            return true;
        }
        outside_start = end;
    }
    false
}
