//! CloudAudit `DescribeEvents` and `LookUpEvents` (spec §9, §14) over the audit trail: newest
//! first, at most 50 a page, windows reaching at most 90 days back (under 30 days long for
//! `DescribeEvents`, at most 7 for `LookUpEvents`), paged by a cursor that names the last event
//! returned. Each action refuses with the codes it documents.

use super::context::Ctx;
use crate::cam::model::{
    DescribeEvents, DescribeEventsResponse, LookUpEvents, LookUpEventsResponse, LookupAttribute,
};
use crate::server::audit::{self, RETENTION};
use crate::server::auth::MAX_SKEW_SECS;
use crate::server::error::{Code, ServerError, echo};
use crate::server::store::{EventCondition, EventQuery};

const MAX_RESULTS: u64 = 50;
const DEFAULT_RESULTS: u64 = 10;
/// The most conditions a search takes: there are 13 attribute keys, and each condition is a
/// clause of the query (999 of them went past SQLite's expression depth: `InternalError`).
const MAX_LOOKUP_ATTRIBUTES: usize = 20;
const DAY: i64 = 24 * 3600;

/// What an action allows and how it says no.
struct Rules {
    /// The longest window, in seconds.
    longest: i64,
    longest_text: &'static str,
    /// `StartTime` after `EndTime`.
    inverted: Code,
    /// A window too long or reaching too far back.
    out_of_range: Code,
    too_many: Code,
    unknown_key: Code,
    bad_token: Code,
}

/// `DescribeEvents` documents no finer parameter code than `InvalidParameter`.
const DESCRIBE_EVENTS: Rules = Rules {
    longest: 30 * DAY - 1,
    longest_text: "less than 30 days",
    inverted: Code::InvalidParameter,
    out_of_range: Code::InvalidParameter,
    too_many: Code::InvalidParameter,
    unknown_key: Code::InvalidParameter,
    bad_token: Code::InvalidParameter,
};

/// `LookUpEvents` has codes of its own, and searches 7 days at a time
/// (`LimitExceeded.OverTime`: "检索支持的有效时间范围是7天").
const LOOK_UP_EVENTS: Rules = Rules {
    longest: 7 * DAY,
    longest_text: "at most 7 days",
    inverted: Code::InvalidTimeValue,
    out_of_range: Code::OverTime,
    too_many: Code::InvalidMaxResult,
    unknown_key: Code::InvalidAttributeKey,
    bad_token: Code::InvalidParameterValue,
};

/// One search, in either action's vocabulary.
struct Search<'a> {
    rules: &'a Rules,
    start: i64,
    end: i64,
    max_results: Option<u64>,
    cursor: Option<i64>,
    attributes: &'a [LookupAttribute],
    with_location: bool,
}

/// One page of events, in either action's vocabulary.
struct Page {
    events: Vec<crate::cam::model::Event>,
    next: Option<i64>,
}

fn conditions(
    attributes: &[LookupAttribute],
    rules: &Rules,
) -> Result<Vec<EventCondition>, ServerError> {
    if attributes.len() > MAX_LOOKUP_ATTRIBUTES {
        return Err(ServerError::new(
            Code::InvalidParameter,
            format!("LookupAttributes may list at most {MAX_LOOKUP_ATTRIBUTES} conditions."),
        ));
    }
    let mut conditions = Vec::new();
    let mut actions = Vec::new();
    for attribute in attributes {
        let Some(value) = attribute.attribute_value.clone() else {
            continue;
        };
        let condition = match attribute.attribute_key.as_str() {
            "EventName" => {
                actions.push(value);
                continue;
            }
            "AccessKeyId" => EventCondition::SecretId(value),
            "RequestId" => EventCondition::RequestId(value),
            "ActionType" => EventCondition::ActionType(value),
            "PrincipalId" => value
                .parse()
                .map_or(EventCondition::Never, EventCondition::Uin),
            "ResourceType" => EventCondition::Service(value),
            "ResourceId" | "ResourceName" => EventCondition::ResourceName(value),
            "SensitiveAction" => match value.to_ascii_lowercase().as_str() {
                "true" | "1" => EventCondition::Sensitive(true),
                "false" | "0" => EventCondition::Sensitive(false),
                _ => EventCondition::Never,
            },
            "ApiErrorCode" => EventCondition::ApiErrorCode(value),
            "CamErrorCode" => value
                .parse()
                .map_or(EventCondition::Never, EventCondition::ErrorNumber),
            "SourceIPAddress" => EventCondition::SourceIp(value),
            // No resource here carries tags.
            "Tags" => EventCondition::Never,
            other => {
                return Err(ServerError::new(
                    rules.unknown_key,
                    format!("{} is not a lookup attribute key.", echo(other)),
                ));
            }
        };
        conditions.push(condition);
    }
    if !actions.is_empty() {
        conditions.push(EventCondition::Actions(actions));
    }
    Ok(conditions)
}

