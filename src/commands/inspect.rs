//! `salvage inspect`: what each stage saw and decided for one document, as text or JSON.

use std::io::Write;

use salvage::inspect::{self, InspectError, InspectRequest};

use super::{EXIT_DATAERR, EXIT_IOERR, EXIT_NOINPUT, EXIT_USAGE};
use crate::cli::InspectArgs;

pub fn run(args: &InspectArgs) -> u8 {
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
