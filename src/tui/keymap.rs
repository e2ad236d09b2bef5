//! The one table of keys: what each key does in each context. The event loop resolves key presses
//! with it, the help overlay lists it and the footer shows its hints, so they cannot disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action, Command};
use super::model::Tab;
use super::state::{Context, Modal, State};
use super::text_field::Edit;
use crate::cam::model::SecretId;
use crate::cam::report::{DEFAULT_STALE_DAYS, Flag};

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Backspace,
    Delete,
}

impl Key {
    pub fn from_event(event: KeyEvent) -> Option<Self> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        Some(match event.code {
            KeyCode::Char(c) if ctrl => Self::Ctrl(c.to_ascii_lowercase()),
            KeyCode::Char(_) if alt => return None,
            KeyCode::Char(c) => Self::Char(c),
            KeyCode::Enter => Self::Enter,
            KeyCode::Esc => Self::Esc,
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => Self::BackTab,
            KeyCode::Tab => Self::Tab,
            KeyCode::BackTab => Self::BackTab,
            KeyCode::Up => Self::Up,
            KeyCode::Down => Self::Down,
            KeyCode::Left => Self::Left,
            KeyCode::Right => Self::Right,
            KeyCode::Home => Self::Home,
            KeyCode::End => Self::End,
            KeyCode::PageUp => Self::PageUp,
            KeyCode::PageDown => Self::PageDown,
            KeyCode::Backspace => Self::Backspace,
            KeyCode::Delete => Self::Delete,
            _ => return None,
        })
    }

    pub fn label(self) -> String {
        match self {
            Self::Char(' ') => "Space".into(),
            Self::Char(c) => c.to_string(),
            Self::Ctrl(c) => format!("Ctrl-{c}"),
            Self::Enter => "Enter".into(),
            Self::Esc => "Esc".into(),
            Self::Tab => "Tab".into(),
            Self::BackTab => "Shift-Tab".into(),
            Self::Up => "↑".into(),
            Self::Down => "↓".into(),
            Self::Left => "←".into(),
            Self::Right => "→".into(),
            Self::Home => "Home".into(),
            Self::End => "End".into(),
            Self::PageUp => "PgUp".into(),
            Self::PageDown => "PgDn".into(),
            Self::Backspace => "Backspace".into(),
            Self::Delete => "Delete".into(),
        }
    }
}

/// One row of the table.
#[derive(Debug)]
pub struct Binding {
    pub keys: &'static [Key],
    pub command: Command,
    /// What the help overlay says.
    pub help: &'static str,
    /// The footer's short word, for the keys worth a hint.
    pub hint: Option<&'static str>,
}

impl Binding {
    /// "j/↓", as the help overlay and the footer show the keys.
    pub fn keys_label(&self) -> String {
        self.keys
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join("/")
    }
}

const fn bind(
    keys: &'static [Key],
    command: Command,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        command,
        help,
        hint,
    }
}

use Command as C;
use Key as K;

const MOVE: [Binding; 6] = [
    bind(&[K::Char('j'), K::Down], C::Down, "move down", None),
    bind(&[K::Char('k'), K::Up], C::Up, "move up", None),
    bind(
        &[K::Char('g'), K::Home],
        C::Top,
        "go to the first row",
        None,
    ),
    bind(
        &[K::Char('G'), K::End],
        C::Bottom,
        "go to the last row",
        None,
    ),
    bind(&[K::PageDown], C::PageDown, "page down", None),
    bind(&[K::PageUp], C::PageUp, "page up", None),
];

