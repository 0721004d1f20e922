//! Which source files a run reads: those of its shard (`--shard`), and with
//! `--incremental` only those that are new or changed since the state was written.
//! A file is unchanged when its size and modification time are the state's, or, when
//! they differ, its SHA-256 still is (a `touch` does not convert it again). A file
//! whose metadata or bytes cannot be read is always selected: the walk then rejects it
//! with the reason, and since it is not written into the state, the next run tries again.
//!
//! The selection runs on the reader thread before each file is read, and remembers what
//! the new state needs: the files converted (without their ids yet) and those unchanged.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;
use std::time::UNIX_EPOCH;

use sha2::{Digest, Sha256};

use super::state::{SourceState, State};
use crate::shard::Shard;
use crate::sources::FileCandidate;

/// What happened to a file the walk found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// It is read and converted.
    Convert,
    /// Another shard converts it.
    OtherShard,
    /// It was converted by an earlier run and has not changed.
    Unchanged,
}

/// The run's selection.
#[derive(Debug, Default)]
pub struct Selection<'a> {
    pub shard: Option<Shard>,
    /// The state of an incremental run (empty on its first run); `None` converts all.
    pub previous: Option<&'a State>,
    /// The part this run writes.
    pub part: u32,
    /// Files selected for conversion that go into the state, by input, then path.
    pub converted: BTreeMap<String, BTreeMap<String, SourceState>>,
    /// Files found unchanged, by input.
    pub unchanged: BTreeMap<String, BTreeSet<String>>,
    /// Every decision, in walk order, when the caller wants the list (`--dry-run`).
    pub decisions: Option<Vec<(Decision, String)>>,
    pub converted_files: u64,
    pub unchanged_files: u64,
    pub other_shard_files: u64,
}

impl Selection<'_> {
    /// Decides for one file of `input`; `true` reads it.
    pub fn decide(&mut self, input: &str, file: &FileCandidate) -> bool {
        let decision = self.decision(input, file);
        match decision {
            Decision::Convert => self.converted_files += 1,
            Decision::OtherShard => self.other_shard_files += 1,
            Decision::Unchanged => self.unchanged_files += 1,
        }
        if let Some(list) = &mut self.decisions {
            list.push((decision, file.source_path.to_string()));
        }
        decision == Decision::Convert
    }

    fn decision(&mut self, input: &str, file: &FileCandidate) -> Decision {
        if self
            .shard
            .is_some_and(|shard| !shard.owns(file.source_path))
        {
            return Decision::OtherShard;
        }
        let Some(previous) = self.previous else {
            return Decision::Convert;
        };
        let Ok(metadata) = fs::metadata(file.path) else {
            return Decision::Convert;
        };
        if !metadata.is_file() {
            return Decision::Convert;
        }
        let size = metadata.len();
        let mtime_ns = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        let before = previous
            .inputs
            .get(input)
            .and_then(|files| files.get(file.source_path));
        if before.is_some_and(|b| b.size == size && b.mtime_ns == mtime_ns) {
            return self.keep(input, file.source_path);
        }
        let Ok(sha256) = sha256_of(file.path) else {
            return Decision::Convert;
        };
        if before.is_some_and(|b| b.sha256 == sha256) {
            return self.keep(input, file.source_path);
        }
        let state = SourceState {
            size,
            mtime_ns,
            sha256,
            part: self.part,
            ids: Vec::new(),
        };
        self.converted
            .entry(input.to_string())
            .or_default()
            .insert(file.source_path.to_string(), state);
        Decision::Convert
    }

    fn keep(&mut self, input: &str, source_path: &str) -> Decision {
        self.unchanged
            .entry(input.to_string())
            .or_default()
            .insert(source_path.to_string());
        Decision::Unchanged
    }
}

/// The SHA-256 of a file's bytes, lowercase hex, read in blocks.
fn sha256_of(path: &Path) -> io::Result<String> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut block = vec![0u8; 1 << 16];
    loop {
        match file.read(&mut block) {
            Ok(0) => return Ok(crate::process::hex(&hasher.finalize())),
            Ok(n) => hasher.update(&block[..n]),
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
}
