//! Headless screens: the same App, key table, update and view on ratatui's `TestBackend`,
//! driven by a key script and printed as plain text (`aipx screen`, tests, docs).
//!
//! Key-script syntax: every character is one key press (`/softbank` is six keys), except
//! `<...>`, which names a key, case-insensitively:
//! `<Enter>` `<Esc>` `<Tab>` `<S-Tab>` `<Up>` `<Down>` `<Left>` `<Right>` `<Home>` `<End>`
//! `<PgUp>` `<PgDn>` `<BS>` `<Del>` `<Space>` `<lt>` (a literal `<`), `<C-x>` (Ctrl+x),
//! `<A-x>` (Alt+x, as a terminal reads Esc then x typed at once), `<WheelUp>` `<WheelDown>`,
//! `<Click X,Y>` (a left click at column X, row Y, from 0) and `<Resize 80x24>` (the
//! terminal changes size).
//! `<Name*N>` repeats a key N times: `<Down*3>`, `<j*5>`.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::ui;

/// Most repetitions one `<Key*N>` may ask for.
const MAX_REPEAT: usize = 10_000;

/// A key script that cannot be read: where (1-based character column) and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("key script, column {column}: {message}")]
pub struct KeyScriptError {
    /// 1-based character column of the offending `<`.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

fn wheel(kind: MouseEventKind) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column: 0,
        row: 0,
        modifiers: KeyModifiers::NONE,
    })
}

/// A left click at `X,Y` (column and row from 0, as terminals report them).
fn click(at: &str) -> Result<Event, String> {
    let bad = || format!("invalid click {at:?}: expected <Click X,Y>, e.g. <Click 10,5>");
    let (x, y) = at.split_once(',').ok_or_else(bad)?;
    let (column, row) = (
        x.trim().parse().map_err(|_| bad())?,
        y.trim().parse().map_err(|_| bad())?,
    );
    Ok(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(crossterm::event::MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }))
}

/// Reads `WxH` (`120x40`) into columns and rows, each 1 to 1000.
pub fn parse_size(text: &str) -> Result<(u16, u16), String> {
    let (w, h) = text
        .trim()
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("invalid size {text:?}: expected WxH, e.g. 120x40"))?;
    let dim = |s: &str| match s.trim().parse::<u16>() {
        Ok(n) if (1..=1000).contains(&n) => Ok(n),
        _ => Err(format!(
            "invalid size {text:?}: each side must be 1 to 1000"
        )),
    };
    Ok((dim(w)?, dim(h)?))
}

fn named(name: &str) -> Result<Event, String> {
    let none = KeyModifiers::NONE;
    let lower = name.to_ascii_lowercase();
    let code = match lower.as_str() {
        "enter" | "cr" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "s-tab" | "backtab" => return Ok(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "bs" | "backspace" => KeyCode::Backspace,
        "del" | "delete" => KeyCode::Delete,
        "space" => KeyCode::Char(' '),
        "lt" => KeyCode::Char('<'),
        "wheelup" => return Ok(wheel(MouseEventKind::ScrollUp)),
        "wheeldown" => return Ok(wheel(MouseEventKind::ScrollDown)),
        _ => {
            if let Some(at) = lower.strip_prefix("click ") {
                return click(at);
            }
            if let Some(size) = lower.strip_prefix("resize ") {
                let (w, h) = parse_size(size)?;
                return Ok(Event::Resize(w, h));
            }
            if let Some(rest) = lower
                .strip_prefix("a-")
                .or_else(|| lower.strip_prefix("m-"))
                && rest.chars().count() == 1
            {
                let c = name.chars().last().unwrap_or(' ');
                return Ok(key(KeyCode::Char(c), KeyModifiers::ALT));
            }
            let mut chars = name.chars();
            return match (lower.strip_prefix("c-"), chars.next(), chars.next()) {
                (Some(rest), ..) if rest.chars().count() == 1 => Ok(key(
                    KeyCode::Char(rest.chars().next().unwrap_or(' ')),
                    KeyModifiers::CONTROL,
                )),
                (_, Some(c), None) => Ok(key(KeyCode::Char(c), none)),
                _ => Err(format!("unknown key <{name}>")),
            };
        }
    };
    Ok(key(code, none))
}

/// Parses a key script into terminal events (see the module docs for the syntax).
pub fn parse_keys(script: &str) -> Result<Vec<Event>, KeyScriptError> {
    let chars: Vec<char> = script.chars().collect();
    let mut events = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '<' {
            let event = match c {
                '\n' | '\r' => key(KeyCode::Enter, KeyModifiers::NONE),
                '\t' => key(KeyCode::Tab, KeyModifiers::NONE),
                c => key(KeyCode::Char(c), KeyModifiers::NONE),
            };
            events.push(event);
            i += 1;
            continue;
        }
        let fail = |message: String| KeyScriptError {
            column: i + 1,
            message,
        };
        let close = chars[i + 1..]
            .iter()
            .position(|&c| c == '>')
            .ok_or_else(|| fail("`<` without a closing `>` (write <lt> for a literal <)".into()))?;
        let body: String = chars[i + 1..i + 1 + close].iter().collect();
        let (name, count) = match body.rsplit_once('*') {
            Some((name, n)) if !name.is_empty() => match n.trim().parse::<usize>() {
                Ok(n) if n <= MAX_REPEAT => (name.to_string(), n),
                _ => return Err(fail(format!("bad repeat count in <{body}>"))),
            },
            _ => (body.clone(), 1),
        };
        let event = named(name.trim()).map_err(fail)?;
        events.extend(std::iter::repeat_n(event, count));
        i += close + 2;
    }
    Ok(events)
}

