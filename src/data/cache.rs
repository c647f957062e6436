//! A cache of validated datasets (and of their search catalogs), keyed by the data's hash.
//!
//! Parsing a million-link dataset takes over a second; decoding its validated form takes a
//! fraction of that. The cache lives in `$XDG_CACHE_HOME/aipx` (or `~/.cache/aipx`), one file
//! per data folder and kind, written only for datasets without errors. Its header holds the
//! hash of the five files' contents and their sizes and modification times when it was
//! written: if those still match (five `stat`s), it is used at once; if not (a `touch`, a
//! fresh checkout), the contents are hashed again (about 50 ms for 171 MB) and it is used if
//! they are the same. Anything else about it off (another hash, a short or corrupt file,
//! another aipx version) and it is ignored. `AIPX_CACHE=off` disables it.

use std::fs::File;
use std::hash::Hasher;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::FILE_NAMES;

/// Bumped whenever the model's or the file's layout changes, so old caches are never misread.
const FORMAT: &str = "aipx-cache-4";

/// Bytes before the payload: its checksum, the files' metadata hash, their content hash.
pub const HEADER: usize = 24;

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

/// Hash of the sizes and modification times of the five files of `dir`.
fn metadata_hash(dir: &Path) -> io::Result<u64> {
    let mut hasher = Xxh3::new();
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
    Ok(hasher.finish())
}

/// Hash of the contents of the five files of `dir`.
fn content_hash(dir: &Path) -> io::Result<u64> {
    let mut hasher = Xxh3::new();
    let mut buffer = vec![0; 1 << 20];
    for name in FILE_NAMES {
        let mut file = File::open(dir.join(name))?;
        hasher.update(name.as_bytes());
        loop {
            let n = file.read(&mut buffer)?;
            if n == 0 {
                break;
            }
            hasher.update(&buffer[..n]);
        }
        // The boundary between files counts too.
        hasher.update(&[0xff]);
    }
    Ok(hasher.finish())
}

/// One kind (`dataset`, `catalog`) of cache of one data folder, as its files are now.
pub struct Slot {
    path: PathBuf,
    dir: PathBuf,
    metadata: u64,
}

impl Slot {
    /// The cache of kind `kind` of `dir`, if caching is on and the files can be read.
    pub fn new(dir: &Path, kind: &str) -> Option<Slot> {
        let dir = std::fs::canonicalize(dir).ok()?;
        let mut hasher = Xxh3::new();
        hasher.update(FORMAT.as_bytes());
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        hasher.update(dir.as_os_str().as_encoded_bytes());
        let path = folder()?.join(format!("{:016x}.{kind}.bin", hasher.finish()));
        let metadata = metadata_hash(&dir).ok()?;
        Some(Slot {
            path,
            dir,
            metadata,
        })
    }

    /// The cache file, writable if it can be (see [`fresh`](Self::fresh)).
    fn open(&self) -> Option<File> {
        let writable = File::options().read(true).write(true).open(&self.path);
        writable.or_else(|_| File::open(&self.path)).ok()
    }

    /// Whether `file`, whose header is `header`, was written from the files as they are now.
    /// A metadata mismatch with the same contents refreshes the header, so the next look-up
    /// is quick again. Leaves `file` at the payload.
    fn fresh(&self, mut file: &File, header: &[u8]) -> bool {
        let field = |i: usize| {
            header
                .get(i..i + 8)
                .map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default()))
        };
        let (Some(metadata), Some(content)) = (field(8), field(16)) else {
            return false;
        };
        if metadata != self.metadata {
            if content_hash(&self.dir).ok() != Some(content) {
                return false;
            }
            // Through the handle that read the header, so a newer cache file renamed into
            // place meanwhile is never stamped. Only the next look-up's speed depends on it.
            let refresh = file
                .seek(io::SeekFrom::Start(8))
                .and_then(|_| file.write_all(&self.metadata.to_le_bytes()));
            drop(refresh);
        }
        file.seek(io::SeekFrom::Start(HEADER as u64)).is_ok()
    }
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

