//! State of the Programs tab, and the linked entities of a program grouped by role.

use crate::index::Index;
use crate::model::{EntityId, Exposure, ProgramId, Role};

use super::list;

/// The panes of the Programs tab that can take the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProgramsPane {
    /// The list of programs.
    List,
    /// The selected program's linked entities.
    Entities,
}

/// Selected program and linked entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Programs {
    /// Selected program (position in the dataset).
    pub selected: usize,
    /// Pane with the focus.
    pub focus: ProgramsPane,
    /// Selected row among the linked entities.
    pub entity: usize,
}

impl Default for Programs {
    fn default() -> Programs {
        Programs {
            selected: 0,
            focus: ProgramsPane::List,
            entity: 0,
        }
    }
}

/// A program's exposures ordered by role (lead first), then as in the data files.
pub fn by_role(index: &Index, program: ProgramId) -> Vec<&Exposure> {
    let mut out: Vec<&Exposure> = index.exposures_to(program).collect();
    out.sort_by_key(|x| role_rank(x.role));
    out
}

fn role_rank(role: Role) -> usize {
    Role::ALL
        .iter()
        .position(|r| *r == role)
        .unwrap_or(usize::MAX)
}

impl Programs {
    /// The selected program, if the dataset has any.
    pub fn program(&self, index: &Index) -> Option<ProgramId> {
        (self.selected < index.data().programs.len()).then_some(ProgramId(self.selected as u32))
    }

    /// The entity of the selected linked-entity row.
    pub fn selected_entity(&self, index: &Index) -> Option<EntityId> {
        let p = self.program(index)?;
        by_role(index, p).get(self.entity).map(|x| x.entity)
    }

    /// Rows in a pane.
    pub fn pane_len(&self, index: &Index, pane: ProgramsPane) -> usize {
        match pane {
            ProgramsPane::List => index.data().programs.len(),
            ProgramsPane::Entities => self
                .program(index)
                .map_or(0, |p| index.exposures_to(p).count()),
        }
    }

    /// Selects a program and puts the focus on the list.
    pub fn select(&mut self, program: ProgramId) {
        self.selected = program.ix();
        self.focus = ProgramsPane::List;
        self.entity = 0;
    }

    /// Moves the focused pane's cursor; returns whether anything changed.
    pub fn step(&mut self, index: &Index, delta: isize) -> bool {
        let len = self.pane_len(index, self.focus);
        match self.focus {
            ProgramsPane::List => {
                let moved = list::step(&mut self.selected, len, delta);
                if moved {
                    self.entity = 0;
                }
                moved
            }
            ProgramsPane::Entities => list::step(&mut self.entity, len, delta),
        }
    }

    /// Switches between the list and the linked entities (when there are any).
    pub fn cycle(&mut self, index: &Index) -> bool {
        let next = match self.focus {
            ProgramsPane::List if self.pane_len(index, ProgramsPane::Entities) > 0 => {
                ProgramsPane::Entities
            }
            _ => ProgramsPane::List,
        };
        let changed = next != self.focus;
        self.focus = next;
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linked_entities_come_grouped_by_role() {
        let index = Index::new(crate::data::load(None).expect("embedded dataset loads"));
        for p in 0..index.data().programs.len() {
            let rows = by_role(&index, ProgramId(p as u32));
            let ranks: Vec<usize> = rows.iter().map(|x| role_rank(x.role)).collect();
            assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
        }
    }
}
