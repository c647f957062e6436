//! Accepted records into a dataset: resolved against it by id, marked
//! [`Origin::Library`](crate::model::Origin::Library) with their article and line. A record
//! that does not fit (it names what the dataset lacks, or takes an id the dataset already
//! uses) is left out and reported; the dataset's own records are never changed.

use std::collections::{HashMap, HashSet};

use super::record::Record;
use super::{Library, LibraryError};
use crate::model::*;

/// An accepted record with where it came from.
#[derive(Debug, Clone)]
pub struct Stored {
    /// What makes it one record (`catalyst:ID`...).
    pub key: String,
    /// The record.
    pub record: Record,
    /// Proposal it was accepted from.
    pub proposal: Option<i64>,
    /// Article file as saved.
    pub article: String,
    /// Line of the finding.
    pub line: i64,
}

/// Hashes one stored row into `stamp`, each field length-prefixed so no two different rows
/// feed it the same bytes.
fn stamp_row(stamp: &mut xxhash_rust::xxh3::Xxh3, r: &rusqlite::Row<'_>) -> rusqlite::Result<()> {
    for i in [0, 1, 3] {
        let text: &str = r.get_ref(i)?.as_str()?;
        stamp.update(&(text.len() as u64).to_le_bytes());
        stamp.update(text.as_bytes());
    }
    let proposal: Option<i64> = r.get(2)?;
    stamp.update(&proposal.map_or([0xff; 9], |p| {
        let mut b = [0u8; 9];
        b[1..].copy_from_slice(&p.to_le_bytes());
        b
    }));
    stamp.update(&r.get::<_, i64>(4)?.to_le_bytes());
    Ok(())
}

const RECORDS: &str = "SELECT key, record, proposal, article, line FROM records ORDER BY id";

impl Library {
    /// Every accepted record, in the order they were first added.
    pub fn records(&mut self) -> Result<Vec<Stored>, LibraryError> {
        self.records_stamped().map(|(stored, _)| stored)
    }

    /// A stamp of the accepted records as they are now (a hash of every stored row): equal
    /// stamps mean the same records merge into a dataset the same way, so what is built from
    /// the merge (the search catalog) can be cached under it. Reads the rows without decoding
    /// them.
    pub fn records_stamp(&mut self) -> Result<u64, LibraryError> {
        let path = self.path().to_path_buf();
        let err = |e| super::sql_error(&path, e);
        let mut st = self.conn().prepare(RECORDS).map_err(err)?;
        let mut rows = st.query([]).map_err(err)?;
        let mut stamp = xxhash_rust::xxh3::Xxh3::new();
        while let Some(r) = rows.next().map_err(err)? {
            stamp_row(&mut stamp, r).map_err(err)?;
        }
        Ok(stamp.digest())
    }

    /// Every accepted record, in the order they were first added, with the stamp of exactly
    /// these rows (see [`Library::records_stamp`]).
    pub fn records_stamped(&mut self) -> Result<(Vec<Stored>, u64), LibraryError> {
        let path = self.path().to_path_buf();
        let err = |e| super::sql_error(&path, e);
        let mut st = self.conn().prepare(RECORDS).map_err(err)?;
        let mut stamp = xxhash_rust::xxh3::Xxh3::new();
        let rows = st
            .query_map([], |r| {
                stamp_row(&mut stamp, r)?;
                let json: String = r.get(1)?;
                let record = serde_json::from_str(&json).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        1,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })?;
                Ok(Stored {
                    key: r.get(0)?,
                    record,
                    proposal: r.get(2)?,
                    article: r.get(3)?,
                    line: r.get(4)?,
                })
            })
            .map_err(err)?;
        let stored = rows
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| match e {
                rusqlite::Error::FromSqlConversionFailure(..) => LibraryError::Damaged {
                    path: path.display().to_string(),
                    detail: format!("a record cannot be read: {e}"),
                },
                e => super::sql_error(&path, e),
            })?;
        Ok((stored, stamp.digest()))
    }
}

/// Order records are applied in: what others refer to first.
fn rank(r: &Record) -> u8 {
    match r {
        Record::Source { .. } => 0,
        Record::Entity { .. } => 1,
        Record::Program { .. } => 2,
        Record::Funding { .. } => 3,
        Record::Exposure { .. } => 4,
        Record::Catalyst { .. } => 5,
    }
}

struct Merger<'a> {
    data: &'a mut Dataset,
    sources: HashMap<String, SourceId>,
    entities: HashMap<String, EntityId>,
    programs: HashMap<String, ProgramId>,
    exposures: HashSet<(EntityId, ProgramId)>,
    catalysts: HashSet<String>,
}

fn when(text: &str) -> Result<When, String> {
    text.parse::<When>().map_err(|e| e.to_string())
}

