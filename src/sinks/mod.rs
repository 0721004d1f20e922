//! Sinks: one per output format, each a noun named after what it writes. They receive the
//! outcomes of a run *in input order*, on one thread, through the [`Sink`] trait.
//!
//! Every sink writes through [`atomic::AtomicFile`], so its file appears complete, or the
//! previous one stays. [`open_all`] makes the sinks of a run; the report comes last.

pub mod atomic;
pub mod csv;
pub mod jsonl;
pub mod rejects;
pub mod report;

use std::path::Path;

use anyhow::Result;

use crate::record::Article;
use crate::reject::Reject;
use report::RunInfo;

/// A destination for a run's outcomes.
///
/// Calling contract: `article` and `reject` are called zero or more times, interleaved,
/// in input order, from one thread; then `finish` exactly once, after the last outcome.
/// Nothing a sink writes may be visible under its final name before `finish` returns
/// `Ok`. An `Err` from any call ends the run (it is a run-level failure, such as a full
/// disk), and the sink's partial output is never renamed into place.
pub trait Sink {
    /// Receives one record.
    fn article(&mut self, article: &Article) -> Result<()>;
    /// Receives one rejected document.
    fn reject(&mut self, reject: &Reject) -> Result<()>;
    /// Completes the output and makes it visible.
    fn finish(self: Box<Self>, run: &RunInfo) -> Result<()>;
}

/// The sinks of a run in the order they finish: records, rejects, then the report.
pub fn open_all(dir: &Path) -> Result<Vec<Box<dyn Sink>>> {
    Ok(vec![
        Box::new(jsonl::JsonlSink::create(dir)?),
        Box::new(csv::CsvSink::create(dir)?),
        Box::new(rejects::RejectsSink::create(dir)?),
        Box::new(report::ReportSink::create(dir)?),
    ])
}
