//! Thin entry point: parse the command line, then run the console, the server or a subcommand.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser as _;

use camtui::cam::{Client, Endpoint, Transport, TransportConfig};
use camtui::cli::{CallArgs, Cli, Command, ServeArgs};
use camtui::server::{self, ServeOptions, sandbox};
use camtui::target::{self, Target};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("camtui: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("camtui: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::Call(args)) => call(&cli.target, args).await,
        Some(Command::Serve(args)) => serve(args).await,
        None => anyhow::bail!("the console is not built yet; try `camtui call --help`"),
    }
}

/// camtui's data directory (the sandbox and the server's defaults live there).
fn data_dir() -> anyhow::Result<PathBuf> {
    directories::ProjectDirs::from("", "", "camtui")
        .map(|dirs| dirs.data_dir().to_owned())
        .context("cannot find a home directory for camtui's data")
}

async fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
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
            let dir = data_dir()?;
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
    Ok(ExitCode::SUCCESS)
}

async fn call(target_args: &camtui::cli::TargetArgs, args: CallArgs) -> anyhow::Result<ExitCode> {
    let params: serde_json::Value = serde_json::from_str(&args.json)
        .with_context(|| format!("--json is not valid JSON: {}", args.json))?;
    anyhow::ensure!(
        params.is_object(),
        "--json must be a JSON object, e.g. '{{\"TargetUin\": 100000000001}}'"
    );
    let env = camtui::cam::credential::process_environment();
    let home = directories::BaseDirs::new().map(|d| d.home_dir().to_owned());
    let (transport, running_sandbox) = match target::resolve(target_args, &env, home.as_deref())? {
        Target::Remote(remote) => (Transport::new(remote.transport, remote.credential)?, None),
        Target::Sandbox { reset } => {
            let sandbox = sandbox::start(&data_dir()?, reset)
                .await
                .context("cannot start the sandbox")?;
            let mut config = TransportConfig::new(Endpoint::custom(&sandbox.endpoint)?);
            config.region.clone_from(&target_args.region);
            config.language = target_args.language.header_value();
            (
                Transport::new(config, sandbox.credential.clone())?,
                Some(sandbox),
            )
        }
    };
    let client = Client::new(transport);
    let result = client
        .call_raw(args.service.into(), &args.action, &params)
        .await;
    if let Some(sandbox) = running_sandbox {
        sandbox.shutdown().await.context("stopping the sandbox")?;
    }
    match result {
        Ok(response) => {
            println!("{}", serde_json::to_string_pretty(&response)?);
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("{e}");
            Ok(ExitCode::from(1))
        }
    }
}
