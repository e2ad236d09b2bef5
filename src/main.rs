//! Thin entry point: parse the command line, then run the console, the server or a subcommand.

use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser as _;

use camtui::cam::{Client, Transport};
use camtui::cli::{CallArgs, Cli, Command};
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
        None => console(&cli).await,
    }
}

/// Opens the TUI on the resolved target.
async fn console(cli: &Cli) -> anyhow::Result<ExitCode> {
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
        Target::Sandbox { .. } => (
            Box::pin(async {
                Err("the sandbox server is not part of this build yet: pass --endpoint".to_owned())
            }),
            "starting…".to_owned(),
            true,
        ),
    };
    camtui::tui::run(camtui::tui::Options {
        connect,
        label,
        sandbox,
        read_only: cli.target.read_only,
        clipboard: cli.clipboard,
        env,
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
    let remote = match target::resolve(target_args, &env, home.as_deref())? {
        Target::Remote(remote) => *remote,
        Target::Sandbox { .. } => anyhow::bail!(
            "no target: pass --endpoint URL with credentials in TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY"
        ),
    };
    let client = Client::new(Transport::new(remote.transport, remote.credential)?);
    match client
        .call_raw(args.service.into(), &args.action, &params)
        .await
    {
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
