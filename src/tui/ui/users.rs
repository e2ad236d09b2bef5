//! The User List tab: sub-users and collaborators, filtered and sorted; only the rows in the
//! window are turned into cells, so 50,000 users draw as fast as 20.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, Widget};

use super::blocks::{filter_title, sort_title, status_title};
use super::text::{datetime, truncate};
use crate::cam::model::SecretId;
use crate::i18n::Text;
use crate::i18n::words;
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
        let (theme, language) = (self.theme, self.state.language);
        let mut spans = vec![Span::styled(
            format!(" {} ", language.text(Text::TabUsers)),
            theme.title(),
        )];
        spans.extend(status_title(&users.load.status, language, theme));
        if users.load.data.is_some() {
            let count = if users.filter.is_empty() {
                Text::UserCount {
                    count: users.total(),
                }
            } else {
                Text::UsersShown {
                    shown: users.shown(),
                    total: users.total(),
                }
            };
            spans.push(Span::raw(format!("· {} ", language.text(count))));
        }
        spans.extend(filter_title(
            &users.filter,
            users.editing.as_ref(),
            language,
            theme,
        ));
        if let Some((column, descending)) = users.sort {
            spans.push(sort_title(column.title(), descending, language));
        }
        Line::from(spans)
    }
}

impl Widget for &UsersView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (state, theme, language) = (self.state, self.theme, self.state.language);
        let users = &state.users;
        let block = Block::bordered()
            .border_style(theme.border())
            .title(self.title());
        let inner = block.inner(area);
        block.render(area, buf);

        if users.shown() == 0 {
            let filter = &users.filter;
            let message = match (&users.load.status, users.load.data.is_some()) {
                (Status::Loading | Status::Idle, false) => language.text(Text::UsersLoading),
                (Status::Failed(f), false) => f.describe(language).into(),
                _ if SecretId::parse(filter.trim()).is_some() => {
                    language.text(Text::FilterIsSecretId {
                        secret_id: filter.trim(),
                    })
                }
                _ if users.editing.is_some() => {
                    language.text(Text::NoUserMatchesEditing { filter })
                }
                _ if !filter.is_empty() => language.text(Text::NoUserMatches { filter }),
                _ => language.text(Text::NoUsers),
            };
            Paragraph::new(message)
                .style(theme.dim())
                .wrap(ratatui::widgets::Wrap { trim: true })
                .render(inner, buf);
            return;
        }

        let (widths, wide) = widths(inner.width);
        let titles = Column::ALL.map(|c| match c {
            Column::ConsoleLogin if !wide => language.text(Text::LabelLoginShort),
            other => language.text(other.title()),
        });
        let titles = titles
            .iter()
            .zip(Column::ALL)
            .map(|(title, column)| match users.sort {
                Some((sorted, descending)) if sorted == column => {
                    format!("{title} {}", if descending { "↓" } else { "↑" })
                }
                _ => title.to_string(),
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
                    format!("{} {}", theme::OK_GLYPH, language.text(Text::LoginYes))
                } else {
                    format!("– {}", language.text(Text::LoginNo))
                };
                let selected = users.offset + i == users.cursor;
                Row::new([
                    if selected { "▸" } else { " " }.to_owned(),
                    truncate(&user.name, usize::from(widths[0])),
                    user.uin.to_string(),
                    words::user_kind(language, user.kind).into_owned(),
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
