//! What every pane shares: its bordered block and a selectable list inside it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{
    Block, BorderType, HighlightSpacing, List, ListItem, ListState, Paragraph, StatefulWidget,
    Widget,
};

use super::hits::{Overflow, Shape};
use super::text::{Para, clipped, fit};
use super::theme::Theme;
use crate::tui::list;

/// Width the selection marker takes at the left of every list row.
pub const MARKER: usize = 2;

/// Draws [`block`] over `area` into `buf`; returns the area inside it.
pub fn draw(
    title: impl Into<String>,
    focused: bool,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
) -> Rect {
    let block = block(title, focused, theme, area.width);
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// A pane's border and title for a pane `width` columns wide; the focused pane gets a thick
/// border and a `▸` before its title. A title longer than the border ends in `…` (ratatui
/// would cut it silently).
pub fn block(title: impl Into<String>, focused: bool, theme: Theme, width: u16) -> Block<'static> {
    let title: String = title.into();
    let (border, mark) = if focused {
        (BorderType::Thick, "▸ ")
    } else {
        (BorderType::Plain, "")
    };
    // Two corners and a space either side of the title.
    let room = (width as usize).saturating_sub(4);
    Block::bordered()
        .border_type(border)
        .border_style(theme.border(focused))
        .title(Line::from(vec![
            Span::raw(" "),
            Span::styled(fit(&format!("{mark}{title}"), room), theme.title()),
            Span::raw(" "),
        ]))
}

/// Writes `note` over the bottom border of the pane drawn in `area` (as a bottom title),
/// ending in `…` when it is longer than the border: what a column left out says it holds.
pub fn bottom_note(note: &str, area: Rect, buf: &mut Buffer, theme: Theme) {
    if area.height < 2 || area.width < 5 {
        return;
    }
    let room = area.width as usize - 4;
    let line = Line::from(vec![
        Span::raw(" "),
        Span::styled(fit(note, room), theme.accent()),
        Span::raw(" "),
    ]);
    let row = Rect {
        x: area.x + 1,
        y: area.bottom() - 1,
        width: area.width - 2,
        height: 1,
    };
    line.render(row, buf);
}

/// Draws `items` as a list in `area` with the selection of `state` marked (`▶` when
/// focused, `›` otherwise). One-line lists scroll so the selection stays centred. Where
/// the items land (for a click) is [`list_shape`].
pub fn render_list(
    items: Vec<ListItem<'static>>,
    area: Rect,
    buf: &mut Buffer,
    state: &mut ListState,
    focused: bool,
    theme: Theme,
) {
    let heights: Vec<usize> = items.iter().map(ListItem::height).collect();
    *state.offset_mut() = list_offset(&heights, area, state);
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

/// The first item a list of items `heights` tall shows in `area`: one-line lists scroll
/// so the selection stays centred; taller items are drawn from the offset `state` has
/// (every caller gives them one whose items fit, as [`Rows`] does).
fn list_offset(heights: &[usize], area: Rect, state: &ListState) -> usize {
    match state.selected() {
        Some(selected) if heights.iter().all(|&h| h == 1) => {
            list::window(selected, heights.len(), area.height as usize)
        }
        _ => state.offset(),
    }
}

/// Where [`render_list`] puts items of these `heights` in `area`, item `i` showing row
/// `row(i)` of the pane's list (`None`: a heading or marker, which a click does not
/// select): what a click on them selects.
pub fn list_shape(
    heights: &[usize],
    area: Rect,
    state: &ListState,
    row: &dyn Fn(usize) -> Option<usize>,
) -> Shape {
    let first = list_offset(heights, area, state);
    Shape::list(area, first, heights.iter().copied(), row)
}

/// A long list drawn a screenful at a time: only the items that fit around `anchor` (the
/// selection, else `hint`) are built, so a frame costs the same with 30 rows or 100,000.
/// What it draws is settled by [`Rows::window`], which its [`shape`](Rows::shape) reads
/// too: a click or a step lands on what the frame shows.
pub struct Rows<H, B> {
    /// Number of items.
    pub len: usize,
    /// Lines item `i` takes.
    pub height: H,
    /// Builds item `i` (`()` where only the [`shape`](Rows::shape) is asked).
    pub build: B,
    /// Item to keep in view when nothing is selected.
    pub hint: usize,
}

/// The items a [`Rows`] shows in a pane: from `start` to `end`, the selected one scrolled
/// inside the pane when it is taller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Window {
    start: usize,
    end: usize,
    /// The selected item and the window of its lines shown, when it is taller than the pane.
    scroll: Option<(usize, Overflow)>,
    /// Whether a row under a scrolled item says what is hidden (the pane has two rows).
    note: bool,
}

