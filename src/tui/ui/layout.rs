//! Where things go on screen. The update function asks it how many rows a page has, so paging
//! and scrolling agree with what is drawn.

use ratatui::layout::{Constraint, Layout, Rect};

pub const HEADER_ROWS: u16 = 1;
pub const TAB_ROWS: u16 = 1;
/// Key hints and spinner, then up to two lines of flash.
pub const FOOTER_ROWS: u16 = 3;
/// The access-records panel sits beside the keys from this width, below them otherwise.
pub const SIDE_PANEL_MIN_WIDTH: u16 = 160;
pub const SIDE_PANEL_WIDTH: u16 = 72;

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

/// How many users the User List shows at once for a terminal of `size` (columns, rows):
/// the body less its border and the column header.
pub fn user_list_rows(size: (u16, u16)) -> usize {
    let body = size.1.saturating_sub(HEADER_ROWS + TAB_ROWS + FOOTER_ROWS);
    usize::from(body.saturating_sub(3))
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
