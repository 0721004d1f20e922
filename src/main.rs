//! The `salvage` binary: parse the command line, run, print the one-line JSON summary,
//! and turn the outcome into an exit status (see the README's table).

mod cli;

use std::process::ExitCode;

use clap::Parser;
use salvage::RunFailure;
use salvage::pipeline::{self, Summary};

use cli::{Cli, Command};

/// Exit status when `--strict` is given and documents were rejected (`EX_DATAERR`).
const EXIT_REJECTS: u8 = 65;
/// Exit status for a failure that is not an input or output problem (`EX_SOFTWARE`).
const EXIT_SOFTWARE: u8 = 70;

fn main() -> ExitCode {
    let command_line: Vec<String> = std::env::args().collect();
    let cli = Cli::parse();
    match cli.command {
        Command::Convert(args) => {
            let strict = args.strict;
            match pipeline::run(&args.into_config(command_line)) {
                Ok(summary) => {
                    let code = if strict && summary.counts.rejects > 0 {
                        EXIT_REJECTS
                    } else {
                        0
                    };
                    println!("{}", summary_line(&summary, code));
                    ExitCode::from(code)
                }
                Err(err) => {
                    let code = err
                        .downcast_ref::<RunFailure>()
                        .map_or(EXIT_SOFTWARE, RunFailure::exit_code);
                    eprintln!("salvage: error: {err:#}");
                    println!(
                        "{}",
                        serde_json::json!({"status": "failed", "exit_code": code, "error": format!("{err:#}")})
                    );
                    ExitCode::from(code)
                }
            }
        }
    }
}

fn summary_line(summary: &Summary, code: u8) -> String {
    serde_json::json!({
        "status": if code == 0 { "ok" } else { "rejects" },
        "exit_code": code,
        "documents": summary.counts.documents,
        "records": summary.counts.records,
        "rejects": summary.counts.rejects,
        "skipped": summary.skipped,
        "seconds": (summary.seconds * 1000.0).round() / 1000.0,
    })
    .to_string()
}