impl<H: Fn(usize) -> usize, B> Rows<H, B> {
    /// Which items are shown in `rows` rows with `selected` selected, its lines from `skip`
    /// when it is taller than the pane: a window of its lines (clamped so it stays full)
    /// over a row naming what is hidden.
    fn window(&self, skip: usize, rows: usize, selected: Option<usize>) -> Window {
        let selected = selected.filter(|&s| s < self.len);
        let scroll = selected.and_then(|s| {
            let full = (self.height)(s);
            (full > rows && rows > 0).then(|| {
                let view = if rows >= 2 { rows - 1 } else { rows };
                let above = skip.min(full - view);
                let over = Overflow {
                    above,
                    below: full - above - view,
                    rows: view,
                };
                (s, over)
            })
        });
        let note = rows >= 2;
        let window = Window {
            start: 0,
            end: 0,
            scroll,
            note,
        };
        if self.len == 0 {
            return window;
        }
        let item_height = |i: usize| self.item_height(&window, i);
        let anchor = selected
            .unwrap_or(self.hint)
            .min(self.len.saturating_sub(1));
        // Up to half a screen above the anchor (less when the anchor needs more than the
        // other half, so it is drawn whole), then fill the rest below it.
        let mut start = anchor;
        let mut above = 0;
        let room_above = (rows / 2).min(rows.saturating_sub(item_height(anchor)));
        while start > 0 && above + item_height(start - 1) <= room_above {
            start -= 1;
            above += item_height(start);
        }
        let mut used = above + item_height(anchor);
        let mut end = anchor + 1;
        while end < self.len && used < rows {
            used += item_height(end);
            end += 1;
        }
        // Near the end of the list, use the room left above.
        while start > 0 && used + item_height(start - 1) <= rows {
            start -= 1;
            used += item_height(start);
        }
        Window {
            start,
            end,
            ..window
        }
    }

    /// Lines item `i` takes in `window`: a scrolled item its window and note.
    fn item_height(&self, window: &Window, i: usize) -> usize {
        match window.scroll {
            Some((s, over)) if s == i => over.rows + usize::from(window.note),
            _ => (self.height)(i),
        }
    }

    /// Where the items land when drawn in `area` (item `i` showing row `row(i)` of the
    /// pane's list) and, when `focused`, how far the selected item overflows the pane.
    pub fn shape(
        &self,
        skip: usize,
        area: Rect,
        state: &ListState,
        focused: bool,
        row: &dyn Fn(usize) -> Option<usize>,
    ) -> Shape {
        let window = self.window(skip, area.height as usize, state.selected());
        let heights = (window.start..window.end).map(|i| self.item_height(&window, i));
        let mut shape = Shape::list(area, 0, heights, &|i| row(window.start + i));
        if let Some((_, over)) = window.scroll.filter(|_| focused) {
            shape.overflow = over;
        }
        shape
    }
}

impl<H: Fn(usize) -> usize, B: FnMut(usize) -> Text<'static>> Rows<H, B> {
    /// Draws the visible items like [`render_list`]; `state` keeps the real selection.
    pub fn render(
        self,
        area: Rect,
        buf: &mut Buffer,
        state: &mut ListState,
        focused: bool,
        theme: Theme,
    ) {
        self.render_from(0, area, buf, state, focused, theme);
    }

    /// [`render`](Self::render) with the selected item shown from its line `skip` when it
    /// is taller than the pane: its lines scroll inside the pane, over a last row saying
    /// how many are hidden above and below (its [`shape`](Self::shape) says how far, so
    /// `j`/`k` scroll them).
    pub fn render_from(
        mut self,
        skip: usize,
        area: Rect,
        buf: &mut Buffer,
        state: &mut ListState,
        focused: bool,
        theme: Theme,
    ) {
        let window = self.window(skip, area.height as usize, state.selected());
        // The last item may not fit whole: it shows what fits, ending in `…`, rather than
        // leaving its rows empty (a list draws no item it cannot draw whole).
        let width = (area.width as usize).saturating_sub(MARKER);
        let mut room = area.height as usize;
        let items: Vec<ListItem<'static>> = (window.start..window.end)
            .map(|i| {
                let mut text = (self.build)(i);
                if let Some((_, over)) = window.scroll.filter(|(s, _)| *s == i) {
                    text = scrolled(text, over, window.note, width, theme);
                } else if text.lines.len() > room && room > 0 {
                    text.lines.truncate(room);
                    if let Some(last) = text.lines.last_mut() {
                        *last = super::text::ellipsis(last, width);
                    }
                }
                room = room.saturating_sub(text.lines.len());
                ListItem::new(text)
            })
            .collect();
        let selected = state.selected().filter(|&s| s < self.len);
        let mut visible = ListState::default().with_selected(selected.map(|s| s - window.start));
        render_list(items, area, buf, &mut visible, focused, theme);
        *state.offset_mut() = window.start;
    }
}

