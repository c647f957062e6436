//! The securities master: listings imported from exchange and vendor files, kept in the
//! user's data folder (`$XDG_DATA_HOME/aipx/master.bin`), merged into companies with all
//! their listings. With nothing imported, the shipped universe (`assets/universe.csv`) is
//! the master, beside the curated data ([`Companies::shipped`]).
//!
//! The file keeps every imported file's rows under the file's path, so importing a file
//! again replaces its rows (the import is idempotent) and the companies are always the merge
//! of what is there now.

pub mod formats;
pub mod near;
pub mod shipped;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::ingest::lexicon::{Listed, Size};
use crate::model::names::{Names, Pairs, Resolution, Table, key};
use crate::model::{Entity, EntityId, Exchange, Listing, Origin};

pub use formats::Format;

/// One listing as a file gave it, cleaned.
// Ordered field by field: the last word between rows that rank alike (see [`rank`]), so
// that no order of files or rows decides anything.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
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

/// What the master file starts with: `aipxmst` and its layout version, a digit.
const MAGIC: &[u8; 8] = b"aipxmst4";

/// The layout version this aipx reads and writes (the last byte of [`MAGIC`]); format 1
/// held the imported rows alone, in another encoding; format 2's catalog had no size classes;
/// format 3 had no checksums of the lookup's blocks (a reader of a few names read it whole).
pub const FORMAT: u8 = 4;

/// The file's sections, in this order after the magic and a table of `(length, XXH3)`
/// pairs (little-endian `u64`s), one per section:
/// - the lookup: sorted `(key hash u64, company u32)` pairs of every name of every company
///   (a [`Names`] as it is packed);
/// - the offsets of the companies' records (`u32` each, one more than companies);
/// - the records (postcard `(Entity, Size)` each);
/// - the companies' search catalog ([`crate::catalog::Catalog`] bytes);
/// - the imported files (postcard), the only part an import rewrites from;
/// - the lookup's fences: for each block of [`BLOCK`] pairs, its first hash and its XXH3
///   (`u64`s, little-endian), so a reader of a few names reads and checks a few blocks.
///
/// Each reader reads and checks only the sections it needs: `show` reads the fences, the
/// lookup's blocks its names fall in, the offsets and the records, never the catalog or
/// the rows; search and the TUI read the lookup whole.
const LOOKUP: usize = 0;
const OFFSETS: usize = 1;
const RECORDS: usize = 2;
const CATALOG: usize = 3;
const FILES: usize = 4;
const FENCES: usize = 5;
const SECTIONS: usize = 6;

/// Pairs of the lookup in one checked block (3 KiB).
const BLOCK: usize = 256;

/// Bytes a lookup pair takes: the hash, then the company (see [`Names`]).
const PAIR: usize = 12;

/// Bytes before the first section.
const HEAD: usize = MAGIC.len() + 16 * SECTIONS;

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
    /// The file is a master of another layout, written by an older or newer aipx (it is
    /// left as it is).
    #[error(
        "{path}: written by {by} aipx (master format {version}; this aipx reads format {FORMAT}), left as it is; {fix}",
        by = if *version < FORMAT { "an older" } else { "a newer" },
        fix = if *version < FORMAT {
            "rebuild it by importing your listing files again (`aipx listings import PATH...`), or remove it (`aipx listings clear`)"
        } else {
            "use that aipx, or remove it (`aipx listings clear`) and import your listing files again"
        }
    )]
    OtherVersion {
        /// The file.
        path: String,
        /// Its format version.
        version: u8,
    },
    /// The file is not a master this aipx can read (it is left as it is).
    #[error(
        "{path}: damaged ({detail}), left as it is; `aipx listings clear` removes it, then import your listing files again"
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

/// The master file, open, with its section table read; sections are read on demand.
struct MasterFile {
    file: std::fs::File,
    path: PathBuf,
    /// Start, length and checksum of each section.
    at: [(u64, u64, u64); SECTIONS],
}

impl MasterFile {
    /// The master file, or `None` when nothing was imported.
    fn open(path: &Path) -> Result<Option<MasterFile>, MasterError> {
        use std::io::Read;
        // A regular file of bounded size only (see `crate::fsread`).
        let (mut file, size) = match crate::fsread::open(path, crate::fsread::limits::CACHE) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io(path, e)),
        };
        let mut head = [0u8; HEAD];
        let mut got = 0;
        while got < HEAD {
            match file.read(&mut head[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(io(path, e)),
            }
        }
        let family = &MAGIC[..MAGIC.len() - 1];
        if got >= MAGIC.len() && head.starts_with(family) && &head[..MAGIC.len()] != MAGIC {
            let digit = head[MAGIC.len() - 1];
            if digit.is_ascii_digit() {
                return Err(MasterError::OtherVersion {
                    path: path.display().to_string(),
                    version: digit - b'0',
                });
            }
        }
        if got < HEAD || &head[..MAGIC.len()] != MAGIC {
            return Err(damaged(path, "not a master file"));
        }
        let word = |i: usize| {
            let at = MAGIC.len() + 8 * i;
            u64::from_le_bytes(head[at..at + 8].try_into().unwrap_or_default())
        };
        let mut at = [(0, 0, 0); SECTIONS];
        let mut pos = HEAD as u64;
        for (s, slot) in at.iter_mut().enumerate() {
            let len = word(2 * s);
            *slot = (pos, len, word(2 * s + 1));
            pos = pos
                .checked_add(len)
                .ok_or_else(|| damaged(path, "bad section table"))?;
        }
        if pos != size {
            return Err(damaged(path, "truncated or trailing bytes"));
        }
        Ok(Some(MasterFile {
            file,
            path: path.to_path_buf(),
            at,
        }))
    }

    /// Section `s`, read and checked against its checksum.
    fn section(&self, s: usize) -> Result<Vec<u8>, MasterError> {
        use std::io::{Read, Seek};
        let (start, len, sum) = self.at[s];
        let mut bytes = vec![0u8; len as usize];
        let mut file = &self.file;
        file.seek(std::io::SeekFrom::Start(start))
            .and_then(|_| file.read_exact(&mut bytes))
            .map_err(|e| io(&self.path, e))?;
        if xxhash_rust::xxh3::xxh3_64(&bytes) != sum {
            return Err(damaged(&self.path, "checksum mismatch"));
        }
        Ok(bytes)
    }

    /// Bytes `range` of section `s`, unchecked: the caller checks them (a block of the
    /// lookup against its fence).
    fn slice(&self, s: usize, range: std::ops::Range<u64>) -> Result<Vec<u8>, MasterError> {
        use std::io::{Read, Seek};
        let (start, len, _) = self.at[s];
        if range.end > len || range.start > range.end {
            return Err(damaged(&self.path, "bad lookup fences"));
        }
        let mut bytes = vec![0u8; (range.end - range.start) as usize];
        let mut file = &self.file;
        file.seek(std::io::SeekFrom::Start(start + range.start))
            .and_then(|_| file.read_exact(&mut bytes))
            .map_err(|e| io(&self.path, e))?;
        Ok(bytes)
    }

    /// What `read` makes of section `s`, read from the file as it goes (given the reader
    /// and the section's length), so that the parts it passes over are never held; the
    /// whole section is checked against its checksum all the same.
    fn read_section<T>(
        &self,
        s: usize,
        read: impl FnOnce(&mut dyn std::io::Read, u64) -> std::io::Result<T>,
    ) -> Result<T, MasterError> {
        use std::io::{Read, Seek};
        let (start, len, sum) = self.at[s];
        let mut file = &self.file;
        file.seek(std::io::SeekFrom::Start(start))
            .map_err(|e| io(&self.path, e))?;
        let mut summed = Summed {
            from: file.take(len),
            sum: xxhash_rust::xxh3::Xxh3::new(),
        };
        let made = read(&mut summed, len)
            // What `read` left of the section still counts.
            .and_then(|made| std::io::copy(&mut summed, &mut std::io::sink()).map(|_| made))
            .map_err(|e| io(&self.path, e))?;
        if summed.from.limit() != 0 {
            return Err(damaged(&self.path, "truncated"));
        }
        if summed.sum.digest() != sum {
            return Err(damaged(&self.path, "checksum mismatch"));
        }
        Ok(made)
    }
}

