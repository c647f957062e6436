//! Fuzzy search over symbols, names, aliases, programs and catalysts.
//!
//! Scoring is fuzzy-matcher's skim algorithm. What keeps it inside a frame at 100k entities:
//! a 64-bit character mask and a byte subsequence test reject most texts before scoring; a
//! score ceiling ([`ceiling`]) skips the matches that cannot reach the results, scanning first,
//! in rank order, the texts that start with the query's first character (stopping once the
//! rest of them cannot reach the results), then, once warmed, those holding it where skim
//! gives a bonus ([`heads`]), which usually settles it without looking at the others; a query
//! that only grew looks only at the previous matches ([`Session`]); large sets are scanned on
//! every core; only the top `limit` are kept (no full sort), and only those get match
//! positions.

mod blocks;
mod ceiling;
mod dates;
mod heads;
mod score;

use std::cmp::Reverse;
use std::sync::OnceLock;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::catalog::{Catalog, lower, mask};
use crate::model::names::{self, fold_query as fold};
use crate::model::*;
use blocks::in_blocks;
use ceiling::Ceiling;
use dates::{DateQuery, Fit};
use heads::{Heads, Sketch, fold_mask};
use score::{Bar, Scorer, matcher};

// What a hit points at and which field matched belong to the catalog, which search reads:
// the dependency runs one way, search -> catalog -> model.
pub use crate::catalog::{Field, Target};

/// One result: the record, the text that matched and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit<'a> {
    /// The record.
    pub target: Target,
    /// Which field matched.
    pub field: Field,
    /// The matched text, as the data spells it.
    pub text: &'a str,
    /// Matcher score; exact matches rank above any score.
    pub score: i64,
    /// Whether the query named this record exactly (symbol, alias, name).
    pub exact: bool,
    /// Whether it named it wholly: by its name (legal form aside), or by a bare symbol or
    /// alias; not by an alias with a legal form put after it (`SoftBank Corp` names SoftBank
    /// Corp. wholly, and SoftBank Group Corp., alias `SoftBank`, only so). Those named wholly
    /// lead the others named exactly.
    pub whole: bool,
    /// Character positions in `text` that matched, for highlighting.
    pub positions: Vec<usize>,
}

/// Whether `query` (ASCII-lower-cased) is a subsequence of `text`'s bytes, ASCII case
/// ignored. Any skim match is one, so texts that fail are never scored.
fn subsequence(text: &[u8], query: &[u8]) -> bool {
    let mut want = query.iter();
    let Some(mut next) = want.next() else {
        return true;
    };
    for b in text {
        if b.to_ascii_lowercase() == *next {
            match want.next() {
                Some(n) => next = n,
                None => return true,
            }
        }
    }
    false
}

/// A scored candidate: item position and score.
type Scored = (u32, i64);

/// The searchable texts of a dataset, and of the securities master's companies beside it.
pub struct Searcher {
    catalog: Catalog,
    matcher: SkimMatcherV2,
    /// Built on the first query that needs it (or by [`warm`](Self::warm)).
    heads: OnceLock<Heads>,
    /// Whether any text holds a kana sound mark (see [`least`](Self::least)).
    marked: OnceLock<bool>,
    master: Option<Box<Beside>>,
}

/// The securities master's companies beside a dataset: their own catalog (stored at import,
/// so never built here), searched like the dataset's and merged with it.
struct Beside {
    searcher: Searcher,
    /// The entity each master company is in the whole: a dataset entity holding one of its
    /// listings, else one after the dataset's.
    place: Vec<EntityId>,
    /// The master company of each entity after the dataset's, in order.
    company: Vec<EntityId>,
}

/// Remembers the last query and the items it matched, as far as its scan worked them out,
/// so typing one more character looks only at those.
#[derive(Default)]
pub struct Session {
    query: String,
    matched: Matched,
    /// The same for the securities master's catalog.
    master: Option<Box<Session>>,
}

/// The items a query matched, as far as its scan looked: a longer query matches a subset
/// of each list. (Each may hold more: a list a scan had no need to narrow is passed on as
/// it came.)
#[derive(Default)]
struct Matched {
    /// Every match, in item order (when a scan looked at every text).
    all: Option<Vec<u32>>,
    /// The texts starting with the query's first character that may match.
    first: Firsts,
    /// The others holding it where skim gives a bonus that may match, by their places in
    /// the list [`Heads::of`] gives for it, ascending.
    heads: Option<Vec<u32>>,
}

/// The texts starting with a query's first character that may match it, by their places
/// in that group of [`Catalog::starting_with`] (its scan order): the places listed, and
/// every place from `from` on, which no scan reached. (None listed, from 0: all of them.)
#[derive(Default)]
struct Firsts {
    /// Ascending, each before `from`.
    places: Vec<u32>,
    from: usize,
}

/// What a scan made of one text starting with the query's first character.
enum Seen {
    /// No text left in the group can make the results.
    Stop,
    /// Skipped unread: it cannot make the results, but may match.
    Unread,
    /// Matches (and was scored if it could make the results).
    Match,
    /// Does not match.
    Miss,
}

impl Searcher {
    /// Searches `data`'s texts.
    pub fn new(data: &Dataset) -> Searcher {
        Searcher::from_catalog(Catalog::new(data))
    }

    /// Searches a catalog built earlier (or read from the cache).
    pub fn from_catalog(catalog: Catalog) -> Searcher {
        Searcher {
            catalog,
            matcher: matcher(),
            heads: OnceLock::new(),
            marked: OnceLock::new(),
            master: None,
        }
    }

    /// Builds now what the first searches would otherwise build (the TUI calls it at start,
    /// off the typing path).
    pub fn warm(&self) {
        self.heads();
        self.marked.get_or_init(|| self.catalog.has_sound_marks());
        if let Some(m) = &self.master {
            m.searcher.warm();
        }
    }

    fn heads(&self) -> &Heads {
        self.heads.get_or_init(|| Heads::new(&self.catalog))
    }

    /// Searches the index's dataset and, when the index holds securities-master companies,
    /// `master`, the master's stored catalog, with `place` giving each of its companies'
    /// entity in the index (see [`crate::listings::Companies::places`]).
    pub fn with_master(catalog: Catalog, master: Catalog, place: Vec<EntityId>) -> Searcher {
        let first = catalog.entity_count();
        let mut company = Vec::new();
        for (j, e) in place.iter().enumerate() {
            if e.0 >= first {
                company.push(EntityId(j as u32));
            }
        }
        Searcher {
            master: Some(Box::new(Beside {
                searcher: Searcher::from_catalog(master),
                place,
                company,
            })),
            ..Searcher::from_catalog(catalog)
        }
    }

