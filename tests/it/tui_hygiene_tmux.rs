//! Key hygiene end to end: the real binary in a real terminal (tmux, 120×40) against the sandbox
//! in a temporary data directory. A full rotation with the wizard — create the new key and check
//! it signs, quit and come back to find the wizard where it was, disable and delete the old key —
//! and a bulk disable from the Key Report; each checked against the server itself, down to every
//! other key being as it was.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::tmux;
use tmux::{Tmux, field, field_where, is_secret_id, server_client};

use camtui::cam::model::{AccessKey, GetUserAppId, KeyStatus, ListUsers};
use camtui::cam::transport::{Endpoint, TransportConfig};
use camtui::cam::{Client, Credential, Transport, credential};
use camtui::server::sandbox;

/// A client of the sandbox's data in `data_dir`, once the console that ran it has quit.
async fn after_the_console(data_dir: &Path) -> (Client, sandbox::Sandbox) {
    let server = sandbox::start(data_dir, false).await.unwrap();
    let root = credential::from_json_file(&data_dir.join(sandbox::ROOT_CREDENTIAL_FILE)).unwrap();
    let client = Client::new(
        Transport::new(
            TransportConfig::new(Endpoint::custom(&server.endpoint).unwrap()),
            root,
        )
        .unwrap(),
    );
    (client, server)
}

/// Every key of every sub-user and collaborator, by UIN.
async fn all_keys(client: &Client) -> BTreeMap<u64, Vec<AccessKey>> {
    let mut keys = BTreeMap::new();
    for user in client.all_users().await.unwrap() {
        keys.insert(user.uin, client.access_keys(Some(user.uin)).await.unwrap());
    }
    keys
}

#[ignore = "needs tmux"]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_rotation_with_the_wizard() {
    tmux::require();
    let data_dir = tempfile::tempdir().unwrap();
    let mut tmux = Tmux::start(data_dir.path(), "--sandbox");
    let screen = tmux.wait_for("the user list", |s| {
        s.contains(" users ") && s.contains("account 1")
    });
    let client = server_client(&screen, data_dir.path());
    let before = all_keys(&client).await;
    // A sub-user with an ASCII name and one enabled key: the rotation starts at step 2.
    let users = client.send(&ListUsers {}).await.unwrap().data;
    let user = users
        .iter()
        .find(|u| {
            u.name.is_ascii()
                && before[&u.uin].len() == 1
                && before[&u.uin][0].status == KeyStatus::Active
        })
        .expect("the demo data has a sub-user with one enabled key")
        .clone();
    let old = before[&user.uin][0].access_key_id.to_string();

    tmux.keys(&[":"]);
    tmux.type_text(&format!("keys {}", user.name));
    tmux.keys(&["Enter"]);
    tmux.wait_text(&format!("▸ {old}"));
    tmux.keys(&["R"]);
    let screen = tmux.wait_text("[2 Create]");
    tmux.save("rotation-create", &screen);

    // Step 2: the new key (through the create dialog, as `c`), its SecretKey once, checked by
    // signing with it.
    tmux.keys(&["Enter"]);
    tmux.wait_text("Description (optional)");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_text("New API key for");
    let new = field_where(&screen, "SecretId   ", is_secret_id);
    tmux.keys(&["v"]);
    let screen = tmux.wait_text("(v masks)");
    let secret_key = field(&screen, "SecretKey  ");
    tmux.keys(&["t"]);
    tmux.wait_text("It signs");
    tmux.keys(&["Space", "Enter"]);
    let screen = tmux.wait_text("[3 Switch]");
    assert!(screen.contains(&new), "{screen}");
    assert!(
        !screen.contains(&secret_key),
        "the SecretKey left on screen"
    );
    tmux.save("rotation-switch", &screen);

    // Quit and come back: the wizard stands where the keys say.
    tmux.keys(&["Escape"]);
    tmux.wait_text("R on the key resumes");
    tmux.keys(&["q"]);
    tmux.wait_exit();
    tmux = Tmux::start(data_dir.path(), "--sandbox");
    tmux.wait_for("the user list", |s| s.contains(" users "));
    tmux.keys(&[":"]);
    tmux.type_text(&format!("keys {}", user.name));
    tmux.keys(&["Enter"]);
    tmux.wait_text(&format!("▸ {old}"));
    tmux.keys(&["R"]);
    tmux.wait_text("[3 Switch]");

    // Step 4: disable the old key, confirmed.
    tmux.keys(&["Enter"]);
    tmux.wait_text("Disable API key");
    tmux.keys(&["y"]);
    let screen = tmux.wait_text("[4 Disable]");
    tmux.save("rotation-disabled", &screen);
    // Step 5: delete it, typed.
    tmux.keys(&["Enter"]);
    tmux.wait_text("Delete API key");
    tmux.type_text(&old[old.len() - 4..]);
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_text("the rotation is finished");
    tmux.save("rotation-done", &screen);
    tmux.keys(&["Enter", "q"]);
    tmux.wait_exit();

    // The new key signs; the old one is gone; nothing else changed.
    let (client, _server) = after_the_console(data_dir.path()).await;
    let as_new = client.signed_as(Credential::new(&new, &secret_key));
    as_new.send(&GetUserAppId {}).await.unwrap();
    let mut after = all_keys(&client).await;
    let theirs = after.remove(&user.uin).unwrap();
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].access_key_id, new);
    assert_eq!(theirs[0].status, KeyStatus::Active);
    let mut expected = before;
    expected.remove(&user.uin);
    assert_eq!(after, expected, "only the rotated user's keys changed");
    let log = std::fs::read_to_string(data_dir.path().join("camtui.log")).unwrap();
    assert!(!log.contains(&secret_key), "the SecretKey reached the log");
}

