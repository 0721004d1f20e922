//! Checkpoints, so that a run killed or crashed part-way is finished by the same
//! command without converting again what it had converted. Each chunk's outcomes are
//! written, once converted, to `.salvage-work/chunk-<n>.jsonl` in the output folder
//! (atomically: a chunk file is whole or absent), headed by a digest of the chunk's
//! source documents. The next run reads its sources again in the same order, and for a
//! chunk whose file exists with the same digest it takes the outcomes from the file
//! instead of converting; the sinks then receive exactly what an uninterrupted run
//! gives them, so the outputs are the same bytes.
//!
//! `run.json` in the folder holds the fingerprint of the options and inputs: a run with
//! other options (or another part of an incremental output) starts the folder afresh.
//! A chunk file that does not parse, or whose digest or length differs (the sources
//! changed), is ignored and converted again. The folder is removed when the run completes.

use std::fs;
use std::hash::Hasher;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::RunFailure;
use crate::record::Outcome;
use crate::sinks::atomic::{self, AtomicFile};
use crate::sources::SourceItem;

/// The work folder's name inside the output folder.
pub const WORK_DIR: &str = ".salvage-work";
const RUN_FILE: &str = "run.json";

#[derive(Serialize, Deserialize, PartialEq)]
struct RunFile {
    fingerprint: String,
}

#[derive(Serialize, Deserialize)]
struct ChunkHeader {
    digest: String,
    outcomes: usize,
}

/// The checkpoints of one run.
#[derive(Debug)]
pub struct Checkpoints {
    dir: PathBuf,
}

impl Checkpoints {
    /// Opens the work folder in `output_dir` for a run with `fingerprint`, keeping the
    /// chunks of an unfinished run with the same fingerprint and clearing any other.
    pub fn open(output_dir: &Path, fingerprint: &str) -> Result<Checkpoints> {
        let dir = output_dir.join(WORK_DIR);
        let failure =
            || RunFailure::CannotCreateOutput(format!("cannot prepare {}", dir.display()));
        let same_run = fs::read(dir.join(RUN_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<RunFile>(&bytes).ok())
            .is_some_and(|run| run.fingerprint == fingerprint);
        if !same_run && dir.exists() {
            fs::remove_dir_all(&dir).with_context(failure)?;
        }
        fs::create_dir_all(&dir).with_context(failure)?;
        atomic::remove_stale_temporaries(&dir);
        if !same_run {
            let mut file = AtomicFile::create(&dir, RUN_FILE)?;
            let run = RunFile {
                fingerprint: fingerprint.to_string(),
            };
            serde_json::to_writer(&mut file, &run).with_context(failure)?;
            file.commit()?;
        }
        Ok(Checkpoints { dir })
    }

    fn chunk_name(index: u64) -> String {
        format!("chunk-{index:08}.jsonl")
    }

    /// Whether an earlier attempt saved chunk `index` (whether it is usable is for
    /// [`Checkpoints::load`] to say).
    pub fn has(&self, index: u64) -> bool {
        self.dir.join(Self::chunk_name(index)).exists()
    }

    /// The outcomes of chunk `index` saved by an earlier attempt, when its digest is
    /// `digest` and it holds `len` outcomes.
    pub fn load(&self, index: u64, digest: &str, len: usize) -> Option<Vec<Outcome>> {
        let file = fs::File::open(self.dir.join(Self::chunk_name(index))).ok()?;
        let mut lines = BufReader::new(file).lines();
        let header: ChunkHeader = serde_json::from_str(&lines.next()?.ok()?).ok()?;
        if header.digest != digest || header.outcomes != len {
            return None;
        }
        let outcomes: Vec<Outcome> = lines
            .map(|line| serde_json::from_str(&line.ok()?).ok())
            .collect::<Option<_>>()?;
        (outcomes.len() == len).then_some(outcomes)
    }

    /// Saves chunk `index`: its digest and its outcomes, already serialised one per line.
    pub fn save(&self, index: u64, digest: &str, lines: &[Vec<u8>]) -> Result<()> {
        let name = Self::chunk_name(index);
        let mut file = AtomicFile::create(&self.dir, &name)?;
        let failure = || RunFailure::Io(format!("cannot write the checkpoint {name}"));
        let header = ChunkHeader {
            digest: digest.to_string(),
            outcomes: lines.len(),
        };
        serde_json::to_writer(&mut file, &header).with_context(failure)?;
        file.write_all(b"\n").with_context(failure)?;
        for line in lines {
            file.write_all(line).with_context(failure)?;
            file.write_all(b"\n").with_context(failure)?;
        }
        // Unsynced: after a power cut a chunk file may be cut short, and `load` then
        // refuses it (length and parse checks) and the chunk is converted again.
        file.commit_unsynced()
    }

    /// Removes the work folder once the run's outputs are all in place.
    pub fn remove(self) -> Result<()> {
        fs::remove_dir_all(&self.dir)
            .with_context(|| RunFailure::Io(format!("cannot remove {}", self.dir.display())))
    }
}

/// A digest of one source item (where it was found and its bytes, or its reject), so a
/// checkpoint is used only for the same documents. Not cryptographic: it tells apart
/// sources that changed between a crash and the next run, not forgeries. The bytes are
/// hashed by XXH3, which reads them several times faster than the standard SipHash (this
/// runs over every byte of the input).
pub fn item_digest(item: &SourceItem) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    match item {
        Ok(doc) => {
            hasher.write(doc.source_path.as_bytes());
            hasher.write_u8(0);
            hasher.write_u64(twox_hash::XxHash3_64::oneshot(&doc.bytes));
            hasher.write_usize(doc.part.as_ref().map_or(0, |p| p.ordinal));
            hasher.write(format!("{:?}", doc.hints).as_bytes());
        }
        Err(reject) => {
            hasher.write(reject.source_path.as_bytes());
            hasher.write_u8(1);
            hasher.write(reject.message.as_bytes());
        }
    }
    hasher.finish()
}

/// The digest of a chunk from its items' digests, in order.
pub fn chunk_digest(items: &[u64]) -> String {
    let mut hasher = std::hash::DefaultHasher::new();
    for item in items {
        hasher.write_u64(*item);
    }
    format!("{:016x}-{}", hasher.finish(), items.len())
}
