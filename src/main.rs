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
        None => anyhow::bail!("the console is not built yet; try `camtui call --help`"),
    }
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
    let (config, config_error) =
        camtui::config::Config::load_or_empty(target_args.config.as_deref(), &env, home.as_deref());
    if let Some(e) = config_error {
        eprintln!("camtui: warning: {e} (ignoring the config file)");
    }
    let remote = match target::resolve(target_args, &config, &env, home.as_deref())?.target {
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
