//! Web pages: the golden pages in `tests/data/html/` (a real VnExpress page, pages
//! written in the styles of Vietnamese papers of 2000–2015, and modern English pages
//! built like the ones the evaluation set showed failing, each with the fields a reader
//! finds in it), listings refused as `not_article`, and bad input that must give a reject
//! or a record with warnings, never a crash.

use std::fs;

use serde_json::Value;

use crate::util::{Workspace, repo_root};

/// Converts `name` = `bytes` alone; returns (records, rejects).
fn convert_one(name: &str, bytes: &[u8]) -> (Vec<Value>, Vec<Value>) {
    let ws = Workspace::new();
    let input = ws.write(&format!("in/{name}"), bytes);
    ws.convert(&input, "out", &["--format", "jsonl"], 0);
    (
        ws.json_lines("out/records.jsonl"),
        ws.json_lines("out/rejects.jsonl"),
    )
}

#[test]
fn golden_pages() {
    let dir = repo_root().join("tests/data/html");
    let ws = Workspace::new();
    ws.convert(&dir, "out", &["--format", "jsonl"], 0);
    let records = ws.json_lines("out/records.jsonl");
    let rejects = ws.json_lines("out/rejects.jsonl");
    let mut checked = 0;
    let mut names: Vec<_> = fs::read_dir(&dir)
        .expect("list tests/data/html")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().to_string()))
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    for name in names {
        let page = name.replace(".json", ".html");
        let expected: Value =
            serde_json::from_str(&fs::read_to_string(dir.join(&name)).expect("read expected"))
                .expect("expected record is JSON");
        if let Some(reason) = expected.get("reject") {
            let reject = rejects
                .iter()
                .find(|r| r["source_path"] == page.as_str())
                .unwrap_or_else(|| panic!("{page} should be rejected"));
            assert_eq!(&reject["reason"], reason, "{page}");
        } else {
            let record = records
                .iter()
                .find(|r| r["source_path"] == page.as_str())
                .unwrap_or_else(|| panic!("{page} gives no record: {rejects:?}"));
            for (field, value) in expected.as_object().expect("an object") {
                assert_eq!(&record[field], value, "{page}: field {field}");
            }
        }
        checked += 1;
    }
    assert!(checked >= 12, "only {checked} golden pages");
}

#[test]
fn vnexpress_body_is_the_article_only() {
    let page = fs::read(repo_root().join("tests/data/html/vnexpress-kinh-doanh.html"))
        .expect("read the page");
    let (records, _) = convert_one("page.html", &page);
    let body = records[0]["body"].as_str().expect("a body");
    assert!(body.starts_with("Thông tin trên được Bộ trưởng Tài chính Hồ Đức Phớc chia sẻ"));
    assert!(
        !body.contains("Ảnh: Hoàng Phong"),
        "the caption is not body"
    );
    assert!(!body.contains("Anh Minh"), "the byline is not body");
    assert!(!body.contains("Ý kiến"), "no comments box");
}

#[test]
fn modern_page_keeps_the_article_and_its_own_byline() {
    let page = fs::read(repo_root().join("tests/data/html/en01-page-builder-byline.html"))
        .expect("read the page");
    let (records, _) = convert_one("page.html", &page);
    let body = records[0]["body"].as_str().expect("a body");
    assert!(body.starts_with("A corner that never sees"), "{body}");
    assert!(
        body.contains("\n\nReading the light\n\n"),
        "heading widgets are text"
    );
    for outside in [
        "Thank you for this article",
        "Growing vegetables in pots",
        "Share on Facebook",
        "Compost in ten minutes",
        "Published March 3",
    ] {
        assert!(!body.contains(outside), "{outside:?} is not article text");
    }
    assert_eq!(
        records[0]["author"], "Jane Doe",
        "not the site, not a related post's"
    );
    assert_eq!(records[0]["published"], "2025-03-03");
}

