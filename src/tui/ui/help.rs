//! The help overlay, written from the key table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::pane;
use super::text::cell;
use super::theme::Theme;
use crate::tui::action::Action;
use crate::tui::keymap;

/// Every binding of the key table by mode, scrollable.
pub struct HelpOverlay<'a> {
    /// The key table in force.
    pub keys: &'a keymap::Keymap,
    /// First line shown.
    pub scroll: usize,
    /// Styles.
    pub theme: Theme,
}

/// The overlay's lines: a heading per mode, then `keys  description`.
pub fn help_lines(keys: &keymap::Keymap, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (mode, entries) in keys.help() {
        lines.push(Line::styled(mode.title(), theme.accent()));
        for e in entries {
            lines.push(Line::from(vec![
                Span::styled(format!("  {}", cell(&e.keys, 16)), theme.title()),
                Span::raw(e.desc),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines
}

impl Widget for HelpOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lines = help_lines(self.keys, self.theme);
        let width = area.width.saturating_sub(4).min(64);
        let height = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
        let popup = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + (area.height - height) / 2,
            width,
            height,
        };
        let visible = height.saturating_sub(2) as usize;
        let scroll = self.scroll.min(lines.len().saturating_sub(visible));
        // The first key of each, as the status bar shows them.
        let keys = |a| {
            let all = self.keys.keys_for(a, keymap::Mode::Help);
            all.split('/').next().unwrap_or_default().to_string()
        };
        let title = format!(
            "Help: keys ({}-{} of {}; {} scroll, {} close)",
            scroll + 1,
            (scroll + visible).min(lines.len()),
            lines.len(),
            [keys(Action::Down), keys(Action::Up)].join("/"),
            keys(Action::ToggleHelp)
        );
        // The panes behind are cleared whole rather than left as broken boxes around it.
        let body = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(2),
            ..area
        };
        Clear.render(body, buf);
        // A description wider than the overlay ends in `…`.
        let inner = width.saturating_sub(2) as usize;
        let lines: Vec<Line<'static>> = lines
            .into_iter()
            .map(|l| super::text::fit_line(l.spans, inner))
            .collect();
        Paragraph::new(lines)
            .scroll((scroll as u16, 0))
            .block(pane::block(title, true, self.theme, popup.width))
            .render(popup, buf);
    }
}
