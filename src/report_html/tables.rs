//! The report's sections that list documents' own text: the twenty most frequent authors
//! and dateline codes, repaired text before and after, and the rejects table (the first
//! [`MAX_REJECT_ROWS`] with the total). Everything here came from documents nobody vetted,
//! so every string goes through [`html`] or [`html_marked`].

use std::fmt::Write;

use super::collect::{Aggregates, MAX_REJECT_ROWS};
use super::counter::TopCounter;
use super::summary::grouped;
use crate::untrusted::{html, html_marked};

/// Names listed per table.
const TOP: usize = 20;

fn top_table(out: &mut String, id: &str, what: &str, counter: &TopCounter) {
    let rows = counter.top(TOP);
    if rows.is_empty() {
        let _ = write!(out, "<p class=\"empty\">No record names {what}.</p>");
        return;
    }
    let _ = write!(
        out,
        "<div class=\"scroll\"><table id=\"{id}\"><thead><tr><th class=\"n\">#</th><th>{what}</th><th class=\"n\">records</th></tr></thead><tbody>"
    );
    for (rank, (name, count)) in rows.iter().enumerate() {
        let _ = write!(
            out,
            "<tr><td class=\"n\">{}</td><td>{}</td><td class=\"n\" data-value=\"{count}\">{}</td></tr>",
            rank + 1,
            html(name),
            grouped(*count)
        );
    }
    out.push_str("</tbody></table></div>");
    if counter.dropped_up_to() > 0 {
        let _ = write!(
            out,
            "<p class=\"note\">More than {} different names were seen, so names seen {} times or fewer were dropped as the run went on: these counts may be low.</p>",
            grouped(super::counter::CAPACITY as u64),
            counter.dropped_up_to()
        );
    }
}

/// The most frequent authors and dateline codes.
pub fn people(aggregates: &Aggregates) -> String {
    let mut out = String::from(
        "<section id=\"people\"><h2>Most frequent authors and dateline codes</h2><div class=\"pair\"><div>",
    );
    out.push_str("<h3>Authors</h3>");
    top_table(&mut out, "authors", "author", &aggregates.authors);
    out.push_str("</div><div><h3>Dateline codes</h3>");
    top_table(
        &mut out,
        "datelines",
        "dateline code",
        &aggregates.datelines,
    );
    out.push_str("</div></div></section>");
    out
}

/// Repaired documents, before and after.
pub fn samples(aggregates: &Aggregates) -> String {
    let mut out = String::from("<section id=\"samples\"><h2>Repaired text, before and after</h2>");
    let samples = aggregates.samples();
    if samples.is_empty() {
        out.push_str(
            "<p class=\"empty\">No record's text was visibly changed by a repair.</p></section>",
        );
        return out;
    }
    out.push_str("<p>One document for each kind of repair (chosen by the hash of its bytes, so the same input shows the same documents). <em>Before</em> is the file as a person opening it saw it; <em>after</em> is the text salvage wrote. Invisible characters are shown as their code (<span class=\"cp\">U+00A0</span>).</p>");
    for sample in samples {
        let _ = write!(
            out,
            "<article class=\"sample\"><h3><code>{}</code></h3><p class=\"kinds\">{} · before shown as {}</p>",
            html(&sample.source_path),
            html(&sample_kinds_label(&sample.kinds)),
            html(&sample.shown.seen_as)
        );
        for (before, after) in &sample.shown.lines {
            let _ = write!(
                out,
                "<div class=\"ba\"><div class=\"before\"><span class=\"tag\">before</span><p>{}</p></div><div class=\"after\"><span class=\"tag\">after</span><p>{}</p></div></div>",
                html_marked(before),
                html_marked(after)
            );
        }
        out.push_str("</article>");
    }
    out.push_str("</section>");
    out
}

/// The first rejects, with the total.
pub fn rejects(aggregates: &Aggregates, total: u64) -> String {
    let mut out = String::from("<section id=\"rejects\"><h2>Rejected documents</h2>");
    if total == 0 {
        out.push_str("<p class=\"empty\">No document was rejected.</p></section>");
        return out;
    }
    let shown = aggregates.rejects.len() as u64;
    let _ = write!(
        out,
        "<p id=\"rejects-total\" data-value=\"{total}\">{} of {} rejected documents{}. All of them are in <code>rejects.jsonl</code>.</p>",
        grouped(shown),
        grouped(total),
        if shown < total {
            format!(" (the first {})", grouped(MAX_REJECT_ROWS as u64))
        } else {
            String::new()
        }
    );
    out.push_str("<div class=\"scroll\"><table id=\"reject-rows\"><thead><tr><th>source path</th><th>stage</th><th>reason</th><th>message</th></tr></thead><tbody>");
    for reject in &aggregates.rejects {
        let stage = serde_json::to_value(reject.stage).unwrap_or_default();
        let _ = write!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
            html(&reject.source_path),
            html(stage.as_str().unwrap_or("")),
            reject.reason.as_str(),
            html(&reject.message)
        );
    }
    out.push_str("</tbody></table></div></section>");
    out
}

/// `decoded from tcvn3; repairs: nbsp, nfc`.
fn sample_kinds_label(kinds: &[String]) -> String {
    let encodings: Vec<&str> = kinds
        .iter()
        .filter_map(|k| k.strip_prefix("encoding:"))
        .collect();
    let repairs: Vec<&str> = kinds
        .iter()
        .filter(|k| !k.starts_with("encoding:"))
        .map(String::as_str)
        .collect();
    let mut parts = Vec::new();
    if !encodings.is_empty() {
        parts.push(format!("decoded from {}", encodings.join(", ")));
    }
    if !repairs.is_empty() {
        parts.push(format!("repairs: {}", repairs.join(", ")));
    }
    parts.join("; ")
}
