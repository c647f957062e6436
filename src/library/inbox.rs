//! The review inbox: proposals made from saved articles, and accepting, rejecting or undoing
//! them. A decision is one transaction with its records and its line in the change log.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::record::Record;
use super::{Library, LibraryError};
use crate::model::{CatalystKind, Dataset, Direction, FundingKind, Role, When};

/// One proposal with the finding it comes from; `R` is its record, decoded ([`Record`]) or
/// as stored ([`ProposalJson`]).
#[derive(Debug, Clone, Serialize)]
pub struct Proposal<R = Record> {
    /// Its number, what `aipx inbox accept ID` takes.
    pub id: i64,
    /// `catalyst`, `link`, `money` or `entity`.
    pub kind: String,
    /// `pending`, `accepted` or `rejected`.
    pub status: String,
    /// Article file, as it was saved.
    pub article: String,
    /// Headline of the article.
    pub title: Option<String>,
    /// The article's date, which relative dates were read against.
    pub as_of: String,
    /// How that date was decided: `date line`, `--as-of` or `file time`.
    pub as_of_source: String,
    /// 1-based line of the finding.
    pub line: i64,
    /// Matched text (for a link, the sentence that links the two).
    pub text: String,
    /// The record accepting it adds, in the data files' shape; `null` fields are for the
    /// reviewer to choose.
    pub record: R,
}

/// A proposal as `inbox --json` lists it: its record written as the library stores it (JSON
/// made when the article was saved), checked to be JSON but never decoded and encoded again,
/// which made listing 10,000 proposals slow. The JSON writer still escapes it as it escapes
/// everything ([`crate::report::json::write`]).
pub type ProposalJson = Proposal<Box<serde_json::value::RawValue>>;

/// What the reviewer chooses when accepting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    /// Role of a link.
    pub role: Option<String>,
    /// Direction of a link.
    pub direction: Option<String>,
    /// Program of a link, money line or catalyst.
    pub program: Option<String>,
    /// Date of a catalyst, in the data syntax (`2026-Q3`, `early 2026-06`).
    pub date: Option<String>,
    /// Kind of a money line: public, private or target.
    pub kind: Option<String>,
    /// A program to create for a link or money line that names one the data lacks: its
    /// name (the id is made from it).
    pub new_program: Option<String>,
}

/// The id a new program named `name` gets: `lib-` and its words in lower case joined by
/// `-` (letters and digits of any script kept).
pub fn program_id(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    format!("lib-{}", words.join("-"))
}

/// The program record accepting a proposal with `--new-program NAME` creates, sourced to
/// the proposal's article.
fn new_program(
    name: &str,
    record: &Record,
    data: &Dataset,
    accepted: &[Record],
) -> Result<Record, LibraryError> {
    let name = name.trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(LibraryError::Invalid(
            "--new-program needs a name (letters, digits, spaces)".into(),
        ));
    }
    let id = program_id(name);
    if id == "lib-" {
        return Err(LibraryError::Invalid(
            "--new-program needs a name with letters or digits".into(),
        ));
    }
    let taken = data
        .programs
        .iter()
        .find(|p| p.id == id || p.name.eq_ignore_ascii_case(name));
    if let Some(p) = taken {
        return Err(LibraryError::Invalid(format!(
            "program {:?} exists already: use --program {}",
            crate::text::sanitize(&p.name),
            p.id
        )));
    }
    // The data wants a country: the linked company's, else the money's single-country
    // currency's, else `XX` (ISO 3166's code for "unknown"); the summary says which.
    let (country, from) = match record {
        // The company may be accepted with the link, in this transaction.
        Record::Exposure { entity, .. } => data
            .entities
            .iter()
            .find(|e| &e.id == entity)
            .map(|e| e.country.clone())
            .or_else(|| {
                accepted.iter().find_map(|r| match r {
                    Record::Entity { id, country, .. } if id == entity => Some(country.clone()),
                    _ => None,
                })
            })
            .map(|c| (c, "the linked company's country")),
        Record::Funding { money, .. } => {
            currency_country(money.currency.code()).map(|c| (c.to_string(), "the money's currency"))
        }
        _ => None,
    }
    .unwrap_or(("XX".to_string(), "country not stated"));
    Ok(Record::Program {
        id,
        name: name.to_string(),
        sponsor: "not stated".into(),
        country,
        status: "announced".into(),
        summary: format!(
            "Created from your library's inbox ({from}); sponsor and status not yet stated."
        ),
        sources: record.sources().to_vec(),
    })
}

