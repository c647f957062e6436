//! Turns the data files into a [`Dataset`], collecting every error rather than stopping at one.
//!
//! Files are read record by record in dependency order (sources, entities, programs,
//! exposures, catalysts), so a million-link dataset never exists twice in memory.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use toml::Spanned;

use super::error::{DataError, Located};
use super::fast::{self as reader, Declined, Record, Records};
use super::raw::{from_records as fast, *};
use super::{DataFile, DataFiles};
use crate::fsread::limits;
use crate::model::*;

/// Ids of one record kind -> position; `None` when its file could not be read at all, so
/// references into it are not reported as unknown (the syntax error already is).
type Ids = Option<HashMap<String, u32>>;

struct Validator<'t> {
    file: Located<'t>,
    errors: Vec<DataError>,
    data: Dataset,
    sources: Ids,
    entities: Ids,
    programs: Ids,
    catalysts: Ids,
    /// Entity parents wait until every entity id is known.
    parents: Vec<(usize, S<'t>)>,
    /// Errors past [`limits::ERRORS`], counted rather than kept: a million bad links must
    /// not become a million messages in memory.
    unlisted: usize,
}

/// Lengths to roll back to when the fast reader gives up half-way through a file.
struct Mark([usize; 8]);

fn words<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> String {
    all.iter().map(|&v| name(v)).collect::<Vec<_>>().join(", ")
}

impl<'t> Validator<'t> {
    fn at(&mut self, span: Range<usize>, message: impl Into<String>) {
        if self.errors.len() < limits::ERRORS {
            self.errors.push(self.file.error(span, message));
        } else {
            self.unlisted += 1;
        }
    }

    fn mark(&self) -> Mark {
        let d = &self.data;
        Mark([
            self.errors.len(),
            d.sources.len(),
            d.entities.len(),
            d.programs.len(),
            d.exposures.len(),
            d.catalysts.len(),
            self.parents.len(),
            self.unlisted,
        ])
    }

    fn restore(&mut self, Mark(m): Mark) {
        self.errors.truncate(m[0]);
        let d = &mut self.data;
        d.sources.truncate(m[1]);
        d.entities.truncate(m[2]);
        d.programs.truncate(m[3]);
        d.exposures.truncate(m[4]);
        d.catalysts.truncate(m[5]);
        self.parents.truncate(m[6]);
        self.unlisted = m[7];
        let keep = |ids: &mut Ids, len: usize| {
            if let Some(map) = ids {
                map.retain(|_, i| (*i as usize) < len);
            }
        };
        keep(&mut self.sources, m[1]);
        keep(&mut self.entities, m[2]);
        keep(&mut self.programs, m[3]);
        keep(&mut self.catalysts, m[5]);
    }

