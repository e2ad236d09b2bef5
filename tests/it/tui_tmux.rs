//! End to end: the real binary in a real terminal (tmux, 120×40) against the sandbox in a
//! temporary data directory. Finds a user with `/`, opens their keys, creates a key with a
//! description, copies its SecretId and SecretKey (OSC 52 → tmux's paste buffer), disables it
//! with the confirmation (Tab, then Enter on the confirm button), deletes it with the typed
//! confirmation, moves into the access-records drawer on the right, opens a record in full and
//! copies its RequestId, and checks each change against the server itself. The sandbox requires
//! a region for CloudAudit, as the real one does, and none is configured: the drawer's records
//! show the console sends one.
//!
//! A second walk opens a user with a policy attached to them and a group on User Details, where
//! both show, and reads the policy's document.
//!
//! And the console on a sandbox whose key another camtui process (its own sandbox server over
//! the same database) disables and deletes: `r` shows each change.
//!
//! With `CAMTUI_SCREENS_DIR` set, the screens it passes through are written there as text (the
//! README's captures in `docs/screens/`).

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::tmux;
use tmux::{PATIENCE, Tmux, field, field_where, is_secret_id, server_client};

use camtui::cam::Client;
use camtui::cam::model::{KeyStatus, ListUsers};

/// The text to type into the filter to find `name` alone: the name, or the UIN when other
/// users' names or remarks hold it too.
fn filter_for(users: &[camtui::cam::model::SubAccountInfo], name: &str, uin: u64) -> String {
    let needle = name.to_lowercase();
    let unique = users
        .iter()
        .filter(|u| {
            format!("{}\t{}\t{}", u.name, u.remark, u.uin)
                .to_lowercase()
                .contains(&needle)
        })
        .count()
        == 1;
    if unique {
        name.to_owned()
    } else {
        uin.to_string()
    }
}

/// A sub-user with exactly one key that has been used (so it has access records), preferring
/// an ASCII name. Returns (name, uin, what to type into the filter).
async fn pick_user(client: &Client) -> (String, u64, String) {
    let users = client.send(&ListUsers {}).await.unwrap().data;
    let mut picked = None;
    for user in &users {
        let keys = client.access_keys(Some(user.uin)).await.unwrap();
        if keys.len() != 1 {
            continue;
        }
        let used = client
            .last_used(&[keys[0].access_key_id.clone()])
            .await
            .unwrap();
        if used.iter().all(|u| u.last_secret_used_date.is_none()) {
            continue;
        }
        if user.name.is_ascii() || picked.is_none() {
            picked = Some(user.clone());
        }
        if user.name.is_ascii() {
            break;
        }
    }
    let user = picked.expect("the demo data has a sub-user with one used key");
    let filter = filter_for(&users, &user.name, user.uin);
    (user.name, user.uin, filter)
}

/// The console on a fresh sandbox in `data_dir`, once its user list is in; and the screen.
fn console_on_the_sandbox(data_dir: &Path) -> (Tmux, String) {
    tmux::require();
    let tmux = Tmux::start(data_dir, "--sandbox");
    let screen = tmux.wait_for("the user list", |s| {
        s.contains(" users ") && s.contains("account 1")
    });
    (tmux, screen)
}

