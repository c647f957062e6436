//! The trader's own book in the TUI: the Watchlist tab, `w`, sorting and filtering, copy,
//! themes, key overrides in the help overlay, and state kept between two runs.

use insta::assert_snapshot;

use aipx::book::{Entry, Watchlists};
use aipx::tui::app::Effect;
use aipx::tui::keymap::Keymap;
use aipx::tui::screen::Headless;

use super::{isolated, isolated_run, watchlist};

#[test]
fn watchlist_tab_shows_the_list_and_its_exposure() {
    let app = super::app().with_book(watchlist(&["TSE:9984", "NASDAQ:NVDA", "ZZZZ"]), None);
    let mut s = Headless::new(app, 120, 30);
    s.play("4").unwrap();
    let text = s.text();
    assert_snapshot!("watchlist_120x30", text);
    assert!(text.contains("[4 Watchlist]"));
    assert!(text.contains("ZZZZ") && text.contains("(not in the data)"));
    assert!(text.contains("Whole list, each program once (2 known)"));
    // Enter opens the selected ticker in Explore (NVIDIA: its next catalyst is SoftBank's,
    // and the tie reads A to Z).
    s.play("<Enter>").unwrap();
    assert!(s.text().contains("[1 Explore]"));
    assert!(
        s.text().contains("NVIDIA Corporation  NASDAQ:NVDA"),
        "{}",
        s.text()
    );
}

/// TSMC meets the Rapidus program as a rival: that program's ¥250B is money against it, shown
/// on its own line, never as money behind TSMC or added to the list's tailwind money.
#[test]
fn a_rivals_program_money_is_shown_as_headwind_money() {
    let app = super::app().with_book(watchlist(&["NYSE:TSM", "TSE:9984"]), None);
    let mut s = Headless::new(app, 120, 30);
    // TSMC is the second row: SoftBank shares its next catalyst's day and comes first A to Z.
    s.play("4j").unwrap();
    let text = s.text();
    let lines: Vec<&str> = text.lines().collect();
    let tailwind: Vec<&&str> = lines
        .iter()
        .filter(|l| l.contains("▲ tailwind money"))
        .collect();
    let headwind: Vec<&&str> = lines
        .iter()
        .filter(|l| l.contains("▼ headwind money"))
        .collect();
    // The whole list, then TSMC (selected): its own Kumamoto fab is a tailwind with no
    // public money stated.
    assert_eq!(tailwind.len(), 2, "{text}");
    assert!(tailwind[0].contains("¥1T ($6.34B)"), "{text}");
    assert!(tailwind[1].contains("▲ tailwind money —"), "{text}");
    for l in &tailwind {
        assert!(!l.contains("¥250B"), "{text}");
    }
    assert_eq!(headwind.len(), 2, "{text}");
    for l in headwind {
        assert!(l.contains("¥250B"), "{text}");
    }
    assert!(!text.contains("¥1.25T"), "never summed: {text}");
}

/// Weights are shown as the import gave them, never rounded to a figure it did not give.
#[test]
fn weights_are_shown_as_imported() {
    let mut lists = watchlist(&["TSE:9984", "TSE:6702"]);
    lists.lists[0].entries[0].weight = Some(7.25);
    lists.lists[0].entries[1].weight = Some(12.0);
    let mut s = Headless::new(super::app().with_book(lists, None), 120, 30);
    s.play("4").unwrap();
    let text = s.text();
    assert!(text.contains(" 7.25% "), "{text}");
    assert!(text.contains(" 12% "), "{text}");
    assert!(!text.contains("7.2%") && !text.contains("7.3%"), "{text}");
}

#[test]
fn w_adds_the_selected_ticker_and_removes_it_again_and_saves() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("watchlists.toml");
    let mut s = Headless::new(super::app(), 120, 30);
    s.outside.book = Some(path.clone());
    s.play("/nvda<Enter><Esc>w").unwrap();
    assert!(
        s.text()
            .contains("added NASDAQ:NVDA to watchlist (w again removes)"),
        "{}",
        s.text()
    );
    let saved = Watchlists::load(&path).unwrap();
    assert_eq!(saved.lists[0].name, "watchlist");
    assert_eq!(saved.lists[0].entries[0].symbol, "NASDAQ:NVDA");
    s.play("4").unwrap();
    assert!(s.text().contains("NASDAQ:NVDA"), "{}", s.text());
    s.play("w").unwrap();
    assert!(s.text().contains("removed NASDAQ:NVDA from watchlist"));
    assert!(Watchlists::load(&path).unwrap().lists[0].entries.is_empty());
}

