//! The command line as a user runs it: every subcommand, its JSON schema and its error paths.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const TODAY: &str = "2026-11-21";

fn aipx() -> Command {
    let mut cmd = Command::cargo_bin("aipx").unwrap();
    cmd.args(["--today", TODAY]);
    cmd
}

fn json(args: &[&str]) -> Value {
    let out = aipx().args(args).arg("--json").assert().success();
    serde_json::from_slice(&out.get_output().stdout).expect("valid JSON")
}

/// What `aipx ARGS` prints; it must succeed.
fn stdout(args: &[&str]) -> String {
    let out = aipx().args(args).assert().success();
    String::from_utf8_lossy(&out.get_output().stdout).into_owned()
}

/// What `aipx ARGS` says on stderr; it must exit 1 (nothing found) and print nothing on
/// stdout.
fn not_found(args: &[&str]) -> String {
    let out = aipx().args(args).assert().code(1);
    assert!(
        out.get_output().stdout.is_empty(),
        "{args:?} printed on stdout"
    );
    String::from_utf8_lossy(&out.get_output().stderr).into_owned()
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// A copy of the curated dataset in a temporary folder, to break on purpose.
fn dataset_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in aipx::data::FILE_NAMES {
        std::fs::copy(seeds().join(name), dir.path().join(name)).unwrap();
    }
    dir
}

/// Appends `extra` to `file` in `dir`; returns the 1-based line number `extra` starts on.
fn append(dir: &Path, file: &str, extra: &str) -> usize {
    let path = dir.join(file);
    let mut text = std::fs::read_to_string(&path).unwrap();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let line = text.lines().count() + 1;
    text.push_str(extra);
    std::fs::write(&path, text).unwrap();
    line
}

/// An exposure of `entity` to the Genesis Mission in the data files' shape: `basis` on its
/// fifth line, `direction` on its sixth.
fn exposure(entity: &str, basis: &str, direction: &str) -> String {
    format!(
        "[[exposure]]\nentity = \"{entity}\"\nprogram = \"genesis-mission\"\nrole = \"member\"\n\
         basis = \"{basis}\"\ndirection = \"{direction}\"\nnote = \"x\"\nsources = [\"genesis-japan\"]\n"
    )
}

/// Wants a line of `out` starting with `at` (`file:line:`, perhaps with a column) that
/// says `what`.
fn assert_error_at(out: &str, at: &str, what: &str) {
    let found = out.lines().any(|l| l.starts_with(at) && l.contains(what));
    assert!(found, "want `{at}...{what}` in:\n{out}");
}

