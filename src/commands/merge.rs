//! `salvage merge`: combines shard output folders, and prints the JSON summary as the
//! last line of standard output.

use tracing::info;

use super::convert::summary_line;
use super::{logging, report_failure};
use crate::cli::MergeArgs;

pub fn run(args: MergeArgs, command_line: Vec<String>) -> u8 {
    logging::init(&args.log, None);
    let (shards, config) = args.into_config(command_line);
    info!(shards = shards.len(), output = %config.output_dir.display(), "merging");
    match salvage::merge::merge(&shards, &config) {
        Ok(summary) => {
            info!(
                records = summary.counts.records,
                rejects = summary.counts.rejects,
                duplicates = summary.counts.duplicates,
                "merged"
            );
            println!("{}", summary_line(&summary, 0));
            0
        }
        Err(err) => report_failure(&err),
    }
}
