//! Sorting (`s`) and filtering (`F`) on every list: the entity lists (Explore, Watchlist)
//! share one order, the Programs list and the Calendar have their own; all are remembered
//! between runs.

use aipx::book::sort::ListFilter;
use aipx::book::{Entry, Watchlist, Watchlists};
use aipx::model::ProgramId;
use aipx::tui::screen::Headless;
use insta::assert_snapshot;

use super::{play, today};

fn names(s: &Headless) -> Vec<String> {
    let ix = s.app.index();
    s.app
        .programs()
        .list(ix)
        .iter()
        .map(|&p| ix.program(p).name.to_lowercase())
        .collect()
}

#[test]
fn programs_sort_by_each_key_and_filter_by_due_catalysts() {
    let mut s = play(100, 24, "2");
    let ix = s.app.index();
    let all = ix.data().programs.len();
    let dataset: Vec<ProgramId> = (0..all as u32).map(ProgramId).collect();
    assert_eq!(s.app.programs().list(ix), dataset);

    s.play("s").unwrap();
    assert!(
        s.text().contains("programs: sort next · all"),
        "{}",
        s.text()
    );
    let ix = s.app.index();
    let next: Vec<Option<chrono::NaiveDate>> = s
        .app
        .programs()
        .list(ix)
        .iter()
        .map(|&p| {
            ix.catalysts_of_program(p)
                .iter()
                .filter_map(|&c| ix.catalyst(c).date.next_change(today()))
                .min()
        })
        .collect();
    let ahead = next.iter().take_while(|d| d.is_some()).count();
    assert!(
        ahead > 0 && next[ahead..].iter().all(Option::is_none),
        "{next:?}"
    );
    assert!(next[..ahead].windows(2).all(|w| w[0] <= w[1]), "{next:?}");

    s.play("s").unwrap();
    let ix = s.app.index();
    let linked: Vec<usize> = s
        .app
        .programs()
        .list(ix)
        .iter()
        .map(|&p| ix.exposures_to(p).count())
        .collect();
    assert!(linked.windows(2).all(|w| w[0] >= w[1]), "{linked:?}");

    s.play("s").unwrap();
    assert!(s.text().contains("Programs by name (9)"), "{}", s.text());
    let names = names(&s);
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
    // The selection stays on its program through a new order.
    let before = s.app.programs().program(s.app.index());
    s.play("s").unwrap();
    assert_eq!(s.app.programs().program(s.app.index()), before);
    assert!(s.text().contains("Programs by country (9)"));
    s.play("s").unwrap();
    assert!(s.text().contains("programs: sort dataset"));

    s.play("F").unwrap();
    let ix = s.app.index();
    let upcoming = s.app.programs().list(ix);
    assert!(!upcoming.is_empty() && upcoming.len() < all, "{upcoming:?}");
    for &p in &upcoming {
        assert!(ListFilter::Upcoming.keeps_program(ix, p, today()));
    }
    let text = s.text();
    assert!(
        text.contains(&format!("Programs ({} of {all} upcoming)", upcoming.len())),
        "{text}"
    );
    s.play("FF").unwrap();
    assert!(s.text().contains("programs: sort dataset · 90d"));
    s.play("F").unwrap();
    assert_eq!(s.app.programs().list(s.app.index()).len(), all);
}

#[test]
fn programs_sorted_and_filtered_screen() {
    let s = play(100, 24, "2sF");
    assert_snapshot!("programs_next_upcoming_100x24", s.text());
}

#[test]
fn a_jump_to_a_program_the_filter_hides_drops_the_filter() {
    // 30 days from 21 Nov 2026 no program has a catalyst due: the list is empty.
    let mut s = play(120, 40, "2FF");
    assert!(s.app.programs().list(s.app.index()).is_empty());
    assert!(s.text().contains("none in this filter"), "{}", s.text());
    // SoftBank's exposure opens its program all the same.
    s.play("/9984<Enter><Enter>").unwrap();
    let ix = s.app.index();
    let p = s.app.programs().program(ix).expect("the program is shown");
    assert_eq!(ix.program(p).id, "jp-sovereign-ai");
    assert_eq!(s.app.programs().order.filter, ListFilter::All);
}

