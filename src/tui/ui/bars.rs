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

impl Widget for TabBar {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let mut spans = vec![Span::styled(" aipx ", theme.title())];
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

/// The tab whose label is drawn at column `x` of the tab bar (labels as [`TabBar`] draws
/// them: ` aipx `, then ` N Title ` or `[N Title]`, all the same width).
pub fn tab_at(x: u16) -> Option<Tab> {
    let mut left = " aipx ".len() as u16;
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
    /// A warning that stays for the session (a broken config), after any note.
    pub warning: Option<&'a str>,
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
