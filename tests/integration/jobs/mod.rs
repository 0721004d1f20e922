//! Batch-job behaviour: sharding and merging, incremental runs, resuming from
//! checkpoints, the lock, exit codes, logs and `--dry-run`. The corpus is the project's
//! own `input/` plus a zip, a byte-for-byte copy (a duplicate) and two files that are
//! rejected, so every kind of outcome crosses shard boundaries.

mod exit_codes;
mod incremental;
mod logs;
mod resume;
mod shards;

use std::fs;
use std::path::Path;

use crate::sources::make;
use crate::util::{Workspace, repo_root};

/// The outputs one run and a merge must give byte for byte.
pub const RECORD_FILES: [&str; 4] = [
    "records.jsonl",
    "records.csv",
    "rejects.jsonl",
    "duplicates.jsonl",
];

/// Writes the corpus into `ws` under `in/` and returns its path.
pub fn corpus(ws: &Workspace) -> std::path::PathBuf {
    let input = repo_root().join("input");
    let mut dumps = Vec::new();
    for entry in fs::read_dir(&input).expect("list input/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            let bytes = fs::read(&path).expect("read dump");
            ws.write(&format!("in/{name}"), &bytes);
            dumps.push((name, bytes));
        }
    }
    dumps.sort();
    let (first_name, first) = &dumps[0];
    ws.write(&format!("in/copies/{first_name}"), first);
    let members: Vec<(&str, &[u8])> = dumps[1..3]
        .iter()
        .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
        .collect();
    ws.write("in/archive/old.zip", &make::zip(&members));
    ws.write("in/broken/empty.txt", b"");
    ws.write(
        "in/broken/binary",
        &[0u8, 159, 146, 150, 0, 1, 2, 3, 255, 254],
    );
    ws.path("in")
}

/// Whether two output folders hold the same record files.
pub fn assert_same_records(a: &Path, b: &Path) {
    for name in RECORD_FILES {
        let left = fs::read(a.join(name)).unwrap_or_else(|_| panic!("{name} in {a:?}"));
        let right = fs::read(b.join(name)).unwrap_or_else(|_| panic!("{name} in {b:?}"));
        assert!(left == right, "{name} differs between {a:?} and {b:?}");
    }
}