/// A line of text edits as a shell's does.
const EDIT: [Binding; 7] = [
    bind(&[K::Left], C::Edit(Edit::Left), "cursor left", None),
    bind(&[K::Right], C::Edit(Edit::Right), "cursor right", None),
    bind(
        &[K::Home, K::Ctrl('a')],
        C::Edit(Edit::Start),
        "to the start of the line",
        None,
    ),
    bind(
        &[K::End, K::Ctrl('e')],
        C::Edit(Edit::End),
        "to the end of the line",
        None,
    ),
    bind(
        &[K::Backspace],
        C::Edit(Edit::Erase),
        "erase the character before the cursor",
        None,
    ),
    bind(
        &[K::Ctrl('u')],
        C::Edit(Edit::EraseToStart),
        "erase to the start of the line",
        None,
    ),
    bind(
        &[K::Ctrl('w')],
        C::Edit(Edit::EraseWord),
        "erase the word before the cursor",
        None,
    ),
];

const GLOBAL: [Binding; 10] = [
    bind(&[K::Char('?')], C::Help, "show this help", Some("help")),
    bind(
        &[K::Char(':')],
        C::CommandLine,
        "the command line (:users :keys :secretid :profile :sandbox :q)",
        Some("command"),
    ),
    bind(
        &[K::Char('@')],
        C::ShowLog,
        "the API-call log of this run",
        Some("calls"),
    ),
    bind(&[K::Char('1')], C::GoTab(Tab::Users), "User List tab", None),
    bind(
        &[K::Char('2')],
        C::GoTab(Tab::Details),
        "User Details tab",
        None,
    ),
    bind(&[K::Char('3')], C::GoTab(Tab::Keys), "API Keys tab", None),
    bind(
        &[K::Char('4')],
        C::GoTab(Tab::Report),
        "Key Report tab: every key of the account",
        None,
    ),
    bind(&[K::Tab], C::NextTab, "next tab", None),
    bind(&[K::BackTab], C::PreviousTab, "previous tab", None),
    bind(&[K::Char('q'), K::Ctrl('c')], C::Quit, "quit", Some("quit")),
];

const USERS: [Binding; 7] = [
    bind(
        &[K::Enter],
        C::Open,
        "open the user's details",
        Some("open"),
    ),
    bind(
        &[K::Char('/')],
        C::Filter,
        "a new filter by name, remark or UIN, or find a SecretId's owner",
        Some("filter"),
    ),
    bind(&[K::Char('y')], C::Copy, "copy the UIN", Some("copy UIN")),
    bind(
        &[K::Char('s')],
        C::SortNext,
        "sort by the next column",
        Some("sort"),
    ),
    bind(
        &[K::Char('S')],
        C::SortReverse,
        "reverse the sort order",
        None,
    ),
    bind(
        &[K::Char('r')],
        C::Refresh,
        "reload the users",
        Some("refresh"),
    ),
    bind(&[K::Esc], C::Back, "clear the filter", None),
];

const FILTER: [Binding; 5] = [
    bind(
        &[K::Enter],
        C::FilterDone,
        "keep the filter, or find the owner of a SecretId",
        Some("done"),
    ),
    bind(
        &[K::Esc],
        C::FilterCancel,
        "back to the filter before /",
        Some("cancel"),
    ),
    bind(&[K::Down], C::Down, "move down", None),
    bind(&[K::Up], C::Up, "move up", None),
    bind(&[K::Ctrl('c')], C::Quit, "quit", None),
];

const DETAILS: [Binding; 4] = [
    bind(
        &[K::Enter],
        C::Open,
        "on a policy: its document; elsewhere: the user's API keys",
        Some("API keys"),
    ),
    bind(&[K::Char('y')], C::Copy, "copy the UIN", Some("copy UIN")),
    bind(&[K::Esc], C::Back, "back to the User List", Some("back")),
    bind(
        &[K::Char('r')],
        C::Refresh,
        "reload the user",
        Some("refresh"),
    ),
];

