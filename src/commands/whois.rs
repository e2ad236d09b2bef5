//! `camtui whois SECRETID`: which sub-user or collaborator owns a key — asked of the audit trail
//! first, else found by walking `ListAccessKeys` over every user (see [`crate::cam::owner`]).
//! Ctrl-C cancels the walk.

use std::fmt::Write as _;

use crate::cam::Client;
use crate::cam::model::{KeyStatus, SecretId, UserKind};
use crate::cam::owner::{self, KeyOwnerCache, SearchOutcome, Users};
use crate::cam::walk::WalkOptions;
use crate::cli::WhoisArgs;
use crate::commands::output::{CommandError, Console, ProgressLine, cancel_on_interrupt, print};
use crate::commands::table::Fields;
use serde::Serialize;

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
        return Err(CommandError::Usage(format!(
            "{:?} does not look like a SecretId (AKID… or IKID… followed by letters and digits)",
            args.secret_id
        )));
    };
    let cancel = cancel_on_interrupt();
    let mut line = ProgressLine::new(console, "searching API keys");
    let outcome = owner::find_owner(
        client,
        &secret_id,
        Users::Unlisted,
        &KeyOwnerCache::new(),
        WalkOptions::default(),
        &cancel,
        |p| line.show(&p),
    )
    .await;
    cancel.cancel();
    line.clear()?;

    match outcome? {
        SearchOutcome::Found { user, key, .. } => {
            let found = Owner {
                secret_id: &secret_id,
                user: OwnerUser {
                    name: &user.name,
                    uin: user.uin,
                    kind: user.kind,
                },
                status: key.status,
                created: &key.create_time,
                description: key.description.as_deref().filter(|d| !d.is_empty()),
            };
            print(console, args.output.output, &found, |o, out| {
                Fields::new()
                    .field("SecretId", o.secret_id.as_str())
                    .field("Owner", o.user.name)
                    .field("UIN", o.user.uin.to_string())
                    .field("Type", o.user.kind.label())
                    .field("Status", o.status.label())
                    .field("Created", o.created)
                    .field("Description", o.description.unwrap_or_default())
                    .write(out)
            })
        }
        SearchOutcome::NotFound { searched, skipped } => {
            let mut message =
                format!("no sub-user or collaborator owns {secret_id} (searched {searched} users");
            if let Some(first) = skipped.first() {
                let _ = write!(
                    message,
                    "; {} could not be read, e.g. {}: {}",
                    skipped.len(),
                    first.user.name,
                    first.error
                );
            }
            message.push(')');
            Err(CommandError::Failed(message))
        }
        SearchOutcome::Cancelled { .. } => Err(CommandError::Interrupted),
    }
}