fn check_fails(dir: &Path) -> String {
    let out = aipx().args(["check", "--data"]).arg(dir).assert().code(2);
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn show_json_has_the_documented_shape() {
    let v = json(&["show", "NVDA"]);
    assert_eq!(v["entity"]["symbol"], "NVDA");
    assert_eq!(v["entity"]["exchange"], "NASDAQ");
    assert_eq!(v["entity"]["name"], "NVIDIA Corporation");
    assert_eq!(v["entity"]["listed"], true);
    let exposures = v["exposures"].as_array().unwrap();
    assert!(!exposures.is_empty());
    for x in exposures {
        for key in ["program", "role", "direction", "funding"] {
            assert!(x.get(key).is_some(), "exposure lacks {key}: {x}");
        }
        for f in x["funding"].as_array().unwrap() {
            let m = &f["money"];
            assert!(m["currency"].is_string() && m["amount"].is_number());
            assert!(
                m.get("usd").is_some(),
                "usd must be present, null when unstated"
            );
        }
    }
    for c in v["catalysts"].as_array().unwrap() {
        let d = &c["date"];
        for key in ["start", "end", "precision", "label"] {
            assert!(d[key].is_string(), "date lacks {key}: {d}");
        }
        let precision = d["precision"].as_str().unwrap();
        assert!(
            ["day", "month", "quarter", "half", "year", "fiscal_year"].contains(&precision),
            "{precision}"
        );
    }
}

#[test]
fn show_json_dates_carry_part_and_iso_range() {
    let v = json(&["show", "MSFT"]);
    let june = v["catalysts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "genesis-japan-signing")
        .expect("Genesis June meeting");
    assert_eq!(june["date"]["start"], "2026-06-01");
    assert_eq!(june["date"]["end"], "2026-06-10");
    assert_eq!(june["date"]["precision"], "month");
    assert_eq!(june["date"]["part"], "early");
    assert_eq!(june["date"]["label"], "early Jun 2026");
    assert_eq!(june["status"], "past");
}

#[test]
fn every_typed_form_resolves_to_the_same_entity() {
    for form in [
        "9984",
        "9984.T",
        "TSE:9984",
        "TYO:9984",
        "tyo: 9984",
        "9984 JT",
        "softbank",
        "SoftBank Group",
        "SoftBank Group Corp.",
        "ソフトバンクグループ",
    ] {
        let v = json(&["show", form]);
        assert_eq!(v["entity"]["id"], "9984.T", "form {form:?}");
    }
    for form in ["TSMC", "tsm", "2330", "TWSE:2330", "2330.TW", "NYSE:TSM"] {
        let v = json(&["show", form]);
        assert_eq!(v["entity"]["id"], "TSM", "form {form:?}");
    }
}

#[test]
fn unlisted_bodies_show_with_null_symbol() {
    let v = json(&["show", "Rapidus"]);
    assert_eq!(v["entity"]["listed"], false);
    assert!(v["entity"]["symbol"].is_null());
    let stdout = stdout(&["show", "rapidus"]);
    assert!(stdout.contains("unlisted"), "{stdout}");
    assert!(stdout.contains("¥150B"), "Rapidus' METI line: {stdout}");
}

#[test]
fn unknown_ticker_exits_1_with_suggestions() {
    let err = not_found(&["show", "NVDAA"]);
    assert!(err.contains("unknown ticker"), "{err}");
    assert!(err.contains("NASDAQ:NVDA"), "suggests NVDA: {err}");

    let err = not_found(&["show", "qqqqqqqqqq"]);
    assert!(err.contains("no close matches"), "{err}");
}

/// The entity `show` resolves `typed` to, by its id.
fn shown_id(typed: &str) -> String {
    let v = json(&["show", typed]);
    v["entity"]["id"].as_str().unwrap_or_default().to_string()
}

#[test]
fn show_and_calendar_resolve_every_form_a_trader_types() {
    for (typed, id) in [
        // Legal-form and punctuation variants.
        ("SoftBank Group Corporation", "9984.T"),
        ("softbank group corp", "9984.T"),
        ("NVIDIA Corp", "NVDA"),
        ("Fujitsu Ltd", "6702.T"),
        ("Shin Etsu", "4063.T"),
        ("ＮＶＩＤＩＡ", "NVDA"),
        // Reuters codes.
        ("NVDA.O", "NVDA"),
        ("MSFT.OQ", "MSFT"),
        ("2330.TW", "TSM"),
        ("9984.T", "9984.T"),
        // Bloomberg codes.
        ("NVDA US", "NVDA"),
        ("9984 JT", "9984.T"),
        ("2330 TT", "TSM"),
        ("MSFT UW", "MSFT"),
        ("IBM UN", "IBM"),
        // Exchange prefixes and the unique start of a name.
        ("TYO:9984", "9984.T"),
        ("Tokyo Elec", "8035.T"),
    ] {
        assert_eq!(shown_id(typed), id, "show {typed:?}");
        let out = aipx()
            .args(["calendar", "--json", "--ticker", typed])
            .assert()
            .success();
        let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        assert!(v.is_array(), "calendar --ticker {typed:?}");
    }
}

#[test]
fn an_ambiguous_name_lists_its_candidates_and_exits_1() {
    let err = not_found(&["show", "Ministry of"]);
    assert!(err.contains("names 2 entities"), "{err}");
    assert!(err.contains("meti (Ministry of Economy"), "{err}");
    assert!(err.contains("mext (Ministry of Education"), "{err}");
}

#[test]
fn did_you_mean_ranks_by_similarity_and_says_when_nothing_is_close() {
    let err = not_found(&["show", "Samsnug"]);
    let first = err.lines().nth(1).unwrap_or_default();
    assert!(first.contains("KRX:005930"), "closest first: {err}");

    // Nothing aipx knows is like ZQXJ: no unrelated suggestion (AAPL used to get TSM; it is
    // the shipped universe's Apple now).
    let err = not_found(&["show", "ZQXJ"]);
    assert!(err.contains("no close matches"), "{err}");
    assert!(!err.contains("TSM"), "{err}");
}

#[test]
fn programs_resolve_by_name_and_unique_prefix() {
    for typed in [
        "genesis",
        "Genesis Mission",
        "GENESIS-MISSION",
        "us genesis",
    ] {
        let v = json(&["programs", typed]);
        assert_eq!(v["id"], "genesis-mission", "programs {typed:?}");
    }
    assert_eq!(json(&["programs", "sovereign"])["id"], "jp-sovereign-ai");
    let err = not_found(&["programs", "jp"]);
    assert!(err.contains("names 3 programs"), "{err}");
    assert!(err.contains("jp-sovereign-ai"), "{err}");
    // A company in any form a trader types is no program: its programs are listed instead
    // of every program.
    for typed in ["NVIDIA Corp", "NVDA.O", "NVDA US"] {
        let err = not_found(&["programs", typed]);
        assert!(
            err.contains("is no program but NVDA (NVIDIA Corporation)"),
            "{err}"
        );
        assert!(err.contains("genesis-mission"), "{err}");
        assert!(
            !err.contains("us-chips-act"),
            "only its own programs: {err}"
        );
    }
    let err = not_found(&["programs", "AAPL"]);
    assert!(
        err.contains("unknown program \"AAPL\"; known programs"),
        "{err}"
    );
}

#[test]
fn search_finds_catalysts_by_the_dates_they_name() {
    let titles = |query: &str| -> Vec<String> {
        json(&["search", query])
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["kind"] == "catalyst")
            .map(|h| h["name"].as_str().unwrap().to_string())
            .collect()
    };
    let june = "Japanese ministries formalise Genesis partnership in Washington";
    for query in ["june", "jun 2026", "early june", "Genesis June", "2026-06"] {
        assert_eq!(
            titles(query).first().map(String::as_str),
            Some(june),
            "{query}"
        );
    }
    let in_2027 = titles("2027");
    assert!(
        in_2027.iter().any(|t| t.starts_with("Humanoid robots")),
        "{in_2027:?}"
    );
    assert!(in_2027.iter().all(|t| t != june), "{in_2027:?}");
    let fy = titles("fy2026");
    assert!(
        fy.iter()
            .any(|t| t == "Five-year sovereign AI funding begins"),
        "{fy:?}"
    );
    // Early June is not late June; a window overlapping late June (a fiscal year) may be.
    let late_june = titles("late june");
    assert!(!late_june.iter().any(|t| t == june), "{late_june:?}");
    assert!(
        late_june
            .iter()
            .any(|t| t == "Five-year sovereign AI funding begins"),
        "{late_june:?}"
    );
}

#[test]
fn a_symbol_query_lists_its_entity_first_then_only_strong_matches() {
    let v = json(&["search", "TSM"]);
    let hits = v.as_array().unwrap();
    assert_eq!(hits[0]["id"], "TSM");
    assert_eq!(hits[0]["exact"], true);
    let names: Vec<&str> = hits.iter().map(|h| h["name"].as_str().unwrap()).collect();
    for noise in ["Fujitsu Limited", "Shin-Etsu Chemical Co., Ltd.", "imec"] {
        assert!(!names.contains(&noise), "{names:?}");
    }
    assert!(names.contains(&"TSMC Kumamoto fab"), "{names:?}");
}

#[test]
fn search_folds_case_accents_and_widths_on_both_sides() {
    for query in ["ｓｏｆｔｂａｎｋ", "SÖFTBANK", "ソフトバンク"] {
        let v = json(&["search", query]);
        assert_eq!(v[0]["id"], "9984.T", "{query}");
    }
}

#[test]
fn hostile_ticker_text_is_not_echoed_raw() {
    let out = aipx()
        .args(["show", "\u{1b}]0;pwned\u{7}X"])
        .assert()
        .code(1);
    let err = out.get_output().stderr.clone();
    assert!(!err.contains(&0x1b), "escape byte reached the terminal");
}

#[test]
fn search_ranks_exact_names_first_with_positions() {
    let v = json(&["search", "softbank"]);
    let first = &v[0];
    assert_eq!(first["kind"], "entity");
    assert_eq!(first["id"], "9984.T");
    assert_eq!(first["exact"], true);
    assert_eq!(
        first["positions"],
        serde_json::json!([0, 1, 2, 3, 4, 5, 6, 7])
    );

    let v = json(&["search", "nvda"]);
    assert_eq!(v[0]["symbol"], "NVDA");

    let v = json(&["search", "genesis", "--limit", "3"]);
    let hits = v.as_array().unwrap();
    assert!(hits.len() <= 3);
    assert!(
        hits.iter()
            .any(|h| h["kind"] == "program" && h["id"] == "genesis-mission")
    );
}

#[test]
fn search_text_reports_no_matches() {
    aipx()
        .args(["search", "zzzzzzzzqqqq"])
        .assert()
        .success()
        .stdout("no matches\n");
}

#[test]
fn programs_keep_nested_allocations() {
    let v = json(&["programs", "meti-fy2026"]);
    let lines = v["funding"].as_array().unwrap();
    let line = |id: &str| lines.iter().find(|l| l["id"] == id).unwrap().clone();
    assert_eq!(line("total")["depth"], 0);
    assert_eq!(line("chips-ai")["parent"], "total");
    assert_eq!(line("chips-ai")["money"]["usd"], 7.9e9);
    assert_eq!(line("rapidus")["parent"], "chips-ai");
    assert_eq!(line("rapidus")["depth"], 2);
    assert_eq!(line("rapidus")["money"]["amount"], 150e9);

    let all = json(&["programs"]);
    assert!(all.as_array().unwrap().len() >= 5);

    let stdout = stdout(&["programs"]);
    assert!(stdout.contains("¥1.23T ($7.9B)"), "{stdout}");
}

#[test]
fn unknown_program_exits_1() {
    let err = not_found(&["programs", "nope"]);
    assert!(
        err.contains("genesis-mission"),
        "lists known programs: {err}"
    );
}

#[test]
fn calendar_is_sorted_and_filters_by_ticker_and_range() {
    let all = json(&["calendar"]);
    let starts: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["date"]["start"].as_str().unwrap())
        .collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
    let ids: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    for id in [
        "genesis-japan-signing",
        "meti-fy2026-start",
        "rapidus-2nm-volume",
    ] {
        assert!(ids.contains(&id), "{id} missing");
    }

    let tsm = json(&["calendar", "--ticker", "TSM"]);
    assert!(
        tsm.as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "rapidus-2nm-volume")
    );
    assert!(
        !tsm.as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "genesis-launch")
    );

    let window = json(&["calendar", "--from", "2026-05-01", "--to", "2026-06-30"]);
    for c in window.as_array().unwrap() {
        assert!(c["date"]["end"].as_str().unwrap() >= "2026-05-01");
        assert!(c["date"]["start"].as_str().unwrap() <= "2026-06-30");
    }
    assert!(
        window
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "genesis-japan-signing")
    );
    assert!(
        !window
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "rapidus-2nm-volume")
    );
}

