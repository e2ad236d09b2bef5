//! Generic parameter validation (spec §3, §2.1 step 9): a JSON body or a flattened GET query is
//! checked against an action's [`Field`] list and normalised into one JSON object that the typed
//! request of `cam::model` deserialises from. Unknown names → `UnknownParameter`, absent required
//! ones → `MissingParameter`, wrong types → `InvalidParameter`; numeric strings count as integers
//! and `null` means absent.

use serde_json::{Map, Value};

use super::error::{Code, ServerError, clip_quoted, echo};
use super::schema::{Field, Kind};

/// Where the parameters came from.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    /// A POST body (`{}` or empty for none).
    Json(&'a [u8]),
    /// A GET query string as sent, `Name.0=a&Attr.0.Key=b`.
    Query(&'a str),
}

/// Checks `input` against `fields` and returns the normalised parameters.
pub fn normalize(fields: &[Field], input: Input<'_>) -> Result<Value, ServerError> {
    let object = match input {
        Input::Json(body) => parse_json(body)?,
        Input::Query(query) => unflatten(fields, query)?,
    };
    normalize_object(fields, object, "").map(Value::Object)
}

fn parse_json(body: &[u8]) -> Result<Map<String, Value>, ServerError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Strict>(body) {
        Ok(Strict(Value::Object(map))) => Ok(map),
        Ok(_) => Err(ServerError::new(
            Code::InvalidParameter,
            "the request body must be a JSON object",
        )),
        // Valid JSON that `Strict` refuses: a repeated name.
        Err(e) if e.is_data() => Err(ServerError::new(
            Code::InvalidParameter,
            clip_quoted(&format!("the request body is refused: {e}")),
        )),
        Err(e) => Err(ServerError::new(
            Code::InvalidParameter,
            format!("the request body is not valid JSON: {e}"),
        )),
    }
}

/// A JSON value whose objects never repeat a name. `serde_json` keeps the last of two
/// `"TargetUin"`s; this server and anything in front of it (a proxy, a log) could then each act
/// on a different one, so such a body is refused — as a repeated name in a GET query is.
struct Strict(Value);

impl<'de> serde::Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(name) = map.next_key::<String>()? {
            let Strict(value) = map.next_value()?;
            if object.contains_key(&name) {
                return Err(serde::de::Error::custom(format!(
                    "the parameter `{name}` is given more than once"
                )));
            }
            object.insert(name, value);
        }
        Ok(Value::Object(object))
    }
}

fn normalize_object(
    fields: &[Field],
    mut object: Map<String, Value>,
    prefix: &str,
) -> Result<Map<String, Value>, ServerError> {
    if let Some(name) = object
        .keys()
        .find(|name| !fields.iter().any(|f| f.name == name.as_str()))
    {
        return Err(unknown(&format!("{prefix}{name}")));
    }
    let mut out = Map::with_capacity(object.len());
    for field in fields {
        let path = format!("{prefix}{}", field.name);
        match object.remove(field.name) {
            None | Some(Value::Null) if field.required => {
                return Err(ServerError::new(
                    Code::MissingParameter,
                    format!("The parameter `{path}` is missing."),
                ));
            }
            None | Some(Value::Null) => {}
            Some(value) => {
                out.insert(
                    field.name.to_owned(),
                    normalize_value(&field.kind, value, &path)?,
                );
            }
        }
    }
    Ok(out)
}

fn wrong_type(path: &str, expected: &str) -> ServerError {
    ServerError::new(
        Code::InvalidParameter,
        format!("The parameter `{path}` must be {expected}."),
    )
}

