//! Every broken form through `salvage convert`, not only the decoder: the project's own
//! `input/` dumps (clean UTF-8 with the dump layout) are broken into each form of
//! `forms.rs`, one folder per form, converted in one run each, and each record's title,
//! lead and body compared with what the clean dumps give. Prints a table; see [`floor`]
//! for what each form must reach.

use std::fs;

use serde_json::Value;

use crate::forms::{FORMS, Form, break_text};
use crate::util::{Workspace, repo_root};

/// The fields compared, per record, keyed by source file name.
fn texts(ws: &Workspace, out: &str) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = ws
        .json_lines(&format!("{out}/records.jsonl"))
        .iter()
        .map(|r: &Value| {
            let text = format!("{}\n{}\n{}", r["title"], r["lead"], r["body"]);
            (r["source_path"].as_str().unwrap_or("").to_string(), text)
        })
        .collect();
    rows.sort();
    rows
}

/// Where `got` first differs from `want`, with some context, for the table.
fn first_difference(want: &str, got: &str) -> String {
    let at = want
        .chars()
        .zip(got.chars())
        .position(|(a, b)| a != b)
        .unwrap_or(0);
    let around =
        |text: &str| -> String { text.chars().skip(at.saturating_sub(30)).take(70).collect() };
    format!("want {:?}\n    got  {:?}", around(want), around(got))
}

/// The fewest records that must come back exactly, per form: every one for the forms
/// that do; for the others the count measured on 2026-11-30, so a regression fails while
/// the gaps stay visible in the table (and in the differences printed above it). Mojibake
/// as windows-1258: the decomposed dump's marks
/// were read as windows-1258's own combining marks, which clean decomposed text holds too.
/// Lossy forms lose letters.
fn floor(form: Form) -> usize {
    match form {
        Form::LossyDropped => 0,
        Form::LossyQuestionMarks => 7,
        Form::MojibakeWindows1258 => 16,
        _ => 17,
    }
}

#[test]
fn every_form_converts_to_the_clean_records() {
    let ws = Workspace::new();
    let mut dumps = Vec::new();
    for entry in fs::read_dir(repo_root().join("input")).expect("input/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = fs::read_to_string(&path).expect("UTF-8 dump");
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            ws.write(&format!("clean/{name}"), text.as_bytes());
            dumps.push((name, text));
        }
    }
    ws.convert(
        &ws.path("clean"),
        "out-clean",
        &["-q", "--format", "jsonl"],
        0,
    );
    let clean = texts(&ws, "out-clean");
    assert_eq!(clean.len(), dumps.len());
    let mut failures = Vec::new();
    for &form in FORMS {
        let folder = format!("{form:?}");
        let mut written = 0;
        for (name, text) in &dumps {
            // A BOM would tell the encoding; the dump's own BOM is not part of the text.
            let text = text.trim_start_matches('\u{feff}');
            if let Some(bytes) = break_text(text, form) {
                ws.write(&format!("{folder}/{name}"), &bytes);
                written += 1;
            }
        }
        if written == 0 {
            println!("{folder:<22} cannot hold these dumps");
            continue;
        }
        let out = format!("out-{folder}");
        ws.convert(&ws.path(&folder), &out, &["-q", "--format", "jsonl"], 0);
        let got = texts(&ws, &out);
        let exact = got.iter().filter(|row| clean.contains(row)).count();
        for row in got.iter().filter(|row| !clean.contains(row)) {
            if let Some((_, want)) = clean.iter().find(|(name, _)| *name == row.0) {
                println!("  {}: {}", row.0, first_difference(want, &row.1));
            }
        }
        println!(
            "{folder:<22} records exact {exact:>2}/{written:<2} (of {} dumps)",
            dumps.len()
        );
        if exact < floor(form).min(written) {
            failures.push(format!("{folder}: {exact}/{written}"));
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
}
