//! Messages on standard error through `tracing`: plain text with a timestamp, or one JSON
//! object per line (`--log-format json`), at the level `--quiet`/`--verbose` ask for.
//! While a progress bar is drawn, each message is written with the bar cleared, so the
//! two never garble each other.

use std::io::{self, Write};

use indicatif::ProgressBar;
use tracing::Level;

use crate::cli::{LogArgs, LogFormat};

/// Starts the subscriber for this process; `bar` is the progress bar, if one is shown.
pub fn init(args: &LogArgs, bar: Option<ProgressBar>) {
    let level = if args.quiet {
        Level::WARN
    } else if args.verbose {
        Level::DEBUG
    } else {
        Level::INFO
    };
    let writer = move || Stderr { bar: bar.clone() };
    let builder = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_target(false)
        .with_writer(writer);
    // A second initialisation (never in the binary) is harmless: keep the first.
    let _ = match args.log_format {
        LogFormat::Text => builder
            .with_ansi(std::io::IsTerminal::is_terminal(&io::stderr()))
            .try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}

/// Standard error, writing around the progress bar.
struct Stderr {
    bar: Option<ProgressBar>,
}

impl Write for Stderr {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &self.bar {
            Some(bar) => bar
                .suspend(|| io::stderr().write_all(buf))
                .map(|()| buf.len()),
            None => io::stderr().write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        io::stderr().flush()
    }
}
