//! Keys and clicks land on what the state shows at the terminal's size (the size the last
//! resize reported), never on what an older frame drew: an app that is never drawn, or not
//! drawn since a resize, ends where one redrawn after every event does.

use aipx::tui::Tab;
use aipx::tui::explore::ExplorePane;
use aipx::tui::screen::{Headless, parse_keys};
use crossterm::event::Event;

use super::{app, play};

/// Feeds `script` to `app` through the key table and update alone, as the run loop does
/// between two frames: nothing is drawn.
fn apply(app: &mut aipx::tui::App, script: &str) {
    for event in parse_keys(script).expect("valid key script") {
        aipx::tui::apply(app, &event);
    }
}

/// Column and row of the first place `text` is drawn on `screen`, at or right of `from`.
fn find(screen: &str, text: &str, from: usize) -> (u16, u16) {
    use unicode_width::UnicodeWidthStr;
    for (y, line) in screen.lines().enumerate() {
        let mut x = 0;
        for (i, c) in line.char_indices() {
            if x >= from && line[i..].starts_with(text) {
                return (x as u16, y as u16);
            }
            x += c.to_string().width();
        }
    }
    panic!("{text:?} is not on screen:\n{screen}");
}

#[test]
fn a_step_right_after_a_resize_scrolls_as_the_new_size_shows_the_item() {
    // TSM's first exposure is whole at 120x40 and taller than its pane at 60x15 (see the
    // `explore_scrolled` snapshots): after the resize, `j` reads it a line further instead
    // of selecting the next exposure.
    let keys = "/TSM<Enter>";
    let mut drawn = play(120, 40, keys);
    assert_eq!(drawn.app.explore().focus(), ExplorePane::Exposures);
    drawn.play("<Resize 60x15>j").unwrap();
    let ex = drawn.app.explore();
    assert_eq!(ex.cursor.row(ExplorePane::Exposures), 0);
    assert_eq!(ex.cursor.skip(ExplorePane::Exposures), 1, "a line down");
    assert!(drawn.text().contains("↑ 1 above"), "{}", drawn.text());
    // No frame between the resize and the key: the same.
    let mut undrawn = play(120, 40, keys);
    apply(&mut undrawn.app, "<Resize 60x15>j");
    assert_eq!(undrawn.app.tabs(), drawn.app.tabs());
    // And back: at 120x40 the item is whole, so `j` selects the next one at once.
    apply(&mut undrawn.app, "<Resize 120x40>j");
    let ex = undrawn.app.explore();
    assert_eq!(ex.cursor.row(ExplorePane::Exposures), 1);
    assert_eq!(ex.cursor.skip(ExplorePane::Exposures), 0);
}

#[test]
fn an_app_never_drawn_steps_and_clicks_as_one_redrawn_after_every_event() {
    // Scroll steps through tall items and text panes, pages, `G`, resizes and clicks.
    let scripts = [
        "<Resize 60x15>/TSM<Enter>jjjjk",
        "<Resize 60x15>/TSM<Enter>j<C-d><C-d>G<C-u>",
        "<Resize 60x15>3<S-Tab>jjj",
        "<Resize 60x15>2<Tab>jj<Tab>jj",
        "<Resize 80x24>/TSM<Enter><Resize 60x15>jj<Resize 100x30>j",
        "<Resize 80x24><Click 5,8><Click 40,10>j<Click 40,20>jj",
        "<Resize 60x15>3v<Click 5,5>j2<Click 3,6><Click 30,12>j",
    ];
    for script in scripts {
        let mut drawn = Headless::new(app(), 80, 24);
        drawn.play(script).unwrap();
        let mut undrawn = app();
        apply(&mut undrawn, script);
        assert_eq!(undrawn.tab(), drawn.app.tab(), "{script}");
        assert_eq!(undrawn.tabs(), drawn.app.tabs(), "{script}");
    }
}

