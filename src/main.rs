//! Thin entry point: parse the command line, then run the console, the server or a subcommand.

use std::process::ExitCode;

use clap::Parser as _;

use camtui::cli::Cli;
use camtui::commands::{self, EXIT_FAILURE, EXIT_USAGE};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version print to stdout and succeed; real usage errors exit 64.
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(EXIT_USAGE)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let Some(command) = cli.command else {
        eprintln!("camtui: the console is not built yet; try `camtui --help`");
        return ExitCode::from(EXIT_FAILURE);
    };
    // One thread is plenty for a subcommand and starts fastest.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("camtui: cannot start the async runtime: {e}");
            return ExitCode::from(EXIT_FAILURE);
        }
    };
    ExitCode::from(runtime.block_on(commands::execute(&cli.target, &command)))
}
