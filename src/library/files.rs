//! Export and import: the merged dataset written as the five TOML files `aipx check --data`
//! reads (each file written to a temporary name, synced and renamed into place), and such a
//! folder read back into the library.

use std::collections::HashMap;
use std::path::Path;

use super::record::Record;
use super::{Library, LibraryError};
use crate::model::Dataset;

/// Every record of `data` in the data files' shape.
pub fn records_of(data: &Dataset) -> Vec<Record> {
    records_where(data, &|_| true)
}

/// The records of `data` whose key ([`Record::key`]) `keep` accepts, in the data files'
/// shape: only those are built, so picking a few out of a million links costs a key each.
pub fn records_where(data: &Dataset, keep: &dyn Fn(&str) -> bool) -> Vec<Record> {
    let source_ids = |ids: &[crate::model::SourceId]| -> Vec<String> {
        ids.iter()
            .map(|s| data.sources[s.ix()].id.clone())
            .collect()
    };
    let mut out = Vec::new();
    for s in &data.sources {
        if !keep(&format!("source:{}", s.id)) {
            continue;
        }
        out.push(Record::Source {
            id: s.id.clone(),
            file: s.file.clone(),
            title: s.title.clone(),
            publisher: s.publisher.clone(),
            date: s.date.to_string(),
            url: s.url.clone(),
        });
    }
    for e in &data.entities {
        if !keep(&format!("entity:{}", e.id)) {
            continue;
        }
        out.push(Record::Entity {
            id: e.id.clone(),
            name: e.name.clone(),
            listings: e
                .listings
                .iter()
                .map(|l| format!("{}:{}", l.exchange.code(), l.symbol))
                .collect(),
            aliases: e.aliases.clone(),
            country: e.country.clone(),
            sector: e.sector.clone(),
            parent: e.parent.map(|p| data.entities[p.ix()].id.clone()),
            summary: e.summary.clone(),
            sources: source_ids(&e.sources),
        });
    }
    for p in &data.programs {
        if keep(&format!("program:{}", p.id)) {
            out.push(Record::Program {
                id: p.id.clone(),
                name: p.name.clone(),
                sponsor: p.sponsor.clone(),
                country: p.country.clone(),
                status: p.status.as_str().to_string(),
                summary: p.summary.clone(),
                sources: source_ids(&p.sources),
            });
        }
        for f in &p.funding {
            if !keep(&format!("funding:{}/{}", p.id, f.id)) {
                continue;
            }
            out.push(Record::Funding {
                program: Some(p.id.clone()),
                id: f.id.clone(),
                label: f.label.clone(),
                money: f.money,
                kind: Some(f.kind.as_str().to_string()),
                period: f.period.map(|(a, b)| {
                    if a == b {
                        a.to_string()
                    } else {
                        format!("{a}..{b}")
                    }
                }),
                term: f.term.clone(),
                purpose: f.purpose.clone(),
                parent: f.parent.map(|i| p.funding[i].id.clone()),
                owner: f.owner.map(|e| data.entities[e.ix()].id.clone()),
                sources: source_ids(&f.sources),
            });
        }
    }
    for x in &data.exposures {
        let program = &data.programs[x.program.ix()];
        let entity = &data.entities[x.entity.ix()].id;
        if !keep(&format!("exposure:{entity}>{}", program.id)) {
            continue;
        }
        out.push(Record::Exposure {
            entity: entity.clone(),
            program: program.id.clone(),
            role: Some(x.role.as_str().to_string()),
            basis: Some(x.basis.as_str().to_string()),
            direction: Some(x.direction.as_str().to_string()),
            funding: x
                .funding
                .iter()
                .map(|&i| program.funding[i].id.clone())
                .collect(),
            note: x.note.to_string(),
            sources: source_ids(&x.sources),
        });
    }
    for c in &data.catalysts {
        if !keep(&format!("catalyst:{}", c.id)) {
            continue;
        }
        out.push(Record::Catalyst {
            id: c.id.clone(),
            title: c.title.clone(),
            date: c.date.to_string(),
            kind: c.kind.as_str().to_string(),
            program: c.program.map(|p| data.programs[p.ix()].id.clone()),
            entities: c
                .entities
                .iter()
                .map(|e| data.entities[e.ix()].id.clone())
                .collect(),
            note: c.note.clone(),
            sources: source_ids(&c.sources),
        });
    }
    out
}

/// Keys in the order the data files write them; others follow.
const KEY_ORDER: &[&str] = &[
    "id",
    "entity",
    "program",
    "name",
    "title",
    "file",
    "publisher",
    "url",
    "date",
    "sponsor",
    "listings",
    "aliases",
    "country",
    "sector",
    "parent",
    "owner",
    "status",
    "label",
    "money",
    "kind",
    "role",
    "basis",
    "direction",
    "period",
    "term",
    "purpose",
    "funding",
    "entities",
    "summary",
    "note",
    "sources",
];

