//! Plain run settings, built once from the command line (or by a library user) and read
//! everywhere else. No parsing happens here, and nothing is checked against the disk.

use std::path::PathBuf;

pub use crate::decode::DecodeOptions;
use crate::shard::Shard;
use crate::sources::SourceOptions;
pub use crate::sources::limits::{DEFAULT_MAX_DEPTH, DEFAULT_MAX_RATIO};
use crate::sources::split::Splitter;

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
    /// A compressed stream may inflate at most this many times its compressed size.
    pub max_ratio: u64,
    /// Archives inside archives are opened this many levels deep.
    pub max_depth: u32,
    /// How text dumps are cut into articles; `None` keeps each dump whole.
    pub split: Option<Splitter>,
    /// Documents per parallel chunk.
    pub chunk_size: usize,
    /// The command line as typed, recorded in `report.json`.
    pub command_line: Vec<String>,
    /// Which record files to write (`rejects.jsonl`, `report.json`, `_SUCCESS` always are).
    pub formats: Formats,
    /// How `records.csv` is written.
    pub csv: CsvOptions,
    /// How bundles are cut and labelled.
    pub bundle: BundleOptions,
    /// Descriptive fields for `datapackage.json` and `bag-info.txt`.
    pub package: PackageInfo,
    /// A forced source encoding and the tone style.
    pub decode: DecodeOptions,
    /// Convert only sources new or changed since the folder's state, into a new part.
    pub incremental: bool,
    /// Convert only this shard of the sources (and leave duplicates to `merge`).
    pub shard: Option<Shard>,
    /// Stop the run (no output) once more documents than this were rejected.
    pub max_rejects: Option<u64>,
}

/// The record formats a run writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Formats {
    pub jsonl: bool,
    pub csv: bool,
    pub parquet: bool,
    pub bundle: bool,
}

impl Default for Formats {
    /// `jsonl,csv,bundle`.
    fn default() -> Self {
        Formats {
            jsonl: true,
            csv: true,
            parquet: false,
            bundle: true,
        }
    }
}

/// `records.csv` options that change its bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// Start the file with a UTF-8 byte-order mark (for spreadsheets; PostgreSQL chokes on it).
    pub bom: bool,
    /// Prefix text cells that start with `=`, `+`, `-`, `@`, tab or CR with `'`, so a
    /// spreadsheet shows them instead of running them as formulas. Alters the data.
    pub formula_guard: bool,
}

/// How the records are split into bundles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BundleBy {
    /// One bundle for the run.
    #[default]
    None,
    /// One bundle per publication year (`undated` for records without a date, and rejects).
    Year,
    /// One bundle per publication month, `YYYY-MM` (`undated` as for years).
    Month,
    /// One bundle per folder directly under the INPUT (`root` for files directly in it).
    Source,
}

/// Bundle settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleOptions {
    pub by: BundleBy,
    /// Copy each record's source bytes into `data/originals/`.
    pub keep_originals: bool,
    /// Deflate level of the zip entries, 1 (fastest) to 9 (smallest).
    pub level: u32,
}

/// The default deflate level of bundles. On 3,000 text dumps (`scripts/make-corpus`),
/// level 6 made the bundle 7% smaller (12.2 MB against 13.2 MB) and the whole run 25%
/// longer (2.23 s against 1.78 s on one core); level 1 made it half again as large.
pub const DEFAULT_BUNDLE_LEVEL: u32 = 3;

impl Default for BundleOptions {
    fn default() -> Self {
        BundleOptions {
            by: BundleBy::default(),
            keep_originals: false,
            level: DEFAULT_BUNDLE_LEVEL,
        }
    }
}

/// Who made the data and under what terms; each is written only when given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PackageInfo {
    /// `Source-Organization` in `bag-info.txt`, the publisher in `datapackage.json`.
    pub organization: Option<String>,
    /// `External-Description` in `bag-info.txt` and the description in `datapackage.json`.
    pub description: Option<String>,
    /// An SPDX licence identifier such as `CC-BY-4.0`, for `datapackage.json`.
    pub license: Option<String>,
    /// Where the dumps came from, for `datapackage.json` `sources`.
    pub source: Option<String>,
    /// A web address for that source.
    pub source_url: Option<String>,
}

impl Config {
    /// A configuration with the defaults for everything but the inputs and output folder.
    pub fn new(inputs: Vec<PathBuf>, output_dir: PathBuf) -> Self {
        Config {
            inputs,
            output_dir,
            jobs: None,
            max_doc_size: DEFAULT_MAX_DOC_SIZE,
            max_ratio: DEFAULT_MAX_RATIO,
            max_depth: DEFAULT_MAX_DEPTH,
            split: Some(Splitter::default_separator()),
            chunk_size: DEFAULT_CHUNK_SIZE,
            command_line: Vec::new(),
            formats: Formats::default(),
            csv: CsvOptions::default(),
            bundle: BundleOptions::default(),
            package: PackageInfo::default(),
            decode: DecodeOptions::default(),
            incremental: false,
            shard: None,
            max_rejects: None,
        }
    }
}

impl Config {
    /// What the sources need to know.
    pub fn source_options(&self) -> SourceOptions {
        SourceOptions {
            max_doc_size: self.max_doc_size,
            max_ratio: self.max_ratio,
            max_depth: self.max_depth,
            split: self.split.clone(),
        }
    }
}
