//! Bundles split by year, month and source folder; originals under safe names; a run that
//! fails before its bundles are written leaves none behind.

use std::fs;

use super::{GOOD, UNDATED_DUMP, bundles, entry, names, run};
use crate::util::Workspace;

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

    // By month: `YYYY-MM` groups, and the same `undated` one.
    run(
        &ws,
        &["convert", "in", "-o", "months", "--bundle-by", "month"],
        0,
    );
    let months: Vec<String> = names(&ws.path("months"))
        .into_iter()
        .filter(|n| n.ends_with(".zip"))
        .collect();
    assert_eq!(months.len(), 2, "{months:?}");
    assert!(months[0].starts_with("salvage-2014-02-"), "{months:?}");
    assert!(months[1].starts_with("salvage-undated-"), "{months:?}");

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
fn bundle_level_changes_the_compression_not_the_contents() {
    let ws = Workspace::new();
    ws.write("in/a.txt", GOOD.as_bytes());
    ws.write("in/b.txt", UNDATED_DUMP.as_bytes());
    run(
        &ws,
        &["convert", "in", "-o", "fast", "--bundle-level", "1"],
        0,
    );
    run(
        &ws,
        &["convert", "in", "-o", "small", "--bundle-level", "9"],
        0,
    );
    run(
        &ws,
        &["convert", "in", "-o", "bad", "--bundle-level", "0"],
        2,
    );
    let (fast, small) = (bundles(&ws.path("fast")), bundles(&ws.path("small")));
    let file_names = |zips: &[std::path::PathBuf]| -> Vec<String> {
        zips.iter()
            .map(|z| z.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(
        file_names(&fast),
        file_names(&small),
        "named by their contents"
    );
    assert!(fs::metadata(&fast[0]).unwrap().len() > fs::metadata(&small[0]).unwrap().len());
    for file in [
        "data/records.jsonl",
        "data/records.csv",
        "manifest-sha256.txt",
    ] {
        assert_eq!(entry(&fast[0], file), entry(&small[0], file), "{file}");
    }
    run(&ws, &["verify", &fast[0].display().to_string()], 0);
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
