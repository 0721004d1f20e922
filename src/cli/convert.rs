//! `salvage convert`'s arguments (clap derive) and their translation into the library's
//! [`Config`]. Nothing here does any work; the checks clap cannot express (bundle options
//! without bundles, a shard and an incremental state together) are in [`ConvertArgs::check`].

use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory};
use salvage::config::{
    Config, DEFAULT_CHUNK_SIZE, DEFAULT_MAX_DEPTH, DEFAULT_MAX_DOC_SIZE, DEFAULT_MAX_RATIO,
};
use salvage::shard::Shard;
use salvage::sources::split::Splitter;

use super::log::LogArgs;
use super::output::{BundleByArg, FormatArg, OutputArgs};
use super::{Cli, DecodeArgs};

/// Convert article dumps into records (JSONL, CSV, Parquet), bundles, rejects and a report.
///
/// Walks each INPUT (a file, or a folder searched recursively in sorted path order) and
/// converts every `.txt`/`.text`/`.html`/`.htm` file and every file without an extension,
/// inside .zip, .tar, .tar.gz/.tgz, .gz and WARC (.warc, .warc.gz) files too, archives
/// inside archives included. Text dumps holding several articles are cut at separator
/// lines. Other files and hidden files are skipped and counted in the report. A document
/// that cannot be converted becomes a line of rejects.jsonl with a reason code; the run
/// goes on. The same bytes found twice give one record (duplicates.jsonl lists the copies).
///
/// Writes the --format files, and always rejects.jsonl, duplicates.jsonl, report.json and,
/// last, _SUCCESS. Every file appears whole or not at all. Record files of formats not
/// asked for and bundles of earlier runs are removed. A run that was killed is finished
/// by the same command, from its checkpoints (.salvage-work/ in the output folder).
///
/// The last line on standard output is a JSON summary; messages go to standard error.
///
/// Exit status: 0 done (rejects are normal), 2 bad options, 65 rejects with --strict or
/// more than --max-rejects, 66 an input does not exist, 73 the output cannot be created,
/// 74 an I/O error, 75 another run is writing into the output folder (retry later).
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Files or folders to convert.
    #[arg(default_value = "input")]
    pub inputs: Vec<PathBuf>,

    /// Worker threads [default: one per core]. The output is the same for any value.
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Exit with status 65 when any document was rejected.
    #[arg(long)]
    pub strict: bool,

    /// Stop with status 65, writing nothing, once more than N documents were rejected.
    #[arg(long, value_name = "N")]
    pub max_rejects: Option<u64>,

    /// Convert only sources that are new or changed since the last --incremental run into
    /// this folder (salvage-state.json), as a new part: records-0002.jsonl and so on.
    #[arg(long)]
    pub incremental: bool,

    /// Convert only shard K of N (K/N, 1-based) of the source files, by a stable hash of
    /// their path, or `auto` to read it from the scheduler (Kubernetes, Slurm, AWS Batch,
    /// Google Cloud Batch). Merge the shards' folders with `salvage merge`.
    #[arg(long, value_name = "K/N|auto", value_parser = shard_arg)]
    pub shard: Option<ShardArg>,

    /// The number of shards, for --shard auto where the scheduler does not say
    /// (a Kubernetes Indexed Job's completions).
    #[arg(long, value_name = "N", requires = "shard")]
    pub shards: Option<u32>,

    /// List the source files that would be converted (and, with --incremental, those
    /// skipped as unchanged) without reading or writing anything.
    #[arg(long)]
    pub dry_run: bool,

    /// Documents per parallel chunk, and per checkpoint.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_CHUNK_SIZE as u16,
          value_parser = clap::value_parser!(u16).range(1..))]
    pub chunk_size: u16,

    /// Reject documents larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_DOC_SIZE)]
    pub max_doc_size: u64,

    /// Reject compressed members and streams that inflate more than N times their
    /// compressed size (checked past 1 MiB): decompression bombs.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_RATIO,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_ratio: u64,

    /// Open archives inside archives this many levels deep (a zip on disk is level 1);
    /// deeper ones are rejected as too_deep.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_DEPTH)]
    pub max_depth: u32,

    /// Cut text dumps into articles where this regular expression matches (multi-line:
    /// ^ and $ match at line ends) [default: a line of 5+ `=` or `-`, or a form feed].
    #[arg(long, value_name = "REGEX", value_parser = separator, conflicts_with = "no_split")]
    pub split_on: Option<Splitter>,

    /// Read every text dump as one article, without looking for separators.
    #[arg(long)]
    pub no_split: bool,

    #[command(flatten)]
    pub output: OutputArgs,

    /// Copy each record's source bytes into its bundle, under data/originals/.
    #[arg(long)]
    pub keep_originals: bool,

    #[command(flatten)]
    pub decode: DecodeArgs,

    #[command(flatten)]
    pub log: LogArgs,
}

/// `--shard`: a fixed shard, or the scheduler's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShardArg {
    Fixed(Shard),
    Auto,
}

fn shard_arg(text: &str) -> Result<ShardArg, String> {
    match text {
        "auto" => Ok(ShardArg::Auto),
        _ => Shard::parse(text).map(ShardArg::Fixed),
    }
}

fn separator(pattern: &str) -> Result<Splitter, String> {
    Splitter::new(pattern).map_err(|err| format!("not a regular expression: {err}"))
}

impl ConvertArgs {
    /// Refuses what clap cannot: bundle options without bundles, a shard that cannot be
    /// worked out, sharded incremental runs. Returns the shard.
    pub fn check(&self) -> Result<Option<Shard>, clap::Error> {
        let usage = |kind, message: String| Cli::command().error(kind, message);
        let bundle_options = self.keep_originals || self.output.bundle_by != BundleByArg::None;
        if bundle_options && !self.output.bundle() {
            return Err(usage(
                ErrorKind::ArgumentConflict,
                "--bundle-by and --keep-originals need `bundle` in --format".to_string(),
            ));
        }
        let shard = match self.shard {
            None => None,
            Some(ShardArg::Fixed(shard)) => Some(shard),
            Some(ShardArg::Auto) => {
                let shard = Shard::from_scheduler(self.shards, |name| std::env::var(name).ok())
                    .map_err(|message| usage(ErrorKind::ValueValidation, message))?;
                Some(shard)
            }
        };
        if shard.is_some() && self.incremental {
            return Err(usage(
                ErrorKind::ArgumentConflict,
                "--shard and --incremental cannot be used together yet: run each shard as a full run and merge".to_string(),
            ));
        }
        Ok(shard)
    }

    /// The library configuration for these arguments, converting `shard`.
    pub fn into_config(self, shard: Option<Shard>, command_line: Vec<String>) -> Config {
        let mut config = Config::new(self.inputs, PathBuf::new());
        let mut output = self.output;
        // `merge` reads a shard's records.jsonl: a shard always writes it.
        if shard.is_some() && !output.format.contains(&FormatArg::Jsonl) {
            output.format.push(FormatArg::Jsonl);
        }
        output.apply(&mut config, self.keep_originals);
        config.jobs = self.jobs.map(usize::from);
        config.max_doc_size = self.max_doc_size;
        config.max_ratio = self.max_ratio;
        config.max_depth = self.max_depth;
        if self.no_split {
            config.split = None;
        } else if let Some(splitter) = self.split_on {
            config.split = Some(splitter);
        }
        config.chunk_size = usize::from(self.chunk_size);
        config.command_line = command_line;
        config.decode = self.decode.options();
        config.incremental = self.incremental;
        config.shard = shard;
        config.max_rejects = self.max_rejects;
        config
    }
}
