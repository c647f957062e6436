//! Opening files aipx did not write: regular files only, their size checked before reading.
//!
//! Every file aipx reads (dataset files, cache files, articles, and any reader added later)
//! goes through [`open`] or [`read`]. A FIFO, device or socket is refused instead of read
//! (`/dev/zero` never ends, a FIFO blocks until someone writes), and a file larger than the
//! caller's limit is refused with its size, so no input can make aipx allocate without bound.
//! The errors are `io::Error`s whose text says what is wrong; callers add the path.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Limits of the files aipx reads, documented in the README ("Limits").
pub mod limits {
    /// A dataset file read whole (`sources`, `entities`, `programs`, `catalysts`).
    pub const DATA_FILE: u64 = 64 << 20;
    /// `exposures.toml`, read in pieces: the links, not the text, are what stays in memory.
    pub const EXPOSURES: u64 = 512 << 20;
    /// A data file the fast reader declines is re-read by the `toml` crate, which needs 7-28
    /// times the file's size; larger ones are refused with the fast reader's position.
    pub const FULL_TOML: u64 = 8 << 20;
    /// One record of `exposures.toml` (the pieces are cut between records).
    pub const RECORD: usize = 16 << 20;
    /// A cache file.
    pub const CACHE: u64 = 1 << 30;
    /// An article (read in 64 KiB pieces; the limit bounds what its findings may hold).
    pub const ARTICLE: u64 = 256 << 20;
    /// Errors listed for one dataset; the rest are counted.
    pub const ERRORS: usize = 1000;
    /// Arrays and inline tables inside each other in a data file.
    pub const NESTING: usize = 32;
}

/// What a non-regular file is, for the message.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

/// The `io::Error` for a file over `limit` bytes.
fn too_large(size: u64, limit: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!(
            "file is {}, over the limit of {}",
            human(size),
            human(limit)
        ),
    )
}

/// Bytes as `12.3 MiB`, `64 MiB`, `100 bytes`.
pub fn human(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value.fract() == 0.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// Opens `path` for reading if it is a regular file of at most `limit` bytes; returns it with
/// its size. Opened without blocking, so a FIFO is refused rather than waited on.
pub fn open(path: &Path, limit: u64) -> io::Result<(File, u64)> {
    let mut options = File::options();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever; it does
        // nothing to a regular file. O_NOCTTY: a terminal device never becomes ours.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    // The handle's own metadata, so the file checked is the file read.
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{}, not a regular file", kind_of(&meta)),
        ));
    }
    if meta.len() > limit {
        return Err(too_large(meta.len(), limit));
    }
    Ok((file, meta.len()))
}

/// Reads `file` (of `size` bytes when opened) whole, refusing to go past `limit` bytes even
/// if it grows meanwhile.
pub fn read_open(file: File, size: u64, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(size.min(limit) as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// Reads `path` whole if it is a regular file of at most `limit` bytes.
pub fn read(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let (file, size) = open(path, limit)?;
    read_open(file, size, limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_regular_files_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.txt");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read(&path, 5).unwrap(), b"12345");
        let e = read(&path, 4).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::FileTooLarge);
        assert_eq!(e.to_string(), "file is 5 bytes, over the limit of 4 bytes");
    }

    #[test]
    fn refuses_folders_devices_and_fifos_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let e = read(dir.path(), 1 << 20).unwrap_err();
        assert!(
            e.to_string().contains("a folder, not a regular file"),
            "{e}"
        );
        #[cfg(unix)]
        {
            let e = read(Path::new("/dev/zero"), 1 << 20).unwrap_err();
            assert_eq!(e.to_string(), "a character device, not a regular file");
            let fifo = dir.path().join("fifo");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                let e = read(&fifo, 1 << 20).unwrap_err();
                assert_eq!(e.to_string(), "a FIFO, not a regular file");
            } else {
                eprintln!("skipped the FIFO case: mkfifo is not available");
            }
        }
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human(100), "100 bytes");
        assert_eq!(human(64 << 20), "64 MiB");
        assert_eq!(human(1536), "1.5 KiB");
        assert_eq!(human(1 << 30), "1 GiB");
    }
}
