//! The Inbox tab on a library the test makes in a temporary `XDG_DATA_HOME`: accepting a
//! link with program, role and direction chosen in the picker, a program created from the
//! inbox, a catalyst's date made less precise, rejecting and undoing, what changed, and a
//! damaged store reported in the status bar. Every decision goes through the library as
//! `aipx inbox` does, and the other tabs see the records at once.

use std::path::{Path, PathBuf};

use insta::assert_snapshot;
use tempfile::TempDir;

use aipx::index::Index;
use aipx::ingest::Extractor;
use aipx::library::Library;
use aipx::library::save::{Context, read_article};
use aipx::tui::App;
use aipx::tui::screen::Headless;
use aipx::tui::shelf::{LibraryLink, Shelf};

use super::{dataset, today};

/// A Korean wire: companies, two links to a program, money and dated events.
pub const KOREA: &str = "tests/fixtures/articles/06_korea_wire.txt";
/// A Japanese wire: companies new to aipx, money and catalysts.
pub const PACKAGING: &str = "tests/fixtures/articles/01_wire_packaging.txt";

/// A temporary `XDG_DATA_HOME` with a library holding `articles`.
pub struct Home {
    _dir: TempDir,
    /// `XDG_DATA_HOME`.
    pub data_home: PathBuf,
    /// The store.
    pub path: PathBuf,
}

impl Home {
    /// Saves `articles` (as `aipx ingest --save` does) into a fresh library.
    pub fn with(articles: &[&str]) -> Home {
        let dir = tempfile::tempdir().unwrap();
        let data_home = dir.path().to_path_buf();
        let path = data_home.join("aipx").join("library.sqlite3");
        let mut lib = Library::open_or_create(&path).unwrap();
        let data = dataset();
        let ex = Extractor::new(&data);
        let cx = Context::new(&ex, &data);
        for a in articles {
            let file = std::fs::File::open(a).unwrap();
            let read = read_article(&ex, file, a, false, None, today())
                .unwrap()
                .unwrap();
            lib.save(&cx, &read).unwrap();
        }
        Home {
            _dir: dir,
            data_home,
            path,
        }
    }

    /// The app as the TUI starts it on this library: the dataset with the library merged,
    /// the shelf, and the library to write decisions to.
    pub fn screen(&self, width: u16, height: u16) -> Headless {
        let mut lib = Library::open_existing(&self.path).unwrap().unwrap();
        let shelf = Shelf::at_start(&mut lib).unwrap();
        let data =
            aipx::library::commands::merge_into(&mut lib, dataset(), &mut std::io::sink()).unwrap();
        let app = App::new(Index::new(data), today())
            .with_color(false)
            .with_shelf(shelf);
        let mut s = Headless::new(app, width, height);
        s.outside.library = Some(LibraryLink::new(self.path.clone(), None));
        s
    }

    /// `aipx --today 2026-11-21 screen --size 80x24` on this library, with its state and
    /// config in `state`.
    pub fn binary(&self, state: &std::path::Path) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::cargo_bin("aipx").unwrap();
        cmd.env("XDG_DATA_HOME", &self.data_home)
            .env("XDG_STATE_HOME", state)
            .env("XDG_CONFIG_HOME", state)
            .args(["--today", "2026-11-21", "screen", "--size", "80x24"]);
        cmd
    }

    /// Status of proposal `id` in the store.
    pub fn status(&self, id: i64) -> String {
        let mut lib = Library::open_existing(&self.path).unwrap().unwrap();
        lib.proposal(id).unwrap().status
    }

    /// The number of the first proposal whose one-line form contains `text`.
    pub fn find(&self, text: &str) -> i64 {
        let mut lib = Library::open_existing(&self.path).unwrap().unwrap();
        let all = lib.proposals(true).unwrap();
        all.iter()
            .find(|p| aipx::library::commands::proposal_line(p).contains(text))
            .unwrap_or_else(|| panic!("no proposal with {text:?}"))
            .id
    }
}

