//! Decode: raw bytes in, clean NFC text out, with an account of what was done.
//!
//! Order (see `shared/design/encodings.md`): refuse what is not text (empty, binary magic
//! numbers, NUL bytes, mostly control characters), honour a byte-order mark, recognise
//! UTF-16 without one, accept strict UTF-8, and otherwise let [`detect`] choose among
//! candidate encodings. Then [`repair`] undoes mojibake, legacy-font runs and HTML
//! references, and [`normalize`] makes NFC and cleans spaces and invisibles.
//!
//! It refuses with `empty` (no bytes, or only whitespace) and `not_text` (binary data).

mod byte_positions;
pub mod capitals;
pub mod detect;
pub mod entities;
pub mod legacy;
pub mod markup;
pub mod mojibake;
mod nfc;
pub mod normalize;
pub mod repair;
pub mod run_check;
pub(crate) mod scan;
pub mod sniff;
pub mod syllable;
mod syllable_freq;
pub mod tone;
pub mod trace;

use std::borrow::Cow;

use encoding_rs::Encoding;

use crate::reject::Reason;
use trace::DecodeTrace;

/// Above this share of control characters, decoded bytes are taken for binary data.
const MAX_CONTROL_SHARE: f64 = 0.02;

/// Text and the account of how it was obtained.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// Clean NFC text with `\n` line ends.
    pub text: String,
    /// The encoding the bytes were decoded from, lowercase (`utf-8`, `windows-1258`, ...).
    pub encoding: String,
    /// How sure the choice of encoding is, 0..1.
    pub confidence: f64,
    /// Every change beyond plain decoding, in the order applied.
    pub repairs: Vec<String>,
    /// What a reader should know (`ambiguous-repair`, `low-confidence-encoding`).
    pub warnings: Vec<String>,
}

/// Below this confidence, a record says its encoding was a guess.
const LOW_CONFIDENCE: f64 = 0.5;

/// How to decode, beyond what the bytes say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DecodeOptions {
    /// Decode with this encoding (a legacy name or a WHATWG label), detecting nothing.
    pub forced_encoding: Option<String>,
    /// Where tone marks go in `oa`, `oe`, `uy`.
    pub tone_style: tone::ToneStyle,
}

/// Whether `label` names an encoding salvage can decode (for checking options early).
pub fn is_known_encoding(label: &str) -> bool {
    legacy::LegacyEncoding::from_label(label).is_some()
        || Encoding::for_label(label.as_bytes()).is_some()
}

/// Why bytes could not be decoded into text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub reason: Reason,
    pub message: String,
}

impl Refusal {
    fn new(reason: Reason, message: impl Into<String>) -> Self {
        Refusal {
            reason,
            message: message.into(),
        }
    }
}

/// Decodes one document's bytes with the default options.
pub fn decode(bytes: &[u8]) -> Result<Decoded, Refusal> {
    decode_with_options(bytes, &DecodeOptions::default())
}

/// Decodes one document's bytes.
pub fn decode_with_options(bytes: &[u8], options: &DecodeOptions) -> Result<Decoded, Refusal> {
    decode_traced(bytes, options, None)
}

/// [`decode_with_options`], recording what it saw and decided in `trace` when given
/// (the decoding is the same either way).
pub fn decode_traced(
    bytes: &[u8],
    options: &DecodeOptions,
    mut trace: Option<&mut DecodeTrace>,
) -> Result<Decoded, Refusal> {
    let mut route = |name: &'static str| {
        if let Some(trace) = trace.as_deref_mut() {
            trace.route = name;
        }
    };
    if bytes.is_empty() {
        return Err(Refusal::new(Reason::Empty, "the file is empty (0 bytes)"));
    }
    if let Some(format) = sniff::binary_format(bytes) {
        return Err(Refusal::new(
            Reason::NotText,
            format!("the bytes are {format}, not text"),
        ));
    }
    let mut repairs = Vec::new();
    if let Some(label) = &options.forced_encoding {
        let text = repair::decode_forced(label, bytes).ok_or_else(|| {
            Refusal::new(
                Reason::NotText,
                format!("the encoding {label} is not one salvage knows"),
            )
        })?;
        route("forced");
        let encoding = label.to_ascii_lowercase();
        return finish(Cow::Owned(text), encoding, 1.0, repairs, options, trace);
    }
    let (raw_text, encoding, confidence) = match sniff::decode_unicode(bytes) {
        Some(unicode) => {
            route(if unicode.had_bom {
                "byte-order mark"
            } else {
                "utf-16 without bom"
            });
            if unicode.had_bom {
                repairs.push("bom".to_string());
            }
            (
                Cow::Owned(unicode.text),
                unicode.encoding,
                unicode.confidence,
            )
        }
        // (memchr: several times faster than `contains`, and this runs on every document.)
        None if memchr::memchr(0, bytes).is_some() => {
            return Err(Refusal::new(
                Reason::NotText,
                "the bytes hold NUL characters that no text encoding explains: binary data, not text",
            ));
        }
        // simdutf8 checks UTF-8 several times faster than std on non-ASCII text.
        None => match simdutf8::basic::from_utf8(bytes) {
            Ok(text) if text.is_ascii() => match viqr(text) {
                Some(decoded) => {
                    route("viqr");
                    (Cow::Owned(decoded), "viqr".to_string(), 0.9)
                }
                None => {
                    route("utf-8");
                    (Cow::Borrowed(text), "utf-8".to_string(), 1.0)
                }
            },
            Ok(text) => {
                route("utf-8");
                (Cow::Borrowed(text), "utf-8".to_string(), 1.0)
            }
            Err(_) => {
                route("detected");
                let guess = detect::guess(bytes);
                if let Some(trace) = trace.as_deref_mut() {
                    trace.candidates = guess.candidates.iter().map(Into::into).collect();
                }
                repairs.extend(guess.repairs);
                (Cow::Owned(guess.text), guess.encoding, guess.confidence)
            }
        },
    };
    finish(raw_text, encoding, confidence, repairs, options, trace)
}

