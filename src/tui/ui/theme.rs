//! Styles. Colour only ever repeats what the text already says; without colour (`NO_COLOR`)
//! the same screens use bold, underline, reverse and dim alone. Two palettes: dark (light
//! text on a dark terminal, the default) and light (for light terminals, where yellow and
//! cyan text cannot be read).

use ratatui::style::{Color, Modifier, Style};

use crate::model::Direction;

/// The style palette, with or without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
    light: bool,
}

impl Theme {
    /// The dark palette; `color: false` drops every foreground and background colour.
    pub fn new(color: bool) -> Theme {
        Theme {
            color,
            light: false,
        }
    }

    /// The light palette (or the dark one when `light` is false).
    pub fn with_light(self, light: bool) -> Theme {
        Theme { light, ..self }
    }

    /// Whether this is the light palette.
    pub fn is_light(self) -> bool {
        self.light
    }

    fn fg(self, style: Style, color: Color) -> Style {
        if !self.color {
            return style;
        }
        // Light terminals: the dark palette's pale colours become their deep neighbours.
        let color = match (self.light, color) {
            (true, Color::Cyan) => Color::Blue,
            (true, Color::Yellow) => Color::Magenta,
            (true, Color::Green) => Color::Rgb(0, 110, 0),
            (_, c) => c,
        };
        style.fg(color)
    }

    /// Headings and names.
    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Secondary text: exchanges, file names, column headers.
    pub fn muted(self) -> Style {
        self.fg(Style::new(), Color::DarkGray)
    }

    /// The border of a pane, thicker styling when it has the focus.
    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
        } else {
            self.muted()
        }
    }

    /// The selected row of the focused list.
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The selected row of a list that does not have the focus.
    pub fn selected_idle(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Characters a search query matched.
    pub fn matched(self) -> Style {
        self.fg(
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Color::Yellow,
        )
    }

    /// Tailwind, headwind or mixed.
    pub fn direction(self, direction: Direction) -> Style {
        let color = match direction {
            Direction::Tailwind => Color::Green,
            Direction::Headwind => Color::Red,
            Direction::Mixed => Color::Yellow,
        };
        self.fg(Style::new(), color)
    }

    /// A problem the session runs with (a broken config).
    pub fn warning(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Red)
    }

    /// A date already behind today.
    pub fn past(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::DIM), Color::DarkGray)
    }

    /// A date whose range contains today.
    pub fn now(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Magenta)
    }

    /// The today marker.
    pub fn today(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Magenta)
    }

    /// Money amounts.
    pub fn money(self) -> Style {
        self.fg(Style::new(), Color::Cyan)
    }

    /// The active tab and other accents.
    pub fn accent(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }
}

/// Direction in words, with a shape: `▲ tailwind`, `▼ headwind`, `◆ mixed`.
pub fn direction_label(direction: Direction) -> &'static str {
    match direction {
        Direction::Tailwind => "▲ tailwind",
        Direction::Headwind => "▼ headwind",
        Direction::Mixed => "◆ mixed",
    }
}
