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
use crate::cam::permissions::{PolicyGrant, PolicyKind};
use crate::i18n::words;
use crate::i18n::{Language, Text};
use crate::tui::model::Tab;
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
    /// The widest of the two kinds' words and the column's title.
    kind: usize,
    via: usize,
    /// A full time, or its date on a narrow terminal.
    attached: usize,
}

impl PolicyColumns {
    fn new(policies: &[PolicyGrant], inner: usize, language: Language) -> Self {
        let room = inner.saturating_sub(1 + INDENT.len() + 3);
        let attached = if room >= 80 { 19 } else { 10 };
        let widest = |text: &dyn Fn(&PolicyGrant) -> String| {
            policies.iter().map(|p| width(&text(p))).max().unwrap_or(0)
        };
        let title = |text: Text<'static>| width(&language.text(text));
        let kind = [PolicyKind::Preset, PolicyKind::Custom]
            .map(|kind| width(&words::policy_kind(language, kind)))
            .into_iter()
            .chain([title(Text::PolicyColumnType)])
            .max()
            .unwrap_or(0);
        let via = widest(&|p| words::via(language, &p.via).into_owned()).clamp(12, 24);
        let name = room
            .saturating_sub(kind + attached + via)
            .min(widest(&|p| p.policy_name.clone()).max(title(Text::PolicyColumnName)));
        Self {
            name,
            kind,
            via,
            attached,
        }
    }

    fn line(self, cells: [&str; 4]) -> String {
        let [name, kind, via, attached] = cells;
        format!(
            "{INDENT}{} {} {} {}",
            pad(&truncate(name, self.name), self.name),
            pad(kind, self.kind),
            pad(&truncate(via, self.via), self.via),
            truncate(attached, self.attached),
        )
    }
}

