//! The scriptable subcommands end to end: the real `camtui` binary, run with a temporary HOME and
//! environment credentials, against a `camtui::server` spawned on 127.0.0.1 over a fixture
//! (tests/fixtures/cli-seed.json). Checks table and JSON output, exit statuses, and — through the
//! server's audit trail — that read-only refusals send nothing.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;
use unicode_width::UnicodeWidthStr as _;

use camtui::cam::model::{Event, GetUserAppId, SecretId};
use camtui::cam::{Client, Credential, Endpoint, Transport, TransportConfig};
use camtui::server::seed::{Seed, SeedSource};
use camtui::server::{ServerConfig, ServerHandle};

use crate::support::wire::{Signing, exchange};

pub(crate) const SEED: &str = include_str!("../fixtures/cli-seed.json");
pub(crate) const ROOT_ID: &str = "IKIDrootTestKey0000000000000000000000";
pub(crate) const ROOT_KEY: &str = "rootTestSecretKey000000000000000";

pub(crate) const ALICE_ENABLED: &str = "IKIDaliceEnabled00000000000000000001";
pub(crate) const ALICE_DISABLED: &str = "IKIDaliceDisabled0000000000000000002";
pub(crate) const CAROL_KEY: &str = "IKIDcarolCollab000000000000000000004";

pub(crate) struct Harness {
    dir: tempfile::TempDir,
    pub(crate) server: ServerHandle,
}

impl Harness {
    pub(crate) async fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("home")).unwrap();
        let server = camtui::server::spawn(ServerConfig {
            seed: Some(SeedSource::Data(Seed::parse(SEED).unwrap())),
            ..ServerConfig::new(
                "127.0.0.1:0".parse().unwrap(),
                dir.path().join("server.db"),
                Credential::new(ROOT_ID, ROOT_KEY),
            )
        })
        .await
        .unwrap();
        Self { dir, server }
    }

    pub(crate) fn endpoint(&self) -> String {
        self.server.endpoint()
    }

    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    /// Runs `camtui --endpoint <server> ARGS` with root's credentials in the environment.
    pub(crate) async fn run(&self, args: &[&str]) -> Out {
        self.run_in(None, args).await
    }

    /// As [`Harness::run`], with `LANG` set to `locale` if there is one.
    pub(crate) async fn run_in(&self, locale: Option<&str>, args: &[&str]) -> Out {
        let endpoint = self.endpoint();
        let mut full = vec!["--endpoint", endpoint.as_str()];
        full.extend_from_slice(args);
        let mut env = vec![
            ("TENCENTCLOUD_SECRET_ID", ROOT_ID),
            ("TENCENTCLOUD_SECRET_KEY", ROOT_KEY),
        ];
        env.extend(locale.map(|locale| ("LANG", locale)));
        self.run_with(&full, &env).await
    }

    /// Runs `camtui ARGS` with exactly the given environment (plus HOME), stdin empty.
    pub(crate) async fn run_with(&self, args: &[&str], env: &[(&str, &str)]) -> Out {
        let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_camtui"))
            .args(args)
            .env_clear()
            .env("HOME", self.home())
            .envs(env.iter().copied())
            .stdin(std::process::Stdio::null())
            .output()
            .await
            .unwrap();
        Out(output)
    }

    pub(crate) fn root_client(&self) -> Client {
        let endpoint = Endpoint::custom(&self.endpoint()).unwrap();
        Client::new(
            Transport::new(
                TransportConfig::new(endpoint),
                Credential::new(ROOT_ID, ROOT_KEY),
            )
            .unwrap(),
        )
    }

    /// Every audit event of the root key, newest first.
    async fn root_events(&self) -> Vec<Event> {
        self.server.flush_audit().await.unwrap();
        let now = chrono::Utc::now().timestamp() as u64 + 5;
        self.root_client()
            .latest_access_records(&SecretId::from_wire(ROOT_ID), 500, now)
            .await
            .unwrap()
    }

    fn write_config(&self, text: &str) -> PathBuf {
        let path = self.dir.path().join("config.toml");
        std::fs::write(&path, text).unwrap();
        path
    }
}

pub(crate) struct Out(Output);