#[test]
fn calendar_text_marks_today_and_past() {
    let text = stdout(&["calendar"]);
    assert!(text.contains("today 2026-11-21"), "{text}");
    assert!(text.contains("early Jun 2026"), "{text}");
    assert!(text.contains("past"), "{text}");
    assert!(text.contains("JP FY2026"), "{text}");
}

#[test]
fn calendar_ics_parses_back_as_rfc5545() {
    let out = aipx().args(["calendar", "--ics"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    let calendar: icalendar::Calendar = text.parse().expect("parses as iCalendar");
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .collect();
    let expected = json(&["calendar"]).as_array().unwrap().len();
    assert_eq!(events.len(), expected);
    use icalendar::Component;
    let june = events
        .iter()
        .find(|e| {
            e.get_summary()
                .is_some_and(|s| s.starts_with("Japanese ministries formalise Genesis"))
        })
        .expect("June meeting event");
    let start = june.get_start().expect("DTSTART");
    assert_eq!(
        start,
        icalendar::DatePerhapsTime::Date(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap())
    );
    let end = june.get_end().expect("DTEND");
    assert_eq!(
        end,
        icalendar::DatePerhapsTime::Date(chrono::NaiveDate::from_ymd_opt(2026, 6, 11).unwrap())
    );
}

#[test]
fn calendar_csv_has_a_header_and_one_row_per_catalyst() {
    let out = aipx()
        .args(["calendar", "--csv", "--ticker", "9984"])
        .assert()
        .success();
    let mut reader = csv::Reader::from_reader(out.get_output().stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    assert!(headers.iter().any(|h| h == "precision"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let expected = json(&["calendar", "--ticker", "9984"])
        .as_array()
        .unwrap()
        .len();
    assert_eq!(rows.len(), expected);
    assert!(rows.iter().all(|r| r.len() == headers.len()));
}

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

fn row<'a>(v: &'a Value, id: &str) -> &'a Value {
    v.as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("{id} missing from {v}"))
}

#[test]
fn calendar_ticker_says_whether_each_row_is_direct_or_via_a_program() {
    let v = json(&["calendar", "--ticker", "9984"]);
    // Names SoftBank itself.
    assert_eq!(
        row(&v, "sovereign-ai-funding-start")["link"],
        serde_json::json!({"kind": "direct"})
    );
    // Names only the government; on SoftBank's calendar through the program.
    assert_eq!(
        row(&v, "ai-basic-plan-adopted")["link"],
        serde_json::json!({"kind": "program", "program": "jp-sovereign-ai"})
    );
    for c in v.as_array().unwrap() {
        assert!(c["link"].is_object(), "every row says why: {c}");
    }
    // Without --ticker there is nothing to link to.
    let all = json(&["calendar"]);
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .all(|c| c.get("link").is_none())
    );

    let out = aipx()
        .args(["calendar", "--csv", "--ticker", "9984"])
        .assert()
        .success();
    let mut reader = csv::Reader::from_reader(out.get_output().stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (id, link) = (at("id"), at("link"));
    let links: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[id].to_string(), r[link].to_string())
        })
        .collect();
    assert!(links.contains(&("ai-basic-plan-adopted".into(), "via jp-sovereign-ai".into())));
    assert!(links.contains(&("sovereign-ai-funding-start".into(), "direct".into())));

    let out = aipx()
        .args(["calendar", "--ticker", "9984"])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let basic_plan = text
        .lines()
        .find(|l| l.contains("National AI Basic Plan"))
        .unwrap();
    assert!(basic_plan.contains("via jp-sovereign-ai"), "{text}");
    assert!(
        basic_plan.contains("[jp-government]"),
        "tickers column: {text}"
    );
    let start = text
        .lines()
        .find(|l| l.contains("Five-year sovereign AI funding begins"))
        .unwrap();
    assert!(start.trim_start().starts_with("direct"), "{text}");
    assert!(start.contains("[9984 jp-government]"), "{text}");
}

