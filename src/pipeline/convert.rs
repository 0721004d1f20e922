//! Converting one chunk of documents on the worker threads: from its checkpoint when an
//! earlier attempt of the same run saved one, else by `process_with` on each document
//! (rayon keeps input order), with the checkpoint lines that the delivering thread saves
//! before it delivers the chunk (so the next chunk converts meanwhile).
//! Each outcome leaves with its duplicate keys and, when some sink may want them, the
//! document's raw bytes; the others' bytes are dropped here.
//!
//! Encodings are decided per document, then checked per run: the text dumps read with
//! confidence are tallied in input order ([`RunTally`]), and once the run has a dominant
//! legacy encoding, the chunk's weak guesses (a legacy encoding chosen with little
//! confidence, or pure ASCII that may be VIQR) are converted again against it. The tally
//! depends on the chunks (`--chunk-size`), never on `--jobs`, and is rebuilt from the
//! records of chunks taken from checkpoints, so a resumed run decides the same.

use std::sync::Mutex;

use anyhow::Result;
use rayon::prelude::*;

use super::checkpoint::{self, Checkpoints};
use crate::config::Config;
use crate::decode::run_check::{self, RunTally};
use crate::dedup::Keys;
use crate::process::process_keeping_text;
use crate::record::Outcome;
use crate::record::{Article, SourceFormat};
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

