//! The application state and the only function that changes it, [`App::update`].

use chrono::NaiveDate;

use std::sync::Arc;

use crate::index::Index;
use crate::search::{Searcher, Session};

use super::action::{Action, Tab};
use super::keymap::{Keymap, Mode};
use super::tabs::calendar::Calendar;
use super::tabs::explore::{Explore, ExplorePane, ResultRow, results_in};
use super::tabs::programs::Programs;
use super::tabs::{Context, TabView, Tabs};
use super::ui::full_text::{self, Record};
use super::ui::theme::Theme;
use ratatui::layout::Rect;

/// The tabs' [`Context`] from the app `$app`. A macro, not a method, so that its fields are
/// borrowed one by one (never `tabs`, whose explore tab is only read) and the context can
/// stand beside `&mut $app.tabs` while a tab acts on it.
macro_rules! context {
    ($app:expr) => {
        Context {
            index: &$app.index,
            today: $app.today,
            entity: $app.tabs.explore.entity(),
            searching: $app.searching,
            rows: $app.size.1,
            theme: Theme::new($app.color).with_light($app.light),
            keys: &$app.keys,
            book: &$app.book,
            book_error: $app.book_error.as_deref(),
            sort: $app.tabs.explore.order.sort,
            filter: $app.tabs.explore.order.filter,
            shelf: &$app.shelf,
        }
    };
}

mod navigate;

use navigate::Place;

/// Where queries are scored.
enum SearchMode {
    /// In `update` itself (tests, headless screens): deterministic, one frame per key.
    Inline(Session),
    /// On a worker thread.
    Background {
        /// The query typed since the worker was last asked.
        wanted: Option<String>,
        /// The results shown are not yet those of the query typed.
        awaiting: bool,
    },
}

/// What an action asks of the world outside the app, carried out by the run loop (the
/// terminal) or the headless screen after `update`, so `update` itself does no I/O.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Open this url in the system's browser.
    OpenUrl(String),
    /// Write the watchlists file.
    SaveWatchlists,
    /// Carry out an inbox decision on the library, then load the dataset again.
    Library(super::shelf::Request),
}

/// Everything the screen shows, built from an [`Index`] and an injected `today`.
pub struct App {
    keys: Arc<Keymap>,
    light: bool,
    book: crate::book::Watchlists,
    /// The watchlists file as last read or written, to merge with what another aipx wrote
    /// since (`None`: the app was not given a file's contents).
    book_base: Option<crate::book::Watchlists>,
    /// Why the watchlists file could not be read, shown in the Watchlist tab.
    book_error: Option<String>,
    default_list: Option<String>,
    effects: Vec<Effect>,
    index: Arc<Index>,
    /// Built on first search (the terminal's worker builds it at start).
    searcher: Arc<super::searcher::Lazy>,
    search: SearchMode,
    today: NaiveDate,
    size: (u16, u16),
    color: bool,
    tab: Tab,
    searching: bool,
    help: Option<usize>,
    reader: Option<(Record, usize)>,
    tabs: Tabs,
    shelf: super::shelf::Shelf,
    history: Vec<Place>,
    message: Option<String>,
    /// A problem the whole session runs with (a broken config): shown until dismissed.
    warning: Option<String>,
    quit: bool,
}

impl App {
    /// A fresh app on the Explore tab, listing every entity, counting days from `today`.
    pub fn new(index: Index, today: NaiveDate) -> App {
        // The entity list in the default order (next catalyst first), counted from today;
        // the query is empty, so nothing is searched.
        let tabs = Tabs::new(&index, today);
        App {
            keys: Arc::new(Keymap::default()),
            light: false,
            book: crate::book::Watchlists::default(),
            book_base: None,
            book_error: None,
            default_list: None,
            effects: Vec::new(),
            index: Arc::new(index),
            searcher: Arc::default(),
            search: SearchMode::Inline(Session::default()),
            today,
            size: (80, 24),
            color: true,
            tab: Tab::Explore,
            searching: false,
            help: None,
            reader: None,
            tabs,
            shelf: Default::default(),
            history: Vec::new(),
            message: None,
            warning: None,
            quit: false,
        }
    }