/// The TUI reads the watchlists file at start; `aipx watchlist add` in another terminal while
/// it is open must not be undone by the next `w`, and a file damaged since is reported and
/// left as it is.
#[test]
fn w_keeps_what_another_aipx_wrote_and_never_replaces_a_file_damaged_since() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("watchlists.toml");
    watchlist(&["TSE:9984"]).save(&path).unwrap();
    let app = super::app().with_book(Watchlists::load(&path).unwrap(), None);
    let mut s = Headless::new(app, 120, 30);
    s.outside.book = Some(path.clone());
    // Meanwhile, another aipx adds IBM to the list and starts a second one.
    let mut theirs = Watchlists::load(&path).unwrap();
    theirs.get_or_create("book").entries.push(Entry {
        symbol: "NYSE:IBM".into(),
        quantity: None,
        weight: None,
    });
    theirs.get_or_create("ideas").entries.push(Entry {
        symbol: "NYSE:TSM".into(),
        quantity: None,
        weight: None,
    });
    theirs.save(&path).unwrap();
    s.play("/nvda<Enter><Esc>w").unwrap();
    let saved = Watchlists::load(&path).unwrap();
    let symbols: Vec<&str> = saved.lists[0]
        .entries
        .iter()
        .map(|x| x.symbol.as_str())
        .collect();
    assert_eq!(symbols, ["TSE:9984", "NYSE:IBM", "NASDAQ:NVDA"]);
    assert_eq!(saved.get("ideas").unwrap().entries.len(), 1);
    // The tab shows what was written, IBM included.
    s.play("4").unwrap();
    assert!(s.text().contains("NYSE:IBM"), "{}", s.text());
    // Damaged since: reported, not replaced.
    let damaged = "version = 1\n[[watchlist]]\nname = \"book\"\n[[watchlist.entry]]\nsymbol = 12\n";
    std::fs::write(&path, damaged).unwrap();
    s.play("w").unwrap();
    let status = s.text().lines().last().unwrap().to_string();
    assert!(status.contains("watchlists.toml:5:"), "{status}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), damaged);
}

#[test]
fn w_on_a_body_with_no_listing_says_why_and_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("watchlists.toml");
    let mut s = Headless::new(super::app(), 120, 30);
    s.outside.book = Some(path.clone());
    // The ministry from Explore, then the government from the Programs tab's linked list.
    s.play("/meti<Enter><Esc>w").unwrap();
    assert_eq!(
        s.app
            .explore()
            .entity()
            .map(|e| s.app.index().entity(e).id.as_str()),
        Some("meti")
    );
    assert!(
        s.text()
            .contains("METI is not a listed company; nothing to watch"),
        "{}",
        s.text()
    );
    // The Japan sovereign AI program heads the Programs list (next catalyst first); its
    // sponsor is the row before last of its linked entities.
    s.play("2<Tab><End>kw").unwrap();
    assert!(
        s.text()
            .contains("Government of Japan is not a listed company; nothing to watch"),
        "{}",
        s.text()
    );
    assert!(s.app.book().lists.is_empty(), "{:?}", s.app.book());
    assert!(!path.exists(), "nothing to save");
    // A listed company still goes in.
    s.play("1/<C-u>nvda<Enter><Esc>w").unwrap();
    assert!(
        s.text().contains("added NASDAQ:NVDA to watchlist"),
        "{}",
        s.text()
    );
}