const KEYS: [Binding; 10] = [
    bind(
        &[K::Char('c')],
        C::CreateKey,
        "create an API key (with an optional description)",
        Some("create"),
    ),
    bind(
        &[K::Char('y')],
        C::Copy,
        "copy the SecretId",
        Some("copy SecretId"),
    ),
    bind(
        &[K::Char('d')],
        C::DisableKey,
        "disable the key",
        Some("disable"),
    ),
    bind(
        &[K::Char('e')],
        C::EnableKey,
        "enable the key",
        Some("enable"),
    ),
    bind(
        &[K::Char('D'), K::Delete],
        C::DeleteKey,
        "delete the key (disabled keys only)",
        Some("delete"),
    ),
    bind(
        &[K::Char('R')],
        C::Rotate,
        "rotate the key, step by step (free a slot, create, switch, disable, delete)",
        Some("rotate"),
    ),
    bind(
        &[K::Char('l'), K::Right, K::Enter],
        C::FocusDrawer,
        "into the key's access records",
        Some("records"),
    ),
    bind(
        &[K::Char('a')],
        C::AccessPanel,
        "show or hide the access records",
        None,
    ),
    bind(
        &[K::Char('r')],
        C::Refresh,
        "reload the keys and records",
        Some("refresh"),
    ),
    bind(
        &[K::Esc],
        C::Back,
        "hide the records, else back to User Details",
        Some("back"),
    ),
];

const RECORDS: [Binding; 6] = [
    bind(
        &[K::Enter],
        C::Open,
        "the record in full (message, RequestId, event)",
        Some("open"),
    ),
    bind(
        &[K::Char('y')],
        C::Copy,
        "copy the record's RequestId",
        Some("copy RequestId"),
    ),
    bind(
        &[K::Char('f')],
        C::FailuresOnly,
        "failed calls only, or every call",
        Some("failures"),
    ),
    bind(
        &[K::Char('r')],
        C::Refresh,
        "reload the records",
        Some("refresh"),
    ),
    bind(
        &[K::Char('a')],
        C::AccessPanel,
        "hide the access records",
        None,
    ),
    bind(
        &[K::Char('h'), K::Left, K::Esc],
        C::Back,
        "back to the keys",
        Some("keys"),
    ),
];

const PAGER: [Binding; 3] = [
    bind(
        &[K::Char('y')],
        C::Copy,
        "copy the RequestId (of an access record)",
        Some("copy RequestId"),
    ),
    bind(
        &[K::Esc, K::Enter, K::Char('q')],
        C::Back,
        "close",
        Some("close"),
    ),
    bind(&[K::Ctrl('c')], C::Quit, "quit", None),
];

const CONFIRM: [Binding; 5] = [
    bind(&[K::Char('y')], C::Confirm, "confirm", Some("confirm")),
    bind(&[K::Char('n'), K::Esc], C::Cancel, "cancel", Some("cancel")),
    bind(
        &[
            K::Tab,
            K::BackTab,
            K::Left,
            K::Right,
            K::Char('h'),
            K::Char('l'),
        ],
        C::SwitchFocus,
        "move between the buttons",
        Some("move"),
    ),
    bind(
        &[K::Enter],
        C::Press,
        "press the focused button (Cancel, unless moved)",
        Some("press"),
    ),
    bind(&[K::Ctrl('c')], C::Quit, "quit", None),
];

const CONFIRM_TYPED: [Binding; 4] = [
    bind(
        &[K::Enter],
        C::Submit,
        "confirm, if what is typed matches",
        Some("confirm"),
    ),
    bind(&[K::Esc], C::Cancel, "cancel", Some("cancel")),
    bind(
        &[K::Backspace],
        C::Edit(Edit::Erase),
        "erase a character",
        None,
    ),
    bind(&[K::Ctrl('c')], C::Quit, "quit", None),
];

const DESCRIBE: [Binding; 3] = [
    bind(
        &[K::Enter],
        C::Submit,
        "create the key, with the description typed (if any)",
        Some("create"),
    ),
    bind(
        &[K::Esc],
        C::Cancel,
        "cancel: no key is created",
        Some("cancel"),
    ),
    bind(&[K::Ctrl('c')], C::Quit, "quit", None),
];

