//! The Inbox tab: what saved articles propose (catalysts, links, money lines, companies),
//! each with its article, line and sentence, and the decisions on them: `a` accepts
//! (choosing program, role, direction, money kind or a date's precision in a picker, or
//! naming a new program), `r` rejects, `u` undoes. `c` switches to what changed since the
//! TUI was last opened, new catalysts of the next 90 days first. Decisions are carried out
//! by the app through the library API ([`Request`]); the tab only asks.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Text};

use crate::library::changes::Change;
use crate::library::inbox::{Choices, Proposal};
use crate::model::EntityId;
use crate::search::Target;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::list_detail::{ListDetail, Pane};
use crate::tui::shelf::Request;
use crate::tui::ui::pane;
use crate::tui::ui::text::{Para, cell, clean, fit};

use detail::{at_label, change_detail, change_row, detail, entity_in, status_mark, summary};
use picker::{Picker, steps};

use super::{Context, Outcome, Tab, TabView};
use crate::tui::ui::hits::HitMap;

/// The proposals list, the one focusable pane of the inbox view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InboxPane {
    /// Proposals.
    Proposals,
}

impl Pane for InboxPane {
    const ORDER: &'static [InboxPane] = &[InboxPane::Proposals];
}

/// The change list, the one focusable pane of the what-changed view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangesPane {
    /// Changes.
    Changes,
}

impl Pane for ChangesPane {
    const ORDER: &'static [ChangesPane] = &[ChangesPane::Changes];
}

/// What the tab shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// The proposals to review.
    #[default]
    Proposals,
    /// What changed since the TUI was last opened.
    Changes,
}

mod detail;
pub mod picker;

crate::book::sort::sort_keys! {
    /// What the proposals are ordered by (`s`); ties keep the proposals' numbers in order.
    InboxSort {
        /// The article's date, newest first; one article's proposals in the order they were
        /// saved (companies before the links that name them). The default.
        Date = "date",
        /// The article's file, then the line.
        Article = "article",
        /// Kind of record: catalyst, entity, link, money.
        Kind = "kind",
        /// The first company the proposal names, by its id (`9984.T`); none last.
        Ticker = "ticker",
    }
}

crate::book::sort::sort_keys! {
    /// Which proposals are listed (`F`).
    InboxFilter {
        /// All: those to review and those decided this session (which `u` takes back).
        All = "all",
        /// Only those still to review.
        Pending = "pending",
    }
}

/// How the proposals are ordered and filtered (`s` and `F` on this tab, remembered
/// between runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InboxOrder {
    /// Sort key.
    pub sort: InboxSort,
    /// Filter.
    pub filter: InboxFilter,
}

/// The Inbox tab's state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Inbox {
    /// Proposals or changes.
    pub view: View,
    /// The selected proposal.
    pub cursor: ListDetail<InboxPane>,
    /// The selected change.
    pub changes: ListDetail<ChangesPane>,
    /// The accept picker, when open.
    pub picker: Option<Picker>,
    /// Order and filter of the proposals.
    pub order: InboxOrder,
}

