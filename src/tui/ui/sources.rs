//! The sources pane: the article files a record cites.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, ListState, StatefulWidget, Widget};

use super::pane::{self, MARKER};
use super::text::{clean, fit};
use super::theme::Theme;
use crate::index::Index;
use crate::model::SourceId;

/// Cited articles: file name, then headline, publisher and date.
pub struct SourcesPane<'a> {
    /// Lookups.
    pub index: &'a Index,
    /// The sources.
    pub sources: &'a [SourceId],
    /// Whether the pane has the focus.
    pub focused: bool,
    /// Styles.
    pub theme: Theme,
}

impl StatefulWidget for SourcesPane<'_> {
    type State = ListState;

    fn render(self, area: Rect, buf: &mut Buffer, state: &mut ListState) {
        let title = format!("Sources ({})", self.sources.len());
        let block = pane::block(title, self.focused, self.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let width = (inner.width as usize).saturating_sub(MARKER);
        let mut items: Vec<ListItem<'static>> = self
            .sources
            .iter()
            .map(|&s| {
                let src = self.index.source(s);
                let file = fit(&clean(&src.file), width);
                let used = unicode_width::UnicodeWidthStr::width(file.as_str()) + 2;
                let about = format!(
                    "{} ({}, {})",
                    clean(&src.title),
                    clean(&src.publisher),
                    src.date.label()
                );
                let mut lines = vec![Line::from(vec![
                    Span::styled(file, self.theme.muted()),
                    Span::raw("  "),
                    Span::raw(fit(&about, width.saturating_sub(used))),
                ])];
                // Where to read it, on a line of its own so it is seldom cut (`i` shows
                // it whole, `o` opens it).
                if let Some(url) = &src.url {
                    let url = fit(&clean(url), width.saturating_sub(2));
                    lines.push(Line::styled(format!("  {url}"), self.theme.muted()));
                }
                ListItem::new(lines)
            })
            .collect();
        if items.is_empty() {
            items.push(pane::empty("no source cited", self.theme));
            state.select(None);
        }
        pane::render_list(items, inner, buf, state, self.focused, self.theme);
    }
}
