//! Command-line types (clap derive) and their translation into the library's settings.
//! Nothing here does any work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use salvage::config::DEFAULT_MAX_DOC_SIZE;
use salvage::schema::sql::{DEFAULT_TABLE, Dialect, is_table_name};

mod convert;
mod decode;
mod log;
mod merge;
mod output;
pub use convert::ConvertArgs;
pub use decode::DecodeArgs;
pub use log::{LogArgs, LogFormat};
pub use merge::MergeArgs;

/// Turn legacy news-article archives into clean, structured records.
#[derive(Debug, Parser)]
#[command(name = "salvage", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Convert(Box<ConvertArgs>),
    Merge(Box<MergeArgs>),
    Repair(RepairArgs),
    Verify(VerifyArgs),
    Schema(SchemaArgs),
    Inspect(InspectArgs),
}

/// Repair text: decode it whatever its encoding and undo mojibake, like ftfy's command line.
///
/// Reads FILE (or standard input) and writes the clean UTF-8, NFC text to standard output.
/// The encoding is detected (TCVN3, VNI, VISCII, VPS, VIQR, windows-1258, UTF-16, and
/// chardetng's encodings); mojibake, lost bytes, legacy-font runs and HTML character
/// references are repaired; spaces and invisible characters are cleaned.
///
/// Exit status: 0 repaired, 65 the input is not text (binary), 66 FILE does not exist.
#[derive(Debug, Args)]
pub struct RepairArgs {
    /// The file to repair [default: standard input].
    pub file: Option<PathBuf>,

    /// Repair each line on its own (for a file of unrelated lines, such as ftfy's tests).
    #[arg(long)]
    pub lines: bool,

    /// Print one JSON object per document (per line with --lines): encoding,
    /// encoding_confidence, repairs, warnings, text.
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub decode: DecodeArgs,
}

/// Show what each stage saw and decided for one document, and the record it gives.
///
/// Prints the container, size and hints, the format, every candidate encoding with its
/// score and the one chosen, each repair with an excerpt before and after, the lines or
/// page elements each field came from, and the record (or the reject), converting the
/// document exactly as `convert` does.
///
/// Text from the document is escaped: no control character or terminal escape from it is
/// printed. Colour only when standard output is a terminal and NO_COLOR is unset.
///
/// Exit status: 0 the document gives a record, 65 it is rejected, 66 FILE or the member
/// does not exist, 2 bad options (a folder without --member).
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The document, or a folder that holds it (then name it with --member).
    pub file: PathBuf,

    /// The document's path inside FILE, as `source_path` in the records (`/`-separated).
    #[arg(long, value_name = "PATH")]
    pub member: Option<String>,

    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,

    /// Reject the document when larger than this many bytes, as convert does.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_DOC_SIZE)]
    pub max_doc_size: u64,

    #[command(flatten)]
    pub decode: DecodeArgs,
}

/// Check bundles: structure, Payload-Oxum and every checksum of every manifest.
///
/// Each PATH is a bundle zip or an unzipped bag folder. What is wrong is printed on
/// standard error; the last line on standard output is a JSON summary.
///
/// Exit status: 0 every bag is valid, 65 at least one is not, 66 a PATH does not exist
/// (nothing is checked then).
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Bundle zips or bag folders.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Print the record's JSON Schema (draft 2020-12), or with --sql a CREATE TABLE that
/// records.csv loads into as written.
///
/// Lists (repairs, captions, warnings) are JSON array text in the CSV, so their columns
/// are jsonb (PostgreSQL) or JSON (DuckDB, BigQuery).
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Print a CREATE TABLE for this database instead of the JSON Schema.
    #[arg(long, value_enum, value_name = "DATABASE")]
    pub sql: Option<SqlArg>,

    /// Table name for --sql (may be qualified: schema.table, dataset.table).
    #[arg(long, default_value = DEFAULT_TABLE, value_parser = table_name, value_name = "NAME")]
    pub table: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SqlArg {
    Postgres,
    Duckdb,
    Bigquery,
}

impl SqlArg {
    pub fn dialect(self) -> Dialect {
        match self {
            SqlArg::Postgres => Dialect::Postgres,
            SqlArg::Duckdb => Dialect::DuckDb,
            SqlArg::Bigquery => Dialect::BigQuery,
        }
    }
}

fn table_name(name: &str) -> Result<String, String> {
    if is_table_name(name) {
        Ok(name.to_string())
    } else {
        Err("use letters, digits and _ (not first), optionally qualified with dots".into())
    }
}
