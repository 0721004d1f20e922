//! Bad containers, one test each: the reject names the position and the reason, the
//! documents beside it (in the same archive when the format allows it) are converted,
//! and nothing is written outside the output folder.

use std::fs;
use std::path::Path;

use serde_json::Value;

use super::{GOOD, dump, make, records, warc_dir};
use crate::util::Workspace;

/// Converts `in/` and returns (records, rejects).
pub(super) fn convert(ws: &Workspace, extra: &[&str]) -> (Vec<Value>, Vec<Value>) {
    let mut args = vec!["--format", "jsonl"];
    args.extend_from_slice(extra);
    ws.convert(&ws.path("in"), "out", &args, 0);
    (records(ws, "out"), ws.json_lines("out/rejects.jsonl"))
}

pub(super) fn reasons(rejects: &[Value]) -> Vec<(String, String)> {
    rejects
        .iter()
        .map(|r| {
            assert_eq!(r["stage"], "read", "{r}");
            assert!(r["message"].as_str().is_some_and(|m| m.len() > 20), "{r}");
            (
                r["source_path"].as_str().unwrap_or("").to_string(),
                r["reason"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

pub(super) fn pair(path: &str, reason: &str) -> (String, String) {
    (path.to_string(), reason.to_string())
}

pub(super) fn paths(records: &[Value]) -> Vec<&str> {
    records
        .iter()
        .filter_map(|r| r["source_path"].as_str())
        .collect()
}

pub(super) fn other(n: usize) -> String {
    GOOD.replace("thứ nhất", &format!("số {n}"))
}

#[test]
fn corrupt_central_directory_still_reads_the_members() {
    let ws = Workspace::new();
    let (a, b) = (other(1), other(2));
    let mut zip = make::zip(&[("a.txt", a.as_bytes()), ("b.txt", b.as_bytes())]);
    let central = zip
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .expect("central directory");
    zip[central..central + 4].copy_from_slice(b"XXXX");
    ws.write("in/broken.zip", &zip);
    ws.write("in/good.txt", GOOD.as_bytes());
    let (records, rejects) = convert(&ws, &[]);
    assert_eq!(reasons(&rejects), [pair("broken.zip", "corrupt_archive")]);
    assert_eq!(
        paths(&records),
        ["broken.zip!a.txt", "broken.zip!b.txt", "good.txt"]
    );
}

#[test]
fn truncated_gzip_files() {
    let ws = Workspace::new();
    let gz = make::gzip(&dump(super::DUMPS[0]));
    ws.write("in/cut.txt.gz", &gz[..gz.len() / 2]);
    let (a, b, c) = (other(1), other(2), dump(super::DUMPS[1]));
    let tar = make::tar(&[
        ("a.txt", a.as_bytes()),
        ("b.txt", b.as_bytes()),
        ("c.txt", &c),
    ]);
    let tgz = make::gzip(&tar);
    // Cut inside the third member's bytes: the first two are whole.
    ws.write("in/cut.tgz", &tgz[..tgz.len() - 200]);
    ws.write("in/good.txt", GOOD.as_bytes());
    let (records, rejects) = convert(&ws, &[]);
    let found = reasons(&rejects);
    assert!(
        found.contains(&pair("cut.txt.gz", "truncated")),
        "{found:?}"
    );
    assert!(
        found.contains(&pair("cut.tgz!c.txt", "truncated")),
        "{found:?}"
    );
    assert_eq!(
        paths(&records),
        ["cut.tgz!a.txt", "cut.tgz!b.txt", "good.txt"]
    );
}

#[test]
fn truncated_and_damaged_warc_records() {
    let ws = Workspace::new();
    let plain = fs::read(warc_dir().join("articles-1.0.warc")).expect("fixture");
    // Cut inside the resource record (the third article, at offset 7428 per warcio).
    ws.write("in/cut.warc", &plain[..7600]);
    let gz = fs::read(warc_dir().join("articles-1.1.warc.gz")).expect("fixture");
    // Replace the second response's gzip member (2414..3928) by a member holding no WARC
    // record, and cut the file inside the resource member (3928..5179).
    let mut damaged = gz[..2414].to_vec();
    damaged.extend_from_slice(&make::gzip(b"this is not a WARC record\r\n\r\n"));
    damaged.extend_from_slice(&gz[3928..4500]);
    ws.write("in/damaged.warc.gz", &damaged);
    let (records, rejects) = convert(&ws, &[]);
    assert_eq!(
        reasons(&rejects),
        [
            pair("cut.warc#7428", "truncated"),
            pair("damaged.warc.gz#2414", "corrupt_archive"),
            pair(
                &format!(
                    "damaged.warc.gz#{}",
                    2414 + make::gzip(b"this is not a WARC record\r\n\r\n").len()
                ),
                "truncated"
            ),
        ]
    );
    assert_eq!(paths(&records), ["cut.warc#764", "cut.warc#4609"]);
    // The first response of the damaged WARC was read too: the same bytes as cut.warc's.
    let copies = ws.json_lines("out/duplicates.jsonl");
    assert_eq!(
        copies[0]["source_paths"],
        serde_json::json!(["damaged.warc.gz#576"])
    );
}

#[test]
fn tar_links_and_devices_are_not_read() {
    let ws = Workspace::new();
    let mut builder = tar::Builder::new(Vec::new());
    let body = other(1);
    for (name, kind) in [
        ("link.txt", tar::EntryType::Symlink),
        ("hard.txt", tar::EntryType::Link),
        ("tty.txt", tar::EntryType::Char),
        ("disk.txt", tar::EntryType::Block),
        ("pipe.txt", tar::EntryType::Fifo),
    ] {
        let mut header = make::tar_header(name, 0, kind);
        header.set_link_name("/etc/passwd").expect("link name");
        header.set_cksum();
        builder.append(&header, &[][..]).expect("entry");
    }
    let header = make::tar_header("real.txt", body.len() as u64, tar::EntryType::Regular);
    builder.append(&header, body.as_bytes()).expect("entry");
    ws.write("in/links.tar", &builder.into_inner().expect("tar"));
    let (records, rejects) = convert(&ws, &[]);
    let expected: Vec<_> = ["link", "hard", "tty", "disk", "pipe"]
        .iter()
        .map(|n| pair(&format!("links.tar!{n}.txt"), "unsupported_entry"))
        .collect();
    assert_eq!(reasons(&rejects), expected);
    assert_eq!(paths(&records), ["links.tar!real.txt"]);
}

#[test]
fn member_names_that_climb_out_or_are_absolute() {
    let ws = Workspace::new();
    let evil = other(9);
    let good = other(1);
    ws.write(
        "in/names.zip",
        &make::zip(&[
            ("../../evil.txt", evil.as_bytes()),
            ("/tmp/evil.txt", evil.as_bytes()),
            ("ok/good.txt", good.as_bytes()),
        ]),
    );
    ws.write(
        "in/names.tar",
        &make::tar(&[
            ("a/../../evil.txt", evil.as_bytes()),
            ("/etc/evil.txt", evil.as_bytes()),
        ]),
    );
    let before = tree(ws.dir.path());
    let (records, rejects) = convert(&ws, &["--keep-originals", "--format", "jsonl,bundle"]);
    assert_eq!(
        reasons(&rejects),
        [
            pair("names.tar!a/../../evil.txt", "unsafe_path"),
            pair("names.tar!/etc/evil.txt", "unsafe_path"),
            pair("names.zip!../../evil.txt", "unsafe_path"),
            pair("names.zip!/tmp/evil.txt", "unsafe_path"),
        ]
    );
    assert_eq!(paths(&records), ["names.zip!ok/good.txt"]);
    // Only the output folder is new.
    let after: Vec<String> = tree(ws.dir.path())
        .into_iter()
        .filter(|p| !p.starts_with("out"))
        .collect();
    assert_eq!(after, before);
    assert!(!ws.dir.path().join("../evil.txt").exists());
}

fn tree(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("list").flatten() {
            let path = entry.path();
            found.push(
                path.strip_prefix(root)
                    .expect("inside")
                    .display()
                    .to_string(),
            );
            if path.is_dir() {
                stack.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn a_hundred_thousand_tiny_members() {
    // Every 100th member is a one-paragraph article, the others are empty (rejected at
    // once): every member is opened and read, and the test stays fast in a debug build.
    let ws = Workspace::new();
    let texts: Vec<String> = (0..100_000)
        .map(|i| match i % 100 {
            0 => format!("Tin số {i}\n\nNội dung của tin số {i}.\n"),
            _ => String::new(),
        })
        .collect();
    let names: Vec<String> = (0..100_000).map(|i| format!("tin/{i:06}.txt")).collect();
    let members: Vec<(&str, &[u8])> = names
        .iter()
        .zip(&texts)
        .map(|(n, t)| (n.as_str(), t.as_bytes()))
        .collect();
    ws.write(
        "in/many.zip",
        &make::zip_with(&members, zip::CompressionMethod::Stored),
    );
    ws.write("in/good.txt", GOOD.as_bytes());
    let (code, peak_kib) = super::run_measured(
        ws.dir.path(),
        &["convert", "in", "-o", "out", "--format", "jsonl"],
    );
    assert_eq!(code, 0);
    let stdout = fs::read_to_string(ws.path("stdout.txt")).expect("stdout");
    let line: Value = serde_json::from_str(stdout.lines().last().unwrap_or("{}")).expect("summary");
    assert_eq!(line["documents"], 100_001);
    assert_eq!(line["records"], 1_001);
    assert_eq!(line["rejects"], 99_000);
    assert!(peak_kib < 200 * 1024, "peak memory {peak_kib} KiB");
    eprintln!("100,000 members: peak memory {} MiB", peak_kib / 1024);
    let records = ws.json_lines("out/records.jsonl");
    assert_eq!(records[1_000]["source_path"], "many.zip!tin/099900.txt");
    assert_eq!(records[1_000]["title"], "Tin số 99900");
    let rejects = ws.json_lines("out/rejects.jsonl");
    assert_eq!(rejects[98_999]["source_path"], "many.zip!tin/099999.txt");
    assert_eq!(rejects[98_999]["reason"], "empty");
}