fn normalize_value(kind: &Kind, value: Value, path: &str) -> Result<Value, ServerError> {
    match kind {
        Kind::Str => match value {
            Value::String(_) => Ok(value),
            _ => Err(wrong_type(path, "a string")),
        },
        Kind::UInt => as_u64(&value)
            .map(Value::from)
            .ok_or_else(|| wrong_type(path, "a non-negative integer")),
        Kind::Int => as_i64(&value)
            .map(Value::from)
            .ok_or_else(|| wrong_type(path, "an integer")),
        Kind::Object(fields) => match value {
            Value::Object(map) => {
                normalize_object(fields, map, &format!("{path}.")).map(Value::Object)
            }
            _ => Err(wrong_type(path, "an object")),
        },
        Kind::StrList | Kind::UIntList | Kind::Objects(_) => {
            let Value::Array(items) = value else {
                return Err(wrong_type(path, "an array"));
            };
            let item_kind = match kind {
                Kind::StrList => &Kind::Str,
                Kind::UIntList => &Kind::UInt,
                other => other,
            };
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| {
                    let item_path = format!("{path}.{i}");
                    match (item_kind, item) {
                        (Kind::Objects(fields), Value::Object(map)) => {
                            normalize_object(fields, map, &format!("{item_path}."))
                                .map(Value::Object)
                        }
                        (Kind::Objects(_), _) => Err(wrong_type(&item_path, "an object")),
                        (Kind::Str | Kind::UInt, Value::Null) => {
                            Err(wrong_type(&item_path, "a value, not null"))
                        }
                        (kind, item) => normalize_value(kind, item, &item_path),
                    }
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array)
        }
    }
}

fn as_u64(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
            s.parse().ok()
        }
        _ => None,
    }
}

