//! The walker: one sequential reader for everything under an input root. It sniffs what a
//! file or archive member is (magic bytes first, then the name), opens archives inside
//! archives down to `--max-depth`, reads documents within `--max-doc-size`, cuts text
//! dumps into articles, and hands every document or reject to the caller's callback in
//! a stable order. What it skips (hidden names, other extensions, WARC records that hold
//! no article) is counted.
//!
//! Depth: a file on disk is at depth 0; an archive found at depth `d` is opened at level
//! `d + 1`, and only when that is at most `--max-depth`; otherwise it is rejected as
//! `too_deep`. A gzip layer that holds a tar or a WARC is one level with it (a `.tar.gz`
//! is one archive); a gzip layer around a document, a zip or another gzip is a level.
//!
//! Refuses member names that climb out of their archive (`unsafe_path`); it never writes
//! anything anywhere.

use std::io::{self, Cursor, Read};

use super::limits::{self, CapError};
use super::{FileCandidate, Hints, Part, RawDoc, Select, Skipped, SourceItem, SourceOptions};
use crate::reject::{Reason, Reject, Stage};

/// How many bytes are looked at to tell what a stream is (tar's magic sits at 257).
pub const HEAD: usize = 512;

/// What a file or member holds, as far as the walker cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Zip,
    Tar,
    Gzip,
    Warc,
    Document,
}

/// Tells what `head` (the first bytes) of a stream named `name` is: magic bytes win,
/// then the name's extension (an old tar has no magic; a damaged zip may have none).
pub fn sniff(head: &[u8], name: &str) -> Kind {
    if head.starts_with(&[0x1f, 0x8b, 0x08]) {
        return Kind::Gzip;
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Kind::Zip;
    }
    if head.starts_with(b"WARC/") {
        return Kind::Warc;
    }
    if head.get(257..262) == Some(b"ustar") {
        return Kind::Tar;
    }
    match super::extension(name).as_deref() {
        Some("zip") => Kind::Zip,
        Some("tar") => Kind::Tar,
        Some("gz" | "tgz") => Kind::Gzip,
        Some("warc") => Kind::Warc,
        _ => Kind::Document,
    }
}

/// The state of one walk: options, the callback, the skip counts.
pub struct Walker<'a> {
    pub options: &'a SourceOptions,
    emit: &'a mut dyn FnMut(SourceItem) -> bool,
    /// Decides, before a file on disk is read, whether it is read at all.
    select: Option<&'a mut Select<'a>>,
    pub skipped: Skipped,
    stopped: bool,
}

impl<'a> Walker<'a> {
    pub fn new(options: &'a SourceOptions, emit: &'a mut dyn FnMut(SourceItem) -> bool) -> Self {
        Walker {
            options,
            emit,
            select: None,
            skipped: Skipped::default(),
            stopped: false,
        }
    }

    /// A walker that asks `select` before reading each file on disk.
    pub fn with_select(mut self, select: &'a mut Select<'a>) -> Self {
        self.select = Some(select);
        self
    }

    /// Whether the file (or unreadable folder) at `path` is read, as the caller's
    /// selection says; everything is read when there is none.
    pub fn selects(&mut self, path: &std::path::Path, source_path: &str) -> bool {
        match self.select.as_mut() {
            Some(select) => select(&FileCandidate { path, source_path }),
            None => true,
        }
    }

    pub fn into_skipped(self) -> Skipped {
        self.skipped
    }

    /// Whether the caller asked to stop (it returned `false`): readers stop looping.
    pub fn stopped(&self) -> bool {
        self.stopped
    }

    fn emit(&mut self, item: SourceItem) {
        if !self.stopped && !(self.emit)(item) {
            self.stopped = true;
        }
    }

    /// Emits a reject at `path` (stage `read`).
    pub fn reject(&mut self, path: &str, reason: Reason, message: impl Into<String>) {
        self.emit(Err(Reject::new(path, Stage::Read, reason, message)));
    }

    /// Emits the reject for an I/O error met while reading `path`.
    pub fn reject_io(&mut self, path: &str, err: &io::Error) {
        let (reason, message) = limits::classify(err, "the data");
        self.reject(path, reason, message);
    }

    /// Whether a file or member named `name` is read at all; counts what is skipped.
    pub fn wanted(&mut self, name: &str) -> bool {
        let last = name.rsplit('/').next().unwrap_or(name);
        if last.starts_with('.') {
            self.skipped.hidden += 1;
            return false;
        }
        let extension = super::extension(last);
        if super::is_document_extension(extension.as_deref())
            || super::is_container_extension(extension.as_deref())
        {
            return true;
        }
        *self
            .skipped
            .by_extension
            .entry(extension.unwrap_or_default())
            .or_insert(0) += 1;
        false
    }

    /// Counts a WARC record that holds no article.
    pub fn skip_record(&mut self, kind: String) {
        *self.skipped.warc_records.entry(kind).or_insert(0) += 1;
    }

