//! Sorting (`s`) and filtering (`F`) on every list: the entity lists (Explore, Watchlist)
//! share one order, the Programs list and the Calendar have their own; all are remembered
//! between runs.

use aipx::book::sort::ListFilter;
use aipx::model::ProgramId;
use aipx::tui::screen::Headless;
use insta::assert_snapshot;

use super::{play, today, watchlist};

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
    // By default the program whose next catalyst comes first heads the list, ties by name;
    // the title names no order then.
    let mut s = play(100, 24, "2");
    assert!(s.text().contains("Programs (9) "), "{}", s.text());
    let ix = s.app.index();
    let all = ix.data().programs.len();
    let next: Vec<(Option<chrono::NaiveDate>, String)> = s
        .app
        .programs()
        .list(ix)
        .iter()
        .map(|&p| {
            let next = ix
                .catalysts_of_program(p)
                .iter()
                .filter_map(|&c| ix.catalyst(c).date.next_change(today()))
                .min();
            (next, ix.program(p).name.to_lowercase())
        })
        .collect();
    let ahead = next.iter().take_while(|(d, _)| d.is_some()).count();
    assert!(
        ahead > 0 && next[ahead..].iter().all(|(d, _)| d.is_none()),
        "{next:?}"
    );
    assert!(next[..ahead].is_sorted(), "{next:?}");
    assert!(next[ahead..].is_sorted(), "none ahead: by name {next:?}");

    s.play("s").unwrap();
    assert!(
        s.text().contains("programs: sort linked · all"),
        "{}",
        s.text()
    );
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
    let dataset: Vec<ProgramId> = (0..all as u32).map(ProgramId).collect();
    assert_eq!(s.app.programs().list(s.app.index()), dataset);
    s.play("s").unwrap();
    assert!(s.text().contains("programs: sort next"), "wraps round");

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
    assert!(s.text().contains("programs: sort next · 90d"));
    s.play("F").unwrap();
    assert_eq!(s.app.programs().list(s.app.index()).len(), all);
}

