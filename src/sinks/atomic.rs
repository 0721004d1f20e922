//! Files that appear whole or not at all: written under a temporary name in the output
//! folder (`.<name>.tmp-<pid>`), flushed and synced, then renamed into place, and the
//! folder synced. A run that fails or is killed leaves the previous file untouched. A file
//! dropped without being committed (the run failed) removes its temporary file; one left
//! by a killed run is removed by the next run.

use std::fs::{self, File};
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::RunFailure;

/// A buffered writer to a temporary file that becomes `final_path` on [`commit`].
///
/// [`commit`]: AtomicFile::commit
pub struct AtomicFile {
    temp_path: PathBuf,
    final_path: PathBuf,
    /// `None` once committed.
    writer: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Starts writing `name` inside `dir`.
    pub fn create(dir: &Path, name: &str) -> Result<Self> {
        let final_path = dir.join(name);
        let temp_path = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        let file = File::create(&temp_path).with_context(|| {
            RunFailure::CannotCreateOutput(format!("cannot create {}", temp_path.display()))
        })?;
        Ok(AtomicFile {
            temp_path,
            final_path,
            writer: Some(BufWriter::with_capacity(1 << 20, file)),
        })
    }

    /// Where the file will be once committed.
    pub fn final_path(&self) -> &Path {
        &self.final_path
    }

    /// The file's name in its folder, once committed.
    pub fn name(&self) -> String {
        self.final_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// Flushes, syncs and renames the file into place, then syncs the folder. On failure
    /// the temporary file is removed.
    pub fn commit(self) -> Result<()> {
        self.commit_with(Durability::Synced)
    }

    /// Like [`commit`](AtomicFile::commit) without the syncs: the file is whole or absent
    /// after the process is killed, but not after a power cut. For files whose reader
    /// checks them and can do without (checkpoints): a sync per chunk would cost more
    /// than it saves.
    pub fn commit_unsynced(self) -> Result<()> {
        self.commit_with(Durability::Unsynced)
    }

    fn commit_with(mut self, sync: Durability) -> Result<()> {
        let writer = self.writer.take();
        let result = match writer {
            Some(writer) => finish(writer, &self.temp_path, &self.final_path, sync),
            None => Ok(()),
        };
        if result.is_err() {
            let _ = fs::remove_file(&self.temp_path);
        }
        result
    }
}

/// Whether a commit waits for the data to reach the disk.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Durability {
    Synced,
    Unsynced,
}

fn finish(
    writer: BufWriter<File>,
    temp_path: &Path,
    final_path: &Path,
    sync: Durability,
) -> Result<()> {
    let io_failure = |what: &str| RunFailure::Io(format!("{what} {}", final_path.display()));
    let file = writer
        .into_inner()
        .map_err(|err| err.into_error())
        .with_context(|| io_failure("cannot write"))?;
    if sync == Durability::Synced {
        file.sync_all().with_context(|| io_failure("cannot sync"))?;
    }
    fs::rename(temp_path, final_path).with_context(|| io_failure("cannot rename into place"))?;
    if sync == Durability::Unsynced {
        return Ok(());
    }
    if let Some(dir) = final_path.parent() {
        // Syncing a folder is not possible on every platform; the rename stands anyway.
        if let Ok(handle) = File::open(dir) {
            let _ = handle.sync_all();
        }
    }
    Ok(())
}

impl AtomicFile {
    /// Appends `bytes`; a failure is a run-level I/O failure naming the file.
    pub fn append(&mut self, bytes: &[u8]) -> Result<()> {
        self.write_all(bytes).with_context(|| {
            RunFailure::Io(format!("cannot write {}", self.final_path().display()))
        })
    }

    fn open_writer(&mut self) -> std::io::Result<&mut BufWriter<File>> {
        self.writer
            .as_mut()
            .ok_or_else(|| std::io::Error::other("the file was already committed"))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.open_writer()?.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.open_writer()?.flush()
    }
}

impl Seek for AtomicFile {
    fn seek(&mut self, position: SeekFrom) -> std::io::Result<u64> {
        self.open_writer()?.seek(position)
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            let _ = fs::remove_file(&self.temp_path);
        }
    }
}

/// Removes temporary files a killed run left in `dir` (names `.<name>.tmp-<pid>`).
pub fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.contains(".tmp-") {
            let _ = fs::remove_file(entry.path());
        }
    }
}
