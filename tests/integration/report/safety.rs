//! The bundles' copy of the report (no times, the same for any `--jobs`) and a hostile
//! document whose text must show as text.

use std::fs;

use scraper::Html;

use super::{SECTIONS, assert_inert, select};
use crate::exports::{bundles, entry};
use crate::util::{Workspace, repo_root};

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
