//! The exposure of a book: for each ticker and for the whole list, the programs touched, the
//! direction of those links, the public money behind the programs by currency, and the
//! catalysts due soon.
//!
//! The money is the programs' public funding, not the company's: a program touching three
//! tickers counts once in the total. It is split by the direction of the links that reach the
//! program: money behind a program that works against a ticker (a rival's subsidy) is never
//! added to the money behind the ticker. Currencies are never converted; a sum carries a
//! dollar figure only when every line in it states one.

use chrono::NaiveDate;
use serde::Serialize;

use crate::index::Index;
use crate::model::{Basis, CatalystId, Currency, Direction, EntityId, ProgramId};

use super::due::{self, Due};
use super::watchlist::{Resolved, Watchlist, resolve};

/// The two horizons a book is read at, in days.
pub const HORIZONS: [u32; 2] = [30, 90];

/// How many links point each way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DirectionMix {
    /// Links that help.
    pub tailwind: usize,
    /// Links that hurt.
    pub headwind: usize,
    /// Links that cut both ways.
    pub mixed: usize,
    /// Links a source states.
    pub stated: usize,
    /// Links aipx infers from what the sources state.
    pub inferred: usize,
}

impl DirectionMix {
    fn add(&mut self, d: Direction, basis: Basis) {
        match basis {
            Basis::Stated => self.stated += 1,
            Basis::Inferred => self.inferred += 1,
        }
        match d {
            Direction::Tailwind => self.tailwind += 1,
            Direction::Headwind => self.headwind += 1,
            Direction::Mixed => self.mixed += 1,
        }
    }

    /// Compact text: `▲2 ▼1 ◆1`, the zero counts left out, and how many are inferred
    /// (`▲3 (1 inf.)`); `—` for none.
    pub fn short(&self) -> String {
        let parts: Vec<String> = [
            ("▲", self.tailwind),
            ("▼", self.headwind),
            ("◆", self.mixed),
        ]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(mark, n)| format!("{mark}{n}"))
        .collect();
        if parts.is_empty() {
            "—".into()
        } else if self.inferred > 0 {
            format!("{} ({} inf.)", parts.join(" "), self.inferred)
        } else {
            parts.join(" ")
        }
    }
}

/// Public program money in one currency.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoneySum {
    /// ISO 4217 code.
    pub currency: &'static str,
    /// Sum in major units.
    pub amount: f64,
    /// Sum of the stated dollar figures, only when every line states one.
    pub usd: Option<f64>,
    /// Funding lines summed.
    pub lines: usize,
}

impl MoneySum {
    /// Compact text: `¥1.23T ($7.9B)`.
    pub fn short(&self) -> String {
        let currency = Currency::from_code(self.currency).expect("codes come from Currency");
        crate::model::Money::new(currency, self.amount, self.usd).map_or_else(
            || format!("{} {}", self.currency, self.amount),
            |m| m.to_string(),
        )
    }
}

/// One catalyst end falling due.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueJson {
    /// Catalyst id.
    pub catalyst: String,
    /// Its title.
    pub title: String,
    /// The catalyst's own date as the source gives it (`2027`, `Q1 2027`, `1 Apr 2026`).
    pub label: String,
    /// How precise that date is (`day`, `month`, `quarter`, `half`, `year`, `fiscal_year`).
    pub precision: &'static str,
    /// The end of the window falling due (the window's first or last day, not a forecast).
    pub day: NaiveDate,
    /// `on`, `opens` or `closes`.
    pub edge: &'static str,
    /// Days from today to `day`.
    pub days: i64,
    /// Days from today to the window's first possible day (negative once started).
    pub days_until: i64,
    /// Days from today to the window's last possible day (negative once over).
    pub days_until_end: i64,
}

