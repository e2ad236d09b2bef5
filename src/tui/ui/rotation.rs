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
use crate::i18n::words;
use crate::i18n::{Language, Text};
use crate::tui::geometry::wrap;
use crate::tui::model::{AccessRecord, unix_time};
use crate::tui::state::{Level, OpenUser, Rotation};
use crate::tui::theme::{self, Theme};

pub struct RotationView<'a> {
    pub rotation: &'a Rotation,
    /// The user whose key it is, when open (it always is while the wizard is).
    pub open: Option<&'a OpenUser>,
    pub language: Language,
    pub theme: Theme,
}

const STEPS: [Text<'static>; 5] = [
    Text::StepFreeSlot,
    Text::VerbCreate,
    Text::StepSwitch,
    Text::VerbDisable,
    Text::VerbDelete,
];
const BOX_WIDTH: u16 = 92;
/// How many of the old key's records the box lists.
const RECORDS_SHOWN: usize = 4;

/// What the box says, before it is wrapped to the box's width: paragraphs, and lines that are
/// cut rather than wrapped (records).
enum Piece {
    Paragraph(String, Style),
    Cut(String, Style),
    Blank,
}

impl Widget for &RotationView<'_> {
    /// `area` is the body: the box is centred in it.
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (rotation, theme, language) = (self.rotation, self.theme, self.language);
        let say = |text: Text<'_>| language.text(text).into_owned();
        let position = self.open.and_then(|open| rotation.position(open));
        let step = position.as_ref().map_or(0, Position::step);
        let mut texts = match (&position, self.open) {
            (Some(position), Some(open)) => self.explain(position, open),
            _ => vec![Piece::Paragraph(say(Text::RotationLoading), theme.dim())],
        };
        texts.push(Piece::Blank);
        texts.push(Piece::Paragraph(
            match &position {
                Some(Position::Gone) => say(Text::RotationEnterCloses),
                position => say(Text::RotationKeys {
                    enter: &say(position.as_ref().map_or(Text::EnterWaits, enter_does)),
                }),
            },
            theme.dim(),
        ));
        let width = usize::from(BOX_WIDTH.min(area.width).saturating_sub(4)).max(20);
        let mut lines = vec![steps_line(step, language, theme), Line::default()];
        for text in texts {
            match text {
                Piece::Paragraph(text, style) => lines.extend(
                    wrap(&text, width)
                        .into_iter()
                        .map(|line| Line::styled(line, style)),
                ),
                Piece::Cut(text, style) => lines.push(Line::styled(truncate(&text, width), style)),
                Piece::Blank => lines.push(Line::default()),
            }
        }
        let title = say(Text::RotationTitle {
            secret_id: rotation.old.as_str(),
            user: &rotation.user_name,
            step: step.min(5),
        });
        let title = truncate(&format!(" {title} "), width + 2);
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
fn steps_line(current: u8, language: Language, theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, name) in STEPS.map(|step| language.text(step)).iter().enumerate() {
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
fn enter_does(position: &Position) -> Text<'static> {
    match position {
        Position::FreeSlot { retire } if retire.status == KeyStatus::Inactive => {
            Text::EnterDeletesRetire
        }
        Position::FreeSlot { .. } => Text::EnterDisablesRetire,
        Position::Create => Text::EnterCreates,
        Position::Switch { .. } => Text::EnterDisablesOld,
        Position::Disabled { .. } => Text::EnterDeletesOld,
        Position::Gone => Text::EnterCloses,
    }
}

