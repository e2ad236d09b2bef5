//! `camtui keys list|create|disable|enable|delete|rotate`. A rotation ([`crate::cam::rotation`])
//! is two runs: the first creates the successor, `--finish` retires the old key once nothing
//! uses it.

use serde::Serialize;

use crate::cam::Client;
use crate::cam::de::EventTime;
use crate::cam::model::{
    AccessKey, CreateAccessKey, DeleteAccessKey, KeyStatus, LastUse, SecretId, SecretIdLastUsed,
    UpdateAccessKey,
};
use crate::cam::rotation::{self, Position};
use crate::cli::{KeyArgs, KeysCommand, OutputFormat};
use crate::commands::output::{CommandError, Console, UserId, print, used_after_successor};
use crate::commands::table::{Fields, Table};
use crate::commands::users;
use crate::i18n::words;
use crate::i18n::{Language, Text};

/// How many of the old key's newest records `--finish` looks through for use after the new key.
const EVIDENCE_RECORDS: usize = 20;

pub async fn run(
    client: &Client,
    command: &KeysCommand,
    console: &mut Console<'_>,
) -> Result<(), CommandError> {
    match command {
        KeysCommand::List { user, output } => list(client, user, output.output, console).await,
        KeysCommand::Create {
            user,
            description,
            output,
        } => {
            let user = users::resolve(client, user).await?;
            create(
                client,
                &user,
                description.clone(),
                None,
                output.output,
                console,
            )
            .await
        }
        KeysCommand::Rotate {
            user,
            old,
            finish,
            force,
            description,
            output,
        } => {
            let user = users::resolve(client, user).await?;
            let keys = client.access_keys(Some(user.uin)).await?;
            let position = rotation::position(&keys, old);
            if *finish {
                finish_rotation(
                    client,
                    &user,
                    old,
                    &position,
                    *force,
                    output.output,
                    console,
                )
                .await
            } else {
                start_rotation(
                    client,
                    &user,
                    old,
                    &position,
                    description.clone(),
                    output.output,
                    console,
                )
                .await
            }
        }
        KeysCommand::Disable(key) => set_status(client, key, KeyStatus::Inactive, console).await,
        KeysCommand::Enable(key) => set_status(client, key, KeyStatus::Active, console).await,
        KeysCommand::Delete { key, yes } => delete(client, key, *yes, console).await,
    }
}

/// One key of `keys list`.
#[derive(Debug, Serialize)]
struct KeyRow {
    secret_id: SecretId,
    /// `Active` or `Inactive`, as the API says.
    status: KeyStatus,
    created: String,
    description: Option<String>,
    /// `YYYY-MM-DD` of the last use; `null` when never used.
    last_used: Option<String>,
}

async fn list(
    client: &Client,
    user: &str,
    format: OutputFormat,
    console: &mut Console<'_>,
) -> Result<(), CommandError> {
    let user = users::resolve(client, user).await?;
    let keys = client.access_keys(Some(user.uin)).await?;
    let last_used = if keys.is_empty() {
        Vec::new()
    } else {
        let ids: Vec<SecretId> = keys.iter().map(|k| k.access_key_id.clone()).collect();
        client.last_used(&ids).await?
    };
    let rows: Vec<KeyRow> = keys
        .into_iter()
        .map(|k| KeyRow {
            last_used: last_used_of(&last_used, &k.access_key_id),
            secret_id: k.access_key_id,
            status: k.status,
            created: k.create_time,
            description: k.description.filter(|d| !d.is_empty()),
        })
        .collect();
    let language = console.language;
    let text = |text| language.text(text);
    print(console, format, &rows, |rows, out| {
        let mut table = Table::new(&[
            text(Text::ColumnSecretId),
            text(Text::ColumnStatus),
            text(Text::ColumnCreated),
            text(Text::ColumnLastUsed),
            text(Text::ColumnDescription),
        ]);
        for k in rows {
            table.row(vec![
                k.secret_id.to_string(),
                words::key_status(language, k.status).into_owned(),
                k.created.clone(),
                k.last_used
                    .clone()
                    .unwrap_or_else(|| text(Text::NeverUsed).into_owned()),
                k.description.clone().unwrap_or_default(),
            ]);
        }
        table.write(out)
    })
}

