//! The in-memory index: every way a trader names an entity, and the links from an entity to
//! its programs, funding and catalysts, built once from a [`Dataset`].

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use crate::model::*;
use crate::search::{Hit, Searcher, Session};

/// What a typed name resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Exactly one entity.
    Found(EntityId),
    /// Several entities share the name (a bare symbol on two exchanges, say).
    Ambiguous(Vec<EntityId>),
    /// Nothing by that name.
    NotFound,
}

/// A dataset with its lookups built.
pub struct Index {
    data: Dataset,
    /// Hash of a normalised spelling -> the entity it names, or (with [`SHARED`] set) an
    /// index into `shared` when several share the hash. Lookups confirm against the entity's
    /// own spellings, so a hash collision never resolves to the wrong name; storing hashes
    /// instead of strings saves tens of megabytes at 100k entities. Exchange-qualified forms
    /// are parsed at lookup.
    names: FxHashMap<u64, EntityId>,
    shared: Vec<Vec<EntityId>>,
    exposures_by_entity: Vec<Vec<u32>>,
    exposures_by_program: Vec<Vec<u32>>,
    catalysts_by_entity: Vec<Vec<CatalystId>>,
    catalysts_by_program: Vec<Vec<CatalystId>>,
    catalysts_by_date: Vec<CatalystId>,
    /// Built on first use: `show`, `calendar` and `programs` never search.
    searcher: std::sync::OnceLock<Searcher>,
}

