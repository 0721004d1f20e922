//! The BagIt checks themselves, on any [`BagFiles`]: the declaration, the manifests'
//! syntax and completeness, every checksum (each file read once, every algorithm computed
//! on the way), `Payload-Oxum`, and the tag manifests. Findings go into the [`Verdict`].

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

use sha2::{Digest, Sha256, Sha512};

use super::Verdict;
use super::files::BagFiles;
use super::manifest::{read_manifests, read_text, tag_lines};

/// Checksum algorithms salvage computes.
const SUPPORTED: [&str; 2] = ["sha256", "sha512"];

pub fn check(bag: &mut dyn BagFiles, verdict: &mut Verdict) {
    let files = bag.files();
    let present: BTreeSet<&str> = files.iter().map(String::as_str).collect();
    check_declaration(bag, &present, verdict);

    let manifests = read_manifests(bag, &files, "manifest-", verdict);
    let tag_manifests = read_manifests(bag, &files, "tagmanifest-", verdict);
    if manifests.is_empty() {
        verdict
            .problems
            .push("no payload manifest (manifest-<algorithm>.txt)".into());
    } else if !manifests
        .iter()
        .any(|m| SUPPORTED.contains(&m.algorithm.as_str()))
    {
        verdict
            .problems
            .push("no manifest salvage can check (sha256 or sha512)".into());
    }
    for manifest in manifests.iter().chain(&tag_manifests) {
        if !SUPPORTED.contains(&manifest.algorithm.as_str()) {
            verdict.notes.push(format!(
                "{}: {} checksums not checked, only completeness",
                manifest.file, manifest.algorithm
            ));
        }
    }

    let payload: Vec<&String> = files.iter().filter(|f| f.starts_with("data/")).collect();
    verdict.payload_files = payload.len() as u64;
    for manifest in &manifests {
        for path in &payload {
            if !manifest.entries.contains_key(path.as_str()) {
                verdict
                    .problems
                    .push(format!("{path} is not listed in {}", manifest.file));
            }
        }
        for path in manifest.entries.keys() {
            if !path.starts_with("data/") {
                verdict
                    .problems
                    .push(format!("{}: {path} is outside data/", manifest.file));
            } else if !present.contains(path.as_str()) {
                verdict
                    .problems
                    .push(format!("{path} is listed in {} but missing", manifest.file));
            }
        }
    }
    for manifest in &tag_manifests {
        for path in manifest.entries.keys() {
            if !present.contains(path.as_str()) {
                verdict
                    .problems
                    .push(format!("{path} is listed in {} but missing", manifest.file));
            }
        }
    }

    let mut to_hash: BTreeSet<&str> = payload.iter().map(|p| p.as_str()).collect();
    for manifest in &tag_manifests {
        to_hash.extend(manifest.entries.keys().map(String::as_str));
    }
    let mut payload_bytes = 0;
    for path in to_hash {
        if !present.contains(path) {
            continue;
        }
        let Some((bytes, digests)) = digest_file(bag, path, verdict) else {
            continue;
        };
        if path.starts_with("data/") {
            payload_bytes += bytes;
        }
        for manifest in manifests.iter().chain(&tag_manifests) {
            let expected = manifest.entries.get(path);
            let actual = digests.get(manifest.algorithm.as_str());
            if let (Some(expected), Some(actual)) = (expected, actual)
                && !expected.eq_ignore_ascii_case(actual)
            {
                verdict.problems.push(format!(
                    "{path}: {} checksum {actual} does not match {expected} in {}",
                    manifest.algorithm, manifest.file
                ));
            }
        }
    }
    verdict.payload_bytes = payload_bytes;
    check_oxum(bag, &present, verdict);
}

fn check_declaration(bag: &mut dyn BagFiles, present: &BTreeSet<&str>, verdict: &mut Verdict) {
    if !present.contains("bagit.txt") {
        verdict
            .problems
            .push("bagit.txt is missing: this is not a bag".into());
        return;
    }
    let Some(text) = read_text(bag, "bagit.txt", verdict) else {
        return;
    };
    let tags = tag_lines(&text);
    let value = |label: &str| {
        tags.iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.as_str())
    };
    match value("BagIt-Version") {
        Some("1.0" | "0.97") => {}
        Some(other) => verdict
            .problems
            .push(format!("bagit.txt: unknown BagIt-Version {other}")),
        None => verdict.problems.push("bagit.txt: no BagIt-Version".into()),
    }
    match value("Tag-File-Character-Encoding") {
        Some(encoding) if encoding.eq_ignore_ascii_case("utf-8") => {}
        Some(other) => verdict.problems.push(format!(
            "bagit.txt: tag files are {other}; salvage reads UTF-8 only"
        )),
        None => verdict
            .problems
            .push("bagit.txt: no Tag-File-Character-Encoding".into()),
    }
}

/// Size and every supported digest of `path`, read once.
fn digest_file(
    bag: &mut dyn BagFiles,
    path: &str,
    verdict: &mut Verdict,
) -> Option<(u64, BTreeMap<&'static str, String>)> {
    let mut sha256 = Sha256::new();
    let mut sha512 = Sha512::new();
    let mut bytes = 0u64;
    let result = bag.open(path).and_then(|mut reader| {
        let mut buffer = vec![0u8; 1 << 16];
        loop {
            let n = reader
                .read(&mut buffer)
                .map_err(|err| format!("cannot read {path}: {err}"))?;
            if n == 0 {
                return Ok(());
            }
            sha256.update(&buffer[..n]);
            sha512.update(&buffer[..n]);
            bytes += n as u64;
        }
    });
    if let Err(problem) = result {
        verdict.problems.push(problem);
        return None;
    }
    let hex = |digest: &[u8]| {
        digest
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let mut digests = BTreeMap::new();
    digests.insert("sha256", hex(&sha256.finalize()));
    digests.insert("sha512", hex(&sha512.finalize()));
    Some((bytes, digests))
}

fn check_oxum(bag: &mut dyn BagFiles, present: &BTreeSet<&str>, verdict: &mut Verdict) {
    if !present.contains("bag-info.txt") {
        return;
    }
    let Some(text) = read_text(bag, "bag-info.txt", verdict) else {
        return;
    };
    let Some((_, oxum)) = tag_lines(&text)
        .into_iter()
        .find(|(l, _)| l == "Payload-Oxum")
    else {
        return;
    };
    let expected = format!("{}.{}", verdict.payload_bytes, verdict.payload_files);
    if oxum != expected {
        verdict.problems.push(format!(
            "bag-info.txt: Payload-Oxum is {oxum} but the payload is {expected} (bytes.files)"
        ));
    }
}
