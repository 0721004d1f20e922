//! Issue 5's promises, checked on the real binary: the `--format` set, bundles that are
//! valid bags with the same bytes for any `--jobs`, split bundles, originals under safe
//! names, `salvage verify` on good and damaged bundles, `salvage schema`, the CSV options,
//! and a folder that holds one run's outputs. The third-party validators (bagit.py, bdbag,
//! frictionless, DuckDB, PostgreSQL) run in `scripts/test-exports.sh`.
//!
//! This file holds the helpers and the tests of the formats as a whole; `bundles`,
//! `verify` and `schema` hold the rest.

mod bundles;
mod schema;
mod verify;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use crate::util::{Workspace, repo_root};

pub const GOOD: &str = "Thứ hai, 03/02/2014\n\nTiêu đề bài báo\n\n(QNO) – Sáng 2/2, tỉnh tổ chức lễ hội.\n\nĐoạn thân bài thứ nhất.\n\nNGUYỄN VĂN AN\n";
pub const UNDATED_DUMP: &str = "Tiêu đề không ngày\n\nMột đoạn văn bản, có \"ngoặc\".\n";

/// Runs salvage with a fixed Bagging-Date, so bundles can be compared byte for byte.
pub fn salvage(ws: &Workspace, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_salvage"))
        .args(args)
        .current_dir(ws.dir.path())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .expect("run salvage")
}

