//! The cursors of a list-and-detail tab: one list whose selection the other panes detail,
//! a cursor per pane and which pane has the focus. Every tab steps, cycles and selects
//! through this one helper, so the rules (moving the list resets the details, `Tab` skips
//! empty panes, a tall item scrolls line by line before the next is selected) are written
//! once.

use super::list;
use super::ui::hits::HitMap;

/// Most panes a tab can have, the list included.
pub const MAX_PANES: usize = 6;

/// The focusable panes of a tab.
pub trait Pane: Copy + Eq + std::fmt::Debug + 'static {
    /// Every pane in `Tab` order; the first is the list the others detail.
    const ORDER: &'static [Self];
}

/// Which pane has the focus, the selected row of each, and how far the focused pane's
/// selected item is scrolled when it is taller than the pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListDetail<P: Pane> {
    focus: P,
    rows: [usize; MAX_PANES],
    /// First line shown of the focused pane's selected item; the view clamps it to the
    /// item (`usize::MAX`: its end, as when stepping up into it).
    skip: usize,
}

impl<P: Pane> Default for ListDetail<P> {
    fn default() -> Self {
        ListDetail {
            focus: P::ORDER[0],
            rows: [0; MAX_PANES],
            skip: 0,
        }
    }
}

impl<P: Pane> ListDetail<P> {
    fn slot(pane: P) -> usize {
        let at = P::ORDER.iter().position(|p| *p == pane);
        at.expect("every pane is in ORDER")
    }

    /// The list pane (the first of `ORDER`).
    pub fn list_pane() -> P {
        P::ORDER[0]
    }

    /// The pane with the focus.
    pub fn focus(&self) -> P {
        self.focus
    }

    /// Whether `pane` has the focus.
    pub fn focused(&self, pane: P) -> bool {
        self.focus == pane
    }

    /// Selected row of `pane`.
    pub fn row(&self, pane: P) -> usize {
        self.rows[Self::slot(pane)]
    }

    /// Selected row of the list.
    pub fn selected(&self) -> usize {
        self.rows[0]
    }

    /// First line of `pane`'s selected item to show (0 unless it is focused and scrolled).
    pub fn skip(&self, pane: P) -> usize {
        if self.focus == pane { self.skip } else { 0 }
    }

    /// Gives `pane` the focus; returns whether it moved.
    pub fn set_focus(&mut self, pane: P) -> bool {
        let moved = std::mem::replace(&mut self.focus, pane) != pane;
        if moved {
            self.skip = 0;
        }
        moved
    }

    /// Puts every detail pane's cursor back on its first row.
    pub fn reset_details(&mut self) {
        self.rows[1..].fill(0);
        self.skip = 0;
    }

    /// Selects row `to` of the list (clamped to `len`), focuses the list and resets the
    /// details; returns whether anything changed.
    pub fn select(&mut self, to: usize, len: usize) -> bool {
        let before = *self;
        list::set(&mut self.rows[0], len, to);
        self.focus = P::ORDER[0];
        self.reset_details();
        *self != before
    }

    /// After the list was ordered or filtered anew (`s`, `F`): selects the row now holding
    /// `kept` (what was selected before) when it is still listed, else row `otherwise`,
    /// as [`select`](Self::select) does. Returns whether anything changed.
    pub fn reselect<T: PartialEq>(
        &mut self,
        list: &[T],
        kept: Option<T>,
        otherwise: usize,
    ) -> bool {
        let at = kept.and_then(|k| list.iter().position(|x| *x == k));
        self.select(at.unwrap_or(otherwise), list.len())
    }

    /// Moves the focused pane's cursor by `delta` within its rows (`lens`, see [`lens`]);
    /// moving the list resets the details. Returns whether anything changed.
    pub fn step(&mut self, lens: &[usize], delta: isize) -> bool {
        let slot = Self::slot(self.focus);
        let moved = list::step(&mut self.rows[slot], lens[slot], delta);
        if moved {
            self.skip = 0;
        }
        if moved && slot == 0 {
            self.reset_details();
        }
        moved
    }