    /// Searches with `searcher` (one that covers the securities master beside the index's
    /// dataset) instead of one built from the index's dataset on first use.
    pub fn with_searcher(mut self, searcher: Searcher) -> App {
        self.searcher = Arc::new(super::searcher::Lazy::ready(searcher));
        self
    }

    /// Searches the securities master's companies beside the index's dataset too, with a
    /// searcher built on first use (the terminal's worker builds it at start, after the
    /// first frame): `master` is their stored catalog, `place` each one's entity in the index.
    pub fn with_master_beside(
        mut self,
        master: crate::catalog::Catalog,
        place: Vec<crate::model::EntityId>,
    ) -> App {
        self.searcher = Arc::new(super::searcher::Lazy::beside(master, place));
        self
    }

    /// Leaves searching to a background worker: typing only records the query (see
    /// [`take_search`](Self::take_search) and [`receive_results`](Self::receive_results)),
    /// so keys are never held up by scoring and the newest query wins.
    pub fn with_background_search(mut self) -> App {
        self.search = SearchMode::Background {
            wanted: None,
            awaiting: false,
        };
        self
    }

    /// The query a background worker should score next, if typing changed it.
    pub fn take_search(&mut self) -> Option<String> {
        match &mut self.search {
            SearchMode::Background { wanted, .. } => wanted.take(),
            SearchMode::Inline(_) => None,
        }
    }

    /// Results a background worker scored for `query`, all of them or (not `whole`) the
    /// first ones, the rest to come; stale ones (the query has moved on) are dropped.
    /// Returns whether the screen changed.
    pub fn receive_results(&mut self, query: &str, rows: Vec<ResultRow>, whole: bool) -> bool {
        let SearchMode::Background { awaiting, .. } = &mut self.search else {
            return false;
        };
        if !*awaiting || query != self.tabs.explore.query {
            return false;
        }
        if whole {
            *awaiting = false;
            self.tabs.explore.set_results(&self.index, rows);
        } else {
            self.tabs.explore.set_first_results(&self.index, rows);
        }
        true
    }

    /// Before a key acts on the results (open, move, switch tab), they must be the typed
    /// query's: if the worker has not answered yet, score the query here, once.
    fn settle_results(&mut self, action: Action) {
        let typing = matches!(
            action,
            Action::Input(_)
                | Action::Backspace
                | Action::ClearQuery
                | Action::Resize(..)
                | Action::FocusSearch
                | Action::LeaveSearch
                | Action::Quit
        );
        if let SearchMode::Background { awaiting, .. } = &mut self.search
            && *awaiting
            && !typing
        {
            *awaiting = false;
            self.tabs
                .explore
                .refresh(&self.index, lazy(&self.searcher, &self.index));
        }
    }

    /// Uses this key table (the defaults with the config's overrides).
    pub fn with_keys(mut self, keys: Keymap) -> App {
        self.keys = Arc::new(keys);
        self
    }

    /// The key table in force.
    pub fn keys(&self) -> &Keymap {
        &self.keys
    }

    /// Uses the light palette.
    pub fn with_light(mut self, light: bool) -> App {
        self.light = light;
        self
    }

    /// The user's watchlists; `default` is the one `w` adds to and the Watchlist tab shows
    /// first.
    pub fn with_book(mut self, book: crate::book::Watchlists, default: Option<String>) -> App {
        let at = default
            .as_deref()
            .and_then(|d| book.lists.iter().position(|w| w.name == d));
        self.tabs.watchlist.current = at.unwrap_or(0);
        self.book_base = Some(book.clone());
        self.book = book;
        self.default_list = default;
        self
    }

    /// The watchlists file as last read or written, if the app was given one.
    pub fn book_base(&self) -> Option<&crate::book::Watchlists> {
        self.book_base.as_ref()
    }

    /// The watchlists as just written (merged with another aipx's changes): shown from now
    /// on, the list on screen kept by its name.
    pub fn book_saved(&mut self, book: crate::book::Watchlists) {
        let shown = self
            .book
            .lists
            .get(self.tabs.watchlist.current)
            .map(|w| w.name.clone());
        if let Some(at) = shown.and_then(|name| book.lists.iter().position(|w| w.name == name)) {
            self.tabs.watchlist.current = at;
        }
        self.book_base = Some(book.clone());
        self.book = book;
    }

