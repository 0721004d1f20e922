//! The `salvage` binary: parse the command line and run the subcommand, whose exit
//! status (see the README's table) becomes the process's. Each subcommand is a file in
//! `commands/`; the clap types are in `cli`; all the work is in the library.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let command_line: Vec<String> = std::env::args().collect();
    let code = match Cli::parse().command {
        Command::Convert(args) => commands::convert::run(*args, command_line),
        Command::Merge(args) => commands::merge::run(*args, command_line),
        Command::Repair(args) => commands::repair::run(&args),
        Command::Verify(args) => commands::verify::run(&args),
        Command::Schema(args) => commands::schema(&args),
        Command::Inspect(args) => commands::inspect::run(&args),
    };
    ExitCode::from(code)
}
