//! Output of the book commands: `exposure`, `upcoming`, `watchlist`.

use std::io::{self, Write};

use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

use super::{Format, write_json};
use crate::book::exposure::{BookExposure, MoneySum, Summary};
use crate::book::import::Import;
use crate::book::upcoming::Upcoming;
use crate::book::watchlist::{Resolved, Watchlist, Watchlists, resolve};
use crate::index::Index;
use crate::text::{cell, count, csv_cell, sanitize};

/// A quantity or weight as the import gave it, to two decimals at most, without a needless
/// `.0` (`7.25`, `12.5`, `120`); the TUI's Watchlist tab writes weights the same way.
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{:.2}", n)
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    }
}

fn money_text(sums: &[MoneySum]) -> String {
    if sums.is_empty() {
        return "—".into();
    }
    sums.iter()
        .map(MoneySum::short)
        .collect::<Vec<_>>()
        .join("; ")
}

/// `aipx exposure`.
pub fn exposure(book: &BookExposure, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json => write_json(out, book),
        Format::Csv => exposure_csv(book, out),
        _ => exposure_text(book, out),
    }
}

fn exposure_text(book: &BookExposure, out: &mut dyn Write) -> io::Result<()> {
    let t = &book.total;
    let unknown = t.tickers - t.resolved;
    writeln!(
        out,
        "Watchlist {:?} · {}: {} known ({} with programs){} · today {}",
        sanitize(&book.watchlist),
        count(t.tickers, "line"),
        t.resolved,
        t.exposed,
        if unknown > 0 {
            format!(", {unknown} not resolved")
        } else {
            String::new()
        },
        book.today.format("%a %-d %b %Y"),
    )?;
    writeln!(
        out,
        "Money is the programs' public funding by currency (not the companies', not targets), never\n\
         converted: each program's outermost public lines, each amount once (a line two programs\n\
         share counts once). It is split by the direction of the links to the programs: TAILWIND\n\
         MONEY helps the ticker, HEADWIND MONEY funds a program working against it (a rival's\n\
         subsidy), MIXED MONEY cuts both ways; a program is in each column its links reach, and\n\
         the columns are never added together. LINKS counts exposures: ▲ tailwind ▼ headwind\n\
         ◆ mixed, inf. = inferred by aipx, not stated by a source; DUE counts catalyst windows\n\
         opening or closing.\n"
    )?;
    // The money columns are as wide as their widest amount, so none is cut.
    let money_cells = |s: &Summary| {
        s.public_money
            .each()
            .map(|(_, bucket)| money_text(&bucket.money))
    };
    let headers = ["TAILWIND MONEY", "HEADWIND MONEY", "MIXED MONEY"];
    let mut widths = headers.map(UnicodeWidthStr::width);
    for s in book.tickers.iter().map(|x| &x.summary).chain([&t.summary]) {
        for (w, text) in widths.iter_mut().zip(money_cells(s)) {
            *w = (*w).max(text.width());
        }
    }
    writeln!(
        out,
        "{}  {}  {:>7}  {:>9}  {:>3}  {}  {:>5}  {:>5}  {}  {}  {}",
        cell("SYMBOL", 14),
        cell("NAME", 22),
        "WEIGHT",
        "QTY",
        "PRG",
        cell("LINKS", 18),
        "DUE30",
        "DUE90",
        cell(headers[0], widths[0]),
        cell(headers[1], widths[1]),
        headers[2],
    )?;
    let row = |out: &mut dyn Write,
               symbol: &str,
               name: &str,
               weight: Option<f64>,
               qty: Option<f64>,
               s: &Summary|
     -> io::Result<()> {
        let [tailwind, headwind, mixed] = money_cells(s);
        writeln!(
            out,
            "{}  {}  {:>7}  {:>9}  {:>3}  {}  {:>5}  {:>5}  {}  {}  {}",
            cell(&sanitize(symbol), 14),
            cell(&sanitize(name), 22),
            weight.map_or(String::new(), |w| format!("{}%", number(w))),
            qty.map_or(String::new(), number),
            s.programs.len(),
            cell(&s.directions.short(), 18),
            s.due_30.len(),
            s.due_90.len(),
            cell(&tailwind, widths[0]),
            cell(&headwind, widths[1]),
            mixed,
        )
    };
    for x in &book.tickers {
        let name = match (&x.name, x.resolved) {
            (Some(n), _) => n.clone(),
            (None, "ambiguous") => "(several entities; use EXCH:SYMBOL)".into(),
            (None, _) => "(not in the data)".into(),
        };
        row(out, &x.symbol, &name, x.weight, x.quantity, &x.summary)?;
    }
    row(
        out,
        "TOTAL",
        "each program once",
        t.weight,
        None,
        &t.summary,
    )?;
    if !t.summary.due_90.is_empty() {
        writeln!(out, "\nDue within 90 days")?;
        for d in &t.summary.due_90 {
            writeln!(
                out,
                "  {}  {}  {}",
                cell(&d.label, 12),
                cell(&d.when_text(), 18),
                sanitize(&d.title)
            )?;
        }
    }
    Ok(())
}

