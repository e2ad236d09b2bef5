//! The User List tab: sub-users and collaborators, filtered and sorted; only the rows in the
//! window are turned into cells, so 50,000 users draw as fast as 20.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, Widget};

use super::blocks::{filter_title, status_title};
use super::text::{datetime, truncate};
use crate::cam::model::SecretId;
use crate::tui::geometry;
use crate::tui::state::{Column, State, Status};
use crate::tui::theme::{self, Theme};

pub struct UsersView<'a> {
    pub state: &'a State,
    pub theme: Theme,
}

/// Column widths for an inner width: fixed ones first, name and remark share the rest.
fn widths(inner: u16) -> ([u16; 6], bool) {
    let wide = inner >= 100;
    // Narrow, "Login ↑" still fits when the column is sorted.
    let login = if wide { 13 } else { 7 };
    let created = if wide { 19 } else { 10 };
    // The marker column, five fixed columns and six gaps.
    let fixed = 1 + 12 + 12 + login + created + 6;
    let rest = inner.saturating_sub(fixed);
    let name = rest * 11 / 20;
    ([name, 12, 12, rest - name, login, created], wide)
}

impl UsersView<'_> {
    fn title(&self) -> Line<'static> {
        let users = &self.state.users;
        let theme = self.theme;
        let mut spans = vec![Span::styled(" User List ", theme.title())];
        spans.extend(status_title(&users.load.status, theme));
        if users.load.data.is_some() {
            if users.filter.is_empty() {
                spans.push(Span::raw(format!("· {} users ", users.total())));
            } else {
                spans.push(Span::raw(format!(
                    "· {} of {} users ",
                    users.shown(),
                    users.total()
                )));
            }
        }
        spans.extend(filter_title(&users.filter, users.editing.as_ref(), theme));
        if let Some((column, descending)) = users.sort {
            let arrow = if descending { "↓" } else { "↑" };
            spans.push(Span::raw(format!("· sort: {} {arrow} ", column.title())));
        }
        Line::from(spans)
    }
}

impl Widget for &UsersView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (state, theme) = (self.state, self.theme);
        let users = &state.users;
        let block = Block::bordered()
            .border_style(theme.border())
            .title(self.title());
        let inner = block.inner(area);
        block.render(area, buf);

        if users.shown() == 0 {
            let message = match (&users.load.status, users.load.data.is_some()) {
                (Status::Loading | Status::Idle, false) => "Loading users…".to_owned(),
                (Status::Failed(f), false) => f.to_string(),
                _ if SecretId::parse(users.filter.trim()).is_some() => format!(
                    "{} is a SecretId: Enter finds the user who owns it",
                    users.filter.trim()
                ),
                _ if users.editing.is_some() => format!(
                    "No user matches \"{}\" (Esc brings back the filter before /)",
                    users.filter
                ),
                _ if !users.filter.is_empty() => {
                    format!(
                        "No user matches \"{}\" (Esc clears the filter)",
                        users.filter
                    )
                }
                _ => "This account has no sub-users or collaborators".to_owned(),
            };
            Paragraph::new(message)
                .style(theme.dim())
                .wrap(ratatui::widgets::Wrap { trim: true })
                .render(inner, buf);
            return;
        }

        let (widths, wide) = widths(inner.width);
        let titles = Column::ALL.map(|c| match c {
            Column::ConsoleLogin if !wide => "Login",
            other => other.title(),
        });
        let titles = titles
            .iter()
            .zip(Column::ALL)
            .map(|(title, column)| match users.sort {
                Some((sorted, descending)) if sorted == column => {
                    format!("{title} {}", if descending { "↓" } else { "↑" })
                }
                _ => (*title).to_owned(),
            });
        let header =
            Row::new(std::iter::once(String::new()).chain(titles)).style(theme.column_header());

        let rows_fit =
            geometry::user_list_rows(state.size).min(usize::from(inner.height.saturating_sub(1)));
        let rows = users
            .window(users.offset, rows_fit)
            .enumerate()
            .map(|(i, user)| {
                let login = if user.console_login {
                    format!("{} yes", theme::OK_GLYPH)
                } else {
                    "– no".to_owned()
                };
                let selected = users.offset + i == users.cursor;
                Row::new([
                    if selected { "▸" } else { " " }.to_owned(),
                    truncate(&user.name, usize::from(widths[0])),
                    user.uin.to_string(),
                    user.kind.label().to_owned(),
                    truncate(&user.remark, usize::from(widths[3])),
                    login,
                    datetime(&user.created, !wide).to_owned(),
                ])
                .style(theme.row(selected))
            });
        let constraints =
            std::iter::once(Constraint::Length(1)).chain(widths.map(Constraint::Length));
        Table::new(rows, constraints)
            .header(header)
            .column_spacing(1)
            .render(inner, buf);
    }
}
