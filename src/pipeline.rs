//! The run: one reader thread walks the sources in order (folders, archives, WARCs) and
//! sends documents through a bounded channel; this thread takes them a chunk at a time,
//! converts the chunk on the worker threads (rayon keeps input order), and hands the
//! outcomes to the sinks in that order. Duplicates are decided here too, in input order.
//! Memory is bounded by the chunk (plus one chunk read ahead), never by the corpus or an
//! archive, and the output is the same bytes whatever the number of threads.
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
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::SystemTime;

use anyhow::{Context, Result, anyhow};
use rayon::prelude::*;

use crate::RunFailure;
use crate::config::Config;
use crate::dedup::{Duplicates, Keys};
use crate::process::process_with;
use crate::record::Outcome;
use crate::report_html::collect::SampleWants;
use crate::report_html::{self, HtmlReportSink};
use crate::sinks::duplicates::DuplicatesFile;
use crate::sinks::report::{Counts, ReportSink, RunInfo};
use crate::sinks::{self, Sink, atomic, bundle};
use crate::sources::{self, Skipped, SourceItem};

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
    let mut duplicates_file = DuplicatesFile::create(&config.output_dir)?;
    let mut report_page = HtmlReportSink::create(&config.output_dir, &config.decode)?;
    let report = ReportSink::create(&config.output_dir)?;
    let options = config.source_options();
    let (sender, receiver) = mpsc::sync_channel::<SourceItem>(config.chunk_size.max(1));
    let (converted, skipped) = thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut skipped = Skipped::default();
            for input in &config.inputs {
                let mut send = |item| sender.send(item).is_ok();
                skipped.merge(&sources::walk(input, &options, &mut send));
            }
            skipped
        });
        // Returning drops the receiver, which stops the reader if the run failed early.
        let to = Recipients {
            sinks: &mut sinks,
            duplicates_file: &mut duplicates_file,
            report_page: &mut report_page,
        };
        let converted = convert_all(receiver, config, &pool, to);
        (converted, reader.join())
    });
    let counts = converted?;
    let skipped = skipped.map_err(|_| anyhow!("the thread reading the inputs failed"))?;

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
    outputs.push(duplicates_file.finish()?);
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

/// Who receives the outcomes: the format sinks (raw bytes only with `--keep-originals`),
/// the list of duplicate copies, and the report page (raw bytes of repaired records, for
/// its before-and-after samples).
struct Recipients<'a> {
    sinks: &'a mut [Box<dyn Sink>],
    duplicates_file: &'a mut DuplicatesFile,
    report_page: &'a mut HtmlReportSink,
}

/// Takes the documents from `receiver` a chunk at a time, converts each chunk in
/// parallel, and delivers the outcomes in input order.
fn convert_all(
    receiver: Receiver<SourceItem>,
    config: &Config,
    pool: &rayon::ThreadPool,
    mut to: Recipients<'_>,
) -> Result<Counts> {
    let keep_originals = config.formats.bundle && config.bundle.keep_originals;
    let mut counts = Counts::default();
    let mut duplicates = Duplicates::default();
    loop {
        let chunk: Vec<SourceItem> = receiver.iter().take(config.chunk_size.max(1)).collect();
        if chunk.is_empty() {
            return Ok(counts);
        }
        let wants = to.report_page.sample_wants();
        let outcomes: Vec<Delivery> = pool.install(|| {
            chunk
                .into_par_iter()
                .map(|item| convert(item, config, keep_originals, &wants))
                .collect()
        });
        for delivery in outcomes {
            deliver(
                delivery,
                &mut to,
                keep_originals,
                &mut counts,
                &mut duplicates,
            )?;
        }
    }
}

/// One document's outcome, its duplicate keys when it is a record, and its raw bytes
/// when the run keeps originals or the report page may show it repaired.
type Delivery = (Outcome, Option<Keys>, Option<Vec<u8>>);

/// Converts one document on a worker thread.
fn convert(
    item: SourceItem,
    config: &Config,
    keep_originals: bool,
    wants: &SampleWants,
) -> Delivery {
    match item {
        Ok(doc) => {
            let mut outcome = process_with(&doc, &config.decode);
            let keys = match &mut outcome {
                Outcome::Article(article) => {
                    doc.fill_in(article);
                    Some(Keys::of(article))
                }
                Outcome::Reject(_) => None,
            };
            let keep = match &outcome {
                Outcome::Article(article) => keep_originals || wants.wants(article),
                Outcome::Reject(_) => false,
            };
            (outcome, keys, keep.then_some(doc.bytes))
        }
        Err(reject) => (Outcome::Reject(reject), None, None),
    }
}

/// Hands one outcome to the sinks, unless it is a copy of bytes already delivered.
fn deliver(
    (outcome, keys, original): Delivery,
    to: &mut Recipients<'_>,
    keep_originals: bool,
    counts: &mut Counts,
    duplicates: &mut Duplicates,
) -> Result<()> {
    match outcome {
        Outcome::Article(mut article) => {
            if let Some(keys) = keys
                && duplicates.is_copy(&mut article, &keys)
            {
                counts.add_duplicate();
                to.duplicates_file.copy(&article.id, &article.source_path);
                return Ok(());
            }
            counts.add_article(&article);
            let kept = original.as_deref().filter(|_| keep_originals);
            for sink in to.sinks.iter_mut() {
                sink.article(&article, kept)?;
            }
            to.report_page.article(&article, original.as_deref())?;
        }
        Outcome::Reject(reject) => {
            counts.add_reject(&reject);
            for sink in to.sinks.iter_mut() {
                sink.reject(&reject)?;
            }
            to.report_page.reject(&reject)?;
        }
    }
    Ok(())
}
