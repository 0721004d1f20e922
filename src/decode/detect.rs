//! Chooses an encoding for bytes that are not valid UTF-8 and carry no BOM, without
//! trusting labels: every Vietnamese candidate (windows-1258, TCVN3, VNI, VISCII, VPS) is
//! decoded and scored by the share of its non-ASCII words that are valid Vietnamese
//! syllables ([`syllable`](super::syllable)). A right decoding scores about 1.0; a wrong
//! one clearly less. When no candidate reads as Vietnamese, chardetng decides (it knows the
//! WHATWG encodings of every other language).
//!
//! A document whose lines are partly valid UTF-8 and partly not (a legacy paragraph pasted
//! into a UTF-8 file) is decoded line by line: UTF-8 lines as UTF-8, the others with the
//! best legacy candidate for them, and says so (`mixed-encoding:<label>`).
//!
//! A charset the document declares (`<meta charset>`, an HTTP header) is evidence, not
//! truth: when it names a Vietnamese candidate, that candidate's score gets a bonus of
//! [`DECLARED_BONUS`], so it wins a near tie but loses to a clearly better reading. When it
//! names another encoding and no candidate reads as Vietnamese, it is used instead of
//! chardetng's guess.
//!
//! It refuses nothing: the caller judges the result (control characters, confidence).

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, WINDOWS_1258};

use super::legacy::{self, LegacyEncoding};
use super::syllable::{VietScore, vietnamese_score};

#[path = "detect_mixed.rs"]
mod mixed;
use mixed::guess_mixed;

/// Below this share of valid syllables, a decoding is not taken for Vietnamese.
const MIN_VIETNAMESE_RATIO: f32 = 0.8;

/// One decoding tried, with its score (kept for `inspect` and tests).
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub encoding: &'static str,
    pub score: VietScore,
}

/// The chosen decoding.
#[derive(Clone, Debug, PartialEq)]
pub struct Guess {
    pub text: String,
    pub encoding: String,
    pub confidence: f64,
    /// Repairs made while decoding (`mixed-encoding:<label>`).
    pub repairs: Vec<String>,
    pub candidates: Vec<Candidate>,
}

/// The Vietnamese single-byte candidates, in order of preference when they score alike.
const VIETNAMESE: [&str; 5] = ["windows-1258", "tcvn3", "vni", "viscii", "vps"];

/// Decodes `bytes` with one Vietnamese candidate encoding (NFC).
pub fn decode_with(label: &str, bytes: &[u8]) -> Option<String> {
    if !needs_nfc(label) {
        return decode_for_scoring(label, bytes);
    }
    // Windows-1258: straight into NFC when the text allows, else decoded, then NFC.
    legacy::decode_windows_1258_nfc(bytes).or_else(|| {
        let text = decode_for_scoring(label, bytes)?;
        Some(super::nfc::nfc(&text).into_owned())
    })
}

/// Decodes `bytes` with one candidate encoding, leaving windows-1258's combining tone marks
/// as they are: the syllable score reads any normalisation form, and only the winner needs
/// the NFC pass.
fn decode_for_scoring(label: &str, bytes: &[u8]) -> Option<String> {
    if let Some(legacy) = LegacyEncoding::from_label(label) {
        return Some(legacy::decode(legacy, bytes));
    }
    let encoding = Encoding::for_label(label.as_bytes())?;
    Some(encoding.decode(bytes).0.into_owned())
}

/// Does a decoding with `label` need an NFC pass? windows-1258 writes tones as combining marks.
fn needs_nfc(label: &str) -> bool {
    Encoding::for_label(label.as_bytes()) == Some(WINDOWS_1258)
}

/// What a declared charset adds to its candidate's share of valid syllables when ranking.
pub const DECLARED_BONUS: f32 = 0.05;

/// Decodes `bytes` with the most likely encoding.
pub fn guess(bytes: &[u8]) -> Guess {
    guess_declared(bytes, None)
}

