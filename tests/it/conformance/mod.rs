//! Conformance of `camtui serve` and camtui's client to the official API definitions (issue 12):
//! the `api.json` and `examples.json` that ship in `tccli`, and the error codes the official Go
//! SDK documents for each action. For every action the server answers ([`rows`]):
//! - every answer to a realistic request matches the action's output definition, recursively
//!   (no field outside it, every field an answer must carry present and non-null unless
//!   nullable, every value of its defined type and format), and is written like the official
//!   example answers (datetimes where they have datetimes; the JSON document in
//!   `CloudAuditEvent` with the example's fields and JSON types);
//! - every official example answer decodes with camtui's client model into the same values;
//! - each required input left out is refused with `MissingParameter`/`InvalidParameter…`, each
//!   input of the wrong type with `InvalidParameter…`;
//! - every refusal carries a code the action documents (or a common one);
//! - and the checker itself catches each kind of violation.
//!
//! The tests that read the definitions need tccli in the compatibility venv (`.ci/run` installs
//! it; `CAMTUI_COMPAT_VENV` names another) and are `#[ignore]`d so that `cargo test` passes
//! without it; `.ci/run` runs them with `--ignored`, where a missing file fails them.

mod official;
mod rows;

use std::collections::{BTreeMap, BTreeSet};

use camtui::cam::de::EventTime;
use camtui::server::seed::Seed;
use serde_json::{Value, json};

use official::{Breakage, Official};
use rows::{Call, World, rows};

/// The violations a test found, one line per kind: the same violation in every item of a list
/// (in every answer of an action) is one line with a count.
#[derive(Default)]
struct Report {
    /// (action, what happened with its numbers blanked) → (first occurrence, count).
    lines: BTreeMap<(String, String), (String, usize)>,
}

impl Report {
    fn add(&mut self, action: &str, context: &dyn std::fmt::Display, violation: &str) {
        let context: String = context.to_string().chars().take(160).collect();
        let path = violation.split(": ").next().unwrap_or_default();
        let what = if path.contains('[') {
            violation.to_owned()
        } else {
            format!("{context}: {violation}")
        };
        let pattern: Vec<&str> = what.split(|c: char| c.is_ascii_digit()).collect();
        self.lines
            .entry((action.to_owned(), pattern.concat()))
            .or_insert_with(|| (format!("{action} {context}: {violation}"), 0))
            .1 += 1;
    }

    fn assert_empty(&self, what: &str) {
        let lines: Vec<String> = self
            .lines
            .values()
            .map(|(first, count)| match count {
                1 => first.clone(),
                n => format!("{first}  (×{n})"),
            })
            .collect();
        assert!(
            lines.is_empty(),
            "{what}: {} kind(s) of violation\n{}",
            lines.len(),
            lines.join("\n")
        );
    }
}

fn code(reply: &Value) -> Option<&str> {
    reply["Response"]["Error"]["Code"].as_str()
}

#[test]
fn every_action_the_server_answers_has_a_row() {
    let rows: BTreeSet<(String, &str)> = rows()
        .iter()
        .map(|r| (r.service.to_string(), r.action))
        .collect();
    let served: BTreeSet<(String, &str)> = camtui::server::handlers::ACTIONS
        .iter()
        .map(|a| (a.service.to_string(), a.name))
        .collect();
    assert_eq!(
        served.difference(&rows).collect::<Vec<_>>(),
        Vec::<&(String, &str)>::new(),
        "actions the server answers without a conformance row (tests/it/conformance/rows.rs)"
    );
    assert_eq!(rows, served, "rows for actions the server does not answer");
}

/// The demo's access records fail only with codes their actions document: a careful reader
/// never sees `GetUser ✗ OperationDenied.AccessKeyOverLimit`.
#[test]
fn the_demo_fails_only_with_codes_its_actions_document() {
    let codes = official::ErrorCodes::fixture();
    let data = Seed::demo().rows(chrono::Utc::now().timestamp()).unwrap();
    let strays: BTreeSet<String> = data
        .events
        .iter()
        .filter(|e| {
            !e.api_error_code.is_empty()
                && !codes.documents(&e.service, &e.action, &e.api_error_code)
        })
        .map(|e| format!("{} {}", e.action, e.api_error_code))
        .collect();
    assert!(
        strays.is_empty(),
        "undocumented failures in the demo: {strays:?}"
    );
    assert!(data.events.iter().any(|e| !e.api_error_code.is_empty()));
}