    /// Records that the watchlists file could not be read: the Watchlist tab says so instead
    /// of showing an empty book as if there were none.
    pub fn with_book_error(mut self, error: String) -> App {
        self.book_error = Some(error);
        self
    }

    /// The library's proposals and changes, as the Inbox tab shows them.
    pub fn with_shelf(mut self, shelf: super::shelf::Shelf) -> App {
        self.shelf = shelf;
        self
    }

    /// The library as the Inbox tab shows it.
    pub fn shelf(&self) -> &super::shelf::Shelf {
        &self.shelf
    }

    /// After an inbox decision: the dataset with the library as it is now (every tab sees
    /// it at once), the shelf read again, the cursor on the next proposal to review.
    pub fn library_done(&mut self, request: &super::shelf::Request, done: super::shelf::Done) {
        self.replace_index(done.index, done.searcher);
        self.shelf = done.shelf;
        let (id, next) = match request {
            super::shelf::Request::Accept(id, _) | super::shelf::Request::Reject(id) => (*id, true),
            super::shelf::Request::Undo(id) => (*id, false),
        };
        let cx = context!(self);
        self.tabs.inbox.select_after(&cx, id, next);
        self.message = Some(done.message);
    }

    /// Browses `index` from now on (the library changed): every tab is rebuilt on it and the
    /// selection, query and order put back by id; jumps to undo are dropped, since they
    /// point into the old index.
    pub fn replace_index(&mut self, index: Index, searcher: Option<Searcher>) {
        let kept = super::state::remember(self);
        let order = self.tabs.explore.order;
        let inbox = self.tabs.inbox.clone();
        let watch = self.tabs.watchlist.current;
        self.index = Arc::new(index);
        self.searcher =
            Arc::new(searcher.map_or_else(Default::default, super::searcher::Lazy::ready));
        match &mut self.search {
            SearchMode::Inline(session) => *session = Session::default(),
            SearchMode::Background { wanted, awaiting } => {
                *wanted = None;
                *awaiting = false;
            }
        }
        self.tabs = Tabs::new(&self.index, self.today);
        self.tabs.inbox = inbox;
        self.tabs.watchlist.current = watch;
        self.set_entity_order(order);
        self.history.clear();
        self.reader = None;
        self.restore_view(
            None,
            &kept.query,
            kept.entity.as_deref(),
            kept.program.as_deref(),
            None,
        );
    }

    /// The user's watchlists as the app holds them.
    pub fn book(&self) -> &crate::book::Watchlists {
        &self.book
    }

    /// Orders and filters the lists.
    pub fn with_order(
        mut self,
        sort: crate::book::sort::SortKey,
        filter: crate::book::sort::ListFilter,
    ) -> App {
        let order = super::tabs::explore::Order {
            sort,
            filter,
            today: Some(self.today),
        };
        self.set_entity_order(order);
        // The start of a session: the list opens on its first row (a remembered selection
        // is put back afterwards by `restore_view`).
        self.tabs.explore.cursor = Default::default();
        self
    }

    /// Orders and filters the entity lists (Explore, the Watchlist), keeping the selected
    /// record selected.
    fn set_entity_order(&mut self, order: super::tabs::explore::Order) {
        let (index, searcher) = (&self.index, &self.searcher);
        self.tabs
            .explore
            .set_order(index, || lazy(searcher, index), order);
    }

    /// Shows a note in the status bar until the next key (a config problem at start).
    pub fn notify(&mut self, message: impl Into<String>) {
        self.message = Some(message.into());
    }

    /// Keeps `marker` in the status bar for the whole session, past every key, until the
    /// user clears it (`Esc` with nothing left to go back from): the config could not be
    /// read and aipx runs on defaults, which a one-off note would let the user forget.
    pub fn with_warning(mut self, marker: impl Into<String>) -> App {
        self.warning = Some(marker.into());
        self
    }

    /// The session's standing warning, if not dismissed.
    pub fn warning(&self) -> Option<&str> {
        self.warning.as_deref()
    }

