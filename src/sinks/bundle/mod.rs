//! Bundles (`--format bundle`, on by default): self-verifying zip packages for archives.
//! Each is a BagIt 1.0 bag whose `data/` holds `records.jsonl`, `records.csv`,
//! `rejects.jsonl`, `datapackage.json`, the run's `report.html` and, with
//! `--keep-originals`, `originals.csv` and each record's source bytes under `originals/`. One bundle for the run, or one per
//! group with `--bundle-by year|month|source` (records without a date, and rejects, go to
//! `undated`); every bundle is complete on its own.
//!
//! Names are content-addressed: `salvage[-<group>]-<12 hex>.zip`, the hex from the
//! SHA-256 of everything the bundle holds but its Bagging-Date, so the same input and
//! options give the same name and bytes for any `--jobs`. Two groups whose names would
//! clash (even by case alone) stop the run rather than overwrite each other.
//!
//! While the run goes on, each bundle's pieces wait in a [`spool`] on disk; `finish`
//! streams them into the zips. Memory does not grow with bundle size (only the names of
//! the originals are held, to keep them unique).

mod bag;
mod datapackage;
mod names;
mod spool;
mod writer;

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Result;
use sha2::{Digest, Sha256};

use super::report::RunInfo;
use super::{Rendered, Sink};
use crate::config::{BundleBy, Config, CsvOptions, PackageInfo};
use crate::record::Article;
use crate::reject::Reject;
use names::OriginalNames;
use spool::{Kind, Spools};

pub use bag::BAGIT_TXT;
pub use names::is_safe_path;

/// The group of records without a publication date, and of rejects, when splitting by date.
pub const UNDATED: &str = "undated";
/// The group of documents found directly in an INPUT, when splitting by source.
pub const ROOT: &str = "root";

