//! The official definitions of CAM (2019-01-16) and CloudAudit (2019-03-19), read at test time
//! from the `tccli` package of the compatibility venv (`api.json` and `examples.json`), plus the
//! documented error codes of each action, which those files do not carry
//! (`tests/fixtures/official-error-codes.json`, copied from the official Go SDK). [`Official`]
//! checks answers against them.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;
use serde_json::{Map, Value};

/// The directory of the installed `tccli` package, as the venv's own Python finds it.
fn tccli_dir() -> PathBuf {
    let venv = crate::support::compat_venv();
    let python = venv.join("bin/python3");
    let output = Command::new(&python)
        .args([
            "-c",
            "import os, tccli; print(os.path.dirname(tccli.__file__))",
        ])
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {} ({e}): the conformance suite reads the official API definitions \
                 from tccli in that venv (python3 -m venv {dir} && {dir}/bin/pip install tccli, \
                 or run .ci/run; CAMTUI_COMPAT_VENV names another venv)",
                python.display(),
                dir = venv.display()
            )
        });
    assert!(
        output.status.success(),
        "tccli is not installed in {} ({}): pip install tccli there, or run .ci/run",
        venv.display(),
        String::from_utf8_lossy(&output.stderr).trim()
    );
    PathBuf::from(String::from_utf8_lossy(&output.stdout).trim())
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> T {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("cannot parse {}: {e}", path.display()))
}

/// `api.json`: actions name their input and output objects; objects list their members.
#[derive(Debug, Deserialize)]
struct ApiJson {
    actions: BTreeMap<String, ApiAction>,
    objects: BTreeMap<String, Object>,
}

#[derive(Debug, Deserialize)]
struct ApiAction {
    input: String,
    output: String,
}

#[derive(Debug, Deserialize)]
struct Object {
    members: Vec<Field>,
}

/// One field of an object, as api.json defines it.
#[derive(Debug, Clone, Deserialize)]
pub struct Field {
    name: String,
    /// `int`, `string`, `bool`, `list` or `object`.
    #[serde(rename = "type")]
    kind: String,
    /// The scalar (`int64`, `uint64`, `string`, `date`, `datetime`, `bool`) or, for lists and
    /// objects, the object's name.
    member: String,
    #[serde(default)]
    required: Option<bool>,
    #[serde(default)]
    output_required: Option<bool>,
    #[serde(default)]
    value_allowed_null: Option<bool>,
}

impl Field {
    /// Whether an answer must carry it. Output-only types and a few responses say `required`
    /// where the others say `output_required`.
    fn in_every_answer(&self) -> bool {
        self.output_required.or(self.required).unwrap_or(false)
    }

    fn nullable(&self) -> bool {
        self.value_allowed_null.unwrap_or(false)
    }
}

#[derive(Debug, Deserialize)]
struct ExamplesJson {
    actions: BTreeMap<String, Vec<Example>>,
}

#[derive(Debug, Deserialize)]
struct Example {
    output: String,
}

/// The per-action error lists and the common codes (the fixture).
#[derive(Debug, Deserialize)]
pub struct ErrorCodes {
    common: CommonCodes,
    actions: ActionCodes,
}

impl ErrorCodes {
    /// `tests/fixtures/official-error-codes.json`.
    pub fn fixture() -> Self {
        read_json(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/official-error-codes.json"),
        )
    }

    /// Whether the action may answer with `code`: a common code, or one of its own list.
    pub fn documents(&self, service: &str, action: &str, code: &str) -> bool {
        let lists = match service {
            "cam" => &self.actions.cam,
            _ => &self.actions.cloudaudit,
        };
        let own = lists.get(action).unwrap_or_else(|| {
            panic!(
                "tests/fixtures/official-error-codes.json has no error list for {service} {action}"
            )
        });
        self.common.codes.contains(code) || own.contains(code)
    }
}

#[derive(Debug, Deserialize)]
struct CommonCodes {
    codes: HashSet<String>,
}

#[derive(Debug, Deserialize)]
struct ActionCodes {
    cam: BTreeMap<String, HashSet<String>>,
    cloudaudit: BTreeMap<String, HashSet<String>>,
}

struct ServiceDefinition {
    api: ApiJson,
    examples: ExamplesJson,
}

/// The official definitions of both services.
pub struct Official {
    cam: ServiceDefinition,
    cloudaudit: ServiceDefinition,
    errors: ErrorCodes,
}