fn exposure_csv(book: &BookExposure, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "symbol",
        "entity",
        "name",
        "resolved",
        "quantity",
        "weight",
        "programs",
        "tailwind",
        "headwind",
        "mixed",
        "stated",
        "inferred",
        "due_30",
        "due_90",
        "tailwind_money",
        "headwind_money",
        "mixed_money",
    ])?;
    let money = |sums: &[MoneySum]| {
        sums.iter()
            .map(|m| match m.usd {
                Some(usd) => format!("{} {} (usd {usd})", m.currency, m.amount),
                None => format!("{} {}", m.currency, m.amount),
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let opt = |n: Option<f64>| n.map_or(String::new(), |n| n.to_string());
    let mut row = |symbol: &str,
                   entity: &str,
                   name: &str,
                   resolved: &str,
                   qty: Option<f64>,
                   weight: Option<f64>,
                   s: &Summary| {
        // Cells from the user's file or the data cannot start a spreadsheet formula.
        w.write_record([
            csv_cell(symbol).as_ref(),
            &csv_cell(entity),
            &csv_cell(name),
            resolved,
            &opt(qty),
            &opt(weight),
            &csv_cell(&s.programs.join(" ")),
            &s.directions.tailwind.to_string(),
            &s.directions.headwind.to_string(),
            &s.directions.mixed.to_string(),
            &s.directions.stated.to_string(),
            &s.directions.inferred.to_string(),
            &s.due_30.len().to_string(),
            &s.due_90.len().to_string(),
            &money(&s.public_money.tailwind.money),
            &money(&s.public_money.headwind.money),
            &money(&s.public_money.mixed.money),
        ])
    };
    for x in &book.tickers {
        row(
            &x.symbol,
            x.entity.as_deref().unwrap_or(""),
            x.name.as_deref().unwrap_or(""),
            x.resolved,
            x.quantity,
            x.weight,
            &x.summary,
        )?;
    }
    let t = &book.total;
    row("TOTAL", "", "", "", None, t.weight, &t.summary)?;
    w.flush()
}

/// `aipx upcoming`: each row the catalyst's date at its precision and which end of it falls
/// due (`2027  opens in 32 days`), never the window's first day as if it were the date.
pub fn upcoming(rows: &[Upcoming], format: Format, out: &mut dyn Write) -> io::Result<()> {
    if format == Format::Json {
        return write_json(out, &rows);
    }
    for r in rows {
        let tickers = if r.tickers.is_empty() {
            String::new()
        } else {
            format!("  [{}]", sanitize(&r.tickers.join(" ")))
        };
        writeln!(
            out,
            "{}  {}  {}{tickers}",
            cell(&r.date, 16),
            cell(&crate::book::due::when_text(r.edge, r.days), 20),
            sanitize(&r.title)
        )?;
    }
    Ok(())
}

/// `aipx watchlist list`.
pub fn watchlists(lists: &Watchlists, index: &Index, out: &mut dyn Write) -> io::Result<()> {
    if lists.lists.is_empty() {
        writeln!(
            out,
            "no watchlists yet: `aipx watchlist import FILE --name NAME` or `aipx watchlist add NAME TICKER`"
        )?;
    }
    // As wide as the longest name (at most 64 characters), so every name can be typed back.
    let names: Vec<_> = lists.lists.iter().map(|w| sanitize(&w.name)).collect();
    let width = names.iter().map(|n| n.width()).max().unwrap_or(0).max(8);
    for (w, name) in lists.lists.iter().zip(&names) {
        let known = w.entities(index).len();
        writeln!(
            out,
            "{}  {} ({known} known)",
            cell(name, width),
            count(w.entries.len(), "ticker")
        )?;
    }
    Ok(())
}

/// `aipx watchlist show NAME`.
pub fn watchlist(
    list: &Watchlist,
    index: &Index,
    today: NaiveDate,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "{}: {}",
        sanitize(&list.name),
        count(list.entries.len(), "ticker")
    )?;
    for entry in &list.entries {
        let (name, prg, next) = match resolve(index, &entry.symbol) {
            Resolved::Found(e) => (
                index.entity(e).name.clone(),
                index.program_count(e).to_string(),
                index.next_catalyst(e, today).map_or("—".into(), |c| {
                    index.catalyst(c).date.countdown(today).short()
                }),
            ),
            Resolved::Ambiguous(_) => ("(several entities)".into(), String::new(), String::new()),
            Resolved::Unknown => ("(not in the data)".into(), String::new(), String::new()),
        };
        let extra = [
            entry.quantity.map(|q| format!("qty {}", number(q))),
            entry.weight.map(|w| format!("{}%", number(w))),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        let line = format!(
            "  {}  {}  {:>3}  {}  {extra}",
            cell(&sanitize(&entry.symbol), 14),
            cell(&sanitize(&name), 28),
            prg,
            cell(&next, 14)
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// What `aipx watchlist import` found, for the terminal.
pub fn import(name: &str, import: &Import, replaced: bool, out: &mut dyn Write) -> io::Result<()> {
    let columns = [
        Some(format!(
            "symbols from {:?}",
            sanitize(&import.symbol_column)
        )),
        import
            .quantity_column
            .as_ref()
            .map(|c| format!("quantity from {:?}", sanitize(c))),
        import
            .weight_column
            .as_ref()
            .map(|c| format!("weight from {:?}", sanitize(c))),
    ];
    let mut columns: Vec<String> = columns.into_iter().flatten().collect();
    if let Some(encoding) = import.encoding {
        columns.push(format!("read as {encoding}"));
    }
    writeln!(
        out,
        "{} watchlist {:?}: {} ({})",
        if replaced { "Replaced" } else { "Created" },
        sanitize(name),
        count(import.entries.len(), "ticker"),
        columns.join(", ")
    )?;
    let at_line = |(line, s): &(u64, String)| format!("{} (line {line})", sanitize(s));
    let unresolved: Vec<String> = import.unresolved.iter().map(at_line).collect();
    listed(out, &unresolved, |n| {
        format!("Not resolved ({n}), kept as written")
    })?;
    let ambiguous: Vec<String> = import
        .ambiguous
        .iter()
        .map(|(line, s, n)| format!("{} (line {line}, {n} entities)", sanitize(s)))
        .collect();
    listed(out, &ambiguous, |_| {
        "Ambiguous, write EXCHANGE:SYMBOL to pick one".to_string()
    })?;
    let not_listed: Vec<String> = import.not_listed.iter().map(at_line).collect();
    listed(out, &not_listed, |n| {
        format!("Not listed companies, left out ({n})")
    })?;
    if !import.no_exposure.is_empty() {
        writeln!(
            out,
            "No known program exposure ({}): {}",
            import.no_exposure.len(),
            sanitize(&import.no_exposure.join(", "))
        )?;
    }
    let skipped: Vec<String> = import
        .skipped
        .iter()
        .map(|(line, s)| format!("{s} (line {line})"))
        .collect();
    listed(out, &skipped, |_| {
        "Skipped rows that are not positions".to_string()
    })?;
    for w in &import.warnings {
        writeln!(out, "Warning: {w}")?;
    }
    Ok(())
}

/// `HEADING: A, B, C` (the heading made from how many there are), or nothing when `list`
/// is empty.
fn listed(
    out: &mut dyn Write,
    list: &[String],
    heading: impl FnOnce(usize) -> String,
) -> io::Result<()> {
    if list.is_empty() {
        return Ok(());
    }
    writeln!(out, "{}: {}", heading(list.len()), list.join(", "))
}
