//! Errors in a dataset, each pinned to `path:line:col`.

use std::cell::OnceCell;
use std::fmt;
use std::ops::Range;

/// One problem in a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    /// File as the user named it.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.col, self.message
        )
    }
}

/// Every problem found in a dataset, in file and line order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataErrors(pub Vec<DataError>);

impl fmt::Display for DataErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DataErrors {}

/// A data file's text (or a piece of it), to turn byte spans into positions.
pub struct Located<'a> {
    /// Path used in messages.
    pub path: &'a str,
    /// Whole text.
    pub text: &'a str,
    /// Lines before `text` in its file (when it is a piece).
    lines_before: usize,
    /// Offsets of the line starts, found at the first error: a valid file never needs them,
    /// and for a million-record file they are tens of megabytes.
    line_starts: OnceCell<Vec<usize>>,
}

impl<'a> Located<'a> {
    /// Positions in `text`, a whole file.
    pub fn new(path: &'a str, text: &'a str) -> Self {
        Located::piece(path, text, 0)
    }

    /// Positions in `text`, a piece of a file after its first `lines_before` lines.
    pub fn piece(path: &'a str, text: &'a str, lines_before: usize) -> Self {
        Located {
            path,
            text,
            lines_before,
            line_starts: OnceCell::new(),
        }
    }

    /// An error at the start of `span`.
    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> DataError {
        let line_starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let at = span.start.min(self.text.len());
        let line = line_starts.partition_point(|&s| s <= at);
        let start = line_starts[line - 1];
        let col = self
            .text
            .get(start..at)
            .map_or(at - start, |s| s.chars().count())
            + 1;
        DataError {
            path: self.path.to_string(),
            line: self.lines_before + line,
            col,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "a = 1\n名前 = \"x\"\n";
        let file = Located::new("f.toml", text);
        let at = text.find('=').unwrap();
        assert_eq!(file.error(at..at + 1, "m").to_string(), "f.toml:1:3: m");
        let at = text.find("\"x").unwrap();
        assert_eq!(file.error(at..at, "bad").to_string(), "f.toml:2:6: bad");
        assert_eq!(file.error(999..999, "end").line, 3);
        let piece = Located::piece("f.toml", &text[6..], 1);
        assert_eq!(
            piece.error(at - 6..at - 6, "bad").to_string(),
            "f.toml:2:6: bad"
        );
    }
}
