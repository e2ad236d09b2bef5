//! The Key Report tab: how far the loading is, the quick filters with how many keys each would
//! show, and every key of the account with its owner, status, age, last use and flags — only the
//! rows in the window are turned into cells, so 20,000 keys draw as fast as 20. And the box a
//! bulk disable shows its results in.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, Widget, Wrap};

use super::blocks::{filter_title, popup, progress_line, sort_title};
use super::text::{datetime, duration, truncate};
use crate::cam::report::{Flag, ReportRow};
use crate::i18n::words;
use crate::i18n::{Language, Text};
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
        let (report, theme, language) = (&self.state.report, self.theme, self.state.language);
        let mut spans = vec![Span::styled(
            format!(" {} ", language.text(Text::TabReport)),
            theme.title(),
        )];
        if report.total() > 0 {
            let count = if report.shown() == report.total() {
                Text::ReportKeys {
                    count: report.total(),
                }
            } else {
                Text::ReportKeysShown {
                    shown: report.shown(),
                    total: report.total(),
                }
            };
            spans.push(Span::raw(format!("· {} ", language.text(count))));
        }
        spans.extend(filter_title(
            &report.filter,
            report.editing.as_ref(),
            language,
            theme,
        ));
        if let Some((column, descending)) = report.sort {
            spans.push(sort_title(column.title(), descending, language));
        }
        let count = report.marked_count();
        if count > 0 {
            spans.push(Span::styled(
                format!("· {} ", language.text(Text::Marked { count })),
                theme.key(),
            ));
        }
        Line::from(spans)
    }
}

