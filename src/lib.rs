//! salvage turns legacy news-article archives (saved pages and plain-text dumps, in
//! whatever encoding they were left in) into clean, structured records.
//!
//! The flow, one module per stage:
//!
//! ```text
//! sources ──RawDoc──▶ decode ──Decoded──▶ extract ──Fields──▶ sinks
//!  (files,             (sniff, detect,      (text dumps: dates,    (records.jsonl,
//!   folders)            normalize)           datelines, bylines)    records.csv, rejects,
//!                                                                   report.json)
//!      └──────────── any stage may answer with a Reject{source_path, stage, reason} ─┘
//! ```
//!
//! [`pipeline::run`] wires the stages: sources are read in a stable order, documents are
//! converted in parallel chunks by [`process::process`], and the sinks receive outcomes
//! in input order, so the output is identical whatever the number of threads.
//!
//! ```
//! use salvage::decode::decode;
//! use salvage::extract::text;
//!
//! let dump = "Thứ ba,\u{a0}19/01/2021\n\nTiêu đề bài báo\n\nLSO-Ngày 22/5/2020, một sự kiện.\n\nĐoạn thân bài.\n\nĐỖ HOẠT";
//! let decoded = decode(dump.as_bytes()).unwrap();
//! assert_eq!(decoded.repairs, ["nbsp"]);
//! let fields = text::extract(&decoded.text).unwrap();
//! assert_eq!(fields.title, "Tiêu đề bài báo");
//! assert_eq!(fields.dateline.as_deref(), Some("LSO"));
//! assert_eq!(fields.author.as_deref(), Some("ĐỖ HOẠT"));
//! ```

pub mod config;
pub mod decode;
pub mod dedup;
pub mod extract;
pub mod inspect;
pub mod merge;
pub mod pipeline;
pub mod process;
pub mod record;
pub mod reject;
pub mod report_html;
pub mod schema;
pub mod shard;
pub mod sinks;
pub mod sources;
pub mod text_repair;
pub mod untrusted;
pub mod verify;
pub mod words;

use std::fmt;

/// A failure that stops the whole run, with the exit status a scheduler can act on
/// (sysexits.h). Attached as context to the underlying error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunFailure {
    /// An input path does not exist (66, `EX_NOINPUT`).
    NoInput(String),
    /// The output folder or a file in it cannot be created (73, `EX_CANTCREAT`).
    CannotCreateOutput(String),
    /// Reading or writing failed during the run (74, `EX_IOERR`).
    Io(String),
    /// The data is not what the run needs: more rejects than `--max-rejects`, shard
    /// outputs to merge that are missing, doubled or unfinished (65, `EX_DATAERR`).
    Data(String),
    /// Options that contradict each other or the output folder's state (2, as clap's
    /// own usage errors).
    Usage(String),
    /// Worth retrying later: another run holds the output folder (75, `EX_TEMPFAIL`).
    Temporary(String),
}

impl RunFailure {
    /// The process exit status for this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            RunFailure::NoInput(_) => 66,
            RunFailure::CannotCreateOutput(_) => 73,
            RunFailure::Io(_) => 74,
            RunFailure::Data(_) => 65,
            RunFailure::Usage(_) => 2,
            RunFailure::Temporary(_) => 75,
        }
    }
}

impl fmt::Display for RunFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunFailure::NoInput(m)
            | RunFailure::CannotCreateOutput(m)
            | RunFailure::Io(m)
            | RunFailure::Data(m)
            | RunFailure::Usage(m)
            | RunFailure::Temporary(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for RunFailure {}
