//! The one key table: it turns input into [`Action`]s and feeds the status-bar hints and the
//! help overlay, so the three can never disagree. The config's `[keys]` overrides are applied
//! to it once at start ([`Keymap::with_overrides`]).

mod overrides;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};

use super::action::{Action, Tab};

/// When a binding applies; the app reports which modes are active, most specific first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Always, even while typing in the search box.
    Global,
    /// Browsing: no text is being typed and the help overlay is closed.
    Browse,
    /// The search box has the cursor.
    Search,
    /// One tab's own keys, while browsing it.
    Tab(Tab),
    /// The help overlay is open.
    Help,
    /// The full-text view of a record is open.
    Reader,
    /// The Inbox's accept picker is open.
    Picker,
    /// A new program's name is being typed in the accept picker.
    Naming,
}

impl Mode {
    /// Heading used in the help overlay.
    pub fn title(self) -> String {
        match self {
            Mode::Global => "Everywhere".into(),
            Mode::Browse => "Browsing".into(),
            Mode::Search => "Search box".into(),
            Mode::Tab(tab) => format!("{} tab", tab.title()),
            Mode::Help => "Help overlay".into(),
            Mode::Reader => "Full-text view".into(),
            Mode::Picker => "Accept picker".into(),
            Mode::Naming => "New program name".into(),
        }
    }

    /// Short badge shown at the left of the status bar.
    pub fn badge(self) -> &'static str {
        match self {
            Mode::Global | Mode::Browse | Mode::Tab(_) => "BROWSE",
            Mode::Search => "SEARCH",
            Mode::Help => "HELP",
            Mode::Reader => "READ",
            Mode::Picker => "PICK",
            Mode::Naming => "NAME",
        }
    }
}

/// A key (or mouse wheel step) as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// A printable character, shifted or not (`q`, `G`, `/`).
    Char(char),
    /// Control plus a letter (`Ctrl-C`).
    Ctrl(char),
    /// A named key (Enter, Esc, arrows...).
    Code(KeyCode),
    /// Any printable character not bound otherwise; the action receives it.
    AnyChar,
    /// Mouse wheel up.
    WheelUp,
    /// Mouse wheel down.
    WheelDown,
}

impl Key {
    /// How the key is written in hints and help.
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::AnyChar => "any char".into(),
            Key::WheelUp => "wheel↑".into(),
            Key::WheelDown => "wheel↓".into(),
            Key::Code(code) => match code {
                KeyCode::Up => "↑".into(),
                KeyCode::Down => "↓".into(),
                KeyCode::Left => "←".into(),
                KeyCode::Right => "→".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::BackTab => "S-Tab".into(),
                KeyCode::Backspace => "Bksp".into(),
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                other => other.to_string(),
            },
        }
    }
}

/// One row of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The key.
    pub key: Key,
    /// When it applies.
    pub mode: Mode,
    /// What it does.
    pub action: Action,
    /// What it does, in words, for the help overlay.
    pub desc: &'static str,
    /// Label in the status bar; bindings sharing a label are shown together (`j/k move`).
    pub hint: Option<&'static str>,
}

const fn bind(
    key: Key,
    mode: Mode,
    action: Action,
    desc: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        key,
        mode,
        action,
        desc,
        hint,
    }
}

use Action as A;
use Key::{Char, Code, Ctrl};
use KeyCode as K;
use Mode::{Browse, Global, Help, Naming, Picker, Reader, Search};

/// The Calendar tab's own keys.
const CALENDAR: Mode = Mode::Tab(Tab::Calendar);
/// The Programs tab's own keys.
const PROGRAMS: Mode = Mode::Tab(Tab::Programs);
/// The Watchlist tab's own keys.
const WATCHLIST: Mode = Mode::Tab(Tab::Watchlist);
/// The Inbox tab's own keys.
const INBOX: Mode = Mode::Tab(Tab::Inbox);

