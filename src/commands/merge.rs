//! `salvage merge`: combines shard output folders, and prints the JSON summary as the
//! last line of standard output.

use tracing::{error, info};

use super::convert::summary_line;
use super::{failure, logging};
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
        Err(err) => {
            let (code, line) = failure(&err);
            error!(exit_code = code, "{err:#}");
            println!("{line}");
            code
        }
    }
}
