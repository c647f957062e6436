//! Nothing is cut silently: every record and every pane, walked at 60x15, 80x24 and
//! 120x40, shows each text of the dataset whole, wrapped onto the next row, or ending in
//! `…`. A screen row that stops in the middle of a dataset text without `…` fails.

use std::collections::BTreeSet;

use aipx::tui::explore::ExplorePane;

use super::{dataset, play};

/// Shorter texts are too likely to match by chance.
const MIN_PREFIX: usize = 12;

/// `texts` as a screen draws them (control characters removed, white space folded), those
/// long enough not to match by chance.
fn as_drawn(texts: BTreeSet<String>) -> Vec<String> {
    texts
        .into_iter()
        .map(|t| {
            aipx::text::sanitize(&t)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|t| t.chars().count() > MIN_PREFIX)
        .collect()
}

/// Every free text of the dataset a screen may show, as it would be drawn.
fn texts() -> Vec<String> {
    let d = dataset();
    let mut out: BTreeSet<String> = BTreeSet::new();
    for e in &d.entities {
        out.extend([e.name.clone(), e.summary.clone(), e.sector.clone()]);
    }
    for p in &d.programs {
        out.extend([p.name.clone(), p.summary.clone(), p.sponsor.clone()]);
        for f in &p.funding {
            out.extend([f.label.clone(), f.purpose.clone()]);
            out.extend(f.term.clone());
        }
    }
    for c in &d.catalysts {
        out.extend([c.title.clone(), c.note.clone()]);
    }
    for x in &d.exposures {
        out.insert(x.note.to_string());
    }
    for s in &d.sources {
        out.insert(s.title.clone());
    }
    as_drawn(out)
}

fn is_border(c: char) -> bool {
    matches!(c, '│' | '┃')
}

/// The stretches of a row between pane borders, as (first column, text).
fn segments(row: &[char]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in row.iter().enumerate() {
        if is_border(c) {
            if i > start {
                out.push((start, row[start..i].iter().collect()));
            }
            start = i + 1;
        }
    }
    if start < row.len() {
        out.push((start, row[start..].iter().collect()));
    }
    out
}

/// Where `screen` stops inside a dataset text without `…` and without wrapping on.
fn silent_cuts(screen: &str, texts: &[String]) -> Vec<String> {
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let mut found = Vec::new();
    for (y, row) in rows.iter().enumerate() {
        for (x, seg) in segments(row) {
            let content = seg.trim_end();
            let starts = content
                .char_indices()
                .filter(|&(i, _)| i == 0 || content[..i].ends_with(' '))
                .map(|(i, _)| i);
            for s in starts {
                let shown = &content[s..];
                // Whole, or the whole end of another text wrapped onto this row.
                if shown.chars().count() < MIN_PREFIX || texts.iter().any(|t| t.ends_with(shown)) {
                    continue;
                }
                let Some(text) = texts.iter().find(|t| t.starts_with(shown)) else {
                    continue;
                };
                let rest = text[shown.len()..].trim_start();
                let next_word = rest.split(' ').next().unwrap_or("");
                let below: String = rows
                    .get(y + 1)
                    .map(|r| r.iter().skip(x).take(seg.chars().count()).collect())
                    .unwrap_or_default();
                let wrapped = !next_word.is_empty()
                    && (below.trim_start().starts_with(next_word)
                        || next_word.starts_with(below.trim()) && !below.trim().is_empty());
                if !wrapped {
                    found.push(format!("row {y}: {shown:?} (of {text:?})"));
                }
            }
        }
    }
    found
}

#[test]
fn detector_catches_a_silent_cut_and_passes_wraps_and_ellipses() {
    let texts = vec!["Semiconductors (GPUs, AI accelerators)".to_string()];
    assert_eq!(
        silent_cuts("│Semiconductors (GPUs, AI   │", &texts).len(),
        1
    );
    assert!(silent_cuts("│Semiconductors (GPUs, AI…  │", &texts).is_empty());
    let wrapped = "│Semiconductors (GPUs, AI   │\n│accelerators)              │";
    assert!(silent_cuts(wrapped, &texts).is_empty());
    // A row that ends another text where that text ends is whole, even when a different
    // text starts with the same words.
    let texts = vec![
        "cumulative, including the FY2026 allocation".to_string(),
        "FY2026 allocation (same money as METI's line)".to_string(),
    ];
    let ends = "│cumulative,               │\n│including the FY2026 allocation│";
    assert!(silent_cuts(ends, &texts).is_empty());
    assert_eq!(silent_cuts("│FY2026 allocation (same  │", &texts).len(), 1);
}

#[test]
fn every_record_and_pane_is_whole_or_marked_cut() {
    let texts = texts();
    let mut failures = Vec::new();
    for (w, h) in [(60, 15), (80, 24), (120, 40)] {
        for view in ["", "2", "2v", "3", "3v", "3vv"] {
            for panes in 0..4 {
                let keys = format!("{view}{}", "<Tab>".repeat(panes));
                let mut s = play(w, h, &keys);
                // Down through every row of the focused pane (the longest list has 34).
                let at = format!("{w}x{h} {keys:?}");
                cuts_going_down(&mut s, 36, &texts, &at, &mut failures);
            }
        }
    }
    none_of(failures, "silent cuts", 15);
}

/// The silent cuts (see [`silent_cuts`]) of `s`'s screen, checked `steps` times with a
/// `j` between, each told as `at then j*STEP: CUT`.
fn cuts_going_down(
    s: &mut aipx::tui::screen::Headless,
    steps: usize,
    texts: &[String],
    at: &str,
    failures: &mut Vec<String>,
) {
    for step in 0..steps {
        for cut in silent_cuts(&s.text(), texts) {
            failures.push(format!("{at} then j*{step}: {cut}"));
        }
        s.play("j").unwrap();
    }
}

/// Fails when there are `failures` (`what` they are), showing the first `shown` of them
/// (one of each run of repeats).
fn none_of(mut failures: Vec<String>, what: &str, shown: usize) {
    failures.dedup();
    assert!(
        failures.is_empty(),
        "{} {what}, first ones:\n{}",
        failures.len(),
        failures[..failures.len().min(shown)].join("\n")
    );
}

/// Every box the screen draws that is not whole: a box needs its four corners, both side
/// borders all the way down, and at least one body row between its top and bottom borders.
pub fn broken_boxes(screen: &str) -> Vec<String> {
    // One cell per terminal column: a wide character is followed by a filler cell, so the
    // borders of boxes one above the other line up.
    let rows: Vec<Vec<char>> = screen
        .lines()
        .map(|l| {
            l.chars()
                .flat_map(|c| {
                    let wide = unicode_width::UnicodeWidthChar::width(c) == Some(2);
                    std::iter::once(c).chain(wide.then_some('\0'))
                })
                .collect()
        })
        .collect();
    let side = |c: Option<&char>| matches!(c, Some('│' | '┃'));
    let mut found = Vec::new();
    for (y, row) in rows.iter().enumerate() {
        for (x, &c) in row.iter().enumerate() {
            if !matches!(c, '┌' | '┏') {
                continue;
            }
            let at = format!("box at row {y} col {x}");
            let Some(right) = row[x + 1..]
                .iter()
                .position(|&c| matches!(c, '┐' | '┓'))
                .map(|i| x + 1 + i)
            else {
                found.push(format!("{at}: no top-right corner"));
                continue;
            };
            let mut bottom = None;
            for (yy, below) in rows.iter().enumerate().skip(y + 1) {
                match below.get(x) {
                    Some('└' | '┗') => {
                        bottom = Some(yy);
                        break;
                    }
                    c if side(c) => continue,
                    _ => break,
                }
            }
            let Some(bottom) = bottom else {
                found.push(format!("{at}: no bottom border"));
                continue;
            };
            if !matches!(rows[bottom].get(right), Some('┘' | '┛')) {
                found.push(format!("{at}: no bottom-right corner"));
            }
            if (y + 1..bottom).any(|yy| !side(rows[yy].get(right))) {
                found.push(format!("{at}: right border broken"));
            }
            if bottom < y + 2 {
                found.push(format!("{at}: no body row"));
            }
        }
    }
    found
}

#[test]
fn detector_catches_a_box_without_body_or_bottom() {
    let whole = "┌ A ┐┌ B ┐\n│ x ││ y │\n└───┘└───┘";
    assert!(broken_boxes(whole).is_empty());
    assert_eq!(broken_boxes("┌ A ┐\n└───┘").len(), 1, "no body row");
    assert_eq!(broken_boxes("┌ A ┐\n│ x │\n┌ B ┐\n│ y │\n└───┘").len(), 1);
    assert_eq!(
        broken_boxes("┌ A ┐\n│ x │").len(),
        1,
        "cut by the screen edge"
    );
}

/// An app whose Watchlist tab shows two known tickers and one the data lacks.
fn with_book() -> aipx::tui::App {
    super::app().with_book(super::watchlist(&["TSE:9984", "NASDAQ:NVDA", "ZZZZ"]), None)
}

#[test]
fn every_pane_drawn_is_whole_at_every_supported_size() {
    let mut failures = Vec::new();
    for (w, h) in [(60, 15), (80, 24), (120, 40)] {
        // Every tab and view, each pane focused in turn, the selection moved through the
        // lists, then the help overlay and the full-text view over it.
        for view in ["", "/soft", "/2027", "2", "3", "3v", "4"] {
            for panes in 0..4 {
                let keys = match view.starts_with('/') {
                    true => format!("{view}<Enter>{}", "<Tab>".repeat(panes)),
                    false => format!("{view}{}", "<Tab>".repeat(panes)),
                };
                let mut s = aipx::tui::screen::Headless::new(with_book(), w, h);
                s.play(&keys).unwrap();
                for step in 0..12 {
                    // Each overlay opened, checked and closed again with its own key.
                    for script in ["", "?", "i"] {
                        s.play(script).unwrap();
                        for broken in broken_boxes(&s.text()) {
                            failures.push(format!(
                                "{w}x{h} {keys:?} then j*{step} {script:?}: {broken}\n{}",
                                s.text()
                            ));
                        }
                        if s.app.help().is_some() || s.app.reader().is_some() {
                            s.play(script).unwrap();
                        }
                    }
                    s.play("j").unwrap();
                }
            }
        }
    }
    none_of(failures, "broken boxes", 3);
}

#[test]
fn a_pane_left_out_is_named_and_tab_brings_it_back() {
    // 60x15, SoftBank's exposure focused: it takes the rows its funding and note need, so
    // the catalysts and sources make way and say so on the last border.
    let mut s = super::play(60, 15, "/soft<Enter>");
    let text = s.text();
    assert!(
        text.contains("+ Catalysts (5), Sources (2)"),
        "the panes left out are named:\n{text}"
    );
    assert!(text.contains("▸ Exposures (1 program)"), "{text}");
    assert!(!text.contains("┌ Catalysts"), "{text}");
    s.play("<Tab>").unwrap();
    let text = s.text();
    assert!(
        text.contains("▸ Catalysts (5)"),
        "Tab shows it again:\n{text}"
    );
    assert!(broken_boxes(&text).is_empty(), "{text}");
}

#[test]
fn every_pane_is_whole_at_the_sizes_between_too() {
    // The layouts switch at 100 columns and 20 rows; walk the sizes around and between.
    let mut failures = Vec::new();
    for w in (60..=130).step_by(7).chain([99, 100]) {
        for h in (15..=45).step_by(5).chain([19, 20]) {
            for keys in [
                "",
                "/soft<Enter>",
                "/soft<Enter><Tab><Tab>",
                "2jjjj",
                "2jjjj<Tab>",
                "3",
                "3v",
                "3vv<Tab>",
            ] {
                let text = super::screen(w, h, keys);
                for broken in broken_boxes(&text) {
                    failures.push(format!("{w}x{h} {keys:?}: {broken}\n{text}"));
                }
            }
        }
    }
    none_of(failures, "broken boxes", 1);
}

/// Boxes that are not whole, for screens with a popup over them: a top-left corner without its top-right and bottom corners,
/// or with no body row between top and bottom. A box partly under a popup still shows its
/// corners, so it passes.
pub fn broken_boxes_under_popups(screen: &str) -> Vec<String> {
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let at = |x: usize, y: usize| rows.get(y).and_then(|r| r.get(x)).copied();
    let mut out = Vec::new();
    for (y, row) in rows.iter().enumerate() {
        for (x, &c) in row.iter().enumerate() {
            let (tr, bl, br) = match c {
                '┌' => ('┐', '└', '┘'),
                '┏' => ('┓', '┗', '┛'),
                _ => continue,
            };
            // Down the left border to the corner; a popup may hide part of the border.
            let mut bottom = y + 1;
            while let Some(d) = at(x, bottom) {
                if d == bl || d == c {
                    break;
                }
                bottom += 1;
            }
            if at(x, bottom) != Some(bl) {
                out.push(format!("box at {x},{y}: no bottom-left corner below"));
                continue;
            }
            if bottom - y < 2 {
                out.push(format!("box at {x},{y}: no body row"));
            }
            let whole = (x + 1..row.len()).any(|x2| row[x2] == tr && at(x2, bottom) == Some(br));
            if !whole {
                out.push(format!("box at {x},{y}: no right-hand corners"));
            }
        }
    }
    out
}

#[test]
fn broken_boxes_under_popups_finds_a_box_without_its_bottom_or_body() {
    assert!(broken_boxes_under_popups("┌ a ┐\n│ x │\n└───┘").is_empty());
    assert_eq!(
        broken_boxes_under_popups("┌ a ┐\n└───┘").len(),
        1,
        "no body row"
    );
    assert_eq!(
        broken_boxes_under_popups("┌ a ┐\n│ x │").len(),
        1,
        "no bottom"
    );
    assert_eq!(
        broken_boxes_under_popups("┏ a ┓\n┃ x ┃\n┗━━━ ").len(),
        1,
        "no bottom-right"
    );
}

/// The texts of a library's proposals, as the Inbox tab draws them.
fn proposal_texts(home: &super::inbox::Home) -> Vec<String> {
    let mut lib = aipx::library::Library::open_existing(&home.path)
        .unwrap()
        .unwrap();
    let mut out = BTreeSet::new();
    for p in lib.proposals(true).unwrap() {
        out.insert(p.text.clone());
        out.insert(p.record.title());
        if let Some(t) = &p.title {
            out.insert(t.clone());
        }
        let json = serde_json::to_value(&p.record).unwrap();
        for key in ["note", "purpose", "title", "summary", "name"] {
            if let Some(t) = json[key].as_str() {
                out.insert(t.to_string());
            }
        }
    }
    as_drawn(out)
}

#[test]
fn the_inbox_and_what_changed_are_whole_or_marked_cut() {
    use super::inbox::{Home, KOREA, PACKAGING};
    let home = Home::with(&[KOREA, PACKAGING]);
    let mut texts = texts();
    texts.extend(proposal_texts(&home));
    // Some accepted records, so what changed has rows.
    {
        let mut lib = aipx::library::Library::open_existing(&home.path)
            .unwrap()
            .unwrap();
        let data = dataset();
        for p in lib.proposals(false).unwrap() {
            if p.kind == "entity" || p.kind == "catalyst" {
                lib.accept(p.id, &Default::default(), &data).unwrap();
            }
        }
    }
    let mut failures = Vec::new();
    for (w, h) in [(60, 15), (80, 24), (120, 40)] {
        for view in ["5", "5c"] {
            let mut s = home.screen(w, h);
            s.play(view).unwrap();
            let at = format!("{w}x{h} {view:?}");
            cuts_going_down(&mut s, 30, &texts, &at, &mut failures);
        }
    }
    none_of(failures, "silent cuts", 15);
}

/// The body rows of the focused pane (the one drawn with thick borders), trimmed of the
/// selection marker and padding.
fn focused_body(screen: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for row in screen.lines() {
        if row.contains('┗') && inside {
            break;
        }
        if row.contains('┏') {
            inside = true;
            continue;
        }
        let parts: Vec<&str> = row.split('┃').collect();
        if inside && parts.len() >= 3 {
            let body = parts[1].trim_start_matches(['▶', '›']).trim();
            out.push(body.to_string());
        }
    }
    out
}

/// Whether the focused pane of the tab on screen is its list (walked by the other tests).
fn on_a_list(s: &aipx::tui::screen::Headless) -> bool {
    use aipx::tui::Tab;
    use aipx::tui::calendar::CalendarPane;
    use aipx::tui::programs::ProgramsPane;
    match s.app.tab() {
        Tab::Explore => s.app.explore().focus() == ExplorePane::Results,
        Tab::Programs => s.app.programs().focus() == ProgramsPane::List,
        Tab::Calendar => s.app.calendar().focus() == CalendarPane::Timeline,
        _ => true,
    }
}

#[test]
fn scrolling_the_focused_pane_reaches_every_line_of_it() {
    // Every detail pane of every record, focused at each supported size and scrolled down
    // with `j`: each entity's header, exposures, catalysts and sources; each program's
    // header, funding and linked entities; each catalyst's text and linked entities. Every
    // line the pane shows with the room to show it all (the same width, 200 rows) must
    // have been on screen whole (not cut with `…`) at some step.
    let d = dataset();
    let mut cases: Vec<(String, &[&str])> = Vec::new();
    for e in 0..d.entities.len() {
        let panes: &[&str] = &["<Tab>", "<Tab><Tab>", "<Tab><Tab><Tab>", "<S-Tab>"];
        cases.push(("j".repeat(e), panes));
    }
    for p in 0..d.programs.len() {
        let panes: &[&str] = &["<Tab>", "<S-Tab>", "<S-Tab><S-Tab>"];
        cases.push((format!("2{}", "j".repeat(p)), panes));
    }
    for c in 0..d.catalysts.len() {
        let panes: &[&str] = &["<Tab>", "<S-Tab>"];
        cases.push((format!("3g{}", "j".repeat(c)), panes));
    }
    let mut failures = Vec::new();
    let mut scrolled = 0;
    for (w, h) in [(60, 15), (80, 24), (120, 40)] {
        for (prefix, panes) in &cases {
            let mut seen_panes = Vec::new();
            for suffix in panes.iter() {
                let keys = format!("{prefix}{suffix}");
                let mut s = play(w, h, &keys);
                let pane = focused_body(&play(w, 200, &keys).text());
                if on_a_list(&s) || seen_panes.contains(&pane) {
                    continue;
                }
                seen_panes.push(pane.clone());
                // A program's name is one line, cut with `…` (whole in the Programs tab).
                let whole: Vec<&String> = pane
                    .iter()
                    .filter(|l| !l.is_empty() && !l.ends_with('…'))
                    .collect();
                let mut seen = std::collections::HashSet::new();
                for step in 0..whole.len() + 2 {
                    let body = focused_body(&s.text());
                    if step == 0 && whole.iter().any(|l| !body.contains(l)) {
                        scrolled += 1;
                    }
                    seen.extend(body.into_iter().filter(|l| !l.ends_with('…')));
                    s.play("j").unwrap();
                }
                for line in whole.iter().filter(|l| !seen.contains(**l)) {
                    failures.push(format!("{w}x{h} {keys:?}: never shown: {line:?}"));
                }
            }
        }
    }
    none_of(failures, "lines never reached", 15);
    assert!(scrolled > 0, "some pane needed scrolling to be read whole");
}

#[test]
fn a_tall_exposure_scrolls_by_line_and_half_page_and_says_what_is_hidden() {
    // TSM's first exposure (Rapidus: funding and a long note) is taller than the pane at 60x15.
    let mut s = play(60, 15, "/TSM<Enter>");
    let first = s.text();
    assert!(first.contains("↓ 4 more lines"), "{first}");
    assert!(first.contains("▶ Rapidus 2nm foundry project"), "{first}");
    s.play("j").unwrap();
    let text = s.text();
    assert!(text.contains("↑ 1 above · ↓ 3 more"), "{text}");
    assert_eq!(
        s.app.explore().cursor.row(ExplorePane::Exposures),
        0,
        "same item"
    );
    // Ctrl-D: half the pane's window (7 rows here) at once, to the item's end.
    s.play("<C-d>").unwrap();
    assert!(s.text().contains("↑ 4 lines above"), "{}", s.text());
    assert!(
        s.text().contains("rivals."),
        "the note's last word: {}",
        s.text()
    );
    s.play("j").unwrap();
    assert_eq!(
        s.app.explore().cursor.row(ExplorePane::Exposures),
        1,
        "next item"
    );
    // Back up: the tall item shows its end first, then a line at a time.
    s.play("k").unwrap();
    assert_eq!(s.app.explore().cursor.row(ExplorePane::Exposures), 0);
    assert!(s.text().contains("↑ 4 lines above"), "{}", s.text());
    s.play("<C-u>k").unwrap();
    assert_eq!(s.text(), first, "back at the top");
}
