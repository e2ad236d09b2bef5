//! The `:` command line: typing, Tab completion, history, and running a command.

use crate::cam::model::SecretId;
use crate::i18n::Text;
use crate::tui::action::{Command, Effect};
use crate::tui::command_line::{self, Candidates, LineCommand};
use crate::tui::model::Tab;
use crate::tui::state::{CommandLine, Level, State};
use crate::tui::text_field::Edit;
use crate::tui::update::core::{flash, navigated, no_user, scroll_users};
use crate::tui::update::{call_log, connection, help, search, tabs};

/// How many lines the history keeps.
const HISTORY: usize = 100;

pub fn type_text(state: &mut State, text: &str) {
    if let Some(line) = state.command_line.as_mut() {
        line.field.insert(text);
        forget_completions(line);
    }
}

fn forget_completions(line: &mut CommandLine) {
    line.completions.clear();
    line.selected = None;
    line.history_at = None;
}

pub fn on_line(state: &mut State, command: Command) -> Vec<Effect> {
    let Some(line) = state.command_line.as_mut() else {
        return Vec::new();
    };
    match command {
        // Backspace on an empty line closes it, as in vim.
        Command::Edit(Edit::Erase) if line.field.is_empty() => state.command_line = None,
        Command::Edit(edit) if line.field.edit(edit) => forget_completions(line),
        Command::CancelLine => state.command_line = None,
        Command::Complete | Command::CompleteBack => {
            complete(state, command == Command::CompleteBack);
        }
        Command::Up | Command::Down => {
            let last = state.history.len();
            let at = line.history_at.unwrap_or(last);
            let at = if command == Command::Up {
                at.saturating_sub(1)
            } else {
                (at + 1).min(last)
            };
            line.field
                .set(state.history.get(at).cloned().unwrap_or_default());
            line.completions.clear();
            line.selected = None;
            line.history_at = Some(at);
        }
        Command::RunLine => {
            let text = line.field.text().trim().to_owned();
            state.command_line = None;
            if !text.is_empty() && state.history.last() != Some(&text) {
                if state.history.len() == HISTORY {
                    state.history.remove(0);
                }
                state.history.push(text.clone());
            }
            return run(state, &text);
        }
        Command::Quit => state.quit = true,
        _ => {}
    }
    Vec::new()
}

/// Tab: fills in the next completion; the first Tab works out what completes the typed text.
fn complete(state: &mut State, backwards: bool) {
    let Some(line) = state.command_line.as_mut() else {
        return;
    };
    if line.completions.is_empty() {
        let users = state.users.all().map(|row| row.name.as_str());
        line.completions = command_line::complete(
            line.field.text(),
            Candidates {
                users,
                profiles: &state.profiles,
            },
        );
        line.selected = None;
    }
    let count = line.completions.len();
    if count == 0 {
        let text = line.field.text().to_owned();
        let text = state.language.text(Text::NothingCompletes { text: &text });
        flash(state, Level::Info, text);
        return;
    }
    let next = match (line.selected, backwards) {
        (None, false) => 0,
        (None, true) => count - 1,
        (Some(at), false) => (at + 1) % count,
        (Some(at), true) => (at + count - 1) % count,
    };
    line.field.set(line.completions[next].clone());
    if count == 1 {
        // Nothing to cycle through: the next Tab completes the next word ("keys " → a user).
        line.completions.clear();
        line.selected = None;
    } else {
        line.selected = Some(next);
    }
}

fn run(state: &mut State, text: &str) -> Vec<Effect> {
    // A command run is moving on: what was said before goes (the command may say something new).
    navigated(state);
    let command = match command_line::parse(text) {
        Ok(command) => command,
        Err(e) => {
            flash(state, Level::Warning, e.message(state.language));
            return Vec::new();
        }
    };
    match command {
        LineCommand::Users => tabs::go(state, Tab::Users),
        LineCommand::Keys(None) => {
            if state.open.is_none() && state.users.selected().is_none() {
                no_user(state);
                return Vec::new();
            }
            tabs::go(state, Tab::Keys)
        }
        LineCommand::Keys(Some(name)) => keys_of(state, &name),
        LineCommand::SecretId(text) => {
            if let Some(secret_id) = SecretId::parse(&text) {
                search::start(state, secret_id)
            } else {
                let text = state.language.text(Text::NotASecretIdLine { text: &text });
                flash(state, Level::Warning, text);
                Vec::new()
            }
        }
        LineCommand::Profile(None) => {
            let text = if state.profiles.is_empty() {
                state.language.text(Text::NoProfiles)
            } else {
                state.language.text(Text::ProfilesHelp {
                    profiles: &connection::profile_list(state),
                })
            };
            flash(state, Level::Info, text);
            Vec::new()
        }
        LineCommand::Profile(Some(name)) => connection::switch_profile(state, name),
        LineCommand::Sandbox => connection::switch_to_sandbox(state),
        LineCommand::Log => {
            call_log::open(state);
            Vec::new()
        }
        LineCommand::Help => {
            help::open(state, state.context());
            Vec::new()
        }
        LineCommand::Quit => {
            state.quit = true;
            Vec::new()
        }
    }
}

/// `:keys NAME`: the user by exact name, else by name ignoring case when only one matches, else
/// by UIN.
fn keys_of(state: &mut State, name: &str) -> Vec<Effect> {
    let lower = name.to_lowercase();
    let exact = state
        .users
        .all()
        .find(|row| row.name == name)
        .map(|r| r.uin);
    let uin = exact.or_else(|| {
        let mut matches = state
            .users
            .all()
            .filter(|row| row.name.to_lowercase() == lower || row.uin.to_string() == name);
        match (matches.next(), matches.next()) {
            (Some(row), None) => Some(row.uin),
            _ => None,
        }
    });
    let Some(uin) = uin else {
        let text = if state.users.load.data.is_none() {
            state.language.text(Text::UsersStillLoading)
        } else {
            state.language.text(Text::NoUserNamed { name })
        };
        flash(state, Level::Warning, text);
        return Vec::new();
    };
    state.users.select(uin);
    scroll_users(state);
    tabs::go(state, Tab::Keys)
}
