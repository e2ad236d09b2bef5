//! Policy documents (`CreatePolicy.PolicyDocument`, `GetPolicy.PolicyDocument`): JSON text in
//! CAM's policy syntax 2.0, checked as `CreatePolicy` checks it and stored as CAM writes it —
//! compact, the author's key order, slashes escaped (`name\/cos:*`, as `GetPolicy`'s official
//! example returns a document created with `name/cos:*`).
//!
//! The checks are of the syntax only: which products and actions exist is CAM's business, and a
//! server that knows none of them cannot refuse a name as unknown.

use serde_json::{Map, Value};

use super::error::{Code, ServerError, echo};

/// The longest document accepted, in characters (`PolicyDocumentLengthOverLimit`): the official
/// definitions give no number, so this is the server's own.
pub const MAX_CHARS: usize = 6144;

/// `text` checked and written as CAM stores it.
pub fn canonical(text: &str) -> Result<String, ServerError> {
    if text.chars().count() > MAX_CHARS {
        return Err(ServerError::new(
            Code::PolicyDocumentLengthOverLimit,
            format!("A policy document may be at most {MAX_CHARS} characters."),
        ));
    }
    let Ok(Value::Object(document)) = serde_json::from_str::<Value>(text) else {
        return Err(ServerError::new(
            Code::PolicyDocumentError,
            "The policy document is not a JSON object.",
        ));
    };
    check(&document)?;
    Ok(compact(text))
}

/// The member `name` of `object`, whatever its case (`Statement`, `statement`).
fn member<'v>(object: &'v Map<String, Value>, name: &str) -> Option<&'v Value> {
    object
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value)
}

fn check(document: &Map<String, Value>) -> Result<(), ServerError> {
    if let Some(key) = document.keys().find(|k| {
        !["version", "statement"]
            .iter()
            .any(|n| k.eq_ignore_ascii_case(n))
    }) {
        return Err(ServerError::new(
            Code::PolicyDocumentError,
            format!(
                "A policy document has `version` and `statement`, not {:?}.",
                echo(key)
            ),
        ));
    }
    if member(document, "version").and_then(Value::as_str) != Some("2.0") {
        return Err(ServerError::new(
            Code::VersionError,
            "The policy document's version must be \"2.0\".",
        ));
    }
    let statements = match member(document, "statement") {
        Some(Value::Array(items)) if !items.is_empty() => items.iter().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        _ => {
            return Err(ServerError::new(
                Code::StatementError,
                "The policy document needs a statement: an object or a non-empty list of them.",
            ));
        }
    };
    statements.into_iter().try_for_each(check_statement)
}

fn check_statement(statement: &Value) -> Result<(), ServerError> {
    const KEYS: [&str; 5] = ["effect", "action", "resource", "condition", "principal"];
    let Value::Object(statement) = statement else {
        return Err(ServerError::new(
            Code::StatementError,
            "A statement must be an object.",
        ));
    };
    if let Some(key) = statement
        .keys()
        .find(|k| !KEYS.iter().any(|n| k.eq_ignore_ascii_case(n)))
    {
        return Err(ServerError::new(
            Code::StatementError,
            format!(
                "A statement has effect, action, resource, condition and principal, not {:?}.",
                echo(key)
            ),
        ));
    }
    let effect = member(statement, "effect").and_then(Value::as_str);
    if !effect.is_some_and(|e| e.eq_ignore_ascii_case("allow") || e.eq_ignore_ascii_case("deny")) {
        return Err(ServerError::new(
            Code::EffectError,
            "A statement's effect must be \"allow\" or \"deny\".",
        ));
    }
    // `*`, `service:Action` or `name/service:Action`, wildcards allowed.
    let action_ok = |a: &str| {
        a == "*"
            || a.split_once(':')
                .is_some_and(|(s, n)| !s.is_empty() && !n.is_empty())
    };
    if !names(member(statement, "action")).is_some_and(|actions| actions.into_iter().all(action_ok))
    {
        return Err(ServerError::new(
            Code::ActionError,
            "A statement's action must be \"*\" or service:Action names, one or a list.",
        ));
    }
    let resource_ok = |r: &str| r == "*" || r.starts_with("qcs:");
    if !names(member(statement, "resource"))
        .is_some_and(|resources| resources.into_iter().all(resource_ok))
    {
        return Err(ServerError::new(
            Code::ResourceError,
            "A statement's resource must be \"*\" or qcs:… six-part descriptions, one or a list.",
        ));
    }
    if let Some(condition) = member(statement, "condition")
        && !condition
            .as_object()
            .is_some_and(|operators| operators.values().all(Value::is_object))
    {
        return Err(ServerError::new(
            Code::ConditionError,
            "A statement's condition must map operators to {key: value} objects.",
        ));
    }
    if let Some(principal) = member(statement, "principal")
        && !principal.is_object()
    {
        return Err(ServerError::new(
            Code::PrincipalError,
            "A statement's principal must be an object such as {\"qcs\": [...]}.",
        ));
    }
    Ok(())
}

