//! Issue 5's promises, checked on the real binary: the `--format` set, bundles that are
//! valid bags with the same bytes for any `--jobs`, split bundles, originals under safe
//! names, `salvage verify` on good and damaged bundles, `salvage schema`, the CSV options,
//! and a folder that holds one run's outputs. The third-party validators (bagit.py, bdbag,
//! frictionless, DuckDB, PostgreSQL) run in `scripts/test-exports.sh`.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use crate::util::{Workspace, repo_root};

const GOOD: &str = "Thứ hai, 03/02/2014\n\nTiêu đề bài báo\n\n(QNO) – Sáng 2/2, tỉnh tổ chức lễ hội.\n\nĐoạn thân bài thứ nhất.\n\nNGUYỄN VĂN AN\n";
const UNDATED_DUMP: &str = "Tiêu đề không ngày\n\nMột đoạn văn bản, có \"ngoặc\".\n";

/// Runs salvage with a fixed Bagging-Date, so bundles can be compared byte for byte.
fn salvage(ws: &Workspace, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_salvage"))
        .args(args)
        .current_dir(ws.dir.path())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .expect("run salvage")
}

fn run(ws: &Workspace, args: &[&str], code: i32) -> Output {
    let output = salvage(ws, args);
    assert_eq!(
        output.status.code(),
        Some(code),
        "salvage {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn bundles(dir: &Path) -> Vec<PathBuf> {
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
fn entry(zip_path: &Path, entry: &str) -> Vec<u8> {
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

fn names(dir: &Path) -> Vec<String> {
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
        Some(22)
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
    assert_eq!(summary["bags"][0]["payload_files"], 4);
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
    for file in files.iter().filter(|f| f.as_str() != "report.json") {
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
fn bundles_split_by_year_and_by_source() {
    let ws = Workspace::new();
    ws.write("in/Báo Lạng Sơn/a.txt", GOOD.as_bytes());
    ws.write("in/Bao Lang Son/b.txt", UNDATED_DUMP.as_bytes());
    ws.write("in/top.txt", b"");
    run(
        &ws,
        &["convert", "in", "-o", "years", "--bundle-by", "year"],
        0,
    );
    let zips = bundles(&ws.path("years"));
    let labels: Vec<String> = zips
        .iter()
        .map(|z| {
            z.file_name()
                .unwrap()
                .to_string_lossy()
                .split('-')
                .nth(1)
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(labels, ["2014", "undated"], "{zips:?}");
    let dated = String::from_utf8(entry(&zips[0], "data/records.jsonl")).unwrap();
    assert_eq!(dated.lines().count(), 1);
    assert!(dated.contains("\"published\":\"2014-02-02\""), "{dated}");
    let undated = String::from_utf8(entry(&zips[1], "data/rejects.jsonl")).unwrap();
    assert!(
        undated.contains("top.txt"),
        "rejects go to undated: {undated}"
    );
    let info = String::from_utf8(entry(&zips[1], "bag-info.txt")).unwrap();
    assert!(info.contains("Bag-Count: 2 of 2"), "{info}");

    // Two folders whose safe names are the same still give two distinct bundles.
    run(
        &ws,
        &["convert", "in", "-o", "sources", "--bundle-by", "source"],
        0,
    );
    let zips = bundles(&ws.path("sources"));
    assert_eq!(zips.len(), 3, "{zips:?}");
    let mut args = vec!["verify".to_string()];
    args.extend(zips.iter().map(|z| z.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&ws, &args, 0);
}

#[test]
fn originals_are_kept_under_safe_names() {
    let ws = Workspace::new();
    ws.write("in/100% \"nóng\", mới.txt", GOOD.as_bytes());
    ws.write("in/dòng\nmới.txt", UNDATED_DUMP.as_bytes());
    run(&ws, &["convert", "in", "-o", "out", "--keep-originals"], 0);
    let zip = &bundles(&ws.path("out"))[0];
    let mapping = String::from_utf8(entry(zip, "data/originals.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(mapping.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 2);
    for row in &rows {
        let original = &row[2];
        assert!(salvage::sinks::bundle::is_safe_path(original), "{original}");
        assert_eq!(
            entry(zip, &format!("data/{original}")),
            fs::read(ws.path(&format!("in/{}", &row[1]))).unwrap()
        );
    }
    run(&ws, &["verify", zip.to_str().unwrap()], 0);
}

#[test]
fn verify_catches_a_changed_byte_and_a_missing_path() {
    let ws = Workspace::new();
    ws.write("in/good.txt", GOOD.as_bytes());
    run(
        &ws,
        &["convert", "in", "-o", "out", "--format", "bundle"],
        0,
    );
    let zip = bundles(&ws.path("out")).remove(0);
    let stem = zip.file_stem().unwrap().to_string_lossy().into_owned();

    // Unzipped, then one payload byte changed.
    let bag = ws.path(&format!("bag/{stem}"));
    let mut archive = zip::ZipArchive::new(fs::File::open(&zip).unwrap()).unwrap();
    archive.extract(ws.path("bag")).expect("unzip");
    run(&ws, &["verify", bag.to_str().unwrap()], 0);
    let csv_path = bag.join("data/records.csv");
    let mut bytes = fs::read(&csv_path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    fs::write(&csv_path, bytes).unwrap();
    let output = run(&ws, &["verify", bag.to_str().unwrap()], 65);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("data/records.csv: sha256 checksum"),
        "{stderr}"
    );

    // A file added to the payload without a manifest line.
    fs::write(&csv_path, entry(&zip, "data/records.csv")).unwrap();
    fs::write(bag.join("data/extra.txt"), b"x").unwrap();
    let output = run(&ws, &["verify", bag.to_str().unwrap()], 65);
    assert!(String::from_utf8_lossy(&output.stderr).contains("data/extra.txt is not listed"));

    // A byte changed inside the zip file itself.
    let mut raw = fs::read(&zip).unwrap();
    let at = raw.len() / 3;
    raw[at] ^= 0x55;
    fs::write(ws.path("broken.zip"), raw).unwrap();
    run(&ws, &["verify", "broken.zip"], 65);

    // Not a zip at all, and a path that does not exist.
    fs::write(ws.path("not.zip"), b"hello").unwrap();
    run(&ws, &["verify", "not.zip"], 65);
    run(&ws, &["verify", zip.to_str().unwrap(), "missing.zip"], 66);
}

#[test]
fn schema_prints_json_schema_and_create_table() {
    let ws = Workspace::new();
    let output = run(&ws, &["schema"], 0);
    let schema: Value = serde_json::from_slice(&output.stdout).expect("JSON Schema");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["required"].as_array().map(Vec::len), Some(22));
    assert_eq!(schema["additionalProperties"], false);

    // Every record of input/ has exactly the schema's keys, with the schema's types.
    run(
        &ws,
        &[
            "convert",
            repo_root().join("input").to_str().unwrap(),
            "-o",
            "out",
            "--format",
            "jsonl",
        ],
        0,
    );
    for record in ws.json_lines("out/records.jsonl") {
        let object = record.as_object().expect("object");
        assert_eq!(object.len(), 22);
        for (key, value) in object {
            let property = &schema["properties"][key];
            let allowed: Vec<&str> = match &property["type"] {
                Value::String(t) => vec![t.as_str()],
                Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                _ => vec!["integer"],
            };
            let actual = match value {
                Value::Null => "null",
                Value::String(_) => "string",
                Value::Array(_) => "array",
                Value::Number(n) if n.is_u64() => "integer",
                Value::Number(_) => "number",
                _ => "other",
            };
            assert!(
                allowed.contains(&actual),
                "{key}: {actual} not in {allowed:?}"
            );
        }
    }

    let sql = String::from_utf8(
        run(
            &ws,
            &["schema", "--sql", "postgres", "--table", "news.articles"],
            0,
        )
        .stdout,
    )
    .unwrap();
    assert!(sql.contains("CREATE TABLE news.articles ("), "{sql}");
    assert!(sql.contains("jsonb NOT NULL"), "{sql}");
    let sql = String::from_utf8(run(&ws, &["schema", "--sql", "bigquery"], 0).stdout).unwrap();
    assert!(
        sql.contains("captions") && sql.contains("JSON NOT NULL OPTIONS(description"),
        "{sql}"
    );
    run(
        &ws,
        &["schema", "--sql", "duckdb", "--table", "x; DROP TABLE y"],
        2,
    );
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
fn a_failed_run_leaves_no_bundle_and_no_success_marker() {
    let ws = Workspace::new();
    ws.write("in/good.txt", GOOD.as_bytes());
    // A folder where records.parquet must go: the run fails when it renames it into
    // place, before the bundle is written.
    fs::create_dir_all(ws.path("out/records.parquet/x")).unwrap();
    let output = run(
        &ws,
        &["convert", "in", "-o", "out", "--format", "parquet,bundle"],
        74,
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("records.parquet"));
    let files = names(&ws.path("out"));
    assert!(bundles(&ws.path("out")).is_empty(), "{files:?}");
    assert!(!files.contains(&"_SUCCESS".into()), "{files:?}");
    assert!(
        !files.iter().any(|f| f.contains(".spool")),
        "spools removed: {files:?}"
    );
}
