//! The seed dump's record, and the promises every output makes: schema order, the same
//! bytes for any `--jobs`, CSV that reads back equal to JSONL, a report that adds up.

use std::fs;

use serde_json::Value;

use crate::util::{Workspace, repo_root, summary};

const SEED: &str = "input/000_b3723bb827f40c3b.txt";

const FIELDS: [&str; 24] = [
    "schema_version",
    "id",
    "source_path",
    "source_sha256",
    "source_format",
    "url",
    "encoding",
    "encoding_confidence",
    "repairs",
    "language",
    "title",
    "lead",
    "body",
    "captions",
    "author",
    "dateline",
    "published",
    "published_from",
    "header_date",
    "dateline_date",
    "word_count",
    "warnings",
    "captured",
    "duplicate_of",
];

#[test]
fn seed_dump_gives_the_schema_documents_values() {
    let ws = Workspace::new();
    ws.convert(&repo_root().join(SEED), "out", &[], 0);
    let records = ws.json_lines("out/records.jsonl");
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r["schema_version"], 2);
    assert_eq!(r["source_path"], "000_b3723bb827f40c3b.txt");
    assert_eq!(r["source_format"], "text");
    assert_eq!(r["encoding"], "utf-8");
    assert_eq!(r["url"], Value::Null);
    assert_eq!(
        r["title"],
        "Đảng bộ Văn phòng UBND tỉnh đại hội nhiệm kỳ 2020-2025"
    );
    assert_eq!(
        r["lead"],
        "Ngày 22/5/2020, Đảng bộ Văn phòng UBND tỉnh tổ chức đại hội nhiệm kỳ 2020-2025. Dự đại hội có lãnh đạo Đảng ủy Khối các cơ quan tỉnh."
    );
    assert_eq!(r["dateline"], "LSO");
    assert_eq!(
        r["captions"],
        serde_json::json!([
            "Lãnh đạo UBND tỉnh và Đảng ủy Khối các cơ quan tỉnh tặng hoa chúc mừng Ban Chấp hành Đảng bộ Văn phòng UBND tỉnh nhiệm kỳ 2020-2025"
        ])
    );
    let body = r["body"].as_str().expect("body is a string");
    let paragraphs: Vec<&str> = body.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 7);
    assert!(paragraphs[0].starts_with("Trong nhiệm kỳ 2015-2020, "));
    assert!(paragraphs[6].ends_with(" đi dự đại hội cấp trên."));
    assert!(!body.contains("ĐỖ HOẠT") && !body.contains("tặng hoa") && !body.contains("LSO"));
    assert_eq!(r["author"], "ĐỖ HOẠT");
    assert_eq!(r["header_date"], "2021-01-19");
    assert_eq!(r["dateline_date"], "2020-05-22");
    assert_eq!(r["published"], "2020-05-22");
    assert_eq!(r["published_from"], "dateline");
    assert_eq!(r["warnings"], serde_json::json!([]));
    assert_eq!(r["captured"], Value::Null);
    assert_eq!(r["duplicate_of"], Value::Null);
    assert!(
        r["repairs"]
            .as_array()
            .expect("list")
            .contains(&Value::from("nbsp"))
    );
    assert_eq!(r["language"], "vi");

    // The id and hash are those of the raw bytes.
    let bytes = fs::read(repo_root().join(SEED)).expect("seed");
    let sha = salvage::process::sha256_hex(&bytes);
    assert_eq!(r["source_sha256"], sha.as_str());
    assert_eq!(r["id"], &sha[..16]);
    let words = r["lead"].as_str().unwrap_or("").split_whitespace().count()
        + body.split_whitespace().count();
    assert_eq!(r["word_count"], words as u64);
}

