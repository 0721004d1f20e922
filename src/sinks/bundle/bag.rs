//! One bundle: a BagIt 1.0 bag (RFC 8493) serialised as a zip with exactly one top-level
//! folder, the bag's name. Payload files stream into the zip under `data/` while their
//! SHA-256 and size are computed from the bytes going in (never by reading back); the
//! tag files (`bag-info.txt`, `manifest-sha256.txt`, `tagmanifest-sha256.txt`) follow.
//!
//! Every entry has the same timestamp (1980-01-01 00:00, the zip epoch) and permissions,
//! so the zip's bytes depend only on its contents; the Bagging-Date in `bag-info.txt` is
//! the one thing that varies by day. Entries of about 4 GiB or more are written as zip64, and
//! the zip crate switches the archive to zip64 past 65,535 entries. The zip is an
//! [`AtomicFile`]: it appears under its name complete, or not at all.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};
use zip::write::{SimpleFileOptions, ZipWriter};
use zip::{CompressionMethod, DateTime, ZipArchive};

use super::names::is_safe_path;
use crate::RunFailure;
use crate::process::sha256_hex;
use crate::sinks::atomic::AtomicFile;

/// `bagit.txt`, the bag declaration.
pub const BAGIT_TXT: &str = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

/// Entries from this size on are written as zip64: a little under 4 GiB, because deflate
/// can make incompressible data slightly larger.
const ZIP64_FROM: u64 = 0xF000_0000;

/// What a payload file turned out to be.
#[derive(Clone, Debug)]
pub struct PayloadFile {
    /// Path relative to `data/`.
    pub name: String,
    pub bytes: u64,
    pub sha256: String,
}

/// A bag being written into a zip.
pub struct BagWriter {
    zip: ZipWriter<AtomicFile>,
    root: String,
    payload: Vec<PayloadFile>,
    file_name: String,
    /// Deflate level of the entries.
    level: u32,
}

/// Passes bytes to the zip entry and hashes and counts them on the way.
pub struct HashingWriter<'a> {
    inner: &'a mut dyn Write,
    hasher: Sha256,
    bytes: u64,
}

impl Write for HashingWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn options(size_hint: u64, level: u32) -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(i64::from(level)))
        .last_modified_time(DateTime::DEFAULT)
        .unix_permissions(0o644)
        .large_file(size_hint >= ZIP64_FROM)
}

impl BagWriter {
    /// Starts `<name>.zip` in `dir`, with the bag folder `<name>/` and its `bagit.txt`.
    pub fn create(dir: &Path, name: &str, level: u32) -> Result<Self> {
        let file_name = format!("{name}.zip");
        let file = AtomicFile::create(dir, &file_name)?;
        let mut bag = BagWriter {
            zip: ZipWriter::new(file),
            root: name.to_string(),
            payload: Vec::new(),
            file_name,
            level,
        };
        bag.tag_file("bagit.txt", BAGIT_TXT.as_bytes())?;
        Ok(bag)
    }

    fn failure(&self) -> RunFailure {
        RunFailure::Io(format!("cannot write the bundle {}", self.file_name))
    }

