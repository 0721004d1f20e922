//! Command-line types (clap derive) and their translation into the library's `Config`.
//! Nothing here does any work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use salvage::config::{Config, DEFAULT_MAX_DOC_SIZE};

/// Turn legacy news-article archives into clean, structured records.
#[derive(Debug, Parser)]
#[command(name = "salvage", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Convert(ConvertArgs),
}

/// Convert article dumps into records.jsonl, records.csv, rejects.jsonl and report.json.
///
/// Walks each INPUT (a file, or a folder searched recursively in sorted path order) and
/// converts every `.txt`/`.text` file and every file without an extension. Other files and
/// hidden files are skipped and counted in the report. A document that cannot be converted
/// becomes a line of rejects.jsonl with a reason code; the run goes on.
///
/// The last line on standard output is a JSON summary; messages go to standard error.
///
/// Exit status: 0 done (rejects are normal), 2 bad options, 65 rejects with --strict,
/// 66 an input does not exist, 73 the output cannot be created, 74 an I/O error.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Files or folders to convert.
    #[arg(default_value = "input")]
    pub inputs: Vec<PathBuf>,

    /// Folder to write the outputs into (created when missing).
    #[arg(short, long, default_value = "output", value_name = "DIR")]
    pub output: PathBuf,

    /// Worker threads [default: one per core]. The output is the same for any value.
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Exit with status 65 when any document was rejected.
    #[arg(long)]
    pub strict: bool,

    /// Reject documents larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_DOC_SIZE)]
    pub max_doc_size: u64,
}

impl ConvertArgs {
    /// The library configuration for these arguments.
    pub fn into_config(self, command_line: Vec<String>) -> Config {
        let mut config = Config::new(self.inputs, self.output);
        config.jobs = self.jobs.map(usize::from);
        config.max_doc_size = self.max_doc_size;
        config.command_line = command_line;
        config
    }
}
