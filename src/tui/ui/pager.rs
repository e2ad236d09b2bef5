//! A record read in full, in a box over the body: its fields, then its document, scrolled
//! with `j`/`k`. The lines come from [`geometry::PagerText`], which `update` counts with too.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Widget};

use super::blocks::{fits, status_title};
use super::layout::{self, centered};
use super::text::{pad, truncate, width};
use crate::i18n::{Language, Text};
use crate::tui::geometry::{PagerLine, PagerText};
use crate::tui::state::Pager;
use crate::tui::theme::Theme;

pub struct PagerView<'a> {
    pub pager: &'a Pager,
    /// The screen's size, which the lines are wrapped for.
    pub size: (u16, u16),
    pub language: Language,
    pub theme: Theme,
}

impl Widget for &PagerView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (pager, theme, language) = (self.pager, self.theme, self.language);
        let text = PagerText::new(pager, self.size);
        let rows = text.lines.len();
        let offset = pager.scroll.min(rows.saturating_sub(text.visible));
        // What does not fit goes: "Esc closes" (the footer says it too), then the end of the
        // name; the scroll position always shows.
        let room = text.width.saturating_sub(2);
        let scroll = (rows > text.visible).then(|| {
            let position = Text::ScrollPosition {
                first: offset + 1,
                last: (offset + text.visible).min(rows),
                total: rows,
            };
            format!("· {} ", language.text(position))
        });
        let name_room = usize::from(room).saturating_sub(scroll.as_deref().map_or(0, width));
        let name = format!(" {} ", pager.title);
        let name = if width(&name) <= name_room {
            name
        } else {
            format!("{} ", truncate(&name, name_room.saturating_sub(1)))
        };
        let mut title = vec![Span::styled(name, theme.title())];
        title.extend(scroll.map(|scroll| Span::styled(scroll, theme.dim())));
        let esc = format!("· {} ", language.text(Text::EscCloses));
        if fits(&title, &esc, room) {
            title.push(Span::styled(esc, theme.dim()));
        }
        let lines: Vec<Line<'static>> = text
            .lines
            .iter()
            .skip(offset)
            .take(text.visible)
            .map(|line| match line {
                PagerLine::Field(label, value) => Line::from(vec![
                    Span::styled(pad(label, text.label_width), theme.label()),
                    Span::raw(value.clone()),
                ]),
                PagerLine::Blank => Line::default(),
                PagerLine::Heading(heading) => {
                    let mut spans = vec![Span::styled(heading.clone(), theme.label())];
                    if let Some(status) = status_title(&pager.document.status, language, theme) {
                        spans.push(Span::raw(" "));
                        spans.push(status);
                    }
                    Line::from(spans)
                }
                PagerLine::Document(piece) => Line::raw(piece.clone()),
            })
            .collect();
        let rect = centered(area, text.width, text.visible as u16 + 2);
        layout::clear(rect, buf);
        let block = Block::bordered()
            .border_style(theme.title())
            .title(Line::from(title))
            .padding(Padding::horizontal(1));
        let inner = block.inner(rect);
        block.render(rect, buf);
        Paragraph::new(lines).render(inner, buf);
    }
}
