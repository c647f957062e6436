//! Key-driven flows: what a trader does, step by step, with a named snapshot per step of the
//! main flow and state assertions everywhere.

use aipx::search::Target;
use aipx::tui::Tab;
use aipx::tui::calendar::{CalendarPane, CalendarView};
use aipx::tui::explore::ExplorePane;
use aipx::tui::keymap;
use aipx::tui::programs::ProgramsPane;
use insta::assert_snapshot;

use super::{play, screen};

fn entity_id(screen: &aipx::tui::screen::Headless) -> Option<String> {
    let app = &screen.app;
    let e = app.explore().entity()?;
    Some(app.index().entity(e).id.clone())
}

#[test]
fn search_open_calendar_and_jump_back() {
    let mut s = play(120, 40, "/softbank");
    assert!(s.app.searching());
    assert_eq!(s.app.explore().query, "softbank", "`/` is not typed");
    assert_eq!(entity_id(&s).as_deref(), Some("9984.T"));
    assert_snapshot!("flow_1_search", s.text());

    s.play("<Enter>").unwrap();
    assert!(!s.app.searching());
    assert_eq!(s.app.explore().focus(), ExplorePane::Exposures);
    assert_snapshot!("flow_2_open", s.text());

    // Catalysts pane, fourth row: the 2027 humanoid-robot pilots.
    s.play("<Tab>jjj<Enter>").unwrap();
    assert_eq!(s.app.tab(), Tab::Calendar);
    let c = s.app.calendar().catalyst(s.app.index()).unwrap();
    assert_eq!(s.app.index().catalyst(c).id, "sovereign-ai-robot-pilots");
    assert_snapshot!("flow_3_calendar", s.text());

    // Enter on the timeline jumps to the entity the user came from.
    s.play("<Enter>").unwrap();
    assert_eq!(s.app.tab(), Tab::Explore);
    assert_eq!(entity_id(&s).as_deref(), Some("9984.T"));
    assert_eq!(s.app.history_len(), 2);
    assert_snapshot!("flow_4_jump_back", s.text());

    // Esc walks the jumps back, then steps out of the pane, then clears the query.
    s.play("<Esc>").unwrap();
    assert_eq!(s.app.tab(), Tab::Calendar);
    s.play("<Esc>").unwrap();
    assert_eq!(s.app.tab(), Tab::Explore);
    assert_eq!(s.app.explore().focus(), ExplorePane::Catalysts);
    s.play("<Esc><Esc>").unwrap();
    assert_eq!(s.app.explore().focus(), ExplorePane::Results);
    assert!(s.app.explore().query.is_empty());
}

#[test]
fn exposure_opens_its_program_and_a_linked_entity_opens_in_explore() {
    let mut s = play(120, 40, "/rapidus<Enter>");
    assert_eq!(entity_id(&s).as_deref(), Some("rapidus"));
    s.play("<Enter>").unwrap();
    assert_eq!(s.app.tab(), Tab::Programs);
    let p = s.app.programs().program(s.app.index()).unwrap();
    let first = s
        .app
        .index()
        .exposures_of(s.app.explore().entity().unwrap())
        .next();
    assert_eq!(Some(p), first.map(|x| x.program));
    s.play("<Enter>").unwrap();
    assert_eq!(s.app.programs().focus(), ProgramsPane::Entities);
    let wanted = s.app.programs().selected_entity(s.app.index()).unwrap();
    s.play("<Enter>").unwrap();
    assert_eq!(s.app.tab(), Tab::Explore);
    assert_eq!(s.app.explore().entity(), Some(wanted));
}

#[test]
fn programs_show_nested_funding_indented() {
    let text = play(120, 40, "2jjjj").text();
    assert!(text.contains("METI FY2026 budget"));
    let line = |needle: &str| {
        text.lines()
            .find(|l| l.contains(needle))
            .unwrap()
            .to_string()
    };
    let top = line("¥3.07T");
    let nested = line("¥1.23T ($7.9B)");
    let rapidus = line("¥150B");
    let col = |l: &str, s: &str| unicode_width::UnicodeWidthStr::width(&l[..l.find(s).unwrap()]);
    assert!(col(&nested, "¥1.23T") > col(&top, "¥3.07T"));
    assert!(col(&rapidus, "¥150B") > col(&nested, "¥1.23T"));
}