    /// What the last actions asked of the outside world, oldest first.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Shared handles on the index and its searcher, for the background search worker.
    pub fn shared_index(&self) -> (Arc<Index>, Arc<super::searcher::Lazy>) {
        (Arc::clone(&self.index), Arc::clone(&self.searcher))
    }

    /// The searcher over the index's texts.
    pub fn searcher(&self) -> &Searcher {
        lazy(&self.searcher, &self.index)
    }

    /// Turns colour on or off (off honours `NO_COLOR`; meaning never depends on colour).
    pub fn with_color(mut self, color: bool) -> App {
        self.color = color;
        self
    }

    /// The index the app browses.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The injected day countdowns are computed from.
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// Whether to draw with colour.
    pub fn color(&self) -> bool {
        self.color
    }

    /// Terminal size as last reported, in columns and rows.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// The tab on screen.
    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// Whether the search box has the cursor.
    pub fn searching(&self) -> bool {
        self.searching
    }

    /// The help overlay's scroll position, when it is open.
    pub fn help(&self) -> Option<usize> {
        self.help
    }

    /// The record open in the full-text view and its scroll position.
    pub fn reader(&self) -> Option<(Record, usize)> {
        self.reader
    }

    /// Every tab's state.
    pub fn tabs(&self) -> &Tabs {
        &self.tabs
    }

    /// Explore tab state.
    pub fn explore(&self) -> &Explore {
        &self.tabs.explore
    }

    /// Programs tab state.
    pub fn programs(&self) -> &Programs {
        &self.tabs.programs
    }

    /// Calendar tab state.
    pub fn calendar(&self) -> &Calendar {
        &self.tabs.calendar
    }

