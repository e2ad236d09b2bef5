//! Where things are on screen, as numbers: the bands of the screen, how many rows a page has,
//! where the first row of each list is, where the tabs are, where the access-records drawer
//! goes, and how the help and the pager are laid out (their lines counted and wrapped here).
//! `update` pages, scrolls and places clicks with these and the drawing lays out with the same
//! ones, so they cannot disagree; nothing here draws.

use unicode_width::{UnicodeWidthChar as _, UnicodeWidthStr as _};

use super::keymap;
use super::model::Tab;
use super::state::{Context, Pager};
use crate::cam::model::KEYS_PER_USER;
use crate::i18n::{Language, Text};

pub const HEADER_ROWS: u16 = 1;
pub const TAB_ROWS: u16 = 1;
/// Key hints and spinner, then up to two lines of flash.
pub const FOOTER_ROWS: u16 = 3;
/// The access-records drawer sits right of the keys from this width, below them otherwise.
pub const DRAWER_SIDE_MIN_WIDTH: u16 = 120;
/// A SecretId's columns (`AKID` and 32 more).
pub const SECRET_ID_WIDTH: u16 = 36;
/// A key's status: `○ Disabled`.
pub const KEY_STATUS_WIDTH: u16 = 10;
/// The key table beside the drawer: borders, SecretId and Status (the drawer's title names the
/// selected key, so no marker); the drawer takes the rest of the width.
pub const KEYS_BESIDE_DRAWER_WIDTH: u16 = 2 + SECRET_ID_WIDTH + 1 + KEY_STATUS_WIDTH;
/// The key table above the drawer: borders, two notes, the column header and two keys.
pub const KEYS_ABOVE_DRAWER_ROWS: u16 = 2 + 2 + 1 + KEYS_PER_USER as u16;
/// The drawer's rows that are not records: borders, the last-access line, the column header.
const DRAWER_FRAME_ROWS: u16 = 2 + 1 + 1;

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

/// How many keys the Key Report shows at once: the body less its border, the loading and the
/// quick-filter lines, and the column header.
pub fn report_rows(size: (u16, u16)) -> usize {
    usize::from(body_rows(size).saturating_sub(2 + REPORT_STATUS_ROWS + 1))
}

/// Lines between the Key Report's title and its column header: the loading, the quick filters.
pub const REPORT_STATUS_ROWS: u16 = 2;

/// How many lines of User Details show at once: the body less its border.
pub fn details_rows(size: (u16, u16)) -> usize {
    usize::from(body_rows(size).saturating_sub(2))
}

/// How many calls the API-call log shows at once: the body less borders, the column header and
/// the detail lines.
pub fn call_log_rows(size: (u16, u16)) -> usize {
    usize::from(body_rows(size).saturating_sub(3 + CALL_LOG_DETAIL_ROWS))
}

/// Whether the access-records drawer sits beside the keys (else below them).
pub fn drawer_beside(size: (u16, u16)) -> bool {
    size.0 >= DRAWER_SIDE_MIN_WIDTH
}

/// How wide the key table is: all of the screen, unless the drawer is open beside it.
pub fn key_table_width(size: (u16, u16), drawer_open: bool) -> u16 {
    if drawer_open && drawer_beside(size) {
        KEYS_BESIDE_DRAWER_WIDTH
    } else {
        size.0
    }
}

/// How many access records the drawer shows at once.
pub fn drawer_rows(size: (u16, u16)) -> usize {
    let height = if drawer_beside(size) {
        body_rows(size)
    } else {
        body_rows(size).saturating_sub(KEYS_ABOVE_DRAWER_ROWS)
    };
    usize::from(height.saturating_sub(DRAWER_FRAME_ROWS))
}

/// A tab's label as the tab bar draws it: ` 1 User List `.
pub fn tab_label(language: Language, tab: Tab) -> String {
    format!(" {} {} ", tab.number(), language.text(tab.title()))
}

