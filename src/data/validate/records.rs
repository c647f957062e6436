//! Validation of each kind of record, one record at a time.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use toml::Spanned;

use super::{DataFile, Located, Validator};
use crate::data::fast::Record;
use crate::data::raw::{from_records as fast, *};
use crate::model::*;

/// A program or one of its funding lines, as the fast reader meets them.
// Short-lived, one at a time while reading: boxing either side buys nothing.
#[allow(clippy::large_enum_variant)]
pub(super) enum ProgramPart<'t> {
    Program(RawProgram<'t>),
    Funding(RawFunding<'t>),
}

impl<'t> Validator<'t> {
    pub(super) fn source(&mut self, raw: Spanned<RawSource<'t>>) {
        let r = raw.into_inner();
        self.define("source", &r.id, self.data.sources.len());
        let date = self.date(&r.date);
        let url = r.url.and_then(|u| {
            // Only web addresses: the TUI hands this to the system's opener. No control or
            // bidi character either: what is shown (without them) must be what is opened.
            let ok = (u.get_ref().starts_with("https://") || u.get_ref().starts_with("http://"))
                && !u
                    .get_ref()
                    .chars()
                    .any(|c| c.is_whitespace() || crate::text::is_unsafe(c));
            if !ok {
                self.at(
                    u.span(),
                    "url must be an http:// or https:// address without spaces or control characters"
                        .to_string(),
                );
            }
            ok.then(|| u.into_inner().into_owned())
        });
        let source = Source {
            url,
            id: self.text(r.id, "id"),
            file: self.text(r.file, "file"),
            title: self.text(r.title, "title"),
            publisher: self.text(r.publisher, "publisher"),
            date: date.unwrap_or(When::Year {
                year: 1970,
                part: None,
            }),
        };
        self.data.sources.push(source);
    }

    pub(super) fn entity(&mut self, raw: Spanned<RawEntity<'t>>) {
        let span = raw.span();
        let r = raw.into_inner();
        let at = self.data.entities.len();
        self.define("entity", &r.id, at);
        let mut listings = Vec::with_capacity(r.listings.len());
        for l in &r.listings {
            let split = l.get_ref().split_once(':');
            match split.map(|(e, s)| (Exchange::parse(e), s.trim())) {
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
                    let message = format!(
                        "unknown exchange in listing {:?} (expected one of: {})",
                        l.get_ref(),
                        known.join(", ")
                    );
                    self.at(l.span(), message);
                }
                _ => {
                    let message = format!(
                        "listing {:?} must be EXCHANGE:SYMBOL, e.g. TSE:9984",
                        l.get_ref()
                    );
                    self.at(l.span(), message);
                }
            }
        }
        if let Some(parent) = r.parent {
            self.parents.push((at, parent));
        }
        let sources = self.cite(r.sources, span);
        let entity = Entity {
            id: self.text(r.id, "id"),
            name: self.text(r.name, "name"),
            listings,
            aliases: r
                .aliases
                .into_iter()
                .map(|a| self.text(a, "alias"))
                .collect(),
            country: self.country(r.country),
            sector: self.text(r.sector, "sector"),
            parent: None,
            summary: self.text(r.summary, "summary"),
            sources,
            origin: Origin::Curated,
        };
        self.data.entities.push(entity);
    }

    pub(super) fn resolve_parents(&mut self) {
        for (at, parent) in std::mem::take(&mut self.parents) {
            if let Some(p) = self.reference(&parent, "entity") {
                self.data.entities[at].parent = Some(EntityId(p));
            }
        }
    }

    /// Reads programs; the fast reader yields funding lines as records of their own.
    pub(super) fn programs_file(&mut self, file: &'t DataFile) -> bool {
        let seen_program = Cell::new(false);
        let part = |r: Record<'t>| {
            let span = r.span.clone();
            if r.header == "program" {
                seen_program.set(true);
                return fast::program(r)
                    .map(|p| Spanned::new(span, ProgramPart::Program(p.into_inner())));
            }
            // A funding table before any program is not the shape the full parser accepts.
            seen_program.get().then_some(())?;
            fast::funding(r).map(|f| Spanned::new(span, ProgramPart::Funding(f.into_inner())))
        };
        let pending: RefCell<Option<Spanned<RawProgram<'t>>>> = RefCell::new(None);
        let slow = |text: &str| {
            // The fast reader gave up part-way: the program it was still collecting is
            // rolled back with the rest, or it would be defined twice.
            pending.borrow_mut().take();
            toml::from_str::<ProgramsFile<'static>>(text).map(|f| {
                let mut parts = Vec::new();
                for p in f.program {
                    let span = p.span();
                    let mut program = p.into_inner();
                    let funding = std::mem::take(&mut program.funding);
                    parts.push(Spanned::new(span, ProgramPart::Program(program)));
                    parts.extend(funding.into_iter().map(|l| {
                        let span = l.span();
                        Spanned::new(span, ProgramPart::Funding(l.into_inner()))
                    }));
                }
                parts
            })
        };
        let file = Located::new(&file.path, &file.text);
        let ok = self.read(file, part, slow, |v, part| {
            let span = part.span();
            match part.into_inner() {
                ProgramPart::Program(p) => {
                    let done = pending.borrow_mut().replace(Spanned::new(span, p));
                    if let Some(done) = done {
                        v.program(done);
                    }
                }
                ProgramPart::Funding(l) => {
                    if let Some(p) = pending.borrow_mut().as_mut() {
                        p.get_mut().funding.push(Spanned::new(span, l));
                    }
                }
            }
        });
        if let Some(done) = pending.into_inner() {
            self.program(done);
        }
        ok
    }

    /// Resolves `same_as = "program/line"`: a line of a program listed earlier.
    fn same_as(&mut self, s: &S<'t>) -> Option<(ProgramId, usize)> {
        let text = s.get_ref();
        let Some((program, line)) = text.split_once('/') else {
            self.at(
                s.span(),
                format!("same_as {text:?} must be \"program-id/line-id\""),
            );
            return None;
        };
        let found = self.data.programs.iter().position(|p| p.id == program);
        let Some(p) = found else {
            let message = format!(
                "unknown program {program:?} in same_as (the program must be listed before the line naming it)"
            );
            self.at(s.span(), message);
            return None;
        };
        let Some(l) = self.data.programs[p]
            .funding
            .iter()
            .position(|f| f.id == line)
        else {
            self.at(
                s.span(),
                format!("unknown funding id {line:?} in program {program:?}"),
            );
            return None;
        };
        Some((ProgramId(p as u32), l))
    }

    fn program(&mut self, raw: Spanned<RawProgram<'t>>) {
        let span = raw.span();
        let r = raw.into_inner();
        self.define("program", &r.id, self.data.programs.len());
        let mut funding: Vec<FundingLine> = Vec::with_capacity(r.funding.len());
        let mut line_ids: HashMap<String, usize> = HashMap::new();
        for line in r.funding {
            let line_span = line.span();
            let l = line.into_inner();
            if line_ids.contains_key(l.id.get_ref().as_ref()) {
                let message = format!(
                    "duplicate funding id {:?} in program {:?}",
                    l.id.get_ref(),
                    r.id.get_ref()
                );
                self.at(l.id.span(), message);
            }
            let parent = l.parent.as_ref().and_then(|p| {
                let found = line_ids.get(p.get_ref().as_ref()).copied();
                if found.is_none() {
                    let message = format!(
                        "unknown parent funding id {:?} (a parent must be listed before its children in the same program)",
                        p.get_ref()
                    );
                    self.at(p.span(), message);
                }
                found
            });
            let period = l.period.as_ref().and_then(|p| self.period(p));
            let money = self.money(&l.money);
            let kind = self.word(
                &l.kind,
                FundingKind::ALL,
                FundingKind::as_str,
                "funding kind",
            );
            let owner = l.owner.as_ref().and_then(|o| {
                let found = self.reference(o, "entity").map(EntityId);
                if found.is_some() && kind.is_some_and(|k| k != FundingKind::Private) {
                    let message =
                        "`owner` names whose own money a line is; only a `private` line has one"
                            .to_string();
                    self.at(o.span(), message);
                }
                found
            });
            let same_as = l.same_as.as_ref().and_then(|s| self.same_as(s));
            let sources = self.cite(l.sources, line_span);
            let (Some(money), Some(kind)) = (money, kind) else {
                continue;
            };
            line_ids.insert(l.id.get_ref().to_string(), funding.len());
            funding.push(FundingLine {
                id: self.text(l.id, "id"),
                label: self.text(l.label, "label"),
                money,
                kind,
                period,
                term: self.opt_text(l.term, "term"),
                purpose: self.text(l.purpose, "purpose"),
                parent,
                owner,
                same_as,
                sources,
            });
        }
        let status = self.word(&r.status, Status::ALL, Status::as_str, "status");
        let sources = self.cite(r.sources, span);
        let program = Program {
            id: self.text(r.id, "id"),
            name: self.text(r.name, "name"),
            sponsor: self.text(r.sponsor, "sponsor"),
            country: self.country(r.country),
            status: status.unwrap_or(Status::Announced),
            summary: self.text(r.summary, "summary"),
            funding,
            sources,
            origin: Origin::Curated,
        };
        self.data.programs.push(program);
    }

    pub(super) fn exposure(&mut self, raw: Spanned<RawExposure<'t>>) {
        let span = raw.span();
        let r = raw.into_inner();
        let entity = self.reference(&r.entity, "entity");
        let program = self.reference(&r.program, "program");
        let role = self.word(&r.role, Role::ALL, Role::as_str, "role");
        let basis = self.word(&r.basis, Basis::ALL, Basis::as_str, "basis");
        let direction = self.word(&r.direction, Direction::ALL, Direction::as_str, "direction");
        let mut funding = IdList::new();
        if let Some(p) = program {
            for f in &r.funding {
                let lines = &self.data.programs[p as usize].funding;
                match lines.iter().position(|l| l.id == f.get_ref().as_ref()) {
                    Some(i) => funding.push(i),
                    None => {
                        let id = &self.data.programs[p as usize].id;
                        let message =
                            format!("program {id:?} has no funding line {:?}", f.get_ref());
                        self.at(f.span(), message);
                    }
                }
            }
        }
        let sources = self.cite(r.sources, span).into();
        let note = self.text(r.note, "note").into_boxed_str();
        if let (Some(entity), Some(program), Some(role), Some(basis), Some(direction)) =
            (entity, program, role, basis, direction)
        {
            self.data.exposures.push(Exposure {
                entity: EntityId(entity),
                program: ProgramId(program),
                role,
                basis,
                direction,
                funding,
                note,
                sources,
                origin: Origin::Curated,
            });
        }
    }

    pub(super) fn catalyst(&mut self, raw: Spanned<RawCatalyst<'t>>) {
        let span = raw.span();
        let r = raw.into_inner();
        self.define("catalyst", &r.id, self.data.catalysts.len());
        let date = self.date(&r.date);
        let kind = self.word(
            &r.kind,
            CatalystKind::ALL,
            CatalystKind::as_str,
            "catalyst kind",
        );
        let program = r
            .program
            .as_ref()
            .and_then(|p| self.reference(p, "program"))
            .map(ProgramId);
        let entities = r
            .entities
            .iter()
            .filter_map(|e| self.reference(e, "entity"))
            .map(EntityId)
            .collect();
        let sources = self.cite(r.sources, span);
        if let (Some(date), Some(kind)) = (date, kind) {
            let catalyst = Catalyst {
                id: self.text(r.id, "id"),
                title: self.text(r.title, "title"),
                date,
                kind,
                program,
                entities,
                note: self.text(r.note, "note"),
                sources,
                origin: Origin::Curated,
            };
            self.data.catalysts.push(catalyst);
        }
    }
}