    /// [`step`](Self::step) that first scrolls through the focused pane's selected item
    /// when the screen cannot show it whole (`hits`: the layout of the state the step starts
    /// from, see [`crate::tui::ui::layout`]): a line per row of `delta`, half
    /// the item's window for a page; past its end the next item is selected, and stepping
    /// up into an item shows its end, so every line is reached both ways. `g`/`G`
    /// (`isize::MIN`/`MAX`) go to the first item's top and the last item's end.
    pub fn step_in(&mut self, lens: &[usize], hits: &HitMap, delta: isize) -> bool {
        let over = hits.overflow(Self::slot(self.focus));
        if delta == isize::MIN || delta == isize::MAX {
            let before = *self;
            self.step(lens, delta);
            self.skip = if delta == isize::MAX { usize::MAX } else { 0 };
            // Already at the end: `usize::MAX` and the frame's offset name the same line.
            let at_end = delta == isize::MAX && before.skip >= over.above && over.below == 0;
            return *self != before && !(at_end && self.rows == before.rows);
        }
        let by = match delta.unsigned_abs() {
            0 => return false,
            1 => 1,
            _ => (over.rows / 2).max(1),
        };
        if delta > 0 && over.below > 0 {
            self.skip = over.above + by.min(over.below);
            return true;
        }
        if delta < 0 && over.above > 0 {
            self.skip = over.above - by.min(over.above);
            return true;
        }
        let moved = self.step(lens, delta);
        if moved && delta < 0 {
            self.skip = usize::MAX;
        }
        moved
    }

    /// A click on the pane in `slot` of `ORDER` (rows: `lens`, see [`lens`]), on `row` of it
    /// if on one: focuses the pane (a detail pane only when it has rows) and selects the
    /// row; selecting another row of the list resets the details. Returns whether anything
    /// changed.
    pub fn click(&mut self, lens: &[usize], slot: usize, row: Option<usize>) -> bool {
        let Some(&pane) = P::ORDER.get(slot) else {
            return false;
        };
        if slot > 0 && lens[slot] == 0 {
            return false;
        }
        let before = *self;
        if self.focus != pane {
            self.skip = 0;
        }
        self.focus = pane;
        if let Some(row) = row.filter(|&r| r < lens[slot])
            && self.rows[slot] != row
        {
            self.rows[slot] = row;
            self.skip = 0;
            if slot == 0 {
                self.reset_details();
            }
        }
        *self != before
    }

    /// Focuses the next (`+1`) or previous (`-1`) pane that has rows (`lens`, see
    /// [`lens`]; the list always counts); returns whether the focus moved.
    pub fn cycle(&mut self, lens: &[usize], dir: isize) -> bool {
        let n = P::ORDER.len() as isize;
        let at = Self::slot(self.focus) as isize;
        for i in 1..n {
            let next = (at + dir * i).rem_euclid(n) as usize;
            if next == 0 || lens[next] > 0 {
                return self.set_focus(P::ORDER[next]);
            }
        }
        false
    }
}

