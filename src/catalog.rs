//! The searchable side of a dataset in one byte buffer: every symbol, name, alias, program
//! name and catalyst title (folded for search, with the original of those folding changed),
//! with per-text masks, owners and fields as little-endian arrays, the key hashes of every
//! name of an entity (a [`names::Table`]), each catalyst's window, and what search output
//! needs to label a hit. The same buffer is what the cache stores, so `aipx search` loads it
//! with one read and no decoding, and never touches the million exposures. The TUI's
//! catalog ([`Catalog::searched`]) keeps neither key hashes nor labels: it looks names up
//! in its index's table, and shows the index's records.

use chrono::Datelike;

use crate::model::names::{self, Names, Pairs};
use crate::model::*;

/// What a search hit points at.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Field {
    /// A ticker symbol.
    Symbol,
    /// The full name or title.
    Name,
    /// An alias.
    Alias,
}

/// Texts longer than this are searched on their first `MAX_CHARS` characters only.
const MAX_CHARS: usize = 96;
/// No exchange, in `exchanges`.
const NONE: u8 = u8::MAX;

/// How a hit is shown: the record's id and name, and its primary listing if it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label<'a> {
    /// Record id.
    pub id: &'a str,
    /// Name or title.
    pub name: &'a str,
    /// Primary symbol.
    pub symbol: Option<&'a str>,
    /// Primary exchange code.
    pub exchange: Option<&'a str>,
}

/// Bit set of the (lower-cased) characters of `text`: letters and digits get a bit each,
/// anything else shares the rest by hash. A text can only match a query whose mask it covers.
pub fn mask(text: &str) -> u64 {
    let mut m = 0u64;
    for c in text.chars() {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            'A'..='Z' => c as u32 - 'A' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            ' ' => continue,
            _ => 36 + (lower(c) as u32 % 28),
        };
        m |= 1 << bit;
    }
    m
}

/// The first lower-case form of `c`.
pub fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Whether `alias` is an identifier rather than a name: an ISIN (`JP3633400001`), a FIGI
/// (`BBG000BCQZS4`) or a listing on a venue aipx does not know (`XBER:TOM`).
fn is_code(alias: &str) -> bool {
    let b = alias.as_bytes();
    let upper_digits = b
        .iter()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let isin = b.len() == 12
        && upper_digits
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[11].is_ascii_digit();
    let figi = b.len() == 12 && upper_digits && alias.starts_with("BBG");
    let venue = alias.split_once(':').is_some_and(|(venue, symbol)| {
        !symbol.is_empty()
            && (2..=6).contains(&venue.len())
            && venue
                .bytes()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    });
    isin || figi || venue
}

fn nonempty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// Columns of the catalog under construction.
#[derive(Default)]
struct Builder {
    texts: String,
    ends: Vec<u32>,
    targets: Vec<u32>,
    fields: Vec<u8>,
    masks: Vec<u64>,
    firsts: Vec<u32>,
    exchanges: Vec<u8>,
    spellings: Vec<(u64, u32)>,
    labels: String,
    label_ends: Vec<u32>,
    /// Texts that folding changed: position, and the original.
    shown_at: Vec<u32>,
    shown: String,
    shown_ends: Vec<u32>,
    /// Each catalyst's first and last possible day, as days from the common era.
    windows: Vec<u32>,
    /// Each entity's size class (see [`Catalog::size_of`]).
    sizes: Vec<u8>,
}

/// Top two bits of a packed target: its kind.
const KIND_SHIFT: u32 = 30;

fn target_code(t: Target) -> u32 {
    match t {
        Target::Entity(e) => e.0,
        Target::Program(p) => (1 << KIND_SHIFT) | p.0,
        Target::Catalyst(c) => (2 << KIND_SHIFT) | c.0,
    }
}

fn target_from(code: u32) -> Target {
    let id = code & ((1 << KIND_SHIFT) - 1);
    match code >> KIND_SHIFT {
        0 => Target::Entity(EntityId(id)),
        1 => Target::Program(ProgramId(id)),
        _ => Target::Catalyst(CatalystId(id)),
    }
}

const FIELDS: [Field; 3] = [Field::Symbol, Field::Name, Field::Alias];

impl Builder {
    fn push(&mut self, target: Target, field: Field, text: &str, exchange: Option<Exchange>) {
        let original: String = text.chars().take(MAX_CHARS).collect();
        let text = names::fold(&original);
        if text != original {
            self.shown_at.push(self.ends.len() as u32);
            self.shown.push_str(&original);
            self.shown_ends.push(self.shown.len() as u32);
        }
        self.texts.push_str(&text);
        self.ends.push(self.texts.len() as u32);
        self.targets.push(target_code(target));
        self.fields
            .push(FIELDS.iter().position(|&f| f == field).unwrap_or(0) as u8);
        self.masks.push(mask(&text));
        self.firsts
            .push(text.chars().next().map_or(' ', lower) as u32);
        self.exchanges.push(exchange.map_or(NONE, |e| e.index()));
    }

