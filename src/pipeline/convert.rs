//! Converting one chunk of documents on the worker threads: from its checkpoint when an
//! earlier attempt of the same run saved one (the chunk is read whole to be checked
//! against it), else each document as soon as it is read (`start_streamed`), in
//! input order all the same, with the checkpoint lines that the delivering thread saves
//! before it delivers the chunk (so the next chunk converts meanwhile). What happens to
//! each document is in `document.rs`: each outcome leaves with its duplicate keys and,
//! when some sink may want them, the document's raw bytes; the others' bytes are dropped.
//!
//! Encodings are decided per document, then checked per run: the text dumps read with
//! confidence are tallied in input order ([`RunTally`]), and once the run has a dominant
//! legacy encoding, the chunk's weak guesses (a legacy encoding chosen with little
//! confidence, or pure ASCII that may be VIQR) are converted again against it. The tally
//! depends on the chunks (`--chunk-size`), never on `--jobs`, and is rebuilt from the
//! records of chunks taken from checkpoints, so a resumed run decides the same.

use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

use anyhow::Result;
use rayon::prelude::*;

use super::checkpoint::{self, Checkpoints};
use super::document::{First, checkpoint_line, convert_one, finish, first_pass, record_all};
use crate::config::Config;
use crate::decode::run_check::RunTally;
use crate::dedup::Keys;
use crate::record::Outcome;
use crate::report_html::collect::SampleWants;
use crate::sinks::Rendered;
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
    /// A text dump's decoded text, when the report page may show it.
    pub decoded_text: Option<String>,
    /// Its lines for the text sinks, when it is a record.
    pub rendered: Rendered,
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

impl ChunkContext<'_> {
    /// What the report page's samples look for as of now (nothing is lost when it is not
    /// known: every repaired record then keeps its bytes).
    fn wants_now(&self) -> SampleWants {
        self.wants
            .lock()
            .map(|wants| wants.clone())
            .unwrap_or_default()
    }
}

/// A converted chunk, with its checkpoint unless it came from one.
pub struct ConvertedChunk {
    pub documents: Vec<Converted>,
    pub checkpoint: Option<UnsavedCheckpoint>,
}

/// A chunk's checkpoint, to be saved before the chunk is delivered.
pub struct UnsavedCheckpoint {
    index: u64,
    digest: String,
    lines: Vec<Vec<u8>>,
}

impl UnsavedCheckpoint {
    pub fn save(self, checkpoints: &Checkpoints) -> Result<()> {
        checkpoints.save(self.index, &self.digest, &self.lines)
    }
}

/// The converting thread: converts chunk after chunk and passes each on. Returns the number of
/// chunks taken from checkpoints.
pub fn convert_all(
    items: Receiver<(usize, SourceItem)>,
    config: &Config,
    context: &ChunkContext<'_>,
    chunks: SyncSender<ConvertedChunk>,
) -> u64 {
    let mut resumed = 0;
    let mut tally = RunTally::new();
    // The workers compile extraction's patterns while this thread waits for the reader:
    // compiled on first use instead, one worker compiles while the other waits for it.
    for compile in crate::extract::PATTERN_GROUPS {
        context.pool.spawn(compile);
    }
    let chunk_size = config.chunk_size.max(1);
    let mut pass_on = |converted: ConvertedChunk, index: u64| {
        let documents = converted.documents.len();
        let from_checkpoint = converted.checkpoint.is_none();
        tracing::debug!(chunk = index, documents, from_checkpoint, "chunk converted");
        resumed += u64::from(from_checkpoint);
        chunks.send(converted).is_ok()
    };
    context.pool.in_place_scope(|scope| {
        // The chunk being converted; the next one starts before it is finished.
        let mut converting: Option<Streaming> = None;
        for index in 1.. {
            // A chunk an earlier attempt saved is read whole, to be checked against the
            // checkpoint; any other is converted as its documents arrive.
            let saved = context.checkpoints.has(index);
            let next = (!saved)
                .then(|| start_streamed(scope, items.iter().take(chunk_size), index, context))
                .flatten();
            if let Some(streaming) = converting.take() {
                let before = streaming.index;
                let Some(converted) = finish_streamed(streaming, context, &mut tally) else {
                    return;
                };
                if !pass_on(converted, before) {
                    return;
                }
            }
            if saved {
                let chunk: Vec<_> = items.iter().take(chunk_size).collect();
                if chunk.is_empty() {
                    return;
                }
                let converted = convert_chunk(chunk, index, context, &mut tally);
                if !pass_on(converted, index) {
                    return;
                }
                continue;
            }
            match next {
                Some(streaming) => converting = Some(streaming),
                None => return,
            }
        }
    });
    resumed
}

