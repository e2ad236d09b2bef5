//! The one table of keys: what each key does in each context. The event loop resolves key presses
//! with it, the help overlay lists it and the footer shows its hints, so they cannot disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action, Command};
use super::model::Tab;
use super::state::{Context, Modal, SECRET_CLIPBOARD_SECONDS, State};
use super::text_field::Edit;
use crate::cam::model::SecretId;
use crate::cam::report::{DEFAULT_STALE_DAYS, Flag};
use crate::i18n::{Language, Text};

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
    pub help: Text<'static>,
    /// The footer's short word, for the keys worth a hint.
    pub hint: Option<Text<'static>>,
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
    help: Text<'static>,
    hint: Option<Text<'static>>,
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
    bind(&[K::Char('j'), K::Down], C::Down, Text::HelpMoveDown, None),
    bind(&[K::Char('k'), K::Up], C::Up, Text::HelpMoveUp, None),
    bind(&[K::Char('g'), K::Home], C::Top, Text::HelpFirstRow, None),
    bind(&[K::Char('G'), K::End], C::Bottom, Text::HelpLastRow, None),
    bind(&[K::PageDown], C::PageDown, Text::HelpPageDown, None),
    bind(&[K::PageUp], C::PageUp, Text::HelpPageUp, None),
];

/// A line of text edits as a shell's does.
const EDIT: [Binding; 7] = [
    bind(&[K::Left], C::Edit(Edit::Left), Text::HelpCursorLeft, None),
    bind(
        &[K::Right],
        C::Edit(Edit::Right),
        Text::HelpCursorRight,
        None,
    ),
    bind(
        &[K::Home, K::Ctrl('a')],
        C::Edit(Edit::Start),
        Text::HelpLineStart,
        None,
    ),
    bind(
        &[K::End, K::Ctrl('e')],
        C::Edit(Edit::End),
        Text::HelpLineEnd,
        None,
    ),
    bind(
        &[K::Backspace],
        C::Edit(Edit::Erase),
        Text::HelpEraseBefore,
        None,
    ),
    bind(
        &[K::Ctrl('u')],
        C::Edit(Edit::EraseToStart),
        Text::HelpEraseToStart,
        None,
    ),
    bind(
        &[K::Ctrl('w')],
        C::Edit(Edit::EraseWord),
        Text::HelpEraseWord,
        None,
    ),
];

const GLOBAL: [Binding; 10] = [
    bind(
        &[K::Char('?')],
        C::Help,
        Text::HelpShowHelp,
        Some(Text::HintHelp),
    ),
    bind(
        &[K::Char(':')],
        C::CommandLine,
        Text::HelpCommandLine,
        Some(Text::HintCommand),
    ),
    bind(
        &[K::Char('@')],
        C::ShowLog,
        Text::HelpCallLog,
        Some(Text::HintCalls),
    ),
    bind(
        &[K::Char('1')],
        C::GoTab(Tab::Users),
        Text::HelpTabUsers,
        None,
    ),
    bind(
        &[K::Char('2')],
        C::GoTab(Tab::Details),
        Text::HelpTabDetails,
        None,
    ),
    bind(
        &[K::Char('3')],
        C::GoTab(Tab::Keys),
        Text::HelpTabKeys,
        None,
    ),
    bind(
        &[K::Char('4')],
        C::GoTab(Tab::Report),
        Text::HelpTabReport,
        None,
    ),
    bind(&[K::Tab], C::NextTab, Text::HelpNextTab, None),
    bind(&[K::BackTab], C::PreviousTab, Text::HelpPreviousTab, None),
    bind(
        &[K::Char('q'), K::Ctrl('c')],
        C::Quit,
        Text::HelpQuit,
        Some(Text::HintQuit),
    ),
];

const USERS: [Binding; 7] = [
    bind(
        &[K::Enter],
        C::Open,
        Text::HelpOpenUser,
        Some(Text::HintOpen),
    ),
    bind(
        &[K::Char('/')],
        C::Filter,
        Text::HelpFilterUsers,
        Some(Text::HintFilter),
    ),
    bind(
        &[K::Char('y')],
        C::Copy,
        Text::HelpCopyUin,
        Some(Text::HintCopyUin),
    ),
    bind(
        &[K::Char('s')],
        C::SortNext,
        Text::HelpSortNext,
        Some(Text::HintSort),
    ),
    bind(&[K::Char('S')], C::SortReverse, Text::HelpSortReverse, None),
    bind(
        &[K::Char('r')],
        C::Refresh,
        Text::HelpReloadUsers,
        Some(Text::HintRefresh),
    ),
    bind(&[K::Esc], C::Back, Text::HelpClearFilter, None),
];