pub fn run(ws: &Workspace, args: &[&str], code: i32) -> Output {
    let output = salvage(ws, args);
    assert_eq!(
        output.status.code(),
        Some(code),
        "salvage {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

pub fn bundles(dir: &Path) -> Vec<PathBuf> {
    let mut zips: Vec<PathBuf> = fs::read_dir(dir)
        .expect("output folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "zip"))
        .collect();
    zips.sort();
    zips
}

/// The bytes of `entry` (relative to the bag folder) in a bundle.
pub fn entry(zip_path: &Path, entry: &str) -> Vec<u8> {
    let file = fs::File::open(zip_path).expect("zip");
    let mut archive = zip::ZipArchive::new(file).expect("a zip");
    let stem = zip_path.file_stem().and_then(|s| s.to_str()).expect("name");
    let mut member = archive
        .by_name(&format!("{stem}/{entry}"))
        .unwrap_or_else(|_| panic!("{entry} in {}", zip_path.display()));
    let mut bytes = Vec::new();
    member.read_to_end(&mut bytes).expect("read entry");
    bytes
}

pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn default_formats_and_a_valid_bundle() {
    let ws = Workspace::new();
    ws.write("in/good.txt", GOOD.as_bytes());
    ws.write("in/empty.txt", b"");
    run(&ws, &["convert", "in", "-o", "out"], 0);
    let files = names(&ws.path("out"));
    let zips = bundles(&ws.path("out"));
    assert_eq!(zips.len(), 1, "{files:?}");
    let zip_name = zips[0].file_name().and_then(|n| n.to_str()).expect("name");
    assert!(
        salvage::sinks::bundle::is_bundle_name(zip_name),
        "{zip_name}"
    );
    for name in [
        "records.jsonl",
        "records.csv",
        "rejects.jsonl",
        "report.json",
        "report.html",
        "_SUCCESS",
    ] {
        assert!(files.contains(&name.to_string()), "{name} in {files:?}");
    }
    assert!(!files.contains(&"records.parquet".to_string()));
    assert!(!files.iter().any(|f| f.contains(".tmp-")), "{files:?}");

    // The bundle's payload is the run's files, and its tag files say what BagIt needs.
    let zip = &zips[0];
    assert_eq!(
        entry(zip, "data/records.jsonl"),
        fs::read(ws.path("out/records.jsonl")).unwrap()
    );
    assert_eq!(
        entry(zip, "data/records.csv"),
        fs::read(ws.path("out/records.csv")).unwrap()
    );
    assert_eq!(
        entry(zip, "data/rejects.jsonl"),
        fs::read(ws.path("out/rejects.jsonl")).unwrap()
    );
    assert_eq!(
        entry(zip, "bagit.txt"),
        b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    );
    let info = String::from_utf8(entry(zip, "bag-info.txt")).expect("UTF-8");
    assert!(info.contains("Bagging-Date: 2023-11-14\n"), "{info}");
    assert!(info.contains("Payload-Oxum: "), "{info}");
    assert!(info.contains("Bag-Software-Agent: salvage "), "{info}");
    let package: Value =
        serde_json::from_slice(&entry(zip, "data/datapackage.json")).expect("JSON");
    assert_eq!(package["resources"][0]["path"], "records.csv");
    assert_eq!(
        package["resources"][0]["schema"]["fields"]
            .as_array()
            .map(Vec::len),
        Some(24)
    );

    let report: Value =
        serde_json::from_slice(&fs::read(ws.path("out/report.json")).unwrap()).unwrap();
    let outputs: Vec<&str> = report["outputs"]
        .as_array()
        .expect("outputs")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(outputs.contains(&zip_name), "{outputs:?}");

    let verified = run(&ws, &["verify", zip.to_str().expect("path")], 0);
    let summary: Value = serde_json::from_slice(verified.stdout.trim_ascii()).expect("summary");
    assert_eq!(summary["status"], "valid");
    // records.jsonl, records.csv, rejects.jsonl, datapackage.json, report.html
    assert_eq!(summary["bags"][0]["payload_files"], 5);
}

#[test]
fn every_format_is_byte_identical_for_any_jobs() {
    let ws = Workspace::new();
    let input = repo_root().join("input");
    let input = input.to_str().expect("UTF-8");
    let all = "jsonl,csv,parquet,bundle";
    for (out, jobs) in [("one", "1"), ("two", "2"), ("four", "4")] {
        run(
            &ws,
            &[
                "convert",
                input,
                "-o",
                out,
                "-j",
                jobs,
                "--format",
                all,
                "--keep-originals",
            ],
            0,
        );
    }
    let files = names(&ws.path("one"));
    assert!(files.iter().any(|f| f.ends_with(".zip")) && files.contains(&"records.parquet".into()));
    // The reports record times; the bundles' copy of report.html leaves them out.
    let reports = ["report.json", "report.html"];
    for file in files.iter().filter(|f| !reports.contains(&f.as_str())) {
        let one = fs::read(ws.path(&format!("one/{file}"))).expect("output");
        for other in ["two", "four"] {
            assert_eq!(
                one,
                fs::read(ws.path(&format!("{other}/{file}"))).expect("same file"),
                "{file}"
            );
        }
    }
}

#[test]
fn the_folder_holds_one_runs_outputs() {
    let ws = Workspace::new();
    ws.write("in/good.txt", GOOD.as_bytes());
    run(
        &ws,
        &[
            "convert",
            "in",
            "-o",
            "out",
            "--format",
            "jsonl,csv,parquet,bundle",
        ],
        0,
    );
    let first_bundle = bundles(&ws.path("out")).remove(0);
    ws.write("in/more.txt", UNDATED_DUMP.as_bytes());
    run(
        &ws,
        &["convert", "in", "-o", "out", "--format", "jsonl,bundle"],
        0,
    );
    let files = names(&ws.path("out"));
    assert!(
        !files.contains(&"records.csv".into()) && !files.contains(&"records.parquet".into()),
        "{files:?}"
    );
    let zips = bundles(&ws.path("out"));
    assert_eq!(zips.len(), 1);
    assert_ne!(zips[0], first_bundle, "a new bundle replaced the stale one");
    // A user's own zip is left alone.
    ws.write("out/notes.zip", b"mine");
    run(
        &ws,
        &["convert", "in", "-o", "out", "--format", "jsonl,bundle"],
        0,
    );
    assert!(ws.path("out/notes.zip").exists());
}

#[test]
fn csv_bom_and_formula_guard_only_when_asked() {
    let ws = Workspace::new();
    let dump = "Thứ hai, 03/02/2014\n\n=HYPERLINK(\"x\") tiêu đề\n\n(QNO) – Sáng 2/2, lễ hội.\n\nĐoạn thân bài.\n\nNGUYỄN VĂN AN\n";
    ws.write("in/a.txt", dump.as_bytes());
    run(&ws, &["convert", "in", "-o", "plain", "--format", "csv"], 0);
    let plain = fs::read(ws.path("plain/records.csv")).unwrap();
    assert!(plain.starts_with(b"schema_version,"));
    assert!(String::from_utf8_lossy(&plain).contains(",\"=HYPERLINK(\"\"x\"\") tiêu đề\","));
    run(
        &ws,
        &[
            "convert",
            "in",
            "-o",
            "sheet",
            "--format",
            "csv",
            "--csv-bom",
            "--csv-formula-guard",
        ],
        0,
    );
    let sheet = fs::read(ws.path("sheet/records.csv")).unwrap();
    assert!(sheet.starts_with(b"\xEF\xBB\xBFschema_version,"));
    assert!(String::from_utf8_lossy(&sheet).contains(",\"'=HYPERLINK(\"\"x\"\") tiêu đề\","));
}

#[test]
fn bundle_options_without_bundles_are_refused() {
    let ws = Workspace::new();
    ws.write("in/good.txt", GOOD.as_bytes());
    for extra in [["--keep-originals", ""], ["--bundle-by", "year"]] {
        let mut args = vec!["convert", "in", "-o", "out", "--format", "jsonl"];
        args.extend(extra.iter().filter(|a| !a.is_empty()));
        let output = run(&ws, &args, 2);
        assert!(String::from_utf8_lossy(&output.stderr).contains("need `bundle` in --format"));
    }
    assert!(!ws.path("out").exists());
    run(&ws, &["convert", "in", "-o", "out", "--format", ""], 2);
}
