//! One file per subcommand: each takes its parsed arguments, calls the library, prints
//! what the command prints, and returns the exit status (sysexits.h, see the README's
//! table). No conversion logic lives here.

pub mod convert;
pub mod inspect;
pub mod logging;
pub mod merge;
pub mod progress;
pub mod repair;
pub mod verify;

use salvage::RunFailure;
use salvage::schema;

use crate::cli::SchemaArgs;

/// Data error: rejects with `--strict`, too many rejects, an invalid bag, bad shards
/// (`EX_DATAERR`).
pub const EXIT_DATAERR: u8 = 65;
/// A path to read does not exist (`EX_NOINPUT`).
pub const EXIT_NOINPUT: u8 = 66;
/// Bad options (clap's own).
pub const EXIT_USAGE: u8 = 2;
/// A failure that is not an input or output problem (`EX_SOFTWARE`).
pub const EXIT_SOFTWARE: u8 = 70;
/// Reading or writing failed (`EX_IOERR`).
pub const EXIT_IOERR: u8 = 74;

/// Reports a run-level error: logs it, prints the JSON summary line saying the run
/// failed, and returns the exit status (sysexits.h, from the [`RunFailure`] attached).
pub fn report_failure(err: &anyhow::Error) -> u8 {
    let code = err
        .downcast_ref::<RunFailure>()
        .map_or(EXIT_SOFTWARE, RunFailure::exit_code);
    tracing::error!(exit_code = code, "{err:#}");
    let line = serde_json::json!({
        "status": "failed",
        "exit_code": code,
        "error": format!("{err:#}"),
    });
    println!("{line}");
    code
}

/// `salvage schema`: the record's JSON Schema, or a CREATE TABLE.
pub fn schema(args: &SchemaArgs) -> u8 {
    match args.sql {
        Some(sql) => print!("{}", schema::sql::create_table(sql.dialect(), &args.table)),
        None => print!("{}", schema::json::record_schema()),
    }
    0
}
