//! The rotation wizard's box: the five steps with the current one marked, what this step means
//! and what Enter does, and — while the workloads move and after the old key is disabled — the
//! old key's last use and latest records, said plainly to come late.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Widget, Wrap};

use super::layout::centered;
use super::text::{truncate, unix_time};
use crate::cam::de::EventTime;
use crate::cam::model::{AccessKey, KeyStatus, LastUse, SecretId};
use crate::cam::rotation::{self, Position};
use crate::tui::model::AccessRecord;
use crate::tui::state::{Level, OpenUser, Rotation};
use crate::tui::theme::{self, Theme};

pub struct RotationView<'a> {
    pub rotation: &'a Rotation,
    /// The user whose key it is, when open (it always is while the wizard is).
    pub open: Option<&'a OpenUser>,
    pub theme: Theme,
}

const STEPS: [&str; 5] = [
    "Free a slot",
    "Create the new key",
    "Switch workloads",
    "Disable the old key",
    "Delete it",
];

/// How many of the old key's records the box lists.
const RECORDS_SHOWN: usize = 4;

impl Widget for &RotationView<'_> {
    /// `area` is the body: the box is centred in it.
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (rotation, theme) = (self.rotation, self.theme);
        let position = self.open.and_then(|open| rotation.position(open));
        let step = position.as_ref().map_or(0, Position::step);
        let mut lines = vec![steps_line(step, theme), Line::default()];
        match (&position, self.open) {
            (Some(position), Some(open)) => {
                lines.extend(self.explain(position, open));
            }
            _ => lines.push(Line::styled("Loading the keys…", theme.dim())),
        }
        lines.push(Line::default());
        lines.push(Line::styled(
            format!(
                "Enter {} · r refresh · Esc close (R resumes) · @ calls",
                position.as_ref().map_or("waits", enter_does)
            ),
            theme.dim(),
        ));
        let rect = centered(area, 92, lines.len() as u16 + 2);
        let title = truncate(
            &format!(
                " Rotate {} of {} · step {} of 5 ",
                rotation.old,
                rotation.user_name,
                step.min(5)
            ),
            usize::from(rect.width.saturating_sub(2)),
        );
        Clear.render(rect, buf);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(
                Block::bordered()
                    .border_style(theme.title())
                    .title(Span::styled(title, theme.title()))
                    .padding(Padding::horizontal(1)),
            )
            .render(rect, buf);
    }
}

/// `1 Free a slot › [2 Create the new key] › …`, steps done ticked.
fn steps_line(current: u8, theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, name) in STEPS.iter().enumerate() {
        let number = i as u8 + 1;
        if i > 0 {
            spans.push(Span::styled(" › ", theme.dim()));
        }
        spans.push(match number.cmp(&current) {
            std::cmp::Ordering::Less => {
                Span::styled(format!("{} {name}", theme::OK_GLYPH), theme.dim())
            }
            std::cmp::Ordering::Equal => {
                Span::styled(format!("[{number} {name}]"), theme.tab_active())
            }
            std::cmp::Ordering::Greater => Span::raw(format!("{number} {name}")),
        });
    }
    Line::from(spans)
}

/// What Enter does at a step.
fn enter_does(position: &Position) -> &'static str {
    match position {
        Position::FreeSlot { retire } if retire.status == KeyStatus::Inactive => {
            "deletes it (you type the end of its SecretId)"
        }
        Position::FreeSlot { .. } => "disables it (you confirm)",
        Position::Create => "creates the new key",
        Position::Switch { .. } => "disables the old key (you confirm)",
        Position::Disabled { .. } => "deletes the old key (you type the end of its SecretId)",
        Position::Gone => "closes",
    }
}

/// "The cloud reports use late", said where use is watched.
fn lateness(theme: Theme) -> Line<'static> {
    Line::styled(
        "The cloud reports use late: access records about an hour, last-used dates a day. \
         Asked again every 15 s.",
        theme.dim(),
    )
}

