//! The stable JSON schema of the subcommands (documented in the README).

use chrono::NaiveDate;
use serde::Serialize;

use crate::index::Index;
use crate::model::*;

/// `{"currency", "amount", "usd"}`; `usd` is null unless the source states it.
#[derive(Serialize)]
pub struct MoneyJson {
    currency: &'static str,
    amount: f64,
    usd: Option<f64>,
}

impl From<&Money> for MoneyJson {
    fn from(m: &Money) -> Self {
        MoneyJson {
            currency: m.currency.code(),
            amount: m.amount,
            usd: m.usd,
        }
    }
}

/// `{"start", "end", "precision", "label"}` plus `part` (early/mid/late) and `fiscal` (JP/US).
#[derive(Serialize)]
pub struct DateJson {
    start: NaiveDate,
    end: NaiveDate,
    precision: &'static str,
    label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    part: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fiscal: Option<&'static str>,
}

impl From<&When> for DateJson {
    fn from(w: &When) -> Self {
        let (start, end) = w.range();
        DateJson {
            start,
            end,
            precision: w.precision().as_str(),
            label: w.label(),
            part: w.part().map(Part::as_str),
            fiscal: match w {
                When::FiscalYear { calendar, .. } => Some(calendar.prefix()),
                _ => None,
            },
        }
    }
}

/// Where a record came from: `{"kind": "curated"}` or `{"kind": "ingested", "file", "line"}`.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OriginJson<'a> {
    /// Hand-curated.
    Curated,
    /// A company of the securities master (imported, or the shipped universe): no program
    /// exposure, catalyst or source of its own.
    Master,
    /// Extracted from an article.
    Ingested {
        /// Article file.
        file: &'a str,
        /// Line of the mention.
        line: usize,
    },
    /// Accepted into the trader's library.
    Library {
        /// Article file as saved (or `import DIR`).
        article: &'a str,
        /// Line of the finding (0: none).
        line: usize,
        /// Inbox proposal it was accepted from.
        proposal: Option<i64>,
    },
}

impl<'a> From<&'a Origin> for OriginJson<'a> {
    fn from(o: &'a Origin) -> Self {
        match o {
            Origin::Curated => OriginJson::Curated,
            Origin::Ingested(at) => OriginJson::Ingested {
                file: &at.file,
                line: at.line,
            },
            Origin::Library(at) => OriginJson::Library {
                article: &at.article,
                line: at.line,
                proposal: at.proposal,
            },
        }
    }
}

/// One listing.
#[derive(Serialize)]
pub struct ListingJson<'a> {
    symbol: &'a str,
    exchange: &'static str,
}

/// An entity with its primary `symbol` and `exchange` (null when unlisted).
#[derive(Serialize)]
pub struct EntityJson<'a> {
    id: &'a str,
    symbol: Option<&'a str>,
    exchange: Option<&'static str>,
    name: &'a str,
    listed: bool,
    listings: Vec<ListingJson<'a>>,
    aliases: &'a [String],
    country: &'a str,
    sector: &'a str,
    parent: Option<&'a str>,
    summary: &'a str,
    sources: Vec<&'a str>,
    origin: OriginJson<'a>,
}

impl<'a> EntityJson<'a> {
    /// The JSON view of one entity.
    pub fn new(index: &'a Index, id: EntityId) -> Self {
        let e = index.entity(id);
        EntityJson {
            id: &e.id,
            symbol: e.primary().map(|l| l.symbol.as_str()),
            exchange: e.primary().map(|l| l.exchange.code()),
            name: &e.name,
            listed: e.is_listed(),
            listings: e
                .listings
                .iter()
                .map(|l| ListingJson {
                    symbol: &l.symbol,
                    exchange: l.exchange.code(),
                })
                .collect(),
            aliases: &e.aliases,
            country: &e.country,
            sector: &e.sector,
            parent: e.parent.map(|p| index.entity(p).id.as_str()),
            summary: &e.summary,
            sources: source_ids(index, &e.sources),
            origin: if index.from_master(id) {
                OriginJson::Master
            } else {
                (&e.origin).into()
            },
        }
    }
}

