//! Saving articles: each article, everything ingest found in it, and the proposals made from
//! that, written in one transaction, so the library holds whole articles or none of one.

use std::collections::HashSet;
use std::io::{self, Read};

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde_json::json;
use xxhash_rust::xxh3::Xxh3;

use super::record::{Record, shorten};
use super::{Library, LibraryError};
use crate::ingest::{Article, Extractor};
use crate::model::Dataset;

/// Publisher recorded for library articles.
pub const PUBLISHER: &str = "library article";

/// A reader that hashes what passes through it, so an article is hashed while it is read
/// (in bounded memory) rather than read twice.
pub struct Hashing<R> {
    inner: R,
    hasher: Xxh3,
    bytes: u64,
}

impl<R: Read> Hashing<R> {
    /// Wraps `inner`.
    pub fn new(inner: R) -> Self {
        Hashing {
            inner,
            hasher: Xxh3::new(),
            bytes: 0,
        }
    }

    /// Hash of everything read so far (128-bit XXH3, hex) and its length in bytes.
    pub fn finish(&self) -> (String, u64) {
        (format!("{:032x}", self.hasher.digest128()), self.bytes)
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
}

/// An article read for saving: what ingest found and the hash of its bytes.
pub struct ReadArticle {
    /// The article.
    pub article: Article,
    /// XXH3-128 of its bytes, hex.
    pub hash: String,
    /// Its size.
    pub bytes: u64,
}

/// Reads one article from `reader` through ingest, hashing its bytes; `Ok(Err(reason))`
/// when it is not text.
pub fn read_article(
    ex: &Extractor,
    reader: impl Read,
    name: &str,
    html: bool,
    as_of: Option<NaiveDate>,
    file_time: NaiveDate,
) -> io::Result<Result<ReadArticle, String>> {
    let mut hashing = Hashing::new(reader);
    let article =
        crate::ingest::article::read_from(ex, &mut hashing, name, html, as_of, file_time)?;
    let article = match article {
        Ok(a) => a,
        Err(reason) => return Ok(Err(reason)),
    };
    // Binary checks stop early; text is read to its end, so the hash covers it all.
    io::copy(&mut hashing, &mut io::sink())?;
    let (hash, bytes) = hashing.finish();
    Ok(Ok(ReadArticle {
        article,
        hash,
        bytes,
    }))
}

/// What saving one article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Stored, with this many new proposals.
    New {
        /// Proposals added to the inbox.
        proposals: usize,
    },
    /// The same bytes were saved before: nothing written.
    Duplicate,
}

/// What the dataset already has, to propose only what is new.
pub struct Context<'a> {
    ex: &'a Extractor,
    data: &'a Dataset,
    exposed: HashSet<(String, String)>,
}

impl<'a> Context<'a> {
    /// The context of `data` (the dataset with the library merged), read by `ex`.
    pub fn new(ex: &'a Extractor, data: &'a Dataset) -> Self {
        let exposed = data
            .exposures
            .iter()
            .map(|x| {
                (
                    data.entities[x.entity.ix()].id.clone(),
                    data.programs[x.program.ix()].id.clone(),
                )
            })
            .collect();
        Context { ex, data, exposed }
    }

    fn program_id(&self, p: usize) -> String {
        self.ex.lexicon().programs[p].id.clone()
    }

    /// The entity id a symbol of the findings stands for: the dataset's id when it has the
    /// entity, else `EXCHANGE:SYMBOL` (the id a library entity gets); `None` for a body the
    /// dataset lacks with no listing.
    fn entity_id(&self, article: &Article, symbol: &str) -> Option<(String, bool)> {
        let hit = article
            .findings
            .entities
            .iter()
            .find(|h| h.symbol == symbol)?;
        let known = hit.known.map(|k| &self.ex.lexicon().known[k]);
        if let Some(e) = known.and_then(|k| k.entity) {
            return Some((self.data.entities[e.ix()].id.clone(), true));
        }
        let exchange = hit.exchange?;
        Some((format!("{}:{}", exchange.code(), hit.symbol), false))
    }
}

