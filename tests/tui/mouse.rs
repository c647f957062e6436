//! Mouse clicks, as synthetic terminal events: a click selects the row under it in every
//! list, focuses the pane, selects a tab, and lands on what the screen shows (scrolled
//! lists, multi-line items, headings). After a resize it lands on what the new size shows
//! (see `layout.rs`).

use aipx::tui::Tab;
use aipx::tui::calendar::CalendarPane;
use aipx::tui::explore::ExplorePane;
use aipx::tui::programs::ProgramsPane;
use aipx::tui::screen::Headless;
use insta::assert_snapshot;
use unicode_width::UnicodeWidthStr;

use super::play;

/// Column and row (from 0) of the first place `text` is drawn at or right of column `from`.
fn find(s: &Headless, text: &str, from: usize) -> (u16, u16) {
    for (y, line) in s.text().lines().enumerate() {
        let mut x = 0;
        for (i, c) in line.char_indices() {
            if x >= from && line[i..].starts_with(text) {
                return (x as u16, y as u16);
            }
            x += c.to_string().width();
        }
    }
    panic!("{text:?} is not on screen:\n{}", s.text());
}

fn click(s: &mut Headless, (x, y): (u16, u16)) {
    s.play(&format!("<Click {x},{y}>")).unwrap();
}

/// Clicks where `text` is drawn (see [`find`]).
fn click_on(s: &mut Headless, text: &str, from: usize) {
    let at = find(s, text, from);
    click(s, at);
}

fn entity(s: &Headless) -> String {
    let app = &s.app;
    app.index()
        .entity(app.explore().entity().unwrap())
        .id
        .clone()
}

#[test]
fn clicks_select_results_and_the_rows_of_each_detail_pane() {
    let mut s = play(120, 40, "");
    click_on(&mut s, "Microsoft Corpor", 0);
    assert_eq!(entity(&s), "MSFT");
    assert_eq!(s.app.explore().focus(), ExplorePane::Results);
    // A catalyst of Microsoft's: the pane takes the focus and the row is selected.
    let row = find(&s, "○ 2027", 55);
    click(&mut s, row);
    assert_eq!(s.app.explore().focus(), ExplorePane::Catalysts);
    let ix = s.app.index();
    let c = s.app.explore().selected_catalyst(ix).unwrap();
    assert_eq!(ix.catalyst(c).date.label(), "2027");
    assert_snapshot!("click_catalyst_120x40", s.text());
    // Enter then opens what was clicked, as if it had been reached with the keys.
    s.play("<Enter>").unwrap();
    assert_eq!(s.app.tab(), Tab::Calendar);
    assert_eq!(s.app.calendar().catalyst(s.app.index()), Some(c));
    s.play("<Esc>").unwrap();
    // The second source; the exposures pane's second line belongs to its first exposure.
    click_on(&mut s, "003_", 55);
    assert_eq!(s.app.explore().focus(), ExplorePane::Sources);
    let ix = s.app.index();
    let source = s.app.explore().selected_source(ix).unwrap();
    assert_eq!(ix.source(source).file, "003_b9a2af8dc16433f7.txt");
    click_on(&mut s, "member · ▲", 55);
    assert_eq!(s.app.explore().focus(), ExplorePane::Exposures);
    assert_eq!(s.app.explore().cursor.row(ExplorePane::Exposures), 0);
    // A click on the header of the list focuses it without moving the selection.
    click_on(&mut s, "SYMBOL", 0);
    assert_eq!(s.app.explore().focus(), ExplorePane::Results);
    assert_eq!(entity(&s), "MSFT");
}

#[test]
fn a_click_on_the_search_box_types_and_a_click_on_a_result_leaves_it() {
    let mut s = play(120, 40, "");
    click_on(&mut s, "/ tickers", 0);
    assert!(s.app.searching());
    s.play("tokyo").unwrap();
    click_on(&mut s, "Tokyo Electron L…", 0);
    assert!(!s.app.searching(), "the click left the box");
    assert_eq!(entity(&s), "8035.T");
    assert_eq!(s.app.explore().query, "tokyo");
    // The entity's header is a pane too (it scrolls when taller): a click focuses it.
    click_on(&mut s, "Tokyo Electron Limited", 0);
    assert_eq!(s.app.explore().focus(), ExplorePane::Company);
    assert_eq!(entity(&s), "8035.T");
}

#[test]
fn a_click_lands_on_the_row_drawn_in_a_scrolled_list() {
    // 60x15 shows a few results; after `G` the list is scrolled to its end.
    let mut s = play(60, 15, "G");
    let last = s.app.explore().results.len() - 1;
    assert_eq!(s.app.explore().selected(), last);
    let text = s.text();
    let above = text
        .lines()
        .nth(find(&s, "▶ ", 0).1 as usize - 1)
        .unwrap()
        .to_string();
    let (x, y) = find(&s, "▶ ", 0);
    click(&mut s, (x + 3, y - 1));
    assert_eq!(s.app.explore().selected(), last - 1, "row above: {above}");
}