#[test]
fn calendar_has_the_key_dates_with_their_precision() {
    let text = play(120, 40, "3").text();
    let row = |title: &str| {
        text.lines()
            .find(|l| l.contains(title))
            .unwrap()
            .to_string()
    };
    assert!(row("Japanese ministries formalise").contains("early Jun 2026"));
    assert!(row("Japan's fiscal 2026 opens").contains("1 Apr 2026"));
    assert!(row("Rapidus targets 2nm").contains("2027"));
    assert!(row("Five-year sovereign AI funding").contains("JP FY2026"));
    assert!(row("Japanese ministries formalise").contains("≥164d ago"));
    // A year gets both its ends, never a single-day countdown to 1 January.
    assert!(row("Rapidus targets 2nm").contains("in 41–405d"));
    assert!(!row("Rapidus targets 2nm").contains("in 41 days"));
    assert!(row("Five-year sovereign AI funding").contains("ends 130d"));
    let lines: Vec<&str> = text.lines().collect();
    let at = |needle: &str| lines.iter().position(|l| l.contains(needle)).unwrap();
    assert!(at("Japanese ministries formalise") < at("━━ today Sat 21 Nov 2026"));
    assert!(at("━━ today Sat 21 Nov 2026") < at("Rapidus targets"));
}

#[test]
fn calendar_filters_to_the_selected_ticker_and_back() {
    let mut s = play(120, 40, "/softbank<Enter>3");
    let all = s.app.calendar().list(s.app.index()).len();
    s.play("f").unwrap();
    let filtered = s.app.calendar().list(s.app.index()).len();
    assert!(filtered < all);
    assert!(s.text().contains("9984 only"));
    s.play("f").unwrap();
    assert_eq!(s.app.calendar().list(s.app.index()).len(), all);
    // A program selected in Explore is no ticker: say so instead of filtering.
    let mut s = play(120, 40, "/sovereign ai program<Esc>3f");
    assert!(matches!(s.app.explore().target(), Some(Target::Program(_))));
    assert!(s.app.calendar().filter.is_none());
    assert!(s.app.message().is_some());
    s.play("j").unwrap();
    assert!(s.app.message().is_none());
}

#[test]
fn grid_toggles_and_linked_pane_jumps() {
    let mut s = play(120, 40, "3v");
    assert_eq!(s.app.calendar().view, CalendarView::Grid);
    assert!(s.text().contains("Mo  Tu  We  Th  Fr  Sa  Su"));
    s.play("<Tab>").unwrap();
    assert_eq!(s.app.calendar().focus(), CalendarPane::Linked);
    s.play("j<Enter>").unwrap();
    assert_eq!(s.app.tab(), Tab::Explore);
    s.play("<Esc>").unwrap();
    assert_eq!(s.app.tab(), Tab::Calendar);
    s.play("<Esc><Esc>").unwrap();
    assert_eq!(
        s.app.calendar().view,
        CalendarView::Timeline,
        "Esc leaves the grid once out of the linked pane"
    );
}