impl RotationView<'_> {
    fn explain(&self, position: &Position, open: &OpenUser) -> Vec<Line<'static>> {
        let (rotation, theme) = (self.rotation, self.theme);
        let old = &rotation.old;
        let danger = |text: String| Line::styled(text, theme.danger());
        match position {
            Position::FreeSlot { retire } => {
                let mut lines = vec![
                    Line::raw(format!(
                        "{} has two API keys, the most CAM allows: one must go before the new \
                         one can be made.",
                        rotation.user_name
                    )),
                    Line::raw(format!(
                        "Suggested: {} — {}, last used {}.",
                        retire.access_key_id,
                        retire.status.label().to_lowercase(),
                        last_use_text(open, &retire.access_key_id)
                    )),
                ];
                if retire.status == KeyStatus::Active {
                    lines.push(danger(format!(
                        "{} It is enabled: disabling it blocks every request signed with it. \
                         Disable it, then delete it.",
                        theme::WARNING_GLYPH
                    )));
                }
                lines.push(Line::styled(
                    "Nothing is disabled or deleted without your word.",
                    theme.dim(),
                ));
                lines
            }
            Position::Create => vec![
                Line::raw("A slot is free: the new key can be created."),
                Line::raw(
                    "Its SecretKey is shown once: save it before closing that window, and \
                     press t there to check that it signs.",
                ),
            ],
            Position::Switch { new } => {
                let mut lines = vec![
                    Line::raw(format!(
                        "The new key {} was created {}.",
                        new.access_key_id, new.create_time
                    )),
                    Line::raw(format!(
                        "Move every workload that signs with {old} to it, then disable {old}."
                    )),
                    Line::default(),
                ];
                lines.push(self.use_since(open, new));
                lines.extend(self.records(open, false));
                lines.push(lateness(theme));
                lines
            }
            Position::Disabled { .. } => {
                let mut lines = vec![Line::raw(format!(
                    "{old} is disabled: every request signed with it is refused."
                ))];
                let failures = self.records(open, true);
                if failures.is_empty() {
                    lines.push(Line::styled(
                        format!(
                            "{} No call with it has failed since it last worked: delete it when \
                             you are sure.",
                            theme::OK_GLYPH
                        ),
                        theme.ok(),
                    ));
                } else {
                    lines.push(danger(format!(
                        "{} Calls signed with it failed since it last worked — something still \
                         uses it. e enables it again.",
                        theme::WARNING_GLYPH
                    )));
                    lines.extend(failures);
                }
                lines.push(lateness(theme));
                lines
            }
            Position::Gone => vec![Line::styled(
                format!(
                    "{} {old} is deleted: the rotation is finished. {}",
                    theme::OK_GLYPH,
                    open.key_list()
                        .first()
                        .map(|k| format!(
                            "{} is the key of {} now.",
                            k.access_key_id, rotation.user_name
                        ))
                        .unwrap_or_default()
                ),
                theme.ok(),
            )],
        }
    }

    /// The old key's last use, and whether it came after the new key was created.
    fn use_since(&self, open: &OpenUser, new: &AccessKey) -> Line<'static> {
        let (old, theme) = (&self.rotation.old, self.theme);
        let last = open.last_used_of(old).and_then(|l| l.when);
        let records = self.old_records(open).unwrap_or_default();
        let since = EventTime::parse(&new.create_time).map(|t| t.0);
        let text = format!(
            "Old key last used: {}",
            last.map_or_else(|| "never".to_owned(), LastUse::text)
        );
        match since {
            Some(since) if rotation::used_since(last, records.iter().map(|r| r.time), since) => {
                Line::styled(
                    format!(
                        "{text} {} used after the new key was created: something still uses it",
                        theme::WARNING_GLYPH
                    ),
                    theme.flash(Level::Warning),
                )
            }
            Some(_) => Line::styled(
                format!(
                    "{text} {} not since the new key was created",
                    theme::OK_GLYPH
                ),
                theme.ok(),
            ),
            None => Line::raw(text),
        }
    }

    /// The old key's latest records (only the failures since its last success, if asked).
    fn records(&self, open: &OpenUser, failures_only: bool) -> Vec<Line<'static>> {
        let theme = self.theme;
        let Some(records) = self.old_records(open) else {
            return vec![Line::styled("Loading its access records…", theme.dim())];
        };
        let shown: Vec<&AccessRecord> = if failures_only {
            records.iter().take_while(|r| r.error.is_some()).collect()
        } else {
            records.iter().collect()
        };
        if shown.is_empty() && !failures_only {
            return vec![Line::styled(
                "No access records in the past 3 months.",
                theme.dim(),
            )];
        }
        shown
            .into_iter()
            .take(RECORDS_SHOWN)
            .map(|record| {
                let result = record.error.as_deref().map_or_else(
                    || format!("{} OK", theme::OK_GLYPH),
                    |code| format!("{} {code}", theme::FAILED_GLYPH),
                );
                let line = format!(
                    "  {}  {:<20} {:<15} {result}",
                    unix_time(record.time),
                    truncate(&record.action, 20),
                    record.source_ip
                );
                if record.error.is_some() {
                    Line::styled(line, theme.failed())
                } else {
                    Line::raw(line)
                }
            })
            .collect()
    }

    /// The access records of the old key, once the panel has them.
    fn old_records<'o>(&self, open: &'o OpenUser) -> Option<&'o [AccessRecord]> {
        open.panel
            .as_ref()
            .filter(|panel| panel.secret_id == self.rotation.old)
            .and_then(|panel| panel.records.data.as_deref())
    }
}

fn last_use_text(open: &OpenUser, secret_id: &SecretId) -> String {
    match open.last_used_of(secret_id) {
        Some(used) => used.when.map_or_else(|| "never".to_owned(), LastUse::text),
        None => "…".to_owned(),
    }
}