/// Canonical form of a typed name: lower case, single spaces, no space around `:`.
pub fn normalize(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for word in lower.split_whitespace() {
        if !out.is_empty() && !out.ends_with(':') && !word.starts_with(':') {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Company-form suffixes that traders leave off ("SoftBank Group Corp." -> "softbank group").
const LEGAL_SUFFIXES: &[&str] = &[
    ", inc.",
    " inc.",
    " inc",
    " corp.",
    " corp",
    " corporation",
    " co., ltd.",
    " co. ltd.",
    " ltd.",
    " ltd",
    " plc",
    " ag",
    " n.v.",
    " s.a.",
    " se",
    " limited",
    " incorporated",
];

fn spelling_hash(key: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(key.as_bytes())
}

/// Marks a `names` value as an index into `shared`.
const SHARED: u32 = 1 << 31;

/// Every normalised spelling that names `entity` directly (exchange-qualified forms are
/// parsed at lookup instead).
pub(crate) fn spellings(entity: &Entity) -> Vec<String> {
    let listed = entity.listings.iter().map(|l| &l.symbol);
    let all = [&entity.id, &entity.name]
        .into_iter()
        .chain(&entity.aliases)
        .chain(listed);
    let mut normalized: Vec<String> = all.map(|s| normalize(s)).collect();
    let name = normalize(&entity.name);
    for suffix in LEGAL_SUFFIXES {
        if let Some(short) = name.strip_suffix(suffix) {
            normalized.push(short.trim_end_matches(',').to_string());
        }
    }
    normalized.retain(|s| !s.is_empty());
    normalized.sort();
    normalized.dedup();
    normalized
}

impl Index {
    /// Builds every lookup; linear in the size of the dataset.
    pub fn new(data: Dataset) -> Index {
        let mut names: FxHashMap<u64, EntityId> = FxHashMap::default();
        let mut shared: Vec<Vec<EntityId>> = Vec::new();
        for (i, entity) in data.entities.iter().enumerate() {
            let id = EntityId(i as u32);
            for key in spellings(entity) {
                let slot = names.entry(spelling_hash(&key)).or_insert(id);
                if *slot == id {
                    continue;
                }
                if slot.0 & SHARED == 0 {
                    shared.push(vec![*slot]);
                    *slot = EntityId(SHARED | (shared.len() - 1) as u32);
                }
                shared[(slot.0 & !SHARED) as usize].push(id);
            }
        }

        let mut exposures_by_entity = vec![Vec::new(); data.entities.len()];
        let mut exposures_by_program = vec![Vec::new(); data.programs.len()];
        for (i, e) in data.exposures.iter().enumerate() {
            exposures_by_entity[e.entity.ix()].push(i as u32);
            exposures_by_program[e.program.ix()].push(i as u32);
        }

        let mut catalysts_by_date: Vec<CatalystId> = (0..data.catalysts.len())
            .map(|i| CatalystId(i as u32))
            .collect();
        // The same order as `When`'s, with the range computed once per catalyst.
        catalysts_by_date.sort_by_cached_key(|c| {
            let c = &data.catalysts[c.ix()];
            (c.date.range(), c.date, c.title.clone())
        });

        // Walk catalysts in date order so every per-entity and per-program list comes out sorted.
        let mut catalysts_by_entity = vec![Vec::new(); data.entities.len()];
        let mut catalysts_by_program = vec![Vec::new(); data.programs.len()];
        for &c in &catalysts_by_date {
            let catalyst = &data.catalysts[c.ix()];
            let mut touched: Vec<EntityId> = catalyst.entities.clone();
            if let Some(p) = catalyst.program {
                catalysts_by_program[p.ix()].push(c);
                touched.extend(
                    exposures_by_program[p.ix()]
                        .iter()
                        .map(|&x| data.exposures[x as usize].entity),
                );
            }
            touched.sort();
            touched.dedup();
            for e in touched {
                catalysts_by_entity[e.ix()].push(c);
            }
        }

        Index {
            data,
            names,
            shared,
            exposures_by_entity,
            exposures_by_program,
            catalysts_by_entity,
            catalysts_by_program,
            catalysts_by_date,
            searcher: std::sync::OnceLock::new(),
        }
    }

    /// The dataset behind the index.
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// Entities with the normalised spelling `key`.
    fn lookup(&self, key: &str) -> Vec<EntityId> {
        let candidates = match self.names.get(&spelling_hash(key)) {
            None => &[][..],
            Some(v) if v.0 & SHARED != 0 => &self.shared[(v.0 & !SHARED) as usize],
            Some(v) => std::slice::from_ref(v),
        };
        candidates
            .iter()
            .copied()
            .filter(|&e| spellings(self.entity(e)).iter().any(|s| s == key))
            .collect()
    }

    /// Resolves any form a trader types: `9984`, `9984.T`, `TSE:9984`, `9984 JT`, `SoftBank`.
    pub fn resolve(&self, typed: &str) -> Resolution {
        let key = normalize(typed);
        let mut found = self.lookup(&key);
        if found.is_empty()
            && let Some((exchanges, symbol)) = Exchange::split_listing(&key)
        {
            found = self
                .lookup(symbol)
                .into_iter()
                .filter(|&e| {
                    self.entity(e).listings.iter().any(|l| {
                        exchanges.contains(&l.exchange) && l.symbol.eq_ignore_ascii_case(symbol)
                    })
                })
                .collect();
        }
        match found.as_slice() {
            [] => Resolution::NotFound,
            [one] => Resolution::Found(*one),
            _ => Resolution::Ambiguous(found),
        }
    }

    /// Fuzzy search over symbols, names, aliases, programs and catalysts; exact names first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit<'_>> {
        self.searcher().search(query, limit)
    }

    /// The searcher, with the catalog of texts and labels it searches.
    pub fn searcher(&self) -> &Searcher {
        self.searcher.get_or_init(|| Searcher::new(&self.data))
    }

    /// [`search`](Self::search) that narrows the session's previous matches as the query grows.
    pub fn search_in(&self, session: &mut Session, query: &str, limit: usize) -> Vec<Hit<'_>> {
        self.searcher().search_in(session, query, limit)
    }

    /// An entity by position.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.data.entities[id.ix()]
    }

    /// A program by position.
    pub fn program(&self, id: ProgramId) -> &Program {
        &self.data.programs[id.ix()]
    }

    /// A catalyst by position.
    pub fn catalyst(&self, id: CatalystId) -> &Catalyst {
        &self.data.catalysts[id.ix()]
    }

    /// A source by position.
    pub fn source(&self, id: SourceId) -> &Source {
        &self.data.sources[id.ix()]
    }

    /// A program by its string id.
    pub fn program_by_id(&self, id: &str) -> Option<ProgramId> {
        self.data
            .programs
            .iter()
            .position(|p| p.id == id)
            .map(|i| ProgramId(i as u32))
    }

    /// Exposures of an entity, in data-file order.
    pub fn exposures_of(&self, entity: EntityId) -> impl Iterator<Item = &Exposure> {
        self.exposures_by_entity[entity.ix()]
            .iter()
            .map(|&i| &self.data.exposures[i as usize])
    }

    /// Exposures to a program, in data-file order.
    pub fn exposures_to(&self, program: ProgramId) -> impl Iterator<Item = &Exposure> {
        self.exposures_by_program[program.ix()]
            .iter()
            .map(|&i| &self.data.exposures[i as usize])
    }

    /// Distinct programs an entity is exposed to.
    pub fn program_count(&self, entity: EntityId) -> usize {
        let mut programs: Vec<ProgramId> = self.exposures_of(entity).map(|x| x.program).collect();
        programs.sort();
        programs.dedup();
        programs.len()
    }

    /// Catalysts of an entity, its own and its programs', by date.
    pub fn catalysts_of(&self, entity: EntityId) -> &[CatalystId] {
        &self.catalysts_by_entity[entity.ix()]
    }

    /// Catalysts of a program, by date.
    pub fn catalysts_of_program(&self, program: ProgramId) -> &[CatalystId] {
        &self.catalysts_by_program[program.ix()]
    }

    /// A program's stage on `today`, moved on by its dated catalysts
    /// (see [`Program::status_on`]).
    pub fn program_status(&self, program: ProgramId, today: NaiveDate) -> Status {
        let catalysts = self
            .catalysts_of_program(program)
            .iter()
            .map(|&c| self.catalyst(c));
        self.program(program).status_on(today, catalysts)
    }

    /// Why catalyst `c` concerns `entity`: it names the entity, or it belongs to a program
    /// the entity is exposed to; `None` when neither.
    pub fn link(&self, entity: EntityId, c: CatalystId) -> Option<Link> {
        let cat = self.catalyst(c);
        if cat.entities.contains(&entity) {
            return Some(Link::Direct);
        }
        cat.program
            .filter(|&p| self.exposures_of(entity).any(|x| x.program == p))
            .map(Link::Program)
    }

    /// Every catalyst, by date.
    pub fn catalysts_by_date(&self) -> &[CatalystId] {
        &self.catalysts_by_date
    }

    /// The entity's catalyst whose next change comes first from `today`: the start of one
    /// not yet begun or the end of one in progress (see [`When::next_change`]), so a
    /// year-long window already under way does not hide an event that has yet to start.
    /// Ties go to the earlier catalyst in date order.
    pub fn next_catalyst(&self, entity: EntityId, today: NaiveDate) -> Option<CatalystId> {
        self.catalysts_of(entity)
            .iter()
            .filter_map(|&c| Some((self.catalyst(c).date.next_change(today)?, c)))
            .min_by_key(|&(day, _)| day)
            .map(|(_, c)| c)
    }

    /// Every source cited by an entity, its exposures and its catalysts, in dataset order.
    pub fn sources_of(&self, entity: EntityId) -> Vec<SourceId> {
        let mut ids: Vec<SourceId> = self.entity(entity).sources.clone();
        ids.extend(
            self.exposures_of(entity)
                .flat_map(|x| x.sources.iter().copied()),
        );
        for &c in self.catalysts_of(entity) {
            ids.extend(self.catalyst(c).sources.iter().copied());
        }
        ids.sort();
        ids.dedup();
        ids
    }

    /// Entity symbols and names closest to a failed lookup, for "did you mean".
    pub fn suggestions(&self, typed: &str, n: usize) -> Vec<EntityId> {
        let mut out: Vec<EntityId> = Vec::new();
        for hit in self.search(typed, n * 4) {
            if let crate::search::Target::Entity(e) = hit.target
                && !out.contains(&e)
            {
                out.push(e);
            }
        }
        if out.is_empty() {
            // Nothing fuzzy-matches: fall back to edit distance over every spelling (this
            // path only runs for a failed lookup, so the scan is affordable).
            let all: Vec<(String, EntityId)> = (0..self.data.entities.len() as u32)
                .map(EntityId)
                .flat_map(|e| spellings(self.entity(e)).into_iter().map(move |s| (s, e)))
                .collect();
            let keys = all.iter().map(|(s, _)| s.as_str());
            for key in crate::text::closest(&normalize(typed), keys, n) {
                for (_, e) in all.iter().filter(|(s, _)| s == key) {
                    if !out.contains(e) {
                        out.push(*e);
                    }
                }
            }
        }
        out.truncate(n);
        out
    }
}