/// The country of a currency only one country issues.
fn currency_country(code: &str) -> Option<&'static str> {
    Some(match code {
        "JPY" => "JP",
        "USD" => "US",
        "KRW" => "KR",
        "TWD" => "TW",
        "CNY" => "CN",
        "INR" => "IN",
        "GBP" => "GB",
        "CAD" => "CA",
        "AUD" => "AU",
        "SGD" => "SG",
        "HKD" => "HK",
        "MYR" => "MY",
        _ => return None,
    })
}

const SELECT: &str = "SELECT p.id, p.kind, p.status, a.file, a.title, a.as_of, a.as_of_source,
        f.line, f.text, p.record, a.hash
    FROM proposals p JOIN findings f ON f.id = p.finding JOIN articles a ON a.hash = f.article";

/// A row of [`SELECT`]: the proposal, its record made by `record` from the stored JSON,
/// and its article's hash.
fn row_with<R, E>(
    r: &rusqlite::Row<'_>,
    record: impl Fn(String) -> Result<R, E>,
) -> rusqlite::Result<(Proposal<R>, String)>
where
    E: std::error::Error + Send + Sync + 'static,
{
    let record = record(r.get(9)?).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(9, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok((
        Proposal {
            id: r.get(0)?,
            kind: r.get(1)?,
            status: r.get(2)?,
            article: r.get(3)?,
            title: r.get(4)?,
            as_of: r.get(5)?,
            as_of_source: r.get(6)?,
            line: r.get(7)?,
            text: r.get(8)?,
            record,
        },
        r.get(10)?,
    ))
}

/// A row of [`SELECT`] with its record decoded.
fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Proposal, String)> {
    row_with(r, |json| serde_json::from_str::<Record>(&json))
}

/// Reads a proposal number as typed.
pub fn parse_id(text: &str) -> Result<i64, LibraryError> {
    let t = text.trim().trim_start_matches('#');
    t.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
        LibraryError::Invalid(format!(
            "{:?} is not a proposal number (see `aipx inbox`)",
            crate::text::sanitize(text)
        ))
    })
}