impl DetailsView<'_> {
    fn field(&self, open: &OpenUser, field: Field) -> Span<'static> {
        let (theme, language) = (self.theme, self.state.language);
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
            Field::Type => words::user_kind(language, user.kind).into_owned(),
            Field::Remark => pick(details.map(|d| d.remark.as_str()), &user.remark),
            Field::ConsoleLogin => {
                if details.map_or(user.console_login, |d| d.console_login) {
                    format!("{} {}", theme::OK_GLYPH, language.text(Text::CanLogIn))
                } else {
                    format!("– {}", language.text(Text::ApiAccessOnly))
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
                    language.text(Text::NeverLoggedIn).into_owned()
                } else {
                    d.last_login_time.clone()
                }
            }),
            Field::Created => pick(details.map(|d| d.created.as_str()), &user.created),
            Field::ApiKeys => {
                return match (&open.keys.status, open.key_summary(language)) {
                    (_, Some(summary)) => Span::raw(summary),
                    (Status::Failed(f), None) => Span::styled(
                        format!("{} {}", theme::FAILED_GLYPH, f.describe(language)),
                        theme.failed(),
                    ),
                    _ => Span::styled(language.text(Text::Loading), theme.dim()),
                };
            }
        })
    }

    /// A section's heading: its title, how many rows, and whether it is loading or failed.
    fn heading(&self, open: &OpenUser, section: Section) -> Line<'static> {
        let (theme, language) = (self.theme, self.state.language);
        let (status, count) = match section {
            Section::Permissions => (
                &open.policies.status,
                counted(&open.policies, |count| Text::PolicyCount { count }),
            ),
            Section::Groups => (
                &open.groups.status,
                counted(&open.groups, |count| Text::GroupCount { count }),
            ),
            Section::Security => (&open.security.status, None),
        };
        let mut spans = vec![Span::styled(
            format!("{} ", language.text(section.title())),
            theme.title(),
        )];
        if let Some(count) = count {
            spans.push(Span::raw(format!("· {} ", language.text(count))));
        }
        spans.extend(status_title(status, language, theme));
        Line::from(spans)
    }

    /// What a section says when it has no rows: still loading, failed, or none.
    fn note(&self, open: &OpenUser, section: Section) -> Line<'static> {
        let (theme, language) = (self.theme, self.state.language);
        let (status, none) = match section {
            Section::Permissions => (&open.policies.status, Some(Text::NoPolicy)),
            Section::Groups => (&open.groups.status, Some(Text::NoGroup)),
            Section::Security => (&open.security.status, None),
        };
        match status {
            Status::Failed(f) => Line::styled(
                format!("{INDENT}{} {}", theme::FAILED_GLYPH, f.describe(language)),
                theme.failed(),
            ),
            Status::Ready => Line::styled(
                format!(
                    "{INDENT}{}",
                    none.map(|none| language.text(none)).unwrap_or_default()
                ),
                theme.dim(),
            ),
            Status::Loading | Status::Idle => Line::styled(
                format!("{INDENT}{}", language.text(Text::Loading)),
                theme.dim(),
            ),
        }
    }

    fn line(&self, open: &OpenUser, line: DetailsLine, columns: PolicyColumns) -> Line<'static> {
        let (theme, language) = (self.theme, self.state.language);
        let labelled = |label: &str, width: usize, value: Span<'static>| {
            Line::from(vec![Span::styled(pad(label, width), theme.label()), value])
        };
        match line {
            DetailsLine::Field(field) => labelled(
                &language.text(field.label()),
                FIELD_WIDTH,
                self.field(open, field),
            ),
            DetailsLine::Gap => Line::default(),
            DetailsLine::Heading(section) => self.heading(open, section),
            DetailsLine::Columns => {
                let [name, kind, via, attached] = [
                    Text::PolicyColumnName,
                    Text::PolicyColumnType,
                    Text::PolicyColumnVia,
                    Text::PolicyColumnAttached,
                ]
                .map(|title| language.text(title));
                Line::styled(
                    columns.line([&name, &kind, &via, &attached]),
                    theme.column_header(),
                )
            }
            DetailsLine::Note(section) => self.note(open, section),
            DetailsLine::Policy(index) => {
                let Some(grant) = open.policies.data.as_ref().and_then(|p| p.get(index)) else {
                    return Line::default();
                };
                Line::raw(columns.line([
                    &grant.policy_name,
                    &words::policy_kind(language, grant.kind),
                    &words::via(language, &grant.via),
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
                let setting = match protection {
                    Protection::Login => words::login_protection(language, security),
                    Protection::Operation => words::operation_protection(language, security),
                    Protection::UnusualLogin => words::unusual_login(language, security),
                };
                let style = if setting.off {
                    theme.failed()
                } else {
                    theme.ok()
                };
                labelled(
                    &format!("{INDENT}{}", language.text(protection.label())),
                    SECTION_LABEL_WIDTH,
                    Span::styled(setting.words, style),
                )
            }
        }
    }
}

/// "3 policies", once they are in (none is said by the section's note).
fn counted<T>(remote: &Remote<Vec<T>>, text: fn(usize) -> Text<'static>) -> Option<Text<'static>> {
    match remote.data.as_ref()?.len() {
        0 => None,
        count => Some(text(count)),
    }
}

impl Widget for &DetailsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (theme, language) = (self.theme, self.state.language);
        let Some(open) = &self.state.open else {
            render_no_user(Tab::Details, language, theme, area, buf);
            return;
        };
        let mut title = vec![Span::styled(
            format!(" {} · {} ", language.text(Text::TabDetails), open.user.name),
            theme.title(),
        )];
        title.extend(status_title(&open.details.status, language, theme));
        let lines = open.details_lines();
        let rows = usize::from(area.height.saturating_sub(2));
        if lines.len() > rows {
            // More than fits: where the window is, so the sections below are not a secret.
            let first = open.details_offset + 1;
            let last = (open.details_offset + rows).min(lines.len());
            let window = Text::DetailsWindow {
                first,
                last,
                total: lines.len(),
            };
            title.push(Span::styled(
                format!("· {} ", language.text(window)),
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
            language,
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