/// The lines of an item shown in the window `over` leaves of it: the last one shown ends in
/// `…` when more follow, and (with `note`) a last row says what is hidden: `↓ 12 more
/// lines`, `↑ 3 lines above`, `↑ 3 above · ↓ 12 more`.
fn scrolled(
    text: Text<'static>,
    over: Overflow,
    note: bool,
    width: usize,
    theme: Theme,
) -> Text<'static> {
    let mut lines: Vec<Line<'static>> = text
        .lines
        .into_iter()
        .skip(over.above)
        .take(over.rows)
        .collect();
    if over.below > 0
        && let Some(last) = lines.last_mut()
    {
        *last = super::text::ellipsis(last, width);
    }
    if note {
        lines.push(Line::styled(fit(&hidden_note(over), width), theme.accent()));
    }
    Text::from(lines)
}

/// What the row under a scrolled item says is hidden of it.
pub fn hidden_note(over: Overflow) -> String {
    let lines = |n| if n == 1 { "line" } else { "lines" };
    match (over.above, over.below) {
        (0, below) => format!("↓ {below} more {}", lines(below)),
        (above, 0) => format!("↑ {above} {} above", lines(above)),
        (above, below) => format!("↑ {above} above · ↓ {below} more"),
    }
}

/// Lines each item of a list gets, given the lines each takes wrapped whole and the rows
/// of the pane: all of them when they fit; else one each, and the rows left over go to the
/// first items in turn (an item shown on fewer lines than it wraps to ends in `…`).
pub fn line_plan(wrapped: &[usize], rows: usize) -> Vec<usize> {
    if wrapped.iter().sum::<usize>() <= rows {
        return wrapped.to_vec();
    }
    let mut extra = rows.saturating_sub(wrapped.len());
    wrapped
        .iter()
        .map(|&h| {
            let more = h.saturating_sub(1).min(extra);
            extra -= more;
            1 + more
        })
        .collect()
}

/// [`line_plan`] where item `selected` (when one is) keeps every line it wraps to: the
/// selection is read whole, scrolling inside the pane when it is taller (see
/// [`Rows::render_from`]); the other items share the rows it leaves.
pub fn line_plan_with(wrapped: &[usize], rows: usize, selected: Option<usize>) -> Vec<usize> {
    let Some(s) = selected.filter(|&s| s < wrapped.len()) else {
        return line_plan(wrapped, rows);
    };
    let mut others = wrapped.to_vec();
    let whole = others.remove(s);
    let mut plan = line_plan(&others, rows.saturating_sub(whole));
    plan.insert(s, whole);
    plan
}

/// Lines each of `len` items gets, as [`line_plan_with`] gives them for the heights
/// `wrapped(i)`, asking those heights only where they can matter: once the items are at
/// least as many as the rows the selected one leaves, each other item gets one line however
/// many it wraps to, so a pane of 2,000 catalysts wraps the selected one, not all of them.
/// (Every item takes at least one line.)
pub fn plan_lines(
    len: usize,
    rows: usize,
    selected: Option<usize>,
    wrapped: impl Fn(usize) -> usize,
) -> LinePlan {
    let selected = selected.filter(|&s| s < len).map(|s| (s, wrapped(s)));
    let left = rows.saturating_sub(selected.map_or(0, |(_, whole)| whole));
    let others = len - usize::from(selected.is_some());
    if others >= left {
        return LinePlan {
            each: None,
            selected,
        };
    }
    let heights: Vec<usize> = (0..len).map(wrapped).collect();
    LinePlan {
        each: Some(line_plan_with(&heights, rows, selected.map(|(s, _)| s))),
        selected,
    }
}

