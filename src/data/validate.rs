//! Turns the raw files into a [`Dataset`], collecting every error rather than stopping at one.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use super::error::{DataError, Located};
use super::fast;
use super::raw::*;
use super::{DataFile, DataFiles};
use crate::model::*;

/// Ids of one record kind mapped to positions; `None` when its file did not parse, so
/// references into it are not reported as unknown (the syntax error already is).
type Ids = Option<HashMap<String, usize>>;

struct Checker<'a> {
    errors: Vec<DataError>,
    file: Located<'a>,
}

impl<'a> Checker<'a> {
    fn at(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.errors.push(self.file.error(span, message));
    }

    /// Reads the file with the fast subset reader, or with the `toml` crate when the fast
    /// reader declines (which it does for anything unusual, including every error).
    fn parse<T: serde::de::DeserializeOwned>(
        &mut self,
        fast: fn(Vec<fast::Record>) -> Option<T>,
    ) -> Option<T> {
        if let Some(parsed) = fast::records(self.file.text).and_then(fast) {
            return Some(parsed);
        }
        match toml::from_str(self.file.text) {
            Ok(v) => Some(v),
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let message = e.message().trim().to_string();
                self.at(span, message);
                None
            }
        }
    }

    fn text(&mut self, s: &S, what: &str) -> String {
        if s.get_ref().trim().is_empty() {
            self.at(s.span(), format!("{what} must not be empty"));
        }
        s.get_ref().clone()
    }

    fn opt_text(&mut self, s: &Option<S>, what: &str) -> Option<String> {
        s.as_ref().map(|s| self.text(s, what))
    }

    fn ids(&mut self, list: impl Iterator<Item = &'a S>, kind: &str) -> HashMap<String, usize> {
        let mut map = HashMap::new();
        for (i, id) in list.enumerate() {
            self.text(id, "id");
            if map.insert(id.get_ref().clone(), i).is_some() {
                self.at(id.span(), format!("duplicate {kind} id {:?}", id.get_ref()));
            }
        }
        map
    }

    fn reference(&mut self, s: &S, ids: &Ids, kind: &str) -> Option<usize> {
        let ids = ids.as_ref()?;
        let found = ids.get(s.get_ref()).copied();
        if found.is_none() {
            let near = crate::text::closest(s.get_ref(), ids.keys().map(String::as_str), 3);
            let hint = if near.is_empty() {
                String::new()
            } else {
                format!(" (did you mean {}?)", near.join(", "))
            };
            self.at(
                s.span(),
                format!("unknown {kind} id {:?}{hint}", s.get_ref()),
            );
        }
        found
    }

    fn sources(&mut self, list: &[S], ids: &Ids, record: Range<usize>) -> Vec<SourceId> {
        if list.is_empty() {
            self.at(record, "a record needs at least one source");
        }
        list.iter()
            .filter_map(|s| self.reference(s, ids, "source"))
            .map(|i| SourceId(i as u32))
            .collect()
    }

    fn word<T>(
        &mut self,
        s: &S,
        parse: fn(&str) -> Option<T>,
        all: &[&str],
        what: &str,
    ) -> Option<T> {
        let value = parse(s.get_ref());
        if value.is_none() {
            self.at(
                s.span(),
                format!(
                    "unknown {what} {:?} (expected one of: {})",
                    s.get_ref(),
                    all.join(", ")
                ),
            );
        }
        value
    }

    fn date(&mut self, s: &S) -> Option<When> {
        match s.get_ref().parse::<When>() {
            Ok(w) => Some(w),
            Err(e) => {
                self.at(s.span(), e.to_string());
                None
            }
        }
    }

    fn country(&mut self, s: &S) -> String {
        let c = s.get_ref();
        let ok = !c.is_empty()
            && c.split('/')
                .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_uppercase()));
        if !ok {
            self.at(
                s.span(),
                format!("country {c:?} must be ISO 3166 alpha-2 codes, e.g. JP or US/JP"),
            );
        }
        c.clone()
    }

    fn money(&mut self, m: &Spanned<RawMoney>) -> Option<Money> {
        let raw = m.get_ref();
        let currency = Currency::from_code(raw.currency.get_ref());
        if currency.is_none() {
            let known: Vec<_> = Currency::known_codes().collect();
            self.at(
                raw.currency.span(),
                format!(
                    "unknown currency {:?} (expected an ISO 4217 code: {})",
                    raw.currency.get_ref(),
                    known.join(", ")
                ),
            );
        }
        let mut amount_ok = |v: &Spanned<f64>, what: &str| {
            let ok = v.get_ref().is_finite() && *v.get_ref() >= 0.0;
            if !ok {
                self.at(
                    v.span(),
                    format!("{what} must be a non-negative number, got {}", v.get_ref()),
                );
            }
            ok
        };
        let amount_valid = amount_ok(&raw.amount, "amount");
        let usd_valid = raw.usd.as_ref().is_none_or(|u| amount_ok(u, "usd"));
        match (currency, amount_valid && usd_valid) {
            (Some(c), true) => Money::new(
                c,
                *raw.amount.get_ref(),
                raw.usd.as_ref().map(|u| *u.get_ref()),
            ),
            _ => None,
        }
    }
}

