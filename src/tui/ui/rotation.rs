//! The rotation wizard's box: the five steps with the current one marked, what this step means
//! and what Enter does, and — while the workloads move and after the old key is disabled — the
//! old key's last use and latest records, said plainly to come late.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::blocks::popup;
use super::text::truncate;
use crate::cam::de::EventTime;
use crate::cam::model::{AccessKey, KeyStatus, LastUse, SecretId};
use crate::cam::rotation::{self, Position};
use crate::tui::geometry::wrap;
use crate::tui::model::{AccessRecord, unix_time};
use crate::tui::state::{Level, OpenUser, Rotation};
use crate::tui::theme::{self, Theme};

pub struct RotationView<'a> {
    pub rotation: &'a Rotation,
    /// The user whose key it is, when open (it always is while the wizard is).
    pub open: Option<&'a OpenUser>,
    pub theme: Theme,
}

const STEPS: [&str; 5] = ["Free a slot", "Create", "Switch", "Disable", "Delete"];
const BOX_WIDTH: u16 = 92;
/// How many of the old key's records the box lists.
const RECORDS_SHOWN: usize = 4;

/// What the box says, before it is wrapped to the box's width: paragraphs, and lines that are
/// cut rather than wrapped (records).
enum Text {
    Paragraph(String, Style),
    Cut(String, Style),
    Blank,
}

impl Widget for &RotationView<'_> {
    /// `area` is the body: the box is centred in it.
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (rotation, theme) = (self.rotation, self.theme);
        let position = self.open.and_then(|open| rotation.position(open));
        let step = position.as_ref().map_or(0, Position::step);
        let mut texts = match (&position, self.open) {
            (Some(position), Some(open)) => self.explain(position, open),
            _ => vec![Text::Paragraph("Loading the keys…".into(), theme.dim())],
        };
        texts.push(Text::Blank);
        texts.push(Text::Paragraph(
            match &position {
                Some(Position::Gone) => "Enter or Esc closes".to_owned(),
                position => format!(
                    "Enter {} · r refresh · Esc close (R resumes) · ? help",
                    position.as_ref().map_or("waits", enter_does)
                ),
            },
            theme.dim(),
        ));
        let width = usize::from(BOX_WIDTH.min(area.width).saturating_sub(4)).max(20);
        let mut lines = vec![steps_line(step, theme), Line::default()];
        for text in texts {
            match text {
                Text::Paragraph(text, style) => lines.extend(
                    wrap(&text, width)
                        .into_iter()
                        .map(|line| Line::styled(line, style)),
                ),
                Text::Cut(text, style) => lines.push(Line::styled(truncate(&text, width), style)),
                Text::Blank => lines.push(Line::default()),
            }
        }
        let title = truncate(
            &format!(
                " Rotate {} of {} · step {} of 5 ",
                rotation.old,
                rotation.user_name,
                step.min(5)
            ),
            width + 2,
        );
        let inner = popup(
            area,
            BOX_WIDTH,
            lines.len() as u16 + 2,
            Line::styled(title, theme.title()),
            theme,
            buf,
        );
        Paragraph::new(lines).render(inner, buf);
    }
}