#[tokio::test]
#[ignore = "needs tccli (the official API definitions)"]
async fn answers_match_the_official_definitions_and_examples() {
    let official = Official::load();
    let world = World::new().await;
    let mut report = Report::default();
    let mut answers = 0;
    for row in rows() {
        let service = row.service.name();
        let calls = (row.answers)(&world);
        assert!(!calls.is_empty(), "{} has no realistic request", row.action);
        for call in calls {
            answers += 1;
            let reply = world.send(row.service, row.action, &call).await;
            if let Some(code) = code(&reply) {
                let message = &reply["Response"]["Error"]["Message"];
                report.add(
                    row.action,
                    &call,
                    &format!("Response: refused with {code}: {message}"),
                );
                continue;
            }
            let checks = official.check_reply(service, row.action, &reply);
            let shape = official.check_like_examples(service, row.action, &reply);
            for violation in checks.into_iter().chain(shape) {
                report.add(row.action, &call, &violation);
            }
        }
    }
    println!("{answers} answers checked against api.json and the official examples");
    report.assert_empty("answers against the official definitions");
}

#[tokio::test]
#[ignore = "needs tccli (the official API definitions)"]
async fn refusals_carry_codes_their_actions_document() {
    let official = Official::load();
    let world = World::new().await;
    let mut report = Report::default();
    let mut refusals = 0;
    for row in rows() {
        for call in (row.refusals)(&world) {
            refusals += 1;
            let reply = world.send(row.service, row.action, &call).await;
            if code(&reply).is_none() {
                report.add(row.action, &call, "Response: accepted, must be refused");
                continue;
            }
            for violation in official.check_reply(row.service.name(), row.action, &reply) {
                report.add(row.action, &call, &violation);
            }
        }
    }
    println!("{refusals} refusals checked against the documented error codes");
    report.assert_empty("refusals against the documented error codes");
}

#[tokio::test]
#[ignore = "needs tccli (the official API definitions)"]
async fn missing_and_mistyped_inputs_are_refused_as_parameter_errors() {
    let official = Official::load();
    let world = World::new().await;
    let mut report = Report::default();
    let mut sent = 0;
    for row in rows() {
        let service = row.service.name();
        let realistic = (row.answers)(&world).remove(0);
        let broken = official.broken_inputs(service, row.action, &realistic.params);
        let has_inputs = !official.input(service, row.action).is_empty();
        assert_eq!(
            !broken.is_empty(),
            has_inputs,
            "{}: broken requests",
            row.action
        );
        sent += broken.len();
        for request in broken {
            let call = Call {
                params: request.params,
                ..realistic.clone()
            };
            let reply = world.send(row.service, row.action, &call).await;
            let context = format!("with {}", request.what);
            let wanted = match request.breakage {
                Breakage::Missing => "MissingParameter or InvalidParameter…",
                Breakage::WrongType => "InvalidParameter…",
            };
            match code(&reply) {
                None => report.add(
                    row.action,
                    &context,
                    &format!("Response: accepted, must be refused with {wanted}"),
                ),
                Some(code) if !request.breakage.allows(code) => report.add(
                    row.action,
                    &context,
                    &format!("Response.Error.Code: {code}, not {wanted}"),
                ),
                Some(_) => {}
            }
            for violation in official.check_reply(service, row.action, &reply) {
                report.add(row.action, &context, &violation);
            }
        }
    }
    println!("{sent} broken requests sent");
    report.assert_empty("broken requests");
}

