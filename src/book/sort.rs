//! Orders and filters for every list of entities: the TUI's lists and the book commands.

use chrono::NaiveDate;

use crate::index::Index;
use crate::model::{CatalystId, Direction, EntityId, ProgramId, next_change};

use super::due;

/// Declares the sort keys of one kind of list: the enum (its first key the default), every
/// key in the order `s` cycles through them, and the words the config, the state file and
/// the screen use for them.
macro_rules! sort_keys {
    (
        $(#[$meta:meta])*
        $name:ident {
            $(#[$first_meta:meta])* $first:ident = $first_word:literal,
            $($(#[$vmeta:meta])* $variant:ident = $word:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub enum $name {
            $(#[$first_meta])*
            #[default]
            $first,
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every key, in the order `s` cycles through them, the default first.
            pub const ALL: &'static [$name] = &[$name::$first, $($name::$variant),+];

            /// The word used in the config, the state file and on the screen.
            pub fn as_str(self) -> &'static str {
                match self {
                    $name::$first => $first_word,
                    $($name::$variant => $word),+
                }
            }

            /// Reads the word back.
            pub fn parse(word: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|k| k.as_str() == word)
            }

            /// The key after this one, wrapping round.
            pub fn next(self) -> $name {
                let at = Self::ALL.iter().position(|k| *k == self).unwrap_or(0);
                Self::ALL[(at + 1) % Self::ALL.len()]
            }

            /// Every word, in cycle order: `next, programs, name`.
            pub fn words() -> String {
                Self::ALL
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }
    };
}
pub(crate) use sort_keys;

sort_keys! {
    /// What an entity list is ordered by.
    SortKey {
        /// The next catalyst still ahead (soonest first, then by name; none last). The
        /// default: what a trader asks first is what is due.
        Next = "next",
        /// Number of programs (most first).
        Programs = "programs",
        /// Name, A to Z.
        Name = "name",
        /// Country, then name.
        Country = "country",
        /// Primary exchange, then symbol; unlisted bodies last.
        Exchange = "exchange",
        /// Direction of the exposures: tailwind, mixed, headwind, then none.
        Direction = "direction",
        /// As the dataset lists them (curated order; a watchlist's own order).
        Dataset = "dataset",
    }
}

/// Which entities a list keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListFilter {
    /// Every entity.
    #[default]
    All,
    /// Only those with a catalyst not yet over.
    Upcoming,
    /// Only those with a catalyst opening or closing within this many days.
    Within(u32),
}

impl ListFilter {
    /// The words used in the config, the state file and the screen: `all`, `upcoming`, `30d`.
    pub fn label(self) -> String {
        match self {
            ListFilter::All => "all".into(),
            ListFilter::Upcoming => "upcoming".into(),
            ListFilter::Within(days) => format!("{days}d"),
        }
    }

    /// Reads `all`, `upcoming` or a span of days (`30d`, `2w`, `30`).
    pub fn parse(word: &str) -> Option<ListFilter> {
        match word {
            "all" => Some(ListFilter::All),
            "upcoming" => Some(ListFilter::Upcoming),
            days => parse_days(days).ok().map(ListFilter::Within),
        }
    }

    /// The filter after this one, as `F` cycles: all, upcoming, within 30 days, 90 days.
    pub fn next(self) -> ListFilter {
        match self {
            ListFilter::All => ListFilter::Upcoming,
            ListFilter::Upcoming => ListFilter::Within(30),
            ListFilter::Within(d) if d < 90 => ListFilter::Within(90),
            ListFilter::Within(_) => ListFilter::All,
        }
    }

    /// Whether the catalyst passes: upcoming is not over yet (still to open, or open now);
    /// within N days opens or closes in the next N days.
    pub fn keeps_catalyst(self, index: &Index, catalyst: CatalystId, today: NaiveDate) -> bool {
        let range = index.range(catalyst);
        match self {
            ListFilter::All => true,
            ListFilter::Upcoming => next_change(range, today).is_some(),
            ListFilter::Within(days) => due::has_edge(range, today, days),
        }
    }

    /// Whether the entity passes: one of its catalysts does.
    pub fn keeps(self, index: &Index, entity: EntityId, today: NaiveDate) -> bool {
        self == ListFilter::All
            || index
                .catalysts_of(entity)
                .iter()
                .any(|&c| self.keeps_catalyst(index, c, today))
    }

    /// Whether the program passes: one of its catalysts does.
    pub fn keeps_program(self, index: &Index, program: ProgramId, today: NaiveDate) -> bool {
        self == ListFilter::All
            || index
                .catalysts_of_program(program)
                .iter()
                .any(|&c| self.keeps_catalyst(index, c, today))
    }

    /// How a list's title says it: `7 of 11 upcoming`, `2 of 11 within 30d`, `11`.
    pub fn shown(self, kept: usize, all: usize) -> String {
        match self {
            ListFilter::All => kept.to_string(),
            ListFilter::Upcoming => format!("{kept} of {all} upcoming"),
            ListFilter::Within(days) => format!("{kept} of {all} within {days}d"),
        }
    }
}

sort_keys! {
    /// What the program list is ordered by (the keys of [`SortKey`] that mean something
    /// for a program: it has no exchange, and its own direction is each link's).
    ProgramSort {
        /// The program's next catalyst (the one whose next change comes first, then by
        /// name; none last). The default.
        Next = "next",
        /// Number of linked entities (most first).
        Linked = "linked",
        /// Name, A to Z.
        Name = "name",
        /// Country, then name.
        Country = "country",
        /// As the dataset lists them.
        Dataset = "dataset",
    }
}

sort_keys! {
    /// What the Calendar's catalysts are ordered by; ties stay in date order.
    CatalystSort {
        /// Date (the timeline's month headings and today marker only show in this order).
        /// The default.
        Date = "date",
        /// Title, A to Z.
        Name = "name",
        /// Country of the program (or of the first entity named), then date; none last.
        Country = "country",
        /// Direction of the links of its program: tailwind, mixed, headwind, then none.
        Direction = "direction",
        /// Number of entities linked (named, or exposed to its program), most first.
        Linked = "linked",
    }
}

/// Sorts `ids` by `key`; ties keep their order (the sort is stable).
pub fn sort_programs(index: &Index, ids: &mut [ProgramId], key: ProgramSort, today: NaiveDate) {
    let name = |p: ProgramId| index.program(p).name.to_lowercase();
    match key {
        ProgramSort::Dataset => ids.sort(),
        ProgramSort::Next => ids.sort_by_cached_key(|&p| {
            let next = index
                .catalysts_of_program(p)
                .iter()
                .filter_map(|&c| next_change(index.range(c), today))
                .min();
            (next.is_none(), next, name(p))
        }),
        ProgramSort::Linked => {
            ids.sort_by_cached_key(|&p| std::cmp::Reverse(index.exposures_to(p).count()))
        }
        ProgramSort::Name => ids.sort_by_cached_key(|&p| name(p)),
        ProgramSort::Country => {
            ids.sort_by_cached_key(|&p| (index.program(p).country.clone(), name(p)))
        }
    }
}

/// Entities a catalyst concerns: the ones it names, then those exposed to its program.
pub fn catalyst_entities(index: &Index, c: CatalystId) -> Vec<EntityId> {
    let catalyst = index.catalyst(c);
    let mut out: Vec<EntityId> = catalyst.entities.clone();
    if let Some(p) = catalyst.program {
        for x in index.exposures_to(p) {
            if !out.contains(&x.entity) {
                out.push(x.entity);
            }
        }
    }
    out
}

/// The country a catalyst is about: its program's, else that of the first entity it names.
pub fn catalyst_country(index: &Index, c: CatalystId) -> Option<String> {
    let cat = index.catalyst(c);
    let country = match cat.program {
        Some(p) => Some(index.program(p).country.clone()),
        None => cat
            .entities
            .first()
            .map(|&e| index.entity(e).country.clone()),
    };
    country.filter(|c| !c.is_empty())
}

/// The direction of a catalyst's program for those linked to it: one word when every link
/// agrees, `mixed` when they do not; `None` without a program or links.
pub fn catalyst_direction(index: &Index, c: CatalystId) -> Option<Direction> {
    let program = index.catalyst(c).program?;
    let mut dirs = index.exposures_to(program).map(|x| x.direction);
    let first = dirs.next()?;
    Some(if dirs.all(|d| d == first) {
        first
    } else {
        Direction::Mixed
    })
}

/// Tailwind, mixed, headwind, then none: the order directions sort in.
fn direction_rank(d: Option<Direction>) -> u8 {
    match d {
        Some(Direction::Tailwind) => 0,
        Some(Direction::Mixed) => 1,
        Some(Direction::Headwind) => 2,
        None => 3,
    }
}

/// Sorts `ids`, given in date order, by `key`; ties stay in date order (the sort is stable).
pub fn sort_catalysts(index: &Index, ids: &mut [CatalystId], key: CatalystSort) {
    match key {
        CatalystSort::Date => {}
        CatalystSort::Name => {
            ids.sort_by_cached_key(|&c| index.catalyst(c).title.to_lowercase());
        }
        CatalystSort::Country => ids.sort_by_cached_key(|&c| {
            let country = catalyst_country(index, c);
            (country.is_none(), country)
        }),
        CatalystSort::Direction => {
            ids.sort_by_cached_key(|&c| direction_rank(catalyst_direction(index, c)))
        }
        CatalystSort::Linked => {
            ids.sort_by_cached_key(|&c| std::cmp::Reverse(catalyst_entities(index, c).len()))
        }
    }
}

/// Reads a span of days as traders write it: `14d`, `2w`, or a bare number of days.
pub fn parse_days(text: &str) -> Result<u32, String> {
    let t = text.trim();
    let (digits, factor) = match t.strip_suffix(['d', 'D']) {
        Some(d) => (d, 1),
        None => match t.strip_suffix(['w', 'W']) {
            Some(w) => (w, 7),
            None => (t, 1),
        },
    };
    digits
        .parse::<u32>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .filter(|&n| n <= 36_500)
        .ok_or_else(|| format!("invalid span {text:?} (expected e.g. 14d, 2w or 30)"))
}

/// The direction of all of an entity's exposures taken together: one word when they agree,
/// `mixed` when they do not; `None` without exposures.
pub fn overall_direction(index: &Index, entity: EntityId) -> Option<Direction> {
    let mut dirs = index.exposures_of(entity).map(|x| x.direction);
    let first = dirs.next()?;
    Some(if dirs.all(|d| d == first) {
        first
    } else {
        Direction::Mixed
    })
}

/// Sorts `ids` by `key`; ties keep their order (the sort is stable).
pub fn sort(index: &Index, ids: &mut [EntityId], key: SortKey, today: NaiveDate) {
    let name = |e: EntityId| index.entity(e).name.to_lowercase();
    match key {
        SortKey::Dataset => ids.sort(),
        SortKey::Next => ids.sort_by_cached_key(|&e| {
            // By the day the next catalyst next changes (its start, or the end of one in
            // progress), as the next catalyst is chosen and as programs sort; nothing ahead
            // goes last.
            let next = index.next_catalyst(e, today);
            let day = next.and_then(|c| next_change(index.range(c), today));
            // A tie reads A to Z.
            (day.is_none(), day, name(e))
        }),
        SortKey::Programs => ids.sort_by_cached_key(|&e| std::cmp::Reverse(index.program_count(e))),
        SortKey::Name => ids.sort_by_cached_key(|&e| name(e)),
        SortKey::Country => ids.sort_by_cached_key(|&e| (index.entity(e).country.clone(), name(e))),
        SortKey::Exchange => ids.sort_by_cached_key(|&e| {
            let listing = index.entity(e).primary();
            (
                listing.is_none(),
                listing.map(|l| (l.exchange.to_string(), l.symbol.clone())),
            )
        }),
        SortKey::Direction => {
            ids.sort_by_cached_key(|&e| direction_rank(overall_direction(index, e)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_days_read_as_traders_write_them() {
        assert_eq!(parse_days("14d"), Ok(14));
        assert_eq!(parse_days("2w"), Ok(14));
        assert_eq!(parse_days(" 30 "), Ok(30));
        assert!(parse_days("14x").is_err());
        assert!(parse_days("-3d").is_err());
        assert!(parse_days("99999999w").is_err());
        assert_eq!(ListFilter::parse("30d"), Some(ListFilter::Within(30)));
        assert_eq!(ListFilter::parse("upcoming"), Some(ListFilter::Upcoming));
        assert_eq!(ListFilter::parse("soon"), None);
    }

    #[test]
    fn sort_keys_cycle_through_all_seven() {
        let mut key = SortKey::Next;
        for _ in 0..SortKey::ALL.len() {
            key = key.next();
        }
        assert_eq!(key, SortKey::Next);
        assert_eq!(SortKey::parse("country"), Some(SortKey::Country));
    }

    #[test]
    fn sorting_the_embedded_entities_follows_each_key() {
        let index = Index::new(crate::data::load(None).unwrap());
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let all: Vec<EntityId> = (0..index.data().entities.len() as u32)
            .map(EntityId)
            .collect();
        let mut ids = all.clone();
        sort(&index, &mut ids, SortKey::Programs, today);
        let counts: Vec<usize> = ids.iter().map(|&e| index.program_count(e)).collect();
        assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
        sort(&index, &mut ids, SortKey::Name, today);
        let names: Vec<String> = ids
            .iter()
            .map(|&e| index.entity(e).name.to_lowercase())
            .collect();
        assert!(names.windows(2).all(|w| w[0] <= w[1]));
        sort(&index, &mut ids, SortKey::Next, today);
        let starts: Vec<Option<NaiveDate>> = ids
            .iter()
            .map(|&e| {
                index
                    .next_catalyst(e, today)
                    .and_then(|c| index.catalyst(c).date.next_change(today))
            })
            .collect();
        let ahead = starts.iter().take_while(|s| s.is_some()).count();
        assert!(ahead > 0 && starts[ahead..].iter().all(Option::is_none));
        assert!(starts[..ahead].windows(2).all(|w| w[0] <= w[1]));
        // On 1 May 2026 SoftBank's next catalyst is the end of phase one, in progress until
        // 31 July; Tokyo Electron's the Genesis meeting opening on 1 June: Tokyo Electron
        // first, though phase one started first.
        let may = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        sort(&index, &mut ids, SortKey::Next, may);
        let at = |id: &str| {
            let e = index.data().entities.iter().position(|x| x.id == id);
            ids.iter().position(|&x| Some(x.ix()) == e).unwrap()
        };
        assert!(at("8035.T") < at("9984.T"), "{ids:?}");
    }
}