/// Whether `name` is a bundle file name salvage writes: `salvage[-<group>]-<12 hex>.zip`.
pub fn is_bundle_name(name: &str) -> bool {
    let Some(stem) = name
        .strip_prefix("salvage-")
        .and_then(|rest| rest.strip_suffix(".zip"))
    else {
        return false;
    };
    let hash = stem.rsplit('-').next().unwrap_or("");
    hash.len() == 12
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && stem
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// One bundle in the making.
struct Group {
    spool: usize,
    /// Hash of everything spooled, for the name.
    content: Sha256,
    records: u64,
    rejects: u64,
    /// Bytes spooled per kind, for zip64 decisions.
    record_bytes: u64,
    csv_bytes: u64,
    reject_bytes: u64,
    original_row_bytes: u64,
    originals: OriginalNames,
}

/// The bundle sink.
pub struct BundleSink {
    dir: PathBuf,
    by: BundleBy,
    keep_originals: bool,
    csv: CsvOptions,
    info: PackageInfo,
    groups: BTreeMap<String, Group>,
    spools: Spools,
    buffer: Vec<u8>,
    /// Threads compressing payload files at the end (`--jobs`).
    threads: usize,
    /// Deflate level (`--bundle-level`).
    level: u32,
}

impl BundleSink {
    pub fn create(config: &Config) -> Result<Self> {
        Ok(BundleSink {
            dir: config.output_dir.clone(),
            by: config.bundle.by,
            keep_originals: config.bundle.keep_originals,
            csv: config.csv,
            info: config.package.clone(),
            groups: BTreeMap::new(),
            spools: Spools::new(&config.output_dir),
            buffer: Vec::new(),
            level: config.bundle.level,
            threads: config.jobs.unwrap_or_else(|| {
                std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
            }),
        })
    }

    /// The group of a document: its date's year or month, or its top folder.
    fn group_key(&self, source_path: &str, published: Option<&str>) -> String {
        let date_part = |len: usize| {
            published
                .and_then(|date| date.get(..len))
                .unwrap_or(UNDATED)
                .to_string()
        };
        match self.by {
            BundleBy::None => String::new(),
            BundleBy::Year => date_part(4),
            BundleBy::Month => date_part(7),
            BundleBy::Source => match crate::sources::on_disk_path(source_path).split_once('/') {
                Some((top, _)) => top.to_string(),
                None => ROOT.to_string(),
            },
        }
    }

    fn group(&mut self, key: String) -> Result<&mut Group> {
        if !self.groups.contains_key(&key) {
            let spool = self.spools.add()?;
            let mut content = Sha256::new();
            content.update(key.as_bytes());
            content.update([0]);
            self.groups.insert(
                key.clone(),
                Group {
                    spool,
                    content,
                    records: 0,
                    rejects: 0,
                    record_bytes: 0,
                    csv_bytes: 0,
                    reject_bytes: 0,
                    original_row_bytes: 0,
                    originals: OriginalNames::default(),
                },
            );
        }
        self.groups
            .get_mut(&key)
            .ok_or_else(|| anyhow::anyhow!("bundle group {key:?} vanished"))
    }
}

/// Appends one frame to `group`'s spool and its content hash.
fn spool(
    spools: &mut Spools,
    group: &mut Group,
    kind: Kind,
    name: &str,
    data: &[u8],
) -> Result<()> {
    group.content.update([kind as u8]);
    group.content.update((name.len() as u64).to_le_bytes());
    group.content.update(name.as_bytes());
    group.content.update((data.len() as u64).to_le_bytes());
    group.content.update(data);
    spools.write(group.spool, kind, name, data)
}

impl Sink for BundleSink {
    fn article(&mut self, article: &Article, original: Option<&[u8]>) -> Result<()> {
        self.rendered_article(article, &Rendered::default(), original)
    }

    fn rendered_article(
        &mut self,
        article: &Article,
        rendered: &Rendered,
        original: Option<&[u8]>,
    ) -> Result<()> {
        let key = self.group_key(&article.source_path, article.published.as_deref());
        let mut buffer = std::mem::take(&mut self.buffer);
        let csv = self.csv;
        let keep = self.keep_originals;
        self.group(key.clone())?;
        let (spools, groups) = (&mut self.spools, &mut self.groups);
        let group = groups
            .get_mut(&key)
            .ok_or_else(|| anyhow::anyhow!("bundle group {key:?} vanished"))?;
        group.records += 1;

        let made;
        let line = match &rendered.json_line {
            Some(line) => line,
            None => {
                made = super::jsonl_article::json_line(article);
                &made
            }
        };
        group.record_bytes += line.len() as u64;
        spool(spools, group, Kind::Record, "", line)?;

        let row = match &rendered.csv_row {
            Some(row) => row,
            None => {
                buffer.clear();
                super::csv::write_article(&mut buffer, article, csv);
                &buffer
            }
        };
        group.csv_bytes += row.len() as u64;
        spool(spools, group, Kind::CsvRow, "", row)?;

        if let (true, Some(bytes)) = (keep, original) {
            let name = group.originals.assign(&article.source_path, &article.id);
            buffer.clear();
            super::csv::write_row(
                &mut buffer,
                &[
                    super::csv::Cell::Text(&article.id),
                    super::csv::Cell::Text(&article.source_path),
                    super::csv::Cell::Text(&name),
                ],
                false,
            );
            group.original_row_bytes += buffer.len() as u64;
            spool(spools, group, Kind::OriginalRow, "", &buffer)?;
            spool(spools, group, Kind::Original, &name, bytes)?;
        }
        self.buffer = buffer;
        Ok(())
    }

    fn reject(&mut self, reject: &Reject) -> Result<()> {
        let key = self.group_key(&reject.source_path, None);
        let mut line = serde_json::to_vec(reject)?;
        line.push(b'\n');
        self.group(key.clone())?;
        let (spools, groups) = (&mut self.spools, &mut self.groups);
        if let Some(group) = groups.get_mut(&key) {
            group.rejects += 1;
            group.reject_bytes += line.len() as u64;
            spool(spools, group, Kind::Reject, "", &line)?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, run: &RunInfo) -> Result<Vec<String>> {
        if self.groups.is_empty() {
            self.group(String::new())?;
        }
        let report = run.bundle_report.as_deref();
        if let Some(page) = report {
            for group in self.groups.values_mut() {
                group.content.update([0xFF]);
                group.content.update((page.len() as u64).to_le_bytes());
                group.content.update(page.as_bytes());
            }
        }
        writer::write_bundles(&mut self, report)
    }
}
