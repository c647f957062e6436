//! The Inbox tab: what saved articles propose (catalysts, links, money lines, companies),
//! each with its article, line and sentence, and the decisions on them: `a` accepts
//! (choosing program, role, direction, money kind or a date's precision in a picker, or
//! naming a new program), `r` rejects, `u` undoes. `c` switches to what changed since the
//! TUI was last opened, new catalysts of the next 90 days first. Decisions are carried out
//! by the app through the library API ([`Request`]); the tab only asks.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, ListItem};

use crate::library::changes::Change;
use crate::library::inbox::{Choices, Proposal};
use crate::library::record::Record;
use crate::model::{Direction, EntityId, FundingKind, Role, When};
use crate::search::Target;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::list_detail::{ListDetail, Pane};
use crate::tui::shelf::Request;
use crate::tui::ui::pane;
use crate::tui::ui::text::{Para, cell, clean, fit};

use super::{Context, Outcome, Tab, TabView};

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

/// Which choice a picker step makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The program of a link, money line or catalyst.
    Program,
    /// A link's role.
    Role,
    /// A link's direction.
    Direction,
    /// A money line's kind.
    Kind,
    /// A catalyst's date, at the precision chosen.
    Date,
}

impl Field {
    fn word(self) -> &'static str {
        match self {
            Field::Program => "program",
            Field::Role => "role",
            Field::Direction => "direction",
            Field::Kind => "money kind",
            Field::Date => "date precision",
        }
    }
}

/// What choosing an option sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// This word or id.
    Set(String),
    /// Nothing (a catalyst without a program).
    Unset,
    /// Type the name of a program to create.
    NewProgram,
}

/// One option of a picker step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opt {
    /// As listed.
    pub label: String,
    /// What it sets.
    pub value: Value,
}

/// One step of the accept picker: a field and its options, in the order listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// What it chooses.
    pub field: Field,
    /// The options.
    pub options: Vec<Opt>,
    /// The option the proposal suggests, if any (the cursor starts there, else on the
    /// first).
    pub proposed: Option<usize>,
}

/// The accept picker: the steps a proposal's kind needs, one at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    /// Proposal number.
    pub id: i64,
    /// `link`, `money` or `catalyst`.
    pub kind: String,
    /// The steps.
    pub steps: Vec<Step>,
    /// The step shown.
    pub at: usize,
    /// The option under the cursor.
    pub cursor: usize,
    /// The new program's name being typed, when "new program" was chosen.
    pub naming: Option<String>,
    /// The choices made so far.
    pub choices: Choices,
}

/// Longest name a new program may be given from the picker.
const MAX_NAME: usize = 80;

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
}

fn option<T: Copy + std::fmt::Display>(all: &[T]) -> Vec<Opt> {
    all.iter()
        .map(|v| Opt {
            label: v.to_string(),
            value: Value::Set(v.to_string()),
        })
        .collect()
}

fn step(field: Field, options: Vec<Opt>, proposed: Option<&str>) -> Step {
    let at = proposed.and_then(|p| {
        options
            .iter()
            .position(|o| o.value == Value::Set(p.to_string()))
    });
    Step {
        field,
        options,
        proposed: at,
    }
}

fn programs(cx: &Context, none: bool, create: bool) -> Vec<Opt> {
    let mut out = Vec::new();
    if none {
        out.push(Opt {
            label: "(no program)".into(),
            value: Value::Unset,
        });
    }
    out.extend(cx.index.data().programs.iter().map(|p| Opt {
        label: format!("{} ({})", clean(&p.name), clean(&p.id)),
        value: Value::Set(p.id.clone()),
    }));
    if create {
        out.push(Opt {
            label: "+ new program…".into(),
            value: Value::NewProgram,
        });
    }
    out
}

