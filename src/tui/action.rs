//! What the user asked for, independent of the key that asked: the input of [`App::update`].
//!
//! [`App::update`]: crate::tui::App::update

pub use super::tabs::Tab;

impl Action {
    /// The action's name in the config's `[keys]` section; `None` for those not bound to a
    /// fixed key (typing, resizing).
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            Action::Quit => "quit",
            Action::FocusSearch => "search",
            Action::LeaveSearch => "leave_search",
            Action::Backspace => "backspace",
            Action::ClearQuery => "clear_query",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Open => "open",
            Action::NextPane => "next_pane",
            Action::PrevPane => "prev_pane",
            Action::ShowTab(Tab::Explore) => "tab_explore",
            Action::ShowTab(Tab::Programs) => "tab_programs",
            Action::ShowTab(Tab::Calendar) => "tab_calendar",
            Action::ShowTab(Tab::Watchlist) => "tab_watchlist",
            Action::ShowTab(Tab::Inbox) => "tab_inbox",
            Action::Back => "back",
            Action::ToggleHelp => "help",
            Action::FullText => "full_text",
            Action::CycleView => "view",
            Action::ToggleFilter => "ticker_filter",
            Action::GoToday => "today",
            Action::PrevMonth => "prev_month",
            Action::NextMonth => "next_month",
            Action::ToggleWatch => "watch",
            Action::Copy => "copy",
            Action::OpenUrl => "open_url",
            Action::CycleSort => "sort",
            Action::CycleFilter => "filter",
            Action::NextWatchlist => "next_watchlist",
            Action::Accept => "accept",
            Action::Reject => "reject",
            Action::Undo => "undo",
            Action::ToggleChanges => "changes",
            Action::Cancel => "cancel",
            Action::Input(_) | Action::Resize(..) => return None,
        })
    }
}

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
    /// Calendar: the next view (timeline, month grid, chart); Programs: funding lines or chart.
    CycleView,
    /// Calendar: switch between the selected ticker's catalysts and all of them.
    ToggleFilter,
    /// Calendar: select the next catalyst from today (the grid shows today's month).
    GoToday,
    /// Calendar: the month grid or the chart shows the month before.
    PrevMonth,
    /// Calendar: the month grid or the chart shows the month after.
    NextMonth,
    /// Add the selected ticker to the watchlist shown in the Watchlist tab, or remove it.
    ToggleWatch,
    /// Copy the selected ticker or record to the clipboard (OSC 52).
    Copy,
    /// Open the selected source's url in the system's browser.
    OpenUrl,
    /// Order the lists by the next sort key.
    CycleSort,
    /// Filter the lists by the next filter (all, upcoming, within 30 / 90 days).
    CycleFilter,
    /// Watchlist tab: show the next watchlist.
    NextWatchlist,
    /// Inbox: accept the selected proposal (opening the picker when there is a choice).
    Accept,
    /// Inbox: reject the selected proposal.
    Reject,
    /// Inbox: undo the selected decision, or the last one of this session.
    Undo,
    /// Inbox: switch between the proposals and what changed since the TUI was last opened.
    ToggleChanges,
    /// Accept picker: back a step, or close it.
    Cancel,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
}
