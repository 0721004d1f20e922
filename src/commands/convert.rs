//! `salvage convert`: runs the pipeline (or, with `--dry-run`, only plans it), logs what
//! happened, and prints the JSON summary as the last line of standard output.

use salvage::pipeline::{self, Plan, Summary, select::Decision};
use tracing::info;

use super::progress::Bar;
use super::{EXIT_DATAERR, logging, report_failure};
use crate::cli::ConvertArgs;

pub fn run(args: ConvertArgs, command_line: Vec<String>) -> u8 {
    let shard = match args.check() {
        Ok(shard) => shard,
        Err(usage) => usage.exit(),
    };
    let (strict, dry_run, log) = (args.strict, args.dry_run, args.log);
    let config = args.into_config(shard, command_line);
    if dry_run {
        logging::init(&log, None);
        return match pipeline::plan(&config) {
            Ok(plan) => print_plan(&plan),
            Err(err) => report_failure(&err),
        };
    }
    let bar = Bar::for_run(&config.inputs, &log);
    logging::init(&log, bar.as_ref().map(|b| b.bar.clone()));
    info!(
        inputs = ?config.inputs,
        output = %config.output_dir.display(),
        shard = config.shard.map(|s| s.to_string()),
        incremental = config.incremental,
        "converting"
    );
    let result = match &bar {
        Some(bar) => pipeline::run_with_progress(&config, bar),
        None => pipeline::run(&config),
    };
    if let Some(bar) = &bar {
        bar.finish();
    }
    match result {
        Ok(summary) => {
            let code = if strict && summary.counts.rejects > 0 {
                EXIT_DATAERR
            } else {
                0
            };
            info!(
                documents = summary.counts.documents,
                records = summary.counts.records,
                rejects = summary.counts.rejects,
                duplicates = summary.counts.duplicates,
                unchanged_files = summary.unchanged_files,
                resumed_chunks = summary.resumed_chunks,
                seconds = summary.seconds,
                "done"
            );
            println!("{}", summary_line(&summary, code));
            code
        }
        Err(err) => report_failure(&err),
    }
}

/// The one-line JSON summary of a finished run.
pub fn summary_line(summary: &Summary, code: u8) -> String {
    serde_json::json!({
        "status": if code == 0 { "ok" } else { "rejects" },
        "exit_code": code,
        "documents": summary.counts.documents,
        "records": summary.counts.records,
        "rejects": summary.counts.rejects,
        "duplicates": summary.counts.duplicates,
        "skipped": summary.skipped,
        "skipped_unchanged": summary.unchanged_files,
        "resumed_chunks": summary.resumed_chunks,
        "seconds": (summary.seconds * 1000.0).round() / 1000.0,
    })
    .to_string()
}

/// `--dry-run`: one line per source file (what would happen, the input, the path), then
/// the summary.
fn print_plan(plan: &Plan) -> u8 {
    for (decision, input, path) in &plan.files {
        let what = match decision {
            Decision::Convert => "convert",
            Decision::Unchanged => "unchanged",
            Decision::OtherShard => continue,
        };
        println!("{what}\t{input}\t{}", salvage::untrusted::terminal(path));
    }
    for (input, path) in &plan.deleted {
        println!("deleted\t{input}\t{}", salvage::untrusted::terminal(path));
    }
    let line = serde_json::json!({
        "status": "dry-run",
        "exit_code": 0,
        "would_convert": plan.convert,
        "unchanged": plan.unchanged,
        "other_shards": plan.other_shard,
        "deleted": plan.deleted.len(),
    });
    println!("{line}");
    0
}
