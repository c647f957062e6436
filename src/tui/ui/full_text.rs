//! The full-text view (`i`): every word the dataset holds about one record, wrapped to the
//! screen and scrollable, so nothing a pane cuts with `…` is out of reach.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::pane;
use super::preview::funding_line;
use super::text::{Para, clean, wrap_all};
use super::theme::{Theme, direction_label};
use crate::index::Index;
use crate::model::{CatalystId, EntityId, ProgramId, SourceId};
use crate::tui::calendar::linked_entities;
use crate::tui::programs::by_role;

/// A record the full-text view can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    /// A company or body.
    Entity(EntityId),
    /// A program.
    Program(ProgramId),
    /// A catalyst.
    Catalyst(CatalystId),
    /// An entity's link to a program: the entity and the position among its exposures.
    Exposure(EntityId, usize),
    /// A source article.
    Source(SourceId),
}

/// The record's title and paragraphs.
pub fn content(ix: &Index, record: Record, today: NaiveDate, theme: Theme) -> (String, Vec<Para>) {
    let plain = Style::new();
    let head = |text: &str| (text.to_string(), theme.accent());
    let gap = || (String::new(), plain);
    let mut out: Vec<Para> = Vec::new();
    match record {
        Record::Entity(id) => {
            let e = ix.entity(id);
            out.push((clean(&e.name).into_owned(), theme.title()));
            let symbols: Vec<String> = e
                .listings
                .iter()
                .map(|l| format!("{}:{}", l.exchange, clean(&l.symbol)))
                .collect();
            if !symbols.is_empty() {
                out.push((symbols.join(", "), plain));
            }
            let parent = e.parent.map(|p| ix.entity(p));
            let facts = super::entity_header::facts(e, parent).join(" · ");
            out.push((facts, theme.muted()));
            if !e.aliases.is_empty() {
                let aliases: Vec<String> =
                    e.aliases.iter().map(|a| clean(a).into_owned()).collect();
                out.push((format!("Also known as: {}", aliases.join(", ")), plain));
            }
            out.push(gap());
            out.push((clean(&e.summary).into_owned(), plain));
            let exposures: Vec<_> = ix.exposures_of(id).collect();
            if !exposures.is_empty() {
                out.push(gap());
                out.push(head("Exposures"));
                for i in 0..exposures.len() {
                    out.extend(exposure(ix, id, i, theme));
                    out.push(gap());
                }
                out.pop();
            }
            catalysts(ix, ix.catalysts_of(id), today, theme, &mut out);
            sources(ix, &ix.sources_of(id), theme, &mut out);
        }
        Record::Program(id) => {
            let p = ix.program(id);
            let status = ix.program_status(id, today);
            out.extend(super::program_detail::heading(p, status, theme));
            out.push(gap());
            out.push(head("Funding (kind, amount, what it is)"));
            if p.funding.is_empty() {
                out.push(("no funding stated".into(), theme.muted()));
            }
            for (i, line) in p.funding.iter().enumerate() {
                let mut text = funding_line(ix, p, i);
                let when = clean(&line.when_label()).into_owned();
                if !when.is_empty() {
                    text.push_str(&format!(" · {when}"));
                }
                out.push((text, plain));
                out.push((format!("  {}", clean(&line.purpose)), theme.muted()));
            }
            out.push(gap());
            out.push(head("Linked entities"));
            for x in by_role(ix, id) {
                let e = ix.entity(x.entity);
                out.push((
                    format!(
                        "{} {} · {} · {}",
                        clean(e.display_symbol()),
                        clean(&e.name),
                        x.role.as_str(),
                        direction_label(x.direction)
                    ),
                    plain,
                ));
                out.push((format!("  {}", clean(&x.note)), theme.muted()));
            }
            catalysts(ix, ix.catalysts_of_program(id), today, theme, &mut out);
            sources(ix, &p.sources, theme, &mut out);
        }
        Record::Catalyst(id) => {
            out.extend(super::catalyst_detail::paras(ix, id, today, theme));
            out.push(gap());
            out.push(head("Linked entities"));
            let named = &ix.catalyst(id).entities;
            for e in linked_entities(ix, id) {
                let how = if named.contains(&e) {
                    "named"
                } else {
                    "through its program"
                };
                let entity = ix.entity(e);
                let symbol = clean(entity.display_symbol());
                out.push((format!("{symbol} {} · {how}", clean(&entity.name)), plain));
            }
        }
        Record::Exposure(e, i) => {
            out.extend(exposure(ix, e, i, theme));
            if let Some(x) = ix.exposures_of(e).nth(i) {
                let ids: Vec<SourceId> = x.sources.iter().copied().collect();
                sources(ix, &ids, theme, &mut out);
            }
        }
        Record::Source(id) => {
            let s = ix.source(id);
            out.push((clean(&s.title).into_owned(), theme.title()));
            out.push((
                format!("{} · {}", clean(&s.publisher), s.date.label()),
                plain,
            ));
            out.push((format!("file {}", clean(&s.file)), theme.muted()));
            let url = match &s.url {
                Some(url) => format!("url {}", clean(url)),
                None => "no url in the data".into(),
            };
            out.push((url, theme.muted()));
        }
    };
    (kind(record).to_string(), out)
}

