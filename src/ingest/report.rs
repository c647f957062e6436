//! Output of `aipx ingest`: one block of text, or one JSON object, per article.

use std::io::{self, Write};

use serde::Serialize;

use super::{Article, Extractor, MoneyHit};
use crate::model::compact_amount;
use crate::report::json::{DateJson, MoneyJson};
use crate::text::sanitize;

/// Pads `text` to `width` terminal columns.
fn pad(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// An entity in `ingest --json`.
#[derive(Serialize)]
pub struct EntityOut<'a> {
    symbol: &'a str,
    exchange: Option<&'static str>,
    name: &'a str,
    listed: bool,
    /// `dataset`, `universe` or `new` (an exchange-tagged listing aipx does not know).
    known: &'static str,
    text: &'a str,
    line: usize,
}

/// An amount in `ingest --json`: `currency`, `amount`, `usd`, then its range and qualifier.
#[derive(Serialize)]
pub struct MoneyOut<'a> {
    #[serde(flatten)]
    money: MoneyJson,
    upper: Option<f64>,
    qualifier: Option<&'static str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    per_share: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency_rule: Option<&'static str>,
    text: &'a str,
    line: usize,
}

/// A catalyst in `ingest --json`.
#[derive(Serialize)]
pub struct CatalystOut<'a> {
    date: DateJson,
    text: &'a str,
    line: usize,
    entities: &'a [String],
    program: Option<&'a str>,
    sentence: &'a str,
}

/// A recognised dataset program in `ingest --json`.
#[derive(Serialize)]
pub struct ProgramOut<'a> {
    id: &'a str,
    name: &'a str,
    text: &'a str,
    line: usize,
}

/// One article in `ingest --json`.
#[derive(Serialize)]
pub struct ArticleOut<'a> {
    file: &'a str,
    as_of: chrono::NaiveDate,
    as_of_source: &'static str,
    title: Option<&'a str>,
    entities: Vec<EntityOut<'a>>,
    money: Vec<MoneyOut<'a>>,
    catalysts: Vec<CatalystOut<'a>>,
    programs: Vec<ProgramOut<'a>>,
    history: usize,
    warnings: &'a [String],
}

impl<'a> ArticleOut<'a> {
    /// The JSON view of one article.
    pub fn new(ex: &'a Extractor, a: &'a Article) -> Self {
        let lex = ex.lexicon();
        let f = &a.findings;
        ArticleOut {
            file: &a.file,
            as_of: a.as_of,
            as_of_source: a.as_of_source.as_str(),
            title: f.title.as_deref(),
            entities: f
                .entities
                .iter()
                .map(|e| EntityOut {
                    symbol: &e.symbol,
                    exchange: e.exchange.map(|x| x.code()),
                    name: &e.name,
                    listed: e.listed,
                    known: match e.known {
                        Some(k) if lex.known[k].entity.is_some() => "dataset",
                        Some(k) if lex.is_master(k) => "master",
                        Some(_) => "universe",
                        None => "new",
                    },
                    text: &e.text,
                    line: e.line,
                })
                .collect(),
            money: f
                .money
                .iter()
                .map(|m| MoneyOut {
                    money: (&m.money).into(),
                    upper: m.upper,
                    qualifier: m.qualifier,
                    per_share: m.per_share,
                    currency_rule: m.rule,
                    text: &m.text,
                    line: m.line,
                })
                .collect(),
            catalysts: f
                .catalysts
                .iter()
                .map(|c| CatalystOut {
                    date: (&c.date).into(),
                    text: &c.text,
                    line: c.line,
                    entities: &c.entities,
                    program: c.program.map(|p| lex.programs[p].id.as_str()),
                    sentence: &c.sentence,
                })
                .collect(),
            programs: f
                .programs
                .iter()
                .map(|p| ProgramOut {
                    id: &lex.programs[p.program].id,
                    name: &lex.programs[p.program].name,
                    text: &p.text,
                    line: p.line,
                })
                .collect(),
            history: f.history,
            warnings: &a.warnings,
        }
    }
}

/// `ingest --json`: an array with one object per article.
pub fn json(ex: &Extractor, articles: &[Article], out: &mut dyn Write) -> io::Result<()> {
    let all: Vec<ArticleOut> = articles.iter().map(|a| ArticleOut::new(ex, a)).collect();
    crate::report::json::write(out, &all)
}

/// Compact money with its range and qualifier: `up to ¥1T ($6.34B)`, `$1B-2B`.
pub fn money_label(m: &MoneyHit) -> String {
    let mut text = m.money.to_string();
    if let Some(upper) = m.upper {
        let base = format!(
            "{}{}",
            m.money.currency.symbol(),
            compact_amount(m.money.amount)
        );
        text = text.replacen(&base, &format!("{base}-{}", compact_amount(upper)), 1);
    }
    match m.qualifier {
        Some(q) => format!("{q} {text}"),
        None => text,
    }
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", sanitize(text))
}

/// `ingest` as text: per article, what it found, each with its line and matched text.
pub fn text(ex: &Extractor, articles: &[Article], out: &mut dyn Write) -> io::Result<()> {
    let lex = ex.lexicon();
    for (n, a) in articles.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        let f = &a.findings;
        writeln!(
            out,
            "{}  (as of {}, from {})",
            sanitize(&a.file),
            a.as_of,
            a.as_of_source.as_str()
        )?;
        if let Some(title) = &f.title {
            writeln!(out, "  {}", sanitize(title))?;
        }
        writeln!(out, "Entities ({})", f.entities.len())?;
        for e in &f.entities {
            let exchange = e.exchange.map_or("unlisted", |x| x.code());
            writeln!(
                out,
                "  {}  {}  {}  line {:<4}  {}",
                pad(&sanitize(&e.symbol), 10),
                pad(exchange, 8),
                pad(&sanitize(&e.name), 36),
                e.line,
                quoted(&e.text)
            )?;
        }
        writeln!(out, "Money ({})", f.money.len())?;
        for m in &f.money {
            let mut notes = String::new();
            if m.per_share {
                notes += "  [per share]";
            }
            if let Some(rule) = m.rule {
                notes += &format!("  [{rule}]");
            }
            writeln!(
                out,
                "  {}  line {:<4}  {}{notes}",
                pad(&money_label(m), 28),
                m.line,
                quoted(&m.text)
            )?;
        }
        writeln!(out, "Catalysts ({})", f.catalysts.len())?;
        for c in &f.catalysts {
            let program = c
                .program
                .map(|p| format!("  [{}]", lex.programs[p].id))
                .unwrap_or_default();
            writeln!(
                out,
                "  {}  line {:<4}  {}  {}{}",
                pad(&c.date.label(), 16),
                c.line,
                pad(&quoted(&c.text), 24),
                sanitize(&c.entities.join(", ")),
                program
            )?;
        }
        writeln!(out, "Programs ({})", f.programs.len())?;
        for p in &f.programs {
            writeln!(
                out,
                "  {}  line {:<4}  {}",
                pad(&lex.programs[p.program].id, 24),
                p.line,
                quoted(&p.text)
            )?;
        }
        if f.history > 0 {
            writeln!(
                out,
                "({} earlier date(s) treated as history, not catalysts)",
                f.history
            )?;
        }
        for w in &a.warnings {
            writeln!(out, "warning: {}", sanitize(w))?;
        }
    }
    if articles.is_empty() {
        writeln!(out, "no articles read")?;
    }
    Ok(())
}