const FILTER: [Binding; 5] = [
    bind(
        &[K::Enter],
        C::FilterDone,
        Text::HelpKeepFilterOrFindOwner,
        Some(Text::HintDone),
    ),
    bind(
        &[K::Esc],
        C::FilterCancel,
        Text::HelpFilterBefore,
        Some(Text::HintCancel),
    ),
    bind(&[K::Down], C::Down, Text::HelpMoveDown, None),
    bind(&[K::Up], C::Up, Text::HelpMoveUp, None),
    bind(&[K::Ctrl('c')], C::Quit, Text::HelpQuit, None),
];

const DETAILS: [Binding; 4] = [
    bind(
        &[K::Enter],
        C::Open,
        Text::HelpOpenFromDetails,
        Some(Text::HintApiKeys),
    ),
    bind(
        &[K::Char('y')],
        C::Copy,
        Text::HelpCopyUin,
        Some(Text::HintCopyUin),
    ),
    bind(
        &[K::Esc],
        C::Back,
        Text::HelpBackToUsers,
        Some(Text::HintBack),
    ),
    bind(
        &[K::Char('r')],
        C::Refresh,
        Text::HelpReloadUser,
        Some(Text::HintRefresh),
    ),
];

const KEYS: [Binding; 10] = [
    bind(
        &[K::Char('c')],
        C::CreateKey,
        Text::HelpCreateKey,
        Some(Text::HintCreate),
    ),
    bind(
        &[K::Char('y')],
        C::Copy,
        Text::HelpCopySecretId,
        Some(Text::HintCopySecretId),
    ),
    bind(
        &[K::Char('d')],
        C::DisableKey,
        Text::HelpDisableKey,
        Some(Text::HintDisable),
    ),
    bind(
        &[K::Char('e')],
        C::EnableKey,
        Text::HelpEnableKey,
        Some(Text::HintEnable),
    ),
    bind(
        &[K::Char('D'), K::Delete],
        C::DeleteKey,
        Text::HelpDeleteKey,
        Some(Text::HintDelete),
    ),
    bind(
        &[K::Char('R')],
        C::Rotate,
        Text::HelpRotate,
        Some(Text::HintRotate),
    ),
    bind(
        &[K::Char('l'), K::Right, K::Enter],
        C::FocusDrawer,
        Text::HelpIntoRecords,
        Some(Text::HintRecords),
    ),
    bind(
        &[K::Char('a')],
        C::AccessPanel,
        Text::HelpToggleRecords,
        None,
    ),
    bind(
        &[K::Char('r')],
        C::Refresh,
        Text::HelpReloadKeys,
        Some(Text::HintRefresh),
    ),
    bind(
        &[K::Esc],
        C::Back,
        Text::HelpHideRecordsOrBack,
        Some(Text::HintBack),
    ),
];

const RECORDS: [Binding; 6] = [
    bind(
        &[K::Enter],
        C::Open,
        Text::HelpOpenRecord,
        Some(Text::HintOpen),
    ),
    bind(
        &[K::Char('y')],
        C::Copy,
        Text::HelpCopyRecordRequestId,
        Some(Text::HintCopyRequestId),
    ),
    bind(
        &[K::Char('f')],
        C::FailuresOnly,
        Text::HelpFailuresOnly,
        Some(Text::HintFailures),
    ),
    bind(
        &[K::Char('r')],
        C::Refresh,
        Text::HelpReloadRecords,
        Some(Text::HintRefresh),
    ),
    bind(&[K::Char('a')], C::AccessPanel, Text::HelpHideRecords, None),
    bind(
        &[K::Char('h'), K::Left, K::Esc],
        C::Back,
        Text::HelpBackToKeys,
        Some(Text::HintKeys),
    ),
];

const PAGER: [Binding; 3] = [
    bind(
        &[K::Char('y')],
        C::Copy,
        Text::HelpCopyPagerRequestId,
        Some(Text::HintCopyRequestId),
    ),
    bind(
        &[K::Esc, K::Enter, K::Char('q')],
        C::Back,
        Text::HelpClose,
        Some(Text::HintClose),
    ),
    bind(&[K::Ctrl('c')], C::Quit, Text::HelpQuit, None),
];

