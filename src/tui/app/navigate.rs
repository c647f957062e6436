//! Opening the selection and jumping between tabs, with the history `Esc` walks back.

use crate::search::Target;
use crate::tui::action::Tab;
use crate::tui::tabs::{Outcome, Tabs};

use super::App;

/// Most jumps remembered for `Esc`.
const HISTORY_LIMIT: usize = 32;

/// Where the user was before a jump, restored by `Esc`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Place {
    tab: Tab,
    tabs: Tabs,
}

impl App {
    /// Enter: whatever the tab on screen makes of it (focus the details, open a record).
    pub(super) fn open(&mut self) -> bool {
        let left_search = std::mem::replace(&mut self.searching, false);
        let outcome = self.with_tab(self.tab, |t, cx| t.open(cx));
        self.carry_out(outcome) || left_search
    }

    /// Does what a tab asked for; returns whether anything changed.
    pub(super) fn carry_out(&mut self, outcome: Outcome) -> bool {
        match outcome {
            Outcome::Unchanged => false,
            Outcome::Changed => true,
            Outcome::Open(target) => self.jump(target),
            Outcome::Say(text) => self.say(&text),
            Outcome::Library(request) => {
                self.effects.push(super::Effect::Library(request));
                true
            }
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
            tabs: self.tabs.clone(),
        });
    }

    /// Opens `target` in the tab it lives in, remembering where the user was.
    fn jump(&mut self, target: Target) -> bool {
        self.remember();
        self.tab = Tab::home_of(target);
        self.with_tab(self.tab, |t, cx| t.show(cx, target));
        true
    }

    /// Esc: undo the last jump, else whatever the tab on screen makes of it.
    pub(super) fn back(&mut self) -> bool {
        if let Some(place) = self.history.pop() {
            self.tab = place.tab;
            self.tabs = place.tabs;
            return true;
        }
        self.with_tab(self.tab, |t, cx| t.back(cx))
    }
}
