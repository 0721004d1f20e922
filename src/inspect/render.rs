//! Prints an [`Inspection`]: as text for people (sections `document`, `decode`, `extract`,
//! `record`, with ANSI colour only when asked, i.e. when standard output is a terminal),
//! or as JSON for machines. Every string from the document goes through
//! [`untrusted`](crate::untrusted): no control character or escape sequence from a
//! document reaches the terminal; the only escapes printed are this module's colours.

use std::fmt::Write;

use super::{DecodeView, Inspection};
use crate::record::FIELDS;
use crate::untrusted::{terminal, terminal_marked};

/// Characters of a record's text field shown before it is cut.
const FIELD_CHARS: usize = 160;

/// The ANSI styles used, or none.
struct Paint {
    colour: bool,
}

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\u{1b}[{code}m{text}\u{1b}[0m")
        } else {
            text.to_string()
        }
    }
    fn heading(&self, text: &str) -> String {
        self.wrap("1;36", text)
    }
    fn label(&self, text: &str) -> String {
        self.wrap("2", &format!("{text:<19}"))
    }
    fn good(&self, text: &str) -> String {
        self.wrap("32", text)
    }
    fn bad(&self, text: &str) -> String {
        self.wrap("31", text)
    }
}

/// The inspection as text, coloured when `colour`.
pub fn text(inspection: &Inspection, colour: bool) -> String {
    let paint = Paint { colour };
    let mut out = String::new();
    let line = |out: &mut String, label: &str, value: &str| {
        let _ = writeln!(out, "  {} {value}", paint.label(label));
    };
    let _ = writeln!(out, "{}", paint.heading("document"));
    line(&mut out, "path", &terminal(&inspection.path));
    if let Some(member) = &inspection.member {
        line(&mut out, "member", &terminal(member));
    }
    line(&mut out, "container", inspection.container);
    line(&mut out, "source_path", &terminal(&inspection.source_path));
    line(
        &mut out,
        "size",
        &format!("{} bytes", inspection.size_bytes),
    );
    if let Some(sha) = &inspection.sha256 {
        line(&mut out, "sha256", sha);
    }
    let hints = &inspection.hints;
    let hint_text: Vec<String> = [
        ("charset", &hints.charset),
        ("url", &hints.url),
        ("captured", &hints.captured),
    ]
    .iter()
    .filter_map(|(name, value)| value.as_ref().map(|v| format!("{name} {}", terminal(v))))
    .collect();
    line(
        &mut out,
        "hints",
        &if hint_text.is_empty() {
            "none (a file on disk carries no charset, address or date)".to_string()
        } else {
            hint_text.join(", ")
        },
    );
    if let Some(format) = inspection.format {
        let how = if format == "html" {
            "html (the content is a web page)"
        } else {
            "text (a plain-text dump)"
        };
        line(&mut out, "format", how);
    }
    if let Some(declared) = &inspection.declared_charset {
        line(
            &mut out,
            "declared",
            &format!("charset {} (evidence, not truth)", terminal(declared)),
        );
    }
    if let Some(decode) = &inspection.decode {
        decode_section(&mut out, &paint, decode);
    }
    if !inspection.fields.is_empty() {
        let _ = writeln!(out, "{}", paint.heading("extract"));
        for source in &inspection.fields {
            line(&mut out, source.field, &terminal(&source.source));
        }
    }
    match (&inspection.record, &inspection.reject) {
        (Some(record), _) => {
            let _ = writeln!(out, "{}", paint.heading("record"));
            let value = serde_json::to_value(record).unwrap_or_default();
            for key in FIELDS {
                if let Some(value) = value.get(key) {
                    line(&mut out, key, &shown(value));
                }
            }
            let _ = writeln!(out, "{} {}", paint.heading("outcome"), paint.good("record"));
        }
        (None, Some(reject)) => {
            let _ = writeln!(out, "{}", paint.heading("reject"));
            line(
                &mut out,
                "stage",
                &format!("{:?}", reject.stage).to_lowercase(),
            );
            line(&mut out, "reason", reject.reason.as_str());
            line(&mut out, "message", &terminal(&reject.message));
            let _ = writeln!(
                out,
                "{} {}",
                paint.heading("outcome"),
                paint.bad("rejected")
            );
        }
        (None, None) => {}
    }
    out
}

fn decode_section(out: &mut String, paint: &Paint, decode: &DecodeView) {
    let line = |out: &mut String, label: &str, value: &str| {
        let _ = writeln!(out, "  {} {value}", paint.label(label));
    };
    let _ = writeln!(out, "{}", paint.heading("decode"));
    let route = match decode.route {
        "utf-8" => "utf-8: the bytes are valid UTF-8, nothing to detect",
        "byte-order mark" => "byte-order mark: the file says its encoding",
        "utf-16 without bom" => "utf-16 without a byte-order mark (NUL byte pattern)",
        "viqr" => "viqr: ASCII text that reads as Vietnamese written in VIQR",
        "forced" => "forced with --encoding",
        "detected" => "detected: not UTF-8, so every candidate was decoded and scored",
        other => other,
    };
    line(out, "route", route);
    for candidate in &decode.candidates {
        let chosen = candidate.encoding == decode.encoding;
        let text = format!(
            "{:<13} {:.3}  ({} of {} non-ASCII words are Vietnamese syllables){}",
            candidate.encoding,
            candidate.score,
            candidate.valid_non_ascii,
            candidate.non_ascii_words,
            if chosen { "  ← chosen" } else { "" }
        );
        let text = if chosen { paint.good(&text) } else { text };
        line(out, "candidate", &text);
    }
    line(
        out,
        "encoding",
        &paint.good(&format!(
            "{} (confidence {:.2})",
            decode.encoding, decode.confidence
        )),
    );
    if let Some(seen) = &decode.as_seen {
        line(
            out,
            "as seen",
            &format!("«{}»", terminal_marked(&seen.before)),
        );
        line(
            out,
            "decoded",
            &format!("«{}»", terminal_marked(&seen.after)),
        );
    }
    if decode.steps.is_empty() {
        line(out, "repairs", "none while decoding");
    }
    for step in &decode.steps {
        let pieces = match step.pieces {
            Some(n) => format!(
                " (in {n} piece{} of the page's text)",
                if n == 1 { "" } else { "s" }
            ),
            None => String::new(),
        };
        line(
            out,
            "repair",
            &format!("{}{pieces}", step.repairs.join(", ")),
        );
        line(
            out,
            "  before",
            &format!("«{}»", terminal_marked(&step.before)),
        );
        line(
            out,
            "  after",
            &format!("«{}»", terminal_marked(&step.after)),
        );
    }
}

/// A record value on one line: strings escaped and cut, lists and numbers as JSON.
fn shown(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => {
            let count = text.chars().count();
            let cut: String = text.chars().take(FIELD_CHARS).collect();
            if count > FIELD_CHARS {
                format!("{}… ({count} characters)", terminal(&cut))
            } else {
                terminal(&cut)
            }
        }
        other => terminal(&other.to_string()),
    }
}

/// The inspection as pretty JSON. serde_json escapes C0 controls; C1 controls and the
/// hidden format characters are escaped here too (`\u009b`), so no terminal acts on them.
pub fn json(inspection: &Inspection) -> String {
    let text = serde_json::to_string_pretty(inspection).unwrap_or_else(|_| "{}".to_string());
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if crate::untrusted::is_hidden(c) && c != '\n' {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}