/// The picker steps a proposal needs; empty for a company (accepted as it is).
pub fn steps(cx: &Context, p: &Proposal) -> Vec<Step> {
    match &p.record {
        Record::Exposure {
            program,
            role,
            direction,
            ..
        } => vec![
            step(
                Field::Program,
                programs(cx, false, true),
                Some(program.as_str()),
            ),
            step(Field::Role, option(Role::ALL), role.as_deref()),
            step(
                Field::Direction,
                option(Direction::ALL),
                direction.as_deref(),
            ),
        ],
        Record::Funding { program, kind, .. } => vec![
            step(
                Field::Program,
                programs(cx, false, true),
                program.as_deref(),
            ),
            step(Field::Kind, option(FundingKind::ALL), kind.as_deref()),
        ],
        Record::Catalyst { date, program, .. } => {
            let dates = date
                .parse::<When>()
                .map(|w| w.widenings())
                .unwrap_or_default()
                .into_iter()
                .map(|w| Opt {
                    label: format!("{} · {}", w.label(), precision(w)),
                    value: Value::Set(w.to_string()),
                })
                .collect();
            vec![
                step(Field::Date, dates, Some(date.as_str())),
                step(
                    Field::Program,
                    programs(cx, true, false),
                    program.as_deref(),
                ),
            ]
        }
        _ => Vec::new(),
    }
}

/// A date's precision in words (`fiscal year`, not the JSON's `fiscal_year`).
fn precision(w: When) -> String {
    w.precision().as_str().replace('_', " ")
}

impl Picker {
    /// The step shown.
    pub fn step(&self) -> &Step {
        &self.steps[self.at]
    }

    fn set(&mut self, field: Field, value: Option<String>) {
        let c = &mut self.choices;
        match field {
            Field::Program => {
                c.program = value;
                c.new_program = None;
            }
            Field::Role => c.role = value,
            Field::Direction => c.direction = value,
            Field::Kind => c.kind = value,
            Field::Date => c.date = value,
        }
    }

    /// The next step, or the decision when this was the last.
    fn advance(&mut self) -> Option<Request> {
        if self.at + 1 < self.steps.len() {
            self.at += 1;
            self.cursor = self.steps[self.at].proposed.unwrap_or(0);
            None
        } else {
            Some(Request::Accept(self.id, self.choices.clone()))
        }
    }

    /// Enter: choose the option under the cursor (or the typed name).
    fn choose(&mut self) -> Result<Option<Request>, String> {
        let field = self.step().field;
        if let Some(name) = &self.naming {
            let name = name.trim().to_string();
            if name.is_empty() {
                return Err("type the new program's name, or Esc".into());
            }
            self.naming = None;
            self.choices.program = None;
            self.choices.new_program = Some(name);
            return Ok(self.advance());
        }
        let Some(opt) = self.step().options.get(self.cursor).cloned() else {
            return Err(format!("no {} to choose", field.word()));
        };
        match opt.value {
            Value::NewProgram => {
                self.naming = Some(String::new());
                Ok(None)
            }
            Value::Set(v) => {
                self.set(field, Some(v));
                Ok(self.advance())
            }
            Value::Unset => {
                self.set(field, None);
                Ok(self.advance())
            }
        }
    }

    /// What was chosen so far, one `field: value` each.
    fn chosen(&self) -> Vec<String> {
        let c = &self.choices;
        let mut out = Vec::new();
        for s in &self.steps[..self.at] {
            let value = match s.field {
                Field::Program => match (&c.new_program, &c.program) {
                    (Some(name), _) => format!("new program \"{}\"", clean(name)),
                    (None, Some(p)) => p.clone(),
                    (None, None) => "none".into(),
                },
                Field::Role => c.role.clone().unwrap_or_default(),
                Field::Direction => c.direction.clone().unwrap_or_default(),
                Field::Kind => c.kind.clone().unwrap_or_default(),
                Field::Date => c
                    .date
                    .as_deref()
                    .and_then(|d| d.parse::<When>().ok())
                    .map_or_else(String::new, |w| w.label()),
            };
            out.push(format!("{}: {value}", s.field.word()));
        }
        out
    }
}

/// The entity a record is about, when the dataset (with the library) has it.
fn entity_in(cx: &Context, record: &Record) -> Option<EntityId> {
    let ids = record.entities();
    ids.iter().find_map(|id| {
        cx.index
            .data()
            .entities
            .iter()
            .position(|e| &e.id == id)
            .map(|i| EntityId(i as u32))
    })
}

