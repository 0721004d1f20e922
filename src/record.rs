//! The record (schema v2): one article, with the same fields in the same order as
//! `records.csv` columns and `records.jsonl` keys. See `shared/design/record-schema.md`.
//!
//! This module only holds data; it neither parses nor writes anything.

use serde::{Deserialize, Serialize};

use crate::reject::Reject;

/// The schema version written in every record.
pub const SCHEMA_VERSION: u32 = 2;

/// The field names of schema v2, in order. Sinks that write columns use this list.
/// Version 2 added `captured` and `duplicate_of` at the end.
pub const FIELDS: [&str; 24] = [
    "schema_version",
    "id",
    "source_path",
    "source_sha256",
    "source_format",
    "url",
    "encoding",
    "encoding_confidence",
    "repairs",
    "language",
    "title",
    "lead",
    "body",
    "captions",
    "author",
    "dateline",
    "published",
    "published_from",
    "header_date",
    "dateline_date",
    "word_count",
    "warnings",
    "captured",
    "duplicate_of",
];

/// One converted article. Field order is the schema's order: serde keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub schema_version: u32,
    pub id: String,
    pub source_path: String,
    pub source_sha256: String,
    pub source_format: SourceFormat,
    pub url: Option<String>,
    pub encoding: String,
    pub encoding_confidence: f64,
    pub repairs: Vec<String>,
    pub language: Option<String>,
    pub title: String,
    pub lead: Option<String>,
    pub body: String,
    pub captions: Vec<String>,
    pub author: Option<String>,
    pub dateline: Option<String>,
    pub published: Option<String>,
    pub published_from: Option<DateSource>,
    pub header_date: Option<String>,
    pub dateline_date: Option<String>,
    pub word_count: u64,
    pub warnings: Vec<String>,
    /// When the document was captured (a WARC record's `WARC-Date`), RFC 3339 UTC.
    pub captured: Option<String>,
    /// The id of the first record with the same article body, when this one repeats it.
    pub duplicate_of: Option<String>,
}

/// What a document was parsed as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    Text,
    Html,
}

/// Where `published` came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    Metadata,
    Byline,
    Dateline,
    Header,
    Url,
}

impl SourceFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Html => "html",
        }
    }
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Metadata => "metadata",
            DateSource::Byline => "byline",
            DateSource::Dateline => "dateline",
            DateSource::Header => "header",
            DateSource::Url => "url",
        }
    }
}

/// What became of one document: a record, or a reject row.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Article(Box<Article>),
    Reject(Reject),
}
