//! Turning what ingest found into dataset records, kept apart from curated data: each
//! article becomes a [`Source`], companies the dataset lacks become entities and every
//! catalyst a [`Catalyst`], all marked [`Origin::Ingested`] with their file and line.

use std::collections::HashMap;
use std::path::PathBuf;

use super::{Article, CatalystHit, EntityHit, Extractor, IngestError, Notice, read_paths};
use crate::model::*;

/// Publisher recorded for ingested articles, so their source kind is visible everywhere.
pub const INGESTED_PUBLISHER: &str = "ingested article";

/// Loads `paths` (files or folders of articles) and merges what they name into `data`.
/// This is what `--articles` does for every subcommand and the terminal UI; the notices
/// (skipped files, warnings) are for the caller to show.
pub fn load_with_articles(
    data: Dataset,
    paths: &[PathBuf],
) -> Result<(Dataset, Vec<Notice>), IngestError> {
    if paths.is_empty() {
        return Ok((data, Vec::new()));
    }
    let ex = Extractor::new(&data);
    let (articles, notices) = read_paths(&ex, paths, None)?;
    Ok((merge(data, &ex, &articles), notices))
}

/// A guess at what kind of event a sentence describes.
pub fn kind_of(sentence: &str) -> CatalystKind {
    let s = sentence.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| s.contains(w));
    if has(&["mass produc", "production", "output", "shipments", "ship "]) {
        CatalystKind::Production
    } else if has(&["pilot", "trial"]) {
        CatalystKind::Pilot
    } else if has(&["meet", "visit", "summit", "travel", "sign", "talks"]) {
        CatalystKind::Meeting
    } else if has(&["budget", "fund", "allocat", "appropriat", "subsid", "spend"]) {
        CatalystKind::Budget
    } else if has(&["review", "audit", "assess"]) {
        CatalystKind::Review
    } else if has(&["deadline", "expire", "due "]) {
        CatalystKind::Deadline
    } else if has(&["launch", "start", "begin", "open", "commence"]) {
        CatalystKind::Launch
    } else {
        CatalystKind::Target
    }
}

/// The kind of money a sentence describes, when its words say it plainly: a goal or
/// projection is a `target` whoever states it; otherwise a government's money is `public` and
/// a company's own is `private`. `None` when the sentence has cues of both (or neither): the
/// reviewer chooses.
pub fn funding_kind_of(sentence: &str) -> Option<FundingKind> {
    let s = sentence.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| s.contains(w));
    if has(&[
        "target",
        "goal",
        "aim to",
        "aims to",
        "ambition",
        "projected",
        "forecast",
    ]) {
        return Some(FundingKind::Target);
    }
    let public = has(&[
        "government",
        "ministry",
        "meti",
        "state-backed",
        "state money",
        "state aid",
        "state support",
        "public money",
        "public fund",
        "taxpayer",
        "budget",
        "subsid",
        "grant",
        "appropriat",
        "approve",
        "chips act",
    ]);
    let private = has(&[
        "its own",
        "private",
        "committing",
        "commits",
        "will invest",
        "plans to invest",
        "capital expenditure",
        "capex",
        "raise",
        "raised",
    ]);
    match (public, private) {
        (true, false) => Some(FundingKind::Public),
        (false, true) => Some(FundingKind::Private),
        _ => None,
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

struct Merger<'a> {
    data: Dataset,
    ex: &'a Extractor,
    /// Ingested entities by `EXCHANGE:SYMBOL`, so two articles share one record.
    ingested: HashMap<String, EntityId>,
}