/// A reader that hashes what it reads.
struct Summed<R> {
    from: R,
    sum: xxhash_rust::xxh3::Xxh3,
}

impl<R: std::io::Read> std::io::Read for Summed<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.from.read(buf)?;
        self.sum.update(&buf[..n]);
        Ok(n)
    }
}

fn damaged(path: &Path, detail: impl std::fmt::Display) -> MasterError {
    MasterError::Damaged {
        path: path.display().to_string(),
        detail: detail.to_string(),
    }
}

impl Master {
    /// The stored master; empty when nothing was imported.
    pub fn load() -> Result<Master, MasterError> {
        let path = path()?;
        let Some(file) = MasterFile::open(&path)? else {
            return Ok(Master::default());
        };
        let files: Vec<Imported> =
            postcard::from_bytes(&file.section(FILES)?).map_err(|e| damaged(&path, e))?;
        Ok(Master { files })
    }

    /// The stored master, as an import reads it before writing it again: its files' rows,
    /// checked as [`load`](Self::load) checks them, and which of the parts built from them
    /// (names, records, catalog) are damaged. Those hold nothing the rows do not, so the
    /// import rebuilds them, and says so rather than replace them in silence.
    pub fn load_to_rebuild() -> Result<(Master, Vec<MasterError>), MasterError> {
        let path = path()?;
        let Some(file) = MasterFile::open(&path)? else {
            return Ok((Master::default(), Vec::new()));
        };
        let files: Vec<Imported> =
            postcard::from_bytes(&file.section(FILES)?).map_err(|e| damaged(&path, e))?;
        let built = (0..SECTIONS)
            .filter(|&s| s != FILES)
            .filter_map(|s| file.read_section(s, |_, _| Ok(())).err())
            .collect();
        Ok((Master { files }, built))
    }

    /// Writes the master atomically (temporary file, sync, rename), with its companies
    /// merged, their lookup and search catalog built and each company's record packed, so
    /// that reading them back ([`Companies::load`]) is a decode only. Returns the path and
    /// the number of companies.
    pub fn save(&self) -> Result<(PathBuf, usize), MasterError> {
        let path = path()?;
        let count = self.save_at(&path)?;
        Ok((path, count))
    }

