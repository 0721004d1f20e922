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

#[path = "mojibake_line.rs"]
mod line;
#[path = "mojibake_lossy.rs"]
mod lossy;
#[path = "mojibake_maps.rs"]
mod maps;
#[path = "mojibake_props.rs"]
mod props;
#[path = "mojibake_quick.rs"]
mod quick;
#[path = "mojibake_rules.rs"]
mod rules;

pub use maps::{MISREADINGS, Misreading};
pub use quick::may_hold_mojibake;

use quick::next_mojibake_hint;

use std::borrow::Cow;

use super::scan::lines_inclusive;
use line::{Scratch, fix_line};

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
    // Clean text (nearly all text) ends here, after one quick look (a line end is never
    // part of the pairs it looks for, so the whole text is looked at at once).
    let first_hint = next_mojibake_hint(text, 0)?;
    fix_rounds(text, first_hint)
}

/// The passes over a whole text: each round applies the first misreading that changes
/// something, and rounds go on while something changes.
fn fix_rounds(text: &str, first_hint: usize) -> Option<Fixed> {
    let mut fixed = Fixed::default();
    let mut current = Cow::Borrowed(text);
    let mut memo = Memo::new(text, first_hint);
    let mut scratch = Scratch::default();
    // Lines each misreading has fixed so far: after two, the whole document counts as
    // evidence, so a line with a single lone sequence (a byline `Thanh HĂ\u{a0}`) is fixed too.
    let mut lines_fixed = [0usize; 3];
    for _round in 0..6 {
        let mut changed = false;
        for (k, misreading) in MISREADINGS.iter().enumerate() {
            let evidence = lines_fixed[k] >= 2;
            if let Some(pass) = fix_with(&current, k, evidence, &mut memo, &mut scratch) {
                lines_fixed[k] += pass.lines_fixed;
                current = Cow::Owned(pass.text);
                let name = if pass.second {
                    misreading.second_name
                } else {
                    misreading.name
                };
                let repair = format!("mojibake:utf-8-as-{name}");
                if !fixed.repairs.contains(&repair) {
                    fixed.repairs.push(repair);
                }
                if pass.ambiguous && !fixed.warnings.iter().any(|w| w == "ambiguous-repair") {
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
    fixed.text = current.into_owned();
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

/// What the passes so far learnt about each line (fixes never add or remove a line end, so
/// lines keep their numbers). A pass depends only on the line, the misreading and the
/// document-evidence flag, so a line a pass left alone is left alone by the same pass again
/// until the line changes: later rounds skip it. This keeps double-encoding rounds from
/// re-reading every line with every misreading.
struct Memo {
    /// Per line, bit [`Memo::bit`]: that pass leaves the line as it is.
    unchanged: Vec<u8>,
    /// Per line, [`may_hold_mojibake`] of the line as it is now, once computed.
    may_hold: Vec<Option<bool>>,
    /// Per line, its length in bytes now (line end included): passes find the lines by it.
    lens: Vec<usize>,
}

impl Memo {
    /// The memo of `text`, whose first [`may_hold_mojibake`] pair is at `first_hint`: which
    /// lines may hold mojibake is found in one scan of the text (a pair never spans lines).
    fn new(text: &str, first_hint: usize) -> Self {
        let (mut may_hold, mut lens) = (Vec::new(), Vec::new());
        let (mut hint, mut end) = (Some(first_hint), 0);
        for line in lines_inclusive(text.as_bytes()) {
            end += line.len();
            let holds = hint.is_some_and(|at| at < end);
            if holds {
                hint = next_mojibake_hint(text, end);
            }
            may_hold.push(Some(holds));
            lens.push(line.len());
        }
        Memo {
            unchanged: vec![0; may_hold.len()],
            may_hold,
            lens,
        }
    }

    /// The bit of the pass with misreading `k` and that document evidence.
    fn bit(k: usize, evidence: bool) -> u8 {
        1 << (2 * k + usize::from(evidence))
    }

    /// Whether line `n` may hold mojibake (computed once per version of the line).
    fn may_hold(&mut self, n: usize, line: &str) -> bool {
        match self.may_hold.get(n).copied().flatten() {
            Some(known) => known,
            None => {
                let known = may_hold_mojibake(line);
                if let Some(slot) = self.may_hold.get_mut(n) {
                    *slot = Some(known);
                }
                known
            }
        }
    }

    fn is_unchanged(&self, n: usize, bit: u8) -> bool {
        self.unchanged.get(n).is_some_and(|b| b & bit != 0)
    }

    fn set_unchanged(&mut self, n: usize, bit: u8) {
        if let Some(bits) = self.unchanged.get_mut(n) {
            *bits |= bit;
        }
    }

    /// Line `n` changed (and is `len` bytes long now): nothing else is known of it any more.
    fn forget(&mut self, n: usize, len: usize) {
        if let (Some(bits), Some(may_hold), Some(old_len)) = (
            self.unchanged.get_mut(n),
            self.may_hold.get_mut(n),
            self.lens.get_mut(n),
        ) {
            *bits = 0;
            *may_hold = None;
            *old_len = len;
        }
    }
}

/// One pass with misreading `k`: `None` when nothing was fixed. `document_evidence`: other
/// lines of the document were fixed with this misreading already; without it, only lines
/// that may hold mojibake are read.
fn fix_with(
    text: &str,
    k: usize,
    document_evidence: bool,
    memo: &mut Memo,
    scratch: &mut Scratch,
) -> Option<Pass> {
    let misreading = &MISREADINGS[k];
    let bit = Memo::bit(k, document_evidence);
    let mut pass = Pass {
        text: String::new(),
        ambiguous: false,
        second: false,
        lines_fixed: 0,
    };
    let mut repaired = String::new(); // one repaired line
    // Unchanged stretches of `text` are copied into `pass.text` only when a line after them
    // changes: most passes change nothing and copy nothing.
    let (mut line_start, mut unchanged_from) = (0, 0);
    for n in 0..memo.lens.len() {
        let Some(line) = text.get(line_start..line_start + memo.lens[n]) else {
            break; // (never: the lengths are those of `text`'s lines)
        };
        let skip = memo.is_unchanged(n, bit) || (!document_evidence && !memo.may_hold(n, line));
        repaired.clear();
        let fixed = if skip {
            None
        } else {
            fix_line(line, misreading, document_evidence, scratch, &mut repaired)
        };
        match fixed {
            Some(fix) => {
                if pass.lines_fixed == 0 {
                    pass.text.reserve(text.len() + text.len() / 8);
                }
                pass.text.push_str(&text[unchanged_from..line_start]);
                pass.text.push_str(&repaired);
                unchanged_from = line_start + line.len();
                pass.lines_fixed += 1;
                pass.ambiguous |= fix.ambiguous;
                pass.second |= fix.second;
                memo.forget(n, repaired.len());
            }
            None => memo.set_unchanged(n, bit),
        }
        line_start += line.len();
    }
    pass.text.push_str(&text[unchanged_from..]);
    (pass.lines_fixed > 0).then_some(pass)
}
