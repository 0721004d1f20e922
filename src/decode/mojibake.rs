//! Undoes mojibake: UTF-8 bytes that were decoded as a single-byte encoding
//! (windows-1252 / Latin-1 together with windows-1258, then windows-1250, windows-1251) and saved
//! again. Each misread character is mapped back to its byte; where the bytes form a valid
//! UTF-8 sequence, the sequence becomes the character it encodes. Works per line, so good
//! text and mojibake may share a document.
//!
//! A lone two-byte sequence is ambiguous (`Ã’s` may be meant), so it is only fixed when the
//! result is a letter that fits its neighbours (case, script), and never in a line that
//! holds correct windows-1252 punctuation of its own, unless the same line holds two or more
//! sure cases. Groups of sequences and three-byte sequences are much less ambiguous. The
//! rarer misreadings (windows-1250, windows-1251) need two sure cases in a line. Lossy mojibake, where a byte was dropped or replaced
//! by `?`/U+FFFD (0x81 0x8D 0x8F 0x90 0x9D) or NBSP became a space, is restored from the
//! candidates that make a valid Vietnamese syllable; what stays ambiguous is reported.

#[path = "mojibake_maps.rs"]
mod maps;
#[path = "mojibake_rules.rs"]
mod rules;

pub use maps::{MISREADINGS, Misreading, may_hold_mojibake};

use super::syllable::is_vietnamese_syllable;

use rules::{Seq, accept_group, plausible};

/// What a pass found.
#[derive(Debug, Default)]
pub struct Fixed {
    pub text: String,
    /// `mojibake:utf-8-as-<encoding>` for each misreading undone, in order.
    pub repairs: Vec<String>,
    /// `ambiguous-repair` when a lossy syllable had more than one valid restoration.
    pub warnings: Vec<String>,
}

/// Repairs every line, repeating while something changes (double encoding); `None` when
/// there was nothing to repair.
pub fn fix(text: &str) -> Option<Fixed> {
    let suspicious: String = text
        .split_inclusive('\n')
        .filter(|line| may_hold_mojibake(line))
        .collect();
    if suspicious.is_empty() {
        return None;
    }
    // A clean document with a few look-alike pairs (`gì?`): try those lines alone first.
    if suspicious.len() < text.len() && fix_rounds(&suspicious).is_none() {
        return None;
    }
    fix_rounds(text)
}

/// The passes over a whole text, repeated while something changes.
fn fix_rounds(text: &str) -> Option<Fixed> {
    let mut fixed = Fixed {
        text: text.to_string(),
        ..Fixed::default()
    };
    // Lines each misreading has fixed so far: after two, the whole document counts as
    // evidence, so a line with a single lone sequence (a byline `Thanh HĂ\u{a0}`) is fixed too.
    let mut lines_fixed = [0usize; 3];
    for _round in 0..6 {
        let mut changed = false;
        for (k, misreading) in MISREADINGS.iter().enumerate() {
            if let Some(pass) = fix_with(&fixed.text, misreading, lines_fixed[k] >= 2) {
                lines_fixed[k] += pass.lines_fixed;
                let (text, ambiguous, second) = (pass.text, pass.ambiguous, pass.second);
                fixed.text = text;
                let name = if second {
                    misreading.second_name
                } else {
                    misreading.name
                };
                let repair = format!("mojibake:utf-8-as-{name}");
                if !fixed.repairs.contains(&repair) {
                    fixed.repairs.push(repair);
                }
                if ambiguous && !fixed.warnings.iter().any(|w| w == "ambiguous-repair") {
                    fixed.warnings.push("ambiguous-repair".to_string());
                }
                changed = true;
                break;
            }
        }
        if !changed {
            break;
        }
    }
    (!fixed.repairs.is_empty()).then_some(fixed)
}

/// What one pass changed.
struct Pass {
    text: String,
    ambiguous: bool,
    /// A fix used a character of the misreading's second encoding.
    second: bool,
    lines_fixed: usize,
}

/// One pass with one misreading: `None` when nothing was fixed. `document_evidence`: other
/// lines of the document were fixed with this misreading already.
fn fix_with(text: &str, misreading: &Misreading, document_evidence: bool) -> Option<Pass> {
    // Fast exit: no character of a UTF-8 lead byte's form, nothing to do.
    if !text
        .chars()
        .any(|c| matches!(misreading.byte(c), Some(0xC2..=0xF4)))
    {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut lines_fixed = 0;
    let mut ambiguous = false;
    let mut second = false;
    for line in text.split_inclusive('\n') {
        if !document_evidence && !may_hold_mojibake(line) {
            out.push_str(line);
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let seqs = find_sequences(&chars, misreading);
        let has_c1 = seqs.iter().any(|s| {
            chars[s.start..s.end]
                .iter()
                .any(|c| ('\u{80}'..='\u{9F}').contains(c))
        });
        if seqs.is_empty() || (!has_c1 && reads_as_vietnamese(line)) {
            out.push_str(line);
            continue;
        }
        let stray_punctuation = has_stray_punctuation(&chars, &seqs, misreading);
        let groups = group_adjacent(&seqs);
        let primary = |g: &[Seq]| {
            !g.iter().any(|s| {
                chars[s.start..s.end]
                    .iter()
                    .any(|&c| misreading.is_second_only(c))
            })
        };
        let strict = |g: &[Seq]| accept_group(&chars, g, primary(g), stray_punctuation, false);
        // Evidence: groups that are mojibake beyond doubt, and lone sequences that decode to a
        // letter fitting its place. With two of them in the line, every sequence of the same
        // misreading is believed.
        let letter_like = |g: &[Seq]| accept_group(&chars, g, true, false, false);
        let evidence = groups
            .iter()
            .filter(|g| {
                if is_strong(g) {
                    strict(g)
                } else {
                    letter_like(g)
                }
            })
            .count();
        let secondary = misreading.name != "windows-1252";
        if secondary && evidence < 2 {
            out.push_str(line);
            continue;
        }
        let mut accepted: Vec<&Seq> = Vec::new();
        for group in &groups {
            let relaxed = (evidence >= 2 || document_evidence)
                && accept_group(&chars, group, primary(group), false, true);
            if strict(group) || relaxed {
                accepted.extend(group.iter());
                second |= !primary(group);
            }
        }
        if accepted.is_empty() {
            out.push_str(line);
            continue;
        }
        lines_fixed += 1;
        let mut i = 0;
        for seq in accepted {
            out.extend(&chars[i..seq.start]);
            out.push_str(&seq.decoded);
            ambiguous |= seq.lossy == rules::Lossy::Ambiguous;
            i = seq.end;
        }
        out.extend(&chars[i..]);
    }
    (lines_fixed > 0).then_some(Pass {
        text: out,
        ambiguous,
        second,
        lines_fixed,
    })
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
            .any(|s| s.bytes.len() >= 3 && s.lossy == rules::Lossy::No)
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
            match std::str::from_utf8(bytes) {
                Ok(decoded) if decoded.chars().all(plausible) => {
                    Some(Seq::exact(i, j, decoded.to_string(), bytes.to_vec()))
                }
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
    let mut in_seq = vec![false; chars.len()];
    for seq in seqs {
        in_seq[seq.start..seq.end]
            .iter_mut()
            .for_each(|b| *b = true);
    }
    chars.iter().zip(&in_seq).any(|(&c, &inside)| {
        !inside && !c.is_alphanumeric() && matches!(misreading.byte(c), Some(0x80..=0x9F))
    })
}