impl Inbox {
    /// The proposals listed, in order.
    pub fn proposals<'a>(&self, cx: &Context<'a>) -> Vec<&'a Proposal> {
        let mut list: Vec<&Proposal> = cx
            .shelf
            .proposals
            .iter()
            .filter(|p| self.order.filter == InboxFilter::All || p.status == "pending")
            .collect();
        // Compared in place, without copying keys: the list is ordered again every frame,
        // and a library can hold many thousands of proposals.
        match self.order.sort {
            InboxSort::Date => list.sort_by(|a, b| b.as_of.cmp(&a.as_of).then(a.id.cmp(&b.id))),
            InboxSort::Article => {
                list.sort_by(|a, b| (&a.article, a.line, a.id).cmp(&(&b.article, b.line, b.id)))
            }
            InboxSort::Kind => list.sort_by(|a, b| (&a.kind, a.id).cmp(&(&b.kind, b.id))),
            // The id of the first company named (`9984.T`, `035420.KS`): the one form
            // both the data's companies and those only proposed have.
            InboxSort::Ticker => list.sort_by_cached_key(|p| {
                let ticker = p.record.entities().first().map(|id| id.to_lowercase());
                (ticker.is_none(), ticker, p.id)
            }),
        }
        list
    }

    /// The proposal under the cursor.
    pub fn selected<'a>(&self, cx: &Context<'a>) -> Option<&'a Proposal> {
        self.proposals(cx).get(self.cursor.selected()).copied()
    }

    /// Orders and filters anew (`s`, `F`), keeping the selected proposal selected when it
    /// stays listed.
    pub fn set_order(&mut self, cx: &Context, order: InboxOrder) {
        let keep = self.selected(cx).map(|p| p.id);
        self.order = order;
        let ids: Vec<i64> = self.proposals(cx).iter().map(|p| p.id).collect();
        self.cursor.reselect(&ids, keep, 0);
    }

    /// The changes in the order shown: new catalysts of the next 90 days first, then by
    /// ticker (as `aipx changes` prints them).
    pub fn rows<'a>(cx: &Context<'a>) -> Vec<(&'a Change, Vec<String>, bool)> {
        crate::library::commands::arrange(&cx.shelf.changes, cx.index.data(), cx.today)
    }

    fn selected_change<'a>(&self, cx: &Context<'a>) -> Option<(&'a Change, Vec<String>, bool)> {
        Self::rows(cx).into_iter().nth(self.changes.selected())
    }

    /// Puts the cursor on proposal `id` (after a decision), or the next pending one after
    /// it when `next` is set.
    pub fn select_after(&mut self, cx: &Context, id: i64, next: bool) {
        let list = &self.proposals(cx);
        let at = list.iter().position(|p| p.id == id);
        let to = match (at, next) {
            (Some(i), true) => list[i + 1..]
                .iter()
                .position(|p| p.status == "pending")
                .map_or(i, |j| i + 1 + j),
            (Some(i), false) => i,
            (None, _) => self.cursor.selected(),
        };
        self.cursor.select(to, list.len());
    }

    fn accept(&mut self, cx: &Context) -> Outcome {
        let Some(p) = self.selected(cx) else {
            return Outcome::Say("nothing to accept".into());
        };
        if p.status != "pending" {
            return Outcome::Say(format!(
                "#{} is {}; {} undoes it",
                p.id,
                p.status,
                cx.keys.key_for(Action::Undo)
            ));
        }
        let steps = steps(cx, p);
        if steps.is_empty() {
            return Outcome::Library(Request::Accept(p.id, Choices::default()));
        }
        if steps.iter().any(|s| s.options.is_empty()) {
            return Outcome::Say(format!("#{}: nothing to choose from", p.id));
        }
        self.picker = Some(Picker {
            id: p.id,
            kind: p.kind.clone(),
            cursor: steps[0].proposed.unwrap_or(0),
            steps,
            at: 0,
            naming: None,
            choices: Choices::default(),
        });
        Outcome::Changed
    }

    fn reject(&mut self, cx: &Context) -> Outcome {
        match self.selected(cx) {
            None => Outcome::Say("nothing to reject".into()),
            Some(p) if p.status == "pending" => Outcome::Library(Request::Reject(p.id)),
            Some(p) => Outcome::Say(format!(
                "#{} is {}; {} undoes it",
                p.id,
                p.status,
                cx.keys.key_for(Action::Undo)
            )),
        }
    }

    /// `u`: the selected proposal's decision, else the last one taken this session.
    fn undo(&mut self, cx: &Context) -> Outcome {
        if let Some(p) = self.selected(cx).filter(|p| p.status != "pending") {
            return Outcome::Library(Request::Undo(p.id));
        }
        match cx.shelf.decided.last() {
            Some(&id) => Outcome::Library(Request::Undo(id)),
            None => Outcome::Say(
                "nothing to undo this session (aipx inbox --all, then aipx inbox undo ID)".into(),
            ),
        }
    }

    fn render_proposals(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        let shelf = cx.shelf;
        let list = self.proposals(cx);
        // An order or filter other than the default is named, as the other lists do.
        let mut arranged = String::new();
        if self.order.sort != InboxSort::default() {
            arranged += &format!(" by {}", self.order.sort.as_str());
        }
        if self.order.filter != InboxFilter::default() {
            arranged += &format!(" · {} only", self.order.filter.as_str());
        }
        let title = if shelf.present {
            format!(
                "Inbox ({} to review{}){arranged} · {} what changed",
                shelf.pending(),
                match shelf.proposals.len() - shelf.pending() {
                    0 => String::new(),
                    n => format!(", {n} decided"),
                },
                cx.keys.key_for(Action::ToggleChanges)
            )
        } else {
            "Inbox".to_string()
        };
        let empty = if !shelf.proposals.is_empty() {
            format!(
                "Nothing pending: every proposal listed was decided ({}: all).",
                cx.keys.key_for(Action::CycleFilter)
            )
        } else if shelf.present {
            "Nothing to review. Save articles with aipx ingest --save PATH; what they propose shows here.".to_string()
        } else {
            "No library yet. Save articles with aipx ingest --save PATH (they go to $XDG_DATA_HOME/aipx); what they propose shows here.".to_string()
        };
        Listing {
            title,
            empty,
            len: list.len(),
            selected: self.cursor.selected(),
            row: &|i, width| {
                let p = list[i];
                let head = format!(
                    "{} {} {} ",
                    status_mark(&p.status),
                    cell(&format!("#{}", p.id), 5),
                    cell(&p.kind, 8)
                );
                let rest = width.saturating_sub(head.chars().count());
                format!("{head}{}", fit(&clean(&summary(cx, p)), rest))
            },
            detail: ("Proposal", &|i| detail(cx, list[i])),
        }
        .render(cx, frame, area);
    }

    fn render_changes(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        let rows = Self::rows(cx);
        let since = match &cx.shelf.since {
            Some(at) => format!("since last opened {}", at_label(at)),
            None => "since the start".to_string(),
        };
        let title = format!(
            "What changed {since} ({}) · {} inbox",
            rows.len(),
            cx.keys.key_for(Action::ToggleChanges)
        );
        Listing {
            title,
            empty: format!(
                "No changes {since}. Accepting, undoing and importing change the library; aipx changes lists the same."
            ),
            len: rows.len(),
            selected: self.changes.selected(),
            row: &|i, width| {
                let (c, t, soon) = &rows[i];
                change_row(c, t, *soon, cx, width)
            },
            detail: ("Change", &|i| {
                let (c, t, soon) = &rows[i];
                change_detail(cx, c, t, *soon)
            }),
        }
        .render(cx, frame, area);
    }
}