fn source_ids<'a>(index: &'a Index, ids: &[SourceId]) -> Vec<&'a str> {
    ids.iter().map(|&s| index.source(s).id.as_str()).collect()
}

/// One funding line; `parent` names the enclosing line of a nested allocation.
#[derive(Serialize)]
pub struct FundingJson<'a> {
    id: &'a str,
    label: &'a str,
    money: MoneyJson,
    kind: &'static str,
    period: Option<[DateJson; 2]>,
    term: Option<&'a str>,
    purpose: &'a str,
    parent: Option<&'a str>,
    depth: usize,
    /// Id of the company whose own money the line is, if it is one's.
    owner: Option<&'a str>,
    /// Whose money, in the words the text and the TUI print: `public`, `private`, `target`
    /// or `9984's own` (see [`Index::funding_kind`]).
    whose: String,
    /// Whether the line is the program's own (public) money, not private money or a target.
    program_money: bool,
    sources: Vec<&'a str>,
}

impl<'a> FundingJson<'a> {
    /// The JSON view of line `line` of `program`.
    pub fn new(index: &'a Index, program: &'a Program, line: usize) -> Self {
        let l = &program.funding[line];
        FundingJson {
            id: &l.id,
            label: &l.label,
            money: (&l.money).into(),
            kind: l.kind.as_str(),
            period: l.period.as_ref().map(|(a, b)| [a.into(), b.into()]),
            term: l.term.as_deref(),
            purpose: &l.purpose,
            parent: l.parent.map(|p| program.funding[p].id.as_str()),
            depth: program.depth(line),
            owner: l.owner.map(|e| index.entity(e).id.as_str()),
            whose: index.funding_kind(l),
            program_money: l.is_program_money(),
            sources: source_ids(index, &l.sources),
        }
    }
}

/// An exposure as seen from its entity: the program, the role, and the lines that concern it.
#[derive(Serialize)]
pub struct ExposureJson<'a> {
    program: &'a str,
    program_name: &'a str,
    entity: &'a str,
    role: &'static str,
    /// `stated` or `inferred`.
    basis: &'static str,
    direction: &'static str,
    funding: Vec<FundingJson<'a>>,
    note: &'a str,
    sources: Vec<&'a str>,
    origin: OriginJson<'a>,
}

impl<'a> ExposureJson<'a> {
    /// The JSON view of one exposure.
    pub fn new(index: &'a Index, x: &'a Exposure) -> Self {
        let program = index.program(x.program);
        ExposureJson {
            program: &program.id,
            program_name: &program.name,
            entity: &index.entity(x.entity).id,
            role: x.role.as_str(),
            basis: x.basis.as_str(),
            direction: x.direction.as_str(),
            funding: x
                .funding
                .iter()
                .map(|&l| FundingJson::new(index, program, l))
                .collect(),
            note: &x.note,
            sources: source_ids(index, &x.sources),
            origin: (&x.origin).into(),
        }
    }
}

/// Why a catalyst is on a ticker's calendar: `{"kind": "direct"}` (it names the ticker) or
/// `{"kind": "program", "program": ID}` (it belongs to a program the ticker is exposed to).
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LinkJson<'a> {
    /// The catalyst names the entity.
    Direct,
    /// Through a program the entity is exposed to.
    Program {
        /// The program's id.
        program: &'a str,
    },
}

impl<'a> LinkJson<'a> {
    /// The JSON view of a link.
    pub fn new(index: &'a Index, link: Link) -> Self {
        match link {
            Link::Direct => LinkJson::Direct,
            Link::Program(p) => LinkJson::Program {
                program: &index.program(p).id,
            },
        }
    }
}