/// One exposure: entity and program, role and direction, each funding line with its kind,
/// the note.
fn exposure(ix: &Index, e: EntityId, i: usize, theme: Theme) -> Vec<Para> {
    let plain = Style::new();
    let Some(x) = ix.exposures_of(e).nth(i) else {
        return vec![("no such exposure".into(), theme.muted())];
    };
    let p = ix.program(x.program);
    let entity = clean(ix.entity(e).display_symbol()).into_owned();
    let mut out = vec![
        (format!("{entity} in {}", clean(&p.name)), theme.title()),
        (
            format!(
                "{} · {} · basis: {}",
                x.role.as_str(),
                direction_label(x.direction),
                x.basis.as_str()
            ),
            plain,
        ),
    ];
    for &l in x.funding.iter() {
        out.push((format!("  {}", funding_line(ix, p, l)), plain));
    }
    out.push((clean(&x.note).into_owned(), plain));
    out
}

fn catalyst_row(ix: &Index, c: CatalystId, today: NaiveDate) -> String {
    let cat = ix.catalyst(c);
    let countdown = cat.date.countdown(today);
    format!(
        "{} {} · {} · {}",
        super::text::timing_mark(countdown.timing()),
        cat.date.label(),
        countdown.long(),
        clean(&cat.title)
    )
}

/// A `Catalysts` heading and a row per catalyst (date, countdown, title), after a blank
/// line; nothing when there are none.
fn catalysts(ix: &Index, ids: &[CatalystId], today: NaiveDate, theme: Theme, out: &mut Vec<Para>) {
    if ids.is_empty() {
        return;
    }
    out.push((String::new(), Style::new()));
    out.push(("Catalysts".into(), theme.accent()));
    for &c in ids {
        out.push((catalyst_row(ix, c, today), Style::new()));
    }
}

fn sources(ix: &Index, ids: &[SourceId], theme: Theme, out: &mut Vec<Para>) {
    if ids.is_empty() {
        return;
    }
    out.push((String::new(), Style::new()));
    out.push(("Sources".into(), theme.accent()));
    for &id in ids {
        let s = ix.source(id);
        out.push((
            format!(
                "{} · {} · {}",
                clean(&s.file),
                s.date.label(),
                clean(&s.title)
            ),
            theme.muted(),
        ));
        if let Some(url) = &s.url {
            out.push((format!("  {}", clean(url)), theme.muted()));
        }
    }
}

/// What the record is, as the view's title names it.
pub fn kind(record: Record) -> &'static str {
    match record {
        Record::Entity(_) => "Company",
        Record::Program(_) => "Program",
        Record::Catalyst(_) => "Catalyst",
        Record::Exposure(..) => "Exposure",
        Record::Source(_) => "Source",
    }
}

/// The record in full as plain text, one paragraph a line (what `Y` copies): the same
/// words as the view, without styles or wrapping.
pub fn plain(ix: &Index, record: Record, today: NaiveDate) -> String {
    let (title, paras) = content(ix, record, today, Theme::new(false));
    let mut out = format!("{title}\n");
    for (text, _) in paras {
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

/// The record in a few words (what `y` copies): an entity's ticker (`TSE:9984`, also for
/// one of its exposures), a program's name, a catalyst's date and title, a source's url
/// (its title when the data gives no url).
pub fn short(ix: &Index, record: Record) -> String {
    // What lands on the clipboard is pasted into shells and chats: no control characters.
    let text = match record {
        Record::Entity(e) | Record::Exposure(e, _) => crate::book::watchlist::canonical(ix, e),
        Record::Program(p) => ix.program(p).name.clone(),
        Record::Catalyst(c) => {
            let cat = ix.catalyst(c);
            format!("{} {}", cat.date.label(), cat.title)
        }
        Record::Source(s) => {
            let src = ix.source(s);
            src.url.clone().unwrap_or_else(|| src.title.clone())
        }
    };
    clean(&text).into_owned()
}

/// The wrapped lines of the view for a pane `width` columns wide inside its border.
pub fn lines(ix: &Index, record: Record, today: NaiveDate, width: usize) -> usize {
    let (_, paras) = content(ix, record, today, Theme::new(false));
    wrap_all(&paras, width).len()
}

/// Where the view goes: the whole body between the tab bar and the status bar.
pub fn area(screen: Rect) -> Rect {
    Rect {
        x: screen.x,
        y: screen.y + 1,
        width: screen.width,
        height: screen.height.saturating_sub(2),
    }
}

/// The full-text view of one record, scrolled to a line.
pub struct FullText<'a> {
    /// Lookups.
    pub index: &'a Index,
    /// What to show.
    pub record: Record,
    /// First line shown (clamped so the last screenful stays full).
    pub scroll: usize,
    /// Countdowns count from here.
    pub today: NaiveDate,
    /// Styles.
    pub theme: Theme,
    /// The key table, for the key that closes the view.
    pub keys: &'a crate::tui::keymap::Keymap,
}

impl Widget for FullText<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (title, paras) = content(self.index, self.record, self.today, self.theme);
        let width = area.width.saturating_sub(2) as usize;
        let visible = area.height.saturating_sub(2) as usize;
        let all: Vec<Line<'static>> = wrap_all(&paras, width);
        let scroll = self.scroll.min(all.len().saturating_sub(visible));
        let last = (scroll + visible).min(all.len());
        let close = self.keys.keys_for(
            crate::tui::action::Action::FullText,
            crate::tui::keymap::Mode::Reader,
        );
        let close = close.split('/').next().unwrap_or_default().to_string();
        let title = format!(
            "{title} · lines {}-{last} of {} · {close} close",
            (scroll + 1).min(last),
            all.len()
        );
        Clear.render(area, buf);
        let shown: Vec<Line<'static>> = all.into_iter().skip(scroll).take(visible).collect();
        Paragraph::new(shown)
            .block(pane::block(title, true, self.theme, area.width))
            .render(area, buf);
    }
}
