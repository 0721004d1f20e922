//! `salvage merge`'s arguments (clap derive) and their translation into the library's
//! [`Config`]. Nothing here does any work.

use std::path::PathBuf;

use clap::Args;
use salvage::config::Config;

use super::DecodeArgs;
use super::log::LogArgs;
use super::output::OutputArgs;

/// Combine the output folders of a sharded job into the outputs of one run.
///
/// Each SHARD_DIR is the output folder of `salvage convert --shard K/N`. The merged
/// records are in the order one run over all the inputs gives, duplicates are decided
/// across shards, and bundles and the report are made again.
///
/// Exit status: 0 merged, 2 bad options, 65 a shard is missing, doubled, unfinished or
/// from another job (nothing is written then), 66 a SHARD_DIR does not exist, 73 the
/// output cannot be created, 74 an I/O error, 75 another run is writing into the output.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The shards' output folders, all N of them, in any order.
    #[arg(required = true, value_name = "SHARD_DIR")]
    pub shards: Vec<PathBuf>,

    #[command(flatten)]
    pub output: OutputArgs,

    /// The decoding options the shards were converted with (for the report's samples).
    #[command(flatten)]
    pub decode: DecodeArgs,

    #[command(flatten)]
    pub log: LogArgs,
}

impl MergeArgs {
    /// The library configuration for the merged output.
    pub fn into_config(self, command_line: Vec<String>) -> (Vec<PathBuf>, Config) {
        let mut config = Config::new(Vec::new(), PathBuf::new());
        self.output.apply(&mut config, false);
        config.command_line = command_line;
        config.decode = self.decode.options();
        (self.shards, config)
    }
}
