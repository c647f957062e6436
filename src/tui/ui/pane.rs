//! What every pane shares: its bordered block and a selectable list inside it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, HighlightSpacing, List, ListItem, ListState, StatefulWidget,
};

use super::theme::Theme;
use crate::tui::list;

/// Width the selection marker takes at the left of every list row.
pub const MARKER: usize = 2;

/// A pane's border and title; the focused pane gets a thick border and a `▸` before its title.
pub fn block(title: impl Into<String>, focused: bool, theme: Theme) -> Block<'static> {
    let title: String = title.into();
    let (border, mark) = if focused {
        (BorderType::Thick, "▸ ")
    } else {
        (BorderType::Plain, "")
    };
    Block::bordered()
        .border_type(border)
        .border_style(theme.border(focused))
        .title(Line::from(vec![
            Span::raw(" "),
            Span::styled(format!("{mark}{title}"), theme.title()),
            Span::raw(" "),
        ]))
}

/// Draws `items` as a list in `area` with the selection of `state` marked (`▶` when
/// focused, `›` otherwise). One-line lists scroll so the selection stays centred.
pub fn render_list(
    items: Vec<ListItem<'static>>,
    area: Rect,
    buf: &mut Buffer,
    state: &mut ListState,
    focused: bool,
    theme: Theme,
) {
    let single_line = items.iter().all(|i| i.height() == 1);
    if single_line && let Some(selected) = state.selected() {
        *state.offset_mut() = list::window(selected, items.len(), area.height as usize);
    }
    let (symbol, style) = if focused {
        ("▶ ", theme.selected())
    } else {
        ("› ", theme.selected_idle())
    };
    let list = List::new(items)
        .highlight_symbol(Line::from(symbol))
        .highlight_style(style)
        .highlight_spacing(HighlightSpacing::Always);
    StatefulWidget::render(list, area, buf, state);
}

/// Like [`render_list`] for long lists: builds only the `item_height`-line items that fit
/// around the selection, so a frame costs the same with 30 rows or 100,000.
#[allow(clippy::too_many_arguments)]
pub fn render_window(
    len: usize,
    item_height: usize,
    build: impl FnMut(usize) -> ListItem<'static>,
    area: Rect,
    buf: &mut Buffer,
    state: &mut ListState,
    focused: bool,
    theme: Theme,
) {
    let per_page = (area.height as usize / item_height.max(1)).max(1);
    let selected = state.selected().filter(|&s| s < len);
    let offset = list::window(selected.unwrap_or(0), len, per_page);
    let items: Vec<ListItem<'static>> = (offset..(offset + per_page).min(len)).map(build).collect();
    let mut visible = ListState::default().with_selected(selected.map(|s| s - offset));
    render_list(items, area, buf, &mut visible, focused, theme);
    *state.offset_mut() = offset;
}

/// A muted line saying a pane has nothing to show.
pub fn empty(text: &str, theme: Theme) -> ListItem<'static> {
    ListItem::new(Line::styled(format!("  {text}"), theme.muted()))
}