#[test]
fn every_key_in_schema_order_and_csv_header() {
    let ws = Workspace::new();
    ws.convert(&repo_root().join("input"), "out", &[], 0);
    let text = fs::read_to_string(ws.path("out/records.jsonl")).expect("records");
    for line in text.lines() {
        let object: serde_json::Map<String, Value> =
            serde_json::from_str(line).expect("JSON object");
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        // serde_json's Map keeps keys sorted unless preserve_order: compare the raw order.
        let positions: Vec<usize> = FIELDS
            .iter()
            .map(|f| line.find(&format!("\"{f}\":")).expect("key present"))
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "keys out of schema order: {line}"
        );
        assert_eq!(keys.len(), FIELDS.len());
    }
    let csv = fs::read_to_string(ws.path("out/records.csv")).expect("csv");
    assert_eq!(csv.split("\r\n").next(), Some(FIELDS.join(",").as_str()));
    assert!(!csv.starts_with('\u{feff}'));
}

#[test]
fn output_is_byte_identical_for_any_jobs() {
    let ws = Workspace::new();
    let input = repo_root().join("input");
    ws.convert(&input, "one", &["--jobs", "1"], 0);
    ws.convert(&input, "two", &["--jobs", "2"], 0);
    ws.convert(&input, "four", &["-j", "4"], 0);
    for file in ["records.jsonl", "records.csv", "rejects.jsonl"] {
        let one = fs::read(ws.path(&format!("one/{file}"))).expect("output");
        assert!(!one.is_empty() || file == "rejects.jsonl");
        assert_eq!(
            one,
            fs::read(ws.path(&format!("two/{file}"))).expect("output"),
            "{file}"
        );
        assert_eq!(
            one,
            fs::read(ws.path(&format!("four/{file}"))).expect("output"),
            "{file}"
        );
    }
}

#[test]
fn csv_reads_back_equal_to_jsonl() {
    let ws = Workspace::new();
    ws.convert(&repo_root().join("input"), "out", &[], 0);
    let records = ws.json_lines("out/records.jsonl");
    let raw = fs::read_to_string(ws.path("out/records.csv")).expect("csv");
    let mut reader = csv::Reader::from_reader(raw.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a CSV row")).collect();
    assert_eq!(rows.len(), records.len());
    for (row, record) in rows.iter().zip(&records) {
        for (name, cell) in header.iter().zip(row.iter()) {
            let expected = match &record[name.as_str()] {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            assert_eq!(cell, expected, "field {name} of {}", record["source_path"]);
        }
    }
    // Nulls are bare, strings quoted: a null lead never appears as "".
    for line in raw.split("\r\n").skip(1).filter(|l| !l.is_empty()) {
        assert!(
            line.starts_with("2,\""),
            "schema_version bare, id quoted: {line}"
        );
    }
}

#[test]
fn report_and_summary_add_up() {
    let ws = Workspace::new();
    ws.write("in/a.txt", "Tiêu đề\n\nMột đoạn văn bản.\n".as_bytes());
    ws.write("in/b.txt", b"");
    ws.write("in/notes.md", b"# not a dump");
    ws.write("in/.hidden.txt", b"x");
    let output = ws.convert(&ws.path("in"), "out", &[], 0);
    let line = summary(&output);
    assert_eq!(
        (
            line["documents"].as_u64(),
            line["records"].as_u64(),
            line["rejects"].as_u64()
        ),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(line["skipped"], 2);
    let report: Value =
        serde_json::from_slice(&fs::read(ws.path("out/report.json")).expect("report"))
            .expect("JSON");
    assert_eq!(report["documents"], 2);
    assert_eq!(report["records"], 1);
    assert_eq!(report["rejects_by_reason"]["empty"], 1);
    assert_eq!(report["encodings"]["utf-8"], 1);
    assert_eq!(report["skipped"]["by_extension"]["md"], 1);
    assert_eq!(report["skipped"]["hidden"], 1);
    assert_eq!(report["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        report["command_line"]
            .as_array()
            .is_some_and(|a| a.len() >= 4)
    );
    assert!(
        report["started_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z'))
    );
    assert!(ws.path("out/_SUCCESS").exists());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout.lines().count(),
        1,
        "standard output holds only the summary"
    );
}