/// Converts chunk number `index`.
pub fn convert_chunk(
    chunk: Vec<(usize, SourceItem)>,
    index: u64,
    context: &ChunkContext<'_>,
    tally: &mut RunTally,
) -> ConvertedChunk {
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
    let options = &context.config.decode;
    let convert_one = |doc: &crate::sources::RawDoc, run: Option<&RunTally>| {
        let (mut outcome, text) = process_keeping_text(doc, options, run);
        if let Outcome::Article(article) = &mut outcome {
            doc.fill_in(article);
        }
        (outcome, text)
    };
    // One parallel pass converts each document and, unless the run may still convert it
    // again (a weak guess, see below), finishes it too: a barrier per chunk fewer.
    let firsts: Vec<First> = context.pool.install(|| {
        chunk
            .into_par_iter()
            .map(|(input, item)| match item {
                Ok(doc) => {
                    let outcome = convert_one(&doc, None);
                    if is_weak(&outcome.0) {
                        First::Weak(input, outcome, doc)
                    } else {
                        First::Done(finish(input, outcome, Some(doc.bytes), context, &wants))
                    }
                }
                Err(reject) => First::Done(finish(
                    input,
                    (Outcome::Reject(reject), None),
                    None,
                    context,
                    &wants,
                )),
            })
            .collect()
    });
    record_all(tally, firsts.iter().map(First::outcome));
    let run = tally.dominant().is_some().then_some(&*tally);
    let (converted, lines): (Vec<Converted>, Vec<Vec<u8>>) = context.pool.install(|| {
        firsts
            .into_par_iter()
            .map(|first| {
                let converted = match first {
                    First::Done(converted) => converted,
                    First::Weak(input, outcome, doc) => {
                        let outcome = match run {
                            Some(run) => convert_one(&doc, Some(run)),
                            None => outcome,
                        };
                        finish(input, outcome, Some(doc.bytes), context, &wants)
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

/// A document's outcome, with its decoded text when it is a text dump.
type WithText = (Outcome, Option<String>);

/// A document after the first pass: finished, or a weak guess kept with its source until
/// the run's tally is known.
enum First {
    Done(Converted),
    Weak(usize, WithText, crate::sources::RawDoc),
}

impl First {
    fn outcome(&self) -> &Outcome {
        match self {
            First::Done(converted) => &converted.outcome,
            First::Weak(_, (outcome, _), _) => outcome,
        }
    }
}

/// The checkpoint line of a converted document, `serde_json::to_vec` of its outcome:
/// for a record, the rendered JSON line inside `{"article":…}` (the same bytes; rendering
/// a record twice was a visible share of converting text dumps).
fn checkpoint_line(converted: &Converted) -> Vec<u8> {
    match (&converted.outcome, &converted.rendered.json_line) {
        (Outcome::Article(_), Some(json_line)) => {
            let record = json_line.strip_suffix(b"\n").unwrap_or(json_line);
            let mut line = Vec::with_capacity(record.len() + 12);
            line.extend_from_slice(b"{\"article\":");
            line.extend_from_slice(record);
            line.push(b'}');
            line
        }
        // An outcome always serialises (plain data); an empty line would only make the
        // checkpoint unusable, never the output wrong.
        (outcome, _) => serde_json::to_vec(outcome).unwrap_or_default(),
    }
}

/// What a record tells the run's tally: a text dump's encoding, its confidence and
/// whether its text is pure ASCII. Records decoded with the run's encoding tell nothing
/// (they followed the tally), so fresh and resumed runs tally the same.
fn evidence(outcome: &Outcome) -> Option<(&Article, bool)> {
    let Outcome::Article(article) = outcome else {
        return None;
    };
    let from_run = article.warnings.iter().any(|w| w == "encoding-from-run");
    if article.source_format != SourceFormat::Text || from_run {
        return None;
    }
    let texts = [
        Some(article.title.as_str()),
        article.lead.as_deref(),
        Some(article.body.as_str()),
        article.author.as_deref(),
        article.dateline.as_deref(),
    ];
    let ascii = texts.into_iter().flatten().all(str::is_ascii);
    Some((article, ascii))
}

/// Tallies a chunk's records, in input order.
fn record_all<'a>(tally: &mut RunTally, outcomes: impl IntoIterator<Item = &'a Outcome>) {
    for (article, ascii) in outcomes.into_iter().filter_map(evidence) {
        tally.record_evidence(&article.encoding, article.encoding_confidence, ascii);
    }
}

/// Whether the run may overrule this record's encoding.
fn is_weak(outcome: &Outcome) -> bool {
    evidence(outcome).is_some_and(|(article, ascii)| {
        run_check::is_weak_evidence(&article.encoding, article.encoding_confidence, ascii)
    })
}

/// Adds the keys and the rendered lines, and keeps the raw bytes only when wanted.
fn finish(
    input: usize,
    (outcome, decoded_text): WithText,
    bytes: Option<Vec<u8>>,
    context: &ChunkContext<'_>,
    wants: &SampleWants,
) -> Converted {
    let (keys, wanted, rendered) = match &outcome {
        Outcome::Article(article) => (
            Some(Keys::of(article)),
            wants.wants(article),
            Rendered::of(article, context.config),
        ),
        Outcome::Reject(_) => (None, false, Rendered::default()),
    };
    Converted {
        input,
        outcome,
        keys,
        original: bytes.filter(|_| wanted || context.keep_originals),
        decoded_text: decoded_text.filter(|_| wanted),
        rendered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::DecodeOptions;
    use crate::process::process_with;
    use crate::sources::RawDoc;

    #[test]
    fn checkpoint_line_is_the_outcome_serialised() {
        let doc = RawDoc {
            source_path: "a.txt".to_string(),
            bytes: "Tiêu đề bài báo\n\nHà Nội - Nội dung \"bài\" viết.\n".into(),
            hints: Default::default(),
            part: None,
        };
        let outcome = process_with(&doc, &DecodeOptions::default());
        let Outcome::Article(article) = &outcome else {
            panic!("no record: {outcome:?}");
        };
        let mut json_line = serde_json::to_vec(article).unwrap();
        json_line.push(b'\n');
        let rendered = Rendered {
            json_line: Some(json_line),
            csv_row: None,
        };
        let expected = serde_json::to_vec(&outcome).unwrap();
        let converted = Converted {
            input: 0,
            outcome,
            keys: None,
            original: None,
            decoded_text: None,
            rendered,
        };
        assert_eq!(
            String::from_utf8(checkpoint_line(&converted)).unwrap(),
            String::from_utf8(expected).unwrap()
        );
    }
}
