//! The report of `input/` plus bad files: every section, and every figure equal to
//! `report.json`'s or to what the records and rejects say.

use std::collections::BTreeMap;
use std::fs;

use scraper::Html;
use serde_json::Value;

use super::{SECTIONS, assert_inert, chart, corpus, counts, figure, select};
use crate::util::Workspace;

#[test]
fn report_page_has_every_section_and_report_jsons_figures() {
    let ws = Workspace::new();
    let input = corpus(&ws);
    ws.convert(
        std::path::Path::new(&input),
        "out",
        &["--format", "jsonl,bundle"],
        0,
    );
    let report: Value =
        serde_json::from_slice(&fs::read(ws.path("out/report.json")).expect("json")).expect("JSON");
    let source = fs::read_to_string(ws.path("out/report.html")).expect("report.html");
    let page = Html::parse_document(&source);
    assert!(
        page.errors.is_empty(),
        "HTML parse errors: {:?}",
        page.errors
    );
    assert_inert(&page, &source);
    for id in SECTIONS {
        assert_eq!(
            select(&page, &format!("section#{id}")).len(),
            1,
            "section {id}"
        );
    }
    for key in ["documents", "records", "rejects"] {
        assert_eq!(
            figure(&page, key),
            report[key].as_u64().expect("count"),
            "{key}"
        );
    }
    assert_eq!(
        figure(&page, "skipped"),
        report["skipped"]["total"].as_u64().expect("total")
    );
    assert_eq!(
        chart(&page, "chart-encodings"),
        counts(&report["encodings"])
    );
    assert_eq!(chart(&page, "chart-repairs"), counts(&report["repairs"]));
    assert_eq!(chart(&page, "chart-warnings"), counts(&report["warnings"]));
    assert_eq!(
        chart(&page, "chart-rejects"),
        counts(&report["rejects_by_reason"])
    );
    assert_eq!(
        report["rejects_by_reason"].as_object().map(|o| o.len()),
        Some(4)
    );
    assert_eq!(
        figure(&page, "rejects-total"),
        report["rejects"].as_u64().expect("rejects")
    );
    assert!(
        report["outputs"]
            .as_array()
            .expect("outputs")
            .contains(&Value::from("report.html"))
    );

    // The per-record figures, from the records themselves.
    let records = ws.json_lines("out/records.jsonl");
    let mut months: BTreeMap<String, u64> = BTreeMap::new();
    let (mut authors, mut datelines) = (
        BTreeMap::<String, u64>::new(),
        BTreeMap::<String, u64>::new(),
    );
    for r in &records {
        if let Some(date) = r["published"].as_str() {
            *months.entry(date[..7].to_string()).or_default() += 1;
        }
        if let Some(a) = r["author"].as_str() {
            *authors.entry(a.to_string()).or_default() += 1;
        }
        if let Some(d) = r["dateline"].as_str() {
            *datelines.entry(d.to_string()).or_default() += 1;
        }
    }
    let timeline: BTreeMap<String, u64> = chart(&page, "chart-timeline")
        .into_iter()
        .filter(|(_, v)| *v > 0)
        .collect();
    assert_eq!(timeline, months);
    let has = |field: &str| {
        records
            .iter()
            .filter(|r| !r[field].is_null() && r[field] != Value::Array(vec![]))
            .count() as u64
    };
    let coverage = chart(&page, "chart-coverage");
    assert_eq!(coverage["title"], records.len() as u64);
    assert_eq!(coverage["author"], has("author"));
    assert_eq!(coverage["date (published)"], has("published"));
    assert_eq!(coverage["lead"], has("lead"));
    assert_eq!(coverage["captions"], has("captions"));
    let table = |id: &str| -> Vec<(String, u64)> {
        select(&page, &format!("table#{id} tbody tr"))
            .iter()
            .map(|row| {
                let cells: Vec<String> = row.child_elements().map(|c| c.text().collect()).collect();
                (
                    cells[1].clone(),
                    cells[2].replace(',', "").parse().expect("count"),
                )
            })
            .collect()
    };
    let top = |map: BTreeMap<String, u64>| {
        let mut rows: Vec<(String, u64)> = map.into_iter().collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        rows.truncate(20);
        rows
    };
    assert_eq!(table("authors"), top(authors));
    assert_eq!(table("datelines"), top(datelines));

    let rejects = ws.json_lines("out/rejects.jsonl");
    let rows = select(&page, "table#reject-rows tbody tr");
    assert_eq!(rows.len(), rejects.len());
    for (row, reject) in rows.iter().zip(&rejects) {
        let cells: Vec<String> = row.child_elements().map(|c| c.text().collect()).collect();
        assert_eq!(cells[0], reject["source_path"].as_str().expect("path"));
        assert_eq!(cells[2], reject["reason"].as_str().expect("reason"));
    }

    // A TCVN3 dump is shown as a person saw it (windows-1252) beside the repaired text.
    let samples: Vec<String> = select(&page, "article.sample")
        .iter()
        .map(|s| s.text().collect())
        .collect();
    let tcvn3 = samples
        .iter()
        .find(|s| s.starts_with("tcvn3.txt"))
        .expect("the TCVN3 sample");
    assert!(
        tcvn3.contains("decoded from tcvn3") && tcvn3.contains("windows-1252"),
        "{tcvn3}"
    );
    assert!(
        tcvn3.contains("S¸ng nay, §¶ng bé V¨n phßng")
            && tcvn3.contains("Sáng nay, Đảng bộ Văn phòng")
    );
}
