//! Where things go on screen. The update function asks it how many rows a page has, so paging
//! and scrolling agree with what is drawn.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::tui::model::Tab;

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
    usize::from(body_rows(size).saturating_sub(3))
}

/// Body rows for a terminal of `size`.
fn body_rows(size: (u16, u16)) -> u16 {
    size.1.saturating_sub(HEADER_ROWS + TAB_ROWS + FOOTER_ROWS)
}

/// The screen row of the first user in the User List (under the border and column header).
pub const USER_LIST_FIRST_ROW: u16 = HEADER_ROWS + TAB_ROWS + 2;
/// The screen row of the first key in the API Keys table (border, two notes, column header).
pub const KEY_TABLE_FIRST_ROW: u16 = HEADER_ROWS + TAB_ROWS + 4;
/// The screen row of the first call in the API-call log (border, column header).
pub const CALL_LOG_FIRST_ROW: u16 = HEADER_ROWS + TAB_ROWS + 2;
/// Lines under the call table that detail the selected call.
pub const CALL_LOG_DETAIL_ROWS: u16 = 2;

/// How many calls the API-call log shows at once: the body less borders, the column header and
/// the detail lines.
pub fn call_log_rows(size: (u16, u16)) -> usize {
    usize::from(body_rows(size).saturating_sub(3 + CALL_LOG_DETAIL_ROWS))
}

/// The tabs' labels as the tab bar draws them (` 1 User List `), each followed by a space, the
/// first after one space; returns each tab with its first column and width, for clicks.
pub fn tab_columns() -> [(Tab, u16, u16); 3] {
    let mut x = 1;
    Tab::ALL.map(|tab| {
        let width = tab_label(tab).chars().count() as u16;
        let at = x;
        x += width + 1;
        (tab, at, width)
    })
}

pub fn tab_label(tab: Tab) -> String {
    format!(" {} {} ", tab.number(), tab.title())
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