    /// Emits a document; a text dump is cut into its articles first.
    pub fn document(&mut self, path: &str, name: &str, bytes: Vec<u8>, hints: Hints) {
        let parts = match &self.options.split {
            Some(splitter) if super::is_text_dump_name(name) => splitter.split(&bytes),
            _ => Vec::new(),
        };
        if parts.len() < 2 {
            return self.whole_document(path, bytes, hints);
        }
        let file_sha256 = crate::process::sha256_hex(&bytes);
        let docs: Vec<RawDoc> = parts
            .iter()
            .enumerate()
            .map(|(i, range)| RawDoc {
                source_path: path.to_string(),
                bytes: bytes[range.clone()].to_vec(),
                hints: hints.clone(),
                part: Some(Part {
                    ordinal: i + 1,
                    file_sha256: file_sha256.clone(),
                }),
            })
            .collect();
        drop(bytes);
        for doc in docs {
            self.emit(Ok(doc));
        }
    }

    /// Emits a document as it is, never cut into articles (a WARC record).
    pub fn whole_document(&mut self, path: &str, bytes: Vec<u8>, hints: Hints) {
        self.emit(Ok(RawDoc {
            source_path: path.to_string(),
            bytes,
            hints,
            part: None,
        }));
    }

    /// Reads a stream (an archive member, a decompressed body) found at `depth`: sniffs
    /// it, then opens it as an archive or reads it as a document.
    pub fn stream(&mut self, path: &str, name: &str, reader: &mut dyn Read, depth: u32) {
        let mut head = vec![0u8; HEAD];
        match limits::read_full(reader, &mut head) {
            Ok(n) => head.truncate(n),
            Err(err) => return self.reject_io(path, &err),
        }
        self.open(path, name, head, reader, depth);
    }

    /// Like [`Walker::stream`] when the first bytes were already read into `head`.
    pub fn open(&mut self, path: &str, name: &str, head: Vec<u8>, rest: &mut dyn Read, depth: u32) {
        let kind = sniff(&head, name);
        let mut reader = Cursor::new(head).chain(rest);
        if kind == Kind::Document {
            match limits::read_capped(&mut reader, self.options.max_doc_size) {
                Ok(bytes) => self.document(path, name, bytes, Hints::default()),
                Err(CapError::TooLarge) => self.too_large(path),
                Err(CapError::Io(err)) => self.reject_io(path, &err),
            }
            return;
        }
        let Some(level) = self.enter(path, depth) else {
            return;
        };
        match kind {
            Kind::Zip => match limits::read_capped(&mut reader, self.options.max_doc_size) {
                // A zip needs random access to its central directory: it is held in memory.
                Ok(bytes) => super::zip::read(self, path, Cursor::new(bytes), level),
                Err(CapError::TooLarge) => self.reject(
                    path,
                    Reason::TooLarge,
                    format!(
                        "a zip inside an archive is held in memory to read its central directory, and this one is larger than the limit of {} bytes (--max-doc-size)",
                        self.options.max_doc_size
                    ),
                ),
                Err(CapError::Io(err)) => self.reject_io(path, &err),
            },
            Kind::Tar => super::tar::read(self, path, &mut reader, level, None),
            Kind::Gzip => super::gzip::read(self, path, name, &mut reader, level),
            Kind::Warc => super::warc::read(self, path, &mut reader, false),
            Kind::Document => {}
        }
    }

    /// The level an archive found at `depth` is opened at, or `None` (and a `too_deep`
    /// reject) when that is deeper than `--max-depth`.
    pub fn enter(&mut self, path: &str, depth: u32) -> Option<u32> {
        let level = depth + 1;
        if level <= self.options.max_depth {
            return Some(level);
        }
        self.reject(
            path,
            Reason::TooDeep,
            format!(
                "an archive nested {level} deep, deeper than the limit of {} (--max-depth); its members were not read",
                self.options.max_depth
            ),
        );
        None
    }

    /// Rejects `path` as larger than `--max-doc-size`.
    pub fn too_large(&mut self, path: &str) {
        self.reject(
            path,
            Reason::TooLarge,
            format!(
                "the document holds more than the limit of {} bytes (--max-doc-size)",
                self.options.max_doc_size
            ),
        );
    }

    /// The `source_path` of member `name` inside the archive at `archive`, or a reject
    /// when the name climbs out of the archive or is absolute.
    pub fn member_path(&mut self, archive: &str, name: &str) -> Option<String> {
        let name = name.replace('\\', "/");
        let unsafe_name = name.starts_with('/')
            || (name.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
                && name.as_bytes().get(1) == Some(&b':'))
            || name.split('/').any(|part| part == "..");
        let path = format!("{archive}!{}", name.trim_start_matches("./"));
        if unsafe_name {
            self.reject(
                &path,
                Reason::UnsafePath,
                "the member's name is absolute or climbs out of its archive with `..`; it was not read",
            );
            return None;
        }
        Some(path)
    }
}
