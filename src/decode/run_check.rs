//! Decide per document, then check per run. A short text (a title, a byline, one line of a
//! dump) can read equally well in two sibling encodings (VPS and VNI, VISCII and VPS), and
//! its own bytes cannot settle it; the run it came from can. [`RunTally`] counts the
//! encodings the run's documents were decoded from with confidence, and says when a weak
//! guess should give way to the run's dominant encoding.
//!
//! How a caller uses it (`salvage repair --lines` does this; the file is the run):
//!
//! 1. Decode every document as usual and [`RunTally::record`] each result.
//! 2. For each document where [`is_weak_guess`] holds, call [`RunTally::recheck`] with its
//!    bytes: `Some(decoded)` replaces the document's own result.
//!
//! A run pipeline that must keep input order can do step 2 for a document as soon as the
//! tally holds enough confident documents (for instance the documents of the chunks before
//! it), or keep the few weak guesses aside and finish them when the run's tally is complete.
//!
//! It refuses to overrule anything but a weak guess: UTF-8 (unless pure ASCII in a VIQR
//! run), a byte-order mark, UTF-16, a forced encoding and a confident choice stand. The run's
//! reading must also read as Vietnamese at least as well as the document's own, and must
//! change the text. A document decoded this way says so with the warning
//! `encoding-from-run`, and its confidence is the run's.

use std::collections::BTreeMap;

use super::syllable::vietnamese_score;
use super::{DecodeOptions, Decoded, decode_with_options};

/// The encodings a run check chooses among: the Vietnamese candidates of detection.
const RUN_ENCODINGS: [&str; 6] = ["windows-1258", "tcvn3", "vni", "viscii", "vps", "viqr"];

/// At or above this confidence, a document's encoding counts as evidence for the run.
pub const CONFIDENT: f64 = 0.75;

/// Below this confidence, a document's own choice may give way to the run's.
pub const WEAK: f64 = 0.6;

/// Confident documents a run needs before it overrules anything.
const MIN_CONFIDENT: usize = 3;

/// Share of the confident documents the dominant encoding must hold.
const MIN_SHARE: f64 = 0.8;

/// The highest confidence a document decoded with the run's encoding is given: its own
/// bytes did not decide.
const MAX_RUN_CONFIDENCE: f64 = 0.9;

/// The confident encodings of a run's documents.
#[derive(Clone, Debug, Default)]
pub struct RunTally {
    /// Confident documents per encoding (of [`RUN_ENCODINGS`]).
    counts: BTreeMap<&'static str, usize>,
    /// Confident documents in any encoding, UTF-8 included.
    confident: usize,
}

impl RunTally {
    pub fn new() -> Self {
        RunTally::default()
    }

    /// Counts a document's result when its encoding was chosen with confidence. Pure ASCII
    /// counts for no encoding (it reads the same in all of them).
    pub fn record(&mut self, decoded: &Decoded) {
        self.record_evidence(
            &decoded.encoding,
            decoded.confidence,
            decoded.text.is_ascii(),
        );
    }

    /// [`record`](RunTally::record) from what a record says: its `encoding`, its
    /// `encoding_confidence`, and whether its text is pure ASCII.
    pub fn record_evidence(&mut self, encoding: &str, confidence: f64, ascii: bool) {
        if confidence < CONFIDENT || ascii {
            return;
        }
        self.confident += 1;
        if let Some(label) = run_encoding(encoding) {
            *self.counts.entry(label).or_default() += 1;
        }
    }