    fn label(&mut self, parts: [&str; 4]) {
        for (n, part) in parts.iter().enumerate() {
            if n > 0 {
                self.labels.push('\u{1f}');
            }
            // A stray separator in data would shift the fields; it is a control character
            // and never displayed anyway.
            self.labels.extend(part.chars().filter(|&c| c != '\u{1f}'));
        }
        self.label_ends.push(self.labels.len() as u32);
    }

    /// A builder with room made at once for about what `build` pushes of `entities`,
    /// `programs` and `catalysts` (folding and cutting at [`MAX_CHARS`] move it a little): a
    /// column grown by doubling holds its old and new copies at each step, and a large
    /// catalog's last step is megabytes. No room for key hashes unless `hashed`, nor for
    /// labels unless `labelled`.
    fn with_room(
        entities: &[Entity],
        programs: &[Program],
        catalysts: &[Catalyst],
        searched: impl Fn(&str) -> bool,
        hashed: bool,
        labelled: bool,
    ) -> Builder {
        let (mut texts, mut bytes, mut label_bytes, mut spellings) = (0, 0, 0, 0);
        for e in entities {
            let aliases = e.aliases.iter().filter(|a| searched(a));
            let symbols = e.listings.iter().map(|l| l.symbol.len());
            texts += e.listings.len() + 1 + aliases.clone().count();
            bytes +=
                e.name.len() + aliases.map(|a| a.len()).sum::<usize>() + symbols.sum::<usize>();
            label_bytes +=
                e.id.len() + e.name.len() + e.primary().map_or(0, |l| l.symbol.len() + 8) + 3;
            spellings += 2 + e.aliases.len() + 2 * e.listings.len();
        }
        let named = programs
            .iter()
            .map(|p| (p.id.len(), p.name.len()))
            .chain(catalysts.iter().map(|k| (k.id.len(), k.title.len())));
        for (id, name) in named {
            texts += 1;
            bytes += name;
            label_bytes += id + name + 3;
        }
        let mut labels = entities.len() + programs.len() + catalysts.len();
        if !labelled {
            (labels, label_bytes) = (0, 0);
        }
        if !hashed {
            spellings = 0;
        }
        Builder {
            texts: String::with_capacity(bytes),
            ends: Vec::with_capacity(texts),
            targets: Vec::with_capacity(texts),
            fields: Vec::with_capacity(texts),
            masks: Vec::with_capacity(texts),
            firsts: Vec::with_capacity(texts),
            exchanges: Vec::with_capacity(texts),
            spellings: Vec::with_capacity(spellings),
            labels: String::with_capacity(label_bytes),
            label_ends: Vec::with_capacity(labels),
            windows: Vec::with_capacity(2 * catalysts.len()),
            ..Builder::default()
        }
    }

    /// The finished catalog: texts and labels become its strings as they are, the other
    /// columns its little-endian sections, written into a buffer made at its final size,
    /// each column freed once written (no second copy of the whole at any time).
    fn finish(self, entities: u32, programs: u32, names: Option<Names>) -> Catalog {
        let Builder {
            texts,
            ends,
            targets,
            fields,
            masks,
            firsts,
            exchanges,
            spellings,
            labels,
            label_ends,
            shown_at,
            shown,
            shown_ends,
            windows,
            sizes,
        } = self;
        let len = |i: usize| ends[i] - if i == 0 { 0 } else { ends[i - 1] };
        let size = |i: usize| match target_from(targets[i]) {
            Target::Entity(e) => sizes.get(e.ix()).copied().unwrap_or(0),
            _ => 0,
        };
        let mut order: Vec<u32> = (0..ends.len() as u32).collect();
        order.sort_unstable_by_key(|&i| {
            let i = i as usize;
            (firsts[i], std::cmp::Reverse(size(i)), len(i), i)
        });
        // Every section's length in bytes, by section number (the strings are kept apart).
        let lengths: [usize; SECTIONS] = std::array::from_fn(|s| match s {
            ENDS => 4 * ends.len(),
            TARGETS => 4 * targets.len(),
            FIELD => fields.len(),
            MASKS => 8 * masks.len(),
            FIRSTS => 4 * firsts.len(),
            EXCHANGES => exchanges.len(),
            HASHES => 8 * spellings.len(),
            OWNERS => 4 * spellings.len(),
            LABEL_ENDS => 4 * label_ends.len(),
            COUNTS => 8,
            ORDER => 4 * order.len(),
            SHOWN_AT => 4 * shown_at.len(),
            SHOWN_ENDS => 4 * shown_ends.len(),
            WINDOWS => 4 * windows.len(),
            SIZES => sizes.len(),
            _ => 0, // TEXTS, LABELS and SHOWN are kept as strings.
        });
        let mut raw = Vec::with_capacity(lengths.iter().sum());
        // By section number; each column is moved in, so it is freed once written.
        let at: [std::ops::Range<usize>; SECTIONS] = [
            raw.len()..raw.len(), // TEXTS
            put(&mut raw, ends, u32::to_le_bytes),
            put(&mut raw, targets, u32::to_le_bytes),
            put(&mut raw, fields, |b| [b]),
            put(&mut raw, masks, u64::to_le_bytes),
            put(&mut raw, firsts, u32::to_le_bytes),
            put(&mut raw, exchanges, |b| [b]),
            put(&mut raw, spellings.iter(), |&(h, _)| h.to_le_bytes()),
            put(&mut raw, spellings, |(_, e)| e.to_le_bytes()),
            raw.len()..raw.len(), // LABELS
            put(&mut raw, label_ends, u32::to_le_bytes),
            put(&mut raw, [entities, programs], u32::to_le_bytes),
            put(&mut raw, order, u32::to_le_bytes),
            put(&mut raw, shown_at, u32::to_le_bytes),
            raw.len()..raw.len(), // SHOWN
            put(&mut raw, shown_ends, u32::to_le_bytes),
            put(&mut raw, windows, u32::to_le_bytes),
            put(&mut raw, sizes, |b| [b]),
        ];
        debug_assert!((0..SECTIONS).all(|s| at[s].len() == lengths[s]));
        Catalog {
            raw,
            at,
            texts: texts.into_boxed_str(),
            labels: labels.into_boxed_str(),
            shown: shown.into_boxed_str(),
            entities,
            programs,
            names,
        }
    }
}

