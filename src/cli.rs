//! The command line (product.md §1): global target options and the subcommands. The top of
//! the house: clap stays here, and what the rooms below take is converted into their own plain
//! types ([`TargetOptions`], [`Choice`], [`Language`]).

use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Args, CommandFactory as _, Parser, Subcommand, ValueEnum};

use crate::cam::model::SecretId;
use crate::cam::transport::Language;
use crate::target::TargetOptions;
use crate::tui::clipboard::Choice;

#[derive(Debug, Parser)]
#[command(
    name = "camtui",
    version,
    about = "A keyboard-driven terminal console for Tencent Cloud CAM sub-account API keys",
    long_about = "A keyboard-driven terminal console for Tencent Cloud CAM sub-account API keys.\n\n\
        With no command, opens the console. The target is, in order: --sandbox, --profile or \
        --endpoint, TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY with the public endpoint, the \
        config file's default profile, and otherwise the sandbox (camtui's own CAM-compatible \
        server, started in-process with demo data).\n\n\
        Credentials are never taken on the command line: use the environment, \
        ~/.tencentcloud/credentials or a profile's credential file."
)]
pub struct Cli {
    #[command(flatten)]
    pub target: TargetArgs,

    /// Where copies go: the native clipboard, the terminal (OSC 52), or nowhere. `auto` uses
    /// the native one when a display is present and the session is not over SSH.
    #[arg(
        long,
        global = true,
        env = "CAMTUI_CLIPBOARD",
        value_enum,
        default_value_t = Choice::Auto
    )]
    pub clipboard: Choice,

    /// Let the console take clicks and the wheel (tabs, rows, scrolling). Off by default, so the
    /// terminal's own text selection keeps working.
    #[arg(long)]
    pub mouse: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Where requests go and as whom. Shared by the console and every subcommand.
#[allow(clippy::struct_excessive_bools)] // independent command-line switches
#[derive(Debug, Clone, Default, Args)]
pub struct TargetArgs {
    /// Endpoint serving every service: `http://host:port` or `https://host[:port]`; or one URL
    /// per service, `{service}` standing for its name (`https://{service}.api.example.internal`).
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint: Option<String>,

    /// Region sent as X-TC-Region: to CAM (global) as given; to CloudAudit when it answers there,
    /// else `ap-guangzhou` (CloudAudit requires a region). Default: the profile's, else
    /// `$TENCENTCLOUD_REGION`.
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,

    /// Use the international site's public endpoints (<service>.intl.tencentcloudapi.com).
    #[arg(long, global = true)]
    pub intl: bool,

    /// Profile from the config file, or a section of ~/.tencentcloud/credentials.
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Config file to read instead of `$CAMTUI_CONFIG` or the platform's `camtui/config.toml`.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Extra CA certificate (PEM) to trust, for private deployments.
    #[arg(long, global = true, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,

    /// Seconds to wait for each request (default: the profile's, else 15).
    #[arg(long, global = true, value_name = "SECONDS")]
    pub timeout: Option<u64>,

    /// Use the bundled sandbox server even if credentials are configured.
    #[arg(long, global = true)]
    pub sandbox: bool,

    /// Start the sandbox from fresh demo data (implies --sandbox).
    #[arg(long, global = true)]
    pub reset_sandbox: bool,

    /// Never send a mutation: create, enable, disable and delete are refused locally.
    #[arg(long, global = true)]
    pub read_only: bool,

    /// Language of the console, the subcommands and API messages (default: the profile's, else
    /// the locale's, where zh… is zh-CN, else en-US).
    #[arg(long, global = true, value_enum)]
    pub language: Option<Language>,
}

impl TargetArgs {
    /// What the target resolution takes (`--config` is read before it, by the caller).
    pub fn options(&self) -> TargetOptions {
        TargetOptions {
            endpoint: self.endpoint.clone(),
            region: self.region.clone(),
            intl: self.intl,
            profile: self.profile.clone(),
            ca_cert: self.ca_cert.clone(),
            timeout: self.timeout,
            sandbox: self.sandbox,
            reset_sandbox: self.reset_sandbox,
            read_only: self.read_only,
            language: self.language,
        }
    }
}

/// `--language`, by the tag the API takes.
impl ValueEnum for Language {
    fn value_variants<'a>() -> &'a [Self] {
        &Language::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.tag()))
    }
}