const CONFIRM: [Binding; 5] = [
    bind(
        &[K::Char('y')],
        C::Confirm,
        Text::HelpConfirm,
        Some(Text::HintConfirm),
    ),
    bind(
        &[K::Char('n'), K::Esc],
        C::Cancel,
        Text::HelpCancel,
        Some(Text::HintCancel),
    ),
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
        Text::HelpSwitchButton,
        Some(Text::HintMove),
    ),
    bind(
        &[K::Enter],
        C::Press,
        Text::HelpPressButton,
        Some(Text::HintPress),
    ),
    bind(&[K::Ctrl('c')], C::Quit, Text::HelpQuit, None),
];

const CONFIRM_TYPED: [Binding; 4] = [
    bind(
        &[K::Enter],
        C::Submit,
        Text::HelpConfirmIfTyped,
        Some(Text::HintConfirm),
    ),
    bind(
        &[K::Esc],
        C::Cancel,
        Text::HelpCancel,
        Some(Text::HintCancel),
    ),
    bind(
        &[K::Backspace],
        C::Edit(Edit::Erase),
        Text::HelpEraseCharacter,
        None,
    ),
    bind(&[K::Ctrl('c')], C::Quit, Text::HelpQuit, None),
];

const DESCRIBE: [Binding; 3] = [
    bind(
        &[K::Enter],
        C::Submit,
        Text::HelpCreateWithDescription,
        Some(Text::HintCreate),
    ),
    bind(
        &[K::Esc],
        C::Cancel,
        Text::HelpCancelCreate,
        Some(Text::HintCancel),
    ),
    bind(&[K::Ctrl('c')], C::Quit, Text::HelpQuit, None),
];

const SECRET: [Binding; 7] = [
    bind(
        &[K::Char('v')],
        C::Reveal,
        Text::HelpReveal,
        Some(Text::HintReveal),
    ),
    bind(
        &[K::Char('y')],
        C::Copy,
        Text::HelpCopySecretId,
        Some(Text::HintCopySecretId),
    ),
    bind(
        &[K::Char('Y')],
        C::CopySecretKey,
        Text::HelpCopySecretKey {
            seconds: SECRET_CLIPBOARD_SECONDS,
        },
        Some(Text::HintCopySecretKey),
    ),
    bind(
        &[K::Char('t')],
        C::VerifyKey,
        Text::HelpTestKey,
        Some(Text::HintTestIt),
    ),
    bind(
        &[K::Char(' ')],
        C::Acknowledge,
        Text::HelpAcknowledge,
        Some(Text::HintSaved),
    ),
    bind(
        &[K::Enter, K::Esc],
        C::CloseSecret,
        Text::HelpCloseSecret,
        Some(Text::HintClose),
    ),
    bind(
        &[K::Char('q'), K::Ctrl('c')],
        C::Quit,
        Text::HelpQuitUnlessSaved,
        None,
    ),
];

const REPORT: [Binding; 16] = [
    bind(
        &[K::Enter],
        C::Open,
        Text::HelpOpenReportKey,
        Some(Text::HintOpen),
    ),
    bind(
        &[K::Char('/')],
        C::Filter,
        Text::HelpFilterReport,
        Some(Text::HintFilter),
    ),
    bind(
        &[K::Char('n')],
        C::QuickFilter(Flag::NeverUsed),
        Text::HelpOnlyNeverUsed,
        None,
    ),
    bind(
        &[K::Char('u')],
        C::QuickFilter(Flag::Unused),
        Text::HelpOnlyUnused,
        None,
    ),
    bind(
        &[K::Char('o')],
        C::QuickFilter(Flag::Old),
        Text::HelpOnlyOld,
        None,
    ),
    bind(
        &[K::Char('i')],
        C::QuickFilter(Flag::Disabled),
        Text::HelpOnlyDisabled,
        None,
    ),
    bind(
        &[K::Char('t')],
        C::QuickFilter(Flag::TwoEnabled),
        Text::HelpOnlyTwoEnabled,
        None,
    ),
    bind(
        &[K::Char(' ')],
        C::Mark,
        Text::HelpMark,
        Some(Text::HintMark),
    ),
    bind(
        &[K::Char('A')],
        C::MarkShown,
        Text::HelpMarkShown,
        Some(Text::HintMarkShown),
    ),
    bind(
        &[K::Char('d')],
        C::DisableKey,
        Text::HelpDisableMarked,
        Some(Text::HintDisable),
    ),
    bind(&[K::Char('y')], C::Copy, Text::HelpCopySecretId, None),
    bind(
        &[K::Char('s')],
        C::SortNext,
        Text::HelpSortNext,
        Some(Text::HintSort),
    ),
    bind(&[K::Char('S')], C::SortReverse, Text::HelpSortReverse, None),
    bind(
        &[K::Char('r')],
        C::Refresh,
        Text::HelpReloadReport,
        Some(Text::HintReload),
    ),
    bind(
        &[K::Char('X')],
        C::StopLoading,
        Text::HelpStopLoading,
        Some(Text::HintStop),
    ),
    bind(&[K::Esc], C::Back, Text::HelpClearReportFilters, None),
];