#[test]
fn calendar_text_headings_claim_no_more_than_the_dates() {
    let text = stdout(&["calendar"]);
    let lines: Vec<&str> = text.lines().collect();
    let heading_of = |title: &str| {
        let at = lines.iter().position(|l| l.contains(title)).unwrap();
        lines[..at]
            .iter()
            .rev()
            .find(|l| !l.starts_with("  "))
            .unwrap()
            .to_string()
    };
    // `late 2025` is not "September 2025".
    assert_eq!(heading_of("National AI Basic Plan"), "2025");
    assert!(!text.contains("September 2025"), "{text}");
    assert_eq!(heading_of("Genesis starts with 24"), "December 2025");
    assert_eq!(heading_of("Phase one"), "JP FY2026");
    assert_eq!(heading_of("formalise Genesis"), "June 2026");
    assert_eq!(heading_of("Rapidus targets 2nm"), "2027");
}

#[test]
fn calendar_text_lists_the_tickers_each_catalyst_names() {
    let text = stdout(&["calendar"]);
    let june = text
        .lines()
        .find(|l| l.contains("formalise Genesis partnership"))
        .unwrap();
    assert!(june.ends_with("[mext meti us-doe NVDA MSFT]"), "{june}");
    assert!(!june.contains("direct"), "no link without --ticker: {june}");
}

