//! Text that fits: display-width aware truncation and padding (CJK characters take two columns),
//! a CAM datetime shortened to its date, durations, and progress bars drawn in characters.

use std::time::Duration;

use unicode_width::{UnicodeWidthChar as _, UnicodeWidthStr as _};

/// Display width of `text` in terminal columns.
pub fn width(text: &str) -> usize {
    text.width()
}

/// `text` padded with spaces to `columns` display columns (`format!`'s `{:<n}` counts chars,
/// which misaligns CJK text).
pub fn pad(text: &str, columns: usize) -> String {
    format!("{text}{}", " ".repeat(columns.saturating_sub(text.width())))
}

/// `text` cut to at most `max` columns, ending in `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` cut from the front to at most `max` columns, starting with `…` when cut: for input
/// lines, whose end is where the typing is.
pub fn truncate_start(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut kept = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        kept.push(c);
        used += w;
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// A CAM datetime (`YYYY-MM-DD HH:MM:SS`), or just its date when space is short.
pub fn datetime(text: &str, short: bool) -> &str {
    if short {
        text.get(..10).unwrap_or(text)
    } else {
        text
    }
}

/// `1.5 s`, `42 s`, `3 min 05 s`.
pub fn duration(time: Duration) -> String {
    let ms = time.as_millis();
    match ms {
        0..10_000 => format!("{:.1} s", ms as f64 / 1000.0),
        10_000..60_000 => format!("{} s", ms / 1000),
        _ => format!("{} min {:02} s", ms / 60_000, ms / 1000 % 60),
    }
}

/// `██████░░░░` of `width` cells: readable without colour.
pub fn bar(ratio: f64, width: usize) -> String {
    let filled = ((ratio.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_columns_not_chars() {
        assert_eq!(truncate("alice", 10), "alice");
        assert_eq!(truncate("alice-ops", 5), "alic…");
        assert_eq!(truncate("张三丰测试", 5), "张三…");
        assert_eq!(width(&truncate("张三丰测试", 6)), 5);
        assert_eq!(truncate("x", 0), "");
        assert_eq!(truncate_start("keys alice", 6), "…alice");
        assert_eq!(truncate_start("keys", 6), "keys");
        assert_eq!(pad("张三", 6), "张三  ");
        assert_eq!(pad("alice", 3), "alice");
    }

    #[test]
    fn durations_and_bars() {
        assert_eq!(duration(Duration::from_millis(1_500)), "1.5 s");
        assert_eq!(duration(Duration::from_secs(42)), "42 s");
        assert_eq!(duration(Duration::from_secs(185)), "3 min 05 s");
        assert_eq!(bar(0.5, 10), "█████░░░░░");
        assert_eq!(bar(1.5, 4), "████");
    }

    #[test]
    fn times_are_beijing() {
        assert_eq!(crate::tui::model::unix_time(0), "1970-01-01 08:00:00");
        assert_eq!(datetime("2023-06-01 10:53:48", true), "2023-06-01");
    }
}