const SECRET: [Binding; 7] = [
    bind(
        &[K::Char('v')],
        C::Reveal,
        "show or mask the SecretKey",
        Some("reveal"),
    ),
    bind(
        &[K::Char('y')],
        C::Copy,
        "copy the SecretId",
        Some("copy SecretId"),
    ),
    bind(
        &[K::Char('Y')],
        C::CopySecretKey,
        "copy the SecretKey (cleared after 45 s)",
        Some("copy SecretKey"),
    ),
    bind(
        &[K::Char('t')],
        C::VerifyKey,
        "test the new key: sign one harmless call (GetUserAppId) with it",
        Some("test it"),
    ),
    bind(
        &[K::Char(' ')],
        C::Acknowledge,
        "tick \"I have saved the SecretKey\"",
        Some("I have saved it"),
    ),
    bind(
        &[K::Enter, K::Esc],
        C::CloseSecret,
        "close, once the box is ticked",
        Some("close"),
    ),
    bind(
        &[K::Char('q'), K::Ctrl('c')],
        C::Quit,
        "quit (refused until the SecretKey is saved)",
        None,
    ),
];

const REPORT: [Binding; 16] = [
    bind(
        &[K::Enter],
        C::Open,
        "open the key on its owner's API Keys tab",
        Some("open"),
    ),
    bind(
        &[K::Char('/')],
        C::Filter,
        "a new filter by owner, UIN or SecretId",
        Some("filter"),
    ),
    bind(
        &[K::Char('n')],
        C::QuickFilter(Flag::NeverUsed),
        "only never-used keys (again: all)",
        None,
    ),
    bind(
        &[K::Char('u')],
        C::QuickFilter(Flag::Unused),
        "only keys unused for the stale days (again: all)",
        None,
    ),
    bind(
        &[K::Char('o')],
        C::QuickFilter(Flag::Old),
        "only keys older than the stale days (again: all)",
        None,
    ),
    bind(
        &[K::Char('i')],
        C::QuickFilter(Flag::Disabled),
        "only disabled keys (again: all)",
        None,
    ),
    bind(
        &[K::Char('t')],
        C::QuickFilter(Flag::TwoEnabled),
        "only keys of users with two enabled (again: all)",
        None,
    ),
    bind(
        &[K::Char(' ')],
        C::Mark,
        "mark the key for d, or unmark it",
        Some("mark"),
    ),
    bind(
        &[K::Char('A')],
        C::MarkShown,
        "mark every key shown (again: unmark them)",
        Some("mark shown"),
    ),
    bind(
        &[K::Char('d')],
        C::DisableKey,
        "disable the marked keys (or the one under the cursor), after you type how many",
        Some("disable"),
    ),
    bind(&[K::Char('y')], C::Copy, "copy the SecretId", None),
    bind(
        &[K::Char('s')],
        C::SortNext,
        "sort by the next column",
        Some("sort"),
    ),
    bind(
        &[K::Char('S')],
        C::SortReverse,
        "reverse the sort order",
        None,
    ),
    bind(
        &[K::Char('r')],
        C::Refresh,
        "load the report again",
        Some("reload"),
    ),
    bind(
        &[K::Char('X')],
        C::StopLoading,
        "stop loading, keeping what is in",
        Some("stop"),
    ),
    bind(
        &[K::Esc],
        C::Back,
        "clear the filter and the quick filters",
        None,
    ),
];