const ROTATION: [Binding; 7] = [
    bind(&[K::Enter], C::Step, Text::HelpDoStep, Some(Text::HintDoIt)),
    bind(
        &[K::Char('e')],
        C::EnableKey,
        Text::HelpEnableOldAgain,
        None,
    ),
    bind(
        &[K::Char('r')],
        C::Refresh,
        Text::HelpRefreshRotation,
        Some(Text::HintRefresh),
    ),
    bind(
        &[K::Esc],
        C::Back,
        Text::HelpCloseRotation,
        Some(Text::HintClose),
    ),
    bind(
        &[K::Char('@')],
        C::ShowLog,
        Text::HelpCallLog,
        Some(Text::HintCalls),
    ),
    bind(
        &[K::Char('?')],
        C::Help,
        Text::HelpShowHelp,
        Some(Text::HintHelp),
    ),
    bind(&[K::Ctrl('c')], C::Quit, Text::HelpQuit, None),
];

const BULK: [Binding; 4] = [
    bind(
        &[K::Esc],
        C::Back,
        Text::HelpStopOrClose,
        Some(Text::HintStopOrClose),
    ),
    bind(
        &[K::Char('@')],
        C::ShowLog,
        Text::HelpCallLog,
        Some(Text::HintCalls),
    ),
    bind(
        &[K::Char('?')],
        C::Help,
        Text::HelpShowHelp,
        Some(Text::HintHelp),
    ),
    bind(&[K::Ctrl('c')], C::Quit, Text::HelpQuit, None),
];

const HELP: [Binding; 2] = [
    bind(
        &[K::Esc, K::Char('?'), K::Char('q')],
        C::CloseHelp,
        Text::HelpCloseHelp,
        Some(Text::HintClose),
    ),
    bind(&[K::Ctrl('c')], C::Quit, Text::HelpQuit, None),
];

const COMMAND: [Binding; 7] = [
    bind(
        &[K::Enter],
        C::RunLine,
        Text::HelpRunCommand,
        Some(Text::HintRun),
    ),
    bind(
        &[K::Tab],
        C::Complete,
        Text::HelpComplete,
        Some(Text::HintComplete),
    ),
    bind(&[K::BackTab], C::CompleteBack, Text::HelpCompleteBack, None),
    bind(
        &[K::Esc],
        C::CancelLine,
        Text::HelpCloseCommandLine,
        Some(Text::HintClose),
    ),
    bind(&[K::Up], C::Up, Text::HelpHistoryBack, None),
    bind(&[K::Down], C::Down, Text::HelpHistoryForward, None),
    bind(&[K::Ctrl('c')], C::Quit, Text::HelpQuit, None),
];

const SEARCH: [Binding; 4] = [
    bind(
        &[K::Esc],
        C::CancelSearch,
        Text::HelpCancelSearch,
        Some(Text::HintCancel),
    ),
    bind(
        &[K::Char('@')],
        C::ShowLog,
        Text::HelpCallLog,
        Some(Text::HintCalls),
    ),
    bind(
        &[K::Char('?')],
        C::Help,
        Text::HelpShowHelp,
        Some(Text::HintHelp),
    ),
    bind(&[K::Ctrl('c')], C::Quit, Text::HelpQuit, None),
];

const CALL_LOG: [Binding; 4] = [
    bind(
        &[K::Char('/')],
        C::Filter,
        Text::HelpFilterCalls,
        Some(Text::HintFilter),
    ),
    bind(
        &[K::Char('y')],
        C::Copy,
        Text::HelpCopyCallRequestId,
        Some(Text::HintCopyRequestId),
    ),
    bind(
        &[K::Esc, K::Char('@'), K::Char('q')],
        C::CloseLog,
        Text::HelpCloseLog,
        Some(Text::HintClose),
    ),
    bind(&[K::Ctrl('c')], C::Quit, Text::HelpQuit, None),
];

