//! What the tabs' blocks share: the part of a title that says a load is in flight or failed,
//! whether a hint fits in a title, and the block shown when no user is open.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::text::width;
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

/// Whether `title` with `hint` added fits in `room` columns: a title says a hint whole or not
/// at all.
pub fn fits(title: &[Span], hint: &str, room: u16) -> bool {
    let used: usize = title.iter().map(|span| width(&span.content)).sum();
    used + width(hint) <= usize::from(room)
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