const ROTATION: [Binding; 7] = [
    bind(
        &[K::Enter],
        C::Step,
        "do this step (every change asks first)",
        Some("do it"),
    ),
    bind(
        &[K::Char('e')],
        C::EnableKey,
        "enable the old key again, if something still needs it",
        None,
    ),
    bind(
        &[K::Char('r')],
        C::Refresh,
        "ask for the keys, their last use and the records now",
        Some("refresh"),
    ),
    bind(
        &[K::Esc],
        C::Back,
        "close (R on the key resumes where it stands)",
        Some("close"),
    ),
    bind(
        &[K::Char('@')],
        C::ShowLog,
        "the API-call log of this run",
        Some("calls"),
    ),
    bind(&[K::Char('?')], C::Help, "show this help", Some("help")),
    bind(&[K::Ctrl('c')], C::Quit, "quit", None),
];

const BULK: [Binding; 4] = [
    bind(
        &[K::Esc],
        C::Back,
        "stop after the call in flight; once done, close",
        Some("stop / close"),
    ),
    bind(
        &[K::Char('@')],
        C::ShowLog,
        "the API-call log of this run",
        Some("calls"),
    ),
    bind(&[K::Char('?')], C::Help, "show this help", Some("help")),
    bind(&[K::Ctrl('c')], C::Quit, "quit", None),
];

const HELP: [Binding; 2] = [
    bind(
        &[K::Esc, K::Char('?'), K::Char('q')],
        C::CloseHelp,
        "close the help",
        Some("close"),
    ),
    bind(&[K::Ctrl('c')], C::Quit, "quit", None),
];

const COMMAND: [Binding; 7] = [
    bind(&[K::Enter], C::RunLine, "run the command", Some("run")),
    bind(
        &[K::Tab],
        C::Complete,
        "complete the command, user or profile name (again: the next)",
        Some("complete"),
    ),
    bind(
        &[K::BackTab],
        C::CompleteBack,
        "the previous completion",
        None,
    ),
    bind(
        &[K::Esc],
        C::CancelLine,
        "close the command line",
        Some("close"),
    ),
    bind(&[K::Up], C::Up, "the command run before", None),
    bind(&[K::Down], C::Down, "the command run after", None),
    bind(&[K::Ctrl('c')], C::Quit, "quit", None),
];

const SEARCH: [Binding; 4] = [
    bind(
        &[K::Esc],
        C::CancelSearch,
        "cancel the search (what it learned is kept for the run)",
        Some("cancel"),
    ),
    bind(
        &[K::Char('@')],
        C::ShowLog,
        "the API-call log of this run",
        Some("calls"),
    ),
    bind(&[K::Char('?')], C::Help, "show this help", Some("help")),
    bind(&[K::Ctrl('c')], C::Quit, "quit", None),
];

const CALL_LOG: [Binding; 4] = [
    bind(
        &[K::Char('/')],
        C::Filter,
        "a new filter by action, target, result or RequestId",
        Some("filter"),
    ),
    bind(
        &[K::Char('y')],
        C::Copy,
        "copy the call's RequestId",
        Some("copy RequestId"),
    ),
    bind(
        &[K::Esc, K::Char('@'), K::Char('q')],
        C::CloseLog,
        "clear the filter, else close the log",
        Some("close"),
    ),
    bind(&[K::Ctrl('c')], C::Quit, "quit", None),
];

/// A filter that only filters (the call log's, the Key Report's): Enter keeps it.
const PLAIN_FILTER: [Binding; 5] = [
    bind(&[K::Enter], C::FilterDone, "keep the filter", Some("done")),
    bind(
        &[K::Esc],
        C::FilterCancel,
        "back to the filter before /",
        Some("cancel"),
    ),
    bind(&[K::Down], C::Down, "move down", None),
    bind(&[K::Up], C::Up, "move up", None),
    bind(&[K::Ctrl('c')], C::Quit, "quit", None),
];

