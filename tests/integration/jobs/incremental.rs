//! `--incremental`: only new and changed sources are converted, into a new part; a run
//! with nothing new writes no part and exits 0; deleted and changed sources are listed
//! in the report, and their earlier records stay in their parts.

use std::fs;

use serde_json::Value;

use super::corpus;
use crate::util::{Workspace, summary};

fn report(ws: &Workspace) -> Value {
    let text = fs::read_to_string(ws.path("out/report.json")).expect("report.json");
    serde_json::from_str(&text).expect("report.json is JSON")
}

#[test]
fn only_what_changed_is_converted_into_a_new_part() {
    let ws = Workspace::new();
    let input = corpus(&ws);
    let first = summary(&ws.convert(&input, "out", &["--incremental", "-q"], 0));
    let first_records = ws.json_lines("out/records-0001.jsonl");
    assert_eq!(
        first_records.len() as u64,
        first["records"].as_u64().unwrap_or(0)
    );
    assert!(!ws.path("out/records.jsonl").exists());

    // The same command again: nothing to do, no new part, exit 0.
    let again = summary(&ws.convert(&input, "out", &["--incremental", "-q"], 0));
    assert_eq!(again["documents"], 0);
    assert!(again["skipped_unchanged"].as_u64() > Some(10), "{again}");
    assert!(!ws.path("out/records-0002.jsonl").exists());
    assert!(ws.path("out/_SUCCESS").exists());

    // Add one, change one, delete one, touch one.
    let names: Vec<String> = ws
        .json_lines("out/records-0001.jsonl")
        .iter()
        .filter_map(|r| r["source_path"].as_str().map(String::from))
        .filter(|p| !p.contains('/'))
        .collect();
    let (changed, deleted, touched) = (&names[0], &names[1], &names[2]);
    let mut bytes = fs::read(ws.path(&format!("in/{changed}"))).expect("read");
    bytes.extend_from_slice("\nMột đoạn viết thêm.\n".as_bytes());
    ws.write(&format!("in/{changed}"), &bytes);
    fs::remove_file(ws.path(&format!("in/{deleted}"))).expect("delete");
    let touched_bytes = fs::read(ws.path(&format!("in/{touched}"))).expect("read");
    ws.write(&format!("in/{touched}"), &touched_bytes);
    let new = fs::read(ws.path(&format!("in/{changed}"))).expect("read");
    ws.write("in/new/added.txt", &new[..new.len() - 3]);

    let dry = ws.salvage(&["convert", "in", "-o", "out", "--incremental", "--dry-run"]);
    assert_eq!(dry.status.code(), Some(0));
    let listing = String::from_utf8_lossy(&dry.stdout);
    assert!(
        listing.contains(&format!("convert\tin\t{changed}")),
        "{listing}"
    );
    assert!(listing.contains("convert\tin\tnew/added.txt"), "{listing}");
    assert!(
        listing.contains(&format!("deleted\tin\t{deleted}")),
        "{listing}"
    );
    assert!(
        listing.contains(&format!("unchanged\tin\t{touched}")),
        "{listing}"
    );

    let third = summary(&ws.convert(&input, "out", &["--incremental", "-q"], 0));
    assert_eq!(third["records"], 2, "{third}");
    let part = ws.json_lines("out/records-0002.jsonl");
    let paths: Vec<&str> = part
        .iter()
        .filter_map(|r| r["source_path"].as_str())
        .collect();
    assert_eq!(paths, [changed.as_str(), "new/added.txt"]);
    // Earlier parts are never rewritten.
    assert_eq!(ws.json_lines("out/records-0001.jsonl"), first_records);

    let incremental = &report(&ws)["batch"]["incremental"];
    assert_eq!(incremental["part"], 2);
    assert_eq!(incremental["parts"], serde_json::json!([1, 2]));
    assert_eq!(incremental["converted_files"], 2);
    let gone = &incremental["deleted_sources"];
    assert_eq!(gone.as_array().map(Vec::len), Some(1));
    assert_eq!(gone[0]["path"], deleted.as_str());
    assert!(gone[0]["input"].as_str().is_some_and(|i| i.ends_with("in")));
    assert_eq!(gone[0]["part"], 1);
    assert_eq!(gone[0]["ids"].as_array().map(Vec::len), Some(1));
    assert_eq!(incremental["changed_sources"][0]["path"], changed.as_str());
}

#[test]
fn other_conversion_options_are_refused() {
    let ws = Workspace::new();
    let input = corpus(&ws);
    ws.convert(&input, "out", &["--incremental", "-q"], 0);
    let output = ws.convert(&input, "out", &["--incremental", "--no-split", "-q"], 2);
    assert!(String::from_utf8_lossy(&output.stderr).contains("other options"));
    // A full run into the folder replaces the parts and the state.
    ws.convert(&input, "out", &["-q"], 0);
    assert!(ws.path("out/records.jsonl").exists());
    assert!(!ws.path("out/records-0001.jsonl").exists());
    assert!(!ws.path("out/salvage-state.json").exists());
}
