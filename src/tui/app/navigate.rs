//! Opening the selection and jumping between tabs, with the history `Esc` walks back.

use crate::model::{CatalystId, EntityId, ProgramId};
use crate::search::Target;
use crate::tui::action::Tab;
use crate::tui::calendar::{Calendar, CalendarPane};
use crate::tui::explore::{Explore, ExplorePane};
use crate::tui::programs::{Programs, ProgramsPane};

use super::App;

/// Most jumps remembered for `Esc`.
const HISTORY_LIMIT: usize = 32;

/// Where the user was before a jump, restored by `Esc`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Place {
    tab: Tab,
    explore: Explore,
    programs: Programs,
    calendar: Calendar,
}

impl App {
    /// Enter: focus the selection's details, or jump to its program, catalyst or entity.
    pub(super) fn open(&mut self) -> bool {
        let left_search = std::mem::replace(&mut self.searching, false);
        let changed = match self.tab {
            Tab::Explore => self.open_in_explore(),
            Tab::Programs => match self.programs.focus {
                ProgramsPane::List => self.programs.cycle(&self.index),
                ProgramsPane::Entities => match self.programs.selected_entity(&self.index) {
                    Some(e) => self.jump_to_entity(e),
                    None => false,
                },
            },
            Tab::Calendar => {
                let from = self.explore.entity();
                match self.calendar.jump_target(&self.index, from) {
                    Some(e) => self.jump_to_entity(e),
                    None => self.say("this catalyst names no entity"),
                }
            }
        };
        changed || left_search
    }

    fn open_in_explore(&mut self) -> bool {
        let ix = &self.index;
        match self.explore.focus {
            ExplorePane::Results => match self.explore.target() {
                Some(Target::Entity(_)) => {
                    self.explore.focus = ExplorePane::Results;
                    self.explore.cycle(ix, 1);
                    true
                }
                Some(Target::Program(p)) => self.jump_to_program(p),
                Some(Target::Catalyst(c)) => self.jump_to_catalyst(c),
                None => false,
            },
            ExplorePane::Exposures => match self.explore.selected_program(ix) {
                Some(p) => self.jump_to_program(p),
                None => false,
            },
            ExplorePane::Catalysts => match self.explore.selected_catalyst(ix) {
                Some(c) => self.jump_to_catalyst(c),
                None => false,
            },
            ExplorePane::Sources => match self.explore.selected_source(ix) {
                Some(s) => {
                    let file = crate::text::sanitize(&ix.source(s).file).into_owned();
                    self.say(&format!("source article: {file}"))
                }
                None => false,
            },
        }
    }

    /// Shows a one-off note in the status bar.
    pub(super) fn say(&mut self, text: &str) -> bool {
        self.message = Some(text.to_string());
        true
    }

    fn remember(&mut self) {
        if self.history.len() == HISTORY_LIMIT {
            self.history.remove(0);
        }
        self.history.push(Place {
            tab: self.tab,
            explore: self.explore.clone(),
            programs: self.programs,
            calendar: self.calendar,
        });
    }

    fn jump_to_entity(&mut self, e: EntityId) -> bool {
        self.remember();
        self.tab = Tab::Explore;
        self.explore.select_entity(&self.index, e);
        true
    }

    fn jump_to_program(&mut self, p: ProgramId) -> bool {
        self.remember();
        self.tab = Tab::Programs;
        self.programs.select(p);
        true
    }

    fn jump_to_catalyst(&mut self, c: CatalystId) -> bool {
        self.remember();
        self.tab = Tab::Calendar;
        self.calendar.select_catalyst(&self.index, c);
        true
    }

    /// Esc: undo the last jump, else step out of a pane, leave the grid or clear the query.
    pub(super) fn back(&mut self) -> bool {
        if let Some(place) = self.history.pop() {
            self.tab = place.tab;
            self.explore = place.explore;
            self.programs = place.programs;
            self.calendar = place.calendar;
            return true;
        }
        match self.tab {
            Tab::Explore if self.explore.focus != ExplorePane::Results => {
                self.explore.focus = ExplorePane::Results;
                true
            }
            Tab::Explore if !self.explore.query.is_empty() => {
                self.explore.query.clear();
                self.explore
                    .refresh(&self.index, super::lazy(&self.searcher, &self.index));
                true
            }
            Tab::Programs if self.programs.focus == ProgramsPane::Entities => {
                self.programs.focus = ProgramsPane::List;
                true
            }
            Tab::Calendar if self.calendar.focus == CalendarPane::Linked => {
                self.calendar.focus = CalendarPane::Timeline;
                true
            }
            Tab::Calendar if self.calendar.grid => {
                self.calendar.grid = false;
                true
            }
            _ => false,
        }
    }
}
