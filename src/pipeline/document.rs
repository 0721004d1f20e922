//! One document's share of a chunk's conversion, on a worker thread: the first pass
//! converts it and, unless the run's tally may still overrule its encoding (a weak guess),
//! finishes it at once: duplicate keys, lines rendered for the text sinks, raw bytes (and
//! a text dump's decoded text) kept only when a sink or the report page may want them, and
//! the checkpoint line. Also what a record tells the run's tally (see `convert.rs`).

use super::convert::{ChunkContext, Converted};
use crate::decode::DecodeOptions;
use crate::decode::run_check::{self, RunTally};
use crate::dedup::Keys;
use crate::process::process_keeping_text;
use crate::record::{Article, Outcome, SourceFormat};
use crate::report_html::collect::SampleWants;
use crate::sinks::Rendered;
use crate::sources::{RawDoc, SourceItem};

/// Converts one document of the chunk, and finishes it unless it is a weak guess.
pub(super) fn first_pass(
    input: usize,
    item: SourceItem,
    context: &ChunkContext<'_>,
    wants: &SampleWants,
) -> First {
    match item {
        Ok(doc) => {
            let outcome = convert_one(&doc, &context.config.decode, None);
            if is_weak(&outcome.0) {
                First::Weak(input, outcome, doc)
            } else {
                First::Done(finish(input, outcome, Some(doc.bytes), context, wants))
            }
        }
        Err(reject) => First::Done(finish(
            input,
            (Outcome::Reject(reject), None),
            None,
            context,
            wants,
        )),
    }
}

/// Converts `doc` (against the run's tally when given), with the source's details filled
/// in.
pub(super) fn convert_one(
    doc: &RawDoc,
    options: &DecodeOptions,
    run: Option<&RunTally>,
) -> WithText {
    let (mut outcome, text) = process_keeping_text(doc, options, run);
    if let Outcome::Article(article) = &mut outcome {
        doc.fill_in(article);
    }
    (outcome, text)
}

/// A document's outcome, with its decoded text when it is a text dump.
pub(super) type WithText = (Outcome, Option<String>);

/// A document after the first pass: finished, or a weak guess kept with its source until
/// the run's tally is known.
pub(super) enum First {
    Done(Converted),
    Weak(usize, WithText, RawDoc),
}

impl First {
    pub(super) fn outcome(&self) -> &Outcome {
        match self {
            First::Done(converted) => &converted.outcome,
            First::Weak(_, (outcome, _), _) => outcome,
        }
    }
}

/// The checkpoint line of a converted document, `serde_json::to_vec` of its outcome:
/// for a record, the rendered JSON line inside `{"article":…}` (the same bytes; rendering
/// a record twice was a visible share of converting text dumps).
pub(super) fn checkpoint_line(converted: &Converted) -> Vec<u8> {
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
pub(super) fn record_all<'a>(
    tally: &mut RunTally,
    outcomes: impl IntoIterator<Item = &'a Outcome>,
) {
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
pub(super) fn finish(
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
    use crate::process::process_with;

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