#[test]
fn a_body_already_in_a_watchlist_can_still_be_taken_out() {
    // A book saved before the rule, with the ministry in it.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("watchlists.toml");
    watchlist(&["meti", "TSE:9984"]).save(&path).unwrap();
    let app = super::app().with_book(Watchlists::load(&path).unwrap(), None);
    let mut s = Headless::new(app, 120, 30);
    s.outside.book = Some(path.clone());
    s.play("/meti<Enter><Esc>w").unwrap();
    assert!(s.text().contains("removed meti from book"), "{}", s.text());
    let saved = Watchlists::load(&path).unwrap();
    assert_eq!(saved.lists[0].entries.len(), 1);
    assert_eq!(saved.lists[0].entries[0].symbol, "TSE:9984");
}

#[test]
fn a_damaged_watchlists_file_is_never_overwritten() {
    let mut s = Headless::new(super::app(), 100, 24);
    // No path: the file could not be read cleanly.
    s.play("/nvda<Enter><Esc>w").unwrap();
    assert!(s.text().contains("watchlists not saved"), "{}", s.text());
}

#[test]
fn sort_and_filter_cycle_with_their_keys() {
    // The default order is the next catalyst, soonest first, then the name; the title names
    // no order then.
    let mut s = super::play(120, 30, "");
    assert!(s.text().contains("All entities (34) ━"), "{}", s.text());
    let (ix, today) = (s.app.index(), super::today());
    let starts: Vec<_> = s
        .app
        .explore()
        .results
        .iter()
        .map(|r| match r.target {
            aipx::search::Target::Entity(e) => ix
                .next_catalyst(e, today)
                .map(|c| ix.catalyst(c).date.start()),
            _ => unreachable!("an empty query lists entities"),
        })
        .collect();
    let ahead = starts.iter().take_while(|d| d.is_some()).count();
    assert!(ahead > 0 && starts[ahead..].iter().all(Option::is_none));
    assert!(starts[..ahead].is_sorted(), "{starts:?}");
    let first = s.app.explore().entity().unwrap();
    assert_eq!(ix.entity(first).name, "ABB Ltd", "ties read A to Z");
    s.play("s").unwrap();
    assert!(
        s.text().contains("lists: sort programs · all"),
        "{}",
        s.text()
    );
    assert!(s.text().contains("All entities (34) · sort programs"));
    s.play("sssss").unwrap();
    assert!(
        s.text().contains("lists: sort dataset · all"),
        "{}",
        s.text()
    );
    s.play("s").unwrap();
    assert!(s.text().contains("lists: sort next · all"), "{}", s.text());
    s.play("F").unwrap();
    assert!(s.text().contains("lists: sort next · upcoming"));
    let all = super::app().explore().results.len();
    assert!(s.app.explore().results.len() < all);
}

#[test]
fn y_copies_the_selected_ticker_with_a_status_note() {
    let mut app = super::app();
    for key in aipx::tui::screen::parse_keys("/9984<Enter><Esc>y").unwrap() {
        aipx::tui::apply(&mut app, &key);
    }
    assert_eq!(app.take_effects(), vec![Effect::Copy("TSE:9984".into())]);
    assert_eq!(app.message(), Some("copied TSE:9984 (OSC 52)"));
    assert_eq!(
        aipx::tui::effects::osc52("TSE:9984"),
        "\u{1b}]52;c;VFNFOjk5ODQ=\u{7}"
    );
}

#[test]
fn shift_y_copies_the_whole_record_from_each_tab() {
    let book = watchlist(&["TSE:9984"]);
    // (keys, what `y` copies, a line only the full record has)
    let cases = [
        (
            "/9984<Enter><Esc>",
            "TSE:9984",
            "Heads the new state-backed AI venture",
        ),
        ("2", "Japan sovereign AI program", "Linked entities"),
        ("3", "2027 Humanoid robots", "Linked entities"),
        ("4", "TSE:9984", "SoftBank Group Corp."),
    ];
    for (keys, short, full) in cases {
        let mut app = super::app().with_book(book.clone(), None);
        for key in aipx::tui::screen::parse_keys(&format!("{keys}y")).unwrap() {
            aipx::tui::apply(&mut app, &key);
        }
        let copied = app.take_effects();
        assert!(
            matches!(&copied[..], [Effect::Copy(t)] if t.starts_with(short)),
            "{keys}: y copied {copied:?}"
        );
        assert!(app.message().unwrap().starts_with("copied "));
        for key in aipx::tui::screen::parse_keys("Y").unwrap() {
            aipx::tui::apply(&mut app, &key);
        }
        let copied = app.take_effects();
        let [Effect::Copy(text)] = &copied[..] else {
            panic!("{keys}: Y copied {copied:?}");
        };
        assert!(
            text.contains(full) && text.lines().count() > 3,
            "{keys}: {text}"
        );
        let note = app.message().unwrap();
        assert!(
            note.starts_with("copied the ") && note.contains(" in full ("),
            "{note}"
        );
    }
}