/// One of the Inbox's two views (proposals, what changed): a list of one-line rows and the
/// selected row's detail beside or below it, or a note across the area when it is empty.
struct Listing<'a> {
    /// The list's title.
    title: String,
    /// What the empty view says.
    empty: String,
    /// Rows in the list.
    len: usize,
    /// The selected row.
    selected: usize,
    /// The text of row `i` for a list `width` columns wide (the cursor's marker aside).
    row: &'a dyn Fn(usize, usize) -> String,
    /// The detail pane's title and what it shows of row `i`.
    detail: (&'static str, &'a dyn Fn(usize) -> Vec<Para>),
}

impl Listing<'_> {
    fn render(self, cx: &Context, frame: &mut Frame, area: Rect) {
        let theme = cx.theme;
        let (list_area, detail_area) = split(area);
        let whole = self.len == 0;
        let block = pane::block(
            self.title,
            true,
            theme,
            if whole { area } else { list_area }.width,
        );
        if whole {
            let text = [(self.empty, theme.muted())];
            pane::text(block, &text, area, frame.buffer_mut());
            return;
        }
        let inner = block.inner(list_area);
        frame.render_widget(block, list_area);
        let width = (inner.width as usize).saturating_sub(pane::MARKER);
        let rows = pane::Rows {
            len: self.len,
            height: |_| 1,
            build: |i: usize| Text::from(Line::raw((self.row)(i, width))),
            hint: 0,
        };
        let mut state = crate::tui::ui::cursor(self.selected, true);
        rows.render(inner, frame.buffer_mut(), &mut state, true, theme);
        if self.selected < self.len {
            let (title, detail) = self.detail;
            let block = pane::block(title, false, theme, detail_area.width);
            pane::text(
                block,
                &detail(self.selected),
                detail_area,
                frame.buffer_mut(),
            );
        }
    }
}