impl Merger<'_> {
    fn sources(&self, ids: &[String]) -> Result<Vec<SourceId>, String> {
        let found: Vec<SourceId> = ids
            .iter()
            .filter_map(|s| self.sources.get(s).copied())
            .collect();
        if found.is_empty() {
            return Err(format!("cites no known source ({})", ids.join(", ")));
        }
        Ok(found)
    }

    fn program(&self, id: Option<&str>) -> Result<ProgramId, String> {
        let id = id.ok_or("names no program")?;
        self.programs
            .get(id)
            .copied()
            .ok_or_else(|| format!("unknown program {id:?}"))
    }

    fn apply(&mut self, s: &Stored) -> Result<(), String> {
        let origin = Origin::Library(Box::new(LibraryMention {
            article: s.article.clone(),
            line: s.line.max(0) as usize,
            proposal: s.proposal,
        }));
        match &s.record {
            Record::Source {
                id,
                file,
                title,
                publisher,
                date,
                url,
            } => {
                if self.sources.contains_key(id) {
                    return Err(format!("source id {id:?} is taken by the dataset"));
                }
                let sid = SourceId(self.data.sources.len() as u32);
                self.data.sources.push(Source {
                    id: id.clone(),
                    file: file.clone(),
                    title: title.clone(),
                    publisher: publisher.clone(),
                    date: when(date)?,
                    url: url.clone(),
                });
                self.sources.insert(id.clone(), sid);
            }
            Record::Entity {
                id,
                name,
                listings,
                aliases,
                country,
                sector,
                parent,
                summary,
                sources,
            } => {
                if self.entities.contains_key(id) {
                    return Err(format!("entity id {id:?} is taken by the dataset"));
                }
                let listings = listings
                    .iter()
                    .map(|l| {
                        let (ex, sym) = l.split_once(':').ok_or(format!("bad listing {l:?}"))?;
                        let exchange =
                            Exchange::parse(ex).ok_or(format!("unknown exchange {ex:?}"))?;
                        Ok(Listing {
                            symbol: sym.to_string(),
                            exchange,
                        })
                    })
                    .collect::<Result<Vec<_>, String>>()?;
                let parent = match parent {
                    Some(p) => Some(
                        *self
                            .entities
                            .get(p)
                            .ok_or_else(|| format!("unknown parent {p:?}"))?,
                    ),
                    None => None,
                };
                let eid = EntityId(self.data.entities.len() as u32);
                self.data.entities.push(Entity {
                    id: id.clone(),
                    name: name.clone(),
                    listings,
                    aliases: aliases.clone(),
                    country: country.clone(),
                    sector: sector.clone(),
                    parent,
                    summary: summary.clone(),
                    sources: self.sources(sources)?,
                    origin,
                });
                self.entities.insert(id.clone(), eid);
            }
            Record::Program {
                id,
                name,
                sponsor,
                country,
                status,
                summary,
                sources,
            } => {
                if self.programs.contains_key(id) {
                    return Err(format!("program id {id:?} is taken by the dataset"));
                }
                let pid = ProgramId(self.data.programs.len() as u32);
                self.data.programs.push(Program {
                    id: id.clone(),
                    name: name.clone(),
                    sponsor: sponsor.clone(),
                    country: country.clone(),
                    status: Status::parse(status).ok_or(format!("unknown status {status:?}"))?,
                    summary: summary.clone(),
                    funding: Vec::new(),
                    sources: self.sources(sources)?,
                    origin,
                });
                self.programs.insert(id.clone(), pid);
            }
            Record::Funding {
                program,
                id,
                label,
                money,
                kind,
                period,
                term,
                purpose,
                parent,
                owner,
                sources,
            } => {
                let p = self.program(program.as_deref())?;
                let owner = match owner {
                    Some(e) => Some(
                        *self
                            .entities
                            .get(e)
                            .ok_or_else(|| format!("unknown owner {e:?}"))?,
                    ),
                    None => None,
                };
                let kind = kind.as_deref().ok_or("has no kind")?;
                let kind = FundingKind::parse(kind).ok_or(format!("unknown kind {kind:?}"))?;
                let period = match period {
                    None => None,
                    Some(text) => Some(match text.split_once("..") {
                        Some((a, b)) => (when(a)?, when(b)?),
                        None => (when(text)?, when(text)?),
                    }),
                };
                let sources = self.sources(sources)?;
                let prog = &mut self.data.programs[p.ix()];
                if prog.funding.iter().any(|f| &f.id == id) {
                    return Err(format!("funding id {id:?} is taken in {}", prog.id));
                }
                let parent = match parent {
                    Some(up) => Some(
                        prog.funding
                            .iter()
                            .position(|f| &f.id == up)
                            .ok_or_else(|| format!("unknown parent line {up:?}"))?,
                    ),
                    None => None,
                };
                prog.funding.push(FundingLine {
                    id: id.clone(),
                    label: label.clone(),
                    money: *money,
                    kind,
                    period,
                    term: term.clone(),
                    purpose: purpose.clone(),
                    parent,
                    owner,
                    same_as: None,
                    sources,
                });
            }
            Record::Exposure {
                entity,
                program,
                role,
                basis,
                direction,
                funding,
                note,
                sources,
            } => {
                let e = *self
                    .entities
                    .get(entity)
                    .ok_or_else(|| format!("unknown entity {entity:?}"))?;
                let p = self.program(Some(program))?;
                if !self.exposures.insert((e, p)) {
                    return Err(format!("{entity} is already linked to {program}"));
                }
                let role = role.as_deref().and_then(Role::parse).ok_or("has no role")?;
                let basis = basis
                    .as_deref()
                    .and_then(Basis::parse)
                    .ok_or("has no basis")?;
                let direction = direction
                    .as_deref()
                    .and_then(Direction::parse)
                    .ok_or("has no direction")?;
                let lines = &self.data.programs[p.ix()].funding;
                let funding = funding
                    .iter()
                    .map(|f| {
                        lines
                            .iter()
                            .position(|l| &l.id == f)
                            .ok_or_else(|| format!("unknown funding line {f:?}"))
                    })
                    .collect::<Result<IdList<usize>, String>>()?;
                self.data.exposures.push(Exposure {
                    entity: e,
                    program: p,
                    role,
                    basis,
                    direction,
                    funding,
                    note: note.clone().into_boxed_str(),
                    sources: self.sources(sources)?.into_iter().collect(),
                    origin,
                });
            }
            Record::Catalyst {
                id,
                title,
                date,
                kind,
                program,
                entities,
                note,
                sources,
            } => {
                if !self.catalysts.insert(id.clone()) {
                    return Err(format!("catalyst id {id:?} is taken by the dataset"));
                }
                let program = match program {
                    Some(p) => Some(self.program(Some(p))?),
                    None => None,
                };
                let entities = entities
                    .iter()
                    .map(|e| {
                        self.entities
                            .get(e)
                            .copied()
                            .ok_or_else(|| format!("unknown entity {e:?}"))
                    })
                    .collect::<Result<Vec<_>, String>>()?;
                self.data.catalysts.push(Catalyst {
                    id: id.clone(),
                    title: title.clone(),
                    date: when(date)?,
                    kind: CatalystKind::parse(kind).ok_or(format!("unknown kind {kind:?}"))?,
                    program,
                    entities,
                    note: note.clone(),
                    sources: self.sources(sources)?,
                    origin,
                });
            }
        }
        Ok(())
    }
}

