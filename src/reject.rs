//! Per-document failures as data: a `Reject` names the document, the stage that gave up,
//! a stable snake_case reason code and a sentence a person understands.
//!
//! Reason codes are part of the output contract (`rejects.jsonl`, `report.json`): add new
//! ones, never rename old ones. Run-level failures are not rejects; they are `anyhow` errors.

use serde::{Deserialize, Serialize};

/// The pipeline stage that refused the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Read,
    Decode,
    Extract,
}

/// Stable reason codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The file could not be read (permissions, vanished, not a regular file).
    Unreadable,
    /// Larger than `--max-doc-size`, or inflating more than `--max-ratio` times its
    /// compressed size (a decompression bomb).
    TooLarge,
    /// An archive whose structure is damaged (a zip's central directory, a corrupt deflate
    /// stream, a tar header checksum, a WARC record without a length).
    CorruptArchive,
    /// A compressed stream, archive or WARC record that ends before its declared end.
    Truncated,
    /// An archive member that is not a regular file (a symlink, hard link, device, FIFO),
    /// is encrypted, or uses a compression method salvage does not read.
    UnsupportedEntry,
    /// An archive nested deeper than `--max-depth`.
    TooDeep,
    /// A member name that climbs out of its archive (`../`) or is absolute.
    UnsafePath,
    /// Zero bytes, or only whitespace after decoding.
    Empty,
    /// Binary data (an image, an archive, random bytes), not text.
    NotText,
    /// No headline could be found where the layout puts one.
    NoTitle,
    /// A title but no article text after it.
    EmptyBody,
    /// A web page that holds no article (a home page, a category listing, an empty page).
    NotArticle,
    /// A bug in salvage: processing panicked. The run went on without this document.
    InternalError,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Unreadable => "unreadable",
            Reason::TooLarge => "too_large",
            Reason::CorruptArchive => "corrupt_archive",
            Reason::Truncated => "truncated",
            Reason::UnsupportedEntry => "unsupported_entry",
            Reason::TooDeep => "too_deep",
            Reason::UnsafePath => "unsafe_path",
            Reason::Empty => "empty",
            Reason::NotText => "not_text",
            Reason::NoTitle => "no_title",
            Reason::EmptyBody => "empty_body",
            Reason::NotArticle => "not_article",
            Reason::InternalError => "internal_error",
        }
    }
}

/// One row of `rejects.jsonl`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reject {
    pub source_path: String,
    pub stage: Stage,
    pub reason: Reason,
    pub message: String,
}

impl Reject {
    pub fn new(
        source_path: &str,
        stage: Stage,
        reason: Reason,
        message: impl Into<String>,
    ) -> Self {
        Reject {
            source_path: source_path.to_string(),
            stage,
            reason,
            message: message.into(),
        }
    }
}
