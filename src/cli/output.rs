//! The output options `convert` and `merge` share (clap derive): the folder, the record
//! formats, bundles and their labels, and CSV options, with their translation into the
//! library's [`Config`]. Nothing here does any work.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use salvage::config::{BundleBy, BundleOptions, Config, CsvOptions, Formats, PackageInfo};

/// Where and in which formats the records are written.
#[derive(Debug, Args)]
#[command(next_help_heading = "Outputs")]
pub struct OutputArgs {
    /// Folder to write the outputs into (created when missing).
    #[arg(short, long, default_value = "output", value_name = "DIR")]
    pub output: PathBuf,

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

    /// Deflate level of the bundles' zip entries, from 1 (fastest) to 9 (smallest).
    #[arg(long, default_value_t = salvage::config::DEFAULT_BUNDLE_LEVEL, value_parser = clap::value_parser!(u32).range(1..=9), value_name = "1-9")]
    pub bundle_level: u32,

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

impl OutputArgs {
    /// Whether bundles are written.
    pub fn bundle(&self) -> bool {
        self.format.contains(&FormatArg::Bundle)
    }

    /// Sets the output folder, formats, bundle, package and CSV options of `config`;
    /// `keep_originals` is the caller's (only `convert` has the originals).
    pub fn apply(self, config: &mut Config, keep_originals: bool) {
        config.output_dir = self.output;
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
            keep_originals,
            level: self.bundle_level,
        };
        config.package = PackageInfo {
            organization: self.organization,
            description: self.description,
            license: self.license,
            source: self.source,
            source_url: self.source_url,
        };
    }
}