#[test]
fn light_and_dark_themes() {
    for light in [false, true] {
        let app = super::app()
            .with_color(true)
            .with_light(light)
            .with_book(watchlist(&["TSE:9984"]), None);
        let mut s = Headless::new(app, 80, 24);
        s.play("4").unwrap();
        let name = if light {
            "theme_light_80x24"
        } else {
            "theme_dark_80x24"
        };
        assert_snapshot!(name, format!("{:?}", s.buffer()));
    }
}

#[test]
fn help_overlay_shows_an_overridden_key() {
    let (config, problems) =
        aipx::config::parse("c.toml", "[keys]\nquit = \"x\"\nopen = \"<C-o>\"\n");
    assert!(problems.is_empty());
    let (keys, problems) = Keymap::with_overrides(&config.keys);
    assert!(problems.is_empty(), "{problems:?}");
    let app = super::app().with_keys(keys);
    let mut s = Headless::new(app, 80, 40);
    assert!(s.text().contains(" x quit "), "{}", s.text());
    assert!(s.text().contains("Ctrl-O open"), "{}", s.text());
    s.play("?").unwrap();
    assert_snapshot!("help_with_override_80x40", s.text());
    s.play("<Esc>x").unwrap();
    assert!(s.app.should_quit());
}

/// The screen after `keys` at 100x24, in a run isolated in `home`.
fn run(home: &std::path::Path, keys: &str) -> String {
    isolated_run(home, "100x24", keys)
}

#[test]
fn tab_query_and_selection_come_back_on_the_next_run() {
    let home = tempfile::tempdir().unwrap();
    run(home.path(), "/tsm<Enter><Esc>ws3");
    let state = std::fs::read_to_string(home.path().join("state/aipx/state.toml")).unwrap();
    assert!(state.contains("tab = \"calendar\"") && state.contains("query = \"tsm\""));
    let second = run(home.path(), "");
    assert!(second.contains("[3 Calendar]"), "{second}");
    let explore = run(home.path(), "1");
    assert!(explore.contains("/ tsm"), "{explore}");
    assert!(explore.contains("Taiwan Semiconductor"), "{explore}");
    let watch = run(home.path(), "4");
    assert!(watch.contains("NYSE:TSM"), "{watch}");
    // `s` went from the default (next catalyst) to the number of programs.
    assert!(
        watch.contains("sort programs"),
        "the sort came back too: {watch}"
    );
}

/// A damaged state file (here cut off mid-string, as a full disk might leave a hand edit) is
/// reported on stderr and in the status bar with its line and column, the run starts fresh,
/// and the file is left exactly as it was: the session is not remembered over it. A state
/// file from a newer aipx is treated the same way.
#[test]
fn a_damaged_state_file_is_reported_and_left_as_it_is() {
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join("state/aipx/state.toml");
    std::fs::create_dir_all(state.parent().unwrap()).unwrap();
    for damaged in [
        "version = 1\ntab = \"calendar\"\nquery = \"ts",
        "version = 99\ntab = \"calendar\"\nquery = \"\"\nsort = \"\"\nfilter = \"\"\n",
    ] {
        std::fs::write(&state, damaged).unwrap();
        // Before any key, the status bar names the file.
        let first = run(home.path(), "");
        let status = first.lines().last().unwrap();
        assert!(status.contains("state.toml"), "status bar: {first}");
        // A session that moves (to Programs) would be remembered; it is not written over.
        let out = isolated(home.path(), "100x24")
            .args(["--keys", "2"])
            .assert()
            .success();
        let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(err.contains("state.toml"), "{err}");
        assert!(err.contains("left as it is"), "{err}");
        assert!(text.contains("[2 Programs]"), "the keys still ran: {text}");
        assert_eq!(std::fs::read_to_string(&state).unwrap(), damaged);
    }
    assert!(
        std::fs::read_to_string(&state)
            .unwrap()
            .contains("version = 99")
    );
}