#[ignore = "needs tmux"]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_lifecycle_in_a_real_terminal() {
    let data_dir = tempfile::tempdir().unwrap();
    // The list arrives; the header names the sandbox, the account and the clipboard.
    let (tmux, screen) = console_on_the_sandbox(data_dir.path());
    assert!(screen.contains("clipboard: osc52"), "{screen}");
    tmux.save("user-list", &screen);
    let client = server_client(&screen, data_dir.path());
    let (name, uin, filter) = pick_user(&client).await;

    // Find the user with the filter, open the details, then the keys.
    tmux.keys(&["/"]);
    tmux.type_text(&filter);
    tmux.wait_text(&format!("filter: {filter}"));
    tmux.keys(&["Enter", "Enter"]);
    let screen = tmux.wait_text("1 of 2 API keys");
    assert!(screen.contains(&format!("{name} ({uin})")), "{screen}");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_text("Last access");
    let existing = client.access_keys(Some(uin)).await.unwrap()[0]
        .access_key_id
        .clone();
    assert!(screen.contains(existing.as_str()), "{screen}");

    // Create with a description: the dialog, then the one-time modal, masked; reveal, copy
    // both, acknowledge.
    tmux.keys(&["c"]);
    let screen = tmux.wait_text("Description (optional):");
    tmux.save("create", &screen);
    tmux.type_text("e2e-laptop");
    tmux.wait_text("> e2e-laptop▏");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_text("New API key for");
    let secret_id = field_where(&screen, "SecretId   ", is_secret_id);
    assert!(
        field(&screen, "SecretKey  ").chars().all(|c| c == '*'),
        "{screen}"
    );
    tmux.save("secret-modal", &screen);
    tmux.keys(&["v"]);
    let screen = tmux.wait_text("(v masks)");
    let secret_key = field(&screen, "SecretKey  ");
    assert!(secret_key.len() >= 16, "{screen}");
    tmux.keys(&["y"]);
    tmux.wait_text("Sent SecretId");
    assert_eq!(tmux.paste_buffer(), secret_id);
    tmux.keys(&["Y"]);
    tmux.wait_text("leaves the clipboard in");
    assert_eq!(tmux.paste_buffer(), secret_key);
    // The modal does not close without the acknowledgement.
    tmux.keys(&["Escape"]);
    tmux.wait_text("cannot be shown again: save it");
    assert!(tmux.screen().contains("New API key for"));
    tmux.keys(&["Space", "Enter"]);
    let screen = tmux.wait_for("the modal to close and the keys to reload", |s| {
        !s.contains("New API key for") && s.contains("2 of 2 API keys")
    });
    assert!(
        !screen.contains(&secret_key),
        "the SecretKey left on screen"
    );
    assert!(screen.contains(&secret_id));
    let created = client.access_keys(Some(uin)).await.unwrap();
    let created = created
        .iter()
        .find(|k| k.access_key_id == secret_id)
        .unwrap();
    assert_eq!(created.description.as_deref(), Some("e2e-laptop"));
    assert!(
        screen
            .lines()
            .any(|l| l.contains(&secret_id) && l.contains("e2e-laptop")),
        "{screen}"
    );

    // Select the new key and copy its SecretId from the list.
    tmux.keys(&["G"]);
    tmux.wait_text(&format!("▸ {secret_id}"));
    tmux.keys(&["y"]);
    tmux.wait_for("the copy", |s| {
        s.contains(&format!("Sent SecretId {secret_id} to the terminal"))
    });
    assert_eq!(tmux.paste_buffer(), secret_id);
    tmux.save("api-keys", &tmux.screen());

    // Delete is refused while enabled.
    tmux.keys(&["D"]);
    tmux.wait_text("disable it first");

    // Disable with the confirmation: a lone Enter presses Cancel; Tab moves to the confirm
    // button and Enter presses it.
    tmux.keys(&["d"]);
    let screen = tmux.wait_text("Disable API key");
    assert!(screen.contains("Every request signed with this key will be"));
    tmux.save("confirm-disable", &screen);
    tmux.keys(&["Enter"]);
    tmux.wait_text("Cancelled: nothing changed");
    tmux.keys(&["d"]);
    tmux.wait_text("Disable API key");
    tmux.keys(&["Tab", "Enter"]);
    tmux.wait_for("the key to show as disabled", |s| {
        s.lines()
            .any(|l| l.contains(&secret_id) && l.contains("○ Disabled"))
    });
    let keys = client.access_keys(Some(uin)).await.unwrap();
    let new_key = keys.iter().find(|k| k.access_key_id == secret_id).unwrap();
    assert_eq!(new_key.status, KeyStatus::Inactive, "the server agrees");

    // Delete with the typed confirmation: wrong text first, then the last four characters.
    tmux.keys(&["D"]);
    tmux.wait_text("Delete API key");
    tmux.type_text("zzzz");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_text("That does not match");
    tmux.save("confirm-delete", &screen);
    for _ in 0..4 {
        tmux.keys(&["BSpace"]);
    }
    tmux.type_text(&secret_id[secret_id.len() - 4..]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("the key to be gone", |s| {
        !s.contains(&secret_id) || s.contains("1 of 2 API keys")
    });
    tmux.wait_text("1 of 2 API keys");
    let keys = client.access_keys(Some(uin)).await.unwrap();
    assert!(keys.iter().all(|k| k.access_key_id != secret_id));

    // The access records of the key that has been used, in the drawer on the right: l moves
    // the focus into it, j moves, Enter opens a record in full, y copies its RequestId.
    tmux.keys(&["g", "l"]);
    let screen = tmux.wait_for("access records", |s| {
        s.contains("Access records ·") && (s.contains("✓ OK") || s.contains("✗ "))
    });
    tmux.save("access-records", &screen);
    // The key's row of the table goes on into the drawer's heavy border (it has the focus).
    let key_row = screen
        .lines()
        .find(|l| l.starts_with('│') && l.contains(existing.as_str()))
        .unwrap_or_else(|| panic!("the key's row:\n{screen}"));
    assert!(
        key_row
            .split(existing.as_str())
            .nth(1)
            .unwrap()
            .contains('┃'),
        "the drawer sits right of the keys:\n{screen}"
    );
    assert!(screen.contains(" of "), "{screen}");
    assert!(
        screen.lines().any(|l| l.contains("▸ ") && l.contains("┃")),
        "{screen}"
    );
    tmux.keys(&["j"]);
    tmux.wait_text("· 2 of ");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_text("Access record of");
    let request_id = field(&screen, "RequestId  ");
    assert_eq!(request_id.len(), 36, "{screen}");
    assert!(screen.contains("Event (CloudAuditEvent)"), "{screen}");
    assert!(screen.contains("UTC+8"), "{screen}");
    tmux.save("access-record", &screen);
    tmux.keys(&["y"]);
    tmux.wait_text(&format!("Sent RequestId {request_id}"));
    assert_eq!(tmux.paste_buffer(), request_id);
    tmux.keys(&["Escape", "h"]);
    tmux.wait_for("the focus back on the keys", |s| {
        !s.contains("Access record of")
    });

    // Help, then quit: the terminal is handed back.
    tmux.keys(&["?"]);
    let screen = tmux.wait_text("Keys · API Keys");
    tmux.save("help", &screen);
    tmux.keys(&["Escape"]);
    tmux.wait_for("the help to close", |s| !s.contains("Keys · API Keys"));
    tmux.keys(&["q"]);
    let deadline = Instant::now() + PATIENCE;
    while tmux.alive() {
        assert!(Instant::now() < deadline, "camtui did not exit");
        std::thread::sleep(Duration::from_millis(50));
    }

    // The log went to the data directory, with the calls but never the SecretKey.
    let log = std::fs::read_to_string(data_dir.path().join("camtui.log")).unwrap();
    assert!(log.contains("CreateAccessKey"), "{log}");
    assert!(!log.contains(&secret_key));
}

