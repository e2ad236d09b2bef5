//! The bands of the screen, centred boxes and clearing under them, as rectangles to draw in; the numbers come from
//! [`crate::tui::geometry`], which `update` uses too.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr as _;

use crate::tui::geometry::{FOOTER_ROWS, HEADER_ROWS, TAB_ROWS};

/// The four bands of the screen.
#[derive(Debug, Clone, Copy)]
pub struct Areas {
    pub header: Rect,
    pub tabs: Rect,
    pub body: Rect,
    pub footer: Rect,
}

pub fn split(area: Rect) -> Areas {
    let [header, tabs, body, footer] = Layout::vertical([
        Constraint::Length(HEADER_ROWS),
        Constraint::Length(TAB_ROWS),
        Constraint::Fill(1),
        Constraint::Length(FOOTER_ROWS),
    ])
    .areas(area);
    Areas {
        header,
        tabs,
        body,
        footer,
    }
}

/// Centres a `width` × `height` box in `area`, shrunk to fit.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Clears `area` for something drawn on top — and the half of a wide character (CJK) that
/// sits just left of it, which would otherwise spill over the new left border.
pub fn clear(area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    if let Some(left) = area.x.checked_sub(1) {
        for y in area.top()..area.bottom() {
            if let Some(cell) = buf.cell_mut((left, y))
                && cell.symbol().width() > 1
            {
                cell.set_symbol(" ");
            }
        }
    }
}
