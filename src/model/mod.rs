//! The domain model: plain data, no I/O, no UI.
//!
//! Records refer to each other by position ([`EntityId`], [`ProgramId`], ...)
//! once a dataset has been validated; the string ids of the data files stay on
//! each record for output.

mod exchange;
pub mod isin;
mod money;
pub mod names;
mod when;

pub use exchange::Exchange;
pub use money::{Currency, Money, compact_amount};
pub use when::{
    Countdown, FiscalCalendar, MONTHS, Part, Precision, Timing, When, WhenError, local_today,
    next_change, parse_day,
};

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub struct $name(pub u32);

        impl $name {
            /// Position in its dataset vector.
            pub fn ix(self) -> usize {
                self.0 as usize
            }
        }
    )*};
}

id_type!(
    /// Position of an [`Entity`] in [`Dataset::entities`].
    EntityId,
    /// Position of a [`Program`] in [`Dataset::programs`].
    ProgramId,
    /// Position of a [`Catalyst`] in [`Dataset::catalysts`].
    CatalystId,
    /// Position of a [`Source`] in [`Dataset::sources`].
    SourceId,
);

/// A short list of ids kept inline: a million exposures each with a source and a funding
/// line would otherwise cost two heap allocations apiece.
pub type IdList<T> = smallvec::SmallVec<[T; 2]>;

/// Where a record came from, so curated and machine-extracted data never mix unseen.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Origin {
    /// Curated by hand in a dataset's TOML files.
    #[default]
    Curated,
    /// Extracted by `aipx ingest` from an article (boxed: curated records, the vast
    /// majority, then pay one pointer for this field).
    Ingested(Box<Mention>),
    /// Accepted into the trader's library from a saved article (or imported into it).
    Library(Box<LibraryMention>),
}

/// Where a library record came from: the article and line of the finding, and the inbox
/// proposal it was accepted from (none for imported records).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LibraryMention {
    /// Article file as it was saved (or `import DIR`).
    pub article: String,
    /// 1-based line of the finding; 0 when there is none.
    pub line: usize,
    /// The inbox proposal it was accepted from.
    pub proposal: Option<i64>,
}

/// The article line an ingested record was found on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    /// Article file.
    pub file: String,
    /// 1-based line of the first mention.
    pub line: usize,
}

impl Origin {
    /// An ingested origin at `file:line`.
    pub fn ingested(file: impl Into<String>, line: usize) -> Origin {
        Origin::Ingested(Box::new(Mention {
            file: file.into(),
            line,
        }))
    }
}

/// One listing of a company: a symbol on an exchange.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Listing {
    /// Ticker symbol as the exchange prints it (`9984`, `NVDA`).
    pub symbol: String,
    /// The exchange.
    pub exchange: Exchange,
}

/// A company (listed or not) or public body that programs touch.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Entity {
    /// Stable id from the data files (`9984.T`, `rapidus`).
    pub id: String,
    /// Full name.
    pub name: String,
    /// Listings, primary first; empty for unlisted bodies.
    pub listings: Vec<Listing>,
    /// Other names traders type (short names, former names, native script).
    pub aliases: Vec<String>,
    /// ISO 3166 alpha-2 country code.
    pub country: String,
    /// Sector, in a trader's words.
    pub sector: String,
    /// Listed parent, for subsidiaries and units.
    pub parent: Option<EntityId>,
    /// One-line description.
    pub summary: String,
    /// Sources that mention it.
    pub sources: Vec<SourceId>,
    /// Curated or ingested.
    pub origin: Origin,
}

impl Entity {
    /// The primary listing, if the entity is listed.
    pub fn primary(&self) -> Option<&Listing> {
        self.listings.first()
    }

    /// Whether the entity trades on an exchange.
    pub fn is_listed(&self) -> bool {
        !self.listings.is_empty()
    }

    /// The symbol to show in lists: the primary ticker, or the id for unlisted bodies.
    pub fn display_symbol(&self) -> &str {
        self.primary()
            .map_or(self.id.as_str(), |l| l.symbol.as_str())
    }
}