#[test]
fn calendar_from_and_to_take_the_datasets_date_forms() {
    // A month: the early-June meeting, not the 1 April budget start.
    let june = ids(&json(&["calendar", "--from", "2026-06", "--to", "2026-06"]));
    assert!(june.contains(&"genesis-japan-signing".to_string()));
    assert!(!june.contains(&"meti-fy2026-start".to_string()));
    // A quarter: the fiscal year in progress overlaps Q3, the June meeting does not.
    let q3 = ids(&json(&["calendar", "--from", "2026-Q3", "--to", "2026-Q3"]));
    assert!(q3.contains(&"sovereign-ai-funding-start".to_string()));
    assert!(!q3.contains(&"genesis-japan-signing".to_string()));
    // `--to` a year runs to that year's last day.
    let to_2027 = ids(&json(&["calendar", "--to", "2027"]));
    assert!(to_2027.contains(&"rapidus-2nm-volume".to_string()));
    let to_2026 = ids(&json(&["calendar", "--to", "2026"]));
    assert!(!to_2026.contains(&"rapidus-2nm-volume".to_string()));
    // A Japanese fiscal year: 1 April 2026 to 31 March 2027.
    let fy = ids(&json(&[
        "calendar",
        "--from",
        "JP-FY2026",
        "--to",
        "JP-FY2026",
    ]));
    assert!(fy.contains(&"meti-fy2026-start".to_string()));
    assert!(fy.contains(&"rapidus-2nm-volume".to_string()));
    assert!(!fy.contains(&"ai-basic-plan-adopted".to_string()));
    // Day precision still works.
    let day = ids(&json(&[
        "calendar",
        "--from",
        "2026-04-01",
        "--to",
        "2026-04-01",
    ]));
    assert!(day.contains(&"meti-fy2026-start".to_string()));
}

