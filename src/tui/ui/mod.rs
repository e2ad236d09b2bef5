//! Drawing: every widget borrows the state (`impl Widget for &View`) and draws only what is
//! visible. [`Console`] is the whole screen.

pub mod blocks;
pub mod call_log;
pub mod command_line;
pub mod details;
pub mod dialogs;
pub mod keys;
pub mod layout;
pub mod pager;
pub mod report;
pub mod rotation;
pub mod search;
pub mod text;
pub mod users;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::model::{TIME_ZONE, Tab};
use super::state::{Modal, State, Status, TICKS_PER_SECOND};
use super::theme::{self, Theme};
use super::{geometry, keymap};
use crate::i18n::Text;

/// The whole screen.
pub struct Console<'a> {
    pub state: &'a State,
    pub theme: Theme,
}

impl Widget for &Console<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let areas = layout::split(area);
        let (state, theme, language) = (self.state, self.theme, self.state.language);
        HeaderBar { state, theme }.render(areas.header, buf);
        TabBar { state, theme }.render(areas.tabs, buf);
        match state.tab {
            Tab::Users => users::UsersView { state, theme }.render(areas.body, buf),
            Tab::Details => details::DetailsView { state, theme }.render(areas.body, buf),
            Tab::Keys => keys::KeysView { state, theme }.render(areas.body, buf),
            Tab::Report => report::ReportView { state, theme }.render(areas.body, buf),
        }
        if let Some(rotation) = &state.rotation {
            rotation::RotationView {
                rotation,
                open: state.open.as_ref(),
                language,
                theme,
            }
            .render(areas.body, buf);
        }
        if let Some(bulk) = &state.bulk {
            report::BulkView {
                bulk,
                language,
                theme,
            }
            .render(areas.body, buf);
        }
        Footer { state, theme }.render(areas.footer, buf);
        if let Some(line) = &state.command_line {
            command_line::Completions {
                line,
                theme,
                language,
            }
            .render(areas.body, buf);
        }
        if let Some(search) = &state.search {
            search::SearchView {
                search,
                language,
                theme,
            }
            .render(areas.body, buf);
        }
        match &state.modal {
            None => {}
            Some(Modal::Help(context)) => dialogs::HelpView {
                context: *context,
                read_only: state.header.read_only,
                scroll: state.help_scroll,
                language,
                theme,
            }
            .render(area, buf),
            Some(Modal::Confirm(confirm)) => {
                dialogs::ConfirmView {
                    confirm,
                    language,
                    theme,
                }
                .render(area, buf);
            }
            Some(Modal::Secret(modal)) => dialogs::SecretView {
                modal,
                countdown: state.countdown.as_ref().map(|c| {
                    c.until
                        .saturating_sub(state.ticks)
                        .div_ceil(TICKS_PER_SECOND)
                }),
                language,
                theme,
            }
            .render(area, buf),
            Some(Modal::CallLog(view)) => call_log::CallLogView {
                log: &state.calls,
                view,
                language,
                theme,
            }
            .render(areas.body, buf),
            Some(Modal::Pager(pager)) => pager::PagerView {
                pager,
                size: state.size,
                language,
                theme,
            }
            .render(areas.body, buf),
        }
    }
}

/// The top line: target, account, clipboard, read-only badge.
struct HeaderBar<'a> {
    state: &'a State,
    theme: Theme,
}

impl Widget for &HeaderBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let header = &self.state.header;
        let (theme, language) = (self.theme, self.state.language);
        let style = theme.header_accent(header.accent);
        buf.set_style(area, style);
        let account = match (&header.account.data, &header.account.status) {
            (Some(account), _) => account.clone(),
            (None, Status::Failed(f)) => language
                .text(Text::AccountUnknown { code: &f.code })
                .into_owned(),
            (None, _) => "…".to_owned(),
        };
        let target = &header.target;
        let width = usize::from(area.width);
        let [account_word, clipboard, clip, times] = [
            Text::HeaderAccount,
            Text::HeaderClipboard,
            Text::HeaderClipboardShort,
            Text::HeaderTimes,
        ]
        .map(|text| language.text(text));
        // Longest first; the first that fits is drawn.
        let variants = [
            (" camtui ─ ", &*account_word, &*clipboard, &*times),
            (" ", &account_word, &clipboard, &times),
            (" ", &account_word, &clip, ""),
            (" ", "", &clip, ""),
        ];
        for (index, (name, account_label, clip_label, zone_label)) in variants.iter().enumerate() {
            let mut spans = vec![Span::styled(*name, style)];
            if header.sandbox {
                spans.push(Span::styled(
                    format!("{} ", language.text(Text::BadgeSandbox)),
                    theme.sandbox_badge(),
                ));
            }
            spans.push(Span::styled(
                format!(
                    "{target} ─ {account_label}{account} ─ {clip_label}{} ─ {zone_label}{TIME_ZONE} ",
                    header.clipboard.label(self.state.language)
                ),
                style,
            ));
            if header.read_only {
                spans.push(Span::styled(
                    format!(" {} ", language.text(Text::BadgeReadOnly)),
                    theme.read_only_badge(),
                ));
            }
            let line = Line::from(spans);
            if line.width() <= width || index == variants.len() - 1 {
                line.render(area, buf);
                return;
            }
        }
    }
}