    /// [`save`](Self::save) to `path`; returns the number of companies.
    pub fn save_at(&self, path: &Path) -> Result<usize, MasterError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
        }
        let packed = Packed::of(self.sized_companies()).map_err(|e| io(path, e))?;
        let files = postcard::to_allocvec(&self.files).map_err(|e| io(path, e))?;
        let fences = fences(&packed.lookup);
        let sections = [
            &packed.lookup,
            &packed.offsets,
            &packed.records,
            &packed.catalog,
            &files,
            &fences,
        ];
        let mut bytes = MAGIC.to_vec();
        for section in sections {
            bytes.extend((section.len() as u64).to_le_bytes());
            bytes.extend(xxhash_rust::xxh3::xxh3_64(section).to_le_bytes());
        }
        for section in sections {
            bytes.extend_from_slice(section);
        }
        crate::userfile::write(path, &bytes).map_err(|e| io(path, e))?;
        Ok(packed.count)
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

    /// The companies of the master: rows with the same ISIN, the same listing, or the same
    /// name (without legal form and share class) and country, are one company with several
    /// listings (an ADR and
    /// its home listing, German regional copies). Listings on exchanges aipx knows are the
    /// company's listings, home market first; ISINs and other venues become aliases.
    pub fn companies(&self) -> Vec<Entity> {
        self.sized_companies().into_iter().map(|(e, _)| e).collect()
    }

    /// [`companies`](Self::companies), each with the largest size class its rows give.
    pub fn sized_companies(&self) -> Vec<(Entity, Size)> {
        self.grouped()
            .into_iter()
            .map(|rows| {
                let size = rows.iter().map(|r| Size::parse(&r.size)).max();
                (company(&rows), size.unwrap_or_default())
            })
            .collect()
    }

    /// The rows of each company (see [`companies`](Self::companies)), best first by
    /// [`rank`], the companies in the order of their rows; an ISIN a row was given wrongly
    /// is cleared. Nothing here depends on the order the files were imported in or the
    /// order of their rows: the same listings make the same master.
    fn grouped(&self) -> Vec<Vec<std::borrow::Cow<'_, Row>>> {
        use std::borrow::Cow;
        let rows: Vec<&Row> = self.rows().collect();
        let mut parent: Vec<usize> = (0..rows.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        fn join(parent: &mut [usize], i: usize, j: usize) {
            let (a, b) = (root(parent, i), root(parent, j));
            parent[a.max(b)] = a.min(b);
        }
        // The first row of each key, by a 128-bit hash of the key (no text kept per row).
        let mut first: rustc_hash::FxHashMap<u128, usize> =
            rustc_hash::FxHashMap::with_capacity_and_hasher(2 * rows.len(), Default::default());
        let hashed = |parts: &[&str]| {
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            for p in parts {
                h.update(p.as_bytes());
                h.update(&[0]);
            }
            h.digest128()
        };
        let mut name_keys: Vec<String> = Vec::with_capacity(rows.len());
        // The rows naming each ISIN: vendor files
        // give an ISIN to rows of another company with the same symbol (Oslo's `ARR` gets
        // Toronto's `ARR` ISIN), so an ISIN joins only rows whose names agree.
        let mut by_isin: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
        for (i, r) in rows.iter().enumerate() {
            if !r.isin.is_empty() {
                // Every earlier row of the ISIN it agrees with (a few rows each).
                let earlier = by_isin.entry(r.isin.as_str()).or_default();
                for &j in earlier.iter().filter(|&&j| same_issuer(r, rows[j])) {
                    join(&mut parent, i, j);
                }
                earlier.push(i);
            }
            let name_key = key(&r.name);
            name_keys.push(name_key.clone());
            // One listing on an exchange aipx knows is one security, whichever file gave it
            // (NYSE American is in the screener export and in FinanceDatabase).
            // Spelt as keys spell it: `BRK/B` (the NASDAQ screener) and `BRK-B` (the SEC)
            // are one share class.
            let listing = Exchange::parse(&r.exchange)
                .map(|x| hashed(&["listing", &crate::model::names::listing_key(x, &r.symbol)]));
            let keys = [
                (!name_key.is_empty()).then(|| hashed(&["name", &r.country, &name_key])),
                listing,
            ];
            for k in keys.into_iter().flatten() {
                let j = *first.entry(k).or_insert(i);
                join(&mut parent, i, j);
            }
        }
        // A company whose rows give no country (`TOYOTA MOTOR ADR/2` on Berlin and Munich)
        // is the company of that name when one country alone has a company so named
        // (Toyota Motor, JP); a company whose rows do give a country keeps to it.
        let mut placed = vec![false; rows.len()];
        for (i, r) in rows.iter().enumerate() {
            if !r.country.is_empty() {
                let g = root(&mut parent, i);
                placed[g] = true;
            }
        }
        let mut named: rustc_hash::FxHashMap<&str, Option<(&str, usize)>> = Default::default();
        for (i, r) in rows.iter().enumerate() {
            if r.country.is_empty() || name_keys[i].is_empty() {
                continue;
            }
            named
                .entry(name_keys[i].as_str())
                .and_modify(|one| {
                    if one.is_some_and(|(c, _)| c != r.country) {
                        *one = None;
                    }
                })
                .or_insert(Some((r.country.as_str(), i)));
        }
        for i in 0..rows.len() {
            if placed[root(&mut parent, i)] {
                continue;
            }
            if let Some(Some((_, j))) = named.get(name_keys[i].as_str()) {
                join(&mut parent, i, *j);
                let g = root(&mut parent, i);
                placed[g] = true;
            }
        }
        // An ISIN several companies were given belongs to the one with a row in its own
        // country (its first two letters), else to none of them.
        let mut holders: rustc_hash::FxHashMap<&str, Vec<(usize, bool)>> = Default::default();
        for (i, r) in rows.iter().enumerate() {
            if !r.isin.is_empty() {
                let home = r.isin.get(..2) == Some(r.country.as_str());
                holders
                    .entry(r.isin.as_str())
                    .or_default()
                    .push((root(&mut parent, i), home));
            }
        }
        let owner: rustc_hash::FxHashMap<&str, Option<usize>> = holders
            .into_iter()
            .map(|(isin, mut held)| {
                held.sort_unstable();
                held.dedup();
                let mut groups: Vec<usize> = held.iter().map(|h| h.0).collect();
                groups.dedup();
                let mut home: Vec<usize> = held.iter().filter(|h| h.1).map(|h| h.0).collect();
                home.dedup();
                let own = match (groups.as_slice(), home.as_slice()) {
                    ([one], _) | (_, [one]) => Some(*one),
                    _ => None,
                };
                (isin, own)
            })
            .collect();
        // The rows of each company side by side, each company's best first.
        let roots: Vec<usize> = (0..rows.len()).map(|i| root(&mut parent, i)).collect();
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_unstable_by_key(|&i| roots[i]);
        let groups: Vec<Vec<Cow<Row>>> = order
            .chunk_by(|&i, &j| roots[i] == roots[j])
            .map(|group| {
                let g = roots[group[0]];
                let mut rows: Vec<Cow<Row>> = group
                    .iter()
                    .map(|&i| {
                        let row = rows[i];
                        let wrong_isin = owner
                            .get(row.isin.as_str())
                            .is_some_and(|own| *own != Some(g));
                        if wrong_isin {
                            let mut row = row.clone();
                            row.isin.clear();
                            Cow::Owned(row)
                        } else {
                            Cow::Borrowed(row)
                        }
                    })
                    .collect();
                by_rank(&mut rows);
                rows
            })
            .collect();
        // Each company's rows are in a fixed order now, so they order the companies.
        let mut keyed: Vec<_> = groups
            .into_iter()
            .map(|g| ((Exchange::parse(&g[0].exchange), g[0].symbol.len()), g))
            .collect();
        keyed.sort_unstable();
        keyed.into_iter().map(|(_, g)| g).collect()
    }

    /// The listings the entity linker takes: those on exchanges aipx knows, less the copies
    /// secondary venues and order books trade of shares listed elsewhere (a foreign company
    /// on a German regional exchange, OTC or London's international order book, a row whose
    /// ISIN a primary listing has), which would only add the same name again, often in
    /// capitals, and could be taken for the company.
    pub fn listed(&self) -> Vec<Listed> {
        let primary_isins: rustc_hash::FxHashSet<&str> = self
            .rows()
            .filter(|r| {
                !r.isin.is_empty()
                    && Exchange::parse(&r.exchange).is_some_and(|x| !x.is_secondary())
            })
            .map(|r| r.isin.as_str())
            .collect();
        // Company by company, each best listing first: where several listings share a
        // name, the linker takes the first, the company's primary, whatever the import order.
        self.grouped()
            .into_iter()
            .flatten()
            .filter_map(|r| {
                let exchange = Exchange::parse(&r.exchange)?;
                let copy = (exchange.is_secondary() || exchange.is_order_book_line(&r.symbol))
                    && (r.country != exchange.country() || primary_isins.contains(r.isin.as_str()));
                if copy {
                    return None;
                }
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

/// The fences of a packed lookup: each block's first hash and XXH3 (see [`FENCES`]).
fn fences(lookup: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 * lookup.len().div_ceil(PAIR * BLOCK));
    for block in lookup.chunks(PAIR * BLOCK) {
        out.extend_from_slice(&block[..8]);
        out.extend(xxhash_rust::xxh3::xxh3_64(block).to_le_bytes());
    }
    out
}

/// The stored lookup's fences, read: where each block starts and what it sums to.
struct Fences {
    /// First hash of each block, in order.
    first: Vec<u64>,
    /// XXH3 of each block.
    sums: Vec<u64>,
}

impl Fences {
    /// The fences of a lookup of `len` bytes, or `None` when they cannot be its.
    fn read(bytes: &[u8], len: u64) -> Option<Fences> {
        let blocks = (len as usize).div_ceil(PAIR * BLOCK);
        if bytes.len() != 16 * blocks || !(len as usize).is_multiple_of(PAIR) {
            return None;
        }
        let word = |c: &[u8]| u64::from_le_bytes(c.try_into().unwrap_or_default());
        let (first, sums): (Vec<u64>, Vec<u64>) = bytes
            .chunks_exact(16)
            .map(|c| (word(&c[..8]), word(&c[8..])))
            .unzip();
        first.is_sorted().then_some(Fences { first, sums })
    }

    /// The blocks that may hold pairs with hash `h`: the one before the first block
    /// starting at or after `h` (a run may start there), and those starting with `h`.
    fn blocks(&self, h: u64) -> std::ops::Range<usize> {
        let at = self.first.partition_point(|&f| f < h);
        let end = at + self.first[at..].iter().take_while(|&&f| f == h).count();
        at.saturating_sub(1)..end
    }
}

/// Companies packed as the master stores them: what [`Companies`] reads, the same for an
/// imported master (written to `master.bin`) and for the shipped universe (kept in memory).
struct Packed {
    /// Sorted `(key hash u64, company u32)` pairs of every name of every company.
    lookup: Vec<u8>,
    /// `u32` offsets of the records, one more than companies.
    offsets: Vec<u8>,
    /// postcard `(Entity, Size)` each.
    records: Vec<u8>,
    /// The companies' search catalog.
    catalog: Vec<u8>,
    /// Number of companies.
    count: usize,
}

impl Packed {
    fn of(sized: Vec<(Entity, Size)>) -> Result<Packed, String> {
        let (ends, records) = Packed::records(&sized)?;
        let offsets = ends.iter().flat_map(|end| end.to_le_bytes()).collect();
        // The size class ranks equal search matches (larger first).
        let sizes: Vec<u8> = sized.iter().map(|&(_, size)| size as u8).collect();
        let data = crate::model::Dataset {
            entities: sized.into_iter().map(|(e, _)| e).collect(),
            ..Default::default()
        };
        let count = data.entities.len();
        let catalog = crate::catalog::Catalog::of_companies(&data, &sizes);
        drop(data);
        // The catalog's key hashes are the lookup: the same sorted pairs.
        let mut lookup = Vec::with_capacity(12 * catalog.pairs());
        for i in 0..catalog.pairs() {
            lookup.extend(catalog.hash_at(i).to_le_bytes());
            lookup.extend(catalog.owner_at(i).0.to_le_bytes());
        }
        Ok(Packed {
            lookup,
            offsets,
            records,
            catalog: catalog.to_bytes(),
            count,
        })
    }

    /// Each company's record, one after the other, and where each ends, after a 0 (where
    /// the first starts).
    fn records(sized: &[(Entity, Size)]) -> Result<(Vec<u32>, Vec<u8>), String> {
        let mut ends = vec![0u32];
        let mut records = Vec::new();
        for company in sized {
            records = postcard::to_extend(company, records).map_err(|e| e.to_string())?;
            ends.push(u32::try_from(records.len()).map_err(|e| e.to_string())?);
        }
        Ok((ends, records))
    }
}

/// The stored lookup with the companies' names, decoded only for a reading that must agree
/// with a name (see [`Table::named`]).
/// The companies as a [`Table`]; what cannot be read while looking is kept, for
/// [`Companies::resolve`] to report.
struct Named<'a>(&'a Companies, std::cell::RefCell<Option<MasterError>>);

impl Table for Named<'_> {
    fn with_hash(&self, h: u64) -> Vec<EntityId> {
        self.0.with_hash(h).unwrap_or_else(|e| {
            self.1.borrow_mut().get_or_insert(e);
            Vec::new()
        })
    }
    fn named(&self, e: EntityId) -> Option<(String, String)> {
        let (entity, _) = self.0.get(e).ok()?;
        Some((entity.name, entity.country))
    }
}