/// One finding as stored: kind, line, matched text, the rest as JSON, and the proposal made
/// from it (`nkey`, record), if any.
struct Finding {
    kind: &'static str,
    line: usize,
    text: String,
    detail: serde_json::Value,
    proposal: Option<(String, Record)>,
}

/// The article's source id in the library: `lib-` and the first 12 hex digits of its hash.
pub fn source_id(hash: &str) -> String {
    format!("lib-{}", &hash[..12.min(hash.len())])
}

/// The source record of a saved article.
pub fn source_record(hash: &str, file: &str, title: Option<&str>, as_of: NaiveDate) -> Record {
    Record::Source {
        id: source_id(hash),
        file: file.to_string(),
        title: shorten(title.unwrap_or(file), 120),
        publisher: PUBLISHER.to_string(),
        date: as_of.format("%Y-%m-%d").to_string(),
        url: None,
    }
}

fn findings(cx: &Context<'_>, a: &Article, hash: &str) -> Vec<Finding> {
    let lex = cx.ex.lexicon();
    let source = vec![source_id(hash)];
    let short = &hash[..8];
    let mut out = Vec::new();
    for h in &a.findings.entities {
        let known = h.known.map(|k| &lex.known[k]);
        let in_data = known.is_some_and(|k| k.entity.is_some());
        let kind = match (known, in_data) {
            (_, true) => "dataset",
            (Some(_), false) => "universe",
            (None, _) => "new",
        };
        let proposal = match (in_data, h.exchange) {
            (false, Some(exchange)) => {
                let id = format!("{}:{}", exchange.code(), h.symbol);
                let (listings, aliases, country, sector) = match known {
                    Some(k) => (
                        k.listings
                            .iter()
                            .map(|l| format!("{}:{}", l.exchange.code(), l.symbol))
                            .collect(),
                        k.aliases.clone(),
                        k.country.clone(),
                        k.sector.clone(),
                    ),
                    None => (
                        vec![id.clone()],
                        Vec::new(),
                        exchange.country().to_string(),
                        "unknown".to_string(),
                    ),
                };
                let record = Record::Entity {
                    id: id.clone(),
                    name: h.name.clone(),
                    listings,
                    aliases,
                    country,
                    sector,
                    parent: None,
                    summary: format!(
                        "Named as {} in {} (line {}); added from the library.",
                        shorten(&h.text, 60),
                        a.file,
                        h.line
                    ),
                    sources: source.clone(),
                };
                Some((format!("entity:{id}"), record))
            }
            _ => None,
        };
        out.push(Finding {
            kind: "entity",
            line: h.line,
            text: h.text.clone(),
            detail: json!({"symbol": h.symbol, "exchange": h.exchange.map(|e| e.code()),
                           "name": h.name, "listed": h.listed, "known": kind}),
            proposal,
        });
    }
    for p in &a.findings.programs {
        out.push(Finding {
            kind: "program",
            line: p.line,
            text: p.text.clone(),
            detail: json!({"program": cx.program_id(p.program)}),
            proposal: None,
        });
    }
    for l in &a.findings.links {
        let program = cx.program_id(l.program);
        let entity = cx.entity_id(a, &l.symbol);
        let proposal = entity
            .filter(|(e, _)| !cx.exposed.contains(&(e.clone(), program.clone())))
            .map(|(entity, _)| {
                let record = Record::Exposure {
                    entity: entity.clone(),
                    program: program.clone(),
                    role: None,
                    // The article names the two in one sentence.
                    basis: Some("stated".to_string()),
                    direction: None,
                    funding: Vec::new(),
                    note: shorten(&l.sentence, 200),
                    sources: source.clone(),
                };
                (format!("exposure:{entity}>{program}"), record)
            });
        out.push(Finding {
            kind: "link",
            line: l.line,
            text: l.sentence.clone(),
            detail: json!({"symbol": l.symbol, "program": program}),
            proposal,
        });
    }
    for m in &a.findings.money {
        let program = m.program.map(|p| cx.program_id(p));
        let record = Record::Funding {
            program: program.clone(),
            id: format!("lib-{short}-{}", m.line),
            label: shorten(&m.text, 60),
            money: m.money,
            kind: crate::ingest::merge::funding_kind_of(&m.sentence).map(|k| k.to_string()),
            period: None,
            term: None,
            purpose: shorten(&m.sentence, 200),
            parent: None,
            owner: None,
            sources: source.clone(),
        };
        let nkey = format!(
            "money:{}:{}:{}",
            m.money.currency.code(),
            m.money.amount,
            m.upper.map_or(String::new(), |u| u.to_string())
        );
        out.push(Finding {
            kind: "money",
            line: m.line,
            text: m.text.clone(),
            detail: json!({"money": m.money, "upper": m.upper, "qualifier": m.qualifier,
                           "program": program, "sentence": m.sentence}),
            proposal: Some((nkey, record)),
        });
    }
    for (n, c) in a.findings.catalysts.iter().enumerate() {
        let program = c.program.map(|p| cx.program_id(p));
        let mut entities: Vec<String> = c
            .entities
            .iter()
            .filter_map(|s| cx.entity_id(a, s).map(|(id, _)| id))
            .collect();
        entities.dedup();
        let date = c.date.to_string();
        let mut sorted = entities.clone();
        sorted.sort();
        let nkey = format!(
            "catalyst:{date}:{}:{}",
            program.as_deref().unwrap_or(""),
            sorted.join(",")
        );
        let record = Record::Catalyst {
            id: format!("lib-{short}-{}-{n}", c.line),
            title: shorten(&c.sentence, 90),
            date: date.clone(),
            kind: crate::ingest::merge::kind_of(&c.sentence)
                .as_str()
                .to_string(),
            program: program.clone(),
            entities: entities.clone(),
            note: format!("\"{}\" in {} line {}", c.text, a.file, c.line),
            sources: source.clone(),
        };
        out.push(Finding {
            kind: "catalyst",
            line: c.line,
            text: c.text.clone(),
            detail: json!({"date": date, "entities": entities, "program": program,
                           "sentence": c.sentence}),
            proposal: Some((nkey, record)),
        });
    }
    out
}

