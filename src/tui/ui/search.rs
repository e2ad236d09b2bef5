//! The owner search's progress box: a bar with counts, the calls made, time spent and left.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Widget};

use super::layout::{self, centered};
use super::text::{truncate, width};
use crate::cam::owner::Progress;
use crate::tui::state::OwnerSearch;
use crate::tui::theme::Theme;

pub struct SearchView<'a> {
    pub search: &'a OwnerSearch,
    pub theme: Theme,
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
fn bar(ratio: f64, width: usize) -> String {
    let filled = ((ratio.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

impl Widget for &SearchView<'_> {
    /// `area` is the body: the box is centred in it.
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (search, theme) = (self.search, self.theme);
        let rect = centered(area, 72, 7);
        let inner_width = usize::from(rect.width.saturating_sub(4));
        let title = truncate(
            &format!(" Finding the owner of {} ", search.secret_id),
            usize::from(rect.width.saturating_sub(2)),
        );
        let progress = search.progress.unwrap_or(Progress {
            done: 0,
            total: search.users,
            requests: 0,
            elapsed: Duration::ZERO,
            eta: None,
        });
        let counts = format!(
            " {:>3.0} %  {} of {} users",
            progress.ratio() * 100.0,
            progress.done,
            progress.total
        );
        let bar_width = inner_width.saturating_sub(width(&counts)).max(4);
        let eta = match progress.eta {
            Some(left) => format!("about {} left", duration(left)),
            None => "time left: after the first answers".to_owned(),
        };
        let lines = vec![
            Line::from(vec![
                Span::styled(bar(progress.ratio(), bar_width), theme.key()),
                Span::raw(counts),
            ]),
            Line::default(),
            Line::raw(truncate(
                &format!(
                    "{} ListAccessKeys calls · {} · {eta}",
                    progress.requests,
                    duration(progress.elapsed)
                ),
                inner_width,
            )),
            Line::styled(
                truncate(
                    "At most 20 calls a second; users already seen cost no call.",
                    inner_width,
                ),
                theme.dim(),
            ),
            Line::styled(
                truncate(
                    "Esc cancels (what was learned is kept) · @ shows the calls",
                    inner_width,
                ),
                theme.dim(),
            ),
        ];
        layout::clear(rect, buf);
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .border_style(theme.title())
                    .title(Span::styled(title, theme.title()))
                    .padding(Padding::horizontal(1)),
            )
            .render(rect, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_bars() {
        assert_eq!(duration(Duration::from_millis(1_500)), "1.5 s");
        assert_eq!(duration(Duration::from_secs(42)), "42 s");
        assert_eq!(duration(Duration::from_secs(185)), "3 min 05 s");
        assert_eq!(bar(0.5, 10), "█████░░░░░");
        assert_eq!(bar(1.5, 4), "████");
    }
}
