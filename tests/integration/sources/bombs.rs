//! Decompression bombs: each is rejected as `too_large` (or `too_deep` for nesting) at its
//! position, the good documents beside it are converted, and the kernel's count of the
//! process's peak resident memory stays under 200 MB.
//!
//! Deflate cannot inflate more than about 1032 times, so a member that inflates to 10 GiB
//! is about 10 MiB here (built in milliseconds from one repeated block); the tiny-file,
//! huge-output bomb is the nested kind (42.zip), tested with 16 members per level.

use std::fs;

use flate2::{Compress, Compression, FlushCompress};
use serde_json::Value;

use super::make::{self, RawEntry};
use super::{GOOD, run_measured};
use crate::util::Workspace;

const LIMIT_KIB: u64 = 200 * 1024;

/// Runs `convert in -o out` plus `extra`; returns (records, rejects, peak KiB).
fn convert_measured(ws: &Workspace, extra: &[&str]) -> (Vec<Value>, Vec<Value>, u64) {
    let mut args = vec!["convert", "in", "-o", "out", "--format", "jsonl"];
    args.extend_from_slice(extra);
    let (code, peak) = run_measured(ws.dir.path(), &args);
    let stderr = fs::read_to_string(ws.path("stderr.txt")).unwrap_or_default();
    assert_eq!(code, 0, "{stderr}");
    (
        ws.json_lines("out/records.jsonl"),
        ws.json_lines("out/rejects.jsonl"),
        peak,
    )
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut compress = Compress::new(Compression::best(), false);
    let mut out = Vec::with_capacity(bytes.len() / 2 + 1024);
    compress
        .compress_vec(bytes, &mut out, FlushCompress::Finish)
        .expect("deflate");
    out
}

fn stored<'a>(name: &'a str, bytes: &'a [u8]) -> RawEntry<'a> {
    RawEntry {
        name,
        method: 0,
        data: bytes,
        size: bytes.len() as u64,
        crc: make::crc32(bytes),
    }
}