/// What [`plan_lines`] gives: the lines item `i` gets is [`LinePlan::lines`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinePlan {
    /// The lines of every item, when they were worth counting; else one line each.
    each: Option<Vec<usize>>,
    /// The selected item and the lines it wraps to (all of them: it is read whole).
    selected: Option<(usize, usize)>,
}

impl LinePlan {
    /// Lines item `i` gets.
    pub fn lines(&self, i: usize) -> usize {
        match (&self.each, self.selected) {
            (Some(each), _) => each[i],
            (None, Some((s, whole))) if s == i => whole,
            (None, _) => 1,
        }
    }
}

/// Rows `heights` (each item's, from the first) add up to, counted no further than `most`:
/// what a pane asks of a column that never gives more than `most` rows, without measuring
/// the items below the first screenful.
pub fn rows_up_to(heights: impl Iterator<Item = usize>, most: usize) -> usize {
    let mut sum = 0;
    for h in heights {
        sum += h;
        if sum >= most {
            return most;
        }
    }
    sum
}

/// `lines` cut to `most` lines, the last one shown ending in `…` when any were cut.
pub fn cut_lines(mut lines: Vec<Line<'static>>, most: usize, width: usize) -> Vec<Line<'static>> {
    if lines.len() > most && most > 0 {
        lines.truncate(most);
        if let Some(last) = lines.last_mut() {
            *last = super::text::ellipsis(last, width);
        }
    }
    lines
}

/// Paragraphs in a bordered pane, wrapped to its width; what does not fit ends in `…`
/// (the full-text view, `i`, shows the rest).
pub fn text(block: Block<'static>, paras: &[Para], area: Rect, buf: &mut Buffer) {
    let inner = block.inner(area);
    block.render(area, buf);
    let lines = clipped(paras, inner.width as usize, inner.height as usize);
    Paragraph::new(lines).render(inner, buf);
}

/// [`text`] for a pane that can take the focus: focused and taller than its rows, it shows
/// its lines from `skip` (clamped so the window stays full) over a last row saying what is
/// hidden (its [`text_shape`] says how far, so `j`/`k` scroll it).
pub fn scrolling_text(
    block: Block<'static>,
    paras: &[Para],
    area: Rect,
    buf: &mut Buffer,
    skip: Option<usize>,
    theme: Theme,
) {
    let Some(skip) = skip else {
        return text(block, paras, area, buf);
    };
    let width = block.inner(area).width as usize;
    let lines = super::text::wrap_all(paras, width);
    scrolling_lines(block, lines, area, buf, skip, theme);
}

/// `lines` in a bordered pane that has the focus: from line `skip` (clamped) over a last
/// row saying what is hidden when they are more than its rows (see [`scrolling_text`]).
pub fn scrolling_lines(
    block: Block<'static>,
    lines: Vec<Line<'static>>,
    area: Rect,
    buf: &mut Buffer,
    skip: usize,
    theme: Theme,
) {
    let inner = block.inner(area);
    block.render(area, buf);
    let width = inner.width as usize;
    let rows = inner.height as usize;
    let Some(over) = text_window(lines.len(), rows, skip) else {
        Paragraph::new(lines).render(inner, buf);
        return;
    };
    let shown = scrolled(Text::from(lines), over, rows >= 2, width, theme);
    Paragraph::new(shown).render(inner, buf);
}

/// The window of `lines` lines a text pane with `rows` rows inside its border shows from
/// line `skip` (clamped so it stays full), over a row saying what is hidden; `None` when
/// they fit.
fn text_window(lines: usize, rows: usize, skip: usize) -> Option<Overflow> {
    if lines <= rows || rows == 0 {
        return None;
    }
    let view = if rows >= 2 { rows - 1 } else { rows };
    let above = skip.min(lines - view);
    Some(Overflow {
        above,
        below: lines - above - view,
        rows: view,
    })
}

/// The [`Shape`] of a text pane drawn in `area` by [`scrolling_text`] (`skip`: `Some` when
/// focused): how far its text overflows.
pub fn text_shape(paras: &[Para], area: Rect, skip: Option<usize>) -> Shape {
    let Some(skip) = skip else {
        return Shape::default();
    };
    let lines = super::text::wrap_all(paras, inner(area).width as usize).len();
    lines_shape(lines, area, skip)
}

/// The [`Shape`] of `lines` lines drawn in `area` by [`scrolling_lines`].
pub fn lines_shape(lines: usize, area: Rect, skip: usize) -> Shape {
    let rows = inner(area).height as usize;
    text_window(lines, rows, skip).map_or_else(Shape::default, Shape::overflowing)
}

/// The area inside a pane's border (what [`block`] leaves for its content).
pub fn inner(area: Rect) -> Rect {
    Block::bordered().inner(area)
}

/// The [`Shape`] of a list pane drawn in `area` showing only its [`empty`] line (a click
/// on it selects nothing: the list has no rows).
pub fn empty_shape(area: Rect) -> Shape {
    list_shape(&[1], inner(area), &ListState::default(), &Some)
}

/// A muted line saying a pane has nothing to show.
pub fn empty(text: &str, theme: Theme) -> ListItem<'static> {
    ListItem::new(Line::styled(format!("  {text}"), theme.muted()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_left_over_go_to_the_first_items() {
        assert_eq!(line_plan(&[2, 3, 2], 7), [2, 3, 2]);
        // 5 rows for 3 items: one each, two more to the first ones in turn.
        assert_eq!(line_plan(&[2, 3, 2], 5), [2, 2, 1]);
        assert_eq!(line_plan(&[2, 3, 2], 2), [1, 1, 1]);
        let lines = vec![Line::raw("one"), Line::raw("two"), Line::raw("three")];
        let cut = cut_lines(lines, 2, 10);
        assert_eq!(cut.len(), 2);
        assert_eq!(cut[1].to_string(), "two…");
    }

    #[test]
    fn the_selected_item_keeps_all_its_lines() {
        // 5 rows: the selected second item takes its 3, the others one each.
        assert_eq!(line_plan_with(&[2, 3, 2], 5, Some(1)), [1, 3, 1]);
        // Taller than the pane: still whole (it scrolls inside the pane).
        assert_eq!(line_plan_with(&[2, 9, 2], 5, Some(1)), [1, 9, 1]);
        assert_eq!(
            line_plan_with(&[2, 3, 2], 5, None),
            line_plan(&[2, 3, 2], 5)
        );
        assert_eq!(line_plan_with(&[2, 3, 2], 7, Some(0)), [2, 3, 2]);
    }

    #[test]
    fn the_lazy_plan_is_the_whole_plan() {
        // Every list of up to 6 items of 1 to 3 lines, in 0 to 8 rows, each item selected
        // in turn or none: the plan that counts only what matters gives the same lines.
        let mut lists: Vec<Vec<usize>> = vec![Vec::new()];
        for _ in 0..6 {
            let longer: Vec<Vec<usize>> = lists
                .iter()
                .filter(|l| l.len() == lists.last().map_or(0, Vec::len))
                .flat_map(|l| (1..=3).map(move |h| [l.clone(), vec![h]].concat()))
                .collect();
            lists.extend(longer);
        }
        assert_eq!(lists.len(), 1 + 3 + 9 + 27 + 81 + 243 + 729);
        for wrapped in &lists {
            for rows in 0..=8 {
                for selected in std::iter::once(None).chain((0..wrapped.len()).map(Some)) {
                    let whole = line_plan_with(wrapped, rows, selected);
                    let lazy = plan_lines(wrapped.len(), rows, selected, |i| wrapped[i]);
                    let got: Vec<usize> = (0..wrapped.len()).map(|i| lazy.lines(i)).collect();
                    assert_eq!(got, whole, "{wrapped:?} in {rows} rows, {selected:?}");
                }
            }
        }
        // Many items: only the selected one is measured.
        let asked = std::cell::Cell::new(0);
        let plan = plan_lines(2000, 30, Some(7), |_| {
            asked.set(asked.get() + 1);
            4
        });
        assert_eq!((asked.get(), plan.lines(7), plan.lines(8)), (1, 4, 1));
    }

    #[test]
    fn rows_are_counted_up_to_the_most_a_column_gives() {
        assert_eq!(rows_up_to([2, 3, 2].into_iter(), 10), 7);
        assert_eq!(rows_up_to([2, 3, 2].into_iter(), 5), 5);
        assert_eq!(rows_up_to(std::iter::repeat(1), 40), 40);
    }

    #[test]
    fn the_note_under_a_scrolled_item_says_what_is_hidden() {
        let over = |above, below| Overflow {
            above,
            below,
            rows: 4,
        };
        assert_eq!(hidden_note(over(0, 12)), "↓ 12 more lines");
        assert_eq!(hidden_note(over(1, 0)), "↑ 1 line above");
        assert_eq!(hidden_note(over(3, 2)), "↑ 3 above · ↓ 2 more");
    }
}
