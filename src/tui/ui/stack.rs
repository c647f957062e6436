//! Panes stacked in a column, sized by their content: each pane asks for the rows it needs
//! at least (its border and one body row, or more) and the rows its whole content wants;
//! the column keeps the panes that fit whole, in order of priority, gives each its least,
//! then shares the rest out a row at a time until every pane has what it wants. A pane that
//! cannot be drawn whole is left out and named in a note, never drawn as a broken box.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::pane;
use super::theme::Theme;

/// Rows a pane with a border and one body row takes: the least any pane is drawn with.
pub const WHOLE: u16 = 3;

/// Rows a focused pane gets at least when it has that much to show (border included), so
/// the pane being browsed shows a few rows even when the column is short.
pub const FOCUSED: u16 = 6;

/// What one pane of a column asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ask {
    /// Rows below which the pane is left out (border included).
    pub min: u16,
    /// Rows its whole content takes (border included).
    pub want: u16,
}

impl Ask {
    /// A pane that needs `min` rows and whose content takes `want` (never less than `min`).
    pub fn new(min: u16, want: u16) -> Ask {
        Ask {
            min,
            want: want.max(min),
        }
    }

    /// The ask of a pane that has the focus: a few body rows more, when it has them to show.
    pub fn focused(self) -> Ask {
        self.focused_on(0, u16::MAX)
    }

    /// The ask of a focused pane whose selected item takes `item` rows (border included):
    /// enough to show that item whole, so browsing reaches all of it, but no more than `cap`
    /// (what the panes that must stay beside it leave).
    pub fn focused_on(self, item: u16, cap: u16) -> Ask {
        let least = FOCUSED.max(item).min(self.want).min(cap);
        Ask::new(self.min.max(least), self.want)
    }
}

/// Rows for each pane of `asks` (in drawing order) in a column `height` rows tall; `0`
/// for a pane left out. Panes are kept in the order of `priority` (indices into `asks`)
/// while their least fits; rows left once every kept pane has what it wants go to the last
/// kept pane, so the column is filled to its bottom.
pub fn heights(height: u16, asks: &[Ask], priority: &[usize]) -> Vec<u16> {
    let mut rows = vec![0u16; asks.len()];
    let mut left = height;
    for &i in priority {
        if rows[i] == 0 && asks[i].min <= left {
            rows[i] = asks[i].min;
            left -= asks[i].min;
        }
    }
    // A row at a time to each pane still short of its content, so no pane starves.
    while left > 0 {
        let mut gave = false;
        for (i, ask) in asks.iter().enumerate() {
            if left > 0 && rows[i] > 0 && rows[i] < ask.want {
                rows[i] += 1;
                left -= 1;
                gave = true;
            }
        }
        if !gave {
            break;
        }
    }
    if let Some(last) = rows.iter_mut().rev().find(|r| **r > 0) {
        *last += left;
    }
    rows
}

/// The areas of a column of `area` split into `rows` (see [`heights`]): `None` for a pane
/// left out.
pub fn areas(area: Rect, rows: &[u16]) -> Vec<Option<Rect>> {
    let mut y = area.y;
    rows.iter()
        .map(|&h| {
            (h > 0).then(|| {
                let r = Rect {
                    x: area.x,
                    y,
                    width: area.width,
                    height: h,
                };
                y += h;
                r
            })
        })
        .collect()
}

/// `area` split for `asks` at once: [`heights`] then [`areas`].
pub fn split(area: Rect, asks: &[Ask], priority: &[usize]) -> Vec<Option<Rect>> {
    areas(area, &heights(area.height, asks, priority))
}

/// The note naming the panes a column left out, with the key that shows them:
/// `+ Sources (3), Catalysts (5): Tab to view`. `None` when nothing was left out.
pub fn left_out(names: &[String], key: &str) -> Option<String> {
    (!names.is_empty()).then(|| format!("+ {}: {key} to view", names.join(", ")))
}

/// Writes the note of [`left_out`] on the bottom border of the last pane drawn in the column.
pub fn note_left_out(
    areas: &[Option<Rect>],
    names: &[String],
    key: &str,
    buf: &mut Buffer,
    theme: Theme,
) {
    let (Some(note), Some(last)) = (left_out(names, key), areas.iter().rev().flatten().next())
    else {
        return;
    };
    pane::bottom_note(&note, *last, buf, theme);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pane_gets_its_least_then_the_rest_is_shared() {
        let asks = [Ask::new(4, 8), Ask::new(3, 10), Ask::new(3, 4)];
        // 10 least, 6 to share: one row each in turn, the third stopping at its 4.
        assert_eq!(heights(16, &asks, &[0, 1, 2]), [7, 5, 4]);
        assert_eq!(heights(10, &asks, &[0, 1, 2]), [4, 3, 3]);
    }

    #[test]
    fn room_left_when_all_is_shown_goes_to_the_last_pane() {
        let asks = [Ask::new(3, 4), Ask::new(3, 5)];
        assert_eq!(heights(20, &asks, &[0, 1]), [4, 16]);
    }

    #[test]
    fn panes_that_cannot_be_whole_are_left_out_by_priority() {
        let asks = [
            Ask::new(4, 8),
            Ask::new(3, 10),
            Ask::new(3, 4),
            Ask::new(3, 5),
        ];
        // Room for three: the lowest priority (index 1 here) goes; the row left over goes
        // to the first pane short of its content.
        let rows = heights(11, &asks, &[3, 0, 2, 1]);
        assert_eq!(rows, [5, 0, 3, 3]);
        assert!(rows.iter().all(|&r| r == 0 || r >= WHOLE));
        assert_eq!(heights(2, &asks, &[0, 1, 2, 3]), [0, 0, 0, 0]);
    }

    #[test]
    fn a_focused_pane_asks_for_a_few_rows_when_it_has_them() {
        assert_eq!(Ask::new(3, 20).focused(), Ask::new(FOCUSED, 20));
        assert_eq!(Ask::new(3, 4).focused(), Ask::new(4, 4));
        // A tall selected item is shown whole, within the cap.
        assert_eq!(Ask::new(3, 20).focused_on(12, 30), Ask::new(12, 20));
        assert_eq!(Ask::new(3, 20).focused_on(12, 9), Ask::new(9, 20));
    }

    #[test]
    fn areas_follow_each_other_and_skip_left_out_panes() {
        let area = Rect::new(2, 5, 30, 10);
        let got = areas(area, &[4, 0, 6]);
        assert_eq!(got[0], Some(Rect::new(2, 5, 30, 4)));
        assert_eq!(got[1], None);
        assert_eq!(got[2], Some(Rect::new(2, 9, 30, 6)));
        let names = ["Sources (3)".to_string()];
        assert_eq!(
            left_out(&names, "Tab").as_deref(),
            Some("+ Sources (3): Tab to view")
        );
        assert_eq!(left_out(&[], "Tab"), None);
    }
}
