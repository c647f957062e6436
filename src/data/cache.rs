//! A cache of validated datasets (and of their search catalogs), keyed by the data files.
//!
//! Parsing a million-link dataset takes seconds; decoding its validated form takes a fraction
//! of that. The cache lives in `$XDG_CACHE_HOME/aipx` (or `~/.cache/aipx`), is written only for
//! datasets without errors, and is ignored whenever anything about it is off: a different
//! hash, a short or corrupt file, another aipx version. `AIPX_CACHE=off` disables it.

use std::fs::File;
use std::hash::Hasher;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::FILE_NAMES;

/// Bumped whenever the model's layout changes, so old caches are never misread.
const FORMAT: &str = "aipx-cache-2";

fn config() -> impl bincode::config::Config {
    // The limit keeps a damaged length prefix from asking for absurd allocations.
    bincode::config::standard().with_limit::<{ 1 << 32 }>()
}

/// The cache folder, unless caching is switched off.
fn folder() -> Option<PathBuf> {
    if std::env::var_os("AIPX_CACHE").is_some_and(|v| v == "off") {
        return None;
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("aipx"))
}

/// Key of the five files of `dir`: their folder, sizes and modification times (read from
/// metadata, so a look-up costs five `stat`s, not a read of the whole dataset), with this
/// build's format and version.
fn key(dir: &Path) -> io::Result<String> {
    let mut hasher = Xxh3::new();
    hasher.update(FORMAT.as_bytes());
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(std::fs::canonicalize(dir)?.as_os_str().as_encoded_bytes());
    for name in FILE_NAMES {
        let meta = std::fs::metadata(dir.join(name))?;
        let modified = meta
            .modified()?
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        hasher.update(name.as_bytes());
        hasher.update(&meta.len().to_le_bytes());
        hasher.update(&modified.as_nanos().to_le_bytes());
    }
    Ok(format!("{:016x}", hasher.finish()))
}

/// Where the cache of kind `kind` (`dataset`, `catalog`) of `dir` is, if caching is on and
/// the files can be read.
pub fn path_for(dir: &Path, kind: &str) -> Option<PathBuf> {
    Some(folder()?.join(format!("{}.{kind}.bin", key(dir).ok()?)))
}

/// A reader that hashes what passes through it, to check the checksum in the header.
struct Hashing<R> {
    inner: R,
    hasher: Xxh3,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// The cached dataset at `path`, if it is there and intact. The file is an 8-byte checksum
/// of the payload followed by the payload, decoded as it streams in (never held whole).
pub fn read<T: DeserializeOwned>(path: &Path) -> Option<T> {
    let mut file = File::open(path).ok()?;
    let mut stored = [0u8; 8];
    file.read_exact(&mut stored).ok()?;
    // The buffer sits outside the hasher so the hash sees large blocks, not single bytes.
    let mut reader = BufReader::with_capacity(
        1 << 20,
        Hashing {
            inner: file,
            hasher: Xxh3::new(),
        },
    );
    let data: T = bincode::serde::decode_from_std_read(&mut reader, config()).ok()?;
    // Hash whatever the buffer read ahead too: the payload must end exactly here.
    io::copy(&mut reader, &mut io::sink()).ok()?;
    let computed = reader.into_inner().hasher.finish();
    (u64::from_le_bytes(stored) == computed).then_some(data)
}

/// The file written by [`write_bytes`], if intact: the 8-byte checksum, then the payload
/// (`&file[8..]`). Read in one call, no decoding.
pub fn read_bytes(path: &Path) -> Option<Vec<u8>> {
    let raw = std::fs::read(path).ok()?;
    let stored = u64::from_le_bytes(raw.get(..8)?.try_into().ok()?);
    (xxhash_rust::xxh3::xxh3_64(&raw[8..]) == stored).then_some(raw)
}

/// Writes `data` to `path` atomically (a temporary file renamed into place), encoded as it
/// streams out (a million links never exist twice in memory).
pub fn write<T: Serialize>(path: &Path, data: &T) -> io::Result<()> {
    write_bytes(path, |out| {
        bincode::serde::encode_into_std_write(data, &mut { out }, config())
            .map(drop)
            .map_err(|e| io::Error::other(e.to_string()))
    })
}

/// A writer that hashes what passes through it, for the checksum in the header.
struct Hashed<W> {
    inner: W,
    hasher: Xxh3,
}

impl<W: Write> Write for Hashed<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Writes what `fill` writes, with its checksum, atomically: a checksum placeholder, the
/// payload as `fill` streams it, then the checksum in place of the placeholder.
pub fn write_bytes(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let result = (|| {
        let mut file = File::create(&tmp)?;
        file.write_all(&[0; 8])?;
        // The buffer sits inside the hasher so the hash sees large blocks, not small writes.
        let mut out = BufWriter::with_capacity(
            1 << 20,
            Hashed {
                inner: &mut file,
                hasher: Xxh3::new(),
            },
        );
        fill(&mut out)?;
        let hashed = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        let sum = hashed.hasher.finish();
        file.seek(io::SeekFrom::Start(0))?;
        file.write_all(&sum.to_le_bytes())?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_damage() {
        let data = crate::data::DataFiles::embedded().parse().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.bin");
        write(&path, &data).unwrap();
        let back: crate::model::Dataset = read(&path).expect("intact cache reads back");
        assert_eq!(back.entities.len(), data.entities.len());
        assert_eq!(
            back.programs[2].funding.len(),
            data.programs[2].funding.len()
        );
        assert_eq!(back.catalysts[0].date, data.catalysts[0].date);

        let mut bytes = std::fs::read(&path).unwrap();
        let mid = bytes.len() / 2;
        bytes[mid] ^= 0x55;
        std::fs::write(&path, &bytes).unwrap();
        assert!(
            read::<crate::model::Dataset>(&path).is_none(),
            "a flipped byte is caught"
        );
        std::fs::write(&path, &bytes[..mid]).unwrap();
        assert!(
            read::<crate::model::Dataset>(&path).is_none(),
            "a short file is caught"
        );
    }
}
