//! The run: walk the sources, convert documents a chunk at a time on the worker threads
//! (rayon keeps input order), and hand the outcomes to the sinks in that order on this
//! thread. Memory is bounded by the chunk, never by the corpus, and the output is the
//! same bytes whatever the number of threads.
//!
//! Run-level failures (no input, an output folder that cannot be made, a write that
//! fails) stop the run with a [`RunFailure`](crate::RunFailure); the outputs of an earlier
//! run stay as they were, because sinks only rename complete files into place.

use std::fs;
use std::path::Path;
use std::time::SystemTime;

use anyhow::{Context, Result, anyhow};
use rayon::prelude::*;

use crate::RunFailure;
use crate::config::Config;
use crate::process::process;
use crate::record::Outcome;
use crate::sinks::report::{Counts, RunInfo};
use crate::sinks::{self, Sink, atomic};
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

    let mut sinks = sinks::open_all(&config.output_dir)?;
    let mut counts = Counts::default();
    let mut skipped = Skipped::default();
    for input in &config.inputs {
        let mut source = DirSource::new(input, config.max_doc_size);
        loop {
            let chunk: Vec<SourceItem> = source.by_ref().take(config.chunk_size.max(1)).collect();
            if chunk.is_empty() {
                break;
            }
            let outcomes: Vec<Outcome> = pool.install(|| {
                chunk
                    .into_par_iter()
                    .map(|item| match item {
                        Ok(doc) => process(&doc),
                        Err(reject) => Outcome::Reject(reject),
                    })
                    .collect()
            });
            deliver(&outcomes, &mut sinks, &mut counts)?;
        }
        merge_skipped(&mut skipped, source.skipped());
    }

    let run = RunInfo {
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
    };
    for sink in sinks {
        sink.finish(&run)?;
    }
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

fn deliver(outcomes: &[Outcome], sinks: &mut [Box<dyn Sink>], counts: &mut Counts) -> Result<()> {
    for outcome in outcomes {
        match outcome {
            Outcome::Article(article) => {
                counts.add_article(article);
                for sink in sinks.iter_mut() {
                    sink.article(article)?;
                }
            }
            Outcome::Reject(reject) => {
                counts.add_reject(reject);
                for sink in sinks.iter_mut() {
                    sink.reject(reject)?;
                }
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
