//! `salvage verify`: checks bundle zips and bag folders, prints each verdict on standard
//! error and a JSON summary on standard output.

use salvage::verify::{self, Verdict};

use super::{EXIT_DATAERR, EXIT_NOINPUT};
use crate::cli::VerifyArgs;

pub fn run(args: &VerifyArgs) -> u8 {
    let missing: Vec<String> = args
        .paths
        .iter()
        .filter(|p| std::fs::symlink_metadata(p).is_err())
        .map(|p| p.display().to_string())
        .collect();
    if !missing.is_empty() {
        for path in &missing {
            eprintln!("salvage: error: not found: {path}");
        }
        println!(
            "{}",
            serde_json::json!({"status": "failed", "exit_code": EXIT_NOINPUT, "missing": missing})
        );
        return EXIT_NOINPUT;
    }
    let verdicts: Vec<Verdict> = args.paths.iter().map(|p| verify::verify(p)).collect();
    for verdict in &verdicts {
        if verdict.is_valid() {
            eprintln!(
                "{}: valid ({} payload files, {} bytes)",
                verdict.path, verdict.payload_files, verdict.payload_bytes
            );
        } else {
            eprintln!("{}: INVALID", verdict.path);
            for problem in &verdict.problems {
                eprintln!("  - {problem}");
            }
        }
        for note in &verdict.notes {
            eprintln!("  note: {note}");
        }
    }
    let valid = verdicts.iter().all(Verdict::is_valid);
    let code = if valid { 0 } else { EXIT_DATAERR };
    println!(
        "{}",
        serde_json::json!({
            "status": if valid { "valid" } else { "invalid" },
            "exit_code": code,
            "bags": verdicts,
        })
    );
    code
}
