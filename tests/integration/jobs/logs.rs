//! Logs on standard error: plain text by default, one JSON object per line with
//! `--log-format json`, nothing with `--quiet`; the last line of standard output is the
//! JSON summary in every case. No progress bar when standard error is not a terminal.
//! `--dry-run` lists and writes nothing.

use super::corpus;
use crate::util::{Workspace, summary};

#[test]
fn json_logs_quiet_and_the_summary_line() {
    let ws = Workspace::new();
    let input = corpus(&ws);
    let json = ws.convert(&input, "out", &["--log-format", "json", "--verbose"], 0);
    let stderr = String::from_utf8_lossy(&json.stderr);
    let lines: Vec<serde_json::Value> = stderr
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}")))
        .collect();
    assert!(lines.iter().any(|l| l["message"] == "done"), "{stderr}");
    assert!(
        lines
            .iter()
            .all(|l| l["level"].is_string() && l["timestamp"].is_string())
    );
    assert_eq!(summary(&json)["status"], "ok");

    let quiet = ws.convert(&input, "out", &["--quiet"], 0);
    assert!(
        quiet.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&quiet.stderr)
    );
    assert_eq!(summary(&quiet)["status"], "ok");

    let text = ws.convert(&input, "out", &[], 0);
    let stderr = String::from_utf8_lossy(&text.stderr);
    assert!(
        stderr.contains("INFO") && stderr.contains("done"),
        "{stderr}"
    );
    // No progress bar drawing (carriage returns) into a pipe.
    assert!(!stderr.contains('\r'));
}

#[test]
fn dry_run_lists_and_writes_nothing() {
    let ws = Workspace::new();
    corpus(&ws);
    let output = ws.salvage(&["convert", "in", "-o", "out", "--dry-run", "--shard", "1/1"]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("convert\tin\tarchive/old.zip"), "{stdout}");
    assert!(stdout.contains("convert\tin\tbroken/empty.txt"), "{stdout}");
    let plan = summary(&output);
    assert_eq!(plan["status"], "dry-run");
    assert_eq!(
        plan["would_convert"].as_u64(),
        Some(stdout.lines().count() as u64 - 1)
    );
    assert!(!ws.path("out").exists());
}