/// The value cached in `slot`, if it is there, fresh and intact. The file is the header
/// ([`HEADER`]), then the payload, decoded as it streams in (never held whole).
pub fn read<T: DeserializeOwned>(slot: &Slot) -> Option<T> {
    let mut file = slot.open()?;
    let mut header = [0u8; HEADER];
    file.read_exact(&mut header).ok()?;
    if !slot.fresh(&file, &header) {
        return None;
    }
    let stored: [u8; 8] = header[..8].try_into().ok()?;
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

/// The file written by [`write_bytes`] in `slot`, if fresh and intact: the header, then the
/// payload (`&file[HEADER..]`). Read in one call, no decoding.
pub fn read_bytes(slot: &Slot) -> Option<Vec<u8>> {
    let file = slot.open()?;
    let mut raw = Vec::with_capacity(file.metadata().map_or(0, |m| m.len() as usize));
    (&file).read_to_end(&mut raw).ok()?;
    let stored = u64::from_le_bytes(raw.get(..8)?.try_into().ok()?);
    let intact = slot.fresh(&file, raw.get(..HEADER)?)
        && xxhash_rust::xxh3::xxh3_64(&raw[HEADER..]) == stored;
    intact.then_some(raw)
}

/// Caches `data` in `slot` atomically (a temporary file renamed into place), encoded as it
/// streams out (a million links never exist twice in memory).
pub fn write<T: Serialize>(slot: &Slot, data: &T) -> io::Result<()> {
    write_bytes(slot, |out| {
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

/// Caches what `fill` writes in `slot`, atomically: the header with a checksum placeholder,
/// the payload as `fill` streams it, then the checksum in place of the placeholder. Nothing
/// is written if the files changed since `slot` was made (the value may predate the change).
pub fn write_bytes(
    slot: &Slot,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let content = content_hash(&slot.dir)?;
    if metadata_hash(&slot.dir)? != slot.metadata {
        return Ok(());
    }
    let path = &slot.path;
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let result = (|| {
        let mut file = File::create(&tmp)?;
        file.write_all(&[0; 8])?;
        file.write_all(&slot.metadata.to_le_bytes())?;
        file.write_all(&content.to_le_bytes())?;
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
    use crate::model::Dataset;

    /// A data folder holding the seed files, and a cache folder.
    fn folders() -> (tempfile::TempDir, tempfile::TempDir) {
        let data = tempfile::tempdir().unwrap();
        for name in FILE_NAMES {
            let seed = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("seeds")
                .join(name);
            std::fs::copy(seed, data.path().join(name)).unwrap();
        }
        (data, tempfile::tempdir().unwrap())
    }

    /// The slot of `data`, kept in `cache` (not the user's cache folder).
    fn slot(data: &Path, cache: &Path) -> Slot {
        let mut slot = Slot::new(data, "dataset").expect("caching on, files readable");
        slot.path = cache.join("dataset.bin");
        slot
    }

    #[test]
    fn round_trips_and_rejects_damage() {
        let (data_dir, cache_dir) = folders();
        let slot = slot(data_dir.path(), cache_dir.path());
        let data = crate::data::DataFiles::embedded().parse().unwrap();
        write(&slot, &data).unwrap();
        let back: Dataset = read(&slot).expect("intact cache reads back");
        assert_eq!(back.entities.len(), data.entities.len());
        assert_eq!(
            back.programs[2].funding.len(),
            data.programs[2].funding.len()
        );
        assert_eq!(back.catalysts[0].date, data.catalysts[0].date);

        let mut bytes = std::fs::read(&slot.path).unwrap();
        let mid = bytes.len() / 2;
        bytes[mid] ^= 0x55;
        std::fs::write(&slot.path, &bytes).unwrap();
        assert!(read::<Dataset>(&slot).is_none(), "a flipped byte is caught");
        std::fs::write(&slot.path, &bytes[..mid]).unwrap();
        assert!(read::<Dataset>(&slot).is_none(), "a short file is caught");
    }

    #[test]
    fn keyed_by_content_with_metadata_as_the_quick_check() {
        let (data_dir, cache_dir) = folders();
        let data = crate::data::DataFiles::embedded().parse().unwrap();
        write(&slot(data_dir.path(), cache_dir.path()), &data).unwrap();
        let sources = data_dir.path().join("sources.toml");
        let text = std::fs::read_to_string(&sources).unwrap();

        // Same content, new modification time (a touch, a checkout): still used.
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
        File::options()
            .write(true)
            .open(&sources)
            .unwrap()
            .set_modified(later)
            .unwrap();
        let touched = slot(data_dir.path(), cache_dir.path());
        assert!(read::<Dataset>(&touched).is_some(), "same content is a hit");
        let header = std::fs::read(&touched.path).unwrap();
        assert_eq!(
            header[8..16],
            touched.metadata.to_le_bytes(),
            "header refreshed"
        );

        // Other content: never used.
        std::fs::write(&sources, format!("{text}\n# edited\n")).unwrap();
        let edited = slot(data_dir.path(), cache_dir.path());
        assert!(
            read::<Dataset>(&edited).is_none(),
            "changed content is a miss"
        );
    }
}
