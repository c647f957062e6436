//! The library's tables and their versions. `schema_version` holds the version of the
//! tables; [`MIGRATIONS`] lists the steps from an empty file to the current version, each
//! applied once, in order, in one transaction with the version bump. A file written by a newer
//! aipx is refused, never downgraded.

use rusqlite::OptionalExtension;

use super::{Library, LibraryError};

/// Version 1: articles, their findings, proposals, accepted records and the change log.
const V1: &str = r#"
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- One row per saved article, keyed by the hash of its bytes (the same text saved twice is
-- stored once). `findings` is how many rows it has in `findings`: a check that it is whole.
CREATE TABLE articles (
    hash TEXT PRIMARY KEY,
    file TEXT NOT NULL,
    title TEXT,
    as_of TEXT NOT NULL,
    as_of_source TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    findings INTEGER NOT NULL,
    saved_at TEXT NOT NULL
);
-- Everything ingest found: kind (entity, money, catalyst, program, link), line, matched text,
-- and the rest as JSON.
CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    article TEXT NOT NULL REFERENCES articles(hash),
    kind TEXT NOT NULL,
    line INTEGER NOT NULL,
    text TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX findings_article ON findings(article);
-- What the inbox offers. `nkey` names what is proposed (a date and its names, a listing, a
-- pair): a proposal already decided is never offered again, whichever article brings it.
CREATE TABLE proposals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    finding INTEGER NOT NULL REFERENCES findings(id),
    kind TEXT NOT NULL,
    nkey TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'accepted', 'rejected')),
    record TEXT NOT NULL,
    decided_at TEXT
);
CREATE INDEX proposals_status ON proposals(status, id);
-- Records that join the dataset, in the data files' shape (JSON), with where they came from.
CREATE TABLE records (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    record TEXT NOT NULL,
    proposal INTEGER REFERENCES proposals(id),
    article TEXT NOT NULL,
    line INTEGER NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    change TEXT NOT NULL CHECK (change IN ('added', 'changed', 'removed')),
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    tickers TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT
);
CREATE INDEX changes_at ON changes(at);
"#;

/// Steps from version 0 (an empty file) to the current version; step `i` makes version `i + 1`.
pub const MIGRATIONS: &[&str] = &[V1];

/// The version this build writes.
pub fn current() -> i64 {
    MIGRATIONS.len() as i64
}

/// Version of the open file: 0 for a new, empty file.
fn version(conn: &rusqlite::Connection) -> rusqlite::Result<Option<i64>> {
    let has_table = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
            [],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if has_table {
        return conn.query_row("SELECT max(version) FROM schema_version", [], |r| r.get(0));
    }
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    // Tables but no version: some other program's database, not ours to change.
    Ok((tables == 0).then_some(0))
}

/// Brings the file up to [`current`], or refuses it.
pub(super) fn migrate(lib: &mut Library) -> Result<(), LibraryError> {
    let shown = lib.path().display().to_string();
    let foreign = || LibraryError::Damaged {
        path: shown.clone(),
        detail: "not an aipx library: it has tables but no schema_version".into(),
    };
    let found = version(lib.conn()).map_err(|e| lib.damaged(e))?;
    match found {
        None => return Err(foreign()),
        Some(v) if v == current() => return Ok(()),
        Some(v) if v > current() => {
            return Err(LibraryError::TooNew {
                path: shown,
                found: v,
                supported: current(),
            });
        }
        Some(_) => {}
    }
    let path = lib.path().to_path_buf();
    let err = |e| super::sql_error(&path, e);
    let tx = super::begin_write(lib.conn()).map_err(err)?;
    // Another process may have migrated while this one waited for the lock.
    let from = match version(&tx).map_err(err)? {
        Some(v) => v,
        None => return Err(foreign()),
    };
    if from > current() {
        return Err(LibraryError::TooNew {
            path: shown,
            found: from,
            supported: current(),
        });
    }
    if from == 0 {
        tx.execute_batch("CREATE TABLE schema_version (version INTEGER NOT NULL);")
            .map_err(err)?;
    }
    for step in &MIGRATIONS[from as usize..] {
        tx.execute_batch(step).map_err(err)?;
    }
    tx.execute("DELETE FROM schema_version", []).map_err(err)?;
    tx.execute("INSERT INTO schema_version VALUES (?1)", [current()])
        .map_err(err)?;
    tx.commit().map_err(err)
}
