//! The run: one reader thread walks the sources in order (folders, archives, WARCs),
//! choosing files by shard and, for incremental runs, by what changed ([`select`]), and
//! sends documents through a bounded channel; this thread takes them a chunk at a time
//! and converts each chunk on the worker threads ([`convert`]), saving it as a
//! [`checkpoint`]; a delivering thread hands the outcomes to the sinks in input order
//! ([`deliver`]) while the next chunk converts. Memory is bounded by a few chunks, never
//! by the corpus or an archive, and the output is the same bytes whatever the number of
//! threads, and whether or not the run was interrupted and resumed.
//!
//! Run-level failures (no input, an output folder that cannot be made or is locked by
//! another run, a write that fails, too many rejects) stop the run with a
//! [`RunFailure`](crate::RunFailure); the outputs of an earlier run stay as they were,
//! because sinks only rename complete files into place, and `_SUCCESS` is removed first
//! and written last. When the run completes, record files of formats not asked for and
//! bundles this run did not write are removed (an incremental run keeps earlier parts),
//! then `report.html`, `report.json` and `_SUCCESS` are written and the checkpoints go.

pub mod checkpoint;
pub mod convert;
pub mod deliver;
mod document;
pub mod finish;
pub mod output_dir;
pub mod plan;
pub mod select;
pub mod state;

use std::path::Path;
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread;
use std::time::SystemTime;

use anyhow::{Context, Result, anyhow};
use sha2::{Digest, Sha256};

use crate::RunFailure;
use crate::config::Config;
use crate::dedup::Duplicates;
use crate::report_html::HtmlReportSink;
use crate::sinks::duplicates::{self, DuplicatesFile};
use crate::sinks::report::Counts;
use crate::sinks::{self, part_name};
use crate::sources::{self, SourceItem, SourceOptions};
use checkpoint::Checkpoints;
use convert::{ChunkContext, ConvertedChunk, convert_all};
use deliver::{Delivery, Recipients, SourceLog};
use select::Selection;
use state::State;

pub use output_dir::SUCCESS_MARKER;
pub use plan::{Plan, plan};

/// What a finished run did.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub counts: Counts,
    pub skipped: u64,
    /// Source files an incremental run found unchanged and did not read.
    pub unchanged_files: u64,
    /// Chunks taken from the checkpoints of an interrupted attempt.
    pub resumed_chunks: u64,
    pub seconds: f64,
}

/// Who wants to follow a run as it goes (a progress bar); the default does nothing.
pub trait Progress: Sync {
    /// The reader is about to read the source file at `path`.
    fn reading(&self, _path: &Path) {}
    /// `documents` more documents reached the sinks.
    fn delivered(&self, _documents: u64) {}
}

/// A [`Progress`] that ignores everything.
pub struct Silent;
impl Progress for Silent {}

/// Converts every input of `config` into its output folder.
pub fn run(config: &Config) -> Result<Summary> {
    run_with_progress(config, &Silent)
}

/// [`run`], telling `progress` how far it is.
pub fn run_with_progress(config: &Config, progress: &dyn Progress) -> Result<Summary> {
    let started = SystemTime::now();
    check_inputs(config)?;
    let dir = config.output_dir.as_path();
    let _lock = output_dir::lock(dir)?;
    output_dir::prepare(dir)?;
    let conversion = conversion_fingerprint(config);
    let previous = match config.incremental {
        true => Some(load_state(dir, &conversion)?),
        false => None,
    };
    let part = previous.as_ref().map(State::next_part);
    let checkpoints = Checkpoints::open(dir, &run_fingerprint(config, &conversion, part))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.jobs.unwrap_or(0))
        .build()
        .context("cannot start the worker threads")?;

    let to = Recipients {
        sinks: sinks::open_all(config, part)?,
        duplicates_file: DuplicatesFile::create(dir, &part_name(duplicates::FILE_NAME, part))?,
        report_page: HtmlReportSink::create(dir, &config.decode)?,
    };
    let log = (config.incremental || config.shard.is_some()).then(|| SourceLog {
        groups: Vec::new(),
        keep_ids: config.incremental,
    });
    let mut delivery = Delivery {
        to,
        counts: Counts::default(),
        // A shard leaves duplicates to `merge`, which sees every shard's records.
        duplicates: config.shard.is_none().then(Duplicates::default),
        log,
        max_rejects: config.max_rejects,
        keep_originals: config.formats.bundle && config.bundle.keep_originals,
    };
    let mut selection = Selection {
        shard: config.shard,
        previous: previous.as_ref(),
        part: part.unwrap_or(0),
        ..Selection::default()
    };
    let context = ChunkContext {
        config,
        pool: &pool,
        checkpoints: &checkpoints,
        keep_originals: delivery.keep_originals,
        wants: &Mutex::new(delivery.to.report_page.sample_wants()),
    };
    let (skipped, resumed_chunks) =
        read_convert_deliver(config, &mut selection, &context, &mut delivery, progress)?;
    let finished = finish::Finished {
        config,
        started,
        jobs: pool.current_num_threads(),
        skipped,
        resumed_chunks,
        selection,
        previous: previous.as_ref(),
        part,
        conversion_fingerprint: conversion,
    };
    let summary = finished.write(delivery)?;
    checkpoints.remove()?;
    Ok(summary)
}