/// Adds `stored` to `data`; returns what was left out, as `KEY: why`.
pub fn apply(data: &mut Dataset, stored: &[Stored]) -> Vec<String> {
    let sources = ids(data.sources.iter().map(|s| &s.id), SourceId);
    let entities = ids(data.entities.iter().map(|e| &e.id), EntityId);
    let programs = ids(data.programs.iter().map(|p| &p.id), ProgramId);
    let exposures = data
        .exposures
        .iter()
        .map(|x| (x.entity, x.program))
        .collect();
    let catalysts = data.catalysts.iter().map(|c| c.id.clone()).collect();
    let mut m = Merger {
        data,
        sources,
        entities,
        programs,
        exposures,
        catalysts,
    };
    let mut order: Vec<&Stored> = stored.iter().collect();
    order.sort_by_key(|s| rank(&s.record));
    let mut failed = Vec::new();
    for s in order {
        if let Err(why) = m.apply(s) {
            failed.push((s, why));
        }
    }
    if failed.is_empty() {
        return Vec::new();
    }
    // A record the dataset already has as it is (a folder written by `library export`) is
    // not a problem: it is there. Only the failed keys are looked up: building every record
    // of a million-link dataset took over a gigabyte.
    let wanted: HashSet<&str> = failed.iter().map(|(s, _)| s.key.as_str()).collect();
    let own: HashMap<String, Record> = super::files::records_where(m.data, &|k| wanted.contains(k))
        .into_iter()
        .map(|r| (r.key(), r))
        .collect();
    failed
        .into_iter()
        .filter(|(s, _)| own.get(&s.key) != Some(&s.record))
        .map(|(s, why)| format!("{}: {why}; left out", s.key))
        .collect()
}

fn ids<'a, T>(names: impl Iterator<Item = &'a String>, make: fn(u32) -> T) -> HashMap<String, T> {
    names
        .enumerate()
        .map(|(i, n)| (n.clone(), make(i as u32)))
        .collect()
}
