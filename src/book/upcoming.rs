//! What is due: one row per catalyst window opening or closing (or a one-day catalyst
//! falling) between today and a horizon, for a book or for the whole dataset.

use chrono::NaiveDate;
use serde::Serialize;

use crate::index::Index;
use crate::model::{CatalystId, EntityId};

use super::due::{self, Due};

/// One catalyst end falling due.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Upcoming {
    /// The day.
    pub day: NaiveDate,
    /// `on` (a one-day date), `opens` or `closes` (the ends of a wider window).
    pub edge: &'static str,
    /// Days from today to the day.
    pub days: i64,
    /// Days from today to the window's first possible day (negative once started).
    pub days_until: i64,
    /// Days from today to the window's last possible day (negative once over).
    pub days_until_end: i64,
    /// Catalyst id.
    pub catalyst: String,
    /// Its title.
    pub title: String,
    /// Its date at the precision the source gives (`early Jun 2026`, `JP FY2026`).
    pub date: String,
    /// How precise that date is (`day`, `month`, `quarter`, `half`, `year`, `fiscal_year`).
    pub precision: &'static str,
    /// Its program's id.
    pub program: Option<String>,
    /// The tickers it concerns: the book's when a book is given, else those it names.
    pub tickers: Vec<String>,
    #[serde(skip)]
    id: CatalystId,
}

impl Upcoming {
    /// The catalyst.
    pub fn catalyst_id(&self) -> CatalystId {
        self.id
    }
}

/// Catalyst ends due within `within` days of `today`, by day; of the catalysts of `book`
/// (direct and through their programs), or of every catalyst when `book` is `None`.
pub fn upcoming(
    index: &Index,
    book: Option<&[EntityId]>,
    today: NaiveDate,
    within: u32,
) -> Vec<Upcoming> {
    let catalysts: Vec<CatalystId> = match book {
        Some(entities) => {
            let mut ids: Vec<CatalystId> = entities
                .iter()
                .flat_map(|&e| index.catalysts_of(e).iter().copied())
                .collect();
            ids.sort();
            ids.dedup();
            ids
        }
        None => index.catalysts_by_date().to_vec(),
    };
    let mut rows: Vec<(Due, CatalystId)> = catalysts
        .iter()
        .flat_map(|&c| {
            due::edges(&index.catalyst(c).date, today, within)
                .into_iter()
                .map(move |d| (d, c))
        })
        .collect();
    rows.sort_by_key(|(d, c)| (*d, index.catalyst(*c).date.start(), *c));
    rows.into_iter()
        .map(|(d, c)| {
            let cat = index.catalyst(c);
            let tickers: Vec<String> = match book {
                Some(entities) => entities
                    .iter()
                    .filter(|&&e| index.catalysts_of(e).contains(&c))
                    .map(|&e| index.entity(e).display_symbol().to_string())
                    .collect(),
                None => cat
                    .entities
                    .iter()
                    .map(|&e| index.entity(e).display_symbol().to_string())
                    .collect(),
            };
            let countdown = cat.date.countdown(today);
            Upcoming {
                day: d.day,
                edge: d.edge.as_str(),
                days: d.days(today),
                days_until: countdown.days_until,
                days_until_end: countdown.days_until_end,
                catalyst: cat.id.clone(),
                title: cat.title.clone(),
                date: cat.date.label(),
                precision: cat.date.precision().as_str(),
                program: cat.program.map(|p| index.program(p).id.clone()),
                tickers,
                id: c,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_falls_within_the_horizon_in_day_order() {
        let index = Index::new(crate::data::load(None).unwrap());
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let rows = upcoming(&index, None, today, 3650);
        assert!(!rows.is_empty());
        assert!(rows.iter().all(|r| (0..=3650).contains(&r.days)));
        assert!(rows.windows(2).all(|w| w[0].day <= w[1].day));
        assert!(upcoming(&index, None, today, 0).len() < rows.len());
        assert!(upcoming(&index, Some(&[]), today, 3650).is_empty());
    }
}