impl Widget for &ReportView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (state, theme, language) = (self.state, self.theme, self.state.language);
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
        loading_line(report, language, theme, status.width).render(status, buf);
        quick_filters(report, language, theme, legend.width).render(legend, buf);

        if report.shown() == 0 {
            let message = match (&report.loading, report.total()) {
                (Loading::Idle | Loading::Running { .. }, 0) => language.text(Text::KeysLoading),
                (Loading::Failed(f), 0) => f.describe(language).into(),
                (_, 0) => language.text(Text::NoKeysInAccount),
                _ if report.editing.is_some() => language.text(Text::NoKeyMatchesEditing),
                _ => language.text(Text::NoKeyMatches),
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
fn loading_line(report: &KeyReport, language: Language, theme: Theme, width: u16) -> Line<'static> {
    let width = usize::from(width);
    let say = |text: Text<'_>| language.text(text);
    match &report.loading {
        Loading::Idle => Line::styled(say(Text::ReportWaitsForUsers), theme.dim()),
        Loading::Running { progress, .. } => {
            let left = progress.eta.map_or_else(
                || say(Text::ReportEtaUnknown),
                |eta| {
                    say(Text::SearchEta {
                        left: &duration(eta),
                    })
                },
            );
            let text = format!(
                " {:>3.0} %  {}",
                progress.ratio() * 100.0,
                say(Text::ReportProgress {
                    done: progress.done,
                    total: progress.total,
                    keys: report.total(),
                    left: &left,
                })
            );
            progress_line(progress.ratio(), &text, width, theme)
        }
        Loading::Done { skipped: 0 } => Line::styled(say(Text::ReportDone), theme.dim()),
        Loading::Done { skipped } => Line::styled(
            say(Text::ReportDoneSkipped { skipped: *skipped }),
            theme.failed(),
        ),
        Loading::Stopped { progress } => Line::styled(
            say(Text::ReportStopped {
                done: progress.done,
                total: progress.total,
            }),
            theme.flash(crate::tui::state::Level::Warning),
        ),
        Loading::Failed(failure) => Line::styled(
            truncate(
                &format!("{} {}", theme::FAILED_GLYPH, failure.describe(language)),
                width,
            ),
            theme.failed(),
        ),
    }
}

/// `n never-used 12  u unused-90d 3 …`: each flag's key and count (shorter words when the line
/// is narrow), the ones in use ticked.
fn quick_filters(
    report: &KeyReport,
    language: Language,
    theme: Theme,
    width: u16,
) -> Line<'static> {
    let stale_days = report
        .staleness
        .map_or(crate::cam::report::DEFAULT_STALE_DAYS, |s| s.days);
    let line = |short: bool| {
        let mut spans = Vec::new();
        for flag in Flag::ALL {
            let on = report.quick.contains(flag);
            let name = if short {
                words::flag_short(language, flag)
            } else {
                words::flag(language, flag, stale_days)
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
        let (state, theme, language) = (self.state, self.theme, self.state.language);
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
                row.flags
                    .iter()
                    .map(|flag| words::flag(language, flag, stale_days).into_owned())
                    .collect()
            } else {
                row.flags.iter().map(|f| flag_key(f).to_string()).collect()
            };
            let days = |d: Option<i64>| {
                d.map(|count| language.text(Text::Days { count }).into_owned())
                    .unwrap_or_default()
            };
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
                cells.push(Line::raw(words::user_kind(language, row.owner.kind)));
            }
            cells.push(Line::raw(row.key.access_key_id.to_string()));
            if room == Room::Narrow {
                cells.push(Line::styled(glyph, status));
            } else {
                cells.push(Line::styled(
                    format!("{glyph} {}", words::key_status(language, row.key.status)),
                    status,
                ));
                cells.push(Line::raw(datetime(&row.key.create_time, true).to_owned()));
            }
            if room == Room::Wide {
                cells.push(Line::raw(days(row.age_days(now))));
            }
            cells.push(Line::raw(row.last_used.map_or_else(
                || language.text(Text::NeverUsed).into_owned(),
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
        let title = |text: Text<'static>| language.text(text);
        let mut columns = vec![("".into(), 2), (title(Text::ReportOwner), owner_width)];
        if room == Room::Wide {
            columns.push((title(Text::LabelType), TYPE));
        }
        columns.push(("SecretId".into(), ID));
        if room == Room::Narrow {
            columns.push(("".into(), 1));
        } else {
            columns.extend([
                (title(Text::KeyColumnStatus), STATUS),
                (title(Text::LabelCreated), DATE),
            ]);
        }
        if room == Room::Wide {
            columns.push((title(Text::ReportAge), DAYS));
        }
        columns.push((title(Text::ReportLastUsed), DATE));
        if room == Room::Wide {
            columns.push((title(Text::ReportIdle), DAYS));
        }
        columns.push((title(Text::ReportFlags), flags_width));
        let (header, constraints): (Vec<Cow<'static, str>>, Vec<Constraint>) = columns
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
    pub language: Language,
    pub theme: Theme,
}

impl Widget for &BulkView<'_> {
    /// `area` is the body: the box is centred in it.
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (bulk, theme, language) = (self.bulk, self.theme, self.language);
        let say = |text: Text<'_>| language.text(text);
        let width = 96.min(area.width);
        let inner_width = usize::from(width.saturating_sub(4));
        let ratio = bulk.answered() as f64 / bulk.total.max(1) as f64;
        let counts = format!(
            " {}",
            say(Text::BulkCounts {
                answered: bulk.answered(),
                total: bulk.total,
                disabled: bulk.disabled,
                failed: bulk.failures.len(),
            })
        );
        let mut lines = vec![
            progress_line(ratio, &counts, inner_width, theme),
            Line::default(),
        ];
        if bulk.failures.is_empty() {
            lines.push(Line::styled(
                say(if bulk.finished {
                    Text::NoKeyFailed
                } else {
                    Text::NoKeyFailedYet
                }),
                theme.dim(),
            ));
        }
        for (key, failure) in bulk.failures.iter().take(8) {
            lines.push(Line::styled(
                truncate(
                    &format!(
                        "{} {}",
                        theme::FAILED_GLYPH,
                        say(Text::BulkFailure {
                            code: &failure.code,
                            secret_id: key.secret_id.as_str(),
                            owner: &key.owner,
                        })
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
                            .map_or_else(|| say(Text::NoApiAnswerShort), Cow::Borrowed),
                        failure.message
                    ),
                    inner_width,
                ),
                theme.dim(),
            ));
        }
        if bulk.failures.len() > 8 {
            let more = Text::AndMoreCalls {
                count: bulk.failures.len() - 8,
            };
            lines.push(Line::styled(say(more), theme.dim()));
        }
        lines.push(Line::default());
        lines.push(Line::styled(
            say(match (bulk.finished, bulk.stopping) {
                (true, _) => Text::BulkDone,
                (false, true) => Text::BulkStopping,
                (false, false) => Text::BulkRunning,
            }),
            theme.dim(),
        ));
        let title = say(if bulk.finished {
            Text::BulkTitleDone {
                disabled: bulk.disabled,
                total: bulk.total,
            }
        } else {
            Text::BulkTitleRunning { total: bulk.total }
        });
        let title = format!(" {title} ");
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