impl Library {
    /// Saves one article read by [`read_article`], in one transaction: the article, its
    /// findings and the proposals not decided or offered before. Saving the same bytes again
    /// writes nothing.
    pub fn save(&mut self, cx: &Context<'_>, read: &ReadArticle) -> Result<Saved, LibraryError> {
        let a = &read.article;
        let found = findings(cx, a, &read.hash);
        let path = self.path().to_path_buf();
        let err = |e| super::sql_error(&path, e);
        let tx = super::begin_write(self.conn()).map_err(err)?;
        let seen = tx
            .query_row(
                "SELECT 1 FROM articles WHERE hash = ?1",
                [&read.hash],
                |_| Ok(()),
            )
            .optional()
            .map_err(err)?;
        if seen.is_some() {
            return Ok(Saved::Duplicate);
        }
        tx.execute(
            "INSERT INTO articles (hash, file, title, as_of, as_of_source, bytes, findings, saved_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                read.hash,
                a.file,
                a.findings.title,
                a.as_of.format("%Y-%m-%d").to_string(),
                a.as_of_source.as_str(),
                read.bytes as i64,
                found.len() as i64,
                super::now(),
            ],
        )
        .map_err(err)?;
        let mut proposals = 0;
        {
            let mut finding = tx
                .prepare_cached(
                    "INSERT INTO findings (article, kind, line, text, detail)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(err)?;
            let mut propose = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO proposals (finding, kind, nkey, record)
                     VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(err)?;
            for f in &found {
                let id = finding
                    .insert(params![
                        read.hash,
                        f.kind,
                        f.line as i64,
                        f.text,
                        f.detail.to_string()
                    ])
                    .map_err(err)?;
                if let Some((nkey, record)) = &f.proposal {
                    let json = serde_json::to_string(record).expect("records serialise");
                    proposals += propose
                        .execute(params![id, record.proposal_kind(), nkey, json])
                        .map_err(err)?;
                }
            }
        }
        tx.commit().map_err(err)?;
        Ok(Saved::New { proposals })
    }
}
