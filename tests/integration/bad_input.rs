//! Bad input gets a clear answer and loses nothing: each problem document becomes a reject
//! with a stable reason, the good document beside it is still converted, and run-level
//! problems exit with the documented status.

use std::fs;

use serde_json::Value;

use crate::util::{Workspace, summary};

const GOOD: &str = "Thứ hai, 03/02/2014\n\nTiêu đề bài báo\n\n(QNO) – Sáng 2/2, tỉnh tổ chức lễ hội.\n\nĐoạn thân bài thứ nhất.\n\nNGUYỄN VĂN AN\n";

/// Converts a folder holding the good dump and `name` = `bytes`; returns the rejects.
fn rejects_beside_a_good_dump(name: &str, bytes: &[u8]) -> Vec<Value> {
    let ws = Workspace::new();
    ws.write("in/good.txt", GOOD.as_bytes());
    ws.write(&format!("in/{name}"), bytes);
    let output = ws.convert(&ws.path("in"), "out", &[], 0);
    let records = ws.json_lines("out/records.jsonl");
    assert_eq!(records.len(), 1, "the good dump is still converted");
    assert_eq!(records[0]["title"], "Tiêu đề bài báo");
    assert_eq!(summary(&output)["rejects"], 1);
    ws.json_lines("out/rejects.jsonl")
}

fn assert_reject(rejects: &[Value], path: &str, stage: &str, reason: &str) {
    assert_eq!(rejects.len(), 1, "{rejects:?}");
    let reject = &rejects[0];
    assert_eq!(reject["source_path"], path);
    assert_eq!(reject["stage"], stage);
    assert_eq!(reject["reason"], reason);
    let message = reject["message"].as_str().expect("a message");
    assert!(
        message.len() > 15 && !message.contains("Error {"),
        "a sentence: {message}"
    );
}

#[test]
fn empty_file() {
    assert_reject(
        &rejects_beside_a_good_dump("empty.txt", b""),
        "empty.txt",
        "decode",
        "empty",
    );
}

#[test]
fn whitespace_only_file() {
    assert_reject(
        &rejects_beside_a_good_dump("blank.txt", b"  \r\n\t\n"),
        "blank.txt",
        "decode",
        "empty",
    );
}

#[test]
fn image_named_as_text() {
    let png =
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00";
    assert_reject(
        &rejects_beside_a_good_dump("photo.txt", png),
        "photo.txt",
        "decode",
        "not_text",
    );
}

#[test]
fn binary_file_without_extension() {
    let jpeg = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00";
    assert_reject(
        &rejects_beside_a_good_dump("scan", jpeg),
        "scan",
        "decode",
        "not_text",
    );
}

#[test]
fn bytes_that_are_not_text() {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let noise: Vec<u8> = (0..8192)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    assert_reject(
        &rejects_beside_a_good_dump("noise.txt", &noise),
        "noise.txt",
        "decode",
        "not_text",
    );
}

#[test]
fn dump_without_a_recognisable_title() {
    let paragraph = "Đây là một đoạn văn dài không có tiêu đề, ".repeat(12);
    let dump = format!("Thứ ba, 19/01/2021\n\n{paragraph}\n\nMột đoạn nữa.\n");
    assert_reject(
        &rejects_beside_a_good_dump("untitled.txt", dump.as_bytes()),
        "untitled.txt",
        "extract",
        "no_title",
    );
}

#[test]
fn headline_with_nothing_after_it() {
    let dump = "Thứ ba, 19/01/2021\n\nChỉ có tiêu đề\n";
    assert_reject(
        &rejects_beside_a_good_dump("title-only.txt", dump.as_bytes()),
        "title-only.txt",
        "extract",
        "empty_body",
    );
}

#[test]
fn file_that_cannot_be_read() {
    // A dangling symlink fails to open for everyone, root included.
    let ws = Workspace::new();
    ws.write("in/good.txt", GOOD.as_bytes());
    std::os::unix::fs::symlink(ws.path("in/missing-target.txt"), ws.path("in/gone.txt"))
        .expect("symlink");
    ws.convert(&ws.path("in"), "out", &[], 0);
    assert_eq!(ws.json_lines("out/records.jsonl").len(), 1);
    assert_reject(
        &ws.json_lines("out/rejects.jsonl"),
        "gone.txt",
        "read",
        "unreadable",
    );
}

