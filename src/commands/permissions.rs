//! The Permissions, Groups and Security sections of `camtui user NAME`, as User Details shows
//! them: every policy that applies (its type, how it is attached and when), the user's groups,
//! and how they prove who they are.

use std::io::{self, Write};

use serde::Serialize;

use crate::cam::permissions::{PolicyGrant, Security};
use crate::cam::{CallError, Client};
use crate::commands::table::{Fields, Table};

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

    /// Each section under its heading, after a blank line.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "\nPermissions")?;
        if self.permissions.is_empty() {
            writeln!(out, "no policies")?;
        } else {
            let mut table = Table::new(&["POLICY", "TYPE", "ATTACHED VIA", "ATTACHED"]);
            for grant in &self.permissions {
                table.row([
                    grant.policy_name.clone(),
                    grant.kind.label().to_owned(),
                    grant.via.label(),
                    grant.attached.clone(),
                ]);
            }
            table.write(out)?;
        }

        writeln!(out, "\nGroups")?;
        if self.groups.is_empty() {
            writeln!(out, "in no group")?;
        } else {
            let mut table = Table::new(&["GROUP", "REMARK", "CREATED"]);
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
        writeln!(out, "\nSecurity")?;
        Fields::new()
            .field("Login protection", security.login_label())
            .field("Operation protection", security.operation_label())
            .field("Unusual-location login", security.unusual_login_label())
            .write(out)
    }
}
