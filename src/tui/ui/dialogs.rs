//! What opens on top of a view: the help overlay, the confirmation of a change and the
//! one-time SecretKey modal.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::blocks::popup;
use super::text::truncate;
use crate::cam::model::{DESCRIPTION_MAX_CHARS, KeyStatus};
use crate::i18n::Language;
use crate::tui::action::Request;
use crate::tui::geometry::{HelpLayout, HelpText};
use crate::tui::state::{
    Answer, Button, Confirm, Context, SECRET_CLIPBOARD_SECONDS, SecretModal, Status,
    TYPED_CHARACTERS,
};
use crate::tui::theme::{self, Theme};

/// Every key of the view the help was opened from, then its notes.
pub struct HelpView {
    pub context: Context,
    pub read_only: bool,
    pub language: Language,
    /// Lines scrolled past, when the help is taller than the screen.
    pub scroll: usize,
    pub theme: Theme,
}

impl Widget for &HelpView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let help = HelpText::new(self.context, self.read_only, self.language, area.width);
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
                let inner = popup(
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
                let inner = popup(
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
                let inner = popup(
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

/// A change waiting for the user's word: what it will do, then the buttons (`y`) or the field
/// the end of the SecretId is typed into.
pub struct ConfirmView<'a> {
    pub confirm: &'a Confirm,
    pub theme: Theme,
}

/// How many of a bulk change's keys the dialog names.
const BULK_KEYS_SHOWN: usize = 5;

/// The dialog's verb for a request, and what the change means.
fn question(request: &Request, theme: Theme) -> (&'static str, Vec<Line<'static>>) {
    let danger = |text: String| Line::styled(text, theme.danger());
    match request {
        Request::SetKeyStatus {
            status: KeyStatus::Inactive,
            ..
        } => (
            "Disable",
            vec![
                danger(format!(
                    "{} Every request signed with this key will be",
                    theme::WARNING_GLYPH
                )),
                danger("  refused until it is enabled again.".to_owned()),
            ],
        ),
        Request::SetKeyStatus {
            status: KeyStatus::Active,
            ..
        } => (
            "Enable",
            vec![
                Line::raw("Requests signed with this key will be"),
                Line::raw("accepted again."),
            ],
        ),
        Request::DisableKeys { .. } => (
            "Disable",
            vec![
                danger(format!(
                    "{} Every request signed with any of these keys will",
                    theme::WARNING_GLYPH
                )),
                danger("  be refused until it is enabled again.".to_owned()),
            ],
        ),
        Request::DeleteKey { .. } => (
            "Delete",
            vec![
                danger(format!(
                    "{} This cannot be undone: the key can never",
                    theme::WARNING_GLYPH
                )),
                danger("  be used again.".to_owned()),
            ],
        ),
        Request::CreateKey { .. } => (
            "Create",
            vec![Line::raw("Its SecretKey is shown once, right after.")],
        ),
        // A change no words are written for yet: named by its action.
        other => (other.call_name(), Vec::new()),
    }
}

/// An input line: the text with the cursor between `before` and `after`.
fn input(before: &str, after: &str, theme: Theme) -> Line<'static> {
    Line::from(vec![
        Span::raw("> "),
        Span::styled(before.to_owned(), theme.input()),
        Span::raw("▏"),
        Span::styled(after.to_owned(), theme.input()),
    ])
}

impl Widget for &ConfirmView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (confirm, theme) = (self.confirm, self.theme);
        let (verb, meaning) = question(&confirm.request, theme);
        let mut lines = match (&confirm.request, confirm.request.secret_id()) {
            (Request::DisableKeys { keys }, _) => vec![
                Line::raw(format!("{verb} {} API keys", keys.len())),
                Line::raw(format!("of {}?", confirm.user_name)),
            ],
            (_, Some(secret_id)) => vec![
                Line::raw(format!("{verb} {secret_id}")),
                Line::raw(format!("of {}?", confirm.user_name)),
            ],
            (_, None) => vec![Line::raw(format!(
                "{verb} an API key for {}?",
                confirm.user_name
            ))],
        };
        lines.push(Line::default());
        if let Request::DisableKeys { keys } = &confirm.request {
            for key in keys.iter().take(BULK_KEYS_SHOWN) {
                lines.push(Line::styled(
                    format!("  {} of {}", key.secret_id, key.owner),
                    theme.dim(),
                ));
            }
            if keys.len() > BULK_KEYS_SHOWN {
                lines.push(Line::styled(
                    format!("  and {} more", keys.len() - BULK_KEYS_SHOWN),
                    theme.dim(),
                ));
            }
            lines.push(Line::default());
        }
        lines.extend(meaning);
        lines.push(Line::default());
        match &confirm.answer {
            Answer::Press { focus } => {
                lines.push(buttons(verb, *focus, theme));
                lines.push(Line::default());
                lines.push(Line::styled(
                    "y confirms · n/Esc cancels · Tab moves, Enter presses",
                    theme.dim(),
                ));
            }
            Answer::Type { typed, mismatch } => {
                let bulk = matches!(confirm.request, Request::DisableKeys { .. });
                lines.push(Line::raw(if bulk {
                    "Type how many keys, to confirm:".to_owned()
                } else {
                    format!("Type the last {TYPED_CHARACTERS} characters of the SecretId:")
                }));
                lines.push(Line::from(vec![
                    Span::raw("> "),
                    Span::styled(format!("{typed:<TYPED_CHARACTERS$}"), theme.input()),
                    Span::raw("▏"),
                ]));
                lines.push(if *mismatch {
                    Line::styled(
                        format!(
                            "{} That does not match: nothing was {}.",
                            theme::FAILED_GLYPH,
                            if bulk { "disabled" } else { "deleted" }
                        ),
                        theme.failed(),
                    )
                } else {
                    Line::default()
                });
                lines.push(Line::styled(
                    if bulk {
                        "Enter disables · Esc cancels"
                    } else {
                        "Enter deletes · Esc cancels"
                    },
                    theme.dim(),
                ));
            }
            Answer::Describe { field, refused } => {
                let (before, after) = field.split();
                lines.push(Line::raw("Description (optional):"));
                lines.push(input(before, after, theme));
                let rule = format!("Up to {DESCRIPTION_MAX_CHARS} letters, digits and _+=,.@:/-");
                lines.push(if *refused {
                    Line::styled(format!("{} {rule}", theme::WARNING_GLYPH), theme.danger())
                } else {
                    Line::styled(rule, theme.dim())
                });
                lines.push(Line::default());
                lines.push(Line::styled("Enter creates · Esc cancels", theme.dim()));
            }
        }
        let inner = popup(
            area,
            64,
            lines.len() as u16 + 2,
            Line::styled(
                match &confirm.request {
                    Request::DisableKeys { keys } => format!(" {verb} {} API keys ", keys.len()),
                    _ => format!(" {verb} API key "),
                },
                theme.title(),
            ),
            theme,
            buf,
        );
        Paragraph::new(lines).render(inner, buf);
    }
}

