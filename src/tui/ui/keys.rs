//! The API Keys tab: the open user's keys with status and last access, the two rules CAM
//! enforces, and the access-records panel of the selected key.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, Widget, Wrap};

use super::blocks::{render_no_user, status_title};
use super::text::{datetime, truncate, unix_time};
use crate::cam::model::KEYS_PER_USER;
use crate::tui::geometry::{SIDE_PANEL_MIN_WIDTH, SIDE_PANEL_WIDTH};
use crate::tui::state::{ACCESS_RECORDS, AccessPanel, OpenUser, State, Status};
use crate::tui::theme::{self, Theme};

pub struct KeysView<'a> {
    pub state: &'a State,
    pub theme: Theme,
}

/// Borders, two notes, the column header and two rows.
const KEYS_BLOCK_ROWS: u16 = 2 + 2 + 1 + KEYS_PER_USER as u16;

impl Widget for &KeysView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let Some(open) = &self.state.open else {
            render_no_user("API Keys", theme, area, buf);
            return;
        };
        let Some(panel) = &open.panel else {
            KeyTable { open, theme }.render(area, buf);
            return;
        };
        let last_access = open
            .last_used_of(&panel.secret_id)
            .map(|l| match (l.at, &l.date) {
                (Some(at), _) => unix_time(at),
                (None, Some(date)) => date.clone(),
                (None, None) => "never".to_owned(),
            });
        let panel_view = RecordsPanel {
            panel,
            last_access,
            theme,
        };
        if area.width >= SIDE_PANEL_MIN_WIDTH {
            let [keys, side] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Length(SIDE_PANEL_WIDTH)])
                    .areas(area);
            KeyTable { open, theme }.render(keys, buf);
            panel_view.render(side, buf);
        } else {
            let [keys, below] =
                Layout::vertical([Constraint::Length(KEYS_BLOCK_ROWS), Constraint::Fill(1)])
                    .areas(area);
            KeyTable { open, theme }.render(keys, buf);
            panel_view.render(below, buf);
        }
    }
}

struct KeyTable<'a> {
    open: &'a OpenUser,
    theme: Theme,
}

impl Widget for &KeyTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (open, theme) = (self.open, self.theme);
        let mut title = vec![Span::styled(
            format!(" API Keys · {} ", open.user.name),
            theme.title(),
        )];
        if let Some(summary) = open.key_summary() {
            title.push(Span::raw(format!("· {summary} ")));
        }
        title.extend(status_title(&open.keys.status, theme));
        let block = Block::bordered()
            .border_style(theme.border())
            .title(Line::from(title));
        let inner = block.inner(area);
        block.render(area, buf);

        let [notes, table] =
            Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
        Paragraph::new(vec![
            Line::styled(
                format!("• At most {KEYS_PER_USER} API keys per sub-user or collaborator."),
                theme.dim(),
            ),
            Line::styled(
                "• The SecretKey is shown only once, when the key is created.",
                theme.dim(),
            ),
        ])
        .render(notes, buf);

        let keys = open.key_list();
        if keys.is_empty() {
            let message = match &open.keys.status {
                Status::Loading | Status::Idle => "Loading keys…".to_owned(),
                Status::Failed(f) => f.to_string(),
                Status::Ready => format!("{} has no API keys: c creates one.", open.user.name),
            };
            Paragraph::new(message)
                .style(theme.dim())
                .wrap(Wrap { trim: true })
                .render(table, buf);
            return;
        }

        let wide = table.width >= 100;
        let time_width: u16 = if wide { 19 } else { 10 };
        let id_width = keys
            .iter()
            .map(|k| k.access_key_id.as_str().len() as u16)
            .max()
            .unwrap_or(36)
            .max(8);
        // Marker, SecretId, Status, Created, Last access and five gaps; Description gets the rest.
        // "Last access" is one column wider than a date.
        let last_width = time_width.max(11);
        let fixed = 1 + id_width + 10 + time_width + last_width + 5;
        let description_width = table.width.saturating_sub(fixed);
        let widths = [
            Constraint::Length(1),
            Constraint::Length(id_width),
            Constraint::Length(10),
            Constraint::Length(time_width),
            Constraint::Length(description_width),
            Constraint::Length(last_width),
        ];
        let rows = keys.iter().enumerate().map(|(i, key)| {
            let last = match (
                open.last_used_of(&key.access_key_id),
                &open.last_used.status,
            ) {
                (Some(l), _) => match (l.at, &l.date) {
                    (Some(at), _) => datetime(&unix_time(at), !wide).to_owned(),
                    (None, Some(date)) => date.clone(),
                    (None, None) => "never".to_owned(),
                },
                (None, Status::Loading) => "…".to_owned(),
                (None, Status::Failed(_)) => format!("{} unknown", theme::FAILED_GLYPH),
                (None, _) => "never".to_owned(),
            };
            let selected = i == open.key_cursor;
            let row = Row::new(vec![
                Line::raw(if selected { "▸" } else { " " }),
                Line::raw(key.access_key_id.to_string()),
                Line::styled(
                    format!("{} {}", theme::status_glyph(key.status), key.status.label()),
                    theme.status(key.status),
                ),
                Line::raw(datetime(&key.create_time, !wide).to_owned()),
                Line::raw(truncate(
                    key.description.as_deref().unwrap_or_default(),
                    usize::from(description_width),
                )),
                Line::raw(last),
            ]);
            if selected {
                row.style(theme.selected())
            } else {
                row
            }
        });
        Table::new(rows, widths)
            .header(
                Row::new([
                    "",
                    "SecretId",
                    "Status",
                    "Created",
                    "Description",
                    "Last access",
                ])
                .style(theme.column_header()),
            )
            .column_spacing(1)
            .render(table, buf);
    }
}

