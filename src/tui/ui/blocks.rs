//! What the tabs' blocks and the boxes over them share: the parts of a title that say a load is
//! in flight or failed and which filter is in force, whether a hint fits in a title, the block
//! shown when no user is open, a centred box's frame, and a progress bar with its words.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Widget, Wrap};

use super::layout::{self, centered};
use super::text::{bar, truncate, truncate_start, width as text_width};
use crate::tui::state::Status;
use crate::tui::text_field::FilterEdit;
use crate::tui::theme::{self, Theme};

/// What a block title says of a load in flight or failed ("Loading is state").
pub fn status_title(status: &Status, theme: Theme) -> Option<Span<'static>> {
    match status {
        Status::Loading => Some(Span::raw("· loading… ")),
        Status::Failed(f) => Some(Span::styled(
            format!("· {} {} ", theme::FAILED_GLYPH, f.code),
            theme.failed(),
        )),
        Status::Idle | Status::Ready => None,
    }
}

/// What a title says of a list's filter: the one being typed, with its cursor, or the one in
/// force; nothing when there is none.
pub fn filter_title(
    filter: &str,
    editing: Option<&FilterEdit>,
    theme: Theme,
) -> Vec<Span<'static>> {
    let mut spans = vec![Span::raw("· filter: ")];
    match editing {
        Some(editing) => {
            let (before, after) = editing.field.split();
            spans.push(Span::styled(truncate_start(before, 24), theme.input()));
            spans.push(Span::raw("▏"));
            spans.push(Span::styled(truncate(after, 12), theme.input()));
        }
        None if !filter.is_empty() => {
            spans.push(Span::styled(truncate(filter, 24), theme.input()));
        }
        None => return Vec::new(),
    }
    spans.push(Span::raw(" "));
    spans
}

/// Whether `title` with `hint` added fits in `room` columns: a title says a hint whole or not
/// at all.
pub fn fits(title: &[Span], hint: &str, room: u16) -> bool {
    let used: usize = title.iter().map(|span| text_width(&span.content)).sum();
    used + text_width(hint) <= usize::from(room)
}

/// "No user open" in a bordered block: shared by the two tabs that need an open user.
pub fn render_no_user(title: &str, theme: Theme, area: Rect, buf: &mut Buffer) {
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Span::styled(format!(" {title} "), theme.title()));
    Paragraph::new("No user open: pick one in the User List (1) and press Enter.")
        .style(theme.dim())
        .wrap(Wrap { trim: true })
        .block(block)
        .render(area, buf);
}

/// Clears a box of `width` × `height` centred in `area` (shrunk to fit) and draws its frame and
/// `title`; returns the inside, a column of padding on each side.
pub fn popup(
    area: Rect,
    width: u16,
    height: u16,
    title: Line<'_>,
    theme: Theme,
    buf: &mut Buffer,
) -> Rect {
    let rect = centered(area, width, height);
    layout::clear(rect, buf);
    let block = Block::bordered()
        .border_style(theme.title())
        .title(title)
        .padding(Padding::horizontal(1));
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

/// `████░░░░  40 %  …`: a bar for `ratio` (0.0 ..= 1.0) in the room `text` leaves of `width`
/// columns (at least 4), then the text (cut if those 4 do not leave it room).
pub fn progress_line(ratio: f64, text: &str, width: usize, theme: Theme) -> Line<'static> {
    let bar_width = width.saturating_sub(text_width(text)).max(4);
    Line::from(vec![
        Span::styled(bar(ratio, bar_width), theme.key()),
        Span::raw(truncate(text, width.saturating_sub(bar_width))),
    ])
}
