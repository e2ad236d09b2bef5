//! The API Keys tab: the open user's keys with status and last access, the two rules CAM
//! enforces, and the access-records drawer of the selected key — beside the keys from 120
//! columns (the keys keep what identifies them, the drawer takes the rest), below them on
//! narrower terminals. The pane with the focus has a heavy border.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Row, Table, Widget, Wrap};

use super::blocks::{fits, render_no_user, status_title};
use super::text::{datetime, truncate, width};
use crate::cam::model::{KEYS_PER_USER, LastUse};
use crate::i18n::words;
use crate::i18n::{Language, Text};
use crate::tui::geometry::{
    self, KEY_STATUS_WIDTH, KEYS_ABOVE_DRAWER_ROWS, KEYS_BESIDE_DRAWER_WIDTH, SECRET_ID_WIDTH,
};
use crate::tui::model::{AccessRecord, LastUsed, Tab, unix_time};
use crate::tui::state::{ACCESS_RECORDS, AccessPanel, OpenUser, State, Status};
use crate::tui::theme::{self, Theme};

pub struct KeysView<'a> {
    pub state: &'a State,
    pub theme: Theme,
}

impl Widget for &KeysView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (theme, language) = (self.theme, self.state.language);
        let Some(open) = &self.state.open else {
            render_no_user(Tab::Keys, language, theme, area, buf);
            return;
        };
        let Some(panel) = &open.panel else {
            KeyTable {
                open,
                compact: false,
                focused: false,
                language,
                theme,
            }
            .render(area, buf);
            return;
        };
        let drawer = Drawer {
            panel,
            last_access: open
                .last_used_of(&panel.secret_id)
                .map(|used| last_access(used, language)),
            language,
            theme,
        };
        let beside = geometry::drawer_beside((area.width, area.height));
        let (keys, rest) = if beside {
            let [keys, rest] = Layout::horizontal([
                Constraint::Length(KEYS_BESIDE_DRAWER_WIDTH),
                Constraint::Fill(1),
            ])
            .areas(area);
            (keys, rest)
        } else {
            let [keys, rest] = Layout::vertical([
                Constraint::Length(KEYS_ABOVE_DRAWER_ROWS),
                Constraint::Fill(1),
            ])
            .areas(area);
            (keys, rest)
        };
        KeyTable {
            open,
            compact: beside,
            focused: !panel.focused,
            language,
            theme,
        }
        .render(keys, buf);
        drawer.render(rest, buf);
    }
}

/// When a key was last used, in full.
fn last_access(used: &LastUsed, language: Language) -> String {
    used.when.map_or_else(
        || language.text(Text::NeverUsed).into_owned(),
        LastUse::text,
    )
}

/// A block whose border says whether it has the focus (heavy) when two panes are shown.
fn pane(focused: bool, theme: Theme) -> Block<'static> {
    if focused {
        Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(theme.title())
    } else {
        Block::bordered().border_style(theme.border())
    }
}

struct KeyTable<'a> {
    open: &'a OpenUser,
    /// Beside the drawer: the marker, SecretId and Status only.
    compact: bool,
    /// Drawn as the focused pane (the drawer is open and the keys have the focus).
    focused: bool,
    language: Language,
    theme: Theme,
}