#[test]
fn calendar_from_after_to_is_an_error() {
    let out = aipx()
        .args(["calendar", "--from", "2027", "--to", "2026-06"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("--from 2027") && err.contains("--to 2026-06"),
        "{err}"
    );
    assert!(out.get_output().stdout.is_empty());
    // Overlapping forms are fine: 2026-Q4 ends after 2026-11 starts.
    aipx()
        .args(["calendar", "--from", "2026-11", "--to", "2026-Q4"])
        .assert()
        .success();
    // A malformed date is an argument error too.
    aipx()
        .args(["calendar", "--from", "2026-13"])
        .assert()
        .code(2);
}

#[test]
fn countdowns_agree_between_text_and_json_and_never_overclaim() {
    let v = json(&["calendar"]);
    let plan = row(&v, "ai-basic-plan-adopted");
    // TODAY is 2026-11-21: late 2025 ended on 31 December 2025.
    assert_eq!(plan["days_until"], -446);
    assert_eq!(plan["days_until_end"], -325);
    assert_eq!(plan["countdown"], "ended 325 days ago");
    let pilots = row(&v, "sovereign-ai-robot-pilots");
    assert_eq!(pilots["countdown"], "in 41–405 days");
    assert_eq!(
        row(&v, "sovereign-ai-funding-start")["countdown"],
        "now · ends in 130 days"
    );
    let text = stdout(&["calendar"]);
    for line in text
        .lines()
        .filter(|l| l.contains("National AI Basic Plan"))
    {
        assert!(line.contains("ended 325 days ago"), "{line}");
    }
    assert!(
        !text.contains("in 41 days"),
        "a year never reads as one day: {text}"
    );
    let out = aipx().args(["calendar", "--csv"]).assert().success();
    let mut reader = csv::Reader::from_reader(out.get_output().stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    let until = headers.iter().position(|h| h == "days_until").unwrap();
    assert_eq!(&headers[until + 1], "days_until_end");
}

#[test]
fn ics_and_csv_are_exclusive() {
    aipx().args(["calendar", "--ics", "--csv"]).assert().code(2);
}

#[test]
fn check_accepts_the_curated_dataset() {
    aipx().arg("check").assert().success();
    aipx()
        .args(["check", "--data"])
        .arg(seeds())
        .assert()
        .success();
    let v = json(&["check"]);
    assert_eq!(v["ok"], true);
}

#[test]
fn toml_syntax_error_names_file_line_and_column() {
    let dir = dataset_copy();
    let line = append(dir.path(), "entities.toml", "[[entity]]\nid = \"broken\n");
    let out = check_fails(dir.path());
    let expected = format!("entities.toml:{}:", line + 1);
    assert!(out.contains(&expected), "want {expected} in {out}");
}

#[test]
fn semantic_errors_are_all_listed_with_positions() {
    let dir = dataset_copy();
    let d = dir.path();
    let exposure = append(d, "exposures.toml", &exposure("NOPE", "stated", "sideways"));
    let catalyst = append(
        d,
        "catalysts.toml",
        "[[catalyst]]\nid = \"genesis-launch\"\ntitle = \"t\"\ndate = \"2026-02-30\"\n\
         kind = \"meeting\"\nnote = \"n\"\nsources = [\"genesis-japan\"]\n",
    );
    let program = append(
        d,
        "programs.toml",
        "[[program]]\nid = \"p2\"\nname = \"n\"\nsponsor = \"s\"\ncountry = \"JP\"\n\
         status = \"active\"\nsummary = \"s\"\nsources = [\"genesis-japan\"]\n\
         [[program.funding]]\nid = \"a\"\nlabel = \"l\"\n\
         money = { currency = \"XYZ\", amount = 1.0 }\nkind = \"public\"\npurpose = \"p\"\n\
         sources = [\"genesis-japan\"]\n\
         [[program.funding]]\nid = \"b\"\nlabel = \"l\"\n\
         money = { currency = \"JPY\", amount = -5.0 }\nkind = \"public\"\npurpose = \"p\"\n\
         sources = [\"genesis-japan\"]\n",
    );
    let out = check_fails(d);
    let path = |f: &str| d.join(f).display().to_string();
    for (file, line, col, what) in [
        (
            "exposures.toml",
            exposure + 1,
            10,
            "unknown entity id \"NOPE\"",
        ),
        (
            "exposures.toml",
            exposure + 5,
            13,
            "unknown direction \"sideways\"",
        ),
        (
            "catalysts.toml",
            catalyst + 1,
            6,
            "duplicate catalyst id \"genesis-launch\"",
        ),
        ("catalysts.toml", catalyst + 3, 8, "no such day"),
        (
            "programs.toml",
            program + 11,
            22,
            "unknown currency \"XYZ\"",
        ),
        (
            "programs.toml",
            program + 18,
            38,
            "amount must be a non-negative number",
        ),
    ] {
        assert_error_at(&out, &format!("{}:{line}:{col}: ", path(file)), what);
    }
    assert!(out.contains("6 error(s)"), "{out}");
}

#[test]
fn basis_and_owner_are_checked() {
    let dir = dataset_copy();
    let d = dir.path();
    let exposure = append(
        d,
        "exposures.toml",
        &exposure("NVDA", "guessed", "tailwind"),
    );
    let program = append(
        d,
        "programs.toml",
        "[[program]]\nid = \"p2\"\nname = \"n\"\nsponsor = \"s\"\ncountry = \"JP\"\n\
         status = \"active\"\nsummary = \"s\"\nsources = [\"genesis-japan\"]\n\
         [[program.funding]]\nid = \"a\"\nlabel = \"l\"\n\
         money = { currency = \"JPY\", amount = 1.0 }\nkind = \"public\"\nowner = \"9984.T\"\n\
         purpose = \"p\"\nsources = [\"genesis-japan\"]\n",
    );
    let out = check_fails(d);
    let at = |file: &str, line: usize| format!("{}:{line}:", d.join(file).display());
    let basis = "unknown basis \"guessed\"";
    assert_error_at(&out, &at("exposures.toml", exposure + 4), basis);
    assert_error_at(
        &out,
        &at("programs.toml", program + 13),
        "only a `private` line",
    );
    // A missing basis is a missing field, like any other required key.
    let dir = dataset_copy();
    let text = std::fs::read_to_string(dir.path().join("exposures.toml")).unwrap();
    let without = text.replacen("basis = \"stated\"\n", "", 1);
    std::fs::write(dir.path().join("exposures.toml"), without).unwrap();
    let out = check_fails(dir.path());
    assert!(out.contains("basis"), "{out}");
}

#[test]
fn missing_field_and_unknown_field_are_reported() {
    let dir = dataset_copy();
    let line = append(
        dir.path(),
        "sources.toml",
        "[[source]]\nid = \"s9\"\nfile = \"f\"\ntitle = \"t\"\npublisher = \"p\"\n",
    );
    let out = check_fails(dir.path());
    assert!(out.contains("missing field `date`"), "{out}");
    assert!(out.contains(&format!("sources.toml:{line}:")), "{out}");

    let dir = dataset_copy();
    append(
        dir.path(),
        "sources.toml",
        "[[source]]\nid = \"s9\"\ncolour = \"red\"\n",
    );
    let out = check_fails(dir.path());
    assert!(out.contains("unknown field `colour`"), "{out}");
}

#[test]
fn bad_data_stops_every_subcommand_with_exit_2() {
    let dir = dataset_copy();
    append(dir.path(), "catalysts.toml", "[[catalyst]\n");
    let out = aipx()
        .args(["show", "NVDA", "--data"])
        .arg(dir.path())
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("catalysts.toml:"), "{err}");
    assert!(out.get_output().stdout.is_empty());
}

#[test]
fn missing_data_dir_is_an_error_not_a_panic() {
    let out = aipx()
        .args(["check", "--data", "/nonexistent/aipx-data"])
        .assert()
        .code(2);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        text.contains("/nonexistent/aipx-data/sources.toml:1:1: cannot read file"),
        "{text}"
    );
}

