//! The application state and the only function that changes it, [`App::update`].

use chrono::NaiveDate;

use std::sync::{Arc, OnceLock};

use crate::index::Index;
use crate::search::{Searcher, Session};

use super::action::{Action, Tab};
use super::keymap::{self, Mode};
use super::tabs::calendar::Calendar;
use super::tabs::explore::{Explore, ExplorePane, ResultRow, results_in};
use super::tabs::programs::Programs;
use super::tabs::{Context, TabView, Tabs};
use super::ui::full_text::{self, Record};
use super::ui::theme::Theme;
use ratatui::layout::Rect;

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

/// Everything the screen shows, built from an [`Index`] and an injected `today`.
pub struct App {
    index: Arc<Index>,
    /// Built on first search (the terminal's worker builds it at start).
    searcher: Arc<OnceLock<Searcher>>,
    search: SearchMode,
    today: NaiveDate,
    size: (u16, u16),
    color: bool,
    tab: Tab,
    searching: bool,
    help: Option<usize>,
    reader: Option<(Record, usize)>,
    tabs: Tabs,
    history: Vec<Place>,
    message: Option<String>,
    quit: bool,
}

impl App {
    /// A fresh app on the Explore tab, listing every entity, counting days from `today`.
    pub fn new(index: Index, today: NaiveDate) -> App {
        let tabs = Tabs::new(&index, today);
        App {
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
            history: Vec::new(),
            message: None,
            quit: false,
        }
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

    /// Results a background worker scored for `query`; stale ones (the query has moved on)
    /// are dropped. Returns whether the screen changed.
    pub fn receive_results(&mut self, query: &str, rows: Vec<ResultRow>) -> bool {
        let SearchMode::Background { awaiting, .. } = &mut self.search else {
            return false;
        };
        if !*awaiting || query != self.tabs.explore.query {
            return false;
        }
        *awaiting = false;
        self.tabs.explore.set_results(rows);
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

    /// Shared handles on the index and its searcher, for the background search worker.
    pub fn shared_index(&self) -> (Arc<Index>, Arc<OnceLock<Searcher>>) {
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
        Context {
            index: &self.index,
            today: self.today,
            entity: self.tabs.explore.entity(),
            searching: self.searching,
            rows: self.size.1,
            theme: Theme::new(self.color),
        }
    }

    /// Runs `f` on the tab `tab` with the context (borrowed beside it, field by field).
    fn with_tab<R>(&mut self, tab: Tab, f: impl FnOnce(&mut dyn TabView, &Context) -> R) -> R {
        let cx = Context {
            index: &self.index,
            today: self.today,
            entity: self.tabs.explore.entity(),
            searching: self.searching,
            rows: self.size.1,
            theme: Theme::new(self.color),
        };
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
        let had_message = self.message.take().is_some();
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
            Action::NextPane => self.cycle(1),
            Action::PrevPane => self.cycle(-1),
            Action::ShowTab(tab) => std::mem::replace(&mut self.tab, tab) != tab,
            Action::Back => self.back(),
            Action::ToggleGrid
            | Action::ToggleFilter
            | Action::GoToday
            | Action::PrevMonth
            | Action::NextMonth => {
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
        match &mut self.search {
            SearchMode::Inline(session) => {
                let searcher = lazy(&self.searcher, &self.index);
                let rows = results_in(&self.index, searcher, session, &self.tabs.explore.query);
                self.tabs.explore.set_results(rows);
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
            let lines: usize = keymap::help().iter().map(|(_, es)| es.len() + 2).sum();
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
        self.with_tab(self.tab, |t, cx| t.step(cx, delta))
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
}

/// The searcher in `cell`, built from `index` on first use.
pub fn lazy<'a>(cell: &'a OnceLock<Searcher>, index: &Index) -> &'a Searcher {
    cell.get_or_init(|| Searcher::new(index.data()))
}
