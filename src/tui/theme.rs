//! Every style the console uses, in one place. With `NO_COLOR` set only bold, reverse and
//! underline remain; status is always a glyph and a word as well, so nothing relies on colour.

use ratatui::style::{Color, Modifier, Style};

use crate::cam::model::KeyStatus;

use super::state::Level;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

/// Glyphs that carry meaning without colour.
pub const ENABLED_GLYPH: &str = "●";
pub const DISABLED_GLYPH: &str = "○";
pub const OK_GLYPH: &str = "✓";
pub const FAILED_GLYPH: &str = "✗";
pub const WARNING_GLYPH: &str = "!";
pub const INFO_GLYPH: &str = "i";
pub const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

impl Theme {
    /// Colours unless `NO_COLOR` is set to anything non-empty (<https://no-color.org>).
    pub fn from_env(no_color: Option<&str>) -> Self {
        Self {
            color: no_color.is_none_or(str::is_empty),
        }
    }

    pub fn plain() -> Self {
        Self { color: false }
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn header(self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Cyan)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The header in a profile's accent colour (so production looks different); plain without
    /// colour, where the profile's name in the header still says which target it is.
    pub fn header_accent(self, accent: Option<Color>) -> Style {
        match accent {
            Some(bg) if self.color => Style::new().fg(readable_on(bg)).bg(bg),
            _ => self.header(),
        }
    }

    pub fn sandbox_badge(self) -> Style {
        self.header().add_modifier(Modifier::BOLD)
    }

    pub fn read_only_badge(self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn tab(self) -> Style {
        self.fg(Color::Gray)
    }

    pub fn tab_active(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }

    pub fn border(self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn column_header(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn selected(self) -> Style {
        if self.color {
            Style::new().bg(Color::Blue).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// A row's style: [`Self::selected`] for the one under the cursor.
    pub fn row(self, selected: bool) -> Style {
        if selected {
            self.selected()
        } else {
            Style::new()
        }
    }

    pub fn label(self) -> Style {
        self.fg(Color::Gray).add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn key(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn status(self, status: KeyStatus) -> Style {
        match status {
            KeyStatus::Active => self.fg(Color::Green),
            KeyStatus::Inactive => self.fg(Color::Red),
        }
    }

    pub fn ok(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn failed(self) -> Style {
        self.fg(Color::Red)
    }

    pub fn flash(self, level: Level) -> Style {
        match level {
            Level::Info => self.fg(Color::Cyan),
            Level::Warning => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Level::Error => self.fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }

    pub fn danger(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn button(self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new()
        }
    }

    pub fn input(self) -> Style {
        Style::new().add_modifier(Modifier::UNDERLINED)
    }
}

/// Black or white text, whichever reads on `bg`.
fn readable_on(bg: Color) -> Color {
    match bg {
        Color::Black
        | Color::Red
        | Color::Blue
        | Color::Magenta
        | Color::DarkGray
        | Color::Indexed(0..=6 | 8) => Color::White,
        Color::Rgb(r, g, b) => {
            let luma = 299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b);
            if luma < 128_000 {
                Color::White
            } else {
                Color::Black
            }
        }
        _ => Color::Black,
    }
}

pub fn level_glyph(level: Level) -> &'static str {
    match level {
        Level::Info => INFO_GLYPH,
        Level::Warning => WARNING_GLYPH,
        Level::Error => FAILED_GLYPH,
    }
}

pub fn status_glyph(status: KeyStatus) -> &'static str {
    match status {
        KeyStatus::Active => ENABLED_GLYPH,
        KeyStatus::Inactive => DISABLED_GLYPH,
    }
}
