//! Nothing is cut silently: every record and every pane, walked at 60x15, 80x24 and
//! 120x40, shows each text of the dataset whole, wrapped onto the next row, or ending in
//! `…`. A screen row that stops in the middle of a dataset text without `…` fails.

use std::collections::BTreeSet;

use super::{dataset, play};

/// Shorter texts are too likely to match by chance.
const MIN_PREFIX: usize = 12;

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
    out.into_iter()
        .map(|t| {
            aipx::text::sanitize(&t)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|t| t.chars().count() > MIN_PREFIX)
        .collect()
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
                if shown.chars().count() < MIN_PREFIX || texts.iter().any(|t| t == shown) {
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
                for step in 0..36 {
                    for cut in silent_cuts(&s.text(), &texts) {
                        failures.push(format!("{w}x{h} {keys:?} then j*{step}: {cut}"));
                    }
                    s.play("j").unwrap();
                }
            }
        }
    }
    failures.dedup();
    assert!(
        failures.is_empty(),
        "{} silent cuts, first ones:\n{}",
        failures.len(),
        failures[..failures.len().min(15)].join("\n")
    );
}