#[test]
fn v_shows_a_programs_funding_as_bars_by_size_within_each_currency() {
    let mut s = play(120, 40, "2");
    assert!(!s.app.programs().chart);
    assert!(s.text().contains("Funding (4 lines; v: chart)"));
    let own = s
        .text()
        .lines()
        .filter(|l| l.contains("9984's own"))
        .count();
    assert_eq!(own, 2, "the lines say whose money it is too:\n{}", s.text());
    s.play("v").unwrap();
    assert!(s.app.programs().chart);
    let text = s.text();
    let rows: Vec<&str> = text.lines().collect();
    let at = |needle: &str| {
        rows.iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?}:\n{text}"))
    };
    // Yen lines under JPY, largest first; dollar lines under USD, each to its own scale.
    let (jpy, usd) = (at("│JPY "), at("│USD "));
    let (own, public, target) = (at("¥2T ($12.7B)"), at("¥1T ($6.34B)"), at("$6.4B "));
    assert!(
        jpy < own && own < public && public < usd && usd < target,
        "{text}"
    );
    // Whose money it is, in glyph and word: SoftBank's own is never drawn as public money.
    assert!(
        rows[own].contains('▒') && rows[own].contains("9984's own"),
        "{}",
        rows[own]
    );
    assert!(!rows[own].contains('█'), "{}", rows[own]);
    assert!(rows[public].contains('█') && rows[public].contains("public"));
    assert!(rows[target].contains('░') && rows[target].contains("target"));
    let bar = |row: &str, glyph: char| row.matches(glyph).count();
    assert_eq!(
        bar(rows[public], '█') * 2,
        bar(rows[own], '▒'),
        "¥1T is half ¥2T"
    );
    assert_eq!(
        bar(rows[target], '░'),
        bar(rows[own], '▒'),
        "the largest of each fills"
    );
    s.play("v").unwrap();
    assert!(!s.app.programs().chart, "v goes back to the lines");
    s.play("v<Tab><Esc>").unwrap();
    assert!(s.app.programs().chart, "Esc first leaves the linked pane");
    s.play("<Esc>").unwrap();
    assert!(!s.app.programs().chart, "then the chart");
}

#[test]
fn at_60x15_the_focused_pane_takes_the_body_and_tab_shows_the_details() {
    for view in ["3", "3v", "3vv"] {
        let mut s = play(60, 15, view);
        let text = s.text();
        assert!(!text.contains("┌ Catalyst"), "{view}: {text}");
        assert!(
            text.contains("Tab:"),
            "{view} names the key to the details: {text}"
        );
        s.play("<Tab>").unwrap();
        let text = s.text();
        assert!(text.contains("┌ Catalyst"), "{view}: {text}");
        assert!(text.contains("Linked (10)"), "{view}: {text}");
    }
    // Programs: the linked entities fit whole beside the funding with the rows left, and
    // Tab gives them the rows to show more.
    let mut s = play(60, 15, "2jjjj");
    assert!(
        s.text().contains("Linked entities by role (3)"),
        "{}",
        s.text()
    );
    assert!(!s.text().contains("IBM"), "{}", s.text());
    s.play("<Tab>").unwrap();
    assert!(
        s.text().contains("Linked entities by role (3)"),
        "{}",
        s.text()
    );
    assert!(s.text().contains("IBM"), "{}", s.text());
}

#[test]
fn v_cycles_timeline_grid_chart_and_the_chart_follows_the_selection() {
    let mut s = play(120, 40, "3");
    let mut seen = Vec::new();
    for _ in 0..4 {
        seen.push(s.app.calendar().view);
        s.play("v").unwrap();
    }
    use CalendarView::{Chart, Grid, Timeline};
    assert_eq!(seen, [Timeline, Grid, Chart, Timeline]);
    // The chart: a bar per catalyst, a today line, a legend of the glyphs it draws.
    let mut s = play(120, 40, "3vv");
    let text = s.text();
    assert!(text.contains("Chart (11, all;"), "{text}");
    assert!(text.contains("┊ today 21 Nov"), "{text}");
    let row = |text: &str, label: &str| -> String {
        text.lines()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("no {label:?} row:\n{text}"))
            .to_string()
    };
    // A fiscal year is twenty-four columns, a year too, a day one mark.
    let fy = row(&text, "● JP FY2026");
    assert_eq!(fy.matches(['░', '█']).count(), 24, "{fy}");
    assert_eq!(row(&text, "✓ 1 Apr 2026").matches('◇').count(), 1);
    let year = row(&text, "▶ ○ 2027");
    assert_eq!(year.matches('█').count(), 24, "{year}");
    // j/k move the selection; a catalyst beyond the page brings its page into view.
    s.play("G").unwrap();
    let text = s.text();
    let last = row(&text, "▶ ○ 31 Mar 2031");
    assert!(last.contains('◆'), "the selected bar is in view: {last}");
    assert!(!last.contains('→'), "{last}");
    // h/l move the axis; t comes back to the page holding today.
    s.play("h").unwrap();
    assert_ne!(s.text(), text);
    s.play("t").unwrap();
    assert!(s.text().contains("┊ today"), "{}", s.text());
    assert_eq!(s.app.calendar().view, Chart, "t keeps the chart");
}