/// The screen with the times of the change log (the wall clock of the test run) masked.
fn masked(text: &str) -> String {
    // `2026-11-30 15:56 UTC`: 16 characters before ` UTC`.
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(" UTC") {
        let start = rest[..i].char_indices().rev().nth(15).map_or(0, |(j, _)| j);
        let stamp = &rest[start..i];
        let looks =
            stamp.len() == 16 && stamp.as_bytes()[4] == b'-' && stamp.as_bytes()[13] == b':';
        if looks {
            out.push_str(&rest[..start]);
            out.push_str("YYYY-MM-DD hh:mm");
        } else {
            out.push_str(&rest[..i]);
        }
        out.push_str(" UTC");
        rest = &rest[i + 4..];
    }
    out.push_str(rest);
    out
}

/// Shows the Inbox with the cursor on proposal `id` (as listed on screen).
fn go(s: &mut Headless, id: i64) {
    s.play("5g").unwrap();
    // The position in the list as the tab orders it (newest article first).
    let at = s
        .app
        .tabs()
        .inbox
        .proposals(&s.app.context())
        .iter()
        .position(|p| p.id == id)
        .unwrap_or_else(|| panic!("#{id} is not listed"));
    s.play(&format!("<Down*{at}>")).unwrap();
}

fn store_path(home: &Home) -> &Path {
    &home.path
}

#[test]
fn accepting_a_link_chooses_program_role_and_direction_from_lists() {
    let home = Home::with(&[KOREA]);
    let naver = home.find("KRX:035420 in jp-sovereign-ai");
    let mut s = home.screen(120, 40);
    go(&mut s, naver);
    let inbox = s.text();
    assert!(inbox.contains("[5 Inbox]"), "{inbox}");
    assert!(
        inbox.contains("Sentence: LG Electronics and Naver"),
        "{inbox}"
    );
    assert!(inbox.contains("06_korea_wire.txt, line 9"));
    assert_snapshot!("inbox_link_120x40", inbox);
    // a: the program list opens on the proposed program.
    s.play("a").unwrap();
    let text = s.text();
    assert!(text.contains("Accept #6 link · 1/3 program"), "{text}");
    assert!(text.contains("Japan sovereign AI program (jp-sovereign-ai) (proposed)"));
    assert!(text.contains(" PICK "));
    s.play("<Enter>").unwrap();
    // Role: lead, member, beneficiary, supplier, partner...
    s.play("<Down*4>").unwrap();
    assert_snapshot!("inbox_picker_role_120x40", s.text());
    s.play("<Enter>").unwrap();
    let text = s.text();
    assert!(text.contains("role: partner"), "{text}");
    assert!(text.contains("3/3 direction"));
    // Direction: tailwind, headwind, mixed.
    s.play("<Down*2><Enter>").unwrap();
    let text = s.text();
    assert!(
        text.contains("accepted #6: entity NAVER Corporation"),
        "{text}"
    );
    assert_snapshot!("inbox_link_accepted_120x40", text);
    assert!(text.contains("exposure KRX:035420 in jp-sovereign-ai as partner"));
    assert_eq!(home.status(naver), "accepted");
    // The company it names, itself a proposal, was accepted with it.
    assert_eq!(
        home.status(home.find("NAVER Corporation (KRX:035420)")),
        "accepted"
    );
    // Every tab sees it now, marked as the library's.
    s.play("/naver<Enter>").unwrap();
    let explore = s.text();
    assert!(explore.contains("NAVER Corporation"), "{explore}");
    assert!(explore.contains("partner · ◆ mixed"), "{explore}");
    // The sovereign AI program heads the Programs list (next catalyst first).
    s.play("2g").unwrap();
    assert!(s.text().contains("NAVER"), "{}", s.text());
    // And the store is what `aipx inbox` reads.
    let mut lib = Library::open_existing(store_path(&home)).unwrap().unwrap();
    assert!(
        lib.records()
            .unwrap()
            .iter()
            .any(|r| r.key == "exposure:KRX:035420>jp-sovereign-ai")
    );
}