/// A catalyst with its date, countdown from `today` and links.
#[derive(Serialize)]
pub struct CatalystJson<'a> {
    id: &'a str,
    title: &'a str,
    date: DateJson,
    /// Signed days from today to the earliest day (negative once started).
    days_until: i64,
    /// Signed days from today to the last possible day (negative once over).
    days_until_end: i64,
    /// The countdown in the words the text output and the TUI print.
    countdown: String,
    /// `upcoming`, `now` or `past`.
    status: &'static str,
    kind: &'static str,
    program: Option<&'a str>,
    entities: Vec<&'a str>,
    note: &'a str,
    sources: Vec<&'a str>,
    origin: OriginJson<'a>,
    /// With `calendar --ticker`: why the catalyst concerns that ticker.
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<LinkJson<'a>>,
}

impl<'a> CatalystJson<'a> {
    /// The same view, saying why it is on `entity`'s calendar.
    pub fn linked_to(mut self, index: &'a Index, entity: EntityId, id: CatalystId) -> Self {
        self.link = index.link(entity, id).map(|l| LinkJson::new(index, l));
        self
    }

    /// The JSON view of one catalyst relative to `today`.
    pub fn new(index: &'a Index, id: CatalystId, today: NaiveDate) -> Self {
        let c = index.catalyst(id);
        let countdown = c.date.countdown(today);
        CatalystJson {
            id: &c.id,
            title: &c.title,
            date: (&c.date).into(),
            days_until: countdown.days_until,
            days_until_end: countdown.days_until_end,
            countdown: countdown.long(),
            status: countdown.timing().status(),
            kind: c.kind.as_str(),
            program: c.program.map(|p| index.program(p).id.as_str()),
            entities: c
                .entities
                .iter()
                .map(|&e| index.entity(e).display_symbol())
                .collect(),
            note: &c.note,
            sources: source_ids(index, &c.sources),
            origin: (&c.origin).into(),
            link: None,
        }
    }
}

/// A program with all its funding lines and exposed entities.
#[derive(Serialize)]
pub struct ProgramJson<'a> {
    id: &'a str,
    name: &'a str,
    sponsor: &'a str,
    country: &'a str,
    /// The stage on `today` (see `stated_status`).
    status: &'static str,
    /// The stage the sources gave, before dated catalysts moved it on.
    stated_status: &'static str,
    summary: &'a str,
    funding: Vec<FundingJson<'a>>,
    exposures: Vec<ExposureJson<'a>>,
    catalysts: Vec<&'a str>,
    sources: Vec<&'a str>,
    origin: OriginJson<'a>,
}

impl<'a> ProgramJson<'a> {
    /// The JSON view of one program on `today`.
    pub fn new(index: &'a Index, id: ProgramId, today: NaiveDate) -> Self {
        let p = index.program(id);
        ProgramJson {
            id: &p.id,
            name: &p.name,
            sponsor: &p.sponsor,
            country: &p.country,
            status: index.program_status(id, today).as_str(),
            stated_status: p.status.as_str(),
            summary: &p.summary,
            funding: (0..p.funding.len())
                .map(|l| FundingJson::new(index, p, l))
                .collect(),
            exposures: index
                .exposures_to(id)
                .map(|x| ExposureJson::new(index, x))
                .collect(),
            catalysts: index
                .catalysts_of_program(id)
                .iter()
                .map(|&c| index.catalyst(c).id.as_str())
                .collect(),
            sources: source_ids(index, &p.sources),
            origin: (&p.origin).into(),
        }
    }
}

/// A source article.
#[derive(Serialize)]
pub struct SourceJson<'a> {
    id: &'a str,
    file: &'a str,
    title: &'a str,
    publisher: &'a str,
    date: DateJson,
    url: Option<&'a str>,
}

impl<'a> From<&'a Source> for SourceJson<'a> {
    fn from(s: &'a Source) -> Self {
        SourceJson {
            id: &s.id,
            file: &s.file,
            title: &s.title,
            publisher: &s.publisher,
            date: (&s.date).into(),
            url: s.url.as_deref(),
        }
    }
}

