//! `salvage verify` on good bundles, damaged bundles, things that are not bundles, and paths
//! that do not exist.

use std::fs;

use super::{GOOD, bundles, entry, run};
use crate::util::Workspace;

#[test]
fn verify_catches_a_changed_byte_and_a_missing_path() {
    let ws = Workspace::new();
    ws.write("in/good.txt", GOOD.as_bytes());
    run(
        &ws,
        &["convert", "in", "-o", "out", "--format", "bundle"],
        0,
    );
    let zip = bundles(&ws.path("out")).remove(0);
    let stem = zip.file_stem().unwrap().to_string_lossy().into_owned();

    // Unzipped, then one payload byte changed.
    let bag = ws.path(&format!("bag/{stem}"));
    let mut archive = zip::ZipArchive::new(fs::File::open(&zip).unwrap()).unwrap();
    archive.extract(ws.path("bag")).expect("unzip");
    run(&ws, &["verify", bag.to_str().unwrap()], 0);
    let csv_path = bag.join("data/records.csv");
    let mut bytes = fs::read(&csv_path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    fs::write(&csv_path, bytes).unwrap();
    let output = run(&ws, &["verify", bag.to_str().unwrap()], 65);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("data/records.csv: sha256 checksum"),
        "{stderr}"
    );

    // A file added to the payload without a manifest line.
    fs::write(&csv_path, entry(&zip, "data/records.csv")).unwrap();
    fs::write(bag.join("data/extra.txt"), b"x").unwrap();
    let output = run(&ws, &["verify", bag.to_str().unwrap()], 65);
    assert!(String::from_utf8_lossy(&output.stderr).contains("data/extra.txt is not listed"));

    // A byte changed inside the zip file itself.
    let mut raw = fs::read(&zip).unwrap();
    let at = raw.len() / 3;
    raw[at] ^= 0x55;
    fs::write(ws.path("broken.zip"), raw).unwrap();
    run(&ws, &["verify", "broken.zip"], 65);

    // Not a zip at all, and a path that does not exist.
    fs::write(ws.path("not.zip"), b"hello").unwrap();
    run(&ws, &["verify", "not.zip"], 65);
    run(&ws, &["verify", zip.to_str().unwrap(), "missing.zip"], 66);
}