fn as_i64(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => {
            let digits = s.strip_prefix('-').unwrap_or(s);
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().ok()
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Rebuilds nested parameters from the SDK's GET flattening (spec §3): `Name.0`, `Name.1` for
/// lists (0-based), `Object.Field` for objects, `List.0.Field` for lists of objects. Values stay
/// strings; the normaliser converts numbers.
fn unflatten(fields: &[Field], query: &str) -> Result<Map<String, Value>, ServerError> {
    let mut object = Map::new();
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let mut segments = key.split('.');
        let name = segments.next().unwrap_or_default();
        let rest: Vec<&str> = segments.collect();
        let Some(field) = fields.iter().find(|f| f.name == name) else {
            return Err(unknown(&key));
        };
        let value = Value::String(value.into_owned());
        match (&field.kind, rest.as_slice()) {
            (Kind::Str | Kind::UInt | Kind::Int, []) => {
                if object.insert(name.to_owned(), value).is_some() {
                    return Err(duplicate(&key));
                }
            }
            (Kind::StrList | Kind::UIntList, [index]) => {
                let index = list_index(&key, index)?;
                let slot = list_slot(&mut object, name, index);
                if !slot.is_null() {
                    return Err(duplicate(&key));
                }
                *slot = value;
            }
            (Kind::Object(members), [member]) => {
                if !members.iter().any(|f| f.name == *member) {
                    return Err(unknown(&key));
                }
                let slot = object
                    .entry(name.to_owned())
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(map) = slot
                    && map.insert((*member).to_owned(), value).is_some()
                {
                    return Err(duplicate(&key));
                }
            }
            (Kind::Objects(item_fields), [index, member]) => {
                let index = list_index(&key, index)?;
                if !item_fields.iter().any(|f| f.name == *member) {
                    return Err(unknown(&key));
                }
                let slot = list_slot(&mut object, name, index);
                if slot.is_null() {
                    *slot = Value::Object(Map::new());
                }
                if let Value::Object(map) = slot
                    && map.insert((*member).to_owned(), value).is_some()
                {
                    return Err(duplicate(&key));
                }
            }
            _ => {
                return Err(ServerError::new(
                    Code::InvalidParameter,
                    format!(
                        "The parameter `{}` does not match the shape of `{name}`.",
                        echo(&key)
                    ),
                ));
            }
        }
    }
    // A gap (`Name.0`, `Name.2`) leaves a null, which the normaliser refuses.
    Ok(object)
}

fn unknown(key: &str) -> ServerError {
    ServerError::new(
        Code::UnknownParameter,
        format!("The parameter `{}` is not recognized.", echo(key)),
    )
}

fn duplicate(key: &str) -> ServerError {
    ServerError::new(
        Code::InvalidParameter,
        format!("The parameter `{}` is given more than once.", echo(key)),
    )
}

/// The most items a flattened list may name: GET requests are capped at 32 KB anyway.
const MAX_FLAT_INDEX: usize = 1000;

fn list_index(key: &str, index: &str) -> Result<usize, ServerError> {
    index
        .parse::<usize>()
        .ok()
        .filter(|i| *i < MAX_FLAT_INDEX && (index == "0" || !index.starts_with('0')))
        .ok_or_else(|| {
            ServerError::new(
                Code::InvalidParameter,
                format!("The parameter `{}` has an invalid list index.", echo(key)),
            )
        })
}

fn list_slot<'m>(object: &'m mut Map<String, Value>, name: &str, index: usize) -> &'m mut Value {
    let list = object
        .entry(name.to_owned())
        .or_insert_with(|| Value::Array(Vec::new()));
    let Value::Array(items) = list else {
        unreachable!("list parameters are only ever inserted as arrays")
    };
    if items.len() <= index {
        items.resize(index + 1, Value::Null);
    }
    &mut items[index]
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use serde::Deserialize;
    use serde_json::json;

    use super::*;
    use crate::cam::model::LookupAttribute;
    use crate::server::schema::fields_of;

    /// A request with every kind of parameter.
    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    #[expect(dead_code, reason = "only its parameters are read")]
    struct Sample {
        target_uin: Option<u64>,
        name: String,
        ids: Option<Vec<String>>,
        uins: Option<Vec<u64>>,
        start: Option<i64>,
        lookup_attributes: Option<Vec<LookupAttribute>>,
        flag: Option<LookupAttribute>,
    }

    static FIELDS: LazyLock<Vec<Field>> = LazyLock::new(fields_of::<Sample>);

    fn code(result: Result<Value, ServerError>) -> &'static str {
        result.unwrap_err().code().as_str()
    }

    #[test]
    fn json_numbers_strings_and_nulls() {
        let v = normalize(
            &FIELDS,
            Input::Json(
                br#"{"TargetUin": "100013065917", "Name": "jack", "Start": "-5", "Ids": null}"#,
            ),
        )
        .unwrap();
        assert_eq!(
            v,
            json!({"TargetUin": 100_013_065_917_u64, "Name": "jack", "Start": -5})
        );
    }

    #[test]
    fn json_errors() {
        assert_eq!(
            code(normalize(&FIELDS, Input::Json(b"{}"))),
            "MissingParameter"
        );
        assert_eq!(
            code(normalize(&FIELDS, Input::Json(b""))),
            "MissingParameter"
        );
        assert_eq!(
            code(normalize(
                &FIELDS,
                Input::Json(br#"{"Name": "x", "Bogus": 1}"#)
            )),
            "UnknownParameter"
        );
        assert_eq!(
            code(normalize(&FIELDS, Input::Json(br#"{"Name": 5}"#))),
            "InvalidParameter"
        );
        assert_eq!(
            code(normalize(
                &FIELDS,
                Input::Json(br#"{"Name": "x", "TargetUin": -1}"#)
            )),
            "InvalidParameter"
        );
        assert_eq!(
            code(normalize(
                &FIELDS,
                Input::Json(br#"{"Name": "x", "TargetUin": "12a"}"#)
            )),
            "InvalidParameter"
        );
        assert_eq!(
            code(normalize(
                &FIELDS,
                Input::Json(br#"{"Name": "x", "TargetUin": 1.5}"#)
            )),
            "InvalidParameter"
        );
        assert_eq!(
            code(normalize(&FIELDS, Input::Json(b"[1]"))),
            "InvalidParameter"
        );
        assert_eq!(
            code(normalize(&FIELDS, Input::Json(b"{\"Name\":"))),
            "InvalidParameter"
        );
        assert_eq!(
            code(normalize(
                &FIELDS,
                Input::Json(br#"{"Name": "x", "LookupAttributes": [{"AttributeValue": "v"}]}"#)
            )),
            "MissingParameter"
        );
        assert_eq!(
            code(normalize(
                &FIELDS,
                Input::Json(
                    br#"{"Name": "x", "LookupAttributes": [{"AttributeKey": "k", "Nope": 1}]}"#
                )
            )),
            "UnknownParameter"
        );
    }

    // Regression (bad-input matrix): `{"TargetUin": 1, "TargetUin": 2}` silently meant 2.
    #[test]
    fn repeated_json_names_are_refused() {
        for body in [
            &br#"{"Name": "a", "Name": "b"}"#[..],
            br#"{"Name": "a", "LookupAttributes": [{"AttributeKey": "k", "AttributeKey": "j"}]}"#,
        ] {
            let error = normalize(&FIELDS, Input::Json(body)).unwrap_err();
            assert_eq!(error.code(), Code::InvalidParameter);
            assert!(error.to_string().contains("more than once"), "{error}");
        }
        // The same name in two different objects is fine.
        let v = normalize(
            &FIELDS,
            Input::Json(
                br#"{"Name": "a", "LookupAttributes": [{"AttributeKey": "k"}, {"AttributeKey": "j"}]}"#,
            ),
        )
        .unwrap();
        assert_eq!(v["LookupAttributes"][1]["AttributeKey"], "j");
        // Numbers keep their JSON types: 1.5 stays a float (and is refused as a UInt).
        assert_eq!(
            code(normalize(
                &FIELDS,
                Input::Json(br#"{"Name": "a", "TargetUin": 1.5}"#)
            )),
            "InvalidParameter"
        );
    }

    #[test]
    fn objects_in_json_and_in_queries() {
        let expected = json!({"Name": "a", "Flag": {"AttributeKey": "k", "AttributeValue": "v"}});
        let v = normalize(
            &FIELDS,
            Input::Json(br#"{"Name": "a", "Flag": {"AttributeKey": "k", "AttributeValue": "v"}}"#),
        )
        .unwrap();
        assert_eq!(v, expected);
        let v = normalize(
            &FIELDS,
            Input::Query("Name=a&Flag.AttributeKey=k&Flag.AttributeValue=v"),
        )
        .unwrap();
        assert_eq!(v, expected);
        for (input, expected) in [
            (
                Input::Json(br#"{"Name": "a", "Flag": [1]}"#),
                "InvalidParameter",
            ),
            (
                Input::Json(br#"{"Name": "a", "Flag": {}}"#),
                "MissingParameter",
            ),
            (
                Input::Json(br#"{"Name": "a", "Flag": {"AttributeKey": "k", "X": 1}}"#),
                "UnknownParameter",
            ),
            (Input::Query("Name=a&Flag.X=1"), "UnknownParameter"),
            (
                Input::Query("Name=a&Flag.AttributeKey=k&Flag.AttributeKey=j"),
                "InvalidParameter",
            ),
            (Input::Query("Name=a&Flag=k"), "InvalidParameter"),
        ] {
            assert_eq!(code(normalize(&FIELDS, input)), expected, "{input:?}");
        }
    }

    #[test]
    fn get_flattening() {
        let v = normalize(
            &FIELDS,
            Input::Query(
                "Name=a+b&Ids.0=AKID1&Ids.1=AKID2&Uins.0=7&LookupAttributes.0.AttributeKey=AccessKeyId&LookupAttributes.0.AttributeValue=x%2Fy",
            ),
        )
        .unwrap();
        assert_eq!(
            v,
            json!({
                "Name": "a b",
                "Ids": ["AKID1", "AKID2"],
                "Uins": [7],
                "LookupAttributes": [{"AttributeKey": "AccessKeyId", "AttributeValue": "x/y"}]
            })
        );
        assert_eq!(
            code(normalize(&FIELDS, Input::Query("Name=a&Ids.0=x&Ids.2=y"))),
            "InvalidParameter"
        );
        assert_eq!(
            code(normalize(&FIELDS, Input::Query("Name=a&Ids=x"))),
            "InvalidParameter"
        );
        assert_eq!(
            code(normalize(&FIELDS, Input::Query("Name=a&Name=b"))),
            "InvalidParameter"
        );
        assert_eq!(
            code(normalize(&FIELDS, Input::Query("Name=a&Other=b"))),
            "UnknownParameter"
        );
        assert_eq!(
            code(normalize(&FIELDS, Input::Query("Name=a&Uins.0=x"))),
            "InvalidParameter"
        );
        assert_eq!(
            code(normalize(&FIELDS, Input::Query(""))),
            "MissingParameter"
        );
    }
}