#[test]
#[ignore = "needs tccli (the official API definitions)"]
fn official_examples_decode_with_the_client_model() {
    let official = Official::load();
    let mut report = Report::default();
    for row in rows() {
        let service = row.service.name();
        let examples = official.example_answers(service, row.action);
        assert!(
            !examples.is_empty(),
            "{} has no official example",
            row.action
        );
        for example in examples {
            let envelope: Value = serde_json::from_str(&example).expect("an example is JSON");
            // The official answers are a control for the checker: they pass it.
            let mut violations = official.check_reply(service, row.action, &envelope);
            match (row.client_reading)(example.as_bytes()) {
                Err(e) => violations.push(format!("Response: the client cannot read it: {e}")),
                Ok(read) => carried(&envelope["Response"], &read, "Response", &mut violations),
            }
            for violation in violations {
                report.add(row.action, &"official example", &violation);
            }
        }
    }
    report.assert_empty("official examples read by the client model");
}

/// Where the client's reading of an official answer (`read`, its typed response encoded again)
/// does not carry `example`'s values. `EventTime` may change form (a datetime is read as the
/// same instant and written as epoch seconds); the RequestId is the transport's, not the model's.
fn carried(example: &Value, read: &Value, path: &str, violations: &mut Vec<String>) {
    match (example, read) {
        (Value::Object(fields), Value::Object(read_fields)) => {
            for (name, value) in fields {
                if path == "Response" && name == "RequestId" {
                    continue;
                }
                let field = format!("{path}.{name}");
                match read_fields.get(name) {
                    None => violations.push(format!("{field}: dropped by the client model")),
                    Some(read) => carried(value, read, &field, violations),
                }
            }
        }
        (Value::Array(items), Value::Array(read_items)) if items.len() == read_items.len() => {
            for (i, (item, read)) in items.iter().zip(read_items).enumerate() {
                carried(item, read, &format!("{path}[{i}]"), violations);
            }
        }
        (Value::String(time), Value::String(read_time)) if path.ends_with(".EventTime") => {
            if EventTime::parse(time).is_none()
                || EventTime::parse(time) != EventTime::parse(read_time)
            {
                violations.push(format!("{path}: {time:?} read as {read_time:?}"));
            }
        }
        _ if example == read => {}
        _ => violations.push(format!("{path}: {example} read as {read}")),
    }
}

