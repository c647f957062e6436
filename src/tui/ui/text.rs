//! Column text: data made safe to print, fitted to terminal columns (wide characters count
//! double), and search matches split into highlighted spans.

use std::borrow::Cow;

use chrono::NaiveDate;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::model::{Timing, When};

/// Text from data with its control characters removed (see [`crate::text::sanitize`]).
pub fn clean(text: &str) -> Cow<'_, str> {
    crate::text::sanitize(text)
}

pub use crate::text::{cell, fit};

/// `text` fitted and right-aligned in exactly `width` columns.
pub fn cell_right(text: &str, width: usize) -> String {
    let fitted = fit(text, width);
    let pad = width.saturating_sub(fitted.width());
    format!("{}{fitted}", " ".repeat(pad))
}

/// `text` in exactly `width` columns as spans, the characters at `positions` (char indices,
/// as search hits report them) in `matched` style. Text that needed cleaning loses its
/// highlight rather than risk marking the wrong characters.
pub fn highlighted(
    text: &str,
    positions: &[usize],
    width: usize,
    base: Style,
    matched: Style,
) -> Vec<Span<'static>> {
    let cleaned = clean(text);
    let positions = if matches!(cleaned, Cow::Borrowed(_)) {
        positions
    } else {
        &[]
    };
    let fitted = fit(&cleaned, width);
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    for (i, c) in fitted.chars().enumerate() {
        let is_match = positions.contains(&i) && c != '…';
        if is_match != run_matched && !run.is_empty() {
            let style = if run_matched { matched } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_matched = is_match;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_matched { matched } else { base }));
    }
    let pad = width.saturating_sub(fitted.width());
    if pad > 0 {
        spans.push(Span::styled(" ".repeat(pad), base));
    }
    spans
}

/// Spans cut to at most `width` columns; the span that overflows ends in `…`.
pub fn fit_line(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut out = Vec::with_capacity(spans.len());
    let mut used = 0;
    for span in spans {
        let w = span.content.width();
        if used + w <= width {
            used += w;
            out.push(span);
            continue;
        }
        out.push(Span::styled(fit(&span.content, width - used), span.style));
        break;
    }
    Line::from(out)
}

/// `text` word-wrapped to lines of at most `width` columns (words longer than a line are
/// broken); an empty text is one empty line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    if width == 0 {
        return Vec::new();
    }
    let options = textwrap::Options::new(width).break_words(true);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|line| line.into_owned())
        .collect()
}

/// Below this many columns a column too narrow to wrap into is left: wrapped lines after the
/// first start [`HANG`] columns in instead of under the column.
pub const NARROW_COLUMN: usize = 20;
/// Where wrapped lines start when their column is narrower than [`NARROW_COLUMN`].
pub const HANG: usize = 4;
/// Columns a wrapped column needs on its first line to start there.
const MIN_FIRST: usize = 8;

/// `text` wrapped for a column that starts `at` columns into a line `width` wide: the first
/// line has the column's room, the next ones start under the column, or [`HANG`] columns
/// in when the column is narrower than [`NARROW_COLUMN`]. Returns each line's indent (the
/// first line's is 0: it follows what is before the column) and text.
pub fn wrap_column(text: &str, at: usize, width: usize) -> Vec<(usize, String)> {
    if width == 0 {
        return Vec::new();
    }
    let at = at.min(width.saturating_sub(1));
    let hang = if width - at >= NARROW_COLUMN {
        at
    } else {
        HANG.min(at)
    };
    // Too little room for a word after what precedes the column: all of it goes below.
    if width - at < MIN_FIRST {
        let below = wrap(text, width - hang).into_iter().map(|l| (hang, l));
        return std::iter::once((0, String::new())).chain(below).collect();
    }
    let (lead, rest) = (" ".repeat(at), " ".repeat(hang));
    let options = textwrap::Options::new(width)
        .break_words(true)
        .initial_indent(&lead)
        .subsequent_indent(&rest);
    textwrap::wrap(text, options)
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let pre = if i == 0 { at } else { hang };
            let text = l.get(pre..).unwrap_or_default().to_string();
            (if i == 0 { 0 } else { hang }, text)
        })
        .collect()
}

/// One paragraph of a text pane: its text and style.
pub type Para = (String, Style);

/// Paragraphs wrapped to `width` columns, every line of them.
pub fn wrap_all(paras: &[Para], width: usize) -> Vec<Line<'static>> {
    paras
        .iter()
        .flat_map(|(text, style)| {
            wrap(text, width)
                .into_iter()
                .map(move |l| Line::styled(l, *style))
        })
        .collect()
}

/// Paragraphs wrapped to `width` columns and cut to `height` lines; when text is left
/// over the last line shown ends in `…`, so nothing is cut silently.
pub fn clipped(paras: &[Para], width: usize, height: usize) -> Vec<Line<'static>> {
    let mut lines = wrap_all(paras, width);
    if lines.len() > height {
        lines.truncate(height);
        if let Some(last) = lines.last_mut() {
            *last = ellipsis(last, width);
        }
    }
    lines
}

