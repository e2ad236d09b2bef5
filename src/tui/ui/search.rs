//! The owner search's progress box: the audit trail being asked, then a bar with counts, the
//! calls made, time spent and left.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::blocks::{popup, progress_line};
use super::text::{duration, truncate};
use crate::cam::walk::Progress;
use crate::tui::state::OwnerSearch;
use crate::tui::theme::Theme;

pub struct SearchView<'a> {
    pub search: &'a OwnerSearch,
    pub theme: Theme,
}

impl Widget for &SearchView<'_> {
    /// `area` is the body: the box is centred in it.
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (search, theme) = (self.search, self.theme);
        let width = 72.min(area.width);
        let inner_width = usize::from(width.saturating_sub(4));
        let title = truncate(
            &format!(" Finding the owner of {} ", search.secret_id),
            usize::from(width.saturating_sub(2)),
        );
        let progress = search.progress.unwrap_or(Progress::start(search.users));
        let counts = format!(
            " {:>3.0} %  {} of {} users",
            progress.ratio() * 100.0,
            progress.done,
            progress.total
        );
        let eta = match progress.eta {
            Some(left) => format!("about {} left", duration(left)),
            None => "time left: after the first answers".to_owned(),
        };
        // Until the scan reports, the audit trail is being asked.
        let (doing, how) = match search.progress {
            None => (
                "Asking CloudAudit who signed with it in the past 90 days…".to_owned(),
                "If it cannot say, each user's keys are listed, at most 20 a second.",
            ),
            Some(_) => (
                format!(
                    "{} ListAccessKeys calls · {} · {eta}",
                    progress.requests,
                    duration(progress.elapsed)
                ),
                "At most 20 calls a second; users already seen cost no call.",
            ),
        };
        let lines = vec![
            progress_line(progress.ratio(), &counts, inner_width, theme),
            Line::default(),
            Line::raw(truncate(&doing, inner_width)),
            Line::styled(truncate(how, inner_width), theme.dim()),
            Line::styled(
                truncate(
                    "Esc cancels (what was learned is kept) · @ shows the calls",
                    inner_width,
                ),
                theme.dim(),
            ),
        ];
        let inner = popup(
            area,
            width,
            lines.len() as u16 + 2,
            Line::styled(title, theme.title()),
            theme,
            buf,
        );
        Paragraph::new(lines).render(inner, buf);
    }
}
