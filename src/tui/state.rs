//! What the TUI remembers between runs: the tab, the query, the selection, the lists' order
//! and filter, and the watchlist shown. Kept in `$XDG_STATE_HOME/aipx/state.toml`, written
//! atomically at exit; a damaged file (or one from a newer aipx) is reported, the app starts
//! fresh, and the file is left as it is: that session is not remembered over it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::action::Tab;
use super::app::{App, Lists};
use super::tabs::inbox::{InboxFilter, InboxOrder, InboxSort};
use crate::book::sort::{CatalystSort, ListFilter, ProgramSort, SortKey};
use crate::search::Target;

/// The state file's format version. Version 1 (lists in dataset order by default) still
/// reads; see [`restore`].
const VERSION: u32 = 2;

/// The remembered state, in words that survive a dataset change (ids, not positions).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Remembered {
    /// Format version.
    pub version: u32,
    /// `explore`, `programs`, `calendar`, `watchlist` or `inbox`.
    pub tab: String,
    /// The search query.
    pub query: String,
    /// Id of the entity selected in Explore.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// Id of the program selected in Programs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub program: Option<String>,
    /// Sort key of the lists.
    pub sort: String,
    /// Filter of the lists.
    pub filter: String,
    /// Name of the watchlist shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watchlist: Option<String>,
    /// Sort key of the Programs list (absent in files from before it had one).
    #[serde(default)]
    pub programs_sort: String,
    /// Filter of the Programs list.
    #[serde(default)]
    pub programs_filter: String,
    /// Due-date filter of the Calendar.
    #[serde(default)]
    pub calendar_filter: String,
    /// Sort key of the Calendar (absent in files from before it had one).
    #[serde(default)]
    pub calendar_sort: String,
    /// Sort key of the Inbox's proposals.
    #[serde(default)]
    pub inbox_sort: String,
    /// Filter of the Inbox's proposals.
    #[serde(default)]
    pub inbox_filter: String,
}

/// Where the state lives.
pub fn path() -> Option<PathBuf> {
    crate::dirs::state_dir().map(|d| d.join("state.toml"))
}

/// Reads the state file; `Ok(None)` when there is none, `Err` naming `path:line:col` when
/// it is damaged.
pub fn load(path: &Path) -> Result<Option<Remembered>, String> {
    let text = match crate::userfile::read(path, 1 << 20) {
        Ok(Some(t)) => t,
        Ok(None) => return Ok(None),
        Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
    };
    let shown = path.display().to_string();
    let located = crate::data::Located::new(&shown, &text);
    let state: Remembered = toml::from_str(&text).map_err(|e| {
        let at = located.error(e.span().unwrap_or(0..0), e.message().trim().to_string());
        at.to_string()
    })?;
    if !(1..=VERSION).contains(&state.version) {
        return Err(format!(
            "{shown}: state version {} is not {VERSION}",
            state.version
        ));
    }
    Ok(Some(state))
}

/// Writes the state file atomically.
pub fn save(path: &Path, state: &Remembered) -> std::io::Result<()> {
    let text = toml::to_string(state).map_err(std::io::Error::other)?;
    crate::userfile::write(path, text.as_bytes())
}

fn tab_word(tab: Tab) -> &'static str {
    match tab {
        Tab::Explore => "explore",
        Tab::Programs => "programs",
        Tab::Calendar => "calendar",
        Tab::Watchlist => "watchlist",
        Tab::Inbox => "inbox",
    }
}

/// The tab a config or state word names.
pub fn tab_of(word: &str) -> Option<Tab> {
    Tab::ALL.into_iter().find(|t| tab_word(*t) == word)
}

/// What `app` would restore next time.
pub fn remember(app: &App) -> Remembered {
    let ix = app.index();
    let explore = app.explore();
    Remembered {
        version: VERSION,
        tab: tab_word(app.tab()).into(),
        query: explore.query.clone(),
        entity: match explore.target() {
            Some(Target::Entity(e)) => Some(ix.entity(e).id.clone()),
            _ => None,
        },
        program: app.programs().program(ix).map(|p| ix.program(p).id.clone()),
        sort: explore.order.sort.as_str().into(),
        filter: explore.order.filter.label(),
        watchlist: app
            .book()
            .lists
            .get(app.tabs().watchlist.current)
            .map(|w| w.name.clone()),
        programs_sort: app.programs().order.sort.as_str().into(),
        programs_filter: app.programs().order.filter.label(),
        calendar_filter: app.calendar().due.label(),
        calendar_sort: app.calendar().sort.as_str().into(),
        inbox_sort: app.tabs().inbox.order.sort.as_str().into(),
        inbox_filter: app.tabs().inbox.order.filter.as_str().into(),
    }
}

/// `app` as `state` left it: what no longer exists in the data is skipped.
pub fn restore(mut app: App, state: &Remembered) -> App {
    // Version 1 wrote its default order (`dataset`) for every list nobody had sorted: that
    // was no choice, so such a list starts on today's default (or the config's) instead.
    let chosen = |word: &str| !(state.version == 1 && word == "dataset");
    let sort = match SortKey::parse(&state.sort) {
        Some(sort) if chosen(&state.sort) => sort,
        _ => app.explore().order.sort,
    };
    let filter = ListFilter::parse(&state.filter).unwrap_or_default();
    app = app.with_order(sort, filter);
    let programs_sort = match ProgramSort::parse(&state.programs_sort) {
        Some(sort) if chosen(&state.programs_sort) => sort,
        _ => ProgramSort::default(),
    };
    app.restore_lists(Lists {
        programs_sort,
        programs_filter: ListFilter::parse(&state.programs_filter).unwrap_or_default(),
        calendar_sort: CatalystSort::parse(&state.calendar_sort).unwrap_or_default(),
        calendar_filter: ListFilter::parse(&state.calendar_filter).unwrap_or_default(),
        inbox: InboxOrder {
            sort: InboxSort::parse(&state.inbox_sort).unwrap_or_default(),
            filter: InboxFilter::parse(&state.inbox_filter).unwrap_or_default(),
        },
    });
    app.restore_view(
        tab_of(&state.tab),
        &state.query,
        state.entity.as_deref(),
        state.program.as_deref(),
        state.watchlist.as_deref(),
    );
    app
}
