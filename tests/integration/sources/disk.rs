//! Bad input on disk and bad bytes anywhere: a symlink loop between folders, a file that
//! vanishes between the listing of its folder and its reading, a named pipe, `--max-depth
//! 0`, and archives with bytes flipped or cut at random, which must give rejects, never a
//! panic or a hang.

use std::fs;

use serde_json::Value;

use super::bad::{convert, other, pair, paths, reasons};
use super::{GOOD, make, records, warc_dir};
use crate::util::{Workspace, summary};

#[test]
fn symlink_loop_between_folders() {
    let ws = Workspace::new();
    ws.write("in/a/one.txt", other(1).as_bytes());
    ws.write("in/b/two.txt", other(2).as_bytes());
    std::os::unix::fs::symlink("../b", ws.path("in/a/to-b")).expect("symlink");
    std::os::unix::fs::symlink("../a", ws.path("in/b/to-a")).expect("symlink");
    let output = ws.convert(&ws.path("in"), "out", &[], 0);
    let recs = records(&ws, "out");
    assert_eq!(
        paths(&recs),
        ["a/one.txt", "a/to-b/two.txt"],
        "each file once"
    );
    assert_eq!(summary(&output)["rejects"], 0);
    let report: Value =
        serde_json::from_slice(&fs::read(ws.path("out/report.json")).expect("report"))
            .expect("JSON");
    assert_eq!(
        report["skipped"]["directory_loops"], 2,
        "a/to-b/to-a and b (already walked)"
    );
}

#[test]
fn a_file_that_vanishes_during_the_run() {
    let ws = Workspace::new();
    ws.write("in/1.txt", other(1).as_bytes());
    ws.write("in/2.txt", other(2).as_bytes());
    ws.write("in/3.txt", other(3).as_bytes());
    let options = salvage::config::Config::new(vec![], ws.path("out")).source_options();
    let vanishing = ws.path("in/2.txt");
    let mut items = Vec::new();
    // The folder is listed before its files are read: 2.txt goes once 1.txt is read.
    let mut emit = |item: salvage::sources::SourceItem| {
        if items.is_empty() {
            fs::remove_file(&vanishing).expect("remove");
        }
        items.push(item);
        true
    };
    salvage::sources::walk(&ws.path("in"), &options, &mut emit);
    let got: Vec<(String, Option<String>)> = items
        .iter()
        .map(|item| match item {
            Ok(doc) => (doc.source_path.clone(), None),
            Err(reject) => (
                reject.source_path.clone(),
                Some(reject.reason.as_str().to_string()),
            ),
        })
        .collect();
    assert_eq!(
        got,
        [
            ("1.txt".to_string(), None),
            ("2.txt".to_string(), Some("unreadable".to_string())),
            ("3.txt".to_string(), None)
        ]
    );
    let Err(reject) = &items[1] else {
        unreachable!()
    };
    assert!(reject.message.contains("vanished"), "{}", reject.message);
}

#[test]
fn special_files_and_depth_zero() {
    let ws = Workspace::new();
    ws.write("in/good.txt", GOOD.as_bytes());
    let fifo =
        std::ffi::CString::new(ws.path("in/pipe.txt").to_string_lossy().as_bytes()).expect("path");
    // SAFETY: mkfifo only reads the NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0, "mkfifo");
    ws.write("in/a.zip", &make::zip(&[("x.txt", other(1).as_bytes())]));
    let (records, rejects) = convert(&ws, &["--max-depth", "0"]);
    assert_eq!(
        reasons(&rejects),
        [
            pair("a.zip", "too_deep"),
            pair("pipe.txt", "unsupported_entry")
        ]
    );
    assert_eq!(paths(&records), ["good.txt"]);
}

#[test]
fn mangled_archives_give_rejects_never_a_panic() {
    let ws = Workspace::new();
    let (a, b) = (other(1), other(2));
    let members: [(&str, &[u8]); 2] = [("a.txt", a.as_bytes()), ("b.txt", b.as_bytes())];
    let originals = [
        ("a.zip", make::zip(&members)),
        ("b.tar.gz", make::gzip(&make::tar(&members))),
        ("c.tar", make::tar(&members)),
        (
            "d.warc.gz",
            fs::read(warc_dir().join("articles-1.1.warc.gz")).expect("fixture"),
        ),
        (
            "e.warc",
            fs::read(warc_dir().join("articles-1.0.warc")).expect("fixture"),
        ),
    ];
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below.max(1) as u64) as usize
    };
    for (name, bytes) in &originals {
        for round in 0..40 {
            let mut mangled = bytes.clone();
            if round % 3 != 1 {
                for _ in 0..1 + next(8) {
                    let at = next(mangled.len());
                    mangled[at] ^= 1 << next(8);
                }
            }
            if round % 3 != 0 {
                mangled.truncate(next(mangled.len()));
            }
            ws.write(&format!("in/{round:02}-{name}"), &mangled);
        }
    }
    let options = salvage::config::Config::new(vec![], ws.path("out")).source_options();
    let (mut documents, mut rejects, mut bugs) = (0, 0, Vec::new());
    let mut emit = |item: salvage::sources::SourceItem| {
        let outcome = match item {
            Ok(doc) => {
                documents += 1;
                salvage::process::process(&doc)
            }
            Err(reject) => salvage::record::Outcome::Reject(reject),
        };
        if let salvage::record::Outcome::Reject(reject) = outcome {
            rejects += 1;
            if reject.reason.as_str() == "internal_error" {
                bugs.push(reject);
            }
        }
        true
    };
    salvage::sources::walk(&ws.path("in"), &options, &mut emit);
    assert!(bugs.is_empty(), "{bugs:?}");
    assert!(
        documents > 100 && rejects > 50,
        "{documents} documents, {rejects} rejects"
    );
    eprintln!("200 mangled archives: {documents} documents, {rejects} rejects");
}
