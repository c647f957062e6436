//! Where the screen drawn from the app's state puts what a click can select: the search
//! box, each focusable pane (by its place in the tab's `Pane::ORDER`) and each list row (by
//! the record's position in its list), and how far the focused pane's selected item
//! overflows its rows (what `j`/`k` scroll through before the next item).
//!
//! The map is a function of the state and the terminal size kept in it ([`super::layout`]),
//! computed when a key or a click needs it, never kept from the last frame: state never
//! depends on what the view drew, so a step or a click lands right before the first
//! frame, right after a resize, and for every action of an event that asks for several.
//!
//! Nothing is drawn to learn it: each tab places its panes with the one function its view
//! draws them with (its `TabView::layout` and `render` both call it), and each pane
//! widget gives its [`Shape`] from the same window of rows its `render` draws, so the map
//! and the frame cannot disagree.

use ratatui::layout::{Position, Rect};

/// What a click at one cell asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// The search box.
    Search,
    /// A pane of the tab on screen (its slot in the tab's pane order) and, when the click
    /// fell on one, a row of its list (the position in the list the pane shows).
    Pane {
        /// The pane's position in its tab's `Pane::ORDER`.
        slot: usize,
        /// The row's position in the pane's list.
        row: Option<usize>,
    },
}

/// How far the selected item of a focused pane reaches past the rows the pane shows of it:
/// what `j`/`k` scroll through before they move to the next item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Overflow {
    /// Lines of the item above the first one shown.
    pub above: usize,
    /// Lines of the item below the last one shown.
    pub below: usize,
    /// Lines of the item shown at once (what half a page is counted from).
    pub rows: usize,
}

/// What a pane drawn in some area holds for a click or a step: the rows of its list and
/// how far its selected item overflows (nothing unless it is focused and too tall).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shape {
    /// Each list row on screen and the position in the list it shows.
    pub rows: Vec<(Rect, usize)>,
    /// How far the selected item overflows the pane.
    pub overflow: Overflow,
}

impl Shape {
    /// A list drawn in `area` showing items of these `heights` from item `first` (its
    /// scroll offset) down; `row` names the list position each item shows (`None` for a
    /// heading or a marker, which a click does not select). Rows below `area` are cut.
    pub fn list(
        area: Rect,
        first: usize,
        heights: impl IntoIterator<Item = usize>,
        row: &dyn Fn(usize) -> Option<usize>,
    ) -> Shape {
        let mut rows = Vec::new();
        let mut y = area.y;
        for (i, h) in heights.into_iter().enumerate().skip(first) {
            if y >= area.bottom() {
                break;
            }
            let h = (h.min(usize::from(u16::MAX)) as u16).min(area.bottom() - y);
            if let Some(row) = row(i) {
                rows.push((Rect::new(area.x, y, area.width, h), row));
            }
            y += h;
        }
        Shape {
            rows,
            overflow: Overflow::default(),
        }
    }

    /// A pane with no rows to click whose selected item overflows by `overflow`.
    pub fn overflowing(overflow: Overflow) -> Shape {
        Shape {
            rows: Vec::new(),
            overflow,
        }
    }
}

/// The clickable areas of one screen, and how far the focused pane's selected item overflows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HitMap {
    search: Option<Rect>,
    panes: Vec<(Rect, usize, Shape)>,
}

impl HitMap {
    /// The search box is drawn in `area`.
    pub fn search(&mut self, area: Rect) {
        self.search = Some(area);
    }

    /// The pane in slot `slot` of the tab's pane order is drawn in `area`, holding `shape`.
    pub fn pane(&mut self, area: Rect, slot: usize, shape: Shape) {
        self.panes.push((area, slot, shape));
    }

    /// What a click at column `x`, row `y` selects.
    pub fn at(&self, x: u16, y: u16) -> Option<Hit> {
        let at = Position::new(x, y);
        if self.search.is_some_and(|r| r.contains(at)) {
            return Some(Hit::Search);
        }
        // Panes do not overlap; the last one placed wins if they ever do.
        let (_, slot, shape) = self.panes.iter().rev().find(|(r, ..)| r.contains(at))?;
        let row = shape.rows.iter().find(|(r, _)| r.contains(at));
        Some(Hit::Pane {
            slot: *slot,
            row: row.map(|&(_, row)| row),
        })
    }

    /// How far the selected item of the pane in `slot` overflows it (nothing when it is
    /// drawn whole, or the pane is not drawn).
    pub fn overflow(&self, slot: usize) -> Overflow {
        let pane = self.panes.iter().rev().find(|(_, s, _)| *s == slot);
        pane.map(|(_, _, shape)| shape.overflow).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_click_names_the_pane_and_the_row_under_it() {
        let mut map = HitMap::default();
        map.search(Rect::new(0, 1, 40, 3));
        // A list inside pane 0, scrolled by 2, with a heading (no row) and a two-line item.
        let list = Shape::list(Rect::new(1, 5, 18, 8), 2, [1, 1, 1, 2, 1], &|i| {
            (i != 2).then_some(10 + i)
        });
        map.pane(Rect::new(0, 4, 20, 10), 0, list);
        map.pane(Rect::new(20, 4, 20, 10), 1, Shape::default());
        assert_eq!(map.at(3, 2), Some(Hit::Search));
        let row = |slot, row| Some(Hit::Pane { slot, row });
        assert_eq!(map.at(5, 5), row(0, None), "heading");
        assert_eq!(map.at(5, 6), row(0, Some(13)));
        assert_eq!(map.at(5, 7), row(0, Some(13)), "second line of the item");
        assert_eq!(map.at(5, 8), row(0, Some(14)));
        assert_eq!(map.at(5, 9), row(0, None), "below the last item");
        assert_eq!(map.at(0, 6), row(0, None), "the border");
        assert_eq!(map.at(25, 6), row(1, None));
        assert_eq!(map.at(50, 6), None);
    }

    #[test]
    fn rows_below_the_list_are_cut() {
        let shape = Shape::list(Rect::new(0, 0, 10, 3), 0, [2, 2, 2], &Some);
        let rows: Vec<(u16, u16, usize)> = shape
            .rows
            .iter()
            .map(|(r, i)| (r.y, r.height, *i))
            .collect();
        assert_eq!(rows, [(0, 2, 0), (2, 1, 1)]);
    }
}
