//! The exit codes a scheduler acts on that `bad_input` does not already cover:
//! 65 for `--max-rejects`, 74 for a failed write, 75 for an output folder another run
//! holds. (0, 2, 65 with `--strict`, 66 and 73 are in `bad_input`; 65 for `merge` in
//! `shards`.)

use std::fs::File;

use super::corpus;
use crate::util::{Workspace, summary};

#[test]
fn more_rejects_than_max_rejects_exits_65_and_writes_nothing() {
    let ws = Workspace::new();
    let input = corpus(&ws);
    let output = ws.convert(&input, "out", &["--max-rejects", "1", "-q"], 65);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--max-rejects 1"), "{stderr}");
    assert_eq!(summary(&output)["exit_code"], 65);
    assert!(!ws.path("out/_SUCCESS").exists());
    assert!(!ws.path("out/records.jsonl").exists());
    ws.convert(&input, "out", &["--max-rejects", "2", "-q"], 0);
}

#[test]
fn a_write_that_fails_exits_74() {
    let ws = Workspace::new();
    let input = corpus(&ws);
    ws.write("out/records.csv/blocker", b"");
    let output = ws.convert(&input, "out", &["-q"], 74);
    assert!(String::from_utf8_lossy(&output.stderr).contains("records.csv"));
    assert!(!ws.path("out/_SUCCESS").exists());
}

#[test]
fn an_output_folder_in_use_exits_75() {
    let ws = Workspace::new();
    let input = corpus(&ws);
    std::fs::create_dir_all(ws.path("out")).expect("mkdir");
    let lock = File::create(ws.path("out/.salvage-lock")).expect("lock file");
    lock.try_lock().expect("take the lock");
    let output = ws.convert(&input, "out", &["-q"], 75);
    assert!(String::from_utf8_lossy(&output.stderr).contains("another salvage run"));
    drop(lock);
    ws.convert(&input, "out", &["-q"], 0);
}