    /// The dataset's texts and labels searched (not the master's).
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// How to show `target`, whichever catalog holds it.
    pub fn label_of(&self, target: Target) -> crate::catalog::Label<'_> {
        if let (Target::Entity(e), Some(m)) = (target, &self.master)
            && let Some(&j) =
                e.0.checked_sub(self.catalog.entity_count())
                    .and_then(|k| m.company.get(k as usize))
        {
            return m.searcher.catalog.label_of(Target::Entity(j));
        }
        self.catalog.label_of(target)
    }

    /// Scores `candidates` (all items when `None`) against `query`; returns the matches in
    /// item order.
    fn score(&self, query: &str, candidates: Option<&[u32]>) -> Vec<Scored> {
        let need = mask(query);
        let folded = query.to_ascii_lowercase();
        let count = candidates.map_or(self.catalog.len(), <[u32]>::len);
        in_blocks(
            count,
            false,
            || Scorer::new(query),
            |scorer, k, out| {
                let i = candidates.map_or(k as u32, |c| c[k]);
                let text = self.catalog.text(i);
                if self.catalog.mask_of(i) & need == need
                    && subsequence(text.as_bytes(), folded.as_bytes())
                    && let Some(score) = scorer.score(text)
                {
                    out.push((i, score));
                }
            },
        )
    }

    /// Best `limit` hits for `query`, one per record: the records it names exactly first
    /// (a symbol, name or alias), then catalysts that may fall in the period it names
    /// (`june 2026`), then by score, strong matches only.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit<'_>> {
        self.search_in(&mut Session::default(), query, limit)
    }

    /// Like [`search`](Self::search), narrowing the session's previous matches when the query
    /// only grew.
    pub fn search_in(&self, session: &mut Session, query: &str, limit: usize) -> Vec<Hit<'_>> {
        self.search_early(session, query, limit, &mut |_| {})
    }

    /// Like [`search_in`](Self::search_in); and when a scan has a long last pass to make
    /// (few strong matches in a large catalog), `early` gets, before it does, the hits it
    /// will return first, in their order: the records named exactly and those scoring
    /// above what any text left can reach. (Never called with none.)
    pub fn search_early<'a>(
        &'a self,
        session: &mut Session,
        query: &str,
        limit: usize,
        early: &mut dyn FnMut(Vec<Hit<'a>>),
    ) -> Vec<Hit<'a>> {
        // Early hits are shown only if there are any.
        let mut shown = |hits: Vec<Hit<'a>>| {
            let any = !hits.is_empty();
            if any {
                early(hits);
            }
            any
        };
        let Some(m) = &self.master else {
            return self.search_own(session, query, limit, &mut |hits, _| shown(hits));
        };
        let mut more_session = session.master.take().unwrap_or_default();
        let placed = |mut hits: Vec<Hit<'a>>| {
            for h in &mut hits {
                if let Target::Entity(j) = h.target {
                    h.target = Target::Entity(m.place[j.ix()]);
                }
            }
            hits
        };
        // The smaller catalog first, whole: its hits join the larger one's early ones.
        // (Cut where the larger one's are: anything under that may still be outranked.)
        let (own, more) = if self.catalog.len() <= m.searcher.catalog.len() {
            let own = self.search_own(session, query, limit, &mut |_, _| false);
            let more = m
                .searcher
                .search_own(&mut more_session, query, limit, &mut |hits, most| {
                    shown(merge(leading(&own, most), placed(hits), query, limit))
                });
            (own, placed(more))
        } else {
            let more = m
                .searcher
                .search_own(&mut more_session, query, limit, &mut |_, _| false);
            let more = placed(more);
            let own = self.search_own(session, query, limit, &mut |hits, most| {
                shown(merge(hits, leading(&more, most), query, limit))
            });
            (own, more)
        };
        session.master = Some(more_session);
        merge(own, more, query, limit)
    }

    /// [`search_early`](Self::search_early) over this catalog only; `early` also gets the
    /// most any text left unread can score (and may get no hits: the other catalog's may
    /// lead), and says whether it showed any.
    fn search_own<'a>(
        &'a self,
        session: &mut Session,
        query: &str,
        limit: usize,
        early: &mut dyn FnMut(Vec<Hit<'a>>, i64) -> bool,
    ) -> Vec<Hit<'a>> {
        let query = query.trim();
        if query.is_empty() {
            *session = Session::default();
            return Vec::new();
        }
        // Both sides folded (accents, widths, case of every script): the catalog's texts are.
        let folded = fold(query);
        let previous = std::mem::replace(&mut session.query, folded.to_string());
        // Fuzzy matching is a subsequence test: a longer query matches a subset.
        let narrow = std::mem::take(&mut session.matched);
        let narrow = if folded.starts_with(previous.as_str()) {
            narrow
        } else {
            Matched::default()
        };
        let dated = DateQuery::parse(&folded).map(|q| self.in_period(&q));
        // (A query naming a period puts its catalysts first, found apart: none early.)
        let mut before_rest = |scored: &[Scored], most: i64| {
            if dated.is_some() {
                return false;
            }
            // (Those named exactly join in `rank` whatever they scored.)
            let sure = scored.iter().filter(|&&(_, score)| score > most);
            early(
                leading(&self.rank(query, sure.copied().collect(), limit), most),
                most,
            )
        };
        let (scored, matched) = self.scan(&folded, limit, narrow, &mut before_rest);
        session.matched = matched;
        let mut hits = self.rank(query, scored, limit);
        if let Some(dated) = dated {
            // After the records named exactly, before the rest.
            let named = hits.iter().take_while(|h| h.exact).count();
            hits.retain(|h| !dated.iter().any(|d| d.target == h.target));
            hits.splice(named..named, dated);
            hits.truncate(limit);
        }
        hits
    }

    /// The catalysts whose window may fall in the period `q` names, narrowed by its other
    /// words (titles that match them [strong]ly): those wholly inside the period before those
    /// that only overlap it, each by title score, then by date.
    fn in_period(&self, q: &DateQuery) -> Vec<Hit<'_>> {
        let scorer = Scorer::new(&q.rest);
        let bar = strong(&q.rest);
        let mut found: Vec<(i64, Fit, (i32, i32), CatalystId)> = (0..self.catalog.catalysts())
            .map(CatalystId)
            .filter_map(|c| {
                let window = self.catalog.window(c);
                let fit = q.period.fit(window.0, window.1)?;
                let text = self.catalog.text(self.catalog.catalyst_text(c));
                let score = if q.rest.is_empty() {
                    0
                } else {
                    let score = scorer.score(text)?;
                    is_strong(&scorer, text, score, bar).then_some(score)?
                };
                Some((score, fit, window, c))
            })
            .collect();
        found.sort_by_key(|&(score, fit, window, c)| (fit, Reverse(score), window, c));
        found
            .into_iter()
            .map(|(score, _, _, c)| {
                let i = self.catalog.catalyst_text(c);
                let positions = if q.rest.is_empty() {
                    Vec::new()
                } else {
                    self.positions(self.catalog.text(i), &q.rest)
                };
                Hit {
                    target: Target::Catalyst(c),
                    field: Field::Name,
                    text: self.catalog.shown(i),
                    score,
                    exact: false,
                    whole: false,
                    positions,
                }
            })
            .collect()
    }

    fn positions(&self, text: &str, query: &str) -> Vec<usize> {
        self.matcher
            .fuzzy_indices(text, query)
            .map(|(_, p)| p)
            .unwrap_or_default()
    }

    /// The best `limit` hits from the scored items, with match positions: the records the
    /// query names exactly, then only [strong] matches (a query's letters scattered through a
    /// text say nothing about it).
    fn rank(&self, query: &str, mut scored: Vec<Scored>, limit: usize) -> Vec<Hit<'_>> {
        let exact = self.catalog.exact(query);
        let folded = fold(query);
        let query: &str = &folded;
        let scorer = Scorer::new(query);
        // Records named exactly lead whether or not a scan reached them: score all their
        // texts, so they show the same best text a full scan would.
        // (An item scored twice is harmless: the copies tie.)
        for &first in &exact {
            let owner = self.catalog.target(first);
            let before = scored.len();
            scored.extend(
                (first..self.catalog.len() as u32)
                    .take_while(|&i| self.catalog.target(i) == owner)
                    .filter_map(|i| {
                        let score = scorer.score(self.catalog.text(i))?;
                        Some((i, score))
                    }),
            );
            if scored.len() == before {
                // Named by a form no text spells, like an exchange-qualified symbol.
                scored.push((first, 0));
            }
        }
        let owners: Vec<Target> = exact.iter().map(|&i| self.catalog.target(i)).collect();
        let wholly = self.named_wholly(query, &owners);
        let bar = strong(query);
        scored.retain(|&(i, score)| {
            owners.contains(&self.catalog.target(i))
                || is_strong(&scorer, self.catalog.text(i), score, bar)
        });
        // Each sort key built once: a key read from the catalog per comparison made the
        // selection the slowest step after scoring.
        let mut best: Vec<_> = best_per_record(&self.catalog, scored)
            .into_iter()
            .map(|(i, score)| {
                let target = self.catalog.target(i);
                let exact = owners.contains(&target);
                (
                    Reverse((exact, exact && wholly.contains(&target))),
                    Reverse(score),
                    Reverse(self.catalog.size_of(target)),
                    self.catalog.text(i).len(),
                    i,
                )
            })
            .collect();
        if best.len() > limit {
            best.select_nth_unstable(limit);
            best.truncate(limit);
        }
        best.sort_unstable();
        best.into_iter()
            .map(|(Reverse((exact, whole)), Reverse(score), _, _, i)| {
                let i = self.shown(&scorer, query, i, score);
                let positions = self.positions(self.catalog.text(i), query);
                Hit {
                    target: self.catalog.target(i),
                    field: self.catalog.field(i),
                    text: self.catalog.shown(i),
                    score,
                    exact,
                    whole,
                    positions,
                }
            })
            .collect()
    }

    /// Of `owners`, the records `query` names wholly (see [`Hit::whole`]): all of them when
    /// it carries no legal form (a bare symbol or alias), else those whose name it is.
    fn named_wholly(&self, query: &str, owners: &[Target]) -> Vec<Target> {
        if !names::has_form_words(query) {
            return owners.to_vec();
        }
        let typed = names::key(query);
        let named = |t: &Target| match *t {
            Target::Entity(e) => self.catalog.texts_of(e).any(|i| {
                self.catalog.field(i) == Field::Name && names::key(self.catalog.shown(i)) == typed
            }),
            _ => false,
        };
        owners.iter().copied().filter(named).collect()
    }

    /// Which of the record of item `i` (best score `score`) to show: the text equal to the
    /// query if it scores that, else the first that does, so a name shows before its aliases.
    /// (Ranking breaks ties by the shortest text instead, which scans can stop early on.)
    fn shown(&self, scorer: &Scorer, query: &str, i: u32, score: i64) -> u32 {
        let owner = self.catalog.target(i);
        let start = (0..i)
            .rev()
            .take_while(|&j| self.catalog.target(j) == owner)
            .last()
            .unwrap_or(i);
        let best: Vec<u32> = (start..self.catalog.len() as u32)
            .take_while(|&j| self.catalog.target(j) == owner)
            .filter(|&j| scorer.score(self.catalog.text(j)) == Some(score))
            .collect();
        let equal = best
            .iter()
            .find(|&&j| self.catalog.text(j).eq_ignore_ascii_case(query));
        equal.or(best.first()).copied().unwrap_or(i)
    }

    /// The least score a match of `query` needs to make the results: [`strong`]'s. But
    /// [`is_strong`] also judges a text with sound marks without them, which can join a
    /// run or shorten a gap that the scan's bounds count as they are; so none when any text
    /// holds a mark (folded half-width kana; no data shipped or imported today does).
    fn least(&self, query: &str) -> Option<i64> {
        let marked = *self.marked.get_or_init(|| self.catalog.has_sound_marks());
        (!marked).then(|| strong(query))
    }

    /// The scored items for `query` that can make its best `limit`, and the items it matched
    /// as far as the scan looked (to narrow the next, longer query), given `narrow`, those of
    /// a query it extends.
    ///
    /// Short queries match most texts, but only a few score near the top, and [`Ceiling`]
    /// tells which cheaply. So scan in rank order the texts starting with the query's first
    /// character (where the best scores are), scoring only those whose ceiling could still
    /// outrank the best `limit` so far; unless those already beat every other text's
    /// ceiling, then the texts holding that character where skim gives a bonus ([`Heads`]);
    /// unless those beat the ceiling of all the rest, the rest the same way, on every core.
    ///
    /// `before_rest` gets the items scored so far before that last step, if it comes to it
    /// and is long, and what any text it reads can score at most; it says whether it
    /// showed the first hits from them.
    fn scan(
        &self,
        query: &str,
        limit: usize,
        narrow: Matched,
        before_rest: &mut dyn FnMut(&[Scored], i64) -> bool,
    ) -> (Vec<Scored>, Matched) {
        let candidates = narrow.all.as_deref();
        let Some(ceiling) = Ceiling::new(query) else {
            let scored = self.score(query, candidates);
            let all = scored.iter().map(|&(i, _)| i).collect();
            let matched = Matched {
                all: Some(all),
                ..Matched::default()
            };
            return (scored, matched);
        };
        let (need, folded) = (mask(query), query.to_ascii_lowercase());
        let needs = fold_mask(need);
        let matches = |i: u32| {
            self.catalog.mask_of(i) & need == need
                && subsequence(self.catalog.text(i).as_bytes(), folded.as_bytes())
        };
        let first = lower(ceiling.first());
        let scorer = Scorer::new(query);
        let mut scored = Vec::new();
        // Only strong matches make the results (see `rank`): none scoring under that bar is
        // worth scoring, and once no text left can reach it the scan is done, even with
        // fewer than `limit` found.
        let mut bar = Bar::new(limit, self.least(query));
        let rank = |i: u32, score: i64| {
            let size = self.catalog.size_of(self.catalog.target(i));
            (score, size, Reverse(self.catalog.text(i).len()), Reverse(i))
        };
        // Whether item `i`, scoring at most `bound`, could make the results: told by the
        // score alone unless it ties the bar's.
        let reaches = |bar: &Bar, i: u32, bound: i64| {
            bar.level()
                .is_none_or(|level| bound > level.0 || (bound == level.0 && rank(i, bound) > level))
        };
        // The same from a text's sketch, without a look at the text.
        let sketched = |bar: &Bar, sketch: &Sketch, bound: i64| {
            let rank = (
                bound,
                sketch.size,
                Reverse(usize::from(sketch.len)),
                Reverse(sketch.text),
            );
            bar.admits(rank)
        };
        let look = |i: u32, bar: &mut Bar, scored: &mut Vec<Scored>| {
            let text = self.catalog.text(i);
            if reaches(bar, i, ceiling.of(text))
                && let Some(score) = scorer.score(text)
            {
                scored.push((i, score));
                bar.add(self.catalog.target(i), rank(i, score));
            }
        };
        // Built by `warm` (the TUI does at start); a one-shot search does without.
        let heads = self.heads.get();
        // The texts starting with the query's first character, by place in that group (its
        // scan order); those the last scan left as possible matches, then those it never
        // reached.
        let group = self.catalog.places_of(first);
        // What the texts starting each way can score, and where the last of them is.
        let starts: Vec<(i64, usize)> = heads
            .map_or(&[][..], |h| h.starts(first))
            .iter()
            .map(|&(written, last)| (ceiling.starting(written), last as usize))
            .collect();
        let shapes = heads.map(|h| h.shapes_from(group.start));
        let visit = |k: usize, bar: &mut Bar, scored: &mut Vec<Scored>| -> Seen {
            let level = bar.level();
            // The texts left come later in rank order: once none of them can score above the
            // bar, none can outrank it.
            if let Some(level) = level
                && !starts.is_empty()
                && starts
                    .iter()
                    .all(|&(best, last)| last < k || best <= level.0)
            {
                return Seen::Stop;
            }
            if let Some(shape) = shapes.and_then(|s| s.get(k)) {
                // Read in scan order, the shape tells most texts from the matches without a
                // look at them: those lacking a query character are none,
                let sketch = &shape.sketch;
                if sketch.mask & needs != needs {
                    return Seen::Miss;
                }
                // and most of the rest hold the query's characters nowhere near a bonus or
                // each other, as their marks tell, or tie the bar and rank below it: left
                // unread, as possible matches.
                let bound = ceiling.starting_by_marks(shape.first, shape.second, &sketch.marks);
                if !sketched(bar, sketch, bound) {
                    return Seen::Unread;
                }
            }
            let i = self.catalog.in_order(group.start + k);
            if matches(i) {
                look(i, bar, scored);
                Seen::Match
            } else {
                Seen::Miss
            }
        };
        // (A session kept across another catalog starts afresh.)
        let before = match narrow.first {
            f if f.from <= group.len() => f,
            _ => Firsts::default(),
        };
        let mut firsts = Firsts {
            places: Vec::new(),
            from: group.len(),
        };
        // Whether `firsts` holds exactly the group's matches.
        let mut whole = true;
        let mut stopped = false;
        for (n, &k) in before.places.iter().enumerate() {
            match visit(k as usize, &mut bar, &mut scored) {
                Seen::Stop => {
                    firsts.places.extend(&before.places[n..]);
                    firsts.from = before.from;
                    stopped = true;
                    break;
                }
                Seen::Unread => {
                    firsts.places.push(k);
                    whole = false;
                }
                Seen::Match => firsts.places.push(k),
                Seen::Miss => {}
            }
        }
        if !stopped {
            for k in before.from..group.len() {
                match visit(k, &mut bar, &mut scored) {
                    Seen::Stop => {
                        firsts.from = k;
                        stopped = true;
                        break;
                    }
                    Seen::Unread => {
                        firsts.places.push(k as u32);
                        whole = false;
                    }
                    Seen::Match => firsts.places.push(k as u32),
                    Seen::Miss => {}
                }
            }
        }
        let whole = whole && !stopped;
        // Every other text scores at most `elsewhere`, so ranks below a bar scored above it.
        let above = |bar: &Bar, ceiling: i64| bar.level().is_some_and(|level| level.0 > ceiling);
        // Returning early, the lists of the query this one extends still hold every match
        // of this one: kept for the next.
        if above(&bar, ceiling.elsewhere()) {
            let matched = Matched {
                first: firsts,
                heads: narrow.heads,
                all: narrow.all,
            };
            return (scored, matched);
        }
        // Unless the matches are known already (and few), the texts holding the first
        // character where skim gives a bonus; all the others score at most `nowhere`. Most of
        // them hold few of its characters at bonus places or side by side as in the query:
        // their sketches tell, in a step, that they cannot reach the bar, before a look at
        // their characters does. Those are not read, and stay on the list (by their places
        // in it) as possible matches for the next key.
        if let (None, Some(heads)) = (candidates, heads) {
            let sketches = heads.of(first);
            let places = match narrow.heads {
                Some(before) => before,
                None => (0..sketches.len() as u32).collect(),
            };
            let mut kept = Vec::with_capacity(places.len());
            for p in places {
                // (Out of range only for a session kept across another catalog.)
                let Some(sketch) = sketches.get(p as usize) else {
                    continue;
                };
                if sketch.mask & needs != needs {
                    continue;
                }
                if !sketched(&bar, sketch, ceiling.by_marks(&sketch.marks)) {
                    kept.push(p);
                } else if matches(sketch.text) {
                    kept.push(p);
                    look(sketch.text, &mut bar, &mut scored);
                }
            }
            if above(&bar, ceiling.nowhere()) {
                let matched = Matched {
                    first: firsts,
                    heads: Some(kept),
                    all: None,
                };
                return (scored, matched);
            }
        }
        let count = candidates.map_or(self.catalog.len(), <[u32]>::len);
        // Every text left scores at most `nowhere` if the heads pass ran, else `elsewhere`:
        // the hits above that are sure (with a floor the bar counts strong records only).
        // When the rest is long, they are shown first, and the rest leaves a core to draw.
        let most = match (candidates, heads) {
            (None, Some(_)) => ceiling.nowhere(),
            _ => ceiling.elsewhere(),
        };
        let long = count >= blocks::PARALLEL_FROM && self.least(query).is_some();
        let spare = long && before_rest(&scored, most);
        // The rest, each thread raising its own copy of the bar: lower than a shared one
        // would be, so it skips less, but never wrongly. (Texts of the second step are
        // looked at again: a copy scored twice ties with itself.)
        let init = || (Scorer::new(query), bar.clone());
        let rest = in_blocks(count, spare, init, |(scorer, bar), k, out| {
            let i = candidates.map_or(k as u32, |c| c[k]);
            if self.catalog.first(i) == first || !matches(i) {
                return;
            }
            let text = self.catalog.text(i);
            let score = if bar.admits(rank(i, ceiling.of(text))) {
                scorer.score(text)
            } else {
                None
            };
            if let Some(score) = score {
                bar.add(self.catalog.target(i), rank(i, score));
            }
            out.push((i, score));
        });
        // Every text starting with the first character that matches, for the next query.
        let in_group = |k: &u32| self.catalog.in_order(group.start + *k as usize);
        if !whole {
            let places = firsts.places.into_iter();
            firsts.places = (places.chain(firsts.from as u32..group.len() as u32))
                .filter(|k| matches(in_group(k)))
                .collect();
            firsts.from = group.len();
        }
        let mut all: Vec<u32> = firsts.places.iter().map(in_group).collect();
        all.extend(rest.iter().map(|&(i, _)| i));
        all.sort_unstable();
        scored.extend(rest.into_iter().filter_map(|(i, s)| Some((i, s?))));
        let matched = Matched {
            all: Some(all),
            first: firsts,
            heads: None,
        };
        (scored, matched)
    }
}

