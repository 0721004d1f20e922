//! Text-level repair, after the bytes are decoded and before NFC, in the order
//! `encodings.md` gives: mojibake (per line, repeated for double encoding), legacy-font
//! runs inside otherwise good text (a TCVN3 or VNI paragraph shown as windows-1252 and
//! saved as UTF-8), C1 controls that are really windows-1252 punctuation, HTML character
//! references, TCVN3's lost capitals, and the requested tone style.
//!
//! Every change is named in `repairs`. Clean text passes through untouched: each step
//! first checks for the marks of its damage and only then rewrites.

use std::borrow::Cow;

use super::legacy::{self, LegacyEncoding};
use super::mojibake::{self, MISREADINGS};
use super::scan::next_pair;
use super::syllable::{is_vietnamese_syllable, vietnamese_score};
use super::tone::{self, ToneStyle};
use super::trace::{RepairStep, record};
use super::{capitals, detect, entities};

/// Repaired text with what was done to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Repaired<'a> {
    /// The text, borrowed when nothing was changed.
    pub text: Cow<'a, str>,
    pub repairs: Vec<String>,
    pub warnings: Vec<String>,
}

/// Runs every repair on `text`, which was decoded from `encoding`.
pub fn repair<'a>(text: &'a str, encoding: &str, tone_style: ToneStyle) -> Repaired<'a> {
    repair_traced(text, encoding, tone_style, None)
}

/// [`repair`], recording each step that changed the text in `steps` when given.
pub fn repair_traced<'a>(
    text: &'a str,
    encoding: &str,
    tone_style: ToneStyle,
    mut steps: Option<&mut Vec<RepairStep>>,
) -> Repaired<'a> {
    let mut out = match mojibake::fix(text) {
        Some(fixed) => {
            record(steps.as_deref_mut(), &fixed.repairs, text, &fixed.text);
            Repaired {
                text: Cow::Owned(fixed.text),
                repairs: fixed.repairs,
                warnings: fixed.warnings,
            }
        }
        None => Repaired {
            text: Cow::Borrowed(text),
            repairs: Vec::new(),
            warnings: Vec::new(),
        },
    };
    // Applies one step's result: records it, then keeps the new text and its names.
    let mut apply = |out: &mut Repaired<'a>, text: String, names: Vec<String>| {
        record(steps.as_deref_mut(), &names, &out.text, &text);
        out.text = Cow::Owned(text);
        out.repairs.extend(names);
    };
    let mut tcvn3 = encoding == "tcvn3";
    if let Some((text, labels)) = fix_legacy_runs(&out.text) {
        tcvn3 |= labels.contains(&"tcvn3");
        let names = labels.iter().map(|l| format!("legacy-font:{l}")).collect();
        apply(&mut out, text, names);
    }
    if let Some(text) = fix_c1_controls(&out.text) {
        apply(&mut out, text, vec!["c1-controls".to_string()]);
    }
    if let Some(text) = entities::decode_references(&out.text) {
        apply(&mut out, text, vec!["html-entities".to_string()]);
    }
    if tcvn3 && let Some(text) = capitals::restore(&out.text) {
        apply(&mut out, text, vec!["tcvn3-capitals".to_string()]);
    }
    if let Some(text) = tone::apply(&out.text, tone_style) {
        let style = if tone_style == ToneStyle::New {
            "new"
        } else {
            "old"
        };
        apply(&mut out, text, vec![format!("tone-marks:{style}-style")]);
    }
    out
}

/// The legacy encodings a run of windows-1252 characters may really be.
const RUN_CANDIDATES: [&str; 5] = ["tcvn3", "vni", "windows-1258", "viscii", "vps"];

/// Lines that read as Vietnamese only once their characters are taken back to windows-1252
/// bytes and decoded as a legacy encoding. Returns the text and the encodings used.
fn fix_legacy_runs(text: &str) -> Option<(String, Vec<&'static str>)> {
    if !any_line_looks_like_legacy_run(text) {
        return None;
    }
    let cp1252 = &MISREADINGS[0];
    let mut out = String::with_capacity(text.len());
    let mut labels: Vec<&'static str> = Vec::new();
    for line in text.split_inclusive('\n') {
        if !looks_like_legacy_run(line) {
            out.push_str(line);
            continue;
        }
        let score = vietnamese_score(line);
        if line.is_ascii() || score.non_ascii_words < 3 || score.ratio() >= 0.8 {
            out.push_str(line);
            continue;
        }
        let bytes: Option<Vec<u8>> = line.chars().map(|c| cp1252.byte(c)).collect();
        let best = bytes.and_then(|bytes| {
            RUN_CANDIDATES
                .iter()
                .filter_map(|&label| Some((label, detect::decode_with(label, &bytes)?)))
                .map(|(label, decoded)| (label, share_of_syllables(&decoded), decoded))
                .max_by(|a, b| a.1.total_cmp(&b.1))
        });
        match best {
            Some((label, share, decoded))
                if share >= 0.6 && vietnamese_score(&decoded).ratio() >= 0.9 =>
            {
                out.push_str(&decoded);
                if !labels.contains(&label) {
                    labels.push(label);
                }
            }
            _ => out.push_str(line),
        }
    }
    (!labels.is_empty()).then_some((out, labels))
}