/// The suite itself: the checker catches a wrong type, an extra field, a missing required
/// field, a null where none is allowed and an undocumented error code, at any depth — and lets
/// the official answers and their allowed variations pass.
#[test]
#[ignore = "needs tccli (the official API definitions)"]
fn the_checker_catches_each_kind_of_violation() {
    let official = Official::load();
    let example = |service: &str, action: &str| -> Value {
        serde_json::from_str(&official.example_answers(service, action)[0]).unwrap()
    };
    let check =
        |service: &str, action: &str, reply: &Value| official.check_reply(service, action, reply);
    let keys = example("cam", "ListAccessKeys");
    let events = example("cloudaudit", "DescribeEvents");
    assert_eq!(check("cam", "ListAccessKeys", &keys), Vec::<String>::new());
    assert_eq!(
        check("cloudaudit", "DescribeEvents", &events),
        Vec::<String>::new()
    );

    let doctored = |reply: &Value, pointer: &str, change: Option<Value>| {
        let mut reply = reply.clone();
        let (parent, name) = pointer.rsplit_once('/').unwrap();
        let object = reply.pointer_mut(parent).unwrap().as_object_mut().unwrap();
        match change {
            Some(value) => object.insert(name.to_owned(), value),
            None => object.remove(name),
        };
        reply
    };
    let first_key = "/Response/AccessKeys/0";
    let resources = "/Response/Events/0/Resources";
    let caught = [
        (
            "wrong type",
            doctored(
                &keys,
                &format!("{first_key}/CreateTime"),
                Some(json!(1_577_256_783)),
            ),
            "CreateTime",
        ),
        (
            "wrong format",
            doctored(
                &keys,
                &format!("{first_key}/CreateTime"),
                Some(json!("2019-12-25")),
            ),
            "CreateTime",
        ),
        (
            "wrong type, nested",
            doctored(
                &events,
                &format!("{resources}/ResourceType"),
                Some(json!(7)),
            ),
            "ResourceType",
        ),
        (
            "wrong type, list",
            doctored(&keys, "/Response/AccessKeys", Some(json!({}))),
            "AccessKeys",
        ),
        (
            "extra field",
            doctored(
                &keys,
                &format!("{first_key}/SecretAccessKey"),
                Some(json!("x")),
            ),
            "SecretAccessKey",
        ),
        (
            "extra field, top",
            doctored(&events, "/Response/Cursor", Some(json!(1))),
            "Cursor",
        ),
        (
            "missing required",
            doctored(&keys, &format!("{first_key}/Status"), None),
            "Status",
        ),
        (
            "missing required, nested",
            doctored(&events, "/Response/Events/0/EventRegion", None),
            "EventRegion",
        ),
        (
            "null, not nullable",
            doctored(
                &keys,
                &format!("{first_key}/AccessKeyId"),
                Some(Value::Null),
            ),
            "AccessKeyId",
        ),
        (
            "uint64 below zero",
            doctored(&events, "/Response/NextToken", Some(json!(-1))),
            "NextToken",
        ),
    ];
    for (kind, reply, field) in &caught {
        let action = if reply["Response"].get("Events").is_some() {
            ("cloudaudit", "DescribeEvents")
        } else {
            ("cam", "ListAccessKeys")
        };
        let violations = check(action.0, action.1, reply);
        assert!(
            violations.iter().any(|v| v.contains(field)),
            "{kind}: not caught ({violations:?})"
        );
    }
    // Allowed: a nullable field null, an optional field left out.
    assert_eq!(
        check(
            "cam",
            "ListAccessKeys",
            &doctored(&keys, "/Response/AccessKeys", Some(Value::Null))
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        check(
            "cam",
            "ListAccessKeys",
            &doctored(
                &keys,
                &format!("{first_key}/Description"),
                Some(json!("ci"))
            )
        ),
        Vec::<String>::new()
    );

    let refusal = |code: &str| json!({"Response": {"Error": {"Code": code, "Message": "m"}, "RequestId": "r"}});
    // DescribeEvents documents its own codes, not LookUpEvents's; common codes go everywhere.
    assert_eq!(
        check(
            "cloudaudit",
            "LookUpEvents",
            &refusal("InvalidParameterValue.MaxResult")
        ),
        Vec::<String>::new()
    );
    assert!(
        !check(
            "cloudaudit",
            "DescribeEvents",
            &refusal("InvalidParameterValue.MaxResult")
        )
        .is_empty()
    );
    assert_eq!(
        check(
            "cloudaudit",
            "DescribeEvents",
            &refusal("LimitExceeded.OverAmount")
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        check("cloudaudit", "DescribeEvents", &refusal("MissingParameter")),
        Vec::<String>::new()
    );
    assert!(
        !check(
            "cam",
            "CreateAccessKey",
            &refusal("InvalidParameter.DescriptionLengthOverlimit")
        )
        .is_empty()
    );
    let malformed = json!({"Response": {"Error": {"Code": 4000}, "RequestId": "r"}});
    assert_eq!(
        check("cam", "ListUsers", &malformed).len(),
        2,
        "a numeric Code and no Message"
    );

    // Broken requests: each required member left out, each member mistyped, nested ones too.
    let broken: Vec<String> = official
        .broken_inputs(
            "cloudaudit",
            "DescribeEvents",
            &json!({"StartTime": 1, "EndTime": 2, "LookupAttributes": [{"AttributeKey": "AccessKeyId", "AttributeValue": "x"}]}),
        )
        .into_iter()
        .map(|b| b.what)
        .collect();
    for expected in [
        "StartTime left out",
        "EndTime of the wrong type",
        "NextToken of the wrong type",
        "LookupAttributes.0.AttributeKey left out",
        "LookupAttributes.0.AttributeValue of the wrong type",
    ] {
        assert!(
            broken.iter().any(|b| b == expected),
            "{expected} not in {broken:?}"
        );
    }
    assert!(
        !broken.iter().any(|b| b == "NextToken left out"),
        "NextToken is optional"
    );
}
