//! The run: walk the sources, convert documents a chunk at a time on the worker threads
//! (rayon keeps input order), and hand the outcomes to the sinks in that order on this
//! thread. Memory is bounded by the chunk, never by the corpus, and the output is the
//! same bytes whatever the number of threads.
//!
//! Run-level failures (no input, an output folder that cannot be made, a write that
//! fails) stop the run with a [`RunFailure`](crate::RunFailure); the outputs of an earlier
//! run stay as they were, because sinks only rename complete files into place.
//!
//! With `--keep-originals` each record's raw bytes travel beside its outcome to the sinks
//! (the bundle copies them); the bytes of repaired records the report page may show
//! before and after travel to it (a few per chunk); others are dropped as soon as the
//! document is converted. When the run completes, record files
//! of formats not asked for and bundles this run did not write are removed, so the
//! folder holds one run's outputs; then `report.html`, `report.json` and `_SUCCESS` are
//! written. Bundles get their copy of `report.html` before they are written.

use std::fs;
use std::path::Path;
use std::time::SystemTime;

use anyhow::{Context, Result, anyhow};
use rayon::prelude::*;

use crate::RunFailure;
use crate::config::Config;
use crate::process::process_with;
use crate::record::Outcome;
use crate::report_html::{self, HtmlReportSink};
use crate::sinks::report::{Counts, ReportSink, RunInfo};
use crate::sinks::{self, Sink, atomic, bundle};
use crate::sources::dir::DirSource;
use crate::sources::{Skipped, SourceItem};

/// Marker written last in the output folder when a run completed.
pub const SUCCESS_MARKER: &str = "_SUCCESS";

/// What a finished run did.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub counts: Counts,
    pub skipped: u64,
    pub seconds: f64,
}

/// Converts every input of `config` into its output folder.
pub fn run(config: &Config) -> Result<Summary> {
    let started = SystemTime::now();
    for input in &config.inputs {
        if fs::symlink_metadata(input).is_err() {
            return Err(anyhow!(RunFailure::NoInput(format!(
                "input not found: {}",
                input.display()
            ))));
        }
    }
    prepare_output(&config.output_dir)?;
    let threads = config.jobs.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start the worker threads")?;

    let mut sinks = sinks::open_all(config)?;
    let mut report_page = HtmlReportSink::create(&config.output_dir, &config.decode)?;
    let report = ReportSink::create(&config.output_dir)?;
    let keep_originals = config.formats.bundle && config.bundle.keep_originals;
    let mut counts = Counts::default();
    let mut skipped = Skipped::default();
    for input in &config.inputs {
        let mut source = DirSource::new(input, config.max_doc_size);
        loop {
            let chunk: Vec<SourceItem> = source.by_ref().take(config.chunk_size.max(1)).collect();
            if chunk.is_empty() {
                break;
            }
            let wants = report_page.sample_wants();
            let outcomes: Vec<Delivery> = pool.install(|| {
                chunk
                    .into_par_iter()
                    .map(|item| match item {
                        Ok(doc) => {
                            let outcome = process_with(&doc, &config.decode);
                            let keep = match &outcome {
                                Outcome::Article(article) => keep_originals || wants.wants(article),
                                Outcome::Reject(_) => false,
                            };
                            (outcome, keep.then_some(doc.bytes))
                        }
                        Err(reject) => (Outcome::Reject(reject), None),
                    })
                    .collect()
            });
            let to = Recipients {
                sinks: &mut sinks,
                report_page: &mut report_page,
                keep_originals,
            };
            deliver(&outcomes, to, &mut counts)?;
        }
        merge_skipped(&mut skipped, source.skipped());
    }

    let mut run = RunInfo {
        command_line: config.command_line.clone(),
        inputs: config
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        output_dir: config.output_dir.display().to_string(),
        jobs: pool.current_num_threads(),
        started,
        finished: SystemTime::now(),
        skipped: skipped.clone(),
        counts: counts.clone(),
        outputs: Vec::new(),
        bundle_report: None,
    };
    if config.formats.bundle {
        run.bundle_report = Some(report_page.for_bundle(&run));
    }
    let mut outputs = Vec::new();
    for sink in sinks {
        outputs.extend(sink.finish(&run)?);
    }
    remove_other_outputs(&config.output_dir, &outputs)?;
    outputs.push(report_html::FILE_NAME.to_string());
    outputs.push(sinks::report::FILE_NAME.to_string());
    run.outputs = outputs;
    Box::new(report_page).finish(&run)?;
    report.finish(&run)?;
    fs::write(config.output_dir.join(SUCCESS_MARKER), b"")
        .with_context(|| RunFailure::Io(format!("cannot write {SUCCESS_MARKER}")))?;
    Ok(Summary {
        counts,
        skipped: skipped.total(),
        seconds: run
            .finished
            .duration_since(started)
            .unwrap_or_default()
            .as_secs_f64(),
    })
}

/// Creates the output folder, clears a previous run's success marker and leftovers.
fn prepare_output(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| {
        RunFailure::CannotCreateOutput(format!("cannot create the output folder {}", dir.display()))
    })?;
    atomic::remove_stale_temporaries(dir);
    let marker = dir.join(SUCCESS_MARKER);
    if marker.exists() {
        fs::remove_file(&marker).with_context(|| {
            RunFailure::CannotCreateOutput(format!("cannot remove the old {}", marker.display()))
        })?;
    }
    Ok(())
}

/// Removes record files and bundles in `dir` that this run did not write (`written`), so
/// no stale format or bundle of an earlier run sits beside this run's `_SUCCESS`. Only
/// names salvage itself writes are touched.
fn remove_other_outputs(dir: &Path, written: &[String]) -> Result<()> {
    let entries = fs::read_dir(dir)
        .with_context(|| RunFailure::Io(format!("cannot list {}", dir.display())))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours =
            sinks::format_file_names().contains(&name.as_str()) || bundle::is_bundle_name(&name);
        if ours && !written.contains(&name) {
            fs::remove_file(entry.path()).with_context(|| {
                RunFailure::Io(format!(
                    "cannot remove the stale {}",
                    entry.path().display()
                ))
            })?;
        }
    }
    Ok(())
}

/// One document's outcome, with its raw bytes when the run keeps originals or the report
/// may show it repaired.
type Delivery = (Outcome, Option<Vec<u8>>);

/// Who receives the outcomes: the format sinks (raw bytes only with `--keep-originals`)
/// and the report page (raw bytes of repaired records, for its samples).
struct Recipients<'a> {
    sinks: &'a mut [Box<dyn Sink>],
    report_page: &'a mut HtmlReportSink,
    keep_originals: bool,
}

fn deliver(outcomes: &[Delivery], to: Recipients<'_>, counts: &mut Counts) -> Result<()> {
    for (outcome, original) in outcomes {
        match outcome {
            Outcome::Article(article) => {
                counts.add_article(article);
                let kept = original.as_deref().filter(|_| to.keep_originals);
                for sink in to.sinks.iter_mut() {
                    sink.article(article, kept)?;
                }
                to.report_page.article(article, original.as_deref())?;
            }
            Outcome::Reject(reject) => {
                counts.add_reject(reject);
                for sink in to.sinks.iter_mut() {
                    sink.reject(reject)?;
                }
                to.report_page.reject(reject)?;
            }
        }
    }
    Ok(())
}

fn merge_skipped(total: &mut Skipped, more: &Skipped) {
    total.hidden += more.hidden;
    total.directory_loops += more.directory_loops;
    for (extension, count) in &more.by_extension {
        *total.by_extension.entry(extension.clone()).or_default() += count;
    }
}
