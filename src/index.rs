//! The in-memory index: every way a trader names an entity, and the links from an entity to
//! its programs, funding and catalysts, built once from a [`Dataset`].

use chrono::NaiveDate;

use crate::model::names::{self, Names, Table};
use crate::model::*;

pub use crate::model::names::Resolution;

/// A dataset with its lookups built.
pub struct Index {
    data: Dataset,
    /// Every key that names one of the dataset's own entities, for [`names::resolve`]
    /// (shared with the TUI's search catalog, see [`Index::names`]).
    names: Names,
    /// The securities master's companies beside the dataset, when there are any: every key
    /// of each company (as the master stores them, by company), and each company's place in
    /// the index.
    master: Option<(Names, Vec<EntityId>)>,
    exposures_by_entity: Lists<u32>,
    exposures_by_program: Lists<u32>,
    catalysts_by_entity: Lists<CatalystId>,
    catalysts_by_program: Lists<CatalystId>,
    catalysts_by_date: Vec<CatalystId>,
    /// Each catalyst's first and last possible day ([`When::range`]), computed once: every
    /// frame counts down to dozens of them, and a sort by next catalyst to all of them.
    ranges: Vec<(NaiveDate, NaiveDate)>,
    /// Distinct programs each entity is exposed to (the `PRG` column of every list row).
    program_counts: Vec<u32>,
    /// Entities before this position are the dataset's; the rest are companies of the
    /// securities master, beside it (see [`Index::with_more`]).
    curated: usize,
}

impl Index {
    /// Builds every lookup; linear in the size of the dataset.
    pub fn new(data: Dataset) -> Index {
        let names = Names::new(&data.entities);
        let curated = data.entities.len();
        Index::build(data, names, None, curated)
    }

    /// `data` with `more` entities after its own (the securities master's companies it does
    /// not hold): `names` are the keys of the master's companies as it stores them (by
    /// company), and `place` each company's position in the whole (a dataset entity holding
    /// one of its listings, or one of `more`). Nothing of the master is hashed again, nor
    /// copied: its keys are looked up where they are.
    pub fn with_more(
        mut data: Dataset,
        more: Vec<Entity>,
        names: Names,
        place: Vec<EntityId>,
    ) -> Index {
        let curated = data.entities.len();
        let own = Names::new(&data.entities);
        data.entities.extend(more);
        Index::build(data, own, Some((names, place)), curated)
    }

    fn build(
        data: Dataset,
        names: Names,
        master: Option<(Names, Vec<EntityId>)>,
        curated: usize,
    ) -> Index {
        let exposures = || data.exposures.iter().enumerate();
        let exposures_by_entity = Lists::new(data.entities.len(), 0, |put| {
            exposures().for_each(|(i, x)| put(x.entity.ix(), i as u32))
        });
        let exposures_by_program = Lists::new(data.programs.len(), 0, |put| {
            exposures().for_each(|(i, x)| put(x.program.ix(), i as u32))
        });

        let program_counts = exposures_by_entity
            .iter()
            .map(|xs| {
                let mut programs: Vec<ProgramId> = xs
                    .iter()
                    .map(|&x| data.exposures[x as usize].program)
                    .collect();
                programs.sort_unstable();
                programs.dedup();
                programs.len() as u32
            })
            .collect();

        let ranges: Vec<(NaiveDate, NaiveDate)> =
            data.catalysts.iter().map(|c| c.date.range()).collect();
        let mut catalysts_by_date: Vec<CatalystId> = (0..data.catalysts.len())
            .map(|i| CatalystId(i as u32))
            .collect();
        // The same order as `When`'s.
        catalysts_by_date.sort_by(|a, b| {
            let (x, y) = (&data.catalysts[a.ix()], &data.catalysts[b.ix()]);
            (ranges[a.ix()], x.date, &x.title).cmp(&(ranges[b.ix()], y.date, &y.title))
        });

        // Walk catalysts in date order so every per-entity and per-program list comes out sorted.
        let catalysts_by_program = Lists::new(data.programs.len(), CatalystId(0), |put| {
            for &c in &catalysts_by_date {
                if let Some(p) = data.catalysts[c.ix()].program {
                    put(p.ix(), c);
                }
            }
        });
        let mut touched: Vec<EntityId> = Vec::new();
        let catalysts_by_entity = Lists::new(data.entities.len(), CatalystId(0), |put| {
            for &c in &catalysts_by_date {
                let catalyst = &data.catalysts[c.ix()];
                touched.clear();
                touched.extend_from_slice(&catalyst.entities);
                if let Some(p) = catalyst.program {
                    touched.extend(
                        exposures_by_program
                            .get(p.ix())
                            .iter()
                            .map(|&x| data.exposures[x as usize].entity),
                    );
                }
                touched.sort();
                touched.dedup();
                for e in &touched {
                    put(e.ix(), c);
                }
            }
        });

        Index {
            data,
            names,
            master,
            exposures_by_entity,
            exposures_by_program,
            catalysts_by_entity,
            catalysts_by_program,
            catalysts_by_date,
            ranges,
            program_counts,
            curated,
        }
    }

