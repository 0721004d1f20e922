//! Files and folders on disk. Folders are walked recursively, depth first, with the entries
//! of each folder in sorted order, which is the same as sorting the whole relative paths
//! component by component: the order never depends on the file system or on `--jobs`.
//!
//! Symlinks to files are read; symlinks to folders are followed once (a loop is skipped and
//! counted). Hidden files and files with extensions that are not documents are skipped and
//! counted. Refuses (as a reject) files larger than the size cap and files it cannot read.

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::{RawDoc, Skipped, SourceItem, is_document_extension};
use crate::reject::{Reason, Reject, Stage};

/// A depth-first walk of one input root (a folder or a single file).
pub struct DirSource {
    root: PathBuf,
    /// Entries still to visit; each folder's entries are pushed in reverse sorted order.
    stack: Vec<PathBuf>,
    visited_dirs: HashSet<PathBuf>,
    max_doc_size: u64,
    skipped: Skipped,
}

impl DirSource {
    /// Walks `root`. When `root` is a file, that file is the only document and its
    /// `source_path` is its file name.
    pub fn new(root: &Path, max_doc_size: u64) -> Self {
        let is_file = root.is_file();
        let (base, first) = if is_file {
            let parent = root.parent().map(Path::to_path_buf).unwrap_or_default();
            (parent, root.to_path_buf())
        } else {
            (root.to_path_buf(), root.to_path_buf())
        };
        DirSource {
            root: base,
            stack: vec![first],
            visited_dirs: HashSet::new(),
            max_doc_size,
            skipped: Skipped::default(),
        }
    }

    /// What was skipped so far (complete once the iterator is exhausted).
    pub fn skipped(&self) -> &Skipped {
        &self.skipped
    }

    fn source_path(&self, path: &Path) -> String {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        parts.join("/")
    }

    /// Pushes a folder's entries so that they pop in sorted order.
    fn enter_dir(&mut self, dir: &Path) -> Result<(), Reject> {
        let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !self.visited_dirs.insert(canonical) {
            self.skipped.directory_loops += 1;
            return Ok(());
        }
        let unreadable = |err: std::io::Error| {
            Reject::new(
                &self.source_path(dir),
                Stage::Read,
                Reason::Unreadable,
                format!("the folder could not be listed: {err}"),
            )
        };
        let mut entries = Vec::new();
        for entry in fs::read_dir(dir).map_err(unreadable)? {
            entries.push(entry.map_err(unreadable)?.path());
        }
        entries.sort();
        self.stack.extend(entries.into_iter().rev());
        Ok(())
    }

    fn read_file(&self, path: &Path, source_path: String) -> SourceItem {
        let reject =
            |reason, message: String| Reject::new(&source_path, Stage::Read, reason, message);
        let file = fs::File::open(path).map_err(|err| {
            reject(
                Reason::Unreadable,
                format!("the file could not be opened: {err}"),
            )
        })?;
        let size = file
            .metadata()
            .map_err(|err| {
                reject(
                    Reason::Unreadable,
                    format!("the file could not be examined: {err}"),
                )
            })?
            .len();
        if size > self.max_doc_size {
            return Err(reject(
                Reason::TooLarge,
                format!(
                    "the file holds {size} bytes, more than the limit of {} bytes",
                    self.max_doc_size
                ),
            ));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        // Read one byte past the cap so a file that grew since `metadata` is still caught.
        file.take(self.max_doc_size + 1)
            .read_to_end(&mut bytes)
            .map_err(|err| {
                reject(
                    Reason::Unreadable,
                    format!("the file could not be read: {err}"),
                )
            })?;
        if bytes.len() as u64 > self.max_doc_size {
            return Err(reject(
                Reason::TooLarge,
                format!(
                    "the file grew past the limit of {} bytes while being read",
                    self.max_doc_size
                ),
            ));
        }
        Ok(RawDoc {
            source_path,
            bytes,
            hints: Default::default(),
        })
    }
}

impl Iterator for DirSource {
    type Item = SourceItem;

    fn next(&mut self) -> Option<SourceItem> {
        while let Some(path) = self.stack.pop() {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let is_root = self.stack.is_empty() && self.visited_dirs.is_empty();
            if path.is_dir() {
                if let Err(reject) = self.enter_dir(&path) {
                    return Some(Err(reject));
                }
                continue;
            }
            // A file named on the command line is always read, whatever its name.
            if !is_root && name.as_deref().is_some_and(|n| n.starts_with('.')) {
                self.skipped.hidden += 1;
                continue;
            }
            let extension = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase());
            if !is_root && !is_document_extension(extension.as_deref()) {
                let key = extension.unwrap_or_default();
                *self.skipped.by_extension.entry(key).or_insert(0) += 1;
                continue;
            }
            let source_path = self.source_path(&path);
            return Some(self.read_file(&path, source_path));
        }
        None
    }
}
