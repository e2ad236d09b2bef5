//! `camtui users` and `camtui user NAME` (its profile and keys; its permissions, groups and
//! security in [`crate::commands::permissions`]), and turning a USER argument (a name or a UIN) into a UIN
//! for the key commands.

use std::io::Write;

use serde::Serialize;

use crate::cam::model::{GetUser, KEYS_PER_USER, KeyStatus, User, UserKind};
use crate::cam::{CallError, Client};
use crate::cli::OutputFormat;
use crate::commands::output::{CommandError, Console, UserId, print};
use crate::commands::permissions::Sections;
use crate::commands::table::{Fields, Table};
use crate::i18n::Text;
use crate::i18n::words;

pub async fn list(
    client: &Client,
    format: OutputFormat,
    console: &mut Console<'_>,
) -> Result<(), CommandError> {
    let users = client.all_users().await?;
    let language = console.language;
    let text = |text| language.text(text);
    print(console, format, &users, |users, out| {
        let mut table = Table::new(&[
            text(Text::ColumnName),
            "UIN".into(),
            text(Text::ColumnType),
            text(Text::ColumnRemark),
            text(Text::ColumnConsole),
            text(Text::ColumnCreated),
        ]);
        for u in users {
            table.row(vec![
                u.name.clone(),
                u.uin.to_string(),
                words::user_kind(language, u.kind).into_owned(),
                u.remark.clone(),
                words::console_login(language, u.console_login).into_owned(),
                u.created.clone(),
            ]);
        }
        table.write(out)
    })
}

/// `camtui user NAME`.
#[derive(Debug, Serialize)]
struct UserDetail {
    #[serde(flatten)]
    user: User,
    phone_num: String,
    country_code: String,
    email: String,
    last_login_ip: String,
    last_login_time: String,
    access_keys: KeySummary,
    #[serde(flatten)]
    sections: Sections,
}

#[derive(Debug, Serialize)]
struct KeySummary {
    count: usize,
    enabled: usize,
    limit: usize,
}

pub async fn show(
    client: &Client,
    wanted: &str,
    format: OutputFormat,
    console: &mut Console<'_>,
) -> Result<(), CommandError> {
    let users = client.all_users().await?;
    let uin = parse_uin(wanted);
    let user = users
        .into_iter()
        .filter(|u| uin.map_or(u.name == wanted, |uin| u.uin == uin))
        .min_by_key(|u| u.kind == UserKind::Collaborator)
        .ok_or_else(|| no_such_user(wanted))?;
    let profile = async {
        match user.kind {
            UserKind::SubUser => {
                let get_user = GetUser {
                    name: user.name.clone(),
                };
                client.send(&get_user).await.map(Some)
            }
            UserKind::Collaborator => Ok(None),
        }
    };
    let (details, keys, sections) = tokio::try_join!(
        profile,
        client.access_keys(Some(user.uin)),
        Sections::load(client, user.uin)
    )?;
    let detail = UserDetail {
        phone_num: details
            .as_ref()
            .map(|d| d.phone_num.clone())
            .unwrap_or_default(),
        country_code: details
            .as_ref()
            .map(|d| d.country_code.clone())
            .unwrap_or_default(),
        email: details
            .as_ref()
            .map(|d| d.email.clone())
            .unwrap_or_default(),
        last_login_ip: details
            .as_ref()
            .map(|d| d.recently_login_ip.clone())
            .unwrap_or_default(),
        last_login_time: details
            .as_ref()
            .map(|d| d.recently_login_time.clone())
            .unwrap_or_default(),
        access_keys: KeySummary {
            count: keys.len(),
            enabled: keys
                .iter()
                .filter(|k| k.status == KeyStatus::Active)
                .count(),
            limit: KEYS_PER_USER,
        },
        sections,
        user,
    };
    let language = console.language;
    let text = |text| language.text(text);
    print(console, format, &detail, |d, out: &mut dyn Write| {
        let phone = match (d.country_code.as_str(), d.phone_num.as_str()) {
            (_, "") => String::new(),
            ("", phone) => phone.to_owned(),
            (code, phone) => format!("+{code} {phone}"),
        };
        Fields::new()
            .field(&text(Text::FieldUsername), &d.user.name)
            .field("UIN", d.user.uin.to_string())
            .field("UID", d.user.uid.to_string())
            .field(
                &text(Text::FieldType),
                words::user_kind(language, d.user.kind),
            )
            .field(&text(Text::FieldRemark), &d.user.remark)
            .field(
                &text(Text::FieldConsoleLogin),
                words::console_login(language, d.user.console_login),
            )
            .field(&text(Text::FieldPhone), phone)
            .field(&text(Text::FieldEmail), &d.email)
            .field(&text(Text::FieldLastLoginIp), &d.last_login_ip)
            .field(&text(Text::FieldLastLogin), &d.last_login_time)
            .field(&text(Text::FieldCreated), &d.user.created)
            .field(
                &text(Text::FieldApiKeys),
                text(Text::KeyCount {
                    count: d.access_keys.count,
                    limit: d.access_keys.limit,
                    enabled: d.access_keys.enabled,
                }),
            )
            .write(out)?;
        d.sections.write(out, language)
    })
}

/// A UIN is used as is (no call); a name costs a `GetUser`, and a walk of the collaborators
/// only when it is not a sub-user's.
pub async fn resolve(client: &Client, wanted: &str) -> Result<UserId, CommandError> {
    if let Some(uin) = parse_uin(wanted) {
        return Ok(UserId { name: None, uin });
    }
    match client
        .send(&GetUser {
            name: wanted.to_owned(),
        })
        .await
    {
        Ok(user) => Ok(UserId {
            name: Some(user.name),
            uin: user.uin,
        }),
        Err(CallError::Api(e))
            if matches!(
                e.code.as_str(),
                "ResourceNotFound.UserNotExist"
                    | "ResourceNotFound.UserNotExists"
                    | "InvalidParameter.UserNotExist"
            ) =>
        {
            client
                .all_collaborators()
                .await?
                .into_iter()
                .find(|c| c.name == wanted)
                .map(|c| UserId {
                    name: Some(c.name),
                    uin: c.uin,
                })
                .ok_or_else(|| no_such_user(wanted))
        }
        Err(e) => Err(e.into()),
    }
}

/// A USER argument of digits only is a UIN.
fn parse_uin(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn no_such_user(wanted: &str) -> CommandError {
    CommandError::NoSuchUser(wanted.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uin_or_name() {
        assert_eq!(parse_uin("100000000002"), Some(100_000_000_002));
        assert_eq!(parse_uin("alice"), None);
        assert_eq!(parse_uin("12a"), None);
        assert_eq!(parse_uin(""), None);
        assert_eq!(parse_uin("99999999999999999999999"), None);
    }
}