/// One record as TOML lines under its `[[header]]`, keys in the data files' order, empty
/// optional lists left out.
fn write_table(out: &mut String, header: &str, record: &Record) -> Result<(), toml::ser::Error> {
    let toml::Value::Table(mut t) = toml::Value::try_from(record)? else {
        return Ok(());
    };
    t.remove("type");
    t.retain(|k, v| !(matches!(v, toml::Value::Array(a) if a.is_empty()) && k != "sources"));
    if header == "program.funding" {
        t.remove("program");
    }
    out.push_str(&format!("\n[[{header}]]\n"));
    let rank = |k: &str| {
        KEY_ORDER
            .iter()
            .position(|o| *o == k)
            .unwrap_or(KEY_ORDER.len())
    };
    let mut keys: Vec<&String> = t.keys().collect();
    keys.sort_by_key(|k| (rank(k), k.to_string()));
    for k in keys {
        // Display writes tables inline (`money = { ... }`) and escapes strings.
        out.push_str(&format!("{k} = {}\n", t[k.as_str()]));
    }
    Ok(())
}

/// The records as the five data files, in load order.
fn tables(records: &[Record]) -> Result<[(&'static str, String); 5], toml::ser::Error> {
    let mut files: [(&'static str, String); 5] =
        crate::data::FILE_NAMES.map(|name| (name, String::new()));
    // Funding lines go under their program: gathered first, written after it.
    let mut funding: HashMap<&str, Vec<&Record>> = HashMap::new();
    for r in records {
        if let Record::Funding {
            program: Some(p), ..
        } = r
        {
            funding.entry(p.as_str()).or_default().push(r);
        }
    }
    for r in records {
        let (file, header) = match r {
            Record::Source { .. } => (0, "source"),
            Record::Entity { .. } => (1, "entity"),
            Record::Program { .. } => (2, "program"),
            Record::Funding { .. } => continue,
            Record::Exposure { .. } => (3, "exposure"),
            Record::Catalyst { .. } => (4, "catalyst"),
        };
        write_table(&mut files[file].1, header, r)?;
        if let Record::Program { id, .. } = r {
            for line in funding.remove(id.as_str()).unwrap_or_default() {
                write_table(&mut files[2].1, "program.funding", line)?;
            }
        }
    }
    Ok(files)
}

/// Writes `data` (the dataset with the library merged) to `dir` as the five TOML files.
pub fn export(data: &Dataset, dir: &Path) -> Result<(), LibraryError> {
    let io = |e: std::io::Error| LibraryError::Io {
        path: dir.display().to_string(),
        detail: e.to_string(),
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let files = tables(&records_of(data)).map_err(|e| LibraryError::Invalid(e.to_string()))?;
    for (name, text) in files {
        let header = "# Written by `aipx library export`: the curated dataset with the records accepted\n# into the library. `aipx check --data DIR` validates it; `aipx library import DIR`\n# reads it back.\n";
        crate::userfile::write(&dir.join(name), format!("{header}{text}").as_bytes()).map_err(
            |e| LibraryError::Io {
                path: dir.join(name).display().to_string(),
                detail: e.to_string(),
            },
        )?;
    }
    Ok(())
}

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Imported {
    /// Records new to the library.
    pub added: usize,
    /// Library records replaced by a different version.
    pub changed: usize,
    /// Records already there as they are.
    pub same: usize,
    /// Keys of records that differ from the dataset's own (never replaced).
    pub conflicts: Vec<String>,
}

impl Library {
    /// Brings the records of `folder` (a validated dataset) that `base` (the dataset without
    /// the library) lacks into the library, in one transaction; `shown` names the folder in
    /// their origin.
    pub fn import(
        &mut self,
        folder: &Dataset,
        base: &Dataset,
        shown: &str,
    ) -> Result<Imported, LibraryError> {
        let base: HashMap<String, Record> =
            records_of(base).into_iter().map(|r| (r.key(), r)).collect();
        let path = self.path().to_path_buf();
        let err = |e| super::sql_error(&path, e);
        let tx = super::begin_write(self.conn()).map_err(err)?;
        let mut done = Imported::default();
        let origin = format!("import {shown}");
        for record in records_of(folder) {
            let key = record.key();
            match base.get(&key) {
                Some(r) if r == &record => continue,
                Some(_) => {
                    done.conflicts.push(key);
                    continue;
                }
                None => {}
            }
            match super::inbox::put(&tx, &record, None, &origin, 0).map_err(err)? {
                None => done.same += 1,
                Some("changed") => done.changed += 1,
                Some(_) => done.added += 1,
            }
        }
        tx.commit().map_err(err)?;
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key each record is picked by is the key it has: asking for one record's key
    /// builds exactly that record.
    #[test]
    fn records_where_picks_by_the_records_own_keys() {
        let data = crate::data::load(None).unwrap();
        let all = records_of(&data);
        assert!(all.len() > 100);
        for record in &all {
            let key = record.key();
            assert_eq!(
                records_where(&data, &|k| k == key),
                std::slice::from_ref(record),
                "{key}"
            );
        }
    }
}
