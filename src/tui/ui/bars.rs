//! The tab bar at the top and the status bar (mode, message, key hints) at the bottom.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::text::{clean, day_label};
use super::theme::Theme;
use crate::tui::action::Tab;

/// Tabs with their number keys, the active one in brackets, and today's date.
pub struct TabBar {
    /// The tab on screen.
    pub active: Tab,
    /// The injected today.
    pub today: NaiveDate,
    /// Styles.
    pub theme: Theme,
}

/// What the tab bar starts with: the program's name, unless the tabs need its room (at 60
/// columns, five tabs fit only without it).
fn prefix(width: u16) -> &'static str {
    let tabs: usize = Tab::ALL
        .iter()
        .enumerate()
        .map(|(i, t)| format!(" {} {} ", i + 1, t.title()).width())
        .sum();
    if " aipx ".len() + tabs <= width as usize {
        " aipx "
    } else {
        " "
    }
}

impl Widget for TabBar {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let mut spans = vec![Span::styled(prefix(area.width), theme.title())];
        for (i, tab) in Tab::ALL.iter().enumerate() {
            let text = format!("{} {}", i + 1, tab.title());
            if *tab == self.active {
                let style = theme.accent().add_modifier(Modifier::REVERSED);
                spans.push(Span::styled(format!("[{text}]"), style));
            } else {
                spans.push(Span::styled(format!(" {text} "), theme.muted()));
            }
        }
        let right = format!("today {} ", day_label(self.today));
        let used: usize = spans.iter().map(|s| s.content.width()).sum();
        let room = (area.width as usize).saturating_sub(used);
        if room > right.width() {
            spans.push(Span::raw(" ".repeat(room - right.width())));
            spans.push(Span::styled(right, theme.muted()));
        }
        Line::from(spans).render(area, buf);
    }
}

/// The tab whose label is drawn at column `x` of a tab bar `width` columns wide (labels as
/// [`TabBar`] draws them: its prefix, then ` N Title ` or `[N Title]`, all the same width).
pub fn tab_at(x: u16, width: u16) -> Option<Tab> {
    let mut left = prefix(width).len() as u16;
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let width = format!(" {} {} ", i + 1, tab.title()).width() as u16;
        if (left..left + width).contains(&x) {
            return Some(*tab);
        }
        left += width;
    }
    None
}

/// One status-bar hint: the keys and what they do.
type Hint = (String, &'static str);
/// The hints a bar shows, in order.
type Hints = Vec<Hint>;

/// Mode badge, a one-off message and the hints of the key table for the active modes.
pub struct StatusBar<'a> {
    /// `BROWSE`, `SEARCH` or `HELP`.
    pub badge: &'static str,
    /// A warning that stays for the session (a broken config), after any note.
    pub warning: Option<&'a str>,
    /// A note from the last action.
    pub message: Option<&'a str>,
    /// `(keys, label)` pairs from the key table, most important first.
    pub hints: &'a [(String, &'static str)],
    /// The key that opens the help overlay, when it can be pressed: hints that do not fit
    /// give way to `KEY more`, which replaces that key's own hint.
    pub more: Option<String>,
    /// Styles.
    pub theme: Theme,
}

impl StatusBar<'_> {
    /// The hints shown in `room` columns, in order, and what says more exist: all of them
    /// when they fit; else as many as fit (whole hints only: one cut in half would name a
    /// key without saying what it does) followed by `KEY more`, or by `…` when help cannot
    /// be opened here.
    fn fitted(&self, room: usize) -> Hints {
        let width = |(keys, label): &Hint| keys.width() + label.width() + 3;
        if self.hints.iter().map(width).sum::<usize>() <= room {
            return self.hints.to_vec();
        }
        let marker = match &self.more {
            Some(key) => (key.clone(), "more"),
            None => ("…".to_string(), ""),
        };
        let mut left = room.saturating_sub(width(&marker));
        let mut shown = Vec::new();
        for hint in self.hints {
            if Some(&hint.0) == self.more.as_ref() {
                continue;
            }
            if width(hint) <= left {
                left -= width(hint);
                shown.push(hint.clone());
            }
        }
        shown.push(marker);
        shown
    }
}

impl Widget for StatusBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let mut spans = vec![Span::styled(
            format!(" {} ", self.badge),
            theme.accent().add_modifier(Modifier::REVERSED),
        )];
        // Notes longer than the bar end in `…`, never cut mid-word silently.
        let mut room = (area.width as usize).saturating_sub(spans[0].content.width());
        // The last action's note first: it is the newest (at start, the config problem in
        // full, which the standing warning only points to).
        let notes = [
            (self.message, theme.title()),
            (self.warning, theme.warning()),
        ];
        for (note, style) in notes {
            let Some(note) = note.filter(|_| room > 4) else {
                continue;
            };
            let text = super::text::fit(&clean(note), room.saturating_sub(3));
            room = room.saturating_sub(text.width() + 3);
            spans.push(Span::styled(format!(" {text} "), style));
            spans.push(Span::raw("│"));
        }
        let used: usize = spans.iter().map(|s| s.content.width()).sum();
        for (keys, label) in self.fitted((area.width as usize).saturating_sub(used)) {
            spans.push(Span::styled(format!(" {keys}"), theme.title()));
            spans.push(Span::styled(format!(" {label} "), theme.muted()));
        }
        Line::from(spans).render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(hints: &[(String, &'static str)], more: Option<&str>, width: u16) -> String {
        bar_with(None, hints, more, width)
    }

    fn bar_with(
        message: Option<&str>,
        hints: &[(String, &'static str)],
        more: Option<&str>,
        width: u16,
    ) -> String {
        let area = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(area);
        StatusBar {
            badge: "BROWSE",
            warning: None,
            message,
            hints,
            more: more.map(str::to_string),
            theme: Theme::new(false),
        }
        .render(area, &mut buf);
        let row: String = (0..width).map(|x| buf[(x, 0)].symbol()).collect();
        row.trim_end().to_string()
    }

    #[test]
    fn hints_that_do_not_fit_give_way_to_more() {
        let hints: Vec<(String, &'static str)> = vec![
            ("v".into(), "grid"),
            ("?".into(), "help"),
            ("j/k".into(), "move"),
            ("w".into(), "watch"),
            ("y".into(), "copy"),
        ];
        assert_eq!(
            bar(&hints, Some("?"), 60),
            " BROWSE  v grid  ? help  j/k move  w watch  y copy"
        );
        // No room for all: the help hint becomes `? more`, at the end, and a shorter
        // hint still fits after a longer one is left out.
        assert_eq!(
            bar(&hints, Some("?"), 36),
            " BROWSE  v grid  j/k move  ? more"
        );
        assert_eq!(bar(&hints, None, 36), " BROWSE  v grid  ? help  y copy  …");
    }

    #[test]
    fn a_message_too_long_ends_in_an_ellipsis() {
        let hints: Vec<(String, &'static str)> = vec![("?".into(), "help")];
        let long =
            "config: c.toml:2:1: keys.help: j is already bound to down (Browse); not applied";
        let shown = bar_with(Some(long), &hints, Some("?"), 60);
        assert!(shown.ends_with("… │"), "{shown}");
        assert_eq!(shown.width(), 60, "{shown}");
        let short = bar_with(Some("copied"), &hints, Some("?"), 60);
        assert_eq!(short, " BROWSE  copied │ ? help");
    }
}
