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

/// Mode badge, a one-off message and the hints of the key table for the active modes.
pub struct StatusBar<'a> {
    /// `BROWSE`, `SEARCH` or `HELP`.
    pub badge: &'static str,
    /// A note from the last action.
    pub message: Option<&'a str>,
    /// `(keys, label)` pairs from the key table.
    pub hints: &'a [(String, &'static str)],
    /// Styles.
    pub theme: Theme,
}

impl Widget for StatusBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let mut spans = vec![Span::styled(
            format!(" {} ", self.badge),
            theme.accent().add_modifier(Modifier::REVERSED),
        )];
        if let Some(message) = self.message {
            spans.push(Span::styled(format!(" {} ", clean(message)), theme.title()));
            spans.push(Span::raw("│"));
        }
        // Whole hints only: one cut in half would name a key without saying what it does.
        let mut used: usize = spans.iter().map(|s| s.content.width()).sum();
        for (keys, label) in self.hints {
            let (keys, label) = (format!(" {keys}"), format!(" {label} "));
            used += keys.width() + label.width();
            if used > area.width as usize {
                break;
            }
            spans.push(Span::styled(keys, theme.title()));
            spans.push(Span::styled(label, theme.muted()));
        }
        Line::from(spans).render(area, buf);
    }
}