    /// Reads `file` with the fast reader, or the `toml` crate where the fast reader declines,
    /// handing each record to `visit`. Returns whether the file could be read.
    fn read<T>(
        &mut self,
        file: Located<'t>,
        fast: impl Fn(Record<'t>) -> Option<Spanned<T>>,
        slow: impl FnOnce(&'t str) -> Result<Vec<Spanned<T>>, toml::de::Error>,
        mut visit: impl FnMut(&mut Self, Spanned<T>),
    ) -> bool {
        let text = file.text;
        self.file = file;
        let mark = self.mark();
        let mut reader = Records::new(text);
        let declined = loop {
            let at = reader.position();
            match reader.next_record().map(|r| r.map(&fast)) {
                Ok(None) => break None,
                Ok(Some(Some(record))) => visit(self, record),
                // A record the fast reader read but the schema rejects: its header.
                Ok(Some(None)) => break Some(at),
                Err(Declined) => break Some(reader.position()),
            }
        };
        let Some(declined) = declined else {
            return true;
        };
        self.restore(mark);
        if let Some(at) = reader::too_deep(text) {
            let message = format!(
                "arrays or tables nested deeper than {} levels",
                limits::NESTING
            );
            self.at(at..at, message);
            return false;
        }
        if text.len() as u64 > limits::FULL_TOML {
            let message = format!(
                "the fast reader cannot read the record here (an unknown or missing key, a \
                 wrong type, or TOML beyond plain records of keys, strings, numbers, arrays \
                 and inline tables), and at {} the file is over the {} the full TOML reader \
                 is allowed",
                crate::fsread::human(text.len() as u64),
                crate::fsread::human(limits::FULL_TOML)
            );
            self.at(declined..declined, message);
            return false;
        }
        match slow(text) {
            Ok(records) => {
                records.into_iter().for_each(|r| visit(self, r));
                true
            }
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                self.at(span, e.message().trim().to_string());
                false
            }
        }
    }

    fn text(&mut self, s: S<'t>, what: &str) -> String {
        if s.get_ref().trim().is_empty() {
            self.at(s.span(), format!("{what} must not be empty"));
        }
        s.into_inner().into_owned()
    }

    fn opt_text(&mut self, s: Option<S<'t>>, what: &str) -> Option<String> {
        s.map(|s| self.text(s, what))
    }

    /// The ids of a file once it is read: `None` only if it could not be read (its error is
    /// reported), so references into it are not also reported; a file read with no records
    /// is an error of its own, and every reference into it is reported as unknown.
    fn read_ids(
        &mut self,
        read: bool,
        file: &'t DataFile,
        ids: fn(&mut Self) -> &mut Ids,
        kind: &str,
    ) -> Ids {
        if !read {
            return None;
        }
        let ids = ids(self).take().unwrap_or_default();
        if ids.is_empty() {
            self.file = Located::new(&file.path, &file.text);
            self.at(0..0, format!("the file has no [[{kind}]] records"));
        }
        Some(ids)
    }

    /// Registers a new id of `kind`; reports a duplicate.
    fn define(&mut self, kind: &str, id: &S<'t>, at: usize) {
        let ids = match kind {
            "source" => &mut self.sources,
            "entity" => &mut self.entities,
            "program" => &mut self.programs,
            _ => &mut self.catalysts,
        };
        let map = ids.get_or_insert_with(HashMap::default);
        if map.contains_key(id.get_ref().as_ref()) {
            let message = format!("duplicate {kind} id {:?}", id.get_ref());
            self.at(id.span(), message);
        } else {
            map.insert(id.get_ref().to_string(), at as u32);
        }
    }

    fn reference(&mut self, s: &S<'t>, kind: &str) -> Option<u32> {
        let ids = match kind {
            "source" => &self.sources,
            "entity" => &self.entities,
            _ => &self.programs,
        };
        let map = ids.as_ref()?;
        if let Some(&i) = map.get(s.get_ref().as_ref()) {
            return Some(i);
        }
        let near = crate::text::closest(s.get_ref(), map.keys().map(String::as_str), 3);
        let hint = if near.is_empty() {
            String::new()
        } else {
            format!(" (did you mean {}?)", near.join(", "))
        };
        self.at(
            s.span(),
            format!("unknown {kind} id {:?}{hint}", s.get_ref()),
        );
        None
    }

    fn cite(&mut self, list: Vec<S<'t>>, record: Range<usize>) -> Vec<SourceId> {
        if list.is_empty() {
            self.at(record, "a record needs at least one source");
        }
        list.iter()
            .filter_map(|s| self.reference(s, "source").map(SourceId))
            .collect()
    }

    fn word<T: Copy>(
        &mut self,
        s: &S<'t>,
        all: &[T],
        name: fn(T) -> &'static str,
        what: &str,
    ) -> Option<T> {
        let found = all
            .iter()
            .copied()
            .find(|&v| name(v) == s.get_ref().as_ref());
        if found.is_none() {
            let message = format!(
                "unknown {what} {:?} (expected one of: {})",
                s.get_ref(),
                words(all, name)
            );
            self.at(s.span(), message);
        }
        found
    }

    fn date(&mut self, s: &S<'t>) -> Option<When> {
        s.get_ref()
            .parse::<When>()
            .map_err(|e| self.at(s.span(), e.to_string()))
            .ok()
    }

    fn country(&mut self, s: S<'t>) -> String {
        let ok = !s.get_ref().is_empty()
            && s.get_ref()
                .split('/')
                .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_uppercase()));
        if !ok {
            let message = format!(
                "country {:?} must be ISO 3166 alpha-2 codes, e.g. JP or US/JP",
                s.get_ref()
            );
            self.at(s.span(), message);
        }
        s.into_inner().into_owned()
    }

    fn amount(&mut self, v: &Spanned<f64>, what: &str) -> bool {
        let ok = v.get_ref().is_finite() && *v.get_ref() >= 0.0;
        if !ok {
            self.at(
                v.span(),
                format!("{what} must be a non-negative number, got {}", v.get_ref()),
            );
        }
        ok
    }

    fn money(&mut self, m: &Spanned<RawMoney<'t>>) -> Option<Money> {
        let raw = m.get_ref();
        let currency = Currency::from_code(raw.currency.get_ref());
        if currency.is_none() {
            let known: Vec<_> = Currency::known_codes().collect();
            let message = format!(
                "unknown currency {:?} (expected an ISO 4217 code: {})",
                raw.currency.get_ref(),
                known.join(", ")
            );
            self.at(raw.currency.span(), message);
        }
        let amount_ok = self.amount(&raw.amount, "amount");
        let usd_ok = raw.usd.as_ref().is_none_or(|u| self.amount(u, "usd"));
        let usd = raw.usd.as_ref().map(|u| *u.get_ref());
        (amount_ok && usd_ok).then_some(())?;
        Money::new(currency?, *raw.amount.get_ref(), usd)
    }

    fn period(&mut self, p: &S<'t>) -> Option<(When, When)> {
        let text = p.get_ref();
        let (first, last) = text.split_once("..").unwrap_or((text, text));
        match (first.parse::<When>(), last.parse::<When>()) {
            (Ok(a), Ok(b)) if a.start() <= b.end() => Some((a, b)),
            (Ok(_), Ok(_)) => {
                self.at(p.span(), format!("period {text:?} ends before it starts"));
                None
            }
            (Err(e), _) | (_, Err(e)) => {
                self.at(p.span(), e.to_string());
                None
            }
        }
    }
}

