//! Turns the spooled groups into finished bundles: names them (refusing clashes), then
//! streams each group's pieces into its bag in a fixed order: `records.jsonl`,
//! `records.csv`, `rejects.jsonl`, `originals.csv` and the originals, `datapackage.json`,
//! `report.html` (the run's page, when given), then the tag files. The Bagging-Date is today (UTC), or the day of
//! `SOURCE_DATE_EPOCH` when that is set, as reproducible-build tools expect.
//!
//! The payload files made of spooled lines (records, CSV rows, rejects, originals.csv) are
//! deflated on up to `--jobs` threads at once, each into a one-entry temporary zip that is
//! then copied raw into the bag: deflate is most of the time of writing a bundle, and the
//! zip's bytes are the same for any number of threads.

use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, anyhow, bail};
use sha2::Digest;

use super::bag::{BagWriter, DeflatedPayload, deflate_payload};
use super::datapackage::{PackageFacts, datapackage, default_description};
use super::names::safe_part;
use super::spool::{Kind, read_frames};
use super::{BundleSink, Group};
use crate::RunFailure;
use crate::config::BundleBy;
use crate::sinks::csv;
use crate::sinks::report::rfc3339_utc;

/// Header of `originals.csv`.
const ORIGINALS_HEADER: &[u8] = b"id,source_path,original\r\n";

/// Writes every group's bundle; returns the zip file names, in group order.
pub fn write_bundles(sink: &mut BundleSink, report: Option<&str>) -> Result<Vec<String>> {
    let groups = std::mem::take(&mut sink.groups);
    let names = bundle_names(&groups)?;
    let date = bagging_date();
    let total = names.len();
    let mut written = Vec::with_capacity(total);
    for (number, (key, name)) in names.iter().enumerate() {
        let Some(group) = groups.get(key) else {
            continue;
        };
        let mut info: Vec<(&str, String)> = Vec::new();
        if let Some(organization) = &sink.info.organization {
            info.push(("Source-Organization", organization.clone()));
        }
        info.push(("Bagging-Date", date.clone()));
        info.push(("External-Identifier", name.clone()));
        if sink.by != BundleBy::None {
            info.push(("Bag-Group-Identifier", group_label(sink.by).to_string()));
            info.push(("Bag-Count", format!("{} of {total}", number + 1)));
        }
        info.push((
            "Bag-Software-Agent",
            format!("salvage {}", env!("CARGO_PKG_VERSION")),
        ));
        written.push(write_bag(sink, (group, key, name), info, report)?);
    }
    Ok(written)
}

fn group_label(by: BundleBy) -> &'static str {
    match by {
        BundleBy::None => "all",
        BundleBy::Year => "by publication year",
        BundleBy::Month => "by publication month",
        BundleBy::Source => "by source folder",
    }
}

/// `(group key, bag name)` for every group, in key order; refuses names that would clash.
fn bundle_names(groups: &BTreeMap<String, Group>) -> Result<Vec<(String, String)>> {
    let mut seen = HashSet::new();
    let mut names = Vec::new();
    for (key, group) in groups {
        let digest = group.content.clone().finalize();
        let hash: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
        let name = if key.is_empty() {
            format!("salvage-{hash}")
        } else {
            format!("salvage-{}-{hash}", safe_part(key, 64))
        };
        if !seen.insert(name.to_lowercase()) {
            bail!(RunFailure::CannotCreateOutput(format!(
                "two bundles would both be named {name}.zip; rename one of the source folders"
            )));
        }
        names.push((key.clone(), name));
    }
    Ok(names)
}

/// A payload file made of spooled frames of one kind, after a header.
struct SpooledPayload<'a> {
    name: &'a str,
    header: &'a [u8],
    kind: Kind,
    size: u64,
}

