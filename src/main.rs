//! Thin entry point: parse the command line, then run the console, the server or a subcommand.

use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser as _;

use camtui::cli::{Cli, Command, ServeArgs};
use camtui::commands::{self, EXIT_FAILURE, EXIT_USAGE};
use camtui::config;
use camtui::server::{self, ServeOptions};

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
    match cli.command {
        Some(Command::Serve(args)) => {
            let runtime = match tokio::runtime::Runtime::new() {
                Ok(rt) => rt,
                Err(e) => return no_runtime(&e),
            };
            match runtime.block_on(serve(args)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("camtui: {e:#}");
                    ExitCode::from(EXIT_FAILURE)
                }
            }
        }
        Some(command) => {
            // One thread is plenty for a subcommand and starts fastest.
            let runtime = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => return no_runtime(&e),
            };
            ExitCode::from(runtime.block_on(commands::execute(&cli.target, &command)))
        }
        None => {
            eprintln!("camtui: the console is not built yet; try `camtui --help`");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

fn no_runtime(e: &std::io::Error) -> ExitCode {
    eprintln!("camtui: cannot start the async runtime: {e}");
    ExitCode::from(EXIT_FAILURE)
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let (db, root_credential_file) = match (args.db, args.root_credential_file) {
        (Some(db), Some(root)) => (db, root),
        (db, root) => {
            let dir = config::platform_data_dir()
                .context("cannot find a home directory for camtui's data")?;
            (
                db.unwrap_or_else(|| dir.join("server.db")),
                root.unwrap_or_else(|| dir.join("server-root-credential.json")),
            )
        }
    };
    server::serve(ServeOptions {
        listen: args.listen,
        db,
        root_credential_file,
        seed_file: args.seed,
    })
    .await?;
    Ok(())
}
