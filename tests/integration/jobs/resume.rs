//! Resuming: a run that failed after converting (here: its records file could not be
//! renamed into place, exit 74) left its checkpoints; the same command then finishes
//! from them without converting again, and writes the bytes of an uninterrupted run.
//! (Kills at random moments are in `scripts/kill-test.sh`.)

use std::fs;

use super::{assert_same_records, corpus};
use crate::util::{Workspace, summary};

#[test]
fn a_failed_run_is_finished_from_its_checkpoints() {
    let ws = Workspace::new();
    let input = corpus(&ws);
    ws.convert(&input, "clean", &["--chunk-size", "4", "-q"], 0);
    // A folder where records.jsonl must go: the final rename fails.
    ws.write("out/records.jsonl/blocker", b"");
    let failed = ws.convert(&input, "out", &["--chunk-size", "4", "-q"], 74);
    assert_eq!(summary(&failed)["status"], "failed");
    assert!(!ws.path("out/_SUCCESS").exists());
    let chunks = fs::read_dir(ws.path("out/.salvage-work"))
        .expect("checkpoints kept")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().starts_with("chunk-"))
        })
        .count();
    assert!(chunks >= 5, "{chunks} chunk files");
    fs::remove_dir_all(ws.path("out/records.jsonl")).expect("remove the blocker");

    let resumed = summary(&ws.convert(&input, "out", &["--chunk-size", "4", "-q"], 0));
    assert_eq!(resumed["resumed_chunks"].as_u64(), Some(chunks as u64));
    assert_same_records(&ws.path("clean"), &ws.path("out"));
    assert!(!ws.path("out/.salvage-work").exists());
    let bundles = |dir: &str| -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(ws.path(dir))
            .expect("list")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".zip"))
            .collect();
        names.sort();
        names
    };
    // Bundles are content-addressed: the same name means the same contents.
    assert_eq!(bundles("clean"), bundles("out"));
}

#[test]
fn checkpoints_of_other_options_are_not_used() {
    let ws = Workspace::new();
    let input = corpus(&ws);
    ws.write("out/records.jsonl/blocker", b"");
    ws.convert(&input, "out", &["--chunk-size", "4", "-q"], 74);
    fs::remove_dir_all(ws.path("out/records.jsonl")).expect("remove the blocker");
    let other = summary(&ws.convert(&input, "out", &["--chunk-size", "4", "--no-split", "-q"], 0));
    assert_eq!(other["resumed_chunks"], 0);
}