#[test]
fn a_program_is_created_from_the_inbox() {
    let home = Home::with(&[KOREA]);
    let lg = home.find("KRX:066570 in jp-sovereign-ai");
    let mut s = home.screen(80, 24);
    go(&mut s, lg);
    // The last program option makes a new one; its name is typed.
    s.play("aG<Enter>").unwrap();
    assert!(s.text().contains(" NAME "), "{}", s.text());
    // Pasted text goes into the name, not the search box.
    aipx::tui::apply(
        &mut s.app,
        &crossterm::event::Event::Paste("Korea AI".into()),
    );
    s.play(" chips").unwrap();
    assert_snapshot!("inbox_new_program_80x24", s.text());
    s.play("<Enter>").unwrap();
    assert!(s.text().contains("program: new program \"Korea AI chips\""));
    s.play("<Down><Enter><Enter>").unwrap();
    let text = s.text();
    assert!(text.contains("accepted #5"), "{text}");
    assert!(text.contains("program Korea AI chips"), "{text}");
    // The Programs tab lists it at once (with those that have no catalyst ahead, by
    // name: after the Japan extra budget), with LG as a member.
    s.play("2gjjjj").unwrap();
    let programs = s.text();
    assert!(programs.contains("Korea AI chips"), "{programs}");
    assert!(programs.contains("LG Electronics"), "{programs}");
    // Its country is the company's (accepted with the link), its origin the library's.
    assert!(
        programs.contains("announced · KR · not stated"),
        "{programs}"
    );
    assert!(programs.contains("from your library"), "{programs}");
    // Undo removes the program with the link.
    s.play("5u").unwrap();
    assert!(s.text().contains("#5 is back in the inbox"), "{}", s.text());
    s.play("2").unwrap();
    assert!(!s.text().contains("Korea AI chips"));
}

#[test]
fn reject_then_undo_puts_the_proposal_back() {
    let home = Home::with(&[KOREA]);
    let money = home.find("₩17T");
    let mut s = home.screen(80, 24);
    go(&mut s, money);
    s.play("r").unwrap();
    let text = s.text();
    assert!(
        text.contains(&format!("rejected #{money}; it will not be proposed again")),
        "{text}"
    );
    assert!(text.contains(&format!("✗ #{money}")), "{text}");
    assert!(text.contains("1 decided"));
    assert_eq!(home.status(money), "rejected");
    assert_snapshot!("inbox_rejected_80x24", text);
    // The cursor went on to the next proposal; `u` undoes the last decision.
    s.play("u").unwrap();
    assert!(s.text().contains(&format!("#{money} is back in the inbox")));
    assert!(s.text().contains(&format!("· #{money}")));
    assert_eq!(home.status(money), "pending");
    // Nothing left to undo.
    s.play("u").unwrap();
    assert!(
        s.text().contains("nothing to undo this session"),
        "{}",
        s.text()
    );
    // A rejected proposal cannot be accepted before it is undone.
    s.play("r<Up>a").unwrap();
    assert!(
        s.text().contains("is rejected; u undoes it"),
        "{}",
        s.text()
    );
}

#[test]
fn a_catalyst_date_is_made_less_precise_from_choices_the_proposal_gives() {
    let home = Home::with(&[KOREA]);
    let vote = home.find("Feb 2026: The National Assembly");
    let mut s = home.screen(80, 24);
    go(&mut s, vote);
    s.play("a").unwrap();
    let text = s.text();
    assert!(text.contains("1/2 date precision"), "{text}");
    assert!(text.contains("Feb 2026 · month (proposed)"));
    for wider in [
        "Q1 2026 · quarter",
        "H1 2026 · half",
        "early 2026 · year",
        "2026 · year",
    ] {
        assert!(text.contains(wider), "{wider}: {text}");
    }
    assert!(
        !text.contains("4 Feb"),
        "never more precise than the source"
    );
    assert_snapshot!("inbox_date_80x24", text);
    s.play("<Down><Enter>").unwrap();
    assert!(s.text().contains("date precision: Q1 2026"), "{}", s.text());
    // No program: the first option.
    s.play("<Enter>").unwrap();
    assert!(
        s.text().contains(&format!("accepted #{vote}")),
        "{}",
        s.text()
    );
    // The calendar shows it at the chosen precision.
    s.play("3g").unwrap();
    assert!(s.text().contains("Q1 2026"), "{}", s.text());
    // Esc walks the picker back a step, then closes it.
    s.play("5a<Enter><Esc>").unwrap();
    assert!(s.text().contains("1/2 date precision"), "{}", s.text());
    s.play("<Esc>").unwrap();
    assert!(s.text().contains("accept cancelled"));
    assert!(s.text().contains(" BROWSE "));
}

