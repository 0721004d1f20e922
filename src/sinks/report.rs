//! `report.json`: what a run saw and did: documents, records, rejects by reason,
//! encodings, repairs and warnings counted, what was skipped, the command line, the tool
//! version, start and end times (UTC, RFC 3339), and the files the run wrote. Written
//! last, after every other output; it is not a [`Sink`](super::Sink) because it needs to
//! know what the sinks wrote.
//!
//! It is the one output that differs between two runs over the same input (times,
//! command line); the records, rejects and CSV do not.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use serde::Serialize;

use super::atomic::AtomicFile;
use crate::RunFailure;
use crate::extract::date::Date;
use crate::record::{Article, SCHEMA_VERSION};
use crate::reject::Reject;
use crate::sources::Skipped;

pub const FILE_NAME: &str = "report.json";

/// Facts about the run that only the pipeline knows.
#[derive(Clone, Debug)]
pub struct RunInfo {
    pub command_line: Vec<String>,
    pub inputs: Vec<String>,
    pub output_dir: String,
    pub jobs: usize,
    pub started: SystemTime,
    pub finished: SystemTime,
    pub skipped: Skipped,
    pub counts: Counts,
    /// The files the sinks wrote, relative to the output folder, in the order written.
    pub outputs: Vec<String>,
    /// `report.html` for the bundles' `data/`, once the records are all in (without the
    /// times and paths that differ between runs).
    pub bundle_report: Option<String>,
    /// Resumption, shard and incremental facts.
    pub batch: BatchInfo,
}

/// What a scheduled job needs to know beyond the counts (`report.json` → `batch`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BatchInfo {
    /// Chunks taken from the checkpoints of an interrupted attempt instead of converted.
    pub resumed_chunks: u64,
    /// `K/N` when the run converted one shard.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    /// Source files left to the other shards.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_shard_files: Option<u64>,
    /// With `--incremental`: the part written and what was skipped or deleted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incremental: Option<IncrementalInfo>,
}

/// An incremental run's changes.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct IncrementalInfo {
    /// The part this run wrote (`records-0003.jsonl`), or `None` when nothing was new.
    pub part: Option<u32>,
    /// Every part the folder holds, this one included.
    pub parts: Vec<u32>,
    /// Source files new or changed since the last run, converted now.
    pub converted_files: u64,
    /// Source files converted by an earlier run and unchanged: skipped.
    pub unchanged_files: u64,
    /// Source files gone since the last run; their records stay in their parts.
    pub deleted_sources: Vec<DeletedSource>,
    /// Source files converted again because they changed: their earlier records (in
    /// the part named) are superseded by this part's.
    pub changed_sources: Vec<DeletedSource>,
}

/// A source file an incremental run no longer finds (or found changed), with where its
/// earlier records are.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DeletedSource {
    pub input: String,
    pub path: String,
    pub part: u32,
    pub ids: Vec<String>,
}

/// The counts a run accumulates, also returned to the caller as its summary.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Every document found: records + rejects + duplicates.
    pub documents: u64,
    pub records: u64,
    pub rejects: u64,
    /// Copies of bytes already seen, which gave no record (listed in `duplicates.jsonl`).
    pub duplicates: u64,
    /// Records whose `duplicate_of` names an earlier record with the same body.
    pub records_with_duplicate_of: u64,
    pub rejects_by_reason: BTreeMap<String, u64>,
    pub encodings: BTreeMap<String, u64>,
    pub repairs: BTreeMap<String, u64>,
    pub warnings: BTreeMap<String, u64>,
}

impl Counts {
    pub fn add_article(&mut self, article: &Article) {
        self.documents += 1;
        self.records += 1;
        if article.duplicate_of.is_some() {
            self.records_with_duplicate_of += 1;
        }
        *self.encodings.entry(article.encoding.clone()).or_default() += 1;
        for repair in &article.repairs {
            *self.repairs.entry(repair.clone()).or_default() += 1;
        }
        for warning in &article.warnings {
            *self.warnings.entry(warning.clone()).or_default() += 1;
        }
    }

    /// A copy of bytes already delivered.
    pub fn add_duplicate(&mut self) {
        self.documents += 1;
        self.duplicates += 1;
    }

    pub fn add_reject(&mut self, reject: &Reject) {
        self.documents += 1;
        self.rejects += 1;
        *self
            .rejects_by_reason
            .entry(reject.reason.as_str().to_string())
            .or_default() += 1;
    }
}

#[derive(Serialize)]
struct Report<'a> {
    tool: &'static str,
    version: &'static str,
    schema_version: u32,
    command_line: &'a [String],
    inputs: &'a [String],
    output_dir: &'a str,
    jobs: usize,
    started_at: String,
    finished_at: String,
    duration_seconds: f64,
    #[serde(flatten)]
    counts: &'a Counts,
    skipped: SkippedReport<'a>,
    outputs: &'a [String],
    batch: &'a BatchInfo,
}

#[derive(Serialize)]
struct SkippedReport<'a> {
    total: u64,
    hidden: u64,
    by_extension: &'a BTreeMap<String, u64>,
    directory_loops: u64,
    warc_records: &'a BTreeMap<String, u64>,
}

/// Writes `report.json` from the run's counts when the run finishes.
pub struct ReportSink {
    file: AtomicFile,
}

impl ReportSink {
    pub fn create(dir: &Path) -> Result<Self> {
        Ok(ReportSink {
            file: AtomicFile::create(dir, FILE_NAME)?,
        })
    }
}

impl ReportSink {
    /// Writes the report and renames it into place.
    pub fn finish(mut self, run: &RunInfo) -> Result<()> {
        let duration = run.finished.duration_since(run.started).unwrap_or_default();
        let report = Report {
            tool: "salvage",
            version: env!("CARGO_PKG_VERSION"),
            schema_version: SCHEMA_VERSION,
            command_line: &run.command_line,
            inputs: &run.inputs,
            output_dir: &run.output_dir,
            jobs: run.jobs,
            started_at: rfc3339_utc(run.started),
            finished_at: rfc3339_utc(run.finished),
            duration_seconds: duration.as_secs_f64(),
            counts: &run.counts,
            skipped: SkippedReport {
                total: run.skipped.total(),
                hidden: run.skipped.hidden,
                by_extension: &run.skipped.by_extension,
                directory_loops: run.skipped.directory_loops,
                warc_records: &run.skipped.warc_records,
            },
            outputs: &run.outputs,
            batch: &run.batch,
        };
        let failure = || RunFailure::Io(format!("cannot write {FILE_NAME}"));
        let mut json = serde_json::to_vec_pretty(&report).with_context(failure)?;
        json.push(b'\n');
        std::io::Write::write_all(&mut self.file, &json).with_context(failure)?;
        self.file.commit()
    }
}

/// `2026-11-29T18:00:38Z` (whole seconds, UTC).
pub fn rfc3339_utc(time: SystemTime) -> String {
    let seconds = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let date = Date::from_days_since_epoch(seconds.div_euclid(86_400));
    let of_day = seconds.rem_euclid(86_400);
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60
    )
}
