//! `salvage repair`: the decode stage on its own, for text that is not an article: bytes in
//! any encoding (or mojibake) in, clean UTF-8 NFC text out, like ftfy's command line. Reads
//! a whole document, or each line on its own, and writes text or one JSON object each.
//!
//! With `--lines`, the file is the run: a line whose own encoding guess is weak takes the
//! file's dominant encoding when that reads at least as well (`decode::run_check`).
//!
//! It refuses bytes that are not text (binary data) with a message, and never guesses
//! silently: `--json` shows the encoding, its confidence and every repair.

use std::io::{self, Write};

use serde::Serialize;

use crate::decode::run_check::RunTally;
use crate::decode::{DecodeOptions, Decoded, decode_with_options};

/// What to repair and how to print it.
#[derive(Clone, Debug, Default)]
pub struct RepairRequest {
    /// Each line is its own document.
    pub lines: bool,
    /// One JSON object per document instead of the text.
    pub json: bool,
    pub options: DecodeOptions,
}

/// What a repair did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RepairSummary {
    pub documents: usize,
    /// Documents refused as not text, with the reason.
    pub refused: Vec<String>,
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    encoding: &'a str,
    encoding_confidence: f64,
    repairs: &'a [String],
    warnings: &'a [String],
    text: &'a str,
}

/// Repairs `input` and writes the result to `out`.
pub fn repair(
    input: &[u8],
    request: &RepairRequest,
    out: &mut dyn Write,
) -> io::Result<RepairSummary> {
    let mut summary = RepairSummary::default();
    if !request.lines {
        let decoded = decode_document(input, request, &mut summary);
        write_document(decoded.as_ref(), request, out)?;
        return Ok(summary);
    }
    let input = input.strip_suffix(b"\n").unwrap_or(input);
    let lines: Vec<&[u8]> = input
        .split(|&b| b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line))
        .collect();
    // Decide per line, then check per run: the file is the run, and a short line whose
    // own guess is weak takes the file's dominant encoding (see `decode::run_check`).
    let mut decoded: Vec<Option<Decoded>> = lines
        .iter()
        .map(|line| decode_document(line, request, &mut summary))
        .collect();
    let mut tally = RunTally::new();
    decoded.iter().flatten().for_each(|d| tally.record(d));
    for (line, result) in lines.iter().zip(decoded.iter_mut()) {
        if let Some(current) = result
            && let Some(again) = tally.recheck(line, current, &request.options)
        {
            *current = again;
        }
    }
    for result in &decoded {
        write_document(result.as_ref(), request, out)?;
        if !request.json {
            out.write_all(b"\n")?;
        }
    }
    Ok(summary)
}

/// Decodes one document; `None` (with the reason in `summary`) when it is refused.
fn decode_document(
    bytes: &[u8],
    request: &RepairRequest,
    summary: &mut RepairSummary,
) -> Option<Decoded> {
    summary.documents += 1;
    match decode_with_options(bytes, &request.options) {
        Ok(decoded) => Some(decoded),
        // An empty or blank line stays what it was.
        Err(_) if bytes.iter().all(u8::is_ascii_whitespace) => Some(Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            encoding: "utf-8".to_string(),
            confidence: 1.0,
            repairs: Vec::new(),
            warnings: Vec::new(),
        }),
        Err(refusal) => {
            summary.refused.push(refusal.message);
            None
        }
    }
}

/// Writes one document (nothing for a refused one).
fn write_document(
    decoded: Option<&Decoded>,
    request: &RepairRequest,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Some(decoded) = decoded else {
        return Ok(());
    };
    if request.json {
        let document = JsonDocument {
            encoding: &decoded.encoding,
            encoding_confidence: decoded.confidence,
            repairs: &decoded.repairs,
            warnings: &decoded.warnings,
            text: &decoded.text,
        };
        serde_json::to_writer(&mut *out, &document)?;
        out.write_all(b"\n")
    } else {
        out.write_all(decoded.text.as_bytes())
    }
}