/// Every key aipx understands. Earlier rows win within a mode.
#[rustfmt::skip]
pub const KEYMAP: &[Binding] = &[
    bind(Ctrl('c'),       Global,   A::Quit,        "quit from anywhere",           None),
    bind(Char('/'),       Global,   A::FocusSearch, "search (from anywhere)",       Some("search")),
    bind(Key::WheelUp,    Global,   A::Up,          "scroll the list up",           None),
    bind(Key::WheelDown,  Global,   A::Down,        "scroll the list down",         None),
    bind(Code(K::Esc),    Search,   A::LeaveSearch, "leave the search box",         Some("leave")),
    bind(Code(K::Enter),  Search,   A::Open,        "open the selected result",     Some("open")),
    bind(Code(K::Tab),    Search,   A::NextPane,    "leave the box for the next pane", None),
    bind(Code(K::Up),     Search,   A::Up,          "previous result",              Some("move")),
    bind(Code(K::Down),   Search,   A::Down,        "next result",                  Some("move")),
    bind(Ctrl('p'),       Search,   A::Up,          "previous result",              None),
    bind(Ctrl('n'),       Search,   A::Down,        "next result",                  None),
    bind(Code(K::Backspace), Search, A::Backspace,  "delete a character",           None),
    bind(Ctrl('u'),       Search,   A::ClearQuery,  "clear the query",              None),
    bind(Key::AnyChar,    Search,   A::Input(' '),  "type into the query",          None),
    bind(Char('?'),       Help,     A::ToggleHelp,  "close help",                   Some("close")),
    bind(Code(K::Esc),    Help,     A::ToggleHelp,  "close help",                   Some("close")),
    bind(Char('j'),       Help,     A::Down,        "scroll down",                  Some("scroll")),
    bind(Code(K::Down),   Help,     A::Down,        "scroll down",                  None),
    bind(Char('k'),       Help,     A::Up,          "scroll up",                    Some("scroll")),
    bind(Code(K::Up),     Help,     A::Up,          "scroll up",                    None),
    bind(Char('q'),       Help,     A::Quit,        "quit",                         Some("quit")),
    bind(Code(K::Esc),    Reader,   A::FullText,    "close the full text",          Some("close")),
    bind(Char('i'),       Reader,   A::FullText,    "close the full text",          None),
    bind(Char('j'),       Reader,   A::Down,        "scroll down",                  Some("scroll")),
    bind(Code(K::Down),   Reader,   A::Down,        "scroll down",                  None),
    bind(Char('k'),       Reader,   A::Up,          "scroll up",                    Some("scroll")),
    bind(Code(K::Up),     Reader,   A::Up,          "scroll up",                    None),
    bind(Code(K::PageDown), Reader, A::PageDown,    "page down",                    None),
    bind(Code(K::PageUp), Reader,   A::PageUp,      "page up",                      None),
    bind(Char('g'),       Reader,   A::Top,         "first line",                   None),
    bind(Char('G'),       Reader,   A::Bottom,      "last line",                    None),
    bind(Char('q'),       Reader,   A::Quit,        "quit",                         Some("quit")),
    bind(Char('v'),       CALENDAR, A::CycleView,   "timeline / month grid / chart", Some("view")),
    bind(Char('f'),       CALENDAR, A::ToggleFilter, "selected ticker / all",       Some("filter")),
    bind(Char('t'),       CALENDAR, A::GoToday,     "select the next catalyst from today", None),
    bind(Char('h'),       CALENDAR, A::PrevMonth,   "month before (grid and chart)", Some("month")),
    bind(Code(K::Left),   CALENDAR, A::PrevMonth,   "month before (grid and chart)", None),
    bind(Char('l'),       CALENDAR, A::NextMonth,   "month after (grid and chart)", Some("month")),
    bind(Code(K::Right),  CALENDAR, A::NextMonth,   "month after (grid and chart)", None),
    bind(Char('v'),       PROGRAMS, A::CycleView,   "funding lines / funding chart", Some("view")),
    bind(Char('n'),       WATCHLIST, A::NextWatchlist, "next watchlist",            Some("next list")),
    bind(Char('a'),       INBOX,    A::Accept,      "accept; choose in a picker", Some("accept")),
    bind(Char('r'),       INBOX,    A::Reject,      "reject",                       Some("reject")),
    bind(Char('u'),       INBOX,    A::Undo,        "undo the selected or last decision", Some("undo")),
    bind(Char('c'),       INBOX,    A::ToggleChanges, "proposals / what changed", Some("changes")),
    bind(Char('j'),       Picker,   A::Down,        "next option",                  Some("move")),
    bind(Code(K::Down),   Picker,   A::Down,        "next option",                  None),
    bind(Char('k'),       Picker,   A::Up,          "previous option",              Some("move")),
    bind(Code(K::Up),     Picker,   A::Up,          "previous option",              None),
    bind(Code(K::PageDown), Picker, A::PageDown,    "page down",                    None),
    bind(Code(K::PageUp), Picker,   A::PageUp,      "page up",                      None),
    bind(Char('g'),       Picker,   A::Top,         "first option",                 None),
    bind(Char('G'),       Picker,   A::Bottom,      "last option",                  None),
    bind(Code(K::Enter),  Picker,   A::Open,        "choose; the last accepts", Some("choose")),
    bind(Code(K::Esc),    Picker,   A::Cancel,      "back a step / cancel",         Some("back")),
    bind(Code(K::Enter),  Naming,   A::Open,        "use the name",                 Some("use name")),
    bind(Code(K::Esc),    Naming,   A::Cancel,      "back to the list",             Some("back")),
    bind(Code(K::Backspace), Naming, A::Backspace,  "delete a character",           None),
    bind(Key::AnyChar,    Naming,   A::Input(' '),  "type the name",                None),
    bind(Char('?'),       Browse,   A::ToggleHelp,  "help",                         Some("help")),
    bind(Char('q'),       Browse,   A::Quit,        "quit",                         Some("quit")),
    bind(Char('j'),       Browse,   A::Down,        "down",                         Some("move")),
    bind(Code(K::Down),   Browse,   A::Down,        "down",                         None),
    bind(Char('k'),       Browse,   A::Up,          "up",                           Some("move")),
    bind(Code(K::Up),     Browse,   A::Up,          "up",                           None),
    bind(Ctrl('n'),       Browse,   A::Down,        "down",                         None),
    bind(Ctrl('p'),       Browse,   A::Up,          "up",                           None),
    bind(Code(K::Enter),  Browse,   A::Open,        "open / jump to the selection", Some("open")),
    bind(Char('i'),       Browse,   A::FullText,    "full text of the selection",   Some("full text")),
    bind(Code(K::Tab),    Browse,   A::NextPane,    "next pane",                    Some("pane")),
    bind(Code(K::BackTab), Browse,  A::PrevPane,    "previous pane",                None),
    bind(Char('l'),       Browse,   A::NextPane,    "next pane",                    None),
    bind(Char('h'),       Browse,   A::PrevPane,    "previous pane",                None),
    bind(Char('1'),       Browse,   A::ShowTab(Tab::Explore),  "Explore tab",       Some("tabs")),
    bind(Char('2'),       Browse,   A::ShowTab(Tab::Programs), "Programs tab",      Some("tabs")),
    bind(Char('3'),       Browse,   A::ShowTab(Tab::Calendar), "Calendar tab",      Some("tabs")),
    bind(Char('4'),       Browse,   A::ShowTab(Tab::Watchlist), "Watchlist tab",    Some("tabs")),
    bind(Char('5'),       Browse,   A::ShowTab(Tab::Inbox), "Inbox tab",            Some("tabs")),
    bind(Char('g'),       Browse,   A::Top,         "first row",                    None),
    bind(Code(K::Home),   Browse,   A::Top,         "first row",                    None),
    bind(Char('G'),       Browse,   A::Bottom,      "last row",                     None),
    bind(Code(K::End),    Browse,   A::Bottom,      "last row",                     None),
    bind(Code(K::PageDown), Browse, A::PageDown,    "page down",                    None),
    bind(Code(K::PageUp), Browse,   A::PageUp,      "page up",                      None),
    bind(Ctrl('d'),       Browse,   A::PageDown,    "page down",                    None),
    bind(Ctrl('u'),       Browse,   A::PageUp,      "page up",                      None),
    bind(Char('w'),       Browse,   A::ToggleWatch, "add to the watchlist / remove from it", Some("watch")),
    bind(Char('y'),       Browse,   A::Copy,        "copy the selected ticker or record (OSC 52)", Some("copy")),
    bind(Char('o'),       Browse,   A::OpenUrl,     "open the selected source's url", None),
    bind(Char('s'),       Browse,   A::CycleSort,   "cycle the lists' sort order", None),
    bind(Char('F'),       Browse,   A::CycleFilter, "filter lists: all, upcoming, within 30d, 90d", None),
    bind(Code(K::Esc),    Browse,   A::Back,        "back after a jump / clear",    Some("back")),
];

