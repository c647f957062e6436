//! The user's own small files (config, watchlists, remembered state): read with a size
//! limit, written whole so that a reader (or a crash, or `kill -9`) sees either the old
//! contents or the new, never a mix: a temporary file beside it, flushed to disk, renamed over.

use std::io::{self, Read, Write};
use std::path::Path;

/// Reads a UTF-8 text file of at most `limit` bytes; `Ok(None)` when it does not exist.
/// Anything but a regular file (a FIFO, a device) is refused rather than read forever.
pub fn read(path: &Path, limit: u64) -> io::Result<Option<String>> {
    read_bytes(path, limit)?
        .map(|bytes| {
            String::from_utf8(bytes)
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not valid UTF-8"))
        })
        .transpose()
}

/// Reads a file of at most `limit` bytes as it is (for files in other encodings, such as a
/// broker's Shift_JIS export); `Ok(None)` when it does not exist. As [`read`], anything but
/// a regular file is refused.
pub fn read_bytes(path: &Path, limit: u64) -> io::Result<Option<Vec<u8>>> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let mut bytes = Vec::new();
    // One byte past the limit tells a file at the limit from a longer one.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("larger than {} KiB", limit / 1024),
        ));
    }
    Ok(Some(bytes))
}

/// Replaces `path` with `bytes` atomically, creating its folder if needed.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, |file| file.write_all(bytes))
}

/// Replaces `path` atomically and durably with what `fill` writes (and may seek back over)
/// in a new temporary file beside it, `.NAME.PID.tmp`: the file is flushed to disk, renamed
/// over `path`, and the folder flushed. On any error the temporary is removed and `path` is
/// left as it was. Creates the folder if needed.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    // The process id keeps two aipx processes writing at once from sharing a temporary.
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        fill(&mut file)?;
        // Data on disk before the rename, or a crash could leave the new name empty.
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        // The rename itself is durable once the folder is; not every platform can open one.
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_within_the_limit_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        assert_eq!(super::read(&path, 10).unwrap(), None);
        std::fs::write(&path, "0123456789").unwrap();
        assert_eq!(
            super::read(&path, 10).unwrap().as_deref(),
            Some("0123456789")
        );
        assert!(super::read(&path, 9).is_err());
        std::fs::write(&path, b"\xff\xfe").unwrap();
        assert!(super::read(&path, 10).is_err());
        assert!(super::read(dir.path(), 10).is_err());
    }

    #[test]
    fn replaces_the_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/list.toml");
        super::write(&path, b"first version, longer").unwrap();
        super::write(&path, b"second").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("list.toml")]);
    }

    #[test]
    fn streams_and_seeks_and_a_failed_fill_leaves_the_old_file() {
        use std::io::{Seek, SeekFrom, Write};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.bin");
        super::write_with(&path, |f| {
            f.write_all(b"....payload")?;
            f.seek(SeekFrom::Start(0))?;
            f.write_all(b"HEAD")
        })
        .unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"HEADpayload");
        let failed = super::write_with(&path, |f| {
            f.write_all(b"half")?;
            Err(std::io::Error::other("interrupted"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"HEADpayload");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("cache.bin")]);
    }
}
