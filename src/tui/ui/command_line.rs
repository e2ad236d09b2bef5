//! The completions of the `:` line, in a box just above the footer; the line itself is drawn
//! in the footer.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::layout;
use super::text::{truncate, width};
use crate::i18n::{Language, Text};
use crate::tui::state::CommandLine;
use crate::tui::theme::Theme;

/// The most completions listed at once; the rest are counted.
const SHOWN: usize = 8;

pub struct Completions<'a> {
    pub line: &'a CommandLine,
    pub theme: Theme,
    pub language: Language,
}

impl Widget for &Completions<'_> {
    /// `area` is the body: the box sits at its bottom left, inside the border.
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (line, theme, language) = (self.line, self.theme, self.language);
        if line.completions.len() < 2 {
            return;
        }
        let selected = line.selected.unwrap_or(0);
        // A window of SHOWN entries that keeps the selected one in view.
        let start = selected.saturating_sub(SHOWN - 1);
        let mut lines: Vec<Line<'static>> = line
            .completions
            .iter()
            .enumerate()
            .skip(start)
            .take(SHOWN)
            .map(|(i, text)| {
                let text = format!(" :{} ", text.trim_end());
                if Some(i) == line.selected {
                    Line::styled(text, theme.selected())
                } else {
                    Line::raw(text)
                }
            })
            .collect();
        let more = line.completions.len().saturating_sub(start + SHOWN);
        if more > 0 {
            let more = language.text(Text::AndMore { count: more });
            lines.push(Line::styled(format!(" … {more}"), theme.dim()));
        }
        let title = language
            .text(Text::CompletionsTitle {
                count: line.completions.len(),
            })
            .into_owned();
        let inner_width = lines
            .iter()
            .map(Line::width)
            .chain(std::iter::once(width(&title)))
            .max()
            .unwrap_or(0);
        let box_width = (inner_width as u16 + 2).min(area.width.saturating_sub(2));
        let box_height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
        let rect = Rect {
            x: area.x + 1,
            y: area.bottom().saturating_sub(box_height + 1),
            width: box_width,
            height: box_height,
        };
        let lines: Vec<Line<'static>> = lines
            .into_iter()
            .map(|l| {
                if l.width() + 2 > usize::from(box_width) {
                    let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                    Line::from(Span::styled(
                        truncate(&text, usize::from(box_width.saturating_sub(2))),
                        l.style,
                    ))
                } else {
                    l
                }
            })
            .collect();
        layout::clear(rect, buf);
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .border_style(theme.title())
                    .title(Span::styled(title, theme.title())),
            )
            .render(rect, buf);
    }
}