#[test]
fn programs_clicks_select_a_program_on_either_of_its_lines_and_a_linked_entity() {
    let mut s = play(120, 40, "2");
    // Each program takes two lines; the second ("active · …") selects it too.
    let (x, y) = find(&s, "Rapidus 2nm", 0);
    click(&mut s, (x, y + 1));
    let ix = s.app.index();
    assert_eq!(
        ix.program(s.app.programs().program(ix).unwrap()).id,
        "rapidus-2nm"
    );
    assert_eq!(s.app.programs().focus(), ProgramsPane::List);
    // A role heading only focuses the pane; an entity row selects it.
    click_on(&mut s, "lead", 45);
    assert_eq!(s.app.programs().focus(), ProgramsPane::Entities);
    assert_eq!(s.app.programs().cursor.row(ProgramsPane::Entities), 0);
    click_on(&mut s, "Samsung", 45);
    let e = s.app.programs().selected_entity(s.app.index()).unwrap();
    assert_eq!(s.app.index().entity(e).id, "005930.KS");
    assert_snapshot!("click_programs_120x40", s.text());
    // Clicking another program puts the linked cursor back on its first row.
    click_on(&mut s, "Japan sovereign", 0);
    assert_eq!(s.app.programs().focus(), ProgramsPane::List);
    assert_eq!(s.app.programs().cursor.row(ProgramsPane::Entities), 0);
}

#[test]
fn calendar_clicks_select_a_catalyst_not_a_heading_and_a_linked_entity() {
    let mut s = play(120, 40, "3");
    let before = s.app.calendar().selected();
    click_on(&mut s, "Genesis starts with", 0);
    let ix = s.app.index();
    let c = s.app.calendar().catalyst(ix).unwrap();
    assert!(ix.catalyst(c).title.starts_with("Genesis starts with"));
    assert_ne!(s.app.calendar().selected(), before);
    let selected = s.app.calendar().selected();
    // Month headings and the today marker select nothing.
    click_on(&mut s, "December 2025", 0);
    click_on(&mut s, "━━ today", 0);
    assert_eq!(s.app.calendar().selected(), selected);
    click_on(&mut s, "named", 80);
    assert_eq!(s.app.calendar().focus(), CalendarPane::Linked);
    click_on(&mut s, "2030 checkpoint", 0);
    assert_eq!(s.app.calendar().focus(), CalendarPane::Timeline);
    let c = s.app.calendar().catalyst(s.app.index()).unwrap();
    assert!(
        s.app
            .index()
            .catalyst(c)
            .title
            .starts_with("2030 checkpoint")
    );
    // In the month grid a click focuses the calendar without moving the selection.
    s.play("<Tab>v").unwrap();
    click(&mut s, (5, 10));
    assert_eq!(s.app.calendar().focus(), CalendarPane::Timeline);
    assert_eq!(s.app.calendar().catalyst(s.app.index()), Some(c));
}

#[test]
fn watchlist_clicks_select_a_ticker_and_tab_clicks_switch_tabs() {
    let book = super::watchlist(&["TSE:9984", "NASDAQ:NVDA", "NYSE:TSM"]);
    let app = super::app().with_book(book, None);
    let mut s = Headless::new(app, 120, 30);
    click_on(&mut s, "4 Watchlist", 0);
    assert_eq!(s.app.tab(), Tab::Watchlist);
    click_on(&mut s, "NYSE:TSM", 0);
    assert_eq!(s.app.tabs().watchlist.cursor.selected(), 2);
    assert!(s.text().contains("Taiwan Semiconductor"), "{}", s.text());
    // `w` and `y` act on the clicked ticker.
    s.play("y").unwrap();
    assert!(s.text().contains("copied NYSE:TSM"), "{}", s.text());
    click_on(&mut s, "2 Programs", 0);
    assert_eq!(s.app.tab(), Tab::Programs);
}

#[test]
fn clicks_do_nothing_under_the_help_or_the_full_text() {
    for keys in ["?", "i"] {
        let mut s = play(120, 40, keys);
        let shown = s.text();
        for at in [(5, 8), (2, 0), (60, 20)] {
            click(&mut s, at);
        }
        assert_eq!(s.text(), shown, "after {keys}");
        assert_eq!(s.app.explore().selected(), 0);
    }
}

#[test]
fn a_click_on_a_bar_row_of_the_calendar_chart_selects_its_catalyst() {
    let mut s = play(120, 40, "3vv");
    assert!(s.text().contains("Chart ("), "{}", s.text());
    click_on(&mut s, "2030 checkpoint", 0);
    let ix = s.app.index();
    let c = s.app.calendar().catalyst(ix).unwrap();
    assert!(ix.catalyst(c).title.starts_with("2030 checkpoint"));
    assert_eq!(s.app.calendar().focus(), CalendarPane::Timeline);
    // The axis rows above the bars select nothing.
    let (_, top) = find(&s, "Chart (", 0);
    click(&mut s, (10, top + 1));
    assert_eq!(s.app.calendar().catalyst(s.app.index()), Some(c));
}

#[test]
fn a_click_on_the_month_grids_list_selects_that_catalyst() {
    // The grid lists only the catalysts of the months shown: its rows are not positions
    // in the calendar's list, and a click must still select the one drawn.
    let mut s = play(120, 40, "3v");
    assert!(s.text().contains("Month grid ("), "{}", s.text());
    click_on(&mut s, "Rapidus targets 2nm", 0);
    let ix = s.app.index();
    let c = s.app.calendar().catalyst(ix).unwrap();
    assert!(ix.catalyst(c).title.starts_with("Rapidus targets 2nm"));
    // The first row of the grid's list: a window that began in April, far up the calendar.
    click_on(&mut s, "Five-year sovereign AI funding", 0);
    let ix = s.app.index();
    let c = s.app.calendar().catalyst(ix).unwrap();
    assert!(
        ix.catalyst(c)
            .title
            .starts_with("Five-year sovereign AI funding")
    );
    assert!(s.app.calendar().selected() > 0);
}