/// Every input must exist: a typo must not look like an empty archive.
fn check_inputs(config: &Config) -> Result<()> {
    for input in &config.inputs {
        if std::fs::symlink_metadata(input).is_err() {
            return Err(anyhow!(RunFailure::NoInput(format!(
                "input not found: {}",
                input.display()
            ))));
        }
    }
    Ok(())
}

/// The incremental state in `dir`, or a new one; refused when made with other options.
fn load_state(dir: &Path, conversion: &str) -> Result<State> {
    match State::load(dir)? {
        None => Ok(State::new(conversion)),
        Some(state) if state.fingerprint == conversion => Ok(state),
        Some(_) => Err(anyhow!(RunFailure::Usage(format!(
            "{} holds records converted with other options (encoding, size limits, splitting); an incremental run must use the same ones. Use another output folder, or remove {} to convert everything again",
            dir.display(),
            state::FILE_NAME
        )))),
    }
}

/// The reader, the converting loop and the delivering thread, until the inputs end or
/// something fails. Returns what the walk skipped and how many chunks were resumed.
fn read_convert_deliver(
    config: &Config,
    selection: &mut Selection<'_>,
    context: &ChunkContext<'_>,
    delivery: &mut Delivery,
    progress: &dyn Progress,
) -> Result<(sources::Skipped, u64)> {
    let options = config.source_options();
    // Documents are spawned on the workers as they arrive, and the next chunk's are queued
    // there while a chunk finishes: the reader need not be far ahead (raw web pages are
    // the bulk of the memory a run holds).
    let read_ahead = (config.chunk_size / 4).max(1);
    let (item_sender, items) = mpsc::sync_channel::<(usize, SourceItem)>(read_ahead);
    let (chunk_sender, chunks) = mpsc::sync_channel::<ConvertedChunk>(1);
    thread::scope(|scope| {
        let reader =
            scope.spawn(move || read_all(config, &options, selection, item_sender, progress));
        let deliverer = scope.spawn(move || deliver_all(chunks, delivery, context, progress));
        // Returning drops the receivers and senders, which stops the other threads.
        let resumed = convert_all(items, config, context, chunk_sender);
        let delivered = deliverer
            .join()
            .map_err(|_| anyhow!("the thread writing the outputs failed"))?;
        let skipped = reader
            .join()
            .map_err(|_| anyhow!("the thread reading the inputs failed"))?;
        // A delivery failure (a full disk) explains a conversion that stopped early.
        delivered?;
        Ok((skipped, resumed))
    })
}

/// The reader thread: walks every input in order through the selection.
fn read_all(
    config: &Config,
    options: &SourceOptions,
    selection: &mut Selection<'_>,
    sender: SyncSender<(usize, SourceItem)>,
    progress: &dyn Progress,
) -> sources::Skipped {
    let mut skipped = sources::Skipped::default();
    for (index, input) in config.inputs.iter().enumerate() {
        let name = state::input_key(input);
        let mut select = |file: &sources::FileCandidate| {
            let read = selection.decide(&name, file);
            if read {
                progress.reading(file.path);
            }
            read
        };
        let mut send = |item| sender.send((index, item)).is_ok();
        skipped.merge(&sources::walk_selected(
            input,
            options,
            &mut select,
            &mut send,
        ));
    }
    skipped
}

/// The delivering thread: saves each chunk's checkpoint, hands the chunk to the sinks,
/// then tells the converters what the report page still wants.
fn deliver_all(
    chunks: Receiver<ConvertedChunk>,
    delivery: &mut Delivery,
    context: &ChunkContext<'_>,
    progress: &dyn Progress,
) -> Result<()> {
    for chunk in chunks {
        if let Some(checkpoint) = chunk.checkpoint {
            checkpoint.save(context.checkpoints)?;
        }
        let documents = chunk.documents.len() as u64;
        for converted in chunk.documents {
            delivery.deliver(converted)?;
        }
        if let Ok(mut wants) = context.wants.lock() {
            *wants = delivery.to.report_page.sample_wants();
        }
        progress.delivered(documents);
    }
    Ok(())
}

/// The options that change records, hashed: an incremental output folder keeps to one.
fn conversion_fingerprint(config: &Config) -> String {
    let options = format!(
        "max_doc_size={} max_ratio={} max_depth={} split={:?} decode={:?}",
        config.max_doc_size, config.max_ratio, config.max_depth, config.split, config.decode
    );
    crate::process::sha256_hex(options.as_bytes())
}

/// What makes checkpoints reusable: the same salvage, inputs, options, chunking, shard
/// and part.
fn run_fingerprint(config: &Config, conversion: &str, part: Option<u32>) -> String {
    let mut hasher = Sha256::new();
    hasher.update(env!("CARGO_PKG_VERSION"));
    hasher.update(conversion);
    for input in &config.inputs {
        hasher.update(input.as_os_str().as_encoded_bytes());
        hasher.update([0]);
    }
    let rest = format!(
        "chunk={} shard={:?} part={part:?} keep_originals={}",
        config.chunk_size, config.shard, config.bundle.keep_originals
    );
    hasher.update(rest);
    crate::process::hex(&hasher.finalize())
}
