//! How commands that run for long report on standard error (clap derive): the log format,
//! `--quiet` and `--verbose`. Nothing here does any work.

use clap::{Args, ValueEnum};

/// Logging options shared by `convert` and `merge`.
#[derive(Clone, Copy, Debug, Args)]
#[command(next_help_heading = "Logging")]
pub struct LogArgs {
    /// Messages on standard error as plain text, or one JSON object per line (for log
    /// collectors: timestamp, level, message and fields).
    #[arg(long, value_enum, default_value_t = LogFormat::Text, value_name = "FORMAT")]
    pub log_format: LogFormat,

    /// Print only warnings and errors on standard error, and no progress bar.
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also print each rejected document and each chunk as it is written.
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}
