//! What decoding saw and decided, for `salvage inspect` and the report's samples: how the
//! encoding was found, every candidate encoding with its score, and each repair step with
//! a short excerpt of the text before and after it.
//!
//! Tracing is opt-in (`Option<&mut DecodeTrace>` inside the decode stage): a run that does
//! not ask records nothing and decodes exactly as it would without this module. Excerpts
//! are plain text taken from documents; showing them safely (escaping) is the caller's job.

use encoding_rs::{Encoding, WINDOWS_1252};
use serde::Serialize;

use super::detect::Candidate;

/// Characters of unchanged context kept before the first change in an excerpt.
const CONTEXT_BEFORE: usize = 30;
/// Characters kept from the first change on.
const CHANGED_SPAN: usize = 70;

/// The decode stage's account of one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DecodeTrace {
    /// How the encoding was found: `forced`, `byte-order mark`, `utf-16 without bom`,
    /// `utf-8`, `viqr`, `detected` (candidates scored, or chardetng).
    pub route: &'static str,
    /// Every Vietnamese candidate tried, with its score (empty unless detection ran).
    pub candidates: Vec<CandidateScore>,
    /// The repair steps that changed the text, in order.
    pub steps: Vec<RepairStep>,
}

/// One candidate encoding and how Vietnamese its decoding reads.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CandidateScore {
    pub encoding: &'static str,
    /// Share of non-ASCII words that are valid Vietnamese syllables, 0..1.
    pub score: f32,
    pub valid_non_ascii: u64,
    pub non_ascii_words: u64,
}

impl From<&Candidate> for CandidateScore {
    fn from(candidate: &Candidate) -> Self {
        CandidateScore {
            encoding: candidate.encoding,
            score: candidate.score.ratio(),
            valid_non_ascii: candidate.score.valid_non_ascii as u64,
            non_ascii_words: candidate.score.non_ascii_words as u64,
        }
    }
}

/// One step that changed the text: the repairs it made and an excerpt around the first
/// change, before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RepairStep {
    pub repairs: Vec<String>,
    pub before: String,
    pub after: String,
}

impl RepairStep {
    /// A step from the whole text before and after it.
    pub fn new(repairs: Vec<String>, before: &str, after: &str) -> Self {
        let (before, after) = excerpt_pair(before, after);
        RepairStep {
            repairs,
            before,
            after,
        }
    }
}

/// Records a step in `trace` (when tracing) if it made repairs.
pub fn record(steps: Option<&mut Vec<RepairStep>>, repairs: &[String], before: &str, after: &str) {
    if let Some(steps) = steps
        && !repairs.is_empty()
    {
        steps.push(RepairStep::new(repairs.to_vec(), before, after));
    }
}

/// The text around the first difference between `before` and `after`: some context, then
/// the changed part (cut short), in each. `…` marks a cut.
pub fn excerpt_pair(before: &str, after: &str) -> (String, String) {
    excerpt_pair_sized(before, after, CONTEXT_BEFORE, CHANGED_SPAN)
}

/// [`excerpt_pair`] with `context` characters before the first change and `span` from it.
pub fn excerpt_pair_sized(
    before: &str,
    after: &str,
    context: usize,
    span: usize,
) -> (String, String) {
    let prefix = before
        .chars()
        .zip(after.chars())
        .take_while(|(b, a)| b == a)
        .count();
    let start = prefix.saturating_sub(context);
    let cut = |text: &str| {
        let total = text.chars().count();
        let end = (prefix + span).min(total);
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        out.extend(text.chars().skip(start).take(end - start.min(end)));
        if end < total {
            out.push('…');
        }
        out
    };
    (cut(before), cut(after))
}

/// The bytes as a person opening the file would have seen them: as UTF-8 when they are
/// valid UTF-8 (mojibake then shows as it was saved), else in the charset the document
/// declares when a browser knows it, else as windows-1252 (a Western editor's default).
/// The text is NFC, because a screen shows composed and decomposed letters alike.
pub fn as_seen(bytes: &[u8], declared: Option<&str>) -> String {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let encoding = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .filter(|encoding| encoding.is_single_byte())
        .unwrap_or(WINDOWS_1252);
    let seen = encoding.decode_without_bom_handling(bytes).0;
    super::nfc::nfc(&seen).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_starts_near_the_first_change() {
        let before = format!("{}Ä\u{90}áº£ng bộ{}", "x".repeat(50), "y".repeat(200));
        let after = format!("{}Đảng bộ{}", "x".repeat(50), "y".repeat(200));
        let (b, a) = excerpt_pair(&before, &after);
        assert!(b.starts_with('…') && b.contains("Ä\u{90}áº£ng") && b.ends_with('…'));
        assert!(a.starts_with('…') && a.contains("Đảng bộ") && a.ends_with('…'));
        assert_eq!(a.chars().filter(|&c| c == 'x').count(), CONTEXT_BEFORE);
    }

    #[test]
    fn short_texts_are_whole() {
        assert_eq!(
            excerpt_pair("a\u{a0}b", "a b"),
            ("a\u{a0}b".to_string(), "a b".to_string())
        );
    }

    #[test]
    fn legacy_bytes_are_seen_as_windows_1252_or_the_declared_charset() {
        assert_eq!(as_seen(b"\xa7\xb6ng", None), "§¶ng");
        assert_eq!(as_seen("Đảng".as_bytes(), None), "Đảng");
        assert_eq!(as_seen(b"caf\xe9", Some("iso-8859-7")), "cafι");
    }
}