/// The SecretKey window's width inside its border and padding.
const SECRET_TEXT_WIDTH: usize = 62;

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
                Span::raw(modal.key.access_key_id.to_string()),
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
                Span::styled(
                    if modal.acknowledged {
                        "  (Enter closes)"
                    } else {
                        "  (Space, then Enter closes)"
                    },
                    theme.dim(),
                ),
            ]),
            match &modal.verified.status {
                Status::Idle => Line::styled(
                    "t tests it: signs one harmless call (GetUserAppId)",
                    theme.dim(),
                ),
                Status::Loading => Line::styled("Signing GetUserAppId with it…", theme.dim()),
                Status::Ready => Line::styled(
                    truncate(
                        &format!(
                            "{} {}",
                            theme::OK_GLYPH,
                            modal.verified.data.as_deref().unwrap_or_default()
                        ),
                        SECRET_TEXT_WIDTH,
                    ),
                    theme.ok(),
                ),
                Status::Failed(failure) => Line::styled(
                    truncate(
                        &format!(
                            "{} it does not sign: {}",
                            theme::FAILED_GLYPH,
                            failure.summary()
                        ),
                        SECRET_TEXT_WIDTH,
                    ),
                    theme.failed(),
                ),
            },
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
        ];
        let inner = popup(
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
