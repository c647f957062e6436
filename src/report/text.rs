//! Human-readable output: aligned columns, compact money, countdowns.

use std::io::{self, Write};

use chrono::NaiveDate;

use crate::index::Index;
use crate::model::*;
use crate::search::{Hit, Searcher, Target};
use crate::text::{cell, sanitize};

fn listing(entity: &Entity) -> String {
    match entity.primary() {
        Some(l) => format!("{}:{}", l.exchange, sanitize(&l.symbol)),
        None => "unlisted".to_string(),
    }
}

fn origin_mark(origin: &Origin) -> String {
    match origin {
        Origin::Curated => String::new(),
        Origin::Ingested(at) => format!(" [ingested {}:{}]", sanitize(&at.file), at.line),
        Origin::Library(at) if at.line == 0 => format!(" [library {}]", sanitize(&at.article)),
        Origin::Library(at) => format!(" [library {}:{}]", sanitize(&at.article), at.line),
    }
}

/// One funding line: amount, whose money it is (`public`, `private`, `target` or
/// `9984's own`, see [`Index::funding_kind`]) and label; `kinds` is the kind column's width.
fn funding_line(index: &Index, line: &FundingLine, kinds: usize) -> String {
    format!(
        "{}  {}  {}",
        cell(&line.money.to_string(), 18),
        cell(&index.funding_kind(line), kinds),
        sanitize(&line.label),
    )
}

/// Width of the kind column for a program's lines: the widest kind, so none is cut.
fn kind_width(index: &Index, p: &Program) -> usize {
    p.funding
        .iter()
        .map(|l| unicode_width::UnicodeWidthStr::width(index.funding_kind(l).as_str()))
        .max()
        .unwrap_or(0)
        .max(7)
}

fn catalyst_line(index: &Index, c: CatalystId, today: NaiveDate) -> String {
    let cat = index.catalyst(c);
    let countdown = cat.date.countdown(today);
    let mark = if countdown.timing().is_past() {
        "past"
    } else {
        "    "
    };
    format!(
        "{}  {}  {mark}  {}{}",
        cell(&cat.date.label(), 16),
        cell(&countdown.long(), 22),
        sanitize(&cat.title),
        origin_mark(&cat.origin)
    )
}

/// `show` as text.
pub fn show(
    index: &Index,
    id: EntityId,
    sources: &[SourceId],
    today: NaiveDate,
    out: &mut dyn Write,
) -> io::Result<()> {
    let e = index.entity(id);
    writeln!(
        out,
        "{}  {}{}",
        sanitize(&e.name),
        listing(e),
        origin_mark(&e.origin)
    )?;
    let others: Vec<String> = e
        .listings
        .iter()
        .skip(1)
        .map(|l| format!("{}:{}", l.exchange, sanitize(&l.symbol)))
        .collect();
    let listed = if e.is_listed() { "listed" } else { "unlisted" };
    // A fact the listing files did not give (the SEC gives no country or sector) is left
    // out, not shown as an empty field.
    let facts: Vec<String> = [sanitize(&e.country), sanitize(&e.sector)]
        .into_iter()
        .filter(|f| !f.is_empty())
        .map(|f| f.into_owned())
        .chain([listed.to_string()])
        .collect();
    writeln!(out, "{}", facts.join(" · "))?;
    if !others.is_empty() {
        writeln!(out, "Also listed: {}", others.join(", "))?;
    }
    if let Some(p) = e.parent {
        writeln!(
            out,
            "Parent: {} ({})",
            sanitize(&index.entity(p).name),
            listing(index.entity(p))
        )?;
    }
    if !e.summary.is_empty() {
        writeln!(out, "{}", sanitize(&e.summary))?;
    }

    let programs = crate::text::count(index.program_count(id), "program");
    writeln!(
        out,
        "\nExposures ({programs}; only public amounts are program money)"
    )?;
    if index.exposures_of(id).next().is_none() {
        writeln!(out, "  no known program exposure")?;
    }
    for x in index.exposures_of(id) {
        let p = index.program(x.program);
        writeln!(
            out,
            "  {}  {}  {}  {}{}",
            cell(&sanitize(&p.name), 40),
            cell(x.role.as_str(), 12),
            cell(x.direction.as_str(), 8),
            x.basis,
            origin_mark(&x.origin)
        )?;
        let kinds = kind_width(index, p);
        for &l in &x.funding {
            writeln!(out, "      {}", funding_line(index, &p.funding[l], kinds))?;
        }
        writeln!(out, "      {}", sanitize(&x.note))?;
    }

    writeln!(out, "\nCatalysts (today {today})")?;
    let next = index.next_catalyst(id, today);
    for &c in index.catalysts_of(id) {
        let arrow = if Some(c) == next { "▶ " } else { "  " };
        writeln!(out, "{arrow}{}", catalyst_line(index, c, today))?;
    }
    if next.is_none() {
        writeln!(out, "  no upcoming catalyst")?;
    }

    writeln!(out, "\nSources")?;
    if sources.is_empty() {
        // A securities-master company: every curated record cites at least one source.
        writeln!(out, "  none")?;
    }
    for &s in sources {
        let s = index.source(s);
        writeln!(
            out,
            "  {}  {} ({}, {})",
            sanitize(&s.file),
            sanitize(&s.title),
            sanitize(&s.publisher),
            s.date.label()
        )?;
        if let Some(url) = &s.url {
            writeln!(out, "    {}", sanitize(url))?;
        }
    }
    Ok(())
}