    /// What the tabs read besides their own state.
    pub fn context(&self) -> Context<'_> {
        context!(self)
    }

    /// The palette in use.
    pub fn theme(&self) -> Theme {
        Theme::new(self.color).with_light(self.light)
    }

    /// Runs `f` on the tab `tab` with the context (borrowed beside it, field by field).
    fn with_tab<R>(&mut self, tab: Tab, f: impl FnOnce(&mut dyn TabView, &Context) -> R) -> R {
        let cx = context!(self);
        f(self.tabs.get_mut(tab), &cx)
    }

    /// A one-off note for the status bar (cleared by the next action).
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Whether the user asked to quit.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Jumps that `Esc` can undo.
    pub fn history_len(&self) -> usize {
        self.history.len()
    }

    /// Active key-table modes, most specific first.
    pub fn modes(&self) -> &'static [Mode] {
        if self.help.is_some() {
            &[Mode::Help, Mode::Global]
        } else if self.reader.is_some() {
            &[Mode::Reader, Mode::Global]
        } else if self.searching {
            &[Mode::Search, Mode::Global]
        } else {
            self.tabs.get(self.tab).modes()
        }
    }

    /// Every cursor with the length of its list, as `(name, selected, len)`; an empty list
    /// reports length 0 with the cursor at 0.
    pub fn selections(&self) -> Vec<(&'static str, usize, usize)> {
        Tab::ALL
            .iter()
            .flat_map(|&tab| self.tabs.get(tab).selections(&self.index))
            .collect()
    }

    /// Applies one action; returns whether anything on screen may have changed.
    pub fn update(&mut self, action: Action) -> bool {
        self.settle_results(action);
        // A resize is not the user acting: a note (a config problem at start) stays.
        let had_message = match action {
            Action::Resize(..) => false,
            _ => self.message.take().is_some(),
        };
        let changed = match action {
            Action::Quit => {
                self.quit = true;
                true
            }
            Action::Resize(w, h) => {
                self.size = (w, h);
                true
            }
            Action::FocusSearch => {
                self.help = None;
                self.reader = None;
                self.tab = Tab::Explore;
                self.searching = true;
                self.tabs.explore.cursor.set_focus(ExplorePane::Results);
                true
            }
            Action::LeaveSearch => std::mem::replace(&mut self.searching, false),
            // Typing outside the search box goes to the tab (the picker's name box).
            Action::Input(_) | Action::Backspace if !self.searching => {
                let outcome = self.with_tab(self.tab, |t, cx| t.act(cx, action));
                self.carry_out(outcome)
            }
            Action::Input(c) => self.edit_query(|q| q.push(c)),
            Action::Backspace => self.edit_query(|q| {
                q.pop();
            }),
            Action::ClearQuery => self.edit_query(String::clear),
            Action::ToggleHelp => {
                self.help = if self.help.is_some() { None } else { Some(0) };
                true
            }
            Action::FullText => self.toggle_reader(),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-self.page()),
            Action::PageDown => self.move_by(self.page()),
            Action::Top => self.move_by(isize::MIN),
            Action::Bottom => self.move_by(isize::MAX),
            Action::Open => self.open(),
            Action::Click(slot, row) => {
                let left_search = std::mem::replace(&mut self.searching, false);
                let changed = self.with_tab(self.tab, |t, cx| t.click(cx, slot, row));
                changed || left_search
            }
            Action::NextPane => self.cycle(1),
            Action::PrevPane => self.cycle(-1),
            Action::ShowTab(tab) => std::mem::replace(&mut self.tab, tab) != tab,
            Action::Back => self.back(),
            Action::ToggleWatch => self.toggle_watch(),
            Action::Copy => self.copy(false),
            Action::CopyRecord => self.copy(true),
            Action::OpenUrl => self.open_url(),
            Action::CycleSort | Action::CycleFilter => match self.tab {
                // Lists of their own: programs, catalysts, proposals.
                Tab::Programs | Tab::Calendar | Tab::Inbox => {
                    let outcome = self.with_tab(self.tab, |t, cx| t.act(cx, action));
                    self.carry_out(outcome)
                }
                // The entity lists (Explore, the Watchlist) share one order.
                _ => self.cycle_order(action),
            },
            Action::CycleView
            | Action::ToggleFilter
            | Action::GoToday
            | Action::PrevMonth
            | Action::NextMonth
            | Action::NextWatchlist
            | Action::Accept
            | Action::Reject
            | Action::Undo
            | Action::ToggleChanges
            | Action::Cancel => {
                let outcome = self.with_tab(self.tab, |t, cx| t.act(cx, action));
                self.carry_out(outcome)
            }
        };
        changed || had_message
    }

    fn page(&self) -> isize {
        (self.size.1 as isize - 10).max(1)
    }

    fn edit_query(&mut self, edit: impl FnOnce(&mut String)) -> bool {
        if !self.searching {
            return false;
        }
        let before = self.tabs.explore.query.len();
        edit(&mut self.tabs.explore.query);
        if self.tabs.explore.query.len() == before {
            return false;
        }
        if self.tabs.explore.query.trim().is_empty() {
            // Nothing to search: every entity, arranged once per order and kept, so a clear
            // costs no sort; a search still on its way is dropped.
            if let SearchMode::Background { wanted, awaiting } = &mut self.search {
                (*wanted, *awaiting) = (None, false);
            }
            self.tabs.explore.show_everyone(&self.index);
            return true;
        }
        match &mut self.search {
            SearchMode::Inline(session) => {
                let searcher = lazy(&self.searcher, &self.index);
                let query = &self.tabs.explore.query;
                let rows = results_in(&self.index, searcher, session, query, &mut |_| {});
                self.tabs.explore.set_results(&self.index, rows);
            }
            SearchMode::Background { wanted, awaiting } => {
                *wanted = Some(self.tabs.explore.query.clone());
                *awaiting = true;
            }
        }
        true
    }

    fn move_by(&mut self, delta: isize) -> bool {
        if let Some(scroll) = self.help.as_mut() {
            // A heading and a blank line per mode; the overlay shows all but 4 rows' worth.
            let lines: usize = self.keys.help().iter().map(|(_, es)| es.len() + 2).sum();
            let visible = (self.size.1 as usize).saturating_sub(4);
            let positions = lines.saturating_sub(visible) + 1;
            return super::list::step(scroll, positions, delta);
        }
        if let Some((record, scroll)) = self.reader.as_mut() {
            let area = full_text::area(Rect::new(0, 0, self.size.0, self.size.1));
            let width = area.width.saturating_sub(2) as usize;
            let lines = full_text::lines(&self.index, *record, self.today, width);
            let visible = area.height.saturating_sub(2) as usize;
            let positions = lines.saturating_sub(visible) + 1;
            return super::list::step(scroll, positions, delta);
        }
        // Where the step lands depends on what the screen shows of the focused pane at the
        // terminal's size: computed from the state now, never read from the last frame.
        let layout = if self.tabs.get(self.tab).steps_inside_items(&self.context()) {
            super::ui::layout(self)
        } else {
            Default::default()
        };
        self.with_tab(self.tab, |t, cx| t.step(cx, &layout, delta))
    }

    fn toggle_reader(&mut self) -> bool {
        if self.reader.take().is_some() {
            return true;
        }
        self.searching = false;
        let cx = self.context();
        match self.tabs.get(self.tab).record(&cx) {
            Some(record) => {
                self.reader = Some((record, 0));
                true
            }
            None => self.say("nothing selected to read"),
        }
    }

    fn cycle(&mut self, dir: isize) -> bool {
        let left_search = std::mem::replace(&mut self.searching, false);
        let changed = self.with_tab(self.tab, |t, cx| t.cycle(cx, dir));
        changed || left_search
    }

    /// The selected entity of the tab on screen.
    fn selected_entity(&self) -> Option<crate::model::EntityId> {
        self.tabs.get(self.tab).selected_entity(&self.context())
    }

    fn toggle_watch(&mut self) -> bool {
        let Some(e) = self.selected_entity() else {
            self.message = Some("select a ticker to watch first".into());
            return true;
        };
        let shown = self
            .book
            .lists
            .get(self.tabs.watchlist.current)
            .map(|w| w.name.clone());
        let name = shown
            .or_else(|| self.default_list.clone())
            .unwrap_or_else(|| "watchlist".to_string());
        let symbol = crate::book::watchlist::canonical(&self.index, e);
        let there = self
            .book
            .get(&name)
            .and_then(|l| l.position_of(&self.index, e));
        // What is there already can still be taken out; only listed companies go in.
        if there.is_none()
            && let Err(why) = crate::book::watchlist::watchable(&self.index, e)
        {
            self.message = Some(why);
            return true;
        }
        let list = self.book.get_or_create(&name);
        let again = self.keys.key_for(Action::ToggleWatch);
        self.message = Some(match there {
            Some(i) => {
                list.entries.remove(i);
                format!("removed {symbol} from {name}")
            }
            None => {
                list.entries.push(crate::book::Entry {
                    symbol: symbol.clone(),
                    quantity: None,
                    weight: None,
                });
                format!("added {symbol} to {name} ({again} again removes)")
            }
        });
        if let Some(at) = self.book.lists.iter().position(|w| w.name == name) {
            self.tabs.watchlist.current = at;
        }
        self.effects.push(Effect::SaveWatchlists);
        true
    }

    /// `y`: the short form of the record under the cursor (a ticker, a program's name, a
    /// catalyst's date and title, a source's url); `Y` (`whole`): the record in full, as
    /// the full-text view (`i`) shows it, in plain text.
    fn copy(&mut self, whole: bool) -> bool {
        let cx = self.context();
        let tab = self.tabs.get(self.tab);
        if whole && let Some((kind, text)) = tab.copy_whole(&cx) {
            let lines = crate::text::count(text.lines().count(), "line");
            self.message = Some(format!("copied the {kind} in full ({lines}, OSC 52)"));
            self.effects.push(Effect::Copy(text));
            return true;
        }
        let record = tab.record(&cx);
        let text = match (record, whole) {
            (Some(r), true) => Some(full_text::plain(&self.index, r, self.today)),
            (Some(r), false) => Some(full_text::short(&self.index, r)),
            (None, _) => tab.copy_text(&cx).or_else(|| {
                let e = tab.selected_entity(&cx)?;
                Some(crate::book::watchlist::canonical(&self.index, e))
            }),
        };
        let Some(text) = text else {
            self.message = Some("nothing selected to copy".into());
            return true;
        };
        self.message = Some(match record.filter(|_| whole) {
            Some(r) => format!(
                "copied the {} in full ({}, OSC 52)",
                full_text::kind(r).to_lowercase(),
                crate::text::count(text.lines().count(), "line")
            ),
            None => {
                let shown = crate::text::fit(&crate::text::sanitize(&text), 40);
                format!("copied {shown} (OSC 52)")
            }
        });
        self.effects.push(Effect::Copy(text));
        true
    }

    fn open_url(&mut self) -> bool {
        let cx = self.context();
        let source = match self.reader {
            Some((Record::Source(s), _)) => Some(s),
            Some(_) => None,
            None => self.tabs.get(self.tab).selected_source(&cx),
        };
        self.message = Some(match source.map(|s| self.index.source(s)) {
            None => "select a source (Sources pane) to open its url".into(),
            Some(s) => match &s.url {
                None => format!("{} has no url in the data", crate::text::sanitize(&s.file)),
                Some(url) => {
                    self.effects.push(Effect::OpenUrl(url.clone()));
                    format!(
                        "opening {}",
                        crate::text::fit(&crate::text::sanitize(url), 60)
                    )
                }
            },
        });
        true
    }

    fn cycle_order(&mut self, action: Action) -> bool {
        let mut order = self.tabs.explore.order;
        if action == Action::CycleSort {
            order.sort = order.sort.next();
        } else {
            order.filter = order.filter.next();
        }
        self.set_entity_order(order);
        self.tabs.watchlist.cursor = Default::default();
        self.message = Some(format!(
            "lists: sort {} · {}",
            order.sort.as_str(),
            order.filter.label()
        ));
        true
    }

    /// Puts the view back as a remembered state left it: the tab, the query (searched
    /// again), the selected entity and program, the watchlist shown. Ids the data no longer
    /// has are skipped.
    pub fn restore_view(
        &mut self,
        tab: Option<Tab>,
        query: &str,
        entity: Option<&str>,
        program: Option<&str>,
        watchlist: Option<&str>,
    ) {
        let ix = Arc::clone(&self.index);
        if !query.is_empty() {
            self.tabs.explore.query = query.chars().filter(|c| !c.is_control()).collect();
            self.tabs
                .explore
                .refresh(&ix, lazy(&self.searcher, &self.index));
        }
        if let Some(id) = entity {
            let wanted = ix.entity_by_id(id).map(crate::search::Target::Entity);
            let at = self
                .tabs
                .explore
                .results
                .iter()
                .position(|r| Some(r.target) == wanted);
            if let Some(at) = at {
                let len = self.tabs.explore.results.len();
                self.tabs.explore.cursor.select(at, len);
            }
        }
        if let Some(p) = program.and_then(|id| ix.program_by_id(id)) {
            self.tabs.programs.select_program(&ix, p);
        }
        if let Some(at) = watchlist.and_then(|w| self.book.lists.iter().position(|l| l.name == w)) {
            self.tabs.watchlist.current = at;
        }
        if let Some(tab) = tab {
            self.tab = tab;
        }
    }

    /// Orders and filters the Programs list, the Calendar and the Inbox as a remembered
    /// state left them.
    pub fn restore_lists(&mut self, lists: Lists) {
        let ix = Arc::clone(&self.index);
        self.tabs
            .programs
            .set_order(&ix, lists.programs_sort, lists.programs_filter);
        self.tabs
            .calendar
            .set_order(&ix, lists.calendar_sort, lists.calendar_filter);
        self.tabs.inbox.order = lists.inbox;
        self.tabs.inbox.cursor = Default::default();
    }

    /// Shows `tab` (the config's start tab).
    pub fn with_tab_shown(mut self, tab: Tab) -> App {
        self.tab = tab;
        self
    }
}

/// The order and filter of the lists that have their own (the entity lists share
/// [`Order`](super::tabs::explore::Order)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lists {
    /// Order of the Programs list.
    pub programs_sort: crate::book::sort::ProgramSort,
    /// Filter of the Programs list.
    pub programs_filter: crate::book::sort::ListFilter,
    /// Order of the Calendar's catalysts.
    pub calendar_sort: crate::book::sort::CatalystSort,
    /// Filter of the Calendar's catalysts.
    pub calendar_filter: crate::book::sort::ListFilter,
    /// Order and filter of the Inbox's proposals.
    pub inbox: super::tabs::inbox::InboxOrder,
}

/// The searcher in `cell`, built over `index` on first use.
pub fn lazy<'a>(cell: &'a super::searcher::Lazy, index: &Index) -> &'a Searcher {
    cell.get(index)
}
