//! A call's answer: dropped when it belongs to a target switched away from or a newer call of
//! its kind has been made; a failed change reloads the keys (it may have happened anyway); any
//! other answer goes to the part of the console that asked.

use crate::cam::model::GetUserAppIdResponse;
use crate::tui::action::{Effect, Reply, Request};
use crate::tui::model::{Failure, Ticket};
use crate::tui::state::State;
use crate::tui::update::core::{answered, fail_change, fail_read, unexpected};
use crate::tui::update::{bulk, details, drawer, keys, report, search, secret, users};

pub fn on_done(
    state: &mut State,
    ticket: Ticket,
    request: Request,
    result: Result<Reply, Failure>,
) -> Vec<Effect> {
    state.pending.remove(&ticket);
    if state.mutating == Some(ticket) {
        state.mutating = None;
    }
    if ticket < state.epoch {
        tracing::debug!(
            ?ticket,
            call = request.call_name(),
            "dropped an answer from the previous target"
        );
        return Vec::new();
    }
    if let Some(slot) = state.latest.slot(&request)
        && *slot != Some(ticket)
    {
        tracing::debug!(
            ?ticket,
            call = request.call_name(),
            "dropped a stale answer"
        );
        return Vec::new();
    }
    // A bulk change's answers came key by key as they landed; its end is its own.
    if request.mutates()
        && !request.is_walk()
        && let Err(failure) = &result
    {
        // The server may have changed anyway (a timeout after the commit): show what it has.
        fail_change(state, failure);
        return keys::load(state);
    }
    if result.is_ok() {
        answered(state, request.call_name());
    }
    match (request, result) {
        (Request::Account, result) => {
            on_account(state, result);
            Vec::new()
        }
        (Request::Users, result) => users::on_listed(state, result),
        (Request::Details { user }, result) => details::on_details(state, &user, result),
        (Request::Keys { uin }, result) => keys::on_listed(state, uin, result),
        (Request::LastUsed { uin, .. }, result) => keys::on_last_used(state, uin, result),
        (Request::Records { secret_id }, result) => drawer::on_records(state, &secret_id, result),
        (
            request
            @ (Request::Policies { .. } | Request::Groups { .. } | Request::Security { .. }),
            result,
        ) => details::on_section(state, &request, result),
        (Request::Policy { .. }, result) => details::on_policy(state, ticket, result),
        (Request::CreateKey { uin, user_name, .. }, Ok(Reply::Created(key))) => {
            keys::on_created(state, uin, user_name, key)
        }
        (
            Request::SetKeyStatus {
                uin,
                secret_id,
                status,
            },
            Ok(_),
        ) => keys::on_status_set(state, uin, &secret_id, status),
        (Request::DeleteKey { uin, secret_id }, Ok(_)) => keys::on_deleted(state, uin, &secret_id),
        (Request::FindOwner { secret_id, .. }, result) => {
            search::on_done(state, ticket, &secret_id, result)
        }
        (request @ Request::DisableKeys { .. }, result) => {
            bulk::on_done(state, ticket, &request, result)
        }
        (Request::Report { .. }, result) => {
            report::on_done(state, ticket, result);
            Vec::new()
        }
        (Request::VerifyKey { secret_id, .. }, result) => {
            secret::on_verified(state, &secret_id, result);
            Vec::new()
        }
        // Failed changes were handled above.
        (
            Request::CreateKey { .. } | Request::SetKeyStatus { .. } | Request::DeleteKey { .. },
            _,
        ) => Vec::new(),
    }
}

/// `GetUserAppId`: who the header says we are.
fn on_account(state: &mut State, result: Result<Reply, Failure>) {
    let result = result.and_then(|reply| match reply {
        Reply::Account(account) => Ok(account_label(&account)),
        other => Err(unexpected("GetUserAppId", &other)),
    });
    if let Err(failure) = &result {
        fail_read(state, failure);
    }
    state.header.account.finish(result);
}

fn account_label(reply: &GetUserAppIdResponse) -> String {
    if reply.uin == reply.owner_uin {
        format!("{} (root)", reply.owner_uin)
    } else {
        format!("{} (sub-user {})", reply.owner_uin, reply.uin)
    }
}
