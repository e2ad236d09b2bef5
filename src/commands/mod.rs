//! The scriptable subcommands (`camtui users`, `keys …`, `records`, `whois`, `report`, `call`):
//! the same client and target resolution as the console, output as aligned tables or stable JSON
//! (docs/json-output.md), and exit statuses scripts can rely on — 0 success, 1 failure, 2 API
//! error (`Code: Message (RequestId …)` on stderr), 64 usage error.

mod call;
mod keys;
mod output;
mod permissions;
mod records;
mod report;
pub mod table;
mod users;
mod whois;

use std::io::{self, IsTerminal as _, Write};

use crate::cam::credential;
use crate::cam::{CallError, Client};
use crate::cli::{Command, KeysCommand, TargetArgs};
use crate::config::Config;
use crate::i18n::Text;
use crate::target::{self, Resolved};

pub use output::{
    CommandError, Console, EXIT_API_ERROR, EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_USAGE,
    target_error_status,
};

/// Checks that need no connection: read-only refusals and confirmations that cannot be asked.
/// Runs before the target is even connected to, so a refused command sends nothing.
pub fn preflight(
    command: &Command,
    resolved: &Resolved,
    console: &Console<'_>,
) -> Result<(), CommandError> {
    if command.mutates() && resolved.read_only {
        return Err(CommandError::ReadOnly {
            target: resolved.label(),
            profile: resolved.profile.clone(),
        });
    }
    if let Command::Keys(KeysCommand::Delete { yes: false, .. }) = command
        && console.ask.is_none()
    {
        return Err(CommandError::DeleteNeedsYes);
    }
    Ok(())
}

/// Runs a subcommand against a connected client. Call [`preflight`] first.
pub async fn run(
    command: &Command,
    client: &Client,
    console: &mut Console<'_>,
) -> Result<(), CommandError> {
    match command {
        Command::Call(args) => call::run(client, args, console).await,
        Command::Users(output) => users::list(client, output.output, console).await,
        Command::User(args) => users::show(client, &args.user, args.output.output, console).await,
        Command::Keys(keys) => keys::run(client, keys, console).await,
        Command::Records(args) => records::run(client, args, console).await,
        Command::Whois(args) => whois::run(client, args, console).await,
        Command::Report(args) => report::run(client, args, console).await,
        // main.rs runs these itself; they are not requests to a target.
        Command::Serve(_) | Command::Completions(_) | Command::Man(_) => {
            Err(CommandError::RunsLocally)
        }
    }
}

/// Runs a subcommand as the `camtui` binary does: reads the config and environment, resolves the
/// target, refuses what must be refused before connecting, runs the command on the real
/// stdout/stderr/stdin, reports any error on stderr, and returns the exit status.
pub async fn execute(args: &TargetArgs, command: &Command) -> u8 {
    let env = credential::process_environment();
    let home = directories::BaseDirs::new().map(|d| d.home_dir().to_owned());
    let (config, config_error) =
        Config::load_or_empty(args.config.as_deref(), &env, home.as_deref());
    let stderr = io::stderr();
    if let Some(e) = config_error {
        let _ = writeln!(
            stderr.lock(),
            "camtui: warning: {e} (ignoring the config file)"
        );
    }
    for problem in &config.problems {
        let _ = writeln!(stderr.lock(), "camtui: warning: {problem}");
    }
    let options = args.options();
    let resolved = match target::resolve(&options, &config, &env, home.as_deref()) {
        Ok(resolved) => resolved,
        Err(e) => {
            let _ = writeln!(stderr.lock(), "camtui: {e}");
            return target_error_status(&e);
        }
    };

    let language = resolved.language;
    let stdin_is_terminal = io::stdin().is_terminal();
    let mut read_answer = || {
        let mut line = String::new();
        io::stdin().read_line(&mut line).map(|_| line)
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut err = stderr.lock();
    let result = {
        let mut console = Console {
            out: &mut out,
            err: &mut err,
            ask: stdin_is_terminal
                .then_some(&mut read_answer as &mut dyn FnMut() -> io::Result<String>),
            err_is_terminal: io::stderr().is_terminal(),
            language,
        };
        match preflight(command, &resolved, &console) {
            Ok(()) => {
                let data_dir = crate::paths::data_dir(&env);
                match target::connect(&resolved, &options, data_dir.as_deref(), None).await {
                    Ok(connection) => {
                        let result = run(command, &connection.client, &mut console).await;
                        // The sandbox's audit trail must reach its database before we exit.
                        let closed = connection.close().await;
                        result.and_then(|()| Ok(closed?))
                    }
                    Err(e) => Err(CommandError::Connect(e)),
                }
            }
            Err(e) => Err(e),
        }
    };
    let result = result.and_then(|()| Ok(out.flush()?));
    match result {
        Ok(()) => 0,
        // The reader went away (`camtui users | head`): not worth a message.
        Err(CommandError::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            match &e {
                CommandError::Call(CallError::Api(api)) => {
                    let _ = writeln!(err, "{api}");
                }
                other => {
                    let _ = writeln!(err, "camtui: {}", other.message(language));
                }
            }
            if let Some(hint) = e.advice(language) {
                let _ = writeln!(err, "{}", language.text(Text::Hint { hint: &hint }));
            }
            e.exit_code()
        }
    }
}
