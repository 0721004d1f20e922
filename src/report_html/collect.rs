//! What the report page needs from the records and rejects, gathered as they stream past
//! in bounded memory: field coverage, records per month of `published`, the most frequent
//! authors and dateline codes ([`TopCounter`]), one repaired document per kind of repair
//! shown before and after, and the first [`MAX_REJECT_ROWS`] rejects.
//!
//! Samples are chosen without randomness: for each kind, the first [`MAX_ATTEMPTS`]
//! documents are tried, then (once one showed a visible change) only a document whose id
//! (a hash of its bytes) is lower than every id tried; of those that show a change, the
//! lowest id is kept. The same input gives the same samples for any `--jobs`, and only a
//! handful of documents are ever decoded again.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};

use super::counter::TopCounter;
use super::sample::{BeforeAfter, Original, before_after};
use crate::decode::DecodeOptions;
use crate::record::{Article, SourceFormat};
use crate::reject::Reject;

/// Rejects listed in the report at most.
pub const MAX_REJECT_ROWS: usize = 1000;
/// Characters of a reject's path or message kept.
const MAX_CELL_CHARS: usize = 500;

/// Records with each field present.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    pub title: u64,
    pub author: u64,
    pub date: u64,
    pub lead: u64,
    pub captions: u64,
}

/// One repaired document shown before and after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sample {
    pub id: String,
    pub source_path: String,
    /// Every kind of repair the document had.
    pub kinds: Vec<String>,
    pub shown: BeforeAfter,
}

/// Documents tried for a kind of repair whatever their id.
const MAX_ATTEMPTS: u32 = 16;

/// Which documents of one kind were tried.
#[derive(Clone, Debug, Default)]
struct Tried {
    attempts: u32,
    lowest: Option<String>,
    found: bool,
}

impl Tried {
    /// Whether the document with `id` is tried: any of the first attempts, then only one
    /// with an id lower than every id tried, once a sample was found.
    fn tries(&self, id: &str) -> bool {
        self.attempts < MAX_ATTEMPTS
            || self.found && self.lowest.as_deref().is_some_and(|low| id < low)
    }
}

#[derive(Clone, Debug, Default)]
struct SampleSlot {
    tried: Tried,
    sample: Option<Sample>,
}

/// The report's aggregates.
#[derive(Clone, Debug, Default)]
pub struct Aggregates {
    pub formats: BTreeMap<&'static str, u64>,
    pub coverage: Coverage,
    /// Records per `YYYY-MM` of `published`.
    pub months: BTreeMap<String, u64>,
    pub undated: u64,
    pub authors: TopCounter,
    pub datelines: TopCounter,
    samples: BTreeMap<String, SampleSlot>,
    /// The first rejects, cut to size.
    pub rejects: Vec<Reject>,
}

/// The kinds of repair a record shows: decoding from a legacy encoding
/// (`encoding:tcvn3`), and each repair but `line-join` (layout, not text).
pub fn sample_kinds(article: &Article) -> Vec<String> {
    let mut kinds = Vec::new();
    if !matches!(article.encoding.as_str(), "utf-8" | "utf-16le" | "utf-16be") {
        kinds.push(format!("encoding:{}", article.encoding));
    }
    kinds.extend(
        article
            .repairs
            .iter()
            .filter(|r| r.as_str() != "line-join")
            .cloned(),
    );
    kinds
}

/// What the samples still look for, as of the end of the last chunk: worker threads ask it
/// whether to keep a record's raw bytes, so only a few documents' bytes travel on.
#[derive(Clone, Debug, Default)]
pub struct SampleWants {
    tried: BTreeMap<String, Tried>,
}

impl SampleWants {
    /// Whether `article` could be tried as a sample for one of its kinds. Attempts only
    /// grow and the lowest id only falls, so a record the report will try is never one a
    /// worker dropped the bytes of.
    pub fn wants(&self, article: &Article) -> bool {
        sample_kinds(article)
            .iter()
            .any(|kind| self.tried.get(kind).is_none_or(|t| t.tries(&article.id)))
    }
}

impl Aggregates {
    /// Counts one record; `original` is its raw bytes when it had repairs.
    pub fn add_article(
        &mut self,
        article: &Article,
        original: Option<Original<'_>>,
        options: &DecodeOptions,
    ) {
        let format = match article.source_format {
            SourceFormat::Text => "text",
            SourceFormat::Html => "html",
        };
        *self.formats.entry(format).or_default() += 1;
        let coverage = &mut self.coverage;
        coverage.title += u64::from(!article.title.trim().is_empty());
        coverage.author += u64::from(article.author.is_some());
        coverage.date += u64::from(article.published.is_some());
        coverage.lead += u64::from(article.lead.is_some());
        coverage.captions += u64::from(!article.captions.is_empty());
        match article.published.as_deref().and_then(|d| d.get(..7)) {
            Some(month) => *self.months.entry(month.to_string()).or_default() += 1,
            None => self.undated += 1,
        }
        if let Some(author) = &article.author {
            self.authors.add(author);
        }
        if let Some(code) = &article.dateline {
            self.datelines.add(code);
        }
        if let Some(original) = original {
            self.try_sample(article, original, options);
        }
    }