/// `show --json`: the entity, its exposures, its catalysts and the sources cited.
#[derive(Serialize)]
pub struct ShowJson<'a> {
    /// Day the countdowns are computed from.
    pub today: NaiveDate,
    /// The entity.
    pub entity: EntityJson<'a>,
    /// Its exposures.
    pub exposures: Vec<ExposureJson<'a>>,
    /// Its catalysts and its programs', by date.
    pub catalysts: Vec<CatalystJson<'a>>,
    /// Id of the first catalyst not yet over, if any.
    pub next_catalyst: Option<&'a str>,
    /// Every source cited by the above.
    pub sources: Vec<SourceJson<'a>>,
}

/// Writes `value` as pretty JSON and a newline, with every character that must not reach a
/// terminal ([`crate::text::is_unsafe`]) escaped as `\uXXXX` (serde_json escapes only C0
/// controls): `cat` of aipx's JSON is as safe as its text, and parsers read the same string.
pub fn write(out: &mut dyn std::io::Write, value: &impl Serialize) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, SafeFormatter::default());
    value.serialize(&mut ser)?;
    writeln!(out)
}

/// serde_json's pretty formatter with string fragments escaped as [`write`] says.
#[derive(Default)]
struct SafeFormatter(serde_json::ser::PrettyFormatter<'static>);

/// Forwards the layout calls to the pretty formatter.
macro_rules! pretty {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $name<W: ?Sized + std::io::Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> std::io::Result<()> {
            self.0.$name(w $(, $arg)*)
        }
    )*};
}

impl serde_json::ser::Formatter for SafeFormatter {
    pretty! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        begin_object_value();
        end_object_value();
    }

    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        write_escaped(w, fragment)
    }

    /// Stored JSON written as it is ([`serde_json::value::RawValue`]), escaped the same way:
    /// in valid JSON an unsafe character can only stand inside a string (C0 controls are
    /// escaped already, and no whitespace outside strings is one), where `\uXXXX` means
    /// the same character.
    fn write_raw_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        write_escaped(w, fragment)
    }
}

/// Writes `text` with every unsafe character as `\uXXXX`.
fn write_escaped<W: ?Sized + std::io::Write>(w: &mut W, text: &str) -> std::io::Result<()> {
    let mut rest = text;
    while let Some((at, c)) = crate::text::next_unsafe(rest) {
        w.write_all(&rest.as_bytes()[..at])?;
        write!(w, "\\u{:04x}", u32::from(c))?;
        rest = &rest[at + c.len_utf8()..];
    }
    w.write_all(rest.as_bytes())
}

#[cfg(test)]
mod tests {
    #[test]
    fn stored_json_is_escaped_like_the_rest() {
        #[derive(serde::Serialize)]
        struct Wrap {
            record: Box<serde_json::value::RawValue>,
        }
        let stored =
            serde_json::to_string(&serde_json::json!({"t": "a\u{1b}]0;x\u{7}\u{9b}\u{202e}b"}))
                .unwrap();
        // serde_json escapes C0 only: C1 and bidi stand raw in the stored text.
        assert!(stored.contains('\u{9b}') && stored.contains('\u{202e}'));
        let value = Wrap {
            record: serde_json::value::RawValue::from_string(stored.clone()).unwrap(),
        };
        let mut out = Vec::new();
        super::write(&mut out, &value).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.chars()
                .all(|c| c == '\n' || !crate::text::is_unsafe(c)),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            back["record"],
            serde_json::from_str::<serde_json::Value>(&stored).unwrap()
        );
    }

    #[test]
    fn json_escapes_what_a_terminal_would_obey() {
        let mut out = Vec::new();
        let value = serde_json::json!({"t": "a\u{1b}[31m\u{9b}2J\u{7f}\u{202e}b", "n": [1, "ok"]});
        super::write(&mut out, &value).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains(r#""a\u001b[31m\u009b2J\u007f\u202eb""#),
            "{text}"
        );
        assert!(
            text.chars()
                .all(|c| c == '\n' || !crate::text::is_unsafe(c))
        );
        // Still pretty, and parses back to the same strings.
        assert!(text.contains("\n  \"n\": [\n    1,"), "{text}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            value
        );
    }
}
