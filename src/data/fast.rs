//! A fast reader for the subset of TOML the dataset files use.
//!
//! The `toml` crate builds a whole document tree before deserialising, which costs seconds and
//! gigabytes on a million-record dataset. This scanner reads the dataset's plain shape
//! (`[[table]]` headers, `key = value` with strings, numbers, string arrays and one-line inline
//! tables) straight into records. It never reports errors itself: on anything outside that
//! shape, or any schema problem, it gives up and the caller re-reads the file with the `toml`
//! crate, whose messages and positions are the reference.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;

/// A value with the byte span it was read from.
pub type Sp<T> = Spanned<T>;

/// A value of the subset; strings borrow from the text unless they hold escapes.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// A string (basic, multi-line basic or literal).
    Str(Cow<'a, str>),
    /// An integer or float.
    Num(f64),
    /// An array.
    Arr(Vec<Sp<Value<'a>>>),
    /// An inline table.
    Table(Fields<'a>),
}

/// Keys and values of a table, in file order.
pub type Fields<'a> = Vec<(&'a str, Sp<Value<'a>>)>;

/// One `[[header]]` table and its keys.
#[derive(Debug)]
pub struct Record<'a> {
    /// The header name, e.g. `entity` or `program.funding`.
    pub header: &'a str,
    /// Span of the header.
    pub span: Range<usize>,
    /// Keys in file order.
    pub fields: Fields<'a>,
}

/// The text left the subset: read the file with the full TOML parser instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Declined;

struct Scanner<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
    /// Arrays and inline tables open around `i`: past [`NESTING`] the reader declines, so
    /// 60,000 nested `[` never overflow the stack.
    depth: usize,
}

use crate::fsread::limits::NESTING;