impl Out {
    pub(crate) fn code(&self) -> i32 {
        self.0.status.code().expect("exited normally")
    }
    pub(crate) fn stdout(&self) -> String {
        String::from_utf8(self.0.stdout.clone()).unwrap()
    }
    pub(crate) fn stderr(&self) -> String {
        String::from_utf8(self.0.stderr.clone()).unwrap()
    }
    pub(crate) fn json(&self) -> Value {
        serde_json::from_slice(&self.0.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout()))
    }
    #[track_caller]
    pub(crate) fn ok(self) -> Self {
        assert_eq!(self.code(), 0, "stderr: {}", self.stderr());
        self
    }
    #[track_caller]
    pub(crate) fn fails(self, code: i32) -> Self {
        assert_eq!(
            self.code(),
            code,
            "stdout: {}\nstderr: {}",
            self.stdout(),
            self.stderr()
        );
        self
    }
}

/// The display column at which each cell of a table line starts (cells are separated by 2+ spaces).
fn cell_starts(line: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut column = 0;
    let mut previous_spaces = 2;
    for ch in line.chars() {
        if ch != ' ' && previous_spaces >= 2 {
            starts.push(column);
        }
        previous_spaces = if ch == ' ' { previous_spaces + 1 } else { 0 };
        column += ch.to_string().width();
    }
    starts
}

/// Every row of a table starts its cells at the header's columns.
#[track_caller]
pub(crate) fn assert_aligned(table: &str) {
    let mut lines = table.lines();
    let header = cell_starts(lines.next().expect("a header line"));
    for line in lines {
        let starts = cell_starts(line);
        assert!(
            starts.iter().all(|s| header.contains(s)) && starts.len() == header.len(),
            "misaligned row {line:?}: {starts:?} vs header {header:?}\n{table}"
        );
    }
}