/// The master's companies as stored at import: merged, with their lookup, read back with no
/// merging or hashing (see [`Master::save`]). A company is decoded only when asked for; the
/// search catalog only when [`catalog`](Self::catalog) is called. With nothing imported,
/// the shipped universe is the master ([`shipped`](Self::shipped)), packed the same way in
/// memory, so no reader knows the difference.
pub struct Companies {
    store: Store,
    /// Every key of every company: the stored lookup, read whole on first use (search and
    /// the TUI need all of it); until then a name is looked up in the blocks it falls in.
    lookup: std::cell::OnceCell<Names>,
    /// The stored lookup's fences (none for the shipped universe, held in memory).
    fences: Option<Fences>,
    /// Number of companies (told by the length of the offsets, before they are read).
    count: usize,
    /// Record `j` is `records[offsets[j]..offsets[j + 1]]`; the offsets and the records are
    /// read on first use (search needs the lookup and the catalog only, `show` of a curated
    /// entity only the lookup).
    offsets: std::cell::OnceCell<Vec<u32>>,
    records: std::cell::OnceCell<Vec<u8>>,
}

/// Where the parts of [`Companies`] not read yet are.
enum Store {
    /// The imported master's file, read a section at a time.
    File(MasterFile),
    /// The shipped universe, packed in memory, its records read already; its search
    /// catalog is built when asked for (most commands only look its names up).
    Shipped,
}

/// What names the shipped universe in messages, as a file names an imported master.
const SHIPPED: &str = "the shipped universe (assets/universe.csv)";

impl Companies {
    /// The imported master's companies, or the shipped universe's when nothing is imported
    /// (no master file, one of no companies, or no data folder to import into). A master
    /// that cannot be read is an error, and the file is left as it is.
    pub fn load() -> Result<Companies, MasterError> {
        let imported = match path() {
            Ok(path) => Companies::load_at(&path)?,
            Err(MasterError::NoDataDir) => None,
            Err(e) => return Err(e),
        };
        Ok(imported
            .filter(|c| !c.is_empty())
            .unwrap_or_else(Companies::shipped))
    }

    /// The shipped universe (`assets/universe.csv`, compiled in) as a master: each company
    /// with its listings, names, country and sector (see [`shipped::companies`]).
    pub fn shipped() -> Companies {
        let companies = shipped::companies();
        // The same pairs as the catalog's key hashes (see `Packed::of`).
        let lookup = Names::new(&companies);
        let sized: Vec<(Entity, Size)> = companies
            .into_iter()
            .map(|e| (e, Size::default()))
            .collect();
        let (offsets, records) = Packed::records(&sized).expect("the shipped universe is small");
        let count = offsets.len() - 1;
        Companies {
            store: Store::Shipped,
            lookup: std::cell::OnceCell::from(lookup),
            fences: None,
            count,
            offsets: std::cell::OnceCell::from(offsets),
            records: std::cell::OnceCell::from(records),
        }
    }

    /// The shipped universe's search catalog, built from its records and looking names up
    /// in its lookup (the pairs [`Packed::of`] takes from the catalog it builds).
    fn shipped_catalog(&self) -> Result<crate::catalog::Catalog, MasterError> {
        let sized = self.all()?;
        let sizes: Vec<u8> = sized.iter().map(|&(_, size)| size as u8).collect();
        let data = crate::model::Dataset {
            entities: sized.into_iter().map(|(e, _)| e).collect(),
            ..Default::default()
        };
        let named = crate::catalog::Catalog::of_companies_named;
        Ok(named(&data, &sizes, self.names()?.clone()))
    }

    /// Whether these are the shipped universe's companies (nothing is imported).
    pub fn is_shipped(&self) -> bool {
        matches!(self.store, Store::Shipped)
    }

    /// The imported master's companies in the file at `path`; `None` when there is none.
    pub fn load_at(path: &Path) -> Result<Option<Companies>, MasterError> {
        let Some(file) = MasterFile::open(path)? else {
            return Ok(None);
        };
        // The lookup is read when used: whole, or the blocks of the names looked up; the
        // offsets and records when a company is.
        let fences = Fences::read(&file.section(FENCES)?, file.at[LOOKUP].1);
        let offsets = file.at[OFFSETS].1;
        let fits = offsets >= 4 && offsets.is_multiple_of(4);
        let Some(fences) = fences.filter(|_| fits) else {
            return Err(damaged(path, "bad lookup fences or record offsets"));
        };
        Ok(Some(Companies {
            store: Store::File(file),
            lookup: std::cell::OnceCell::new(),
            fences: Some(fences),
            count: (offsets / 4 - 1) as usize,
            offsets: std::cell::OnceCell::new(),
            records: std::cell::OnceCell::new(),
        }))
    }

    /// Where the companies come from, as messages name it: the master file, or the shipped
    /// universe.
    pub fn origin(&self) -> String {
        match &self.store {
            Store::File(file) => file.path.display().to_string(),
            Store::Shipped => SHIPPED.to_string(),
        }
    }

