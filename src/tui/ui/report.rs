//! The Key Report tab: how far the loading is, the quick filters with how many keys each would
//! show, and every key of the account with its owner, status, age, last use and flags — only the
//! rows in the window are turned into cells, so 20,000 keys draw as fast as 20. And the box a
//! bulk disable shows its results in.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, Widget, Wrap};

use super::blocks::{filter_title, popup, progress_line};
use super::text::{datetime, duration, truncate};
use crate::cam::report::{Flag, ReportRow};
use crate::tui::geometry::{self, REPORT_STATUS_ROWS};
use crate::tui::report_table::{KeyReport, Loading};
use crate::tui::state::{BulkDisable, State};
use crate::tui::theme::{self, Theme};

pub struct ReportView<'a> {
    pub state: &'a State,
    pub theme: Theme,
}

/// The key that toggles each flag's quick filter, as the legend shows it.
fn flag_key(flag: Flag) -> char {
    match flag {
        Flag::NeverUsed => 'n',
        Flag::Unused => 'u',
        Flag::Old => 'o',
        Flag::Disabled => 'i',
        Flag::TwoEnabled => 't',
    }
}

impl ReportView<'_> {
    fn title(&self) -> Line<'static> {
        let (report, theme) = (&self.state.report, self.theme);
        let mut spans = vec![Span::styled(" Key Report ", theme.title())];
        if report.total() > 0 {
            spans.push(Span::raw(if report.shown() == report.total() {
                format!("· {} keys ", report.total())
            } else {
                format!("· {} of {} keys ", report.shown(), report.total())
            }));
        }
        spans.extend(filter_title(&report.filter, report.editing.as_ref(), theme));
        if let Some((column, descending)) = report.sort {
            let arrow = if descending { "↓" } else { "↑" };
            spans.push(Span::raw(format!("· sort: {} {arrow} ", column.title())));
        }
        let marked = report.marked_count();
        if marked > 0 {
            spans.push(Span::styled(format!("· {marked} marked "), theme.key()));
        }
        Line::from(spans)
    }
}

impl Widget for &ReportView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (state, theme) = (self.state, self.theme);
        let report = &state.report;
        let block = Block::bordered()
            .border_style(theme.border())
            .title(self.title());
        let inner = block.inner(area);
        block.render(area, buf);
        let [status, legend, table] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(REPORT_STATUS_ROWS - 1),
            Constraint::Fill(1),
        ])
        .areas(inner);
        loading_line(report, theme, status.width).render(status, buf);
        quick_filters(report, theme, legend.width).render(legend, buf);

        if report.shown() == 0 {
            let message = match (&report.loading, report.total()) {
                (Loading::Idle | Loading::Running { .. }, 0) => "Loading keys…".to_owned(),
                (Loading::Failed(f), 0) => f.to_string(),
                (_, 0) => "This account has no API keys".to_owned(),
                _ if report.editing.is_some() => {
                    "No key matches the filters (Esc brings back the filter before /)".to_owned()
                }
                _ => "No key matches the filters (Esc clears them)".to_owned(),
            };
            Paragraph::new(message)
                .style(theme.dim())
                .wrap(Wrap { trim: true })
                .render(table, buf);
            return;
        }
        KeyRows { state, theme }.render(table, buf);
    }
}

/// How far the loading is, or how it ended.
fn loading_line(report: &KeyReport, theme: Theme, width: u16) -> Line<'static> {
    let width = usize::from(width);
    match &report.loading {
        Loading::Idle => Line::styled("Loading starts once the User List is in", theme.dim()),
        Loading::Running { progress, .. } => {
            let left = progress.eta.map_or_else(
                || "time left: after the first users".to_owned(),
                |eta| format!("about {} left", duration(eta)),
            );
            let text = format!(
                " {:>3.0} %  {} of {} users · {} keys · {left} · X stops, keeping what is in",
                progress.ratio() * 100.0,
                progress.done,
                progress.total,
                report.total()
            );
            progress_line(progress.ratio(), &text, width, theme)
        }
        Loading::Done { skipped: 0 } => {
            Line::styled("Every user's keys are in · r loads them again", theme.dim())
        }
        Loading::Done { skipped } => Line::styled(
            format!(
                "Every user's keys are in but {skipped} users' (could not be listed) · r loads them again"
            ),
            theme.failed(),
        ),
        Loading::Stopped { progress } => Line::styled(
            format!(
                "Stopped after {} of {} users: the others' keys are not here · r loads them all",
                progress.done, progress.total
            ),
            theme.flash(crate::tui::state::Level::Warning),
        ),
        Loading::Failed(failure) => Line::styled(
            truncate(&format!("{} {failure}", theme::FAILED_GLYPH), width),
            theme.failed(),
        ),
    }
}