/// Writes `column` at the end of `raw`, each value as `le` gives its bytes; the byte range it
/// took.
fn put<T, const N: usize>(
    raw: &mut Vec<u8>,
    column: impl IntoIterator<Item = T>,
    le: impl Fn(T) -> [u8; N],
) -> std::ops::Range<usize> {
    let start = raw.len();
    for x in column {
        raw.extend_from_slice(&le(x));
    }
    start..raw.len()
}

/// Searchable texts and hit labels of one dataset, read in place from one buffer.
#[derive(Debug, PartialEq, Eq)]
pub struct Catalog {
    raw: Vec<u8>,
    /// The texts and labels sections, validated once as UTF-8 (copied out of `raw`, so
    /// reading a text never re-validates it).
    texts: Box<str>,
    labels: Box<str>,
    shown: Box<str>,
    /// Byte ranges of the sections in `raw`, by the section numbers below.
    at: [std::ops::Range<usize>; SECTIONS],
    entities: u32,
    programs: u32,
    /// The key hashes of the entities when they are not in the catalog's own sections
    /// (empty then): the index's table, shared (see [`Catalog::searched`]).
    names: Option<Names>,
}

const TEXTS: usize = 0;
const ENDS: usize = 1;
const TARGETS: usize = 2;
const FIELD: usize = 3;
const MASKS: usize = 4;
const FIRSTS: usize = 5;
const EXCHANGES: usize = 6;
const HASHES: usize = 7;
const OWNERS: usize = 8;
const LABELS: usize = 9;
const LABEL_ENDS: usize = 10;
const COUNTS: usize = 11;
/// Every text position, by first character, then its entity's size class (largest first),
/// then length, then position: the order in which [`crate::search`] scans short queries.
const ORDER: usize = 12;
/// Positions of the texts folding changed, ascending, and their originals.
const SHOWN_AT: usize = 13;
const SHOWN: usize = 14;
const SHOWN_ENDS: usize = 15;
/// Two numbers per catalyst: the days from the common era of its first and last possible day.
const WINDOWS: usize = 16;
/// One byte per entity: its size class, 0 when not known (every entity of a dataset).
const SIZES: usize = 17;
const SECTIONS: usize = 18;

impl Catalog {
    /// Collects the searchable texts and labels of `data`.
    pub fn new(data: &Dataset) -> Catalog {
        Catalog::build(data, data.entities.len(), |_| true, &[], None, true)
    }

    /// The TUI's catalog of the first `entities` entities of `data`, whose keys are `names`
    /// (its index's table of them, [`crate::index::Index::names`]): exact names are looked
    /// up there, shared, not hashed again; and no labels are kept, as the TUI shows the
    /// index's records ([`label_of`](Self::label_of) is empty). Not for the cache: written,
    /// it would not be read back.
    pub fn searched(data: &Dataset, entities: usize, names: Names) -> Catalog {
        Catalog::build(data, entities, |_| true, &[], Some(names), false)
    }

    /// The catalog of a securities master's companies, each with its size class (`sizes`,
    /// by company; larger is larger, 0 unknown), which ranks equal matches: aliases that are
    /// codes (an ISIN, a FIGI, a listing on a venue aipx does not know, `XBER:TOM`) name
    /// their company exactly but are not fuzzy-searched, where they would only add noise
    /// and time.
    pub fn of_companies(data: &Dataset, sizes: &[u8]) -> Catalog {
        Catalog::build(
            data,
            data.entities.len(),
            |a| !is_code(a),
            sizes,
            None,
            true,
        )
    }

    /// [`of_companies`](Self::of_companies) of companies whose keys `names` holds already
    /// (the shipped universe's lookup): they are looked up there, not hashed again.
    pub fn of_companies_named(data: &Dataset, sizes: &[u8], names: Names) -> Catalog {
        let entities = data.entities.len();
        Catalog::build(data, entities, |a| !is_code(a), sizes, Some(names), true)
    }