#[test]
fn programs_sorted_and_filtered_screen() {
    let s = play(100, 24, "2F");
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
fn the_calendar_filters_by_due_date_and_sorts_by_each_key() {
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
    // `s` orders the same catalysts by title: one flat list, no month headings or today
    // marker, the selection kept.
    let selected = s.app.calendar().catalyst(s.app.index());
    s.play("s").unwrap();
    let text = s.text();
    assert!(text.contains("calendar: by name · upcoming"), "{text}");
    assert!(text.contains("Timeline by name ("), "{text}");
    assert!(!text.contains("━━ today"), "{text}");
    assert_snapshot!("calendar_by_name_upcoming_120x40", text);
    let ix = s.app.index();
    let by_name = s.app.calendar().list(ix).into_owned();
    let titles: Vec<String> = by_name
        .iter()
        .map(|&c| ix.catalyst(c).title.to_lowercase())
        .collect();
    assert!(titles.is_sorted(), "{titles:?}");
    let mut same = by_name.clone();
    same.sort();
    let mut was = upcoming.clone();
    was.sort();
    assert_eq!(same, was, "the filter still holds");
    assert_eq!(s.app.calendar().catalyst(ix), selected);
    // Country, direction, then the number of entities linked, most first: each grouped
    // under the value it is sorted by, so the key shows.
    let heading = |s: &Headless, label: &str| {
        s.text()
            .lines()
            .any(|l| l.contains(&format!("┃  {label} ──")))
    };
    s.play("s").unwrap();
    assert!(s.text().contains("calendar: by country"), "{}", s.text());
    assert!(heading(&s, "JP") && !heading(&s, "US"), "{}", s.text());
    s.play("s").unwrap();
    assert!(s.text().contains("calendar: by direction"), "{}", s.text());
    assert!(heading(&s, "▲ tailwind"), "{}", s.text());
    assert_snapshot!("calendar_by_direction_upcoming_120x40", s.text());
    s.play("s").unwrap();
    assert!(s.text().contains("Timeline by linked ("), "{}", s.text());
    assert!(heading(&s, "10 linked"), "{}", s.text());
    let ix = s.app.index();
    let linked: Vec<usize> = s
        .app
        .calendar()
        .list(ix)
        .iter()
        .map(|&c| aipx::book::sort::catalyst_entities(ix, c).len())
        .collect();
    assert!(linked.windows(2).all(|w| w[0] >= w[1]), "{linked:?}");
    // And back to the timeline by date, headings and all.
    s.play("s").unwrap();
    assert_eq!(s.app.calendar().list(s.app.index()).into_owned(), upcoming);
    assert!(s.text().contains("━━ today"), "{}", s.text());
    // Within 30 days: nothing from 21 Nov 2026; the pane says which keys widen it.
    s.play("F").unwrap();
    assert!(s.app.calendar().list(s.app.index()).is_empty());
    assert!(s.text().contains("no catalyst within 30d (F: due filter)"));
    s.play("FF").unwrap();
    assert_eq!(s.app.calendar().list(s.app.index()).len(), all);
}

#[test]
fn the_watchlist_sorts_and_filters_with_the_entity_lists() {
    let app = super::app().with_book(
        watchlist(&["NASDAQ:NVDA", "TSE:9984", "NYSE:TSM", "rapidus", "ZZZZ"]),
        None,
    );
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
    // By default the next catalyst, soonest first, then the name; unknown tickers last.
    assert!(
        s.text().contains("book (5) · sort next · all"),
        "{}",
        s.text()
    );
    let ix = s.app.index();
    let next: Vec<_> = {
        let cx = s.app.context();
        s.app
            .tabs()
            .watchlist
            .rows(&cx)
            .iter()
            .filter_map(|r| r.entity)
            .map(|e| {
                let start = ix
                    .next_catalyst(e, today())
                    .map(|c| ix.catalyst(c).date.start());
                (start.is_none(), start, ix.entity(e).name.to_lowercase())
            })
            .collect()
    };
    assert_eq!(next.len(), 4);
    assert!(next.is_sorted(), "{next:?}");
    assert_eq!(symbols(&s).last().unwrap(), "ZZZZ");
    // `dataset` is the list's own order.
    s.play("ssssss").unwrap();
    assert!(s.text().contains("· sort dataset ·"), "{}", s.text());
    assert_eq!(
        symbols(&s),
        ["NASDAQ:NVDA", "TSE:9984", "NYSE:TSM", "rapidus", "ZZZZ"],
        "dataset order is the list's own"
    );
    s.play("sss").unwrap();
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

/// The screen after `keys` at 120x30, in a run isolated in `home`.
fn isolated(home: &std::path::Path, keys: &str) -> String {
    super::isolated_run(home, "120x30", keys)
}

#[test]
fn every_lists_order_comes_back_on_the_next_run() {
    let home = tempfile::tempdir().unwrap();
    // Entity lists by name, upcoming; Programs by linked, 90 days; Calendar by name,
    // upcoming; the Inbox by article, pending only.
    isolated(home.path(), "ssF2sFFF5sF3sF");
    let state = std::fs::read_to_string(home.path().join("state/aipx/state.toml")).unwrap();
    for line in [
        "sort = \"name\"",
        "filter = \"upcoming\"",
        "programs_sort = \"linked\"",
        "programs_filter = \"90d\"",
        "calendar_sort = \"name\"",
        "calendar_filter = \"upcoming\"",
        "inbox_sort = \"article\"",
        "inbox_filter = \"pending\"",
    ] {
        assert!(state.contains(line), "{line} in {state}");
    }
    let calendar = isolated(home.path(), "");
    assert!(calendar.contains("[3 Calendar]"), "{calendar}");
    assert!(
        calendar.contains("Timeline by name (5 of 11 upcoming, all; f: selected ticker)"),
        "{calendar}"
    );
    let programs = isolated(home.path(), "2");
    assert!(
        programs.contains("Programs by linked (2 of 9 within 9"),
        "{programs}"
    );
    let explore = isolated(home.path(), "1");
    assert!(explore.contains("· sort name · upcoming"), "{explore}");
    // The inbox's order came back too, and is written again as it was.
    let state = std::fs::read_to_string(home.path().join("state/aipx/state.toml")).unwrap();
    assert!(state.contains("inbox_sort = \"article\""), "{state}");
    // A state file from before the lists had orders of their own still reads, each list
    // taking its default: Programs by next catalyst.
    let old = "version = 1\ntab = \"programs\"\nquery = \"\"\nsort = \"next\"\nfilter = \"all\"\n";
    std::fs::write(home.path().join("state/aipx/state.toml"), old).unwrap();
    let programs = isolated(home.path(), "");
    assert!(programs.contains("Programs (9) "), "{programs}");
    let calendar = isolated(home.path(), "3");
    assert!(calendar.contains("Timeline (11, all;"), "{calendar}");
    // Version 1 wrote `dataset`, then the default, for lists nobody sorted: no choice to
    // keep, so they start on today's default; version 2 keeps a `dataset` chosen with `s`.
    let v1 = "version = 1\ntab = \"explore\"\nquery = \"\"\nsort = \"dataset\"\nfilter = \"all\"\nprograms_sort = \"dataset\"\n";
    std::fs::write(home.path().join("state/aipx/state.toml"), v1).unwrap();
    let explore = isolated(home.path(), "");
    assert!(explore.contains("All entities (34) ━"), "{explore}");
    assert!(isolated(home.path(), "2").contains("Programs (9) "));
    isolated(home.path(), "<Esc>1ssssss");
    let state = std::fs::read_to_string(home.path().join("state/aipx/state.toml")).unwrap();
    assert!(
        state.contains("version = 2") && state.contains("sort = \"dataset\""),
        "{state}"
    );
    let explore = isolated(home.path(), "");
    assert!(
        explore.contains("All entities (34) · sort dataset"),
        "{explore}"
    );
}

#[test]
fn the_config_sort_overrides_the_default_and_the_remembered_sort_the_config() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config/aipx");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[lists]\nsort = \"dataset\"\n").unwrap();
    // Nothing remembered yet: the config's order, named in the title.
    let first = isolated(home.path(), "");
    assert!(
        first.contains("All entities (34) · sort dataset"),
        "{first}"
    );
    assert!(
        first.contains("▶ NVDA "),
        "the dataset's first entity: {first}"
    );
    // Remembered (`s`: from dataset to next, the default again): it wins over the config.
    isolated(home.path(), "s");
    let again = isolated(home.path(), "");
    assert!(again.contains("All entities (34) ━"), "{again}");
}