/// The tabs' labels as the tab bar draws them, each followed by a space, the first after one
/// space; returns each tab with its first column and width, for clicks.
pub fn tab_columns(language: Language) -> [(Tab, u16, u16); Tab::ALL.len()] {
    let mut x = 1;
    Tab::ALL.map(|tab| {
        let width = tab_label(language, tab).width() as u16;
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
    /// The help of `context` in `language` for a screen `screen_width` wide: the notes wrap to
    /// the width the keys need, at most the screen's.
    pub fn new(context: Context, read_only: bool, language: Language, screen_width: u16) -> Self {
        let bindings = keymap::bindings(context);
        let key_width = bindings
            .iter()
            .map(|b| b.keys_label().width())
            .max()
            .unwrap_or(0);
        let keys: Vec<(String, String)> = bindings
            .iter()
            .map(|b| {
                let mut help = language.text(b.help).into_owned();
                if read_only && b.command.mutates() {
                    help = language
                        .text(Text::HelpRefusedReadOnly { help: &help })
                        .into_owned();
                }
                let label = b.keys_label();
                // Padded by display width, as `{:<n}` would pad by chars.
                let padding = " ".repeat(key_width - label.width());
                (format!(" {label}{padding}  "), help)
            })
            .collect();
        let width = keys
            .iter()
            .map(|(keys, help)| keys.width() + help.width())
            .max()
            .unwrap_or(0) as u16
            + 1;
        let room = usize::from(width.min(screen_width.saturating_sub(4)).max(20)) - 1;
        let notes = keymap::notes(context, language)
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
pub fn help_scroll_max(
    context: Context,
    read_only: bool,
    language: Language,
    size: (u16, u16),
) -> usize {
    let help = HelpText::new(context, read_only, language, size.0);
    match HelpLayout::of(&help, size) {
        HelpLayout::Scrolling { visible } => help.rows().saturating_sub(visible),
        HelpLayout::OneColumn | HelpLayout::TwoColumns => 0,
    }
}

/// The widest the box a record is read in gets; it is as tall as its lines, at most the body.
const PAGER_MAX_WIDTH: u16 = 100;

/// The width of the box a record is read in, and the most lines it shows at once: it sits over
/// the body, so the footer keeps showing its keys and what `y` did.
fn pager_frame(size: (u16, u16)) -> (u16, usize) {
    (
        size.0.saturating_sub(4).min(PAGER_MAX_WIDTH),
        usize::from(body_rows(size).saturating_sub(2)).max(1),
    )
}

/// A line of the pager.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PagerLine {
    /// A field's label (on its first line only, else empty) and a piece of its value.
    Field(String, String),
    Blank,
    /// The title above the document.
    Heading(String),
    Document(String),
}

/// The pager's lines for its box on a screen of `size`: each field with its value wrapped
/// beside the label, then the document, wrapped at the box's edge (its indentation kept).
/// The widget draws them; [`pager_scroll_max`] counts them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagerText {
    pub lines: Vec<PagerLine>,
    /// The labels' column, a gap included.
    pub label_width: usize,
    /// Lines shown at once.
    pub visible: usize,
    /// The box's width, borders included.
    pub width: u16,
}

impl PagerText {
    pub fn new(pager: &Pager, size: (u16, u16)) -> Self {
        let (width, most) = pager_frame(size);
        // Borders and a column of padding on each side.
        let inner = usize::from(width.saturating_sub(4)).max(10);
        let label_width = pager
            .fields
            .iter()
            .map(|(l, _)| l.width())
            .max()
            .unwrap_or(0)
            + 2;
        let value_width = inner.saturating_sub(label_width).max(10);
        let mut lines = Vec::new();
        for (label, value) in &pager.fields {
            for (i, piece) in wrap(value, value_width).into_iter().enumerate() {
                let label = if i == 0 {
                    label.to_string()
                } else {
                    String::new()
                };
                lines.push(PagerLine::Field(label, piece));
            }
        }
        lines.push(PagerLine::Blank);
        lines.push(PagerLine::Heading(pager.document_title.to_string()));
        if let Some(document) = &pager.document.data {
            for line in document.lines() {
                lines.extend(
                    wrap_columns(line, inner)
                        .into_iter()
                        .map(PagerLine::Document),
                );
            }
        }
        Self {
            visible: lines.len().clamp(1, most),
            lines,
            label_width,
            width,
        }
    }
}

/// The furthest the pager can scroll on a screen of `size` (0 when it fits).
pub fn pager_scroll_max(pager: &Pager, size: (u16, u16)) -> usize {
    let text = PagerText::new(pager, size);
    text.lines.len().saturating_sub(text.visible)
}

/// Splits `text` into lines of at most `width` columns at spaces — and beside any wide (CJK)
/// character, as Chinese breaks lines without spaces; a word longer than a line is broken where
/// the line ends.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        for (index, piece) in breakable(word).into_iter().enumerate() {
            // The pieces of a word join without a space; words are one space apart.
            let gap = usize::from(index == 0 && !line.is_empty());
            if !line.is_empty() && line.width() + gap + piece.width() > width {
                lines.push(std::mem::take(&mut line));
            } else if gap == 1 {
                line.push(' ');
            }
            let mut pieces = wrap_columns(piece, width);
            let last = pieces.pop().unwrap_or_default();
            lines.extend(pieces);
            line.push_str(&last);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `word` cut where a line may break: before and after each wide character.
fn breakable(word: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (at, c) in word.char_indices() {
        if c.width() == Some(2) {
            let end = at + c.len_utf8();
            if start < at {
                pieces.push(&word[start..at]);
            }
            pieces.push(&word[at..end]);
            start = end;
        }
    }
    if start < word.len() {
        pieces.push(&word[start..]);
    }
    pieces
}

/// Breaks `text` every `width` columns, spaces and all.
fn wrap_columns(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width.max(1) {
            lines.push(String::new());
            used = 0;
        }
        if let Some(line) = lines.last_mut() {
            line.push(c);
        }
        used += w;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_wraps_between_characters_and_english_at_spaces() {
        assert_eq!(wrap("one two three", 8), ["one two", "three"]);
        assert_eq!(
            wrap("alice 已有两个 API 密钥，达到上限", 16),
            ["alice 已有两个", "API 密钥，达到上", "限"]
        );
        for line in wrap(
            "为降低密钥泄漏的风险，新建的密钥只在创建时提供SecretKey",
            20,
        ) {
            assert!(line.width() <= 20, "{line}");
        }
    }

    #[test]
    fn english_wraps_at_spaces_and_chinese_anywhere() {
        assert_eq!(
            wrap("press Enter to open it", 12),
            ["press Enter", "to open it"]
        );
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(
            wrap("按 Enter 时查找粘贴的", 12),
            ["按 Enter 时", "查找粘贴的"]
        );
        // No line ends in a space that a wide character did not fit after.
        assert_eq!(wrap("abcdefghi 查找", 10), ["abcdefghi", "查找"]);
    }
}
