//! Reading articles from disk: folders walked for text files, binary files skipped, invalid
//! UTF-8 read lossily with a warning, lines streamed in bounded pieces so a file of any size
//! runs in bounded memory, and the article's date taken from its `Date:`/`Published` line.

mod dateline;
mod html;
#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Extractor, Findings};
pub use dateline::{date_line, find_date_line};
use html::HtmlText;

/// Lines at the top of an article searched for its date.
pub const HEAD_LINES: usize = 40;
/// Longest piece of a line read at once; longer lines are read in pieces of this size.
pub const MAX_LINE: usize = 64 * 1024;
/// File extensions read when walking a folder.
pub const EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "html", "htm"];

/// Where an article's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOfSource {
    /// A `Date:`/`Published` line or a press-release dateline in the article.
    DateLine,
    /// The `--as-of` flag.
    Flag,
    /// The file's modification time.
    FileTime,
    /// The day standard input was read (it has no file time).
    ReadDay,
}

impl AsOfSource {
    /// As read from standard input: the day stands in for a file time it does not have.
    pub fn on_stdin(self) -> AsOfSource {
        match self {
            AsOfSource::FileTime => AsOfSource::ReadDay,
            other => other,
        }
    }

    /// Words for output: `date line`, `--as-of`, `file time`, `day read`.
    pub fn as_str(self) -> &'static str {
        match self {
            AsOfSource::DateLine => "date line",
            AsOfSource::Flag => "--as-of",
            AsOfSource::FileTime => "file time",
            AsOfSource::ReadDay => "day read",
        }
    }
}

/// One article read and extracted.
#[derive(Debug, Clone)]
pub struct Article {
    /// Path as given or found in a folder.
    pub file: String,
    /// The date catalysts are counted from.
    pub as_of: NaiveDate,
    /// Where that date came from.
    pub as_of_source: AsOfSource,
    /// What was found.
    pub findings: Findings,
    /// Problems with the input that did not stop it being read.
    pub warnings: Vec<String>,
}

/// Something the reader tells the user without failing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A file not read, and why.
    Skipped {
        /// The file.
        file: String,
        /// Why.
        reason: String,
    },
    /// A file read with a problem.
    Warning {
        /// The file.
        file: String,
        /// What.
        message: String,
    },
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::Skipped { file, reason } => write!(f, "{file}: skipped: {reason}"),
            Notice::Warning { file, message } => write!(f, "{file}: warning: {message}"),
        }
    }
}

/// Why articles could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// A path that does not exist.
    #[error("{path}: no such file or folder")]
    Missing {
        /// The path.
        path: String,
    },
    /// A read that failed.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The path.
        path: String,
        /// The error.
        source: io::Error,
    },
}

/// Why a file is not text, judged from its first bytes.
fn binary_reason(head: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF file"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a zip archive"),
        (b"\x1f\x8b", "a gzip archive"),
        (b"\x7fELF", "an executable"),
    ];
    if let Some((_, what)) = MAGIC.iter().find(|(m, _)| head.starts_with(m)) {
        return Some(what);
    }
    if head.contains(&0) {
        return Some("binary data (NUL bytes)");
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    (head.len() >= 32 && control * 10 > head.len()).then_some("binary data (control bytes)")
}

/// Reads lines of at most [`MAX_LINE`] bytes; a longer line comes back in pieces that share
/// its line number. Returns the piece and whether it ended the line.
fn next_piece(reader: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<Option<bool>> {
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok((!buf.is_empty()).then_some(true));
        }
        let room = MAX_LINE.saturating_sub(buf.len()).max(1);
        let window = &available[..available.len().min(room)];
        if let Some(i) = window.iter().position(|&b| b == b'\n') {
            buf.extend_from_slice(&window[..i]);
            reader.consume(i + 1);
            return Ok(Some(true));
        }
        let n = window.len();
        buf.extend_from_slice(window);
        reader.consume(n);
        if buf.len() >= MAX_LINE {
            return Ok(Some(false));
        }
    }
}