/// A string, or a non-empty list of strings; none of them empty.
fn names(value: Option<&Value>) -> Option<Vec<&str>> {
    let names: Vec<&str> = match value? {
        Value::String(one) => vec![one],
        Value::Array(items) if !items.is_empty() => {
            items.iter().map(Value::as_str).collect::<Option<_>>()?
        }
        _ => return None,
    };
    names.iter().all(|n| !n.is_empty()).then_some(names)
}

/// `text` (valid JSON) without whitespace between tokens and with every `/` in a string
/// written `\/`, keeping the author's order of keys.
fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut in_string = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (in_string, c) {
            (false, c) if c.is_whitespace() => {}
            (_, '"') => {
                in_string = !in_string;
                out.push(c);
            }
            (true, '\\') => {
                out.push(c);
                out.extend(chars.next());
            }
            (true, '/') => out.push_str("\\/"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_as_cam_writes_it() {
        let given = r#"{ "version": "2.0",
            "statement": [{"effect": "allow", "action": ["name/cos:*"], "resource": ["*"]}] }"#;
        let stored = canonical(given).unwrap();
        assert_eq!(
            stored,
            r#"{"version":"2.0","statement":[{"effect":"allow","action":["name\/cos:*"],"resource":["*"]}]}"#
        );
        // The same JSON as given, and stored again unchanged.
        assert_eq!(
            serde_json::from_str::<Value>(&stored).unwrap(),
            serde_json::from_str::<Value>(given).unwrap()
        );
        assert_eq!(canonical(&stored).unwrap(), stored);
        // Spaces and escapes inside strings are kept.
        let odd = r#"{"version":"2.0","statement":{"Effect":"Deny","Action":"cam:*","Resource":"qcs::cam::uin/1:a b\"/c"}}"#;
        assert_eq!(
            canonical(odd).unwrap(),
            r#"{"version":"2.0","statement":{"Effect":"Deny","Action":"cam:*","Resource":"qcs::cam::uin\/1:a b\"\/c"}}"#
        );
    }

    #[test]
    fn refusals_name_what_is_wrong() {
        let statement = |s: &str| format!(r#"{{"version":"2.0","statement":[{s}]}}"#);
        let ok = r#"{"effect":"allow","action":"*","resource":"*"}"#;
        canonical(&statement(ok)).unwrap();
        for (text, code) in [
            ("[]".to_owned(), Code::PolicyDocumentError),
            ("not json".to_owned(), Code::PolicyDocumentError),
            (
                r#"{"version":"2.0","statement":[],"x":1}"#.to_owned(),
                Code::PolicyDocumentError,
            ),
            (
                r#"{"version":"1.0","statement":[]}"#.to_owned(),
                Code::VersionError,
            ),
            (
                r#"{"version":"2.0","statement":[]}"#.to_owned(),
                Code::StatementError,
            ),
            (statement("1"), Code::StatementError),
            (
                statement(r#"{"effect":"allow","action":"*","resource":"*","x":1}"#),
                Code::StatementError,
            ),
            (
                statement(r#"{"effect":"maybe","action":"*","resource":"*"}"#),
                Code::EffectError,
            ),
            (
                statement(r#"{"effect":"allow","resource":"*"}"#),
                Code::ActionError,
            ),
            (
                statement(r#"{"effect":"allow","action":["cos"],"resource":"*"}"#),
                Code::ActionError,
            ),
            (
                statement(r#"{"effect":"allow","action":[],"resource":"*"}"#),
                Code::ActionError,
            ),
            (
                statement(r#"{"effect":"allow","action":"*"}"#),
                Code::ResourceError,
            ),
            (
                statement(r#"{"effect":"allow","action":"*","resource":["bucket"]}"#),
                Code::ResourceError,
            ),
            (
                statement(
                    r#"{"effect":"allow","action":"*","resource":"*","condition":{"ip_equal":1}}"#,
                ),
                Code::ConditionError,
            ),
            (
                statement(r#"{"effect":"allow","action":"*","resource":"*","principal":"*"}"#),
                Code::PrincipalError,
            ),
            (
                format!(
                    r#"{{"version":"2.0","statement":{ok},"pad":"{}"}}"#,
                    "x".repeat(MAX_CHARS)
                ),
                Code::PolicyDocumentLengthOverLimit,
            ),
        ] {
            assert_eq!(canonical(&text).unwrap_err().code(), code, "{text}");
        }
    }
}
