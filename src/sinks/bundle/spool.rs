//! Spools: one temporary file per bundle in the output folder, holding that bundle's
//! pieces (JSON lines, CSV rows, rejects, originals) as framed bytes while the run goes
//! on, because a zip can only be written one entry at a time. Memory stays flat: at most
//! [`MAX_OPEN`] spools are open at once (the rest are closed and reopened to append), and
//! reading streams each frame's bytes. Spool files are named like every temporary file
//! (`.<name>.tmp-<pid>`), so a killed run's leftovers are removed by the next run, and
//! they are deleted when the spools are dropped, whether the run succeeded or not.
//!
//! A frame is: kind (1 byte), name length (u32 LE), name, data length (u64 LE), data.

use std::collections::VecDeque;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::RunFailure;

/// Spool files kept open at once.
pub const MAX_OPEN: usize = 32;

/// What a frame holds; also the order the bundle writes them in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A line of `records.jsonl`.
    Record = 1,
    /// A row of `records.csv`.
    CsvRow = 2,
    /// A line of `rejects.jsonl`.
    Reject = 3,
    /// A row of `originals.csv`.
    OriginalRow = 4,
    /// An original's bytes; the frame name is its payload path.
    Original = 5,
}

struct Spool {
    path: PathBuf,
    writer: Option<BufWriter<File>>,
}

/// The spools of a run.
pub struct Spools {
    dir: PathBuf,
    spools: Vec<Spool>,
    open: VecDeque<usize>,
}

fn io_failure(path: &Path) -> RunFailure {
    RunFailure::Io(format!("cannot write the bundle spool {}", path.display()))
}

impl Spools {
    pub fn new(dir: &Path) -> Self {
        Spools {
            dir: dir.to_path_buf(),
            spools: Vec::new(),
            open: VecDeque::new(),
        }
    }

    /// A new empty spool; returns its number.
    pub fn add(&mut self) -> Result<usize> {
        let index = self.spools.len();
        let path = self
            .dir
            .join(format!(".bundle-{index}.spool.tmp-{}", std::process::id()));
        File::create(&path).with_context(|| {
            RunFailure::CannotCreateOutput(format!("cannot create {}", path.display()))
        })?;
        self.spools.push(Spool { path, writer: None });
        Ok(index)
    }

    /// Appends one frame to spool `index`.
    pub fn write(&mut self, index: usize, kind: Kind, name: &str, data: &[u8]) -> Result<()> {
        let writer = self.writer(index)?;
        let mut header = Vec::with_capacity(13 + name.len());
        header.push(kind as u8);
        header.extend_from_slice(&(name.len() as u32).to_le_bytes());
        header.extend_from_slice(name.as_bytes());
        header.extend_from_slice(&(data.len() as u64).to_le_bytes());
        let written = writer
            .write_all(&header)
            .and_then(|()| writer.write_all(data));
        let path = &self.spools[index].path;
        written.with_context(|| io_failure(path))
    }

    fn writer(&mut self, index: usize) -> Result<&mut BufWriter<File>> {
        if self.spools[index].writer.is_none() {
            if self.open.len() >= MAX_OPEN
                && let Some(oldest) = self.open.pop_front()
            {
                self.close(oldest)?;
            }
            let path = &self.spools[index].path;
            let file = OpenOptions::new()
                .append(true)
                .open(path)
                .with_context(|| io_failure(path))?;
            self.spools[index].writer = Some(BufWriter::with_capacity(1 << 16, file));
            self.open.push_back(index);
        }
        let spool = &mut self.spools[index];
        spool
            .writer
            .as_mut()
            .ok_or_else(|| io_failure(&spool.path).into())
    }

    fn close(&mut self, index: usize) -> Result<()> {
        let spool = &mut self.spools[index];
        if let Some(mut writer) = spool.writer.take() {
            writer.flush().with_context(|| io_failure(&spool.path))?;
        }
        self.open.retain(|&i| i != index);
        Ok(())
    }

    /// Closes spool `index` for writing and returns its path, for [`read_frames`] on any
    /// thread (the file stays until the spools are dropped).
    pub fn finished(&mut self, index: usize) -> Result<PathBuf> {
        self.close(index)?;
        Ok(self.spools[index].path.clone())
    }
}

/// Streams every frame of `kind` in the spool file at `path` to `each(name, data)`, in order.
pub fn read_frames(
    path: &Path,
    kind: Kind,
    mut each: impl FnMut(&str, &mut dyn Read, u64) -> Result<()>,
) -> Result<()> {
    let failure = || RunFailure::Io(format!("cannot read the bundle spool {}", path.display()));
    let file = File::open(path).with_context(failure)?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    loop {
        let mut kind_byte = [0u8; 1];
        match reader.read_exact(&mut kind_byte) {
            Ok(()) => {}
            Err(err) if err.kind() == io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(err) => return Err(err).with_context(failure),
        }
        let mut length = [0u8; 4];
        reader.read_exact(&mut length).with_context(failure)?;
        let mut name = vec![0u8; u32::from_le_bytes(length) as usize];
        reader.read_exact(&mut name).with_context(failure)?;
        let mut size = [0u8; 8];
        reader.read_exact(&mut size).with_context(failure)?;
        let size = u64::from_le_bytes(size);
        if kind_byte[0] == kind as u8 {
            let name = String::from_utf8_lossy(&name).into_owned();
            let mut data = (&mut reader).take(size);
            each(&name, &mut data, size)?;
            // Whatever `each` left unread is skipped.
            io::copy(&mut data, &mut io::sink()).with_context(failure)?;
        } else {
            let skip = i64::try_from(size).with_context(failure)?;
            reader.seek_relative(skip).with_context(failure)?;
        }
    }
}

impl Drop for Spools {
    fn drop(&mut self) {
        for spool in &mut self.spools {
            spool.writer = None;
            let _ = fs::remove_file(&spool.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_spools_than_open_files_read_back_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut spools = Spools::new(dir.path());
        let count = MAX_OPEN + 9;
        let indices: Vec<usize> = (0..count).map(|_| spools.add().unwrap()).collect();
        for round in 0..3 {
            for &i in &indices {
                let line = format!("{i}:{round}\n");
                spools.write(i, Kind::Record, "", line.as_bytes()).unwrap();
                spools
                    .write(i, Kind::Original, &format!("o{round}"), b"xyz")
                    .unwrap();
            }
        }
        for &i in &indices {
            let mut text = String::new();
            let path = spools.finished(i).unwrap();
            read_frames(&path, Kind::Record, |_, data, _| {
                data.read_to_string(&mut text)?;
                Ok(())
            })
            .unwrap();
            assert_eq!(text, format!("{i}:0\n{i}:1\n{i}:2\n"));
            let mut names = Vec::new();
            read_frames(&path, Kind::Original, |name, _, size| {
                names.push(format!("{name}/{size}"));
                Ok(())
            })
            .unwrap();
            assert_eq!(names, ["o0/3", "o1/3", "o2/3"]);
        }
        drop(spools);
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "spools removed"
        );
    }
}