#[ignore = "needs tmux"]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_details_shows_the_policies_and_groups_that_apply() {
    let data_dir = tempfile::tempdir().unwrap();
    let (tmux, screen) = console_on_the_sandbox(data_dir.path());
    let client = server_client(&screen, data_dir.path());

    // A sub-user with a policy attached to them and at least one group, as the server says.
    let users = client.send(&ListUsers {}).await.unwrap().data;
    let mut picked = None;
    for user in &users {
        let grants = client.policy_grants(user.uin).await.unwrap();
        let groups = client.groups_of_user(user.uin).await.unwrap();
        let direct = grants
            .iter()
            .find(|g| g.via == camtui::cam::permissions::Via::User);
        if let (Some(direct), Some(group)) = (direct, groups.first())
            && user.name.is_ascii()
        {
            picked = Some((
                user.clone(),
                direct.policy_name.clone(),
                group.group_name.clone(),
            ));
            break;
        }
    }
    let (user, policy, group) =
        picked.expect("the demo data has a sub-user with a policy of their own and a group");

    tmux.keys(&["/"]);
    tmux.type_text(&filter_for(&users, &user.name, user.uin));
    tmux.keys(&["Enter", "Enter"]);
    // Both show at once at 120×40: the policy attached to the user, and the group.
    let screen = tmux.wait_for("the sections", |s| {
        s.contains("Permissions ·") && s.contains("Groups ·") && s.contains("Login protection")
    });
    assert!(screen.contains(&format!("({})", user.uin)), "{screen}");
    assert!(
        screen
            .lines()
            .any(|l| l.contains(&policy) && l.contains(" user ")),
        "the policy attached to the user:\n{screen}"
    );
    assert!(screen.contains(&group), "the group:\n{screen}");
    assert!(
        !screen.contains("lines 1-"),
        "all on the first screen:\n{screen}"
    );
    tmux.save("user-details", &screen);

    // The cursor walks down to the policy; Enter reads its document.
    let mut on_policy = false;
    for _ in 0..40 {
        tmux.keys(&["j"]);
        let screen = tmux.screen();
        if screen
            .lines()
            .any(|l| l.contains('▸') && l.contains(&policy))
        {
            on_policy = true;
            break;
        }
    }
    assert!(on_policy, "the cursor reaches {policy}:\n{}", tmux.screen());
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("the policy's document", |s| {
        s.contains(&format!("Policy {policy}")) && s.contains("\"statement\"")
    });
    assert!(screen.contains("Policy document"), "{screen}");
    tmux.save("policy-document", &screen);
    tmux.keys(&["Escape", "q"]);
}