    /// Adds the payload file `data/<name>`, filled by `fill`; `size_hint` is its size when
    /// known (it decides zip64), else 0.
    pub fn payload(
        &mut self,
        name: &str,
        size_hint: u64,
        fill: impl FnOnce(&mut HashingWriter<'_>) -> Result<()>,
    ) -> Result<&PayloadFile> {
        if !is_safe_path(name) {
            bail!(RunFailure::Io(format!(
                "unsafe payload name {name:?} refused"
            )));
        }
        let failure = self.failure();
        let entry = format!("{}/data/{name}", self.root);
        self.zip
            .start_file(entry, options(size_hint, self.level))
            .with_context(|| failure.clone())?;
        let mut writer = HashingWriter {
            inner: &mut self.zip,
            hasher: Sha256::new(),
            bytes: 0,
        };
        fill(&mut writer).with_context(|| failure.clone())?;
        let digest = writer.hasher.finalize();
        self.payload.push(PayloadFile {
            name: name.to_string(),
            bytes: writer.bytes,
            sha256: hex(&digest),
        });
        self.payload.last().ok_or_else(|| failure.into())
    }

    /// Adds a payload file compressed beforehand by [`deflate_payload`], copying its
    /// compressed bytes as they are.
    pub fn add_deflated(&mut self, deflated: DeflatedPayload) -> Result<&PayloadFile> {
        let failure = self.failure();
        let file = File::open(&deflated.zip.path).with_context(|| failure.clone())?;
        let mut archive = ZipArchive::new(file).with_context(|| failure.clone())?;
        let entry = archive.by_index_raw(0).with_context(|| failure.clone())?;
        self.zip
            .raw_copy_file(entry)
            .with_context(|| failure.clone())?;
        self.payload.push(deflated.file);
        self.payload.last().ok_or_else(|| failure.into())
    }

    fn tag_file(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        let failure = self.failure();
        self.zip
            .start_file(
                format!("{}/{name}", self.root),
                options(bytes.len() as u64, self.level),
            )
            .with_context(|| failure.clone())?;
        self.zip.write_all(bytes).with_context(|| failure)
    }

    /// The payload written so far.
    pub fn payload_files(&self) -> &[PayloadFile] {
        &self.payload
    }

    /// Writes `bag-info.txt` (the given `info` lines, then `Payload-Oxum` and `Bag-Size`),
    /// the manifest and the tag manifest, and renames the zip into place.
    pub fn finish(mut self, info: &[(&str, String)]) -> Result<String> {
        let bytes: u64 = self.payload.iter().map(|f| f.bytes).sum();
        let mut bag_info = String::new();
        for (label, value) in info {
            // Values are one line: tag files are line-based.
            let value = value.replace(['\r', '\n'], " ");
            bag_info.push_str(&format!("{label}: {value}\n"));
        }
        bag_info.push_str(&format!("Payload-Oxum: {bytes}.{}\n", self.payload.len()));
        bag_info.push_str(&format!("Bag-Size: {}\n", human_size(bytes)));
        let mut manifest_lines: Vec<String> = self
            .payload
            .iter()
            .map(|f| format!("{}  data/{}\n", f.sha256, f.name))
            .collect();
        manifest_lines.sort_by(|a, b| a[66..].cmp(&b[66..]));
        let manifest = manifest_lines.concat();
        let tag_manifest = format!(
            "{}  bagit.txt\n{}  bag-info.txt\n{}  manifest-sha256.txt\n",
            sha256_hex(BAGIT_TXT.as_bytes()),
            sha256_hex(bag_info.as_bytes()),
            sha256_hex(manifest.as_bytes()),
        );
        self.tag_file("bag-info.txt", bag_info.as_bytes())?;
        self.tag_file("manifest-sha256.txt", manifest.as_bytes())?;
        self.tag_file("tagmanifest-sha256.txt", tag_manifest.as_bytes())?;
        let failure = self.failure();
        let file = self.zip.finish().with_context(|| failure)?;
        file.commit()?;
        Ok(self.file_name)
    }
}

/// A payload file deflated on its own into a one-entry temporary zip, so that several can
/// be compressed at once on different threads (deflate is most of the time of writing a
/// bundle); [`BagWriter::add_deflated`] copies it into the bag. The entry is written with
/// the same options as [`BagWriter::payload`]'s.
pub struct DeflatedPayload {
    file: PayloadFile,
    zip: TemporaryFile,
}

/// Compresses the payload file `data/<name>` of the bag `root`, filled by `fill`, into a
/// temporary zip in `dir`; `size_hint` as for [`BagWriter::payload`].
pub fn deflate_payload(
    (dir, root): (&Path, &str),
    name: &str,
    (size_hint, level): (u64, u32),
    fill: impl FnOnce(&mut HashingWriter<'_>) -> Result<()>,
) -> Result<DeflatedPayload> {
    if !is_safe_path(name) {
        bail!(RunFailure::Io(format!(
            "unsafe payload name {name:?} refused"
        )));
    }
    let failure = || RunFailure::Io(format!("cannot compress the bundle file {name}"));
    let zip = TemporaryFile::create(dir, name).with_context(failure)?;
    let file = File::options()
        .read(true)
        .write(true)
        .open(&zip.path)
        .with_context(failure)?;
    let mut writer = ZipWriter::new(BufWriter::with_capacity(1 << 16, file));
    writer
        .start_file(format!("{root}/data/{name}"), options(size_hint, level))
        .with_context(failure)?;
    let mut hashing = HashingWriter {
        inner: &mut writer,
        hasher: Sha256::new(),
        bytes: 0,
    };
    fill(&mut hashing).with_context(failure)?;
    let (digest, bytes) = (hashing.hasher.finalize(), hashing.bytes);
    let mut buffered = writer.finish().with_context(failure)?;
    buffered.flush().with_context(failure)?;
    Ok(DeflatedPayload {
        file: PayloadFile {
            name: name.to_string(),
            bytes,
            sha256: hex(&digest),
        },
        zip,
    })
}

/// A file in the output folder named like every temporary (`.<name>.tmp-<pid>`, so a
/// killed run's leftovers are removed by the next run), deleted when dropped.
struct TemporaryFile {
    path: PathBuf,
}

impl TemporaryFile {
    fn create(dir: &Path, name: &str) -> io::Result<Self> {
        let flat = name.replace('/', "_");
        let path = dir.join(format!(".payload-{flat}.zip.tmp-{}", std::process::id()));
        File::create(&path)?;
        Ok(TemporaryFile { path })
    }
}

impl Drop for TemporaryFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// `12.3 kB`-style size for `Bag-Size` (decimal units).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["kB", "MB", "GB", "TB", "PB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut size = bytes as f64 / 1000.0;
    let mut unit = 0;
    while size >= 1000.0 && unit + 1 < UNITS.len() {
        size /= 1000.0;
        unit += 1;
    }
    format!("{size:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(human_size(999), "999 B");
        assert_eq!(human_size(12_345), "12.3 kB");
        assert_eq!(human_size(5_000_000_000), "5.0 GB");
    }
}