/// `None` means "not in the subset": re-read with the full TOML parser.
type R<T> = Option<T>;

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let hit = self.peek() == Some(b);
        self.i += usize::from(hit);
        hit
    }

    fn starts(&self, lit: &[u8]) -> bool {
        self.s[self.i..].starts_with(lit)
    }

    fn blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }

    /// A comment up to (not including) the newline; control characters are invalid TOML.
    fn comment(&mut self) -> R<()> {
        if self.eat(b'#') {
            while let Some(b) = self.peek() {
                if b == b'\n' || (b == b'\r' && self.s.get(self.i + 1) == Some(&b'\n')) {
                    break;
                }
                if (b < 0x20 && b != b'\t') || b == 0x7f {
                    return None;
                }
                self.i += 1;
            }
        }
        Some(())
    }

    fn newline(&mut self) -> bool {
        self.eat(b'\n')
            || (self.starts(b"\r\n") && {
                self.i += 2;
                true
            })
    }

    /// Blanks, comments and newlines.
    fn gaps(&mut self) -> R<()> {
        loop {
            self.blanks();
            self.comment()?;
            if !self.newline() {
                return Some(());
            }
        }
    }

    /// The rest of a line after a value: blanks, an optional comment, then newline or end.
    fn end_of_line(&mut self) -> R<()> {
        self.blanks();
        self.comment()?;
        (self.newline() || self.i == self.s.len()).then_some(())
    }

    fn bare_key(&mut self) -> R<&'a str> {
        let start = self.i;
        while matches!(
            self.peek(),
            Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-')
        ) {
            self.i += 1;
        }
        (self.i > start).then(|| &self.text[start..self.i])
    }

    fn value(&mut self) -> R<Sp<Value<'a>>> {
        let start = self.i;
        let value = match self.peek()? {
            b'"' if self.starts(b"\"\"\"") => Value::Str(self.multiline()?),
            b'"' => Value::Str(self.basic()?),
            b'\'' => Value::Str(self.literal()?),
            b'[' | b'{' if self.depth >= NESTING => return None,
            b'[' => {
                self.depth += 1;
                let items = self.array()?;
                self.depth -= 1;
                Value::Arr(items)
            }
            b'{' => {
                self.depth += 1;
                let fields = self.inline_table()?;
                self.depth -= 1;
                Value::Table(fields)
            }
            b'+' | b'-' | b'0'..=b'9' => Value::Num(self.number()?),
            _ => return None,
        };
        Some(Spanned::new(start..self.i, value))
    }

    fn escape(&mut self, out: &mut String) -> R<()> {
        let c = match self.peek()? {
            b'"' => '"',
            b'\\' => '\\',
            b'n' => '\n',
            b't' => '\t',
            b'r' => '\r',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'u' | b'U' => {
                let len = if self.peek()? == b'u' { 4 } else { 8 };
                let hex = self.text.get(self.i + 1..self.i + 1 + len)?;
                let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
                self.i += len;
                c
            }
            _ => return None,
        };
        self.i += 1;
        out.push(c);
        Some(())
    }

    /// Borrows the text when the string has no escapes, as nearly all do.
    fn basic(&mut self) -> R<Cow<'a, str>> {
        self.i += 1;
        let mut out: Option<String> = None;
        loop {
            let run = self.i;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || (b < 0x20 && b != b'\t') || b == 0x7f {
                    break;
                }
                self.i += 1;
            }
            let piece = &self.text[run..self.i];
            match self.peek()? {
                b'"' => {
                    self.i += 1;
                    return Some(match out {
                        None => Cow::Borrowed(piece),
                        Some(mut owned) => {
                            owned.push_str(piece);
                            Cow::Owned(owned)
                        }
                    });
                }
                b'\\' => {
                    self.i += 1;
                    let owned = out.get_or_insert_with(String::new);
                    owned.push_str(piece);
                    self.escape(owned)?;
                }
                _ => return None,
            }
        }
    }

    fn multiline(&mut self) -> R<Cow<'a, str>> {
        self.i += 3;
        self.newline();
        let mut out = String::new();
        loop {
            if self.starts(b"\"\"\"") {
                // `""""` and longer closings are legal but rare: leave them to the full parser.
                if self.s.get(self.i + 3) == Some(&b'"') {
                    return None;
                }
                self.i += 3;
                return Some(Cow::Owned(out));
            }
            match self.peek()? {
                b'\\' => {
                    self.i += 1;
                    // A line-ending backslash swallows the newline and following whitespace.
                    self.blanks();
                    if self.newline() {
                        while self.newline() || matches!(self.peek(), Some(b' ' | b'\t')) {
                            self.blanks();
                        }
                    } else {
                        self.escape(&mut out)?;
                    }
                }
                b'\r' if self.starts(b"\r\n") => {
                    self.i += 2;
                    out.push('\n');
                }
                b if (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7f => return None,
                _ => {
                    let run = self.i;
                    self.i += 1;
                    while self.i < self.s.len()
                        && !matches!(self.s[self.i], b'"' | b'\\' | b'\r' | 0..=0x1f | 0x7f)
                    {
                        self.i += 1;
                    }
                    out.push_str(&self.text[run..self.i]);
                }
            }
        }
    }

    fn literal(&mut self) -> R<Cow<'a, str>> {
        if self.starts(b"'''") {
            return None;
        }
        self.i += 1;
        let start = self.i;
        loop {
            match self.peek()? {
                b'\'' => break,
                b if (b < 0x20 && b != b'\t') || b == 0x7f => return None,
                _ => self.i += 1,
            }
        }
        let out = &self.text[start..self.i];
        self.i += 1;
        Some(Cow::Borrowed(out))
    }

    /// Decimal integers and floats as TOML writes them (no leading zeros, `_` between digits).
    fn number(&mut self) -> R<f64> {
        let start = self.i;
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.i += 1;
        }
        let digits = |sc: &mut Self| -> R<()> {
            let from = sc.i;
            while let Some(b) = sc.peek() {
                // `_` is allowed only between two digits.
                let separator =
                    b == b'_' && sc.i > from && sc.s.get(sc.i + 1).is_some_and(u8::is_ascii_digit);
                if !(b.is_ascii_digit() || separator) {
                    break;
                }
                sc.i += 1;
            }
            (sc.i > from).then_some(())
        };
        let int_start = self.i;
        digits(self)?;
        if self.s[int_start] == b'0' && self.i - int_start > 1 {
            return None;
        }
        if self.eat(b'.') {
            digits(self)?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            digits(self)?;
        }
        if matches!(
            self.peek(),
            Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-' | b':' | b'.')
        ) {
            return None;
        }
        self.text[start..self.i].replace('_', "").parse().ok()
    }

    fn array(&mut self) -> R<Vec<Sp<Value<'a>>>> {
        self.i += 1;
        let mut items = Vec::new();
        loop {
            self.gaps()?;
            if self.eat(b']') {
                return Some(items);
            }
            items.push(self.value()?);
            self.gaps()?;
            if !self.eat(b',') {
                self.gaps()?;
                return self.eat(b']').then_some(items);
            }
        }
    }

    fn inline_table(&mut self) -> R<Fields<'a>> {
        self.i += 1;
        let mut fields: Fields<'a> = Vec::new();
        self.blanks();
        if self.eat(b'}') {
            return Some(fields);
        }
        loop {
            self.blanks();
            let key = self.bare_key()?;
            self.blanks();
            if !self.eat(b'=') {
                return None;
            }
            self.blanks();
            let value = self.value()?;
            if fields.iter().any(|(k, _)| *k == key) {
                return None;
            }
            fields.push((key, value));
            self.blanks();
            if self.eat(b'}') {
                return Some(fields);
            }
            if !self.eat(b',') {
                return None;
            }
        }
    }
}

