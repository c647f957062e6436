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
//! Panes and rows are reported while drawing. ratatui's widgets settle their own scroll
//! offset and row heights inside `render`, which returns nothing, so a recorder scoped to
//! one [`record`] call (a thread-local, empty outside it) collects what they report: the
//! layout is drawn by the same code as the frame, so the two cannot disagree.

use std::cell::RefCell;

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

/// The clickable areas of one screen, and how far the focused pane's selected item overflows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HitMap {
    search: Option<Rect>,
    panes: Vec<(Rect, usize)>,
    rows: Vec<(Rect, usize)>,
    overflows: Vec<(Rect, Overflow)>,
}

impl HitMap {
    /// What a click at column `x`, row `y` selects.
    pub fn at(&self, x: u16, y: u16) -> Option<Hit> {
        let at = Position::new(x, y);
        if self.search.is_some_and(|r| r.contains(at)) {
            return Some(Hit::Search);
        }
        // Panes do not overlap; the last one drawn wins if they ever do.
        let (pane, slot) = self.panes.iter().rev().find(|(r, _)| r.contains(at))?;
        let row = self
            .rows
            .iter()
            .rev()
            .find(|(r, _)| r.contains(at) && pane.contains(r.as_position()))
            .map(|&(_, row)| row);
        Some(Hit::Pane { slot: *slot, row })
    }

    /// How far the selected item of the pane in `slot` overflows it (nothing when it is
    /// drawn whole, or the pane is not drawn).
    pub fn overflow(&self, slot: usize) -> Overflow {
        let Some((pane, _)) = self.panes.iter().rev().find(|(_, s)| *s == slot) else {
            return Overflow::default();
        };
        let inside = |r: &Rect| pane.contains(r.as_position());
        let found = self.overflows.iter().rev().find(|(r, _)| inside(r));
        found.map(|&(_, o)| o).unwrap_or_default()
    }
}

thread_local! {
    static RECORDING: RefCell<Option<HitMap>> = const { RefCell::new(None) };
}

/// Runs `draw` and returns what it reported: the screen's [`HitMap`].
pub fn record<R>(draw: impl FnOnce() -> R) -> (R, HitMap) {
    let outer = RECORDING.replace(Some(HitMap::default()));
    let out = draw();
    let map = RECORDING.replace(outer).unwrap_or_default();
    (out, map)
}

fn report(add: impl FnOnce(&mut HitMap)) {
    RECORDING.with_borrow_mut(|map| {
        if let Some(map) = map {
            add(map);
        }
    });
}

/// The search box is drawn in `area`.
pub fn search(area: Rect) {
    report(|map| map.search = Some(area));
}

/// The pane in slot `slot` of the tab's pane order is drawn in `area`.
pub fn pane(area: Rect, slot: usize) {
    report(|map| map.panes.push((area, slot)));
}

/// The selected item of the list drawn in `area` did not fit: `overflow` says how much of
/// it is hidden above and below.
pub fn overflow(area: Rect, overflow: Overflow) {
    report(|map| map.overflows.push((area, overflow)));
}

/// A list drawn in `area` shows items of these `heights` from item `first` (its scroll
/// offset) down; `row` names the list position each item shows (`None` for a heading or
/// a marker, which a click does not select).
pub fn rows(area: Rect, first: usize, heights: &[usize], row: &dyn Fn(usize) -> Option<usize>) {
    report(|map| {
        let mut y = area.y;
        for (i, &h) in heights.iter().enumerate().skip(first) {
            if y >= area.bottom() {
                break;
            }
            let h = (h as u16).min(area.bottom() - y);
            if let Some(row) = row(i) {
                map.rows.push((Rect::new(area.x, y, area.width, h), row));
            }
            y += h;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_click_names_the_pane_and_the_row_under_it() {
        let ((), map) = record(|| {
            search(Rect::new(0, 1, 40, 3));
            pane(Rect::new(0, 4, 20, 10), 0);
            pane(Rect::new(20, 4, 20, 10), 1);
            // A list inside pane 0, scrolled by 2, with a heading (no row) and a two-line item.
            rows(Rect::new(1, 5, 18, 8), 2, &[1, 1, 1, 2, 1], &|i| {
                (i != 2).then_some(10 + i)
            });
        });
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
        // Nothing is recorded outside a `record` call.
        pane(Rect::new(0, 0, 5, 5), 3);
        assert_eq!(record(|| ()).1, HitMap::default());
    }
}
