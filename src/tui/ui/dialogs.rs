//! What opens on top of a view: the help overlay, the two confirmations and the one-time
//! SecretKey modal.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Widget, Wrap};

use super::layout::centered;
use crate::cam::model::KeyStatus;
use crate::tui::geometry::{HelpLayout, HelpText};
use crate::tui::state::{
    Button, ConfirmDelete, ConfirmStatus, Context, SECRET_CLIPBOARD_SECONDS, SecretModal,
};
use crate::tui::theme::{self, Theme};

/// Clears a centred box and draws its frame; returns the inside.
fn frame(
    area: Rect,
    width: u16,
    height: u16,
    title: Line<'_>,
    theme: Theme,
    buf: &mut Buffer,
) -> Rect {
    let rect = centered(area, width, height);
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_style(theme.title())
        .title(title)
        .padding(Padding::horizontal(1));
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

/// Every key of the view the help was opened from, then its notes.
pub struct HelpView {
    pub context: Context,
    pub read_only: bool,
    /// Lines scrolled past, when the help is taller than the screen.
    pub scroll: usize,
    pub theme: Theme,
}

impl Widget for &HelpView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let help = HelpText::new(self.context, self.read_only, area.width);
        let layout = HelpLayout::of(&help, (area.width, area.height));
        let line_width = help.width;
        let mut lines: Vec<Line<'static>> = help
            .keys
            .into_iter()
            .map(|(keys, what)| Line::from(vec![Span::styled(keys, theme.key()), Span::raw(what)]))
            .collect();
        if !help.notes.is_empty() {
            lines.push(Line::default());
            lines.extend(
                help.notes
                    .into_iter()
                    .map(|note| Line::styled(note, theme.dim())),
            );
        }
        let rows = lines.len();
        let mut title = vec![
            Span::styled(format!(" Keys · {} ", self.context.title()), theme.title()),
            Span::styled("· Esc closes ", theme.dim()),
        ];
        match layout {
            HelpLayout::OneColumn => {
                let inner = frame(
                    area,
                    line_width + 4,
                    rows as u16 + 2,
                    Line::from(title),
                    theme,
                    buf,
                );
                Paragraph::new(lines).render(inner, buf);
            }
            HelpLayout::TwoColumns => {
                let inner = frame(
                    area,
                    line_width * 2 + 5,
                    rows.div_ceil(2) as u16 + 2,
                    Line::from(title),
                    theme,
                    buf,
                );
                let [left, right] =
                    Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(inner);
                let second = lines.split_off(rows.div_ceil(2));
                Paragraph::new(lines).render(left, buf);
                Paragraph::new(second).render(right, buf);
            }
            HelpLayout::Scrolling { visible } => {
                let offset = self.scroll.min(rows.saturating_sub(visible));
                title.push(Span::styled(
                    format!(
                        "· j/k scroll {}-{} of {rows} ",
                        offset + 1,
                        (offset + visible).min(rows)
                    ),
                    theme.dim(),
                ));
                let inner = frame(
                    area,
                    line_width + 4,
                    visible as u16 + 2,
                    Line::from(title),
                    theme,
                    buf,
                );
                let shown: Vec<Line<'static>> =
                    lines.into_iter().skip(offset).take(visible).collect();
                Paragraph::new(shown).render(inner, buf);
            }
        }
    }
}

fn buttons(confirm_label: &str, focus: Button, theme: Theme) -> Line<'static> {
    Line::from(vec![
        Span::raw("   "),
        Span::styled(" Cancel (n) ", theme.button(focus == Button::Cancel)),
        Span::raw("   "),
        Span::styled(
            format!(" {confirm_label} (y) "),
            theme.button(focus == Button::Confirm),
        ),
    ])
}

/// Disable or enable a key, confirmed with `y`.
pub struct ConfirmStatusView<'a> {
    pub dialog: &'a ConfirmStatus,
    pub theme: Theme,
}