fn entity_row(index: &Index, e: EntityId, today: NaiveDate) -> String {
    let entity = index.entity(e);
    let next = index
        .next_catalyst(e, today)
        .map(|c| index.catalyst(c).date.countdown(today).short())
        .unwrap_or_else(|| "-".to_string());
    format!(
        "{}  {}  {}  {} prog  next {}",
        cell(&sanitize(entity.display_symbol()), 10),
        cell(&listing(entity), 14),
        cell(&sanitize(&entity.name), 36),
        index.program_count(e),
        next
    )
}

/// Every entity, listed ones first, as one row each.
pub fn overview(index: &Index, today: NaiveDate, out: &mut dyn Write) -> io::Result<()> {
    let mut ids: Vec<EntityId> = (0..index.data().entities.len())
        .map(|i| EntityId(i as u32))
        .collect();
    ids.sort_by_key(|&e| {
        (
            !index.entity(e).is_listed(),
            std::cmp::Reverse(index.program_count(e)),
        )
    });
    writeln!(
        out,
        "aipx: {} entities, {} programs, {} catalysts (today {today})",
        ids.len(),
        index.data().programs.len(),
        index.data().catalysts.len()
    )?;
    for e in ids {
        writeln!(out, "{}", entity_row(index, e, today))?;
    }
    Ok(())
}

/// `search` as text: what each hit is, its listing and name, and the alias that matched.
pub fn search(searcher: &Searcher, hits: &[Hit], out: &mut dyn Write) -> io::Result<()> {
    if hits.is_empty() {
        return writeln!(out, "no matches");
    }
    for h in hits {
        let label = searcher.label_of(h.target);
        let (what, listing) = match (h.target, label.symbol, label.exchange) {
            (Target::Entity(_), Some(symbol), Some(exchange)) => {
                (symbol.to_string(), format!("{exchange}:{symbol}"))
            }
            (Target::Entity(_), _, _) => (label.id.to_string(), "unlisted".to_string()),
            (target, _, _) => (target.kind().to_string(), String::new()),
        };
        let via = if h.field == crate::search::Field::Alias {
            format!("  (alias {})", sanitize(h.text))
        } else {
            String::new()
        };
        writeln!(
            out,
            "{}  {}  {}{via}",
            cell(&sanitize(&what), 10),
            cell(&sanitize(&listing), 14),
            sanitize(label.name)
        )?;
    }
    Ok(())
}

/// `programs` as text; `full` adds exposures and catalysts.
pub fn programs(
    index: &Index,
    ids: &[ProgramId],
    full: bool,
    today: NaiveDate,
    out: &mut dyn Write,
) -> io::Result<()> {
    for (n, &id) in ids.iter().enumerate() {
        let p = index.program(id);
        if n > 0 {
            writeln!(out)?;
        }
        writeln!(
            out,
            "{}  [{}]  {} · {} · {}{}",
            sanitize(&p.name),
            sanitize(&p.id),
            sanitize(&p.sponsor),
            sanitize(&p.country),
            index.program_status(id, today),
            origin_mark(&p.origin)
        )?;
        if full {
            writeln!(out, "  {}", sanitize(&p.summary))?;
        }
        let kinds = kind_width(index, p);
        for (i, line) in p.funding.iter().enumerate() {
            let indent = "  ".repeat(p.depth(i) + 1);
            let period = sanitize(&line.when_label()).into_owned();
            let row = format!(
                "{indent}{}  {}  {}  {}",
                cell(&line.money.to_string(), 18),
                cell(&index.funding_kind(line), kinds),
                cell(&sanitize(&line.label), 44),
                period,
            );
            writeln!(out, "{}", row.trim_end())?;
        }
        if full {
            writeln!(out, "  Entities")?;
            let mut exposures: Vec<&Exposure> = index.exposures_to(id).collect();
            exposures.sort_by_key(|x| x.role);
            for x in exposures {
                let e = index.entity(x.entity);
                writeln!(
                    out,
                    "    {}  {}  {}  {}  {}",
                    cell(x.role.as_str(), 12),
                    cell(&sanitize(e.display_symbol()), 10),
                    cell(&sanitize(&e.name), 32),
                    cell(x.direction.as_str(), 8),
                    x.basis
                )?;
            }
            writeln!(out, "  Catalysts")?;
            for &c in index.catalysts_of_program(id) {
                writeln!(out, "    {}", catalyst_line(index, c, today))?;
            }
        }
    }
    Ok(())
}

/// `calendar` as text: a timeline grouped under headings no wider than each date claims
/// ([`When::heading`]) with a today marker; each row ends with
/// the tickers the catalyst names and, for `--ticker`, starts with why it is on that ticker's
/// calendar (`direct` or `via PROGRAM-ID`).
pub fn calendar(
    index: &Index,
    ids: &[CatalystId],
    entity: Option<EntityId>,
    today: NaiveDate,
    out: &mut dyn Write,
) -> io::Result<()> {
    if ids.is_empty() {
        return writeln!(out, "no catalysts match");
    }
    let mut heading = None;
    let mut marked = false;
    for &c in ids {
        let date = index.catalyst(c).date;
        if !marked && date.start() > today {
            writeln!(out, "──── today {today} ────")?;
            marked = true;
            heading = None;
        }
        let this = date.heading();
        if heading.as_ref() != Some(&this) {
            writeln!(out, "{this}")?;
            heading = Some(this);
        }
        let link = match entity {
            Some(e) => format!(
                "{}  ",
                cell(&super::link_words(index, index.link(e, c)), 26)
            ),
            None => String::new(),
        };
        let tickers = super::export::entity_symbols(index, c);
        let tickers = if tickers.is_empty() {
            String::new()
        } else {
            format!("  [{}]", tickers.join(" "))
        };
        writeln!(out, "  {link}{}{tickers}", catalyst_line(index, c, today))?;
    }
    if !marked {
        writeln!(out, "──── today {today} ────")?;
    }
    Ok(())
}