/// Decodes `bytes` with the most likely encoding, taking a declared charset label as
/// evidence (see the module doc).
pub fn guess_declared(bytes: &[u8], declared: Option<&str>) -> Guess {
    if let Some(mixed) = guess_mixed(bytes) {
        return mixed;
    }
    let declared = declared.and_then(canonical_label);
    let (best, candidates) = best_vietnamese_declared(bytes, declared);
    if let Some((label, text, confidence)) = best {
        return Guess {
            text,
            encoding: label.to_string(),
            confidence,
            repairs: Vec::new(),
            candidates,
        };
    }
    let declared_encoding = declared
        .filter(|label| LegacyEncoding::from_label(label).is_none())
        .and_then(|label| Encoding::for_label(label.as_bytes()));
    let (encoding, base_confidence) = match declared_encoding {
        Some(encoding) => (encoding, 0.6),
        None => {
            let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            (detector.guess(None, Utf8Detection::Allow), 0.5)
        }
    };
    let (text, _, had_errors) = encoding.decode(bytes);
    // chardetng gives no probability; a clean decode of a guess is only moderately sure.
    let confidence = if had_errors { 0.2 } else { base_confidence };
    Guess {
        text: text.into_owned(),
        encoding: encoding.name().to_ascii_lowercase(),
        confidence,
        repairs: Vec::new(),
        candidates,
    }
}

/// A declared label as salvage names it (`x-viet-tcvn3` → `tcvn3`, `cp1258` → `windows-1258`).
fn canonical_label(label: &str) -> Option<&'static str> {
    if let Some(legacy) = LegacyEncoding::from_label(label) {
        return VIETNAMESE
            .iter()
            .copied()
            .find(|&name| LegacyEncoding::from_label(name) == Some(legacy));
    }
    Some(Encoding::for_label(label.trim().as_bytes())?.name())
}