impl Widget for &KeyTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (open, theme, language) = (self.open, self.theme, self.language);
        let mut title = vec![Span::styled(
            format!(" {} · {} ", language.text(Text::TabKeys), open.user.name),
            theme.title(),
        )];
        title.extend(status_title(&open.keys.status, language, theme));
        // Beside the drawer the summary goes rather than be cut.
        if let Some(summary) = open
            .key_summary(language)
            .map(|summary| format!("· {summary} "))
            && fits(&title, &summary, area.width.saturating_sub(2))
        {
            title.insert(1, Span::raw(summary));
        }
        let block = if open.panel.is_some() {
            pane(self.focused, theme)
        } else {
            Block::bordered().border_style(theme.border())
        }
        .title(Line::from(title));
        let inner = block.inner(area);
        block.render(area, buf);

        let [notes, table] =
            Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
        let max = KEYS_PER_USER;
        let notes_text = if self.compact {
            [Text::KeysNoteLimitShort { max }, Text::KeysNoteSecretShort]
        } else {
            [Text::KeysNoteLimit { max }, Text::KeysNoteSecret]
        };
        Paragraph::new(
            notes_text
                .map(|note| Line::styled(language.text(note), theme.dim()))
                .to_vec(),
        )
        .render(notes, buf);

        let keys = open.key_list();
        if keys.is_empty() {
            let message = match &open.keys.status {
                Status::Loading | Status::Idle => language.text(Text::KeysLoading),
                Status::Failed(f) => f.describe(language).into(),
                Status::Ready => language.text(Text::NoKeys {
                    user: &open.user.name,
                }),
            };
            Paragraph::new(message)
                .style(theme.dim())
                .wrap(Wrap { trim: true })
                .render(table, buf);
            return;
        }

        let [status_title, created_title, description_title, last_title] = [
            Text::KeyColumnStatus,
            Text::LabelCreated,
            Text::LabelDescription,
            Text::LastAccess,
        ]
        .map(|title| language.text(title));
        let wide = table.width >= 100;
        let time_width: u16 = if wide { 19 } else { 10 };
        // "Last access" may be wider than a date.
        let last_width = time_width.max(width(&last_title) as u16);
        // Marker, SecretId, Status, Created, Last access and five gaps; Description gets the
        // rest — and Created's room too when it would get too little to say which key is which.
        let fixed = 1 + SECRET_ID_WIDTH + KEY_STATUS_WIDTH + time_width + last_width + 5;
        let with_created = table.width.saturating_sub(fixed) >= 12;
        let description_width = if with_created {
            table.width - fixed
        } else {
            table.width.saturating_sub(fixed - time_width - 1)
        };
        // Beside the drawer the keys keep what identifies them: the drawer's title names the
        // selected one.
        let mut columns = vec![
            ("SecretId", SECRET_ID_WIDTH),
            (&*status_title, KEY_STATUS_WIDTH),
        ];
        if !self.compact {
            columns.insert(0, ("", 1));
            if with_created {
                columns.push((&created_title, time_width));
            }
            columns.extend([
                (&*description_title, description_width),
                (&last_title, last_width),
            ]);
        }
        let rows = keys.iter().enumerate().map(|(i, key)| {
            let selected = i == open.key_cursor;
            let mut cells = vec![
                Line::raw(key.access_key_id.to_string()),
                Line::styled(
                    format!(
                        "{} {}",
                        theme::status_glyph(key.status),
                        words::key_status(language, key.status)
                    ),
                    theme.status(key.status),
                ),
            ];
            if !self.compact {
                let last = match (
                    open.last_used_of(&key.access_key_id),
                    &open.last_used.status,
                ) {
                    (Some(used), _) => datetime(&last_access(used, language), !wide).to_owned(),
                    (None, Status::Loading) => "…".to_owned(),
                    (None, Status::Failed(_)) => {
                        format!("{} {}", theme::FAILED_GLYPH, language.text(Text::Unknown))
                    }
                    (None, _) => language.text(Text::NeverUsed).into_owned(),
                };
                cells.insert(0, Line::raw(if selected { "▸" } else { " " }));
                if with_created {
                    cells.push(Line::raw(datetime(&key.create_time, !wide).to_owned()));
                }
                cells.extend([
                    Line::raw(truncate(
                        key.description.as_deref().unwrap_or_default(),
                        usize::from(description_width),
                    )),
                    Line::raw(last),
                ]);
            }
            Row::new(cells).style(theme.row(selected))
        });
        let (header, widths): (Vec<&str>, Vec<Constraint>) = columns
            .into_iter()
            .map(|(title, width)| (title, Constraint::Length(width)))
            .unzip();
        Table::new(rows, widths)
            .header(Row::new(header).style(theme.column_header()))
            .column_spacing(1)
            .render(table, buf);
    }
}

/// The access records of one key: the last access, then the records, the selected one marked
/// while the drawer has the focus.
struct Drawer<'a> {
    panel: &'a AccessPanel,
    last_access: Option<String>,
    language: Language,
    theme: Theme,
}

/// The longest error code the server answers with (`OperationDenied.AccessKeyOverLimit`) and
/// its glyph: the Result column gets this much before Source IP and Region get any.
const RESULT_MIN_WIDTH: u16 = 36;

impl Drawer<'_> {
    /// The title for a drawer `room` columns wide (between its corners): the key's SecretId
    /// goes first when all does not fit, as the key table marks the key too.
    fn title(&self, room: u16) -> Line<'static> {
        let (panel, theme, language) = (self.panel, self.theme, self.language);
        let mut title = vec![Span::styled(
            format!(" {} ", language.text(Text::RecordsTitle)),
            theme.title(),
        )];
        if panel.records.data.is_some() {
            let total = panel.shown_count();
            let position = if total == 0 { 0 } else { panel.cursor + 1 };
            let position = language.text(Text::Position { position, total });
            title.push(Span::raw(format!("· {position} ")));
        }
        if panel.failures_only {
            title.push(Span::styled(
                format!(
                    "· {} {} ",
                    theme::FAILED_GLYPH,
                    language.text(Text::FailuresOnly)
                ),
                theme.failed(),
            ));
        }
        title.extend(status_title(&panel.records.status, language, theme));
        let secret_id = format!("· {} ", panel.secret_id);
        if fits(&title, &secret_id, room) {
            title.insert(1, Span::styled(secret_id, theme.title()));
        }
        Line::from(title)
    }
}

