//! The API-call log overlay (`@`): one row per call of this run — time, service, action,
//! target, latency, HTTP status, result and RequestId — with the selected call in full below.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, Widget};

use super::blocks::{filter_title, fits};
use super::layout;
use super::text::{truncate, width};
use crate::cam::model::Service;
use crate::cam::transport::CallRecord;
use crate::tui::call_log::{CallLog, LogView};
use crate::tui::geometry::CALL_LOG_DETAIL_ROWS;
use crate::tui::model::unix_time;
use crate::tui::theme::{self, Theme};

pub struct CallLogView<'a> {
    pub log: &'a CallLog,
    pub view: &'a LogView,
    pub theme: Theme,
}

/// `3.2 ms`, `120 ms`, `1.25 s`.
pub fn latency(duration: std::time::Duration) -> String {
    let ms = duration.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.1} ms")
    } else if ms < 1000.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{:.2} s", ms / 1000.0)
    }
}

fn service(service: Service) -> &'static str {
    match service {
        Service::Cam => "cam",
        Service::CloudAudit => "audit",
    }
}

/// `HH:MM:SS`, Beijing time like every other time on screen.
fn clock(record: &CallRecord) -> String {
    let full = unix_time(record.at.timestamp());
    full.get(11..).unwrap_or(&full).to_owned()
}

fn ok(record: &CallRecord) -> bool {
    record.result == "OK"
}

impl Widget for &CallLogView<'_> {
    /// `area` is the body, which the log covers.
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (log, view, theme) = (self.log, self.view, self.theme);
        layout::clear(area, buf);
        let mut title = vec![Span::styled(" API calls ", theme.title())];
        let failed = log.matching("").filter(|r| !ok(r)).count();
        title.push(Span::raw(format!("· {} this run ", log.total())));
        if failed > 0 {
            title.push(Span::styled(
                format!("· {} {failed} failed ", theme::FAILED_GLYPH),
                theme.failed(),
            ));
        }
        if log.total() > log.len() {
            title.push(Span::raw(format!("· latest {} kept ", log.len())));
        }
        let shown: Vec<&CallRecord> = log.matching(&view.filter).collect();
        if view.editing.is_some() || !view.filter.is_empty() {
            title.push(Span::raw(format!("· {} match ", shown.len())));
            title.extend(filter_title(&view.filter, view.editing.as_ref(), theme));
        }
        let room = area.width.saturating_sub(2);
        for (hint, shows) in [
            ("· following ", view.follow && !shown.is_empty()),
            ("· Esc closes ", true),
        ] {
            if shows && fits(&title, hint, room) {
                title.push(Span::styled(hint, theme.dim()));
            }
        }
        let block = Block::bordered()
            .border_style(theme.title())
            .title(Line::from(title));
        let inner = block.inner(area);
        block.render(area, buf);
        if shown.is_empty() {
            let message = if log.is_empty() {
                "No API calls yet in this run.".to_owned()
            } else {
                format!(
                    "No call matches \"{}\" (Esc clears the filter)",
                    view.filter
                )
            };
            Paragraph::new(message)
                .style(theme.dim())
                .render(inner, buf);
            return;
        }
        let [table_area, detail_area] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(CALL_LOG_DETAIL_ROWS),
        ])
        .areas(inner);

        let visible = usize::from(table_area.height.saturating_sub(1));
        let window: Vec<&CallRecord> = shown
            .iter()
            .skip(view.offset)
            .take(visible)
            .copied()
            .collect();
        // Marker, time, service, action, latency and HTTP are fixed. Of the rest, the target
        // and the result get what the calls on screen need, and the RequestId what is left —
        // none on a narrow terminal: the detail lines below always show it whole.
        // Eight columns, seven gaps.
        let fixed = 1 + 8 + 5 + 20 + 8 + 4 + 7;
        let rest = inner.width.saturating_sub(fixed);
        let needed = |text: fn(&CallRecord) -> usize, most: u16| {
            window
                .iter()
                .map(|r| text(r))
                .max()
                .unwrap_or(0)
                .clamp(6, usize::from(most)) as u16
        };
        let target_width = needed(|r| width(&r.target), 40).min(rest * 3 / 5);
        let result_width = needed(|r| width(&r.result) + 2, 36).min(rest - target_width);
        let request_id_width = rest.saturating_sub(target_width + result_width + 1);
        let with_request_id = request_id_width >= 9;
        let result_width = if with_request_id {
            result_width
        } else {
            rest - target_width
        };
        let mut widths = vec![
            Constraint::Length(1),
            Constraint::Length(8),
            Constraint::Length(5),
            Constraint::Length(20),
            Constraint::Length(target_width),
            Constraint::Length(8),
            Constraint::Length(4),
            Constraint::Length(result_width),
        ];
        let mut header = vec![
            "", "Time", "Svc", "Action", "Target", "Latency", "HTTP", "Result",
        ];
        if with_request_id {
            widths.push(Constraint::Length(request_id_width));
            header.push("RequestId");
        }
        let rows = window.into_iter().enumerate().map(|(i, record)| {
            let selected = view.offset + i == view.cursor;
            let result = if ok(record) {
                Line::styled(format!("{} OK", theme::OK_GLYPH), theme.ok())
            } else {
                Line::styled(
                    truncate(
                        &format!("{} {}", theme::FAILED_GLYPH, record.result),
                        usize::from(result_width),
                    ),
                    theme.failed(),
                )
            };
            let mut cells = vec![
                Line::raw(if selected { "▸" } else { " " }),
                Line::raw(clock(record)),
                Line::raw(service(record.service)),
                Line::raw(truncate(&record.action, 20)),
                Line::raw(truncate(&record.target, usize::from(target_width))),
                Line::raw(latency(record.latency)),
                Line::raw(
                    record
                        .http_status
                        .map_or_else(|| "–".to_owned(), |s| s.to_string()),
                ),
                result,
            ];
            if with_request_id {
                cells.push(Line::raw(truncate(
                    record.request_id.as_deref().unwrap_or("–"),
                    usize::from(request_id_width),
                )));
            }
            Row::new(cells).style(theme.row(selected))
        });
        Table::new(rows, widths)
            .header(Row::new(header).style(theme.column_header()))
            .column_spacing(1)
            .render(table_area, buf);

        if let Some(record) = shown.get(view.cursor) {
            let attempts = if record.attempts == 1 {
                "1 attempt".to_owned()
            } else {
                format!("{} attempts", record.attempts)
            };
            let target = if record.target.is_empty() {
                String::new()
            } else {
                format!(" · {}", record.target)
            };
            let lines = vec![
                Line::from(vec![
                    Span::styled("RequestId ", theme.label()),
                    Span::raw(format!(
                        "{} · {} · {attempts}",
                        record
                            .request_id
                            .as_deref()
                            .unwrap_or("none (no API answer)"),
                        record.result,
                    )),
                ]),
                Line::from(vec![
                    Span::styled(format!("{} ", record.action), theme.label()),
                    Span::raw(truncate(
                        &format!("{}{target}", record.url),
                        usize::from(detail_area.width).saturating_sub(width(&record.action) + 1),
                    )),
                ]),
            ];
            Paragraph::new(lines).render(detail_area, buf);
        }
    }
}