/// `line` ending in `…` within `width` columns (its text was followed by more).
pub fn ellipsis(line: &Line<'static>, width: usize) -> Line<'static> {
    let text = line.to_string();
    let text = text.trim_end();
    // Already says it was cut.
    if text.ends_with('…') && text.width() <= width {
        return Line::styled(text.to_string(), line.style);
    }
    let cut = if text.width() < width {
        format!("{text}…")
    } else {
        // One column short of room: `fit` to a width below the text's ends it in `…`.
        fit(&format!("{text} "), width)
    };
    Line::styled(cut, line.style)
}

/// Past, now or upcoming as a one-character mark: `✓` past, `●` now, `○` upcoming.
pub fn timing_mark(timing: Timing) -> &'static str {
    match timing {
        Timing::Past(_) => "✓",
        Timing::Now => "●",
        Timing::Upcoming(_) => "○",
    }
}

/// The days a date may fall on, for detail panes: `1 Jun – 10 Jun 2026`.
pub fn range_label(when: &When) -> String {
    let (a, b) = when.range();
    if a == b {
        return a.format("%-d %b %Y").to_string();
    }
    let first = if chrono::Datelike::year(&a) == chrono::Datelike::year(&b) {
        a.format("%-d %b")
    } else {
        a.format("%-d %b %Y")
    };
    format!("{first} – {}", b.format("%-d %b %Y"))
}

pub use crate::text::count;

/// Where an ingested record came from, for its detail pane: `ingested from FILE, line N`.
/// Curated records get nothing. Text, not colour, so it survives `NO_COLOR`.
pub fn origin_note(origin: &crate::model::Origin) -> Option<String> {
    match origin {
        crate::model::Origin::Curated => None,
        crate::model::Origin::Ingested(at) => Some(format!(
            "ingested from {}, line {} (not curated)",
            clean(&at.file),
            at.line
        )),
        crate::model::Origin::Library(at) if at.line == 0 => Some(format!(
            "from your library: {} (not curated)",
            clean(&at.article)
        )),
        crate::model::Origin::Library(at) => Some(format!(
            "from your library: {}, line {} (not curated)",
            clean(&at.article),
            at.line
        )),
    }
}

/// Prefix that marks an ingested record in one-line rows.
pub const INGESTED_MARK: &str = "[ingested] ";
/// Prefix that marks a record accepted into the library.
pub const LIBRARY_MARK: &str = "[library] ";

/// A day as the tab bar shows it: `Sat 21 Nov 2026`.
pub fn day_label(day: NaiveDate) -> String {
    day.format("%a %-d %b %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_by_columns_not_chars() {
        assert_eq!(fit("SoftBank", 20), "SoftBank");
        assert_eq!(fit("SoftBank Group", 6), "SoftB…");
        assert_eq!(fit("ソフトバンク", 5), "ソフ…");
        assert_eq!(cell("ソフトバンク", 7).width(), 7);
        assert_eq!(cell_right("7", 3), "  7");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn clipped_text_ends_in_an_ellipsis_only_when_cut() {
        let paras = vec![("one two three four five six".to_string(), Style::new())];
        let all = clipped(&paras, 9, 10);
        let text: Vec<String> = all.iter().map(|l| l.to_string()).collect();
        assert_eq!(text, ["one two", "three", "four five", "six"]);
        let cut = clipped(&paras, 9, 2);
        let text: Vec<String> = cut.iter().map(|l| l.to_string()).collect();
        assert_eq!(text, ["one two", "three…"]);
        assert!(cut.iter().all(|l| l.width() <= 9));
        let full = clipped(&paras, 9, 3);
        assert_eq!(full[2].to_string(), "four fiv…");
    }

    #[test]
    fn wrapped_columns_hang_when_they_are_narrow() {
        let wide = wrap_column("one two three four", 10, 40);
        assert_eq!(wide, [(0, "one two three four".to_string())]);
        let under = wrap_column("one two three four five six", 10, 30);
        assert_eq!(
            under,
            [(0, "one two three four".into()), (10, "five six".into())]
        );
        // Nine columns of room: the next lines start four columns in, not under it.
        let hung = wrap_column("one two three four", 10, 19);
        assert_eq!(hung, [(0, "one two".into()), (HANG, "three four".into())]);
        // No room for a word on the first line: it all starts on the next.
        let below = wrap_column("Advanced chips", 29, 34);
        assert_eq!(below, [(0, String::new()), (HANG, "Advanced chips".into())]);
        assert_eq!(ellipsis(&Line::raw("cut…"), 10).to_string(), "cut…");
    }

    #[test]
    fn fit_line_cuts_the_overflowing_span() {
        let spans = vec![
            Span::raw("member · "),
            Span::raw("¥1T ($6.34B)"),
            Span::raw(" more"),
        ];
        let line = fit_line(spans, 14);
        assert_eq!(line.to_string(), "member · ¥1T …");
        assert_eq!(line.width(), 14);
    }

    #[test]
    fn highlights_matched_chars_and_pads() {
        let spans = highlighted("SoftBank", &[0, 4], 10, Style::new(), Style::new().bold());
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "SoftBank  ");
        assert_eq!(spans[0].content, "S");
        assert_eq!(spans[2].content, "B");
        let dirty = highlighted("a\u{1b}[2Jb", &[0], 6, Style::new(), Style::new());
        let text: String = dirty.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "a[2Jb ");
    }
}
