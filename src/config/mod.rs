//! The user's settings: `$XDG_CONFIG_HOME/aipx/config.toml`.
//!
//! Read leniently: a syntax error costs the whole file, a bad value only its own setting,
//! and every problem is reported as `path:line:col: message` (on stderr by the CLI, in the
//! status bar by the TUI) while aipx runs on the defaults for what it could not read.

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::book::sort::{ListFilter, SortKey, parse_days};
use crate::data::{DataError, Located};

/// The commented default written by `aipx config init`.
pub const DEFAULT_TOML: &str = include_str!("default.toml");

/// Largest config file read.
const MAX_BYTES: u64 = 1 << 20;

/// The tab the TUI opens on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StartTab {
    /// Search and details.
    #[default]
    Explore,
    /// Programs.
    Programs,
    /// Calendar.
    Calendar,
    /// Watchlists.
    Watchlist,
    /// The library's inbox.
    Inbox,
}

impl StartTab {
    /// Every tab, in key order.
    pub const ALL: [StartTab; 5] = [
        StartTab::Explore,
        StartTab::Programs,
        StartTab::Calendar,
        StartTab::Watchlist,
        StartTab::Inbox,
    ];

    /// The config word.
    pub fn as_str(self) -> &'static str {
        match self {
            StartTab::Explore => "explore",
            StartTab::Programs => "programs",
            StartTab::Calendar => "calendar",
            StartTab::Watchlist => "watchlist",
            StartTab::Inbox => "inbox",
        }
    }

    /// Reads the config word.
    pub fn parse(word: &str) -> Option<StartTab> {
        StartTab::ALL.into_iter().find(|t| t.as_str() == word)
    }
}

/// Colour palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// Light text on a dark terminal.
    #[default]
    Dark,
    /// Dark text on a light terminal.
    Light,
}

impl ThemeName {
    /// The config word.
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
        }
    }
}

/// A key override: `action = "key"` or `action = ["key", ...]` in `[keys]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    /// Action name as the help overlay lists it.
    pub action: String,
    /// Keys in the key-script syntax (`x`, `<C-d>`).
    pub keys: Vec<String>,
    /// Where it is written, for messages about it.
    pub at: DataError,
}

impl KeyOverride {
    /// A problem with this override, at its place in the file.
    pub fn problem(&self, message: impl Into<String>) -> DataError {
        DataError {
            message: message.into(),
            ..self.at.clone()
        }
    }
}

/// Every setting, with its default when the file does not give it.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Tab at start when none is remembered.
    pub tab: StartTab,
    /// Palette.
    pub theme: ThemeName,
    /// Whether the TUI captures the mouse.
    pub mouse: bool,
    /// Order of the lists until changed.
    pub sort: SortKey,
    /// Filter of the lists until changed.
    pub filter: ListFilter,
    /// Days `aipx upcoming` looks ahead without `--within`.
    pub horizon: u32,
    /// Watchlist used without `--watchlist`.
    pub default_watchlist: Option<String>,
    /// Key overrides, in file order.
    pub keys: Vec<KeyOverride>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            tab: StartTab::default(),
            theme: ThemeName::default(),
            mouse: true,
            sort: SortKey::default(),
            filter: ListFilter::default(),
            horizon: 14,
            default_watchlist: None,
            keys: Vec::new(),
        }
    }
}

/// A config as read, with what was wrong in it.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The settings (defaults where the file was silent or wrong).
    pub config: Config,
    /// The file read, if one exists.
    pub path: Option<PathBuf>,
    /// Every problem, `path:line:col: message`.
    pub problems: Vec<DataError>,
}

impl Loaded {
    /// One line for the status bar when something was wrong.
    pub fn status(&self) -> Option<String> {
        let first = self.problems.first()?;
        let more = match self.problems.len() {
            1 => String::new(),
            n => format!(" (+{} more, see stderr)", n - 1),
        };
        Some(format!("config: {first}{more}; defaults used"))
    }
}

/// Where the config lives: `$XDG_CONFIG_HOME/aipx/config.toml` (or `~/.config/aipx/...`).
pub fn path() -> Option<PathBuf> {
    crate::dirs::config_dir().map(|d| d.join("config.toml"))
}

/// Reads the user's config; no file is all defaults and no problem.
pub fn load() -> Loaded {
    match path() {
        Some(p) => load_from(&p),
        None => Loaded::default(),
    }
}

/// Reads the config at `path`.
pub fn load_from(path: &Path) -> Loaded {
    let shown = path.display().to_string();
    match crate::userfile::read(path, MAX_BYTES) {
        Ok(None) => Loaded::default(),
        Ok(Some(text)) => {
            let (config, problems) = parse(&shown, &text);
            Loaded {
                config,
                path: Some(path.to_path_buf()),
                problems,
            }
        }
        Err(e) => Loaded {
            config: Config::default(),
            path: Some(path.to_path_buf()),
            problems: vec![DataError {
                path: shown,
                line: 1,
                col: 1,
                message: format!("cannot read: {e}"),
            }],
        },
    }
}

