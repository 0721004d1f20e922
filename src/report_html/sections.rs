//! The report's chart sections: encodings, repairs, warnings and rejects by reason (each
//! with what its names mean), the timeline of records per month and field coverage.
//! Every figure comes from the run's [`Counts`](crate::sinks::report::Counts), the same
//! values `report.json` holds, or from the [`Aggregates`]. Names from documents go
//! through [`html`] before they reach the page.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::charts::{bars, shares, timeline};
use super::collect::Aggregates;
use super::names::{encoding_meaning, repair_meaning, warning_meaning};
use super::summary::{counted_noun, grouped};
use crate::sinks::report::RunInfo;
use crate::untrusted::html;

pub(super) fn section_start(out: &mut String, id: &str, heading: &str) {
    let _ = write!(out, "<section id=\"{id}\"><h2>{heading}</h2>");
}

fn sorted_by_count(map: &BTreeMap<String, u64>) -> Vec<(String, u64)> {
    let mut rows: Vec<(String, u64)> = map.iter().map(|(k, v)| (k.clone(), *v)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows
}

/// A chart of `map` and a table of what each name means.
fn counted(
    out: &mut String,
    id: &str,
    title: &str,
    map: &BTreeMap<String, u64>,
    meaning: fn(&str) -> String,
    empty: &str,
) {
    if map.is_empty() {
        let _ = write!(out, "<p class=\"empty\">{empty}</p>");
        return;
    }
    let rows = sorted_by_count(map);
    let _ = write!(out, "<figure>{}</figure>", bars(id, title, &rows));
    out.push_str("<div class=\"scroll\"><table><thead><tr><th>name</th><th class=\"n\">documents</th><th>what it means</th></tr></thead><tbody>");
    for (name, count) in &rows {
        let _ = write!(
            out,
            "<tr><td><code>{}</code></td><td class=\"n\">{}</td><td>{}</td></tr>",
            html(name),
            grouped(*count),
            html(&meaning(name))
        );
    }
    out.push_str("</tbody></table></div>");
}

/// Encodings, repairs, warnings and rejects by reason.
pub fn counts_charts(run: &RunInfo) -> String {
    let counts = &run.counts;
    let mut out = String::new();
    section_start(&mut out, "encodings", "Documents by detected encoding");
    counted(
        &mut out,
        "chart-encodings",
        "Records by the encoding their bytes were read in",
        &counts.encodings,
        encoding_meaning,
        "No record was written.",
    );
    out.push_str("</section>");
    section_start(&mut out, "repairs", "Repairs applied");
    out.push_str("<p>Each record lists the repairs made to its text; a document counts once per kind of repair.</p>");
    counted(
        &mut out,
        "chart-repairs",
        "Records by repair applied",
        &counts.repairs,
        repair_meaning,
        "No text needed repair.",
    );
    if !counts.warnings.is_empty() {
        out.push_str("<h3>Warnings</h3>");
        counted(
            &mut out,
            "chart-warnings",
            "Records by warning",
            &counts.warnings,
            warning_meaning,
            "",
        );
    }
    out.push_str("</section>");
    section_start(&mut out, "reject-reasons", "Rejects by reason");
    counted(
        &mut out,
        "chart-rejects",
        "Rejected documents by reason",
        &counts.rejects_by_reason,
        super::names::reject_meaning,
        "No document was rejected.",
    );
    out.push_str("</section>");
    out
}

/// Records per month of `published`, and the share of records with each field.
pub fn timeline_and_coverage(records: u64, aggregates: &Aggregates) -> String {
    let mut out = String::new();
    section_start(&mut out, "timeline", "Records per month of publication");
    if aggregates.months.is_empty() {
        out.push_str("<p class=\"empty\">No record has a publication date.</p>");
    } else {
        let first = aggregates.months.keys().next().cloned().unwrap_or_default();
        let last = aggregates
            .months
            .keys()
            .next_back()
            .cloned()
            .unwrap_or_default();
        let _ = write!(
            out,
            "<p>From {} to {}; {} without a date {} not drawn.</p><figure>{}</figure>",
            html(&first),
            html(&last),
            counted_noun(aggregates.undated, "record"),
            if aggregates.undated == 1 { "is" } else { "are" },
            timeline(
                "chart-timeline",
                "Records per month of the published date",
                &aggregates.months
            )
        );
    }
    out.push_str("</section>");
    section_start(&mut out, "coverage", "Field coverage");
    let c = &aggregates.coverage;
    let rows: Vec<(String, u64)> = [
        ("title", c.title),
        ("author", c.author),
        ("date (published)", c.date),
        ("lead", c.lead),
        ("captions", c.captions),
    ]
    .iter()
    .map(|(name, n)| (name.to_string(), *n))
    .collect();
    if records == 0 {
        out.push_str("<p class=\"empty\">No record was written.</p>");
    } else {
        let _ = write!(
            out,
            "<p>Share of the {} records that have each field. A field salvage cannot find is left empty, never guessed.</p><figure>{}</figure>",
            grouped(records),
            shares(
                "chart-coverage",
                "Share of records with each field",
                &rows,
                records
            )
        );
    }
    out.push_str("</section>");
    out
}
