//! The owner search's progress box: the audit trail being asked, then a bar with counts, the
//! calls made, time spent and left.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::blocks::{popup, progress_line};
use super::text::{duration, truncate};
use crate::cam::walk::Progress;
use crate::i18n::{Language, Text};
use crate::tui::state::OwnerSearch;
use crate::tui::theme::Theme;

pub struct SearchView<'a> {
    pub search: &'a OwnerSearch,
    pub language: Language,
    pub theme: Theme,
}

impl Widget for &SearchView<'_> {
    /// `area` is the body: the box is centred in it.
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (search, theme, language) = (self.search, self.theme, self.language);
        let say = |text: Text<'_>| language.text(text);
        let width = 72.min(area.width);
        let inner_width = usize::from(width.saturating_sub(4));
        let title = say(Text::SearchTitle {
            secret_id: search.secret_id.as_str(),
        });
        let title = truncate(&format!(" {title} "), usize::from(width.saturating_sub(2)));
        let progress = search.progress.unwrap_or(Progress::start(search.users));
        let counts = format!(
            " {:>3.0} %  {}",
            progress.ratio() * 100.0,
            say(Text::SearchCounts {
                done: progress.done,
                total: progress.total
            })
        );
        let eta = match progress.eta {
            Some(left) => say(Text::SearchEta {
                left: &duration(left),
            }),
            None => say(Text::SearchEtaUnknown),
        };
        // Until the scan reports, the audit trail is being asked.
        let (doing, how) = match search.progress {
            None => (say(Text::SearchAskingAudit), say(Text::SearchAuditFallback)),
            Some(_) => (
                say(Text::SearchCalls {
                    count: progress.requests,
                    elapsed: &duration(progress.elapsed),
                    eta: &eta,
                }),
                say(Text::SearchRate),
            ),
        };
        let lines = vec![
            progress_line(progress.ratio(), &counts, inner_width, theme),
            Line::default(),
            Line::raw(truncate(&doing, inner_width)),
            Line::styled(truncate(&how, inner_width), theme.dim()),
            Line::styled(truncate(&say(Text::SearchKeys), inner_width), theme.dim()),
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