/// `n never-used 12  u unused-90d 3 …`: each flag's key and count (shorter words when the line
/// is narrow), the ones in use ticked.
fn quick_filters(report: &KeyReport, theme: Theme, width: u16) -> Line<'static> {
    let stale_days = report
        .staleness
        .map_or(crate::cam::report::DEFAULT_STALE_DAYS, |s| s.days);
    let line = |short: bool| {
        let mut spans = Vec::new();
        for flag in Flag::ALL {
            let on = report.quick.contains(flag);
            let name = if short {
                short_name(flag)
            } else {
                flag.name(stale_days)
            };
            spans.push(Span::styled(flag_key(flag).to_string(), theme.key()));
            let text = format!(" {name} {}", report.count(flag));
            spans.push(if on {
                Span::styled(format!("{text} ✓"), theme.selected())
            } else {
                Span::raw(text)
            });
            spans.push(Span::raw("  "));
        }
        Line::from(spans)
    };
    let full = line(false);
    if full.width() <= usize::from(width) {
        full
    } else {
        line(true)
    }
}

/// A flag in a word, for narrow screens.
fn short_name(flag: Flag) -> String {
    match flag {
        Flag::NeverUsed => "never",
        Flag::Unused => "unused",
        Flag::Old => "old",
        Flag::Disabled => "disabled",
        Flag::TwoEnabled => "2 on",
    }
    .to_owned()
}

struct KeyRows<'a> {
    state: &'a State,
    theme: Theme,
}

/// How much of a key a row shows, by the room there is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Room {
    /// Owner, SecretId, a status glyph, last used, flag keys.
    Narrow,
    /// Also the status word and when the key was created.
    Medium,
    /// Also the type, age and idle days, and the flags' names.
    Wide,
}

const ID: u16 = 36;
const STATUS: u16 = 10;
const DATE: u16 = 10;
const TYPE: u16 = 12;
const DAYS: u16 = 6;

/// The room for a table `inner` wide, the owner's width and the flags'.
fn widths(inner: u16) -> (Room, u16, u16) {
    let room = match inner {
        150.. => Room::Wide,
        100.. => Room::Medium,
        _ => Room::Narrow,
    };
    // The marks, the fixed columns and the gaps between all of them.
    let fixed = match room {
        Room::Wide => 2 + TYPE + ID + STATUS + DATE + DAYS + DATE + DAYS + 9,
        Room::Medium => 2 + ID + STATUS + DATE + DATE + 6,
        Room::Narrow => 2 + ID + 1 + DATE + 5,
    };
    let rest = inner.saturating_sub(fixed);
    let owner = (rest * 3 / 5).max(6);
    (room, owner, rest.saturating_sub(owner))
}