#[test]
fn slash_searches_from_anywhere_and_q_quits_outside_the_box() {
    let mut s = play(80, 24, "2/");
    assert_eq!(s.app.tab(), Tab::Explore);
    assert!(s.app.searching());
    s.play("q/").unwrap();
    assert_eq!(s.app.explore().query, "q", "q is typed, / is not");
    assert!(!s.app.should_quit());
    s.play("<Esc>q").unwrap();
    assert!(s.app.should_quit());
    let s = play(80, 24, "/abc<C-c>");
    assert!(s.app.should_quit(), "Ctrl-C quits while typing");
    let s = play(80, 24, "?q");
    assert!(s.app.should_quit(), "q quits from the help overlay");
    let s = play(80, 24, "/soft<Tab>");
    assert!(!s.app.searching(), "Tab leaves the box");
    assert_eq!(s.app.explore().focus(), ExplorePane::Exposures);
}

#[test]
fn pasted_text_goes_into_the_search_box() {
    let mut s = play(80, 24, "2");
    s.apply(&crossterm::event::Event::Paste("q9984\u{1b}[2J.T".into()));
    assert!(!s.app.should_quit(), "a pasted q is text, not a command");
    assert!(s.app.searching());
    assert_eq!(s.app.explore().query, "q9984[2J.T");
}

#[test]
fn mouse_wheel_scrolls_the_focused_list() {
    let mut s = play(120, 40, "<WheelDown*3>");
    assert_eq!(s.app.explore().selected(), 3);
    s.play("<WheelUp>").unwrap();
    assert_eq!(s.app.explore().selected(), 2);
    s.play("3<WheelDown>").unwrap();
    let next = s.app.calendar().selected();
    s.play("<WheelUp>").unwrap();
    assert_eq!(s.app.calendar().selected() + 1, next);
}

#[test]
fn status_hints_and_help_come_from_the_key_table() {
    let s = play(200, 40, "");
    for (keys, label) in s.app.keys().hints(s.app.modes()) {
        assert!(
            s.text().contains(&format!("{keys} {label}")),
            "{keys} {label}"
        );
    }
}

/// The help overlay as the user sees it, as (heading, keys, description) rows: each segment
/// of the screen between two `┃` that reads `  KEYS   DESCRIPTION` under a heading.
fn help_rows(screen: &str) -> Vec<(String, String, String)> {
    let mut heading = String::new();
    let mut rows = Vec::new();
    for line in screen.lines() {
        for segment in line.split('┃') {
            let text = segment.trim_end();
            // Headings are the modes' titles; other unindented text is the screen behind.
            if keymap::KEYMAP.iter().any(|b| b.mode.title() == text) {
                heading = text.to_string();
            } else if text.starts_with("  ")
                && let Some((keys, desc)) = text.trim_start().split_once("   ")
            {
                // Space-bounded, so a key is found as a whole (`g` is not in `Esc g`'s `Esc`).
                let keys = format!(" {keys} ");
                rows.push((heading.clone(), keys, desc.trim().to_string()));
            }
        }
    }
    rows
}

#[test]
fn the_help_overlay_shows_every_binding_with_its_keys_under_its_mode() {
    let s = play(200, 100, "?");
    let screen = s.text();
    let rows = help_rows(&screen);
    for binding in keymap::KEYMAP {
        let (mode, key) = (binding.mode.title(), format!(" {} ", binding.key.label()));
        assert!(
            rows.iter()
                .any(|(h, keys, desc)| *h == mode && keys.contains(&key) && desc == binding.desc),
            "help lacks {key} {:?} under {mode:?}:\n{screen}",
            binding.desc
        );
    }
    // Spot checks written out by hand, so the overlay cannot drift with the table.
    for (heading, key, desc) in [
        ("Everywhere", "Ctrl-C", "quit from anywhere"),
        ("Browsing", "j", "down"),
        ("Search box", "Enter", "open the selected result"),
        ("Calendar tab", "v", "timeline / month grid / chart"),
        ("Programs tab", "v", "funding lines / funding chart"),
    ] {
        assert!(
            rows.iter()
                .any(|(h, k, d)| h == heading && k.contains(&format!(" {key} ")) && d == desc),
            "{heading}: {key} {desc}"
        );
    }
}

