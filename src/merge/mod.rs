//! `salvage merge`: the outputs of the shards of one job (`convert --shard K/N`, each into
//! its own folder) combined into the outputs one run over all the inputs would have
//! written: records in the same order, duplicates decided across shards, one report,
//! bundles made again.
//!
//! Refuses (exit 65, nothing written) shards that are missing, given twice, unfinished
//! (no `_SUCCESS`), from another job (a different count, inputs or options), or whose
//! files disagree with their `shard.json`. Originals (`--keep-originals`) are not in a
//! shard's record files, so merged bundles hold none, and the report page shows no
//! before-and-after samples.

pub mod manifest;

use std::fs::File;
use std::io::{BufRead, BufReader, Lines};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::{Context, Result, anyhow};
use serde::de::DeserializeOwned;

use crate::RunFailure;
use crate::config::Config;
use crate::dedup::{Duplicates, Keys};
use crate::pipeline::convert::Converted;
use crate::pipeline::deliver::{Delivery, Recipients};
use crate::pipeline::finish::Finished;
use crate::pipeline::select::Selection;
use crate::pipeline::{SUCCESS_MARKER, Summary, output_dir};
use crate::record::{Article, Outcome};
use crate::reject::Reject;
use crate::report_html::HtmlReportSink;
use crate::sinks::duplicates::{self, DuplicatesFile};
use crate::sinks::report::Counts;
use crate::sinks::{self, Rendered, jsonl, rejects};
use crate::sources::Skipped;
use manifest::ShardManifest;

/// Merges the shard folders `shards` into `config.output_dir`, with `config`'s formats.
pub fn merge(shards: &[PathBuf], config: &Config) -> Result<Summary> {
    let started = SystemTime::now();
    let manifests = check_shards(shards)?;
    let dir = config.output_dir.as_path();
    let _lock = output_dir::lock(dir)?;
    output_dir::prepare(dir)?;
    let mut delivery = Delivery {
        to: Recipients {
            sinks: sinks::open_all(config, None)?,
            duplicates_file: DuplicatesFile::create(dir, duplicates::FILE_NAME)?,
            report_page: HtmlReportSink::create(dir, &config.decode)?,
        },
        counts: Counts::default(),
        duplicates: Some(Duplicates::default()),
        log: None,
        max_rejects: None,
        keep_originals: false,
    };
    let mut readers = Vec::new();
    for (shard_dir, _) in &manifests {
        readers.push(ShardReader::open(shard_dir)?);
    }
    // Every source file, from whichever shard holds it, in the order of one run.
    let mut order: Vec<(usize, usize)> = Vec::new();
    for (at, (_, manifest)) in manifests.iter().enumerate() {
        order.extend((0..manifest.sources.len()).map(|group| (at, group)));
    }
    order.sort_by(|&(a, i), &(b, j)| {
        let (x, y) = (&manifests[a].1.sources[i], &manifests[b].1.sources[j]);
        x.input
            .cmp(&y.input)
            .then_with(|| x.path.split('/').cmp(y.path.split('/')))
    });
    for (at, group) in order {
        let group = &manifests[at].1.sources[group];
        let reader = &mut readers[at];
        for _ in 0..group.records {
            let article: Article = reader.next_record()?;
            let keys = Some(Keys::of(&article));
            let outcome = Outcome::Article(Box::new(article));
            delivery.deliver(converted(group.input, outcome, keys))?;
        }
        for _ in 0..group.rejects {
            let reject: Reject = reader.next_reject()?;
            delivery.deliver(converted(group.input, Outcome::Reject(reject), None))?;
        }
    }
    for reader in &mut readers {
        reader.check_exhausted()?;
    }
    // Every shard walks every folder and skips the same names; only WARC records are
    // skipped inside files, which each belong to one shard.
    let mut skipped = manifests[0].1.skipped.clone();
    for (_, manifest) in &manifests[1..] {
        skipped.merge(&Skipped {
            warc_records: manifest.skipped.warc_records.clone(),
            ..Skipped::default()
        });
    }
    let finished = Finished {
        config,
        started,
        jobs: 1,
        skipped,
        resumed_chunks: 0,
        selection: Selection::default(),
        previous: None,
        part: None,
        conversion_fingerprint: manifests[0].1.fingerprint.clone(),
    };
    finished.write(delivery)
}

