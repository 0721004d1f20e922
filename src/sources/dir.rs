//! Files and folders on disk. Folders are walked recursively, depth first, with the entries
//! of each folder in sorted order, which is the same as sorting the whole relative paths
//! component by component: the order never depends on the file system or on `--jobs`.
//!
//! Symlinks to files are read; symlinks to folders are followed once (a loop is skipped and
//! counted). Hidden files and files with extensions that are neither documents nor
//! archives are skipped and counted. Each file is sniffed by its first bytes: archives and
//! compressed files go to their readers (a zip is read in place, with random access),
//! everything else is a document. Refuses (as a reject) documents larger than the size
//! cap, files it cannot read (including one that vanished since its folder was listed)
//! and files that are not regular files (named pipes, sockets, devices). A panic while
//! reading one file (a bug) becomes an `internal_error` reject for that file.

use std::collections::HashSet;
use std::fs;
use std::io::{BufReader, Cursor, Read, Seek, SeekFrom};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use super::limits::{self, CapError};
use super::walker::{HEAD, Kind, Walker, sniff};
use crate::reject::Reason;

/// Walks `root` (a folder, or a single file whose `source_path` is its file name).
pub fn walk(root: &Path, walker: &mut Walker) {
    let base = if root.is_file() {
        root.parent().map(Path::to_path_buf).unwrap_or_default()
    } else {
        root.to_path_buf()
    };
    // Entries still to visit; each folder's entries are pushed in reverse sorted order.
    let mut stack = vec![root.to_path_buf()];
    let mut visited_dirs = HashSet::new();
    let mut is_root = true;
    while let Some(path) = stack.pop() {
        if walker.stopped() {
            return;
        }
        let named_on_command_line = std::mem::take(&mut is_root);
        let source_path = relative(&base, &path);
        if path.is_dir() {
            enter_dir(walker, &path, &source_path, &mut visited_dirs, &mut stack);
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // A file named on the command line is always read, whatever its name.
        if !named_on_command_line && !walker.wanted(&name) {
            continue;
        }
        if !walker.selects(&path, &source_path) {
            continue;
        }
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
            read_file(walker, &path, &source_path, &name)
        }));
        if outcome.is_err() {
            walker.reject(
                &source_path,
                Reason::InternalError,
                "salvage failed on this file because of a bug; please report it with the file",
            );
        }
    }
}

fn relative(base: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(base).unwrap_or(path);
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Pushes a folder's entries so that they pop in sorted order.
fn enter_dir(
    walker: &mut Walker,
    dir: &Path,
    source_path: &str,
    visited: &mut HashSet<PathBuf>,
    stack: &mut Vec<PathBuf>,
) {
    let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !visited.insert(canonical) {
        walker.skipped.directory_loops += 1;
        return;
    }
    let listed: std::io::Result<Vec<PathBuf>> = fs::read_dir(dir)
        .and_then(|entries| entries.map(|entry| entry.map(|e| e.path())).collect());
    match listed {
        Ok(mut entries) => {
            entries.sort();
            stack.extend(entries.into_iter().rev());
        }
        Err(err) => {
            if walker.selects(dir, source_path) {
                walker.reject(
                    source_path,
                    Reason::Unreadable,
                    format!("the folder could not be listed: {err}"),
                );
            }
        }
    }
}

fn read_file(walker: &mut Walker, path: &Path, source_path: &str, name: &str) {
    let unreadable = |what: &str, err: std::io::Error| {
        let vanished = if err.kind() == std::io::ErrorKind::NotFound {
            " (it vanished after its folder was listed, or is a dangling link)"
        } else {
            ""
        };
        format!("the file could not be {what}: {err}{vanished}")
    };
    // Looked at before opening: opening a named pipe would wait for a writer.
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(err) => {
            return walker.reject(source_path, Reason::Unreadable, unreadable("opened", err));
        }
    };
    if !metadata.is_file() {
        return walker.reject(
            source_path,
            Reason::UnsupportedEntry,
            "not a regular file (a named pipe, socket or device); it was not read",
        );
    }
    let mut file = match fs::File::open(path) {
        Ok(file) => file,
        Err(err) => {
            return walker.reject(source_path, Reason::Unreadable, unreadable("opened", err));
        }
    };
    let mut head = vec![0u8; HEAD];
    match limits::read_full(&mut file, &mut head) {
        Ok(n) => head.truncate(n),
        Err(err) => return walker.reject(source_path, Reason::Unreadable, unreadable("read", err)),
    }
    let max = walker.options.max_doc_size;
    match sniff(&head, name) {
        Kind::Document if metadata.len() > max => walker.reject(
            source_path,
            Reason::TooLarge,
            format!(
                "the file holds {} bytes, more than the limit of {max} bytes (--max-doc-size)",
                metadata.len()
            ),
        ),
        Kind::Document => match limits::read_capped_expecting(
            &mut Cursor::new(head).chain(file),
            max,
            metadata.len(),
        ) {
            Ok(bytes) => walker.document(source_path, name, bytes, Default::default()),
            Err(CapError::TooLarge) => walker.reject(
                source_path,
                Reason::TooLarge,
                format!("the file grew past the limit of {max} bytes while being read"),
            ),
            Err(CapError::Io(err)) => {
                walker.reject(source_path, Reason::Unreadable, unreadable("read", err))
            }
        },
        Kind::Zip => {
            let Some(level) = walker.enter(source_path, 0) else {
                return;
            };
            match file.seek(SeekFrom::Start(0)) {
                Ok(_) => super::zip::read(walker, source_path, BufReader::new(file), level),
                Err(err) => walker.reject(source_path, Reason::Unreadable, unreadable("read", err)),
            }
        }
        _ => walker.open(source_path, name, head, &mut BufReader::new(file), 0),
    }
}
