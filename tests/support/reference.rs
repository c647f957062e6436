//! Reads the real exchange listings in `../shared/reference/listings/` (tests and benches
//! only: they are never copied into the repository) the way `aipx listings import` does:
//! every file, its format told by content, read by the crate's own parsers
//! ([`aipx::listings::formats`]) into a [`Master`], so tests exercise the real import.

#![allow(dead_code)] // each test binary uses its own part of this module

use std::path::{Path, PathBuf};

use aipx::ingest::lexicon::Listed;
use aipx::listings::{Imported, Master, formats};

/// The reference listings folder, when it is there.
pub fn dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/listings");
    dir.is_dir().then_some(dir)
}

/// Every listing file of the folder, US files first, each folder in name order.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for sub in ["us-exchanges", "financedatabase"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        let mut here: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "csv"))
            .collect();
        here.sort();
        out.extend(here);
    }
    out
}

/// Every file of the folder read as `aipx listings import` reads it (bad rows left out).
pub fn master(dir: &Path) -> Master {
    master_of(&files(dir))
}

/// `files` read as `aipx listings import` reads them, in that order.
pub fn master_of(files: &[PathBuf]) -> Master {
    let mut master = Master::default();
    for path in files {
        let text = std::fs::read_to_string(path).expect("reference file is UTF-8");
        let format = formats::Format::detect(&text)
            .unwrap_or_else(|| panic!("{}: format not recognised", path.display()));
        let read = formats::read(path, &text, format)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        master.put(Imported {
            path: path.display().to_string(),
            format,
            imported_at: String::new(),
            rows: read.rows,
        });
    }
    master
}

/// The listings the entity linker takes from the whole folder ([`Master::listed`]).
pub fn load(dir: &Path) -> Vec<Listed> {
    master(dir).listed()
}
