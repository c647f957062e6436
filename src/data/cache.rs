//! A cache of validated datasets (and of their search catalogs), keyed by the data's hash.
//!
//! Parsing a million-link dataset takes over a second; decoding its validated form takes a
//! fraction of that. The cache lives in `$XDG_CACHE_HOME/aipx` (or `~/.cache/aipx`; a relative
//! or empty `XDG_CACHE_HOME` is ignored, as the XDG spec says), one file per data folder and
//! kind, written only for datasets without errors.
//!
//! A file is served only if it is this format's version, intact and ours, and was written
//! from the files as they are now:
//! - **Fresh.** The header holds a hash of the five files' contents and of their metadata
//!   (device, inode, size, modification and change times, as git's index does: an edit that
//!   keeps size and mtime, `cp -p` or `touch -r`, still changes the ctime). When the metadata
//!   matches, the file is used at once; when not, the contents are hashed again (about 50 ms
//!   for 171 MB) and it is used if they are the same, its header then brought up to date.
//! - **Intact and ours.** The header ends with a BLAKE3 MAC, keyed by a random per-user key
//!   (`key` in the cache folder, mode 0600), over the header and the payload's hash. The
//!   payload is hashed before it is decoded, so only bytes this user's aipx wrote are ever
//!   decoded, and a payload moved under another header fails.
//! - **This version.** The version is in the header and the file name; files of other
//!   versions, and files unused for [`MAX_AGE`], are pruned whenever a cache file is written.
//!
//! The payload is postcard, read as it streams in. `AIPX_CACHE=off` disables the cache.

use std::ffi::OsString;
use std::fs::File;
use std::hash::Hasher;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::Serialize;
use serde::de::DeserializeOwned;
use xxhash_rust::xxh3::Xxh3;

use super::FILE_NAMES;
use crate::fsread::{self, limits};

/// The file format's version, in every header and file name: bumped whenever the model's or
/// the file's layout changes, or what the catalog stores of a text (5: kana sound marks fold;
/// 7: entities' size classes), so an old file is never misread (and is pruned).
const VERSION: u32 = 7;

/// First bytes of every cache file.
const MAGIC: &[u8; 8] = b"aipxcach";

/// Header layout: magic, version, reserved, metadata hash, content hash, payload length, MAC.
const VERSION_AT: usize = 8;
const METADATA_AT: usize = 16;
const CONTENT_AT: usize = 24;
const LENGTH_AT: usize = 32;
const MAC_AT: usize = 40;

/// Bytes before the payload.
pub const HEADER: usize = MAC_AT + 32;

/// Cache files not used for this long are removed when another is written.
const MAX_AGE: Duration = Duration::from_secs(30 * 24 * 3600);

/// Longest string the decoder takes (a longer one is a miss: the files are read instead).
const SCRATCH: usize = 16 << 20;

/// The cache folder from the values of `AIPX_CACHE`, `XDG_CACHE_HOME` and `HOME`: only
/// absolute paths count (an empty or relative `XDG_CACHE_HOME` is treated as unset).
fn folder_from(
    switch: Option<OsString>,
    xdg: Option<OsString>,
    home: Option<OsString>,
) -> Option<PathBuf> {
    if switch.is_some_and(|v| v == "off") {
        return None;
    }
    let absolute = |v: Option<OsString>| v.map(PathBuf::from).filter(|p| p.is_absolute());
    let base = absolute(xdg).or_else(|| absolute(home).map(|h| h.join(".cache")))?;
    Some(base.join("aipx"))
}

/// The cache folder, unless caching is switched off.
fn folder() -> Option<PathBuf> {
    let var = std::env::var_os;
    folder_from(var("AIPX_CACHE"), var("XDG_CACHE_HOME"), var("HOME"))
}