/// `✓ 1 Free a slot › [2 Create] › 3 Switch …`: steps done ticked, the current one bracketed.
fn steps_line(current: u8, theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, name) in STEPS.iter().enumerate() {
        let number = i as u8 + 1;
        if i > 0 {
            spans.push(Span::styled(" › ", theme.dim()));
        }
        spans.push(match number.cmp(&current) {
            std::cmp::Ordering::Less => {
                Span::styled(format!("{} {number} {name}", theme::OK_GLYPH), theme.dim())
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

impl RotationView<'_> {
    fn explain(&self, position: &Position, open: &OpenUser) -> Vec<Text> {
        let (rotation, theme) = (self.rotation, self.theme);
        let say = |text: String| Text::Paragraph(text, Style::default());
        let dim = |text: &str| Text::Paragraph(text.to_owned(), theme.dim());
        let danger = |text: String| Text::Paragraph(text, theme.danger());
        let lateness = || {
            dim(
                "The cloud reports use late: access records about an hour, last-used dates a \
                 day. Asked again every 15 s.",
            )
        };
        match position {
            Position::FreeSlot { retire } if retire.access_key_id == rotation.old => vec![
                say(format!(
                    "{} has two API keys, the most CAM allows, and the key being rotated is \
                     disabled already: nothing signs with it, so deleting it frees the slot \
                     for a new key.",
                    rotation.user_name
                )),
                Text::Blank,
                dim("Nothing is deleted without your word."),
            ],
            Position::FreeSlot { retire } => {
                let mut texts = vec![
                    say(format!(
                        "{} has two API keys, the most CAM allows: one must go before the new one \
                         can be created. Suggested: {} — {}, last used {}.",
                        rotation.user_name,
                        retire.access_key_id,
                        retire.status.label().to_lowercase(),
                        last_use_text(open, &retire.access_key_id)
                    )),
                    Text::Blank,
                ];
                if retire.status == KeyStatus::Active {
                    texts.push(danger(format!(
                        "{} It is enabled: disabling it blocks every request signed with it. \
                         Disable it, then delete it.",
                        theme::WARNING_GLYPH
                    )));
                }
                texts.push(dim("Nothing is disabled or deleted without your word."));
                texts
            }
            Position::Create => vec![
                say("A slot is free: the new key can be created.".to_owned()),
                say(
                    "Its SecretKey is shown once: save it before closing that window, and \
                     press t there to check that it signs."
                        .to_owned(),
                ),
            ],
            Position::Switch { new } => {
                let mut texts = vec![
                    say(format!(
                        "Its successor — the key created after it — is {}, created {}. Move \
                         every workload that signs with the old key to it, then disable the \
                         old key.",
                        new.access_key_id, new.create_time
                    )),
                    Text::Blank,
                    self.use_since(open, new),
                ];
                texts.extend(self.records(open, false));
                texts.push(lateness());
                texts
            }
            Position::Disabled { .. } => {
                let mut texts = vec![
                    say(
                        "The old key is disabled: every request signed with it is refused."
                            .to_owned(),
                    ),
                    Text::Blank,
                ];
                let failures = self.records(open, true);
                if failures.is_empty() {
                    texts.push(Text::Paragraph(
                        format!(
                            "{} No call with it has failed since it last worked: delete it once \
                             you are sure.",
                            theme::OK_GLYPH
                        ),
                        theme.ok(),
                    ));
                } else {
                    texts.push(danger(format!(
                        "{} Calls signed with it failed since it last worked — something still \
                         uses it. e enables it again.",
                        theme::WARNING_GLYPH
                    )));
                    texts.extend(failures);
                }
                texts.push(lateness());
                texts
            }
            Position::Gone => vec![Text::Paragraph(
                format!(
                    "{} {} is deleted: the rotation is finished.{}",
                    theme::OK_GLYPH,
                    rotation.old,
                    open.key_list()
                        .first()
                        .map(|k| format!(
                            " {} is the key of {} now.",
                            k.access_key_id, rotation.user_name
                        ))
                        .unwrap_or_default()
                ),
                theme.ok(),
            )],
        }
    }

    /// The old key's last use, and whether it came after its successor was created.
    fn use_since(&self, open: &OpenUser, new: &AccessKey) -> Text {
        let theme = self.theme;
        let last = open.last_used_of(&self.rotation.old).and_then(|l| l.when);
        let records = self.old_records(open).unwrap_or_default();
        let since = EventTime::parse(&new.create_time).map(|t| t.0);
        let text = format!(
            "The old key was last used {}",
            last.map_or_else(|| "never".to_owned(), LastUse::text)
        );
        match since {
            Some(since) if rotation::used_since(last, records.iter().map(|r| r.time), since) => {
                Text::Paragraph(
                    format!(
                        "{} {text}: after its successor was created, so something still uses it.",
                        theme::WARNING_GLYPH
                    ),
                    theme.flash(Level::Warning),
                )
            }
            Some(_) => Text::Paragraph(
                format!(
                    "{} {text}: not since its successor was created.",
                    theme::OK_GLYPH
                ),
                theme.ok(),
            ),
            None => Text::Paragraph(format!("{text}."), Style::default()),
        }
    }

    /// The old key's latest records (only the failures since its last success, if asked).
    fn records(&self, open: &OpenUser, failures_only: bool) -> Vec<Text> {
        let theme = self.theme;
        let Some(records) = self.old_records(open) else {
            return vec![Text::Paragraph(
                "Loading its access records…".into(),
                theme.dim(),
            )];
        };
        let shown: Vec<&AccessRecord> = if failures_only {
            records.iter().take_while(|r| r.error.is_some()).collect()
        } else {
            records.iter().collect()
        };
        if shown.is_empty() && !failures_only {
            return vec![Text::Paragraph(
                "It has no access records in the past 3 months.".into(),
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
                let style = if record.error.is_some() {
                    theme.failed()
                } else {
                    Style::default()
                };
                Text::Cut(line, style)
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
