//! The target the console talks to: ready, unreachable, or switched to another profile or the
//! sandbox — where everything of the old target goes and everything loads again.

use crate::i18n::Text;
use crate::tui::action::{Effect, Request, Switch};
use crate::tui::model::{Tab, TargetInfo};
use crate::tui::report_table::KeyReport;
use crate::tui::state::{Header, Latest, Level, Modal, Remote, State, UserList};
use crate::tui::update::core::{busy, call, flash};
use crate::tui::update::users;

/// The target is ready: the header shows where it is.
pub fn on_ready(state: &mut State, label: String) {
    state.header.target = label;
}

/// The target could not be reached at all.
pub fn on_failed(state: &mut State, reason: String) {
    flash(state, Level::Error, reason);
}

/// `:profile NAME`: asks the app to connect to another profile.
pub fn switch_profile(state: &mut State, name: String) -> Vec<Effect> {
    if !state.profiles.contains(&name) {
        let language = state.language;
        let known = if state.profiles.is_empty() {
            language.text(Text::NoProfilesToSwitch)
        } else {
            language.text(Text::KnownProfiles {
                profiles: &profile_list(state),
            })
        };
        let text = language.text(Text::UnknownProfile {
            name: &name,
            known: &known,
        });
        flash(state, Level::Warning, text);
        return Vec::new();
    }
    switch(state, Switch::Profile(name))
}

/// `:sandbox`: back to the bundled server.
pub fn switch_to_sandbox(state: &mut State) -> Vec<Effect> {
    if state.header.sandbox {
        let text = state.language.text(Text::AlreadyOnSandbox);
        flash(state, Level::Info, text);
        return Vec::new();
    }
    switch(state, Switch::Sandbox)
}

fn switch(state: &mut State, to: Switch) -> Vec<Effect> {
    // A create in flight carries a SecretKey that can only be shown once: never drop it.
    if busy(state) {
        return Vec::new();
    }
    vec![Effect::SwitchTarget(to)]
}

/// The profile names, the one in use marked: `prod, staging (in use)`.
pub fn profile_list(state: &State) -> String {
    state
        .profiles
        .iter()
        .map(|name| {
            if state.header.profile.as_ref() == Some(name) {
                state
                    .language
                    .text(Text::ProfileInUse { name })
                    .into_owned()
            } else {
                name.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The app connected the new profile: everything of the old target goes, answers to its calls
/// included (their tickets are older than the new epoch), and everything loads again.
pub fn on_switched(state: &mut State, info: TargetInfo) -> Vec<Effect> {
    // The old worker's walks stop with it; their answers are dropped by the new epoch.
    let mut effects = Vec::new();
    if let Some(search) = state.search.take() {
        effects.push(Effect::Cancel {
            ticket: search.ticket,
        });
    }
    if let Some(ticket) = state.report.running() {
        effects.push(Effect::Cancel { ticket });
    }
    state.report = KeyReport::default();
    state.rotation = None;
    state.bulk = None;
    state.epoch = state.next_ticket();
    state.pending.clear();
    state.latest = Latest::default();
    state.mutating = None;
    state.users = UserList::default();
    state.open = None;
    state.tab = Tab::Users;
    // A SecretKey modal stays: it is the only time that key is ever shown.
    if !matches!(state.modal, Some(Modal::Secret(_))) {
        state.modal = None;
    }
    state.header = Header {
        target: info.label,
        sandbox: info.sandbox,
        account: Remote::loading(),
        clipboard: state.header.clipboard,
        read_only: info.read_only,
        accent: info.accent,
        profile: info.profile.clone(),
    };
    let language = state.language;
    let to = match &info.profile {
        Some(profile) => language.text(Text::SwitchedToProfile { profile }),
        None => language.text(Text::SwitchedToSandbox),
    };
    let text = if info.read_only {
        language.text(Text::SwitchedReadOnly { to: &to })
    } else {
        to
    };
    flash(state, Level::Info, text);
    effects.push(call(state, Request::Account));
    effects.push(users::load(state));
    effects
}
