//! The User Details tab: every field CAM has about the open user and a summary of their keys,
//! then the sections the CAM console shows — Permissions (the policies that apply, directly and
//! through groups), Groups and Security — as lines the cursor moves over; the window scrolls
//! with it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::blocks::{render_no_user, status_title};
use super::text::{datetime, pad, truncate, width};
use crate::cam::permissions::PolicyGrant;
use crate::tui::state::{DetailsLine, Field, OpenUser, Protection, Remote, Section, State, Status};
use crate::tui::theme::{self, Theme};

pub struct DetailsView<'a> {
    pub state: &'a State,
    pub theme: Theme,
}

/// The labels' column of the profile, a gap included.
const FIELD_WIDTH: usize = 17;
/// The labels' column of the Security section (and the groups' names), a gap included.
const SECTION_LABEL_WIDTH: usize = 25;
/// Where a section's rows start, under its heading.
const INDENT: &str = "  ";

fn or_dash(text: &str) -> &str {
    if text.is_empty() { "–" } else { text }
}

/// The widths of the Permissions section's columns for an inner width.
#[derive(Debug, Clone, Copy)]
struct PolicyColumns {
    name: usize,
    via: usize,
    /// A full time, or its date on a narrow terminal.
    attached: usize,
}

impl PolicyColumns {
    const KIND: usize = 6;

    fn new(policies: &[PolicyGrant], inner: usize) -> Self {
        let room = inner.saturating_sub(1 + INDENT.len() + 3);
        let attached = if room >= 80 { 19 } else { 10 };
        let widest = |text: fn(&PolicyGrant) -> String| {
            policies.iter().map(|p| width(&text(p))).max().unwrap_or(0)
        };
        let via = widest(|p| p.via.label()).clamp(12, 24);
        let name = room
            .saturating_sub(Self::KIND + attached + via)
            .min(widest(|p| p.policy_name.clone()).max(6));
        Self {
            name,
            via,
            attached,
        }
    }

    fn line(self, cells: [&str; 4]) -> String {
        let [name, kind, via, attached] = cells;
        format!(
            "{INDENT}{} {} {} {}",
            pad(&truncate(name, self.name), self.name),
            pad(kind, Self::KIND),
            pad(&truncate(via, self.via), self.via),
            truncate(attached, self.attached),
        )
    }
}

