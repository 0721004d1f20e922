//! Sources: where documents come from. A source reads its container *sequentially*, in a
//! stable order, and yields each document's raw bytes with where it was found and what the
//! container says about it, or a `Reject` when the document cannot be read. Sources never
//! decode or parse text.
//!
//! One file per container: [`dir`] (files and folders), [`zip`], [`tar`], [`gzip`] (`.gz`,
//! `.tgz`, gzip bytes behind any name), [`warc`] (WARC 1.0/1.1, plain or gzipped per record,
//! with [`http`] for response payloads) and [`split`] (text dumps holding many articles).
//! [`walker`] ties them together: it sniffs what a file or member is (magic bytes first,
//! then the name), opens archives inside archives down to `--max-depth`, and hands each
//! item to a callback. [`limits`] holds the caps that keep memory bounded: no document
//! above `--max-doc-size`, no stream inflating more than `--max-ratio` times its
//! compressed size. Nothing is ever extracted to disk.
//!
//! Refuses, as rejects that name the position (`a.zip!b/c.htm`, `crawl.warc.gz#1234`):
//! oversized and bomb members (`too_large`), damaged archives (`corrupt_archive`), cut-off
//! streams (`truncated`), links, devices and encrypted members (`unsupported_entry`),
//! archives nested too deep (`too_deep`) and member names with `../` or an absolute path
//! (`unsafe_path`). The rest of the archive and of the run goes on whenever the format lets
//! a reader find the next member.

pub mod dir;
pub mod gzip;
pub mod http;
pub mod limits;
pub mod split;
pub mod tar;
pub mod walker;
pub mod warc;
pub mod zip;

use std::collections::BTreeMap;
use std::path::Path;

use crate::record::Article;
use crate::reject::Reject;

/// One document's bytes and where they came from.
#[derive(Clone, Debug, Default)]
pub struct RawDoc {
    /// Path relative to the input root it was found under, `/`-separated; inside an
    /// archive `dumps/2009.zip!a/b.htm`, a WARC record `crawl.warc.gz#1234`.
    pub source_path: String,
    /// The bytes exactly as read (after taking off container compression).
    pub bytes: Vec<u8>,
    /// What the container says about the document (evidence, not truth).
    pub hints: Hints,
    /// Set when the document is one article of a multi-article dump.
    pub part: Option<Part>,
}

impl RawDoc {
    /// Writes into `article` what the container knows and the text did not say: the url
    /// (when the extractor found none), the capture date, and for one article of a dump
    /// the dump's hash with the article's `-N` id.
    pub fn fill_in(&self, article: &mut Article) {
        if article.url.is_none() {
            article.url = self.hints.url.clone();
        }
        article.captured = self.hints.captured.clone();
        if let Some(part) = &self.part {
            let prefix = part.file_sha256.get(..16).unwrap_or(&part.file_sha256);
            article.id = format!("{prefix}-{}", part.ordinal);
            article.source_sha256 = part.file_sha256.clone();
        }
    }
}

/// What a container knows about a document beyond its bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hints {
    /// The charset of an HTTP or WARC `Content-Type` header, lowercase.
    pub charset: Option<String>,
    /// The document's address (WARC `WARC-Target-URI`).
    pub url: Option<String>,
    /// When it was captured (WARC `WARC-Date`), RFC 3339.
    pub captured: Option<String>,
    /// The media type a WARC record declares (`text/html`, `text/plain`), lowercase.
    pub media_type: Option<String>,
}

/// Which article of a multi-article dump a document is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// 1-based position of the article in the dump.
    pub ordinal: usize,
    /// SHA-256 (lowercase hex) of the whole dump: the record's id and `source_sha256`.
    pub file_sha256: String,
}

/// What a source yields for each document it finds.
pub type SourceItem = Result<RawDoc, Reject>;

/// How sources read: the caps and the dump separator.
#[derive(Clone, Debug)]
pub struct SourceOptions {
    /// Largest document, in bytes (`--max-doc-size`).
    pub max_doc_size: u64,
    /// Largest inflated-to-compressed ratio a compressed stream may reach (`--max-ratio`).
    pub max_ratio: u64,
    /// How many archives deep members are read (`--max-depth`); 0 opens no archive.
    pub max_depth: u32,
    /// How text dumps are cut into articles; `None` reads each dump as one article.
    pub split: Option<split::Splitter>,
}