/// Runs `camtui --sandbox ARGS` as another process over the console's data directory.
fn sandbox_command(data_dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_camtui"))
        .arg("--sandbox")
        .args(args)
        .env("CAMTUI_DATA_DIR", data_dir)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "camtui {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[ignore = "needs tmux"]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_changed_by_another_process_shows_on_refresh() {
    let data_dir = tempfile::tempdir().unwrap();
    let (tmux, screen) = console_on_the_sandbox(data_dir.path());
    let client = server_client(&screen, data_dir.path());
    let users = client.send(&ListUsers {}).await.unwrap().data;
    let mut with_two = Vec::new();
    for user in users.iter().filter(|u| u.name.is_ascii()) {
        let keys = client.access_keys(Some(user.uin)).await.unwrap();
        if keys.len() == 2 {
            with_two.push((user, keys[0].access_key_id.clone()));
        }
    }
    let (user, victim) = with_two
        .first()
        .expect("the demo data has a sub-user with two keys");

    // The console shows the user's keys.
    let filter = filter_for(&users, &user.name, user.uin);
    tmux.keys(&["/"]);
    tmux.type_text(&filter);
    tmux.wait_text(&format!("filter: {filter}"));
    tmux.keys(&["Enter", "Enter"]);
    tmux.wait_text("2 of 2 API keys");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_text("Last access");
    assert!(screen.contains(victim.as_str()), "{screen}");

    // Another process on the same data directory (its own sandbox server over the same
    // database) disables the key, then deletes it; `r` shows each change.
    sandbox_command(
        data_dir.path(),
        &["keys", "disable", &user.name, victim.as_str()],
    );
    tmux.keys(&["r"]);
    tmux.wait_for("the key to show as disabled", |s| {
        s.lines()
            .any(|l| l.contains(victim.as_str()) && l.contains("○ Disabled"))
    });
    sandbox_command(
        data_dir.path(),
        &["keys", "delete", &user.name, victim.as_str(), "--yes"],
    );
    tmux.keys(&["r"]);
    let screen = tmux.wait_for("the key to be gone", |s| {
        !s.contains(victim.as_str()) && s.contains("1 of 2 API keys")
    });
    assert!(screen.contains(&user.name), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_exit();
}