#[test]
fn a_click_after_a_resize_selects_the_row_drawn_there_at_the_new_size() {
    // Where the sixth result sits at 80x24 (the results list is narrower there).
    let small = play(80, 24, "");
    let pick = small.app.explore().results[5].target;
    let name = {
        let ix = small.app.index();
        let aipx::search::Target::Entity(e) = pick else {
            panic!("the list starts with entities");
        };
        ix.entity(e).name.chars().take(8).collect::<String>()
    };
    let at = find(&small.text(), &name, 0);
    assert!(at.0 < 24, "{name} is drawn in the results list");
    // Drawn at 120x40, then resized, and clicked before any frame at the new size.
    let mut s = play(120, 40, "");
    let resize = Event::Resize(80, 24);
    aipx::tui::apply(&mut s.app, &resize);
    apply(&mut s.app, &format!("<Click {},{}>", at.0, at.1));
    assert_eq!(s.app.tab(), Tab::Explore);
    assert_eq!(s.app.explore().focus(), ExplorePane::Results);
    assert_eq!(
        s.app.explore().results[s.app.explore().selected()].target,
        pick
    );
    // The detail panes are right of the narrow list at 80x24; at 120x40 that column was
    // still the list. A click there now focuses the pane drawn there.
    let mut s = play(120, 40, "/TSM<Enter><Esc>");
    let small = play(80, 24, "/TSM<Enter><Esc>");
    let exposure = find(&small.text(), "Exposures", 0);
    aipx::tui::apply(&mut s.app, &resize);
    apply(
        &mut s.app,
        &format!("<Click {},{}>", exposure.0, exposure.1 + 1),
    );
    assert_eq!(s.app.explore().focus(), ExplorePane::Exposures);
}

#[test]
fn the_layout_is_where_the_frame_draws() {
    use aipx::tui::ui::{self, hits::Hit, pane::hidden_note};
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    // Every tab and view, browsed in each pane, tall items scrolled, at three sizes.
    let scripts = [
        "",
        "jjjjjjjjjjjjjjjjjjjjjjjj",
        "/TSM<Enter>",
        "/TSM<Enter>jj",
        "/TSM<Enter><Tab>jjj",
        "/TSM<Enter><Tab><Tab>j",
        "/TSM<Enter><S-Tab>j",
        "/softbank<Enter>j<C-d>",
        "2jjj",
        "2<Tab>jjj",
        "2<S-Tab>j",
        "2<S-Tab><S-Tab>jj",
        "3",
        "3jjjjjjjj",
        "3<Tab>j",
        "3<S-Tab>jj",
        "3v",
        "3vjj",
        "3vv",
        "3vvjjj",
        "4",
        "5",
    ];
    let mut markers = 0;
    let mut notes = 0;
    for (width, height) in [(120, 40), (80, 24), (60, 15)] {
        for script in scripts {
            let mut s = play(width, height, script);
            let text = s.text();
            let map = ui::layout(&s.app);
            // A note under a scrolled item says what the layout says is hidden of it.
            for (y, line) in text.lines().enumerate() {
                let Some(at) = line.find(['↑', '↓']) else {
                    continue;
                };
                let digit = line[at..]
                    .chars()
                    .nth(2)
                    .is_some_and(|c| c.is_ascii_digit());
                if !digit {
                    continue;
                }
                let x = unicode_width::UnicodeWidthStr::width(&line[..at]) as u16;
                let Some(Hit::Pane { slot, .. }) = map.at(x, y as u16) else {
                    panic!("{script} at {width}x{height}: a note outside a pane\n{text}");
                };
                let note = hidden_note(map.overflow(slot));
                assert!(
                    line.contains(&note),
                    "{script} at {width}x{height}: {note:?} not on row {y}\n{text}"
                );
                notes += 1;
            }
            // The focused pane's selected row, wherever it is drawn, is the row the layout
            // puts there: a click on it changes nothing.
            let cells: Vec<(u16, u16)> = text
                .lines()
                .enumerate()
                .flat_map(|(y, line)| {
                    let mut x = 0u16;
                    let mut at = Vec::new();
                    for c in line.chars() {
                        if c == '▶' {
                            at.push((x, y as u16));
                        }
                        x += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) as u16;
                    }
                    at
                })
                .collect();
            for (x, y) in cells {
                let before = (s.app.tab(), s.app.tabs().clone());
                assert!(
                    matches!(map.at(x, y), Some(Hit::Pane { row: Some(_), .. })),
                    "{script} at {width}x{height}: no row under the marker at {x},{y}\n{text}"
                );
                s.apply(&Event::Mouse(MouseEvent {
                    kind: MouseEventKind::Down(MouseButton::Left),
                    column: x,
                    row: y,
                    modifiers: KeyModifiers::NONE,
                }));
                let after = (s.app.tab(), s.app.tabs().clone());
                assert!(
                    before == after,
                    "{script} at {width}x{height}: a click on the selected row at {x},{y} moved\n{text}"
                );
                markers += 1;
            }
        }
    }
    // The scripts do reach scrolled items and selected rows.
    assert!(notes >= 6, "{notes} notes");
    assert!(markers >= 40, "{markers} markers");
}