impl Merger<'_> {
    fn entity(&mut self, article: &Article, hit: &EntityHit, source: SourceId) -> Option<EntityId> {
        let known = hit.known.map(|k| &self.ex.lexicon().known[k]);
        if let Some(id) = known.and_then(|k| k.entity) {
            return Some(id);
        }
        let key = format!("{}:{}", hit.exchange.map_or("", |e| e.code()), hit.symbol);
        if let Some(&id) = self.ingested.get(&key) {
            let e = &mut self.data.entities[id.ix()];
            if !e.sources.contains(&source) {
                e.sources.push(source);
            }
            return Some(id);
        }
        let exchange = hit.exchange?;
        let origin = Origin::ingested(article.file.clone(), hit.line);
        let entity = match known {
            Some(k) => Entity {
                id: key.clone(),
                name: k.name.clone(),
                listings: k.listings.clone(),
                aliases: k.aliases.clone(),
                country: k.country.clone(),
                sector: k.sector.clone(),
                parent: None,
                summary: format!(
                    "From aipx's reference universe; named in {} (line {}).",
                    article.file, hit.line
                ),
                sources: vec![source],
                origin,
            },
            None => Entity {
                id: key.clone(),
                name: hit.name.clone(),
                listings: vec![Listing {
                    symbol: hit.symbol.clone(),
                    exchange,
                }],
                aliases: Vec::new(),
                country: exchange.country().to_string(),
                sector: "unknown".to_string(),
                parent: None,
                summary: format!(
                    "Named as {} in {} (line {}); not in the dataset or the reference universe.",
                    hit.text, article.file, hit.line
                ),
                sources: vec![source],
                origin,
            },
        };
        let id = EntityId(self.data.entities.len() as u32);
        self.data.entities.push(entity);
        self.ingested.insert(key, id);
        Some(id)
    }

    fn catalyst(
        &mut self,
        article: &Article,
        n: usize,
        c: &CatalystHit,
        ids: &HashMap<&str, EntityId>,
        source: SourceId,
    ) {
        let program = c.program.map(|p| self.ex.lexicon().programs[p].program);
        let mut entities: Vec<EntityId> = c
            .entities
            .iter()
            .filter_map(|s| ids.get(s.as_str()).copied())
            .collect();
        entities.dedup();
        self.data.catalysts.push(Catalyst {
            id: format!("ingested:{}:{}:{n}", article.file, c.line),
            title: shorten(&c.sentence, 90),
            date: c.date,
            kind: kind_of(&c.sentence),
            program,
            entities,
            note: format!("\"{}\" in {} line {}", c.text, article.file, c.line),
            sources: vec![source],
            origin: Origin::ingested(article.file.clone(), c.line),
        });
    }
}

/// Adds the articles' sources, new entities and catalysts to `data`; curated records are
/// never changed.
pub fn merge(data: Dataset, ex: &Extractor, articles: &[Article]) -> Dataset {
    let mut m = Merger {
        data,
        ex,
        ingested: HashMap::new(),
    };
    for article in articles {
        let source = SourceId(m.data.sources.len() as u32);
        let title = article
            .findings
            .title
            .clone()
            .unwrap_or_else(|| article.file.clone());
        m.data.sources.push(Source {
            id: format!("ingested:{}", article.file),
            file: article.file.clone(),
            title: shorten(&title, 120),
            publisher: INGESTED_PUBLISHER.to_string(),
            url: None,
            date: When::Day(article.as_of),
        });
        let mut ids: HashMap<&str, EntityId> = HashMap::new();
        for hit in &article.findings.entities {
            if let Some(id) = m.entity(article, hit, source) {
                ids.insert(hit.symbol.as_str(), id);
            }
        }
        for (n, c) in article.findings.catalysts.iter().enumerate() {
            m.catalyst(article, n, c, &ids, source);
        }
    }
    m.data
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_money_kind_is_inferred_only_when_the_sentence_says_it() {
        let cases = [
            (
                "Japan's industry ministry plans to offer up to 300 billion yen in subsidies.",
                Some(FundingKind::Public),
            ),
            (
                "Zeta Systems said it will join the mission, committing $4 million by 2027.",
                Some(FundingKind::Private),
            ),
            (
                "The plan aims to draw ¥10 trillion in public and private money by 2030.",
                Some(FundingKind::Target),
            ),
            // A government's money and a company's in one sentence: not for a guess.
            (
                "The government will add ¥50 billion and Rapidus will invest ¥20 billion.",
                None,
            ),
            ("Acme said the order is worth $40 million.", None),
        ];
        for (sentence, kind) in cases {
            assert_eq!(funding_kind_of(sentence), kind, "{sentence}");
        }
    }
}
