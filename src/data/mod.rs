//! Loading datasets: the one compiled into the binary, or a folder given with `--data`.

mod cache;
mod error;
mod fast;
mod raw;
mod validate;

use std::path::Path;

pub use error::{DataError, DataErrors, Located};

use crate::model::Dataset;

/// One data file's name (as shown in messages) and text.
pub struct DataFile {
    /// Path used in error messages.
    pub path: String,
    /// Contents, unless `stream` reads them.
    pub text: String,
    /// The open file, for the exposures of a `--data` folder: read a piece at a time while
    /// validating, since a million links are most of a dataset's text.
    pub stream: Option<std::fs::File>,
}

/// The five files of a dataset.
pub struct DataFiles {
    /// `sources.toml`.
    pub sources: DataFile,
    /// `entities.toml`.
    pub entities: DataFile,
    /// `programs.toml`.
    pub programs: DataFile,
    /// `exposures.toml`.
    pub exposures: DataFile,
    /// `catalysts.toml`.
    pub catalysts: DataFile,
}

/// File names of a dataset folder, in load order.
pub const FILE_NAMES: [&str; 5] = [
    "sources.toml",
    "entities.toml",
    "programs.toml",
    "exposures.toml",
    "catalysts.toml",
];

macro_rules! embedded_file {
    ($name:literal) => {
        DataFile {
            path: concat!("seeds/", $name).to_string(),
            text: include_str!(concat!("../../seeds/", $name)).to_string(),
            stream: None,
        }
    };
}

impl DataFiles {
    /// The curated dataset compiled into the binary.
    pub fn embedded() -> DataFiles {
        DataFiles {
            sources: embedded_file!("sources.toml"),
            entities: embedded_file!("entities.toml"),
            programs: embedded_file!("programs.toml"),
            exposures: embedded_file!("exposures.toml"),
            catalysts: embedded_file!("catalysts.toml"),
        }
    }

    /// Reads the five files of `dir`; a missing or unreadable file (not a regular file, over
    /// its size limit, see [`crate::fsread::limits`]) is an error at 1:1.
    pub fn read_dir(dir: &Path) -> Result<DataFiles, DataErrors> {
        use crate::fsread::{self, limits};
        let mut errors = Vec::new();
        let mut files = FILE_NAMES.map(|name| {
            let path = dir.join(name);
            let shown = path.display().to_string();
            let unreadable = |e: std::io::Error| DataError {
                path: shown.clone(),
                line: 1,
                col: 1,
                message: format!("cannot read file: {e}"),
            };
            if name == "exposures.toml" {
                return match fsread::open(&path, limits::EXPOSURES) {
                    Ok((file, _)) => Some(DataFile {
                        path: shown,
                        text: String::new(),
                        stream: Some(file),
                    }),
                    Err(e) => {
                        errors.push(unreadable(e));
                        None
                    }
                };
            }
            let text = match fsread::read(&path, limits::DATA_FILE) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => text,
                    Err(e) => {
                        let at = e.utf8_error().valid_up_to();
                        let valid = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
                        let file = error::Located::new(&shown, &valid);
                        errors.push(file.error(at..at, "file is not valid UTF-8"));
                        String::new()
                    }
                },
                Err(e) => {
                    errors.push(unreadable(e));
                    String::new()
                }
            };
            Some(DataFile {
                path: shown,
                text,
                stream: None,
            })
        });
        if !errors.is_empty() {
            return Err(DataErrors(errors));
        }
        let mut take = |i: usize| files[i].take().expect("each file is taken once");
        Ok(DataFiles {
            sources: take(0),
            entities: take(1),
            programs: take(2),
            exposures: take(3),
            catalysts: take(4),
        })
    }

    /// Parses and validates the files.
    pub fn parse(&self) -> Result<Dataset, DataErrors> {
        validate::validate(self).map_err(DataErrors)
    }
}

/// Loads `--data DIR` if given (through the cache, see [`cache`]), else the embedded dataset.
pub fn load(dir: Option<&Path>) -> Result<Dataset, DataErrors> {
    let Some(dir) = dir else {
        return DataFiles::embedded().parse();
    };
    let slot = cache::Slot::new(dir, "dataset");
    if let Some(data) = slot.as_ref().and_then(cache::read) {
        return Ok(data);
    }
    let data = DataFiles::read_dir(dir)?.parse()?;
    if let Some(slot) = slot {
        // The cache only saves time: failing to write it is not worth a message.
        let _ = cache::write(&slot, &data);
    }
    Ok(data)
}

/// The search catalog of `--data DIR` with the library whose records have the stamp
/// `library` (none: no library) from the cache, if an up-to-date one is there.
pub fn cached_catalog(dir: &Path, library: Option<u64>) -> Option<crate::catalog::Catalog> {
    let file = cache::read_bytes(&cache::Slot::keyed(dir, "catalog", library)?)?;
    crate::catalog::Catalog::from_bytes(file, cache::HEADER)
}

/// Stores the search catalog of `--data DIR` with the library stamped `library` for the next
/// `aipx search` (best effort).
pub fn cache_catalog(dir: &Path, library: Option<u64>, catalog: &crate::catalog::Catalog) {
    if let Some(slot) = cache::Slot::keyed(dir, "catalog", library) {
        let _ = cache::write_bytes(&slot, |out| catalog.write_to(out));
    }
}

/// Validates `--data DIR` (or the embedded dataset) from its files, never from the cache.
pub fn check(dir: Option<&Path>) -> Result<Dataset, DataErrors> {
    match dir {
        Some(dir) => DataFiles::read_dir(dir)?.parse(),
        None => DataFiles::embedded().parse(),
    }
}
