//! Thin entry point: parse the command line, set up logging, then run the console, the server or
//! a subcommand.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use clap::Parser as _;

use camtui::cam::credential::{self, Environment};
use camtui::cli::{Cli, Command, ServeArgs};
use camtui::commands::{self, EXIT_FAILURE, EXIT_USAGE};
use camtui::config::Config;
use camtui::server::{self, ServeOptions};
use camtui::target;
use camtui::tui::connection::Targets;

fn main() -> ExitCode {
    let started = Instant::now();
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
    match &cli.command {
        Some(Command::Completions(args)) => {
            camtui::cli::write_completions(args.shell, &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Some(Command::Man(args)) => match camtui::cli::write_man(args, &mut std::io::stdout()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("camtui: cannot write the manual: {e}");
                ExitCode::from(EXIT_FAILURE)
            }
        },
        Some(Command::Serve(_)) | None => {
            let runtime = match tokio::runtime::Runtime::new() {
                Ok(rt) => rt,
                Err(e) => return no_runtime(&e),
            };
            let result = match cli.command {
                Some(Command::Serve(args)) => {
                    runtime.block_on(serve(args)).map(|()| ExitCode::SUCCESS)
                }
                _ => runtime.block_on(console(&cli, started)),
            };
            match result {
                Ok(code) => code,
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
            ExitCode::from(runtime.block_on(commands::execute(&cli.target, command)))
        }
    }
}

fn no_runtime(e: &std::io::Error) -> ExitCode {
    eprintln!("camtui: cannot start the async runtime: {e}");
    ExitCode::from(EXIT_FAILURE)
}

/// camtui's data directory (the sandbox and the server's defaults live there); `CAMTUI_DATA_DIR`
/// overrides it.
fn data_dir(env: &Environment) -> anyhow::Result<PathBuf> {
    camtui::paths::data_dir(env).context("cannot find a home directory for camtui's data")
}

/// Opens the TUI on the resolved target; a target that cannot be resolved exits with the
/// status a subcommand would.
async fn console(cli: &Cli, started: Instant) -> anyhow::Result<ExitCode> {
    let env = credential::process_environment();
    let home = directories::BaseDirs::new().map(|d| d.home_dir().to_owned());
    if let Some(log) = camtui::paths::log_file(&env) {
        log_to_file(&log).with_context(|| format!("cannot open the log file {}", log.display()))?;
    }
    let (config, config_error) =
        Config::load_or_empty(cli.target.config.as_deref(), &env, home.as_deref());
    if let Some(e) = &config_error {
        tracing::warn!(error = %e, "ignoring the config file");
    }
    let options = cli.target.options();
    for problem in &config.problems {
        tracing::warn!(%problem, "skipped in the config file");
    }
    let resolved = match target::resolve(&options, &config, &env, home.as_deref()) {
        Ok(resolved) => resolved,
        Err(e) => {
            eprintln!("camtui: {e}");
            return Ok(ExitCode::from(commands::target_error_status(&e)));
        }
    };
    let data_dir = data_dir(&env).ok();
    // Every problem is printed when the console closes; the first is shown at once.
    let warnings: Vec<String> = config_error
        .iter()
        .map(|e| format!("{e} (the config file was ignored)"))
        .chain(config.problems.iter().map(ToString::to_string))
        .collect();
    let warning = warnings.first().map(|first| match warnings.len() {
        1 => first.clone(),
        n => format!("{first} (and {} more: printed when camtui exits)", n - 1),
    });
    let result = camtui::tui::run(camtui::tui::Options {
        targets: Targets {
            options,
            config,
            env,
            home,
            data_dir,
        },
        first: resolved,
        clipboard: cli.clipboard,
        mouse: cli.mouse,
        warning,
        started,
    })
    .await;
    // The console hides stderr while it runs: say afterwards what in the config was ignored.
    for warning in warnings {
        eprintln!("camtui: warning: {warning}");
    }
    result?;
    Ok(ExitCode::SUCCESS)
}

/// The console logs to a file: it never writes logs to the screen.
fn log_to_file(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("CAMTUI_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .init();
    Ok(())
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    // One access-log line per request: written by a background thread through a buffer that is
    // flushed whenever the queue runs dry, not by a write(2) on the request's thread. Not lossy:
    // a full queue slows requests rather than dropping lines. The guard flushes at exit.
    let (log_writer, _log_guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .lossy(false)
        .thread_name("camtui-log")
        .finish(std::io::BufWriter::with_capacity(
            64 * 1024,
            std::io::stderr(),
        ));
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(log_writer)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let (db, root_credential_file) = match (args.db, args.root_credential_file) {
        (Some(db), Some(root)) => (db, root),
        (db, root) => {
            let dir = data_dir(&credential::process_environment())?;
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
        restore_root_key: args.restore_root_key,
        max_audit_events: args.max_audit_events,
        require_signed_action: args.require_signed_action,
        signature_entries: args.signature_entries,
        max_connections: args.max_connections,
        real_limits: args.real_limits,
    })
    .await?;
    Ok(())
}