impl RotationView<'_> {
    fn explain(&self, position: &Position, open: &OpenUser) -> Vec<Piece> {
        let (rotation, theme, language) = (self.rotation, self.theme, self.language);
        let words = |text: Text<'_>| language.text(text).into_owned();
        let say = |text: Text<'_>| Piece::Paragraph(words(text), Style::default());
        let dim = |text: Text<'_>| Piece::Paragraph(words(text), theme.dim());
        let marked = |glyph: &str, text: Text<'_>, style: Style| {
            Piece::Paragraph(format!("{glyph} {}", words(text)), style)
        };
        let user = &rotation.user_name;
        match position {
            Position::FreeSlot { retire } if retire.access_key_id == rotation.old => vec![
                say(Text::RetireDisabledOld { user }),
                Piece::Blank,
                dim(Text::NothingDeletedWithoutWord),
            ],
            Position::FreeSlot { retire } => {
                let mut texts = vec![
                    say(Text::RetireSuggested {
                        user,
                        secret_id: retire.access_key_id.as_str(),
                        status: &words::key_status(language, retire.status),
                        last: &last_use_text(open, &retire.access_key_id, language),
                    }),
                    Piece::Blank,
                ];
                if retire.status == KeyStatus::Active {
                    texts.push(marked(
                        theme::WARNING_GLYPH,
                        Text::RetireEnabledWarning,
                        theme.danger(),
                    ));
                }
                texts.push(dim(Text::NothingChangedWithoutWord));
                texts
            }
            Position::Create => vec![say(Text::SlotFree), say(Text::SecretOnceThenTest)],
            Position::Switch { new } => {
                let mut texts = vec![
                    say(Text::Successor {
                        secret_id: new.access_key_id.as_str(),
                        created: &new.create_time,
                    }),
                    Piece::Blank,
                    self.use_since(open, new),
                ];
                texts.extend(self.records(open, false));
                texts.push(dim(Text::Lateness));
                texts
            }
            Position::Disabled { .. } => {
                let mut texts = vec![say(Text::OldDisabled), Piece::Blank];
                let failures = self.records(open, true);
                if failures.is_empty() {
                    texts.push(marked(theme::OK_GLYPH, Text::NoFailureSince, theme.ok()));
                } else {
                    texts.push(marked(
                        theme::WARNING_GLYPH,
                        Text::FailuresSince,
                        theme.danger(),
                    ));
                    texts.extend(failures);
                }
                texts.push(dim(Text::Lateness));
                texts
            }
            Position::Gone => {
                let mut text = words(Text::RotationDone {
                    secret_id: rotation.old.as_str(),
                });
                if let Some(key) = open.key_list().first() {
                    text.push_str(&words(Text::NowTheKey {
                        secret_id: key.access_key_id.as_str(),
                        user,
                    }));
                }
                vec![Piece::Paragraph(
                    format!("{} {text}", theme::OK_GLYPH),
                    theme.ok(),
                )]
            }
        }
    }

    /// The old key's last use, and whether it came after its successor was created.
    fn use_since(&self, open: &OpenUser, new: &AccessKey) -> Piece {
        let (theme, language) = (self.theme, self.language);
        let used = open.last_used_of(&self.rotation.old).and_then(|l| l.when);
        let records = self.old_records(open).unwrap_or_default();
        let since = EventTime::parse(&new.create_time).map(|t| t.0);
        let when = used.map_or_else(
            || language.text(Text::NeverUsed).into_owned(),
            LastUse::text,
        );
        let last_used = language.text(Text::OldLastUsed { when: &when });
        let last = &*last_used;
        match since {
            Some(since) if rotation::used_since(used, records.iter().map(|r| r.time), since) => {
                Piece::Paragraph(
                    format!(
                        "{} {}",
                        theme::WARNING_GLYPH,
                        language.text(Text::LastUseAfterSuccessor { last })
                    ),
                    theme.flash(Level::Warning),
                )
            }
            Some(_) => Piece::Paragraph(
                format!(
                    "{} {}",
                    theme::OK_GLYPH,
                    language.text(Text::NotUsedSince { last })
                ),
                theme.ok(),
            ),
            None => Piece::Paragraph(
                language.text(Text::Sentence { text: last }).into_owned(),
                Style::default(),
            ),
        }
    }

    /// The old key's latest records (only the failures since its last success, if asked).
    fn records(&self, open: &OpenUser, failures_only: bool) -> Vec<Piece> {
        let (theme, language) = (self.theme, self.language);
        let Some(records) = self.old_records(open) else {
            return vec![Piece::Paragraph(
                language.text(Text::OldRecordsLoading).into_owned(),
                theme.dim(),
            )];
        };
        let shown: Vec<&AccessRecord> = if failures_only {
            records.iter().take_while(|r| r.error.is_some()).collect()
        } else {
            records.iter().collect()
        };
        if shown.is_empty() && !failures_only {
            return vec![Piece::Paragraph(
                language.text(Text::NoOldRecords).into_owned(),
                theme.dim(),
            )];
        }
        shown
            .into_iter()
            .take(RECORDS_SHOWN)
            .map(|record| {
                let result = record.error.as_deref().map_or_else(
                    || format!("{} {}", theme::OK_GLYPH, language.text(Text::ResultOk)),
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
                Piece::Cut(line, style)
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

fn last_use_text(open: &OpenUser, secret_id: &SecretId, language: Language) -> String {
    match open.last_used_of(secret_id) {
        Some(used) => used.when.map_or_else(
            || language.text(Text::NeverUsed).into_owned(),
            LastUse::text,
        ),
        None => "…".to_owned(),
    }
}