fn words<T: Copy + std::fmt::Display>(all: &[T]) -> String {
    all.iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn choose<T: Copy + std::fmt::Display>(
    what: &str,
    given: Option<&str>,
    proposed: Option<&str>,
    parse: fn(&str) -> Option<T>,
    all: &[T],
    flag: &str,
) -> Result<String, LibraryError> {
    let Some(text) = given.or(proposed) else {
        return Err(LibraryError::Invalid(format!(
            "choose a {what} with {flag} (one of: {})",
            words(all)
        )));
    };
    parse(text).map(|v| v.to_string()).ok_or_else(|| {
        LibraryError::Invalid(format!(
            "unknown {what} {:?}; one of: {}",
            crate::text::sanitize(text),
            words(all)
        ))
    })
}

fn known_program(
    data: &Dataset,
    given: Option<&str>,
    proposed: Option<&str>,
    required: bool,
) -> Result<Option<String>, LibraryError> {
    let Some(id) = given.or(proposed) else {
        if required {
            return Err(LibraryError::Invalid(
                "choose a program with --program ID (see `aipx programs`)".into(),
            ));
        }
        return Ok(None);
    };
    if data.programs.iter().any(|p| p.id == id) {
        Ok(Some(id.to_string()))
    } else {
        Err(LibraryError::Invalid(format!(
            "unknown program {:?} (see `aipx programs`)",
            crate::text::sanitize(id)
        )))
    }
}

/// The record as accepted: the reviewer's choices applied and checked.
pub fn finish(record: &Record, c: &Choices, data: &Dataset) -> Result<Record, LibraryError> {
    let not_for = |flag: &str, kind: &str| {
        LibraryError::Invalid(format!("{flag} does not apply to {kind} proposals"))
    };
    let kind = record.proposal_kind();
    if c.role.is_some() && kind != "link" {
        return Err(not_for("--role", kind));
    }
    if c.direction.is_some() && kind != "link" {
        return Err(not_for("--direction", kind));
    }
    if c.date.is_some() && kind != "catalyst" {
        return Err(not_for("--date", kind));
    }
    if c.kind.is_some() && kind != "money" {
        return Err(not_for("--kind", kind));
    }
    if c.program.is_some() && kind == "entity" {
        return Err(not_for("--program", kind));
    }
    if c.new_program.is_some() && !matches!(kind, "link" | "money") {
        return Err(not_for("--new-program", kind));
    }
    if c.new_program.is_some() && c.program.is_some() {
        return Err(LibraryError::Invalid(
            "--program and --new-program: choose one".into(),
        ));
    }
    // A program created with the record is known to it, not to the dataset.
    let created = c.new_program.as_deref().map(program_id);
    let program = |given: Option<&str>, proposed: Option<&str>, required: bool| match &created {
        Some(id) => Ok(Some(id.clone())),
        None => known_program(data, given, proposed, required),
    };
    let mut out = record.clone();
    match &mut out {
        Record::Exposure {
            program: p,
            role,
            direction,
            ..
        } => {
            *p = program(c.program.as_deref(), Some(p), true)?.unwrap_or_default();
            *role = Some(choose(
                "role",
                c.role.as_deref(),
                role.as_deref(),
                Role::parse,
                Role::ALL,
                "--role",
            )?);
            *direction = Some(choose(
                "direction",
                c.direction.as_deref(),
                direction.as_deref(),
                Direction::parse,
                Direction::ALL,
                "--direction",
            )?);
        }
        Record::Funding {
            program: p,
            kind: k,
            purpose,
            ..
        } => {
            *p = program(c.program.as_deref(), p.as_deref(), true)?;
            // Proposals saved before kinds were inferred get one from their sentence too.
            let inferred = k
                .clone()
                .or_else(|| crate::ingest::merge::funding_kind_of(purpose).map(|k| k.to_string()));
            *k = Some(choose(
                "money kind",
                c.kind.as_deref(),
                inferred.as_deref(),
                FundingKind::parse,
                FundingKind::ALL,
                "--kind",
            )?);
        }
        Record::Catalyst {
            program: p,
            date,
            kind,
            ..
        } => {
            *p = program(c.program.as_deref(), p.as_deref(), false)?;
            if let Some(d) = &c.date {
                let when: When = d
                    .parse()
                    .map_err(|e: crate::model::WhenError| LibraryError::Invalid(e.to_string()))?;
                *date = when.to_string();
            }
            if CatalystKind::parse(kind).is_none() {
                *kind = CatalystKind::Target.as_str().to_string();
            }
        }
        _ => {}
    }
    Ok(out)
}

/// Adds or replaces a record and logs it (sources are not logged); returns `added` or
/// `changed`, or `None` when the same record was there already.
pub(super) fn put(
    tx: &Transaction<'_>,
    record: &Record,
    proposal: Option<i64>,
    article: &str,
    line: i64,
) -> rusqlite::Result<Option<&'static str>> {
    let key = record.key();
    let json = serde_json::to_string(record).expect("records serialise");
    let old: Option<String> = tx
        .query_row("SELECT record FROM records WHERE key = ?1", [&key], |r| {
            r.get(0)
        })
        .optional()?;
    if old.as_deref() == Some(json.as_str()) {
        return Ok(None);
    }
    tx.execute(
        "INSERT INTO records (key, record, proposal, article, line, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(key) DO UPDATE SET record = excluded.record, proposal = excluded.proposal,
             article = excluded.article, line = excluded.line, added_at = excluded.added_at",
        params![key, json, proposal, article, line, super::now()],
    )?;
    let change = if old.is_some() { "changed" } else { "added" };
    if !matches!(record, Record::Source { .. }) {
        super::changes::log(tx, change, record)?;
    }
    Ok(Some(change))
}

