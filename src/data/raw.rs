//! The data files as written: strings and numbers with their positions, before validation.

use serde::Deserialize;
use toml::Spanned;

/// A string with the byte span it came from.
pub type S = Spanned<String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesFile {
    #[serde(default)]
    pub source: Vec<Spanned<RawSource>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: S,
    pub file: S,
    pub title: S,
    pub publisher: S,
    pub date: S,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntitiesFile {
    #[serde(default)]
    pub entity: Vec<Spanned<RawEntity>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntity {
    pub id: S,
    pub name: S,
    #[serde(default)]
    pub listings: Vec<S>,
    #[serde(default)]
    pub aliases: Vec<S>,
    pub country: S,
    pub sector: S,
    pub parent: Option<S>,
    pub summary: S,
    pub sources: Vec<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramsFile {
    #[serde(default)]
    pub program: Vec<Spanned<RawProgram>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProgram {
    pub id: S,
    pub name: S,
    pub sponsor: S,
    pub country: S,
    pub status: S,
    pub summary: S,
    pub sources: Vec<S>,
    #[serde(default)]
    pub funding: Vec<Spanned<RawFunding>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFunding {
    pub id: S,
    pub label: S,
    pub money: Spanned<RawMoney>,
    pub kind: S,
    pub period: Option<S>,
    pub term: Option<S>,
    pub purpose: S,
    pub parent: Option<S>,
    pub sources: Vec<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMoney {
    pub currency: S,
    pub amount: Spanned<f64>,
    pub usd: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExposuresFile {
    #[serde(default)]
    pub exposure: Vec<Spanned<RawExposure>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExposure {
    pub entity: S,
    pub program: S,
    pub role: S,
    pub direction: S,
    #[serde(default)]
    pub funding: Vec<S>,
    pub note: S,
    pub sources: Vec<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalystsFile {
    #[serde(default)]
    pub catalyst: Vec<Spanned<RawCatalyst>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCatalyst {
    pub id: S,
    pub title: S,
    pub date: S,
    pub kind: S,
    pub program: Option<S>,
    #[serde(default)]
    pub entities: Vec<S>,
    pub note: S,
    pub sources: Vec<S>,
}

/// Building the raw files from [`fast`](super::fast) records; `None` sends the file to the
/// full TOML parser (unknown or missing keys, wrong types, unexpected headers).
pub mod from_records {
    use super::*;
    use crate::data::fast::{Record, Sp, Value};

    struct Take(Vec<(String, Sp<Value>)>);

    impl Take {
        fn raw(&mut self, key: &str) -> Option<Sp<Value>> {
            let at = self.0.iter().position(|(k, _)| k == key)?;
            Some(self.0.swap_remove(at).1)
        }

        fn opt(&mut self, key: &str) -> Option<Option<S>> {
            match self.raw(key) {
                None => Some(None),
                Some(v) => {
                    let span = v.span();
                    match v.into_inner() {
                        Value::Str(s) => Some(Some(Spanned::new(span, s))),
                        _ => None,
                    }
                }
            }
        }

        fn s(&mut self, key: &str) -> Option<S> {
            self.opt(key)?
        }

        fn list(&mut self, key: &str) -> Option<Vec<S>> {
            let Some(v) = self.raw(key) else {
                return Some(Vec::new());
            };
            let Value::Arr(items) = v.into_inner() else {
                return None;
            };
            items
                .into_iter()
                .map(|item| {
                    let span = item.span();
                    match item.into_inner() {
                        Value::Str(s) => Some(Spanned::new(span, s)),
                        _ => None,
                    }
                })
                .collect()
        }

        fn num(v: Sp<Value>) -> Option<Spanned<f64>> {
            let span = v.span();
            match v.into_inner() {
                Value::Num(n) => Some(Spanned::new(span, n)),
                _ => None,
            }
        }

        fn money(&mut self, key: &str) -> Option<Spanned<RawMoney>> {
            let v = self.raw(key)?;
            let span = v.span();
            let Value::Table(fields) = v.into_inner() else {
                return None;
            };
            let mut t = Take(fields);
            let money = RawMoney {
                currency: t.s("currency")?,
                amount: Take::num(t.raw("amount")?)?,
                usd: match t.raw("usd") {
                    Some(v) => Some(Take::num(v)?),
                    None => None,
                },
            };
            t.done()?;
            Some(Spanned::new(span, money))
        }

        /// Unknown keys are left for the full parser to report.
        fn done(self) -> Option<()> {
            self.0.is_empty().then_some(())
        }
    }

    fn each<T>(
        records: Vec<Record>,
        header: &str,
        build: impl Fn(&mut Take) -> Option<T>,
    ) -> Option<Vec<Spanned<T>>> {
        records
            .into_iter()
            .map(|r| {
                if r.header != header {
                    return None;
                }
                let mut t = Take(r.fields);
                let value = build(&mut t)?;
                t.done()?;
                Some(Spanned::new(r.span, value))
            })
            .collect()
    }

    /// `sources.toml`.
    pub fn sources(records: Vec<Record>) -> Option<SourcesFile> {
        let source = each(records, "source", |t| {
            Some(RawSource {
                id: t.s("id")?,
                file: t.s("file")?,
                title: t.s("title")?,
                publisher: t.s("publisher")?,
                date: t.s("date")?,
            })
        })?;
        Some(SourcesFile { source })
    }

    /// `entities.toml`.
    pub fn entities(records: Vec<Record>) -> Option<EntitiesFile> {
        let entity = each(records, "entity", |t| {
            Some(RawEntity {
                id: t.s("id")?,
                name: t.s("name")?,
                listings: t.list("listings")?,
                aliases: t.list("aliases")?,
                country: t.s("country")?,
                sector: t.s("sector")?,
                parent: t.opt("parent")?,
                summary: t.s("summary")?,
                sources: t.list("sources")?,
            })
        })?;
        Some(EntitiesFile { entity })
    }

    fn funding(t: &mut Take) -> Option<RawFunding> {
        Some(RawFunding {
            id: t.s("id")?,
            label: t.s("label")?,
            money: t.money("money")?,
            kind: t.s("kind")?,
            period: t.opt("period")?,
            term: t.opt("term")?,
            purpose: t.s("purpose")?,
            parent: t.opt("parent")?,
            sources: t.list("sources")?,
        })
    }

    /// `programs.toml`: `[[program.funding]]` tables belong to the program above them.
    pub fn programs(records: Vec<Record>) -> Option<ProgramsFile> {
        let mut program: Vec<Spanned<RawProgram>> = Vec::new();
        for r in records {
            let mut t = Take(r.fields);
            if r.header == "program.funding" {
                let line = funding(&mut t)?;
                t.done()?;
                program.last_mut()?.get_mut().funding.push(Spanned::new(r.span, line));
                continue;
            }
            if r.header != "program" {
                return None;
            }
            let p = RawProgram {
                id: t.s("id")?,
                name: t.s("name")?,
                sponsor: t.s("sponsor")?,
                country: t.s("country")?,
                status: t.s("status")?,
                summary: t.s("summary")?,
                sources: t.list("sources")?,
                funding: Vec::new(),
            };
            t.done()?;
            program.push(Spanned::new(r.span, p));
        }
        Some(ProgramsFile { program })
    }

    /// `exposures.toml`.
    pub fn exposures(records: Vec<Record>) -> Option<ExposuresFile> {
        let exposure = each(records, "exposure", |t| {
            Some(RawExposure {
                entity: t.s("entity")?,
                program: t.s("program")?,
                role: t.s("role")?,
                direction: t.s("direction")?,
                funding: t.list("funding")?,
                note: t.s("note")?,
                sources: t.list("sources")?,
            })
        })?;
        Some(ExposuresFile { exposure })
    }

    /// `catalysts.toml`.
    pub fn catalysts(records: Vec<Record>) -> Option<CatalystsFile> {
        let catalyst = each(records, "catalyst", |t| {
            Some(RawCatalyst {
                id: t.s("id")?,
                title: t.s("title")?,
                date: t.s("date")?,
                kind: t.s("kind")?,
                program: t.opt("program")?,
                entities: t.list("entities")?,
                note: t.s("note")?,
                sources: t.list("sources")?,
            })
        })?;
        Some(CatalystsFile { catalyst })
    }
}