/// The dataset's hits and the securities master's, as one list: records named exactly
/// first (those named [wholly](Hit::whole) before the others, the dataset's before the
/// master's), then, for a query naming a period, the
/// dataset's hits in their order (catalysts of the period first), else both by score, the
/// dataset's first on ties. Each side keeps strong matches only already; a record found on
/// both sides is listed once.
fn merge<'a>(own: Vec<Hit<'a>>, more: Vec<Hit<'a>>, query: &str, limit: usize) -> Vec<Hit<'a>> {
    let dated = DateQuery::parse(&fold(query.trim())).is_some();
    let exact = |hits: Vec<Hit<'a>>| -> (Vec<Hit<'a>>, Vec<Hit<'a>>) {
        hits.into_iter().partition(|h| h.exact)
    };
    let (own_exact, own_rest) = exact(own);
    let (more_exact, more_rest) = exact(more);
    let mut out: Vec<Hit<'a>> = own_exact;
    out.extend(more_exact);
    // Those named wholly first (stable: the dataset's first among equals).
    out.sort_by_key(|h| !h.whole);
    if dated {
        out.extend(own_rest);
        out.extend(more_rest);
    } else {
        // Both sides are in rank order: merge them, the dataset's first on equal scores.
        let mut a = own_rest.into_iter().peekable();
        let mut b = more_rest.into_iter().peekable();
        loop {
            let take_a = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) => x.score >= y.score,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            out.extend(if take_a { a.next() } else { b.next() });
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|h| seen.insert(h.target));
    out.truncate(limit);
    out
}