/// Parses a config's text (`path` names it in messages): the settings it could read and
/// every problem. A syntax error leaves every setting at its default.
pub fn parse(path: &str, text: &str) -> (Config, Vec<DataError>) {
    let file = Located::new(path, text);
    let mut reader = Reader {
        file: &file,
        problems: Vec::new(),
        config: Config::default(),
    };
    match DeTable::parse(text) {
        Ok(root) => reader.root(root.get_ref()),
        Err(e) => {
            let message = e.message().trim().to_string();
            reader
                .problems
                .push(file.error(e.span().unwrap_or(0..0), message));
        }
    }
    // Tables iterate in key order, not file order: put both back in file order.
    let mut config = reader.config;
    config.keys.sort_by_key(|k| (k.at.line, k.at.col));
    let mut problems = reader.problems;
    problems.sort_by_key(|p| (p.line, p.col));
    (config, problems)
}

type Value<'i> = Spanned<DeValue<'i>>;

struct Reader<'a> {
    file: &'a Located<'a>,
    problems: Vec<DataError>,
    config: Config,
}

impl Reader<'_> {
    fn problem(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.problems.push(self.file.error(span, message));
    }

    fn root(&mut self, root: &DeTable<'_>) {
        for (key, value) in root.iter() {
            let Some(table) = self.table(key.get_ref(), value) else {
                continue;
            };
            match key.get_ref().as_ref() {
                "ui" => self.ui(table),
                "lists" => self.lists(table),
                "alerts" => self.alerts(table),
                "watchlists" => self.watchlists(table),
                "keys" => self.keys(table),
                other => self.problem(
                    key.span(),
                    format!(
                        "unknown section [{other}] (known: ui, lists, alerts, watchlists, keys)"
                    ),
                ),
            }
        }
    }

    fn table<'v, 'i>(&mut self, name: &str, value: &'v Value<'i>) -> Option<&'v DeTable<'i>> {
        let table = value.get_ref().as_table();
        if table.is_none() {
            self.problem(
                value.span(),
                format!("{name} should be a section ([{name}])"),
            );
        }
        table
    }

    fn string<'v>(&mut self, name: &str, value: &'v Value<'_>) -> Option<&'v str> {
        let text = value.get_ref().as_str();
        if text.is_none() {
            let kind = value.get_ref().type_str();
            self.problem(
                value.span(),
                format!("{name} should be a string, not {kind}"),
            );
        }
        text
    }

    fn word<T>(
        &mut self,
        name: &str,
        value: &Value<'_>,
        parse: impl Fn(&str) -> Option<T>,
        expected: &str,
    ) -> Option<T> {
        let text = self.string(name, value)?;
        let parsed = parse(text);
        if parsed.is_none() {
            let shown = crate::text::sanitize(text);
            self.problem(
                value.span(),
                format!("{name} = {shown:?} is not one of {expected}"),
            );
        }
        parsed
    }

    fn unknown(&mut self, section: &str, key: &Spanned<std::borrow::Cow<'_, str>>, known: &str) {
        let shown = crate::text::sanitize(key.get_ref());
        self.problem(
            key.span(),
            format!("unknown setting {shown:?} in [{section}] (known: {known})"),
        );
    }

    fn ui(&mut self, table: &DeTable<'_>) {
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "tab" => {
                    let expected = StartTab::ALL.map(StartTab::as_str).join(", ");
                    if let Some(t) = self.word("tab", value, StartTab::parse, &expected) {
                        self.config.tab = t;
                    }
                }
                "theme" => {
                    let parse = |w: &str| match w {
                        "dark" => Some(ThemeName::Dark),
                        "light" => Some(ThemeName::Light),
                        _ => None,
                    };
                    if let Some(t) = self.word("theme", value, parse, "dark, light") {
                        self.config.theme = t;
                    }
                }
                "mouse" => match value.get_ref().as_bool() {
                    Some(b) => self.config.mouse = b,
                    None => self.problem(value.span(), "mouse should be true or false"),
                },
                _ => self.unknown("ui", key, "tab, theme, mouse"),
            }
        }
    }

    fn lists(&mut self, table: &DeTable<'_>) {
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "sort" => {
                    let expected = SortKey::words();
                    if let Some(k) = self.word("sort", value, SortKey::parse, &expected) {
                        self.config.sort = k;
                    }
                }
                "filter" => {
                    let expected = "all, upcoming, or days such as 30d";
                    if let Some(f) = self.word("filter", value, ListFilter::parse, expected) {
                        self.config.filter = f;
                    }
                }
                _ => self.unknown("lists", key, "sort, filter"),
            }
        }
    }

    fn alerts(&mut self, table: &DeTable<'_>) {
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "horizon" => {
                    let days = match value.get_ref() {
                        DeValue::Integer(i) => i.as_str().parse::<u32>().map_err(|_| {
                            "horizon should be a number of days from 0 to 36500".to_string()
                        }),
                        DeValue::String(s) => parse_days(s),
                        other => Err(format!(
                            "horizon should be days such as \"14d\", not {}",
                            other.type_str()
                        )),
                    };
                    match days.and_then(|d| {
                        (d <= 36_500)
                            .then_some(d)
                            .ok_or_else(|| "horizon is at most 36500 days".to_string())
                    }) {
                        Ok(d) => self.config.horizon = d,
                        Err(message) => self.problem(value.span(), message),
                    }
                }
                _ => self.unknown("alerts", key, "horizon"),
            }
        }
    }

    fn watchlists(&mut self, table: &DeTable<'_>) {
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "default" => {
                    if let Some(name) = self.string("default", value) {
                        match crate::book::watchlist::check_name(name) {
                            Ok(()) => self.config.default_watchlist = Some(name.to_string()),
                            Err(message) => self.problem(value.span(), message),
                        }
                    }
                }
                _ => self.unknown("watchlists", key, "default"),
            }
        }
    }

    fn keys(&mut self, table: &DeTable<'_>) {
        for (key, value) in table.iter() {
            let action = key.get_ref().to_string();
            let keys: Option<Vec<String>> = match value.get_ref() {
                DeValue::String(s) => Some(vec![s.to_string()]),
                DeValue::Array(items) => items
                    .iter()
                    .map(|v| v.get_ref().as_str().map(str::to_string))
                    .collect(),
                _ => None,
            };
            match keys {
                Some(keys) if !keys.is_empty() => self.config.keys.push(KeyOverride {
                    action,
                    keys,
                    at: self.file.error(key.span(), ""),
                }),
                _ => self.problem(
                    value.span(),
                    format!(
                        "keys.{} should be a key such as \"x\" or a list of them",
                        crate::text::sanitize(&action)
                    ),
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_default_reads_as_the_defaults() {
        let (config, problems) = parse("c.toml", DEFAULT_TOML);
        assert_eq!(problems, vec![]);
        assert_eq!(config, Config::default());
    }

    #[test]
    fn a_good_config_sets_everything() {
        let text = r#"
[ui]
tab = "calendar"
theme = "light"
mouse = false
[lists]
sort = "country"
filter = "30d"
[alerts]
horizon = "2w"
[watchlists]
default = "book"
[keys]
quit = "x"
page_down = ["<PgDn>", "<C-d>"]
"#;
        let (config, problems) = parse("c.toml", text);
        assert_eq!(problems, vec![]);
        assert_eq!(config.tab, StartTab::Calendar);
        assert_eq!(config.theme, ThemeName::Light);
        assert!(!config.mouse);
        assert_eq!(config.sort, SortKey::Country);
        assert_eq!(config.filter, ListFilter::Within(30));
        assert_eq!(config.horizon, 14);
        assert_eq!(config.default_watchlist.as_deref(), Some("book"));
        assert_eq!(config.keys.len(), 2);
        assert_eq!(config.keys[1].keys, vec!["<PgDn>", "<C-d>"]);
        assert_eq!((config.keys[0].at.line, config.keys[0].at.col), (14, 1));
    }

    #[test]
    fn a_partial_config_keeps_what_it_can_read() {
        let text = "[ui]\ntheme = \"blue\"\ntab = \"programs\"\n[lists]\nsort = 3\nbogus = 1\n";
        let (config, problems) = parse("c.toml", text);
        assert_eq!(config.tab, StartTab::Programs, "the good line is kept");
        assert_eq!(config.theme, ThemeName::Dark, "the bad one falls back");
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            vec![
                "c.toml:2:9: theme = \"blue\" is not one of dark, light",
                "c.toml:5:8: sort should be a string, not integer",
                "c.toml:6:1: unknown setting \"bogus\" in [lists] (known: sort, filter)",
            ]
        );
    }

    #[test]
    fn a_bad_tab_names_every_tab_there_is() {
        let (config, problems) = parse("c.toml", "[ui]\ntab = \"books\"\n");
        assert_eq!(config.tab, StartTab::Explore);
        assert_eq!(
            problems[0].to_string(),
            format!(
                "c.toml:2:7: tab = \"books\" is not one of {}",
                StartTab::ALL.map(StartTab::as_str).join(", ")
            )
        );
        assert_eq!(StartTab::parse("inbox"), Some(StartTab::Inbox));
    }

    #[test]
    fn a_broken_config_is_all_defaults_with_the_place_of_the_error() {
        let text = "[ui]\ntheme = \"light\"\ntab = \"explore\n";
        let (config, problems) = parse("c.toml", text);
        assert_eq!(config, Config::default());
        assert_eq!(problems.len(), 1);
        assert_eq!((problems[0].line, problems[0].path.as_str()), (3, "c.toml"));
        let loaded = Loaded {
            problems,
            ..Loaded::default()
        };
        assert!(loaded.status().unwrap().starts_with("config: c.toml:3:"));
    }

    #[test]
    fn missing_file_is_defaults_and_unreadable_file_is_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = load_from(&dir.path().join("none.toml"));
        assert!(loaded.problems.is_empty() && loaded.path.is_none());
        let loaded = load_from(dir.path());
        assert_eq!(loaded.problems.len(), 1);
    }
}