/// Hash of the identity and times of the five files of `dir` (inode and ctime included, so
/// an edit that restores size and mtime is still seen).
fn metadata_hash(dir: &Path) -> io::Result<u64> {
    let mut hasher = Xxh3::new();
    for name in FILE_NAMES {
        let meta = std::fs::metadata(dir.join(name))?;
        hasher.update(name.as_bytes());
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            for n in [
                meta.dev(),
                meta.ino(),
                meta.size(),
                meta.mtime() as u64,
                meta.mtime_nsec() as u64,
                meta.ctime() as u64,
                meta.ctime_nsec() as u64,
            ] {
                hasher.update(&n.to_le_bytes());
            }
        }
        #[cfg(not(unix))]
        {
            let modified = meta.modified()?.duration_since(std::time::UNIX_EPOCH);
            hasher.update(&meta.len().to_le_bytes());
            hasher.update(&modified.unwrap_or_default().as_nanos().to_le_bytes());
        }
    }
    Ok(hasher.finish())
}

/// Hash of the contents of the five files of `dir` (regular files within the data limits).
fn content_hash(dir: &Path) -> io::Result<u64> {
    let mut hasher = Xxh3::new();
    let mut buffer = vec![0; 1 << 20];
    for name in FILE_NAMES {
        let (mut file, _) = fsread::open(&dir.join(name), limits::EXPOSURES)?;
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

/// This user's MAC key, `key` in the cache folder: made (32 random bytes, mode 0600) when
/// `create` and absent.
fn key(folder: &Path, create: bool) -> Option<[u8; 32]> {
    let path = folder.join("key");
    match fsread::read(&path, 32) {
        Ok(bytes) => return bytes.try_into().ok(),
        Err(e) if create && e.kind() == io::ErrorKind::NotFound => {}
        Err(_) => return None,
    }
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).ok()?;
    std::fs::create_dir_all(folder).ok()?;
    let tmp = folder.join(format!("key.tmp{}", std::process::id()));
    let made = (|| {
        let mut options = File::options();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&tmp)?;
        file.write_all(&key)?;
        file.sync_all()?;
        // A link, not a rename: if another aipx made a key meanwhile, theirs stays.
        std::fs::hard_link(&tmp, &path)
    })();
    let _ = std::fs::remove_file(&tmp);
    match made {
        Ok(()) => Some(key),
        Err(_) => fsread::read(&path, 32).ok()?.try_into().ok(),
    }
}

/// The MAC of a header (up to its MAC) and the hash of its payload.
fn mac(key: &[u8; 32], header: &[u8], payload: &blake3::Hash) -> [u8; 32] {
    let mut hasher = blake3::Hasher::new_keyed(key);
    hasher.update(&header[..MAC_AT]);
    hasher.update(payload.as_bytes());
    *hasher.finalize().as_bytes()
}

fn field(header: &[u8], at: usize) -> u64 {
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&header[at..at + 8]);
    u64::from_le_bytes(bytes)
}

/// One kind (`dataset`, `catalog`) of cache of one data folder, as its files are now (and,
/// for a value that depends on more than the files, as that is now: see [`Slot::keyed`]).
pub struct Slot {
    path: PathBuf,
    dir: PathBuf,
    /// A stamp of what else the value depends on, mixed into both hashes.
    extra: Option<u64>,
    metadata: u64,
}

/// `hash` with `extra` mixed in, when there is one.
fn mixed(hash: u64, extra: Option<u64>) -> u64 {
    match extra {
        None => hash,
        Some(x) => {
            let mut hasher = Xxh3::new();
            hasher.update(&hash.to_le_bytes());
            hasher.update(&x.to_le_bytes());
            hasher.finish()
        }
    }
}

impl Slot {
    /// The cache of kind `kind` of `dir`, if caching is on and the files can be read.
    pub fn new(dir: &Path, kind: &str) -> Option<Slot> {
        Slot::keyed(dir, kind, None)
    }

    /// As [`Slot::new`], for a value that also depends on what `extra` stamps (the search
    /// catalog on the library's records): a different stamp is a miss, like changed files.
    pub fn keyed(dir: &Path, kind: &str, extra: Option<u64>) -> Option<Slot> {
        let dir = std::fs::canonicalize(dir).ok()?;
        let mut hasher = Xxh3::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        hasher.update(dir.as_os_str().as_encoded_bytes());
        let name = format!("{:016x}.{kind}.v{VERSION}.bin", hasher.finish());
        let path = folder()?.join(name);
        let metadata = mixed(metadata_hash(&dir).ok()?, extra);
        Some(Slot {
            path,
            dir,
            extra,
            metadata,
        })
    }

