//! The decoding options `convert`, `repair` and `inspect` share (clap derive): a forced
//! encoding (checked against the encodings salvage knows, so a typo is a usage error) and
//! the tone style, and their translation into the library's [`DecodeOptions`]. Nothing
//! here does any work.

use clap::{Args, ValueEnum};
use salvage::decode::DecodeOptions;
use salvage::decode::tone::ToneStyle;

/// Decoding options shared by `convert`, `repair` and `inspect`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Decoding")]
pub struct DecodeArgs {
    /// Decode every document as LABEL (tcvn3, vni, viscii, vps, viqr, windows-1258, or any
    /// WHATWG label) instead of detecting. Repairs still run.
    #[arg(long, value_name = "LABEL", value_parser = known_encoding)]
    pub encoding: Option<String>,

    /// Where tone marks go in oa, oe, uy: keep as written, new (hoà, thuỷ), old (hòa, thủy).
    #[arg(long, value_enum, default_value_t = ToneStyleArg::Keep, value_name = "STYLE")]
    pub tone_style: ToneStyleArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ToneStyleArg {
    Keep,
    New,
    Old,
}

impl DecodeArgs {
    pub fn options(&self) -> DecodeOptions {
        DecodeOptions {
            forced_encoding: self.encoding.clone(),
            tone_style: match self.tone_style {
                ToneStyleArg::Keep => ToneStyle::Keep,
                ToneStyleArg::New => ToneStyle::New,
                ToneStyleArg::Old => ToneStyle::Old,
            },
        }
    }
}

fn known_encoding(label: &str) -> Result<String, String> {
    if salvage::decode::is_known_encoding(label) {
        Ok(label.to_ascii_lowercase())
    } else {
        Err(format!(
            "unknown encoding `{label}` (try tcvn3, vni, viscii, vps, viqr, windows-1258, utf-8)"
        ))
    }
}