fn summary_of(rejects: &[Value]) -> Vec<(String, String)> {
    rejects
        .iter()
        .map(|r| {
            (
                r["source_path"].as_str().unwrap_or("").to_string(),
                r["reason"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn zip_member_inflating_to_10_gib() {
    let ws = Workspace::new();
    let zeros = make::deflated_zeros(10 * 1024);
    let good = GOOD.as_bytes();
    ws.write(
        "in/bomb.zip",
        &make::raw_zip(&[
            RawEntry {
                name: "bomb.txt",
                method: 8,
                data: &zeros,
                size: 10 << 30,
                crc: 0,
            },
            // The same stream declared as 10 KB: the zip crate stops it at the declared
            // size, a damaged member.
            RawEntry {
                name: "liar.txt",
                method: 8,
                data: &zeros,
                size: 10_000,
                crc: 0,
            },
            stored("good.txt", good),
        ]),
    );
    // The ratio stops it after 1 MiB.
    let (records, rejects, peak) = convert_measured(&ws, &[]);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["source_path"], "bomb.zip!good.txt");
    assert_eq!(
        summary_of(&rejects),
        [
            ("bomb.zip!bomb.txt".to_string(), "too_large".to_string()),
            (
                "bomb.zip!liar.txt".to_string(),
                "corrupt_archive".to_string()
            )
        ]
    );
    assert!(
        rejects[1]["message"]
            .as_str()
            .is_some_and(|m| m.contains("larger than its declared uncompressed size")),
        "{}",
        rejects[1]
    );
    assert!(
        rejects[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("--max-ratio")),
        "{}",
        rejects[0]
    );
    assert!(peak < LIMIT_KIB, "peak memory {peak} KiB");
    eprintln!("zip bomb, ratio limit: peak {} MiB", peak / 1024);

    // Without the ratio, the document cap (64 MiB) stops it.
    let (records, rejects, peak) = convert_measured(&ws, &["--max-ratio", "100000000"]);
    assert_eq!(records.len(), 1);
    assert_eq!(rejects.len(), 2);
    assert!(
        rejects[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("--max-doc-size")),
        "{}",
        rejects[0]
    );
    assert!(peak < LIMIT_KIB, "peak memory {peak} KiB");
    eprintln!("zip bomb, size cap: peak {} MiB", peak / 1024);
}

/// A gzip member around a raw deflate stream (its CRC is never reached).
fn gzip_raw(deflated: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
    out.extend_from_slice(deflated);
    out.extend_from_slice(&[0; 8]);
    out
}

/// Deflate blocks for `parts`, each fully flushed so they can be concatenated: bytes, or
/// MiB of zeros (one block repeated).
fn deflate_parts(parts: &[Result<&[u8], u64>]) -> Vec<u8> {
    let mut out = Vec::new();
    for part in parts {
        match part {
            Ok(bytes) => {
                let mut compress = Compress::new(Compression::best(), false);
                let mut block = Vec::with_capacity(bytes.len() + 1024);
                compress
                    .compress_vec(bytes, &mut block, FlushCompress::Full)
                    .expect("deflate");
                out.extend_from_slice(&block);
            }
            Err(mib) => out.extend_from_slice(&make::zero_blocks(*mib)),
        }
    }
    out.extend_from_slice(&make::FINAL_BLOCK);
    out
}

#[test]
fn gzip_and_tar_gz_bombs() {
    let ws = Workspace::new();
    ws.write("in/good.txt", GOOD.as_bytes());
    ws.write(
        "in/bomb.txt.gz",
        &gzip_raw(&deflate_parts(&[Err(10 * 1024)])),
    );
    // A tar whose second member is 10 GiB of zeros: the third cannot be reached without
    // inflating it, so the archive stops there.
    let first = GOOD.replace("thứ nhất", "một");
    let third = GOOD.replace("thứ nhất", "ba");
    let mut head = make::tar(&[("a.txt", first.as_bytes())]);
    head.truncate(head.len() - 1024); // drop the end-of-archive blocks
    head.extend_from_slice(
        make::tar_header("huge.txt", 10 << 30, tar::EntryType::Regular).as_bytes(),
    );
    let tail = make::tar(&[("c.txt", third.as_bytes())]);
    let stream = deflate_parts(&[Ok(&head), Err(10 * 1024), Ok(&tail)]);
    ws.write("in/bomb.tar.gz", &gzip_raw(&stream));
    let (records, rejects, peak) = convert_measured(&ws, &[]);
    let paths: Vec<&str> = records
        .iter()
        .filter_map(|r| r["source_path"].as_str())
        .collect();
    assert_eq!(paths, ["bomb.tar.gz!a.txt", "good.txt"]);
    assert_eq!(
        summary_of(&rejects),
        [
            ("bomb.tar.gz!huge.txt".to_string(), "too_large".to_string()),
            ("bomb.tar.gz".to_string(), "too_large".to_string()),
            ("bomb.txt.gz".to_string(), "too_large".to_string()),
        ]
    );
    assert!(
        rejects[1]["message"]
            .as_str()
            .is_some_and(|m| m.contains("members after this point could not be read")),
        "{}",
        rejects[1]
    );
    assert!(peak < LIMIT_KIB, "peak memory {peak} KiB");
    eprintln!("gzip and tar.gz bombs: peak {} MiB", peak / 1024);
}

/// A zip holding `fanout` copies of `inner` (deflated once), named `{prefix}{i}.zip`.
fn zip_of_copies(prefix: &str, inner: &[u8], fanout: usize) -> Vec<u8> {
    let data = deflate(inner);
    let crc = make::crc32(inner);
    let names: Vec<String> = (0..fanout).map(|i| format!("{prefix}{i}.zip")).collect();
    let entries: Vec<RawEntry> = names
        .iter()
        .map(|name| RawEntry {
            name,
            method: 8,
            data: &data,
            size: inner.len() as u64,
            crc,
        })
        .collect();
    make::raw_zip(&entries)
}

/// 42.zip's shape: five levels of zips, `fanout` copies each, leaves of `leaf_mib` MiB
/// of zeros.
fn nested(fanout: usize, leaf_mib: u64) -> Vec<u8> {
    let zeros = make::deflated_zeros(leaf_mib);
    let names: Vec<String> = (0..fanout).map(|i| format!("{i}.txt")).collect();
    let leaves: Vec<RawEntry> = names
        .iter()
        .map(|name| RawEntry {
            name,
            method: 8,
            data: &zeros,
            size: leaf_mib << 20,
            crc: 0,
        })
        .collect();
    let mut level = make::raw_zip(&leaves);
    for prefix in ["doc", "chapter", "book", "lib"] {
        level = zip_of_copies(prefix, &level, fanout);
    }
    level
}

#[test]
fn nested_zips_like_42_zip() {
    let ws = Workspace::new();
    ws.write("in/good.txt", GOOD.as_bytes());
    let bomb = nested(16, 256);
    eprintln!(
        "42.zip-style: {} bytes, 16^5 leaves of 256 MiB ({} TiB inflated)",
        bomb.len(),
        16u64.pow(5) * 256 / 1024 / 1024
    );
    ws.write("in/42.zip", &bomb);
    let (records, rejects, peak) = convert_measured(&ws, &[]);
    assert_eq!(records.len(), 1);
    assert_eq!(rejects.len(), 16 * 16 * 16, "every level-4 zip refused");
    assert!(rejects.iter().all(|r| r["reason"] == "too_deep"));
    assert_eq!(
        rejects[0]["source_path"],
        "42.zip!lib0.zip!book0.zip!chapter0.zip"
    );
    assert!(peak < LIMIT_KIB, "peak memory {peak} KiB");
    eprintln!("42.zip-style, --max-depth 3: peak {} MiB", peak / 1024);

    // Opened all the way down, every leaf is a bomb stopped by the ratio.
    let ws = Workspace::new();
    ws.write("in/good.txt", GOOD.as_bytes());
    ws.write("in/narrow.zip", &nested(2, 64));
    let (records, rejects, peak) = convert_measured(&ws, &["--max-depth", "5"]);
    assert_eq!(records.len(), 1);
    assert_eq!(rejects.len(), 32);
    assert!(
        rejects.iter().all(|r| r["reason"] == "too_large"),
        "{rejects:?}"
    );
    assert_eq!(
        rejects[31]["source_path"],
        "narrow.zip!lib1.zip!book1.zip!chapter1.zip!doc1.zip!1.txt"
    );
    assert!(peak < LIMIT_KIB, "peak memory {peak} KiB");
}