    /// Number of companies.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Where each record starts, and the end of the last, read and checked on first use.
    fn offsets(&self) -> Result<&[u32], MasterError> {
        if let Some(offsets) = self.offsets.get() {
            return Ok(offsets);
        }
        let Store::File(file) = &self.store else {
            unreachable!("the shipped universe's offsets are made with it");
        };
        let offsets: Vec<u32> = file
            .section(OFFSETS)?
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        let fits = offsets.first() == Some(&0)
            && offsets.windows(2).all(|w| w[0] <= w[1])
            && offsets
                .last()
                .is_some_and(|&l| u64::from(l) == file.at[RECORDS].1);
        if !fits {
            return Err(damaged(&file.path, "bad record offsets"));
        }
        Ok(self.offsets.get_or_init(|| offsets))
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Company `j` and its size class.
    pub fn get(&self, j: EntityId) -> Result<(Entity, Size), MasterError> {
        if self.records.get().is_none()
            && let Store::File(file) = &self.store
        {
            let _ = self.records.set(file.section(RECORDS)?);
        }
        let offsets = self.offsets()?;
        let records = self.records.get().map_or(&[][..], Vec::as_slice);
        let (a, b) = (offsets[j.ix()], offsets[j.ix() + 1]);
        postcard::from_bytes(&records[a as usize..b as usize])
            .map_err(|e| damaged(Path::new(&self.origin()), e))
    }

    /// Every company, in order.
    pub fn all(&self) -> Result<Vec<(Entity, Size)>, MasterError> {
        (0..self.len() as u32)
            .map(|j| self.get(EntityId(j)))
            .collect()
    }

    /// The companies `typed` names exactly (see [`crate::model::names::resolve`]); only
    /// the blocks of the lookup its readings fall in are read (and checked), unless the
    /// whole lookup was read already.
    pub fn resolve(&self, typed: &str) -> Result<Resolution, MasterError> {
        let named = Named(self, std::cell::RefCell::new(None));
        let found = crate::model::names::resolve(&named, typed);
        match named.1.into_inner() {
            Some(e) => Err(e),
            None => Ok(found),
        }
    }

    /// Every key of every company, as stored (shared: a clone copies nothing), read whole
    /// and checked on first use.
    pub fn names(&self) -> Result<&Names, MasterError> {
        if let Some(names) = self.lookup.get() {
            return Ok(names);
        }
        let Store::File(file) = &self.store else {
            unreachable!("the shipped universe's lookup is made with it");
        };
        let names = Names::from_packed(file.section(LOOKUP)?, self.len() as u32)
            .ok_or_else(|| damaged(&file.path, "bad lookup"))?;
        Ok(self.lookup.get_or_init(|| names))
    }

    /// The companies with a key whose hash is `h`: from the whole lookup when it is read,
    /// else from the blocks that may hold `h`, each checked against its fence.
    fn with_hash(&self, h: u64) -> Result<Vec<EntityId>, MasterError> {
        let (Store::File(file), Some(fences), None) =
            (&self.store, &self.fences, self.lookup.get())
        else {
            return Ok(self.names()?.with_hash(h));
        };
        let blocks = fences.blocks(h);
        if blocks.is_empty() {
            return Ok(Vec::new());
        }
        let size = (PAIR * BLOCK) as u64;
        let end = (blocks.end as u64 * size).min(file.at[LOOKUP].1);
        let bytes = file.slice(LOOKUP, blocks.start as u64 * size..end)?;
        let mut found = Vec::new();
        for (block, b) in bytes.chunks(PAIR * BLOCK).zip(blocks) {
            if xxhash_rust::xxh3::xxh3_64(block) != fences.sums[b] {
                return Err(damaged(&file.path, "checksum mismatch"));
            }
            for pair in block.chunks_exact(PAIR) {
                if u64::from_le_bytes(pair[..8].try_into().unwrap_or_default()) == h {
                    let e = u32::from_le_bytes(pair[8..].try_into().unwrap_or_default());
                    if e as usize >= self.len() {
                        return Err(damaged(&file.path, "bad lookup"));
                    }
                    found.push(EntityId(e));
                }
            }
        }
        Ok(found)
    }

    /// Where each company sits beside a dataset of `count` entities with `listings`
    /// (entity, exchange, symbol): the entity holding one of its listings when there is one,
    /// else the next position after them, in order. Only the lookup is read (whole).
    pub fn places<'a>(
        &self,
        count: usize,
        listings: impl IntoIterator<Item = (EntityId, Exchange, &'a str)>,
    ) -> Result<Vec<EntityId>, MasterError> {
        use crate::model::names::{hash, listing_key};
        let names = self.names()?;
        let mut held: Vec<Option<EntityId>> = vec![None; self.len()];
        for (e, exchange, symbol) in listings {
            for j in names.with_hash(hash(&listing_key(exchange, symbol))) {
                held[j.ix()].get_or_insert(e);
            }
        }
        let mut next = count as u32;
        Ok(held
            .into_iter()
            .map(|h| {
                h.unwrap_or_else(|| {
                    next += 1;
                    EntityId(next - 1)
                })
            })
            .collect())
    }

    /// The companies' search catalog (its entities are the companies, in order), read and
    /// checked.
    pub fn catalog(&self) -> Result<crate::catalog::Catalog, MasterError> {
        let bytes = match &self.store {
            Store::File(file) => file.section(CATALOG)?,
            Store::Shipped => return self.shipped_catalog(),
        };
        let catalog = crate::catalog::Catalog::from_bytes(bytes, 0)
            .filter(|c| c.entity_count() as usize == self.len())
            .ok_or_else(|| damaged(Path::new(&self.origin()), "bad search catalog"))?;
        Ok(catalog)
    }

    /// The companies' search catalog as the TUI keeps it: without its key hashes and labels,
    /// looking names up in the companies' lookup (shared with the index, see
    /// [`names`](Self::names)); read and checked as [`catalog`](Self::catalog) is.
    pub fn searched_catalog(&self) -> Result<crate::catalog::Catalog, MasterError> {
        use crate::catalog::Catalog;
        let names = self.names()?.clone();
        let catalog = match &self.store {
            Store::File(file) => file.read_section(CATALOG, |from, len| {
                Catalog::read_searched(from, len, names)
            })?,
            // Small: kept whole, labels and all.
            Store::Shipped => return self.shipped_catalog(),
        };
        catalog
            .filter(|c| c.entity_count() as usize == self.len())
            .ok_or_else(|| damaged(Path::new(&self.origin()), "bad search catalog"))
    }
}

/// Whether two rows with one ISIN are the same company: their names share a distinctive
/// word (`ALTIUS RENEWABLE ROYALT.` and `Altius Renewable Royalties Corp.`), or both are in
/// the ISIN's own country (`AHOLD DELHAIZE,KON.` and `Koninklijke Ahold Delhaize`, NL).
fn same_issuer(a: &Row, b: &Row) -> bool {
    const COMMON: &[&str] = &[
        "ltd",
        "limited",
        "inc",
        "corp",
        "corporation",
        "company",
        "plc",
        "the",
        "group",
        "grp",
        "holdings",
        "hldgs",
        "holding",
        "and",
        "adr",
        "ads",
        "class",
        "public",
        "bhd",
        "berhad",
        "tbk",
        "spa",
        "s.p.a",
        "international",
        "intl",
        "global",
        "industries",
        "industrial",
        "technologies",
        "technology",
        "tech",
        "systems",
        "resources",
        "res",
        "mining",
        "minerals",
        "metals",
        "energy",
        "gold",
        "capital",
        "bank",
        "financial",
        "investment",
        "investments",
        "trust",
        "real",
        "estate",
        "properties",
        "china",
        "american",
        "new",
        "first",
        "pharmaceuticals",
        "therapeutics",
        "pharma",
        "co",
    ];
    let country = a.isin.get(..2);
    if !a.country.is_empty() && country == Some(a.country.as_str()) && a.country == b.country {
        return true;
    }
    let words = |r: &Row| -> Vec<String> {
        r.name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_lowercase)
            .filter(|w| !COMMON.contains(&w.as_str()))
            .collect()
    };
    let theirs = words(b);
    words(a).iter().any(|w| theirs.contains(w))
}