macro_rules! words {
    ($ty:ty) => {
        &<$ty>::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>()
    };
}

/// Validates all five files; `Err` holds every problem found.
pub fn validate<'a>(files: &'a DataFiles) -> Result<Dataset, Vec<DataError>> {
    let mut errors = Vec::new();
    let checker = |f: &'a DataFile| Checker {
        errors: Vec::new(),
        file: Located::new(&f.path, &f.text),
    };
    let mut c_src = checker(&files.sources);
    let mut c_ent = checker(&files.entities);
    let mut c_prg = checker(&files.programs);
    let mut c_exp = checker(&files.exposures);
    let mut c_cat = checker(&files.catalysts);

    let sources_raw = c_src.parse(from_records::sources);
    let entities_raw = c_ent.parse(from_records::entities);
    let programs_raw = c_prg.parse(from_records::programs);
    let exposures_raw = c_exp.parse(from_records::exposures);
    let catalysts_raw = c_cat.parse(from_records::catalysts);

    let source_ids: Ids = sources_raw
        .as_ref()
        .map(|f| c_src.ids(f.source.iter().map(|s| &s.get_ref().id), "source"));
    let entity_ids: Ids = entities_raw
        .as_ref()
        .map(|f| c_ent.ids(f.entity.iter().map(|s| &s.get_ref().id), "entity"));
    let program_ids: Ids = programs_raw
        .as_ref()
        .map(|f| c_prg.ids(f.program.iter().map(|s| &s.get_ref().id), "program"));
    if let Some(f) = &catalysts_raw {
        c_cat.ids(f.catalyst.iter().map(|s| &s.get_ref().id), "catalyst");
    }

    let mut data = Dataset::default();
    for raw in sources_raw.iter().flat_map(|f| &f.source) {
        let r = raw.get_ref();
        let date = c_src.date(&r.date);
        data.sources.push(Source {
            id: c_src.text(&r.id, "id"),
            file: c_src.text(&r.file, "file"),
            title: c_src.text(&r.title, "title"),
            publisher: c_src.text(&r.publisher, "publisher"),
            date: date.unwrap_or(When::Year {
                year: 1970,
                part: None,
            }),
        });
    }

    for raw in entities_raw.iter().flat_map(|f| &f.entity) {
        let r = raw.get_ref();
        let mut listings = Vec::new();
        for l in &r.listings {
            match l
                .get_ref()
                .split_once(':')
                .map(|(e, s)| (Exchange::parse(e), s.trim()))
            {
                Some((Some(exchange), symbol))
                    if !symbol.is_empty() && !symbol.contains(char::is_whitespace) =>
                {
                    listings.push(Listing {
                        symbol: symbol.to_string(),
                        exchange,
                    })
                }
                Some((None, _)) => {
                    let known: Vec<_> = Exchange::known_codes().collect();
                    c_ent.at(
                        l.span(),
                        format!(
                            "unknown exchange in listing {:?} (expected one of: {})",
                            l.get_ref(),
                            known.join(", ")
                        ),
                    )
                }
                _ => c_ent.at(
                    l.span(),
                    format!(
                        "listing {:?} must be EXCHANGE:SYMBOL, e.g. TSE:9984",
                        l.get_ref()
                    ),
                ),
            }
        }
        let parent = r
            .parent
            .as_ref()
            .and_then(|p| c_ent.reference(p, &entity_ids, "entity"))
            .map(|i| EntityId(i as u32));
        let sources = c_ent.sources(&r.sources, &source_ids, raw.span());
        data.entities.push(Entity {
            id: c_ent.text(&r.id, "id"),
            name: c_ent.text(&r.name, "name"),
            listings,
            aliases: r.aliases.iter().map(|a| c_ent.text(a, "alias")).collect(),
            country: c_ent.country(&r.country),
            sector: c_ent.text(&r.sector, "sector"),
            parent,
            summary: c_ent.text(&r.summary, "summary"),
            sources,
            origin: Origin::Curated,
        });
    }

    for raw in programs_raw.iter().flat_map(|f| &f.program) {
        let r = raw.get_ref();
        let mut funding: Vec<FundingLine> = Vec::new();
        let mut line_ids: HashMap<&str, usize> = HashMap::new();
        for line in &r.funding {
            let l = line.get_ref();
            if line_ids.insert(l.id.get_ref(), funding.len()).is_some() {
                c_prg.at(
                    l.id.span(),
                    format!(
                        "duplicate funding id {:?} in program {:?}",
                        l.id.get_ref(),
                        r.id.get_ref()
                    ),
                );
            }
            let parent = l.parent.as_ref().and_then(|p| {
                let found = line_ids.get(p.get_ref().as_str()).copied().filter(|&i| i < funding.len());
                if found.is_none() {
                    c_prg.at(p.span(), format!("unknown parent funding id {:?} (a parent must be listed before its children in the same program)", p.get_ref()));
                }
                found
            });
            let period = l.period.as_ref().and_then(|p| {
                let (first, last) = p
                    .get_ref()
                    .split_once("..")
                    .unwrap_or((p.get_ref(), p.get_ref()));
                let parse = |s: &str| s.parse::<When>();
                match (parse(first), parse(last)) {
                    (Ok(a), Ok(b)) if a.start() <= b.end() => Some((a, b)),
                    (Ok(_), Ok(_)) => {
                        c_prg.at(
                            p.span(),
                            format!("period {:?} ends before it starts", p.get_ref()),
                        );
                        None
                    }
                    (Err(e), _) | (_, Err(e)) => {
                        c_prg.at(p.span(), e.to_string());
                        None
                    }
                }
            });
            let money = c_prg.money(&l.money);
            let kind = c_prg.word(
                &l.kind,
                FundingKind::parse,
                words!(FundingKind),
                "funding kind",
            );
            let sources = c_prg.sources(&l.sources, &source_ids, line.span());
            if let (Some(money), Some(kind)) = (money, kind) {
                funding.push(FundingLine {
                    id: c_prg.text(&l.id, "id"),
                    label: c_prg.text(&l.label, "label"),
                    money,
                    kind,
                    period,
                    term: c_prg.opt_text(&l.term, "term"),
                    purpose: c_prg.text(&l.purpose, "purpose"),
                    parent,
                    sources,
                });
            } else {
                line_ids.remove(l.id.get_ref().as_str());
            }
        }
        let status = c_prg.word(&r.status, Status::parse, words!(Status), "status");
        let sources = c_prg.sources(&r.sources, &source_ids, raw.span());
        data.programs.push(Program {
            id: c_prg.text(&r.id, "id"),
            name: c_prg.text(&r.name, "name"),
            sponsor: c_prg.text(&r.sponsor, "sponsor"),
            country: c_prg.country(&r.country),
            status: status.unwrap_or(Status::Announced),
            summary: c_prg.text(&r.summary, "summary"),
            funding,
            sources,
            origin: Origin::Curated,
        });
    }

    for raw in exposures_raw.iter().flat_map(|f| &f.exposure) {
        let r = raw.get_ref();
        let entity = c_exp.reference(&r.entity, &entity_ids, "entity");
        let program = c_exp.reference(&r.program, &program_ids, "program");
        let role = c_exp.word(&r.role, Role::parse, words!(Role), "role");
        let direction = c_exp.word(
            &r.direction,
            Direction::parse,
            words!(Direction),
            "direction",
        );
        let mut funding = Vec::new();
        if let Some(p) = program.and_then(|p| data.programs.get(p)) {
            for f in &r.funding {
                match p.funding.iter().position(|l| &l.id == f.get_ref()) {
                    Some(i) => funding.push(i),
                    None => c_exp.at(
                        f.span(),
                        format!("program {:?} has no funding line {:?}", p.id, f.get_ref()),
                    ),
                }
            }
        }
        let sources = c_exp.sources(&r.sources, &source_ids, raw.span());
        let note = c_exp.text(&r.note, "note");
        if let (Some(entity), Some(program), Some(role), Some(direction)) =
            (entity, program, role, direction)
        {
            data.exposures.push(Exposure {
                entity: EntityId(entity as u32),
                program: ProgramId(program as u32),
                role,
                direction,
                funding,
                note,
                sources,
                origin: Origin::Curated,
            });
        }
    }

    for raw in catalysts_raw.iter().flat_map(|f| &f.catalyst) {
        let r = raw.get_ref();
        let date = c_cat.date(&r.date);
        let kind = c_cat.word(
            &r.kind,
            CatalystKind::parse,
            words!(CatalystKind),
            "catalyst kind",
        );
        let program = r
            .program
            .as_ref()
            .and_then(|p| c_cat.reference(p, &program_ids, "program"))
            .map(|i| ProgramId(i as u32));
        let entities = r
            .entities
            .iter()
            .filter_map(|e| c_cat.reference(e, &entity_ids, "entity"))
            .map(|i| EntityId(i as u32))
            .collect();
        let sources = c_cat.sources(&r.sources, &source_ids, raw.span());
        if let (Some(date), Some(kind)) = (date, kind) {
            data.catalysts.push(Catalyst {
                id: c_cat.text(&r.id, "id"),
                title: c_cat.text(&r.title, "title"),
                date,
                kind,
                program,
                entities,
                note: c_cat.text(&r.note, "note"),
                sources,
                origin: Origin::Curated,
            });
        }
    }

    for c in [c_src, c_ent, c_prg, c_exp, c_cat] {
        errors.extend(c.errors);
    }
    if errors.is_empty() {
        Ok(data)
    } else {
        Err(errors)
    }
}
