//! `salvage repair`: reads a file or standard input, writes the repaired text (or one
//! JSON object per document or line) to standard output.

use std::io::Write;

use salvage::text_repair::{self, RepairRequest};

use super::{EXIT_DATAERR, EXIT_IOERR, EXIT_NOINPUT};
use crate::cli::RepairArgs;

pub fn run(args: &RepairArgs) -> u8 {
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
