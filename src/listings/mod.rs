//! The securities master: listings imported from exchange and vendor files, kept in the
//! user's data folder (`$XDG_DATA_HOME/aipx/master.bin`), merged into companies with all
//! their listings. With nothing imported, the curated data and the shipped universe serve.
//!
//! The file keeps every imported file's rows under the file's path, so importing a file
//! again replaces its rows (the import is idempotent) and the companies are always the merge
//! of what is there now.

pub mod formats;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::ingest::lexicon::{Listed, Size};
use crate::model::names::key;
use crate::model::{Entity, Exchange, Listing, Origin};

pub use formats::Format;

/// One listing as a file gave it, cleaned.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Row {
    /// Symbol without a Yahoo suffix (`7203`).
    pub symbol: String,
    /// Name without share-class words.
    pub name: String,
    /// aipx exchange code where aipx knows the exchange (`TSE`), else the file's MIC or code.
    pub exchange: String,
    /// ISO 3166 alpha-2 country of the company, or empty.
    pub country: String,
    /// Sector, or empty.
    pub sector: String,
    /// ISIN, or empty.
    pub isin: String,
    /// FIGI, or empty.
    pub figi: String,
    /// Size class or market value as the file gave it, or empty.
    pub size: String,
}

/// A row that could not be used, and where it is (`file:line`, or `file:item N` in JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// `file:line`.
    pub at: String,
    /// What is wrong.
    pub why: String,
}

/// One imported file.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Imported {
    /// The file's absolute path when imported.
    pub path: String,
    /// Format it was read as.
    pub format: Format,
    /// When it was imported (RFC 3339, UTC).
    pub imported_at: String,
    /// Its good rows.
    pub rows: Vec<Row>,
}

/// The master as stored.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Master {
    /// Imported files, in import order.
    pub files: Vec<Imported>,
}

/// What the master file starts with, and its layout version.
const MAGIC: &[u8; 8] = b"aipxmst1";

/// Why the master cannot be read or written.
#[derive(Debug, thiserror::Error)]
pub enum MasterError {
    /// No data folder: neither `XDG_DATA_HOME` nor `HOME` is set.
    #[error("no data folder: set XDG_DATA_HOME or HOME (the master lives in $XDG_DATA_HOME/aipx)")]
    NoDataDir,
    /// The file could not be read or written.
    #[error("{path}: {detail}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        detail: String,
    },
    /// The file is not a master this aipx can read (it is left as it is).
    #[error(
        "{path}: damaged or from another aipx version ({detail}); `aipx listings clear` removes it"
    )]
    Damaged {
        /// The file.
        path: String,
        /// What is wrong.
        detail: String,
    },
}

/// Where the master lives: `$XDG_DATA_HOME/aipx/master.bin`.
pub fn path() -> Result<PathBuf, MasterError> {
    crate::dirs::data_dir()
        .map(|d| d.join("master.bin"))
        .ok_or(MasterError::NoDataDir)
}

fn io(path: &Path, e: impl std::fmt::Display) -> MasterError {
    MasterError::Io {
        path: path.display().to_string(),
        detail: e.to_string(),
    }
}

impl Master {
    /// The stored master; empty when nothing was imported.
    pub fn load() -> Result<Master, MasterError> {
        let path = path()?;
        // A regular file of bounded size only (see `crate::fsread`).
        let bytes = match crate::fsread::read(&path, crate::fsread::limits::CACHE) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Master::default()),
            Err(e) => return Err(io(&path, e)),
        };
        let damaged = |detail: String| MasterError::Damaged {
            path: path.display().to_string(),
            detail,
        };
        let body = bytes
            .strip_prefix(MAGIC)
            .ok_or_else(|| damaged("not a master file".into()))?;
        let (master, rest): (Master, &[u8]) =
            postcard::take_from_bytes(body).map_err(|e| damaged(e.to_string()))?;
        if !rest.is_empty() {
            return Err(damaged("trailing bytes".into()));
        }
        Ok(master)
    }

    /// Writes the master atomically (temporary file, sync, rename).
    pub fn save(&self) -> Result<PathBuf, MasterError> {
        let path = path()?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
        }
        let mut bytes = MAGIC.to_vec();
        bytes.extend(postcard::to_allocvec(self).map_err(|e| io(&path, e))?);
        crate::userfile::write(&path, &bytes).map_err(|e| io(&path, e))?;
        Ok(path)
    }

    /// Adds (or, for a path imported before, replaces) one file's rows.
    pub fn put(&mut self, imported: Imported) {
        self.files.retain(|f| f.path != imported.path);
        self.files.push(imported);
    }

    /// Every row, files in import order.
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.files.iter().flat_map(|f| &f.rows)
    }

    /// Number of rows by exchange code.
    pub fn by_exchange(&self) -> BTreeMap<&str, usize> {
        let mut counts = BTreeMap::new();
        for r in self.rows() {
            *counts.entry(r.exchange.as_str()).or_insert(0) += 1;
        }
        counts
    }

    /// The companies of the master: rows with the same ISIN, or the same name (without legal
    /// form and share class) and country, are one company with several listings (an ADR and
    /// its home listing, German regional copies). Listings on exchanges aipx knows are the
    /// company's listings, home market first; ISINs and other venues become aliases.
    pub fn companies(&self) -> Vec<Entity> {
        self.sized_companies().into_iter().map(|(e, _)| e).collect()
    }

    /// [`companies`](Self::companies), each with the largest size class its rows give.
    pub fn sized_companies(&self) -> Vec<(Entity, Size)> {
        let rows: Vec<&Row> = self.rows().collect();
        let mut parent: Vec<usize> = (0..rows.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        let mut first: rustc_hash::FxHashMap<String, usize> = Default::default();
        for (i, r) in rows.iter().enumerate() {
            let name_key = key(&r.name);
            let keys = [
                (!r.isin.is_empty()).then(|| format!("isin:{}", r.isin)),
                (!name_key.is_empty()).then(|| format!("name:{}:{name_key}", r.country)),
            ];
            for k in keys.into_iter().flatten() {
                let j = *first.entry(k).or_insert(i);
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a.max(b)] = a.min(b);
            }
        }
        let mut groups: BTreeMap<usize, Vec<&Row>> = BTreeMap::new();
        for (i, row) in rows.iter().enumerate() {
            let g = root(&mut parent, i);
            groups.entry(g).or_default().push(*row);
        }
        groups
            .into_values()
            .map(|rows| {
                let size = rows.iter().map(|r| Size::parse(&r.size)).max();
                (company(rows), size.unwrap_or_default())
            })
            .collect()
    }

    /// The listings the entity linker takes (those on exchanges aipx knows).
    pub fn listed(&self) -> Vec<Listed> {
        self.rows()
            .filter_map(|r| {
                let exchange = Exchange::parse(&r.exchange)?;
                Some(Listed {
                    symbol: r.symbol.clone(),
                    name: r.name.clone(),
                    exchange,
                    country: if r.country.is_empty() {
                        exchange.country().to_string()
                    } else {
                        r.country.clone()
                    },
                    sector: r.sector.clone(),
                    size: Size::parse(&r.size),
                })
            })
            .collect()
    }
}