impl DueJson {
    /// The end falling due and when, never more precise than the date: `in 5 days` for a
    /// one-day date, `opens in 32 days` or `closes in 12 days` for a wider window (whose
    /// `label` names it).
    pub fn when_text(&self) -> String {
        super::due::when_text(self.edge, self.days)
    }
}

/// The programs reached by links of one direction and their public money.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DirectionMoney {
    /// Program ids.
    pub programs: Vec<String>,
    /// Their public money by currency, each amount once.
    pub money: Vec<MoneySum>,
}

/// Public program money by the direction of the links behind it. A program reached by links
/// of two directions is in both; the three are never added together, since money behind a
/// rival's program is not money behind the ticker.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MoneyByDirection {
    /// Programs that help.
    pub tailwind: DirectionMoney,
    /// Programs that hurt (a competitor's subsidy).
    pub headwind: DirectionMoney,
    /// Programs that cut both ways.
    pub mixed: DirectionMoney,
}

impl MoneyByDirection {
    /// Each direction with its money, tailwind first.
    pub fn each(&self) -> [(Direction, &DirectionMoney); 3] {
        [
            (Direction::Tailwind, &self.tailwind),
            (Direction::Headwind, &self.headwind),
            (Direction::Mixed, &self.mixed),
        ]
    }
}

/// What a set of programs and catalysts adds up to.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Program ids touched.
    pub programs: Vec<String>,
    /// Directions of the links.
    pub directions: DirectionMix,
    /// Public program money by currency, by the direction of the links to the programs.
    pub public_money: MoneyByDirection,
    /// Catalyst ends due within 30 days.
    pub due_30: Vec<DueJson>,
    /// Catalyst ends due within 90 days.
    pub due_90: Vec<DueJson>,
}

/// One line of the book.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TickerExposure {
    /// The ticker as the watchlist stores it.
    pub symbol: String,
    /// The entity's id, when it resolves.
    pub entity: Option<String>,
    /// The entity's name, when it resolves.
    pub name: Option<String>,
    /// `found`, `ambiguous` or `unknown`.
    pub resolved: &'static str,
    /// Quantity from the import.
    pub quantity: Option<f64>,
    /// Weight from the import, in percent.
    pub weight: Option<f64>,
    /// What its programs add up to.
    #[serde(flatten)]
    pub summary: Summary,
    #[serde(skip)]
    entity_id: Option<EntityId>,
}

/// The whole book.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BookExposure {
    /// The watchlist's name.
    pub watchlist: String,
    /// The day counted from.
    pub today: NaiveDate,
    /// Each ticker.
    pub tickers: Vec<TickerExposure>,
    /// The whole list: programs once each, however many tickers they touch.
    pub total: Total,
}

/// The book's totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Total {
    /// Lines in the list.
    pub tickers: usize,
    /// Lines that resolve to an entity.
    pub resolved: usize,
    /// Resolved lines with at least one program.
    pub exposed: usize,
    /// Sum of the weights given, when any were.
    pub weight: Option<f64>,
    /// What the programs of the book add up to.
    #[serde(flatten)]
    pub summary: Summary,
}

impl TickerExposure {
    /// The resolved entity, if any.
    pub fn entity_id(&self) -> Option<EntityId> {
        self.entity_id
    }
}

