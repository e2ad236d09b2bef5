//! What a user may do and how they prove who they are, as the tables of migration 0004 keep it:
//! policies, user groups and their members, policies attached to users and to groups, and each
//! user's login and sensitive-operation protection.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension as _, Row, params};

use super::{Store, StoredUser, Tx, USER_COLUMNS, stored_user};
use crate::cam::model::{POLICY_TYPE_CUSTOM, POLICY_TYPE_PRESET, Tag, Verification};
use crate::server::error::ServerError;
use crate::server::presets::Preset;

/// Custom policies are numbered from here up (presets keep CAM's smaller ids).
pub const FIRST_CUSTOM_POLICY_ID: u64 = 100_000_001;
/// User groups are numbered from here up.
pub const FIRST_GROUP_ID: u64 = 10_001;

/// A policy, without its document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPolicy {
    pub id: u64,
    pub name: String,
    /// `POLICY_TYPE_CUSTOM` or `POLICY_TYPE_PRESET`.
    pub policy_type: u64,
    pub description: String,
    pub service_type: Option<String>,
    pub tags: Vec<Tag>,
    pub created: i64,
    pub updated: i64,
}

impl StoredPolicy {
    pub fn is_preset(&self) -> bool {
        self.policy_type == POLICY_TYPE_PRESET
    }
}

/// A policy as `ListPolicies` lists it: with how many users and groups it is attached to.
#[derive(Debug, Clone)]
pub struct ListedPolicy {
    pub policy: StoredPolicy,
    pub users: u64,
    pub groups: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredGroup {
    pub id: u64,
    pub name: String,
    pub remark: String,
    pub created: i64,
}

/// A policy attached to a user directly: when, and by whom.
#[derive(Debug, Clone)]
pub struct DirectAttachment {
    pub policy: StoredPolicy,
    pub attached: i64,
    pub operator_uin: u64,
}

/// A policy that applies to a user: attached directly (when), and through which groups (since
/// when: the later of the group getting it and the user joining the group).
#[derive(Debug, Clone)]
pub struct AppliedPolicy {
    pub policy: StoredPolicy,
    pub direct: Option<i64>,
    pub groups: Vec<(StoredGroup, i64)>,
}

/// A user's login and sensitive-operation protection, and what a method needs bound.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoredSecurity {
    pub login: Option<Verification>,
    pub action: Option<Verification>,
    pub wechat_bound: bool,
    pub mfa_device: bool,
}

/// Which policies a listing wants.
#[derive(Debug, Clone, Default)]
pub struct PolicyFilter {
    /// Only custom or only preset ones.
    pub policy_type: Option<u64>,
    /// Part of the name, any case.
    pub keyword: Option<String>,
}

/// One page: at most `limit` rows after the first `offset`.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub offset: u64,
    pub limit: u64,
}

/// Everything a data set grants, in rows (see `server::seed`).
#[derive(Debug, Clone, Default)]
pub struct Grants {
    /// Custom policies, with their documents.
    pub policies: Vec<(StoredPolicy, String)>,
    pub groups: Vec<StoredGroup>,
    /// (group, user, when).
    pub members: Vec<(u64, u64, i64)>,
    /// (user, policy, when, by whom).
    pub user_policies: Vec<(u64, u64, i64, u64)>,
    /// (group, policy, when).
    pub group_policies: Vec<(u64, u64, i64)>,
    pub security: Vec<(u64, StoredSecurity)>,
}

const POLICY_COLUMNS: &str =
    "p.id, p.name, p.type, p.description, p.service_type, p.tags, p.created, p.updated";

fn stored_policy(r: &Row<'_>) -> rusqlite::Result<StoredPolicy> {
    let tags: String = r.get(5)?;
    Ok(StoredPolicy {
        id: r.get(0)?,
        name: r.get(1)?,
        policy_type: r.get(2)?,
        description: r.get(3)?,
        service_type: r.get(4)?,
        // Written by `insert_policy` from `Vec<Tag>`: unreadable text is a damaged row.
        tags: serde_json::from_str(&tags).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, Box::new(e))
        })?,
        created: r.get(6)?,
        updated: r.get(7)?,
    })
}

fn stored_group(r: &Row<'_>, at: usize) -> rusqlite::Result<StoredGroup> {
    Ok(StoredGroup {
        id: r.get(at)?,
        name: r.get(at + 1)?,
        remark: r.get(at + 2)?,
        created: r.get(at + 3)?,
    })
}