/// What key the table sees in a terminal event, if any (key releases and mouse moves: none).
pub fn key_of(event: &Event) -> Option<(Key, Option<char>)> {
    match event {
        Event::Key(key) => key_of_press(key),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollUp => Some((Key::WheelUp, None)),
            MouseEventKind::ScrollDown => Some((Key::WheelDown, None)),
            _ => None,
        },
        _ => None,
    }
}

fn key_of_press(key: &KeyEvent) -> Option<(Key, Option<char>)> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(c) if ctrl => Some((Key::Ctrl(c.to_ascii_lowercase()), None)),
        // Alt arrives split by `unmeta`; a caller that skipped it gets nothing typed.
        KeyCode::Char(_) if alt => None,
        KeyCode::Char(c) if c.is_control() => None,
        KeyCode::Char(c) => Some((Key::Char(c), Some(c))),
        code => Some((Key::Code(code), None)),
    }
}

/// The event as the keys pressed. Terminals send Alt+key as Esc then the key, so crossterm
/// reads an Esc followed at once by a key (a fast typist, `tmux send-keys Escape q`) as
/// Alt+key; aipx binds nothing to Alt, so it is always the two keys.
pub fn unmeta(event: &Event) -> Vec<Event> {
    match event {
        Event::Key(key)
            if key.modifiers.contains(KeyModifiers::ALT) && key.kind != KeyEventKind::Release =>
        {
            let mut plain = *key;
            plain.modifiers.remove(KeyModifiers::ALT);
            let esc = KeyEvent::new_with_kind(KeyCode::Esc, KeyModifiers::NONE, key.kind);
            vec![Event::Key(esc), Event::Key(plain)]
        }
        other => vec![other.clone()],
    }
}