/// Of `hits` (in rank order), those no text scoring at most `most` can outrank: the records
/// named exactly and those scoring above it.
fn leading<'a>(hits: &[Hit<'a>], most: i64) -> Vec<Hit<'a>> {
    (hits.iter())
        .take_while(|h| h.exact || h.score > most)
        .cloned()
        .collect()
}

/// The least score of a strong match for `query`: 17/20 of what the query scores as a whole
/// word inside a text (`x QUERY`), so most of its characters match at word starts or in runs.
/// Against the query's score as a text of its own, which only a text starting with it
/// reaches, a one-letter query would keep only the texts starting with that letter. For
/// `élan` (83 as a word) the bar is 70: "ÉLAN Société" scores 83, NTT's "T*el*egraph *an*d"
/// 69; for `soft`, "Micro*soft*" scores 75; for `TSM`, the letters scattered through
/// "Fujitsu Semiconductor" 44 of 63.
fn strong(query: &str) -> i64 {
    let as_word = format!("x {query}");
    matcher().fuzzy_match(&as_word, query).unwrap_or(0) * 17 / 20
}

/// Whether `text`, scoring `score` for the scorer's query, is a strong match (scores at
/// least `bar`).
/// A folded voiced kana keeps its sound mark as a combining character (so positions count
/// one per character) where the query has none: the mark breaks a run that is one in the
/// text as written, so such a text is judged without its marks.
fn is_strong(scorer: &Scorer, text: &str, score: i64, bar: i64) -> bool {
    const MARKS: [char; 2] = ['\u{3099}', '\u{309A}'];
    score >= bar
        || (text.contains(MARKS)
            && scorer
                .score(&text.replace(MARKS, ""))
                .is_some_and(|s| s >= bar))
}