#[test]
fn what_changed_lists_the_session_new_catalysts_first() {
    let home = Home::with(&[KOREA, PACKAGING]);
    let mut s = home.screen(120, 40);
    s.play("5c").unwrap();
    assert!(
        s.text().contains("No changes since the start"),
        "{}",
        s.text()
    );
    // Accept a company and a catalyst within 90 days of today (21 Nov 2026).
    let amkor = home.find("Amkor Technology, Inc.");
    let h2 = home.find("H2 2026: The National Assembly");
    s.play("c").unwrap();
    go(&mut s, amkor);
    s.play("a").unwrap();
    go(&mut s, h2);
    s.play("a<Enter><Enter>").unwrap();
    s.play("c").unwrap();
    let text = s.text();
    assert!(text.contains("What changed since the start (2)"), "{text}");
    let catalyst = text.find("+ catalyst").unwrap();
    let entity = text.find("+ entity").unwrap();
    assert!(
        catalyst < entity,
        "new catalysts in the next 90 days first:\n{text}"
    );
    assert!(text.contains("≤90d"));
    assert_snapshot!("inbox_changes_120x40", masked(&text));
    s.play("<Resize 80x24>").unwrap();
    assert_snapshot!("inbox_changes_80x24", masked(&s.text()));
    // Enter on the company opens it in Explore, marked as the library's.
    s.play("j<Enter>").unwrap();
    assert!(s.text().contains("[1 Explore]"));
    assert!(s.text().contains("Amkor Technology"), "{}", s.text());
}

#[test]
fn a_damaged_store_is_reported_in_the_status_bar() {
    let home = Home::with(&[KOREA]);
    let mut s = home.screen(80, 24);
    // Another process wrecks the file while the TUI is open.
    std::fs::write(&home.path, b"this is not a database, it is a note").unwrap();
    let _ = std::fs::remove_file(home.path.with_extension("sqlite3-wal"));
    let _ = std::fs::remove_file(home.path.with_extension("sqlite3-shm"));
    s.play("5r").unwrap();
    let text = s.text();
    assert!(text.contains("the library is damaged"), "{text}");
    assert!(text.contains(" BROWSE "), "still running: {text}");
    // Left as it was.
    assert_eq!(
        std::fs::read(&home.path).unwrap(),
        b"this is not a database, it is a note"
    );
}

#[test]
fn the_inbox_is_drawn_whole_at_every_size() {
    let home = Home::with(&[KOREA]);
    // Two accepted companies, so what changed has rows; nothing below writes.
    {
        let mut lib = Library::open_existing(&home.path).unwrap().unwrap();
        for id in [1, 2] {
            lib.accept(id, &Default::default(), &dataset()).unwrap();
        }
    }
    for (w, h) in [(60, 15), (80, 24), (120, 40)] {
        for keys in ["5", "5<Down*3>a", "5<Down*3>a<Down*40><Enter>", "5c"] {
            let mut s = home.screen(w, h);
            s.play(keys).unwrap();
            let text = s.text();
            // The picker is a popup over the list: the boxes under it show their corners.
            let broken = if keys.contains('a') {
                super::cutoff::broken_boxes_under_popups(&text)
            } else {
                super::cutoff::broken_boxes(&text)
            };
            assert!(broken.is_empty(), "{w}x{h} {keys:?}: {broken:?}\n{text}");
            if (w, h) == (60, 15) {
                let name = format!("inbox_{}_60x15", keys.len());
                assert!(!text.contains("accepted #"), "{keys:?} wrote: {text}");
                assert_snapshot!(name, masked(&text));
            }
        }
    }
    let mut s = home.screen(80, 24);
    s.play("5").unwrap();
    assert_snapshot!("inbox_80x24", s.text());
}