    /// Number of the dataset's own entities: those after are securities-master companies.
    pub fn curated(&self) -> usize {
        self.curated
    }

    /// Whether `entity` is a company only the securities master knows.
    pub fn from_master(&self, entity: EntityId) -> bool {
        entity.ix() >= self.curated
    }

    /// The dataset behind the index.
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// Resolves any form a trader types: `9984`, `9984.T`, `TSE:9984`, `9984 JT`, `NVDA.O`,
    /// `SoftBank`, `SoftBank Group Corporation` (see [`names::resolve`]).
    pub fn resolve(&self, typed: &str) -> Resolution {
        names::resolve(self, typed)
    }

    /// The keys of the dataset's own entities (its first [`curated`](Self::curated)): the
    /// table the TUI's search catalog of those entities looks exact names up in, shared.
    pub fn names(&self) -> &Names {
        &self.names
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

    /// An entity by its string id.
    pub fn entity_by_id(&self, id: &str) -> Option<EntityId> {
        position_of(&self.data.entities, |e| e.id == id).map(EntityId)
    }

    /// A program by its string id.
    pub fn program_by_id(&self, id: &str) -> Option<ProgramId> {
        position_of(&self.data.programs, |p| p.id == id).map(ProgramId)
    }

    /// The programs `typed` names: by id or name (any case, punctuation or legal form), else
    /// those whose id or name has a word run starting with it (`genesis`, `sovereign ai`).
    pub fn find_programs(&self, typed: &str) -> Vec<ProgramId> {
        let want = names::key(typed);
        if want.is_empty() {
            return Vec::new();
        }
        let ids = || (0..self.data.programs.len() as u32).map(ProgramId);
        let keys = |p: ProgramId| {
            let p = self.program(p);
            [names::key(&p.id), names::key(&p.name)]
        };
        let exact: Vec<ProgramId> = ids().filter(|&p| keys(p).contains(&want)).collect();
        if !exact.is_empty() {
            return exact;
        }
        ids()
            .filter(|&p| keys(p).iter().any(|k| starts_a_word_run(k, &want)))
            .collect()
    }

    /// Entities with a name or alias that starts with the words `typed` (`Tokyo Elec`), for a
    /// typed name that names nothing exactly; none for fewer than three characters.
    pub fn prefixed(&self, typed: &str) -> Vec<EntityId> {
        let want = names::key(typed);
        if want.chars().count() < 3 {
            return Vec::new();
        }
        (0..self.data.entities.len() as u32)
            .map(EntityId)
            .filter(|&e| {
                let entity = self.entity(e);
                std::iter::once(&entity.name)
                    .chain(&entity.aliases)
                    .any(|name| names::key(name).starts_with(&want))
            })
            .collect()
    }

    /// Exposures of an entity, in data-file order.
    pub fn exposures_of(&self, entity: EntityId) -> impl Iterator<Item = &Exposure> {
        self.exposures_by_entity
            .get(entity.ix())
            .iter()
            .map(|&i| &self.data.exposures[i as usize])
    }

    /// Exposures to a program, in data-file order.
    pub fn exposures_to(&self, program: ProgramId) -> impl Iterator<Item = &Exposure> {
        self.exposures_by_program
            .get(program.ix())
            .iter()
            .map(|&i| &self.data.exposures[i as usize])
    }

    /// Distinct programs an entity is exposed to.
    pub fn program_count(&self, entity: EntityId) -> usize {
        self.program_counts[entity.ix()] as usize
    }

    /// Catalysts of an entity, its own and its programs', by date.
    pub fn catalysts_of(&self, entity: EntityId) -> &[CatalystId] {
        self.catalysts_by_entity.get(entity.ix())
    }

    /// Catalysts of a program, by date.
    pub fn catalysts_of_program(&self, program: ProgramId) -> &[CatalystId] {
        self.catalysts_by_program.get(program.ix())
    }

    /// Whose money a funding line is, in the words every view prints (TUI panes, previews,
    /// the full-text view, the charts, text and JSON): `public`, `private` or `target`, and
    /// for a company's own money its symbol (`9984's own`), so no view can show it as the
    /// program's. Sanitised: safe to display.
    pub fn funding_kind(&self, line: &FundingLine) -> String {
        match line.owner {
            Some(owner) => format!(
                "{}'s own",
                crate::text::sanitize(self.entity(owner).display_symbol())
            ),
            None => line.kind.as_str().to_string(),
        }
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

    /// The first and last day catalyst `c` may fall on ([`When::range`], kept).
    pub fn range(&self, c: CatalystId) -> (NaiveDate, NaiveDate) {
        self.ranges[c.ix()]
    }

    /// The countdown from `today` to catalyst `c` ([`When::countdown`], from the kept range).
    pub fn countdown(&self, c: CatalystId, today: NaiveDate) -> Countdown {
        Countdown::between(self.range(c), today)
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
            .filter_map(|&c| Some((next_change(self.range(c), today)?, c)))
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

    /// Up to `n` entities whose symbol, name or alias is closest to `typed` by edit distance
    /// (with transpositions), closest first, and only those at least [`CLOSE`] alike: "did
    /// you mean" for a failed lookup. Scans every name (a failed lookup can afford it).
    pub fn suggestions(&self, typed: &str, n: usize) -> Vec<EntityId> {
        let want = names::key(typed);
        if want.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<(f64, EntityId)> = Vec::new();
        for (i, entity) in self.data.entities.iter().enumerate() {
            let best = closeness(&want, entity);
            if best >= CLOSE {
                scored.push((best, EntityId(i as u32)));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(n).map(|(_, e)| e).collect()
    }
}

/// Position of the first of `items` that `is` picks, as ids number records.
fn position_of<T>(items: &[T], is: impl Fn(&T) -> bool) -> Option<u32> {
    items.iter().position(is).map(|i| i as u32)
}

/// Every name of the whole: the dataset's own, and the master's companies' at their places;
/// with each entity's name and country, which a reading of a code that is no listing's own
/// spelling must agree with (see [`Table::named`]).
impl Table for Index {
    fn with_hash(&self, h: u64) -> Vec<EntityId> {
        let mut found = self.names.with_hash(h);
        if let Some((names, place)) = &self.master {
            let placed = names.with_hash(h).into_iter();
            found.extend(placed.filter_map(|j| place.get(j.ix()).copied()));
        }
        found
    }
    fn named(&self, e: EntityId) -> Option<(String, String)> {
        let e = self.data.entities.get(e.ix())?;
        Some((e.name.clone(), e.country.clone()))
    }
}

/// One list of items per key, all in one buffer: where each key's list starts, and the
/// items. A million links in two allocations, where a vector per entity took 100k small
/// ones and twice the memory in spare room.
struct Lists<T> {
    /// `starts[k]..starts[k + 1]` are key `k`'s items.
    starts: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy> Lists<T> {
    /// The lists of `keys` keys that `each` fills: it is called twice with a function taking
    /// a key and an item, and must give the same pairs both times (once to count them, once
    /// to place them). Each list keeps the order its items were given in; `filler` holds
    /// each place until its item is written over it.
    fn new(keys: usize, filler: T, mut each: impl FnMut(&mut dyn FnMut(usize, T))) -> Lists<T> {
        let mut starts = vec![0u32; keys + 1];
        each(&mut |k, _| starts[k + 1] += 1);
        for k in 0..keys {
            starts[k + 1] += starts[k];
        }
        let mut items = vec![filler; starts[keys] as usize];
        let mut next = starts.clone();
        each(&mut |k, item| {
            items[next[k] as usize] = item;
            next[k] += 1;
        });
        Lists { starts, items }
    }

    /// Key `k`'s items.
    fn get(&self, k: usize) -> &[T] {
        &self.items[self.starts[k] as usize..self.starts[k + 1] as usize]
    }

    /// Every key's items, in key order.
    fn iter(&self) -> impl Iterator<Item = &[T]> {
        self.starts
            .windows(2)
            .map(|w| &self.items[w[0] as usize..w[1] as usize])
    }
}

/// How alike `entity`'s closest symbol, name or alias is to `want` (a [`names::key`]): 1
/// less the edit distance (with transpositions) over the longer length; 0 for names so
/// different in length that they cannot be [`CLOSE`].
pub fn closeness(want: &str, entity: &Entity) -> f64 {
    let len = want.chars().count();
    let listed = entity.listings.iter().map(|l| &l.symbol);
    let spelled = [&entity.id, &entity.name]
        .into_iter()
        .chain(&entity.aliases)
        .chain(listed);
    spelled
        .map(|s| alike(want, len, &names::key(s)))
        .fold(0.0, f64::max)
}

/// How alike `key` is to `want` (both [`names::key`]s; `len` is `want`'s length in
/// characters): 1 less the edit distance (with transpositions) over the longer length; 0
/// for keys so different in length that they cannot be [`CLOSE`].
pub fn alike(want: &str, len: usize, key: &str) -> f64 {
    let other = key.chars().count();
    // So different in length that they cannot be alike: skip the distance.
    if other.abs_diff(len) as f64 > (1.0 - CLOSE) * other.max(len) as f64 {
        return 0.0;
    }
    strsim::normalized_damerau_levenshtein(want, key)
}

/// How near `text` is when `want` (a [`names::key`]) is its first words (`toyota` of
/// `Toyota Motor Corp.`): near however much longer it is, the shorter the rest the nearer;
/// `None` when it is not.
pub fn started(want: &str, text: &str) -> Option<f64> {
    // The cheap test first, as most texts do not begin with the typed letters; a key drops a
    // leading "the" and folds what is not ASCII, so those texts take the long way.
    let plain = text.is_ascii() && !text.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("the"));
    if plain
        && !text
            .get(..want.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(want))
    {
        return None;
    }
    let key = names::key(text);
    key.strip_prefix(want)?
        .starts_with(' ')
        .then(|| want.len() as f64 / key.len() as f64)
}

/// How alike (1 - edit distance / the longer length) a name must be to be suggested: two
/// typos in five characters, four in ten.
pub const CLOSE: f64 = 0.6;

/// Whether `want` starts `key` or one of its words (both are [`names::key`]s).
fn starts_a_word_run(key: &str, want: &str) -> bool {
    key.match_indices(want)
        .any(|(at, _)| at == 0 || key.as_bytes()[at - 1] == b' ')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::names::Pairs;

    #[test]
    fn lists_keep_each_keys_items_in_the_order_given() {
        let pairs = [(2, 'a'), (0, 'b'), (2, 'c'), (3, 'd'), (2, 'e')];
        let lists = Lists::new(5, ' ', |put| pairs.iter().for_each(|&(k, x)| put(k, x)));
        assert_eq!(lists.get(0), ['b']);
        assert!(lists.get(1).is_empty());
        assert_eq!(lists.get(2), ['a', 'c', 'e']);
        assert_eq!(lists.get(3), ['d']);
        assert!(lists.get(4).is_empty());
    }

    #[test]
    fn the_masters_names_resolve_to_their_companies_places() {
        let data = crate::data::DataFiles::embedded().parse().unwrap();
        let n = data.entities.len() as u32;
        // One company the dataset holds (under a name only the master knows), one it does not.
        let mut held = data.entities[0].clone();
        held.name = "Held Under Another Name Corp".into();
        let mut new = data.entities[0].clone();
        new.id = "omega".into();
        new.name = "Omega Widgets Corporation".into();
        new.listings.clear();
        new.aliases.clear();
        let names = Names::new([&held, &new]);
        let place = vec![EntityId(0), EntityId(n)];
        let index = Index::with_more(data, vec![new], names, place);
        assert_eq!(
            index.resolve("held under another name"),
            Resolution::Found(EntityId(0))
        );
        assert_eq!(
            index.resolve("Omega Widgets"),
            Resolution::Found(EntityId(n))
        );
        assert!(index.from_master(EntityId(n)) && !index.from_master(EntityId(0)));
        assert_eq!(
            index.names().pairs(),
            Names::new(&index.data().entities[..n as usize]).pairs()
        );
    }

    #[test]
    fn links_are_those_the_dataset_holds() {
        let index = Index::new(crate::data::DataFiles::embedded().parse().unwrap());
        let data = index.data();
        let by_date = index.catalysts_by_date();
        for e in (0..data.entities.len() as u32).map(EntityId) {
            let exposures: Vec<&Exposure> =
                data.exposures.iter().filter(|x| x.entity == e).collect();
            let at = std::ptr::from_ref::<Exposure>;
            assert!(
                index
                    .exposures_of(e)
                    .map(at)
                    .eq(exposures.iter().copied().map(at))
            );
            let programs: Vec<ProgramId> = exposures.iter().map(|x| x.program).collect();
            let concerned = |c: &CatalystId| {
                let k = index.catalyst(*c);
                k.entities.contains(&e) || k.program.is_some_and(|p| programs.contains(&p))
            };
            let plain: Vec<CatalystId> = by_date.iter().copied().filter(concerned).collect();
            assert_eq!(index.catalysts_of(e), plain);
        }
        for p in (0..data.programs.len() as u32).map(ProgramId) {
            let exposures = data.exposures.iter().filter(|x| x.program == p);
            let at = std::ptr::from_ref::<Exposure>;
            assert!(index.exposures_to(p).map(at).eq(exposures.map(at)));
            let plain: Vec<CatalystId> = by_date
                .iter()
                .copied()
                .filter(|&c| index.catalyst(c).program == Some(p))
                .collect();
            assert_eq!(index.catalysts_of_program(p), plain);
        }
    }
}
