//! The application state and the only function that changes it, [`App::update`].

use chrono::NaiveDate;

use std::sync::{Arc, OnceLock};

use crate::index::Index;
use crate::search::{Searcher, Session};

use super::action::{Action, Tab};
use super::calendar::{Calendar, CalendarPane};
use super::explore::{Explore, ExplorePane, ResultRow, results_in};
use super::keymap::{self, Mode};
use super::programs::{Programs, ProgramsPane};

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
    explore: Explore,
    programs: Programs,
    calendar: Calendar,
    history: Vec<Place>,
    message: Option<String>,
    quit: bool,
}

impl App {
    /// A fresh app on the Explore tab, listing every entity, counting days from `today`.
    pub fn new(index: Index, today: NaiveDate) -> App {
        let explore = Explore::new(&index);
        let calendar = Calendar::new(&index, today);
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
            explore,
            programs: Programs::default(),
            calendar,
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
        if !*awaiting || query != self.explore.query {
            return false;
        }
        *awaiting = false;
        self.explore.set_results(rows);
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
            self.explore
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

    /// Explore tab state.
    pub fn explore(&self) -> &Explore {
        &self.explore
    }

    /// Programs tab state.
    pub fn programs(&self) -> &Programs {
        &self.programs
    }

    /// Calendar tab state.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
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
        } else if self.searching {
            &[Mode::Search, Mode::Global]
        } else if self.tab == Tab::Calendar {
            &[Mode::Calendar, Mode::Browse, Mode::Global]
        } else {
            &[Mode::Browse, Mode::Global]
        }
    }

    /// Every cursor with the length of its list, as `(name, selected, len)`; an empty list
    /// reports length 0 with the cursor at 0.
    pub fn selections(&self) -> Vec<(&'static str, usize, usize)> {
        let ix = &self.index;
        let (e, p, c) = (&self.explore, &self.programs, &self.calendar);
        vec![
            ("results", e.selected, e.pane_len(ix, ExplorePane::Results)),
            (
                "exposures",
                e.exposure,
                e.pane_len(ix, ExplorePane::Exposures),
            ),
            (
                "catalysts",
                e.catalyst,
                e.pane_len(ix, ExplorePane::Catalysts),
            ),
            ("sources", e.source, e.pane_len(ix, ExplorePane::Sources)),
            ("programs", p.selected, p.pane_len(ix, ProgramsPane::List)),
            ("linked", p.entity, p.pane_len(ix, ProgramsPane::Entities)),
            (
                "calendar",
                c.selected,
                c.pane_len(ix, CalendarPane::Timeline),
            ),
            (
                "calendar-linked",
                c.linked,
                c.pane_len(ix, CalendarPane::Linked),
            ),
        ]
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
                self.tab = Tab::Explore;
                self.searching = true;
                self.explore.focus = ExplorePane::Results;
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
            Action::ToggleGrid => {
                self.calendar.grid = !self.calendar.grid;
                true
            }
            Action::ToggleFilter => self.toggle_filter(),
            Action::GoToday => self.calendar.go_today(&self.index, self.today),
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
        let before = self.explore.query.len();
        edit(&mut self.explore.query);
        if self.explore.query.len() == before {
            return false;
        }
        match &mut self.search {
            SearchMode::Inline(session) => {
                let searcher = lazy(&self.searcher, &self.index);
                let rows = results_in(&self.index, searcher, session, &self.explore.query);
                self.explore.set_results(rows);
            }
            SearchMode::Background { wanted, awaiting } => {
                *wanted = Some(self.explore.query.clone());
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
        if self.searching {
            self.explore.focus = ExplorePane::Results;
        }
        match self.tab {
            Tab::Explore => self.explore.step(&self.index, delta),
            Tab::Programs => self.programs.step(&self.index, delta),
            Tab::Calendar => self.calendar.step(&self.index, delta),
        }
    }

    fn cycle(&mut self, dir: isize) -> bool {
        if std::mem::replace(&mut self.searching, false) {
            self.explore.cycle(&self.index, dir);
            return true;
        }
        match self.tab {
            Tab::Explore => self.explore.cycle(&self.index, dir),
            Tab::Programs => self.programs.cycle(&self.index),
            Tab::Calendar => self.calendar.cycle(&self.index),
        }
    }

    fn toggle_filter(&mut self) -> bool {
        let filter = match self.calendar.filter {
            Some(_) => None,
            None => match self.explore.entity() {
                Some(e) => Some(e),
                None => return self.say("select a ticker in Explore (1) to filter by it"),
            },
        };
        self.calendar.set_filter(&self.index, self.today, filter);
        true
    }
}

/// The searcher in `cell`, built from `index` on first use.
pub fn lazy<'a>(cell: &'a OnceLock<Searcher>, index: &Index) -> &'a Searcher {
    cell.get_or_init(|| Searcher::new(index.data()))
}
