//! `camtui whois SECRETID`: which sub-user or collaborator owns a key — asked of the audit trail
//! first, else found by walking `ListAccessKeys` over every user (see [`crate::cam::owner`]).
//! Ctrl-C cancels the walk.

use serde::Serialize;

use crate::cam::Client;
use crate::cam::model::{KeyStatus, SecretId, UserKind};
use crate::cam::owner::{self, KeyOwnerCache, SearchOutcome, Users};
use crate::cam::walk::WalkOptions;
use crate::cli::WhoisArgs;
use crate::commands::output::{CommandError, Console, ProgressLine, cancel_on_interrupt, print};
use crate::commands::table::Fields;
use crate::i18n::Text;
use crate::i18n::words;

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
    let cancel = cancel_on_interrupt();
    let mut line = ProgressLine::new(console, Text::SearchingKeys);
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