/// A log time (UTC, RFC 3339) as `2026-11-30 09:15 UTC`.
fn at_label(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|_| clean(at).into_owned())
}

/// A company's name: the dataset's, else that of a company proposal in the inbox, else
/// its id.
fn entity_name(cx: &Context, id: &str) -> String {
    let data = cx.index.data();
    if let Some(e) = data.entities.iter().find(|e| e.id == id) {
        return e.name.clone();
    }
    cx.shelf
        .proposals
        .iter()
        .find_map(|p| match &p.record {
            Record::Entity { id: e, name, .. } if e == id => Some(name.clone()),
            _ => None,
        })
        .unwrap_or_else(|| id.to_string())
}

fn status_mark(status: &str) -> &'static str {
    match status {
        "accepted" => "✓",
        "rejected" => "✗",
        _ => "·",
    }
}

/// One line of what a proposal is: the catalyst's date and title, the link, the money.
fn summary(cx: &Context, p: &Proposal) -> String {
    match &p.record {
        Record::Catalyst { date, title, .. } => {
            let label = date.parse::<When>().map_or(date.clone(), |w| w.label());
            format!("{label}: {title}")
        }
        Record::Exposure {
            entity, program, ..
        } => format!("{} → {program}", entity_name(cx, entity)),
        Record::Funding { money, purpose, .. } => format!("{money}: {purpose}"),
        other => other.title(),
    }
}

fn opt(value: &Option<String>, unset: &str) -> String {
    value.clone().unwrap_or_else(|| unset.to_string())
}

/// The detail of a proposal as paragraphs.
fn detail(cx: &Context, p: &Proposal) -> Vec<Para> {
    let theme = cx.theme;
    let mut out: Vec<Para> = vec![(
        format!("#{} {} · {}", p.id, p.kind, p.status),
        theme.title(),
    )];
    out.push((
        format!(
            "{}, line {} · as of {} ({})",
            clean(&p.article),
            p.line,
            p.as_of,
            p.as_of_source
        ),
        theme.muted(),
    ));
    let found = if p.kind == "link" {
        "Sentence"
    } else {
        "Found"
    };
    out.push((format!("{found}: {}", clean(&p.text)), Style::new()));
    let choose = "(to choose)";
    let lines: Vec<String> = match &p.record {
        Record::Entity {
            name,
            listings,
            country,
            sector,
            ..
        } => vec![
            format!("Company: {} {}", clean(name), clean(&listings.join(", "))),
            format!("{} · {}", clean(country), clean(sector)),
        ],
        Record::Exposure {
            entity,
            program,
            role,
            direction,
            basis,
            ..
        } => {
            let who = entity_name(cx, entity);
            vec![
                format!(
                    "Link: {} ({}) → {}",
                    clean(&who),
                    clean(entity),
                    clean(program)
                ),
                format!(
                    "role {} · direction {} · {}",
                    opt(role, choose),
                    opt(direction, choose),
                    opt(basis, "stated")
                ),
            ]
        }
        Record::Funding {
            money,
            program,
            kind,
            purpose,
            ..
        } => vec![
            format!(
                "Money: {money} · program {} · kind {}",
                opt(program, choose),
                opt(kind, choose)
            ),
            format!("Sentence: {}", clean(purpose)),
        ],
        Record::Catalyst {
            title,
            date,
            program,
            entities,
            note,
            ..
        } => {
            let when = date.parse::<When>().ok();
            let label = when.map_or(date.clone(), |w| {
                format!(
                    "{} ({} precision, {})",
                    w.label(),
                    precision(w),
                    w.countdown(cx.today).short()
                )
            });
            vec![
                format!("Catalyst: {label}"),
                format!("Title: {}", clean(title)),
                format!(
                    "program {} · names {}",
                    opt(program, "none"),
                    if entities.is_empty() {
                        "no company".to_string()
                    } else {
                        clean(&entities.join(", ")).into_owned()
                    }
                ),
                format!("Note: {}", clean(note)),
            ]
        }
        other => vec![clean(&other.title()).into_owned()],
    };
    out.extend(lines.into_iter().map(|l| (l, Style::new())));
    let keys = cx.keys;
    let hint = match p.status.as_str() {
        "pending" => format!(
            "{} accept · {} reject",
            keys.key_for(Action::Accept),
            keys.key_for(Action::Reject)
        ),
        _ => format!("{} undo", keys.key_for(Action::Undo)),
    };
    out.push((hint, theme.muted()));
    out
}

