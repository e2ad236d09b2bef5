//! The Permissions, Groups and Security sections of `camtui user NAME`, as User Details shows
//! them: every policy that applies (its type, how it is attached and when), the user's groups,
//! and how they prove who they are.

use std::io::{self, Write};

use serde::Serialize;

use crate::cam::permissions::{PolicyGrant, Security};
use crate::cam::{CallError, Client};
use crate::commands::table::{Fields, Table};
use crate::i18n::words;
use crate::i18n::{Language, Text};

/// A group the user is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupRow {
    pub group_id: u64,
    pub name: String,
    pub remark: String,
    pub created: String,
}

/// The three sections, all loaded.
#[derive(Debug, Serialize)]
pub struct Sections {
    pub permissions: Vec<PolicyGrant>,
    pub groups: Vec<GroupRow>,
    pub security: Security,
}

impl Sections {
    /// Loads the sections of the user `uin` at once; the first that fails fails them all.
    pub async fn load(client: &Client, uin: u64) -> Result<Self, CallError> {
        let loaded = client.user_permissions(uin).await;
        Ok(Self {
            permissions: loaded.policies?,
            groups: loaded
                .groups?
                .into_iter()
                .map(|g| GroupRow {
                    group_id: g.group_id,
                    name: g.group_name,
                    remark: g.remark,
                    created: g.create_time,
                })
                .collect(),
            security: loaded.security?,
        })
    }

    /// Each section under its heading, after a blank line, in `language`.
    pub fn write(&self, out: &mut dyn Write, language: Language) -> io::Result<()> {
        let text = |text| language.text(text);
        writeln!(out, "\n{}", text(Text::SectionPermissions))?;
        if self.permissions.is_empty() {
            writeln!(out, "{}", text(Text::NoPolicies))?;
        } else {
            let mut table = Table::new(&[
                text(Text::ColumnPolicy),
                text(Text::ColumnPolicyType),
                text(Text::ColumnAttachedVia),
                text(Text::ColumnAttached),
            ]);
            for grant in &self.permissions {
                table.row([
                    grant.policy_name.clone(),
                    words::policy_kind(language, grant.kind).into_owned(),
                    words::via(language, &grant.via).into_owned(),
                    grant.attached.clone(),
                ]);
            }
            table.write(out)?;
        }

        writeln!(out, "\n{}", text(Text::SectionGroups))?;
        if self.groups.is_empty() {
            writeln!(out, "{}", text(Text::InNoGroup))?;
        } else {
            let mut table = Table::new(&[
                text(Text::ColumnGroup),
                text(Text::ColumnRemark),
                text(Text::ColumnCreated),
            ]);
            for group in &self.groups {
                table.row([
                    group.name.clone(),
                    group.remark.clone(),
                    group.created.clone(),
                ]);
            }
            table.write(out)?;
        }

        let security = &self.security;
        writeln!(out, "\n{}", text(Text::SectionSecurity))?;
        Fields::new()
            .field(
                &text(Text::FieldLoginProtection),
                words::login_protection(language, security).words,
            )
            .field(
                &text(Text::FieldOperationProtection),
                words::operation_protection(language, security).words,
            )
            .field(
                &text(Text::FieldUnusualLogin),
                words::unusual_login(language, security).words,
            )
            .write(out)
    }
}
