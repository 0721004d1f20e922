//! `--shard K/N` and `merge`: the shards of 1, 3 and 7 merged give the records one run
//! gives, byte for byte; a missing or doubled shard is refused with 65.

use super::{assert_same_records, corpus};
use crate::util::{Workspace, summary};

/// Converts shard k of n into `shard-n-k`.
fn convert_shards(ws: &Workspace, n: u32) -> Vec<String> {
    let input = ws.path("in");
    (1..=n)
        .map(|k| {
            let out = format!("shard-{n}-{k}");
            ws.convert(&input, &out, &["--shard", &format!("{k}/{n}"), "-q"], 0);
            out
        })
        .collect()
}

fn merge(ws: &Workspace, shards: &[String], out: &str) -> std::process::Output {
    let mut args = vec!["merge"];
    args.extend(shards.iter().map(String::as_str));
    args.extend(["-o", out, "-q"]);
    ws.salvage(&args)
}

#[test]
fn merged_shards_give_the_records_of_one_run() {
    let ws = Workspace::new();
    let input = corpus(&ws);
    let whole = summary(&ws.convert(&input, "whole", &["-q"], 0));
    assert!(whole["rejects"].as_u64() >= Some(2), "{whole}");
    assert!(whole["duplicates"].as_u64() >= Some(1), "{whole}");
    for n in [1, 3, 7] {
        let shards = convert_shards(&ws, n);
        let records: u64 = shards
            .iter()
            .map(|s| ws.json_lines(&format!("{s}/records.jsonl")).len() as u64)
            .sum();
        // Shards keep every copy; merge decides duplicates across them.
        assert_eq!(
            records,
            whole["records"].as_u64().unwrap_or(0) + whole["duplicates"].as_u64().unwrap_or(0)
        );
        let out = format!("merged-{n}");
        let merged = merge(&ws, &shards, &out);
        assert_eq!(merged.status.code(), Some(0), "{merged:?}");
        let merged = summary(&merged);
        for key in ["documents", "records", "rejects", "duplicates", "skipped"] {
            assert_eq!(merged[key], whole[key], "{key} after merging {n} shards");
        }
        assert_same_records(&ws.path("whole"), &ws.path(&out));
        assert!(ws.path(&format!("{out}/_SUCCESS")).exists());
    }
}

#[test]
fn a_missing_or_doubled_shard_is_refused_with_65() {
    let ws = Workspace::new();
    corpus(&ws);
    let shards = convert_shards(&ws, 3);
    let missing = merge(&ws, &shards[..2], "missing");
    assert_eq!(missing.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("shard 3/3 is missing"));
    assert!(!ws.path("missing/_SUCCESS").exists());
    assert!(!ws.path("missing/records.jsonl").exists());
    let doubled = [shards[0].clone(), shards[1].clone(), shards[1].clone()];
    let doubled = merge(&ws, &doubled, "doubled");
    assert_eq!(doubled.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&doubled.stderr).contains("shard 2/3 is given more than once"));
    // Shards of another job (another count) do not mix either.
    let other = convert_shards(&ws, 1);
    let mixed = [shards[0].clone(), shards[1].clone(), other[0].clone()];
    assert_eq!(merge(&ws, &mixed, "mixed").status.code(), Some(65));
}

#[test]
fn shard_auto_reads_each_scheduler() {
    let ws = Workspace::new();
    let input = corpus(&ws);
    ws.convert(&input, "fixed", &["--shard", "2/3", "-q"], 0);
    let fixed = std::fs::read(ws.path("fixed/records.jsonl")).expect("records");
    let schedulers: [&[(&str, &str)]; 4] = [
        &[("JOB_COMPLETION_INDEX", "1")],
        &[
            ("SLURM_ARRAY_TASK_ID", "2"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_COUNT", "3"),
        ],
        &[
            ("AWS_BATCH_JOB_ARRAY_INDEX", "1"),
            ("AWS_BATCH_JOB_ARRAY_SIZE", "3"),
        ],
        &[("BATCH_TASK_INDEX", "1"), ("BATCH_TASK_COUNT", "3")],
    ];
    for (at, vars) in schedulers.iter().enumerate() {
        let out = format!("auto-{at}");
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_salvage"))
            .args([
                "convert", "in", "-o", &out, "--shard", "auto", "--shards", "3", "-q",
            ])
            .current_dir(ws.dir.path())
            .envs(vars.iter().copied())
            .output()
            .expect("run salvage");
        assert_eq!(output.status.code(), Some(0), "{vars:?}: {output:?}");
        let records = std::fs::read(ws.path(&format!("{out}/records.jsonl"))).expect("records");
        assert_eq!(records, fixed, "{vars:?}");
    }
    let none = ws.salvage(&["convert", "in", "-o", "none", "--shard", "auto"]);
    assert_eq!(none.status.code(), Some(2));
}