/// One change as a list row.
fn change_row(c: &Change, tickers: &[String], soon: bool, cx: &Context, width: usize) -> String {
    let mark = match c.change.as_str() {
        "added" => '+',
        "removed" => '-',
        _ => '~',
    };
    let when = c
        .date
        .as_deref()
        .and_then(|d| d.parse::<When>().ok())
        .map_or(String::new(), |w| w.countdown(cx.today).short());
    let who = if soon {
        "≤90d".to_string()
    } else {
        tickers.first().cloned().unwrap_or_else(|| "—".into())
    };
    let title_width = width.saturating_sub(2 + 9 + 11 + 12 + 3);
    format!(
        "{mark} {} {} {} {}",
        cell(&clean(&c.kind), 9),
        cell(&clean(&who), 11),
        cell(&when, 12),
        fit(&clean(&c.title), title_width)
    )
}

fn change_detail(cx: &Context, c: &Change, tickers: &[String], soon: bool) -> Vec<Para> {
    let theme = cx.theme;
    let mut out: Vec<Para> = vec![(
        format!("{} {} · {}", c.change, c.kind, at_label(&c.at)),
        theme.title(),
    )];
    out.push((clean(&c.title).into_owned(), Style::new()));
    if let Some(w) = c.date.as_deref().and_then(|d| d.parse::<When>().ok()) {
        let soon = if soon { " · new, within 90 days" } else { "" };
        out.push((
            format!("{} ({}){soon}", w.label(), w.countdown(cx.today).long()),
            Style::new(),
        ));
    }
    if !tickers.is_empty() {
        out.push((
            format!("tickers: {}", clean(&tickers.join(", "))),
            Style::new(),
        ));
    }
    out.push((format!("record {}", clean(&c.key)), theme.muted()));
    out
}

