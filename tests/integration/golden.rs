//! Every dump in `input/` against its expected record in `tests/data/golden/`, written by
//! reading the dump, not by running salvage (see `tests/data/golden/README.md`).

use std::fs;

use serde_json::Value;

use crate::util::{Workspace, repo_root};

#[test]
fn every_input_dump_matches_its_golden_record() {
    let ws = Workspace::new();
    ws.convert(&repo_root().join("input"), "out", &[], 0);
    let records = ws.json_lines("out/records.jsonl");
    assert!(
        ws.json_lines("out/rejects.jsonl").is_empty(),
        "input/ converts without rejects"
    );

    let golden_dir = repo_root().join("tests/data/golden");
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(&golden_dir)
        .expect("golden folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("name");
        let expected: Value =
            serde_json::from_slice(&fs::read(path).expect("golden")).expect("golden JSON");
        let Some(record) = records
            .iter()
            .find(|r| r["source_path"] == format!("{stem}.txt"))
        else {
            failures.push(format!("{stem}: no record"));
            continue;
        };
        compare(stem, &expected, record, &mut failures);
        checked += 1;
    }
    assert!(checked >= 15, "golden records checked: {checked}");
    assert_eq!(checked, records.len(), "every record has a golden file");
    assert!(
        failures.is_empty(),
        "golden mismatches:\n{}",
        failures.join("\n")
    );
}

fn compare(stem: &str, expected: &Value, record: &Value, failures: &mut Vec<String>) {
    let mut check = |field: &str, want: &Value, got: &Value| {
        if want != got {
            failures.push(format!("{stem}: {field}: expected {want}, got {got}"));
        }
    };
    for field in [
        "title",
        "lead",
        "dateline",
        "captions",
        "author",
        "header_date",
        "dateline_date",
        "published",
        "published_from",
        "warnings",
    ] {
        check(field, &expected[field], &record[field]);
    }
    let body = record["body"].as_str().unwrap_or("");
    let paragraphs: Vec<&str> = body.split("\n\n").collect();
    check(
        "body_paragraphs",
        &expected["body_paragraphs"],
        &Value::from(paragraphs.len()),
    );
    let first: String = paragraphs
        .first()
        .map_or("", |p| p)
        .chars()
        .take(60)
        .collect();
    check("body_first", &expected["body_first"], &Value::from(first));
    let last_paragraph = paragraphs.last().map_or("", |p| p);
    let count = last_paragraph.chars().count();
    let last: String = last_paragraph
        .chars()
        .skip(count.saturating_sub(60))
        .collect();
    check("body_last", &expected["body_last"], &Value::from(last));
    let repairs = record["repairs"].as_array().cloned().unwrap_or_default();
    for repair in expected["repairs_include"].as_array().into_iter().flatten() {
        if !repairs.contains(repair) {
            failures.push(format!("{stem}: repairs {repairs:?} lack {repair}"));
        }
    }
}