/// Reads the `[[header]]` records of a file one at a time.
pub struct Records<'a> {
    sc: Scanner<'a>,
    /// A header already read while finishing the previous record.
    pending: Option<Record<'a>>,
}

impl<'a> Records<'a> {
    /// Starts reading `text`.
    pub fn new(text: &'a str) -> Self {
        let mut sc = Scanner {
            s: text.as_bytes(),
            text,
            i: 0,
            depth: 0,
        };
        if sc.starts("\u{feff}".as_bytes()) {
            sc.i += 3;
        }
        Records { sc, pending: None }
    }

    fn header(&mut self) -> R<Option<Record<'a>>> {
        let sc = &mut self.sc;
        sc.gaps()?;
        if sc.i == sc.s.len() {
            return Some(None);
        }
        if !sc.starts(b"[[") {
            return None;
        }
        let start = sc.i;
        sc.i += 2;
        sc.bare_key()?;
        while sc.eat(b'.') {
            sc.bare_key()?;
        }
        let header = &sc.text[start + 2..sc.i];
        if !sc.starts(b"]]") {
            return None;
        }
        sc.i += 2;
        let span = start..sc.i;
        sc.end_of_line()?;
        Some(Some(Record {
            header,
            span,
            fields: Vec::new(),
        }))
    }

    /// Where the reader is: after a [`Declined`], near what it declined.
    pub fn position(&self) -> usize {
        self.sc.i
    }

    /// The next record, `Ok(None)` at the end, or `Err(Declined)` outside the subset.
    pub fn next_record(&mut self) -> Result<Option<Record<'a>>, Declined> {
        let mut record = match self.pending.take() {
            Some(r) => r,
            None => match self.header().ok_or(Declined)? {
                Some(r) => r,
                None => return Ok(None),
            },
        };
        loop {
            let sc = &mut self.sc;
            sc.gaps().ok_or(Declined)?;
            if sc.i == sc.s.len() {
                return Ok(Some(record));
            }
            if sc.starts(b"[[") {
                self.pending = self.header().ok_or(Declined)?;
                return Ok(Some(record));
            }
            let key = sc.bare_key().ok_or(Declined)?;
            sc.blanks();
            if !sc.eat(b'=') {
                return Err(Declined);
            }
            sc.blanks();
            let value = sc.value().ok_or(Declined)?;
            if record.fields.iter().any(|(k, _)| *k == key) {
                return Err(Declined);
            }
            record.fields.push((key, value));
            sc.end_of_line().ok_or(Declined)?;
        }
    }
}

/// Every record of `text`, or `None` if the text leaves the subset.
#[cfg(test)]
fn records(text: &str) -> Option<Vec<Record<'_>>> {
    let mut reader = Records::new(text);
    let mut out = Vec::new();
    while let Some(r) = reader.next_record().ok()? {
        out.push(r);
    }
    Some(out)
}

