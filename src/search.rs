//! Fuzzy search over symbols, names, aliases, programs and catalysts.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::index::{Index, Resolution, normalize};
use crate::model::*;

/// What a search hit points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// A company or body.
    Entity(EntityId),
    /// A program.
    Program(ProgramId),
    /// A catalyst.
    Catalyst(CatalystId),
}

impl Target {
    /// The kind as one lower-case word, for output.
    pub fn kind(self) -> &'static str {
        match self {
            Target::Entity(_) => "entity",
            Target::Program(_) => "program",
            Target::Catalyst(_) => "catalyst",
        }
    }
}

/// Which field of a record a searchable text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// A ticker symbol.
    Symbol,
    /// The full name or title.
    Name,
    /// An alias.
    Alias,
}

struct Item {
    target: Target,
    field: Field,
    text: String,
    /// `normalize(text)`, kept to spot exact matches without reallocating per query.
    key: String,
}

/// One result: the record, the text that matched and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit<'a> {
    /// The record.
    pub target: Target,
    /// Which field matched.
    pub field: Field,
    /// The matched text.
    pub text: &'a str,
    /// Matcher score; exact matches rank above any score.
    pub score: i64,
    /// Whether the query named this record exactly (symbol, alias, name).
    pub exact: bool,
    /// Character positions in `text` that matched, for highlighting.
    pub positions: Vec<usize>,
}

/// The searchable texts of a dataset.
pub struct Searcher {
    items: Vec<Item>,
    matcher: SkimMatcherV2,
}

impl Searcher {
    /// Collects every searchable text of `data`.
    pub fn new(data: &Dataset) -> Searcher {
        let mut items = Vec::new();
        let mut push = |target, field, text: &str| {
            items.push(Item {
                target,
                field,
                key: normalize(text),
                text: text.to_string(),
            })
        };
        for (i, e) in data.entities.iter().enumerate() {
            let t = Target::Entity(EntityId(i as u32));
            for l in &e.listings {
                push(t, Field::Symbol, &l.symbol);
            }
            push(t, Field::Name, &e.name);
            for a in &e.aliases {
                push(t, Field::Alias, a);
            }
        }
        for (i, p) in data.programs.iter().enumerate() {
            push(Target::Program(ProgramId(i as u32)), Field::Name, &p.name);
        }
        for (i, c) in data.catalysts.iter().enumerate() {
            push(
                Target::Catalyst(CatalystId(i as u32)),
                Field::Name,
                &c.title,
            );
        }
        Searcher {
            items,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// Best `limit` hits for `query`, one per record: exact names first, then by score.
    pub fn search<'a>(&'a self, index: &Index, query: &str, limit: usize) -> Vec<Hit<'a>> {
        let query = query.trim();
        if query.is_empty() {
            return Vec::new();
        }
        let key = normalize(query);
        let resolved: Vec<EntityId> = match index.resolve(query) {
            Resolution::Found(e) => vec![e],
            Resolution::Ambiguous(es) => es,
            Resolution::NotFound => Vec::new(),
        };
        let mut hits: Vec<Hit<'a>> = Vec::new();
        for item in &self.items {
            let exact = item.key == key
                || matches!(item.target, Target::Entity(e) if resolved.contains(&e)
                    && item.field == Field::Symbol);
            let Some((score, positions)) = self.matcher.fuzzy_indices(&item.text, query) else {
                if exact {
                    hits.push(Hit {
                        target: item.target,
                        field: item.field,
                        text: &item.text,
                        score: 0,
                        exact,
                        positions: Vec::new(),
                    });
                }
                continue;
            };
            hits.push(Hit {
                target: item.target,
                field: item.field,
                text: &item.text,
                score,
                exact,
                positions,
            });
        }
        // Best hit per record: exact first, then score, then symbols before names.
        let rank = |h: &Hit| (std::cmp::Reverse(h.exact), std::cmp::Reverse(h.score));
        hits.sort_by(|a, b| a.target.cmp(&b.target).then_with(|| rank(a).cmp(&rank(b))));
        hits.dedup_by(|later, first| later.target == first.target);
        hits.sort_by(|a, b| {
            rank(a)
                .cmp(&rank(b))
                .then_with(|| a.text.len().cmp(&b.text.len()))
                .then_with(|| a.target.cmp(&b.target))
        });
        hits.truncate(limit);
        hits
    }
}