/// Converts chunk number `index`.
pub fn convert_chunk(
    chunk: Vec<(usize, SourceItem)>,
    index: u64,
    context: &ChunkContext<'_>,
    tally: &mut RunTally,
) -> ConvertedChunk {
    let wants = context.wants_now();
    let digests: Vec<u64> = context.pool.install(|| {
        chunk
            .par_iter()
            .map(|(_, item)| checkpoint::item_digest(item))
            .collect()
    });
    let digest = checkpoint::chunk_digest(&digests);
    if let Some(outcomes) = context.checkpoints.load(index, &digest, chunk.len()) {
        record_all(tally, &outcomes);
        let converted = context.pool.install(|| {
            chunk
                .into_par_iter()
                .zip(outcomes)
                .map(|((input, item), outcome)| {
                    let bytes = item.ok().map(|doc| doc.bytes);
                    finish(input, (outcome, None), bytes, context, &wants)
                })
                .collect()
        });
        return ConvertedChunk {
            documents: converted,
            checkpoint: None,
        };
    }
    // One parallel pass converts each document and, unless the run may still convert it
    // again (a weak guess, see below), finishes it too: a barrier per chunk fewer.
    let firsts: Vec<First> = context.pool.install(|| {
        chunk
            .into_par_iter()
            .map(|(input, item)| first_pass(input, item, context, &wants))
            .collect()
    });
    finish_chunk(firsts, index, digest, context, tally, &wants)
}

/// A chunk whose documents are being converted on the workers, as they were read.
struct Streaming {
    index: u64,
    read: usize,
    results: Receiver<(usize, u64, First)>,
    wants: Arc<SampleWants>,
}

/// Starts converting the next chunk (at most a chunk of documents from `items`): each
/// document is spawned on `scope` as soon as it is read, instead of once the whole chunk
/// is read, so the workers do not wait for the reader (the first 256 web pages are 50 MB
/// to read), and the next chunk can start before this one is finished (its last
/// documents no longer leave a worker idle). For a chunk no earlier attempt saved (a
/// saved one is taken whole by [`convert_chunk`]); the result is the same. `None` when
/// the inputs are done.
fn start_streamed<'scope>(
    scope: &rayon::Scope<'scope>,
    items: impl Iterator<Item = (usize, SourceItem)>,
    index: u64,
    context: &'scope ChunkContext<'_>,
) -> Option<Streaming> {
    let wants = Arc::new(context.wants_now());
    let (sender, results) = mpsc::channel();
    let mut read = 0;
    for (input, item) in items {
        let (position, sender, wants) = (read, sender.clone(), Arc::clone(&wants));
        read += 1;
        scope.spawn(move |_| {
            let digest = checkpoint::item_digest(&item);
            let first = first_pass(input, item, context, &wants);
            // The receiver lives until every document is in (or the run stopped).
            let _ = sender.send((position, digest, first));
        });
    }
    (read > 0).then_some(Streaming {
        index,
        read,
        results,
        wants,
    })
}

/// Waits for the chunk's documents and finishes it (see [`finish_chunk`]). `None` when a
/// document never came back: a worker panicked, and the scope passes the panic on.
fn finish_streamed(
    streaming: Streaming,
    context: &ChunkContext<'_>,
    tally: &mut RunTally,
) -> Option<ConvertedChunk> {
    let Streaming {
        index,
        read,
        results,
        wants,
    } = streaming;
    let mut done: Vec<(usize, u64, First)> = results.iter().take(read).collect();
    if done.len() < read {
        return None;
    }
    done.sort_unstable_by_key(|&(position, ..)| position);
    let (digests, firsts): (Vec<u64>, Vec<First>) = done
        .into_iter()
        .map(|(_, digest, first)| (digest, first))
        .unzip();
    let digest = checkpoint::chunk_digest(&digests);
    Some(finish_chunk(firsts, index, digest, context, tally, &wants))
}

/// Tallies the chunk's first pass, converts its weak guesses again against the run's
/// encoding when the run has one, and makes the checkpoint lines.
fn finish_chunk(
    firsts: Vec<First>,
    index: u64,
    digest: String,
    context: &ChunkContext<'_>,
    tally: &mut RunTally,
    wants: &SampleWants,
) -> ConvertedChunk {
    record_all(tally, firsts.iter().map(First::outcome));
    let run = tally.dominant().is_some().then_some(&*tally);
    let options = &context.config.decode;
    let (converted, lines): (Vec<Converted>, Vec<Vec<u8>>) = context.pool.install(|| {
        firsts
            .into_par_iter()
            .map(|first| {
                let converted = match first {
                    First::Done(converted) => converted,
                    First::Weak(input, outcome, doc) => {
                        let outcome = match run {
                            Some(run) => convert_one(&doc, options, Some(run)),
                            None => outcome,
                        };
                        finish(input, outcome, Some(doc.bytes), context, wants)
                    }
                };
                let line = checkpoint_line(&converted);
                (converted, line)
            })
            .unzip()
    });
    ConvertedChunk {
        documents: converted,
        checkpoint: Some(UnsavedCheckpoint {
            index,
            digest,
            lines,
        }),
    }
}
