//! The tabs. Each is one module holding its state, what its keys do (an [`Outcome`]) and
//! its view, behind the [`TabView`] trait (as ratatui's demo2 keeps each tab's state and
//! widget together). The app only routes actions to the tab on screen and carries out the
//! outcomes that cross tabs: opening a record where it lives, a status-bar note.
//!
//! Adding a tab: write `tabs/<name>.rs` with a state type implementing [`TabView`] (use
//! [`ListDetail`](super::list_detail::ListDetail) for a list with detail panes), then
//! register it here: a [`Tab`] variant (in `ALL` and `title`), a field of [`Tabs`] and its
//! arm in [`Tabs::get`] / [`Tabs::get_mut`]; finally its number key in `keymap::KEYMAP`
//! and its action name in `Action::name`.

pub mod calendar;
pub mod explore;
pub mod inbox;
pub mod programs;
pub mod watchlist;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::index::Index;
use crate::model::EntityId;
use crate::search::Target;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::ui::full_text::Record;
use crate::tui::ui::hits::HitMap;
use crate::tui::ui::theme::Theme;

use calendar::Calendar;
use explore::Explore;
use inbox::Inbox;
use programs::Programs;
use watchlist::Watchlist;

/// The top-level screens, in key order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    /// Search, results and the detail panes of the selection.
    Explore,
    /// Every program with its funding and linked entities.
    Programs,
    /// Catalysts on a timeline or a month grid.
    Calendar,
    /// The user's watchlists and what touches them.
    Watchlist,
    /// What saved articles propose, and what changed.
    Inbox,
}

impl Tab {
    /// Every tab, in key order (`1` to `5`).
    pub const ALL: [Tab; 5] = [
        Tab::Explore,
        Tab::Programs,
        Tab::Calendar,
        Tab::Watchlist,
        Tab::Inbox,
    ];

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            Tab::Explore => "Explore",
            Tab::Programs => "Programs",
            Tab::Calendar => "Calendar",
            Tab::Watchlist => "Watchlist",
            Tab::Inbox => "Inbox",
        }
    }

    /// The tab a record opens in.
    pub fn home_of(target: Target) -> Tab {
        match target {
            Target::Entity(_) => Tab::Explore,
            Target::Program(_) => Tab::Programs,
            Target::Catalyst(_) => Tab::Calendar,
        }
    }
}

/// What a tab reads besides its own state, for updating and drawing alike.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The dataset.
    pub index: &'a Index,
    /// The injected day countdowns start from.
    pub today: NaiveDate,
    /// The entity selected in Explore, if the selection is one.
    pub entity: Option<EntityId>,
    /// Whether the search box has the cursor.
    pub searching: bool,
    /// Terminal rows, for paging.
    pub rows: u16,
    /// Styles.
    pub theme: Theme,
    /// The key table, for every key a pane names.
    pub keys: &'a crate::tui::keymap::Keymap,
    /// The user's watchlists.
    pub book: &'a crate::book::Watchlists,
    /// Why the watchlists file could not be read (it is left as it is), when it could not.
    pub book_error: Option<&'a str>,
    /// Order of the lists.
    pub sort: crate::book::sort::SortKey,
    /// Filter of the lists.
    pub filter: crate::book::sort::ListFilter,
    /// The library's proposals and changes.
    pub shelf: &'a crate::tui::shelf::Shelf,
}

/// What a key did in a tab, for the app to carry out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing changed.
    Unchanged,
    /// The tab's state changed.
    Changed,
    /// Open this record in the tab it lives in (`Esc` comes back).
    Open(Target),
    /// Show a one-off note in the status bar.
    Say(String),
    /// Carry out this inbox decision on the library.
    Library(crate::tui::shelf::Request),
}

impl From<bool> for Outcome {
    fn from(changed: bool) -> Outcome {
        if changed {
            Outcome::Changed
        } else {
            Outcome::Unchanged
        }
    }
}

