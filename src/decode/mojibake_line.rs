//! One line, one misreading: finds the places where characters map back to UTF-8
//! sequences, decides which of them are mojibake (with [`rules`](super::rules)), and writes
//! the repaired line. Part of `mojibake.rs`; it knows nothing of rounds or documents beyond
//! the `document_evidence` flag it is given.

use super::Misreading;
use super::lossy::LineChars;
use super::quick::{may_hold_sequence, reads_as_vietnamese};
use super::rules::{self, Seq, accept_group, is_strong, plausible};
use crate::decode::scan::char_at;

/// What a repaired line used.
pub struct LineFix {
    /// A restored lossy sequence had more than one valid reading.
    pub ambiguous: bool,
    /// A fix used a character of the misreading's second encoding.
    pub second: bool,
}

/// Buffers reused from line to line and pass to pass: the sequences found in a line, its
/// groups of adjacent sequences, and the line taken apart into characters (only for the rare
/// lossy candidates).
#[derive(Default)]
pub struct Scratch {
    seqs: Vec<Seq>,
    groups: Vec<Group>,
    chars: LineChars,
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
        seqs,
        groups,
        chars,
    } = scratch;
    let found = find_sequences(line, misreading, seqs, groups, chars);
    let stray_punctuation = found.stray_punctuation;
    let seqs = seqs.as_slice();
    if seqs.is_empty() || (!found.has_c1 && reads_as_vietnamese(line)) {
        return None;
    }
    // Evidence: groups that are mojibake beyond doubt, and lone sequences that decode to a
    // letter fitting its place. With two of them in the line, every sequence of the same
    // misreading is believed. (A primary group in a line without stray punctuation was
    // judged by the same rules already.)
    let mut evidence = 0;
    for group in groups.iter_mut() {
        let g = &seqs[group.start..group.end];
        group.strict = accept_group(line, g, group.primary, stray_punctuation, false);
        let counts = if is_strong(g) || (group.primary && !stray_punctuation) {
            group.strict
        } else {
            accept_group(line, g, true, false, false)
        };
        evidence += usize::from(counts);
    }
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
                && accept_group(line, g, group.primary, false, true)
        };
        group.accepted = group.strict || relaxed();
        any |= group.accepted;
        fix.second |= group.accepted && !group.primary;
    }
    if !any {
        return None;
    }
    let mut copied = 0; // bytes of the line done
    for group in groups.iter().filter(|g| g.accepted) {
        out.push_str(&line[copied..seqs[group.start].start]);
        for seq in &seqs[group.start..group.end] {
            // (The sequences of a group are adjacent: nothing lies between them.)
            out.push(seq.decoded);
            fix.ambiguous |= seq.lossy == rules::Lossy::Ambiguous;
            copied = seq.end;
        }
    }
    out.push_str(&line[copied..]);
    Some(fix)
}

/// What [`find_sequences`] saw besides the sequences.
struct Found {
    /// Windows-1252 punctuation (`–`, `’`, `“`…) outside every sequence: the line is
    /// partly correct text, and lone two-byte sequences are left alone.
    stray_punctuation: bool,
    /// A sequence holds a C1 control (the middle layer of double encoding).
    has_c1: bool,
}

/// Every place where characters of `line` map back through `misreading` to a complete (or
/// lossy) UTF-8 sequence (in `seqs`, cleared first, by byte offsets), and the groups of
/// adjacent ones (in `groups`, cleared first).
///
/// The line's bytes are walked as they are: ASCII maps to nothing and is passed by one
/// comparison, and only the other characters are decoded (taking the line apart into
/// arrays of characters first cost more than the scan itself).
fn find_sequences(
    line: &str,
    misreading: &Misreading,
    seqs: &mut Vec<Seq>,
    groups: &mut Vec<Group>,
    chars: &mut LineChars,
) -> Found {
    seqs.clear();
    groups.clear();
    chars.forget();
    let mut found = Found {
        stray_punctuation: false,
        has_c1: false,
    };
    let bytes = line.as_bytes();
    let mut i = 0;
    while let Some(&first) = bytes.get(i) {
        // (Every character outside the sequences found is looked at here once.)
        if first.is_ascii() {
            i += 1;
            continue;
        }
        let Some(c) = char_at(line, i) else {
            i += 1; // (never: `i` is always at a character's start)
            continue;
        };
        let mapped = misreading.mapped(c);
        let lead = mapped.byte();
        let need = match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => {
                found.stray_punctuation |= (0x80..=0x9F).contains(&lead) && !c.is_alphanumeric();
                i += c.len_utf8();
                continue;
            }
        };
        // The continuation characters after the lead, with whether one of the characters
        // is a C1 control or a character only the second encoding has.
        let (mut buffer, mut len) = ([lead, 0, 0, 0], 1);
        let (mut c1, mut second_only) = (is_c1(c), mapped.is_second_only());
        let mut j = i + c.len_utf8();
        while len < need {
            let Some(next) = char_at(line, j) else {
                break;
            };
            let next_mapped = misreading.mapped(next);
            match next_mapped.byte() {
                b @ 0x80..=0xBF => buffer[len] = b,
                _ => break,
            }
            c1 |= is_c1(next);
            second_only |= next_mapped.is_second_only();
            len += 1;
            j += next.len_utf8();
        }
        let bytes = &buffer[..len];
        let seq = if len == need {
            // One lead byte and its continuation bytes: one character when valid.
            decode_utf8(bytes)
                .filter(|&d| plausible(d))
                .map(|decoded| Seq::exact(i, j, decoded))
        } else if len + 1 == need {
            chars.sequence(line, i, j, bytes, misreading)
        } else {
            None
        };
        let Some(seq) = seq else {
            i += c.len_utf8();
            continue;
        };
        // (A lossy sequence may end one character after the continuations, at a `?`,
        // U+FFFD or space, which is neither a C1 control nor a character of its own.)
        found.has_c1 |= c1;
        let primary = !second_only;
        match groups.last_mut() {
            Some(group) if seqs.last().is_some_and(|last| last.end == seq.start) => {
                group.end += 1;
                group.primary &= primary;
            }
            _ => groups.push(Group {
                start: seqs.len(),
                end: seqs.len() + 1,
                primary,
                strict: false,
                accepted: false,
            }),
        }
        i = seq.end;
        seqs.push(seq);
    }
    found
}

/// A C1 control (U+80–U+9F): what a Latin-1 reading leaves where windows-1252 has
/// punctuation.
fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9F}').contains(&c)
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