/// `--clipboard` and `CAMTUI_CLIPBOARD`.
impl ValueEnum for Choice {
    fn value_variants<'a>() -> &'a [Self] {
        &[Choice::Auto, Choice::Native, Choice::Osc52, Choice::Off]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            Choice::Auto => PossibleValue::new("auto").help(
                "Native when a display is present and the session is not over SSH, else OSC 52",
            ),
            Choice::Native => PossibleValue::new("native"),
            Choice::Osc52 => PossibleValue::new("osc52"),
            Choice::Off => PossibleValue::new("off"),
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign and send any action, print the JSON Response (a debugging tool).
    Call(CallArgs),
    /// List the sub-users and collaborators.
    Users(OutputArgs),
    /// Show one user: details, a summary of their API keys, their permissions, groups and
    /// security settings.
    User(UserArgs),
    /// List, create, disable, enable or delete a user's API keys.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Show the latest access records of a SecretId (past 90 days, successful and failed).
    Records(RecordsArgs),
    /// Find which sub-user or collaborator owns a SecretId (the audit trail first, else every
    /// user's keys).
    Whois(WhoisArgs),
    /// Every API key of the account: owner, status, age, last use, and what is worth a look.
    Report(ReportArgs),
    /// Run the CAM-compatible server (CAM and CloudAudit on one port).
    Serve(ServeArgs),
    /// Print a shell completion script (the README says where each shell looks for it).
    Completions(CompletionsArgs),
    /// Print camtui's manual page (roff), or write one page per command into a directory.
    Man(ManArgs),
}

impl Command {
    /// Whether the command changes anything (refused in read-only mode, before any request).
    pub fn mutates(&self) -> bool {
        match self {
            Self::Keys(keys) => !matches!(keys, KeysCommand::List { .. }),
            // `call` can send anything: only actions named like reads pass in read-only mode.
            Self::Call(call) => !is_read_action(&call.action),
            Self::Users(_)
            | Self::User(_)
            | Self::Records(_)
            | Self::Whois(_)
            | Self::Report(_)
            | Self::Serve(_)
            | Self::Completions(_)
            | Self::Man(_) => false,
        }
    }
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write camtui.1 and a page per command (camtui-keys.1, camtui-keys-create.1, …) into DIR
    /// instead of printing camtui.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// The completion script of `camtui` for `shell`.
pub fn write_completions(shell: clap_complete::Shell, out: &mut dyn std::io::Write) {
    clap_complete::generate(shell, &mut Cli::command(), "camtui", out);
}

/// camtui(1) on `out`, or with `--dir` every command's page in that directory.
pub fn write_man(args: &ManArgs, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    match &args.dir {
        Some(dir) => clap_mangen::generate_to(Cli::command(), dir),
        None => clap_mangen::Man::new(Cli::command()).render(out),
    }
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:9000", value_name = "ADDR")]
    pub listen: std::net::SocketAddr,

    /// SQLite database (created with mode 0600; its key file is FILE.key).
    /// Default: server.db in camtui's data directory.
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,

    /// JSON {"secretId": …, "secretKey": …}: used as the root account's key if it exists,
    /// otherwise generated and written there with mode 0600.
    /// Default: server-root-credential.json in camtui's data directory.
    #[arg(long, value_name = "FILE")]
    pub root_credential_file: Option<PathBuf>,

    /// Data set (like assets/seed/demo.json) to load into an empty database.
    #[arg(long, value_name = "FILE")]
    pub seed: Option<PathBuf>,

    /// Create or enable the root credential's key again although it was deleted or disabled
    /// through the API (without this flag start-up refuses).
    #[arg(long)]
    pub restore_root_key: bool,

    /// Refuse requests whose signature does not cover X-TC-Action (the official SDKs sign
    /// content-type;host only, so this is off by default).
    #[arg(long)]
    pub require_signed_action: bool,

    /// The most entries (16 bytes each) of the ledger that binds each signature to its first
    /// request; the default holds a whole ±300 s window at up to ~28,000 distinct signatures a
    /// second.
    #[arg(long, value_name = "N", default_value_t = crate::server::state::DEFAULT_SIGNATURES)]
    pub signature_entries: usize,

    /// Connections open at once (fewer if the descriptor limit is lower): at the cap a new one
    /// takes the place of the one waiting longest without an authenticated request.
    #[arg(long, value_name = "N", default_value_t = 1024)]
    pub max_connections: usize,

    /// The most audit events kept, whatever their age: beyond it the oldest are deleted.
    #[arg(long, value_name = "N", default_value_t = crate::server::audit::DEFAULT_MAX_EVENTS)]
    pub max_audit_events: u64,

    /// Enforce each action's documented rate limit, as the public cloud does (20 requests a
    /// second; `CreateAccessKey`, `UpdateAccessKey` and `DeleteAccessKey` 5), refusing the
    /// excess with `RequestLimitExceeded`.
    #[arg(long)]
    pub real_limits: bool,
}

/// Whether an action's name says it only reads (`List…`, `Get…`, `Describe…`, `LookUp…`).
pub fn is_read_action(action: &str) -> bool {
    ["List", "Get", "Describe", "LookUp"]
        .iter()
        .any(|verb| action.starts_with(verb))
}

/// How a subcommand prints its result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Aligned columns for people.
    #[default]
    Table,
    /// Stable JSON for scripts (see docs/json-output.md).
    Json,
}

#[derive(Debug, Clone, Copy, Default, Args)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, short = 'o', value_enum, default_value_t = OutputFormat::Table)]
    pub output: OutputFormat,
}