#[test]
fn a_broken_config_is_named_in_the_status_bar_and_on_stderr() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config/aipx/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "[ui]\ntheme = \"blue\"\n").unwrap();
    let out = isolated(home.path(), "100x24")
        .args(["--keys", ""])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("config.toml:2:9: theme = \"blue\""), "{err}");
    assert!(text.lines().last().unwrap().contains("config: "), "{text}");
}

#[test]
fn a_broken_config_stays_marked_until_esc_hides_it() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config/aipx/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "[ui]\ntheme = \"blue\"\n").unwrap();
    let marker = "config error: defaults in use, see stderr or aipx config check · Esc hides";
    let status = |keys: &str| run(home.path(), keys).lines().last().unwrap().to_string();
    // The one-off note goes with the first key; the marker stays through keys, tabs and
    // jumps.
    for keys in ["j", "jjj2k3<Enter>", "/tsm<Enter><Tab>"] {
        let line = status(keys);
        assert!(line.contains(marker), "after {keys:?}: {line}");
        assert!(!line.contains("config.toml:2:9"), "after {keys:?}: {line}");
    }
    // Esc first does what it does (steps out of the pane), and only with nothing left to go
    // back from hides the marker.
    assert!(status("/tsm<Enter><Esc>").contains(marker));
    let hidden = status("/tsm<Enter><Esc><Esc><Esc>");
    assert!(!hidden.contains("config error"), "{hidden}");
    // A good config: no marker at all.
    std::fs::write(&config, "[ui]\ntheme = \"light\"\n").unwrap();
    assert!(!status("j").contains("config error"));
}

#[test]
fn a_sources_url_is_shown_and_o_opens_it_or_says_there_is_none() {
    let mut data = super::dataset();
    let url = "https://example.com/sovereign-ai";
    let at = data
        .sources
        .iter()
        .position(|s| s.id == "sovereign-ai-tokenring")
        .unwrap();
    data.sources[at].url = Some(url.into());
    let mut s = Headless::new(super::app_on(data), 120, 40);
    // SoftBank's Sources pane: the first source has the url, the second none.
    s.play("/9984<Enter><Tab><Tab>").unwrap();
    assert!(s.text().contains("▸ Sources (2)"), "{}", s.text());
    assert!(
        s.text().contains("┃    https://example.com/sovereign-ai "),
        "{}",
        s.text()
    );
    // The effect itself (the headless screen carries effects out, so ask the app).
    let mut app = s.app;
    for key in aipx::tui::screen::parse_keys("o").unwrap() {
        aipx::tui::apply(&mut app, &key);
    }
    assert_eq!(app.take_effects(), vec![Effect::OpenUrl(url.into())]);
    let mut s = Headless::new(app, 120, 40);
    assert!(s.text().contains(&format!("opening {url}")), "{}", s.text());
    // The full text names it, and `o` opens it from there too.
    s.play("i").unwrap();
    assert!(s.text().contains(&format!("url {url}")), "{}", s.text());
    s.play("o").unwrap();
    assert!(s.text().contains(&format!("opening {url}")), "{}", s.text());
    s.play("<Esc>j").unwrap();
    s.play("o").unwrap();
    assert!(
        s.text()
            .contains("003_b9a2af8dc16433f7.txt has no url in the data"),
        "{}",
        s.text()
    );
    s.play("i").unwrap();
    assert!(s.text().contains("no url in the data"), "{}", s.text());
    // Away from a source, `o` says where it works.
    s.play("<Esc><Esc>o").unwrap();
    assert!(
        s.text().contains("select a source (Sources pane)"),
        "{}",
        s.text()
    );
}

