//! The User Details tab: every field CAM has about the open user, and a summary of their keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::blocks::{render_no_user, status_title};
use crate::tui::state::{OpenUser, State, Status};
use crate::tui::theme::{self, Theme};

pub struct DetailsView<'a> {
    pub state: &'a State,
    pub theme: Theme,
}

fn or_dash(text: &str) -> &str {
    if text.is_empty() { "–" } else { text }
}

fn field_lines(open: &OpenUser, theme: Theme) -> Vec<Line<'static>> {
    let user = &open.user;
    let details = open.details.data.as_ref();
    // The list row is shown at once; GetUser/DescribeSubAccounts fill in the rest.
    let pick = |from_details: Option<&str>, from_row: &str| -> String {
        or_dash(from_details.unwrap_or(from_row)).to_owned()
    };
    let pending = || match &open.details.status {
        Status::Loading | Status::Idle => "…".to_owned(),
        Status::Failed(f) => format!("{} {}", theme::FAILED_GLYPH, f.code),
        Status::Ready => "–".to_owned(),
    };
    let login = |yes: bool| {
        if yes {
            format!("{} can log in to the console", theme::OK_GLYPH)
        } else {
            "– API access only".to_owned()
        }
    };
    let fields: Vec<(&str, String)> = vec![
        (
            "Username",
            pick(details.map(|d| d.name.as_str()), &user.name),
        ),
        ("UIN", user.uin.to_string()),
        ("UID", details.map_or(user.uid, |d| d.uid).to_string()),
        ("Type", user.kind.label().to_owned()),
        (
            "Remark",
            pick(details.map(|d| d.remark.as_str()), &user.remark),
        ),
        (
            "Console login",
            login(details.map_or(user.console_login, |d| d.console_login)),
        ),
        (
            "Phone",
            pick(details.map(|d| d.phone.as_str()), &user.phone),
        ),
        (
            "Country code",
            pick(details.map(|d| d.country_code.as_str()), &user.country_code),
        ),
        (
            "Email",
            pick(details.map(|d| d.email.as_str()), &user.email),
        ),
        (
            "Last login IP",
            details.map_or_else(pending, |d| or_dash(&d.last_login_ip).to_owned()),
        ),
        (
            "Last login time",
            details.map_or_else(pending, |d| {
                if d.last_login_time.is_empty() {
                    "never".to_owned()
                } else {
                    d.last_login_time.clone()
                }
            }),
        ),
        (
            "Created",
            pick(details.map(|d| d.created.as_str()), &user.created),
        ),
    ];
    let mut lines: Vec<Line<'static>> = fields
        .into_iter()
        .map(|(label, value)| {
            Line::from(vec![
                Span::styled(format!(" {label:<16}"), theme.label()),
                Span::raw(value),
            ])
        })
        .collect();
    lines.push(Line::default());
    let keys = match (&open.keys.status, open.key_summary()) {
        (_, Some(summary)) => Span::raw(summary),
        (Status::Failed(f), None) => {
            Span::styled(format!("{} {}", theme::FAILED_GLYPH, f), theme.failed())
        }
        _ => Span::styled("loading…", theme.dim()),
    };
    lines.push(Line::from(vec![
        Span::styled(format!(" {:<16}", "API keys"), theme.label()),
        keys,
    ]));
    lines
}

impl Widget for &DetailsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let Some(open) = &self.state.open else {
            render_no_user("User Details", theme, area, buf);
            return;
        };
        let mut title = vec![Span::styled(
            format!(" User Details · {} ", open.user.name),
            theme.title(),
        )];
        title.extend(status_title(&open.details.status, theme));
        let block = Block::bordered()
            .border_style(theme.border())
            .title(Line::from(title));
        Paragraph::new(field_lines(open, theme))
            .block(block)
            .render(area, buf);
    }
}