/// Sorts one company's rows best first, as its primary listing (see [`rank`]).
fn by_rank(rows: &mut Vec<std::borrow::Cow<'_, Row>>) {
    // Most companies have one row.
    if rows.len() < 2 {
        return;
    }
    let home = home(rows);
    let countries: Vec<Option<&str>> = rows
        .iter()
        .map(|r| Exchange::parse(&r.exchange).map(Exchange::country))
        .collect();
    let keys: Vec<_> = rows
        .iter()
        .zip(&countries)
        .map(|(r, &at)| {
            // On how many exchanges abroad the company's rows give its symbol (`BRK/B`
            // and `BRK-B` alike): a copy abroad takes the main line's code. Another
            // exchange at home is no sign (vendors file New York's notes and preferred
            // shares under NYSE American too). A company has a few rows.
            let mut on: Vec<&str> = rows
                .iter()
                .zip(&countries)
                .filter(|&(o, &there)| {
                    there.is_some() && there != at && same_symbol(&o.symbol, &r.symbol)
                })
                .map(|(o, _)| o.exchange.as_str())
                .collect();
            on.sort_unstable();
            on.dedup();
            let support = on.len();
            rank(r, &home, support)
        })
        .collect();
    let mut ranked: Vec<_> = keys.into_iter().zip(rows.drain(..)).collect();
    // Rows that rank alike go by the rows themselves.
    ranked.sort_unstable();
    rows.extend(ranked.into_iter().map(|(_, r)| r));
}

/// Whether two symbols are one without case or separators (`BRK/B`, `BRK-B`, `brk.b`).
fn same_symbol(a: &str, b: &str) -> bool {
    bare_symbol(a).eq(bare_symbol(b))
}

/// A symbol's letters and digits, in capitals.
fn bare_symbol(s: &str) -> impl Iterator<Item = u8> + '_ {
    s.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
}