#[test]
fn the_calendar_filters_by_due_date_and_stays_in_date_order() {
    let mut s = play(120, 40, "3");
    let ix = s.app.index();
    let all = s.app.calendar().list(ix).len();
    s.play("F").unwrap();
    let ix = s.app.index();
    let upcoming = s.app.calendar().list(ix).into_owned();
    assert!(!upcoming.is_empty() && upcoming.len() < all);
    for &c in &upcoming {
        assert!(ix.catalyst(c).date.next_change(today()).is_some());
    }
    let starts: Vec<_> = upcoming
        .iter()
        .map(|&c| ix.catalyst(c).date.start())
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));
    let text = s.text();
    assert!(text.contains("calendar: by date · upcoming"), "{text}");
    assert!(
        text.contains(&format!(
            "Timeline ({} of {all} upcoming, all;",
            upcoming.len()
        )),
        "{text}"
    );
    assert!(!text.contains("✓ "), "past catalysts are gone: {text}");
    assert_snapshot!("calendar_upcoming_120x40", text);
    // `s` does not reorder a timeline; it says so.
    s.play("s").unwrap();
    assert!(
        s.text()
            .contains("the timeline is always by date (F filters it)")
    );
    assert_eq!(s.app.calendar().list(s.app.index()).into_owned(), upcoming);
    // Within 30 days: nothing from 21 Nov 2026; the pane says which keys widen it.
    s.play("F").unwrap();
    assert!(s.app.calendar().list(s.app.index()).is_empty());
    assert!(s.text().contains("no catalyst within 30d (F: due filter)"));
    s.play("FF").unwrap();
    assert_eq!(s.app.calendar().list(s.app.index()).len(), all);
}

fn book() -> Watchlists {
    let symbols = ["NASDAQ:NVDA", "TSE:9984", "NYSE:TSM", "rapidus", "ZZZZ"];
    Watchlists {
        version: 1,
        lists: vec![Watchlist {
            name: "book".into(),
            entries: symbols
                .iter()
                .map(|s| Entry {
                    symbol: s.to_string(),
                    quantity: None,
                    weight: None,
                })
                .collect(),
        }],
    }
}

#[test]
fn the_watchlist_sorts_and_filters_with_the_entity_lists() {
    let app = super::app().with_book(book(), None);
    let mut s = Headless::new(app, 120, 30);
    s.play("4").unwrap();
    let symbols = |s: &Headless| -> Vec<String> {
        let app = &s.app;
        let cx = app.context();
        app.tabs()
            .watchlist
            .rows(&cx)
            .into_iter()
            .map(|r| r.symbol)
            .collect()
    };
    assert_eq!(
        symbols(&s),
        ["NASDAQ:NVDA", "TSE:9984", "NYSE:TSM", "rapidus", "ZZZZ"],
        "dataset order is the list's own"
    );
    s.play("sss").unwrap();
    assert!(
        s.text().contains("book (5) · sort name · all"),
        "{}",
        s.text()
    );
    let names: Vec<String> = {
        let app = &s.app;
        let cx = app.context();
        app.tabs()
            .watchlist
            .rows(&cx)
            .iter()
            .filter_map(|r| r.entity)
            .map(|e| app.index().entity(e).name.to_lowercase())
            .collect()
    };
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
    assert_eq!(
        symbols(&s).last().unwrap(),
        "ZZZZ",
        "unknown tickers stay, last"
    );
    // The same order is Explore's.
    s.play("1").unwrap();
    assert!(
        s.text().contains("All entities (34) · sort name"),
        "{}",
        s.text()
    );
    s.play("4FF").unwrap();
    assert!(s.text().contains("· sort name · 30d"), "{}", s.text());
    // Nothing is due within 30 days: only the ticker the data does not know stays.
    assert_eq!(symbols(&s), ["ZZZZ"]);
}

fn isolated(home: &std::path::Path, keys: &str) -> String {
    let mut cmd = assert_cmd::Command::cargo_bin("aipx").unwrap();
    let out = cmd
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("HOME", home)
        .args(["--today", "2026-11-21", "screen", "--size", "120x30"])
        .args(["--remember", "--keys", keys])
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn every_lists_order_comes_back_on_the_next_run() {
    let home = tempfile::tempdir().unwrap();
    // Entity lists by name, upcoming; Programs by next, 90 days; Calendar upcoming.
    isolated(home.path(), "sssF2sFFF3F");
    let state = std::fs::read_to_string(home.path().join("state/aipx/state.toml")).unwrap();
    for line in [
        "sort = \"name\"",
        "filter = \"upcoming\"",
        "programs_sort = \"next\"",
        "programs_filter = \"90d\"",
        "calendar_filter = \"upcoming\"",
    ] {
        assert!(state.contains(line), "{line} in {state}");
    }
    let calendar = isolated(home.path(), "");
    assert!(calendar.contains("[3 Calendar]"), "{calendar}");
    assert!(
        calendar.contains(" upcoming, all; f: selected ticker)"),
        "{calendar}"
    );
    let programs = isolated(home.path(), "2");
    assert!(
        programs.contains("Programs by next (2 of 9 within 90d)"),
        "{programs}"
    );
    let explore = isolated(home.path(), "1");
    assert!(explore.contains("· sort name · upcoming"), "{explore}");
    // A state file from before the lists had orders of their own still reads.
    let old = "version = 1\ntab = \"programs\"\nquery = \"\"\nsort = \"next\"\nfilter = \"all\"\n";
    std::fs::write(home.path().join("state/aipx/state.toml"), old).unwrap();
    let programs = isolated(home.path(), "");
    assert!(programs.contains("Programs (9) "), "{programs}");
}