mod pieces;
mod records;

use pieces::PIECE;

/// Validates all five files; `Err` holds every problem found.
pub fn validate(files: &DataFiles) -> Result<Dataset, Vec<DataError>> {
    validate_in(files, PIECE)
}

/// [`validate`], streaming exposures `piece` bytes at a time.
fn validate_in<'t>(files: &'t DataFiles, piece: usize) -> Result<Dataset, Vec<DataError>> {
    let mut v = Validator {
        file: Located::new("", ""),
        errors: Vec::new(),
        data: Dataset::default(),
        sources: None,
        entities: None,
        programs: None,
        catalysts: None,
        parents: Vec::new(),
        unlisted: 0,
    };
    let slow = |text: &str| toml::from_str::<SourcesFile<'static>>(text).map(|f| f.source);
    let whole = |f: &'t DataFile| Located::new(&f.path, &f.text);
    let read = v.read(whole(&files.sources), fast::source, slow, Validator::source);
    v.sources = v.read_ids(read, &files.sources, |v| &mut v.sources, "source");
    let slow = |text: &str| toml::from_str::<EntitiesFile<'static>>(text).map(|f| f.entity);
    let read = v.read(
        whole(&files.entities),
        fast::entity,
        slow,
        Validator::entity,
    );
    if read {
        v.resolve_parents();
    }
    v.entities = v.read_ids(read, &files.entities, |v| &mut v.entities, "entity");
    let read = v.programs_file(&files.programs);
    v.programs = v.read_ids(read, &files.programs, |v| &mut v.programs, "program");
    match &files.exposures.stream {
        Some(stream) => v.exposures_in_pieces(&files.exposures.path, stream, piece),
        None => v.exposures(whole(&files.exposures)),
    };
    let slow = |text: &str| toml::from_str::<CatalystsFile<'static>>(text).map(|f| f.catalyst);
    v.read(
        whole(&files.catalysts),
        fast::catalyst,
        slow,
        Validator::catalyst,
    );
    if v.unlisted > 0 {
        let last = v.errors.last().cloned().unwrap_or_else(|| DataError {
            path: String::new(),
            line: 1,
            col: 1,
            message: String::new(),
        });
        v.errors.push(DataError {
            message: format!(
                "and {} more errors not listed (only the first {} are)",
                v.unlisted,
                limits::ERRORS
            ),
            ..last
        });
    }
    if v.errors.is_empty() {
        Ok(v.data)
    } else {
        Err(v.errors)
    }
}