/// Reads one article from any reader. `name` is shown in output; `html` strips tags;
/// the date is the article's own date line, else `as_of`, else `file_time`.
pub fn read_from(
    ex: &Extractor,
    reader: impl Read,
    name: &str,
    html: bool,
    as_of: Option<NaiveDate>,
    file_time: NaiveDate,
) -> io::Result<Result<Article, String>> {
    let mut reader = BufReader::with_capacity(64 * 1024, reader);
    let head = reader.fill_buf()?;
    if let Some(reason) = binary_reason(&head[..head.len().min(8192)]) {
        return Ok(Err(format!("{reason}; not an article")));
    }
    let mut warnings = Vec::new();
    let mut stripper = html.then(HtmlText::default);
    let mut lossy_line = None;
    let mut buf = Vec::new();
    let mut carry = Vec::new();
    let mut number = 1;
    let mut head_lines: Vec<(String, usize)> = Vec::new();
    let mut session = None;
    let fallback = as_of.unwrap_or(file_time);
    let mut source = if as_of.is_some() {
        AsOfSource::Flag
    } else {
        AsOfSource::FileTime
    };
    loop {
        buf.clear();
        buf.append(&mut carry);
        let Some(complete) = next_piece(&mut reader, &mut buf)? else {
            break;
        };
        // Cut a long line after its last space, so words and amounts stay whole.
        if !complete
            && let Some(p) = buf
                .iter()
                .rposition(|&b| b == b' ')
                .filter(|&p| p + 4096 > buf.len())
        {
            carry.extend_from_slice(&buf[p + 1..]);
            buf.truncate(p + 1);
        }
        let text: std::borrow::Cow<str> = match std::str::from_utf8(&buf) {
            Ok(s) => std::borrow::Cow::Borrowed(s),
            // A character cut by a piece boundary is finished by the next piece.
            Err(e) if !complete && e.error_len().is_none() => {
                let cut = e.valid_up_to();
                carry.extend_from_slice(&buf[cut..]);
                String::from_utf8_lossy(&buf[..cut])
            }
            Err(_) => {
                lossy_line.get_or_insert(number);
                String::from_utf8_lossy(&buf)
            }
        };
        let text = match stripper.as_mut().map(|s| s.line(&text, complete)) {
            Some(Ok(t)) => std::borrow::Cow::Owned(t),
            Some(Err(reason)) => return Ok(Err(reason)),
            None => text,
        };
        match session.as_mut() {
            None => {
                head_lines.push((text.into_owned(), number));
                if head_lines.len() >= HEAD_LINES {
                    session = Some(start(ex, &mut head_lines, fallback, &mut source));
                }
            }
            Some(s) => s.line(&text, number),
        }
        if complete {
            number += 1;
        }
    }
    // What the tokenizer held at the end (text after the last line end, a cut reference).
    if let Some(rest) = stripper
        .map(HtmlText::finish)
        .filter(|t| !t.trim().is_empty())
    {
        match session.as_mut() {
            None => head_lines.push((rest, number)),
            Some(s) => s.line(&rest, number),
        }
    }
    let session = match session {
        Some(s) => s,
        None => start(ex, &mut head_lines, fallback, &mut source),
    };
    let as_of = session_date(&session);
    if let Some(line) = lossy_line {
        warnings.push(format!(
            "not valid UTF-8 (first bad byte on line {line}); read with replacement characters"
        ));
    }
    let findings = session.finish();
    if source == AsOfSource::FileTime && (!findings.catalysts.is_empty() || findings.history > 0) {
        // Which dates are still ahead, and the year of "June" or "next year", hang on this
        // day; a file's time is often a download or copy, not when the article was written.
        warnings.push(format!(
            "no date line and no --as-of: dates were read as of {as_of}, the file's time \
             (for standard input, the day it was read), which is a guess at when the article \
             was written; pass --as-of YYYY-MM-DD"
        ));
    }
    if findings.truncated {
        warnings.push(format!(
            "more than {} distinct findings; the rest were not kept",
            super::MAX_DISTINCT
        ));
    }
    Ok(Ok(Article {
        file: name.to_string(),
        as_of,
        as_of_source: source,
        findings,
        warnings,
    }))
}

fn session_date(s: &super::Session<'_>) -> NaiveDate {
    s.as_of
}

/// Dates the article from its first lines and starts a session fed with them.
fn start<'a>(
    ex: &'a Extractor,
    head: &mut Vec<(String, usize)>,
    fallback: NaiveDate,
    source: &mut AsOfSource,
) -> super::Session<'a> {
    let found = head.iter().find_map(|(l, _)| date_line(l, fallback));
    if found.is_some() {
        *source = AsOfSource::DateLine;
    }
    let mut session = ex.session(found.unwrap_or(fallback));
    session.prime(head.iter().map(|(l, _)| l.as_str()));
    for (line, n) in head.drain(..) {
        session.line(&line, n);
    }
    session
}

