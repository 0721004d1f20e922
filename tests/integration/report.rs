//! `report.html`: every section is there, every figure equals `report.json`'s or what the
//! records say, the page parses back with no script, event handler or external reference,
//! the bundle carries a copy without times, and a hostile document shows as text.

use std::collections::BTreeMap;
use std::fs;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::exports::{bundles, entry};
use crate::util::{Workspace, repo_root};

const SECTIONS: [&str; 9] = [
    "summary",
    "encodings",
    "repairs",
    "reject-reasons",
    "timeline",
    "coverage",
    "people",
    "samples",
    "rejects",
];

fn select<'a>(page: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).expect("valid selector");
    page.select(&selector).collect()
}

/// `data-label` → `data-value` of a chart's bars.
fn chart(page: &Html, id: &str) -> BTreeMap<String, u64> {
    select(page, &format!("svg#{id} g.bar"))
        .iter()
        .map(|bar| {
            let label = bar.value().attr("data-label").expect("label").to_string();
            let value = bar
                .value()
                .attr("data-value")
                .expect("value")
                .parse()
                .expect("number");
            (label, value)
        })
        .collect()
}

fn figure(page: &Html, id: &str) -> u64 {
    let found = select(page, &format!("#{id}"));
    let element = found.first().unwrap_or_else(|| panic!("#{id} in the page"));
    element
        .value()
        .attr("data-value")
        .expect("data-value")
        .parse()
        .expect("number")
}

fn counts(json: &Value) -> BTreeMap<String, u64> {
    json.as_object()
        .expect("an object of counts")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().expect("count")))
        .collect()
}

/// No script, no event handler, nothing fetched from anywhere.
fn assert_inert(page: &Html, source: &str) {
    assert!(select(page, "script").is_empty(), "a <script> element");
    for tag in [
        "iframe", "object", "embed", "img", "link", "base", "form", "image", "use",
    ] {
        assert!(select(page, tag).is_empty(), "a <{tag}> element");
    }
    for element in select(page, "*") {
        for (name, value) in element.value().attrs() {
            assert!(
                !name.to_ascii_lowercase().starts_with("on"),
                "event handler {name}={value}"
            );
            assert!(
                !matches!(name, "src" | "srcset" | "xlink:href" | "action"),
                "{name}={value}"
            );
            assert!(name != "href" || value.starts_with('#'), "href={value}");
            assert!(
                !value.contains("://") && !value.contains("javascript:"),
                "{name}={value}"
            );
        }
    }
    let style: String = select(page, "style")
        .iter()
        .flat_map(|s| s.text())
        .collect();
    assert!(!style.contains("url(") && !style.contains("@import") && !style.contains("@font-face"));
    assert!(
        !source.contains("http://") && !source.contains("https://"),
        "an address in the page"
    );
}

fn corpus(ws: &Workspace) -> String {
    let input = ws.path("corpus");
    fs::create_dir_all(&input).expect("corpus folder");
    for entry in fs::read_dir(repo_root().join("input")).expect("input/") {
        let path = entry.expect("entry").path();
        fs::copy(&path, input.join(path.file_name().expect("name"))).expect("copy");
    }
    ws.write("corpus/bad/empty.txt", b"");
    ws.write(
        "corpus/bad/image.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01",
    );
    ws.write("corpus/bad/paragraph.txt", "Một đoạn văn dài không có tiêu đề, nói về nhiều chuyện trong tỉnh, kể lại từ đầu đến cuối những việc người dân làm trong năm qua để đón Tết cổ truyền của dân tộc và chuẩn bị cho mùa vụ mới sắp tới.\n\nĐoạn hai.\n".as_bytes());
    let home = fs::read(repo_root().join("tests/data/html/vn10-home-page.html")).expect("page");
    ws.write("corpus/bad/home.html", &home);
    let tcvn3 =
        fs::read(repo_root().join("tests/data/vn-tables-samples/tcvn3.txt")).expect("sample");
    let mut dump = b"Tin TCVN3\n\n".to_vec();
    dump.extend_from_slice(&tcvn3);
    ws.write("corpus/tcvn3.txt", &dump);
    input.to_str().expect("UTF-8 path").to_string()
}

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

#[test]
fn bundles_carry_the_report_without_times_and_the_same_for_any_jobs() {
    let ws = Workspace::new();
    let input = repo_root().join("input");
    let input = input.to_str().expect("UTF-8");
    for (out, jobs) in [("one", "1"), ("three", "3")] {
        ws.convert(std::path::Path::new(input), out, &["-j", jobs], 0);
    }
    let bundled = |out: &str| {
        let zips = bundles(&ws.path(out));
        assert_eq!(zips.len(), 1);
        String::from_utf8(entry(&zips[0], "data/report.html")).expect("UTF-8")
    };
    let (one, three) = (bundled("one"), bundled("three"));
    assert_eq!(one, three, "the bundle's report is the same for any --jobs");
    let page = Html::parse_document(&one);
    assert!(
        page.errors.is_empty(),
        "HTML parse errors: {:?}",
        page.errors
    );
    assert_inert(&page, &one);
    for id in SECTIONS {
        assert_eq!(
            select(&page, &format!("section#{id}")).len(),
            1,
            "section {id}"
        );
    }
    assert!(select(&page, "#duration").is_empty() && !one.contains("Command line"));
    let outside = fs::read_to_string(ws.path("one/report.html")).expect("report.html");
    assert!(outside.contains("id=\"duration\"") && outside.contains("Command line"));
}

#[test]
fn hostile_text_shows_as_text_and_runs_nothing() {
    let ws = Workspace::new();
    let hostile = "Thứ hai,\u{a0}03/02/2014\n\n<script>alert(1)</script> tiêu đề \"><img src=x onerror=alert(1)>\n\n(QNO) – Sáng 2/2, lễ hội </svg><script>alert(2)</script> với 1,000 người.\n\nĐoạn thân bài có </svg><script>alert(3)</script> và \u{1b}[31m màu.\n\nTin, ảnh: \"><img src=x onerror=alert(1)>\n";
    ws.write("in/a.txt", hostile.as_bytes());
    ws.write("in/<img src=x onerror=alert(4)>.txt", b"");
    ws.convert(&ws.path("in"), "out", &[], 0);
    let records = ws.json_lines("out/records.jsonl");
    assert_eq!(
        records[0]["author"], "\"><img src=x onerror=alert(1)>",
        "the test's premise"
    );
    let source = fs::read_to_string(ws.path("out/report.html")).expect("report.html");
    let page = Html::parse_document(&source);
    assert_inert(&page, &source);
    let text: String = select(&page, "main")
        .iter()
        .flat_map(|m| m.text())
        .collect();
    assert!(
        text.contains("\"><img src=x onerror=alert(1)>"),
        "the author shows as text"
    );
    assert!(
        text.contains("<img src=x onerror=alert(4)>.txt"),
        "the rejected path shows as text"
    );
    assert!(
        text.contains("</svg><script>alert(3)</script>"),
        "the sample shows as text"
    );
    assert!(
        text.contains("U+001B[31m") && !source.contains('\u{1b}'),
        "ESC is shown as its code point"
    );
}
