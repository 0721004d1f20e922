//! Plain run settings, built once from the command line (or by a library user) and read
//! everywhere else. No parsing happens here.

use std::path::PathBuf;

/// Default cap on one document's size: larger files are rejected as `too_large`.
pub const DEFAULT_MAX_DOC_SIZE: u64 = 64 * 1024 * 1024;

/// Documents handed to the worker threads at a time; memory is bounded by this, not the corpus.
pub const DEFAULT_CHUNK_SIZE: usize = 256;

/// Everything `pipeline::run` needs to know.
#[derive(Clone, Debug)]
pub struct Config {
    /// Files or folders to convert, in the order given.
    pub inputs: Vec<PathBuf>,
    /// Folder the outputs are written into (created when missing).
    pub output_dir: PathBuf,
    /// Worker threads; `None` means one per core.
    pub jobs: Option<usize>,
    /// Documents larger than this many bytes are rejected.
    pub max_doc_size: u64,
    /// Documents per parallel chunk.
    pub chunk_size: usize,
    /// The command line as typed, recorded in `report.json`.
    pub command_line: Vec<String>,
}

impl Config {
    /// A configuration with the defaults for everything but the inputs and output folder.
    pub fn new(inputs: Vec<PathBuf>, output_dir: PathBuf) -> Self {
        Config {
            inputs,
            output_dir,
            jobs: None,
            max_doc_size: DEFAULT_MAX_DOC_SIZE,
            chunk_size: DEFAULT_CHUNK_SIZE,
            command_line: Vec::new(),
        }
    }
}