/// The file's modification day, the fallback article date.
pub fn modified(path: &Path) -> Option<NaiveDate> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(chrono::DateTime::<chrono::Local>::from(time).date_naive())
}

fn is_article_file(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'));
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    !hidden && ext.is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

/// What makes two paths one file or folder: device and inode, so symlinks (`sub/up -> ..`,
/// `self -> .`), hard links and a path given twice all meet.
#[cfg(unix)]
type RealFile = (u64, u64);
#[cfg(not(unix))]
type RealFile = PathBuf;

fn real_file(path: &Path) -> Option<RealFile> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(path).ok()?;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        std::fs::canonicalize(path).ok()
    }
}

/// Whether `path` is new to `seen` (a path that cannot be resolved counts as new, so its
/// error is reported when it is read).
fn first_visit(seen: &mut HashSet<RealFile>, path: &Path) -> bool {
    real_file(path).is_none_or(|id| seen.insert(id))
}

/// Article files under `dir`, each real file and folder once, so symlink loops end.
fn walk(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    seen: &mut HashSet<RealFile>,
) -> Result<(), IngestError> {
    if !first_visit(seen, dir) {
        return Ok(());
    }
    let err = |source| IngestError::Io {
        path: dir.display().to_string(),
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(err)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if !path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
            {
                walk(&path, out, seen)?;
            }
        } else if is_article_file(&path) && first_visit(seen, &path) {
            out.push(path);
        }
    }
    Ok(())
}

/// `-`: standard input, as the one path that is not a file.
fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Whether text read without a file name (standard input) looks like HTML.
pub(crate) fn looks_like_html(head: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&head[..head.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
}

/// The files `paths` name: files as given, folders walked for article files, `-` for
/// standard input; each real file once, however many paths lead to it.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, IngestError> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for p in paths {
        if is_stdin(p) {
            out.push(p.clone());
        } else if p.is_dir() {
            walk(p, &mut out, &mut seen)?;
        } else if p.exists() {
            // The same file given twice (or by two names) is read once.
            if first_visit(&mut seen, p) {
                out.push(p.clone());
            }
        } else {
            return Err(IngestError::Missing {
                path: p.display().to_string(),
            });
        }
    }
    Ok(out)
}

/// Reads and extracts every article `paths` name. A missing path fails the whole call;
/// binary files are skipped with a notice; bad UTF-8 is read with a warning.
pub fn read_paths(
    ex: &Extractor,
    paths: &[PathBuf],
    as_of: Option<NaiveDate>,
) -> Result<(Vec<Article>, Vec<Notice>), IngestError> {
    let files = expand(paths)?;
    let mut articles = Vec::new();
    let mut notices = Vec::new();
    for path in files {
        if is_stdin(&path) {
            let err = |source| IngestError::Io {
                path: "<stdin>".into(),
                source,
            };
            let mut stdin = BufReader::with_capacity(64 * 1024, io::stdin().lock());
            let html = looks_like_html(stdin.fill_buf().map_err(err)?);
            // Standard input has no file time: the day it is read stands in.
            let today = crate::model::local_today();
            match read_from(ex, stdin, "<stdin>", html, as_of, today).map_err(err)? {
                Ok(mut article) => {
                    article.as_of_source = article.as_of_source.on_stdin();
                    for w in &article.warnings {
                        notices.push(Notice::Warning {
                            file: "<stdin>".into(),
                            message: w.clone(),
                        });
                    }
                    articles.push(article);
                }
                Err(reason) => notices.push(Notice::Skipped {
                    file: "<stdin>".into(),
                    reason,
                }),
            }
            continue;
        }
        let name = path.display().to_string();
        let err = |source| IngestError::Io {
            path: name.clone(),
            source,
        };
        let (file, _) = crate::fsread::open(&path, crate::fsread::limits::ARTICLE).map_err(err)?;
        let html = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
        let file_time = modified(&path).unwrap_or_else(crate::model::local_today);
        match read_from(ex, file, &name, html, as_of, file_time).map_err(err)? {
            Ok(article) => {
                for w in &article.warnings {
                    notices.push(Notice::Warning {
                        file: name.clone(),
                        message: w.clone(),
                    });
                }
                articles.push(article);
            }
            Err(reason) => notices.push(Notice::Skipped { file: name, reason }),
        }
    }
    Ok((articles, notices))
}