    /// The hash of the files' contents (with the stamp), as they are now.
    fn content(&self) -> io::Result<u64> {
        Ok(mixed(content_hash(&self.dir)?, self.extra))
    }

    fn folder(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// Whether `header`, with `payload` the hash of the payload that follows it, is this
    /// version's, carries a valid MAC and was written from the files as they are now. A
    /// metadata mismatch with the same contents brings the header up to date in `file`.
    fn check(&self, file: &File, header: &mut [u8; HEADER], payload: &blake3::Hash) -> bool {
        let Some(key) = key(self.folder(), false) else {
            return false;
        };
        let stored: [u8; 32] = header[MAC_AT..].try_into().unwrap_or_default();
        // blake3::Hash compares in constant time.
        if blake3::Hash::from(stored) != blake3::Hash::from(mac(&key, header, payload)) {
            return false;
        }
        if field(header, METADATA_AT) != self.metadata {
            if self.content().ok() != Some(field(header, CONTENT_AT)) {
                return false;
            }
            header[METADATA_AT..CONTENT_AT].copy_from_slice(&self.metadata.to_le_bytes());
            let sealed = mac(&key, header, payload);
            header[MAC_AT..].copy_from_slice(&sealed);
            self.refresh(file, header);
        }
        true
    }

    /// Writes `header` over the cache file's, if the file at the path is still `file` (a newer
    /// one renamed into place meanwhile is never stamped). Only the next look-up's speed
    /// depends on it.
    fn refresh(&self, file: &File, header: &[u8]) {
        let Ok(mut writable) = File::options().write(true).open(&self.path) else {
            return;
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let same = match (file.metadata(), writable.metadata()) {
                (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
                _ => false,
            };
            if !same {
                return;
            }
        }
        #[cfg(not(unix))]
        drop(file);
        let _ = writable.write_all(header);
    }

    /// The cache file, opened, with its header, if it is a regular file of this version
    /// whose length is the header's.
    fn open(&self) -> Option<(File, [u8; HEADER])> {
        let (mut file, size) = fsread::open(&self.path, limits::CACHE).ok()?;
        let mut header = [0u8; HEADER];
        file.read_exact(&mut header).ok()?;
        let ok = &header[..VERSION_AT] == MAGIC
            && header[VERSION_AT..VERSION_AT + 4] == VERSION.to_le_bytes()
            && Some(size) == field(&header, LENGTH_AT).checked_add(HEADER as u64);
        ok.then_some((file, header))
    }
}

/// The value cached in `slot`, if it is there, fresh, intact and ours. The file is the header
/// ([`HEADER`]), then the payload: hashed first, then decoded as it streams in (never held
/// whole).
pub fn read<T: DeserializeOwned>(slot: &Slot) -> Option<T> {
    let (mut file, mut header) = slot.open()?;
    let mut hasher = blake3::Hasher::new();
    hasher.update_reader(&mut file).ok()?;
    if !slot.check(&file, &mut header, &hasher.finalize()) {
        return None;
    }
    file.seek(io::SeekFrom::Start(HEADER as u64)).ok()?;
    decode(BufReader::with_capacity(1 << 20, file))
}

/// Decodes one value from `reader`, which must hold exactly that.
fn decode<T: DeserializeOwned, R: Read>(reader: R) -> Option<T> {
    let mut scratch = vec![0u8; SCRATCH];
    let (value, (mut rest, _)) = postcard::from_io((reader, &mut scratch[..])).ok()?;
    let mut probe = [0u8; 1];
    (rest.read(&mut probe).ok()? == 0).then_some(value)
}

/// The file written by [`write_bytes`] in `slot`, if fresh, intact and ours: the header, then
/// the payload (`&file[HEADER..]`). Read in one call, no decoding.
pub fn read_bytes(slot: &Slot) -> Option<Vec<u8>> {
    let (file, mut header) = slot.open()?;
    let length = field(&header, LENGTH_AT);
    let mut raw = header.to_vec();
    (&file).take(length).read_to_end(&mut raw).ok()?;
    let payload = blake3::hash(raw.get(HEADER..)?);
    if raw.len() as u64 != HEADER as u64 + length || !slot.check(&file, &mut header, &payload) {
        return None;
    }
    raw[..HEADER].copy_from_slice(&header);
    Some(raw)
}

/// Caches `data` in `slot` atomically (a temporary file renamed into place), encoded as it
/// streams out (a million links never exist twice in memory).
pub fn write<T: Serialize>(slot: &Slot, data: &T) -> io::Result<()> {
    write_bytes(slot, |out| {
        postcard::to_io(data, out)
            .map(drop)
            .map_err(|e| io::Error::other(e.to_string()))
    })
}

/// A writer that hashes and counts what passes through it.
struct Hashed<W> {
    inner: W,
    hasher: blake3::Hasher,
    length: u64,
}

impl<W: Write> Write for Hashed<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.length += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Caches what `fill` writes in `slot`, atomically and durably (temporary file, fsync,
/// rename): a placeholder header, the payload as `fill` streams it, then the header. Nothing
/// is written if the files changed since `slot` was made (the value may predate the change).
/// Old cache files are pruned afterwards.
pub fn write_bytes(
    slot: &Slot,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let content = slot.content()?;
    if mixed(metadata_hash(&slot.dir)?, slot.extra) != slot.metadata {
        return Ok(());
    }
    let folder = slot.folder();
    std::fs::create_dir_all(folder)?;
    let key = key(folder, true).ok_or_else(|| io::Error::other("no cache key"))?;
    let result = crate::userfile::write_with(&slot.path, |file| {
        file.write_all(&[0; HEADER])?;
        // The buffer sits inside the hasher so the hash sees large blocks, not small writes.
        let mut out = BufWriter::with_capacity(
            1 << 20,
            Hashed {
                inner: &mut *file,
                hasher: blake3::Hasher::new(),
                length: 0,
            },
        );
        fill(&mut out)?;
        let hashed = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        let (payload, length) = (hashed.hasher.finalize(), hashed.length);
        let mut header = [0u8; HEADER];
        header[..VERSION_AT].copy_from_slice(MAGIC);
        header[VERSION_AT..VERSION_AT + 4].copy_from_slice(&VERSION.to_le_bytes());
        header[METADATA_AT..CONTENT_AT].copy_from_slice(&slot.metadata.to_le_bytes());
        header[CONTENT_AT..LENGTH_AT].copy_from_slice(&content.to_le_bytes());
        header[LENGTH_AT..MAC_AT].copy_from_slice(&length.to_le_bytes());
        let sealed = mac(&key, &header, &payload);
        header[MAC_AT..].copy_from_slice(&sealed);
        file.seek(io::SeekFrom::Start(0))?;
        file.write_all(&header)
    });
    prune(folder, SystemTime::now());
    result
}

/// Removes cache files of other versions, cache files not written or used for [`MAX_AGE`],
/// and temporary files left by a killed process an hour ago or more. Only names this module
/// makes are touched (`<16 hex digits>.<kind>...`, and their temporaries
/// `.<16 hex digits>.<kind>....tmp` from [`crate::userfile::write_with`]); the key stays.
fn prune(folder: &Path, now: SystemTime) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let current = format!(".v{VERSION}.bin");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let temporary = name.contains(".tmp");
        let name = name.strip_prefix('.').unwrap_or(name);
        let ours = name.len() > 17
            && name.as_bytes()[16] == b'.'
            && name[..16].bytes().all(|b| b.is_ascii_hexdigit());
        if !ours {
            continue;
        }
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .unwrap_or_default();
        let stale = if temporary {
            age > Duration::from_secs(3600)
        } else {
            !name.ends_with(&current) || age > MAX_AGE
        };
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dataset;
    use proptest::prelude::*;

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
        slot.path = cache.join(format!("00000000000000aa.dataset.v{VERSION}.bin"));
        slot
    }

    fn seed() -> Dataset {
        crate::data::DataFiles::embedded().parse().unwrap()
    }

    #[test]
    fn round_trips_and_rejects_damage() {
        let (data_dir, cache_dir) = folders();
        let slot = slot(data_dir.path(), cache_dir.path());
        let data = seed();
        write(&slot, &data).unwrap();
        let back: Dataset = read(&slot).expect("intact cache reads back");
        assert_eq!(format!("{back:?}"), format!("{data:?}"));
        // Made at their length, not grown by doubling (a large dataset's last doubling of
        // its links would hold both copies at once).
        let spare = |len: usize, capacity: usize| capacity - len;
        assert_eq!(spare(back.entities.len(), back.entities.capacity()), 0);
        assert_eq!(spare(back.exposures.len(), back.exposures.capacity()), 0);
        assert_eq!(spare(back.catalysts.len(), back.catalysts.capacity()), 0);

        let bytes = std::fs::read(&slot.path).unwrap();
        let mut flipped = bytes.clone();
        let mid = bytes.len() / 2;
        flipped[mid] ^= 0x55;
        std::fs::write(&slot.path, &flipped).unwrap();
        assert!(read::<Dataset>(&slot).is_none(), "a flipped byte is caught");
        std::fs::write(&slot.path, &bytes[..mid]).unwrap();
        assert!(read::<Dataset>(&slot).is_none(), "a short file is caught");
        let mut longer = bytes.clone();
        longer.push(0);
        std::fs::write(&slot.path, &longer).unwrap();
        assert!(read::<Dataset>(&slot).is_none(), "a longer file is caught");
        let mut other = bytes.clone();
        other[VERSION_AT] ^= 1;
        std::fs::write(&slot.path, &other).unwrap();
        assert!(
            read::<Dataset>(&slot).is_none(),
            "another version is ignored"
        );
    }

    #[test]
    fn a_payload_under_another_header_or_key_is_refused() {
        let (data_dir, cache_dir) = folders();
        let slot = slot(data_dir.path(), cache_dir.path());
        let data = seed();
        write(&slot, &data).unwrap();
        let first = std::fs::read(&slot.path).unwrap();
        let mut smaller = seed();
        smaller.catalysts.pop();
        write(&slot, &smaller).unwrap();
        let second = std::fs::read(&slot.path).unwrap();
        // The first header (with its MAC) over the second payload, lengths made to agree.
        let mut moved = first[..HEADER].to_vec();
        moved[LENGTH_AT..MAC_AT].copy_from_slice(&((second.len() - HEADER) as u64).to_le_bytes());
        moved.extend_from_slice(&second[HEADER..]);
        std::fs::write(&slot.path, &moved).unwrap();
        assert!(
            read::<Dataset>(&slot).is_none(),
            "payload moved under a header"
        );
        // Intact, but sealed with another user's key.
        std::fs::write(&slot.path, &second).unwrap();
        assert!(read::<Dataset>(&slot).is_some());
        std::fs::write(cache_dir.path().join("key"), [7u8; 32]).unwrap();
        assert!(read::<Dataset>(&slot).is_none(), "another key");
    }

    #[test]
    fn keyed_by_content_with_inode_and_times_as_the_quick_check() {
        let (data_dir, cache_dir) = folders();
        write(&slot(data_dir.path(), cache_dir.path()), &seed()).unwrap();
        let sources = data_dir.path().join("sources.toml");
        let text = std::fs::read_to_string(&sources).unwrap();

        // Same content, new modification time (a touch, a checkout): still used.
        let later = SystemTime::now() + Duration::from_secs(60);
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
            header[METADATA_AT..CONTENT_AT],
            touched.metadata.to_le_bytes(),
            "header refreshed"
        );
        assert!(
            read::<Dataset>(&touched).is_some(),
            "refreshed header is sealed"
        );

        // Other content of the same size, modification time put back (`touch -r`): the
        // change time still differs, so the contents are hashed and the cache is not used.
        let edited = text.replacen("genesis", "GENESIS", 1);
        assert_eq!(edited.len(), text.len());
        std::fs::write(&sources, &edited).unwrap();
        File::options()
            .write(true)
            .open(&sources)
            .unwrap()
            .set_modified(later)
            .unwrap();
        let same_stat = slot(data_dir.path(), cache_dir.path());
        assert_ne!(
            same_stat.metadata, touched.metadata,
            "ctime is in the check"
        );
        assert!(
            read::<Dataset>(&same_stat).is_none(),
            "changed content is a miss"
        );
    }

