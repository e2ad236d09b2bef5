//! The User Details tab: the open user's profile and, as the CAM console shows them, the
//! Permissions, Groups and Security sections — loading them, moving through them, and a
//! policy's document (`Enter` on it, `GetPolicy`) — and what the answers change.

use crate::cam::model::User;
use crate::cam::permissions::PolicyGrant;
use crate::i18n::Text;
use crate::i18n::words;
use crate::tui::action::{Command, Copied, Effect, Reply, Request};
use crate::tui::geometry;
use crate::tui::model::{Failure, Tab, Ticket};
use crate::tui::state::{Modal, OpenUser, Pager, Remote, State};
use crate::tui::update::core::{
    call, fail_read, is_move, keep_in_view, moved, no_user, show_tab, unexpected,
};
use crate::tui::update::{clipboard, keys};

pub fn on_key(state: &mut State, command: Command) -> Vec<Effect> {
    if is_move(command) {
        move_cursor(state, command, geometry::details_rows(state.size));
        return Vec::new();
    }
    let Some(open) = state.open.as_ref() else {
        if command == Command::Back {
            show_tab(state, Tab::Users);
        } else if matches!(command, Command::Open | Command::Refresh | Command::Copy) {
            no_user(state);
        }
        return Vec::new();
    };
    match command {
        Command::Back => show_tab(state, Tab::Users),
        Command::Open => match open.selected_policy().cloned() {
            Some(grant) => return open_policy(state, &grant),
            None => show_tab(state, Tab::Keys),
        },
        Command::Refresh => {
            let mut effects = load(state);
            effects.extend(keys::load(state));
            return effects;
        }
        Command::Copy => {
            let uin = open.user.uin;
            return clipboard::copy_plain(state, Copied::Uin(uin));
        }
        _ => {}
    }
    Vec::new()
}

/// The open user's details and sections, again.
pub fn load(state: &mut State) -> Vec<Effect> {
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    open.details.start();
    open.policies.start();
    open.groups.start();
    open.security.start();
    let (user, uin) = (open.user.clone(), open.user.uin);
    [
        Request::Details { user },
        Request::Policies { uin },
        Request::Groups { uin },
        Request::Security { uin },
    ]
    .into_iter()
    .map(|request| call(state, request))
    .collect()
}

/// Moves the cursor over the lines that say something (not the gaps and headings); `page` is
/// how far a page key goes. Moving up to a section's first line shows its heading too.
pub fn move_cursor(state: &mut State, command: Command, page: usize) {
    let rows = geometry::details_rows(state.size);
    let Some(open) = state.open.as_mut() else {
        return;
    };
    let lines = open.details_lines();
    let stops: Vec<usize> = (0..lines.len())
        .filter(|i| lines[*i].selectable())
        .collect();
    let at = stops
        .iter()
        .position(|line| *line >= open.details_cursor)
        .unwrap_or(0);
    let cursor = stops[moved(at, stops.len(), page, command)];
    let mut offset = keep_in_view(cursor, open.details_offset, rows, lines.len());
    let first_of_section = (0..cursor)
        .rev()
        .take_while(|line| !lines[*line].selectable())
        .last();
    if let Some(top) = first_of_section.filter(|top| *top < offset) {
        offset = top;
    }
    if stops.first() == Some(&cursor) {
        offset = 0;
    }
    open.details_cursor = cursor;
    open.details_offset = offset;
}