fn last_used_of(rows: &[SecretIdLastUsed], secret_id: &SecretId) -> Option<String> {
    rows.iter()
        .find(|r| r.secret_id == *secret_id)
        .and_then(|r| r.last_used_date.clone())
        .filter(|d| !d.is_empty())
}

/// `keys create` and `keys rotate`: the one time the SecretKey is ever seen.
#[derive(Serialize)]
struct CreatedKey<'a> {
    user: &'a UserId,
    /// The key this one replaces (`keys rotate`).
    #[serde(skip_serializing_if = "Option::is_none")]
    replaces: Option<&'a SecretId>,
    secret_id: &'a SecretId,
    secret_key: &'a str,
    status: KeyStatus,
    created: &'a str,
    description: Option<&'a str>,
    request_id: &'a str,
}

async fn create(
    client: &Client,
    user: &UserId,
    description: Option<String>,
    replaces: Option<&SecretId>,
    format: OutputFormat,
    console: &mut Console<'_>,
) -> Result<(), CommandError> {
    let (response, request_id) = client
        .send_with_request_id(&CreateAccessKey {
            target_uin: Some(user.uin),
            description,
        })
        .await?;
    let key = response
        .access_key
        .ok_or_else(|| CommandError::NoKeyInReply {
            request_id: request_id.clone(),
        })?;
    let created = CreatedKey {
        user,
        replaces,
        secret_id: &key.access_key_id,
        // Goes to stdout only, once; the Secret itself is zeroized when `key` drops.
        secret_key: key.secret_access_key.expose(),
        status: key.status,
        created: &key.create_time,
        description: key.description.as_deref().filter(|d| !d.is_empty()),
        request_id: &request_id,
    };
    let language = console.language;
    let text = |text| language.text(text);
    print(console, format, &created, |c, out| {
        let mut fields = Fields::new();
        fields.field(&text(Text::FieldUser), c.user.describe(language));
        if let Some(old) = c.replaces {
            fields.field(&text(Text::FieldReplaces), old);
        }
        fields
            .field("SecretId", c.secret_id)
            .field("SecretKey", c.secret_key)
            .field(
                &text(Text::FieldStatus),
                words::key_status(language, c.status),
            )
            .field(&text(Text::FieldCreated), c.created)
            .field(
                &text(Text::FieldDescription),
                c.description.unwrap_or_default(),
            )
            .write(out)
    })?;
    writeln!(
        console.err,
        "{}",
        text(Text::SaveSecretKey {
            request_id: &request_id
        })
    )?;
    Ok(())
}

/// `keys rotate USER --old ID`: creates the successor, if a slot is free and there is none yet.
async fn start_rotation(
    client: &Client,
    user: &UserId,
    old: &SecretId,
    position: &Position,
    description: Option<String>,
    format: OutputFormat,
    console: &mut Console<'_>,
) -> Result<(), CommandError> {
    match position {
        Position::Gone => Err(no_such_key(user, old)),
        Position::FreeSlot { retire } => Err(CommandError::NoFreeSlot {
            user: user.clone(),
            retire: retire.access_key_id.clone(),
            retire_enabled: retire.status == KeyStatus::Active,
        }),
        Position::Switch { new } | Position::Disabled { new } => {
            Err(CommandError::RotationUnderWay {
                old: old.clone(),
                new: new.access_key_id.clone(),
                created: new.create_time.clone(),
            })
        }
        Position::Create => {
            create(client, user, description, Some(old), format, console).await?;
            let next = Text::RotateNext { old: old.as_str() };
            writeln!(console.err, "{}", console.language.text(next))?;
            Ok(())
        }
    }
}

/// `keys rotate … --finish`.
#[derive(Serialize)]
struct FinishedRotation<'a> {
    user: &'a UserId,
    old_secret_id: &'a SecretId,
    new_secret_id: &'a SecretId,
    /// `null` when the old key was disabled already.
    disabled_request_id: Option<String>,
    deleted_request_id: String,
}