/// One tab: its key handling and its view. Rendering is a pure function of the state.
pub trait TabView {
    /// Key-table modes active while browsing this tab, most specific first.
    fn modes(&self) -> &'static [Mode] {
        &[Mode::Browse, Mode::Global]
    }
    /// Moves the focused pane's cursor by `delta` rows, through a selected item the screen
    /// shows only in part first (`layout`: [`crate::tui::ui::layout`] of the state the step
    /// starts from); returns whether anything changed.
    fn step(&mut self, cx: &Context, layout: &HitMap, delta: isize) -> bool;
    /// Whether a step may scroll inside the selected item of the pane it moves (an item
    /// can be taller than the pane): only then is the `layout` it gets worked out (it
    /// wraps the text of the panes on screen).
    fn steps_inside_items(&self, _cx: &Context) -> bool {
        true
    }
    /// Focuses the next (`+1`) or previous (`-1`) pane.
    fn cycle(&mut self, cx: &Context, dir: isize) -> bool;
    /// A click on the pane in `slot` of the tab's pane order (as its
    /// [`layout`](Self::layout) places it) and on `row` of its list, if on one: focus the
    /// pane, select the row.
    fn click(&mut self, _cx: &Context, _slot: usize, _row: Option<usize>) -> bool {
        false
    }
    /// Enter on the selection.
    fn open(&mut self, cx: &Context) -> Outcome;
    /// Esc when no jump is left to undo: step out of a pane, leave a view, clear.
    fn back(&mut self, cx: &Context) -> bool;
    /// An action only this tab binds (see [`modes`](Self::modes)).
    fn act(&mut self, _cx: &Context, _action: Action) -> Outcome {
        Outcome::Unchanged
    }
    /// The entity of the selected row, for `w` and `y`.
    fn selected_entity(&self, _cx: &Context) -> Option<EntityId> {
        None
    }
    /// The selected source, for `o`.
    fn selected_source(&self, _cx: &Context) -> Option<crate::model::SourceId> {
        None
    }
    /// The text `y` copies when no entity is selected (a program, a catalyst).
    fn copy_text(&self, _cx: &Context) -> Option<String> {
        None
    }
    /// What `Y` copies when the tab's row is a record of its own, not one the full-text
    /// view shows (an inbox proposal): what it is (`proposal`) and its whole text.
    fn copy_whole(&self, _cx: &Context) -> Option<(&'static str, String)> {
        None
    }
    /// Shows `target`, a record that lives in this tab ([`Tab::home_of`]).
    fn show(&mut self, cx: &Context, target: Target) -> bool;
    /// The record under the cursor of the focused pane, for the full-text view (`i`).
    fn record(&self, cx: &Context) -> Option<Record>;
    /// Every cursor with the length of its list, as `(name, selected, len)`.
    fn selections(&self, index: &Index) -> Vec<(&'static str, usize, usize)>;
    /// Where the tab drawn into `area` puts its search box, its panes and their rows, and
    /// how far the focused pane's selected item overflows: what a click or a step acts on.
    /// Pure geometry, from the placing code [`render`](Self::render) draws with.
    fn layout(&self, cx: &Context, area: Rect) -> HitMap;
    /// Draws the tab into `area` (between the tab bar and the status bar).
    fn render(&self, cx: &Context, frame: &mut Frame, area: Rect);
}

/// Every tab's state; cloned whole into the history `Esc` walks back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tabs {
    /// Explore tab.
    pub explore: Explore,
    /// Programs tab.
    pub programs: Programs,
    /// Calendar tab.
    pub calendar: Calendar,
    /// Watchlist tab.
    pub watchlist: Watchlist,
    /// Inbox tab.
    pub inbox: Inbox,
}

impl Tabs {
    /// Every tab at its start: all entities, the first program, the next catalyst.
    pub fn new(index: &Index, today: NaiveDate) -> Tabs {
        Tabs {
            // The entity list in the default order (next catalyst first), counted from today.
            explore: Explore::ordered(index, explore::Order::counted_from(today)),
            programs: Programs::new(today),
            calendar: Calendar::new(index, today),
            watchlist: Watchlist::default(),
            inbox: Inbox::default(),
        }
    }

    /// The tab's state.
    pub fn get(&self, tab: Tab) -> &dyn TabView {
        match tab {
            Tab::Explore => &self.explore,
            Tab::Programs => &self.programs,
            Tab::Calendar => &self.calendar,
            Tab::Watchlist => &self.watchlist,
            Tab::Inbox => &self.inbox,
        }
    }

    /// The tab's state, to change.
    pub fn get_mut(&mut self, tab: Tab) -> &mut dyn TabView {
        match tab {
            Tab::Explore => &mut self.explore,
            Tab::Programs => &mut self.programs,
            Tab::Calendar => &mut self.calendar,
            Tab::Watchlist => &mut self.watchlist,
            Tab::Inbox => &mut self.inbox,
        }
    }
}
