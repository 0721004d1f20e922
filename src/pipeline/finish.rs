//! The end of a run, in the order that keeps the folder honest: the sinks make their
//! files visible, stale outputs go, then `shard.json` (shard runs) or the new
//! `salvage-state.json` (incremental runs), `report.html`, `report.json`, and last
//! `_SUCCESS`. An incremental run that found nothing new writes no part at all.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use std::time::SystemTime;

use anyhow::{Context, Result};

use super::Summary;
use super::deliver::Delivery;
use super::output_dir::{self, SUCCESS_MARKER};
use super::select::Selection;
use super::state::{self, State};
use crate::RunFailure;
use crate::config::Config;
use crate::merge::manifest::{self, ShardManifest};
use crate::sinks::Sink;
use crate::sinks::report::{self, BatchInfo, DeletedSource, IncrementalInfo, ReportSink, RunInfo};
use crate::sources::Skipped;

/// Everything the run learnt, waiting to be written.
pub struct Finished<'a> {
    pub config: &'a Config,
    pub started: SystemTime,
    pub jobs: usize,
    pub skipped: Skipped,
    pub resumed_chunks: u64,
    pub selection: Selection<'a>,
    pub previous: Option<&'a State>,
    pub part: Option<u32>,
    pub conversion_fingerprint: String,
}

impl Finished<'_> {
    /// Writes the outputs in order and returns the run's summary.
    pub fn write(self, delivery: Delivery) -> Result<Summary> {
        let config = self.config;
        let dir = config.output_dir.as_path();
        let Delivery {
            to, counts, log, ..
        } = delivery;
        let nothing_new = self.previous.is_some() && counts.documents == 0;
        let part = self.part.filter(|_| !nothing_new);
        let mut run = RunInfo {
            command_line: config.command_line.clone(),
            inputs: config
                .inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
            output_dir: config.output_dir.display().to_string(),
            jobs: self.jobs,
            started: self.started,
            finished: SystemTime::now(),
            skipped: self.skipped.clone(),
            counts: counts.clone(),
            outputs: Vec::new(),
            bundle_report: None,
            batch: BatchInfo {
                resumed_chunks: self.resumed_chunks,
                shard: config.shard.map(|shard| shard.to_string()),
                other_shard_files: config.shard.map(|_| self.selection.other_shard_files),
                incremental: None,
            },
        };
        if config.formats.bundle {
            run.bundle_report = Some(to.report_page.for_bundle(&run));
        }
        let mut outputs = Vec::new();
        if !nothing_new {
            for sink in to.sinks {
                outputs.extend(sink.finish(&run)?);
            }
            outputs.push(to.duplicates_file.finish()?);
        }
        output_dir::remove_other_outputs(dir, &outputs, self.previous.is_some())?;
        let groups = log.map(|log| log.groups).unwrap_or_default();
        match config.shard {
            Some(shard) => {
                let manifest = ShardManifest {
                    shard,
                    fingerprint: self.conversion_fingerprint.clone(),
                    inputs: run.inputs.clone(),
                    skipped: self.skipped.clone(),
                    sources: groups.clone(),
                };
                manifest.save(dir)?;
                outputs.push(manifest::FILE_NAME.to_string());
            }
            None => remove_if_present(dir.join(manifest::FILE_NAME))?,
        }
        if let Some(previous) = self.previous {
            let (state, info) = self.next_state(previous, part, &groups);
            for gone in &info.deleted_sources {
                tracing::warn!(
                    input = %gone.input,
                    path = %crate::untrusted::terminal(&gone.path),
                    part = gone.part,
                    records = gone.ids.len(),
                    "source deleted since the last run; its records stay in their part"
                );
            }
            state.save(dir)?;
            run.batch.incremental = Some(info);
        }
        outputs.push(crate::report_html::FILE_NAME.to_string());
        outputs.push(report::FILE_NAME.to_string());
        run.outputs = outputs;
        Box::new(to.report_page).finish(&run)?;
        ReportSink::create(dir)?.finish(&run)?;
        fs::write(dir.join(SUCCESS_MARKER), b"")
            .with_context(|| RunFailure::Io(format!("cannot write {SUCCESS_MARKER}")))?;
        Ok(Summary {
            skipped: self.skipped.total(),
            unchanged_files: self.selection.unchanged_files,
            resumed_chunks: self.resumed_chunks,
            seconds: run
                .finished
                .duration_since(self.started)
                .unwrap_or_default()
                .as_secs_f64(),
            counts,
        })
    }

    /// The state after this run: unchanged files kept, converted ones with their ids,
    /// deleted ones dropped (and reported).
    fn next_state(
        &self,
        previous: &State,
        part: Option<u32>,
        groups: &[super::deliver::SourceGroup],
    ) -> (State, IncrementalInfo) {
        // Canonicalising a path is a system call: once per input, not per source file.
        let input_keys: Vec<String> = self
            .config
            .inputs
            .iter()
            .map(|i| state::input_key(i))
            .collect();
        let mut ids: BTreeMap<(&str, &str), &[String]> = BTreeMap::new();
        for group in groups {
            if let Some(input) = input_keys.get(group.input) {
                ids.insert((input.as_str(), group.path.as_str()), &group.ids);
            }
        }
        let deleted = deleted(previous, &self.config.inputs, &self.selection);
        let mut changed = Vec::new();
        let mut state = previous.clone();
        for (input, files) in &self.selection.converted {
            let entries = state.inputs.entry(input.clone()).or_default();
            for (path, source) in files {
                let mut source = source.clone();
                if let Some(old) = entries.get(path) {
                    changed.push(DeletedSource {
                        input: input.clone(),
                        path: path.clone(),
                        part: old.part,
                        ids: old.ids.clone(),
                    });
                }
                let key = (input.as_str(), path.as_str());
                source.ids = ids.get(&key).map(|ids| ids.to_vec()).unwrap_or_default();
                if let Some(part) = part {
                    source.part = part;
                }
                entries.insert(path.clone(), source);
            }
        }
        for gone in &deleted {
            if let Some(files) = state.inputs.get_mut(&gone.input) {
                files.remove(&gone.path);
            }
        }
        state.parts.extend(part);
        let info = IncrementalInfo {
            part,
            parts: state.parts.clone(),
            converted_files: self.selection.converted_files,
            unchanged_files: self.selection.unchanged_files,
            deleted_sources: deleted,
            changed_sources: changed,
        };
        (state, info)
    }
}

/// The files of `previous` under this run's inputs that the walk found neither changed
/// nor unchanged: they are gone.
pub fn deleted(previous: &State, inputs: &[PathBuf], selection: &Selection) -> Vec<DeletedSource> {
    let mut gone = Vec::new();
    for input in inputs {
        let name = state::input_key(input);
        let Some(files) = previous.inputs.get(&name) else {
            continue;
        };
        for (path, source) in files {
            let seen = selection
                .unchanged
                .get(&name)
                .is_some_and(|s| s.contains(path))
                || selection
                    .converted
                    .get(&name)
                    .is_some_and(|c| c.contains_key(path));
            if !seen {
                gone.push(DeletedSource {
                    input: name.clone(),
                    path: path.clone(),
                    part: source.part,
                    ids: source.ids.clone(),
                });
            }
        }
    }
    gone
}

fn remove_if_present(path: PathBuf) -> Result<()> {
    match fs::remove_file(&path) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(anyhow::anyhow!(err))
            .with_context(|| RunFailure::Io(format!("cannot remove {}", path.display()))),
        _ => Ok(()),
    }
}