/// Every binding of a context, in the order the help lists them.
pub fn bindings(context: Context) -> Vec<&'static Binding> {
    let own: &'static [Binding] = match context {
        Context::Users => &USERS,
        Context::Filter => &FILTER,
        Context::Details => &DETAILS,
        Context::Keys => &KEYS,
        Context::Records => &RECORDS,
        Context::Pager => &PAGER,
        Context::Confirm => &CONFIRM,
        Context::ConfirmTyped => &CONFIRM_TYPED,
        Context::Describe => &DESCRIBE,
        Context::Secret => &SECRET,
        Context::Help => &HELP,
        Context::Command => &COMMAND,
        Context::Search => &SEARCH,
        Context::CallLog => &CALL_LOG,
        Context::Report => &REPORT,
        Context::Rotation => &ROTATION,
        Context::Bulk => &BULK,
        Context::LogFilter | Context::ReportFilter => &PLAIN_FILTER,
    };
    let extra: &'static [Binding] = match context {
        Context::Users
        | Context::Details
        | Context::Keys
        | Context::Records
        | Context::Pager
        | Context::CallLog
        | Context::Help
        | Context::Report => &MOVE,
        Context::Filter
        | Context::Command
        | Context::Describe
        | Context::LogFilter
        | Context::ReportFilter => &EDIT,
        _ => &[],
    };
    let global: &'static [Binding] = if context.has_global_keys() {
        &GLOBAL
    } else {
        &[]
    };
    own.iter().chain(extra).chain(global).collect()
}

/// What the help overlay says under a context's keys, where keys alone do not tell it all.
pub fn notes(context: Context) -> Vec<String> {
    let mut notes = Vec::new();
    if matches!(context, Context::Users | Context::Filter) {
        notes.push(
            "A SecretId (AKID…/IKID…) typed after / is searched when Enter is pressed (every \
             prefix of one looks like one); a pasted one is searched at once."
                .to_owned(),
        );
    }
    if context.has_global_keys() {
        let commands: Vec<String> = super::command_line::COMMANDS
            .iter()
            .map(|(name, args, _)| format!(":{name}{args}"))
            .collect();
        notes.push(format!(
            "Commands: {} — Tab completes.",
            commands.join("  ")
        ));
    }
    if context == Context::Search {
        notes.push(
            "CloudAudit is asked first: its newest record of the key names who signed with it, \
             and one ListAccessKeys of that user confirms it. Otherwise ListAccessKeys is called \
             for each user not seen before this run, at most 20 a second. The owner found opens \
             on the API Keys tab."
                .to_owned(),
        );
    }
    if matches!(context, Context::Report | Context::ReportFilter) {
        notes.push(format!(
            "Flags: never-used (no use ever recorded), unused-{DEFAULT_STALE_DAYS}d (not used \
             for {DEFAULT_STALE_DAYS} days), older-than-{DEFAULT_STALE_DAYS}d, disabled (a \
             candidate for deletion), two-enabled (no free slot for a rotation). Quick filters \
             combine: n u o i t each narrow the keys shown."
        ));
        notes.push(
            "Every user's keys are listed (ListAccessKeys) and their last use asked ten at a \
             time (GetSecurityLastUsed), each at most 20 calls a second; what is listed also \
             answers the owner search and opens the API Keys tab at once. d disables one key \
             at a time, at most 5 a second, each result shown as it lands."
                .to_owned(),
        );
    }
    if context == Context::Rotation {
        notes.push(
            "Where the rotation stands is read off the user's keys each time — the key created \
             after the old one is its successor — so closing the wizard, or camtui, loses \
             nothing. The cloud reports use late: access records about an hour, last-used \
             dates a day."
                .to_owned(),
        );
    }
    notes
}