/// The key table in force: the defaults ([`KEYMAP`]) with the config's overrides applied.
/// Input, the status-bar hints, the help overlay and every key named in a pane come from it,
/// so an override can never leave a label lying.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: KEYMAP.to_vec(),
        }
    }
}

impl Keymap {
    /// The defaults with `overrides` applied in order; each one that cannot be applied
    /// (unknown action, bad key, a key another action holds) is reported and skipped.
    pub fn with_overrides(
        overrides: &[crate::config::KeyOverride],
    ) -> (Keymap, Vec<crate::data::DataError>) {
        overrides::apply(Keymap::default(), overrides)
    }

    /// Every binding, defaults first, as the help overlay lists them.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action a terminal event triggers in the given modes (most specific first).
    ///
    /// Exact keys win over `AnyChar` in every mode, so `/` and `Ctrl-C` work while typing.
    pub fn action_for(&self, modes: &[Mode], event: &Event) -> Option<Action> {
        let (key, typed) = key_of(event)?;
        let in_modes = |b: &&Binding| modes.contains(&b.mode);
        let rank = |b: &Binding| modes.iter().position(|m| *m == b.mode);
        let exact = self
            .bindings
            .iter()
            .filter(in_modes)
            .filter(|b| b.key == key)
            .min_by_key(|b| rank(b));
        if let Some(binding) = exact {
            return Some(binding.action);
        }
        let c = typed?;
        self.bindings
            .iter()
            .filter(in_modes)
            .find(|b| b.key == Key::AnyChar)
            .map(|b| match b.action {
                Action::Input(_) => Action::Input(c),
                other => other,
            })
    }

    /// The keys bound to `action` in `mode`, joined by `/` (`Enter`, `j/↓`); empty when none.
    pub fn keys_for(&self, action: Action, mode: Mode) -> String {
        let keys: Vec<String> = self
            .bindings
            .iter()
            .filter(|b| b.action == action && b.mode == mode)
            .map(|b| b.key.label())
            .collect();
        keys.join("/")
    }

    /// The first key of `action` while browsing (its own tab's, then any), for hints written
    /// into panes: `Enter`, `f`, `i` (not the full-text view's own `Esc`, which closes it).
    pub fn key_for(&self, action: Action) -> String {
        let of = |b: &&Binding| b.action == action;
        let browse = self
            .bindings
            .iter()
            .filter(of)
            .find(|b| !matches!(b.mode, Mode::Search | Mode::Help | Mode::Reader));
        browse
            .or_else(|| self.bindings.iter().find(of))
            .map_or_else(|| "(unbound)".to_string(), |b| b.key.label())
    }