    fn try_sample(&mut self, article: &Article, original: Original<'_>, options: &DecodeOptions) {
        let kinds = sample_kinds(article);
        let mut shown: Option<Option<BeforeAfter>> = None;
        for kind in &kinds {
            let slot = self.samples.entry(kind.clone()).or_default();
            if !slot.tried.tries(&article.id) {
                continue;
            }
            let tried = &mut slot.tried;
            tried.attempts = tried.attempts.saturating_add(1);
            if tried.lowest.as_ref().is_none_or(|low| article.id < *low) {
                tried.lowest = Some(article.id.clone());
            }
            let is_html = article.source_format == SourceFormat::Html;
            // Decoding again runs the same code as the conversion, which survived this
            // document; should it fail anyway, the document is simply not shown.
            let found = shown.get_or_insert_with(|| {
                let again = AssertUnwindSafe(|| before_after(original, is_html, options));
                panic::catch_unwind(again).ok().flatten()
            });
            let lower = slot.sample.as_ref().is_none_or(|s| article.id < s.id);
            if let (Some(found), true) = (found, lower) {
                slot.tried.found = true;
                slot.sample = Some(Sample {
                    id: article.id.clone(),
                    source_path: article.source_path.clone(),
                    kinds: kinds.clone(),
                    shown: found.clone(),
                });
            }
        }
    }

    /// Which documents each kind of repair has tried: a record is worth its raw bytes
    /// only when one of its kinds would try it (see [`SampleWants::wants`]).
    pub fn sample_wants(&self) -> SampleWants {
        SampleWants {
            tried: self
                .samples
                .iter()
                .map(|(kind, slot)| (kind.clone(), slot.tried.clone()))
                .collect(),
        }
    }

    /// Keeps the first rejects.
    pub fn add_reject(&mut self, reject: &Reject) {
        if self.rejects.len() < MAX_REJECT_ROWS {
            let mut row = reject.clone();
            row.source_path = cut(&row.source_path);
            row.message = cut(&row.message);
            self.rejects.push(row);
        }
    }

    /// One sample per document, in order of the kinds they were chosen for.
    pub fn samples(&self) -> Vec<&Sample> {
        let mut out: Vec<&Sample> = Vec::new();
        for sample in self.samples.values().filter_map(|s| s.sample.as_ref()) {
            if !out.iter().any(|s| s.id == sample.id) {
                out.push(sample);
            }
        }
        out
    }
}

fn cut(text: &str) -> String {
    match text.char_indices().nth(MAX_CELL_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::process;
    use crate::record::Outcome;
    use crate::sources::RawDoc;

    fn record(i: usize) -> (Article, Vec<u8>) {
        let bytes = format!("Tin số {i}\n\nThân\u{a0}bài của tin số {i}.\n").into_bytes();
        let doc = RawDoc {
            source_path: format!("{i}.txt"),
            bytes: bytes.clone(),
            ..RawDoc::default()
        };
        match process(&doc) {
            Outcome::Article(article) => (*article, bytes),
            Outcome::Reject(reject) => panic!("{reject:?}"),
        }
    }

    /// The bytes workers keep (asked at each chunk's start) are enough: the sample is the
    /// one chosen when every record's bytes are given, whatever the chunk size.
    #[test]
    fn samples_need_only_the_bytes_workers_keep() {
        let records: Vec<(Article, Vec<u8>)> = (0..200).map(record).collect();
        let options = DecodeOptions::default();
        let mut all = Aggregates::default();
        for (article, bytes) in &records {
            all.add_article(article, Some(Original::bytes(bytes)), &options);
        }
        let chosen = all.samples()[0].id.clone();
        assert_eq!(
            chosen,
            records.iter().map(|(a, _)| &a.id).min().cloned().unwrap()
        );
        for chunk in [1, 7, 64] {
            let mut kept = Aggregates::default();
            let mut decoded = 0;
            for part in records.chunks(chunk) {
                let wants = kept.sample_wants();
                for (article, bytes) in part {
                    let original = wants.wants(article).then_some(bytes.as_slice());
                    decoded += usize::from(original.is_some());
                    kept.add_article(article, original.map(Original::bytes), &options);
                }
            }
            assert_eq!(kept.samples()[0].id, chosen, "chunks of {chunk}");
            assert!(
                decoded < 120,
                "{decoded} records kept their bytes (chunks of {chunk})"
            );
        }
    }
}