/// The tabs, and who is open.
struct TabBar<'a> {
    state: &'a State,
    theme: Theme,
}

impl Widget for &TabBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let mut spans = vec![Span::raw(" ")];
        for tab in Tab::ALL {
            let label = geometry::tab_label(self.state.language, tab);
            if tab == self.state.tab {
                spans.push(Span::styled(
                    format!("[{}]", label.trim()),
                    self.theme.tab_active(),
                ));
            } else {
                spans.push(Span::styled(label, self.theme.tab()));
            }
            spans.push(Span::raw(" "));
        }
        let line = Line::from(spans);
        let used = line.width();
        line.render(area, buf);
        if let Some(open) = &self.state.open {
            let room = usize::from(area.width).saturating_sub(used + 1);
            let who = text::truncate(&format!("{} ({}) ", open.user.name, open.user.uin), room);
            let who_width = text::width(&who) as u16;
            let at = Rect {
                x: area.right().saturating_sub(who_width),
                width: who_width,
                ..area
            };
            Span::styled(who, self.theme.dim()).render(at, buf);
        }
    }
}

/// Key hints with the spinner on the first line, the flash below.
struct Footer<'a> {
    state: &'a State,
    theme: Theme,
}

impl Widget for &Footer<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (state, theme, language) = (self.state, self.theme, self.state.language);
        let hints_area = Rect { height: 1, ..area };
        let flash_area = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        };

        let mut status = Vec::new();
        if let Some(countdown) = &state.countdown {
            let seconds = countdown
                .until
                .saturating_sub(state.ticks)
                .div_ceil(TICKS_PER_SECOND);
            status.push(Span::styled(
                format!(
                    "{} ",
                    language.text(Text::FooterClipboardCountdown { seconds })
                ),
                theme.flash(super::state::Level::Warning),
            ));
        }
        if let Some(call) = state.in_flight() {
            let frame = theme::SPINNER[(state.ticks as usize) % theme::SPINNER.len()];
            status.push(Span::styled(format!("{frame} {call} "), theme.key()));
        }
        let status = Line::from(status);
        let status_width = status.width() as u16;
        let room = area.width.saturating_sub(status_width + 1);

        let mut hints = vec![Span::raw(" ")];
        let mut used = 1;
        if let Some(line) = &state.command_line {
            // The line being typed comes first, the cursor in view when it is long.
            let (before, after) = line.field.split();
            let room = usize::from(room).saturating_sub(24);
            let before = text::truncate_start(
                before,
                room.saturating_sub(text::width(after).min(room / 2)),
            );
            let after = text::truncate(after, room.saturating_sub(text::width(&before)));
            used += text::width(&before) + text::width(&after) + 4;
            hints.push(Span::styled(":", theme.key()));
            hints.push(Span::styled(before, theme.input()));
            hints.push(Span::raw("▏"));
            hints.push(Span::styled(after, theme.input()));
            hints.push(Span::raw("  "));
        }
        let mut all = keymap::hints(state);
        // "? help" goes first so a narrow terminal never loses it.
        if let Some(at) = all.iter().position(|(_, hint)| *hint == Text::HintHelp) {
            let help = all.remove(at);
            all.insert(0, help);
        }
        let count = all.len();
        for (index, (key, hint)) in all.into_iter().enumerate() {
            let hint = state.language.text(hint);
            let width = text::width(&key) + text::width(&hint) + 3;
            // Room is kept for the "…" that says more keys did not fit (`?` lists them).
            let reserve = usize::from(index + 1 < count);
            if used + width + reserve > usize::from(room) {
                hints.push(Span::styled("…", theme.dim()));
                break;
            }
            used += width;
            hints.push(Span::styled(key, theme.key()));
            hints.push(Span::raw(format!(" {hint}  ")));
        }
        Line::from(hints).render(hints_area, buf);
        status.render(
            Rect {
                x: area.right().saturating_sub(status_width),
                width: status_width,
                ..hints_area
            },
            buf,
        );

        if let Some(flash) = &state.flash {
            // The RequestId is what support asks for: it is never the part that gets cut.
            let suffix = flash
                .request_id
                .as_deref()
                .map(|request_id| language.text(Text::RequestIdSuffix { request_id }))
                .unwrap_or_default();
            let room = usize::from(flash_area.width) * usize::from(flash_area.height);
            // Leave slack for the words the wrap moves to the next line.
            let budget = room.saturating_sub(text::width(&suffix) + 3 + 12);
            let body = if text::width(&flash.text) + text::width(&suffix) + 3 <= room {
                flash.text.clone()
            } else {
                text::truncate(&flash.text, budget)
            };
            Paragraph::new(Line::from(vec![
                Span::styled(
                    format!("{} ", theme::level_glyph(flash.level)),
                    theme.flash(flash.level),
                ),
                Span::styled(body, theme.flash(flash.level)),
                Span::styled(suffix, theme.flash(flash.level)),
            ]))
            .wrap(Wrap { trim: true })
            .render(flash_area, buf);
        }
    }
}

#[cfg(test)]
mod snapshot_tests;
