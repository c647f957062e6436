//! Text helpers shared by every output: making data safe to print, and "did you mean".
//!
//! [`is_unsafe`] is the one definition of what must never reach a terminal: C0 and C1
//! controls, DEL, and the bidi embeddings, overrides and isolates (U+202A-202E,
//! U+2066-2069) that make text display in another order than it reads ("Trojan Source").
//! [`sanitize`] applies it to a piece of text, [`SafeWriter`] to whole outputs, the JSON
//! writer (`report::json::write`) escapes the same characters as `\u00XX`, and [`csv_cell`]
//! adds the CSV-injection guard.

use std::borrow::Cow;
use std::io::{self, Write};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Whether `c` must never be printed as it is: a C0 or C1 control, DEL, or a bidi
/// embedding, override or isolate.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The first unsafe character of `text` and its byte offset. Bytes are scanned, and only
/// where one could start is a character decoded: every unsafe character is an ASCII control
/// or DEL, or starts with 0xC2 (C1 controls) or 0xE2 (the bidi controls) in UTF-8.
pub fn next_unsafe(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(off) = bytes[from..]
        .iter()
        .position(|&b| b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xe2)
    {
        let at = from + off;
        let c = text[at..].chars().next()?;
        if is_unsafe(c) {
            return Some((at, c));
        }
        from = at + c.len_utf8();
    }
    None
}

/// Removes control characters and bidi controls so text from data can never drive the
/// terminal or hide what it says; tabs and newlines become spaces. Only those characters go:
/// the visible text of an escape sequence stays (`ESC[31mred` prints `[31mred`), so nothing a
/// reader could see is ever hidden, and without its ESC (or C1 introducer) it is plain text.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if next_unsafe(text).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(' '),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A CSV cell that a spreadsheet will show as text: sanitised, and, when it starts with
/// `=`, `+`, `-`, `@`, tab or carriage return (what makes Excel, LibreOffice and Sheets
/// read a formula), prefixed with `'` as OWASP's CSV-injection guidance says.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    let risky = |t: &str| t.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky(text) {
        // Sanitising turns a leading tab or CR into a space; the quote goes on first.
        return Cow::Owned(format!("'{}", sanitize(text)));
    }
    sanitize(text)
}

/// A writer that lets no unsafe character (see [`is_unsafe`]) through: each is dropped,
/// except newline, tab, and a carriage return right before a newline (CRLF, which
/// iCalendar requires). main wraps stdout and stderr in it, so no output path, including
/// ones added later, can print a control byte even if it forgets [`sanitize`] (which also
/// makes tabs and line breaks inside one value spaces).
pub struct SafeWriter<W: Write> {
    inner: W,
    /// Bytes held back from the last write: a trailing CR (printed only if a newline
    /// follows) or the start of a character cut by the writer's buffering.
    carry: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        SafeWriter {
            inner,
            carry: Vec::new(),
        }
    }
}

/// How many bytes at the end of `bytes` are a CR or an unfinished UTF-8 character, to wait
/// for the next write.
fn held_tail(bytes: &[u8]) -> usize {
    if bytes.last() == Some(&b'\r') {
        return 1;
    }
    for back in 1..=bytes.len().min(3) {
        let b = bytes[bytes.len() - back];
        if b & 0xc0 != 0x80 {
            let len = match b {
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf7 => 4,
                _ => 1,
            };
            return if len > back { back } else { 0 };
        }
    }
    0
}

