//! Converting one chunk of documents on the worker threads: from its checkpoint when an
//! earlier attempt of the same run saved one, else by `process_with` on each document
//! (rayon keeps input order), saving the checkpoint before the chunk is delivered.
//! Each outcome leaves with its duplicate keys and, when some sink may want them, the
//! document's raw bytes; the others' bytes are dropped here.

use std::sync::Mutex;

use anyhow::Result;
use rayon::prelude::*;

use super::checkpoint::{self, Checkpoints};
use crate::config::Config;
use crate::dedup::Keys;
use crate::process::process_with;
use crate::record::Outcome;
use crate::report_html::collect::SampleWants;
use crate::sources::SourceItem;

/// One document's outcome on its way to the sinks.
pub struct Converted {
    /// Which input (position on the command line) the document came from.
    pub input: usize,
    pub outcome: Outcome,
    /// Its duplicate keys, when it is a record.
    pub keys: Option<Keys>,
    /// Its raw bytes, when the run keeps originals or the report page may show it.
    pub original: Option<Vec<u8>>,
}

/// What the chunk conversion needs besides the chunk.
pub struct ChunkContext<'a> {
    pub config: &'a Config,
    pub pool: &'a rayon::ThreadPool,
    pub checkpoints: &'a Checkpoints,
    /// Whether every record's raw bytes go on (`--keep-originals`).
    pub keep_originals: bool,
    /// What the report page's samples still look for; the delivering thread updates it.
    pub wants: &'a Mutex<SampleWants>,
}

/// Converts chunk number `index`; says whether it came from a checkpoint.
pub fn convert_chunk(
    chunk: Vec<(usize, SourceItem)>,
    index: u64,
    context: &ChunkContext<'_>,
) -> Result<(Vec<Converted>, bool)> {
    let wants = context
        .wants
        .lock()
        .map(|wants| wants.clone())
        .unwrap_or_default();
    let digests: Vec<u64> = context.pool.install(|| {
        chunk
            .par_iter()
            .map(|(_, item)| checkpoint::item_digest(item))
            .collect()
    });
    let digest = checkpoint::chunk_digest(&digests);
    if let Some(outcomes) = context.checkpoints.load(index, &digest, chunk.len()) {
        let converted = context.pool.install(|| {
            chunk
                .into_par_iter()
                .zip(outcomes)
                .map(|((input, item), outcome)| {
                    let bytes = item.ok().map(|doc| doc.bytes);
                    finish(input, outcome, bytes, context.keep_originals, &wants)
                })
                .collect()
        });
        return Ok((converted, true));
    }
    let (converted, lines): (Vec<Converted>, Vec<Vec<u8>>) = context.pool.install(|| {
        chunk
            .into_par_iter()
            .map(|(input, item)| {
                let (outcome, bytes) = match item {
                    Ok(doc) => {
                        let mut outcome = process_with(&doc, &context.config.decode);
                        if let Outcome::Article(article) = &mut outcome {
                            doc.fill_in(article);
                        }
                        (outcome, Some(doc.bytes))
                    }
                    Err(reject) => (Outcome::Reject(reject), None),
                };
                // An outcome always serialises (plain data); an empty line would only
                // make the checkpoint unusable, never the output wrong.
                let line = serde_json::to_vec(&outcome).unwrap_or_default();
                let converted = finish(input, outcome, bytes, context.keep_originals, &wants);
                (converted, line)
            })
            .unzip()
    });
    context.checkpoints.save(index, &digest, &lines)?;
    Ok((converted, false))
}

/// Adds the keys and keeps the raw bytes only when wanted.
fn finish(
    input: usize,
    outcome: Outcome,
    bytes: Option<Vec<u8>>,
    keep_originals: bool,
    wants: &SampleWants,
) -> Converted {
    let (keys, keep) = match &outcome {
        Outcome::Article(article) => (
            Some(Keys::of(article)),
            keep_originals || wants.wants(article),
        ),
        Outcome::Reject(_) => (None, false),
    };
    Converted {
        input,
        outcome,
        keys,
        original: bytes.filter(|_| keep),
    }
}