#[test]
fn background_search_never_holds_up_typing_and_the_newest_query_wins() {
    use aipx::tui::Action;
    use aipx::tui::explore::results_for;
    let mut app = super::app().with_background_search();
    let everyone = app.explore().results.len();
    app.update(Action::FocusSearch);
    for c in "soft".chars() {
        app.update(Action::Input(c));
    }
    // Typing only recorded the query; the list still shows what it showed.
    assert_eq!(app.explore().query, "soft");
    assert_eq!(app.explore().results.len(), everyone);
    assert_eq!(app.take_search().as_deref(), Some("soft"));
    assert_eq!(app.take_search(), None, "each change is asked for once");

    // A result for a query the user has since moved past is dropped.
    let stale = results_for(app.index(), app.searcher(), "so");
    assert!(!app.receive_results("so", stale, true));
    assert_eq!(app.explore().results.len(), everyone);

    let fresh = results_for(app.index(), app.searcher(), "soft");
    assert!(app.receive_results("soft", fresh.clone(), true));
    assert_eq!(app.explore().results[..], fresh[..]);
    let first = app.explore().entity().expect("an entity first");
    assert_eq!(app.index().entity(first).id, "9984.T");

    // Enter before the worker answers still opens the typed query's best result.
    app.update(Action::ClearQuery);
    for c in "tsmc".chars() {
        app.update(Action::Input(c));
    }
    assert!(app.take_search().is_some());
    app.update(Action::Open);
    assert_eq!(app.explore().query, "tsmc");
    let opened = app.explore().entity().expect("an entity selected");
    assert_eq!(app.index().entity(opened).id, "TSM");
    // The worker's late answer for the same query does not reset the selection.
    let late = results_for(app.index(), app.searcher(), "tsmc");
    assert!(!app.receive_results("tsmc", late, true));
}

#[test]
fn the_first_hits_of_a_search_still_looking_show_as_such_until_all_of_them_come() {
    use aipx::tui::Action;
    use aipx::tui::explore::results_for;
    let mut app = super::app().with_background_search();
    app.update(Action::FocusSearch);
    for c in "semi".chars() {
        app.update(Action::Input(c));
    }
    assert!(app.take_search().is_some());
    let all = results_for(app.index(), app.searcher(), "semi");
    assert!(all.len() > 2, "{all:?}");
    assert!(app.receive_results("semi", all[..2].to_vec(), false));
    assert_eq!(app.explore().results[..], all[..2]);
    let mut screen = aipx::tui::screen::Headless::new(app, 120, 40);
    assert!(
        screen.text().contains("Results (2, searching)"),
        "{}",
        screen.text()
    );
    // The whole list replaces them; the first hits said nothing of what is still to come.
    assert!(screen.app.receive_results("semi", all.clone(), true));
    screen.draw();
    let whole = format!("Results ({})", all.len());
    assert!(screen.text().contains(&whole), "{}", screen.text());
    assert!(!screen.text().contains("searching"));
    // Once whole, a late copy changes nothing.
    assert!(!screen.app.receive_results("semi", all[..1].to_vec(), false));
}

#[test]
fn ingested_records_are_marked_apart_from_curated_ones() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/articles/09_india_business.txt");
    let (data, _) = aipx::ingest::load_with_articles(super::dataset(), &[fixture])
        .expect("fixture article ingests");
    let mut screen = aipx::tui::screen::Headless::new(super::app_on(data), 120, 40);
    screen.play("3").expect("valid keys");
    let text = screen.text();
    assert!(
        text.contains("[ingested]"),
        "timeline marks ingested rows:\n{text}"
    );
    // Curated rows carry no mark.
    let curated = text
        .lines()
        .find(|l| l.contains("formalise Genesis"))
        .expect("curated row");
    assert!(!curated.contains("[ingested]"), "{curated}");
    // The detail pane of an ingested catalyst names its file and line.
    screen.play("G").expect("valid keys");
    let mut found = false;
    for _ in 0..80 {
        if screen.text().contains("ingested from") {
            found = true;
            break;
        }
        screen.play("k").expect("valid keys");
    }
    assert!(found, "some ingested catalyst shows where it came from");
}