    /// The run's encoding: the Vietnamese legacy encoding of at least [`MIN_SHARE`] of the
    /// run's confident documents, when there are at least [`MIN_CONFIDENT`] of them.
    pub fn dominant(&self) -> Option<&'static str> {
        let (&label, &count) = self.counts.iter().max_by_key(|&(_, &count)| count)?;
        let enough = count >= MIN_CONFIDENT && count as f64 >= MIN_SHARE * self.confident as f64;
        enough.then_some(label)
    }

    /// The document decoded again with the run's encoding, when [`is_weak_guess`] holds for
    /// `decoded`, that reading differs from it and reads as Vietnamese at least as well
    /// (ties go to the run: the document alone could not tell). `None` keeps `decoded`.
    pub fn recheck(
        &self,
        bytes: &[u8],
        decoded: &Decoded,
        options: &DecodeOptions,
    ) -> Option<Decoded> {
        let dominant = self.dominant()?;
        if options.forced_encoding.is_some()
            || decoded.encoding == dominant
            || !is_weak_guess(decoded)
        {
            return None;
        }
        let ascii = decoded.text.is_ascii();
        if ascii && dominant != "viqr" {
            return None; // ASCII reads the same in every other candidate
        }
        let forced = DecodeOptions {
            forced_encoding: Some(dominant.to_string()),
            ..options.clone()
        };
        let mut again = decode_with_options(bytes, &forced).ok()?;
        if again.text == decoded.text {
            return None;
        }
        let (before, after) = (
            vietnamese_score(&decoded.text),
            vietnamese_score(&again.text),
        );
        // Pure ASCII taken for VIQR needs more than one word to show it.
        let needed_words = if ascii { 2 } else { 1 };
        if after.valid_non_ascii < needed_words
            || after.ratio() < 0.8
            || after.ratio() < before.ratio()
        {
            return None;
        }
        let share =
            self.counts.get(dominant).copied().unwrap_or(0) as f64 / self.confident.max(1) as f64;
        again.confidence = (share * f64::from(after.ratio()) * 100.0).round() / 100.0;
        again.confidence = again.confidence.min(MAX_RUN_CONFIDENCE);
        again.warnings.retain(|w| w != "low-confidence-encoding");
        again.warnings.push("encoding-from-run".to_string());
        Some(again)
    }
}

/// Whether `decoded` is a guess the run may overrule: a Vietnamese legacy encoding chosen
/// with less than [`WEAK`] confidence, or pure ASCII (which VIQR text is).
pub fn is_weak_guess(decoded: &Decoded) -> bool {
    is_weak_evidence(
        &decoded.encoding,
        decoded.confidence,
        decoded.text.is_ascii(),
    )
}

/// [`is_weak_guess`] from what a record says (see [`RunTally::record_evidence`]).
pub fn is_weak_evidence(encoding: &str, confidence: f64, ascii: bool) -> bool {
    let legacy_guess = run_encoding(encoding).is_some() && confidence < WEAK;
    legacy_guess || (encoding == "utf-8" && ascii)
}

/// The name of a run encoding, when `label` is one.
fn run_encoding(label: &str) -> Option<&'static str> {
    RUN_ENCODINGS.iter().copied().find(|&name| name == label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;
    use crate::decode::legacy::{LegacyEncoding, encode};

    fn vps(text: &str) -> Vec<u8> {
        encode(LegacyEncoding::Vps, text).unwrap_or_default()
    }

    #[test]
    fn a_short_line_takes_the_runs_encoding() {
        let lines = [
            "Đảng bộ Văn phòng UBND tỉnh đại hội nhiệm kỳ 2020-2025, thống nhất lãnh đạo",
            "Trong nhiệm kỳ qua, tập thể Ban Chấp hành đã đoàn kết, chỉ đạo thực hiện tốt",
            "Lãnh đạo tỉnh tặng hoa chúc mừng Ban Chấp hành Đảng bộ nhiệm kỳ mới",
            "Ngày 22/5/2020, Đảng bộ tổ chức đại hội. Dự đại hội có lãnh đạo tỉnh.",
        ];
        let mut tally = RunTally::new();
        for line in lines {
            tally.record(&decode(&vps(line)).unwrap());
        }
        assert_eq!(tally.dominant(), Some("vps"));
        let short = vps("Báo cáo tài chính bán niên năm 2021");
        let alone = decode(&short).unwrap();
        assert_ne!(
            alone.encoding, "vps",
            "the test needs a line that flips alone"
        );
        let again = tally
            .recheck(&short, &alone, &DecodeOptions::default())
            .unwrap();
        assert_eq!(again.text, "Báo cáo tài chính bán niên năm 2021");
        assert_eq!(again.encoding, "vps");
        assert!(again.warnings.contains(&"encoding-from-run".to_string()));
    }

    #[test]
    fn utf8_and_small_runs_are_left_alone() {
        let mut tally = RunTally::new();
        let utf8 = decode("Đảng bộ Văn phòng".as_bytes()).unwrap();
        tally.record(&utf8);
        assert_eq!(tally.dominant(), None);
        assert!(!is_weak_guess(&utf8));
    }
}
