//! One named snapshot per tab and size, plus the help overlay, the month grid, the chart and the
//! too-small line. Review a changed `.snap` as a UI diff.

use insta::assert_snapshot;

use super::screen;

const SIZES: [(u16, u16); 3] = [(60, 15), (80, 24), (120, 40)];

fn each_size(name: &str, keys: &str) {
    for (w, h) in SIZES {
        assert_snapshot!(format!("{name}_{w}x{h}"), screen(w, h, keys));
    }
}

#[test]
fn explore_tab() {
    each_size("explore", "");
}

#[test]
fn explore_search_results() {
    each_size("explore_search_softbank", "/softbank");
}

#[test]
fn programs_tab_with_nested_funding() {
    // Third program: METI's budget, whose Rapidus and AI lines sit inside its chip line.
    each_size("programs", "2jjjj");
}

#[test]
fn programs_funding_chart() {
    // The sovereign-AI program: public money, a target and SoftBank's own money, in two
    // currencies, each to its own scale.
    each_size("programs_chart", "2v");
}

#[test]
fn calendar_tab() {
    each_size("calendar", "3");
}

#[test]
fn calendar_month_grid() {
    // Back from the first upcoming catalyst to the June Genesis meeting.
    each_size("calendar_grid", "3kv");
}

#[test]
fn calendar_chart() {
    // Each catalyst a bar on a month axis, the first upcoming one selected.
    each_size("calendar_chart", "3vv");
}

#[test]
fn help_overlay() {
    each_size("help", "?");
}

#[test]
fn too_small() {
    assert_snapshot!("too_small_40x10", screen(40, 10, ""));
}

#[test]
fn explore_exposure_scrolled() {
    // TSM's Rapidus exposure, two lines down: at 60x15 it is taller than its pane and
    // scrolls inside it (the row under it says what is hidden); at the other sizes it is
    // whole and `jj` selects the next exposure.
    each_size("explore_scrolled", "/TSM<Enter>jj");
}

#[test]
fn calendar_narrow_and_tall() {
    // Below 100 columns the timeline and the details are each as tall as their content.
    assert_snapshot!("calendar_80x40", screen(80, 40, "3"));
}

#[test]
fn calendar_detail_scrolled() {
    // The catalyst's text focused (S-Tab from the timeline) and a line down: at 60x15 it
    // takes the body and scrolls; where it fits whole, `j` leaves it as it is.
    each_size("calendar_detail_scrolled", "3<S-Tab>j");
}