/// The access records of one key.
struct RecordsPanel<'a> {
    panel: &'a AccessPanel,
    last_access: Option<String>,
    theme: Theme,
}

impl Widget for &RecordsPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (panel, theme) = (self.panel, self.theme);
        let mut title = vec![Span::styled(
            format!(" Access records · {} ", panel.secret_id),
            theme.title(),
        )];
        if panel.records.is_loading() {
            title.push(Span::raw("· loading… "));
        }
        let block = Block::bordered()
            .border_style(theme.border())
            .title(Line::from(title));
        let inner = block.inner(area);
        block.render(area, buf);
        let [summary, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
        Line::from(vec![
            Span::styled("Last access ", theme.label()),
            Span::raw(self.last_access.clone().unwrap_or_else(|| "…".to_owned())),
            Span::styled(
                format!(" · latest {ACCESS_RECORDS} of the past 3 months"),
                theme.dim(),
            ),
        ])
        .render(summary, buf);

        let records = match (&panel.records.data, &panel.records.status) {
            (_, Status::Failed(f)) => {
                Paragraph::new(Line::styled(
                    format!("{} {f}", theme::FAILED_GLYPH),
                    theme.failed(),
                ))
                .wrap(Wrap { trim: true })
                .render(body, buf);
                return;
            }
            (None, _) => {
                Paragraph::new("Loading access records…")
                    .style(theme.dim())
                    .render(body, buf);
                return;
            }
            (Some(records), _) if records.is_empty() => {
                Paragraph::new("No access records in the past 3 months.")
                    .style(theme.dim())
                    .render(body, buf);
                return;
            }
            (Some(records), _) => records,
        };
        let with_region = body.width >= 90;
        let time_width: u16 = if with_region { 19 } else { 14 };
        let mut widths = vec![
            Constraint::Length(time_width),
            Constraint::Length(20),
            Constraint::Length(15),
        ];
        if with_region {
            widths.push(Constraint::Length(14));
        }
        widths.push(Constraint::Fill(1));
        let mut header = vec!["Time", "Action", "Source IP"];
        if with_region {
            header.push("Region");
        }
        header.push("Result");
        let visible = usize::from(body.height.saturating_sub(1));
        let fixed = time_width + 20 + 15 + if with_region { 14 + 1 } else { 0 } + 3;
        let result_width = usize::from(body.width.saturating_sub(fixed));
        let rows = records.iter().take(visible).map(|record| {
            let mut cells = vec![
                Line::raw(if with_region {
                    unix_time(record.time)
                } else {
                    // Month and day are enough for the past three months.
                    let time = unix_time(record.time);
                    time.get(5..).unwrap_or(&time).to_owned()
                }),
                Line::raw(truncate(&record.action, 20)),
                Line::raw(record.source_ip.clone()),
            ];
            if with_region {
                cells.push(Line::raw(record.region.clone()));
            }
            cells.push(match &record.error {
                None => Line::styled(format!("{} OK", theme::OK_GLYPH), theme.ok()),
                Some(code) => Line::styled(
                    truncate(&format!("{} {code}", theme::FAILED_GLYPH), result_width),
                    theme.failed(),
                ),
            });
            Row::new(cells)
        });
        Table::new(rows, widths)
            .header(Row::new(header).style(theme.column_header()))
            .column_spacing(1)
            .render(body, buf);
    }
}