/// Enter on a policy: its document, fetched (`GetPolicy`) into a pager that opens at once.
fn open_policy(state: &mut State, grant: &PolicyGrant) -> Vec<Effect> {
    let effect = call(
        state,
        Request::Policy {
            policy_id: grant.policy_id,
        },
    );
    let Effect::Call { ticket, .. } = &effect else {
        return vec![effect];
    };
    let language = state.language;
    let say = |text: Text<'_>| language.text(text);
    let attached = Text::AttachedVia {
        via: &words::via(language, &grant.via),
        time: &grant.attached,
    };
    state.modal = Some(Modal::Pager(Pager {
        title: say(Text::PolicyOf {
            name: &grant.policy_name,
        })
        .into_owned(),
        fields: vec![
            (say(Text::PolicyColumnName), grant.policy_name.clone()),
            ("PolicyId".into(), grant.policy_id.to_string()),
            (
                say(Text::PolicyColumnType),
                words::policy_kind(language, grant.kind).into_owned(),
            ),
            (say(Text::LabelDescription), or_dash(&grant.description)),
            (say(Text::PolicyColumnAttached), say(attached).into_owned()),
        ],
        document_title: say(Text::PolicyDocument),
        document: Remote::loading(),
        scroll: 0,
        copy: None,
        waiting: Some(*ticket),
    }));
    vec![effect]
}

fn or_dash(text: &str) -> String {
    if text.is_empty() { "–" } else { text }.to_owned()
}

/// `GetPolicy` answered: the pager waiting for it gets the document (a failure shows there).
pub fn on_policy(state: &mut State, ticket: Ticket, result: Result<Reply, Failure>) -> Vec<Effect> {
    let Some(Modal::Pager(pager)) = &mut state.modal else {
        return Vec::new();
    };
    if pager.waiting != Some(ticket) {
        return Vec::new();
    }
    pager.waiting = None;
    match result {
        Ok(Reply::Policy(policy)) => {
            pager.fields.extend([
                (
                    state.language.text(Text::LabelCreated),
                    policy.created.clone(),
                ),
                (
                    state.language.text(Text::LabelUpdated),
                    policy.updated.clone(),
                ),
            ]);
            pager.document.finish(Ok(policy.pretty_document()));
        }
        Ok(other) => pager.document.finish(Err(unexpected("GetPolicy", &other))),
        Err(failure) => pager.document.finish(Err(failure)),
    }
    Vec::new()
}

/// `GetUser` (or `DescribeSubAccounts`) answered about `user`; kept if they are still open.
pub fn on_details(state: &mut State, user: &User, result: Result<Reply, Failure>) -> Vec<Effect> {
    let result = result.and_then(|reply| match reply {
        Reply::Details(details) => Ok(details),
        other => Err(unexpected("GetUser", &other)),
    });
    finish(state, user.uin, result, |open| &mut open.details);
    Vec::new()
}

/// A section (`request`) answered; kept if its user is still open.
pub fn on_section(
    state: &mut State,
    request: &Request,
    result: Result<Reply, Failure>,
) -> Vec<Effect> {
    let call = request.call_name();
    match *request {
        Request::Policies { uin } => {
            let result = result.and_then(|reply| match reply {
                Reply::Policies(policies) => Ok(policies),
                other => Err(unexpected(call, &other)),
            });
            finish(state, uin, result, |open| &mut open.policies);
        }
        Request::Groups { uin } => {
            let result = result.and_then(|reply| match reply {
                Reply::Groups(groups) => Ok(groups),
                other => Err(unexpected(call, &other)),
            });
            finish(state, uin, result, |open| &mut open.groups);
        }
        Request::Security { uin } => {
            let result = result.and_then(|reply| match reply {
                Reply::Security(security) => Ok(security),
                other => Err(unexpected(call, &other)),
            });
            finish(state, uin, result, |open| &mut open.security);
        }
        _ => {}
    }
    Vec::new()
}

/// Keeps what `uin`'s call brought if they are still open (a failure is said in the flash
/// too); the cursor stays on a line that says something.
fn finish<T>(
    state: &mut State,
    uin: u64,
    result: Result<T, Failure>,
    part: impl FnOnce(&mut OpenUser) -> &mut Remote<T>,
) {
    if !state.is_open(uin) {
        return;
    }
    if let Err(failure) = &result {
        fail_read(state, failure);
    }
    let Some(open) = state.open.as_mut() else {
        return;
    };
    part(open).finish(result);
    let lines = open.details_lines();
    let cursor = open.details_cursor.min(lines.len().saturating_sub(1));
    open.details_cursor = (0..=cursor)
        .rev()
        .find(|line| lines[*line].selectable())
        .unwrap_or(0);
}
