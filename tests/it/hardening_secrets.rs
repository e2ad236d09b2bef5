//! Secrets: after a scripted session that creates keys through the real binaries, no SecretKey
//! created appears in any log (the server's access log at `trace`, the clients' stderr), in the
//! config, data or cache directories (the server's own database files aside), or in the API-call
//! log; and a stolen database, without its key file, yields no usable key.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use camtui::cam::model::CreateAccessKey;
use camtui::cam::transport::CallRecord;
use camtui::cam::{Client, Credential, Endpoint, Transport, TransportConfig};
use serde_json::{Value, json};
use support::process::ServeProcess;
use support::wire::{Signing, exchange};
use support::{ROOT_ID, ROOT_KEY, TestServer};

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// The server's own database files: the only place a SecretKey may be (sealed).
fn is_server_database(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    [".db", ".db-wal", ".db-shm", ".db.key"]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

/// The forms a leaked SecretKey could take: as is, hex, base64.
fn leak_patterns(secret: &str) -> Vec<Vec<u8>> {
    vec![
        secret.as_bytes().to_vec(),
        hex::encode(secret).into_bytes(),
        base64::engine::general_purpose::STANDARD
            .encode(secret)
            .into_bytes(),
    ]
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Where each secret shows up among `files`.
fn leaks(files: &[PathBuf], secrets: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for file in files {
        let bytes = std::fs::read(file).unwrap_or_default();
        for secret in secrets {
            if leak_patterns(secret).iter().any(|p| contains(&bytes, p)) {
                found.push(format!("{} holds a SecretKey", file.display()));
            }
        }
    }
    found
}

/// A camtui client process with its own HOME and XDG directories (so whatever it writes lands
/// where the scan looks) and the root credential in the environment, never on the command line.
fn camtui(home: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_camtui"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("XDG_STATE_HOME", home.join(".local/state"))
        .env("CAMTUI_DATA_DIR", home.join(".local/share/camtui"))
        .env("RUST_LOG", "trace")
        .env("CAMTUI_LOG", "trace")
        .env("TENCENTCLOUD_SECRET_ID", ROOT_ID)
        .env("TENCENTCLOUD_SECRET_KEY", ROOT_KEY)
        .output()
        .expect("run camtui")
}

/// The SecretKey a command printed on stdout: a JSON reply (`call CreateAccessKey`,
/// `call AddUser`, `keys create -o json`) or the `SecretKey` line of a table.
fn created_secret(stdout: &[u8]) -> String {
    let text = String::from_utf8_lossy(stdout);
    if let Ok(reply) = serde_json::from_slice::<Value>(stdout) {
        return reply["AccessKey"]["SecretAccessKey"]
            .as_str()
            .or_else(|| reply["SecretKey"].as_str())
            .or_else(|| reply["secret_key"].as_str())
            .unwrap_or_else(|| panic!("no SecretKey in {reply}"))
            .to_owned();
    }
    text.lines()
        .find_map(|l| l.trim().strip_prefix("SecretKey"))
        .map(|rest| rest.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| panic!("no SecretKey in {text}"))
}

#[test]
fn no_secret_key_reaches_a_log_a_config_or_a_data_file() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let server_dir = dir.path().join("server");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&server_dir).unwrap();
    let root_file = server_dir.join("root.json");
    std::fs::write(
        &root_file,
        json!({"secretId": ROOT_ID, "secretKey": ROOT_KEY}).to_string(),
    )
    .unwrap();
    let server_log = dir.path().join("serve.log");
    let server = ServeProcess::start(&server_dir.join("cam.db"), &root_file, &server_log, "trace");
    let endpoint = server.endpoint.clone();
    let client_logs = dir.path().join("client-logs");
    std::fs::create_dir_all(&client_logs).unwrap();
    let answers = dir.path().join("client-answers");
    std::fs::create_dir_all(&answers).unwrap();
    let mut secrets = Vec::new();
    let run = |label: &str, args: &[&str]| {
        let output = camtui(&home, args);
        std::fs::write(client_logs.join(format!("{label}.stderr")), &output.stderr).unwrap();
        std::fs::write(answers.join(format!("{label}.stdout")), &output.stdout).unwrap();
        assert!(
            output.status.success(),
            "{label}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output.stdout
    };

    // The scripted session: a user with an API key, two more keys, one of them through the
    // sandbox; each SecretKey is printed once, on stdout, as the command's answer.
    let added = run(
        "add-user",
        &[
            "--endpoint",
            &endpoint,
            "call",
            "AddUser",
            "--json",
            r#"{"Name": "hygiene", "UseApi": 1}"#,
        ],
    );
    secrets.push(created_secret(&added));
    let uin = serde_json::from_slice::<Value>(&added).unwrap()["Uin"]
        .as_u64()
        .unwrap();
    let params = json!({"TargetUin": uin}).to_string();
    secrets.push(created_secret(&run(
        "create",
        &[
            "--endpoint",
            &endpoint,
            "call",
            "CreateAccessKey",
            "--json",
            &params,
        ],
    )));
    let listed = run(
        "list",
        &[
            "--endpoint",
            &endpoint,
            "call",
            "ListAccessKeys",
            "--json",
            &params,
        ],
    );
    for secret in &secrets {
        assert!(
            !contains(&listed, secret.as_bytes()),
            "listing shows a SecretKey"
        );
    }
    // The subcommands: a table and JSON.
    run(
        "add-user-2",
        &[
            "--endpoint",
            &endpoint,
            "call",
            "AddUser",
            "--json",
            r#"{"Name": "hygiene2"}"#,
        ],
    );
    secrets.push(created_secret(&run(
        "keys-create-table",
        &["--endpoint", &endpoint, "keys", "create", "hygiene2"],
    )));
    support::next_second();
    secrets.push(created_secret(&run(
        "keys-create-json",
        &[
            "--endpoint",
            &endpoint,
            "keys",
            "create",
            "hygiene2",
            "--output",
            "json",
        ],
    )));
    let listed = run(
        "keys-list",
        &["--endpoint", &endpoint, "keys", "list", "hygiene2"],
    );
    for secret in &secrets {
        assert!(
            !contains(&listed, secret.as_bytes()),
            "listing shows a SecretKey"
        );
    }
    secrets.push(created_secret(&run(
        "sandbox-create",
        &["--sandbox", "call", "CreateAccessKey"],
    )));
    run(
        "sandbox-add-user",
        &[
            "--sandbox",
            "call",
            "AddUser",
            "--json",
            r#"{"Name": "hygiene-sandbox"}"#,
        ],
    );
    secrets.push(created_secret(&run(
        "sandbox-keys-create",
        &["--sandbox", "keys", "create", "hygiene-sandbox"],
    )));
    let stopped = server.stop();
    assert!(stopped.success(), "camtui serve stops cleanly on SIGTERM");

    // The access log saw every request, at trace level, and no secret.
    let log = std::fs::read_to_string(&server_log).unwrap();
    assert!(log.contains("CreateAccessKey"), "{log}");
    let mut scanned: Vec<PathBuf> = vec![server_log];
    scanned.extend(files_under(&client_logs));
    let home_files: Vec<PathBuf> = files_under(&home)
        .into_iter()
        .filter(|p| !is_server_database(p))
        .collect();
    assert!(
        home_files
            .iter()
            .any(|p| p.ends_with("root-credential.json")),
        "the sandbox's data directory is among the scanned: {home_files:?}"
    );
    scanned.extend(home_files);
    scanned.extend(
        files_under(&server_dir)
            .into_iter()
            .filter(|p| !is_server_database(p)),
    );
    let found = leaks(&scanned, &secrets);
    // The scan does find a SecretKey where one is meant to be: the commands' answers.
    assert_eq!(
        leaks(&files_under(&answers), &secrets).len(),
        secrets.len(),
        "the scan sees each SecretKey in the answer that printed it"
    );
    let names: Vec<String> = scanned
        .iter()
        .map(|p| {
            p.strip_prefix(dir.path())
                .unwrap_or(p)
                .display()
                .to_string()
        })
        .collect();
    println!(
        "secret hygiene: {} SecretKeys created, {} files scanned, {} leaks: {}",
        secrets.len(),
        scanned.len(),
        found.len(),
        names.join(", ")
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[tokio::test]
async fn the_api_call_log_never_holds_a_secret_key() {
    let server = TestServer::start().await;
    let records = Arc::new(Mutex::new(Vec::<CallRecord>::new()));
    let sink = Arc::clone(&records);
    let transport = Transport::new(
        TransportConfig::new(Endpoint::custom(&server.endpoint()).unwrap()),
        Credential::new(ROOT_ID, ROOT_KEY),
    )
    .unwrap()
    .with_observer(Arc::new(move |record| sink.lock().unwrap().push(record)));
    let client = Client::new(transport);
    let uin = server.add_user("logged", false).await;
    let mut secrets = vec![ROOT_KEY.to_owned()];
    for _ in 0..2 {
        let created = client
            .send(&CreateAccessKey {
                target_uin: Some(uin),
                description: None,
            })
            .await
            .unwrap();
        let detail = created.access_key.unwrap();
        secrets.push(detail.secret_access_key.expose().to_owned());
        // The typed reply prints redacted.
        let printed = format!("{detail:?}");
        assert!(
            !printed.contains(detail.secret_access_key.expose()),
            "{printed}"
        );
    }
    let refused = client
        .send(&CreateAccessKey {
            target_uin: Some(uin),
            description: None,
        })
        .await
        .unwrap_err();
    let records = records.lock().unwrap();
    assert_eq!(records.len(), 3);
    let text = format!("{records:?} {refused:?} {refused} {client:?}");
    for secret in &secrets {
        assert!(!text.contains(secret.as_str()), "a SecretKey in {text}");
    }
}

#[tokio::test]
async fn a_stolen_database_yields_no_usable_key() {
    let server = TestServer::start().await;
    let uin = server.add_user("target", false).await;
    let (key_id, secret) = server.new_key(uin).await;
    let (_, second) = server.new_key(uin).await;
    // Stolen while the server runs: the database, its WAL and shared memory, not the key file.
    let stolen = tempfile::tempdir().unwrap();
    let mut copied = 0;
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", server.db().display()));
        if from.exists() {
            std::fs::copy(&from, stolen.path().join(format!("cam.db{suffix}"))).unwrap();
            copied += 1;
        }
    }
    assert!(copied >= 2, "the WAL is part of what is stolen");

    // 1. No plaintext SecretKey, in any common encoding, in any of the stolen files.
    let files = files_under(stolen.path());
    let found = leaks(&files, &[secret.clone(), second, ROOT_KEY.to_owned()]);
    assert!(found.is_empty(), "{found:?}");

    // 2. The stored value is ciphertext: signing with it in any form fails.
    let sealed: Vec<u8> = {
        let conn = rusqlite::Connection::open(stolen.path().join("cam.db")).unwrap();
        conn.query_row(
            "SELECT secret_key FROM access_keys WHERE secret_id = ?1",
            [&key_id],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert!(sealed.len() > secret.len(), "nonce, ciphertext and tag");
    let host = server.handle.addr.to_string();
    let candidates = [
        String::from_utf8_lossy(&sealed).into_owned(),
        hex::encode(&sealed),
        base64::engine::general_purpose::STANDARD.encode(&sealed),
        hex::encode(&sealed[12..]),
        String::from_utf8_lossy(&sealed[12..12 + secret.len()]).into_owned(),
    ];
    for candidate in &candidates {
        let wire = Signing::cam(&key_id, candidate, &host).post("ListAccessKeys", "{}");
        assert_eq!(
            exchange(server.handle.addr, &wire).await.code(),
            "AuthFailure.SignatureFailure"
        );
    }
    // The real SecretKey does sign, so the failures above are about the key, not the request.
    let wire = Signing::cam(&key_id, &secret, &host).post("ListAccessKeys", "{}");
    assert_eq!(exchange(server.handle.addr, &wire).await.code(), "OK");

    // 3. A server over the stolen files cannot open the SecretKeys without the key file: it
    // refuses to start rather than serve, and writes no key file of its own.
    let started = camtui::server::spawn(camtui::server::ServerConfig::new(
        "127.0.0.1:0".parse().unwrap(),
        stolen.path().join("cam.db"),
        Credential::new(ROOT_ID, ROOT_KEY),
    ))
    .await;
    let error = started.expect_err("no key file, no server").to_string();
    assert!(
        error.contains("key file") && error.contains("missing"),
        "{error}"
    );
    assert!(!stolen.path().join("cam.db.key").exists());

    // 4. Every file of the store is private.
    #[cfg(unix)]
    for suffix in ["", "-wal", "-shm", ".key"] {
        use std::os::unix::fs::PermissionsExt as _;
        let path = PathBuf::from(format!("{}{suffix}", server.db().display()));
        if let Ok(meta) = std::fs::metadata(&path) {
            assert_eq!(
                meta.permissions().mode() & 0o777,
                0o600,
                "{}",
                path.display()
            );
        }
    }
}
