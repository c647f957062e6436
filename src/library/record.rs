//! Library records in the data files' shape: the keys and words of `docs/data-format.md`,
//! with string ids, so a proposal reads like the TOML it becomes and export writes it as is.

use serde::{Deserialize, Serialize};

use crate::model::Money;

/// A record the library adds to the dataset (or proposes to).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record {
    /// An article, as `sources.toml` writes it.
    Source {
        /// Stable id.
        id: String,
        /// Article file.
        file: String,
        /// Headline.
        title: String,
        /// Publisher.
        publisher: String,
        /// Date in the data syntax.
        date: String,
        /// Where to read it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        url: Option<String>,
    },
    /// A company or body, as `entities.toml` writes it.
    Entity {
        /// Stable id.
        id: String,
        /// Full name.
        name: String,
        /// `EXCHANGE:SYMBOL`, primary first.
        listings: Vec<String>,
        /// Other names.
        aliases: Vec<String>,
        /// ISO 3166 alpha-2.
        country: String,
        /// Sector.
        sector: String,
        /// Id of the listed parent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        parent: Option<String>,
        /// One line.
        summary: String,
        /// Source ids.
        sources: Vec<String>,
    },
    /// A program without its funding, as `programs.toml` writes it.
    Program {
        /// Stable id.
        id: String,
        /// Name.
        name: String,
        /// Who runs it.
        sponsor: String,
        /// Country code(s).
        country: String,
        /// announced, active, proposed, completed.
        status: String,
        /// What it is.
        summary: String,
        /// Source ids.
        sources: Vec<String>,
    },
    /// One funding line of a program.
    Funding {
        /// Program id.
        program: Option<String>,
        /// Line id, unique in the program.
        id: String,
        /// What the money is.
        label: String,
        /// The amount.
        money: Money,
        /// public, private or target; `None` until chosen.
        kind: Option<String>,
        /// Date or `FIRST..LAST` in the data syntax.
        period: Option<String>,
        /// Term in words.
        term: Option<String>,
        /// What it is for.
        purpose: String,
        /// Id of the enclosing line, for a nested allocation.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        parent: Option<String>,
        /// Entity whose own money a `private` line is.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        owner: Option<String>,
        /// Source ids.
        sources: Vec<String>,
    },
    /// An entity-program link, as `exposures.toml` writes it.
    Exposure {
        /// Entity id.
        entity: String,
        /// Program id.
        program: String,
        /// Role; `None` until chosen.
        role: Option<String>,
        /// `stated` (a source names both together) or `inferred`.
        #[serde(default)]
        basis: Option<String>,
        /// Direction; `None` until chosen.
        direction: Option<String>,
        /// Ids of the program's funding lines that concern the entity.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        funding: Vec<String>,
        /// Why.
        note: String,
        /// Source ids.
        sources: Vec<String>,
    },
    /// A dated event, as `catalysts.toml` writes it.
    Catalyst {
        /// Stable id.
        id: String,
        /// Title.
        title: String,
        /// Date in the data syntax.
        date: String,
        /// Kind of event.
        kind: String,
        /// Program id.
        program: Option<String>,
        /// Entity ids.
        entities: Vec<String>,
        /// What to watch.
        note: String,
        /// Source ids.
        sources: Vec<String>,
    },
}

impl Record {
    /// The record's kind as the data files name it (`entity`, `catalyst`...).
    pub fn kind(&self) -> &'static str {
        match self {
            Record::Source { .. } => "source",
            Record::Entity { .. } => "entity",
            Record::Program { .. } => "program",
            Record::Funding { .. } => "funding",
            Record::Exposure { .. } => "exposure",
            Record::Catalyst { .. } => "catalyst",
        }
    }

    /// The inbox's word for a proposal of this record: `catalyst`, `link` (an exposure),
    /// `money` (a funding line) or `entity`.
    pub fn proposal_kind(&self) -> &'static str {
        match self {
            Record::Exposure { .. } => "link",
            Record::Funding { .. } => "money",
            _ => self.kind(),
        }
    }

    /// What makes two records the same one: `catalyst:ID`, `exposure:ENTITY>PROGRAM`,
    /// `funding:PROGRAM/ID`...
    pub fn key(&self) -> String {
        match self {
            Record::Source { id, .. }
            | Record::Entity { id, .. }
            | Record::Program { id, .. }
            | Record::Catalyst { id, .. } => format!("{}:{id}", self.kind()),
            Record::Funding { program, id, .. } => {
                format!("funding:{}/{id}", program.as_deref().unwrap_or(""))
            }
            Record::Exposure {
                entity, program, ..
            } => format!("exposure:{entity}>{program}"),
        }
    }

    /// A short title for lists and the change log.
    pub fn title(&self) -> String {
        match self {
            Record::Source { title, .. } => title.clone(),
            Record::Entity { name, listings, .. } => match listings.first() {
                Some(l) => format!("{name} ({l})"),
                None => name.clone(),
            },
            Record::Program { name, .. } => name.clone(),
            Record::Funding { label, money, .. } => format!("{money} {label}"),
            Record::Exposure {
                entity,
                program,
                role,
                ..
            } => match role {
                Some(role) => format!("{entity} in {program} as {role}"),
                None => format!("{entity} in {program} (role to choose)"),
            },
            Record::Catalyst { title, .. } => title.clone(),
        }
    }

    /// Entity ids the record is about, for "what changed, by ticker".
    pub fn entities(&self) -> Vec<String> {
        match self {
            Record::Entity { id, .. } => vec![id.clone()],
            Record::Exposure { entity, .. } => vec![entity.clone()],
            Record::Catalyst { entities, .. } => entities.clone(),
            _ => Vec::new(),
        }
    }

    /// The catalyst's date, in the data syntax.
    pub fn date(&self) -> Option<&str> {
        match self {
            Record::Catalyst { date, .. } => Some(date),
            _ => None,
        }
    }

    /// Source ids it cites.
    pub fn sources(&self) -> &[String] {
        match self {
            Record::Source { .. } => &[],
            Record::Entity { sources, .. }
            | Record::Program { sources, .. }
            | Record::Funding { sources, .. }
            | Record::Exposure { sources, .. }
            | Record::Catalyst { sources, .. } => sources,
        }
    }
}

/// Shortens `text` to at most `max` characters, ending in `…` when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}
