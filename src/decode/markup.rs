//! Decoding for markup (saved web pages): bytes to text *without* repairs, and the repairs
//! run afterwards on each piece of text the extractor takes out of the page.
//!
//! Repairs cannot run on the whole page first: decoding `&lt;` before the markup is parsed
//! would invent tags, and a legacy-font run is only recognisable in a paragraph's text, not
//! in a line full of tag names. So [`decode_markup`] only chooses the encoding (BOM,
//! UTF-16, strict UTF-8, then the Vietnamese candidates scored, with the charset the page
//! declares as evidence), and [`clean_text`] repairs and normalises each field.
//!
//! It refuses what [`decode_with_options`](super::decode_with_options) refuses: no bytes
//! (`empty`), binary data or NUL bytes no encoding explains (`not_text`).

use super::sniff;
use super::trace::{DecodeTrace, RepairStep, record};
use super::{DecodeOptions, Decoded, Refusal, detect, normalize, repair};
use crate::reject::Reason;

/// Above this share of control characters, decoded bytes are taken for binary data.
const MAX_CONTROL_SHARE: f64 = 0.02;

/// Below this confidence, a record says its encoding was a guess.
const LOW_CONFIDENCE: f64 = 0.5;

/// Decodes a web page's bytes to text, unrepaired. `declared` is the charset the page or
/// its container names (evidence, not truth). `repairs` holds only `bom` when one was
/// removed, and `mixed-encoding:<label>` when lines were decoded apart.
pub fn decode_markup(
    bytes: &[u8],
    options: &DecodeOptions,
    declared: Option<&str>,
) -> Result<Decoded, Refusal> {
    decode_markup_traced(bytes, options, declared, None)
}

/// [`decode_markup`], recording how the encoding was found and the candidates scored in
/// `trace` when given (the decoding is the same either way).
pub fn decode_markup_traced(
    bytes: &[u8],
    options: &DecodeOptions,
    declared: Option<&str>,
    trace: Option<&mut DecodeTrace>,
) -> Result<Decoded, Refusal> {
    let mut unused = DecodeTrace::default();
    let trace = trace.unwrap_or(&mut unused);
    if bytes.is_empty() {
        return Err(refusal(Reason::Empty, "the file is empty (0 bytes)"));
    }
    if let Some(format) = sniff::binary_format(bytes) {
        return Err(refusal(
            Reason::NotText,
            format!("the bytes are {format}, not text"),
        ));
    }
    let mut repairs = Vec::new();
    let (text, encoding, confidence) = if let Some(label) = &options.forced_encoding {
        let text = repair::decode_forced(label, bytes).ok_or_else(|| {
            refusal(
                Reason::NotText,
                format!("the encoding {label} is not one salvage knows"),
            )
        })?;
        trace.route = "forced";
        (text, label.to_ascii_lowercase(), 1.0)
    } else if let Some(unicode) = sniff::decode_unicode(bytes) {
        trace.route = if unicode.had_bom {
            "byte-order mark"
        } else {
            "utf-16 without bom"
        };
        if unicode.had_bom {
            repairs.push("bom".to_string());
        }
        (unicode.text, unicode.encoding, unicode.confidence)
    } else if bytes.contains(&0) {
        return Err(refusal(
            Reason::NotText,
            "the bytes hold NUL characters that no text encoding explains: binary data, not text",
        ));
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        trace.route = "utf-8";
        (text.to_string(), "utf-8".to_string(), 1.0)
    } else {
        let guess = detect::guess_declared(bytes, declared);
        trace.route = "detected";
        trace.candidates = guess.candidates.iter().map(Into::into).collect();
        repairs.extend(guess.repairs);
        (guess.text, guess.encoding, guess.confidence)
    };
    let share = sniff::control_share(&text);
    if share > MAX_CONTROL_SHARE {
        return Err(refusal(
            Reason::NotText,
            format!(
                "{:.0}% of the characters are control codes or undecodable bytes: binary data, not text",
                share * 100.0
            ),
        ));
    }
    let mut warnings = Vec::new();
    if confidence < LOW_CONFIDENCE {
        warnings.push("low-confidence-encoding".to_string());
    }
    Ok(Decoded {
        text,
        encoding,
        confidence,
        repairs,
        warnings,
    })
}

/// Repairs and normalises one field taken from a page decoded from `encoding`: the steps
/// a text document goes through after decoding (mojibake, legacy-font runs, references,
/// NFC, spaces). Appends each kind of change to `repairs` and each warning to `warnings`,
/// once each.
pub fn clean_text(
    text: &str,
    encoding: &str,
    options: &DecodeOptions,
    repairs: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> String {
    clean_text_traced(text, encoding, options, (repairs, warnings), None)
}

/// [`clean_text`], recording each step that changed the text in `steps` when given.
pub fn clean_text_traced(
    text: &str,
    encoding: &str,
    options: &DecodeOptions,
    (repairs, warnings): (&mut Vec<String>, &mut Vec<String>),
    mut steps: Option<&mut Vec<RepairStep>>,
) -> String {
    let repaired = repair::repair_traced(text, encoding, options.tone_style, steps.as_deref_mut());
    let mut done = repaired.repairs;
    let before_normalizing = done.len();
    let cleaned = normalize::normalize(&repaired.text, &mut done);
    record(steps, &done[before_normalizing..], &repaired.text, &cleaned);
    for name in done {
        if !repairs.contains(&name) {
            repairs.push(name);
        }
    }
    for name in repaired.warnings {
        if !warnings.contains(&name) {
            warnings.push(name);
        }
    }
    cleaned
}

fn refusal(reason: Reason, message: impl Into<String>) -> Refusal {
    Refusal {
        reason,
        message: message.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_not_repaired_but_fields_are() {
        let page = "<p>Tin &amp; &#7843;nh</p>".as_bytes();
        let decoded = decode_markup(page, &DecodeOptions::default(), None).unwrap();
        assert_eq!(decoded.text, "<p>Tin &amp; &#7843;nh</p>");
        let (mut repairs, mut warnings) = (Vec::new(), Vec::new());
        let field = clean_text(
            "Tin\u{a0}&#7843;nh",
            "utf-8",
            &DecodeOptions::default(),
            &mut repairs,
            &mut warnings,
        );
        assert_eq!(field, "Tin ảnh");
        assert_eq!(repairs, ["html-entities", "nbsp"]);
    }

    #[test]
    fn declared_charset_is_evidence_not_truth() {
        // A TCVN3 paragraph declared as windows-1252: the syllables overrule the label.
        let mut tcvn3 = b"<p>".to_vec();
        tcvn3.extend_from_slice(include_bytes!(
            "../../tests/data/vn-tables-samples/tcvn3.txt"
        ));
        let decoded =
            decode_markup(&tcvn3, &DecodeOptions::default(), Some("windows-1252")).unwrap();
        assert_eq!(decoded.encoding, "tcvn3");
        let latin = b"<p>Caf\xe9 cr\xe8me, tr\xe8s bon</p>";
        let decoded = decode_markup(latin, &DecodeOptions::default(), Some("iso-8859-1")).unwrap();
        assert_eq!(decoded.encoding, "windows-1252");
        assert!(decoded.text.contains("Café crème"));
    }

    #[test]
    fn binary_and_empty_are_refused() {
        let options = DecodeOptions::default();
        assert_eq!(
            decode_markup(b"", &options, None).unwrap_err().reason,
            Reason::Empty
        );
        assert_eq!(
            decode_markup(b"GIF89a\0\0", &options, None)
                .unwrap_err()
                .reason,
            Reason::NotText
        );
    }
}