fn page(ctx: &Ctx<'_>, search: &Search<'_>) -> Result<Page, ServerError> {
    let Search {
        rules,
        start,
        end,
        max_results,
        cursor,
        attributes,
        with_location,
    } = *search;
    if start > end {
        return Err(ServerError::new(
            rules.inverted,
            "StartTime must not be after EndTime.",
        ));
    }
    if end - start > rules.longest {
        return Err(ServerError::new(
            rules.out_of_range,
            format!("EndTime - StartTime must be {}.", rules.longest_text),
        ));
    }
    let oldest = ctx.meta.now - RETENTION.as_secs() as i64 - MAX_SKEW_SECS;
    if start < oldest {
        return Err(ServerError::new(
            rules.out_of_range,
            "StartTime may be at most 90 days in the past.",
        ));
    }
    let limit = match max_results {
        None | Some(0) => DEFAULT_RESULTS,
        Some(n) if n <= MAX_RESULTS => n,
        Some(_) => {
            return Err(ServerError::new(
                rules.too_many,
                format!("MaxResults may be at most {MAX_RESULTS}."),
            ));
        }
    };
    let before = match cursor {
        None => None,
        Some(id) => Some(ctx.store.event_position(id)?.ok_or_else(|| {
            ServerError::new(
                rules.bad_token,
                "NextToken does not name a page of this search (it may have expired).",
            )
        })?),
    };
    // Searches see every request answered before them, including ones still queued — or say
    // that they cannot.
    ctx.audit.flush_blocking()?;
    let query = EventQuery {
        start,
        end,
        before,
        limit: limit as usize + 1,
        conditions: conditions(attributes, rules)?,
    };
    let mut stored = ctx.store.events(&query)?;
    let more = stored.len() > limit as usize;
    stored.truncate(limit as usize);
    let next = if more {
        stored.last().map(|e| e.id)
    } else {
        None
    };
    let account = ctx.account;
    Ok(Page {
        events: stored
            .iter()
            .map(|e| {
                audit::event(
                    &e.record,
                    account.owner_uin,
                    account.owner_uin,
                    with_location,
                )
            })
            .collect(),
        next,
    })
}

pub fn describe_events(
    ctx: &Ctx<'_>,
    request: DescribeEvents,
) -> Result<DescribeEventsResponse, ServerError> {
    let start = i64::try_from(request.start_time).unwrap_or(i64::MAX);
    let end = i64::try_from(request.end_time).unwrap_or(i64::MAX);
    let cursor = request
        .next_token
        .map(|t| i64::try_from(t).unwrap_or(i64::MAX));
    let page = page(
        ctx,
        &Search {
            rules: &DESCRIBE_EVENTS,
            start,
            end,
            max_results: request.max_results,
            cursor,
            attributes: &request.lookup_attributes,
            with_location: request.is_return_location == Some(1),
        },
    )?;
    Ok(DescribeEventsResponse {
        list_over: page.next.is_none(),
        next_token: Some(page.next.map_or(0, |id| id as u64)),
        total_count: Some(page.events.len() as u64),
        events: page.events,
    })
}

pub fn look_up_events(
    ctx: &Ctx<'_>,
    request: LookUpEvents,
) -> Result<LookUpEventsResponse, ServerError> {
    let cursor =
        match request.next_token.as_deref().filter(|t| !t.is_empty()) {
            None => None,
            Some(token) => Some(token.parse::<i64>().map_err(|_| {
                ServerError::new(LOOK_UP_EVENTS.bad_token, "NextToken is not valid.")
            })?),
        };
    if let Some(mode) = request.mode.as_deref()
        && !matches!(mode, "standard" | "quick")
    {
        return Err(ServerError::new(
            Code::InvalidParameterValue,
            "Mode is standard or quick.",
        ));
    }
    let max_results = match request.max_results {
        None => None,
        Some(n) => Some(u64::try_from(n).map_err(|_| {
            ServerError::new(LOOK_UP_EVENTS.too_many, "MaxResults must be positive.")
        })?),
    };
    if request.start_time < 0 || request.end_time < 0 {
        return Err(ServerError::new(
            Code::InvalidParameterTime,
            "StartTime and EndTime are Unix seconds.",
        ));
    }
    let page = page(
        ctx,
        &Search {
            rules: &LOOK_UP_EVENTS,
            start: request.start_time,
            end: request.end_time,
            max_results,
            cursor,
            attributes: &request.lookup_attributes,
            with_location: false,
        },
    )?;
    Ok(LookUpEventsResponse {
        // Never null: empty on the last page.
        next_token: Some(page.next.map(|id| id.to_string()).unwrap_or_default()),
        list_over: page.next.is_none(),
        total_count: Some(page.events.len() as u64),
        events: page.events,
    })
}
