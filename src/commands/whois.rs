//! `camtui whois SECRETID`: which sub-user or collaborator owns a key, found by walking
//! `ListAccessKeys` over every user (see [`crate::cam::owner`]). Ctrl-C cancels the walk.

use serde::Serialize;
use tokio_util::sync::CancellationToken;

use crate::cam::Client;
use crate::cam::model::{KeyStatus, SecretId, UserKind};
use crate::cam::owner::{self, KeyOwnerCache, Progress, SearchOptions, SearchOutcome, UserRef};
use crate::cli::WhoisArgs;
use crate::commands::output::{CommandError, Console, print};
use crate::commands::table::Fields;
use crate::commands::words;
use crate::i18n::Text;

#[derive(Serialize)]
struct Owner<'a> {
    secret_id: &'a SecretId,
    user: OwnerUser<'a>,
    status: KeyStatus,
    created: &'a str,
    description: Option<&'a str>,
}

#[derive(Serialize)]
struct OwnerUser<'a> {
    name: &'a str,
    uin: u64,
    #[serde(rename = "type")]
    kind: UserKind,
}

pub async fn run(
    client: &Client,
    args: &WhoisArgs,
    console: &mut Console<'_>,
) -> Result<(), CommandError> {
    let Some(secret_id) = SecretId::parse(&args.secret_id) else {
        return Err(CommandError::NotASecretId(args.secret_id.clone()));
    };
    let users = client.all_users().await?;
    let refs: Vec<UserRef> = users
        .iter()
        .map(|u| UserRef {
            uin: u.uin,
            name: u.name.clone(),
        })
        .collect();

    let cancel = CancellationToken::new();
    let on_interrupt = {
        let cancel = cancel.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                cancel.cancel();
            }
        })
    };
    let draw = console.err_is_terminal;
    let err = &mut *console.err;
    let outcome = owner::find_owner(
        client,
        &secret_id,
        &refs,
        &KeyOwnerCache::new(),
        SearchOptions::default(),
        &cancel,
        |p| {
            if draw {
                // Progress is decoration: a failed write must not stop the search.
                let _ =
                    std::io::Write::write_fmt(err, format_args!("\r\x1b[2K{}", progress_line(&p)));
                let _ = err.flush();
            }
        },
    )
    .await;
    on_interrupt.abort();
    if draw {
        console.err.write_all(b"\r\x1b[2K")?;
    }

    match outcome? {
        SearchOutcome::Found { user, key, .. } => {
            let kind = users
                .iter()
                .find(|u| u.uin == user.uin)
                .map_or(UserKind::SubUser, |u| u.kind);
            let found = Owner {
                secret_id: &secret_id,
                user: OwnerUser {
                    name: &user.name,
                    uin: user.uin,
                    kind,
                },
                status: key.status,
                created: &key.create_time,
                description: key.description.as_deref().filter(|d| !d.is_empty()),
            };
            let language = console.language;
            let text = |text| language.text(text);
            print(console, args.output.output, &found, |o, out| {
                Fields::new()
                    .field("SecretId", o.secret_id.as_str())
                    .field(&text(Text::FieldOwner), o.user.name)
                    .field("UIN", o.user.uin.to_string())
                    .field(
                        &text(Text::FieldType),
                        words::user_kind(language, o.user.kind),
                    )
                    .field(
                        &text(Text::FieldStatus),
                        words::key_status(language, o.status),
                    )
                    .field(&text(Text::FieldCreated), o.created)
                    .field(
                        &text(Text::FieldDescription),
                        o.description.unwrap_or_default(),
                    )
                    .write(out)
            })
        }
        SearchOutcome::NotFound { searched, skipped } => Err(CommandError::NoOwner {
            secret_id,
            searched,
            unread: skipped,
        }),
        SearchOutcome::Cancelled { .. } => Err(CommandError::Interrupted),
    }
}

fn progress_line(p: &Progress) -> String {
    let eta = p
        .eta
        .map(|eta| format!(", about {} s left", eta.as_secs() + 1))
        .unwrap_or_default();
    format!(
        "searching API keys: {}/{} users{eta} (Ctrl-C cancels)",
        p.done, p.total
    )
}
