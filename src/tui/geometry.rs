//! Where things are on screen, as numbers: the bands of the screen, how many rows a page has,
//! where the first row of each list is, where the tabs are, and how the help is laid out (its
//! lines counted from the keymap). `update` pages, scrolls and places clicks with these and the
//! drawing lays out with the same ones, so they cannot disagree; nothing here draws.

use unicode_width::UnicodeWidthStr as _;

use super::keymap;
use super::model::Tab;
use super::state::Context;

pub const HEADER_ROWS: u16 = 1;
pub const TAB_ROWS: u16 = 1;
/// Key hints and spinner, then up to two lines of flash.
pub const FOOTER_ROWS: u16 = 3;
/// The access-records panel sits beside the keys from this width, below them otherwise.
pub const SIDE_PANEL_MIN_WIDTH: u16 = 160;
pub const SIDE_PANEL_WIDTH: u16 = 72;

/// The screen row of the first user in the User List (under the border and column header).
pub const USER_LIST_FIRST_ROW: u16 = HEADER_ROWS + TAB_ROWS + 2;
/// The screen row of the first key in the API Keys table (border, two notes, column header).
pub const KEY_TABLE_FIRST_ROW: u16 = HEADER_ROWS + TAB_ROWS + 4;
/// The screen row of the first call in the API-call log (border, column header).
pub const CALL_LOG_FIRST_ROW: u16 = HEADER_ROWS + TAB_ROWS + 2;
/// Lines under the call table that detail the selected call.
pub const CALL_LOG_DETAIL_ROWS: u16 = 2;

/// Body rows for a terminal of `size` (columns, rows).
fn body_rows(size: (u16, u16)) -> u16 {
    size.1.saturating_sub(HEADER_ROWS + TAB_ROWS + FOOTER_ROWS)
}

/// How many users the User List shows at once for a terminal of `size` (columns, rows):
/// the body less its border and the column header.
pub fn user_list_rows(size: (u16, u16)) -> usize {
    usize::from(body_rows(size).saturating_sub(3))
}

/// How many calls the API-call log shows at once: the body less borders, the column header and
/// the detail lines.
pub fn call_log_rows(size: (u16, u16)) -> usize {
    usize::from(body_rows(size).saturating_sub(3 + CALL_LOG_DETAIL_ROWS))
}

/// How wide the key table is: all of the screen, less the access-records panel when it is open
/// beside the keys.
pub fn key_table_width(size: (u16, u16), panel_open: bool) -> u16 {
    if panel_open && size.0 >= SIDE_PANEL_MIN_WIDTH {
        size.0 - SIDE_PANEL_WIDTH
    } else {
        size.0
    }
}

/// A tab's label as the tab bar draws it: ` 1 User List `.
pub fn tab_label(tab: Tab) -> String {
    format!(" {} {} ", tab.number(), tab.title())
}

/// The tabs' labels as the tab bar draws them, each followed by a space, the first after one
/// space; returns each tab with its first column and width, for clicks.
pub fn tab_columns() -> [(Tab, u16, u16); 3] {
    let mut x = 1;
    Tab::ALL.map(|tab| {
        let width = tab_label(tab).chars().count() as u16;
        let at = x;
        x += width + 1;
        (tab, at, width)
    })
}

/// The help of one context as text: a line per key (the keys, padded, and what they do), then
/// the notes, wrapped. The overlay styles it; [`help_scroll_max`] counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpText {
    /// `(" j/↓        ", "move down")` for each binding, in the keymap's order.
    pub keys: Vec<(String, String)>,
    /// The notes' lines, each indented by a space.
    pub notes: Vec<String>,
    /// The widest key line, plus a column.
    pub width: u16,
}

impl HelpText {
    /// The help of `context` for a screen `screen_width` wide: the notes wrap to the width the
    /// keys need, at most the screen's.
    pub fn new(context: Context, read_only: bool, screen_width: u16) -> Self {
        let bindings = keymap::bindings(context);
        let key_width = bindings
            .iter()
            .map(|b| b.keys_label().width())
            .max()
            .unwrap_or(0);
        let keys: Vec<(String, String)> = bindings
            .iter()
            .map(|b| {
                let mut help = b.help.to_owned();
                if read_only && b.command.mutates() {
                    help.push_str(" (read-only: refused)");
                }
                (format!(" {:<key_width$}  ", b.keys_label()), help)
            })
            .collect();
        let width = keys
            .iter()
            .map(|(keys, help)| keys.width() + help.width())
            .max()
            .unwrap_or(0) as u16
            + 1;
        let room = usize::from(width.min(screen_width.saturating_sub(4)).max(20)) - 1;
        let notes = keymap::notes(context)
            .iter()
            .flat_map(|note| wrap(note, room))
            .map(|piece| format!(" {piece}"))
            .collect();
        Self { keys, notes, width }
    }

    /// Lines in all: the keys, then a blank line and the notes, if there are any.
    pub fn rows(&self) -> usize {
        if self.notes.is_empty() {
            self.keys.len()
        } else {
            self.keys.len() + 1 + self.notes.len()
        }
    }
}

/// How the help is laid out on a screen of `size`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpLayout {
    OneColumn,
    TwoColumns,
    /// One column, taller than the screen: `j`/`k` scroll it.
    Scrolling {
        visible: usize,
    },
}

impl HelpLayout {
    pub fn of(help: &HelpText, size: (u16, u16)) -> Self {
        let (rows, height) = (help.rows(), usize::from(size.1));
        if rows + 2 <= height {
            Self::OneColumn
        } else if help.width * 2 + 5 <= size.0 && rows.div_ceil(2) + 2 <= height {
            Self::TwoColumns
        } else {
            Self::Scrolling {
                visible: height.saturating_sub(2).max(1),
            }
        }
    }
}

/// The furthest the help of `context` can scroll on a screen of `size` (0 when it fits).
pub fn help_scroll_max(context: Context, read_only: bool, size: (u16, u16)) -> usize {
    let help = HelpText::new(context, read_only, size.0);
    match HelpLayout::of(&help, size) {
        HelpLayout::Scrolling { visible } => help.rows().saturating_sub(visible),
        HelpLayout::OneColumn | HelpLayout::TwoColumns => 0,
    }
}

/// Splits `text` into lines of at most `width` columns at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