/// Files, members and records a source saw but did not treat as documents, by why.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Skipped {
    /// Hidden files and members (names starting with `.`).
    pub hidden: u64,
    /// Files whose extension is not a document format salvage reads, by extension.
    pub by_extension: BTreeMap<String, u64>,
    /// Directories not entered because they were already walked (a symlink loop).
    pub directory_loops: u64,
    /// WARC records that hold no article, by kind: the record type (`request`,
    /// `warcinfo`, ...), or `response:<status>` / `response:<media type>`.
    pub warc_records: BTreeMap<String, u64>,
}

impl Skipped {
    /// Total files, folders and records skipped.
    pub fn total(&self) -> u64 {
        self.hidden
            + self.by_extension.values().sum::<u64>()
            + self.directory_loops
            + self.warc_records.values().sum::<u64>()
    }

    /// Adds `more` to these counts.
    pub fn merge(&mut self, more: &Skipped) {
        self.hidden += more.hidden;
        self.directory_loops += more.directory_loops;
        for (key, count) in &more.by_extension {
            *self.by_extension.entry(key.clone()).or_default() += count;
        }
        for (key, count) in &more.warc_records {
            *self.warc_records.entry(key.clone()).or_default() += count;
        }
    }
}

/// Walks one input root (a folder or a file), calling `emit` with every document and
/// reject in order. `emit` returns `false` to stop the walk early. Returns what was skipped.
pub fn walk(
    root: &Path,
    options: &SourceOptions,
    emit: &mut dyn FnMut(SourceItem) -> bool,
) -> Skipped {
    let mut walker = walker::Walker::new(options, emit);
    dir::walk(root, &mut walker);
    walker.into_skipped()
}

/// Like [`walk`], but asks `select` before reading each file on disk (and before
/// reporting a folder that cannot be listed): a file it refuses is neither read nor
/// counted. Sharding and incremental runs choose their files this way.
pub fn walk_selected<'a>(
    root: &Path,
    options: &'a SourceOptions,
    select: &'a mut Select<'a>,
    emit: &'a mut dyn FnMut(SourceItem) -> bool,
) -> Skipped {
    let mut walker = walker::Walker::new(options, emit).with_select(select);
    dir::walk(root, &mut walker);
    walker.into_skipped()
}

/// A file on disk (or a folder that cannot be listed) the walk is about to read.
#[derive(Clone, Copy, Debug)]
pub struct FileCandidate<'a> {
    /// Where it is.
    pub path: &'a Path,
    /// Its path relative to the input root, `/`-separated, as in `source_path`.
    pub source_path: &'a str,
}

/// A caller's choice of the files a walk reads: `true` reads the file.
pub type Select<'a> = dyn FnMut(&FileCandidate) -> bool + 'a;

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

/// The container formats this build opens, by file extension (lower case).
pub fn is_container_extension(extension: Option<&str>) -> bool {
    extension.is_some_and(|ext| {
        matches!(
            ext.to_ascii_lowercase().as_str(),
            "zip" | "tar" | "tgz" | "gz" | "warc"
        )
    })
}

/// Whether a document named `name` is a plain-text dump (which may hold several
/// articles), rather than a web page.
pub fn is_text_dump_name(name: &str) -> bool {
    match extension(name) {
        None => true,
        Some(ext) => matches!(ext.as_str(), "txt" | "text"),
    }
}

/// The part of a `source_path` that names a file on disk: `dumps/2009.zip!a/b.htm` →
/// `dumps/2009.zip`, `crawl.warc.gz#1234` → `crawl.warc.gz`. A `!` or `#` counts only
/// after an archive's name, so `Tin #1/a.txt` stays whole.
pub fn on_disk_path(source_path: &str) -> &str {
    for (at, c) in source_path.char_indices() {
        if (c == '!' || c == '#')
            && is_container_extension(extension(&source_path[..at]).as_deref())
        {
            return &source_path[..at];
        }
    }
    source_path
}

/// The lower-case extension of the last component of `name`, if any.
pub fn extension(name: &str) -> Option<String> {
    let last = name.rsplit('/').next().unwrap_or(name);
    let (stem, ext) = last.rsplit_once('.')?;
    (!stem.is_empty()).then(|| ext.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::on_disk_path;

    #[test]
    fn the_file_on_disk_of_a_source_path() {
        assert_eq!(on_disk_path("dumps/2009.zip!a/b.htm"), "dumps/2009.zip");
        assert_eq!(on_disk_path("a.zip!b.tar.gz!c.txt"), "a.zip");
        assert_eq!(on_disk_path("crawl.warc.gz#1234"), "crawl.warc.gz");
        assert_eq!(on_disk_path("Tin #1/a!b.txt"), "Tin #1/a!b.txt");
    }
}
