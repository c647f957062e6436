//! Where the Programs tab puts its list and the selected program's header, funding and
//! linked entities at a size, and the panes it draws there: the placing code both its view
//! and its layout (what a click or a step acts on) read.

use ratatui::layout::{Constraint, Layout, Rect};

use super::{Programs, ProgramsPane, by_role};
use crate::model::{Exposure, ProgramId};
use crate::tui::action::Action;
use crate::tui::tabs::Context;
use crate::tui::ui::stack::{self, Ask};
use crate::tui::ui::text::count;
use crate::tui::ui::{cursor, funding_chart, linked, program_detail, program_list};

/// The list and the selected program's details beside it.
pub(super) fn columns(area: Rect) -> [Rect; 2] {
    let left_width = (area.width * 35 / 100).clamp(24, 44);
    Layout::horizontal([Constraint::Length(left_width), Constraint::Fill(1)]).areas(area)
}

/// What the detail column of a program holds: its header, its funding (lines or chart)
/// with the rows it wants and its title, and its linked entities by role.
pub(super) struct Detail<'a> {
    pub(super) header: program_detail::ProgramHeader<'a>,
    pub(super) funding_title: String,
    pub(super) funding_want: u16,
    pub(super) exposures: Vec<&'a Exposure>,
}

impl Programs {
    /// The program list as the state shows it.
    pub(super) fn program_list<'a>(
        &self,
        cx: &Context<'a>,
        ids: &'a [ProgramId],
    ) -> program_list::ProgramList<'a> {
        program_list::ProgramList {
            index: cx.index,
            ids,
            order: self.order,
            today: cx.today,
            focused: self.focus() == ProgramsPane::List,
            theme: cx.theme,
        }
    }

    /// The first line shown of `pane` when it has the focus (it scrolls); `None` unfocused.
    pub(super) fn scroll(&self, pane: ProgramsPane) -> Option<usize> {
        (self.focus() == pane).then(|| self.cursor.skip(pane))
    }

    /// The cursor of the linked entities.
    pub(super) fn linked_cursor(&self) -> ratatui::widgets::ListState {
        let shown = self.focus() == ProgramsPane::Entities;
        cursor(self.cursor.row(ProgramsPane::Entities), shown)
    }

    /// The detail column of program `id` for the column `right`.
    pub(super) fn detail<'a>(&self, cx: &Context<'a>, id: ProgramId, right: Rect) -> Detail<'a> {
        let ix = cx.index;
        let program = ix.program(id);
        let v = cx.keys.key_for(Action::CycleView);
        let header = program_detail::ProgramHeader {
            program,
            status: ix.program_status(id, cx.today),
            scroll: self.scroll(ProgramsPane::Program),
            theme: cx.theme,
        };
        let inner_width = right.width.saturating_sub(2) as usize;
        let (funding_want, funding_title) = if self.chart {
            let title = format!("Funding chart ({}; {v}: list)", program.funding.len());
            (
                funding_chart::height(program, inner_width) as u16 + 2,
                title,
            )
        } else {
            let lines = count(program.funding.len(), "line");
            let title = format!("Funding ({lines}; {v}: chart)");
            let pane = program_detail::FundingPane {
                index: ix,
                program,
                title: title.clone(),
                scroll: None,
                theme: cx.theme,
            };
            (pane.height(right.width), title)
        };
        Detail {
            header,
            funding_title,
            funding_want,
            exposures: by_role(ix, id),
        }
    }

    /// The funding lines of `detail`'s program.
    pub(super) fn funding_pane<'a>(
        &self,
        cx: &Context<'a>,
        detail: &Detail<'a>,
    ) -> program_detail::FundingPane<'a> {
        program_detail::FundingPane {
            index: cx.index,
            program: detail.header.program,
            title: detail.funding_title.clone(),
            scroll: self.scroll(ProgramsPane::Funding),
            theme: cx.theme,
        }
    }

    /// The linked entities of `detail`'s program.
    pub(super) fn linked_pane<'a, 'b>(
        &self,
        cx: &Context<'a>,
        detail: &'b Detail<'a>,
    ) -> linked::LinkedByRole<'b> {
        linked::LinkedByRole {
            index: cx.index,
            exposures: &detail.exposures,
            focused: self.focus() == ProgramsPane::Entities,
            theme: cx.theme,
        }
    }

    /// Where the header, the funding and the linked entities go in the column `right`
    /// (`None`: no room): each as tall as its content when there is room; the linked
    /// entities, when browsed, are kept first; a pane with no room is named on the last
    /// border (Tab shows the linked entities).
    pub(super) fn split(&self, right: Rect, detail: &Detail) -> [Option<Rect>; 3] {
        let exposures = &detail.exposures;
        let roles = exposures
            .windows(2)
            .filter(|w| w[0].role != w[1].role)
            .count();
        let linked_rows = (exposures.len() + roles + usize::from(!exposures.is_empty())).max(1);
        let linked_ask = Ask::new(stack::WHOLE, linked_rows as u16 + 2);
        // A text pane being read is shown whole if it can leave one pane beside it (the
        // others are named on the last border).
        let read_cap = right.height.saturating_sub(stack::WHOLE);
        let header_ask = Ask::new(
            program_detail::ProgramHeader::MIN_HEIGHT,
            detail.header.height(right.width),
        );
        let funding_want = detail.funding_want;
        let asks = [
            if self.focus() == ProgramsPane::Program {
                header_ask.focused_on(header_ask.want, read_cap)
            } else {
                header_ask
            },
            // A chart needs a currency heading, a bar, its legend and a line saying
            // what it leaves out to be of use.
            {
                let ask = Ask::new(
                    if self.chart {
                        funding_want.min(6)
                    } else {
                        stack::WHOLE
                    },
                    funding_want,
                );
                if self.focus() == ProgramsPane::Funding {
                    ask.focused_on(ask.want, read_cap)
                } else {
                    ask
                }
            },
            if self.focus() == ProgramsPane::Entities {
                linked_ask.focused()
            } else {
                linked_ask
            },
        ];
        let priority: &[usize] = match self.focus() {
            ProgramsPane::Entities => &[2, 0, 1],
            ProgramsPane::Funding => &[1, 0, 2],
            _ => &[0, 1, 2],
        };
        let areas = stack::split(right, &asks, priority);
        [areas[0], areas[1], areas[2]]
    }
}
