//! What the user asked for, independent of the key that asked: the input of [`App::update`].
//!
//! [`App::update`]: crate::tui::App::update

pub use super::tabs::Tab;

/// One user intent; only [`App::update`](crate::tui::App::update) turns it into a state change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave the application.
    Quit,
    /// Go to the Explore tab and put the cursor in the search box.
    FocusSearch,
    /// Take the cursor out of the search box, keeping the query.
    LeaveSearch,
    /// Type a character into the query.
    Input(char),
    /// Delete the last character of the query.
    Backspace,
    /// Empty the query.
    ClearQuery,
    /// Move the selection (or the help text) up one row.
    Up,
    /// Move the selection (or the help text) down one row.
    Down,
    /// Move the selection up one page.
    PageUp,
    /// Move the selection down one page.
    PageDown,
    /// Select the first row.
    Top,
    /// Select the last row.
    Bottom,
    /// Open the selection: focus its details or jump to the program, catalyst or entity.
    Open,
    /// Focus the next pane of the tab.
    NextPane,
    /// Focus the previous pane of the tab.
    PrevPane,
    /// Show a tab.
    ShowTab(Tab),
    /// Go back after a jump, or step out of a pane, or clear the query.
    Back,
    /// Open the selected record in the full-text view, or close that view.
    FullText,
    /// Open or close the help overlay.
    ToggleHelp,
    /// Calendar: switch between the timeline and the month grid.
    ToggleGrid,
    /// Calendar: switch between the selected ticker's catalysts and all of them.
    ToggleFilter,
    /// Calendar: select the next catalyst from today (the grid shows today's month).
    GoToday,
    /// Calendar: the month grid shows the month before.
    PrevMonth,
    /// Calendar: the month grid shows the month after.
    NextMonth,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
}