    /// The catalog of the first `entities` of `data`: with their key hashes, unless `names`
    /// holds them; with every record's label if `labelled`.
    fn build(
        data: &Dataset,
        entities: usize,
        searched: impl Fn(&str) -> bool,
        sizes: &[u8],
        names: Option<Names>,
        labelled: bool,
    ) -> Catalog {
        let entities = &data.entities[..entities.min(data.entities.len())];
        let (programs, catalysts) = (&data.programs, &data.catalysts);
        let hashed = names.is_none();
        let room = Builder::with_room(entities, programs, catalysts, &searched, hashed, labelled);
        let mut c = room;
        for (i, e) in entities.iter().enumerate() {
            let t = Target::Entity(EntityId(i as u32));
            for l in &e.listings {
                c.push(t, Field::Symbol, &l.symbol, Some(l.exchange));
            }
            c.push(t, Field::Name, &e.name, None);
            for a in e.aliases.iter().filter(|a| searched(a)) {
                c.push(t, Field::Alias, a, None);
            }
            if hashed {
                for h in names::entity_hashes(e) {
                    c.spellings.push((h, i as u32));
                }
            }
            if labelled {
                let primary = e.primary();
                let symbol = primary.map_or("", |l| l.symbol.as_str());
                let exchange = primary.map_or("", |l| l.exchange.code());
                c.label([&e.id, &e.name, symbol, exchange]);
            }
        }
        // Programs and catalysts: one searchable name each, labelled by id and name.
        let programs = data.programs.iter().enumerate().map(|(i, p)| {
            let target = Target::Program(ProgramId(i as u32));
            (target, p.id.as_str(), p.name.as_str())
        });
        let catalysts = data.catalysts.iter().enumerate().map(|(i, k)| {
            let target = Target::Catalyst(CatalystId(i as u32));
            (target, k.id.as_str(), k.title.as_str())
        });
        for (target, id, name) in programs.chain(catalysts) {
            c.push(target, Field::Name, name, None);
            if labelled {
                c.label([id, name, "", ""]);
            }
        }
        for k in &data.catalysts {
            let (first, last) = k.date.range();
            c.windows
                .extend([first, last].map(|d| d.num_days_from_ce().max(0) as u32));
        }
        c.spellings.sort_unstable();
        c.spellings.dedup();
        c.sizes = (0..entities.len())
            .map(|e| sizes.get(e).copied().unwrap_or(0))
            .collect();
        c.finish(entities.len() as u32, data.programs.len() as u32, names)
    }

