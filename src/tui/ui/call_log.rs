//! The API-call log overlay (`@`): one row per call of this run — time, service, action,
//! target, latency, HTTP status, result and RequestId — with the selected call in full below.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Row, Table, Widget};

use super::text::{truncate, unix_time};
use crate::cam::model::Service;
use crate::cam::transport::CallRecord;
use crate::tui::call_log::{CallLog, LogView};
use crate::tui::geometry::CALL_LOG_DETAIL_ROWS;
use crate::tui::theme::{self, Theme};

pub struct CallLogView<'a> {
    pub log: &'a CallLog,
    pub view: LogView,
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
        Clear.render(area, buf);
        let mut title = vec![Span::styled(" API calls ", theme.title())];
        let failed = log.window(0, log.len()).filter(|r| !ok(r)).count();
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
        if view.follow && !log.is_empty() {
            title.push(Span::styled("· following ", theme.dim()));
        }
        title.push(Span::styled("· Esc closes ", theme.dim()));
        let block = Block::bordered()
            .border_style(theme.title())
            .title(Line::from(title));
        let inner = block.inner(area);
        block.render(area, buf);
        if log.is_empty() {
            Paragraph::new("No API calls yet in this run.")
                .style(theme.dim())
                .render(inner, buf);
            return;
        }
        let [table_area, detail_area] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(CALL_LOG_DETAIL_ROWS),
        ])
        .areas(inner);

        // Marker, time, service, action, latency, HTTP and the RequestId are fixed; target and
        // result share what is left. A full RequestId needs a wide terminal; the detail lines
        // below always show it whole.
        let wide = inner.width >= 110;
        let request_id_width: u16 = if wide { 36 } else { 9 };
        // Nine columns, eight gaps.
        let fixed = 1 + 8 + 5 + 20 + 8 + 4 + request_id_width + 8;
        let rest = inner.width.saturating_sub(fixed);
        let target_width = rest * 9 / 20;
        let result_width = rest - target_width;
        let widths = [
            Constraint::Length(1),
            Constraint::Length(8),
            Constraint::Length(5),
            Constraint::Length(20),
            Constraint::Length(target_width),
            Constraint::Length(8),
            Constraint::Length(4),
            Constraint::Length(result_width),
            Constraint::Length(request_id_width),
        ];
        let visible = usize::from(table_area.height.saturating_sub(1));
        let rows = log
            .window(view.offset, visible)
            .enumerate()
            .map(|(i, record)| {
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
                let row = Row::new(vec![
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
                    Line::raw(truncate(
                        record.request_id.as_deref().unwrap_or("–"),
                        usize::from(request_id_width),
                    )),
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
                    "Time",
                    "Svc",
                    "Action",
                    "Target",
                    "Latency",
                    "HTTP",
                    "Result",
                    "RequestId",
                ])
                .style(theme.column_header()),
            )
            .column_spacing(1)
            .render(table_area, buf);

        if let Some(record) = log.get(view.cursor) {
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
                        usize::from(detail_area.width).saturating_sub(record.action.len() + 1),
                    )),
                ]),
            ];
            Paragraph::new(lines).render(detail_area, buf);
        }
    }
}