/// A filter that only filters (the call log's, the Key Report's): Enter keeps it.
const PLAIN_FILTER: [Binding; 5] = [
    bind(
        &[K::Enter],
        C::FilterDone,
        Text::HelpKeepFilter,
        Some(Text::HintDone),
    ),
    bind(
        &[K::Esc],
        C::FilterCancel,
        Text::HelpFilterBefore,
        Some(Text::HintCancel),
    ),
    bind(&[K::Down], C::Down, Text::HelpMoveDown, None),
    bind(&[K::Up], C::Up, Text::HelpMoveUp, None),
    bind(&[K::Ctrl('c')], C::Quit, Text::HelpQuit, None),
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
pub fn notes(context: Context, language: Language) -> Vec<String> {
    let mut notes = Vec::new();
    let mut note = |text: Text<'_>| notes.push(language.text(text).into_owned());
    if matches!(context, Context::Users | Context::Filter) {
        note(Text::NoteSecretIdFilter);
    }
    if context.has_global_keys() {
        let commands = super::command_line::usage().join("  ");
        note(Text::NoteCommands {
            commands: &commands,
        });
    }
    if context == Context::Search {
        note(Text::NoteOwnerSearch);
    }
    if matches!(context, Context::Report | Context::ReportFilter) {
        note(Text::NoteReportFlags {
            days: DEFAULT_STALE_DAYS,
        });
        note(Text::NoteReportLoading);
    }
    if context == Context::Rotation {
        note(Text::NoteRotation);
    }
    notes
}

/// The footer's word for a binding as things are now, or `None` when it has nothing to offer
/// at the moment (closing the SecretKey window before the box is ticked).
fn hint_now(state: &State, binding: &Binding) -> Option<Text<'static>> {
    let hint = binding.hint?;
    let secret = match &state.modal {
        Some(Modal::Secret(modal)) => Some(modal),
        _ => None,
    };
    match binding.command {
        C::Reveal if secret.is_some_and(|m| m.revealed) => Some(Text::HintMask),
        C::Acknowledge if secret.is_some_and(|m| m.acknowledged) => Some(Text::HintUntick),
        C::CloseSecret if !secret.is_some_and(|m| m.acknowledged) => None,
        C::FilterDone
            if state
                .users
                .editing
                .as_ref()
                .is_some_and(|e| SecretId::parse(e.field.text().trim()).is_some()) =>
        {
            Some(Text::HintFindOwner)
        }
        C::FailuresOnly
            if state
                .open
                .as_ref()
                .and_then(|o| o.panel.as_ref())
                .is_some_and(|p| p.failures_only) =>
        {
            Some(Text::HintAllCalls)
        }
        C::Copy if matches!(&state.modal, Some(Modal::Pager(p)) if p.copy.is_none()) => None,
        C::Open
            if state.context() == Context::Details
                && state
                    .open
                    .as_ref()
                    .is_some_and(|o| o.selected_policy().is_some()) =>
        {
            Some(Text::HintPolicyDocument)
        }
        _ => Some(hint),
    }
}

/// The key hints the footer shows for the state the console is in, each a key and what it does
/// (put in words with `state.language`); mutating keys are hidden in read-only mode.
pub fn hints(state: &State) -> Vec<(String, Text<'static>)> {
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
    use crate::tui::geometry::HelpText;

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
    fn every_help_fits_80_columns_in_both_languages() {
        for language in Language::ALL {
            for context in Context::ALL {
                for read_only in [false, true] {
                    let help = HelpText::new(context, read_only, language, 80);
                    // The overlay adds borders and a column of padding each side.
                    assert!(
                        help.width + 4 <= 80,
                        "the help of {context:?} (read-only: {read_only}) in {language:?} is {} \
                         wide: {:?}",
                        help.width + 4,
                        help.keys
                    );
                }
            }
        }
    }

    #[test]
    fn the_help_speaks_the_language() {
        let help = HelpText::new(Context::Keys, true, Language::ZhCn, 120);
        assert!(help.keys.contains(&(
            " c          ".to_owned(),
            "新建密钥（可填写描述）（只读模式不可用）".to_owned()
        )));
        assert!(
            help.keys
                .contains(&(" y          ".to_owned(), "复制 SecretId".to_owned()))
        );
        let chinese = notes(Context::Users, Language::ZhCn).join(" ");
        assert!(chinese.contains("命令：:users  :keys [USER]  :secretid AKID…"));
        let english = notes(Context::Users, Language::EnUs).join(" ");
        assert!(english.contains("Commands: :users  :keys [USER]"));
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
        assert!(all.iter().any(|(_, h)| *h == Text::HintCreate));
        assert!(
            !read_only
                .iter()
                .any(|(_, h)| *h == Text::HintCreate || *h == Text::HintDelete)
        );
        assert!(read_only.iter().any(|(_, h)| *h == Text::HintCopySecretId));
    }
}
