//! The trader's library: articles saved with `aipx ingest --save`, what was found in them, the
//! review inbox of proposals and the records accepted from it, in one SQLite file.
//!
//! Why SQLite (through rusqlite's bundled build): every save, accept and import is one
//! transaction, so a process killed at any moment leaves whole articles or none; WAL mode
//! lets readers go on while one writer commits, and `busy_timeout` makes a second writer wait
//! its turn instead of failing; a damaged file is detected by SQLite itself (`quick_check`).
//! The schema is versioned in [`schema`], with migrations applied in order.
//!
//! Modules: [`schema`] (tables, migrations), [`record`] (records as the data files write
//! them), [`save`] (articles in), [`inbox`] (proposals, accept, reject, undo), [`merge`]
//! (accepted records into a [`Dataset`](crate::model::Dataset)), [`changes`] (what changed),
//! [`files`] (export and import as TOML).

pub mod changes;
pub mod commands;
pub mod files;
pub mod inbox;
pub mod merge;
pub mod record;
pub mod save;
pub mod schema;

pub use commands::Checked;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

/// File name of the store inside the data folder.
pub const FILE_NAME: &str = "library.sqlite3";

/// How long a writer waits for another one to finish before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Why the library could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// The file is not a library aipx can read; it is left as it is.
    #[error(
        "{path}: the library is damaged ({detail}); it was left untouched: move it away to start a new one, or restore a copy"
    )]
    Damaged {
        /// The store.
        path: String,
        /// What SQLite or aipx found.
        detail: String,
    },
    /// Written by a newer aipx.
    #[error("{path}: library schema version {found} is newer than this aipx reads ({supported})")]
    TooNew {
        /// The store.
        path: String,
        /// Version in the file.
        found: i64,
        /// Newest version this build knows.
        supported: i64,
    },
    /// The folder or file could not be opened or written.
    #[error("{path}: {detail}")]
    Io {
        /// The store or its folder.
        path: String,
        /// What went wrong.
        detail: String,
    },
    /// A request the library cannot carry out (unknown proposal, bad role...).
    #[error("{0}")]
    Invalid(String),
    /// No such proposal.
    #[error("no proposal {0} in the inbox (see `aipx inbox`)")]
    NoProposal(String),
}

/// Where the library lives: `$XDG_DATA_HOME/aipx/library.sqlite3`, else
/// `~/.local/share/aipx/library.sqlite3` (beside the watchlists); `None` when neither
/// variable is set.
pub fn default_path() -> Option<PathBuf> {
    Some(crate::dirs::data_dir()?.join(FILE_NAME))
}

/// An open library.
pub struct Library {
    conn: Connection,
    path: PathBuf,
}

impl Library {
    /// Opens the library at `path`, creating it (and its folder) when missing.
    pub fn open_or_create(path: &Path) -> Result<Library, LibraryError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| LibraryError::Io {
                path: dir.display().to_string(),
                detail: format!("cannot create the library folder: {e}"),
            })?;
        }
        Library::open_at(path)
    }

    /// Opens the library at `path` if there is one.
    pub fn open_existing(path: &Path) -> Result<Option<Library>, LibraryError> {
        if !path.exists() {
            return Ok(None);
        }
        Library::open_at(path).map(Some)
    }

    fn open_at(path: &Path) -> Result<Library, LibraryError> {
        let shown = path.display().to_string();
        let conn = Connection::open(path).map_err(|e| LibraryError::Io {
            path: shown.clone(),
            detail: format!("cannot open: {e}"),
        })?;
        let mut lib = Library {
            conn,
            path: path.to_path_buf(),
        };
        retry_busy(BUSY_TIMEOUT, || lib.configure()).map_err(|e| lib.damaged(e))?;
        schema::migrate(&mut lib)?;
        Ok(lib)
    }

    fn configure(&self) -> rusqlite::Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // WAL: readers never block the writer; NORMAL syncs at checkpoints, so a kill -9
        // never loses a commit (only a power cut may lose the last ones, never corrupting).
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(rusqlite::Error::InvalidQuery);
        }
        self.conn.execute_batch(
            "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA trusted_schema=OFF;",
        )
    }

    /// Waits at most `wait` for another writer instead of [`BUSY_TIMEOUT`] (the TUI, which
    /// must not hang, says "busy" sooner).
    pub fn set_busy_timeout(&mut self, wait: Duration) -> Result<(), LibraryError> {
        self.conn.busy_timeout(wait).map_err(|e| self.damaged(e))
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for this module's parts.
    pub(crate) fn conn(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Maps an SQLite failure to a library error: a file SQLite cannot read is damaged; a
    /// busy store or a full disk is an I/O problem.
    pub(crate) fn damaged(&self, e: rusqlite::Error) -> LibraryError {
        sql_error(&self.path, e)
    }

    /// Checks that every article is whole: as many findings as it recorded, every proposal
    /// on a finding that exists. Returns what is wrong, one line each.
    pub fn integrity(&mut self) -> Result<Vec<String>, LibraryError> {
        let path = self.path.clone();
        let err = |e| sql_error(&path, e);
        let mut problems = Vec::new();
        let mut st = self
            .conn
            .prepare(
                "SELECT a.file, a.findings, (SELECT count(*) FROM findings f WHERE f.article = a.hash)
                 FROM articles a",
            )
            .map_err(err)?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .map_err(err)?;
        for row in rows {
            let (file, want, have) = row.map_err(err)?;
            if want != have {
                problems.push(format!(
                    "article {file}: {have} of its {want} findings stored"
                ));
            }
        }
        let orphans: i64 = self
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM findings f WHERE NOT EXISTS
                           (SELECT 1 FROM articles a WHERE a.hash = f.article))
                      + (SELECT count(*) FROM proposals p WHERE NOT EXISTS
                           (SELECT 1 FROM findings f WHERE f.id = p.finding))",
                [],
                |r| r.get(0),
            )
            .map_err(err)?;
        if orphans > 0 {
            problems.push(format!(
                "{orphans} finding(s) or proposal(s) without their article"
            ));
        }
        Ok(problems)
    }

    /// How many articles, pending proposals and accepted records the library holds.
    pub fn counts(&mut self) -> Result<(i64, i64, i64), LibraryError> {
        let path = self.path.clone();
        self.conn
            .query_row(
                "SELECT (SELECT count(*) FROM articles),
                        (SELECT count(*) FROM proposals WHERE status = 'pending'),
                        (SELECT count(*) FROM records)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|e| sql_error(&path, e))
    }

    /// Runs SQLite's own consistency check; `Ok(())` when the file is sound.
    pub fn quick_check(&mut self) -> Result<(), LibraryError> {
        let path = self.path.clone();
        let rows: Vec<String> = (|| {
            let mut st = self.conn.prepare("PRAGMA quick_check")?;
            let rows = st.query_map([], |r| r.get::<_, String>(0))?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
        })()
        .map_err(|e| sql_error(&path, e))?;
        if rows.len() == 1 && rows[0] == "ok" {
            Ok(())
        } else {
            Err(LibraryError::Damaged {
                path: path.display().to_string(),
                detail: rows.join("; "),
            })
        }
    }
}