impl Official {
    /// Reads the definitions from the venv's tccli and the error-code fixture; panics (the test
    /// fails) when either is missing.
    pub fn load() -> Self {
        let services = tccli_dir().join("services");
        let service = |dir: &str| {
            let dir = services.join(dir);
            ServiceDefinition {
                api: read_json(&dir.join("api.json")),
                examples: read_json(&dir.join("examples.json")),
            }
        };
        Self {
            cam: service("cam/v20190116"),
            cloudaudit: service("cloudaudit/v20190319"),
            errors: ErrorCodes::fixture(),
        }
    }

    fn service(&self, service: &str) -> &ServiceDefinition {
        match service {
            "cam" => &self.cam,
            "cloudaudit" => &self.cloudaudit,
            other => panic!("no official definitions of the service {other:?}"),
        }
    }

    fn action(&self, service: &str, action: &str) -> &ApiAction {
        self.service(service)
            .api
            .actions
            .get(action)
            .unwrap_or_else(|| panic!("{service} {action} is not in the official api.json"))
    }

    fn object(&self, service: &str, name: &str) -> Option<&Object> {
        self.service(service).api.objects.get(name)
    }

    /// The input members of an action.
    pub fn input(&self, service: &str, action: &str) -> &[Field] {
        let name = &self.action(service, action).input;
        &self.object(service, name).expect("input object").members
    }

    /// The members of a named object of `service`, if `name` names one (rather than a scalar).
    pub fn members(&self, service: &str, name: &str) -> Option<&[Field]> {
        self.object(service, name).map(|o| o.members.as_slice())
    }

    /// The official example answers of the action: whole envelopes, as JSON text.
    pub fn example_answers(&self, service: &str, action: &str) -> Vec<String> {
        self.service(service)
            .examples
            .actions
            .get(action)
            .map(|examples| examples.iter().map(|e| e.output.clone()).collect())
            .unwrap_or_default()
    }

    /// Whether the action may answer with `code`: a common code, or one of its own list.
    pub fn documents(&self, service: &str, action: &str, code: &str) -> bool {
        self.errors.documents(service, action, code)
    }

    /// Everything wrong with a reply envelope `{"Response": …}` to `action`: a success must match
    /// the action's output definition; a refusal must be a well-formed error with a code the
    /// action documents. Empty when it conforms.
    pub fn check_reply(&self, service: &str, action: &str, envelope: &Value) -> Vec<String> {
        let Some(response) = envelope.get("Response").and_then(Value::as_object) else {
            return vec![format!("no Response object in {envelope}")];
        };
        if response.contains_key("Error") {
            return self.check_refusal(service, action, response);
        }
        let mut violations = Vec::new();
        let output = &self.action(service, action).output;
        self.check_object(service, output, response, "Response", &mut violations);
        violations
    }

    fn check_refusal(
        &self,
        service: &str,
        action: &str,
        response: &Map<String, Value>,
    ) -> Vec<String> {
        let mut violations = Vec::new();
        if let Some(extra) = response
            .keys()
            .find(|k| !matches!(k.as_str(), "Error" | "RequestId"))
        {
            violations.push(format!("Response.{extra}: not part of an error answer"));
        }
        if !response.get("RequestId").is_some_and(Value::is_string) {
            violations.push("Response.RequestId: missing or not a string".to_owned());
        }
        let error = &response["Error"];
        if !error.get("Message").is_some_and(Value::is_string) {
            violations.push("Response.Error.Message: missing or not a string".to_owned());
        }
        match error.get("Code").and_then(Value::as_str) {
            None => violations.push("Response.Error.Code: missing or not a string".to_owned()),
            Some(code) if !self.documents(service, action, code) => violations.push(format!(
                "Response.Error.Code: {code} is neither a common error code nor one {action} documents"
            )),
            Some(_) => {}
        }
        violations
    }

    /// Checks `value` against the object `name`: no field outside it, every field an answer
    /// must carry present (and non-null unless nullable), each of its defined type.
    fn check_object(
        &self,
        service: &str,
        name: &str,
        value: &Map<String, Value>,
        path: &str,
        violations: &mut Vec<String>,
    ) {
        let Some(object) = self.object(service, name) else {
            violations.push(format!(
                "{path}: the definition names an unknown object {name}"
            ));
            return;
        };
        for key in value.keys() {
            if !object.members.iter().any(|m| &m.name == key) {
                violations.push(format!("{path}.{key}: not a field of {name}"));
            }
        }
        for member in &object.members {
            let field = format!("{path}.{}", member.name);
            match value.get(&member.name) {
                None if member.in_every_answer() => {
                    violations.push(format!("{field}: missing, but every answer carries it"));
                }
                None => {}
                Some(Value::Null) if member.nullable() => {}
                Some(Value::Null) => violations.push(format!("{field}: null, but not nullable")),
                Some(value) => self.check_value(service, member, value, &field, violations),
            }
        }
    }