#[test]
fn non_utf8_data_is_reported_with_position() {
    let dir = dataset_copy();
    let path = dir.path().join("sources.toml");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(b"\n# bad \xff byte\n");
    std::fs::write(&path, bytes).unwrap();
    let out = check_fails(dir.path());
    assert!(out.contains("not valid UTF-8"), "{out}");
}

#[test]
fn bad_today_is_a_usage_error() {
    Command::cargo_bin("aipx")
        .unwrap()
        .args(["--today", "2026-13-01", "show", "NVDA"])
        .assert()
        .code(2);
}

/// A company's own money says whose it is in the text and the JSON of `show` and `programs`,
/// in the same words (`9984's own`), and never as `private` program money.
#[test]
fn company_money_says_whose_it_is() {
    for args in [&["show", "9984"][..], &["programs", "jp-sovereign-ai"]] {
        let out = aipx().args(args).assert().success();
        let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        for money in ["¥2T ($12.7B)", "$5.3B"] {
            let row = text.lines().find(|l| l.contains(money)).unwrap();
            assert!(row.contains("9984's own"), "{args:?}: {row}");
            assert!(!row.contains("private"), "{args:?}: {row}");
        }
        let public = text.lines().find(|l| l.contains("¥1T ($6.34B)")).unwrap();
        assert!(public.contains("public"), "{public}");
    }
    let v = json(&["programs", "jp-sovereign-ai"]);
    let lines = v["funding"].as_array().unwrap();
    let whose = |id: &str| {
        let l = lines.iter().find(|l| l["id"] == id).unwrap();
        (
            l["whose"].clone(),
            l["owner"].clone(),
            l["program_money"].clone(),
        )
    };
    let own = lines.iter().find(|l| !l["owner"].is_null()).unwrap();
    let own_id = own["id"].as_str().unwrap();
    assert_eq!(whose(own_id).0, "9984's own");
    assert_eq!(whose(own_id).1, "9984.T");
    assert_eq!(whose(own_id).2, false);
    for l in lines.iter().filter(|l| l["owner"].is_null()) {
        assert_eq!(l["whose"], l["kind"], "{l}");
    }
}

/// The titles (or names) of what `search QUERY --data DIR` lists, in order.
fn found_in(dir: &Path, query: &str) -> Vec<String> {
    let out = aipx()
        .args(["search", query, "--json", "--limit", "50", "--data"])
        .arg(dir)
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap().to_string())
        .collect()
}