/// Where a [`Listing`] of `len` rows with row `selected` selected, drawn in `area`, puts
/// its list and the rows of it (nothing to click when it is empty: a note takes the area).
fn listing_layout(area: Rect, len: usize, selected: usize) -> HitMap {
    let mut map = HitMap::default();
    if len == 0 {
        return map;
    }
    let (list_area, _) = split(area);
    let rows = pane::Rows {
        len,
        height: |_| 1,
        build: (),
        hint: 0,
    };
    let state = crate::tui::ui::cursor(selected, true);
    let shape = rows.shape(0, pane::inner(list_area), &state, true, &Some);
    map.pane(list_area, 0, shape);
    map
}

/// The list and its detail: side by side when wide, stacked when narrow. Both keep their
/// borders and at least a body row (the layout gives the list the rest).
fn split(area: Rect) -> (Rect, Rect) {
    if area.width >= 100 {
        let [l, r] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(area);
        (l, r)
    } else {
        let detail = (area.height / 2).clamp(3, 12);
        let [t, b] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(detail)]).areas(area);
        (t, b)
    }
}

impl TabView for Inbox {
    fn modes(&self) -> &'static [Mode] {
        match &self.picker {
            Some(p) if p.naming.is_some() => &[Mode::Naming, Mode::Global],
            Some(_) => &[Mode::Picker, Mode::Global],
            None => &[Mode::Tab(Tab::Inbox), Mode::Browse, Mode::Global],
        }
    }

    /// Its steps move a row (or an option) at a time and never read the layout.
    fn steps_inside_items(&self, _cx: &Context) -> bool {
        false
    }

    fn step(&mut self, cx: &Context, _layout: &HitMap, delta: isize) -> bool {
        if let Some(p) = self.picker.as_mut() {
            if p.naming.is_some() {
                return false;
            }
            let len = p.step().options.len();
            return crate::tui::list::step(&mut p.cursor, len, delta);
        }
        match self.view {
            View::Proposals => self.cursor.step(&[self.proposals(cx).len()], delta),
            View::Changes => self.changes.step(&[Self::rows(cx).len()], delta),
        }
    }

    fn cycle(&mut self, _cx: &Context, _dir: isize) -> bool {
        false
    }

    /// A click on a row of the list selects it (not while the picker asks).
    fn click(&mut self, cx: &Context, slot: usize, row: Option<usize>) -> bool {
        if self.picker.is_some() {
            return false;
        }
        match self.view {
            View::Proposals => self.cursor.click(&[self.proposals(cx).len()], slot, row),
            View::Changes => self.changes.click(&[Self::rows(cx).len()], slot, row),
        }
    }

    fn open(&mut self, cx: &Context) -> Outcome {
        if let Some(p) = self.picker.as_mut() {
            return match p.choose() {
                Err(text) => Outcome::Say(text),
                Ok(Some(request)) => {
                    self.picker = None;
                    Outcome::Library(request)
                }
                Ok(None) => Outcome::Changed,
            };
        }
        match self.selected_entity(cx) {
            Some(e) => Outcome::Open(Target::Entity(e)),
            None => Outcome::Say("no company of the data to open here".into()),
        }
    }

    fn back(&mut self, _cx: &Context) -> bool {
        if self.view == View::Changes {
            self.view = View::Proposals;
            return true;
        }
        false
    }

    fn act(&mut self, cx: &Context, action: Action) -> Outcome {
        if let Some(p) = self.picker.as_mut() {
            return match p.key(action) {
                picker::Key::Unchanged => Outcome::Unchanged,
                picker::Key::Changed => Outcome::Changed,
                picker::Key::Close => {
                    self.picker = None;
                    Outcome::Say("accept cancelled".into())
                }
            };
        }
        match action {
            Action::ToggleChanges => {
                self.view = match self.view {
                    View::Proposals => View::Changes,
                    View::Changes => View::Proposals,
                };
                Outcome::Changed
            }
            Action::CycleSort | Action::CycleFilter if self.view == View::Changes => {
                Outcome::Say(format!(
                    "what changed keeps its order: new catalysts of the next 90 days first ({} shows the inbox)",
                    cx.keys.key_for(Action::ToggleChanges)
                ))
            }
            Action::CycleSort | Action::CycleFilter => {
                let mut order = self.order;
                if action == Action::CycleSort {
                    order.sort = order.sort.next();
                } else {
                    order.filter = order.filter.next();
                }
                self.set_order(cx, order);
                Outcome::Say(format!(
                    "inbox: by {} · {}",
                    order.sort.as_str(),
                    order.filter.as_str()
                ))
            }
            _ if self.view == View::Changes => Outcome::Say(format!(
                "decisions are taken in the inbox: {} shows it",
                cx.keys.key_for(Action::ToggleChanges)
            )),
            Action::Accept => self.accept(cx),
            Action::Reject => self.reject(cx),
            Action::Undo => self.undo(cx),
            _ => Outcome::Unchanged,
        }
    }

    fn show(&mut self, _cx: &Context, _target: Target) -> bool {
        false
    }

    fn selected_entity(&self, cx: &Context) -> Option<EntityId> {
        match self.view {
            View::Proposals => entity_in(cx, &self.selected(cx)?.record.entities()),
            View::Changes => entity_in(cx, &self.selected_change(cx)?.0.entities),
        }
    }

    fn copy_text(&self, cx: &Context) -> Option<String> {
        match self.view {
            View::Proposals => self
                .selected(cx)
                .map(|p| crate::text::sanitize(&summary(cx, p)).into_owned()),
            View::Changes => self
                .selected_change(cx)
                .map(|(c, _, _)| crate::text::sanitize(&c.title).into_owned()),
        }
    }

    fn record(&self, cx: &Context) -> Option<crate::tui::ui::full_text::Record> {
        self.selected_entity(cx)
            .map(crate::tui::ui::full_text::Record::Entity)
    }

    /// The proposal (or change) as the detail pane shows it, in plain text.
    fn copy_whole(&self, cx: &Context) -> Option<(&'static str, String)> {
        let paras = match self.view {
            View::Proposals => detail(cx, self.selected(cx)?),
            View::Changes => {
                let (c, t, soon) = self.selected_change(cx)?;
                change_detail(cx, c, &t, soon)
            }
        };
        let kind = match self.view {
            View::Proposals => "proposal",
            View::Changes => "change",
        };
        let text: Vec<String> = paras
            .iter()
            .map(|(line, _)| crate::text::sanitize(line).into_owned())
            .collect();
        Some((kind, text.join("\n")))
    }

    fn selections(&self, _ix: &crate::index::Index) -> Vec<(&'static str, usize, usize)> {
        Vec::new()
    }

    fn layout(&self, cx: &Context, area: Rect) -> HitMap {
        match self.view {
            View::Proposals => {
                listing_layout(area, self.proposals(cx).len(), self.cursor.selected())
            }
            View::Changes => listing_layout(area, Self::rows(cx).len(), self.changes.selected()),
        }
    }

    fn render(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        match self.view {
            View::Proposals => self.render_proposals(cx, frame, area),
            View::Changes => self.render_changes(cx, frame, area),
        }
        if let Some(p) = &self.picker {
            picker::render(p, cx, frame, area);
        }
    }
}
