//! Client faults through the real binary: the scriptable subcommands against a server that is
//! down, or behind a proxy that answers HTTP 500, answers garbage, closes the connection, answers
//! slower than `--timeout`, or lets a write land and drops its answer. Each run must end with a
//! clear message on stderr and exit status 1, never a panic; reads are retried within their
//! bound (3 attempts, 1 when the answer is garbage), writes are sent exactly once.
//! (`tests/client_transport.rs` covers the same faults for the client library itself.)

use crate::support;

use std::sync::Arc;

use camtui::cam::model::CreateAccessKey;
use support::faulty::{Fault, FaultyProxy, closed_port};
use support::{ROOT_ID, ROOT_KEY, TestServer};

struct Run {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

/// `camtui --endpoint URL --timeout 1 ARGS…`, the credential in the environment.
async fn camtui(endpoint: &str, args: &[&str]) -> Run {
    let home = tempfile::tempdir().unwrap();
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_camtui"))
        .args(["--endpoint", endpoint, "--timeout", "1"])
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("CAMTUI_DATA_DIR", home.path().join("data"))
        .env("TENCENTCLOUD_SECRET_ID", ROOT_ID)
        .env("TENCENTCLOUD_SECRET_KEY", ROOT_KEY)
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .expect("run camtui");
    Run {
        status: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// What stderr must say for each fault, for a read or a write.
fn expected_message(fault: Option<Fault>, write: bool) -> &'static [&'static str] {
    match fault {
        // Regression: a write whose connection dropped after it was sent said "could not
        // reach", though it may have landed (and with ForwardThenClose it did).
        Some(Fault::Close | Fault::ForwardThenClose | Fault::Slow(_)) if write => &[
            "gave no answer to CreateAccessKey",
            "may have been applied: check before repeating it",
        ],
        None | Some(Fault::Close | Fault::ForwardThenClose) => &["could not reach"],
        Some(Fault::Http500) => &["answered HTTP 500", "upstream exploded"],
        Some(Fault::Garbage) => &["not a Tencent Cloud API response", "502 Bad Gateway"],
        Some(Fault::Slow(_)) => &["did not answer within 1 s"],
    }
}

fn check_failure(label: &str, run: &Run, fault: Option<Fault>, problems: &mut Vec<String>) {
    let write = label.contains("create") || label.contains("Create");
    if run.status != Some(1) {
        problems.push(format!("{label}: exit status {:?}", run.status));
    }
    if run.stderr.contains("panicked") || run.stderr.contains("RUST_BACKTRACE") {
        problems.push(format!("{label}: panicked: {}", run.stderr));
    }
    for phrase in expected_message(fault, write) {
        if !run.stderr.contains(phrase) {
            problems.push(format!("{label}: stderr lacks {phrase:?}: {}", run.stderr));
        }
    }
    if !run.stdout.trim().is_empty() {
        problems.push(format!("{label}: printed {:?}", run.stdout));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subcommands_fail_clearly_retry_reads_and_never_repeat_writes() {
    let server = TestServer::start().await;
    let uin = server.add_user("faulty", false).await;
    let uin_text = uin.to_string();
    let create_json = format!(r#"{{"TargetUin": {uin}}}"#);
    let root = server.root();
    let mut problems = Vec::new();
    let mut cases = 0;

    // Down: nothing listens.
    let down = format!("http://{}", closed_port().await);
    for (label, args) in [
        ("down: keys list", vec!["keys", "list", uin_text.as_str()]),
        (
            "down: keys create",
            vec!["keys", "create", uin_text.as_str()],
        ),
        ("down: users", vec!["users"]),
    ] {
        cases += 1;
        let run = camtui(&down, &args).await;
        check_failure(label, &run, None, &mut problems);
        println!("{label}: exit {:?}: {}", run.status, run.stderr.trim());
    }

    for fault in Fault::ALL {
        // A read: ListAccessKeys fails, everything else goes through.
        let proxy = FaultyProxy::start(
            server.handle.addr,
            Arc::new(move |action| (action == "ListAccessKeys").then_some(fault)),
        )
        .await;
        let label = format!("{}: keys list", fault.name());
        let run = camtui(&proxy.endpoint(), &["keys", "list", &uin_text]).await;
        cases += 1;
        check_failure(&label, &run, Some(fault), &mut problems);
        let attempts = proxy.count("ListAccessKeys");
        let bound = if fault == Fault::Garbage { 1 } else { 3 };
        if attempts != bound {
            problems.push(format!("{label}: {attempts} attempts, expected {bound}"));
        }
        println!(
            "{label}: exit {:?}, {attempts} attempts: {}",
            run.status,
            run.stderr.trim()
        );

        // A write: CreateAccessKey fails; it is sent once, and lands at most once.
        let proxy = FaultyProxy::start(
            server.handle.addr,
            Arc::new(move |action| (action == "CreateAccessKey").then_some(fault)),
        )
        .await;
        let before = root.access_keys(Some(uin)).await.unwrap().len();
        for (label, args) in [
            (
                format!("{}: keys create", fault.name()),
                vec!["keys", "create", uin_text.as_str()],
            ),
            (
                format!("{}: call CreateAccessKey", fault.name()),
                vec!["call", "CreateAccessKey", "--json", create_json.as_str()],
            ),
        ] {
            cases += 1;
            // The two commands send the same change: one second apart, two signatures.
            crate::support::next_second();
            let sent_before = proxy.count("CreateAccessKey");
            let run = camtui(&proxy.endpoint(), &args).await;
            check_failure(&label, &run, Some(fault), &mut problems);
            let sent = proxy.count("CreateAccessKey") - sent_before;
            if sent != 1 {
                problems.push(format!("{label}: the write was sent {sent} times"));
            }
            println!(
                "{label}: exit {:?}, sent {sent}: {}",
                run.status,
                run.stderr.trim()
            );
        }
        let after = root.access_keys(Some(uin)).await.unwrap();
        let landed = after.len() - before;
        let expected = usize::from(fault == Fault::ForwardThenClose) * 2;
        if landed != expected {
            problems.push(format!(
                "{}: {landed} keys landed, expected {expected}",
                fault.name()
            ));
        }
        // Clean up so the next fault starts from no keys.
        for key in after {
            root.send(&camtui::cam::model::DeleteAccessKey {
                access_key_id: key.access_key_id,
                target_uin: Some(uin),
            })
            .await
            .unwrap();
        }
    }
    // The server itself never saw anything it could not handle.
    let created = root
        .send(&CreateAccessKey {
            target_uin: Some(uin),
            description: None,
        })
        .await;
    assert!(created.is_ok());
    println!(
        "client faults (subcommands): {cases} cases, {} problems",
        problems.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