impl Inbox {
    /// The proposal under the cursor.
    pub fn selected<'a>(&self, cx: &Context<'a>) -> Option<&'a Proposal> {
        cx.shelf.proposals.get(self.cursor.selected())
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
        let list = &cx.shelf.proposals;
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

    fn picker_key(&mut self, action: Action) -> Outcome {
        let Some(picker) = self.picker.as_mut() else {
            return Outcome::Unchanged;
        };
        match action {
            Action::Input(c) => match picker.naming.as_mut() {
                Some(name) if name.chars().count() < MAX_NAME && !c.is_control() => {
                    name.push(c);
                    Outcome::Changed
                }
                _ => Outcome::Unchanged,
            },
            Action::Backspace => match picker.naming.as_mut() {
                Some(name) => name.pop().is_some().into(),
                None => Outcome::Unchanged,
            },
            Action::Cancel => {
                if picker.naming.take().is_some() {
                } else if picker.at > 0 {
                    picker.at -= 1;
                    picker.cursor = picker.steps[picker.at].proposed.unwrap_or(0);
                } else {
                    self.picker = None;
                    return Outcome::Say("accept cancelled".into());
                }
                Outcome::Changed
            }
            _ => Outcome::Unchanged,
        }
    }

    fn render_picker(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        let Some(p) = &self.picker else { return };
        let theme = cx.theme;
        let step = p.step();
        let chosen = p.chosen();
        let body = match p.naming {
            Some(_) => chosen.len() + 2,
            None => chosen.len() + 1 + p.step().options.len().max(1),
        };
        let width = area.width.saturating_sub(4).min(64);
        let height = (body as u16 + 2).min(area.height).max(5.min(area.height));
        let x = area.x + (area.width - width) / 2;
        let y = area.y + (area.height - height) / 2;
        let popup = Rect::new(x, y, width, height);
        frame.render_widget(Clear, popup);
        let title = format!(
            "Accept #{} {} · {}/{} {}",
            p.id,
            p.kind,
            p.at + 1,
            p.steps.len(),
            step.field.word()
        );
        let block = focused_block(&title, popup.width, theme);
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let inner_width = inner.width as usize;
        let mut head: Vec<Line> = chosen
            .iter()
            .map(|c| Line::styled(fit(c, inner_width), theme.muted()))
            .collect();
        if let Some(name) = &p.naming {
            head.push(Line::styled(
                fit(
                    "New program's name (Enter to use it, Esc back):",
                    inner_width,
                ),
                theme.title(),
            ));
            let typed = format!("> {}▏", clean(name));
            // The end of a long name stays in view.
            let shown: String = if typed.chars().count() > inner_width {
                let skip = typed.chars().count() - inner_width + 1;
                format!("…{}", typed.chars().skip(skip).collect::<String>())
            } else {
                typed
            };
            head.push(Line::raw(shown));
            let para = ratatui::widgets::Paragraph::new(head);
            frame.render_widget(para, inner);
            return;
        }
        head.push(Line::styled(
            fit(&format!("Choose the {}:", step.field.word()), inner_width),
            theme.title(),
        ));
        // Keep the list at least one row: the lines above give way first.
        let head_rows = (head.len() as u16).min(inner.height.saturating_sub(1));
        let skip = head.len() - head_rows as usize;
        let [top, list] =
            Layout::vertical([Constraint::Length(head_rows), Constraint::Fill(1)]).areas(inner);
        frame.render_widget(
            ratatui::widgets::Paragraph::new(head.into_iter().skip(skip).collect::<Vec<_>>()),
            top,
        );
        let option_width = inner_width.saturating_sub(pane::MARKER);
        let items: Vec<ListItem<'static>> = step
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let mark = if Some(i) == step.proposed {
                    " (proposed)"
                } else {
                    ""
                };
                ListItem::new(Line::raw(fit(&format!("{}{mark}", o.label), option_width)))
            })
            .collect();
        let mut state = crate::tui::ui::cursor(p.cursor, true);
        pane::render_list(items, list, frame.buffer_mut(), &mut state, true, theme);
    }

    fn render_proposals(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        let theme = cx.theme;
        let shelf = cx.shelf;
        let (list_area, detail_area) = split(area);
        let title = if shelf.present {
            format!(
                "Inbox ({} to review{}) · {} what changed",
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
        let whole = shelf.proposals.is_empty();
        let block = focused_block(&title, if whole { area } else { list_area }.width, theme);
        if whole {
            let text = if shelf.present {
                "Nothing to review. Save articles with aipx ingest --save PATH; what they propose shows here."
            } else {
                "No library yet. Save articles with aipx ingest --save PATH (they go to $XDG_DATA_HOME/aipx); what they propose shows here."
            };
            pane::text(
                block,
                &[(text.to_string(), theme.muted())],
                area,
                frame.buffer_mut(),
            );
            return;
        }
        let inner = block.inner(list_area);
        frame.render_widget(block, list_area);
        let width = (inner.width as usize).saturating_sub(pane::MARKER);
        let rows = pane::Rows {
            len: shelf.proposals.len(),
            height: |_| 1,
            build: |i: usize| {
                let p = &shelf.proposals[i];
                let head = format!(
                    "{} {} {} ",
                    status_mark(&p.status),
                    cell(&format!("#{}", p.id), 5),
                    cell(&p.kind, 8)
                );
                let rest = width.saturating_sub(head.chars().count());
                ListItem::new(Line::raw(format!(
                    "{head}{}",
                    fit(&clean(&summary(cx, p)), rest)
                )))
            },
            hint: 0,
        };
        let mut state = crate::tui::ui::cursor(self.cursor.selected(), true);
        rows.render(inner, frame.buffer_mut(), &mut state, true, theme);
        if let Some(p) = self.selected(cx) {
            let block = pane::block("Proposal", false, theme);
            pane::text(block, &detail(cx, p), detail_area, frame.buffer_mut());
        }
    }

    fn render_changes(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        let theme = cx.theme;
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
        let (list_area, detail_area) = split(area);
        let whole = rows.is_empty();
        let block = focused_block(&title, if whole { area } else { list_area }.width, theme);
        if whole {
            let text = format!(
                "No changes {since}. Accepting, undoing and importing change the library; aipx changes lists the same."
            );
            pane::text(block, &[(text, theme.muted())], area, frame.buffer_mut());
            return;
        }
        let inner = block.inner(list_area);
        frame.render_widget(block, list_area);
        let width = (inner.width as usize).saturating_sub(pane::MARKER);
        let list = pane::Rows {
            len: rows.len(),
            height: |_| 1,
            build: |i: usize| {
                let (c, t, soon) = &rows[i];
                ListItem::new(Line::raw(change_row(c, t, *soon, cx, width)))
            },
            hint: 0,
        };
        let mut state = crate::tui::ui::cursor(self.changes.selected(), true);
        list.render(inner, frame.buffer_mut(), &mut state, true, theme);
        if let Some((c, t, soon)) = rows.get(self.changes.selected()) {
            let block = pane::block("Change", false, theme);
            let paras = change_detail(cx, c, t, *soon);
            pane::text(block, &paras, detail_area, frame.buffer_mut());
        }
    }
}

/// A focused pane's block, its title fitted (ending in `…` when cut) to a pane `width`
/// columns wide: the borders, the spaces and the `▸ ` mark take six.
fn focused_block(
    title: &str,
    width: u16,
    theme: crate::tui::ui::theme::Theme,
) -> ratatui::widgets::Block<'static> {
    pane::block(fit(title, (width as usize).saturating_sub(6)), true, theme)
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

    fn step(&mut self, cx: &Context, delta: isize) -> bool {
        if let Some(p) = self.picker.as_mut() {
            if p.naming.is_some() {
                return false;
            }
            let len = p.step().options.len();
            return crate::tui::list::step(&mut p.cursor, len, delta);
        }
        match self.view {
            View::Proposals => self.cursor.step(&[cx.shelf.proposals.len()], delta),
            View::Changes => self.changes.step(&[Self::rows(cx).len()], delta),
        }
    }

    fn cycle(&mut self, _cx: &Context, _dir: isize) -> bool {
        false
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
        if self.picker.is_some() {
            return self.picker_key(action);
        }
        match action {
            Action::ToggleChanges => {
                self.view = match self.view {
                    View::Proposals => View::Changes,
                    View::Changes => View::Proposals,
                };
                Outcome::Changed
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
            View::Proposals => entity_in(cx, &self.selected(cx)?.record),
            View::Changes => {
                let (c, _, _) = self.selected_change(cx)?;
                c.entities.iter().find_map(|id| {
                    cx.index
                        .data()
                        .entities
                        .iter()
                        .position(|e| &e.id == id)
                        .map(|i| EntityId(i as u32))
                })
            }
        }
    }

    fn copy_text(&self, cx: &Context) -> Option<String> {
        match self.view {
            View::Proposals => self.selected(cx).map(|p| summary(cx, p)),
            View::Changes => self.selected_change(cx).map(|(c, _, _)| c.title.clone()),
        }
    }

    fn record(&self, cx: &Context) -> Option<crate::tui::ui::full_text::Record> {
        self.selected_entity(cx)
            .map(crate::tui::ui::full_text::Record::Entity)
    }

    fn selections(&self, _ix: &crate::index::Index) -> Vec<(&'static str, usize, usize)> {
        Vec::new()
    }

    fn render(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        match self.view {
            View::Proposals => self.render_proposals(cx, frame, area),
            View::Changes => self.render_changes(cx, frame, area),
        }
        if self.picker.is_some() {
            self.render_picker(cx, frame, area);
        }
    }
}