impl Widget for &ConfirmStatusView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (dialog, theme) = (self.dialog, self.theme);
        let (verb, title) = match dialog.status {
            KeyStatus::Inactive => ("Disable", " Disable API key "),
            KeyStatus::Active => ("Enable", " Enable API key "),
        };
        let mut lines = vec![
            Line::raw(format!("{verb} {}", dialog.secret_id)),
            Line::raw(format!("of {}?", dialog.user_name)),
            Line::default(),
        ];
        match dialog.status {
            KeyStatus::Inactive => {
                lines.push(Line::styled(
                    format!(
                        "{} Every request signed with this key will be",
                        theme::WARNING_GLYPH
                    ),
                    theme.danger(),
                ));
                lines.push(Line::styled(
                    "  refused until it is enabled again.",
                    theme.danger(),
                ));
            }
            KeyStatus::Active => {
                lines.push(Line::raw("Requests signed with this key will be"));
                lines.push(Line::raw("accepted again."));
            }
        }
        lines.push(Line::default());
        lines.push(buttons(verb, dialog.focus, theme));
        lines.push(Line::default());
        lines.push(Line::styled(
            "y confirms · n/Esc cancels · Enter never confirms",
            theme.dim(),
        ));
        let inner = frame(
            area,
            60,
            lines.len() as u16 + 2,
            Line::styled(title, theme.title()),
            theme,
            buf,
        );
        Paragraph::new(lines).render(inner, buf);
    }
}

/// Delete a key, confirmed by typing the last four characters of its SecretId.
pub struct ConfirmDeleteView<'a> {
    pub dialog: &'a ConfirmDelete,
    pub theme: Theme,
}

impl Widget for &ConfirmDeleteView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (dialog, theme) = (self.dialog, self.theme);
        let mut lines = vec![
            Line::raw(format!("Delete {}", dialog.secret_id)),
            Line::raw(format!("of {}?", dialog.user_name)),
            Line::default(),
            Line::styled(
                format!(
                    "{} This cannot be undone: the key can never",
                    theme::WARNING_GLYPH
                ),
                theme.danger(),
            ),
            Line::styled("  be used again.", theme.danger()),
            Line::default(),
            Line::raw("Type the last 4 characters of the SecretId:"),
            Line::from(vec![
                Span::raw("> "),
                Span::styled(format!("{:<4}", dialog.typed), theme.input()),
                Span::raw("▏"),
            ]),
        ];
        if dialog.mismatch {
            lines.push(Line::styled(
                format!(
                    "{} That does not match: nothing was deleted.",
                    theme::FAILED_GLYPH
                ),
                theme.failed(),
            ));
        } else {
            lines.push(Line::default());
        }
        lines.push(Line::styled("Enter deletes · Esc cancels", theme.dim()));
        let inner = frame(
            area,
            60,
            lines.len() as u16 + 2,
            Line::styled(" Delete API key ", theme.title()),
            theme,
            buf,
        );
        Paragraph::new(lines).render(inner, buf);
    }
}

/// The only time a SecretKey is shown.
pub struct SecretView<'a> {
    pub modal: &'a SecretModal,
    /// Seconds until the copied SecretKey is cleared, when one is on the clipboard.
    pub countdown: Option<u64>,
    pub theme: Theme,
}

impl Widget for &SecretView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (modal, theme) = (self.modal, self.theme);
        let secret = modal.key.secret_access_key.expose();
        let shown = if modal.revealed {
            secret.to_owned()
        } else {
            "*".repeat(secret.chars().count())
        };
        let tick = if modal.acknowledged { "[x]" } else { "[ ]" };
        let lines = vec![
            Line::from(vec![
                Span::styled("SecretId   ", theme.label()),
                Span::raw(modal.key.access_key_id.clone()),
            ]),
            Line::from(vec![
                Span::styled("SecretKey  ", theme.label()),
                Span::raw(shown),
                Span::styled(
                    if modal.revealed {
                        "  (v masks)"
                    } else {
                        "  (v reveals)"
                    },
                    theme.dim(),
                ),
            ]),
            Line::default(),
            Line::styled(
                format!(
                    "{} This is the only time the SecretKey is shown:",
                    theme::WARNING_GLYPH
                ),
                theme.danger(),
            ),
            Line::styled("  it cannot be shown again. Save it now.", theme.danger()),
            Line::default(),
            Line::from(vec![
                Span::styled(format!("{tick} I have saved the SecretKey"), theme.title()),
                Span::styled("  (Space)", theme.dim()),
            ]),
            Line::default(),
            Line::from(match self.countdown {
                Some(seconds) => Span::styled(
                    format!("The copied SecretKey leaves the clipboard in {seconds} s"),
                    theme.flash(crate::tui::state::Level::Warning),
                ),
                None => Span::styled(
                    format!("Y copies it; it is cleared after {SECRET_CLIPBOARD_SECONDS} s"),
                    theme.dim(),
                ),
            }),
            Line::styled(
                "y copy SecretId · Y copy SecretKey · v reveal · Enter close",
                theme.dim(),
            ),
        ];
        let inner = frame(
            area,
            66,
            lines.len() as u16 + 2,
            Line::styled(
                format!(" New API key for {} ", modal.user_name),
                theme.title(),
            ),
            theme,
            buf,
        );
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(inner, buf);
    }
}