/// Where `text` nests arrays and inline tables deeper than [`NESTING`], if it does: checked
/// before the `toml` crate reads a file, since its parser recurses once per level and would
/// overflow the stack. Strings and comments are skipped as TOML defines them; headers
/// (`[[a]]`) open and close on their line, so only values nest.
pub fn too_deep(text: &str) -> Option<usize> {
    let s = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'#' => i = memchr::memchr(b'\n', &s[i..]).map_or(s.len(), |n| i + n),
            q @ (b'"' | b'\'') => {
                let delimiter: &[u8] = match (q, s[i..].starts_with(&[q, q, q])) {
                    (b'"', true) => b"\"\"\"",
                    (_, true) => b"'''",
                    (b'"', false) => b"\"",
                    _ => b"'",
                };
                i += delimiter.len();
                loop {
                    match s.get(i) {
                        None => return None,
                        // Escapes only in basic strings; `\"` never closes one.
                        Some(b'\\') if q == b'"' => i += 2,
                        // A one-line string ends at the line's end at the latest.
                        Some(b'\n') if delimiter.len() == 1 => break,
                        _ if s[i..].starts_with(delimiter) => {
                            i += delimiter.len();
                            // `""""` closes with a quote inside: up to two more are content.
                            while delimiter.len() == 3 && s.get(i) == Some(&q) {
                                i += 1;
                            }
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
                continue;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > NESTING {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Vec<(&str, Value<'_>)> {
        let mut r = records(text).expect("in the subset");
        assert_eq!(r.len(), 1);
        r.remove(0)
            .fields
            .into_iter()
            .map(|(k, v)| (k, v.into_inner()))
            .collect()
    }

    #[test]
    fn reads_the_dataset_shapes() {
        let f = one(
            "# c\n[[program]] # x\nid = \"a\\\"b\\u00e9\"\nn = 1.23e12\nm = -5\nl = 'lit'\n\
             arr = [\"x\", # c\n  \"y\",\n]\nt = { currency = \"JPY\", amount = 1_000 }\n\
             s = \"\"\"\nline \\\n   joined\nnext\"\"\"\n",
        );
        assert_eq!(f[0], ("id", Value::Str("a\"bé".into())));
        assert_eq!(f[1].1, Value::Num(1.23e12));
        assert_eq!(f[2].1, Value::Num(-5.0));
        assert_eq!(f[3].1, Value::Str("lit".into()));
        let Value::Arr(items) = &f[4].1 else { panic!() };
        assert_eq!(items.len(), 2);
        let Value::Table(t) = &f[5].1 else { panic!() };
        assert_eq!(t[1].1.get_ref(), &Value::Num(1000.0));
        assert_eq!(f[6].1, Value::Str("line joined\nnext".into()));
    }

    #[test]
    fn deep_nesting_is_declined_and_found_outside_strings() {
        let deep = format!("[[x]]\na = {}\n", "[".repeat(60_000));
        assert!(records(&deep).is_none());
        assert_eq!(too_deep(&deep), Some(10 + NESTING));
        let tables = format!("[[x]]\na = {}\n", "{a = ".repeat(60_000));
        assert!(records(&tables).is_none());
        assert!(too_deep(&tables).is_some());
        let ok = format!(
            "[[x]]\na = {}1{}\n",
            "[".repeat(NESTING),
            "]".repeat(NESTING)
        );
        assert!(records(&ok).is_some());
        assert_eq!(too_deep(&ok), None);
        for quoted in ["\"", "'", "\"\"\"", "'''"] {
            let text = format!(
                "a = {quoted}{}{quoted} # {}\n",
                "[".repeat(99),
                "{".repeat(99)
            );
            assert_eq!(too_deep(&text), None, "{text}");
        }
        assert_eq!(too_deep("a = \"\\\"[[[\""), None);
    }

    #[test]
    fn spans_start_at_the_value() {
        let text = "[[x]]\nentity = \"NOPE\"\n";
        let r = records(text).unwrap();
        assert_eq!(r[0].fields[0].1.span().start, text.find('"').unwrap());
    }

    #[test]
    fn leaves_anything_unusual_to_the_full_parser() {
        for text in [
            "key = 1\n",
            "[table]\na = 1\n",
            "[[x]]\na = 1\na = 2\n",
            "[[x]]\na.b = 1\n",
            "[[x]]\na = 01\n",
            "[[x]]\na = 1979-05-27\n",
            "[[x]]\na = true\n",
            "[[x]]\na = \"unterminated\n",
            "[[x]]\na = \"x\" b = 1\n",
            "[[x]]\na = \"bad \\q escape\"\n",
            "[[x]]\na = { b = 1, }\n",
            "[[x]]\na = [1 2]\n",
            "[[x]]\na = inf\n",
            "[[x]]\na = \"\u{1}\"\n",
            "[[x]]\na = '''lit'''\n",
            "[[x]]\n\"a\" = 1\n",
        ] {
            assert!(records(text).is_none(), "{text:?} should fall back");
        }
    }
}