/// Refuses binary-looking text, then repairs and normalises.
fn finish(
    raw_text: Cow<'_, str>,
    encoding: String,
    confidence: f64,
    mut repairs: Vec<String>,
    options: &DecodeOptions,
    mut trace: Option<&mut DecodeTrace>,
) -> Result<Decoded, Refusal> {
    let share = sniff::control_share(&raw_text);
    if share > MAX_CONTROL_SHARE {
        return Err(Refusal::new(
            Reason::NotText,
            format!(
                "{:.0}% of the characters are control codes or undecodable bytes: binary data, not text",
                share * 100.0
            ),
        ));
    }
    let steps = trace.as_deref_mut().map(|t| &mut t.steps);
    let repaired = repair::repair_traced(&raw_text, &encoding, options.tone_style, steps);
    repairs.extend(repaired.repairs);
    let mut warnings = repaired.warnings;
    if confidence < LOW_CONFIDENCE {
        warnings.push("low-confidence-encoding".to_string());
    }
    let done = repairs.len();
    let text = normalize::normalize(&repaired.text, &mut repairs);
    let steps = trace.map(|t| &mut t.steps);
    trace::record(steps, &repairs[done..], &repaired.text, &text);
    if text.trim().is_empty() {
        return Err(Refusal::new(
            Reason::Empty,
            "the file holds only whitespace",
        ));
    }
    Ok(Decoded {
        text,
        encoding,
        confidence,
        repairs,
        warnings,
    })
}

/// ASCII text written in VIQR (`Vie^.t Nam`), decoded, when it reads as Vietnamese.
fn viqr(text: &str) -> Option<String> {
    // VIQR is dense with a vowel followed by a mark (`a'`, `o^`, `u+`, `e~`); text with
    // fewer than one such pair per 200 bytes is not tried.
    let marks = text
        .as_bytes()
        .windows(2)
        .filter(|w| b"aeiouyAEIOUY".contains(&w[0]) && b"'`?~.^(+".contains(&w[1]))
        .count();
    if marks < 3 || marks * 200 < text.len() {
        return None;
    }
    let decoded = legacy::decode(legacy::LegacyEncoding::Viqr, text.as_bytes());
    if decoded == text {
        return None;
    }
    let score = syllable::vietnamese_score(&decoded);
    (score.valid_non_ascii >= 3 && score.ratio() >= 0.9).then_some(decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_nbsp() {
        let decoded = decode("\u{FEFF}Thứ ba,\u{00A0}19/01/2021".as_bytes()).unwrap();
        assert_eq!(decoded.text, "Thứ ba, 19/01/2021");
        assert_eq!(decoded.encoding, "utf-8");
        assert_eq!(decoded.repairs, ["bom", "nbsp"]);
    }

    #[test]
    fn utf16_without_bom() {
        let bytes: Vec<u8> = "Hello, world. Xin chào"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, "Hello, world. Xin chào");
        assert_eq!(decoded.encoding, "utf-16le");
    }

    #[test]
    fn binary_is_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(decode(png).unwrap_err().reason, Reason::NotText);
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        assert_eq!(decode(&noise).unwrap_err().reason, Reason::NotText);
    }

    #[test]
    fn empty_and_blank_are_refused() {
        assert_eq!(decode(b"").unwrap_err().reason, Reason::Empty);
        assert_eq!(decode(b" \n\t\r\n").unwrap_err().reason, Reason::Empty);
    }
}