#[test]
fn without_a_library_the_inbox_says_how_to_start_one() {
    let mut s = Headless::new(super::app(), 80, 24);
    s.play("5").unwrap();
    let text = s.text();
    assert!(text.contains("No library yet"), "{text}");
    s.play("a").unwrap();
    assert!(s.text().contains("nothing to accept"));
}

#[test]
fn the_binary_opens_the_inbox_on_the_users_library() {
    let home = Home::with(&[KOREA]);
    let state = tempfile::tempdir().unwrap();
    let out = home
        .binary(state.path())
        .args(["--remember", "--keys", "5r"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("rejected #1; it will not be proposed again"),
        "{text}"
    );
    assert_eq!(home.status(1), "rejected");
}

#[test]
fn a_busy_store_is_reported_in_the_status_bar_and_nothing_is_lost() {
    let home = Home::with(&[KOREA]);
    let mut s = home.screen(80, 24);
    // Another process holds the write lock longer than the TUI waits (two seconds).
    let other = rusqlite::Connection::open(&home.path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    s.play("5r").unwrap();
    let text = s.text();
    assert!(text.contains("locked"), "{text}");
    assert!(text.contains(" BROWSE "), "still running: {text}");
    assert_eq!(home.status(1), "pending", "nothing half-done");
    // Once the other writer is done, the same key works.
    other.execute_batch("COMMIT").unwrap();
    s.play("r").unwrap();
    assert!(s.text().contains("rejected #1"), "{}", s.text());
    assert_eq!(home.status(1), "rejected");
}

#[test]
fn a_plain_screen_shows_the_inbox_but_writes_only_with_remember() {
    let home = Home::with(&[KOREA]);
    let state = tempfile::tempdir().unwrap();
    let out = home
        .binary(state.path())
        .args(["--keys", "5r"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Inbox (14 to review)"), "{text}");
    assert!(
        text.contains("writes the library only with --remember"),
        "{text}"
    );
    assert_eq!(home.status(1), "pending");
}

/// The proposals as the Inbox lists them, in order.
fn listed(s: &Headless) -> Vec<aipx::library::inbox::Proposal> {
    let cx = s.app.context();
    s.app
        .tabs()
        .inbox
        .proposals(&cx)
        .into_iter()
        .cloned()
        .collect()
}

#[test]
fn the_inbox_sorts_by_each_key_and_filters_to_pending() {
    let home = Home::with(&[KOREA, PACKAGING]);
    let mut s = home.screen(120, 40);
    s.play("5").unwrap();
    // By date, newest article first; one article's proposals as they were saved.
    let rows = listed(&s);
    assert_eq!(rows.len(), 24);
    let keys: Vec<_> = rows
        .iter()
        .map(|p| (std::cmp::Reverse(p.as_of.clone()), p.id))
        .collect();
    assert!(keys.is_sorted(), "{keys:?}");
    assert!(
        rows[0].article.ends_with("01_wire_packaging.txt"),
        "{}",
        rows[0].article
    );
    assert!(
        s.text().contains("Inbox (24 to review) · c what changed"),
        "{}",
        s.text()
    );
    s.play("s").unwrap();
    assert!(s.text().contains("inbox: by article · all"), "{}", s.text());
    assert!(
        s.text().contains("Inbox (24 to review) by article · c"),
        "{}",
        s.text()
    );
    let by_article: Vec<_> = listed(&s)
        .iter()
        .map(|p| (p.article.clone(), p.line, p.id))
        .collect();
    assert!(by_article.is_sorted(), "{by_article:?}");
    assert!(by_article[0].0.ends_with("01_wire_packaging.txt"));
    s.play("s").unwrap();
    let kinds: Vec<String> = listed(&s).iter().map(|p| p.kind.clone()).collect();
    assert!(kinds.is_sorted(), "{kinds:?}");
    assert_eq!(kinds[0], "catalyst");
    // By ticker: proposals naming a company first, A to Z by its ticker.
    s.play("s").unwrap();
    assert!(s.text().contains("inbox: by ticker"), "{}", s.text());
    assert_snapshot!("inbox_by_ticker_120x40", s.text());
    s.play("s").unwrap();
    assert!(s.text().contains("inbox: by date"), "{}", s.text());
    // Reject the first; the pending-only filter hides it, the selection moves on.
    let first = listed(&s)[0].id;
    s.play("gr").unwrap();
    assert_eq!(home.status(first), "rejected");
    assert_eq!(
        listed(&s)[0].id,
        first,
        "decided this session, still listed"
    );
    s.play("F").unwrap();
    assert!(
        s.text().contains("inbox: by date · pending"),
        "{}",
        s.text()
    );
    assert!(
        s.text().contains("1 decided) · pending only · c"),
        "{}",
        s.text()
    );
    let pending = listed(&s);
    assert_eq!(pending.len(), 23);
    assert!(pending.iter().all(|p| p.status == "pending"));
    s.play("F").unwrap();
    assert_eq!(listed(&s).len(), 24);
    // In what changed, `s` and `F` say that list keeps its own order.
    s.play("cs").unwrap();
    assert!(
        s.text().contains("what changed keeps its order"),
        "{}",
        s.text()
    );
}

#[test]
fn clicks_select_proposals_and_y_copies_the_ticker_or_title_and_shift_y_the_record() {
    let home = Home::with(&[KOREA]);
    let mut s = home.screen(120, 40);
    s.play("5").unwrap();
    // A click on the row of NAVER's company proposal selects it.
    let (x, y) = s
        .text()
        .lines()
        .enumerate()
        .find_map(|(y, l)| l.find("NAVER Corporation (KRX").map(|_| (4, y as u16)))
        .expect("NAVER's row is on screen");
    s.play(&format!("<Click {x},{y}>")).unwrap();
    let naver = home.find("NAVER Corporation (KRX:035420)");
    assert_eq!(
        s.app.tabs().inbox.selected(&s.app.context()).map(|p| p.id),
        Some(naver)
    );
    assert!(
        s.text().contains(&format!("#{naver} entity · pending")),
        "{}",
        s.text()
    );
    // `y`: the company's ticker, as every tab copies one.
    let press = |s: &mut Headless, keys: &str| {
        for key in aipx::tui::screen::parse_keys(keys).unwrap() {
            aipx::tui::apply(&mut s.app, &key);
        }
        s.app.take_effects()
    };
    // NAVER is no company of the data until accepted: `y` copies the proposal's title.
    let copied = press(&mut s, "y");
    assert_eq!(
        copied,
        vec![aipx::tui::app::Effect::Copy(
            "NAVER Corporation (KRX:035420)".into()
        )]
    );
    // `Y`: the whole proposal as its pane shows it, one paragraph a line.
    let copied = press(&mut s, "Y");
    let [aipx::tui::app::Effect::Copy(text)] = &copied[..] else {
        panic!("{copied:?}");
    };
    assert!(
        text.starts_with(&format!("#{naver} entity · pending\n")),
        "{text}"
    );
    assert!(text.contains("06_korea_wire.txt, line"), "{text}");
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert_eq!(
        s.app.message(),
        Some(
            format!(
                "copied the proposal in full ({} lines, OSC 52)",
                text.lines().count()
            )
            .as_str()
        )
    );
    // A proposal naming a company of the data (Samsung): `y` copies its ticker.
    let samsung = home.find("Large companies such as Samsung");
    go(&mut s, samsung);
    let copied = press(&mut s, "y");
    assert_eq!(
        copied,
        vec![aipx::tui::app::Effect::Copy("KRX:005930".into())]
    );
    // What changed: after a decision, `Y` copies the selected change whole.
    let lg_link = home.find("KRX:066570 in jp-sovereign-ai");
    go(&mut s, lg_link);
    s.play("a<Enter><Enter><Enter>c").unwrap();
    assert!(
        s.text().contains("What changed since the start"),
        "{}",
        s.text()
    );
    let copied = press(&mut s, "Y");
    let [aipx::tui::app::Effect::Copy(text)] = &copied[..] else {
        panic!("{copied:?}");
    };
    assert!(!text.is_empty());
}
