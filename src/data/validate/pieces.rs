//! The exposures file read and validated a piece at a time: a million links are most of a
//! dataset's text, and need never be in memory whole.

use super::{DataError, ExposuresFile, Located, Validator, fast};
use crate::fsread::limits;

impl<'t> Validator<'t> {
    /// Reads exposures from `file`, whole.
    pub(super) fn exposures(&mut self, file: Located<'t>) -> bool {
        let slow = |text: &str| toml::from_str::<ExposuresFile<'static>>(text).map(|f| f.exposure);
        self.read(file, fast::exposure, slow, Validator::exposure)
    }

    /// A validator for text that lives shorter than this one's files, holding this one's
    /// state until [`absorb`](Self::absorb) gives it back.
    fn nested<'p>(&mut self) -> Validator<'p> {
        Validator {
            file: Located::new("", ""),
            errors: std::mem::take(&mut self.errors),
            data: std::mem::take(&mut self.data),
            sources: self.sources.take(),
            entities: self.entities.take(),
            programs: self.programs.take(),
            catalysts: self.catalysts.take(),
            parents: Vec::new(),
            unlisted: std::mem::take(&mut self.unlisted),
        }
    }

    fn absorb(&mut self, nested: Validator<'_>) {
        self.errors = nested.errors;
        self.data = nested.data;
        self.sources = nested.sources;
        self.entities = nested.entities;
        self.programs = nested.programs;
        self.catalysts = nested.catalysts;
        self.unlisted = nested.unlisted;
    }

    /// Reads the exposures file from `stream` a piece at a time, cut before a `[[` header,
    /// so the text of a million links is never held whole. A piece that does not read on its
    /// own (a header-like line inside a multi-line string) sends the whole file down the
    /// ordinary path, so errors stay exactly where they are.
    pub(super) fn exposures_in_pieces(
        &mut self,
        path: &str,
        stream: &std::fs::File,
        piece: usize,
    ) -> bool {
        let mark = self.mark();
        match pieces(stream, piece, |text, lines_before| {
            let mut nested = self.nested();
            let ok = nested.exposures(Located::piece(path, text, lines_before));
            self.absorb(nested);
            ok
        }) {
            Ok(true) => true,
            // Beyond the limit for whole files, the piece's own errors stand (their positions
            // are right; a header inside a multi-line string is then reported as an error).
            Ok(false)
                if stream
                    .metadata()
                    .is_ok_and(|m| m.len() <= limits::DATA_FILE) =>
            {
                self.restore(mark);
                self.exposures_whole(path, stream)
            }
            Ok(false) => false,
            Err(Unreadable {
                at,
                lines_before,
                text,
                message,
            }) => {
                let file = Located::piece(path, &text, lines_before);
                self.errors.push(file.error(at..at, message));
                false
            }
        }
    }

    fn exposures_whole(&mut self, path: &str, mut stream: &std::fs::File) -> bool {
        use std::io::{Read, Seek};
        let mut bytes = Vec::new();
        let read = stream.rewind().and_then(|()| {
            (&mut stream)
                .take(limits::DATA_FILE + 1)
                .read_to_end(&mut bytes)
        });
        if bytes.len() as u64 > limits::DATA_FILE {
            self.errors.push(DataError {
                path: path.to_string(),
                line: 1,
                col: 1,
                message: "cannot read file: it grew while being read".to_string(),
            });
            return false;
        }
        if let Err(e) = read {
            self.errors.push(DataError {
                path: path.to_string(),
                line: 1,
                col: 1,
                message: format!("cannot read file: {e}"),
            });
            return false;
        }
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            // Valid when read in pieces, so the file changed since.
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let valid = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
                let file = Located::new(path, &valid);
                self.errors
                    .push(file.error(at..at, "file is not valid UTF-8"));
                return false;
            }
        };
        let mut nested = self.nested();
        let ok = nested.exposures(Located::new(path, &text));
        self.absorb(nested);
        ok
    }
}

/// Why a file could not be read as text: an I/O error, or bytes that are not UTF-8 at `at`
/// in `text`, the piece of it after `lines_before` lines.
struct Unreadable {
    at: usize,
    lines_before: usize,
    text: String,
    message: String,
}

/// Bytes read at a time; a piece is cut at the last record header in what is read.
pub(super) const PIECE: usize = 4 << 20;

