//! What the tabs' blocks and the boxes over them share: the part of a title that says a load is
//! in flight or failed, the block shown when no user is open, a centred box's frame, and a
//! progress bar with its words.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Widget, Wrap};

use super::layout::centered;
use super::text::{bar, truncate, width as text_width};

use crate::tui::state::Status;
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
    Clear.render(rect, buf);
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