/// The screen as text: one line per row, wide characters once, trailing spaces trimmed.
pub fn buffer_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::with_capacity(area.area() as usize + area.height as usize);
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut hidden = 0usize;
        for x in area.left()..area.right() {
            let symbol = buffer[(x, y)].symbol();
            if hidden > 0 {
                hidden -= 1;
                continue;
            }
            line.push_str(symbol);
            hidden = symbol.width().saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// An app on a test terminal, redrawn after every event, as the real loop does.
pub struct Headless {
    /// The app being driven.
    pub app: App,
    /// Where effects may write (only the watchlists file, headless).
    pub outside: super::effects::Outside,
    /// Lends the `Frame` the view draws into (ratatui makes frames only from a terminal);
    /// nothing is ever flushed to its backend.
    terminal: Terminal<TestBackend>,
    /// The last complete frame, drawn into directly (see [`Headless::draw`]).
    frame: Buffer,
}

impl Headless {
    /// An app on a `width` x `height` test terminal, drawn once.
    pub fn new(mut app: App, width: u16, height: u16) -> Headless {
        app.update(super::Action::Resize(width, height));
        let terminal =
            Terminal::new(TestBackend::new(width, height)).expect("a test backend always opens");
        let mut headless = Headless {
            app,
            outside: Default::default(),
            terminal,
            frame: Buffer::empty(ratatui::layout::Rect::new(0, 0, width, height)),
        };
        headless.draw();
        headless
    }

    /// Draws the app: the view draws into the buffer kept as the frame, lent to the
    /// terminal for the draw and taken back, so nothing is copied and nothing is diffed
    /// to the test backend. (Its own buffer would not do as the frame anyway: it only
    /// receives a diff and, unlike a terminal, does not blank the column a wide character
    /// covers, so it can keep stale cells there.)
    pub fn draw(&mut self) {
        std::mem::swap(self.terminal.current_buffer_mut(), &mut self.frame);
        let mut frame = self.terminal.get_frame();
        frame.buffer_mut().reset();
        ui::view(&self.app, &mut frame);
        std::mem::swap(self.terminal.current_buffer_mut(), &mut self.frame);
    }

    /// Feeds one terminal event through the key table and update, then redraws (unless the
    /// app quit, which ends a real session without drawing). Events after quitting are ignored.
    pub fn apply(&mut self, event: &Event) {
        if self.app.should_quit() {
            return;
        }
        if let Event::Resize(w, h) = *event {
            // What a terminal's draw does on its own when its size changed: frames are
            // made here without it.
            let area = ratatui::layout::Rect::new(0, 0, w, h);
            self.terminal.backend_mut().resize(w, h);
            let Ok(()) = self.terminal.resize(area);
            self.frame.resize(area);
        }
        super::apply(&mut self.app, event);
        super::effects::perform(&mut self.app, &self.outside);
        if !self.app.should_quit() {
            self.draw();
        }
    }

    /// Parses and plays a key script.
    pub fn play(&mut self, script: &str) -> Result<(), KeyScriptError> {
        for event in parse_keys(script)? {
            self.apply(&event);
        }
        Ok(())
    }

    /// The last frame drawn, as text.
    pub fn text(&self) -> String {
        buffer_text(&self.frame)
    }

    /// The last frame drawn, with styles.
    pub fn buffer(&self) -> &Buffer {
        &self.frame
    }
}

/// Runs `script` on a fresh app of the given size and returns the final frame as text.
pub fn screen(app: App, size: (u16, u16), script: &str) -> Result<String, KeyScriptError> {
    screen_with(app, Default::default(), size, script).map(|(text, _)| text)
}

/// [`screen`] with effects writing where `outside` allows; returns the app too, for its
/// state.
pub fn screen_with(
    app: App,
    outside: super::effects::Outside,
    size: (u16, u16),
    script: &str,
) -> Result<(String, App), KeyScriptError> {
    let events = parse_keys(script)?;
    let mut headless = Headless::new(app, size.0, size.1);
    headless.outside = outside;
    for event in &events {
        headless.apply(event);
    }
    Ok((headless.text(), headless.app))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_chars_named_keys_and_repeats() {
        let events = parse_keys("/so<Enter><Tab>3j<Down*2><C-c><lt>").unwrap();
        assert_eq!(events.len(), 3 + 1 + 1 + 2 + 2 + 1 + 1);
        assert_eq!(events[0], key(KeyCode::Char('/'), KeyModifiers::NONE));
        assert_eq!(events[3], key(KeyCode::Enter, KeyModifiers::NONE));
        assert_eq!(events[9], key(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(events[10], key(KeyCode::Char('<'), KeyModifiers::NONE));
        let resize = parse_keys("<resize 80x24><wheeldown><Click 3,7>").unwrap();
        assert_eq!(resize[0], Event::Resize(80, 24));
        assert!(matches!(resize[2], Event::Mouse(m) if (m.column, m.row) == (3, 7)));
    }

    #[test]
    fn reports_bad_scripts_with_their_column() {
        let err = parse_keys("ab<Nope>").unwrap_err();
        assert_eq!(err.column, 3);
        assert!(err.message.contains("unknown key <Nope>"));
        assert!(parse_keys("x<Enter").is_err());
        assert!(parse_keys("<j*99999999>").is_err());
        assert!(parse_keys("<resize 0x3>").is_err());
        assert!(parse_keys("<click 3>").is_err());
        assert!(parse_keys("<click -1,2>").is_err());
    }

    #[test]
    fn sizes_parse_and_reject_nonsense() {
        assert_eq!(parse_size("120x40"), Ok((120, 40)));
        assert_eq!(parse_size("1X1"), Ok((1, 1)));
        assert!(parse_size("120").is_err());
        assert!(parse_size("0x10").is_err());
        assert!(parse_size("99999x10").is_err());
    }
}
