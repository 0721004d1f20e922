//! `salvage-state.json`: what an incremental output folder already holds. For every
//! source file converted into it (per input, by path relative to the input), its size,
//! modification time and SHA-256, the part its records went to and their ids; the parts
//! written so far; and the fingerprint of the conversion options, so that a run with
//! other options does not silently add records converted differently.
//!
//! Written atomically (temporary file, fsync, rename), after the part it describes and
//! before `_SUCCESS`: a run killed before that leaves the old state, and the next run
//! writes the same part again. Refuses (as a run-level error) a state file it cannot
//! parse or that a newer salvage wrote.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, anyhow};
use serde::{Deserialize, Serialize};

use crate::RunFailure;
use crate::sinks::atomic::AtomicFile;

pub const FILE_NAME: &str = "salvage-state.json";

/// The state file's own version; a newer one is refused.
const STATE_VERSION: u32 = 1;

/// One source file converted into the folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceState {
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: i128,
    pub sha256: String,
    /// The part its records and rejects went to.
    pub part: u32,
    /// The ids of the records it gave.
    pub ids: Vec<String>,
}

/// The whole state.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub state_version: u32,
    /// Fingerprint of the options that change records (see `pipeline::fingerprint`).
    pub fingerprint: String,
    /// Parts written so far, in order.
    pub parts: Vec<u32>,
    /// Input (as given on the command line) → path under it → what was converted.
    pub inputs: BTreeMap<String, BTreeMap<String, SourceState>>,
}

/// How the state names an input: its canonical absolute path, so `in`, `./in` and
/// `/data/in` are one input (as given, when it cannot be resolved).
pub fn input_key(input: &Path) -> String {
    fs::canonicalize(input)
        .unwrap_or_else(|_| input.to_path_buf())
        .display()
        .to_string()
}

impl State {
    /// An empty state for runs with options `fingerprint`.
    pub fn new(fingerprint: &str) -> State {
        State {
            state_version: STATE_VERSION,
            fingerprint: fingerprint.to_string(),
            ..State::default()
        }
    }

    /// The state in `dir`, or `None` when there is none yet.
    pub fn load(dir: &Path) -> Result<Option<State>> {
        let path = dir.join(FILE_NAME);
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) => {
                return Err(anyhow!(err))
                    .with_context(|| RunFailure::Io(format!("cannot read {}", path.display())));
            }
        };
        let state: State = serde_json::from_slice(&bytes).with_context(|| {
            RunFailure::Data(format!(
                "{} is damaged; move it away to convert everything again",
                path.display()
            ))
        })?;
        if state.state_version > STATE_VERSION {
            return Err(anyhow!(RunFailure::Usage(format!(
                "{} was written by a newer salvage (state version {})",
                path.display(),
                state.state_version
            ))));
        }
        Ok(Some(state))
    }

    /// The next part number.
    pub fn next_part(&self) -> u32 {
        self.parts.last().map_or(1, |last| last + 1)
    }

    /// Writes the state into `dir`, atomically.
    pub fn save(&self, dir: &Path) -> Result<()> {
        let mut file = AtomicFile::create(dir, FILE_NAME)?;
        let mut bytes = serde_json::to_vec(self).context("cannot serialise the state")?;
        bytes.push(b'\n');
        file.write_all(&bytes)
            .with_context(|| RunFailure::Io(format!("cannot write {FILE_NAME}")))?;
        file.commit()
    }
}
