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
    let started = std::time::Instant::now();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("camtui: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli, started)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("camtui: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli, started: std::time::Instant) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::Call(args)) => call(&cli.target, args).await,
        Some(Command::Serve(args)) => serve(args).await,
        None => console(&cli, started).await,
    }
}

/// Opens the TUI on the resolved target.
async fn console(cli: &Cli, started: std::time::Instant) -> anyhow::Result<ExitCode> {
    let env = camtui::cam::credential::process_environment();
    let home = directories::BaseDirs::new().map(|d| d.home_dir().to_owned());
    if let Some(log) = camtui::paths::log_file(&env) {
        camtui::tui::app::init_logging(&log)
            .with_context(|| format!("cannot open the log file {}", log.display()))?;
    }
    let target = target::resolve(&cli.target, &env, home.as_deref())?;
    let (connect, label, sandbox): (camtui::tui::app::Connecting, String, bool) = match target {
        Target::Remote(remote) => {
            let label = remote.label.clone();
            let client = Client::new(Transport::new(remote.transport, remote.credential)?);
            let ready = camtui::tui::app::Connected {
                client,
                label: label.clone(),
                keep_alive: None,
            };
            (Box::pin(async move { Ok(ready) }), label, false)
        }
        Target::Sandbox { reset } => {
            let data_dir = data_dir(&env)?;
            let (region, language) = (cli.target.region.clone(), cli.target.language);
            let connect = async move {
                let sandbox = sandbox::start(&data_dir, reset).await.map_err(|e| {
                    format!("the sandbox did not start in {}: {e}", data_dir.display())
                })?;
                let endpoint = sandbox.endpoint.clone();
                let mut config =
                    TransportConfig::new(Endpoint::custom(&endpoint).map_err(|e| e.to_string())?);
                config.region = region;
                config.language = language.header_value();
                let transport = Transport::new(config, sandbox.credential.clone())
                    .map_err(|e| e.to_string())?;
                Ok(camtui::tui::app::Connected {
                    client: Client::new(transport),
                    label: endpoint,
                    keep_alive: Some(Box::new(sandbox)),
                })
            };
            (
                Box::pin(connect) as camtui::tui::app::Connecting,
                "starting…".to_owned(),
                true,
            )
        }
    };
    camtui::tui::run(camtui::tui::Options {
        connect,
        label,
        sandbox,
        read_only: cli.target.read_only,
        clipboard: cli.clipboard,
        env,
        started,
    })
    .await?;
    Ok(ExitCode::SUCCESS)
}

/// camtui's data directory (the sandbox and the server's defaults live there); `CAMTUI_DATA_DIR`
/// overrides it.
fn data_dir(env: &camtui::cam::credential::Environment) -> anyhow::Result<PathBuf> {
    camtui::paths::data_dir(env).context("cannot find a home directory for camtui's data")
}

async fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
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
            let dir = data_dir(&camtui::cam::credential::process_environment())?;
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
            let sandbox = sandbox::start(&data_dir(&env)?, reset)
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