/// [`looks_like_legacy_run`] for some line of `text`, in one pass over its bytes: a block
/// scan finds each foreign pair, and a line end since the previous one restarts the count.
fn any_line_looks_like_legacy_run(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (mut in_line, mut previous) = (0, 0);
    let mut from = 0;
    while let Some(at) = next_pair(bytes, from, is_foreign_pair) {
        if bytes[previous..at].contains(&b'\n') {
            in_line = 0;
        }
        in_line += 1;
        if in_line == 3 {
            return true;
        }
        (previous, from) = (at, at + 1);
    }
    false
}

/// Legacy-font text shown as windows-1252 is full of characters Vietnamese never uses
/// (`§¶ng bé V¨n phßng`, `Ñaûng boä`, `ÐaÒng`): at least three of them in a line.
fn looks_like_legacy_run(line: &str) -> bool {
    // By bytes: C2 xx is U+0080–U+00BF (symbols, all foreign); C3 xx is U+00C0–U+00FF,
    // foreign unless a Vietnamese letter.
    let bytes = line.as_bytes();
    let mut from = 0;
    for _ in 0..3 {
        match next_pair(bytes, from, is_foreign_pair) {
            Some(at) => from = at + 1,
            None => return false,
        }
    }
    true
}

/// Whether the bytes `first second` begin a character Vietnamese does not use: C2 xx is
/// U+0080–U+00BF (symbols, all foreign); C3 xx is U+00C0–U+00FF, foreign unless one of
/// Vietnamese's letters (upper and lower case differ by 0x20 there). Written as
/// comparisons without branches or tables: it runs on every byte of every text, and the
/// block scan then looks at 32 bytes with a few vector instructions.
fn is_foreign_pair(first: u8, second: u8) -> bool {
    let s = second & !0x20;
    let vietnamese = (s.wrapping_sub(0x80) <= 0x03)
        | (s.wrapping_sub(0x88) <= 0x02)
        | (s.wrapping_sub(0x8C) <= 0x01)
        | (s.wrapping_sub(0x92) <= 0x03)
        | (s.wrapping_sub(0x99) <= 0x01)
        | (s == 0x9D);
    (first == 0xC2) | ((first == 0xC3) & !vietnamese)
}

/// Share of all words (ASCII ones too) that are Vietnamese syllables: a legacy run must
/// read as Vietnamese as a whole, not just in its accented words.
fn share_of_syllables(text: &str) -> f64 {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return 0.0;
    }
    let valid = words.iter().filter(|w| is_vietnamese_syllable(w)).count();
    valid as f64 / words.len() as f64
}

/// C1 control characters that windows-1252 defines (`\u{85}` for `…`, `\u{93}` for `“`):
/// bytes decoded as Latin-1 where windows-1252 was meant.
fn fix_c1_controls(text: &str) -> Option<String> {
    // C1 controls are C2 80–C2 9F in UTF-8.
    let c1 = |first: u8, second: u8| (first == 0xC2) & (second & 0xE0 == 0x80);
    next_pair(text.as_bytes(), 0, c1)?;
    let mut changed = false;
    let fixed = text
        .chars()
        .map(|c| match u8::try_from(c) {
            Ok(byte @ 0x80..=0x9F) => {
                let single = [byte];
                let (decoded, _, _) = encoding_rs::WINDOWS_1252.decode(&single);
                let replacement = decoded.chars().next().unwrap_or(c);
                changed |= replacement != c;
                replacement
            }
            _ => c,
        })
        .collect();
    changed.then_some(fixed)
}

/// Decodes bytes a user says are in `label` (a legacy name or any WHATWG label).
pub fn decode_forced(label: &str, bytes: &[u8]) -> Option<String> {
    if let Some(legacy) = LegacyEncoding::from_label(label) {
        return Some(legacy::decode(legacy, bytes));
    }
    detect::decode_with(label, bytes)
}

#[cfg(test)]
mod tests {
    use super::is_foreign_pair;

    #[test]
    fn foreign_pairs_are_latin_1_characters_but_the_vietnamese_letters() {
        for first in 0..=255u8 {
            for second in 0..=255u8 {
                let expected = match std::str::from_utf8(&[first, second]) {
                    Ok(pair) if matches!(first, 0xC2 | 0xC3) => pair
                        .chars()
                        .all(|c| !"ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý".contains(c)),
                    // C2 and C3 are always followed by a continuation byte in text.
                    Err(_) if matches!(first, 0xC2 | 0xC3) => continue,
                    _ => false,
                };
                assert_eq!(
                    is_foreign_pair(first, second),
                    expected,
                    "{first:02X} {second:02X}"
                );
            }
        }
    }
}