impl Widget for &KeyRows<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (state, theme) = (self.state, self.theme);
        let report = &state.report;
        let (room, owner_width, flags_width) = widths(area.width);
        let now = report.staleness.map_or(0, |s| s.now);
        let stale_days = report
            .staleness
            .map_or(crate::cam::report::DEFAULT_STALE_DAYS, |s| s.days);
        let rows_fit =
            geometry::report_rows(state.size).min(usize::from(area.height.saturating_sub(1)));
        let cells = |row: &ReportRow, marked: bool, selected: bool| -> Row<'static> {
            let flags: Vec<String> = if room == Room::Wide {
                row.flags.names(stale_days)
            } else {
                row.flags.iter().map(|f| flag_key(f).to_string()).collect()
            };
            let days = |d: Option<i64>| d.map(|d| format!("{d} d")).unwrap_or_default();
            let status = theme.status(row.key.status);
            let glyph = theme::status_glyph(row.key.status);
            let mut cells = vec![
                Line::raw(format!(
                    "{}{}",
                    if selected { "▸" } else { " " },
                    if marked { "✓" } else { " " }
                )),
                Line::raw(truncate(&row.owner.name, usize::from(owner_width))),
            ];
            if room == Room::Wide {
                cells.push(Line::raw(row.owner.kind.label()));
            }
            cells.push(Line::raw(row.key.access_key_id.to_string()));
            if room == Room::Narrow {
                cells.push(Line::styled(glyph, status));
            } else {
                cells.push(Line::styled(
                    format!("{glyph} {}", row.key.status.label()),
                    status,
                ));
                cells.push(Line::raw(datetime(&row.key.create_time, true).to_owned()));
            }
            if room == Room::Wide {
                cells.push(Line::raw(days(row.age_days(now))));
            }
            cells.push(Line::raw(row.last_used.map_or_else(
                || "never".to_owned(),
                |used| datetime(&used.text(), true).to_owned(),
            )));
            if room == Room::Wide {
                cells.push(Line::raw(days(row.idle_days(now))));
            }
            cells.push(Line::styled(
                truncate(&flags.join(" "), usize::from(flags_width)),
                theme.dim(),
            ));
            let row = Row::new(cells);
            if selected {
                row.style(theme.selected())
            } else {
                row
            }
        };
        let rows = report
            .window(report.offset, rows_fit)
            .enumerate()
            .map(|(i, (row, marked))| cells(row, marked, report.offset + i == report.cursor));
        let mut columns = vec![("", 2), ("Owner", owner_width)];
        if room == Room::Wide {
            columns.push(("Type", TYPE));
        }
        columns.push(("SecretId", ID));
        if room == Room::Narrow {
            columns.push(("", 1));
        } else {
            columns.extend([("Status", STATUS), ("Created", DATE)]);
        }
        if room == Room::Wide {
            columns.push(("Age", DAYS));
        }
        columns.push(("Last used", DATE));
        if room == Room::Wide {
            columns.push(("Idle", DAYS));
        }
        columns.push(("Flags", flags_width));
        let (header, constraints): (Vec<&str>, Vec<Constraint>) = columns
            .into_iter()
            .map(|(title, width)| (title, Constraint::Length(width)))
            .unzip();
        Table::new(rows, constraints)
            .header(Row::new(header).style(theme.column_header()))
            .column_spacing(1)
            .render(area, buf);
    }
}

/// A bulk disable: how far it is, and every key that failed with its Code, Message and
/// RequestId.
pub struct BulkView<'a> {
    pub bulk: &'a BulkDisable,
    pub theme: Theme,
}

impl Widget for &BulkView<'_> {
    /// `area` is the body: the box is centred in it.
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (bulk, theme) = (self.bulk, self.theme);
        let width = 96.min(area.width);
        let inner_width = usize::from(width.saturating_sub(4));
        let ratio = bulk.answered() as f64 / bulk.total.max(1) as f64;
        let counts = format!(
            " {} of {} · {} disabled · {} failed",
            bulk.answered(),
            bulk.total,
            bulk.disabled,
            bulk.failures.len()
        );
        let mut lines = vec![
            progress_line(ratio, &counts, inner_width, theme),
            Line::default(),
        ];
        if bulk.failures.is_empty() {
            lines.push(Line::styled(
                if bulk.finished {
                    "No key failed."
                } else {
                    "No key has failed so far."
                },
                theme.dim(),
            ));
        }
        for (key, failure) in bulk.failures.iter().take(8) {
            lines.push(Line::styled(
                truncate(
                    &format!(
                        "{} {}: {} of {}",
                        theme::FAILED_GLYPH,
                        failure.code,
                        key.secret_id,
                        key.owner
                    ),
                    inner_width,
                ),
                theme.failed(),
            ));
            // The RequestId first: it is what support asks for, and never the part cut off.
            lines.push(Line::styled(
                truncate(
                    &format!(
                        "  RequestId {} · {}",
                        failure
                            .request_id
                            .as_deref()
                            .unwrap_or("none: no API answer"),
                        failure.message
                    ),
                    inner_width,
                ),
                theme.dim(),
            ));
        }
        if bulk.failures.len() > 8 {
            lines.push(Line::styled(
                format!(
                    "… and {} more (@ lists every call)",
                    bulk.failures.len() - 8
                ),
                theme.dim(),
            ));
        }
        lines.push(Line::default());
        lines.push(Line::styled(
            match (bulk.finished, bulk.stopping) {
                (true, _) => "Done · Esc closes · @ shows every call",
                (false, true) => "Stopping after the call in flight…",
                (false, false) => {
                    "One key at a time, at most 5 a second · Esc stops after the call in flight"
                }
            },
            theme.dim(),
        ));
        let title = if bulk.finished {
            format!(" Disabled {} of {} keys ", bulk.disabled, bulk.total)
        } else {
            format!(" Disabling {} keys ", bulk.total)
        };
        let inner = popup(
            area,
            width,
            lines.len() as u16 + 2,
            Line::styled(title, theme.title()),
            theme,
            buf,
        );
        Paragraph::new(lines).render(inner, buf);
    }
}