    #[test]
    fn only_absolute_cache_homes_count() {
        let s = |v: &str| Some(OsString::from(v));
        let home = s("/home/u");
        assert_eq!(
            folder_from(None, s("/x/cache"), home.clone()),
            Some(PathBuf::from("/x/cache/aipx"))
        );
        for xdg in ["", "rel/cache", "./c"] {
            assert_eq!(
                folder_from(None, s(xdg), home.clone()),
                Some(PathBuf::from("/home/u/.cache/aipx")),
                "XDG_CACHE_HOME={xdg:?} is unset"
            );
        }
        assert_eq!(folder_from(None, s(""), s("")), None);
        assert_eq!(folder_from(s("off"), s("/x"), home), None);
    }

    #[test]
    fn prunes_old_versions_stale_files_and_leftovers_only() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let old = now - MAX_AGE - Duration::from_secs(60);
        let make = |name: &str, at: SystemTime| {
            let path = dir.path().join(name);
            std::fs::write(&path, b"x").unwrap();
            File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_modified(at)
                .unwrap();
        };
        let current = format!("0123456789abcdef.dataset.v{VERSION}.bin");
        let unused = format!("0123456789abcdee.dataset.v{VERSION}.bin");
        make(&current, now);
        make(&unused, old);
        make("0123456789abcdef.dataset.bin", now);
        make("0123456789abcdef.dataset.v3.bin", now);
        // Temporaries as userfile::write_with names them: an old one is a killed writer's.
        let (stale_tmp, fresh_tmp) = (format!(".{current}.99.tmp"), format!(".{current}.98.tmp"));
        make(&stale_tmp, now - Duration::from_secs(7200));
        make(&fresh_tmp, now);
        make(".notes.1.tmp", old);
        make("key", old);
        make("notes.txt", old);
        prune(dir.path(), now);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                fresh_tmp.as_str(),
                ".notes.1.tmp",
                current.as_str(),
                "key",
                "notes.txt"
            ]
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any bytes at all in the cache file: never a panic, never a value.
        #[test]
        fn garbage_is_never_served(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let (data_dir, cache_dir) = folders();
            let slot = slot(data_dir.path(), cache_dir.path());
            write(&slot, &seed()).unwrap();
            let mut file = std::fs::read(&slot.path).unwrap();
            file.truncate(HEADER);
            file.extend_from_slice(&bytes);
            std::fs::write(&slot.path, &file).unwrap();
            prop_assert!(read::<Dataset>(&slot).is_none());
            prop_assert!(read_bytes(&slot).is_none());
        }

        /// One to four bytes of a good cache file changed: refused, or (a change that
        /// restores the byte) the same data.
        #[test]
        fn mutations_are_caught(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)) {
            let (data_dir, cache_dir) = folders();
            let slot = slot(data_dir.path(), cache_dir.path());
            let data = seed();
            write(&slot, &data).unwrap();
            let good = std::fs::read(&slot.path).unwrap();
            let mut bad = good.clone();
            for (at, byte) in &edits {
                let i = at.index(bad.len());
                bad[i] = *byte;
            }
            std::fs::write(&slot.path, &bad).unwrap();
            let back = read::<Dataset>(&slot);
            if bad == good {
                prop_assert!(back.is_some());
            } else {
                prop_assert!(back.is_none());
            }
        }

        /// The decoder itself, on bytes no MAC vouches for: an error, never a panic or an
        /// allocation the input cannot pay for.
        #[test]
        fn the_decoder_survives_any_input(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let _ = decode::<Dataset, _>(&bytes[..]);
        }
    }
}