impl<W: Write> SafeWriter<W> {
    /// Writes `bytes` (whole characters) without their unsafe characters, newlines, tabs and
    /// CRLF kept; invalid UTF-8 becomes U+FFFD, so no stray byte reaches the terminal.
    fn write_clean(&mut self, bytes: &[u8]) -> io::Result<()> {
        let text = String::from_utf8_lossy(bytes);
        // Written in runs between the characters dropped.
        let mut start = 0;
        let mut from = 0;
        while let Some((off, c)) = next_unsafe(&text[from..]) {
            let at = from + off;
            let end = at + c.len_utf8();
            let kept = c == '\n' || c == '\t' || (c == '\r' && text[end..].starts_with('\n'));
            if !kept {
                self.inner.write_all(&text.as_bytes()[start..at])?;
                start = end;
            }
            from = end;
        }
        self.inner.write_all(&text.as_bytes()[start..])
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if self.carry.is_empty() {
            let (now, later) = buf.split_at(buf.len() - held_tail(buf));
            self.carry.extend_from_slice(later);
            return self.write_clean(now);
        }
        let mut bytes = std::mem::take(&mut self.carry);
        bytes.extend_from_slice(buf);
        let keep = held_tail(&bytes);
        self.carry = bytes.split_off(bytes.len() - keep);
        self.write_clean(&bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// `text` cut to at most `width` terminal columns (wide characters count double), ending in
/// `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` fitted and padded with spaces to exactly `width` columns, for aligned tables.
pub fn cell(text: &str, width: usize) -> String {
    let fitted = fit(text, width);
    let pad = width.saturating_sub(fitted.width());
    format!("{fitted}{}", " ".repeat(pad))
}

/// `n` and the noun, plural unless `n` is 1: `1 program`, `3 programs`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Levenshtein distance over characters, case-insensitive.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Up to `n` candidates closest to `word` by edit distance, if reasonably close.
pub fn closest<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str>,
    n: usize,
) -> Vec<&'a str> {
    let limit = (word.chars().count() / 2).max(2);
    let mut scored: Vec<(usize, &str)> = candidates
        .map(|c| (distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn strips_escape_sequences_and_controls() {
        assert_eq!(sanitize("plain"), "plain");
        // Only the controls go; what a reader could see of a sequence stays.
        assert_eq!(sanitize("a\u{1b}[31mred\u{1b}[0m"), "a[31mred[0m");
        assert_eq!(sanitize("x\u{1b}]0;evil title\u{7}y"), "x]0;evil titley");
        assert_eq!(
            sanitize("x\u{1b}]8;;http://e\u{1b}\\link"),
            "x]8;;http://e\\link"
        );
        // An introducer with no end never swallows the rest of the text.
        assert_eq!(sanitize("a\u{1b}]unterminated tail"), "a]unterminated tail");
        assert_eq!(
            sanitize("a\u{9d}osc tail\u{90}dcs tail"),
            "aosc taildcs tail"
        );
        assert_eq!(sanitize("bell\u{7}\u{0}null"), "bellnull");
        assert_eq!(sanitize("c1\u{9b}2Jdone"), "c12Jdone");
        assert_eq!(sanitize("tab\there"), "tab here");
        assert_eq!(sanitize("ソフトバンク"), "ソフトバンク");
        assert_eq!(sanitize("del\u{7f}x"), "delx");
        // Bidi overrides and isolates ("Trojan Source") go; ordinary RTL text stays.
        assert_eq!(sanitize("a\u{202e}cba\u{202c}d"), "acbad");
        assert_eq!(sanitize("\u{2066}x\u{2069}"), "x");
        assert_eq!(sanitize("שלום"), "שלום");
    }

    #[test]
    fn csv_cells_cannot_start_a_formula() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for risky in ["+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"] {
            assert!(csv_cell(risky).starts_with('\''), "{risky:?}");
        }
        assert_eq!(csv_cell("\t=1"), "' =1");
        assert_eq!(csv_cell("NVDA"), "NVDA");
        assert_eq!(csv_cell("a=b"), "a=b");
    }

    #[test]
    fn safe_writer_drops_control_bytes_but_keeps_lines() {
        let mut w = SafeWriter::new(Vec::new());
        write!(w, "ok\n\u{1b}[31mred\u{9b}\u{202e}\tx\rline\r\nics\r").unwrap();
        writeln!(w).unwrap();
        w.write_all(b"\x07bell\x7f\n").unwrap();
        // A character or a CRLF cut between two writes (as a buffered writer may) survives.
        w.write_all(b"\xe3\x82").unwrap();
        w.write_all(b"\xbd\r").unwrap();
        w.write_all(b"\n\xc2").unwrap();
        w.write_all(b"\x9b!\n").unwrap();
        let out = String::from_utf8(w.inner).unwrap();
        assert_eq!(out, "ok\n[31mred\txline\r\nics\r\nbell\nソ\r\n!\n");
    }

    proptest! {
        /// Whatever the text, sanitising drops exactly its unsafe characters (tabs and line
        /// breaks become spaces): every visible character survives, in order.
        #[test]
        fn only_controls_are_neutralised(
            parts in proptest::collection::vec(prop_oneof![
                "[ -~]{0,8}",
                "[ぁ-ゖ]{0,3}",
                prop::sample::select(vec![
                    "\u{1b}[", "\u{1b}]", "\u{1b}P", "\u{1b}\\", "\u{9b}", "\u{9d}", "\u{90}",
                    "\u{7}", "\u{9c}", "\u{7f}", "\u{0}", "\t", "\r\n", "\u{202e}", "\u{2069}",
                    "¥", "—", "…", "\u{a0}", "\u{2070}",
                ]).prop_map(String::from),
            ], 0..16),
        ) {
            let text = parts.concat();
            let clean = sanitize(&text);
            prop_assert!(!clean.chars().any(is_unsafe), "{:?}", clean);
            let expected: String = text
                .chars()
                .filter_map(|c| match c {
                    '\t' | '\n' | '\r' => Some(' '),
                    c if is_unsafe(c) => None,
                    c => Some(c),
                })
                .collect();
            prop_assert_eq!(clean.as_ref(), expected.as_str());
            // The byte scan finds what a scan of every character finds.
            let first = text.char_indices().find(|&(_, c)| is_unsafe(c));
            prop_assert_eq!(next_unsafe(&text), first);
        }
    }

    #[test]
    fn suggests_close_words() {
        let words = ["NVDA", "MSFT", "TSM", "9984.T"];
        assert_eq!(closest("NVDAA", words.into_iter(), 3), ["NVDA"]);
        assert_eq!(closest("tsmm", words.into_iter(), 3), ["TSM"]);
        assert!(closest("zzzzzzzz", words.into_iter(), 3).is_empty());
    }
}