    fn check_value(
        &self,
        service: &str,
        member: &Field,
        value: &Value,
        path: &str,
        violations: &mut Vec<String>,
    ) {
        match member.kind.as_str() {
            "list" => match value {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.check_item(
                            service,
                            &member.member,
                            item,
                            &format!("{path}[{i}]"),
                            violations,
                        );
                    }
                }
                other => violations.push(format!("{path}: {other} is not a list")),
            },
            "object" | "int" | "string" | "bool" => {
                self.check_item(service, &member.member, value, path, violations);
            }
            other => violations.push(format!(
                "{path}: the definition's type {other:?} is not understood"
            )),
        }
    }

    /// One value of the scalar or object type `member`.
    fn check_item(
        &self,
        service: &str,
        member: &str,
        value: &Value,
        path: &str,
        violations: &mut Vec<String>,
    ) {
        let fits = match member {
            "int64" => value.as_i64().is_some(),
            "uint64" => value.as_u64().is_some(),
            "bool" => value.is_boolean(),
            "string" => value.is_string(),
            "date" => value
                .as_str()
                .is_some_and(|t| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").is_ok()),
            "datetime" => value.as_str().is_some_and(|t| {
                chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S").is_ok()
            }),
            object => {
                match value {
                    Value::Object(map) => self.check_object(service, object, map, path, violations),
                    other => {
                        violations.push(format!("{path}: {other} is not an object ({object})"));
                    }
                }
                return;
            }
        };
        if !fits {
            violations.push(format!(
                "{path}: {value} is not of the defined type {member}"
            ));
        }
    }
}

/// How a realistic request was broken, and so what its refusal must say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breakage {
    /// A required member left out: `MissingParameter` or `InvalidParameter…`.
    Missing,
    /// A member of the wrong JSON type: `InvalidParameter…`.
    WrongType,
}

impl Breakage {
    pub fn allows(self, code: &str) -> bool {
        code.starts_with("InvalidParameter")
            || (self == Self::Missing && code == "MissingParameter")
    }
}

/// A request with one input member broken.
pub struct BrokenRequest {
    /// What was broken, e.g. `LookupAttributes.0.AttributeKey left out`.
    pub what: String,
    pub params: Value,
    pub breakage: Breakage,
}

/// A value of another JSON type than the member's (numeric strings stand for numbers on the
/// wire, so a number's wrong type is a word).
fn wrong_type(member: &Field) -> Value {
    match member.kind.as_str() {
        "string" => Value::Bool(true),
        "list" => Value::from("not a list"),
        "object" => Value::from("not an object"),
        _ => Value::from("not a number"),
    }
}

impl Official {
    /// `params`, a realistic request of `action`, broken one input member at a time: each
    /// required member left out and each member given a value of the wrong type, the members
    /// of the objects the request holds (the first item of a list) included.
    pub fn broken_inputs(&self, service: &str, action: &str, params: &Value) -> Vec<BrokenRequest> {
        let mut broken = Vec::new();
        self.break_members(
            service,
            self.input(service, action),
            params,
            params,
            "",
            &mut broken,
        );
        broken
    }

    fn break_members(
        &self,
        service: &str,
        members: &[Field],
        root: &Value,
        here: &Value,
        path: &str,
        broken: &mut Vec<BrokenRequest>,
    ) {
        for member in members {
            let field = format!("{path}{}", member.name);
            let mut changed = root.clone();
            edit(&mut changed, path, |object| {
                object.insert(member.name.clone(), wrong_type(member));
            });
            broken.push(BrokenRequest {
                what: format!("{field} of the wrong type"),
                params: changed,
                breakage: Breakage::WrongType,
            });
            let present = here.get(&member.name);
            if member.required == Some(true) && present.is_some() {
                let mut changed = root.clone();
                edit(&mut changed, path, |object| {
                    object.remove(&member.name);
                });
                broken.push(BrokenRequest {
                    what: format!("{field} left out"),
                    params: changed,
                    breakage: Breakage::Missing,
                });
            }
            let Some(inner) = self.members(service, &member.member) else {
                continue;
            };
            match (member.kind.as_str(), present) {
                ("list", Some(Value::Array(items)))
                    if items.first().is_some_and(Value::is_object) =>
                {
                    let item = &items[0];
                    self.break_members(service, inner, root, item, &format!("{field}.0."), broken);
                }
                ("object", Some(object @ Value::Object(_))) => {
                    self.break_members(service, inner, root, object, &format!("{field}."), broken);
                }
                _ => {}
            }
        }
    }
}