#[test]
fn calendar_notes_name_the_keys_actually_bound() {
    let (config, problems) = aipx::config::parse(
        "c.toml",
        "[keys]\nview = \"V\"\nprev_month = \"[\"\ntab_explore = \"!\"\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    let (keys, problems) = Keymap::with_overrides(&config.keys);
    assert!(problems.is_empty(), "{problems:?}");
    let mut s = Headless::new(super::app().with_keys(keys), 120, 40);
    s.play("3[").unwrap();
    assert!(
        s.text()
            .contains("[/l move the month grid and the chart (V)"),
        "{}",
        s.text()
    );
    s.play("V").unwrap();
    assert!(s.text().contains("; V: chart)"), "{}", s.text());
    // No ticker selected in Explore (the results are searched to a program).
    s.play("/genesis mission<Esc>3f").unwrap();
    assert!(
        s.text()
            .contains("select a ticker in Explore (!) to filter by it"),
        "{}",
        s.text()
    );
}

#[test]
fn copied_text_carries_no_control_characters() {
    let mut data = super::dataset();
    // The program the Programs tab lists first (by its next catalyst; the new name keeps
    // it first among those sharing that catalyst).
    let first = super::app()
        .programs()
        .program(super::app().index())
        .unwrap();
    data.programs[first.0 as usize].name = "Evil\u{1b}]52;c;AAAA\u{7} program\nrm -rf ~".into();
    for keys in ["2y", "2Y"] {
        let mut app = super::app_on(data.clone());
        for key in aipx::tui::screen::parse_keys(keys).unwrap() {
            aipx::tui::apply(&mut app, &key);
        }
        let copied = app.take_effects();
        let [Effect::Copy(text)] = &copied[..] else {
            panic!("{keys}: {copied:?}");
        };
        assert!(text.contains("Evil"), "{keys}: {text:?}");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{keys}: {text:?}"
        );
        if keys == "2y" {
            assert!(!text.contains('\n'), "{text:?}");
        }
    }
}

#[test]
fn config_and_watchlists_notes_that_do_not_fit_end_in_an_ellipsis() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config/aipx/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "[keys]\nhelp = \"j\"\n").unwrap();
    let last = |out: &assert_cmd::assert::Assert| {
        let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        text.lines().last().unwrap().to_string()
    };
    let one = isolated(home.path(), "100x24")
        .args(["--keys", ""])
        .assert()
        .success();
    let bar = last(&one);
    assert!(bar.contains("config: ") && bar.contains('…'), "{bar}");
    assert_eq!(bar.matches("not applied").count(), 0, "cut before: {bar}");
    // Two problems: counted, and pointed at `config check`; a damaged watchlists file too.
    std::fs::write(&config, "[keys]\nhelp = \"j\"\nbogus = \"z\"\n").unwrap();
    let book = home.path().join("data/aipx/watchlists.toml");
    std::fs::create_dir_all(book.parent().unwrap()).unwrap();
    std::fs::write(&book, "version = 1\n[[lists]\n").unwrap();
    let two = isolated(home.path(), "100x24")
        .args(["--keys", ""])
        .assert()
        .success();
    let bar = last(&two);
    assert!(bar.contains("2 config problems: "), "{bar}");
    assert!(bar.contains('…'), "{bar}");
    // At 300 columns everything fits: the wording reads once, whole.
    let wide = isolated(home.path(), "300x24")
        .args(["--keys", ""])
        .assert()
        .success();
    let bar = last(&wide);
    assert_eq!(bar.matches("not applied").count(), 1, "{bar}");
    assert!(bar.contains("see `aipx config check`"), "{bar}");
    assert!(bar.contains("watchlists not loaded"), "{bar}");
}

#[test]
fn a_damaged_watchlists_file_is_named_in_the_watchlist_tab_not_shown_as_no_watchlist() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("data/aipx/watchlists.toml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "version = 1\n[[lists]\nname = \"book\"\n").unwrap();
    let out = isolated(home.path(), "100x24")
        .args(["--keys", "4"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(!flat.contains("No watchlist yet"), "{text}");
    assert!(
        flat.contains("The watchlists file could not be read"),
        "{text}"
    );
    assert!(flat.contains("watchlists.toml"), "{text}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "version = 1\n[[lists]\nname = \"book\"\n"
    );
}
