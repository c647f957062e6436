//! The change log: every record the library adds, changes or removes, with when, so
//! `aipx changes` and the TUI can say what changed since a day or since the TUI was last
//! opened.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::record::Record;
use super::{Library, LibraryError};

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// When, UTC, RFC 3339.
    pub at: String,
    /// `added`, `changed` or `removed`.
    pub change: String,
    /// Record kind: `entity`, `exposure`, `funding`, `catalyst`, `program`.
    pub kind: String,
    /// The record's key (`catalyst:ID`, `exposure:ENTITY>PROGRAM`...).
    pub key: String,
    /// Entity ids it concerns.
    pub entities: Vec<String>,
    /// Its title.
    pub title: String,
    /// A catalyst's date, in the data syntax.
    pub date: Option<String>,
}

/// Meta key: when the TUI was last opened.
pub const TUI_OPENED: &str = "tui_opened";

/// Writes one line of the log, in the caller's transaction.
pub(super) fn log(tx: &Transaction<'_>, change: &str, record: &Record) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO changes (at, change, kind, key, tickers, title, date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        super::now(),
        change,
        record.kind(),
        record.key(),
        serde_json::to_string(&record.entities()).expect("strings serialise"),
        record.title(),
        record.date(),
    ])?;
    Ok(())
}

impl Library {
    /// The log from `since` (an RFC 3339 time or a `YYYY-MM-DD` day, UTC) on, oldest first.
    pub fn changes_since(&mut self, since: &str) -> Result<Vec<Change>, LibraryError> {
        let path = self.path().to_path_buf();
        let err = |e| super::sql_error(&path, e);
        let mut st = self
            .conn()
            .prepare(
                "SELECT at, change, kind, key, tickers, title, date FROM changes
                 WHERE at >= ?1 ORDER BY seq",
            )
            .map_err(err)?;
        let rows = st
            .query_map([since], |r| {
                let tickers: String = r.get(4)?;
                Ok(Change {
                    at: r.get(0)?,
                    change: r.get(1)?,
                    kind: r.get(2)?,
                    key: r.get(3)?,
                    entities: serde_json::from_str(&tickers).unwrap_or_default(),
                    title: r.get(5)?,
                    date: r.get(6)?,
                })
            })
            .map_err(err)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(err)
    }

    /// Records that the TUI was opened now; returns when it was opened before, if ever.
    pub fn mark_opened(&mut self) -> Result<Option<String>, LibraryError> {
        self.replace_meta(TUI_OPENED, &super::now())
    }

    /// A value kept in the library's `meta` table.
    pub fn meta(&mut self, key: &str) -> Result<Option<String>, LibraryError> {
        let path = self.path().to_path_buf();
        self.conn()
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| super::sql_error(&path, e))
    }

    /// Sets a value in `meta`, returning the one it replaces.
    pub fn replace_meta(&mut self, key: &str, value: &str) -> Result<Option<String>, LibraryError> {
        let path = self.path().to_path_buf();
        let err = |e| super::sql_error(&path, e);
        let tx = super::begin_write(self.conn()).map_err(err)?;
        let old: Option<String> = tx
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(err)?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(old)
    }
}
