//! The accept picker: the choices a proposal's record needs (program, role, direction,
//! money kind, a date's precision), one list at a time, and a new program's name.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::Clear;

use crate::library::inbox::{Choices, Proposal};
use crate::library::record::Record;
use crate::model::{Direction, FundingKind, Role, When};
use crate::tui::action::Action;
use crate::tui::shelf::Request;
use crate::tui::tabs::Context;
use crate::tui::ui::pane;
use crate::tui::ui::text::{clean, fit};

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
pub fn precision(w: When) -> String {
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
    pub fn choose(&mut self) -> Result<Option<Request>, String> {
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

    /// A key typed or Esc while the picker is open: what it did.
    pub fn key(&mut self, action: Action) -> Key {
        let picker = self;
        match action {
            Action::Input(c) => match picker.naming.as_mut() {
                Some(name) if name.chars().count() < MAX_NAME && !c.is_control() => {
                    name.push(c);
                    Key::Changed
                }
                _ => Key::Unchanged,
            },
            Action::Backspace => match picker.naming.as_mut() {
                Some(name) => {
                    if name.pop().is_some() {
                        Key::Changed
                    } else {
                        Key::Unchanged
                    }
                }
                None => Key::Unchanged,
            },
            Action::Cancel => {
                if picker.naming.take().is_some() {
                } else if picker.at > 0 {
                    picker.at -= 1;
                    picker.cursor = picker.steps[picker.at].proposed.unwrap_or(0);
                } else {
                    return Key::Close;
                }
                Key::Changed
            }
            _ => Key::Unchanged,
        }
    }
}

/// What a key did to the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// Nothing.
    Unchanged,
    /// The name or the step changed.
    Changed,
    /// Esc on the first step: the picker closes.
    Close,
}

