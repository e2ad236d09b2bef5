//! `camtui report`: every key of the account with its last use and flags ([`crate::cam::report`]),
//! as a table, JSON or CSV; the walk's progress on stderr when it is a terminal.

use std::collections::HashMap;

use serde::Serialize;

use crate::cam::Client;
use crate::cam::model::{KeyStatus, LastUse, SecretId, UserKind};
use crate::cam::owner::KeyOwnerCache;
use crate::cam::report::{self, ReportOptions, ReportOutcome, ReportRow, Staleness};
use crate::cam::walk::{UserRef, WalkOptions};
use crate::cli::{ReportArgs, ReportFormat};
use crate::commands::output::{
    CommandError, Console, ProgressLine, cancel_on_interrupt, write_json,
};
use crate::commands::table::{Table, write_csv};
use crate::i18n::Text;
use crate::i18n::words;

/// One key, as `camtui report -o json` prints it (docs/json-output.md).
#[derive(Debug, Serialize)]
struct Row<'a> {
    user: &'a str,
    uin: u64,
    #[serde(rename = "type")]
    kind: UserKind,
    secret_id: &'a SecretId,
    /// `Active` or `Inactive`.
    status: KeyStatus,
    description: Option<&'a str>,
    /// `YYYY-MM-DD HH:MM:SS`, Beijing time, as CAM gives it.
    created: &'a str,
    age_days: Option<i64>,
    /// `YYYY-MM-DD HH:MM:SS`, or `YYYY-MM-DD` when only the day is known; `null` when never.
    last_used: Option<String>,
    idle_days: Option<i64>,
    flags: Vec<String>,
}

impl<'a> Row<'a> {
    fn new(row: &'a ReportRow, staleness: Staleness) -> Self {
        Self {
            user: &row.owner.name,
            uin: row.owner.uin,
            kind: row.owner.kind,
            secret_id: &row.key.access_key_id,
            status: row.key.status,
            description: row.key.description.as_deref().filter(|d| !d.is_empty()),
            created: &row.key.create_time,
            age_days: row.age_days(staleness.now),
            last_used: row.last_used.map(LastUse::text),
            idle_days: row.idle_days(staleness.now),
            flags: row.flags.names(staleness.days),
        }
    }
}

pub async fn run(
    client: &Client,
    args: &ReportArgs,
    console: &mut Console<'_>,
) -> Result<(), CommandError> {
    let users = client.all_users().await?;
    // Rows come in as users are done; they go out in the order `camtui users` lists them.
    let order: HashMap<u64, usize> = users.iter().enumerate().map(|(i, u)| (u.uin, i)).collect();
    let staleness = Staleness::now(args.stale_days);
    let options = ReportOptions {
        walk: WalkOptions::default(),
        staleness,
    };
    let language = console.language;
    let cancel = cancel_on_interrupt();
    let mut line = ProgressLine::new(console, Text::ListingKeys);
    let mut rows = Vec::new();
    let outcome = report::key_report(
        client,
        users.iter().map(UserRef::from).collect(),
        &KeyOwnerCache::new(),
        options,
        &cancel,
        |update| {
            rows.extend(update.rows);
            line.show(&update.progress);
        },
    )
    .await;
    cancel.cancel();
    line.clear()?;
    let skipped = match outcome? {
        ReportOutcome::Complete { skipped } => skipped,
        ReportOutcome::Cancelled { .. } => return Err(CommandError::Interrupted),
    };
    rows.sort_by(|a, b| {
        (
            order.get(&a.owner.uin),
            &a.key.create_time,
            &a.key.access_key_id,
        )
            .cmp(&(
                order.get(&b.owner.uin),
                &b.key.create_time,
                &b.key.access_key_id,
            ))
    });
    let rows: Vec<Row<'_>> = rows.iter().map(|r| Row::new(r, staleness)).collect();
    match args.output {
        ReportFormat::Json => write_json(console.out, &rows)?,
        ReportFormat::Csv => write_csv(
            console.out,
            &[
                "user",
                "uin",
                "type",
                "secret_id",
                "status",
                "description",
                "created",
                "age_days",
                "last_used",
                "idle_days",
                "flags",
            ],
            rows.iter().map(|r| {
                vec![
                    r.user.to_owned(),
                    r.uin.to_string(),
                    r.kind.label().to_owned(),
                    r.secret_id.to_string(),
                    r.status.as_str().to_owned(),
                    r.description.unwrap_or_default().to_owned(),
                    r.created.to_owned(),
                    days(r.age_days),
                    r.last_used.clone().unwrap_or_default(),
                    days(r.idle_days),
                    r.flags.join(";"),
                ]
            }),
        )?,
        ReportFormat::Table => {
            let text = |text| language.text(text);
            let days = |days: Option<i64>| {
                days.map(|days| text(Text::ReportDays { days }).into_owned())
                    .unwrap_or_default()
            };
            let mut table = Table::new(&[
                text(Text::ColumnUser),
                "UIN".into(),
                text(Text::ColumnType),
                text(Text::ColumnSecretId),
                text(Text::ColumnStatus),
                text(Text::ColumnCreated),
                text(Text::ColumnAge),
                text(Text::ColumnLastUsed),
                text(Text::ColumnIdle),
                text(Text::ColumnFlags),
            ]);
            for r in &rows {
                table.row(vec![
                    r.user.to_owned(),
                    r.uin.to_string(),
                    words::user_kind(language, r.kind).into_owned(),
                    r.secret_id.to_string(),
                    words::key_status(language, r.status).into_owned(),
                    r.created.get(..10).unwrap_or(r.created).to_owned(),
                    days(r.age_days),
                    r.last_used.as_deref().map_or_else(
                        || text(Text::NeverUsed).into_owned(),
                        |t| t.get(..10).unwrap_or(t).to_owned(),
                    ),
                    days(r.idle_days),
                    r.flags.join(","),
                ]);
            }
            table.write(console.out)?;
        }
    }
    if !skipped.is_empty() {
        let users: Vec<String> = skipped
            .iter()
            .map(|s| format!("{} ({})", s.user.name, s.error.code()))
            .collect();
        let warning = Text::ReportSkippedWarning {
            count: skipped.len(),
            users: &users.join(" "),
        };
        writeln!(console.err, "{}", language.text(warning))?;
    }
    Ok(())
}

fn days(days: Option<i64>) -> String {
    days.map(|d| d.to_string()).unwrap_or_default()
}
