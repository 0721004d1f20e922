//! The report's summary: the verdict in one sentence, then the run's facts (documents,
//! records, rejects, formats, skipped files and, outside bundles, inputs, times, duration,
//! throughput, threads, command line and files written). Counts are the run's own
//! [`Counts`](crate::sinks::report::Counts), as in `report.json`, and carry their value in
//! `data-value` for the tests; paths and the command line are escaped.

use std::fmt::Write;

use super::charts::percent;
use super::collect::Aggregates;
use super::sections::section_start;
use crate::sinks::report::{RunInfo, rfc3339_utc};
use crate::untrusted::html;

/// `12,345`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 record`, `12,345 records`.
pub fn counted_noun(n: u64, noun: &str) -> String {
    format!("{} {noun}{}", grouped(n), if n == 1 { "" } else { "s" })
}

/// A `<dd>` whose number the tests read back (`data-value`).
fn figure(id: &str, value: u64) -> String {
    format!(
        "<dd id=\"{id}\" data-value=\"{value}\">{}</dd>",
        grouped(value)
    )
}

/// The run in a few lines. `for_bundle` leaves out what differs between runs of the same
/// input (times, threads, command line, paths), so a bundle's bytes do not change.
pub fn summary(run: &RunInfo, aggregates: &Aggregates, for_bundle: bool) -> String {
    let counts = &run.counts;
    let mut out = String::new();
    section_start(&mut out, "summary", "Summary");
    let _ = write!(
        out,
        "<p class=\"verdict\">{} read: <strong>{}</strong> written, {} rejected ({}). {} skipped.</p>",
        counted_noun(counts.documents, "document"),
        counted_noun(counts.records, "record"),
        grouped(counts.rejects),
        percent(counts.rejects, counts.documents),
        counted_noun(run.skipped.total(), "file"),
    );
    out.push_str("<dl class=\"facts\">");
    let _ = write!(
        out,
        "<dt>Documents</dt>{}",
        figure("documents", counts.documents)
    );
    let _ = write!(out, "<dt>Records</dt>{}", figure("records", counts.records));
    let _ = write!(out, "<dt>Rejects</dt>{}", figure("rejects", counts.rejects));
    let formats: Vec<String> = aggregates
        .formats
        .iter()
        .map(|(f, n)| format!("{} {f}", grouped(*n)))
        .collect();
    let _ = write!(
        out,
        "<dt>Records by format</dt><dd>{}</dd>",
        or_none(&formats.join(", "))
    );
    let mut skipped: Vec<String> = run
        .skipped
        .by_extension
        .iter()
        .map(|(ext, n)| format!("{} .{}", grouped(*n), html(ext)))
        .collect();
    if run.skipped.hidden > 0 {
        skipped.push(format!("{} hidden", grouped(run.skipped.hidden)));
    }
    if run.skipped.directory_loops > 0 {
        skipped.push(format!(
            "{} folder loops",
            grouped(run.skipped.directory_loops)
        ));
    }
    let _ = write!(
        out,
        "<dt>Skipped files</dt><dd id=\"skipped\" data-value=\"{}\">{} {}</dd>",
        run.skipped.total(),
        grouped(run.skipped.total()),
        if skipped.is_empty() {
            String::new()
        } else {
            format!("({})", skipped.join(", "))
        }
    );
    if !for_bundle {
        let seconds = run
            .finished
            .duration_since(run.started)
            .unwrap_or_default()
            .as_secs_f64();
        let rate = if seconds > 0.0 {
            counts.documents as f64 / seconds
        } else {
            0.0
        };
        let _ = write!(
            out,
            "<dt>Inputs</dt><dd>{}</dd><dt>Output folder</dt><dd><code>{}</code></dd>\
             <dt>Started</dt><dd>{}</dd><dt>Finished</dt><dd>{}</dd>\
             <dt>Duration</dt><dd id=\"duration\">{seconds:.2} s</dd>\
             <dt>Throughput</dt><dd>{rate:.0} documents per second on {} threads</dd>",
            run.inputs
                .iter()
                .map(|i| format!("<code>{}</code>", html(i)))
                .collect::<Vec<_>>()
                .join(" "),
            html(&run.output_dir),
            rfc3339_utc(run.started),
            rfc3339_utc(run.finished),
            run.jobs,
        );
        let _ = write!(
            out,
            "<dt>Command line</dt><dd><code>{}</code></dd>",
            html(&run.command_line.join(" "))
        );
        let files: Vec<String> = run
            .outputs
            .iter()
            .map(|f| format!("<code>{}</code>", html(f)))
            .collect();
        let _ = write!(out, "<dt>Files written</dt><dd>{}</dd>", files.join(" "));
    }
    let _ = write!(
        out,
        "<dt>Tool</dt><dd>salvage {}, record schema {}</dd></dl>",
        env!("CARGO_PKG_VERSION"),
        crate::record::SCHEMA_VERSION
    );
    if for_bundle {
        out.push_str("<p class=\"note\">This copy travels in a bundle, so it leaves out the run's times, command line and paths: the bundle's bytes depend only on what it holds. The report beside <code>report.json</code> in the output folder has them. It describes the whole run, which may have written several bundles.</p>");
    }
    out.push_str("</section>");
    out
}

fn or_none(text: &str) -> &str {
    if text.is_empty() { "none" } else { text }
}