/// `keys rotate USER --old ID --finish`: disables, then deletes, the old key — unless it was used
/// after its successor was created (`force` finishes anyway).
async fn finish_rotation(
    client: &Client,
    user: &UserId,
    old: &SecretId,
    position: &Position,
    force: bool,
    format: OutputFormat,
    console: &mut Console<'_>,
) -> Result<(), CommandError> {
    let new = match position {
        Position::Switch { new } | Position::Disabled { new } => new,
        Position::Gone => return Err(no_such_key(user, old)),
        Position::FreeSlot { .. } | Position::Create => {
            return Err(CommandError::NoSuccessor(old.clone()));
        }
    };
    let since = EventTime::parse(&new.create_time)
        .ok_or_else(|| CommandError::UnknownCreateTime {
            secret_id: new.access_key_id.clone(),
            created: new.create_time.clone(),
        })?
        .0;
    let language = console.language;
    if let Some(evidence) = use_since(client, old, since, language).await? {
        if !force {
            return Err(CommandError::StillUsed {
                old: old.clone(),
                new: new.access_key_id.clone(),
                created: new.create_time.clone(),
                evidence,
            });
        }
        let used = used_after_successor(
            language,
            old,
            &new.access_key_id,
            &new.create_time,
            &evidence,
        );
        writeln!(
            console.err,
            "{}",
            language.text(Text::ForceWarning { used: &used })
        )?;
    }
    let disabled_request_id = match position {
        Position::Switch { .. } => Some(
            client
                .send_with_request_id(&UpdateAccessKey {
                    access_key_id: old.clone(),
                    status: KeyStatus::Inactive,
                    target_uin: Some(user.uin),
                })
                .await?
                .1,
        ),
        _ => None,
    };
    let (_, deleted_request_id) = client
        .send_with_request_id(&DeleteAccessKey {
            access_key_id: old.clone(),
            target_uin: Some(user.uin),
        })
        .await?;
    let finished = FinishedRotation {
        user,
        old_secret_id: old,
        new_secret_id: &new.access_key_id,
        disabled_request_id,
        deleted_request_id,
    };
    print(console, format, &finished, |f, out| {
        let secret_id = f.old_secret_id.as_str();
        let done = |done, request_id| {
            language.text(Text::KeyDone {
                done: &language.text(done),
                secret_id,
                request_id,
            })
        };
        if let Some(id) = &f.disabled_request_id {
            writeln!(out, "{}", done(Text::KeyDisabled, id))?;
        }
        writeln!(out, "{}", done(Text::KeyDeleted, &f.deleted_request_id))?;
        let now = Text::KeyNowInUse {
            secret_id: f.new_secret_id.as_str(),
            user: &f.user.describe(language),
        };
        writeln!(out, "{}", language.text(now))
    })
}

/// What shows `old` was used at or after `since`, one line each — its last use and its access
/// records from then on — or `None` if nothing does.
async fn use_since(
    client: &Client,
    old: &SecretId,
    since: i64,
    language: Language,
) -> Result<Option<String>, CommandError> {
    let now = chrono::Utc::now().timestamp().max(0) as u64;
    let ids = [old.clone()];
    let (last_used, records) = tokio::try_join!(
        client.last_used(&ids),
        client.latest_access_records(old, EVIDENCE_RECORDS, now)
    )?;
    let last_use = last_used
        .iter()
        .find(|row| row.secret_id == *old)
        .and_then(SecretIdLastUsed::last_use);
    let records: Vec<_> = records
        .into_iter()
        .filter(|event| event.event_time.0 >= since)
        .collect();
    if !rotation::used_since(last_use, records.iter().map(|e| e.event_time.0), since) {
        return Ok(None);
    }
    let mut lines = Vec::new();
    if let Some(used) = last_use.filter(|used| used.latest() >= since) {
        let date = used.text();
        lines.push(
            language
                .text(Text::EvidenceLastUsed { date: &date })
                .into_owned(),
        );
    }
    for event in &records {
        let result = event.failure().unwrap_or_else(|| "OK".to_owned());
        let record = Text::EvidenceRecord {
            time: &LastUse::At(event.event_time.0).text(),
            action: &event.event_name,
            ip: &event.source_ip_address,
            result: &result,
        };
        lines.push(language.text(record).into_owned());
    }
    Ok(Some(lines.join("\n")))
}

fn no_such_key(user: &UserId, secret_id: &SecretId) -> CommandError {
    CommandError::NoSuchKey {
        user: user.clone(),
        secret_id: secret_id.clone(),
    }
}

/// The confirmation of a change to a key.
#[derive(Serialize)]
struct KeyChange<'a> {
    user: &'a UserId,
    secret_id: &'a SecretId,
    /// `Active`, `Inactive` or `Deleted`.
    status: &'a str,
    request_id: &'a str,
}