/// Deflates the spooled payload files of bag `root` at `level` on up to `threads` threads
/// at once; returns them in the given order.
fn deflate_spooled(
    (dir, root): (&Path, &str),
    spool: &Path,
    payloads: &[SpooledPayload<'_>],
    (threads, level): (usize, u32),
) -> Result<Vec<DeflatedPayload>> {
    let next = AtomicUsize::new(0);
    let done: Vec<Mutex<Option<Result<DeflatedPayload>>>> =
        payloads.iter().map(|_| Mutex::new(None)).collect();
    let work = || loop {
        let at = next.fetch_add(1, Ordering::Relaxed);
        let (Some(payload), Some(slot)) = (payloads.get(at), done.get(at)) else {
            break;
        };
        let deflated = deflate_payload((dir, root), payload.name, (payload.size, level), |w| {
            w.write_all(payload.header)?;
            read_frames(spool, payload.kind, |_, data, _| {
                io::copy(data, w)?;
                Ok(())
            })
        });
        if let Ok(mut slot) = slot.lock() {
            *slot = Some(deflated);
        }
    };
    thread::scope(|scope| {
        for _ in 1..threads.clamp(1, payloads.len().max(1)) {
            scope.spawn(work);
        }
        work();
    });
    done.into_iter()
        .zip(payloads)
        .map(|(slot, payload)| {
            slot.into_inner().ok().flatten().unwrap_or_else(|| {
                Err(anyhow!(RunFailure::Io(format!(
                    "the thread compressing {} failed",
                    payload.name
                ))))
            })
        })
        .collect()
}

fn write_bag(
    sink: &mut BundleSink,
    (group, key, name): (&Group, &str, &str),
    mut info: Vec<(&str, String)>,
    report: Option<&str>,
) -> Result<String> {
    let spool = sink.spools.finished(group.spool)?;
    let mut bag = BagWriter::create(&sink.dir, name, sink.level)?;
    let header = csv::header(sink.csv);
    let mut payloads = vec![
        SpooledPayload {
            name: "records.jsonl",
            header: b"",
            kind: Kind::Record,
            size: group.record_bytes,
        },
        SpooledPayload {
            name: "records.csv",
            header: &header,
            kind: Kind::CsvRow,
            size: group.csv_bytes + header.len() as u64,
        },
        SpooledPayload {
            name: "rejects.jsonl",
            header: b"",
            kind: Kind::Reject,
            size: group.reject_bytes,
        },
    ];
    if sink.keep_originals {
        payloads.push(SpooledPayload {
            name: "originals.csv",
            header: ORIGINALS_HEADER,
            kind: Kind::OriginalRow,
            size: group.original_row_bytes + ORIGINALS_HEADER.len() as u64,
        });
    }
    for deflated in deflate_spooled(
        (&sink.dir, name),
        &spool,
        &payloads,
        (sink.threads, sink.level),
    )? {
        bag.add_deflated(deflated)?;
    }
    if sink.keep_originals {
        read_frames(&spool, Kind::Original, |path, data, size| {
            bag.payload(path, size, |w| {
                io::copy(data, w)?;
                Ok(())
            })?;
            Ok(())
        })?;
    }
    let facts = PackageFacts {
        bag_name: name,
        group: (!key.is_empty()).then_some(key),
        records: group.records,
        rejects: group.rejects,
        csv: sink.csv,
        info: &sink.info,
        files: bag.payload_files(),
    };
    let description = sink
        .info
        .description
        .clone()
        .unwrap_or_else(|| default_description(&facts));
    let package = datapackage(&facts);
    bag.payload("datapackage.json", package.len() as u64, |w| {
        w.write_all(package.as_bytes())
            .context("cannot write datapackage.json")
    })?;
    if let Some(page) = report {
        bag.payload("report.html", page.len() as u64, |w| {
            w.write_all(page.as_bytes())
                .context("cannot write report.html")
        })?;
    }
    let position = info
        .iter()
        .position(|(label, _)| *label == "External-Identifier")
        .unwrap_or(info.len());
    info.insert(position, ("External-Description", description));
    bag.finish(&info)
}

/// `YYYY-MM-DD` of now, or of `SOURCE_DATE_EPOCH` when set to whole seconds.
fn bagging_date() -> String {
    let time = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map_or_else(SystemTime::now, |secs| {
            UNIX_EPOCH + Duration::from_secs(secs)
        });
    rfc3339_utc(time).chars().take(10).collect()
}
