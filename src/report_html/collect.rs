//! What the report page needs from the records and rejects, gathered as they stream past
//! in bounded memory: field coverage, records per month of `published`, the most frequent
//! authors and dateline codes ([`TopCounter`]), one repaired document per kind of repair
//! shown before and after, and the first [`MAX_REJECT_ROWS`] rejects.
//!
//! Samples are chosen without randomness: for each kind, a document is tried when its id
//! (a hash of its bytes) is lower than every id tried before for that kind, and kept when
//! it shows a visible change. The same input gives the same samples for any `--jobs`, and
//! only a handful of documents are ever decoded again.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};

use super::counter::TopCounter;
use super::sample::{BeforeAfter, before_after};
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

#[derive(Clone, Debug, Default)]
struct SampleSlot {
    lowest_tried: Option<String>,
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
    lowest: BTreeMap<String, String>,
}

impl SampleWants {
    /// Whether `article` could become a sample: one of its kinds has no lower id tried.
    pub fn wants(&self, article: &Article) -> bool {
        sample_kinds(article)
            .iter()
            .any(|kind| self.lowest.get(kind).is_none_or(|id| article.id < *id))
    }
}

/// `decoded from tcvn3; repairs: nbsp, nfc`.
pub fn sample_kinds_label(kinds: &[String]) -> String {
    let encodings: Vec<&str> = kinds
        .iter()
        .filter_map(|k| k.strip_prefix("encoding:"))
        .collect();
    let repairs: Vec<&str> = kinds
        .iter()
        .filter(|k| !k.starts_with("encoding:"))
        .map(String::as_str)
        .collect();
    let mut parts = Vec::new();
    if !encodings.is_empty() {
        parts.push(format!("decoded from {}", encodings.join(", ")));
    }
    if !repairs.is_empty() {
        parts.push(format!("repairs: {}", repairs.join(", ")));
    }
    parts.join("; ")
}

impl Aggregates {
    /// Counts one record; `original` is its raw bytes when it had repairs.
    pub fn add_article(
        &mut self,
        article: &Article,
        original: Option<&[u8]>,
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
        if let Some(bytes) = original {
            self.try_sample(article, bytes, options);
        }
    }

    fn try_sample(&mut self, article: &Article, bytes: &[u8], options: &DecodeOptions) {
        let kinds = sample_kinds(article);
        let mut shown: Option<Option<BeforeAfter>> = None;
        for kind in &kinds {
            let slot = self.samples.entry(kind.clone()).or_default();
            if slot
                .lowest_tried
                .as_ref()
                .is_some_and(|id| *id <= article.id)
            {
                continue;
            }
            slot.lowest_tried = Some(article.id.clone());
            let is_html = article.source_format == SourceFormat::Html;
            // Decoding again runs the same code as the conversion, which survived this
            // document; should it fail anyway, the document is simply not shown.
            let found = shown.get_or_insert_with(|| {
                let again = AssertUnwindSafe(|| before_after(bytes, is_html, options));
                panic::catch_unwind(again).ok().flatten()
            });
            if let Some(found) = found {
                slot.sample = Some(Sample {
                    id: article.id.clone(),
                    source_path: article.source_path.clone(),
                    kinds: kinds.clone(),
                    shown: found.clone(),
                });
            }
        }
    }

    /// For each kind of repair, the lowest id tried so far: a record is worth its raw
    /// bytes only when its id is lower for one of its kinds (see [`SampleWants::wants`]).
    pub fn sample_wants(&self) -> SampleWants {
        SampleWants {
            lowest: self
                .samples
                .iter()
                .filter_map(|(kind, slot)| Some((kind.clone(), slot.lowest_tried.clone()?)))
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