impl DetailsView<'_> {
    fn field(&self, open: &OpenUser, field: Field) -> Span<'static> {
        let theme = self.theme;
        let (user, details) = (&open.user, open.details.data.as_ref());
        // The list row is shown at once; GetUser/DescribeSubAccounts fill in the rest.
        let pick = |from_details: Option<&str>, from_row: &str| -> String {
            or_dash(from_details.unwrap_or(from_row)).to_owned()
        };
        let pending = || match &open.details.status {
            Status::Loading | Status::Idle => "…".to_owned(),
            Status::Failed(f) => format!("{} {}", theme::FAILED_GLYPH, f.code),
            Status::Ready => "–".to_owned(),
        };
        Span::raw(match field {
            Field::Username => pick(details.map(|d| d.name.as_str()), &user.name),
            Field::Uin => user.uin.to_string(),
            Field::Uid => details.map_or(user.uid, |d| d.uid).to_string(),
            Field::Type => user.kind.label().to_owned(),
            Field::Remark => pick(details.map(|d| d.remark.as_str()), &user.remark),
            Field::ConsoleLogin => {
                if details.map_or(user.console_login, |d| d.console_login) {
                    format!("{} can log in to the console", theme::OK_GLYPH)
                } else {
                    "– API access only".to_owned()
                }
            }
            Field::Phone => pick(details.map(|d| d.phone.as_str()), &user.phone),
            Field::CountryCode => {
                pick(details.map(|d| d.country_code.as_str()), &user.country_code)
            }
            Field::Email => pick(details.map(|d| d.email.as_str()), &user.email),
            Field::LastLoginIp => {
                details.map_or_else(pending, |d| or_dash(&d.last_login_ip).to_owned())
            }
            Field::LastLoginTime => details.map_or_else(pending, |d| {
                if d.last_login_time.is_empty() {
                    "never".to_owned()
                } else {
                    d.last_login_time.clone()
                }
            }),
            Field::Created => pick(details.map(|d| d.created.as_str()), &user.created),
            Field::ApiKeys => {
                return match (&open.keys.status, open.key_summary()) {
                    (_, Some(summary)) => Span::raw(summary),
                    (Status::Failed(f), None) => {
                        Span::styled(format!("{} {f}", theme::FAILED_GLYPH), theme.failed())
                    }
                    _ => Span::styled("loading…", theme.dim()),
                };
            }
        })
    }

    /// A section's heading: its title, how many rows, and whether it is loading or failed.
    fn heading(&self, open: &OpenUser, section: Section) -> Line<'static> {
        let theme = self.theme;
        let (status, count) = match section {
            Section::Permissions => (
                &open.policies.status,
                counted(&open.policies, "policy", "policies"),
            ),
            Section::Groups => (
                &open.groups.status,
                counted(&open.groups, "group", "groups"),
            ),
            Section::Security => (&open.security.status, None),
        };
        let mut spans = vec![Span::styled(format!("{} ", section.title()), theme.title())];
        if let Some(count) = count {
            spans.push(Span::raw(format!("· {count} ")));
        }
        spans.extend(status_title(status, theme));
        Line::from(spans)
    }

    /// What a section says when it has no rows: still loading, failed, or none.
    fn note(&self, open: &OpenUser, section: Section) -> Line<'static> {
        let theme = self.theme;
        let (status, none) = match section {
            Section::Permissions => (&open.policies.status, "No policy applies to this user."),
            Section::Groups => (&open.groups.status, "In no group."),
            Section::Security => (&open.security.status, ""),
        };
        match status {
            Status::Failed(f) => Line::styled(
                format!("{INDENT}{} {f}", theme::FAILED_GLYPH),
                theme.failed(),
            ),
            Status::Ready => Line::styled(format!("{INDENT}{none}"), theme.dim()),
            Status::Loading | Status::Idle => {
                Line::styled(format!("{INDENT}loading…"), theme.dim())
            }
        }
    }

    fn line(&self, open: &OpenUser, line: DetailsLine, columns: PolicyColumns) -> Line<'static> {
        let theme = self.theme;
        let labelled = |label: &str, width: usize, value: Span<'static>| {
            Line::from(vec![Span::styled(pad(label, width), theme.label()), value])
        };
        match line {
            DetailsLine::Field(field) => {
                labelled(field.label(), FIELD_WIDTH, self.field(open, field))
            }
            DetailsLine::Gap => Line::default(),
            DetailsLine::Heading(section) => self.heading(open, section),
            DetailsLine::Columns => Line::styled(
                columns.line(["Policy", "Type", "Attached via", "Attached"]),
                theme.column_header(),
            ),
            DetailsLine::Note(section) => self.note(open, section),
            DetailsLine::Policy(index) => {
                let Some(grant) = open.policies.data.as_ref().and_then(|p| p.get(index)) else {
                    return Line::default();
                };
                Line::raw(columns.line([
                    &grant.policy_name,
                    grant.kind.label(),
                    &grant.via.label(),
                    datetime(&grant.attached, columns.attached < 19),
                ]))
            }
            DetailsLine::Group(index) => {
                let Some(group) = open.groups.data.as_ref().and_then(|g| g.get(index)) else {
                    return Line::default();
                };
                // A long name is cut a column short, so a gap always comes before the remark.
                let name_width = SECTION_LABEL_WIDTH - INDENT.len();
                let name = truncate(&group.group_name, name_width - 1);
                Line::from(vec![
                    Span::raw(format!("{INDENT}{}", pad(&name, name_width))),
                    Span::styled(group.remark.clone(), theme.dim()),
                ])
            }
            DetailsLine::Security(protection) => {
                let Some(security) = &open.security.data else {
                    return Line::default();
                };
                let value = match protection {
                    Protection::Login => security.login_label(),
                    Protection::Operation => security.operation_label(),
                    Protection::UnusualLogin => security.unusual_login_label(),
                };
                let style = if value == "off" {
                    theme.failed()
                } else {
                    theme.ok()
                };
                labelled(
                    &format!("{INDENT}{}", protection.label()),
                    SECTION_LABEL_WIDTH,
                    Span::styled(value, style),
                )
            }
        }
    }
}

/// "3 policies", once they are in (none is said by the section's note).
fn counted<T>(remote: &Remote<Vec<T>>, one: &str, many: &str) -> Option<String> {
    match remote.data.as_ref()?.len() {
        0 => None,
        1 => Some(format!("1 {one}")),
        count => Some(format!("{count} {many}")),
    }
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
        let lines = open.details_lines();
        let rows = usize::from(area.height.saturating_sub(2));
        if lines.len() > rows {
            // More than fits: where the window is, so the sections below are not a secret.
            let first = open.details_offset + 1;
            let last = (open.details_offset + rows).min(lines.len());
            title.push(Span::styled(
                format!("· lines {first}-{last} of {} (j/k) ", lines.len()),
                theme.dim(),
            ));
        }
        let block = Block::bordered()
            .border_style(theme.border())
            .title(Line::from(title));
        let inner = block.inner(area);
        block.render(area, buf);

        let columns = PolicyColumns::new(
            open.policies.data.as_deref().unwrap_or_default(),
            usize::from(inner.width),
        );
        let lines: Vec<Line<'static>> = lines
            .into_iter()
            .enumerate()
            .skip(open.details_offset)
            .take(usize::from(inner.height))
            .map(|(index, line)| {
                let selected = index == open.details_cursor;
                let mut drawn = self.line(open, line, columns);
                drawn
                    .spans
                    .insert(0, Span::raw(if selected { "▸ " } else { "  " }));
                if selected {
                    drawn = drawn.patch_style(theme.selected());
                }
                drawn
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}