    /// Status-bar hints for the active modes: `(keys, label)`, keys sharing a label joined
    /// by `/`.
    pub fn hints(&self, modes: &[Mode]) -> Vec<(String, &'static str)> {
        let mut out: Vec<(String, &'static str)> = Vec::new();
        for mode in modes {
            for b in self.bindings.iter().filter(|b| b.mode == *mode) {
                let Some(label) = b.hint else { continue };
                if self.shadowed(modes, mode, b.key) {
                    continue;
                }
                match out.iter_mut().find(|(_, l)| *l == label) {
                    Some((keys, _)) => {
                        keys.push('/');
                        keys.push_str(&b.key.label());
                    }
                    None => out.push((b.key.label(), label)),
                }
            }
        }
        out
    }

    /// Whether a more specific active mode binds the same key, hiding this binding.
    fn shadowed(&self, modes: &[Mode], mode: &Mode, key: Key) -> bool {
        let earlier = modes.iter().take_while(|m| *m != mode);
        earlier
            .into_iter()
            .any(|m| self.bindings.iter().any(|b| b.mode == *m && b.key == key))
    }

    /// The help overlay's content: each mode that binds keys with its bindings, same-action
    /// keys merged, each with the action's name for the config.
    pub fn help(&self) -> Vec<(Mode, Vec<HelpEntry>)> {
        let tabs = Tab::ALL.into_iter().map(Mode::Tab);
        let order = [Global, Browse, Search]
            .into_iter()
            .chain(tabs)
            .chain([Picker, Naming, Reader, Help]);
        order
            .map(|mode| {
                let mut entries: Vec<(Action, HelpEntry)> = Vec::new();
                for b in self.bindings.iter().filter(|b| b.mode == mode) {
                    match entries.iter_mut().find(|(a, _)| *a == b.action) {
                        Some((_, e)) => {
                            e.keys.push(' ');
                            e.keys.push_str(&b.key.label());
                        }
                        None => entries.push((
                            b.action,
                            HelpEntry {
                                keys: b.key.label(),
                                desc: b.desc,
                                action: b.action.name(),
                            },
                        )),
                    }
                }
                (
                    mode,
                    entries.into_iter().map(|(_, e)| e).collect::<Vec<_>>(),
                )
            })
            .filter(|(_, entries)| !entries.is_empty())
            .collect()
    }
}

/// One line of the help overlay: keys that do the same thing in one mode, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpEntry {
    /// Keys, space separated (`j ↓`).
    pub keys: String,
    /// Description.
    pub desc: &'static str,
    /// The action's name in the config's `[keys]`, if it can be rebound.
    pub action: Option<&'static str>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyEventState, MouseEvent};

    fn press(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        })
    }

    fn ch(c: char) -> Event {
        press(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        for (i, a) in KEYMAP.iter().enumerate() {
            for b in &KEYMAP[i + 1..] {
                assert!(
                    !(a.mode == b.mode && a.key == b.key),
                    "{:?} bound twice in {:?}",
                    a.key,
                    a.mode
                );
            }
        }
    }

    #[test]
    fn slash_and_ctrl_c_win_over_typing() {
        let typing = [Search, Global];
        assert_eq!(
            Keymap::default().action_for(&typing, &ch('/')),
            Some(A::FocusSearch)
        );
        assert_eq!(
            Keymap::default().action_for(&typing, &ch('q')),
            Some(A::Input('q'))
        );
        assert_eq!(
            Keymap::default().action_for(&typing, &ch('ソ')),
            Some(A::Input('ソ'))
        );
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            Keymap::default().action_for(&typing, &ctrl_c),
            Some(A::Quit)
        );
        assert_eq!(
            Keymap::default().action_for(&[Browse, Global], &ch('q')),
            Some(A::Quit)
        );
        assert_eq!(
            Keymap::default().action_for(&[Browse, Global], &ch('v')),
            None
        );
        assert_eq!(
            Keymap::default().action_for(&[CALENDAR, Browse, Global], &ch('v')),
            Some(A::CycleView)
        );
    }

    #[test]
    fn releases_and_mouse_moves_do_nothing() {
        let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(
            Keymap::default().action_for(&[Browse], &Event::Key(release)),
            None
        );
        let wheel = |kind| {
            Event::Mouse(MouseEvent {
                kind,
                column: 0,
                row: 0,
                modifiers: KeyModifiers::NONE,
            })
        };
        assert_eq!(
            Keymap::default().action_for(&[Global], &wheel(MouseEventKind::Moved)),
            None
        );
        assert_eq!(
            Keymap::default().action_for(&[Global], &wheel(MouseEventKind::ScrollDown)),
            Some(A::Down)
        );
    }

    #[test]
    fn hints_merge_keys_and_skip_shadowed_ones() {
        let hints = Keymap::default().hints(&[Browse, Global]);
        assert!(hints.contains(&("j/k".to_string(), "move")));
        assert!(hints.contains(&("1/2/3/4/5".to_string(), "tabs")));
        let help_hints = Keymap::default().hints(&[Help, Global]);
        assert!(help_hints.contains(&("?/Esc".to_string(), "close")));
    }

    #[test]
    fn help_lists_every_binding_once() {
        let help = Keymap::default().help();
        let keys: usize = help
            .iter()
            .flat_map(|(_, es)| es)
            .map(|e| e.keys.split(' ').count())
            .sum();
        // `any char` is one binding written as two words (in the search box and the name box).
        assert_eq!(keys, KEYMAP.len() + 2);
    }
}