/// Hands `read` the text of `stream`, read `size` bytes at a time, in pieces that each start
/// at a line beginning with `[[` (or the file start), with the number of lines before each;
/// stops at the first piece `read` rejects (returning `Ok(false)`).
fn pieces(
    mut stream: &std::fs::File,
    size: usize,
    mut read: impl FnMut(&str, usize) -> bool,
) -> Result<bool, Unreadable> {
    use std::io::Read;
    let mut buffer: Vec<u8> = Vec::with_capacity(2 * size);
    let mut lines_before = 0;
    let mut end = false;
    while !end || !buffer.is_empty() {
        if !end {
            let got = (&mut stream)
                .take(size as u64)
                .read_to_end(&mut buffer)
                .map_err(|e| Unreadable {
                    at: 0,
                    lines_before,
                    text: String::new(),
                    message: format!("cannot read file: {e}"),
                })?;
            end = got == 0;
        }
        let cut = if end {
            buffer.len()
        } else {
            // After the last newline followed by `[[`; none yet means a huge record: read on.
            match memchr::memmem::rfind(&buffer, b"\n[[") {
                Some(i) if i > 0 => i + 1,
                _ if buffer.len() > limits::RECORD + size => {
                    let text = String::from_utf8_lossy(&buffer[..0]).into_owned();
                    let message = format!(
                        "no record header ([[exposure]]) in {} after this line: a record \
                         may be at most {}",
                        crate::fsread::human(buffer.len() as u64),
                        crate::fsread::human(limits::RECORD as u64)
                    );
                    return Err(Unreadable {
                        at: 0,
                        lines_before,
                        text,
                        message,
                    });
                }
                _ => continue,
            }
        };
        let text = match std::str::from_utf8(&buffer[..cut]) {
            Ok(text) => text,
            Err(e) => {
                let at = e.valid_up_to();
                let text = String::from_utf8_lossy(&buffer[..at]).into_owned();
                let message = "file is not valid UTF-8".to_string();
                return Err(Unreadable {
                    at,
                    lines_before,
                    text,
                    message,
                });
            }
        };
        if !read(text, lines_before) {
            return Ok(false);
        }
        lines_before += memchr::memchr_iter(b'\n', text.as_bytes()).count();
        buffer.drain(..cut);
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::DataFiles;
    use crate::data::validate::validate_in;
    use std::io::Write;

    /// The embedded dataset with its exposures streamed from a file holding `exposures`.
    fn streamed(exposures: &str) -> (DataFiles, tempfile::NamedTempFile) {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(exposures.as_bytes()).unwrap();
        let mut files = DataFiles::embedded();
        files.exposures.stream = Some(file.reopen().unwrap());
        files.exposures.text.clear();
        (files, file)
    }

    fn seed_exposures() -> String {
        DataFiles::embedded().exposures.text
    }

    #[test]
    fn pieces_start_at_headers_and_count_the_lines_before_them() {
        let text = seed_exposures();
        let (_, file) = streamed(&text);
        let mut seen = Vec::new();
        let done = pieces(&file.reopen().unwrap(), 300, |piece, lines_before| {
            seen.push((piece.to_string(), lines_before));
            true
        });
        assert!(matches!(done, Ok(true)));
        assert!(seen.len() > 20, "{} pieces", seen.len());
        assert_eq!(seen.iter().map(|p| p.0.as_str()).collect::<String>(), text);
        let mut lines = 0;
        for (i, (piece, before)) in seen.iter().enumerate() {
            assert!(i == 0 || piece.starts_with("[["), "{piece:?}");
            assert_eq!(*before, lines);
            lines += piece.matches('\n').count();
        }
    }

    #[test]
    fn streamed_exposures_read_as_the_whole_file_does() {
        let whole = DataFiles::embedded().parse().unwrap();
        for piece in [64, 1000, PIECE] {
            let (files, _f) = streamed(&seed_exposures());
            let data = validate_in(&files, piece).expect("valid");
            let (got, want) = (
                format!("{:?}", data.exposures),
                format!("{:?}", whole.exposures),
            );
            assert!(got == want, "pieces of {piece} bytes");
        }
    }

    #[test]
    fn errors_deep_in_a_streamed_file_keep_their_line() {
        let mut text = seed_exposures();
        let line = text.matches('\n').count() + 3;
        text.push_str("\n[[exposure]]\nentity = \"nobody\"\nprogram = \"genesis-mission\"\n");
        text.push_str(
            "role = \"sponsor\"\nbasis = \"stated\"\ndirection = \"tailwind\"\nsources = [\"genesis-japan\"]\n",
        );
        text.push_str("note = \"n\"\n");
        let (files, _f) = streamed(&text);
        let errors = validate_in(&files, 200).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].col), (line, 10), "{}", errors[0]);
    }

    #[test]
    fn a_header_inside_a_string_sends_the_whole_file_down_the_ordinary_path() {
        let mut text = seed_exposures();
        text.push_str("\n[[exposure]]\nentity = \"us-doe\"\nprogram = \"genesis-mission\"\n");
        text.push_str(
            "role = \"sponsor\"\nbasis = \"stated\"\ndirection = \"tailwind\"\nsources = [\"genesis-japan\"]\n",
        );
        text.push_str("note = \"\"\"quoted\n[[exposure]]\ninside\"\"\"\n");
        let (files, _f) = streamed(&text);
        let data = validate_in(&files, 64).expect("no error the file does not have");
        let last = data.exposures.last().unwrap();
        assert_eq!(&*last.note, "quoted\n[[exposure]]\ninside");
        assert_eq!(
            data.exposures.len(),
            DataFiles::embedded().parse().unwrap().exposures.len() + 1
        );
    }
}
