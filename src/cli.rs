//! Command-line types (clap derive) and their translation into the library's settings.
//! Nothing here does any work.

use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use salvage::config::{
    BundleBy, BundleOptions, Config, CsvOptions, DEFAULT_MAX_DEPTH, DEFAULT_MAX_DOC_SIZE,
    DEFAULT_MAX_RATIO, Formats, PackageInfo,
};
use salvage::schema::sql::{DEFAULT_TABLE, Dialect, is_table_name};
use salvage::sources::split::Splitter;

mod decode;
pub use decode::DecodeArgs;

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
    Repair(RepairArgs),
    Verify(VerifyArgs),
    Schema(SchemaArgs),
    Inspect(InspectArgs),
}

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
/// last, _SUCCESS.
/// Record files of formats not asked for and bundles of earlier runs are removed.
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

    /// Record formats to write, comma-separated.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "jsonl,csv,bundle"
    )]
    pub format: Vec<FormatArg>,

    /// Split bundles by publication year or month, or by the folder under the INPUT.
    /// Records without a date, and rejects, go to the `undated` bundle.
    #[arg(long, value_enum, default_value_t = BundleByArg::None, value_name = "HOW")]
    pub bundle_by: BundleByArg,

    /// Copy each record's source bytes into its bundle, under data/originals/.
    #[arg(long)]
    pub keep_originals: bool,

    /// Source-Organization for bag-info.txt; the publisher in datapackage.json.
    #[arg(long, value_name = "NAME")]
    pub organization: Option<String>,

    /// External-Description for bag-info.txt and datapackage.json [default: counts].
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,

    /// Licence of the data, as an SPDX identifier (e.g. CC-BY-4.0), for datapackage.json.
    #[arg(long, value_name = "SPDX")]
    pub license: Option<String>,

    /// Where the dumps came from (a title), for datapackage.json.
    #[arg(long, value_name = "TITLE")]
    pub source: Option<String>,

    /// A web address for --source, for datapackage.json.
    #[arg(long, value_name = "URL")]
    pub source_url: Option<String>,

    /// Start records.csv with a UTF-8 byte-order mark (for spreadsheets; PostgreSQL
    /// does not strip it).
    #[arg(long)]
    pub csv_bom: bool,

    /// Prefix text cells that start with = + - @ (or tab, CR) with ' in records.csv, so
    /// spreadsheets show them instead of running them. Alters the data.
    #[arg(long)]
    pub csv_formula_guard: bool,

    #[command(flatten)]
    pub decode: DecodeArgs,
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Jsonl,
    Csv,
    Parquet,
    Bundle,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BundleByArg {
    None,
    Year,
    Month,
    Source,
}

impl ConvertArgs {
    /// Refuses bundle options when no bundle is written (clap cannot say that itself).
    pub fn check(&self) -> Result<(), clap::Error> {
        let bundle = self.format.contains(&FormatArg::Bundle);
        let bundle_options = self.keep_originals || self.bundle_by != BundleByArg::None;
        if bundle_options && !bundle {
            return Err(Cli::command().error(
                ErrorKind::ArgumentConflict,
                "--bundle-by and --keep-originals need `bundle` in --format",
            ));
        }
        Ok(())
    }

    /// The library configuration for these arguments.
    pub fn into_config(self, command_line: Vec<String>) -> Config {
        let mut config = Config::new(self.inputs, self.output);
        config.jobs = self.jobs.map(usize::from);
        config.max_doc_size = self.max_doc_size;
        config.max_ratio = self.max_ratio;
        config.max_depth = self.max_depth;
        if self.no_split {
            config.split = None;
        } else if let Some(splitter) = self.split_on {
            config.split = Some(splitter);
        }
        config.command_line = command_line;
        config.formats = Formats {
            jsonl: self.format.contains(&FormatArg::Jsonl),
            csv: self.format.contains(&FormatArg::Csv),
            parquet: self.format.contains(&FormatArg::Parquet),
            bundle: self.format.contains(&FormatArg::Bundle),
        };
        config.csv = CsvOptions {
            bom: self.csv_bom,
            formula_guard: self.csv_formula_guard,
        };
        config.bundle = BundleOptions {
            by: match self.bundle_by {
                BundleByArg::None => BundleBy::None,
                BundleByArg::Year => BundleBy::Year,
                BundleByArg::Month => BundleBy::Month,
                BundleByArg::Source => BundleBy::Source,
            },
            keep_originals: self.keep_originals,
        };
        config.decode = self.decode.options();
        config.package = PackageInfo {
            organization: self.organization,
            description: self.description,
            license: self.license,
            source: self.source,
            source_url: self.source_url,
        };
        config
    }
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

fn separator(pattern: &str) -> Result<Splitter, String> {
    Splitter::new(pattern).map_err(|err| format!("not a regular expression: {err}"))
}

fn table_name(name: &str) -> Result<String, String> {
    if is_table_name(name) {
        Ok(name.to_string())
    } else {
        Err("use letters, digits and _ (not first), optionally qualified with dots".into())
    }
}
