//! The `salvage` binary: parse the command line, run the subcommand, print its one-line
//! JSON summary on standard output, and turn the outcome into an exit status (see the
//! README's table). All the work is in the library.

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use salvage::RunFailure;
use salvage::pipeline::{self, Summary};
use salvage::schema;
use salvage::verify::{self, Verdict};

use cli::{Cli, Command, ConvertArgs, InspectArgs, RepairArgs, SchemaArgs, VerifyArgs};
use salvage::inspect::{self, InspectError, InspectRequest};
use salvage::text_repair::{self, RepairRequest};

/// Exit status when `--strict` is given and documents were rejected, or a bag is invalid
/// (`EX_DATAERR`).
const EXIT_DATAERR: u8 = 65;
/// Exit status when a path to read does not exist (`EX_NOINPUT`).
const EXIT_NOINPUT: u8 = 66;
/// Exit status for bad options (clap's own).
const EXIT_USAGE: u8 = 2;
/// Exit status for a failure that is not an input or output problem (`EX_SOFTWARE`).
const EXIT_SOFTWARE: u8 = 70;
/// Exit status when reading or writing failed (`EX_IOERR`).
const EXIT_IOERR: u8 = 74;

fn main() -> ExitCode {
    let command_line: Vec<String> = std::env::args().collect();
    let code = match Cli::parse().command {
        Command::Convert(args) => convert(*args, command_line),
        Command::Repair(args) => repair(&args),
        Command::Verify(args) => verify(&args),
        Command::Schema(args) => schema(&args),
        Command::Inspect(args) => inspect(&args),
    };
    ExitCode::from(code)
}

fn convert(args: ConvertArgs, command_line: Vec<String>) -> u8 {
    if let Err(usage) = args.check() {
        usage.exit();
    }
    let strict = args.strict;
    match pipeline::run(&args.into_config(command_line)) {
        Ok(summary) => {
            let code = if strict && summary.counts.rejects > 0 {
                EXIT_DATAERR
            } else {
                0
            };
            println!("{}", summary_line(&summary, code));
            code
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
            code
        }
    }
}

fn repair(args: &RepairArgs) -> u8 {
    let input = match &args.file {
        Some(path) => std::fs::read(path).map_err(|err| (path.display().to_string(), err)),
        None => {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
                .map(|_| bytes)
                .map_err(|err| ("standard input".to_string(), err))
        }
    };
    let input = match input {
        Ok(bytes) => bytes,
        Err((what, err)) => {
            eprintln!("salvage: error: cannot read {what}: {err}");
            return if err.kind() == std::io::ErrorKind::NotFound {
                EXIT_NOINPUT
            } else {
                EXIT_IOERR
            };
        }
    };
    let request = RepairRequest {
        lines: args.lines,
        json: args.json,
        options: args.decode.options(),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = text_repair::repair(&input, &request, &mut out)
        .and_then(|summary| out.flush().map(|()| summary));
    match result {
        Ok(summary) if summary.refused.is_empty() => 0,
        Ok(summary) => {
            for message in &summary.refused {
                eprintln!("salvage: not repaired: {message}");
            }
            EXIT_DATAERR
        }
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(err) => {
            eprintln!("salvage: error: cannot write the repaired text: {err}");
            EXIT_IOERR
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
        "duplicates": summary.counts.duplicates,
        "skipped": summary.skipped,
        "seconds": (summary.seconds * 1000.0).round() / 1000.0,
    })
    .to_string()
}

fn verify(args: &VerifyArgs) -> u8 {
    let missing: Vec<String> = args
        .paths
        .iter()
        .filter(|p| std::fs::symlink_metadata(p).is_err())
        .map(|p| p.display().to_string())
        .collect();
    if !missing.is_empty() {
        for path in &missing {
            eprintln!("salvage: error: not found: {path}");
        }
        println!(
            "{}",
            serde_json::json!({"status": "failed", "exit_code": EXIT_NOINPUT, "missing": missing})
        );
        return EXIT_NOINPUT;
    }
    let verdicts: Vec<Verdict> = args.paths.iter().map(|p| verify::verify(p)).collect();
    for verdict in &verdicts {
        if verdict.is_valid() {
            eprintln!(
                "{}: valid ({} payload files, {} bytes)",
                verdict.path, verdict.payload_files, verdict.payload_bytes
            );
        } else {
            eprintln!("{}: INVALID", verdict.path);
            for problem in &verdict.problems {
                eprintln!("  - {problem}");
            }
        }
        for note in &verdict.notes {
            eprintln!("  note: {note}");
        }
    }
    let valid = verdicts.iter().all(Verdict::is_valid);
    let code = if valid { 0 } else { EXIT_DATAERR };
    println!(
        "{}",
        serde_json::json!({
            "status": if valid { "valid" } else { "invalid" },
            "exit_code": code,
            "bags": verdicts,
        })
    );
    code
}

fn schema(args: &SchemaArgs) -> u8 {
    match args.sql {
        Some(sql) => print!("{}", schema::sql::create_table(sql.dialect(), &args.table)),
        None => print!("{}", schema::json::record_schema()),
    }
    0
}

fn inspect(args: &InspectArgs) -> u8 {
    let request = InspectRequest {
        path: &args.file,
        member: args.member.as_deref(),
        options: args.decode.options(),
        max_doc_size: args.max_doc_size,
    };
    let inspection = match inspect::inspect(&request) {
        Ok(inspection) => inspection,
        Err(InspectError::NotFound(message)) => {
            eprintln!("salvage: error: {}", salvage::untrusted::terminal(&message));
            return EXIT_NOINPUT;
        }
        Err(InspectError::Usage(message)) => {
            eprintln!("salvage: error: {}", salvage::untrusted::terminal(&message));
            return EXIT_USAGE;
        }
    };
    let text = if args.json {
        inspect::render::json(&inspection) + "\n"
    } else {
        let colour = std::io::IsTerminal::is_terminal(&std::io::stdout())
            && std::env::var_os("NO_COLOR").is_none();
        inspect::render::text(&inspection, colour)
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(_) => return EXIT_IOERR,
    }
    if inspection.record.is_some() {
        0
    } else {
        EXIT_DATAERR
    }
}