macro_rules! word_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($(#[$vdoc])* $variant),* }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The lower-case word used in data files and JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            /// Reads the data-file word.
            pub fn parse(text: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == text)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

word_enum!(
    /// What part an entity plays in a program.
    Role {
        /// Runs or leads the program.
        Lead = "lead",
        /// A member of a consortium or alliance.
        Member = "member",
        /// Receives the program's money directly.
        Beneficiary = "beneficiary",
        /// Sells goods or services the program buys.
        Supplier = "supplier",
        /// Works with the program without being funded by it.
        Partner = "partner",
        /// Backs a funded body technically or financially.
        Backer = "backer",
        /// Competes with what the program builds.
        Competitor = "competitor",
        /// Government body that funds or runs the program.
        Sponsor = "sponsor",
        /// Party to a deal tied to the program.
        Counterparty = "counterparty",
        /// Named by a source as exposed through its line of business, with no part in the
        /// program itself (a tool maker whose demand would follow a chip push).
        Thematic = "thematic",
    }
);

word_enum!(
    /// Whether a source says an exposure or only supports reading it.
    Basis {
        /// A source names the entity in connection with the program.
        Stated = "stated",
        /// Our reading of what the sources state (a rival, a backer of a beneficiary); the
        /// sources name both sides but not the tie between them.
        Inferred = "inferred",
    }
);

word_enum!(
    /// Whether a program helps or hurts an entity.
    Direction {
        /// Helps.
        Tailwind = "tailwind",
        /// Hurts.
        Headwind = "headwind",
        /// Both, or depends on how it plays out.
        Mixed = "mixed",
    }
);

word_enum!(
    /// Kind of money a funding line describes.
    FundingKind {
        /// Public money committed or budgeted.
        Public = "public",
        /// Private money tied to the program: a company's own spending (see
        /// [`FundingLine::owner`]) or private investment credited to it.
        Private = "private",
        /// A goal, requirement or projection rather than committed money.
        Target = "target",
    }
);

word_enum!(
    /// Stage a program is at.
    Status {
        /// Announced, not yet running.
        Announced = "announced",
        /// Running.
        Active = "active",
        /// Budgeted, awaiting approval.
        Proposed = "proposed",
        /// Finished.
        Completed = "completed",
    }
);

word_enum!(
    /// What kind of event a catalyst is.
    CatalystKind {
        /// Officials meet or sign.
        Meeting = "meeting",
        /// A budget or fund starts or is approved.
        Budget = "budget",
        /// Production starts.
        Production = "production",
        /// A pilot or trial.
        Pilot = "pilot",
        /// A deadline or end of a period.
        Deadline = "deadline",
        /// A review of the program.
        Review = "review",
        /// A program is launched or an order signed.
        Launch = "launch",
        /// A target year for a goal.
        Target = "target",
    }
);

/// One amount in a program's funding, possibly inside another line.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FundingLine {
    /// Id unique within its program (`rapidus`).
    pub id: String,
    /// What the money is, in a few words.
    pub label: String,
    /// The amount.
    pub money: Money,
    /// Public, private or target.
    pub kind: FundingKind,
    /// When the money is spent: first and last period.
    pub period: Option<(When, When)>,
    /// Term in words when no dates are given ("over five years", "cumulative").
    pub term: Option<String>,
    /// What the money is for.
    pub purpose: String,
    /// Position of the enclosing line in the program's `funding`, for nested allocations.
    pub parent: Option<usize>,
    /// The company whose own money this is (a `private` line: SoftBank's own data-centre
    /// spend), so it is never shown as the program's funding.
    pub owner: Option<EntityId>,
    /// The line of another program this amount is part of (Rapidus's FY2026 allocation is
    /// METI's Rapidus line): position of that program and of the line in its `funding`, so
    /// a sum over both programs counts the money once.
    pub same_as: Option<(ProgramId, usize)>,
    /// Sources that state it.
    pub sources: Vec<SourceId>,
}

impl FundingLine {
    /// Whether the line is money the program itself puts up: public and no company's own.
    /// Private money and targets (goals, projections) are context, never program funding.
    pub fn is_program_money(&self) -> bool {
        self.kind == FundingKind::Public && self.owner.is_none()
    }

    /// When the money is spent, in words: `JP FY2026`, `JP FY2026 – JP FY2030`, or the term
    /// as the data states it; empty when neither is known. Not sanitised: callers display it.
    pub fn when_label(&self) -> String {
        match (&self.period, &self.term) {
            (Some((a, b)), _) if a == b => a.label(),
            (Some((a, b)), _) => format!("{} – {}", a.label(), b.label()),
            (None, Some(term)) => term.clone(),
            (None, None) => String::new(),
        }
    }
}

/// A government or public-private program.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Program {
    /// Stable id (`genesis-mission`).
    pub id: String,
    /// Name.
    pub name: String,
    /// Who runs or funds it.
    pub sponsor: String,
    /// ISO 3166 alpha-2 country code(s), `US`, `JP`.
    pub country: String,
    /// Stage.
    pub status: Status,
    /// What it is, in a sentence or two.
    pub summary: String,
    /// Funding lines; a line's `parent` always comes before it.
    pub funding: Vec<FundingLine>,
    /// Sources that describe it.
    pub sources: Vec<SourceId>,
    /// Curated or ingested.
    pub origin: Origin,
}

