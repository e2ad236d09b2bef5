//! End to end, the operator features in a real terminal (tmux, 120×40): the console opens on a
//! config profile pointing at a CAM-compatible server the test runs (the sandbox's server, over
//! its own temporary data), finds the owner of a pasted SecretId, says when nobody owns one,
//! switches with `:profile` to a read-only profile of the same server and sees `d` refused —
//! with no `UpdateAccessKey` ever sent (the console's log names every call it makes) — and lists
//! the calls of the run with `@`.

use std::path::Path;

use camtui::cam::model::{KeyStatus, ListUsers};
use camtui::cam::transport::{Endpoint, TransportConfig};
use camtui::cam::{Client, Transport, credential};
use camtui::server::sandbox;

use crate::support::tmux;
use tmux::Tmux;

/// Two profiles of one server: `staging` may change things, `prod` is read-only and red.
fn write_config(dir: &Path, endpoint: &str, credential_file: &Path) -> std::path::PathBuf {
    let path = dir.join("config.toml");
    let credential_file = credential_file.display();
    std::fs::write(
        &path,
        format!(
            r#"default_profile = "staging"

[profiles.staging]
endpoint = "{endpoint}"
credentials = {{ file = "{credential_file}" }}

[profiles.prod]
endpoint = "{endpoint}"
credentials = {{ file = "{credential_file}" }}
read_only = true
accent = "red"
"#
        ),
    )
    .unwrap();
    path
}

/// The last user (in list order) that has an enabled key, and that key: a search has to walk
/// most of the list to reach it.
async fn last_user_with_an_enabled_key(client: &Client) -> (String, u64, String) {
    let users = client.send(&ListUsers {}).await.unwrap().data;
    for user in users.iter().rev() {
        let keys = client.access_keys(Some(user.uin)).await.unwrap();
        if let Some(key) = keys.iter().find(|k| k.status == KeyStatus::Active) {
            return (user.name.clone(), user.uin, key.access_key_id.to_string());
        }
    }
    panic!("the demo data has a sub-user with an enabled key");
}

#[ignore = "needs tmux"]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn owner_search_profile_switch_read_only_and_call_log() {
    tmux::require();
    let server_dir = tempfile::tempdir().unwrap();
    let server = sandbox::start(server_dir.path(), false).await.unwrap();
    let credential_file = server_dir.path().join(sandbox::ROOT_CREDENTIAL_FILE);
    let client = Client::new(
        Transport::new(
            TransportConfig::new(Endpoint::custom(&server.endpoint).unwrap()),
            credential::from_json_file(&credential_file).unwrap(),
        )
        .unwrap(),
    );
    let (owner, owner_uin, secret_id) = last_user_with_an_enabled_key(&client).await;

    let console_dir = tempfile::tempdir().unwrap();
    let config = write_config(console_dir.path(), &server.endpoint, &credential_file);
    let tmux = Tmux::start(
        console_dir.path(),
        &format!("--config {} --profile staging", config.display()),
    );
    let screen = tmux.wait_for("the user list", |s| {
        s.contains(" users ") && s.contains("account 1")
    });
    assert!(screen.contains("profile staging"), "{screen}");
    assert!(!screen.contains("READ-ONLY"), "{screen}");

    // A pasted SecretId starts the search at once and lands on the owner's key.
    tmux.paste(&secret_id);
    let screen = tmux.wait_for("the owner's API keys", |s| {
        s.contains(&format!("{secret_id} belongs to {owner}"))
            && s.contains(&format!("▸ {secret_id}"))
    });
    assert!(screen.contains("[3 API Keys]"), "{screen}");
    assert!(screen.contains(&format!("({owner_uin})")), "{screen}");
    tmux.save("owner-found", &screen);

    // Nobody owns a made-up one; the search walks every user (the cache answers the ones seen).
    tmux.keys(&[":"]);
    tmux.type_text("secretid AKIDnobodyOwnsThis0000000000000000");
    tmux.keys(&["Enter"]);
    tmux.wait_text("No sub-user or collaborator owns AKIDnobodyOwnsThis");

    // Tab completes user names after :keys, listing them when there are several.
    tmux.keys(&[":"]);
    tmux.type_text("keys ");
    tmux.keys(&["Tab"]);
    let screen = tmux.wait_text(" completions · Tab next ");
    tmux.save("command-line", &screen);
    tmux.keys(&["Escape"]);
    tmux.wait_for("the line to close", |s| !s.contains(" completions · "));

    // :profile lists the profiles, the one in use marked; with Tab completion it switches to the
    // read-only profile: everything reloads.
    tmux.keys(&[":"]);
    tmux.type_text("profile");
    tmux.keys(&["Enter"]);
    tmux.wait_text("staging (in use)");
    tmux.keys(&[":"]);
    tmux.type_text("profile pr");
    tmux.keys(&["Tab"]);
    tmux.wait_text(":profile prod");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("the read-only profile", |s| {
        s.contains("profile prod") && s.contains("READ-ONLY") && s.contains(" users ")
    });
    assert!(screen.contains("[1 User List]"), "{screen}");

    // Its API Keys tab: the footer offers no mutation and d is refused.
    tmux.keys(&[":"]);
    tmux.type_text(&format!("keys {owner}"));
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("the keys", |s| s.contains(&format!("▸ {secret_id}")));
    assert!(!screen.contains("d disable"), "{screen}");
    tmux.keys(&["d"]);
    let screen = tmux.wait_text("Read-only: create, enable, disable and delete are never sent");
    assert!(!screen.contains("Disable API key"), "{screen}");
    tmux.save("read-only-refusal", &screen);

    // The call log lists this run's calls, never a secret; / filters it.
    tmux.keys(&["@"]);
    let screen = tmux.wait_text("API calls ·");
    assert!(screen.contains("ListAccessKeys"), "{screen}");
    tmux.save("call-log", &screen);
    tmux.keys(&["/"]);
    tmux.type_text("getuserappid");
    let screen = tmux.wait_text("filter: getuserappid");
    assert!(!screen.contains("ListAccessKeys  "), "{screen}");
    tmux.keys(&["Enter", "Escape", "Escape", "q"]);
    tmux.wait_exit();

    let keys = client.access_keys(Some(owner_uin)).await.unwrap();
    assert!(
        keys.iter()
            .any(|k| k.access_key_id == secret_id && k.status == KeyStatus::Active),
        "the key is still enabled"
    );
    // Every call the console made is in its log; no mutation is among them.
    let log = std::fs::read_to_string(console_dir.path().join("camtui.log")).unwrap();
    assert!(log.contains("ListAccessKeys"), "{log}");
    for mutation in ["UpdateAccessKey", "CreateAccessKey", "DeleteAccessKey"] {
        assert!(!log.contains(mutation), "{mutation} was sent:\n{log}");
    }
    let root_key = credential::from_json_file(&credential_file).unwrap();
    assert!(!log.contains(root_key.secret_key.expose()));
    server.shutdown().await.unwrap();
}
