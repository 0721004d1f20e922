//! Sources: where documents come from. A source walks its container *sequentially*, in a
//! stable order, and yields each document's raw bytes with its origin, or a `Reject` when
//! the document cannot be read (too large, unreadable). Sources never decode or parse.
//!
//! Today there is one source, [`dir::DirSource`], for files and folders on disk.

pub mod dir;

use std::collections::BTreeMap;

use crate::reject::Reject;

/// One document's bytes and where they came from.
#[derive(Clone, Debug, Default)]
pub struct RawDoc {
    /// Path relative to the input root it was found under, `/`-separated.
    pub source_path: String,
    /// The bytes exactly as read.
    pub bytes: Vec<u8>,
    /// What the container says about the document (evidence, not truth).
    pub hints: Hints,
}

/// What a container knows about a document beyond its bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hints {
    /// The charset of an HTTP `Content-Type` header (WARC), lowercase.
    pub charset: Option<String>,
    /// The document's address (WARC `WARC-Target-URI`).
    pub url: Option<String>,
    /// When it was captured (WARC `WARC-Date`), RFC 3339.
    pub captured: Option<String>,
}

/// What a source yields for each document it finds.
pub type SourceItem = Result<RawDoc, Reject>;

/// Files a source saw but did not treat as documents, counted by why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Skipped {
    /// Hidden files (names starting with `.`).
    pub hidden: u64,
    /// Files whose extension is not a document format salvage reads, by extension.
    pub by_extension: BTreeMap<String, u64>,
    /// Directories not entered because they were already walked (a symlink loop).
    pub directory_loops: u64,
}

impl Skipped {
    /// Total files and folders skipped.
    pub fn total(&self) -> u64 {
        self.hidden + self.by_extension.values().sum::<u64>() + self.directory_loops
    }
}

/// The document formats this build reads, by file extension (lower case): text dumps,
/// saved web pages, and files without an extension (sniffed).
pub fn is_document_extension(extension: Option<&str>) -> bool {
    match extension {
        None => true,
        Some(ext) => matches!(
            ext.to_ascii_lowercase().as_str(),
            "txt" | "text" | "html" | "htm" | "shtml" | "xhtml"
        ),
    }
}