fn method(text: Option<&str>) -> Option<Verification> {
    text.and_then(Verification::parse)
}

fn security(c: &Connection, uin: u64) -> rusqlite::Result<StoredSecurity> {
    Ok(c.prepare_cached(
        "SELECT login_method, action_method, wechat_bound, mfa_device FROM security WHERE uin = ?1",
    )?
    .query_row([uin], |r| {
        Ok(StoredSecurity {
            login: method(r.get_ref(0)?.as_str_or_null()?),
            action: method(r.get_ref(1)?.as_str_or_null()?),
            wechat_bound: r.get(2)?,
            mfa_device: r.get(3)?,
        })
    })
    .optional()?
    .unwrap_or_default())
}

/// The rows of `sql` (which selects a count, then binds `args` and LIMIT/OFFSET last) and how
/// many there are in all, from `count_sql` over the same `args`.
fn counted_page<T>(
    c: &Connection,
    count_sql: &str,
    sql: &str,
    args: &[&dyn rusqlite::ToSql],
    page: Page,
    row: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<(u64, Vec<T>)> {
    let total = c.prepare_cached(count_sql)?.query_row(args, |r| r.get(0))?;
    let limit = page.limit.min(i64::MAX as u64);
    let offset = page.offset.min(i64::MAX as u64);
    let mut all: Vec<&dyn rusqlite::ToSql> = args.to_vec();
    all.extend([&limit as &dyn rusqlite::ToSql, &offset]);
    let rows = c
        .prepare_cached(sql)?
        .query_map(all.as_slice(), row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((total, rows))
}

impl Store {
    /// A policy and its document.
    pub fn policy(&self, id: u64) -> Result<Option<(StoredPolicy, String)>, ServerError> {
        self.read(|c| {
            c.prepare_cached(&format!(
                "SELECT {POLICY_COLUMNS}, p.document FROM policies p WHERE p.id = ?1"
            ))?
            .query_row([id], |r| Ok((stored_policy(r)?, r.get(8)?)))
            .optional()
        })
    }

    /// One page of the policies `filter` wants, custom ones first, each kind in id order.
    pub fn policies(
        &self,
        filter: &PolicyFilter,
        page: Page,
    ) -> Result<(u64, Vec<ListedPolicy>), ServerError> {
        const WHERE: &str = "WHERE (?1 IS NULL OR p.type = ?1) AND (?2 IS NULL OR instr(lower(p.name), lower(?2)) > 0)";
        self.read(|c| {
            counted_page(
                c,
                &format!("SELECT COUNT(*) FROM policies p {WHERE}"),
                &format!(
                    "SELECT {POLICY_COLUMNS},
                        (SELECT COUNT(*) FROM user_policies u WHERE u.policy_id = p.id),
                        (SELECT COUNT(*) FROM group_policies g WHERE g.policy_id = p.id)
                     FROM policies p {WHERE} ORDER BY p.type, p.id LIMIT ?3 OFFSET ?4"
                ),
                &[&filter.policy_type, &filter.keyword],
                page,
                |r| {
                    Ok(ListedPolicy {
                        policy: stored_policy(r)?,
                        users: r.get(8)?,
                        groups: r.get(9)?,
                    })
                },
            )
        })
    }

    /// One page of the policies attached to `uin` directly, newest attachment first.
    pub fn direct_policies(
        &self,
        uin: u64,
        page: Page,
    ) -> Result<(u64, Vec<DirectAttachment>), ServerError> {
        self.read(|c| {
            counted_page(
                c,
                "SELECT COUNT(*) FROM user_policies WHERE uin = ?1",
                &format!(
                    "SELECT {POLICY_COLUMNS}, a.attached, a.operator_uin
                     FROM user_policies a JOIN policies p ON p.id = a.policy_id
                     WHERE a.uin = ?1 ORDER BY a.attached DESC, p.id LIMIT ?2 OFFSET ?3"
                ),
                &[&uin],
                page,
                |r| {
                    Ok(DirectAttachment {
                        policy: stored_policy(r)?,
                        attached: r.get(8)?,
                        operator_uin: r.get(9)?,
                    })
                },
            )
        })
    }

    /// Every policy that applies to `uin`, directly or through its groups, in id order.
    pub fn applied_policies(&self, uin: u64) -> Result<Vec<AppliedPolicy>, ServerError> {
        let rows = self.read(|c| {
            c.prepare_cached(&format!(
                "SELECT {POLICY_COLUMNS}, a.attached, NULL, NULL, NULL, NULL
                 FROM user_policies a JOIN policies p ON p.id = a.policy_id WHERE a.uin = ?1
                 UNION ALL
                 SELECT {POLICY_COLUMNS}, MAX(gp.attached, m.joined), g.id, g.name, g.remark, g.created
                 FROM group_members m
                 JOIN user_groups g ON g.id = m.group_id
                 JOIN group_policies gp ON gp.group_id = g.id
                 JOIN policies p ON p.id = gp.policy_id
                 WHERE m.uin = ?1"
            ))?
            .query_map([uin], |r| {
                let group = match r.get::<_, Option<u64>>(9)? {
                    Some(_) => Some(stored_group(r, 9)?),
                    None => None,
                };
                Ok((stored_policy(r)?, r.get::<_, i64>(8)?, group))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
        })?;
        let mut applied: BTreeMap<u64, AppliedPolicy> = BTreeMap::new();
        for (policy, attached, group) in rows {
            let entry = applied.entry(policy.id).or_insert_with(|| AppliedPolicy {
                policy,
                direct: None,
                groups: Vec::new(),
            });
            match group {
                Some(group) => entry.groups.push((group, attached)),
                None => entry.direct = Some(attached),
            }
        }
        Ok(applied.into_values().collect())
    }

    /// Whether the policy applies to `uin`, directly or through a group.
    pub fn policy_applies(&self, policy_id: u64, uin: u64) -> Result<bool, ServerError> {
        self.read(|c| {
            c.prepare_cached(
                "SELECT 1 FROM user_policies WHERE uin = ?1 AND policy_id = ?2
                 UNION ALL
                 SELECT 1 FROM group_members m JOIN group_policies g ON g.group_id = m.group_id
                 WHERE m.uin = ?1 AND g.policy_id = ?2",
            )?
            .exists(params![uin, policy_id])
        })
    }

    /// One page of the groups whose name holds `keyword` (any case), oldest first.
    pub fn groups(
        &self,
        keyword: Option<&str>,
        page: Page,
    ) -> Result<(u64, Vec<StoredGroup>), ServerError> {
        const WHERE: &str = "WHERE ?1 IS NULL OR instr(lower(name), lower(?1)) > 0";
        self.read(|c| {
            counted_page(
                c,
                &format!("SELECT COUNT(*) FROM user_groups {WHERE}"),
                &format!(
                    "SELECT id, name, remark, created FROM user_groups {WHERE}
                     ORDER BY id LIMIT ?2 OFFSET ?3"
                ),
                &[&keyword],
                page,
                |r| stored_group(r, 0),
            )
        })
    }

    /// One page of the groups `uin` belongs to, oldest first.
    pub fn groups_of(&self, uin: u64, page: Page) -> Result<(u64, Vec<StoredGroup>), ServerError> {
        self.read(|c| {
            counted_page(
                c,
                "SELECT COUNT(*) FROM group_members WHERE uin = ?1",
                "SELECT g.id, g.name, g.remark, g.created FROM group_members m
                 JOIN user_groups g ON g.id = m.group_id
                 WHERE m.uin = ?1 ORDER BY g.id LIMIT ?2 OFFSET ?3",
                &[&uin],
                page,
                |r| stored_group(r, 0),
            )
        })
    }

    pub fn security(&self, uin: u64) -> Result<StoredSecurity, ServerError> {
        self.read(|c| security(c, uin))
    }

    /// A sub-user or collaborator by UIN.
    pub fn user(&self, uin: u64) -> Result<Option<StoredUser>, ServerError> {
        self.read(|c| user_where(c, "uin", uin))
    }

    /// A sub-user or collaborator by UID.
    pub fn user_by_uid(&self, uid: u64) -> Result<Option<StoredUser>, ServerError> {
        self.read(|c| user_where(c, "uid", uid))
    }
}

fn user_where(c: &Connection, column: &str, value: u64) -> rusqlite::Result<Option<StoredUser>> {
    c.prepare_cached(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE {column} = ?1"
    ))?
    .query_row([value], stored_user)
    .optional()
}

impl Tx<'_> {
    fn count(&self, sql: &str, arg: u64) -> Result<u64, ServerError> {
        Ok(self
            .sql
            .prepare_cached(sql)?
            .query_row([arg], |r| r.get(0))?)
    }

    /// Runs a statement and says whether it changed a row.
    fn changed(&self, sql: &str, args: impl rusqlite::Params) -> Result<bool, ServerError> {
        Ok(self.sql.prepare_cached(sql)?.execute(args)? > 0)
    }

    pub fn user(&self, uin: u64) -> Result<Option<StoredUser>, ServerError> {
        Ok(user_where(&self.sql, "uin", uin)?)
    }

    pub fn user_by_uid(&self, uid: u64) -> Result<Option<StoredUser>, ServerError> {
        Ok(user_where(&self.sql, "uid", uid)?)
    }

    /// The policy's `Type`, if it exists.
    pub fn policy_type(&self, id: u64) -> Result<Option<u64>, ServerError> {
        Ok(self
            .sql
            .prepare_cached("SELECT type FROM policies WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    pub fn policy_name_taken(&self, name: &str) -> Result<bool, ServerError> {
        Ok(self
            .sql
            .prepare_cached("SELECT 1 FROM policies WHERE name = ?1")?
            .exists([name])?)
    }

    pub fn custom_policy_count(&self) -> Result<u64, ServerError> {
        self.count(
            "SELECT COUNT(*) FROM policies WHERE type = ?1",
            POLICY_TYPE_CUSTOM,
        )
    }

    pub fn next_policy_id(&self) -> Result<u64, ServerError> {
        Ok(self
            .sql
            .prepare_cached(
                "SELECT MAX(COALESCE(MAX(id) + 1, ?1), ?1) FROM policies WHERE type = 1",
            )?
            .query_row([FIRST_CUSTOM_POLICY_ID], |r| r.get(0))?)
    }

    /// Adds a policy with its document (already in stored form).
    pub fn insert_policy(&self, policy: &StoredPolicy, document: &str) -> Result<(), ServerError> {
        let tags = serde_json::to_string(&policy.tags).map_err(ServerError::Encode)?;
        self.sql
            .prepare_cached(
                "INSERT INTO policies (id, name, type, description, document, service_type, tags, created, updated)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                policy.id,
                policy.name,
                policy.policy_type,
                policy.description,
                document,
                policy.service_type,
                tags,
                policy.created,
                policy.updated
            ])?;
        Ok(())
    }

    /// Writes a preset as this version of camtui knows it (`document` in stored form).
    pub fn put_preset(&self, preset: &Preset, document: &str) -> Result<(), ServerError> {
        self.sql
            .prepare_cached(
                "INSERT INTO policies (id, name, type, description, document, service_type, created, updated)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
                   document = excluded.document, service_type = excluded.service_type,
                   created = excluded.created, updated = excluded.updated",
            )?
            .execute(params![
                preset.id,
                preset.name,
                POLICY_TYPE_PRESET,
                preset.description,
                document,
                preset.service_type,
                preset.created
            ])?;
        Ok(())
    }

    /// Attaches a policy to a user; `false` if it already was (nothing changes).
    pub fn attach_user_policy(
        &self,
        uin: u64,
        policy_id: u64,
        at: i64,
        operator_uin: u64,
    ) -> Result<bool, ServerError> {
        self.changed(
            "INSERT OR IGNORE INTO user_policies (uin, policy_id, attached, operator_uin)
             VALUES (?1, ?2, ?3, ?4)",
            params![uin, policy_id, at, operator_uin],
        )
    }

    /// Detaches a policy from a user; `false` if it was not attached.
    pub fn detach_user_policy(&self, uin: u64, policy_id: u64) -> Result<bool, ServerError> {
        self.changed(
            "DELETE FROM user_policies WHERE uin = ?1 AND policy_id = ?2",
            params![uin, policy_id],
        )
    }

    pub fn user_policy_count(&self, uin: u64) -> Result<u64, ServerError> {
        self.count("SELECT COUNT(*) FROM user_policies WHERE uin = ?1", uin)
    }

    /// Attaches a policy to a group; `false` if it already was (nothing changes).
    pub fn attach_group_policy(
        &self,
        group_id: u64,
        policy_id: u64,
        at: i64,
    ) -> Result<bool, ServerError> {
        self.changed(
            "INSERT OR IGNORE INTO group_policies (group_id, policy_id, attached) VALUES (?1, ?2, ?3)",
            params![group_id, policy_id, at],
        )
    }

    /// Detaches a policy from a group; `false` if it was not attached.
    pub fn detach_group_policy(&self, group_id: u64, policy_id: u64) -> Result<bool, ServerError> {
        self.changed(
            "DELETE FROM group_policies WHERE group_id = ?1 AND policy_id = ?2",
            params![group_id, policy_id],
        )
    }

    pub fn group_policy_count(&self, group_id: u64) -> Result<u64, ServerError> {
        self.count(
            "SELECT COUNT(*) FROM group_policies WHERE group_id = ?1",
            group_id,
        )
    }

    pub fn group_exists(&self, id: u64) -> Result<bool, ServerError> {
        Ok(self
            .sql
            .prepare_cached("SELECT 1 FROM user_groups WHERE id = ?1")?
            .exists([id])?)
    }

    pub fn group_name_taken(&self, name: &str) -> Result<bool, ServerError> {
        Ok(self
            .sql
            .prepare_cached("SELECT 1 FROM user_groups WHERE name = ?1")?
            .exists([name])?)
    }

    pub fn group_count(&self) -> Result<u64, ServerError> {
        Ok(self
            .sql
            .prepare_cached("SELECT COUNT(*) FROM user_groups")?
            .query_row([], |r| r.get(0))?)
    }

    pub fn next_group_id(&self) -> Result<u64, ServerError> {
        Ok(self
            .sql
            .prepare_cached("SELECT MAX(COALESCE(MAX(id) + 1, ?1), ?1) FROM user_groups")?
            .query_row([FIRST_GROUP_ID], |r| r.get(0))?)
    }

    pub fn insert_group(&self, group: &StoredGroup) -> Result<(), ServerError> {
        self.sql
            .prepare_cached(
                "INSERT INTO user_groups (id, name, remark, created) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![group.id, group.name, group.remark, group.created])?;
        Ok(())
    }

    /// Adds a user to a group; `false` if they already were in it (nothing changes).
    pub fn add_member(&self, group_id: u64, uin: u64, at: i64) -> Result<bool, ServerError> {
        self.changed(
            "INSERT OR IGNORE INTO group_members (group_id, uin, joined) VALUES (?1, ?2, ?3)",
            params![group_id, uin, at],
        )
    }

    /// Removes a user from a group; `false` if they were not in it.
    pub fn remove_member(&self, group_id: u64, uin: u64) -> Result<bool, ServerError> {
        self.changed(
            "DELETE FROM group_members WHERE group_id = ?1 AND uin = ?2",
            params![group_id, uin],
        )
    }

    /// How many users are in the group.
    pub fn member_count(&self, group_id: u64) -> Result<u64, ServerError> {
        self.count(
            "SELECT COUNT(*) FROM group_members WHERE group_id = ?1",
            group_id,
        )
    }

    /// How many groups the user is in.
    pub fn membership_count(&self, uin: u64) -> Result<u64, ServerError> {
        self.count("SELECT COUNT(*) FROM group_members WHERE uin = ?1", uin)
    }

    pub fn security(&self, uin: u64) -> Result<StoredSecurity, ServerError> {
        Ok(security(&self.sql, uin)?)
    }

    pub fn set_security(&self, uin: u64, security: &StoredSecurity) -> Result<(), ServerError> {
        self.sql
            .prepare_cached(
                "INSERT INTO security (uin, login_method, action_method, wechat_bound, mfa_device)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (uin) DO UPDATE SET login_method = excluded.login_method,
                   action_method = excluded.action_method, wechat_bound = excluded.wechat_bound,
                   mfa_device = excluded.mfa_device",
            )?
            .execute(params![
                uin,
                security.login.map(Verification::as_str),
                security.action.map(Verification::as_str),
                security.wechat_bound,
                security.mfa_device
            ])?;
        Ok(())
    }

    /// Writes a data set's grants (its users and the presets are in already).
    pub fn insert_grants(&self, grants: &Grants) -> Result<(), ServerError> {
        for (policy, document) in &grants.policies {
            self.insert_policy(policy, document)?;
        }
        for group in &grants.groups {
            self.insert_group(group)?;
        }
        for &(group_id, uin, at) in &grants.members {
            self.add_member(group_id, uin, at)?;
        }
        for &(uin, policy_id, at, operator) in &grants.user_policies {
            self.attach_user_policy(uin, policy_id, at, operator)?;
        }
        for &(group_id, policy_id, at) in &grants.group_policies {
            self.attach_group_policy(group_id, policy_id, at)?;
        }
        for (uin, security) in &grants.security {
            self.set_security(*uin, security)?;
        }
        Ok(())
    }
}