/// Draws the picker over `area`, centred, as a popup.
pub fn render(p: &Picker, cx: &Context, frame: &mut Frame, area: Rect) {
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
    let block = pane::block(title, true, theme, popup.width);
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
    // Only the options on screen are built: a universe has thousands of programs.
    let rows = pane::Rows {
        len: step.options.len(),
        height: |_| 1,
        build: |i: usize| {
            let o = &step.options[i];
            let mark = if Some(i) == step.proposed {
                " (proposed)"
            } else {
                ""
            };
            Text::from(Line::raw(fit(&format!("{}{mark}", o.label), option_width)))
        },
        hint: 0,
    };
    let mut state = crate::tui::ui::cursor(p.cursor, true);
    rows.render(list, frame.buffer_mut(), &mut state, true, theme);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Index;
    use crate::tui::shelf::Shelf;

    fn proposal(record: Record) -> Proposal {
        Proposal {
            id: 7,
            kind: record.proposal_kind().to_string(),
            status: "pending".into(),
            article: "wire.txt".into(),
            title: None,
            as_of: "2026-03-04".into(),
            as_of_source: "date line".into(),
            line: 3,
            text: "text".into(),
            record,
        }
    }

    fn link() -> Record {
        Record::Exposure {
            entity: "NVDA".into(),
            program: "jp-sovereign-ai".into(),
            role: None,
            basis: None,
            direction: Some("headwind".into()),
            funding: Vec::new(),
            note: String::new(),
            sources: Vec::new(),
        }
    }

    /// Runs `f` with a context on the embedded dataset.
    fn with_cx<R>(f: impl FnOnce(&Context) -> R) -> R {
        let index = Index::new(crate::data::load(None).unwrap());
        let keys = crate::tui::keymap::Keymap::default();
        let book = crate::book::Watchlists::default();
        let shelf = Shelf::default();
        let cx = Context {
            index: &index,
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
            entity: None,
            searching: false,
            rows: 24,
            theme: crate::tui::ui::theme::Theme::new(false),
            keys: &keys,
            book: &book,
            book_error: None,
            sort: Default::default(),
            filter: Default::default(),
            shelf: &shelf,
        };
        f(&cx)
    }

    fn picker(steps: Vec<Step>) -> Picker {
        Picker {
            id: 7,
            kind: "link".into(),
            cursor: steps[0].proposed.unwrap_or(0),
            steps,
            at: 0,
            naming: None,
            choices: Choices::default(),
        }
    }

    #[test]
    fn a_link_asks_program_role_and_direction_starting_on_what_is_proposed() {
        let steps = with_cx(|cx| steps(cx, &proposal(link())));
        let fields: Vec<Field> = steps.iter().map(|s| s.field).collect();
        assert_eq!(fields, [Field::Program, Field::Role, Field::Direction]);
        let program = &steps[0];
        let at = program.proposed.unwrap();
        assert_eq!(
            program.options[at].value,
            Value::Set("jp-sovereign-ai".into())
        );
        assert_eq!(program.options.last().unwrap().value, Value::NewProgram);
        assert_eq!(steps[1].proposed, None, "no role proposed");
        assert_eq!(steps[2].proposed, Some(1), "headwind");
    }

    #[test]
    fn choosing_walks_the_steps_and_the_last_choice_accepts() {
        let mut p = picker(with_cx(|cx| steps(cx, &proposal(link()))));
        assert_eq!(p.choose(), Ok(None));
        p.cursor = 3; // supplier
        assert_eq!(p.choose(), Ok(None));
        let Ok(Some(Request::Accept(7, c))) = p.choose() else {
            panic!("the last step accepts");
        };
        assert_eq!(c.program.as_deref(), Some("jp-sovereign-ai"));
        assert_eq!(c.role.as_deref(), Some("supplier"));
        assert_eq!(c.direction.as_deref(), Some("headwind"));
        assert_eq!(c.new_program, None);
    }

    #[test]
    fn a_new_program_is_named_and_esc_steps_back() {
        let mut p = picker(with_cx(|cx| steps(cx, &proposal(link()))));
        p.cursor = p.step().options.len() - 1;
        assert_eq!(p.choose(), Ok(None));
        assert_eq!(p.naming.as_deref(), Some(""));
        assert!(p.choose().is_err(), "an empty name is refused");
        for c in "Korea AI".chars() {
            assert_eq!(p.key(Action::Input(c)), Key::Changed);
        }
        assert_eq!(p.key(Action::Backspace), Key::Changed);
        assert_eq!(
            p.key(Action::Input('\u{1b}')),
            Key::Unchanged,
            "no controls"
        );
        assert_eq!(p.choose(), Ok(None));
        assert_eq!(p.choices.new_program.as_deref(), Some("Korea A"));
        assert_eq!(p.choices.program, None);
        assert_eq!(p.at, 1);
        assert_eq!(p.key(Action::Cancel), Key::Changed);
        assert_eq!(p.at, 0);
        assert_eq!(p.key(Action::Cancel), Key::Close);
    }

    #[test]
    fn a_catalyst_offers_only_dates_as_wide_or_wider() {
        let catalyst = Record::Catalyst {
            id: "c".into(),
            title: "t".into(),
            date: "2026-02-04".into(),
            kind: "vote".into(),
            program: None,
            entities: Vec::new(),
            note: String::new(),
            sources: Vec::new(),
        };
        let steps = with_cx(|cx| steps(cx, &proposal(catalyst)));
        assert_eq!(steps[0].field, Field::Date);
        let labels: Vec<&str> = steps[0].options.iter().map(|o| o.label.as_str()).collect();
        assert_eq!(labels[0], "4 Feb 2026 · day");
        assert!(labels.contains(&"Q1 2026 · quarter"));
        assert!(labels.contains(&"JP FY2025 · fiscal year"));
        assert_eq!(steps[1].options[0].value, Value::Unset, "no program first");
        assert_eq!(steps[1].proposed, None);
    }
}