#[test]
fn esc_and_a_key_at_once_are_both_keys() {
    // A terminal reads Esc followed at once by a key as Alt+key (`tmux send-keys Escape q`).
    let s = play(80, 24, "/nvda<A-2>");
    assert!(!s.app.searching(), "the Esc left the box");
    assert_eq!(s.app.tab(), Tab::Programs, "the 2 switched tabs");
    assert_eq!(
        s.app.explore().query,
        "nvda",
        "nothing typed into the query"
    );
    let s = play(80, 24, "/nvda<A-q>");
    assert!(s.app.should_quit(), "Esc then q quits");
}

#[test]
fn month_grid_moves_by_month_and_t_comes_back_to_today() {
    let s = play(80, 24, "3v");
    assert!(s.text().contains("January 2027"), "the selection's month");
    let s = play(80, 24, "3v<Left><Left>");
    assert!(s.text().contains("November 2026"));
    assert!(s.text().contains("[21]"), "today bracketed");
    assert!(
        s.text().contains("[ ] today"),
        "legend lists the today mark shown"
    );
    let s = play(80, 24, "3vlll");
    assert!(s.text().contains("April 2027"));
    assert!(
        !s.text().contains("[ ] today"),
        "no today mark, none in the legend"
    );
    let s = play(80, 24, "3vlllt");
    assert!(
        s.text().contains("November 2026"),
        "t: back to today's month"
    );
}

#[test]
fn wide_windows_are_headed_by_their_window_not_their_first_month() {
    let text = screen(120, 40, "3");
    assert!(text.contains("late 2025 ───"), "{text}");
    assert!(!text.contains("September 2025"), "{text}");
}