/// Prints the change; `done` is what the key now is (enabled, disabled, deleted).
fn confirm_change(
    console: &mut Console<'_>,
    format: OutputFormat,
    change: &KeyChange<'_>,
    done: Text<'_>,
) -> Result<(), CommandError> {
    let language = console.language;
    print(console, format, change, |c, out| {
        let changed = Text::KeyChanged {
            done: &language.text(done),
            secret_id: c.secret_id.as_str(),
            user: &c.user.describe(language),
            request_id: c.request_id,
        };
        writeln!(out, "{}", language.text(changed))
    })
}

async fn set_status(
    client: &Client,
    key: &KeyArgs,
    status: KeyStatus,
    console: &mut Console<'_>,
) -> Result<(), CommandError> {
    let user = users::resolve(client, &key.user).await?;
    let secret_id = &key.secret_id;
    let (_, request_id) = client
        .send_with_request_id(&UpdateAccessKey {
            access_key_id: secret_id.clone(),
            status,
            target_uin: Some(user.uin),
        })
        .await?;
    let change = KeyChange {
        user: &user,
        secret_id,
        status: status.as_str(),
        request_id: &request_id,
    };
    confirm_change(
        console,
        key.output.output,
        &change,
        words::key_status_text(status),
    )
}

/// Deletes only a disabled key (the console's flow), after the person types the SecretId's last
/// four characters — or with `--yes`.
async fn delete(
    client: &Client,
    key: &KeyArgs,
    yes: bool,
    console: &mut Console<'_>,
) -> Result<(), CommandError> {
    let user = users::resolve(client, &key.user).await?;
    let keys = client.access_keys(Some(user.uin)).await?;
    let secret_id = &key.secret_id;
    let Some(found) = keys.iter().find(|k| k.access_key_id == *secret_id) else {
        return Err(no_such_key(&user, secret_id));
    };
    if found.status == KeyStatus::Active {
        return Err(CommandError::KeyEnabled {
            secret_id: secret_id.clone(),
            user: key.user.clone(),
        });
    }
    if !yes {
        confirm_by_typing(console, found, &user)?;
    }
    let (_, request_id) = client
        .send_with_request_id(&DeleteAccessKey {
            access_key_id: secret_id.clone(),
            target_uin: Some(user.uin),
        })
        .await?;
    let change = KeyChange {
        user: &user,
        secret_id,
        status: "Deleted",
        request_id: &request_id,
    };
    confirm_change(console, key.output.output, &change, Text::KeyDeleted)
}

fn confirm_by_typing(
    console: &mut Console<'_>,
    key: &AccessKey,
    user: &UserId,
) -> Result<(), CommandError> {
    let last4 = key.access_key_id.tail(4);
    let language = console.language;
    let prompt = language.text(Text::DeletePrompt {
        secret_id: key.access_key_id.as_str(),
        user: &user.describe(language),
    });
    write!(console.err, "{prompt}")?;
    console.err.flush()?;
    let Some(ask) = console.ask.as_mut() else {
        return Err(CommandError::DeleteNeedsYes);
    };
    let answer = ask()?;
    if answer.trim() == last4 {
        Ok(())
    } else {
        Err(CommandError::NotConfirmed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cam::model::SecretId;

    fn try_confirm(answer: &str) -> (Result<(), CommandError>, String) {
        let key = AccessKey {
            access_key_id: SecretId::from_wire("IKIDexample00000000000000000000x9Zq"),
            status: KeyStatus::Inactive,
            create_time: String::new(),
            description: None,
        };
        let user = UserId {
            name: Some("alice".into()),
            uin: 7,
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut ask = || Ok(format!("{answer}\n"));
        let mut console = Console {
            out: &mut out,
            err: &mut err,
            ask: Some(&mut ask),
            err_is_terminal: true,
            language: crate::i18n::Language::EnUs,
        };
        let result = confirm_by_typing(&mut console, &key, &user);
        (result, String::from_utf8(err).unwrap())
    }

    #[test]
    fn delete_asks_for_the_last_four_characters() {
        let (ok, prompt) = try_confirm("x9Zq");
        assert!(ok.is_ok());
        assert!(prompt.contains("cannot be undone") && prompt.contains("last 4 characters"));
        assert!(matches!(
            try_confirm("x9zq").0,
            Err(CommandError::NotConfirmed)
        ));
        assert!(matches!(try_confirm("").0, Err(CommandError::NotConfirmed)));
    }
}