    /// The bytes the cache stores (the packed form [`from_bytes`](Self::from_bytes) reads).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_to(&mut out)
            .expect("writing to memory does not fail");
        out
    }

    /// Writes the packed form to `out`, section by section (no copy of the whole).
    pub fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        // Key hashes the catalog shares are written as its own would be.
        let shared = |s: usize| {
            let names = self.names.as_ref()?;
            let pairs = 0..names.pairs();
            match s {
                HASHES => Some(pairs.flat_map(|i| names.hash_at(i).to_le_bytes()).collect()),
                OWNERS => Some(
                    pairs
                        .flat_map(|i| names.owner_at(i).0.to_le_bytes())
                        .collect(),
                ),
                _ => None,
            }
        };
        for (s, range) in self.at.iter().enumerate() {
            let written: Option<Vec<u8>> = shared(s);
            let bytes = match s {
                TEXTS => self.texts.as_bytes(),
                LABELS => self.labels.as_bytes(),
                SHOWN => self.shown.as_bytes(),
                _ => written.as_deref().unwrap_or(&self.raw[range.clone()]),
            };
            out.write_all(&(bytes.len() as u64).to_le_bytes())?;
            out.write_all(bytes)?;
        }
        Ok(())
    }

    /// Takes a packed catalog starting at `raw[start..]`; `None` if anything is off, so every
    /// later access is in bounds and on character boundaries.
    pub fn from_bytes(raw: Vec<u8>, start: usize) -> Option<Catalog> {
        Catalog::framed(raw, start, None)
    }

    /// [`from_bytes`](Self::from_bytes); with `names`, of a catalog read without its key
    /// hashes and labels, whose keys `names` holds (see [`read_searched`](Self::read_searched)).
    fn framed(raw: Vec<u8>, start: usize, names: Option<Names>) -> Option<Catalog> {
        let mut at: [std::ops::Range<usize>; SECTIONS] = Default::default();
        let mut pos = start;
        for range in &mut at {
            let len = u64::from_le_bytes(raw.get(pos..pos + 8)?.try_into().ok()?);
            let len = usize::try_from(len).ok()?;
            let begin = pos + 8;
            let end = begin.checked_add(len).filter(|&e| e <= raw.len())?;
            *range = begin..end;
            pos = end;
        }
        let n = at[ENDS].len() / 4;
        let spellings = at[HASHES].len() / 8;
        let sizes_ok = pos == raw.len()
            && [ENDS, TARGETS, FIRSTS, OWNERS, LABEL_ENDS, COUNTS, ORDER]
                .iter()
                .all(|&s| at[s].len().is_multiple_of(4))
            && at[MASKS].len().is_multiple_of(8)
            && at[HASHES].len().is_multiple_of(8)
            && at[TARGETS].len() == 4 * n
            && at[FIELD].len() == n
            && at[MASKS].len() == 8 * n
            && at[FIRSTS].len() == 4 * n
            && at[EXCHANGES].len() == n
            && at[ORDER].len() == 4 * n
            && at[OWNERS].len() == 4 * spellings
            && at[COUNTS].len() == 8
            && at[SHOWN_AT].len().is_multiple_of(4)
            && at[SHOWN_ENDS].len() == at[SHOWN_AT].len()
            && at[WINDOWS].len().is_multiple_of(8);
        if !sizes_ok {
            return None;
        }
        let texts = std::str::from_utf8(&raw[at[TEXTS].clone()]).ok()?.into();
        let labels = std::str::from_utf8(&raw[at[LABELS].clone()]).ok()?.into();
        let shown = std::str::from_utf8(&raw[at[SHOWN].clone()]).ok()?.into();
        let mut c = Catalog {
            raw,
            at,
            texts,
            labels,
            shown,
            entities: 0,
            programs: 0,
            names: None,
        };
        c.entities = c.u32_at(COUNTS, 0);
        c.programs = c.u32_at(COUNTS, 1);
        let (texts, labels, shown) = (&c.texts, &c.labels, &c.shown);
        let monotone = |s: usize, within: &str| {
            let mut last = 0;
            (0..c.section(s).len() / 4).all(|i| {
                let e = c.u32_at(s, i) as usize;
                let ok = e >= last && within.is_char_boundary(e);
                last = e;
                ok
            })
        };
        let fields_ok = c
            .section(FIELD)
            .iter()
            .all(|&f| (f as usize) < FIELDS.len());
        let firsts_ok = (0..n).all(|i| char::from_u32(c.u32_at(FIRSTS, i)).is_some());
        // In bounds; the order itself is as written (the checksum vouches for it), and only
        // ranks the results, so it is not re-checked on this one-shot path.
        let order_ok = (0..n).all(|k| (c.u32_at(ORDER, k) as usize) < n);
        let owners_ok = (0..spellings).all(|i| c.u32_at(OWNERS, i) < c.entities);
        let label_count = c.section(LABEL_ENDS).len() / 4;
        let catalysts = c.section(WINDOWS).len() / 8;
        // A label for every record; or, read for the TUI, neither labels nor key hashes.
        let labels_ok = match names {
            None => label_count == (c.entities + c.programs) as usize + catalysts,
            Some(_) => label_count == 0 && labels.is_empty() && spellings == 0,
        };
        let targets_ok = (0..n).all(|i| match c.target(i as u32) {
            Target::Entity(e) => e.0 < c.entities,
            Target::Program(p) => p.0 < c.programs,
            Target::Catalyst(k) => k.ix() < catalysts,
        });
        let shown_count = c.section(SHOWN_AT).len() / 4;
        let shown_ok = (0..shown_count).all(|k| {
            let i = c.u32_at(SHOWN_AT, k) as usize;
            i < n && (k == 0 || c.u32_at(SHOWN_AT, k - 1) < i as u32)
        });
        let sizes_ok = c.section(SIZES).len() == c.entities as usize;
        let ok = monotone(ENDS, texts)
            && monotone(LABEL_ENDS, labels)
            && monotone(SHOWN_ENDS, shown)
            && shown_ok
            && labels_ok
            && sizes_ok
            && fields_ok
            && firsts_ok
            && order_ok
            && owners_ok
            && targets_ok;
        if !ok {
            return None;
        }
        // The texts and labels sections stay in `raw` too: dropping them would cost a copy of
        // the rest, slower than the memory is worth for a one-shot `aipx search`.
        c.names = names;
        Some(c)
    }

    fn section(&self, s: usize) -> &[u8] {
        &self.raw[self.at[s].clone()]
    }

    fn u32_at(&self, s: usize, i: usize) -> u32 {
        let b = self.at[s].start + 4 * i;
        // One bounds check for the four bytes: read per text in every scan.
        let bytes: [u8; 4] = self.raw[b..b + 4].try_into().expect("four bytes");
        u32::from_le_bytes(bytes)
    }

    fn u64_at(&self, s: usize, i: usize) -> u64 {
        let b = self.at[s].start + 8 * i;
        let bytes: [u8; 8] = self.raw[b..b + 8].try_into().expect("eight bytes");
        u64::from_le_bytes(bytes)
    }

    /// Number of entities.
    pub fn entity_count(&self) -> u32 {
        self.entities
    }

    /// Number of searchable texts.
    pub fn len(&self) -> usize {
        self.at[ENDS].len() / 4
    }

    /// Whether there is nothing to search.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Text `i` as it was written (the data's spelling, for display).
    pub fn shown(&self, i: u32) -> &str {
        let count = self.section(SHOWN_AT).len() / 4;
        let (mut lo, mut hi) = (0, count);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.u32_at(SHOWN_AT, mid) < i {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if lo == count || self.u32_at(SHOWN_AT, lo) != i {
            return self.text(i);
        }
        let start = if lo == 0 {
            0
        } else {
            self.u32_at(SHOWN_ENDS, lo - 1) as usize
        };
        &self.shown[start..self.u32_at(SHOWN_ENDS, lo) as usize]
    }

    /// The first and last possible day of catalyst `c`, as days from the common era.
    pub fn window(&self, c: CatalystId) -> (i32, i32) {
        let at = |k: usize| self.u32_at(WINDOWS, k) as i32;
        (at(2 * c.ix()), at(2 * c.ix() + 1))
    }

    /// Number of catalysts.
    pub fn catalysts(&self) -> u32 {
        (self.section(WINDOWS).len() / 8) as u32
    }

    /// The text of catalyst `c` (its title): catalysts' texts come last, one each.
    pub fn catalyst_text(&self, c: CatalystId) -> u32 {
        self.len() as u32 - self.catalysts() + c.0
    }

    /// Text `i` [folded](names::fold), as search scores it.
    pub fn text(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 {
            0
        } else {
            self.u32_at(ENDS, i - 1) as usize
        };
        &self.texts[start..self.u32_at(ENDS, i) as usize]
    }

    /// The record text `i` belongs to.
    pub fn target(&self, i: u32) -> Target {
        target_from(self.u32_at(TARGETS, i as usize))
    }

    /// Which field text `i` is.
    pub fn field(&self, i: u32) -> Field {
        FIELDS[self.section(FIELD)[i as usize] as usize]
    }

    /// Character mask of text `i`.
    pub fn mask_of(&self, i: u32) -> u64 {
        self.u64_at(MASKS, i as usize)
    }

    /// The size class of `target`'s entity, by which equal matches rank (larger first): a
    /// securities master's class (see `Size`), 0 when not known and for anything else.
    pub fn size_of(&self, target: Target) -> u8 {
        match target {
            Target::Entity(e) => self.section(SIZES).get(e.ix()).copied().unwrap_or(0),
            _ => 0,
        }
    }

    /// Lower-cased first character of text `i`.
    pub fn first(&self, i: u32) -> char {
        char::from_u32(self.u32_at(FIRSTS, i as usize)).unwrap_or(' ')
    }

    /// The texts whose lower-cased first character is `c`, shortest first (then by
    /// position): the order search results rank ties in.
    pub fn starting_with(&self, c: char) -> impl Iterator<Item = u32> + '_ {
        self.places_of(c).map(|k| self.u32_at(ORDER, k))
    }

    /// Where in [`order`](Self::order) the texts starting with `c` (lower-cased) are.
    pub fn places_of(&self, c: char) -> std::ops::Range<usize> {
        let c = c as u32;
        self.place_before(c)..self.place_before(c + 1)
    }

    /// The place in [`order`](Self::order) of the first text whose lower-cased first
    /// character is `c` (as a number) or after.
    fn place_before(&self, c: u32) -> usize {
        let first_at = |k: usize| self.u32_at(FIRSTS, self.u32_at(ORDER, k) as usize);
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if first_at(mid) < c {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Whether any text holds a kana sound mark as its own character (folding keeps one
    /// after a half-width voiced kana, see [`names::fold`]).
    pub fn has_sound_marks(&self) -> bool {
        self.texts.contains('\u{3099}') || self.texts.contains('\u{309A}')
    }

    /// The text at place `k` of [`order`](Self::order).
    pub fn in_order(&self, k: usize) -> u32 {
        self.u32_at(ORDER, k)
    }

    /// Every text position in scan order: by lower-cased first character, then
    /// [`starting_with`](Self::starting_with)'s order.
    pub fn order(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.len()).map(|k| self.u32_at(ORDER, k))
    }

    /// The id of entity `e`: what [`label_of`](Self::label_of) gives as `id`, without the
    /// rest of the label.
    pub fn id_of(&self, e: EntityId) -> &str {
        let text = self.label_text(e.ix());
        let end = text.bytes().position(|b| b == 0x1f).unwrap_or(text.len());
        &text[..end]
    }

    /// Label `n` (entities', then programs', then catalysts'), its parts run together;
    /// empty when there is none (a catalog [made for the TUI](Self::searched) keeps none).
    fn label_text(&self, n: usize) -> &str {
        if n >= self.section(LABEL_ENDS).len() / 4 {
            return "";
        }
        let start = if n == 0 {
            0
        } else {
            self.u32_at(LABEL_ENDS, n - 1) as usize
        };
        &self.labels[start..self.u32_at(LABEL_ENDS, n) as usize]
    }

    /// How to show `target` (all empty in a catalog [made for the TUI](Self::searched)).
    pub fn label_of(&self, target: Target) -> Label<'_> {
        let n = match target {
            Target::Entity(e) => e.ix(),
            Target::Program(p) => self.entities as usize + p.ix(),
            Target::Catalyst(c) => (self.entities + self.programs) as usize + c.ix(),
        };
        let text = self.label_text(n);
        let mut parts = text.split('\u{1f}');
        let mut next = || parts.next().unwrap_or("");
        let (id, name, symbol, exchange) = (next(), next(), next(), next());
        Label {
            id,
            name,
            symbol: nonempty(symbol),
            exchange: nonempty(exchange),
        }
    }

    /// Every listing of the catalog's entities: the entity, the exchange and the symbol.
    pub fn listings(&self) -> impl Iterator<Item = (EntityId, Exchange, &str)> + '_ {
        (0..self.len() as u32).filter_map(move |i| match self.target(i) {
            Target::Entity(e) if self.field(i) == Field::Symbol => {
                let x = Exchange::from_index(self.section(EXCHANGES)[i as usize])?;
                Some((e, x, self.text(i)))
            }
            _ => None,
        })
    }

    /// Texts of `entity` (they are adjacent, in entity order).
    pub fn texts_of(&self, entity: EntityId) -> std::ops::Range<u32> {
        let n = self.len();
        let before = |e: u32| {
            let (mut lo, mut hi) = (0, n);
            while lo < hi {
                let mid = (lo + hi) / 2;
                match self.target(mid as u32) {
                    Target::Entity(x) if x.0 < e => lo = mid + 1,
                    _ => hi = mid,
                }
            }
            lo as u32
        };
        before(entity.0)..before(entity.0 + 1)
    }

    /// Entities the query names exactly, by [`names::resolve`], as their first text.
    pub fn exact(&self, query: &str) -> Vec<u32> {
        names::resolve(self, query)
            .entities()
            .iter()
            .map(|&e| self.texts_of(e))
            .filter(|r| !r.is_empty())
            .map(|r| r.start)
            .collect()
    }
}