#[test]
fn html_without_extension_is_sniffed() {
    let page = fs::read(repo_root().join("tests/data/html/vn01-table-font-br.html"))
        .expect("read the page");
    let (records, _) = convert_one("saved_page", &page);
    assert_eq!(records[0]["source_format"], "html");
    assert_eq!(records[0]["title"], "Khánh thành cầu Câu Lâu mới");
}

fn article(paragraphs: usize) -> String {
    let mut page = String::from(
        "<html><head><title>Kiểm tra</title></head><body><h1>Tiêu đề bài viết thử nghiệm</h1>",
    );
    for i in 0..paragraphs {
        page.push_str(&format!(
            "<p>Đoạn văn số {i} kể lại diễn biến của hội nghị, với nhiều ý kiến đóng góp của đại biểu các địa phương.</p>"
        ));
    }
    page
}

#[test]
fn truncated_html_is_a_record_with_a_warning() {
    let page = article(5) + "<p>Đoạn cuối bị cắt giữa chừ";
    let (records, _) = convert_one("cut.html", page.as_bytes());
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["title"], "Tiêu đề bài viết thử nghiệm");
    let warnings = records[0]["warnings"].as_array().expect("warnings");
    assert!(
        warnings.iter().any(|w| w == "truncated-html"),
        "{warnings:?}"
    );
}

#[test]
fn html_without_body_tag() {
    let page = "<title>Chỉ có tiêu đề</title><p>Một đoạn văn ngắn, không có thẻ body, không đủ làm bài báo.</p>";
    let (records, rejects) = convert_one("nobody.html", page.as_bytes());
    assert_eq!(records.len() + rejects.len(), 1);
    let (_, rejects) = convert_one("empty.html", b"<html><head><title>x</title></head></html>");
    assert_eq!(rejects[0]["reason"], "not_article");
}

#[test]
fn megabytes_of_inline_script() {
    let script = format!("<script>var a = '{}';</script>", "x".repeat(4 << 20));
    let page = article(3).replace("<body>", &format!("<body>{script}")) + "</body></html>";
    let (records, _) = convert_one("script.html", page.as_bytes());
    let body = records[0]["body"].as_str().expect("a body");
    assert!(!body.contains("xxxx"));
}

#[test]
fn ten_thousand_nested_tables() {
    let depth = 10_000;
    let mut page = article(3);
    page.push_str(&"<table><tr><td>".repeat(depth));
    page.push_str("sâu");
    page.push_str(&"</td></tr></table>".repeat(depth));
    let (records, rejects) = convert_one("nested.html", page.as_bytes());
    assert_eq!(records.len() + rejects.len(), 1);
    assert!(rejects.iter().all(|r| r["reason"] != "internal_error"));
}

#[test]
fn non_html_named_html() {
    let (_, rejects) = convert_one("photo.html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
    assert_eq!(rejects[0]["reason"], "not_text");
    let dump = "Thứ hai, 03/02/2014\n\nTiêu đề bài báo\n\n(QNO) – Sáng 2/2, tỉnh tổ chức lễ hội.\n\nĐoạn thân bài.\n";
    let (records, _) = convert_one("dump.html", dump.as_bytes());
    assert_eq!(records[0]["source_format"], "text");
    assert_eq!(records[0]["title"], "Tiêu đề bài báo");
}

#[test]
fn undetectable_encoding() {
    let mut page = b"<html><body><h1>".to_vec();
    page.extend((0..3000u32).map(|i| 0x80 + (i.wrapping_mul(2654435761) >> 7) as u8 % 0x7F));
    page.extend_from_slice(b"</h1></body></html>");
    let (records, rejects) = convert_one("noise.html", &page);
    assert_eq!(records.len() + rejects.len(), 1);
    if let Some(record) = records.first() {
        assert!(record["encoding_confidence"].as_f64().unwrap_or(1.0) < 1.0);
    }
}