/// A copy of the curated data with a French company and a Q3 2026 window added.
fn dataset_with_elan_and_a_quarter() -> tempfile::TempDir {
    let dir = dataset_copy();
    append(
        dir.path(),
        "entities.toml",
        "\n[[entity]]\nid = \"elan\"\nname = \"ÉLAN Société\"\nlistings = [\"EPA:ELAN\"]\ncountry = \"FR\"\nsector = \"Robotics\"\nsummary = \"Made up for a search test.\"\nsources = [\"genesis-japan\"]\n",
    );
    append(
        dir.path(),
        "catalysts.toml",
        "\n[[catalyst]]\nid = \"q3-review\"\ntitle = \"Quarter three review window\"\ndate = \"2026-Q3\"\nkind = \"launch\"\nprogram = \"genesis-mission\"\nentities = [\"NVDA\"]\nnote = \"Made up for a search test.\"\nsources = [\"genesis-japan\"]\n",
    );
    dir
}

#[test]
fn search_lists_strong_matches_only() {
    // Nothing in the curated data is called élan: no names with an e, l, a and n strewn
    // through them (it used to list ten, NTT's "Telegraph and" first).
    aipx()
        .args(["search", "élan"])
        .assert()
        .success()
        .stdout("no matches\n");
    let dir = dataset_with_elan_and_a_quarter();
    for query in ["élan", "ELAN", "SOCIÉTÉ", "societe", "ｅｌａｎ"] {
        assert_eq!(
            found_in(dir.path(), query),
            ["ÉLAN Société"],
            "{query} finds the company and nothing else"
        );
    }
}

#[test]
fn search_by_date_finds_every_window_that_may_fall_in_the_period() {
    let dir = dataset_with_elan_and_a_quarter();
    let quarter = "Quarter three review window";
    let june = "Japanese ministries formalise Genesis partnership in Washington";
    let december = "Genesis starts with 24 company signatories";
    let fiscal = "Five-year sovereign AI funding begins";
    let found = |q: &str| found_in(dir.path(), q);
    // September is inside Q3 2026: the quarter may be September.
    for query in [
        "sep 2026",
        "september 2026",
        "2026-q3",
        "2026-Q3",
        "h2 2026",
        "q3",
    ] {
        assert!(
            found(query).contains(&quarter.to_string()),
            "{query}: {:?}",
            found(query)
        );
    }
    // Those wholly inside the period first: early June before the fiscal year around it.
    for query in ["june", "jun 2026", "early june", "Genesis June"] {
        assert_eq!(found(query)[0], june, "{query}");
    }
    assert_eq!(found("Genesis June"), [june], "narrowed by its other word");
    assert!(found("jun 2026").contains(&fiscal.to_string()));
    assert!(!found("sep 2026").contains(&june.to_string()));
    // `late 2025` is September to December 2025: December is in it.
    let late = found("late 2025");
    assert!(late.contains(&december.to_string()), "{late:?}");
    assert!(!late.contains(&june.to_string()), "{late:?}");
    // 2027: the year's windows first, then the fiscal year reaching into it.
    let y2027 = found("2027");
    assert!(y2027[0].starts_with("Humanoid robots"), "{y2027:?}");
    assert!(y2027.contains(&fiscal.to_string()), "{y2027:?}");
    assert!(!y2027.contains(&june.to_string()), "{y2027:?}");
    // `fy2026` names no calendar: what the data dates in fiscal 2026, and what is in it
    // whichever calendar is meant (April to September 2026), not December 2025.
    let fy = found("fy2026");
    for title in [fiscal, june, quarter] {
        assert!(fy.contains(&title.to_string()), "{title}: {fy:?}");
    }
    assert!(!fy.contains(&december.to_string()), "{fy:?}");
    // A named calendar names the span: the US's runs from October 2025.
    assert!(found("us-fy2026").contains(&december.to_string()));
    assert!(found("US-FY2026").contains(&quarter.to_string()));
    assert!(!found("jp-fy2026").contains(&december.to_string()));
    assert!(found("JP-FY2026").contains(&"Rapidus targets 2nm mass production".to_string()));
}

/// Output to a pipe or a file is written in blocks, not a line at a time, and flushed before
/// exit: a failure to write it is reported and fails the command, and a closed pipe (`| head`)
/// is a normal end.
#[test]
fn output_that_cannot_be_written_is_reported() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        println!("skipped: no /dev/full");
        return;
    }
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("aipx"))
        .args(["--today", TODAY, "show", "NVDA", "--json"])
        .stdout(std::fs::File::create(full).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("aipx: cannot write output: No space left on device"),
        "{err}"
    );
    // A reader that stops early: no error.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("aipx"))
        .args(["--today", TODAY, "programs", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stderr.is_empty(), "{out:?}");
}