/// The entities' key hashes: the catalog's own, or the table it shares.
impl Pairs for Catalog {
    fn pairs(&self) -> usize {
        match &self.names {
            Some(names) => names.pairs(),
            None => self.at[HASHES].len() / 8,
        }
    }
    fn hash_at(&self, i: usize) -> u64 {
        match &self.names {
            Some(names) => names.hash_at(i),
            None => self.u64_at(HASHES, i),
        }
    }
    fn owner_at(&self, i: usize) -> EntityId {
        match &self.names {
            Some(names) => names.owner_at(i),
            None => EntityId(self.u32_at(OWNERS, i)),
        }
    }
}

/// The securities master's catalog, as the TUI keeps it.
impl Catalog {
    /// The catalog packed (as [`write_to`](Self::write_to) writes it) in the next `len` bytes
    /// of `from`, read for the TUI: its key hashes and labels are passed over as they are
    /// read, never held, and exact names are looked up in `names` instead (the same keys, as
    /// the securities master's lookup holds them, shared with the index); the TUI shows the
    /// index's records, never a label. `None` if anything is off; an error if reading fails.
    pub fn read_searched(
        from: &mut dyn std::io::Read,
        len: u64,
        names: Names,
    ) -> std::io::Result<Option<Catalog>> {
        use std::io::Read;
        let mut from = from.take(len);
        // Room for the whole at once: the pages of the sections passed over are never
        // written, so they cost no memory.
        let mut raw = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
        for s in 0..SECTIONS {
            let mut head = [0u8; 8];
            match from.read_exact(&mut head) {
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
                other => other?,
            }
            let want = u64::from_le_bytes(head);
            let mut section = (&mut from).take(want);
            let got = if matches!(s, HASHES | OWNERS | LABELS | LABEL_ENDS) {
                raw.extend(0u64.to_le_bytes());
                std::io::copy(&mut section, &mut std::io::sink())?
            } else {
                raw.extend(head);
                section.read_to_end(&mut raw)? as u64
            };
            if got != want {
                return Ok(None);
            }
        }
        if from.limit() != 0 {
            return Ok(None);
        }
        Ok(Catalog::framed(raw, 0, Some(names)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_and_unpacks_losslessly_and_rejects_damage() {
        let data = crate::data::DataFiles::embedded().parse().unwrap();
        let catalog = Catalog::new(&data);
        let raw = catalog.to_bytes();
        let mut framed = vec![0u8; 8];
        framed.extend_from_slice(&raw);
        let back = Catalog::from_bytes(framed.clone(), 8).expect("reads back");
        assert_eq!(back.to_bytes(), raw);
        assert_eq!(back.text(3), catalog.text(3));
        assert!(Catalog::from_bytes(raw[..raw.len() - 1].to_vec(), 0).is_none());
        let mut bad = raw.clone();
        bad[8] = 0xff; // the first byte of the texts: no longer UTF-8
        assert!(Catalog::from_bytes(bad, 0).is_none());
        let label = catalog.label_of(Target::Entity(EntityId(0)));
        assert_eq!(label.id, data.entities[0].id);
        assert_eq!(label.symbol, Some("NVDA"));
        assert_eq!(label.exchange, Some("NASDAQ"));
    }

    #[test]
    fn codes_name_a_company_exactly_but_are_not_searched() {
        for code in [
            "JP3633400001",
            "US0378331005",
            "BBG000BCQZS4",
            "XBER:TOM",
            "XFRA:TOM",
        ] {
            assert!(is_code(code), "{code}");
        }
        for name in [
            "Toyota",
            "TOYOTA MOTOR",
            "SoftBank",
            "AT&T",
            "ソフトバンク",
            "TSMC",
        ] {
            assert!(!is_code(name), "{name}");
        }
        let mut data = Dataset::default();
        let mut toyota = crate::data::DataFiles::embedded().parse().unwrap().entities[0].clone();
        toyota.name = "Toyota Motor Corporation".into();
        toyota.aliases = vec!["JP3633400001".into(), "XBER:TOM".into(), "Toyota".into()];
        data.entities.push(toyota);
        let c = Catalog::of_companies(&data, &[]);
        assert!((0..c.len() as u32).all(|i| !is_code(c.text(i))));
        assert_eq!(c.exact("JP3633400001").len(), 1, "still named exactly");
        assert_eq!(c.exact("XBER:TOM").len(), 1);
    }

    /// A catalog the TUI keeps names what the whole catalog names, by symbol, listing, name
    /// and alias, and nothing where it names nothing.
    fn finds_the_same_names(tui: &Catalog, full: &Catalog) {
        for typed in [
            "9984",
            "TSE:9984",
            "softbank group corp",
            "TSMC",
            "nothing like it",
        ] {
            assert_eq!(tui.exact(typed), full.exact(typed), "{typed}");
        }
    }

    #[test]
    fn the_tuis_catalog_looks_names_up_in_its_index_and_keeps_no_labels() {
        let data = crate::data::DataFiles::embedded().parse().unwrap();
        let full = Catalog::new(&data);
        let index = crate::index::Index::new(data);
        let tui = Catalog::searched(index.data(), index.curated(), index.names().clone());
        assert_eq!(tui.len(), full.len());
        for i in 0..full.len() as u32 {
            assert_eq!((tui.text(i), tui.target(i)), (full.text(i), full.target(i)));
        }
        assert_eq!(tui.pairs(), full.pairs());
        finds_the_same_names(&tui, &full);
        assert_eq!(tui.section(HASHES).len() + tui.section(OWNERS).len(), 0);
        let none = Label {
            id: "",
            name: "",
            symbol: None,
            exchange: None,
        };
        assert_eq!(tui.label_of(Target::Entity(EntityId(0))), none);
        assert_eq!(tui.label_of(Target::Program(ProgramId(0))), none);
        assert!(tui.labels.is_empty());
    }

    #[test]
    fn a_masters_catalog_read_for_the_tui_holds_no_key_hashes_nor_labels() {
        let data = crate::data::DataFiles::embedded().parse().unwrap();
        let full = Catalog::of_companies(&data, &[]);
        let bytes = full.to_bytes();
        let names = Names::new(&data.entities);
        let len = bytes.len() as u64;
        let tui = Catalog::read_searched(&mut bytes.as_slice(), len, names.clone())
            .unwrap()
            .expect("reads");
        assert_eq!(tui.len(), full.len());
        for i in 0..full.len() as u32 {
            assert_eq!((tui.text(i), tui.target(i)), (full.text(i), full.target(i)));
            assert_eq!(tui.shown(i), full.shown(i));
        }
        finds_the_same_names(&tui, &full);
        let held = tui.raw.len();
        // (A catalog built keeps its labels apart from `raw`.)
        let passed_over = [HASHES, OWNERS, LABEL_ENDS].map(|s| full.section(s).len());
        let passed_over = passed_over.iter().sum::<usize>() + full.labels.len();
        assert!(passed_over > 0);
        assert_eq!(held, bytes.len() - passed_over);
        assert!(tui.labels.is_empty() && tui.label_of(Target::Entity(EntityId(0))).id.is_empty());
        // Cut short, or with more after it, it is not read.
        let cut = (len - 1, &bytes[..bytes.len() - 1]);
        let mut more = bytes.clone();
        more.push(0);
        for (len, bytes) in [cut, (len + 1, &more[..])] {
            let read = Catalog::read_searched(&mut &bytes[..], len, names.clone()).unwrap();
            assert!(read.is_none());
        }
        // A whole catalog read so is refused by the reader of whole ones.
        let mut framed = Vec::new();
        for (s, range) in tui.at.iter().enumerate() {
            let section = match s {
                TEXTS => tui.texts.as_bytes(),
                SHOWN => tui.shown.as_bytes(),
                _ => &tui.raw[range.clone()],
            };
            framed.extend((section.len() as u64).to_le_bytes());
            framed.extend_from_slice(section);
        }
        assert!(Catalog::from_bytes(framed, 0).is_none());
    }

    #[test]
    fn exact_names_match_what_the_index_resolves() {
        let data = crate::data::DataFiles::embedded().parse().unwrap();
        let catalog = Catalog::new(&data);
        let index = crate::index::Index::new(data);
        for typed in [
            "9984", "9984.T", "TSE:9984", "9984 JT", "softbank", "2330.TW", "TSMC", "rapidus",
        ] {
            let crate::index::Resolution::Found(e) = index.resolve(typed) else {
                panic!("{typed} resolves");
            };
            let exact: Vec<Target> = catalog
                .exact(typed)
                .iter()
                .map(|&i| catalog.target(i))
                .collect();
            assert_eq!(exact, [Target::Entity(e)], "{typed}");
        }
        assert!(catalog.exact("nothing like it").is_empty());
    }
}