#[test]
fn full_text_view_shows_every_word_of_the_selection() {
    let data = super::dataset();
    let tsm = data.entities.iter().find(|e| e.id == "TSM").unwrap();
    // The TSM summary is cut in the 80x24 header; `i` shows it whole (wrapped).
    let s = play(80, 24, "/tsm<Enter><Esc>i<j*40>");
    assert_eq!(s.app.modes()[0], keymap::Mode::Reader);
    let mut all = String::new();
    let mut reader = play(80, 24, "/tsm<Enter><Esc>i");
    for _ in 0..10 {
        all.push_str(&reader.text());
        reader.play("<PgDn>").unwrap();
    }
    let words: String = all
        .lines()
        .map(|l| l.trim_matches(|c| c == '┃' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    for word in tsm.summary.split_whitespace() {
        assert!(words.contains(word), "{word} not shown");
    }
    let mut s = s;
    s.play("<Esc>").unwrap();
    assert_eq!(
        s.app.modes()[0],
        keymap::Mode::Browse,
        "Esc closes the view"
    );
}

/// SoftBank's own spending is company money: every pane that lists funding lines says whose
/// it is (`9984's own`), never a bare `private` that reads as the program's.
#[test]
fn company_money_says_whose_it_is_in_every_pane() {
    let owned = ["¥2T ($12.7B)", "$5.3B"];
    let check = |where_: &str, text: &str| {
        for money in owned {
            let row = text
                .lines()
                .find(|l| l.contains(money))
                .unwrap_or_else(|| panic!("{where_}: no {money}:\n{text}"));
            assert!(row.contains("9984's own"), "{where_}: {row}");
            assert!(!row.contains("private"), "{where_}: {row}");
        }
    };
    // Explore: the Exposures pane, then the full-text view of that exposure.
    let mut s = play(120, 40, "/softbank<Enter>");
    check("exposures pane", &s.text());
    s.play("i").unwrap();
    assert_eq!(s.app.modes()[0], keymap::Mode::Reader);
    check("exposure full text", &s.text());
    // Explore: the preview of the program as a search result.
    let s = play(120, 40, "/sovereign ai program<Esc>");
    assert!(matches!(s.app.explore().target(), Some(Target::Program(_))));
    check("program preview", &s.text());
    // Programs: the funding pane, then the full-text view of the program.
    let mut s = play(120, 40, "2");
    check("funding pane", &s.text());
    s.play("i").unwrap();
    assert_eq!(s.app.modes()[0], keymap::Mode::Reader);
    check("program full text", &s.text());
}

/// An empty calendar says why: no catalysts at all, none for the filtered ticker, or none
/// in the months the chart was panned to; never blames a filter that is off.
#[test]
fn an_empty_calendar_says_why() {
    let mut data = super::dataset();
    data.catalysts.clear();
    for keys in ["3", "3vv"] {
        let mut s = aipx::tui::screen::Headless::new(super::app_on(data.clone()), 120, 40);
        s.play(keys).unwrap();
        let text = s.text();
        assert!(text.contains("no catalysts in the data"), "{keys}:\n{text}");
        assert!(!text.contains("for this filter"), "{keys}:\n{text}");
    }
    // A ticker with no catalyst of its own or through its programs.
    let s = play(120, 40, "");
    let ix = s.app.index();
    let quiet = (0..ix.data().entities.len())
        .map(|i| aipx::model::EntityId(i as u32))
        .find(|&e| ix.catalysts_of(e).is_empty() && ix.entity(e).primary().is_some())
        .expect("a listed entity without catalysts");
    let symbol = ix.entity(quiet).display_symbol().to_string();
    for view in ["", "vv"] {
        let s = play(120, 40, &format!("/{symbol}<Enter>3f{view}"));
        assert_eq!(s.app.calendar().filter, Some(quiet));
        let text = s.text();
        let note = format!("no catalyst for {symbol} (f: all)");
        assert!(text.contains(&note), "{view}:\n{text}");
    }
    // The chart panned beyond every window says so in its legend.
    let text = screen(120, 40, "3vv<l*120>");
    assert!(text.contains("none in these months"), "{text}");
    assert!(!screen(120, 40, "3vv").contains("none in these months"));
}

/// The Program header puts the stage before the (often long) sponsor, so at the small sizes
/// the status of every program is readable, not cut to `· active…`.
#[test]
fn program_header_shows_its_status_at_every_size() {
    for (w, h) in [(60, 15), (80, 24), (120, 40)] {
        let count = super::dataset().programs.len();
        for i in 0..count {
            let s = play(w, h, &format!("2{}", "j".repeat(i)));
            let ix = s.app.index();
            let id = s.app.programs().program(ix).unwrap();
            let p = ix.program(id);
            let status = ix.program_status(id, super::today());
            let sponsor: String = p.sponsor.chars().take(3).collect();
            let shown = format!("{status} · {} · {sponsor}", p.country);
            assert!(s.text().contains(&shown), "{w}x{h} {}:\n{}", p.id, s.text());
        }
    }
}

/// The chart's year row labels the first year on screen however few of its months show:
/// `2026` where it fits, `'26` over two months or a lone December.
#[test]
fn chart_always_says_which_year_its_first_months_are_in() {
    for pan in 0..30 {
        for (w, h) in [(80, 24), (120, 40), (60, 15)] {
            let text = screen(w, h, &format!("3vv<l*{pan}>"));
            let rows: Vec<&str> = text.lines().collect();
            let at = rows
                .iter()
                .position(|l| l.contains("½ month a column"))
                .unwrap_or_else(|| panic!("no axis:\n{text}"));
            let (years, initials) = (rows[at], rows[at + 1]);
            // The axis starts where the month initials do.
            let col = initials
                .chars()
                .skip(1)
                .position(|c| c != ' ')
                .map(|x| x + 1)
                .unwrap();
            let first: String = years.chars().skip(col).take(4).collect();
            assert!(
                first.starts_with('\'') || first.starts_with("20"),
                "{w}x{h} pan {pan}: no year over the first month:\n{years}\n{initials}"
            );
        }
    }
    let axis = |keys: &str| screen(80, 24, keys).lines().nth(2).unwrap().to_string();
    // November and December 2026 on the left of an 80-column chart, then December alone.
    assert!(
        axis("3vv<l*7>").contains(" '26 2027 "),
        "{}",
        axis("3vv<l*7>")
    );
    assert!(
        axis("3vv<l*8>").contains(" '26 2027 "),
        "{}",
        axis("3vv<l*8>")
    );
}

#[test]
fn month_grid_draws_a_sixth_week() {
    // November 2026 starts on a Sunday and August 2026 on a Saturday: each ends on a Monday
    // of a sixth week, which used to be dropped.
    for (w, h) in [(80, 24), (120, 40)] {
        let nov = screen(w, h, "3vt");
        assert!(
            nov.lines().any(|l| l.contains("┃ 30 ")),
            "30 November drawn at {w}x{h}:\n{nov}"
        );
        let aug = screen(w, h, "3vt<Left><Left><Left>");
        assert!(aug.contains("August 2026"), "{aug}");
        assert!(
            aug.lines().any(|l| l.contains("┃ 31 ")),
            "31 August drawn at {w}x{h}:\n{aug}"
        );
    }
}

#[test]
fn the_search_box_finds_the_windows_a_period_may_hold_and_strong_matches_only() {
    let mut data = super::dataset();
    let mut q3 = data.catalysts[0].clone();
    q3.id = "q3-review".into();
    q3.title = "Quarter three review window".into();
    q3.date = "2026-Q3".parse().unwrap();
    data.catalysts.push(q3);
    let results = |keys: &str| {
        let mut screen = aipx::tui::screen::Headless::new(super::app_on(data.clone()), 120, 40);
        screen.play(keys).unwrap();
        // The results column only: the panes beside it show the selection.
        screen
            .text()
            .lines()
            .map(|l| l.chars().take(54).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    };
    // September is inside Q3 2026: the quarter may be September.
    for query in ["/sep 2026", "/2026-q3", "/h2 2026", "/q3"] {
        assert!(results(query).contains("Quarter three"), "{query}");
    }
    // fy2026: what is in fiscal 2026 whichever calendar is meant, not December 2025.
    let fy = results("/fy2026");
    assert!(fy.contains("Five-year sovere"), "{fy}");
    assert!(fy.contains("Quarter three"), "{fy}");
    assert!(!fy.contains("Genesis starts"), "{fy}");
    assert!(results("/late 2025").contains("Genesis starts"));
    // The June meeting first for every way of naming June, narrowed by a title word.
    for query in ["/june", "/jun 2026", "/early june", "/Genesis June"] {
        let found = results(query);
        let first = found.lines().nth(6).unwrap_or_default();
        assert!(first.contains("Japanese ministr"), "{query}:\n{found}");
    }
    assert!(results("/Genesis June").contains("Results (1)"));
    let in_2027 = results("/2027");
    assert!(in_2027.contains("Humanoid robots"), "{in_2027}");
    assert!(!in_2027.contains("Japanese ministr"), "{in_2027}");
    // No names with the letters of élan strewn through them.
    assert!(
        results("/élan").contains("Results (0)"),
        "{}",
        results("/élan")
    );
}

/// As the TUI starts with the securities master beside the data (here the shipped universe):
/// the first frame is drawn from the index alone, the search catalog is built on first use
/// (the terminal's worker builds it right after the first frame, off the typing path), and
/// that searcher covers the master's companies as well as the curated entities.
#[test]
fn the_first_frame_builds_no_search_catalog_and_the_first_search_covers_the_master() {
    let companies = aipx::listings::Companies::shipped();
    let (index, (master, place)) =
        aipx::cli::beside_companies(super::dataset(), &companies).unwrap();
    let app = aipx::tui::App::new(index, super::today())
        .with_color(false)
        .with_master_beside(master, place);
    let mut screen = aipx::tui::screen::Headless::new(app, 120, 40);
    assert!(screen.text().contains("All entities"), "{}", screen.text());
    let built = |s: &aipx::tui::screen::Headless| s.app.shared_index().1.is_built();
    assert!(
        !built(&screen),
        "the first frame waited for the search catalog"
    );
    screen.play("/toyota motor<Enter>").unwrap();
    assert!(built(&screen));
    let text = screen.text();
    assert!(text.contains("Toyota Motor Corporation"), "{text}");
    assert!(text.contains("NYSE:TM"), "{text}");
    screen.play("<Esc>/<C-u>softbank group").unwrap();
    assert!(screen.text().contains("9984"), "{}", screen.text());
}
