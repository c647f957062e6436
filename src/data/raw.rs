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