impl Library {
    /// Proposals, oldest first: the pending ones, or all of them.
    pub fn proposals(&mut self, all: bool) -> Result<Vec<Proposal>, LibraryError> {
        self.list(all, |json| serde_json::from_str::<Record>(&json))
    }

    /// Proposals as [`Library::proposals`] lists them, for `inbox --json`: records as stored.
    pub fn proposals_json(&mut self, all: bool) -> Result<Vec<ProposalJson>, LibraryError> {
        self.list(all, serde_json::value::RawValue::from_string)
    }

    /// Proposals, oldest first (the pending ones, or all), their records made by `record`.
    fn list<R, E>(
        &mut self,
        all: bool,
        record: impl Fn(String) -> Result<R, E>,
    ) -> Result<Vec<Proposal<R>>, LibraryError>
    where
        E: std::error::Error + Send + Sync + 'static,
    {
        let path = self.path().to_path_buf();
        let err = |e| super::sql_error(&path, e);
        let filter = if all {
            ""
        } else {
            "WHERE p.status = 'pending'"
        };
        let sql = format!("{SELECT} {filter} ORDER BY p.id");
        let mut st = self.conn().prepare(&sql).map_err(err)?;
        let rows = st
            .query_map([], |r| row_with(r, &record).map(|(p, _)| p))
            .map_err(err)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(err)
    }

    /// One proposal, whatever its status.
    pub fn proposal(&mut self, id: i64) -> Result<Proposal, LibraryError> {
        let path = self.path().to_path_buf();
        let sql = format!("{SELECT} WHERE p.id = ?1");
        self.conn()
            .query_row(&sql, [id], row)
            .optional()
            .map_err(|e| super::sql_error(&path, e))?
            .map(|(p, _)| p)
            .ok_or_else(|| LibraryError::NoProposal(id.to_string()))
    }

    /// Accepts proposal `id` with the reviewer's `choices`, checked against `data` (the
    /// dataset with the library merged). Companies it names that are still proposals are
    /// accepted with it. Returns the records added.
    pub fn accept(
        &mut self,
        id: i64,
        choices: &Choices,
        data: &Dataset,
    ) -> Result<Vec<Record>, LibraryError> {
        let path = self.path().to_path_buf();
        let err = |e| super::sql_error(&path, e);
        let tx = super::begin_write(self.conn()).map_err(err)?;
        let sql = format!("{SELECT} WHERE p.id = ?1");
        let (p, hash) = tx
            .query_row(&sql, [id], row)
            .optional()
            .map_err(err)?
            .ok_or_else(|| LibraryError::NoProposal(id.to_string()))?;
        if p.status != "pending" {
            return Err(LibraryError::Invalid(format!(
                "proposal {id} is already {}; `aipx inbox undo {id}` first",
                p.status
            )));
        }
        let mut record = finish(&p.record, choices, data)?;
        let mut added = Vec::new();
        // Companies the record names that neither the dataset nor the library has yet.
        let mut missing: Vec<String> = record
            .entities()
            .into_iter()
            .filter(|e| !data.entities.iter().any(|x| &x.id == e))
            .collect();
        if matches!(record, Record::Entity { .. }) {
            missing.clear();
        }
        for entity in missing {
            let pending = tx
                .query_row(
                    &format!("{SELECT} WHERE p.nkey = ?1 AND p.status = 'pending'"),
                    [format!("entity:{entity}")],
                    row,
                )
                .optional()
                .map_err(err)?;
            if let Some((e, ehash)) = pending {
                accept_row(&tx, &e, &e.record, &ehash).map_err(err)?;
                added.push(e.record);
                continue;
            }
            match &mut record {
                Record::Catalyst { entities, .. } => entities.retain(|x| x != &entity),
                _ => {
                    return Err(LibraryError::Invalid(format!(
                        "{entity} is not in the dataset and its proposal was rejected; undo that first"
                    )));
                }
            }
        }
        if let Some(name) = &choices.new_program {
            // Made with the record it serves, so undoing the proposal removes it too.
            let program = new_program(name, &record, data, &added)?;
            put(&tx, &program, Some(p.id), &p.article, p.line).map_err(err)?;
            added.insert(0, program);
        }
        accept_row(&tx, &p, &record, &hash).map_err(err)?;
        added.push(record);
        tx.commit().map_err(err)?;
        Ok(added)
    }