#[derive(Debug, Args)]
pub struct UserArgs {
    /// User name, or UIN (all digits).
    pub user: String,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// List a user's API keys with their last use.
    List {
        /// User name, or UIN (all digits).
        user: String,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Create an API key; prints the SecretKey once, to stdout only.
    Create {
        /// User name, or UIN (all digits).
        user: String,
        /// A description for the key.
        #[arg(long, value_name = "TEXT")]
        description: Option<String>,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Disable a key: every request signed with it is then refused.
    Disable(KeyArgs),
    /// Enable a disabled key.
    Enable(KeyArgs),
    /// Delete a disabled key, irreversibly.
    Delete {
        #[command(flatten)]
        key: KeyArgs,
        /// Do not ask; required when stdin is not a terminal.
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Rotate a key: create its successor (printing the SecretKey once); with --finish, once
    /// nothing uses the old key any more, disable and delete it.
    Rotate {
        /// User name, or UIN (all digits).
        user: String,
        /// The key being replaced.
        #[arg(long, value_name = "SECRETID", value_parser = as_given)]
        old: SecretId,
        /// Disable and delete the old key — only if it was not used after its successor was
        /// created.
        #[arg(long)]
        finish: bool,
        /// With --finish: even if the old key was used after its successor was created.
        #[arg(long, requires = "finish")]
        force: bool,
        /// A description for the new key.
        #[arg(long, value_name = "TEXT", conflicts_with = "finish")]
        description: Option<String>,
        #[command(flatten)]
        output: OutputArgs,
    },
}

#[derive(Debug, Args)]
pub struct KeyArgs {
    /// User name, or UIN (all digits).
    pub user: String,
    /// The key's SecretId.
    #[arg(value_parser = as_given)]
    pub secret_id: SecretId,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct RecordsArgs {
    /// The key's SecretId.
    #[arg(value_parser = as_given)]
    pub secret_id: SecretId,
    /// How many records, newest first.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u16).range(1..=500))]
    pub limit: u16,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// A SecretId as it was typed: passed on unchecked, the server says whether it knows it.
#[allow(clippy::unnecessary_wraps)] // the shape clap's value_parser takes
fn as_given(text: &str) -> Result<SecretId, std::convert::Infallible> {
    Ok(SecretId::from_wire(text))
}

#[derive(Debug, Args)]
pub struct WhoisArgs {
    /// The SecretId to look for (AKID… or IKID…).
    pub secret_id: String,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// How `camtui report` prints its rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Aligned columns for people.
    #[default]
    Table,
    /// Stable JSON for scripts (see docs/json-output.md).
    Json,
    /// Comma-separated values with a header line, for spreadsheets.
    Csv,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A key unused, or created, more than this many days ago is flagged (`unused-Nd`,
    /// `older-than-Nd`).
    #[arg(
        long,
        value_name = "N",
        default_value_t = crate::cam::report::DEFAULT_STALE_DAYS,
        value_parser = clap::value_parser!(u32).range(1..=3650)
    )]
    pub stale_days: u32,
    /// Output format.
    #[arg(long, short = 'o', value_enum, default_value_t = ReportFormat::Table)]
    pub output: ReportFormat,
}

#[derive(Debug, Args)]
pub struct CallArgs {
    /// The action, e.g. `ListAccessKeys`.
    pub action: String,

    /// The service the action belongs to.
    #[arg(long, value_enum, default_value_t = ServiceArg::Cam)]
    pub service: ServiceArg,

    /// The action's parameters as a JSON object.
    #[arg(long, value_name = "PARAMS", default_value = "{}")]
    pub json: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ServiceArg {
    Cam,
    Cloudaudit,
}

impl From<ServiceArg> for crate::cam::model::Service {
    fn from(s: ServiceArg) -> Self {
        match s {
            ServiceArg::Cam => Self::Cam,
            ServiceArg::Cloudaudit => Self::CloudAudit,
        }
    }
}