#[ignore = "needs tmux"]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_disable_from_the_key_report() {
    tmux::require();
    let data_dir = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(data_dir.path(), "--sandbox");
    let screen = tmux.wait_for("the user list", |s| s.contains(" users "));
    let client = server_client(&screen, data_dir.path());
    let before = all_keys(&client).await;

    tmux.keys(&["4"]);
    let screen = tmux.wait_text("Every user's keys are in");
    tmux.save("key-report", &screen);
    // The keys of users with two enabled: all of them marked, then disabled.
    tmux.keys(&["t"]);
    tmux.wait_text("two-enabled");
    tmux.keys(&["A"]);
    let screen = tmux.wait_text(" keys marked");
    let marked: usize = screen
        .lines()
        .find_map(|l| {
            let at = l.find(" keys marked")?;
            l[..at].split_whitespace().last()?.parse().ok()
        })
        .expect("the count of marked keys");
    let targets: Vec<AccessKey> = before
        .values()
        .filter(|keys| {
            keys.iter()
                .filter(|k| k.status == KeyStatus::Active)
                .count()
                == 2
        })
        .flatten()
        .cloned()
        .collect();
    assert_eq!(marked, targets.len(), "{screen}");
    tmux.keys(&["d"]);
    let screen = tmux.wait_text("Type how many keys");
    tmux.save("bulk-disable-confirm", &screen);
    tmux.type_text(&marked.to_string());
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_text(&format!("Disabled {marked} of {marked} keys"));
    assert!(screen.contains("No key failed"), "{screen}");
    tmux.save("bulk-disable-done", &screen);
    // Every call is in the log of the run.
    tmux.keys(&["@"]);
    let screen = tmux.wait_text("API calls ·");
    assert!(screen.contains("UpdateAccessKey"), "{screen}");
    tmux.keys(&["Escape", "Escape", "q"]);
    tmux.wait_exit();

    let (client, _server) = after_the_console(data_dir.path()).await;
    let after = all_keys(&client).await;
    for (uin, keys) in &before {
        for (was, now) in keys.iter().zip(&after[uin]) {
            let targeted = targets.iter().any(|t| t.access_key_id == was.access_key_id);
            let expected = if targeted {
                KeyStatus::Inactive
            } else {
                was.status
            };
            assert_eq!(now.status, expected, "{}", was.access_key_id);
        }
    }
}