impl Program {
    /// The program's stage on `today`: the stage its sources gave, moved on to `active` once
    /// one of its budget or launch catalysts has certainly happened, its whole window on or
    /// before today (a budget that opened on 1 April is no longer "proposed" in November; a
    /// launch dated "late 2025" counts from 31 December). `catalysts` are the program's own.
    pub fn status_on<'a>(
        &self,
        today: chrono::NaiveDate,
        catalysts: impl IntoIterator<Item = &'a Catalyst>,
    ) -> Status {
        let started = |c: &Catalyst| {
            matches!(c.kind, CatalystKind::Budget | CatalystKind::Launch) && c.date.end() <= today
        };
        let not_running = matches!(self.status, Status::Proposed | Status::Announced);
        if not_running && catalysts.into_iter().any(started) {
            Status::Active
        } else {
            self.status
        }
    }

    /// Nesting depth of a funding line (0 for top level).
    pub fn depth(&self, line: usize) -> usize {
        let mut depth = 0;
        let mut at = self.funding[line].parent;
        while let Some(p) = at {
            depth += 1;
            at = self.funding[p].parent;
        }
        depth
    }
}

/// How one entity is tied to one program.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Exposure {
    /// The entity.
    pub entity: EntityId,
    /// The program.
    pub program: ProgramId,
    /// Its part in the program.
    pub role: Role,
    /// Whether a source states the link or it is our reading of the sources.
    pub basis: Basis,
    /// Whether it helps or hurts.
    pub direction: Direction,
    /// Funding lines of the program that concern this entity (positions in `funding`).
    pub funding: IdList<usize>,
    /// Why, in a sentence (boxed: a million of these add up).
    pub note: Box<str>,
    /// Sources.
    pub sources: IdList<SourceId>,
    /// Curated or ingested.
    pub origin: Origin,
}

/// A dated event that can move the exposed names.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Catalyst {
    /// Stable id.
    pub id: String,
    /// Short title.
    pub title: String,
    /// When, at the precision the source gives.
    pub date: When,
    /// Kind of event.
    pub kind: CatalystKind,
    /// Program it belongs to.
    pub program: Option<ProgramId>,
    /// Entities it names directly.
    pub entities: Vec<EntityId>,
    /// What to watch for.
    pub note: String,
    /// Sources.
    pub sources: Vec<SourceId>,
    /// Curated or ingested.
    pub origin: Origin,
}

/// Why a catalyst is on an entity's calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// The catalyst names the entity itself.
    Direct,
    /// The catalyst belongs to a program the entity is exposed to.
    Program(ProgramId),
}

/// An article the data is taken from.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Source {
    /// Stable id.
    pub id: String,
    /// Article file name.
    pub file: String,
    /// Headline, paraphrased.
    pub title: String,
    /// Publisher.
    pub publisher: String,
    /// Approximate publication date.
    pub date: When,
    /// Where the article can be read (`http(s)://`), when the data gives it.
    pub url: Option<String>,
}

/// A whole validated dataset.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Dataset {
    /// Articles.
    pub sources: Vec<Source>,
    /// Companies and bodies.
    #[serde(deserialize_with = "sized")]
    pub entities: Vec<Entity>,
    /// Programs with their funding.
    #[serde(deserialize_with = "sized")]
    pub programs: Vec<Program>,
    /// Entity-program links.
    #[serde(deserialize_with = "sized")]
    pub exposures: Vec<Exposure>,
    /// Dated events.
    #[serde(deserialize_with = "sized")]
    pub catalysts: Vec<Catalyst>,
}

/// A sequence read into a vector made at once at the length the format gives first (the
/// cache's postcard does), up to 256 MiB of it: grown by doubling instead, the last step of
/// a million exposures holds 48 MB and 96 MB at once.
fn sized<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    struct Sized<T>(std::marker::PhantomData<T>);
    impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for Sized<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a sequence")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            // A damaged length asks for no more than this (never touched unless filled).
            let most = (256 << 20) / size_of::<T>().max(1);
            let mut all = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(most));
            while let Some(one) = seq.next_element()? {
                all.push(one);
            }
            Ok(all)
        }
    }
    d.deserialize_seq(Sized(std::marker::PhantomData))
}
