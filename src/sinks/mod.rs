//! Sinks: one per output format, each a noun named after what it writes. They receive the
//! outcomes of a run *in input order*, on one thread, through the [`Sink`] trait.
//!
//! Every sink writes through [`atomic::AtomicFile`], so its file appears complete, or the
//! previous one stays. [`open_all`] makes the sinks a run asked for (`--format`), plus
//! `rejects.jsonl`, which every run writes; `duplicates.jsonl` (the copies the pipeline
//! dropped) and `report.json` are written after them all.

pub mod atomic;
pub mod bundle;
pub mod csv;
pub mod duplicates;
pub mod jsonl;
pub mod parquet;
mod parquet_columns;
pub mod rejects;
pub mod report;

use anyhow::Result;

use crate::config::Config;
use crate::record::Article;
use crate::reject::Reject;
use report::RunInfo;

/// A destination for a run's outcomes.
///
/// Calling contract: `article` and `reject` are called zero or more times, interleaved,
/// in input order, from one thread; then `finish` exactly once, after the last outcome.
/// `original` is the document's raw bytes when the run keeps originals
/// (`--keep-originals`), else `None`. Nothing a sink writes may be visible under its
/// final name before `finish` returns `Ok`, and `finish` returns the names (relative to
/// the output folder) of the files it made visible. An `Err` from any call ends the run
/// (it is a run-level failure, such as a full disk), and the sink's partial output is
/// never renamed into place.
pub trait Sink {
    /// Receives one record.
    fn article(&mut self, article: &Article, original: Option<&[u8]>) -> Result<()>;
    /// Receives one rejected document.
    fn reject(&mut self, reject: &Reject) -> Result<()>;
    /// Completes the output, makes it visible, and names the files written.
    fn finish(self: Box<Self>, run: &RunInfo) -> Result<Vec<String>>;
}

/// The sinks `config` asks for, in the order they finish: records, bundles, rejects.
pub fn open_all(config: &Config) -> Result<Vec<Box<dyn Sink>>> {
    let dir = config.output_dir.as_path();
    let mut sinks: Vec<Box<dyn Sink>> = Vec::new();
    if config.formats.jsonl {
        sinks.push(Box::new(jsonl::JsonlSink::create(dir)?));
    }
    if config.formats.csv {
        sinks.push(Box::new(csv::CsvSink::create(dir, config.csv)?));
    }
    if config.formats.parquet {
        sinks.push(Box::new(parquet::ParquetSink::create(dir)?));
    }
    if config.formats.bundle {
        sinks.push(Box::new(bundle::BundleSink::create(config)?));
    }
    sinks.push(Box::new(rejects::RejectsSink::create(dir)?));
    Ok(sinks)
}

/// The fixed file names of the record formats, for removing those a run did not ask for.
pub fn format_file_names() -> [&'static str; 3] {
    [jsonl::FILE_NAME, csv::FILE_NAME, parquet::FILE_NAME]
}
