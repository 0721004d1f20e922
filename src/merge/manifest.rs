//! `shard.json`: what a shard run leaves for `salvage merge`. Which shard of how many it
//! was, the fingerprint of its conversion options and its inputs (every shard of a job
//! must agree), what its walk skipped, and, per source file in its output order, how
//! many records and rejects it gave: with these counts `merge` puts the shards' records
//! back into the order one run would have written them.

use std::path::Path;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::RunFailure;
use crate::pipeline::deliver::SourceGroup;
use crate::shard::Shard;
use crate::sinks::atomic::AtomicFile;
use crate::sources::Skipped;

pub const FILE_NAME: &str = "shard.json";

/// The manifest of one shard's output folder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShardManifest {
    pub shard: Shard,
    /// Fingerprint of the conversion options.
    pub fingerprint: String,
    /// The inputs as given on the command line.
    pub inputs: Vec<String>,
    pub skipped: Skipped,
    /// Per source file, in the shard's output order.
    pub sources: Vec<SourceGroup>,
}

impl ShardManifest {
    /// Writes `shard.json` into `dir`, atomically.
    pub fn save(&self, dir: &Path) -> Result<()> {
        let mut file = AtomicFile::create(dir, FILE_NAME)?;
        serde_json::to_writer(&mut file, self)
            .with_context(|| RunFailure::Io(format!("cannot write {FILE_NAME}")))?;
        file.commit()
    }

    /// Reads `dir`'s manifest; a folder without one is not a shard's output.
    pub fn load(dir: &Path) -> Result<ShardManifest> {
        let path = dir.join(FILE_NAME);
        let bytes = std::fs::read(&path).with_context(|| {
            RunFailure::Data(format!(
                "{} is not the output of a shard run (no readable {FILE_NAME}; convert with --shard K/N)",
                dir.display()
            ))
        })?;
        serde_json::from_slice(&bytes)
            .with_context(|| RunFailure::Data(format!("{} is damaged", path.display())))
    }
}