    /// Rejects proposal `id`: it is remembered, and saving an article again does not bring
    /// it back.
    pub fn reject(&mut self, id: i64) -> Result<(), LibraryError> {
        self.decide(id, "rejected")
    }

    /// Puts a decided proposal back in the inbox, removing what accepting it added.
    pub fn undo(&mut self, id: i64) -> Result<(), LibraryError> {
        self.decide(id, "pending")
    }

    fn decide(&mut self, id: i64, to: &str) -> Result<(), LibraryError> {
        let path = self.path().to_path_buf();
        let err = |e| super::sql_error(&path, e);
        let tx = super::begin_write(self.conn()).map_err(err)?;
        let status: String = tx
            .query_row("SELECT status FROM proposals WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(err)?
            .ok_or_else(|| LibraryError::NoProposal(id.to_string()))?;
        match (status.as_str(), to) {
            ("pending", "rejected") | ("accepted" | "rejected", "pending") => {}
            ("pending", _) => {
                return Err(LibraryError::Invalid(format!(
                    "proposal {id} is pending: nothing to undo"
                )));
            }
            (s, _) => {
                return Err(LibraryError::Invalid(format!(
                    "proposal {id} is already {s}; `aipx inbox undo {id}` first"
                )));
            }
        }
        if status == "accepted" {
            remove_records(&tx, id).map_err(err)?;
        }
        let at = (to != "pending").then(super::now);
        tx.execute(
            "UPDATE proposals SET status = ?1, decided_at = ?2 WHERE id = ?3",
            params![to, at, id],
        )
        .map_err(err)?;
        tx.commit().map_err(err)
    }
}

fn accept_row(
    tx: &Transaction<'_>,
    p: &Proposal,
    record: &Record,
    hash: &str,
) -> rusqlite::Result<()> {
    let as_of =
        chrono::NaiveDate::parse_from_str(&p.as_of, "%Y-%m-%d").unwrap_or(chrono::NaiveDate::MIN);
    let source = super::save::source_record(hash, &p.article, p.title.as_deref(), as_of);
    put(tx, &source, None, &p.article, 0)?;
    put(tx, record, Some(p.id), &p.article, p.line)?;
    tx.execute(
        "UPDATE proposals SET status = 'accepted', decided_at = ?1 WHERE id = ?2",
        params![super::now(), p.id],
    )?;
    Ok(())
}

fn remove_records(tx: &Transaction<'_>, proposal: i64) -> rusqlite::Result<()> {
    let mut st = tx.prepare("SELECT record FROM records WHERE proposal = ?1")?;
    let gone: Vec<String> = st
        .query_map([proposal], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for json in gone {
        if let Ok(record) = serde_json::from_str::<Record>(&json) {
            super::changes::log(tx, "removed", &record)?;
        }
    }
    tx.execute("DELETE FROM records WHERE proposal = ?1", [proposal])?;
    Ok(())
}