/// The best Vietnamese decoding, when one reads as Vietnamese, with its confidence, and
/// every candidate's score.
fn best_vietnamese(bytes: &[u8]) -> (Option<(&'static str, String, f64)>, Vec<Candidate>) {
    best_vietnamese_declared(bytes, None)
}

/// [`best_vietnamese`], with a bonus for the declared candidate.
///
/// The candidates are judged in two stages: first on the opening [`QUICK_SAMPLE_BYTES`],
/// which settles nearly every document (the right decoding reads as Vietnamese, the wrong
/// ones plainly do not); only when that stage is not decisive (few words, a close
/// runner-up) are they judged again on [`SAMPLE_BYTES`]. Either way only the winner decodes
/// the whole document. Scoring five candidates was most of the time of converting a legacy
/// dump, and a close call is rare.
fn best_vietnamese_declared(
    bytes: &[u8],
    declared: Option<&str>,
) -> (Option<(&'static str, String, f64)>, Vec<Candidate>) {
    let quick = sample_of(bytes, QUICK_SAMPLE_BYTES);
    if quick.len() < bytes.len() {
        let ranked = rank_candidates(quick, declared);
        if is_decisive(&ranked) {
            return choose(ranked, bytes, quick);
        }
    }
    let sample = sample_of(bytes, SAMPLE_BYTES);
    choose(rank_candidates(sample, declared), bytes, sample)
}

/// Each candidate's decoding of `sample` and its score, best first: by share of valid
/// syllables plus the declared bonus, then by number of valid words; equal candidates keep
/// the preference order of [`VIETNAMESE`].
fn rank_candidates(sample: &[u8], declared: Option<&str>) -> Vec<Scored> {
    let mut scored: Vec<Scored> = VIETNAMESE
        .iter()
        .filter_map(|&label| {
            let text = decode_for_scoring(label, sample)?;
            let score = vietnamese_score(&text);
            let bonus = if declared.is_some_and(|d| d.eq_ignore_ascii_case(label)) {
                DECLARED_BONUS
            } else {
                0.0
            };
            Some(Scored {
                label,
                rank: score.ratio() + bonus,
                text,
                score,
            })
        })
        .collect();
    // Stable sort: equal scores keep the preference order of VIETNAMESE.
    scored.sort_by(|a, b| {
        b.rank
            .total_cmp(&a.rank)
            .then(b.score.valid_non_ascii.cmp(&a.score.valid_non_ascii))
    });
    scored
}

/// One candidate judged on a sample.
struct Scored {
    label: &'static str,
    /// The share of valid syllables, plus [`DECLARED_BONUS`] for the declared candidate.
    rank: f32,
    /// The sample decoded (not yet in NFC).
    text: String,
    score: VietScore,
}

/// Does the quick stage settle the choice? Enough words, a clear reading, a wide margin.
fn is_decisive(ranked: &[Scored]) -> bool {
    let Some(best) = ranked.first() else {
        return false;
    };
    let runner_up = ranked.get(1).map_or(0.0, |s| s.rank);
    best.score.non_ascii_words >= QUICK_MIN_WORDS
        && best.score.ratio() >= QUICK_MIN_RATIO
        && best.rank - runner_up >= QUICK_MIN_MARGIN
}

/// The winner of `ranked` (judged on `sample`, a prefix of `bytes`), when it reads as
/// Vietnamese, with the whole of `bytes` decoded and its confidence; and every candidate's
/// score in preference order.
fn choose(
    ranked: Vec<Scored>,
    bytes: &[u8],
    sample: &[u8],
) -> (Option<(&'static str, String, f64)>, Vec<Candidate>) {
    let mut candidates: Vec<Candidate> = ranked
        .iter()
        .map(|s| Candidate {
            encoding: s.label,
            score: s.score,
        })
        .collect();
    let order = |label: &str| VIETNAMESE.iter().position(|&l| l == label);
    candidates.sort_by_key(|c| order(c.encoding));
    let mut ranked = ranked.into_iter();
    let Some(best) = ranked.next() else {
        return (None, candidates);
    };
    let runner_up = ranked.next().map_or(0.0, |s| s.score.ratio());
    if best.score.non_ascii_words < 2 || best.score.ratio() < MIN_VIETNAMESE_RATIO {
        return (None, candidates);
    }
    let text = if sample.len() == bytes.len() && !needs_nfc(best.label) {
        best.text
    } else {
        decode_with(best.label, bytes).unwrap_or(best.text)
    };
    let confidence = confidence(best.score, runner_up);
    (Some((best.label, text, confidence)), candidates)
}

/// Bytes judged by the quick stage, and what makes it decisive: at least
/// [`QUICK_MIN_WORDS`] non-ASCII words, [`QUICK_MIN_RATIO`] of them valid, and a lead of
/// [`QUICK_MIN_MARGIN`] over the runner-up (wrong decodings score 0.0–0.5 on real text).
const QUICK_SAMPLE_BYTES: usize = 1024;
const QUICK_MIN_WORDS: usize = 24;
const QUICK_MIN_RATIO: f32 = 0.9;
const QUICK_MIN_MARGIN: f32 = 0.25;

/// Bytes judged when the quick stage is not decisive: the first 16 KB (a few thousand words
/// tell the candidates apart as well as a whole book).
const SAMPLE_BYTES: usize = 16 * 1024;

/// The first `limit` bytes, cut after a line end or a space so that no two-byte VNI
/// letter is split.
fn sample_of(bytes: &[u8], limit: usize) -> &[u8] {
    if bytes.len() <= limit {
        return bytes;
    }
    let cut = bytes[..limit]
        .iter()
        .rposition(|&b| b == b'\n' || b == b' ')
        .map_or(limit, |p| p + 1);
    &bytes[..cut]
}

/// How sure a choice is: its own score, lowered when the runner-up came close and when
/// there were few words to judge by.
pub fn confidence(score: VietScore, runner_up: f32) -> f64 {
    let ratio = f64::from(score.ratio());
    let margin = (ratio - f64::from(runner_up)).max(0.0);
    let by_margin = (0.5 + margin / 0.3 * 0.5).min(1.0);
    let by_size = ((score.non_ascii_words as f64) / 12.0).sqrt().min(1.0);
    ((ratio * by_margin * (0.6 + 0.4 * by_size)) * 100.0).round() / 100.0
}