/// The best item of each record, items of one record being adjacent: highest score, then
/// shortest text, then first.
fn best_per_record(items: &Catalog, mut scored: Vec<Scored>) -> Vec<Scored> {
    scored.sort_unstable_by_key(|&(i, _)| i);
    let mut out: Vec<Scored> = Vec::new();
    for (i, score) in scored {
        match out.last_mut() {
            Some(last) if items.target(last.0) == items.target(i) => {
                let shorter = items.text(i).len() < items.text(last.0).len();
                if score > last.1 || (score == last.1 && shorter) {
                    *last = (i, score);
                }
            }
            _ => out.push((i, score)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dataset of `n` made-up companies with varied names, aliases and symbols.
    fn synthetic(n: usize) -> Dataset {
        let parts = [
            "ka", "Sor", "ti", "Ven", "ra", "xo", "Lum", "de", "s", "Qua", "ne", "o",
        ];
        let mut data = crate::data::DataFiles::embedded().parse().unwrap();
        let template = data.entities[0].clone();
        for i in 0..n {
            let mut e = template.clone();
            let stem: String = (0..3)
                .map(|k| parts[(i * 7 + k * 5 + i / 3) % parts.len()])
                .collect();
            e.id = format!("x{i}");
            e.name = format!(
                "{stem} {} Holdings",
                ["Semi", "ai Labs", "Robo-tech", "(Japan)"][i % 4]
            );
            e.aliases = vec![stem.to_lowercase(), format!("{}{}", &stem[..1], i % 10)];
            e.listings[0].symbol = format!("{}{i}", stem.to_uppercase());
            data.entities.push(e);
        }
        data
    }

    proptest::proptest! {
        #[test]
        fn any_query_scans_to_what_scoring_everything_gives(
            query in "[a-zA-Z0-9 (-]{1,5}",
            limit in proptest::sample::select(vec![1usize, 7, 50]),
        ) {
            static SEARCHER: std::sync::OnceLock<Searcher> = std::sync::OnceLock::new();
            static WARM: std::sync::OnceLock<Searcher> = std::sync::OnceLock::new();
            static SIZED: std::sync::OnceLock<Searcher> = std::sync::OnceLock::new();
            let cold = SEARCHER.get_or_init(|| Searcher::new(&synthetic(1500)));
            let warm = WARM.get_or_init(|| {
                let s = Searcher::new(&synthetic(1500));
                s.warm();
                s
            });
            // Companies with size classes, as a securities master's catalog has them.
            let sized = SIZED.get_or_init(|| {
                let data = synthetic(1500);
                let sizes: Vec<u8> = (0..data.entities.len()).map(|e| (e * 7 % 6) as u8).collect();
                let s = Searcher::from_catalog(Catalog::of_companies(&data, &sizes));
                s.warm();
                s
            });
            let query = query.trim();
            proptest::prop_assume!(!query.is_empty());
            let full = cold.score(query, None);
            let full = cold.rank(query, full, limit);
            for searcher in [cold, warm] {
                let (fast, _) = searcher.scan(query, limit, Matched::default(), &mut |_, _| false);
                proptest::prop_assert_eq!(&searcher.rank(query, fast, limit), &full);
            }
            let full = sized.score(query, None);
            let full = sized.rank(query, full, limit);
            let (fast, _) = sized.scan(query, limit, Matched::default(), &mut |_, _| false);
            proptest::prop_assert_eq!(&sized.rank(query, fast, limit), &full);
        }
    }

    /// Types `query` key by key on `searcher`, each prefix's hits checked against scoring
    /// every text.
    fn typing_agrees(searcher: &Searcher, query: &str, limit: usize) -> Result<(), String> {
        let mut session = Session::default();
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            let narrowed = searcher.search_in(&mut session, &typed, limit);
            let q = typed.trim();
            if DateQuery::parse(&fold(q)).is_some() {
                continue; // Catalysts of a period (`q1`) lead: not a matter of scores.
            }
            let full = if q.is_empty() {
                Vec::new()
            } else {
                searcher.rank(q, searcher.score(q, None), limit)
            };
            let got: Vec<_> = narrowed.iter().map(|h| (h.target, h.score)).collect();
            let want: Vec<_> = full.iter().map(|h| (h.target, h.score)).collect();
            if got != want {
                return Err(format!(
                    "after typing {typed:?} (limit {limit}): {got:?} != {want:?}"
                ));
            }
        }
        Ok(())
    }

    /// A warmed searcher over 3000 made-up companies.
    fn warm_synthetic() -> &'static Searcher {
        static WARM: std::sync::OnceLock<Searcher> = std::sync::OnceLock::new();
        WARM.get_or_init(|| {
            let s = Searcher::new(&synthetic(3000));
            s.warm();
            s
        })
    }

    #[test]
    fn texts_a_scan_left_unread_are_read_again_for_the_next_key() {
        for query in [
            "N00", "q1x", "sorti", "semi h", "ka9", "ho(j", "vesd", "lumqa",
        ] {
            for limit in [1, 7, 100] {
                typing_agrees(warm_synthetic(), query, limit).unwrap();
            }
        }
    }

    /// Types `query` key by key on `searcher`, checking that the early hits of each key, if
    /// any, are the first of its hits; returns the keys that gave early hits.
    fn early_agrees(searcher: &Searcher, query: &str, limit: usize) -> Result<Vec<String>, String> {
        let mut session = Session::default();
        let (mut typed, mut gave) = (String::new(), Vec::new());
        for c in query.chars() {
            typed.push(c);
            let mut early = None;
            let hits = searcher.search_early(&mut session, &typed, limit, &mut |h| early = Some(h));
            let Some(early) = early else { continue };
            if early.is_empty() || hits.get(..early.len()) != Some(&early[..]) {
                return Err(format!(
                    "{typed:?} (limit {limit}): early {early:?}, then {hits:?}"
                ));
            }
            gave.push(typed.clone());
        }
        Ok(gave)
    }

    /// Searchers over made-up companies, enough for a pass over every text to be long
    /// (20,000 texts or more): a dataset of 6000, warmed and not, and a small dataset beside a
    /// master of 6000 and the other way round.
    fn early_searchers() -> [&'static Searcher; 4] {
        const N: usize = 6000;
        static WARM: std::sync::OnceLock<Searcher> = std::sync::OnceLock::new();
        static COLD: std::sync::OnceLock<Searcher> = std::sync::OnceLock::new();
        static BIG_MASTER: std::sync::OnceLock<Searcher> = std::sync::OnceLock::new();
        static SMALL_MASTER: std::sync::OnceLock<Searcher> = std::sync::OnceLock::new();
        let beside = |own: &Dataset, master: &Dataset| {
            let n = own.entities.len() as u32;
            let sizes = vec![0; master.entities.len()];
            let place = (0..master.entities.len() as u32)
                .map(|j| EntityId(n + j))
                .collect();
            let s = Searcher::with_master(
                Catalog::new(own),
                Catalog::of_companies(master, &sizes),
                place,
            );
            s.warm();
            s
        };
        let embedded = || crate::data::DataFiles::embedded().parse().unwrap();
        [
            WARM.get_or_init(|| {
                let s = Searcher::new(&synthetic(N));
                s.warm();
                s
            }),
            // Not warmed: no word-head lists to bound what the last pass can find.
            COLD.get_or_init(|| Searcher::new(&synthetic(N))),
            BIG_MASTER.get_or_init(|| beside(&embedded(), &synthetic(N))),
            SMALL_MASTER.get_or_init(|| beside(&synthetic(N), &embedded())),
        ]
    }

    #[test]
    fn a_scan_of_every_text_gives_its_sure_hits_early_and_they_lead_the_final_ones() {
        for (n, searcher) in early_searchers().into_iter().enumerate() {
            // (Not warmed, a scan bounds the texts it has still to read less tightly.)
            let mut gave = Vec::new();
            for query in ["dene", "sorti", "kat", "olu", "nes", "tech"] {
                for limit in [1, 7, 100] {
                    gave.extend(early_agrees(searcher, query, limit).unwrap());
                }
            }
            assert!(!gave.is_empty(), "{n}");
        }
    }

    #[test]
    fn a_small_catalogs_hits_go_out_early_when_the_large_one_has_none_sure() {
        // Made-up companies only, none spelling `softb`, beside the curated ones as a
        // master: SoftBank is the small catalog's, and leads before the large one's last
        // pass (over every text, which it must read to find nothing).
        let made_up = synthetic(6000);
        let curated = crate::data::DataFiles::embedded().parse().unwrap();
        let n = curated.entities.len();
        let own = Dataset {
            entities: made_up.entities[n..].to_vec(),
            ..Dataset::default()
        };
        let sizes = vec![0; curated.entities.len()];
        let place = (0..n as u32)
            .map(|j| EntityId(own.entities.len() as u32 + j))
            .collect();
        let master = Catalog::of_companies(&curated, &sizes);
        let searcher = Searcher::with_master(Catalog::new(&own), master, place);
        searcher.warm();
        assert!(
            searcher.catalog.len() >= 20_000,
            "{}",
            searcher.catalog.len()
        );
        let mut early = Vec::new();
        let hits = searcher.search_early(&mut Session::default(), "softb", 7, &mut |h| {
            early = h.iter().map(|h| h.text.to_string()).collect();
        });
        assert!(!early.is_empty(), "{hits:?}");
        assert!(early.iter().all(|t| t.contains("SoftBank")), "{early:?}");
        let texts: Vec<String> = hits.iter().map(|h| h.text.to_string()).collect();
        assert_eq!(texts[..early.len()], early[..]);
    }

    proptest::proptest! {
        #[test]
        fn early_hits_always_lead_the_final_ones(
            query in "[a-zA-Z0-9 (-]{1,6}",
            limit in proptest::sample::select(vec![1usize, 7, 100]),
        ) {
            for searcher in early_searchers() {
                let agrees = early_agrees(searcher, &query, limit);
                proptest::prop_assert!(agrees.is_ok(), "{}", agrees.unwrap_err());
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn typing_any_query_key_by_key_finds_what_scoring_everything_gives(
            query in "[a-zA-Z0-9 (-]{1,7}",
            limit in proptest::sample::select(vec![1usize, 7, 100]),
        ) {
            proptest::prop_assert!(typing_agrees(warm_synthetic(), &query, limit).is_ok(),
                "{}", typing_agrees(warm_synthetic(), &query, limit).unwrap_err());
        }
    }

    #[test]
    fn bounded_scan_agrees_with_scoring_everything() {
        let data = synthetic(3000);
        let searcher = Searcher::new(&data);
        bounded_scan_agrees(&searcher);
        searcher.warm();
        bounded_scan_agrees(&searcher);
    }

    fn bounded_scan_agrees(searcher: &Searcher) {
        let mut partial = 0;
        let queries = "abcdefghijklmnopqrstuvwxyz0123456789SKQ"
            .chars()
            .map(String::from)
            .chain(["so", "Sr", "ka", "ve", "Ho", "ai", "9", "x1", "ne", "(j"].map(String::from))
            .chain(["sor", "Hol", "ing", "ao", "kati", "Semi H", "robo-t", "xx"].map(String::from));
        for query in queries {
            for limit in [1, 20, 100] {
                let (fast, _) = searcher.scan(&query, limit, Matched::default(), &mut |_, _| false);
                let full = searcher.score(&query, None);
                if fast.len() < full.len() / 2 {
                    partial += 1;
                }
                assert_eq!(
                    searcher.rank(&query, fast, limit),
                    searcher.rank(&query, full, limit),
                    "query {query:?}, limit {limit}"
                );
            }
        }
        assert!(
            partial >= 60,
            "most scored under half the matches ({partial})"
        );
    }

    #[test]
    fn narrowing_gives_the_same_hits_as_a_fresh_search() {
        let data = synthetic(2000);
        let (cold, warm) = (Searcher::new(&data), Searcher::new(&data));
        warm.warm();
        for query in [
            "sorti", "semi h", "ven", "ka", "quan", "hold", "9", "(japan)",
        ] {
            narrowing_agrees(&cold, &cold, query);
            narrowing_agrees(&warm, &cold, query);
        }
    }

    /// Typing `query` one key at a time on `index` finds what `fresh` finds for each prefix.
    fn narrowing_agrees(index: &Searcher, fresh: &Searcher, query: &str) {
        let mut session = Session::default();
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            let narrowed: Vec<_> = index
                .search_in(&mut session, &typed, 50)
                .into_iter()
                .map(|h| (h.target, h.score))
                .collect();
            let fresh: Vec<_> = fresh
                .search(&typed, 50)
                .into_iter()
                .map(|h| (h.target, h.score))
                .collect();
            assert_eq!(narrowed, fresh, "after typing {typed:?}");
        }
    }

    #[test]
    fn master_companies_merge_after_curated_ties_and_keep_strong_matches_only() {
        let data = crate::data::DataFiles::embedded().parse().unwrap();
        let n = data.entities.len() as u32;
        let softbank = data.entities.iter().position(|e| e.id == "9984.T").unwrap();
        // Master companies: a twin of SoftBank on another listing, and one of its own.
        let mut twin = data.entities[softbank].clone();
        twin.id = "NYSE:SFTBX".into();
        twin.listings[0].symbol = "SFTBX".into();
        twin.listings[0].exchange = Exchange::parse("NYSE").unwrap();
        let mut other = twin.clone();
        other.id = "MYX:0166".into();
        other.name = "Inari Amertron Berhad".into();
        other.aliases.clear();
        other.listings[0].symbol = "0166".into();
        other.listings[0].exchange = Exchange::parse("MYX").unwrap();
        let master = Catalog::new(&Dataset {
            entities: vec![twin, other],
            ..Dataset::default()
        });
        let searcher = Searcher::with_master(
            Catalog::new(&data),
            master,
            vec![EntityId(n), EntityId(n + 1)],
        );
        let ids = |q: &str| -> Vec<Target> {
            searcher
                .search(q, 10)
                .into_iter()
                .map(|h| h.target)
                .collect()
        };
        let softbank = Target::Entity(EntityId(softbank as u32));
        let found = ids("softbank gr");
        let (a, b) = (
            found.iter().position(|&t| t == softbank),
            found.iter().position(|&t| t == Target::Entity(EntityId(n))),
        );
        assert!(a.is_some() && b.is_some() && a < b, "{found:?}");
        // Named exactly on the master's side: first, and the dataset's weak matches go.
        let named = searcher.search("0166", 10);
        assert_eq!(named[0].target, Target::Entity(EntityId(n + 1)));
        assert!(named[0].exact);
        assert_eq!(
            searcher.label_of(named[0].target).symbol,
            Some("0166"),
            "labelled from the master's catalog"
        );
        assert!(named.iter().skip(1).all(|h| h.score >= strong("0166")));
    }

    /// The embedded dataset's searcher with `master` companies (name, size class) beside it,
    /// each a company of its own after the dataset's entities.
    fn with_companies(master: &[(&str, &str, u8)]) -> (Searcher, u32) {
        let data = crate::data::DataFiles::embedded().parse().unwrap();
        let n = data.entities.len() as u32;
        let template = data.entities[0].clone();
        let companies: Vec<Entity> = master
            .iter()
            .map(|&(symbol, name, _)| {
                let mut e = template.clone();
                e.id = format!("TSE:{symbol}");
                e.name = name.into();
                e.aliases.clear();
                e.listings.truncate(1);
                e.listings[0].symbol = symbol.into();
                e.listings[0].exchange = Exchange::parse("TSE").unwrap();
                e
            })
            .collect();
        let sizes: Vec<u8> = master.iter().map(|&(_, _, size)| size).collect();
        let place = (0..master.len() as u32).map(|j| EntityId(n + j)).collect();
        let master = Catalog::of_companies(
            &Dataset {
                entities: companies,
                ..Dataset::default()
            },
            &sizes,
        );
        let searcher = Searcher::with_master(Catalog::new(&data), master, place);
        searcher.warm();
        (searcher, n)
    }

    #[test]
    fn equal_matches_rank_the_larger_company_first() {
        // Size classes as the master stores them: 1 micro, 4 large, 5 mega.
        let (searcher, n) = with_companies(&[
            ("8015", "Toyota Tsusho Corp.", 4),
            ("3116", "Toyota Boshoku Corp.", 1),
            ("7203", "Toyota Motor Corporation", 5),
            ("6201", "Toyota Industries Corporation", 4),
        ]);
        for query in ["toyota", "Toyota", "toyo", "toy"] {
            let found: Vec<Target> = searcher
                .search(query, 10)
                .into_iter()
                .map(|h| h.target)
                .collect();
            // Mega first; the two large ones by the shorter text; then the micro cap.
            let want = [n + 2, n, n + 3, n + 1].map(|e| Target::Entity(EntityId(e)));
            // (`toyo` and `toy` also find the curated Tokyo Electron, less well.)
            assert_eq!(found[..4], want, "{query}: {found:?}");
        }
        // A better match still beats a larger company.
        let hits = searcher.search("toyota ts", 10);
        assert_eq!(hits[0].target, Target::Entity(EntityId(n)));
    }

    #[test]
    fn a_whole_name_named_exactly_leads_an_alias_with_a_legal_form_added() {
        // SoftBank Group Corp. (curated) has the alias `SoftBank`; SoftBank Corp. is the
        // master's.
        let (searcher, n) = with_companies(&[("9434", "SoftBank Corp.", 5)]);
        let data = crate::data::DataFiles::embedded().parse().unwrap();
        let group = data.entities.iter().position(|e| e.id == "9984.T").unwrap();
        let group = Target::Entity(EntityId(group as u32));
        let corp = Target::Entity(EntityId(n));
        for query in ["SoftBank Corp", "softbank corp.", "SoftBank Corporation"] {
            let hits = searcher.search(query, 10);
            assert_eq!(hits[0].target, corp, "{query}: {hits:?}");
            assert!(hits[0].exact && hits[0].whole);
            let at = hits.iter().position(|h| h.target == group);
            assert!(
                at.is_some_and(|at| hits[at].exact && !hits[at].whole),
                "{query}"
            );
        }
        // A bare alias names the curated entity as wholly as the name names the other: the
        // curated one first.
        let hits = searcher.search("softbank", 10);
        assert_eq!(hits[0].target, group);
        assert!(hits[..2].iter().all(|h| h.exact && h.whole));
        assert_eq!(searcher.search("SoftBank Group Corp", 10)[0].target, group);
    }

    #[test]
    fn half_width_kana_with_sound_marks_are_found_as_full_width_and_back() {
        let mut data = crate::data::DataFiles::embedded().parse().unwrap();
        let mut e = data.entities[0].clone();
        e.name = "ﾄﾖﾀ ｼﾞﾄﾞｳｼｬ".into();
        e.aliases = vec!["ガス".into()];
        data.entities.push(e);
        let n = data.entities.len() as u32 - 1;
        let searcher = Searcher::new(&data);
        for query in ["ジドウ", "ｼﾞﾄﾞｳ", "ｶﾞｽ", "ガス"] {
            let hits = searcher.search(query, 5);
            let hit = hits
                .iter()
                .find(|h| h.target == Target::Entity(EntityId(n)));
            let hit = hit.unwrap_or_else(|| panic!("{query}: {hits:?}"));
            let len = hit.text.chars().count();
            assert!(hit.positions.iter().all(|&p| p < len), "{query}: {hit:?}");
        }
    }

    #[test]
    fn mask_never_rejects_a_match() {
        let m = SkimMatcherV2::default().ignore_case();
        for (text, query) in [
            ("SoftBank", "sb"),
            ("ソフトバンク", "ソフト"),
            ("Sony Group", "SG"),
            ("Ünïcode", "Ün"),
        ] {
            assert!(m.fuzzy_match(text, query).is_some());
            assert_eq!(mask(text) & mask(query), mask(query), "{text} / {query}");
        }
    }
}