/// How a listing ranks as a company's primary: an exchange aipx knows in the company's own
/// country first, then any exchange aipx knows, then the rest.
fn rank(r: &Row) -> (u8, String) {
    let known = Exchange::parse(&r.exchange);
    let home = known.is_some_and(|x| x.country() == r.country);
    let class = match (home, known.is_some()) {
        (true, _) => 0,
        (false, true) => 1,
        _ => 2,
    };
    (class, format!("{}:{}", r.exchange, r.symbol))
}

fn company(mut rows: Vec<&Row>) -> Entity {
    rows.sort_by_key(|r| rank(r));
    let best = rows[0];
    let mut listings: Vec<Listing> = Vec::new();
    let mut aliases: Vec<String> = Vec::new();
    for r in &rows {
        match Exchange::parse(&r.exchange) {
            Some(exchange) => {
                let l = Listing {
                    symbol: r.symbol.clone(),
                    exchange,
                };
                if !listings.contains(&l) {
                    listings.push(l);
                }
            }
            None => aliases.push(format!("{}:{}", r.exchange, r.symbol)),
        }
        for extra in [&r.isin, &r.figi] {
            if !extra.is_empty() && !aliases.contains(extra) {
                aliases.push(extra.clone());
            }
        }
    }
    let country = rows
        .iter()
        .map(|r| r.country.as_str())
        .find(|c| !c.is_empty())
        .or(listings.first().map(|l| l.exchange.country()))
        .unwrap_or("")
        .to_string();
    let sector = rows
        .iter()
        .map(|r| r.sector.as_str())
        .find(|s| !s.is_empty())
        .unwrap_or("")
        .to_string();
    let id = format!("{}:{}", best.exchange, best.symbol);
    Entity {
        id,
        name: best.name.clone(),
        listings,
        aliases,
        country,
        sector,
        parent: None,
        summary: String::new(),
        sources: Vec::new(),
        origin: Origin::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(symbol: &str, name: &str, exchange: &str, country: &str, isin: &str) -> Row {
        Row {
            symbol: symbol.into(),
            name: name.into(),
            exchange: exchange.into(),
            country: country.into(),
            sector: String::new(),
            isin: isin.into(),
            figi: String::new(),
            size: String::new(),
        }
    }

    #[test]
    fn cross_listings_and_adrs_merge_into_one_company_home_first() {
        let mut m = Master::default();
        m.put(Imported {
            path: "nyse.json".into(),
            format: Format::NasdaqJson,
            imported_at: String::new(),
            rows: vec![row("TM", "Toyota Motor Corporation", "NYSE", "JP", "")],
        });
        m.put(Imported {
            path: "JPX.csv".into(),
            format: Format::Financedatabase,
            imported_at: String::new(),
            rows: vec![
                row("7203", "Toyota Motor Corp.", "TSE", "JP", "JP3633400001"),
                row("TOM", "TOYOTA MOTOR CORP", "XBER", "JP", "JP3633400001"),
                row("7974", "Nintendo Co., Ltd.", "TSE", "JP", ""),
            ],
        });
        let companies = m.companies();
        assert_eq!(companies.len(), 2);
        let toyota = &companies[0];
        assert_eq!(toyota.listings[0].symbol, "7203", "home listing first");
        assert_eq!(toyota.listings.len(), 2);
        assert!(toyota.aliases.contains(&"JP3633400001".to_string()));
        assert!(toyota.aliases.contains(&"XBER:TOM".to_string()));
        // Importing a file again replaces its rows.
        let again = m.files[1].clone();
        m.put(again);
        assert_eq!(m.files.len(), 2);
        assert_eq!(m.companies().len(), 2);
    }
}