#[test]
fn file_without_read_permission() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Workspace::new();
    ws.write("in/good.txt", GOOD.as_bytes());
    let other = GOOD.replace("thứ nhất", "khác");
    let locked = ws.write("in/locked.txt", other.as_bytes());
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
    if fs::read(&locked).is_ok() {
        // Running as root: permissions do not stop reading, and the dump converts.
        ws.convert(&ws.path("in"), "out", &[], 0);
        assert_eq!(ws.json_lines("out/records.jsonl").len(), 2);
        return;
    }
    ws.convert(&ws.path("in"), "out", &[], 0);
    assert_reject(
        &ws.json_lines("out/rejects.jsonl"),
        "locked.txt",
        "read",
        "unreadable",
    );
}

#[test]
fn file_over_the_size_limit() {
    let ws = Workspace::new();
    ws.write("in/good.txt", GOOD.as_bytes());
    ws.write("in/big.txt", &vec![b'a'; 4096]);
    ws.convert(&ws.path("in"), "out", &["--max-doc-size", "1000"], 0);
    assert_eq!(ws.json_lines("out/records.jsonl").len(), 1);
    assert_reject(
        &ws.json_lines("out/rejects.jsonl"),
        "big.txt",
        "read",
        "too_large",
    );
}

#[test]
fn strict_exits_65_when_anything_was_rejected() {
    let ws = Workspace::new();
    ws.write("in/good.txt", GOOD.as_bytes());
    ws.write("in/empty.txt", b"");
    let output = ws.convert(&ws.path("in"), "out", &["--strict"], 65);
    assert_eq!(summary(&output)["exit_code"], 65);
    assert_eq!(
        ws.json_lines("out/records.jsonl").len(),
        1,
        "records are still written"
    );
    fs::remove_file(ws.path("in/empty.txt")).expect("remove");
    ws.convert(&ws.path("in"), "out", &["--strict"], 0);
}

#[test]
fn missing_input_exits_66_and_writes_nothing() {
    let ws = Workspace::new();
    let output = ws.convert(&ws.path("no-such-folder"), "out", &[], 66);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("input not found") && stderr.contains("no-such-folder"),
        "{stderr}"
    );
    assert!(!ws.path("out").exists());
}

#[test]
fn bad_options_exit_2() {
    let ws = Workspace::new();
    assert_eq!(
        ws.salvage(&["convert", "--jobs", "0"]).status.code(),
        Some(2)
    );
    assert_eq!(
        ws.salvage(&["convert", "--no-such-flag"]).status.code(),
        Some(2)
    );
    assert_eq!(ws.salvage(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn output_that_cannot_be_created_exits_73() {
    let ws = Workspace::new();
    ws.write("in/good.txt", GOOD.as_bytes());
    ws.write("taken", b"a file where the output folder should go");
    let output = ws.convert(&ws.path("in"), "taken/out", &[], 73);
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot create the output folder"));
}

#[test]
fn failed_run_keeps_the_previous_outputs() {
    let ws = Workspace::new();
    ws.write("in/good.txt", GOOD.as_bytes());
    ws.convert(&ws.path("in"), "out", &[], 0);
    let before = fs::read(ws.path("out/records.jsonl")).expect("records");
    ws.convert(&ws.path("missing"), "out", &[], 66);
    assert_eq!(
        fs::read(ws.path("out/records.jsonl")).expect("records"),
        before
    );
}

#[test]
fn no_panic_on_arbitrary_bytes() {
    use salvage::record::Outcome;
    use salvage::sources::RawDoc;
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet: Vec<u8> = "Thứ ba, 19/01/2021\n\nLSO- (TTXVN) – Ngày 22/5 ĐỖ HOẠT ảnh: \u{a0}\r"
        .bytes()
        .collect();
    for round in 0..3000 {
        let len = (next() % 600) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                let r = next();
                if round % 2 == 0 {
                    alphabet[(r % alphabet.len() as u64) as usize]
                } else {
                    r as u8
                }
            })
            .collect();
        let doc = RawDoc {
            source_path: format!("fuzz-{round}"),
            bytes,
            ..RawDoc::default()
        };
        if let Outcome::Reject(reject) = salvage::process::process(&doc) {
            assert_ne!(reject.reason.as_str(), "internal_error", "{reject:?}");
        }
    }
}
