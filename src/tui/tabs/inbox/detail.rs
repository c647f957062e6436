//! What the Inbox tab writes about a proposal and a change: one-line rows and details.

use ratatui::style::Style;

use crate::library::changes::Change;
use crate::library::inbox::Proposal;
use crate::library::record::Record;
use crate::model::{EntityId, When};
use crate::tui::action::Action;
use crate::tui::tabs::Context;
use crate::tui::ui::text::{Para, cell, clean, fit};

/// The first of `ids` the dataset (with the library) has: the entity a record or change
/// is about.
pub fn entity_in(cx: &Context, ids: &[String]) -> Option<EntityId> {
    ids.iter().find_map(|id| cx.index.entity_by_id(id))
}

/// A log time (UTC, RFC 3339) as `2026-11-30 09:15 UTC`.
pub fn at_label(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|_| clean(at).into_owned())
}

/// A company's name: the dataset's, else that of a company proposal in the inbox, else
/// its id.
pub fn entity_name(cx: &Context, id: &str) -> String {
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

pub fn status_mark(status: &str) -> &'static str {
    match status {
        "accepted" => "✓",
        "rejected" => "✗",
        _ => "·",
    }
}

/// One line of what a proposal is: the catalyst's date and title, the link, the money.
pub fn summary(cx: &Context, p: &Proposal) -> String {
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
pub fn detail(cx: &Context, p: &Proposal) -> Vec<Para> {
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
                    super::picker::precision(w),
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
pub fn change_row(
    c: &Change,
    tickers: &[String],
    soon: bool,
    cx: &Context,
    width: usize,
) -> String {
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

pub fn change_detail(cx: &Context, c: &Change, tickers: &[String], soon: bool) -> Vec<Para> {
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
