//! What the TUI remembers between runs: the tab, the query, the selection, the lists' order
//! and filter, and the watchlist shown. Kept in `$XDG_STATE_HOME/aipx/state.toml`, written
//! atomically at exit; a damaged file (or one from a newer aipx) is reported, the app starts
//! fresh, and the file is left as it is: that session is not remembered over it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::action::Tab;
use super::app::App;
use crate::book::sort::{ListFilter, ProgramSort, SortKey};
use crate::search::Target;

/// The state file's format version.
const VERSION: u32 = 1;

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
    if state.version != VERSION {
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
    }
}

/// `app` as `state` left it: what no longer exists in the data is skipped.
pub fn restore(mut app: App, state: &Remembered) -> App {
    let sort = SortKey::parse(&state.sort).unwrap_or_default();
    let filter = ListFilter::parse(&state.filter).unwrap_or_default();
    app = app.with_order(sort, filter);
    let programs_sort = ProgramSort::parse(&state.programs_sort).unwrap_or_default();
    let programs_filter = ListFilter::parse(&state.programs_filter).unwrap_or_default();
    let calendar_filter = ListFilter::parse(&state.calendar_filter).unwrap_or_default();
    app.restore_lists(programs_sort, programs_filter, calendar_filter);
    app.restore_view(
        tab_of(&state.tab),
        &state.query,
        state.entity.as_deref(),
        state.program.as_deref(),
        state.watchlist.as_deref(),
    );
    app
}
