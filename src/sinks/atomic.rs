//! Files that appear whole or not at all: written under a temporary name in the output
//! folder (`.<name>.tmp-<pid>`), flushed and synced, then renamed into place, and the
//! folder synced. A run that fails or is killed leaves the previous file untouched.

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
    writer: BufWriter<File>,
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
            writer: BufWriter::with_capacity(1 << 20, file),
        })
    }

    /// The writer to fill.
    pub fn writer(&mut self) -> &mut BufWriter<File> {
        &mut self.writer
    }

    /// Where the file will be once committed.
    pub fn final_path(&self) -> &Path {
        &self.final_path
    }

    /// Flushes, syncs and renames the file into place, then syncs the folder.
    pub fn commit(self) -> Result<()> {
        let io_failure =
            |what: &str| RunFailure::Io(format!("{what} {}", self.final_path.display()));
        let file = self
            .writer
            .into_inner()
            .map_err(|err| err.into_error())
            .with_context(|| io_failure("cannot write"))?;
        file.sync_all().with_context(|| io_failure("cannot sync"))?;
        fs::rename(&self.temp_path, &self.final_path)
            .with_context(|| io_failure("cannot rename into place"))?;
        if let Some(dir) = self.final_path.parent() {
            // Syncing a folder is not possible on every platform; the rename stands anyway.
            if let Ok(handle) = File::open(dir) {
                let _ = handle.sync_all();
            }
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

impl Seek for AtomicFile {
    fn seek(&mut self, position: SeekFrom) -> std::io::Result<u64> {
        self.writer.seek(position)
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
