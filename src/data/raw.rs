//! The data files as written: strings and numbers with their positions, before validation.

use std::borrow::Cow;

use serde::Deserialize;
use toml::Spanned;

/// A string with the byte span it came from; borrowed from the file text when it can be.
pub type S<'a> = Spanned<Cow<'a, str>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesFile<'a> {
    #[serde(default)]
    pub source: Vec<Spanned<RawSource<'a>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource<'a> {
    pub id: S<'a>,
    pub file: S<'a>,
    pub title: S<'a>,
    pub publisher: S<'a>,
    pub date: S<'a>,
    #[serde(default)]
    pub url: Option<S<'a>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntitiesFile<'a> {
    #[serde(default)]
    pub entity: Vec<Spanned<RawEntity<'a>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntity<'a> {
    pub id: S<'a>,
    pub name: S<'a>,
    #[serde(default)]
    pub listings: Vec<S<'a>>,
    #[serde(default)]
    pub aliases: Vec<S<'a>>,
    pub country: S<'a>,
    pub sector: S<'a>,
    pub parent: Option<S<'a>>,
    pub summary: S<'a>,
    pub sources: Vec<S<'a>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramsFile<'a> {
    #[serde(default)]
    pub program: Vec<Spanned<RawProgram<'a>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProgram<'a> {
    pub id: S<'a>,
    pub name: S<'a>,
    pub sponsor: S<'a>,
    pub country: S<'a>,
    pub status: S<'a>,
    pub summary: S<'a>,
    pub sources: Vec<S<'a>>,
    #[serde(default)]
    pub funding: Vec<Spanned<RawFunding<'a>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFunding<'a> {
    pub id: S<'a>,
    pub label: S<'a>,
    pub money: Spanned<RawMoney<'a>>,
    pub kind: S<'a>,
    pub period: Option<S<'a>>,
    pub term: Option<S<'a>>,
    pub purpose: S<'a>,
    pub parent: Option<S<'a>>,
    pub owner: Option<S<'a>>,
    pub same_as: Option<S<'a>>,
    pub sources: Vec<S<'a>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMoney<'a> {
    pub currency: S<'a>,
    pub amount: Spanned<f64>,
    pub usd: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExposuresFile<'a> {
    #[serde(default)]
    pub exposure: Vec<Spanned<RawExposure<'a>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExposure<'a> {
    pub entity: S<'a>,
    pub program: S<'a>,
    pub role: S<'a>,
    pub basis: S<'a>,
    pub direction: S<'a>,
    #[serde(default)]
    pub funding: Vec<S<'a>>,
    pub note: S<'a>,
    pub sources: Vec<S<'a>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalystsFile<'a> {
    #[serde(default)]
    pub catalyst: Vec<Spanned<RawCatalyst<'a>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCatalyst<'a> {
    pub id: S<'a>,
    pub title: S<'a>,
    pub date: S<'a>,
    pub kind: S<'a>,
    pub program: Option<S<'a>>,
    #[serde(default)]
    pub entities: Vec<S<'a>>,
    pub note: S<'a>,
    pub sources: Vec<S<'a>>,
}

/// Building raw records from [`fast`](super::fast) records; `None` sends the file to the full
/// TOML parser (unknown or missing keys, wrong types, unexpected headers).
pub mod from_records {
    use super::*;
    use crate::data::fast::{Fields, Record, Sp, Value};

    struct Take<'a>(Fields<'a>);

    impl<'a> Take<'a> {
        fn raw(&mut self, key: &str) -> Option<Sp<Value<'a>>> {
            let at = self.0.iter().position(|(k, _)| *k == key)?;
            Some(self.0.swap_remove(at).1)
        }

        fn string(v: Sp<Value<'a>>) -> Option<S<'a>> {
            let span = v.span();
            match v.into_inner() {
                Value::Str(s) => Some(Spanned::new(span, s)),
                _ => None,
            }
        }

        fn opt(&mut self, key: &str) -> Option<Option<S<'a>>> {
            match self.raw(key) {
                None => Some(None),
                Some(v) => Take::string(v).map(Some),
            }
        }

        fn s(&mut self, key: &str) -> Option<S<'a>> {
            self.opt(key)?
        }

        fn list(&mut self, key: &str) -> Option<Vec<S<'a>>> {
            match self.raw(key).map(Spanned::into_inner) {
                None => Some(Vec::new()),
                Some(Value::Arr(items)) => items.into_iter().map(Take::string).collect(),
                Some(_) => None,
            }
        }

        /// A list the record must give (`sources`): one missing is left to the full parser,
        /// which names the field, as for any other required key.
        fn required_list(&mut self, key: &str) -> Option<Vec<S<'a>>> {
            match self.raw(key)?.into_inner() {
                Value::Arr(items) => items.into_iter().map(Take::string).collect(),
                _ => None,
            }
        }

        fn num(v: Sp<Value<'a>>) -> Option<Spanned<f64>> {
            let span = v.span();
            match v.into_inner() {
                Value::Num(n) => Some(Spanned::new(span, n)),
                _ => None,
            }
        }

        fn money(&mut self, key: &str) -> Option<Spanned<RawMoney<'a>>> {
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
            t.done(Spanned::new(span, money))
        }

        /// Unknown keys are left for the full parser to report.
        fn done<T>(self, value: T) -> Option<T> {
            self.0.is_empty().then_some(value)
        }
    }

    fn build<'a, T>(
        r: Record<'a>,
        header: &str,
        f: impl FnOnce(&mut Take<'a>) -> Option<T>,
    ) -> Option<Spanned<T>> {
        if r.header != header {
            return None;
        }
        let mut t = Take(r.fields);
        let value = f(&mut t)?;
        t.done(Spanned::new(r.span, value))
    }

    /// A `[[source]]`.
    pub fn source(r: Record<'_>) -> Option<Spanned<RawSource<'_>>> {
        build(r, "source", |t| {
            Some(RawSource {
                id: t.s("id")?,
                file: t.s("file")?,
                title: t.s("title")?,
                publisher: t.s("publisher")?,
                date: t.s("date")?,
                url: t.opt("url")?,
            })
        })
    }

    /// An `[[entity]]`.
    pub fn entity(r: Record<'_>) -> Option<Spanned<RawEntity<'_>>> {
        build(r, "entity", |t| {
            Some(RawEntity {
                id: t.s("id")?,
                name: t.s("name")?,
                listings: t.list("listings")?,
                aliases: t.list("aliases")?,
                country: t.s("country")?,
                sector: t.s("sector")?,
                parent: t.opt("parent")?,
                summary: t.s("summary")?,
                sources: t.required_list("sources")?,
            })
        })
    }

    /// A `[[program]]` (its funding arrives as separate `program.funding` records).
    pub fn program(r: Record<'_>) -> Option<Spanned<RawProgram<'_>>> {
        build(r, "program", |t| {
            Some(RawProgram {
                id: t.s("id")?,
                name: t.s("name")?,
                sponsor: t.s("sponsor")?,
                country: t.s("country")?,
                status: t.s("status")?,
                summary: t.s("summary")?,
                sources: t.required_list("sources")?,
                funding: Vec::new(),
            })
        })
    }

    /// A `[[program.funding]]`.
    pub fn funding(r: Record<'_>) -> Option<Spanned<RawFunding<'_>>> {
        build(r, "program.funding", |t| {
            Some(RawFunding {
                id: t.s("id")?,
                label: t.s("label")?,
                money: t.money("money")?,
                kind: t.s("kind")?,
                period: t.opt("period")?,
                term: t.opt("term")?,
                purpose: t.s("purpose")?,
                parent: t.opt("parent")?,
                owner: t.opt("owner")?,
                same_as: t.opt("same_as")?,
                sources: t.required_list("sources")?,
            })
        })
    }

    /// An `[[exposure]]`.
    pub fn exposure(r: Record<'_>) -> Option<Spanned<RawExposure<'_>>> {
        build(r, "exposure", |t| {
            Some(RawExposure {
                entity: t.s("entity")?,
                program: t.s("program")?,
                role: t.s("role")?,
                basis: t.s("basis")?,
                direction: t.s("direction")?,
                funding: t.list("funding")?,
                note: t.s("note")?,
                sources: t.required_list("sources")?,
            })
        })
    }

    /// A `[[catalyst]]`.
    pub fn catalyst(r: Record<'_>) -> Option<Spanned<RawCatalyst<'_>>> {
        build(r, "catalyst", |t| {
            Some(RawCatalyst {
                id: t.s("id")?,
                title: t.s("title")?,
                date: t.s("date")?,
                kind: t.s("kind")?,
                program: t.opt("program")?,
                entities: t.list("entities")?,
                note: t.s("note")?,
                sources: t.required_list("sources")?,
            })
        })
    }
}