/// Maps an SQLite failure on `path` to a library error.
pub(crate) fn sql_error(path: &Path, e: rusqlite::Error) -> LibraryError {
    use rusqlite::ErrorCode::*;
    let shown = path.display().to_string();
    let code = e.sqlite_error_code();
    match code {
        Some(NotADatabase | DatabaseCorrupt) => LibraryError::Damaged {
            path: shown,
            detail: e.to_string(),
        },
        _ => LibraryError::Io {
            path: shown,
            detail: e.to_string(),
        },
    }
}

/// Begins a write transaction (`BEGIN IMMEDIATE`) on `conn`, waiting while another process
/// writes (see [`retry_busy`]) for as long as the connection's busy timeout says (the TUI
/// sets a short one, [`Library::set_busy_timeout`], so it never hangs).
pub(crate) fn begin_write(conn: &Connection) -> rusqlite::Result<rusqlite::Transaction<'_>> {
    // Without a busy timeout (0: SQLite's handler off) the default wait still applies.
    let wait = conn
        .query_row("PRAGMA busy_timeout", [], |r| r.get::<_, i64>(0))
        .ok()
        .filter(|ms| *ms > 0)
        .map_or(BUSY_TIMEOUT, |ms| Duration::from_millis(ms as u64));
    retry_busy(wait, || {
        rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)
    })
}

/// Runs `step` until SQLite stops answering busy or locked, backing off up to 50 ms, for at
/// most `wait`. `busy_timeout` covers most waits, but SQLite answers `SQLITE_BUSY`
/// at once in some: another connection recovering or checkpointing the WAL as it closes, or
/// switching a new file to WAL.
fn retry_busy<T>(
    wait: Duration,
    mut step: impl FnMut() -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked};
    let deadline = std::time::Instant::now() + wait;
    let mut pause = Duration::from_millis(1);
    loop {
        match step() {
            Err(e)
                if matches!(e.sqlite_error_code(), Some(DatabaseBusy | DatabaseLocked))
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            done => return done,
        }
    }
}

/// Now, as stored in the library: UTC, to the second, RFC 3339.
pub(crate) fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SQLite's busy handler switched off (`busy_timeout(0)`), as it is in effect in the
    /// cases it answers busy at once: the writer still gets in once the other one is done.
    #[test]
    fn a_write_that_is_answered_busy_is_retried() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite3");
        let holder = Connection::open(&path).unwrap();
        holder
            .execute_batch("PRAGMA journal_mode=WAL; CREATE TABLE t (x); BEGIN IMMEDIATE;")
            .unwrap();
        let waiter = Connection::open(&path).unwrap();
        waiter.busy_timeout(Duration::ZERO).unwrap();
        let busy =
            rusqlite::Transaction::new_unchecked(&waiter, rusqlite::TransactionBehavior::Immediate)
                .map(drop)
                .unwrap_err();
        assert_eq!(
            busy.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy)
        );
        let release = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(200));
            holder
                .execute_batch("INSERT INTO t VALUES (1); COMMIT;")
                .unwrap();
        });
        let tx = begin_write(&waiter).unwrap();
        tx.execute("INSERT INTO t VALUES (2)", []).unwrap();
        tx.commit().unwrap();
        release.join().unwrap();
        let n: i64 = waiter
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 2);
    }
}