/// The company's country, by what its rows say, not by which came first: the country with
/// the most of its rows on a main (not secondary) exchange of that country, then the most
/// rows giving it, then the first in order of the code.
fn home(rows: &[std::borrow::Cow<'_, Row>]) -> String {
    let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for r in rows.iter().filter(|r| !r.country.is_empty()) {
        let t = tally.entry(r.country.as_str()).or_default();
        t.1 += 1;
        if Exchange::parse(&r.exchange)
            .is_some_and(|x| !x.is_secondary() && x.country() == r.country)
        {
            t.0 += 1;
        }
    }
    // `max_by_key` keeps the last of equals: walk the codes backwards for the first.
    tally
        .into_iter()
        .rev()
        .max_by_key(|&(_, t)| t)
        .map(|(c, _)| c.to_string())
        .unwrap_or_default()
}

/// How a listing ranks as a company's primary: an exchange aipx knows in the company's own
/// country first, then any exchange aipx knows, then secondary venues (a German regional
/// exchange, OTC), then the rest. Within each, exchanges in the order of aipx's table
/// (the main markets first: a Chinese company's Hong Kong listing before its Mexican
/// copy, Mumbai's NSE before the BSE); on one exchange the shorter symbol (Vodafone's `VOD`
/// before London's order-book line `0LQQ`, a share before its warrant or preferred share),
/// then the symbol the company is listed as on more exchanges abroad (Bayer's `BAYN`, in
/// Vienna too, before Xetra's other line `BAYA`), then the symbol first in order (the
/// older code: Shanghai's A share `600648` before its B share `900912`; what a row says
/// is no guide here, a vendor's row for a note or a B share often says more). Of rows of
/// one listing (in two files, or spelt `BRK/B` and `BRK-B`), the one that says the most
/// about the company (see [`facts`]) first, and last (see [`by_rank`]) the rows
/// themselves, so no import order decides.
fn rank(
    r: &Row,
    home: &str,
    support: usize,
) -> (
    u8,
    u8,
    usize,
    std::cmp::Reverse<usize>,
    Vec<u8>,
    std::cmp::Reverse<usize>,
) {
    let x = Exchange::parse(&r.exchange);
    // A row that gives no country is in the company's.
    let country = if r.country.is_empty() {
        home
    } else {
        &r.country
    };
    let class = match x {
        Some(x) if x.is_secondary() => 2,
        Some(x) if x.country() == country => 0,
        Some(_) => 1,
        None => 3,
    };
    let place = x.map_or(u8::MAX, Exchange::index);
    (
        class,
        place,
        r.symbol.len(),
        std::cmp::Reverse(support),
        bare_symbol(&r.symbol).collect(),
        std::cmp::Reverse(facts(r)),
    )
}

/// How much `r` says about its company beyond its listing and name: how many of country,
/// sector, ISIN, FIGI and size it gives. An exchange's or a vendor's file says more than a
/// bare register of tickers (the SEC's gives none of them).
fn facts(r: &Row) -> usize {
    [&r.country, &r.sector, &r.isin, &r.figi, &r.size]
        .iter()
        .filter(|f| !f.is_empty())
        .count()
}

/// The company of `rows`, sorted best first ([`by_rank`]).
fn company(rows: &[std::borrow::Cow<'_, Row>]) -> Entity {
    let best = &rows[0];
    let mut listings: Vec<Listing> = Vec::new();
    // The key of each listing and how much its row says: one share class spelt two ways
    // (`BRK/B` in the NASDAQ screener, `BRK-B` in the SEC's file) is one listing, spelt as
    // the row that says the most about its company spells it (see [`facts`]), the
    // best-ranked of those on a tie; so the spelling is the same whichever file came first.
    let mut held: Vec<(String, usize)> = Vec::new();
    let mut aliases: Vec<String> = Vec::new();
    for r in rows {
        match Exchange::parse(&r.exchange) {
            Some(exchange) => {
                let key = crate::model::names::listing_key(exchange, &r.symbol);
                match held.iter().position(|(k, _)| *k == key) {
                    Some(at) if facts(r) > held[at].1 => {
                        held[at].1 = facts(r);
                        listings[at].symbol.clone_from(&r.symbol);
                    }
                    Some(_) => {}
                    None => {
                        held.push((key, facts(r)));
                        listings.push(Listing {
                            symbol: r.symbol.clone(),
                            exchange,
                        });
                    }
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
    // The country a row gives; none when no row gives one (the SEC's file, a plain file
    // without the column): an exchange is no company's country (Toyota's ADR is on the
    // NYSE, foreign shares on every German regional exchange).
    let country = rows
        .iter()
        .map(|r| r.country.as_str())
        .find(|c| !c.is_empty())
        .unwrap_or("")
        .to_string();
    let sector = rows
        .iter()
        .map(|r| r.sector.as_str())
        .find(|s| !s.is_empty())
        .unwrap_or("")
        .to_string();
    // The primary listing as spelt above.
    let id = match (Exchange::parse(&best.exchange), listings.first()) {
        (Some(_), Some(l)) => format!("{}:{}", l.exchange, l.symbol),
        _ => format!("{}:{}", best.exchange, best.symbol),
    };
    // The name as the company writes it: the best-ranked row's, unless it is in capitals
    // and another row's is not (`TOYOTA MOTOR CORP` from a regional exchange or the SEC).
    let shouting =
        |n: &str| n.chars().any(char::is_uppercase) && !n.chars().any(char::is_lowercase);
    let name = rows
        .iter()
        .map(|r| &r.name)
        .find(|n| !shouting(n))
        .filter(|_| shouting(&best.name))
        .unwrap_or(&best.name)
        .clone();
    Entity {
        id,
        name,
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

    #[test]
    fn the_shipped_universe_packed_on_demand_is_what_an_import_stores() {
        let shipped = Companies::shipped();
        let packed = Packed::of(shipped.all().unwrap()).unwrap();
        assert_eq!(
            shipped.names().expect("in memory").packed(),
            packed.lookup,
            "one lookup"
        );
        let catalog = shipped.catalog().unwrap();
        assert_eq!(catalog.to_bytes(), packed.catalog);
        let tui = shipped.searched_catalog().unwrap();
        assert_eq!(tui.len(), catalog.len());
        assert_eq!(tui.exact("TSMC"), catalog.exact("TSMC"));
        assert!(!tui.exact("TSMC").is_empty());
    }

    #[test]
    fn the_linker_leaves_out_london_order_book_lines_of_shares_listed_elsewhere() {
        let mut m = Master::default();
        m.put(file(
            "rows.csv",
            vec![
                row("0FA0", "MELEXIS NV", "LSE", "BE", ""),
                row("MELE", "Melexis NV", "EBR", "BE", ""),
                row("VOD", "Vodafone Group Plc", "LSE", "GB", ""),
            ],
        ));
        let listed: Vec<String> = (m.listed().iter())
            .map(|l| format!("{}:{}", l.exchange.code(), l.symbol))
            .collect();
        assert_eq!(listed, ["LSE:VOD", "EBR:MELE"]);
        // Still one of Melexis's listings, found by its code.
        let melexis = m.companies().into_iter().find(|c| c.name == "Melexis NV");
        let venues: Vec<String> = (melexis.expect("Melexis").listings.iter())
            .map(|l| format!("{}:{}", l.exchange, l.symbol))
            .collect();
        assert_eq!(venues, ["EBR:MELE", "LSE:0FA0"]);
    }

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

    /// A file of `rows` as imported from `path` (the format is not read again).
    fn file(path: &str, rows: Vec<Row>) -> Imported {
        Imported {
            path: path.into(),
            format: Format::Plain,
            imported_at: String::new(),
            rows,
        }
    }

    /// A master of `files` imported in `order`.
    fn imported(files: &[(&str, Vec<Row>)], order: &[usize]) -> Master {
        let mut m = Master::default();
        for &i in order {
            m.put(file(files[i].0, files[i].1.clone()));
        }
        m
    }

    #[test]
    fn rows_with_no_country_join_the_one_country_with_a_company_of_their_name() {
        let m = imported(
            &[
                (
                    "JPX.csv",
                    vec![
                        row("7203", "Toyota Motor Corporation", "TSE", "JP", ""),
                        row("DAL", "Delta Holdings Inc.", "NYSE", "US", ""),
                        row("DEL", "Delta Holdings S.A.", "ATHEX", "GR", ""),
                    ],
                ),
                (
                    "BER.csv",
                    vec![
                        // An ADR line and a copy that name no country.
                        row("TOMA", "TOYOTA MOTOR", "BER", "", ""),
                        row("TOMA", "TOYOTA MOTOR", "MUN", "", ""),
                        // Two countries have a Delta Holdings: which one is not known.
                        row("DLT", "DELTA HOLDINGS", "BER", "", ""),
                    ],
                ),
            ],
            &[0, 1],
        );
        let companies = m.companies();
        let toyota = companies.iter().find(|c| c.id == "TSE:7203").unwrap();
        let lines: Vec<String> = toyota
            .listings
            .iter()
            .map(|l| format!("{}:{}", l.exchange.code(), l.symbol))
            .collect();
        assert_eq!(lines, ["TSE:7203", "BER:TOMA", "MUN:TOMA"]);
        assert_eq!(toyota.country, "JP");
        assert_eq!(toyota.name, "Toyota Motor Corporation");
        assert!(
            companies.iter().any(|c| c.id == "BER:DLT"),
            "{companies:#?}"
        );
        assert_eq!(companies.len(), 4);
    }

    #[test]
    fn cross_listings_and_adrs_merge_into_one_company_home_first() {
        let mut m = Master::default();
        m.put(file(
            "nyse.json",
            vec![row("TM", "Toyota Motor Corporation", "NYSE", "JP", "")],
        ));
        m.put(file(
            "JPX.csv",
            vec![
                row("7203", "Toyota Motor Corp.", "TSE", "JP", "JP3633400001"),
                row("TOM", "TOYOTA MOTOR CORP", "XBER", "JP", "JP3633400001"),
                row("7974", "Nintendo Co., Ltd.", "TSE", "JP", ""),
            ],
        ));
        let companies = m.companies();
        assert_eq!(companies.len(), 2);
        let toyota = &companies[0];
        assert_eq!(toyota.listings[0].symbol, "7203", "home listing first");
        let venues: Vec<String> = toyota
            .listings
            .iter()
            .map(|l| format!("{}:{}", l.exchange, l.symbol))
            .collect();
        assert_eq!(
            venues,
            ["TSE:7203", "NYSE:TM", "BER:TOM"],
            "the ADR next, the German regional copy last"
        );
        assert!(toyota.aliases.contains(&"JP3633400001".to_string()));
        // The linker takes the listings, not the Berlin copy of a Japanese share.
        let listed: Vec<String> = m.listed().iter().map(|l| l.symbol.clone()).collect();
        assert_eq!(
            listed,
            ["7203", "TM", "7974"],
            "company by company, primary first"
        );
        // Importing a file again replaces its rows.
        let again = m.files[1].clone();
        m.put(again);
        assert_eq!(m.files.len(), 2);
        assert_eq!(m.companies().len(), 2);
    }

    /// A company's sector is any of its rows' that gives one, whichever file it came from
    /// and however its rows rank: the primary listing's rows may give none (the screener
    /// gives Berkshire none, the SEC never does).
    #[test]
    fn a_sector_any_row_gives_is_kept() {
        let with_sector = |mut r: Row, sector: &str| {
            r.sector = sector.into();
            r
        };
        let files = [
            (
                "sec.json",
                vec![row("BRK-B", "BERKSHIRE HATHAWAY INC", "NYSE", "", "")],
            ),
            (
                "nyse.json",
                vec![row("BRK/B", "Berkshire Hathaway Inc.", "NYSE", "US", "")],
            ),
            (
                "GER.csv",
                vec![with_sector(
                    row("BRYN", "Berkshire Hathaway Inc.", "XETRA", "US", ""),
                    "Financials",
                )],
            ),
        ];
        for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
            let companies = imported(&files, &order).companies();
            assert_eq!(companies.len(), 1, "{companies:?}");
            assert_eq!(companies[0].sector, "Financials", "{order:?}");
            assert_eq!(companies[0].id, "NYSE:BRK/B", "{order:?}");
        }
    }

    /// The NASDAQ screener writes Berkshire's class B `BRK/B`, the SEC `BRK-B`: one listing
    /// of one company, whichever file came first, found by every spelling.
    #[test]
    fn one_share_class_spelt_two_ways_is_one_listing() {
        for order in [[0, 1], [1, 0]] {
            let files = [
                (
                    "nyse.json",
                    vec![
                        row("BRK/A", "Berkshire Hathaway Inc.", "NYSE", "US", ""),
                        row("BRK/B", "Berkshire Hathaway Inc.", "NYSE", "US", ""),
                    ],
                ),
                (
                    "sec.json",
                    vec![
                        row("BRK-B", "BERKSHIRE HATHAWAY INC", "NYSE", "", ""),
                        row("BRK-A", "BERKSHIRE HATHAWAY INC", "NYSE", "", ""),
                    ],
                ),
            ];
            let companies = imported(&files, &order).companies();
            assert_eq!(companies.len(), 1, "{companies:?}");
            let venues: Vec<String> = companies[0]
                .listings
                .iter()
                .map(|l| format!("{}:{}", l.exchange, l.symbol))
                .collect();
            assert_eq!(
                venues,
                ["NYSE:BRK/A", "NYSE:BRK/B"],
                "the screener's spelling"
            );
            assert_eq!(companies[0].id, "NYSE:BRK/A");
            assert_eq!(companies[0].name, "Berkshire Hathaway Inc.");
            let table = Names::new(&companies);
            for typed in ["BRK/B", "BRK-B", "BRK.B", "NYSE:BRK-B", "BRK/B US", "BRK-A"] {
                assert_eq!(
                    crate::model::names::resolve(&table, typed),
                    Resolution::Found(EntityId(0)),
                    "{typed}"
                );
            }
        }
    }

    /// A row with the size class and FIGI a FinanceDatabase file gives.
    fn sized(mut r: Row, size: &str, figi: &str) -> Row {
        r.size = size.into();
        r.figi = figi.into();
        r
    }

    /// The master and the linker's listings of `files` imported in each of `orders`: one
    /// result, whichever order.
    fn same_in_every_order(
        files: &[(&str, Vec<Row>)],
        orders: &[&[usize]],
    ) -> (Vec<(Entity, Size)>, Vec<String>) {
        let of = |order: &[usize]| {
            let m = imported(files, order);
            let listed = m
                .listed()
                .iter()
                .map(|l| format!("{}:{}", l.exchange, l.symbol))
                .collect::<Vec<_>>();
            (m.sized_companies(), listed)
        };
        // Entities compare as they print: every field.
        let first = of(orders[0]);
        for order in &orders[1..] {
            assert_eq!(
                format!("{:?}", of(order)),
                format!("{first:?}"),
                "imported in the order {order:?}"
            );
        }
        first
    }

    /// A German company's Xetra line is its primary listing, not the Berlin copy of a file
    /// that happens to be read first (`BER.csv` before `GER.csv`), nor London's
    /// international order-book line; the linker takes it first too.
    #[test]
    fn the_home_exchange_is_primary_whatever_the_file_order() {
        let files = [
            (
                "BER.csv",
                vec![sized(
                    row("TPE", "PVA TePla AG", "BER", "DE", ""),
                    "Small Cap",
                    "",
                )],
            ),
            (
                "DUS.csv",
                vec![sized(
                    row("TPE", "PVA TePla AG", "DUS", "DE", ""),
                    "Small Cap",
                    "BBG000BWSLB7",
                )],
            ),
            (
                "GER.csv",
                vec![sized(
                    row("TPE", "PVA TePla AG", "XETRA", "DE", ""),
                    "Small Cap",
                    "BBG000BWSLH1",
                )],
            ),
            (
                "LSE.csv",
                vec![sized(
                    row("0NL1", "PVA TePla AG", "LSE", "DE", ""),
                    "Small Cap",
                    "BBG00SYG7800",
                )],
            ),
        ];
        let (companies, listed) =
            same_in_every_order(&files, &[&[0, 1, 2, 3], &[3, 2, 1, 0], &[1, 3, 0, 2]]);
        assert_eq!(companies.len(), 1);
        let venues: Vec<String> = companies[0]
            .0
            .listings
            .iter()
            .map(|l| format!("{}:{}", l.exchange, l.symbol))
            .collect();
        assert_eq!(venues, ["XETRA:TPE", "LSE:0NL1", "BER:TPE", "DUS:TPE"]);
        assert_eq!(companies[0].0.id, "XETRA:TPE");
        assert_eq!(listed[0], "XETRA:TPE", "the linker's first is the primary");
    }

    /// Two lines of one company on its home exchange (Bayer's `BAYN` and `BAYA` on Xetra):
    /// the primary is the symbol its other listings share, not the first in the alphabet.
    /// A company's country is the one its rows give most, not the first file's.
    #[test]
    fn the_symbol_most_listings_share_is_primary_on_one_exchange() {
        let bayer = |symbol: &str, exchange: &str| {
            sized(
                row(symbol, "Bayer Aktiengesellschaft", exchange, "DE", ""),
                "Large Cap",
                "",
            )
        };
        let files = [
            (
                "GER.csv",
                vec![bayer("BAYA", "XETRA"), {
                    let mut r = bayer("BAYN", "XETRA");
                    r.isin = "DE000BAY0017".into();
                    r
                }],
            ),
            ("MEX.csv", vec![bayer("BAYNN", "BMV")]),
            ("VIE.csv", vec![bayer("BAYN", "VIE")]),
            (
                "BER.csv",
                vec![row("BAYN", "BAYER AG NA O.N.", "BER", "DE", "DE000BAY0017")],
            ),
            (
                "otc.csv",
                vec![row("BAYRY", "Bayer AG", "OTC", "US", "DE000BAY0017")],
            ),
        ];
        let (companies, listed) = same_in_every_order(
            &files,
            &[&[0, 1, 2, 3, 4], &[4, 3, 2, 1, 0], &[4, 0, 3, 1, 2]],
        );
        assert_eq!(companies.len(), 1, "{companies:?}");
        let bayer = &companies[0].0;
        assert_eq!(bayer.id, "XETRA:BAYN");
        assert_eq!(bayer.country, "DE", "not the OTC line's US");
        assert_eq!(listed[0], "XETRA:BAYN");
    }

    /// A reader of a few names reads (and checks) only the blocks of the lookup they fall
    /// in: damage elsewhere does not stop it, damage there is reported, and a reader of the
    /// whole lookup (search, the TUI) finds any.
    #[test]
    fn a_name_is_looked_up_in_its_block_and_damage_there_is_reported() {
        let rows = (0..3000)
            .map(|i| {
                row(
                    &format!("S{i}"),
                    &format!("Company {i} Inc."),
                    "NYSE",
                    "US",
                    "",
                )
            })
            .collect();
        let mut m = Master::default();
        m.put(file("many.csv", rows));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("master.bin");
        m.save_at(&path).unwrap();
        let read = || Companies::load_at(&path).unwrap().unwrap();
        let companies = read();
        let Resolution::Found(j) = companies.resolve("NYSE:S1234").unwrap() else {
            panic!("S1234 found")
        };
        assert_eq!(companies.get(j).unwrap().0.name, "Company 1234 Inc.");
        assert!(
            companies.lookup.get().is_none(),
            "the lookup is not read whole"
        );
        let h = crate::model::names::hash(&crate::model::names::listing_key(
            Exchange::parse("NYSE").unwrap(),
            "S1234",
        ));
        let fences = companies.fences.as_ref().unwrap();
        let used = fences.blocks(h);
        assert!(
            fences.first.len() > used.len() + 2,
            "{} blocks",
            fences.first.len()
        );
        let (start, len, _) = MasterFile::open(&path).unwrap().unwrap().at[LOOKUP];
        let clean = std::fs::read(&path).unwrap();
        let damage = |block: usize| {
            let mut bytes = clean.clone();
            let at = start as usize + (PAIR * BLOCK * block + 5).min(len as usize - 1);
            bytes[at] ^= 0x55;
            std::fs::write(&path, &bytes).unwrap();
        };
        let elsewhere = (0..fences.first.len()).find(|b| !used.contains(b)).unwrap();
        damage(elsewhere);
        let companies = read();
        assert_eq!(
            companies.resolve("NYSE:S1234").unwrap(),
            Resolution::Found(j)
        );
        let whole = companies.names().map(|_| ());
        assert!(
            matches!(whole, Err(MasterError::Damaged { .. })),
            "{whole:?}"
        );
        damage(used.start);
        let looked = read().resolve("NYSE:S1234");
        assert!(
            matches!(looked, Err(MasterError::Damaged { .. })),
            "{looked:?}"
        );
    }
}
