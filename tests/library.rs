//! The library through the binary: `ingest --save`, `inbox`, `changes`, `library
//! export|import`, `check`, and a damaged store. Each test has its own `XDG_DATA_HOME`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

const WIRE: &str = "tests/fixtures/articles/01_wire_packaging.txt";
const ARTICLES: &str = "tests/fixtures/articles";

struct Home {
    dir: TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn store(&self) -> PathBuf {
        self.dir.path().join("aipx").join("library.sqlite3")
    }

    fn aipx(&self) -> Command {
        let mut cmd = Command::cargo_bin("aipx").unwrap();
        cmd.env("NO_COLOR", "1")
            .env("XDG_DATA_HOME", self.dir.path())
            .args(["--today", "2026-03-10"]);
        cmd
    }

    /// Runs `args` and wants a usage or data error: exit 2 with `message` on stderr.
    fn refuses(&self, args: &[&str], message: &str) {
        self.aipx()
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.aipx().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    fn inbox(&self) -> Vec<Value> {
        self.json(&["inbox", "--json"]).as_array().unwrap().clone()
    }

    /// The first pending proposal of `kind` whose text or record satisfies `pick`.
    fn find(&self, kind: &str, pick: impl Fn(&Value) -> bool) -> Value {
        self.inbox()
            .into_iter()
            .find(|p| p["kind"] == kind && pick(p))
            .unwrap_or_else(|| panic!("no {kind} proposal"))
    }

    /// Runs `args` and wants it to succeed.
    fn runs(&self, args: &[&str]) {
        self.aipx().args(args).assert().success();
    }

    /// Runs `args` and wants it to succeed, printing each of `texts` on stdout.
    fn prints(&self, args: &[&str], texts: &[&str]) {
        let out = self.aipx().args(args).assert().success();
        let said = String::from_utf8_lossy(&out.get_output().stdout);
        for text in texts {
            assert!(said.contains(text), "{args:?}: no {text:?} in {said}");
        }
    }

    /// Accepts `proposal` with `flags`, which must succeed.
    fn accepts(&self, proposal: &Value, flags: &[&str]) {
        self.runs(&accept(&id(proposal), flags));
    }

    fn save(&self, path: &str) {
        self.runs(&["ingest", "--save", path]);
    }
}

fn id(p: &Value) -> String {
    p["id"].as_i64().unwrap().to_string()
}

/// The arguments of `inbox accept N FLAGS...`.
fn accept<'a>(n: &'a str, flags: &[&'a str]) -> Vec<&'a str> {
    ["inbox", "accept", n]
        .into_iter()
        .chain(flags.iter().copied())
        .collect()
}

/// What links a company to a program as its supplier, in its favour.
const SUPPLIER: &[&str] = &["--role", "supplier", "--direction", "tailwind"];

/// What accepts money as METI's FY2026 public money.
const METI_PUBLIC: &[&str] = &["--program", "meti-fy2026", "--kind", "public"];

#[test]
fn save_stores_each_article_once_and_proposes_what_it_names() {
    let home = Home::new();
    home.prints(
        &["ingest", "--save", WIRE],
        &["saved tests/fixtures/articles/01_wire_packaging.txt (as of 2026-03-04, date line)"],
    );
    assert!(home.store().exists());
    let first = home.inbox();
    assert!(!first.is_empty());
    home.prints(
        &["ingest", "--save", WIRE],
        &[
            "already in the library",
            "0 article(s) saved, 1 already there",
        ],
    );
    assert_eq!(
        home.inbox().len(),
        first.len(),
        "a second save adds nothing"
    );
}

#[test]
fn inbox_json_has_the_documented_schema() {
    let home = Home::new();
    home.save(WIRE);
    let list = home.inbox();
    for p in &list {
        for key in [
            "id",
            "kind",
            "status",
            "article",
            "as_of",
            "as_of_source",
            "line",
            "text",
            "record",
        ] {
            assert!(p.get(key).is_some(), "proposal lacks {key}: {p}");
        }
        assert!(
            ["catalyst", "link", "money", "entity"].contains(&p["kind"].as_str().unwrap()),
            "{p}"
        );
        assert_eq!(p["article"], WIRE);
        assert_eq!(p["as_of"], "2026-03-04");
        assert_eq!(p["as_of_source"], "date line");
    }
    let asx = home.find("entity", |p| p["record"]["id"] == "NYSE:ASX");
    assert_eq!(asx["record"]["type"], "entity");
    assert_eq!(asx["record"]["listings"][0], "NYSE:ASX");
    assert_eq!(asx["line"], 19);
    let may = home.find("catalyst", |p| p["text"] == "early May");
    assert_eq!(may["record"]["date"], "early 2026-05");
    assert_eq!(may["line"], 11);
    let money = home.find("money", |p| {
        p["text"] == "up to 300 billion yen ($2 billion)"
    });
    assert_eq!(money["record"]["money"]["currency"], "JPY");
    // "the industry ministry plans to offer ... in subsidies": public money, said plainly.
    assert_eq!(money["record"]["kind"], "public");
}

#[test]
fn a_money_kind_the_sentence_gives_needs_no_flag_and_one_it_cannot_lists_the_kinds() {
    let home = Home::new();
    home.save(WIRE);
    let subsidy = home.find("money", |p| {
        p["text"] == "up to 300 billion yen ($2 billion)"
    });
    home.accepts(&subsidy, &["--program", "meti-fy2026"]);
    let programs = home.json(&["programs", "meti-fy2026", "--json"]);
    let line = programs["funding"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["label"] == "up to 300 billion yen ($2 billion)")
        .unwrap_or_else(|| panic!("no library line in {programs}"));
    assert_eq!(line["kind"], "public");

    // A sentence that says nothing of whose money it is: the reviewer chooses.
    home.aipx()
        .args(["ingest", "--save", "-"])
        .write_stdin("Date: 2026-03-05\n\nAcme Widgets (NASDAQ: ACMW) said the order is worth $40 million.\n")
        .assert()
        .success();
    let order = home.find("money", |p| p["text"] == "$40 million");
    assert_eq!(order["record"]["kind"], Value::Null);
    home.refuses(
        &["inbox", "accept", &id(&order), "--program", "meti-fy2026"],
        "choose a money kind with --kind (one of: public, private, target)",
    );
    home.refuses(
        &accept(&id(&order), &["--program", "meti-fy2026", "--kind", "gift"]),
        "unknown money kind \"gift\"; one of: public, private, target",
    );
}

#[test]
fn standard_input_is_saved_as_an_article() {
    let home = Home::new();
    let text = std::fs::read_to_string(WIRE).unwrap();
    home.aipx()
        .args(["ingest", "--save", "-"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(predicate::str::contains("saved <stdin> (as of 2026-03-04"));
    assert!(home.inbox().iter().all(|p| p["article"] == "<stdin>"));
}

#[test]
fn accepted_records_join_every_command_with_their_library_origin() {
    let home = Home::new();
    home.save(WIRE);
    let asx = home.find("entity", |p| p["record"]["id"] == "NYSE:ASX");
    home.prints(&["inbox", "accept", &id(&asx)], &["accepted #"]);
    let show = home.json(&["show", "ASX", "--json"]);
    assert_eq!(show["entity"]["origin"]["kind"], "library");
    assert_eq!(show["entity"]["origin"]["article"], WIRE);
    assert_eq!(show["entity"]["origin"]["line"], 19);
    assert_eq!(show["entity"]["origin"]["proposal"], asx["id"]);
    home.aipx()
        .args(["show", "ASX"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("[library {WIRE}:19]")));
    // Search finds it too, and it is gone from the inbox.
    home.prints(&["search", "ASE Technology"], &["ASX"]);
    assert!(home.inbox().iter().all(|p| p["id"] != asx["id"]));
}

#[test]
fn a_catalyst_accepted_with_a_fixed_date_shows_in_the_calendar() {
    let home = Home::new();
    home.save(WIRE);
    let may = home.find("catalyst", |p| p["text"] == "early May");
    home.accepts(&may, &["--date", "2026-05-08"]);
    let cal = home.json(&["calendar", "--json"]);
    let c = cal
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["origin"]["kind"] == "library")
        .expect("the accepted catalyst is in the calendar");
    assert_eq!(c["date"]["start"], "2026-05-08");
    assert_eq!(c["date"]["precision"], "day");
}

#[test]
fn a_link_needs_a_known_role_and_direction() {
    let home = Home::new();
    home.save("tests/fixtures/articles/06_korea_wire.txt");
    let link = home.find("link", |_| true);
    let n = id(&link);
    home.refuses(&["inbox", "accept", &n], "choose a role with --role");
    home.refuses(
        &accept(&n, &["--role", "boss", "--direction", "tailwind"]),
        "unknown role \"boss\"; one of: lead, member",
    );
    home.refuses(
        &accept(&n, &["--role", "supplier", "--direction", "sideways"]),
        "unknown direction",
    );
    home.refuses(
        &accept(&n, &[SUPPLIER, &["--program", "no-such-program"]].concat()),
        "unknown program \"no-such-program\"",
    );
    home.accepts(&link, SUPPLIER);
    // The company the link names was new: it was accepted with the link.
    let entity = link["record"]["entity"].as_str().unwrap().to_string();
    let symbol = entity.split(':').nth(1).unwrap();
    let show = home.json(&["show", &entity, "--json"]);
    assert_eq!(show["entity"]["listings"][0]["symbol"], symbol);
    let x = &show["exposures"][0];
    assert_eq!(x["role"], "supplier");
    assert_eq!(x["direction"], "tailwind");
    assert_eq!(x["origin"]["kind"], "library");
}

#[test]
fn bad_and_unknown_ids_and_misplaced_flags_are_refused() {
    let home = Home::new();
    home.aipx()
        .args(["inbox", "accept", "1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no library yet"));
    home.save(WIRE);
    home.aipx()
        .args(["inbox", "accept", "99999"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no proposal 99999"));
    home.refuses(
        &["inbox", "reject", "abc"],
        "\"abc\" is not a proposal number",
    );
    home.aipx().args(["inbox", "undo", "-3"]).assert().code(2);
    let asx = home.find("entity", |p| p["record"]["id"] == "NYSE:ASX");
    home.refuses(
        &["inbox", "accept", &id(&asx), "--role", "lead"],
        "--role does not apply to entity proposals",
    );
    let money = home.find("money", |_| true);
    home.accepts(&money, METI_PUBLIC);
    home.refuses(&accept(&id(&money), &[]), "already accepted");
    let cat = home.find("catalyst", |_| true);
    home.refuses(
        &["inbox", "accept", &id(&cat), "--date", "2026-13"],
        "invalid date",
    );
}

#[test]
fn rejections_are_remembered_across_saves_and_undo_brings_them_back() {
    let home = Home::new();
    home.save(WIRE);
    let may = home.find("catalyst", |p| p["text"] == "early May");
    home.runs(&["inbox", "reject", &id(&may)]);
    // The same article with a line more is another article (another hash) with the same
    // finding: the rejected proposal does not come back.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.txt");
    let text = std::fs::read_to_string(WIRE).unwrap();
    std::fs::write(&copy, format!("{text}\nA line added by the trader.\n")).unwrap();
    home.save(copy.to_str().unwrap());
    assert!(
        !home
            .inbox()
            .iter()
            .any(|p| p["record"]["date"] == "early 2026-05"),
        "a rejected proposal came back"
    );
    let all = home.json(&["inbox", "--all", "--json"]);
    let rejected = all
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == may["id"])
        .unwrap();
    assert_eq!(rejected["status"], "rejected");
    home.runs(&["inbox", "undo", &id(&may)]);
    assert!(home.inbox().iter().any(|p| p["id"] == may["id"]));
}

#[test]
fn undo_of_an_accept_removes_the_record_and_changes_say_so() {
    let home = Home::new();
    home.save(WIRE);
    let asx = home.find("entity", |p| p["record"]["id"] == "NYSE:ASX");
    home.accepts(&asx, &[]);
    let origin = |home: &Home| {
        home.json(&["show", "NYSE:ASX", "--json"])["entity"]["origin"]["kind"].clone()
    };
    assert_eq!(origin(&home), "library");
    home.runs(&["inbox", "undo", &id(&asx)]);
    // The record is gone; the shipped universe still knows the company, with no source.
    assert_eq!(origin(&home), "master");
    let changes = home.json(&["changes", "--since", "2000-01-01", "--json"]);
    let kinds: Vec<&str> = changes["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["change"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.iter().filter(|k| **k == "added").count(), 1);
    assert_eq!(kinds.iter().filter(|k| **k == "removed").count(), 1);
}

#[test]
fn changes_list_new_catalysts_of_the_next_90_days_first_then_by_ticker() {
    let home = Home::new();
    home.save(WIRE);
    let asx = home.find("entity", |p| p["record"]["id"] == "NYSE:ASX");
    let may = home.find("catalyst", |p| p["text"] == "early May");
    home.accepts(&asx, &[]);
    home.accepts(&may, &[]);
    let v = home.json(&["changes", "--since", "2000-01-01", "--json"]);
    assert_eq!(v["since"], "2000-01-01");
    let list = v["changes"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["kind"], "catalyst");
    assert_eq!(
        list[0]["soon"], true,
        "early May is within 90 days of 10 March"
    );
    assert_eq!(list[1]["tickers"][0], "ASX");
    for key in [
        "at", "change", "kind", "key", "entities", "title", "date", "tickers",
    ] {
        assert!(list[0].get(key).is_some(), "change lacks {key}");
    }
    home.prints(
        &["changes", "--since", "2000-01-01"],
        &["New catalysts in the next 90 days", "ASX\n  + entity"],
    );
    // A day after everything: nothing.
    home.prints(
        &["changes", "--since", "2999-01-01"],
        &["no changes since 2999-01-01"],
    );
    home.aipx()
        .args(["changes", "--since", "yesterday"])
        .assert()
        .code(2);
}

#[test]
fn export_writes_a_folder_check_accepts_and_import_brings_it_back() {
    let home = Home::new();
    home.save(WIRE);
    let asx = home.find("entity", |p| p["record"]["id"] == "NYSE:ASX");
    let money = home.find("money", |p| {
        p["text"] == "up to 300 billion yen ($2 billion)"
    });
    let may = home.find("catalyst", |p| p["text"] == "early May");
    home.accepts(&asx, &[]);
    home.accepts(&money, METI_PUBLIC);
    home.accepts(&may, &[]);
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("mine");
    let dir_s = dir.to_str().unwrap();
    home.runs(&["library", "export", dir_s]);
    // The folder is a dataset of its own, without any library.
    let bare = Home::new();
    bare.prints(&["check", "--data", dir_s], &["12 catalysts"]);
    let shown = bare.json(&["--data", dir_s, "show", "ASX", "--json"]);
    assert_eq!(shown["entity"]["name"], "ASE Technology Holding Co. Ltd.");
    // Imported into an empty library, the same records come back.
    let other = Home::new();
    other.prints(&["library", "import", dir_s], &["4 added"]);
    other.prints(
        &["library", "import", dir_s],
        &["0 added, 0 changed, 4 already there"],
    );
    let a = home.json(&["programs", "meti-fy2026", "--json"]);
    let b = other.json(&["programs", "meti-fy2026", "--json"]);
    assert_eq!(
        a["funding"].as_array().unwrap().len(),
        b["funding"].as_array().unwrap().len()
    );
    let imported = other.json(&["show", "ASX", "--json"]);
    assert_eq!(imported["entity"]["origin"]["kind"], "library");
    assert_eq!(
        imported["entity"]["origin"]["article"],
        format!("import {dir_s}")
    );
    // The exporting library checks clean against its own export.
    home.runs(&["check", "--data", dir_s]);
}

#[test]
fn import_of_an_invalid_folder_writes_nothing() {
    let home = Home::new();
    let dir = tempfile::tempdir().unwrap();
    home.refuses(
        &["library", "import", dir.path().to_str().unwrap()],
        "error(s) in the dataset",
    );
    assert!(!home.store().exists());
}

fn write_garbage(path: &Path) -> Vec<u8> {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let bytes = b"this is not a database, but someone's notes\n".repeat(200);
    std::fs::write(path, &bytes).unwrap();
    bytes
}

#[test]
fn a_damaged_store_is_reported_with_its_path_and_never_replaced() {
    let home = Home::new();
    let bytes = write_garbage(&home.store());
    let path = home.store().display().to_string();
    for args in [
        vec!["inbox"],
        vec!["show", "NVDA"],
        vec!["ingest", "--save", WIRE],
        vec!["check"],
        vec!["changes"],
    ] {
        let out = home.aipx().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            said.contains(&format!("{path}: the library is damaged")),
            "{args:?}: {said}"
        );
    }
    home.aipx()
        .args(["inbox"])
        .assert()
        .stderr(predicate::str::contains(format!(
            "{path}: the library is damaged"
        )));
    assert_eq!(
        std::fs::read(home.store()).unwrap(),
        bytes,
        "the file was changed"
    );
}

#[test]
fn a_store_from_a_newer_aipx_or_another_program_is_refused() {
    let home = Home::new();
    home.save(WIRE);
    {
        let conn = rusqlite::Connection::open(home.store()).unwrap();
        conn.execute("UPDATE schema_version SET version = 99", [])
            .unwrap();
    }
    home.refuses(&["inbox"], "schema version 99 is newer");
    let other = Home::new();
    std::fs::create_dir_all(other.store().parent().unwrap()).unwrap();
    {
        let conn = rusqlite::Connection::open(other.store()).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT);")
            .unwrap();
    }
    other
        .aipx()
        .args(["inbox"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an aipx library"));
}

#[test]
fn check_validates_the_library_with_the_dataset() {
    let home = Home::new();
    home.save(WIRE);
    let asx = home.find("entity", |p| p["record"]["id"] == "NYSE:ASX");
    home.accepts(&asx, &[]);
    home.prints(&["check"], &["1 articles"]);
    // A record naming a program the dataset lacks is reported, with the store's path.
    {
        let conn = rusqlite::Connection::open(home.store()).unwrap();
        conn.execute(
            "INSERT INTO records (key, record, article, line, added_at) VALUES (?1, ?2, 'x', 1, 'now')",
            [
                "exposure:NYSE:ASX>gone",
                r#"{"type":"exposure","entity":"NYSE:ASX","program":"gone","role":"lead","direction":"mixed","note":"n","sources":["lib-x"]}"#,
            ],
        )
        .unwrap();
    }
    let path = home.store().display().to_string();
    home.aipx()
        .args(["check"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(format!(
            "{path}: exposure:NYSE:ASX>gone: unknown program \"gone\"; left out"
        )));
    let v: Value = serde_json::from_slice(
        &home
            .aipx()
            .args(["check", "--json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["library"]["errors"].as_array().unwrap().len(), 1);
    // Other commands still run, saying what was left out.
    home.aipx()
        .args(["show", "ASX"])
        .assert()
        .success()
        .stderr(predicate::str::contains("1 library record(s) left out"));
}

#[test]
fn saving_a_folder_reports_skipped_files_and_a_missing_path_saves_nothing() {
    let home = Home::new();
    home.refuses(
        &["ingest", "--save", "no/such/folder"],
        "no/such/folder: no such file or folder",
    );
    assert!(!home.store().exists(), "nothing written for a bad path");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "%PDF-1.7 binary").unwrap();
    std::fs::copy(WIRE, dir.path().join("b.txt")).unwrap();
    home.aipx()
        .args(["ingest", "--save", "--json", dir.path().to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::contains("a.txt: skipped: a PDF file"))
        .stdout(predicate::str::contains("\"saved\": 1"));
    home.save(ARTICLES);
}

#[test]
fn changes_since_last_count_from_when_the_tui_was_last_opened() {
    let home = Home::new();
    home.save(WIRE);
    let asx = home.find("entity", |p| p["record"]["id"] == "NYSE:ASX");
    let may = home.find("catalyst", |p| p["text"] == "early May");
    home.accepts(&asx, &[]);
    // Never opened: everything.
    let v = home.json(&["changes", "--json"]);
    assert_eq!(v["since"], Value::Null);
    assert_eq!(v["changes"].as_array().unwrap().len(), 1);
    // Times are kept to the second: the TUI opens a second after the first accept.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let mut lib = aipx::library::Library::open_existing(&home.store())
        .unwrap()
        .unwrap();
    assert_eq!(lib.mark_opened().unwrap(), None);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    home.accepts(&may, &[]);
    let v = home.json(&["changes", "--since-last", "--json"]);
    let list = v["changes"].as_array().unwrap();
    assert_eq!(list.len(), 1, "{v}");
    assert_eq!(list[0]["kind"], "catalyst");
}

#[test]
fn a_program_is_created_from_the_inbox_and_undo_removes_it() {
    let home = Home::new();
    home.save("tests/fixtures/articles/06_korea_wire.txt");
    let money = home.find("money", |p| p["text"] == "17 trillion won");
    let n = id(&money);
    // Not for a catalyst or a company, not with --program, not a name the data has.
    let catalyst = id(&home.find("catalyst", |_| true));
    home.refuses(
        &["inbox", "accept", &catalyst, "--new-program", "X"],
        "--new-program does not apply to catalyst proposals",
    );
    home.refuses(
        &accept(&n, &["--kind", "public", "--new-program", "US CHIPS Act"]),
        "program \"US CHIPS Act\" exists already: use --program us-chips-act",
    );
    home.aipx()
        .args(["inbox", "accept", &n, "--kind", "public"])
        .args(["--new-program", "Korea chip support"])
        .assert()
        .success()
        .stdout(predicate::str::contains("accepted #"))
        .stdout(predicate::str::contains("program Korea chip support"));
    let program = home.json(&["programs", "lib-korea-chip-support", "--json"]);
    assert_eq!(program["name"], "Korea chip support");
    assert_eq!(program["country"], "KR", "from the won");
    assert_eq!(program["origin"]["kind"], "library");
    assert_eq!(program["funding"][0]["label"], "17 trillion won");
    // It exports as files `check` accepts.
    let out = home.dir.path().join("export");
    home.runs(&["library", "export", out.to_str().unwrap()]);
    home.runs(&["check", "--data", out.to_str().unwrap()]);
    home.runs(&["inbox", "undo", &n]);
    home.aipx()
        .args(["programs", "lib-korea-chip-support"])
        .assert()
        .code(1);
}

/// The cached search catalog of `--data DIR` is keyed by the library's records too: used
/// while they stay the same, rebuilt when they change.
#[test]
fn search_with_data_uses_the_cached_catalog_until_the_library_changes() {
    let home = Home::new();
    let data = tempfile::tempdir().unwrap();
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for name in aipx::data::FILE_NAMES {
        std::fs::copy(seeds.join(name), data.path().join(name)).unwrap();
    }
    let cache = tempfile::tempdir().unwrap();
    let search = |query: &str| -> Value {
        let out = home
            .aipx()
            .env("AIPX_CACHE", "on")
            .env("XDG_CACHE_HOME", cache.path())
            .args([
                "--data",
                data.path().to_str().unwrap(),
                "search",
                query,
                "--json",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // The catalog file: its inode changes whenever it is written again (temp + rename).
    let catalog = || -> u64 {
        use std::os::unix::fs::MetadataExt;
        let file = std::fs::read_dir(cache.path().join("aipx"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().contains(".catalog."))
            .expect("a cached catalog");
        std::fs::metadata(file).unwrap().ino()
    };
    // A catalyst only the article gives (the shipped universe already knows its companies).
    const QUERY: &str = "open applications";
    home.save(WIRE);
    let meti = home.find("catalyst", |p| {
        p["record"]["title"].as_str().unwrap().contains(QUERY)
    });
    let names_meti = |v: &Value| {
        v.to_string()
            .contains(meti["record"]["id"].as_str().unwrap())
    };
    assert!(!names_meti(&search(QUERY)), "not accepted yet");
    let first = catalog();
    assert_eq!(catalog(), first);
    search(QUERY);
    assert_eq!(catalog(), first, "same library: the cached catalog is used");

    home.accepts(&meti, &[]);
    let found = search(QUERY);
    assert!(
        names_meti(&found),
        "the accepted catalyst is found: {found}"
    );
    let second = catalog();
    assert_ne!(second, first, "a changed library rebuilds the catalog");
    assert!(names_meti(&search(QUERY)));
    assert_eq!(catalog(), second, "and the new one is used after");

    home.runs(&["inbox", "undo", &id(&meti)]);
    assert!(!names_meti(&search(QUERY)), "undone: gone again");
    assert_ne!(catalog(), second);
}
