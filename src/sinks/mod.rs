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
mod jsonl_article;
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
pub trait Sink: Send {
    /// Receives one record.
    fn article(&mut self, article: &Article, original: Option<&[u8]>) -> Result<()>;
    /// Receives one record with its lines rendered beforehand: the same output as
    /// [`Sink::article`], which is what sinks that render nothing do.
    fn rendered_article(
        &mut self,
        article: &Article,
        _rendered: &Rendered,
        original: Option<&[u8]>,
    ) -> Result<()> {
        self.article(article, original)
    }
    /// Receives one rejected document.
    fn reject(&mut self, reject: &Reject) -> Result<()>;
    /// Completes the output, makes it visible, and names the files written.
    fn finish(self: Box<Self>, run: &RunInfo) -> Result<Vec<String>>;
}

/// A record's JSON line and CSV row, rendered on a worker thread so that the one thread
/// delivering to the sinks only copies bytes (serialising was most of its work). `None`
/// where no sink wants it, and for a record changed after rendering (a `duplicate_of`
/// set on delivery): the sinks then render it themselves.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    /// The `records.jsonl` line, `\n` included.
    pub json_line: Option<Vec<u8>>,
    /// The `records.csv` row, line end included.
    pub csv_row: Option<Vec<u8>>,
}

impl Rendered {
    /// `article`'s lines for the formats `config` asks for.
    pub fn of(article: &Article, config: &Config) -> Self {
        let formats = &config.formats;
        let json_line =
            (formats.jsonl || formats.bundle).then(|| jsonl_article::json_line(article));
        let csv_row = (formats.csv || formats.bundle).then(|| {
            let mut row = Vec::new();
            csv::write_article(&mut row, article, config.csv);
            row
        });
        Rendered { json_line, csv_row }
    }
}

/// The sinks `config` asks for, in the order they finish: records, bundles, rejects.
/// Files are named for `part` (see [`part_name`]).
pub fn open_all(config: &Config, part: Option<u32>) -> Result<Vec<Box<dyn Sink>>> {
    let dir = config.output_dir.as_path();
    let name = |base: &str| part_name(base, part);
    let mut sinks: Vec<Box<dyn Sink>> = Vec::new();
    if config.formats.jsonl {
        sinks.push(Box::new(jsonl::JsonlSink::create(
            dir,
            &name(jsonl::FILE_NAME),
        )?));
    }
    if config.formats.csv {
        let csv = csv::CsvSink::create(dir, &name(csv::FILE_NAME), config.csv)?;
        sinks.push(Box::new(csv));
    }
    if config.formats.parquet {
        let parquet = parquet::ParquetSink::create(dir, &name(parquet::FILE_NAME))?;
        sinks.push(Box::new(parquet));
    }
    if config.formats.bundle {
        sinks.push(Box::new(bundle::BundleSink::create(config)?));
    }
    let rejects = rejects::RejectsSink::create(dir, &name(rejects::FILE_NAME))?;
    sinks.push(Box::new(rejects));
    Ok(sinks)
}

/// The name of file `base` in part `part` of an incremental output: `records.jsonl` in
/// part 3 is `records-0003.jsonl`; without a part, `base` itself.
pub fn part_name(base: &str, part: Option<u32>) -> String {
    match (part, base.split_once('.')) {
        (Some(part), Some((stem, extension))) => format!("{stem}-{part:04}.{extension}"),
        _ => base.to_string(),
    }
}

/// Whether `name` is a record, rejects or duplicates file salvage writes, whole-run
/// (`records.jsonl`) or a part (`records-0003.jsonl`).
pub fn is_record_file_name(name: &str) -> bool {
    let bases = [
        jsonl::FILE_NAME,
        csv::FILE_NAME,
        parquet::FILE_NAME,
        rejects::FILE_NAME,
        duplicates::FILE_NAME,
    ];
    bases.iter().any(|base| {
        let Some((stem, extension)) = base.split_once('.') else {
            return false;
        };
        let Some(rest) = name
            .strip_prefix(stem)
            .and_then(|rest| rest.strip_suffix(extension))
            .and_then(|rest| rest.strip_suffix('.'))
        else {
            return false;
        };
        rest.is_empty()
            || rest
                .strip_prefix('-')
                .is_some_and(|n| n.len() >= 4 && n.bytes().all(|b| b.is_ascii_digit()))
    })
}