/// Applies `change` to the object at `path` (`""`, or `Name.` / `Name.0.` segments) of `root`.
fn edit(root: &mut Value, path: &str, change: impl FnOnce(&mut Map<String, Value>)) {
    let mut here = root;
    for segment in path.split('.').filter(|s| !s.is_empty()) {
        here = match segment.parse::<usize>() {
            Ok(index) => &mut here[index],
            Err(_) => &mut here[segment],
        };
    }
    if let Value::Object(object) = here {
        change(object);
    }
}

/// Where a value sits: in the answer itself (whose fields are api.json's business), or in a
/// JSON document serialised into one of its strings (`CloudAuditEvent`, which only the examples
/// define: its fields must be the example's). A JSON string inside such a document
/// (`requestParameters`) is compared by its kind only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Depth {
    Answer,
    Document,
}

/// What a string holds, as far as its shape goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Datetime,
    Date,
    JsonObject,
    JsonArray,
    Text,
}

fn form(text: &str) -> Form {
    if chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").is_ok() {
        Form::Datetime
    } else if chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok() {
        Form::Date
    } else if text.starts_with('{') {
        Form::JsonObject
    } else if text.starts_with('[') {
        Form::JsonArray
    } else {
        Form::Text
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

impl Official {
    /// Where an answer's values are not shaped like those of the action's official example
    /// answers: a string the example writes as a datetime (or a date, or JSON) must be one, a
    /// JSON document in a string must have the example's fields with the example's JSON types.
    /// (Empty strings and nulls say nothing about shape.)
    pub fn check_like_examples(
        &self,
        service: &str,
        action: &str,
        envelope: &Value,
    ) -> Vec<String> {
        let mut violations = Vec::new();
        for example in self.example_answers(service, action) {
            let example: Value = serde_json::from_str(&example).expect("an example is JSON");
            like(
                &example["Response"],
                &envelope["Response"],
                "Response",
                Depth::Answer,
                &mut violations,
            );
        }
        violations
    }
}

fn like(example: &Value, ours: &Value, path: &str, depth: Depth, violations: &mut Vec<String>) {
    match (example, ours) {
        (Value::Null, _) | (_, Value::Null) => {}
        (Value::Object(theirs), Value::Object(ours)) => {
            if depth == Depth::Document {
                for name in ours.keys().filter(|n| !theirs.contains_key(*n)) {
                    violations.push(format!(
                        "{path}.{name}: not a field of the official example"
                    ));
                }
                for name in theirs.keys().filter(|n| !ours.contains_key(*n)) {
                    violations.push(format!(
                        "{path}.{name}: missing (the official example has it)"
                    ));
                }
            }
            for (name, value) in theirs {
                if let Some(our) = ours.get(name) {
                    like(value, our, &format!("{path}.{name}"), depth, violations);
                }
            }
        }
        (Value::Array(theirs), Value::Array(ours)) => {
            if let Some(first) = theirs.first() {
                for (i, item) in ours.iter().enumerate() {
                    like(first, item, &format!("{path}[{i}]"), depth, violations);
                }
            }
        }
        (Value::String(theirs), Value::String(ours)) if !theirs.is_empty() && !ours.is_empty() => {
            let (their_form, our_form) = (form(theirs), form(ours));
            if their_form != our_form {
                violations.push(format!(
                    "{path}: {ours:?} is not written like the official example's {theirs:?}"
                ));
                return;
            }
            if matches!(our_form, Form::JsonObject | Form::JsonArray) {
                let Ok(our_document) = serde_json::from_str::<Value>(ours) else {
                    violations.push(format!("{path}: {ours:?} is not valid JSON"));
                    return;
                };
                // The example's own document may not parse (LookUpEvents's does not).
                if let (Depth::Answer, Ok(their_document)) =
                    (depth, serde_json::from_str::<Value>(theirs))
                {
                    like(
                        &their_document,
                        &our_document,
                        path,
                        Depth::Document,
                        violations,
                    );
                }
            }
        }
        _ if kind(example) == kind(ours) => {}
        _ => violations.push(format!(
            "{path}: {ours} is a {}, the official example has a {} ({example})",
            kind(ours),
            kind(example)
        )),
    }
}