/// Computes the exposure of `list` as of `today`.
pub fn book(index: &Index, list: &Watchlist, today: NaiveDate) -> BookExposure {
    let mut tickers = Vec::new();
    let mut all_entities = Vec::new();
    for entry in &list.entries {
        let (resolved, id) = match resolve(index, &entry.symbol) {
            Resolved::Found(e) => ("found", Some(e)),
            Resolved::Ambiguous(_) => ("ambiguous", None),
            Resolved::Unknown => ("unknown", None),
        };
        let summary = id.map_or_else(Summary::default, |e| summarize(index, &[e], today));
        if let Some(e) = id
            && !all_entities.contains(&e)
        {
            all_entities.push(e);
        }
        tickers.push(TickerExposure {
            symbol: entry.symbol.clone(),
            entity: id.map(|e| index.entity(e).id.clone()),
            name: id.map(|e| index.entity(e).name.clone()),
            resolved,
            quantity: entry.quantity,
            weight: entry.weight,
            summary,
            entity_id: id,
        });
    }
    let weights: Vec<f64> = tickers.iter().filter_map(|t| t.weight).collect();
    let total = Total {
        tickers: tickers.len(),
        resolved: tickers.iter().filter(|t| t.entity_id.is_some()).count(),
        exposed: tickers
            .iter()
            .filter(|t| !t.summary.programs.is_empty())
            .count(),
        weight: (!weights.is_empty()).then(|| weights.iter().sum()),
        summary: summarize(index, &all_entities, today),
    };
    BookExposure {
        watchlist: list.name.clone(),
        today,
        tickers,
        total,
    }
}

/// What the programs and catalysts of `entities` add up to, each program and catalyst once.
pub fn summarize(index: &Index, entities: &[EntityId], today: NaiveDate) -> Summary {
    let mut programs: Vec<ProgramId> = Vec::new();
    // Tailwind, headwind, mixed: a program is in the list of each direction that reaches it.
    let mut by_direction: [Vec<ProgramId>; 3] = Default::default();
    let mut directions = DirectionMix::default();
    let mut catalysts: Vec<CatalystId> = Vec::new();
    for &e in entities {
        for x in index.exposures_of(e) {
            directions.add(x.direction, x.basis);
            if !programs.contains(&x.program) {
                programs.push(x.program);
            }
            let bucket = &mut by_direction[match x.direction {
                Direction::Tailwind => 0,
                Direction::Headwind => 1,
                Direction::Mixed => 2,
            }];
            if !bucket.contains(&x.program) {
                bucket.push(x.program);
            }
        }
        for &c in index.catalysts_of(e) {
            if !catalysts.contains(&c) {
                catalysts.push(c);
            }
        }
    }
    let due_within = |days: u32| -> Vec<DueJson> {
        let mut rows: Vec<(Due, CatalystId)> = catalysts
            .iter()
            .flat_map(|&c| {
                due::edges(&index.catalyst(c).date, today, days)
                    .into_iter()
                    .map(move |d| (d, c))
            })
            .collect();
        rows.sort();
        rows.into_iter()
            .map(|(d, c)| {
                let cat = index.catalyst(c);
                let countdown = cat.date.countdown(today);
                DueJson {
                    catalyst: cat.id.clone(),
                    title: cat.title.clone(),
                    label: cat.date.label(),
                    precision: cat.date.precision().as_str(),
                    day: d.day,
                    edge: d.edge.as_str(),
                    days: d.days(today),
                    days_until: countdown.days_until,
                    days_until_end: countdown.days_until_end,
                }
            })
            .collect()
    };
    let money = |programs: &[ProgramId]| DirectionMoney {
        programs: programs
            .iter()
            .map(|&p| index.program(p).id.clone())
            .collect(),
        money: public_money(index, programs),
    };
    let [tailwind, headwind, mixed] = &by_direction;
    Summary {
        public_money: MoneyByDirection {
            tailwind: money(tailwind),
            headwind: money(headwind),
            mixed: money(mixed),
        },
        programs: programs
            .iter()
            .map(|&p| index.program(p).id.clone())
            .collect(),
        directions,
        due_30: due_within(HORIZONS[0]),
        due_90: due_within(HORIZONS[1]),
    }
}