/// The footer's word for a binding as things are now, or `None` when it has nothing to offer
/// at the moment (closing the SecretKey window before the box is ticked).
fn hint_now(state: &State, binding: &Binding) -> Option<&'static str> {
    let hint = binding.hint?;
    let secret = match &state.modal {
        Some(Modal::Secret(modal)) => Some(modal),
        _ => None,
    };
    match binding.command {
        C::Reveal if secret.is_some_and(|m| m.revealed) => Some("mask"),
        C::Acknowledge if secret.is_some_and(|m| m.acknowledged) => Some("untick"),
        C::CloseSecret if !secret.is_some_and(|m| m.acknowledged) => None,
        C::FilterDone
            if state
                .users
                .editing
                .as_ref()
                .is_some_and(|e| SecretId::parse(e.field.text().trim()).is_some()) =>
        {
            Some("find owner")
        }
        C::FailuresOnly
            if state
                .open
                .as_ref()
                .and_then(|o| o.panel.as_ref())
                .is_some_and(|p| p.failures_only) =>
        {
            Some("all calls")
        }
        C::Copy if matches!(&state.modal, Some(Modal::Pager(p)) if p.copy.is_none()) => None,
        C::Open
            if state.context() == Context::Details
                && state
                    .open
                    .as_ref()
                    .is_some_and(|o| o.selected_policy().is_some()) =>
        {
            Some("policy document")
        }
        _ => Some(hint),
    }
}

/// The key hints the footer shows for the state the console is in; mutating keys are hidden in
/// read-only mode.
pub fn hints(state: &State) -> Vec<(String, &'static str)> {
    let read_only = state.header.read_only;
    bindings(state.context())
        .into_iter()
        .filter(|b| !(read_only && b.command.mutates()))
        .filter_map(|b| Some((b.keys[0].label(), hint_now(state, b)?)))
        .collect()
}

/// What a key press means in a context.
pub fn resolve(context: Context, event: KeyEvent) -> Option<Action> {
    let key = Key::from_event(event)?;
    if let Some(binding) = bindings(context)
        .into_iter()
        .find(|b| b.keys.contains(&key))
    {
        return Some(Action::Command(binding.command));
    }
    match key {
        Key::Char(c) if context.takes_text() => Some(Action::Input(c)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn no_key_is_bound_twice_in_a_context() {
        for context in Context::ALL {
            let mut seen = Vec::new();
            for binding in bindings(context) {
                for key in binding.keys {
                    assert!(!seen.contains(key), "{key:?} twice in {context:?}");
                    seen.push(*key);
                }
            }
        }
    }

    #[test]
    fn text_contexts_take_characters_the_table_does_not_bind() {
        assert!(matches!(
            resolve(Context::Filter, press(KeyCode::Char('q'))),
            Some(Action::Input('q'))
        ));
        assert!(matches!(
            resolve(Context::Users, press(KeyCode::Char('q'))),
            Some(Action::Command(Command::Quit))
        ));
        assert!(resolve(Context::Users, press(KeyCode::Char('x'))).is_none());
        assert!(matches!(
            resolve(Context::ConfirmTyped, press(KeyCode::Char('y'))),
            Some(Action::Input('y'))
        ));
    }

    #[test]
    fn shift_tab_and_delete() {
        assert!(matches!(
            resolve(Context::Users, press(KeyCode::BackTab)),
            Some(Action::Command(Command::PreviousTab))
        ));
        assert!(matches!(
            resolve(Context::Keys, press(KeyCode::Delete)),
            Some(Action::Command(Command::DeleteKey))
        ));
    }

    #[test]
    fn read_only_hides_mutating_hints() {
        let mut state = State::new(crate::tui::state::Header {
            target: "http://127.0.0.1:1".into(),
            sandbox: false,
            account: crate::tui::state::Remote::default(),
            clipboard: crate::tui::clipboard::Backend::Off,
            read_only: false,
            accent: None,
            profile: None,
        });
        state.tab = Tab::Keys;
        let all = hints(&state);
        state.header.read_only = true;
        let read_only = hints(&state);
        assert!(all.iter().any(|(_, h)| *h == "create"));
        assert!(
            !read_only
                .iter()
                .any(|(_, h)| *h == "create" || *h == "delete")
        );
        assert!(read_only.iter().any(|(_, h)| *h == "copy SecretId"));
    }
}