impl Widget for &Drawer<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (panel, theme, language) = (self.panel, self.theme, self.language);
        let block = pane(panel.focused, theme).title(self.title(area.width.saturating_sub(2)));
        let inner = block.inner(area);
        block.render(area, buf);
        let [summary, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
        let span = Text::RecordsSpan {
            count: ACCESS_RECORDS,
        };
        Line::from(vec![
            Span::styled(
                format!("{} ", language.text(Text::LastAccess)),
                theme.label(),
            ),
            Span::raw(self.last_access.clone().unwrap_or_else(|| "…".to_owned())),
            Span::styled(format!(" · {}", language.text(span)), theme.dim()),
        ])
        .render(summary, buf);

        let note = |text: Text<'static>| Some(Line::styled(language.text(text), theme.dim()));
        let message = match (&panel.records.data, &panel.records.status) {
            (_, Status::Failed(f)) => Some(Line::styled(
                format!("{} {}", theme::FAILED_GLYPH, f.describe(language)),
                theme.failed(),
            )),
            (None, _) => note(Text::RecordsLoading),
            (Some(records), _) if records.is_empty() => note(Text::NoRecentRecords),
            (Some(_), _) if panel.shown_count() == 0 => note(Text::NoFailedRecords),
            (Some(_), _) => None,
        };
        if let Some(message) = message {
            Paragraph::new(message)
                .wrap(Wrap { trim: true })
                .render(body, buf);
            return;
        }
        RecordTable {
            panel,
            language,
            theme,
        }
        .render(body, buf);
    }
}

struct RecordTable<'a> {
    panel: &'a AccessPanel,
    language: Language,
    theme: Theme,
}

impl Widget for &RecordTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (panel, theme, language) = (self.panel, self.theme, self.language);
        let visible = usize::from(area.height.saturating_sub(1));
        let records: Vec<&AccessRecord> = panel.shown().skip(panel.offset).take(visible).collect();
        // The drawer widens into free space: full times, then where the call came from, then
        // the error's message beside its code.
        let widest = |text: fn(&AccessRecord) -> usize| {
            records.iter().map(|r| text(r)).max().unwrap_or(0) as u16
        };
        let action_needs = widest(|r| width(&r.action)).clamp(6, 27);
        // A failed call's glyph and code (the message comes only with room to spare).
        let result_needs = widest(|r| r.error.as_ref().map_or(4, |code| width(code) + 2))
            .clamp(6, RESULT_MIN_WIDTH);
        // Marker, the short time and three gaps; the action and the result share the rest, the
        // action giving way down to 19 columns so the code shows whole.
        let shared = area.width.saturating_sub(1 + 11 + 3);
        let action_width = shared
            .saturating_sub(result_needs)
            .clamp(action_needs.min(19), action_needs);
        let mut room = shared.saturating_sub(action_width);
        let full_time = room >= 8 + RESULT_MIN_WIDTH + 2 * 16;
        let time_width: u16 = if full_time { 19 } else { 11 };
        room = room.saturating_sub(time_width - 11);
        let with_ip = room >= RESULT_MIN_WIDTH + 16;
        if with_ip {
            room -= 16;
        }
        let with_region = room >= RESULT_MIN_WIDTH + 15;
        if with_region {
            room -= 15;
        }
        let result_width = usize::from(room);

        let mut widths = vec![
            Constraint::Length(1),
            Constraint::Length(time_width),
            Constraint::Length(action_width),
        ];
        let title = |text: Text<'static>| language.text(text);
        let mut header = vec![
            "".into(),
            title(Text::RecordTime),
            title(Text::RecordAction),
        ];
        if with_ip {
            widths.push(Constraint::Length(15));
            header.push(title(Text::RecordSourceIp));
        }
        if with_region {
            widths.push(Constraint::Length(14));
            header.push(title(Text::RecordRegion));
        }
        widths.push(Constraint::Fill(1));
        header.push(title(Text::RecordResult));

        let rows = records.into_iter().enumerate().map(|(i, record)| {
            let selected = panel.focused && panel.offset + i == panel.cursor;
            let time = unix_time(record.time);
            let mut cells = vec![
                Line::raw(if selected { "▸" } else { " " }),
                // Month, day, hour and minute are enough to tell the past three months apart.
                Line::raw(if full_time {
                    time
                } else {
                    time.get(5..16).unwrap_or(&time).to_owned()
                }),
                Line::raw(truncate(&record.action, usize::from(action_width))),
            ];
            if with_ip {
                cells.push(Line::raw(record.source_ip.clone()));
            }
            if with_region {
                cells.push(Line::raw(record.region.clone()));
            }
            cells.push(match &record.error {
                None => Line::styled(
                    format!("{} {}", theme::OK_GLYPH, language.text(Text::ResultOk)),
                    theme.ok(),
                ),
                Some(code) => {
                    let mut text = format!("{} {code}", theme::FAILED_GLYPH);
                    // The message beside the code, when a useful part of it fits.
                    if !record.message.is_empty() && width(&text) + 3 + 24 <= result_width {
                        text = format!("{text} — {}", record.message);
                    }
                    Line::styled(truncate(&text, result_width), theme.failed())
                }
            });
            Row::new(cells).style(theme.row(selected))
        });
        Table::new(rows, widths)
            .header(Row::new(header).style(theme.column_header()))
            .column_spacing(1)
            .render(area, buf);
    }
}