/// An API error line: `Code: Message (RequestId …)`.
#[track_caller]
fn assert_api_error(out: &Out, code: &str) {
    let first = out.stderr().lines().next().unwrap_or_default().to_owned();
    assert!(
        first.starts_with(&format!("{code}: "))
            && first.contains("(RequestId ")
            && first.ends_with(')'),
        "{first:?}"
    );
    assert!(out.stdout().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_table_and_json() {
    let h = Harness::start().await;
    let table = h.run(&["users"]).await.ok().stdout();
    assert!(table.starts_with("NAME "), "{table}");
    assert_aligned(&table);
    for name in ["alice", "张伟", "bob", "carol"] {
        assert!(table.contains(name), "{table}");
    }
    assert!(table.contains("Collaborator") && table.contains("运维值班"));

    let json = h.run(&["users", "--output", "json"]).await.ok().json();
    let users = json.as_array().unwrap();
    assert_eq!(users.len(), 4);
    let carol = users.iter().find(|u| u["name"] == "carol").unwrap();
    assert_eq!(carol["uin"], 100_000_000_021_u64);
    assert_eq!(carol["type"], "collaborator");
    assert_eq!(carol["console_login"], true);
    let zhang = users.iter().find(|u| u["name"] == "张伟").unwrap();
    assert_eq!(zhang["type"], "sub-user");
    assert_eq!(zhang["remark"], "运维值班");
    let mut keys: Vec<&str> = carol
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "console_login",
            "created",
            "name",
            "remark",
            "type",
            "uid",
            "uin"
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_details_by_name_and_uin() {
    let h = Harness::start().await;
    let table = h.run(&["user", "alice"]).await.ok().stdout();
    assert!(table.contains("Username       alice"), "{table}");
    assert!(table.contains("Phone          +86 13800000011"), "{table}");
    assert!(
        table.contains("API keys       2 of 2 API keys, 1 enabled"),
        "{table}"
    );
    assert!(table.contains("Last login IP  203.0.113.7"), "{table}");

    let json = h
        .run(&["user", "100000000021", "-o", "json"])
        .await
        .ok()
        .json();
    assert_eq!(json["name"], "carol");
    assert_eq!(json["type"], "collaborator");
    assert_eq!(json["access_keys"]["count"], 1);
    assert_eq!(json["access_keys"]["enabled"], 1);
    assert_eq!(json["access_keys"]["limit"], 2);

    let json = h.run(&["user", "张伟", "-o", "json"]).await.ok().json();
    assert_eq!(json["uin"], 100_000_000_012_u64);

    // A user without policies, groups or protection says so.
    let bob = h.run(&["user", "bob"]).await.ok().stdout();
    for line in [
        "Permissions\nno policies",
        "Groups\nin no group",
        "Login protection        off",
    ] {
        assert!(bob.contains(line), "{line:?} in {bob}");
    }

    let missing = h.run(&["user", "nobody"]).await.fails(1);
    assert!(
        missing
            .stderr()
            .contains("no sub-user or collaborator is named \"nobody\"")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_permissions_groups_and_security() {
    let h = Harness::start().await;
    let table = h.run(&["user", "alice"]).await.ok().stdout();
    let section = |name: &str| {
        let start = table
            .find(&format!("\n{name}\n"))
            .unwrap_or_else(|| panic!("{name} in {table}"));
        let rest = &table[start + name.len() + 2..];
        rest[..rest.find("\n\n").unwrap_or(rest.len())].to_owned()
    };
    let permissions = section("Permissions");
    assert_aligned(&permissions);
    let lines: Vec<&str> = permissions.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["POLICY", "TYPE", "ATTACHED", "VIA", "ATTACHED"]
    );
    // Newest attachment first: directly 30 days ago, then ops's two.
    let rows: Vec<Vec<&str>> = lines[1..]
        .iter()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 3, "{permissions}");
    assert_eq!(rows[0][..3], ["QcloudCOSReadOnlyAccess", "preset", "user"]);
    assert_eq!(rows[1][..4], ["ci-deploy", "custom", "group", "ops"]);
    assert_eq!(rows[2][..4], ["ReadOnlyAccess", "preset", "group", "ops"]);
    assert!(
        rows.iter()
            .all(|r| r[r.len() - 2].len() == 10 && r[r.len() - 1].len() == 8)
    );
    let groups = section("Groups");
    assert!(groups.contains("ops    SRE and on-call"), "{groups}");
    let security = section("Security");
    assert!(
        security.contains("Login protection        security phone"),
        "{security}"
    );
    assert!(
        security.contains("Operation protection    virtual MFA device"),
        "{security}"
    );
    assert!(
        security.contains("Unusual-location login  notify by phone, email"),
        "{security}"
    );

    let json = h.run(&["user", "alice", "-o", "json"]).await.ok().json();
    let grants = json["permissions"].as_array().unwrap();
    assert_eq!(grants.len(), 3);
    assert_eq!(grants[0]["policy_name"], "QcloudCOSReadOnlyAccess");
    assert_eq!(grants[0]["type"], "preset");
    assert_eq!(grants[0]["attached_via"], "user");
    assert!(grants[0].get("group_name").is_none());
    assert_eq!(grants[1]["attached_via"], "group");
    assert_eq!(grants[1]["group_name"], "ops");
    assert!(grants[1]["group_id"].is_u64() && grants[1]["policy_id"].is_u64());
    assert_eq!(grants[1]["attached"].as_str().unwrap().len(), 19);
    assert_eq!(json["groups"][0]["name"], "ops");
    assert_eq!(json["groups"][0]["remark"], "SRE and on-call");
    let security = &json["security"];
    assert_eq!(security["login_protection"], serde_json::json!(["phone"]));
    assert_eq!(
        security["operation_protection"],
        serde_json::json!(["stoken"])
    );
    assert_eq!(security["unusual_login_verified"], false);
    assert_eq!(
        security["unusual_login_notices"],
        serde_json::json!(["phone", "email"])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_list_table_and_json() {
    let h = Harness::start().await;
    let table = h.run(&["keys", "list", "alice"]).await.ok().stdout();
    assert_aligned(&table);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(lines[0].starts_with("SECRETID"));
    let enabled = lines.iter().find(|l| l.starts_with(ALICE_ENABLED)).unwrap();
    assert!(
        enabled.contains("Enabled") && enabled.contains("ci-deploy"),
        "{enabled}"
    );
    let disabled = lines
        .iter()
        .find(|l| l.starts_with(ALICE_DISABLED))
        .unwrap();
    assert!(
        disabled.contains("Disabled") && disabled.contains("never"),
        "{disabled}"
    );

    let json = h
        .run(&["keys", "list", "100000000011", "-o", "json"])
        .await
        .ok()
        .json();
    let keys = json.as_array().unwrap();
    assert_eq!(keys.len(), 2);
    let enabled = keys
        .iter()
        .find(|k| k["secret_id"] == ALICE_ENABLED)
        .unwrap();
    assert_eq!(enabled["status"], "Active");
    assert_eq!(enabled["description"], "ci-deploy");
    assert!(
        enabled["last_used"].as_str().unwrap().len() == 10,
        "{enabled}"
    );
    let disabled = keys
        .iter()
        .find(|k| k["secret_id"] == ALICE_DISABLED)
        .unwrap();
    assert_eq!(disabled["status"], "Inactive");
    assert_eq!(disabled["last_used"], Value::Null);
    assert_eq!(disabled["description"], Value::Null);

    let carol = h
        .run(&["keys", "list", "carol", "-o", "json"])
        .await
        .ok()
        .json();
    assert_eq!(carol[0]["secret_id"], CAROL_KEY);

    let none = h.run(&["keys", "list", "bob"]).await.ok().stdout();
    assert_eq!(none.lines().count(), 1, "{none}");

    h.run(&["keys", "list", "nobody"]).await.fails(1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn key_lifecycle_create_disable_enable_delete() {
    let h = Harness::start().await;
    // Create: the SecretKey goes to stdout, the warning to stderr.
    let created = h
        .run(&[
            "keys",
            "create",
            "bob",
            "--description",
            "nightly",
            "-o",
            "json",
        ])
        .await
        .ok();
    assert!(created.stderr().contains("cannot be shown again"));
    let json = created.json();
    let secret_id = json["secret_id"].as_str().unwrap().to_owned();
    let secret_key = json["secret_key"].as_str().unwrap().to_owned();
    assert!(secret_id.starts_with("AKID") || secret_id.starts_with("IKID"));
    assert_eq!(json["user"]["name"], "bob");
    assert_eq!(json["status"], "Active");
    assert_eq!(json["description"], "nightly");
    assert!(!created.stderr().contains(&secret_key));
    // The printed SecretKey really is the key's: it signs a request.
    let endpoint = Endpoint::custom(&h.endpoint()).unwrap();
    let as_bob = Client::new(
        Transport::new(
            TransportConfig::new(endpoint),
            Credential::new(&secret_id, &secret_key),
        )
        .unwrap(),
    );
    as_bob.send(&GetUserAppId {}).await.unwrap();

    // Table output of a second key.
    let table = h
        .run(&["keys", "create", "100000000013"])
        .await
        .ok()
        .stdout();
    assert!(table.contains("SecretKey"), "{table}");
    assert!(table.contains("User         user 100000000013"), "{table}");
    // A third is refused by the API: exit 2 with the code.
    crate::support::next_second();
    let third = h.run(&["keys", "create", "bob"]).await.fails(2);
    assert_api_error(&third, "OperationDenied.AccessKeyOverLimit");
    assert!(third.stderr().contains("hint: "));

    // Delete refuses an enabled key, and asks for --yes without a terminal.
    let enabled = h
        .run(&["keys", "delete", "bob", &secret_id, "--yes"])
        .await
        .fails(1);
    assert!(
        enabled.stderr().contains("disable it first"),
        "{}",
        enabled.stderr()
    );
    let no_yes = h
        .run(&["keys", "delete", "bob", &secret_id])
        .await
        .fails(64);
    assert!(no_yes.stderr().contains("--yes"));

    let disabled = h
        .run(&["keys", "disable", "bob", &secret_id])
        .await
        .ok()
        .stdout();
    assert!(disabled.starts_with(&format!(
        "Disabled {secret_id} of bob (100000000013) (RequestId "
    )));
    let enabled = h
        .run(&["keys", "enable", "bob", &secret_id, "-o", "json"])
        .await
        .ok()
        .json();
    assert_eq!(enabled["status"], "Active");
    assert!(
        enabled["request_id"]
            .as_str()
            .is_some_and(|r| !r.is_empty())
    );
    // The same change as the first disable: a second later, its own signature.
    crate::support::next_second();
    h.run(&["keys", "disable", "bob", &secret_id]).await.ok();
    let deleted = h
        .run(&["keys", "delete", "bob", &secret_id, "--yes", "-o", "json"])
        .await
        .ok()
        .json();
    assert_eq!(deleted["status"], "Deleted");
    let left = h
        .run(&["keys", "list", "bob", "-o", "json"])
        .await
        .ok()
        .json();
    assert_eq!(left.as_array().unwrap().len(), 1);
    assert_ne!(left[0]["secret_id"], secret_id.as_str());

    // Deleting what is not there.
    let gone = h
        .run(&["keys", "delete", "bob", &secret_id, "--yes"])
        .await
        .fails(1);
    assert!(gone.stderr().contains("has no API key"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_errors_exit_2_with_code_message_request_id() {
    let h = Harness::start().await;
    let out = h
        .run(&[
            "keys",
            "disable",
            "alice",
            "IKIDdoesNotExist00000000000000000000",
        ])
        .await
        .fails(2);
    let first = out.stderr().lines().next().unwrap().to_owned();
    assert!(
        first.contains(": ") && first.contains("(RequestId "),
        "{first}"
    );
    // Another user's key.
    let out = h
        .run(&["keys", "disable", "alice", CAROL_KEY])
        .await
        .fails(2);
    assert!(out.stderr().contains("(RequestId "));
    // Bad credentials are an API error too.
    let endpoint = h.endpoint();
    let out = h
        .run_with(
            &["--endpoint", &endpoint, "users"],
            &[
                ("TENCENTCLOUD_SECRET_ID", ROOT_ID),
                ("TENCENTCLOUD_SECRET_KEY", "wrong"),
            ],
        )
        .await
        .fails(2);
    assert_api_error(&out, "AuthFailure.SignatureFailure");
    // Nothing listening (a port just released): a network failure, exit 1.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let out = h
        .run_with(
            &["--endpoint", &closed, "--timeout", "1", "users"],
            &[
                ("TENCENTCLOUD_SECRET_ID", ROOT_ID),
                ("TENCENTCLOUD_SECRET_KEY", ROOT_KEY),
            ],
        )
        .await
        .fails(1);
    assert!(out.stderr().starts_with("camtui: "), "{}", out.stderr());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn usage_errors_exit_64() {
    let h = Harness::start().await;
    h.run(&["keys"]).await.fails(64);
    h.run(&["keys", "list"]).await.fails(64);
    h.run(&["users", "--output", "yaml"]).await.fails(64);
    h.run(&["records", ALICE_ENABLED, "--limit", "0"])
        .await
        .fails(64);
    let not_an_id = h.run(&["whois", "alice"]).await.fails(64);
    assert!(not_an_id.stderr().contains("does not look like a SecretId"));
    let bad_json = h
        .run(&["call", "ListUsers", "--json", "[1]"])
        .await
        .fails(64);
    assert!(bad_json.stderr().contains("JSON object"));
    h.run(&["--profile", "nope", "users"]).await.fails(64);
    // --help is not an error.
    let help = h.run(&["keys", "--help"]).await.ok();
    assert!(help.stdout().contains("Usage:"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn records_table_and_json() {
    let h = Harness::start().await;
    // The server, like CloudAudit, refuses a request without a region; camtui sends one though
    // none is configured anywhere (no flag, no TENCENTCLOUD_REGION, no config file).
    let host = h.server.addr.to_string();
    let regionless = Signing::cam(ROOT_ID, ROOT_KEY, &host)
        .audit()
        .post("DescribeEvents", r#"{"StartTime": 1, "EndTime": 2}"#)
        .remove("X-TC-Region");
    assert_eq!(
        exchange(h.server.addr, &regionless).await.code(),
        "MissingParameter"
    );
    let table = h.run(&["records", ALICE_ENABLED]).await.ok().stdout();
    assert_aligned(&table);
    assert!(table.starts_with("TIME "), "{table}");
    assert_eq!(table.lines().count(), 4, "{table}");
    assert!(table.contains("AuthFailure.SignatureFailure") && table.contains("198.51.100.9"));

    let json = h
        .run(&["records", ALICE_ENABLED, "--limit", "2", "-o", "json"])
        .await
        .ok()
        .json();
    let records = json.as_array().unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["action"], "ListAccessKeys");
    assert_eq!(records[0]["result"], "OK");
    assert_eq!(records[0]["source_ip"], "203.0.113.7");
    assert_eq!(records[1]["result"], "AuthFailure.SignatureFailure");
    assert!(records[0]["time_unix"].as_i64().unwrap() > records[1]["time_unix"].as_i64().unwrap());
    assert!(records[0]["time"].as_str().unwrap().ends_with("+08:00"));

    let none = h.run(&["records", ALICE_DISABLED]).await.ok();
    assert_eq!(none.stdout().lines().count(), 1);
    assert!(none.stderr().contains("no access records"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn whois_found_and_not_found() {
    let h = Harness::start().await;
    let table = h.run(&["whois", CAROL_KEY]).await.ok().stdout();
    assert!(table.contains("Owner        carol"), "{table}");
    assert!(table.contains("Type         Collaborator"), "{table}");
    let json = h
        .run(&["whois", ALICE_DISABLED, "-o", "json"])
        .await
        .ok()
        .json();
    assert_eq!(json["user"]["name"], "alice");
    assert_eq!(json["user"]["uin"], 100_000_000_011_u64);
    assert_eq!(json["user"]["type"], "sub-user");
    assert_eq!(json["status"], "Inactive");
    let missing = h
        .run(&["whois", "IKIDnobodyHasThis000000000000000000"])
        .await
        .fails(1);
    assert!(missing.stdout().is_empty());
    assert!(
        missing.stderr().contains("searched 4 users"),
        "{}",
        missing.stderr()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_refuses_before_sending_anything() {
    let h = Harness::start().await;
    let before = h.root_events().await;
    let endpoint = h.endpoint();
    let creds = [
        ("TENCENTCLOUD_SECRET_ID", ROOT_ID),
        ("TENCENTCLOUD_SECRET_KEY", ROOT_KEY),
    ];

    // The flag.
    for args in [
        vec!["keys", "disable", "alice", ALICE_ENABLED],
        vec!["keys", "enable", "alice", ALICE_DISABLED],
        vec!["keys", "delete", "alice", ALICE_DISABLED, "--yes"],
        vec!["keys", "create", "bob"],
        vec!["keys", "rotate", "alice", "--old", ALICE_ENABLED],
        vec![
            "keys",
            "rotate",
            "alice",
            "--old",
            ALICE_ENABLED,
            "--finish",
        ],
        vec!["call", "DeleteAccessKey", "--json", "{}"],
    ] {
        let mut full = vec!["--read-only", "--endpoint", endpoint.as_str()];
        full.extend(args);
        let out = h.run_with(&full, &creds).await.fails(1);
        assert!(out.stderr().contains("read-only"), "{}", out.stderr());
        assert!(out.stderr().contains("nothing was sent"));
    }
    // A profile with read_only = true.
    let config = h.write_config(&format!(
        "[profiles.prod]\nendpoint = \"{endpoint}\"\ncredentials = \"env\"\nread_only = true\n"
    ));
    let config = config.to_str().unwrap();
    let out = h
        .run_with(
            &[
                "--config",
                config,
                "--profile",
                "prod",
                "keys",
                "disable",
                "alice",
                ALICE_ENABLED,
            ],
            &creds,
        )
        .await
        .fails(1);
    assert!(out.stderr().contains("profile prod"), "{}", out.stderr());
    // Reads still work in read-only mode.
    h.run_with(
        &[
            "--config",
            config,
            "--profile",
            "prod",
            "keys",
            "list",
            "alice",
        ],
        &creds,
    )
    .await
    .ok();

    // The audit trail saw the read and the two DescribeEvents walks of this test — no mutation.
    let after = h.root_events().await;
    let new: Vec<&str> = after[..after.len() - before.len()]
        .iter()
        .map(|e| e.event_name.as_str())
        .collect();
    assert!(
        new.iter().all(|name| [
            "DescribeEvents",
            "GetUser",
            "ListAccessKeys",
            "GetSecurityLastUsed"
        ]
        .contains(name)),
        "{new:?}"
    );
    assert!(
        new.contains(&"ListAccessKeys"),
        "the read is audited: {new:?}"
    );
    let json = h
        .run(&["keys", "list", "alice", "-o", "json"])
        .await
        .ok()
        .json();
    let enabled = json
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["secret_id"] == ALICE_ENABLED)
        .unwrap();
    assert_eq!(enabled["status"], "Active");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_profiles_and_broken_files() {
    let h = Harness::start().await;
    let endpoint = h.endpoint();
    let key_file = h.dir.path().join("root.json");
    std::fs::write(
        &key_file,
        format!(r#"{{"secretId": "{ROOT_ID}", "secretKey": "{ROOT_KEY}"}}"#),
    )
    .unwrap();
    // The default profile, credentials from a JSON file, found through CAMTUI_CONFIG.
    let config = h.write_config(&format!(
        "default_profile = \"local\"\n\n[profiles.local]\nendpoint = \"{endpoint}\"\ncredentials = {{ file = \"root.json\" }}\naccent = \"green\"\n"
    ));
    let out = h
        .run_with(
            &["users", "-o", "json"],
            &[("CAMTUI_CONFIG", config.to_str().unwrap())],
        )
        .await
        .ok();
    assert_eq!(out.json().as_array().unwrap().len(), 4);

    // The platform config directory under HOME works the same.
    let platform = platform_config(&h.home());
    std::fs::create_dir_all(platform.parent().unwrap()).unwrap();
    std::fs::copy(&config, &platform).unwrap();
    std::fs::copy(&key_file, platform.parent().unwrap().join("root.json")).unwrap();
    h.run_with(&["keys", "list", "carol"], &[]).await.ok();

    // One bad value is reported with its line and skipped; the rest of the file stays in force
    // (here the default profile, which still takes its endpoint and key from it).
    let one_bad = h.write_config(&format!(
        "default_profile = \"local\"\n\n[profiles.local]\nendpoint = \"{endpoint}\"\ncredentials = {{ file = \"root.json\" }}\naccent = \"chartreuse-ish\"\n"
    ));
    let out = h
        .run_with(&["--config", one_bad.to_str().unwrap(), "users"], &[])
        .await
        .ok();
    let warning = out.stderr();
    assert!(
        warning.contains(&format!("{}:6:10: ", one_bad.display()))
            && warning.contains("chartreuse-ish")
            && warning.contains("ignored"),
        "{warning}"
    );
    assert!(out.stdout().contains("alice"), "the profile is in force");

    // A file that is not TOML is ignored whole, said so, and camtui carries on with the flags.
    let broken = h.write_config("[profiles.local\ncredentials = \"env\"\n");
    let out = h
        .run_with(
            &[
                "--config",
                broken.to_str().unwrap(),
                "--endpoint",
                &endpoint,
                "users",
            ],
            &[
                ("TENCENTCLOUD_SECRET_ID", ROOT_ID),
                ("TENCENTCLOUD_SECRET_KEY", ROOT_KEY),
            ],
        )
        .await
        .ok();
    let warning = out.stderr();
    assert!(
        warning.contains(&format!("{}:1:", broken.display()))
            && warning.contains("ignoring the config file"),
        "{warning}"
    );
    assert!(out.stdout().contains("alice"));
}

#[tokio::test]
async fn an_unknown_profile_exits_64_from_the_console_and_the_subcommands_alike() {
    let h = Harness::start().await;
    for args in [
        &["--profile", "nosuch"][..],
        &["--profile", "nosuch", "users"],
    ] {
        let out = h.run_with(args, &[]).await.fails(64);
        assert!(
            out.stderr().contains("profile \"nosuch\" is neither"),
            "{args:?}: {}",
            out.stderr()
        );
    }
}

/// Where `directories` puts camtui's config for this HOME (Linux: ~/.config/camtui/config.toml).
fn platform_config(home: &Path) -> PathBuf {
    if cfg!(target_os = "macos") {
        home.join("Library/Application Support/camtui/config.toml")
    } else {
        home.join(".config/camtui/config.toml")
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_configured_uses_the_sandbox() {
    let h = Harness::start().await;
    // No credentials, no config: the sandbox starts under HOME with the demo data.
    let users = h.run_with(&["users", "-o", "json"], &[]).await.ok().json();
    assert!(users.as_array().unwrap().len() >= 20, "{users}");
    let data = h.home().join(".local/share/camtui");
    if cfg!(target_os = "linux") {
        assert!(data.join("sandbox.db").exists());
    }
    // The same data next time (it persists), and read-only is refused there too.
    let again = h.run_with(&["users", "-o", "json"], &[]).await.ok().json();
    assert_eq!(again, users);
    let name = users[0]["name"].as_str().unwrap();
    let out = h
        .run_with(&["--read-only", "keys", "create", name], &[])
        .await
        .fails(1);
    assert!(
        out.stderr().contains("SANDBOX is read-only"),
        "{}",
        out.stderr()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chinese_locale_gets_the_api_answer_in_chinese() {
    let h = Harness::start().await;
    let endpoint = h.endpoint();
    let args = [
        "--endpoint",
        endpoint.as_str(),
        "keys",
        "disable",
        "alice",
        CAROL_KEY,
    ];
    let credentials = [
        ("TENCENTCLOUD_SECRET_ID", ROOT_ID),
        ("TENCENTCLOUD_SECRET_KEY", ROOT_KEY),
    ];
    let chinese = [&credentials[..], &[("LANG", "zh_CN.UTF-8")]].concat();
    let out = h.run_with(&args, &chinese).await.fails(2);
    let first = out.stderr().lines().next().unwrap_or_default().to_owned();
    assert!(first.contains("OperationDenied.UinNotMatch"), "{first}");
    assert!(first.contains("被操作密钥与账号不匹配。"), "{first}");

    // --language wins over the locale.
    let english = [&args[..2], &["--language", "en-US"], &args[2..]].concat();
    let out = h.run_with(&english, &chinese).await.fails(2);
    assert!(!out.stderr().contains("被操作"), "{}", out.stderr());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chinese_locale_gets_chinese_tables_and_messages_and_the_same_json() {
    let h = Harness::start().await;
    let zh = Some("zh_CN.UTF-8");

    let users = h.run_in(zh, &["users"]).await.ok().stdout();
    assert_aligned(&users);
    assert_eq!(
        users
            .lines()
            .next()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>(),
        [
            "用户名",
            "UIN",
            "用户类型",
            "备注",
            "控制台访问",
            "创建时间"
        ]
    );
    let carol = users.lines().find(|l| l.starts_with("carol")).unwrap();
    assert!(
        carol.contains("协作者") && carol.contains("允许"),
        "{carol}"
    );
    assert!(users.contains("子用户"), "{users}");

    let alice = h.run_in(zh, &["user", "alice"]).await.ok().stdout();
    for line in [
        "用户名        alice",
        "用户类型      子用户",
        "手机          +86 13800000011",
        "API密钥       2/2 个API密钥，1 个已启用",
        "\n权限\n策略名称",
        "\n用户组\n用户组名称",
        "\n安全\n登录保护",
    ] {
        assert!(alice.contains(line), "{line:?} in {alice}");
    }

    let keys = h.run_in(zh, &["keys", "list", "alice"]).await.ok().stdout();
    assert_aligned(&keys);
    assert_eq!(
        keys.lines()
            .next()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>(),
        ["SecretId", "状态", "创建时间", "最近访问时间", "描述"]
    );
    let disabled = keys
        .lines()
        .find(|l| l.starts_with(ALICE_DISABLED))
        .unwrap();
    assert!(
        disabled.contains("已禁用") && disabled.contains("从未使用"),
        "{disabled}"
    );
    assert!(keys.contains("已启用"), "{keys}");

    let missing = h.run_in(zh, &["user", "nobody"]).await.fails(1);
    assert!(
        missing
            .stderr()
            .contains("没有名为 \"nobody\" 的子用户或协作者"),
        "{}",
        missing.stderr()
    );

    // Scripts read JSON: not a byte of it changes with the language.
    for args in [
        &["users", "-o", "json"][..],
        &["user", "alice", "-o", "json"],
        &["keys", "list", "alice", "-o", "json"],
    ] {
        let english = h.run(args).await.ok().stdout();
        assert_eq!(h.run_in(zh, args).await.ok().stdout(), english, "{args:?}");
    }
}