fn converted(input: usize, outcome: Outcome, keys: Option<Keys>) -> Converted {
    Converted {
        input,
        outcome,
        keys,
        original: None,
        decoded_text: None,
        rendered: Rendered::default(),
    }
}

/// Reads every shard's manifest and checks that together they are one whole job.
fn check_shards(shards: &[PathBuf]) -> Result<Vec<(PathBuf, ShardManifest)>> {
    let data = |message: String| Err(anyhow!(RunFailure::Data(message)));
    let mut manifests: Vec<(PathBuf, ShardManifest)> = Vec::new();
    for dir in shards {
        if !dir.is_dir() {
            return Err(anyhow!(RunFailure::NoInput(format!(
                "shard folder not found: {}",
                dir.display()
            ))));
        }
        if !dir.join(SUCCESS_MARKER).exists() {
            return data(format!(
                "{} holds no {SUCCESS_MARKER}: its shard run did not finish; run it again before merging",
                dir.display()
            ));
        }
        manifests.push((dir.clone(), ShardManifest::load(dir)?));
    }
    let Some((first_dir, first)) = manifests.first() else {
        return data("no shard folders to merge".to_string());
    };
    let count = first.shard.count;
    for (dir, manifest) in &manifests {
        if manifest.shard.count != count
            || manifest.fingerprint != first.fingerprint
            || manifest.inputs != first.inputs
        {
            return data(format!(
                "{} and {} are not shards of the same job (shard count, inputs or conversion options differ)",
                first_dir.display(),
                dir.display()
            ));
        }
    }
    for index in 1..=count {
        let holders: Vec<String> = manifests
            .iter()
            .filter(|(_, m)| m.shard.index == index)
            .map(|(dir, _)| dir.display().to_string())
            .collect();
        match holders.len() {
            0 => return data(format!("shard {index}/{count} is missing")),
            1 => {}
            _ => {
                return data(format!(
                    "shard {index}/{count} is given more than once: {}",
                    holders.join(", ")
                ));
            }
        }
    }
    manifests.sort_by_key(|(_, m)| m.shard.index);
    Ok(manifests)
}

/// One shard's `records.jsonl` and `rejects.jsonl`, read in step with its manifest.
struct ShardReader {
    records: JsonLines,
    rejects: JsonLines,
}

impl ShardReader {
    fn open(dir: &Path) -> Result<ShardReader> {
        Ok(ShardReader {
            records: JsonLines::open(&dir.join(jsonl::FILE_NAME))?,
            rejects: JsonLines::open(&dir.join(rejects::FILE_NAME))?,
        })
    }

    fn next_record(&mut self) -> Result<Article> {
        self.records.next()
    }

    fn next_reject(&mut self) -> Result<Reject> {
        self.rejects.next()
    }

    fn check_exhausted(&mut self) -> Result<()> {
        self.records.check_exhausted()?;
        self.rejects.check_exhausted()
    }
}

/// A JSON Lines file read one value at a time.
struct JsonLines {
    path: PathBuf,
    lines: Lines<BufReader<File>>,
}

impl JsonLines {
    fn open(path: &Path) -> Result<JsonLines> {
        let file = File::open(path).with_context(|| {
            RunFailure::Data(format!(
                "{} is missing: a shard run writes it (convert --shard adds jsonl)",
                path.display()
            ))
        })?;
        Ok(JsonLines {
            path: path.to_path_buf(),
            lines: BufReader::new(file).lines(),
        })
    }

    fn next<T: DeserializeOwned>(&mut self) -> Result<T> {
        let short = || {
            RunFailure::Data(format!(
                "{} holds fewer lines than its shard.json counts",
                self.path.display()
            ))
        };
        let line = self
            .lines
            .next()
            .ok_or_else(short)?
            .with_context(|| RunFailure::Io(format!("cannot read {}", self.path.display())))?;
        serde_json::from_str(&line).with_context(|| {
            RunFailure::Data(format!("{} holds a damaged line", self.path.display()))
        })
    }

    fn check_exhausted(&mut self) -> Result<()> {
        match self.lines.next() {
            None => Ok(()),
            Some(_) => Err(anyhow!(RunFailure::Data(format!(
                "{} holds more lines than its shard.json counts",
                self.path.display()
            )))),
        }
    }
}