/// The public funding of `programs` by currency, each amount once: only each program's
/// outermost public lines are added (a line inside another is part of it), and a line the
/// data marks `same_as` a line of another program in `programs` is taken out of the line
/// holding it (Rapidus's FY2026 allocation is already in METI's budget). `programs` are of
/// one direction: callers never mix a rival's program with a ticker's own.
pub fn public_money(index: &Index, programs: &[ProgramId]) -> Vec<MoneySum> {
    let mut sums: Vec<MoneySum> = Vec::new();
    for &p in programs {
        let program = index.program(p);
        let outermost_public = |at: usize| {
            let mut top = None;
            let mut line = Some(at);
            while let Some(i) = line {
                if program.funding[i].is_program_money() {
                    top = Some(i);
                }
                line = program.funding[i].parent;
            }
            top
        };
        let counted_elsewhere = |i: usize| {
            program.funding[i]
                .same_as
                .is_some_and(|(q, _)| q != p && programs.contains(&q))
        };
        for (i, line) in program.funding.iter().enumerate() {
            if !line.is_program_money() || outermost_public(i) != Some(i) {
                continue;
            }
            let mut amount = line.money.amount;
            let mut stated = line.money.usd_value();
            // Take out the shared lines inside it, outermost first so none goes twice.
            for (j, inner) in program.funding.iter().enumerate() {
                let inside = j != i && outermost_public(j) == Some(i);
                let shared_above = {
                    let mut up = inner.parent;
                    let mut any = false;
                    while let Some(k) = up.filter(|&k| k != i) {
                        any |= counted_elsewhere(k);
                        up = program.funding[k].parent;
                    }
                    any
                };
                if (inside || j == i) && counted_elsewhere(j) && !shared_above {
                    amount -= inner.money.amount;
                    stated = stated.zip(inner.money.usd_value()).map(|(a, b)| a - b);
                }
            }
            if amount <= 0.0 {
                continue;
            }
            let code = line.money.currency.code();
            match sums.iter_mut().find(|s| s.currency == code) {
                Some(sum) => {
                    sum.amount += amount;
                    sum.usd = sum.usd.zip(stated).map(|(a, b)| a + b);
                    sum.lines += 1;
                }
                None => sums.push(MoneySum {
                    currency: code,
                    amount,
                    usd: stated,
                    lines: 1,
                }),
            }
        }
    }
    // USD sums state their own dollar figure; saying it twice adds nothing.
    for s in &mut sums {
        if s.currency == "USD" {
            s.usd = None;
        }
    }
    sums
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::watchlist::Entry;

    fn entry(symbol: &str, weight: Option<f64>) -> Entry {
        Entry {
            symbol: symbol.into(),
            quantity: None,
            weight,
        }
    }

    #[test]
    fn money_shared_by_two_programs_and_nested_lines_count_once() {
        let index = Index::new(crate::data::load(None).unwrap());
        let id = |s: &str| {
            let p = (0..index.data().programs.len())
                .find(|&i| index.program(ProgramId(i as u32)).id == s)
                .unwrap();
            ProgramId(p as u32)
        };
        let yen = |programs: &[ProgramId]| {
            public_money(&index, programs)
                .into_iter()
                .find(|m| m.currency == "JPY")
                .map(|m| m.amount)
                .unwrap()
        };
        let (meti, rapidus) = (id("meti-fy2026"), id("rapidus-2nm"));
        // METI: the all-items budget holds the chips line, which holds Rapidus's ¥150B.
        assert_eq!(yen(&[meti]), 3.07e12);
        // Rapidus alone: the cumulative ¥250B already holds its FY2026 ¥150B.
        assert_eq!(yen(&[rapidus]), 250e9);
        // Together: that ¥150B is METI's Rapidus line, so only ¥100B is added.
        assert_eq!(yen(&[meti, rapidus]), 3.07e12 + 100e9);
        assert_eq!(yen(&[rapidus, meti]), 3.07e12 + 100e9);
    }

    #[test]
    fn a_program_touching_two_tickers_counts_once_in_the_total() {
        let index = Index::new(crate::data::load(None).unwrap());
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let list = Watchlist {
            name: "b".into(),
            entries: vec![
                entry("9984", Some(10.0)),
                entry("NVDA", Some(5.5)),
                entry("ZZZZ", None),
            ],
        };
        let book = book(&index, &list, today);
        assert_eq!(book.total.tickers, 3);
        assert_eq!(book.total.resolved, 2);
        assert_eq!(book.total.weight, Some(15.5));
        assert_eq!(book.tickers[2].resolved, "unknown");
        let per_ticker: usize = book.tickers.iter().map(|t| t.summary.programs.len()).sum();
        let mut union: Vec<&String> = book
            .tickers
            .iter()
            .flat_map(|t| &t.summary.programs)
            .collect();
        union.sort();
        union.dedup();
        assert_eq!(book.total.summary.programs.len(), union.len());
        assert!(
            union.len() < per_ticker,
            "SoftBank and NVIDIA share a program"
        );
        // Money is summed per currency, never across currencies.
        for (_, bucket) in book.total.summary.public_money.each() {
            let codes: Vec<&str> = bucket.money.iter().map(|m| m.currency).collect();
            let mut unique = codes.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(codes.len(), unique.len());
        }
        // Everything due in 30 days is also due in 90.
        for d in &book.total.summary.due_30 {
            assert!(book.total.summary.due_90.contains(d));
        }
    }

    fn yen(bucket: &DirectionMoney) -> Option<f64> {
        bucket
            .money
            .iter()
            .find(|m| m.currency == "JPY")
            .map(|m| m.amount)
    }

    #[test]
    fn a_rivals_program_money_is_headwind_money_never_the_tickers_own() {
        let index = Index::new(crate::data::load(None).unwrap());
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let list = |symbols: &[&str]| Watchlist {
            name: "b".into(),
            entries: symbols.iter().map(|s| entry(s, None)).collect(),
        };
        // TSMC: a tailwind from its own Kumamoto fab (no public line in the data), an inferred
        // headwind from Rapidus, whose ¥250B of state support works against it.
        let tsm = book(&index, &list(&["TSM"]), today);
        let money = &tsm.tickers[0].summary.public_money;
        assert_eq!(money.tailwind.programs, ["tsmc-kumamoto"]);
        assert!(money.tailwind.money.is_empty(), "{money:?}");
        assert_eq!(money.headwind.programs, ["rapidus-2nm"]);
        assert_eq!(yen(&money.headwind), Some(250e9));
        assert!(money.mixed.programs.is_empty() && money.mixed.money.is_empty());
        assert_eq!(tsm.total.summary.public_money, *money);

        // With IBM, which Rapidus and METI help: the book's tailwind money is IBM's programs,
        // METI's Rapidus line counted once; the headwind column keeps Rapidus's whole ¥250B
        // (its FY2026 part is in METI's budget, but METI is no headwind to anyone here).
        let both = book(&index, &list(&["TSM", "IBM"]), today);
        let total = &both.total.summary.public_money;
        assert_eq!(yen(&total.tailwind), Some(3.07e12 + 100e9));
        assert_eq!(yen(&total.headwind), Some(250e9));
        let ibm = &both.tickers[1].summary.public_money;
        assert_eq!(yen(&ibm.tailwind), Some(3.07e12 + 100e9));
        assert!(ibm.headwind.money.is_empty());
    }

    #[test]
    fn mixed_links_keep_their_own_money() {
        let index = Index::new(crate::data::load(None).unwrap());
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        // Microsoft meets Japan's sovereign-AI program as a competitor that may also partner.
        let msft = book(
            &index,
            &Watchlist {
                name: "b".into(),
                entries: vec![entry("MSFT", None)],
            },
            today,
        );
        let money = &msft.tickers[0].summary.public_money;
        assert!(
            money
                .mixed
                .programs
                .contains(&"jp-sovereign-ai".to_string())
        );
        assert_eq!(yen(&money.mixed), Some(1e12));
        assert!(
            !money
                .tailwind
                .programs
                .contains(&"jp-sovereign-ai".to_string())
        );
    }
}