/// The rows of every pane, in `ORDER`, as [`ListDetail::step`] and
/// [`ListDetail::cycle`] take them.
pub fn lens<P: Pane>(len: impl Fn(P) -> usize) -> Vec<usize> {
    P::ORDER.iter().map(|&p| len(p)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum P {
        List,
        A,
        B,
    }

    impl Pane for P {
        const ORDER: &'static [P] = &[P::List, P::A, P::B];
    }

    #[test]
    fn moving_the_list_resets_the_details() {
        let mut c = ListDetail::<P>::default();
        let len = &lens(|_: P| 5);
        assert!(c.cycle(len, 1));
        assert!(c.step(len, 3));
        assert_eq!(c.row(P::A), 3);
        c.set_focus(P::List);
        assert!(c.step(len, 1));
        assert_eq!((c.selected(), c.row(P::A)), (1, 0));
        assert!(c.step(len, -5));
        assert_eq!(c.selected(), 0);
    }

    #[test]
    fn cycling_skips_empty_panes_both_ways() {
        let mut c = ListDetail::<P>::default();
        let len = &lens(|p: P| if p == P::A { 0 } else { 3 });
        assert!(c.cycle(len, 1));
        assert_eq!(c.focus(), P::B);
        assert!(c.cycle(len, 1));
        assert_eq!(c.focus(), P::List);
        assert!(c.cycle(len, -1));
        assert_eq!(c.focus(), P::B);
        let none = &lens(|p: P| if p == P::List { 3 } else { 0 });
        assert!(c.cycle(none, 1));
        assert!(!c.cycle(none, 1), "nothing else to focus");
    }

    #[test]
    fn reselect_follows_the_kept_row_to_its_new_place() {
        // `a` was selected in a, b, c; the new order puts it second.
        let mut c = ListDetail::<P>::default();
        assert!(c.reselect(&['c', 'a', 'b'], Some('a'), 0));
        assert_eq!(c.selected(), 1);
        assert!(c.reselect(&['b', 'c'], Some('a'), 0), "gone: the fallback");
        assert_eq!(c.selected(), 0);
    }

    #[test]
    fn a_tall_item_scrolls_line_by_line_before_the_next_is_selected() {
        use crate::tui::ui::hits::{Overflow, Shape};
        use ratatui::layout::Rect;
        // Pane A (slot 1) drew its selected item from line `above`, `rows` lines of it.
        let drawn = |above, below| {
            let mut map = HitMap::default();
            let over = Overflow {
                above,
                below,
                rows: 6,
            };
            map.pane(Rect::new(0, 0, 20, 10), 1, Shape::overflowing(over));
            map
        };
        let len = &lens(|_: P| 3);
        let mut c = ListDetail::<P>::default();
        c.set_focus(P::A);
        assert!(c.step_in(len, &drawn(0, 4), 1));
        assert_eq!(
            (c.row(P::A), c.skip(P::A)),
            (0, 1),
            "a line down, same item"
        );
        assert!(c.step_in(len, &drawn(1, 3), 3));
        assert_eq!(c.skip(P::A), 4, "a page is half the window");
        assert!(c.step_in(len, &drawn(4, 0), 1));
        assert_eq!(
            (c.row(P::A), c.skip(P::A)),
            (1, 0),
            "past its end: the next item"
        );
        // Back up: into the tall item at its end, then a line at a time.
        assert!(c.step_in(len, &drawn(0, 0), -1));
        assert_eq!((c.row(P::A), c.skip(P::A)), (0, usize::MAX));
        assert!(c.step_in(len, &drawn(4, 0), -1));
        assert_eq!(c.skip(P::A), 3);
        // `G`: the last item's end; `g`: the first item's top. A pane not focused shows
        // from the top.
        assert!(c.step_in(len, &drawn(3, 1), isize::MAX));
        assert_eq!((c.row(P::A), c.skip(P::A)), (2, usize::MAX));
        assert_eq!(c.skip(P::B), 0);
        assert!(!c.step_in(len, &drawn(5, 0), isize::MAX), "already there");
        assert!(c.step_in(len, &drawn(5, 0), isize::MIN));
        assert_eq!((c.row(P::A), c.skip(P::A)), (0, 0));
        c.step(len, 2);
        assert!(c.step_in(len, &HitMap::default(), -1));
        assert_eq!(c.row(P::A), 1, "nothing overflowed: an item up");
    }

    #[test]
    fn select_focuses_the_list_and_clamps() {
        let mut c = ListDetail::<P>::default();
        c.set_focus(P::B);
        c.step(&lens(|_: P| 4), 2);
        assert!(c.select(9, 4));
        assert_eq!((c.focus(), c.selected(), c.row(P::B)), (P::List, 3, 0));
    }
}
