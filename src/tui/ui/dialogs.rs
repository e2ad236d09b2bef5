//! What opens on top of a view: the help overlay, the confirmation of a change and the
//! one-time SecretKey modal.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::blocks::popup;
use super::text::truncate;
use crate::cam::model::{DESCRIPTION_MAX_CHARS, KeyStatus};
use crate::i18n::{Language, Text};
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
    /// Lines scrolled past, when the help is taller than the screen.
    pub scroll: usize,
    pub language: Language,
    pub theme: Theme,
}

impl Widget for &HelpView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (theme, language) = (self.theme, self.language);
        let help = HelpText::new(self.context, self.read_only, language, area.width);
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
        let context = language.text(self.context.title());
        let mut title = vec![
            Span::styled(
                format!(" {} ", language.text(Text::HelpTitle { context: &context })),
                theme.title(),
            ),
            Span::styled(
                format!("· {} ", language.text(Text::EscCloses)),
                theme.dim(),
            ),
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
                let position = Text::ScrollPosition {
                    first: offset + 1,
                    last: (offset + visible).min(rows),
                    total: rows,
                };
                title.push(Span::styled(
                    format!("· {} ", language.text(position)),
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

fn buttons(confirm_label: &str, focus: Button, language: Language, theme: Theme) -> Line<'static> {
    Line::from(vec![
        Span::raw("   "),
        Span::styled(
            format!(" {} (n) ", language.text(Text::ButtonCancel)),
            theme.button(focus == Button::Cancel),
        ),
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
    pub language: Language,
    pub theme: Theme,
}

/// How many of a bulk change's keys the dialog names.
const BULK_KEYS_SHOWN: usize = 5;

/// The dialog's verb for a request, and what the change means.
fn question(
    request: &Request,
    language: Language,
    theme: Theme,
) -> (Cow<'static, str>, Vec<Line<'static>>) {
    let say = |text: Text<'_>| language.text(text);
    let plain = |text: Text<'_>| {
        say(text)
            .lines()
            .map(|line| Line::raw(line.to_owned()))
            .collect()
    };
    let warned = |text: Text<'_>| warning(&say(text), theme).collect();
    match request {
        Request::SetKeyStatus {
            status: KeyStatus::Inactive,
            ..
        } => (say(Text::VerbDisable), warned(Text::DisableMeaning)),
        Request::SetKeyStatus {
            status: KeyStatus::Active,
            ..
        } => (say(Text::VerbEnable), plain(Text::EnableMeaning)),
        Request::DisableKeys { .. } => (say(Text::VerbDisable), warned(Text::BulkDisableMeaning)),
        Request::DeleteKey { .. } => (say(Text::VerbDelete), warned(Text::DeleteMeaning)),
        Request::CreateKey { .. } => (say(Text::VerbCreate), plain(Text::CreateMeaning)),
        // A change no words are written for yet: named by its action.
        other => (other.label(language), Vec::new()),
    }
}

/// A warning's lines in the danger style: the glyph before the first, the rest under its text.
fn warning(text: &str, theme: Theme) -> impl Iterator<Item = Line<'static>> {
    text.lines().enumerate().map(move |(index, line)| {
        let lead = if index == 0 {
            format!("{} ", theme::WARNING_GLYPH)
        } else {
            "  ".to_owned()
        };
        Line::styled(lead + line, theme.danger())
    })
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
        let (confirm, theme, language) = (self.confirm, self.theme, self.language);
        let (verb, meaning) = question(&confirm.request, language, theme);
        let user = &confirm.user_name;
        let say = |text: Text<'_>| language.text(text);
        let mut lines = match (&confirm.request, confirm.request.secret_id()) {
            (Request::DisableKeys { keys }, _) => vec![
                Line::raw(say(Text::ConfirmKeys {
                    verb: &verb,
                    count: keys.len(),
                })),
                Line::raw(say(Text::ConfirmKeyOf { user })),
            ],
            (_, Some(secret_id)) => vec![
                Line::raw(say(Text::ConfirmKey {
                    verb: &verb,
                    secret_id: secret_id.as_str(),
                })),
                Line::raw(say(Text::ConfirmKeyOf { user })),
            ],
            (_, None) => vec![Line::raw(say(Text::ConfirmCreate { verb: &verb, user }))],
        };
        lines.push(Line::default());
        if let Request::DisableKeys { keys } = &confirm.request {
            for key in keys.iter().take(BULK_KEYS_SHOWN) {
                let key_of = Text::KeyOf {
                    secret_id: key.secret_id.as_str(),
                    owner: &key.owner,
                };
                lines.push(Line::styled(format!("  {}", say(key_of)), theme.dim()));
            }
            if keys.len() > BULK_KEYS_SHOWN {
                let more = Text::AndMore {
                    count: keys.len() - BULK_KEYS_SHOWN,
                };
                lines.push(Line::styled(format!("  {}", say(more)), theme.dim()));
            }
            lines.push(Line::default());
        }
        lines.extend(meaning);
        lines.push(Line::default());
        let bulk = matches!(confirm.request, Request::DisableKeys { .. });
        match &confirm.answer {
            Answer::Press { focus } => {
                lines.push(buttons(&verb, *focus, language, theme));
                lines.push(Line::default());
                lines.push(Line::styled(say(Text::ConfirmKeysHint), theme.dim()));
            }
            Answer::Type { typed, mismatch } => {
                lines.push(Line::raw(if bulk {
                    say(Text::TypeKeyCount)
                } else {
                    say(Text::TypeLastCharacters {
                        count: TYPED_CHARACTERS,
                    })
                }));
                lines.push(Line::from(vec![
                    Span::raw("> "),
                    Span::styled(format!("{typed:<TYPED_CHARACTERS$}"), theme.input()),
                    Span::raw("▏"),
                ]));
                lines.push(if *mismatch {
                    let mismatch = if bulk {
                        Text::TypedMismatchBulk
                    } else {
                        Text::TypedMismatch
                    };
                    Line::styled(
                        format!("{} {}", theme::FAILED_GLYPH, say(mismatch)),
                        theme.failed(),
                    )
                } else {
                    Line::default()
                });
                let hint = if bulk {
                    Text::TypedKeysHintBulk
                } else {
                    Text::TypedKeysHint
                };
                lines.push(Line::styled(say(hint), theme.dim()));
            }
            Answer::Describe { field, refused } => {
                let (before, after) = field.split();
                lines.push(Line::raw(say(Text::DescriptionPrompt)));
                lines.push(input(before, after, theme));
                let rule = say(Text::DescriptionRule {
                    max: DESCRIPTION_MAX_CHARS,
                });
                lines.push(if *refused {
                    Line::styled(format!("{} {rule}", theme::WARNING_GLYPH), theme.danger())
                } else {
                    Line::styled(rule, theme.dim())
                });
                lines.push(Line::default());
                lines.push(Line::styled(say(Text::DescribeKeysHint), theme.dim()));
            }
        }
        let title = match &confirm.request {
            Request::DisableKeys { keys } => say(Text::ConfirmKeysTitle {
                verb: &verb,
                count: keys.len(),
            }),
            _ => say(Text::ConfirmTitle { verb: &verb }),
        };
        let inner = popup(
            area,
            64,
            lines.len() as u16 + 2,
            Line::styled(format!(" {title} "), theme.title()),
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
    pub language: Language,
    pub theme: Theme,
}

impl Widget for &SecretView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (modal, theme, language) = (self.modal, self.theme, self.language);
        let say = |text: Text<'_>| language.text(text);
        let secret = modal.key.secret_access_key.expose();
        let shown = if modal.revealed {
            secret.to_owned()
        } else {
            "*".repeat(secret.chars().count())
        };
        let tick = if modal.acknowledged { "[x]" } else { "[ ]" };
        let mut lines = vec![
            Line::from(vec![
                Span::styled("SecretId   ", theme.label()),
                Span::raw(modal.key.access_key_id.to_string()),
            ]),
            Line::from(vec![
                Span::styled("SecretKey  ", theme.label()),
                Span::raw(shown),
                Span::styled(
                    format!(
                        "  {}",
                        say(if modal.revealed {
                            Text::SecretMasks
                        } else {
                            Text::SecretReveals
                        })
                    ),
                    theme.dim(),
                ),
            ]),
            Line::default(),
        ];
        lines.extend(warning(&say(Text::SecretWarning), theme));
        lines.extend([
            Line::default(),
            Line::from(vec![
                Span::styled(format!("{tick} {}", say(Text::SecretSaved)), theme.title()),
                Span::styled(
                    format!(
                        "  {}",
                        say(if modal.acknowledged {
                            Text::SecretEnterCloses
                        } else {
                            Text::SecretSpaceThenEnter
                        })
                    ),
                    theme.dim(),
                ),
            ]),
            match &modal.verified.status {
                Status::Idle => Line::styled(say(Text::VerifyHint), theme.dim()),
                Status::Loading => Line::styled(say(Text::Verifying), theme.dim()),
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
                            "{} {}",
                            theme::FAILED_GLYPH,
                            say(Text::DoesNotSign {
                                failure: &failure.summary(language)
                            })
                        ),
                        SECRET_TEXT_WIDTH,
                    ),
                    theme.failed(),
                ),
            },
            Line::default(),
            Line::from(match self.countdown {
                Some(seconds) => Span::styled(
                    say(Text::SecretCountdown { seconds }),
                    theme.flash(crate::tui::state::Level::Warning),
                ),
                None => Span::styled(
                    say(Text::SecretCopyHint {
                        seconds: SECRET_CLIPBOARD_SECONDS,
                    }),
                    theme.dim(),
                ),
            }),
        ]);
        let title = say(Text::SecretTitle {
            user: &modal.user_name,
        });
        let inner = popup(
            area,
            66,
            lines.len() as u16 + 2,
            Line::styled(format!(" {title} "), theme.title()),
            theme,
            buf,
        );
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(inner, buf);
    }
}
