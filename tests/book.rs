//! The book commands as a user runs them: config, watchlists, exposure, upcoming, and what
//! packagers install (completions, man page). Each test has its own XDG folders.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const TODAY: &str = "2026-11-21";

/// A home of its own: config, data and state folders in a temporary directory.
struct Home(tempfile::TempDir);

impl Home {
    fn new() -> Home {
        Home(tempfile::tempdir().unwrap())
    }

    fn aipx(&self) -> Command {
        let mut cmd = Command::cargo_bin("aipx").unwrap();
        let root = self.0.path();
        cmd.env("XDG_CONFIG_HOME", root.join("config"))
            .env("XDG_DATA_HOME", root.join("data"))
            .env("XDG_STATE_HOME", root.join("state"))
            .env("HOME", root)
            .args(["--today", TODAY]);
        cmd
    }

    /// Runs `args` and wants it to succeed.
    fn runs(&self, args: &[&str]) {
        self.aipx().args(args).assert().success();
    }

    /// Runs `args` and wants exit `code`.
    fn exits(&self, args: &[&str], code: i32) {
        self.aipx().args(args).assert().code(code);
    }

    fn config(&self) -> PathBuf {
        self.0.path().join("config/aipx/config.toml")
    }

    fn watchlists(&self) -> PathBuf {
        self.0.path().join("data/aipx/watchlists.toml")
    }

    fn write_config(&self, text: &str) {
        std::fs::create_dir_all(self.config().parent().unwrap()).unwrap();
        std::fs::write(self.config(), text).unwrap();
    }

    fn import(&self, fixture: &str, name: &str) -> String {
        let out = self
            .aipx()
            .args(["watchlist", "import"])
            .arg(broker(fixture))
            .args(["--name", name])
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }
}

fn broker(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/brokers")
        .join(name)
}

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

fn stderr(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

#[test]
fn config_path_init_and_check() {
    let home = Home::new();
    let out = home.aipx().args(["config", "path"]).assert().success();
    assert_eq!(stdout(&out).trim(), home.config().display().to_string());
    home.runs(&["config", "init"]);
    let written = std::fs::read_to_string(home.config()).unwrap();
    assert!(written.starts_with("# aipx configuration"));
    // A second init keeps the user's file.
    home.exits(&["config", "init"], 2);
    home.runs(&["config", "check"]);
}

#[test]
fn a_broken_config_is_reported_with_its_place_and_aipx_runs_on_defaults() {
    let home = Home::new();
    home.write_config("[alerts]\nhorizon = \"soon\"\n[ui]\ntheme = \"light\"\n");
    let out = home.aipx().args(["upcoming", "--within", "60d"]).assert();
    let err = stderr(&out);
    let at = format!("{}:2:11: invalid span", home.config().display());
    assert!(err.contains(&at), "{err}");
    assert!(err.contains("running on the defaults"), "{err}");
    assert_eq!(out.get_output().status.code(), Some(0), "it still ran");
    let check = home.aipx().args(["config", "check"]).assert().code(2);
    assert!(stderr(&check).contains(":2:11:"));
    // A syntax error costs the whole file, and still names its place.
    home.write_config("[ui\n");
    let out = home.aipx().args(["upcoming", "--within", "60d"]).assert();
    assert!(stderr(&out).contains("config.toml:1:"), "{}", stderr(&out));
}

#[test]
fn three_broker_layouts_import_with_their_columns() {
    let home = Home::new();
    let out = home.import("positions-title-rows.csv", "schwab");
    assert!(out.contains("quantity from \"Quantity\""), "{out}");
    assert!(out.contains("weight from \"% Of Account\""), "{out}");
    assert!(out.contains("QQQX (line 7)"), "{out}");
    assert!(out.contains("Cash & Cash Investments (line 8)"), "{out}");
    let out = home.import("positions-fidelity-style.csv", "fidelity");
    assert!(out.contains("4 tickers"), "{out}");
    let out = home.import("watchlist-semicolon.csv", "eu");
    assert!(out.contains("symbols from \"Instrument\""), "{out}");
    assert!(out.contains("weight from \"Weight (%)\""), "{out}");
    // A long name is listed whole, so it can be typed back.
    let long = "fidelity positions of the family account, imported monthly";
    home.import("positions-fidelity-style.csv", long);
    let list = home.aipx().args(["watchlist", "list"]).assert().success();
    let list = stdout(&list);
    for name in ["schwab", "fidelity", "eu", long] {
        assert!(list.contains(name), "{list}");
    }
    assert!(!list.contains('…'), "{list}");
    let saved = std::fs::read_to_string(home.watchlists()).unwrap();
    assert!(saved.contains("symbol = \"TSE:9984\"") && saved.contains("weight = 12.5"));
    // Importing again replaces the list instead of doubling it.
    let again = home.import("watchlist-semicolon.csv", "eu");
    assert!(
        again.starts_with("Replaced watchlist \"eu\": 4 tickers"),
        "{again}"
    );
}

#[test]
fn an_export_without_a_symbol_column_is_refused_and_nothing_is_written() {
    let home = Home::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.csv");
    std::fs::write(&file, "Name,Price\nNVIDIA,180\n").unwrap();
    let out = home
        .aipx()
        .args(["watchlist", "import"])
        .arg(&file)
        .args(["--name", "x"])
        .assert()
        .code(2);
    assert!(stderr(&out).contains("no symbol column found"));
    assert!(!home.watchlists().exists());
}

#[test]
fn add_show_remove_and_unknown_names() {
    let home = Home::new();
    home.runs(&["watchlist", "add", "ideas", "nvda", "9984.T"]);
    let out = home
        .aipx()
        .args(["watchlist", "add", "ideas", "NVDAA"])
        .assert()
        .code(1);
    assert!(stderr(&out).contains("Did you mean"), "{}", stderr(&out));
    let show = home
        .aipx()
        .args(["watchlist", "show", "ideas"])
        .assert()
        .success();
    let show = stdout(&show);
    assert!(
        show.contains("NASDAQ:NVDA") && show.contains("TSE:9984"),
        "{show}"
    );
    assert!(show.lines().all(|l| l == l.trim_end()), "{show:?}");
    home.runs(&["watchlist", "remove", "ideas", "NVIDIA"]);
    let show = stdout(&home.aipx().args(["watchlist", "show", "ideas"]).assert());
    assert!(
        !show.contains("NVDA") && show.contains("1 ticker"),
        "{show}"
    );
    home.exits(&["watchlist", "show", "nope"], 1);
    home.runs(&["watchlist", "remove", "ideas", "--all"]);
    home.exits(&["watchlist", "show", "ideas"], 1);
}

#[test]
fn only_listed_companies_can_be_added_to_a_watchlist() {
    let home = Home::new();
    home.runs(&["watchlist", "add", "ideas", "NVDA"]);
    // A ministry, a government and a private company: nothing a trader can hold.
    for (typed, named) in [
        ("meti", "METI"),
        ("jp-government", "Government of Japan"),
        ("rapidus", "Rapidus"),
    ] {
        let out = home
            .aipx()
            .args(["watchlist", "add", "ideas", "9984", typed])
            .assert()
            .code(2);
        let why = format!("{named} is not a listed company; nothing to watch");
        assert!(stderr(&out).contains(&why), "{}", stderr(&out));
    }
    // An import leaves them out and says so; the listed companies beside them go in.
    let csv = home.0.path().join("bodies.csv");
    std::fs::write(&csv, "Symbol,Quantity\nNVDA,10\nMETI,5\nrapidus,3\n").unwrap();
    let out = home
        .aipx()
        .args(["watchlist", "import"])
        .arg(&csv)
        .args(["--name", "bodies"])
        .assert()
        .success();
    let text = stdout(&out);
    assert!(text.contains("\"bodies\": 1 ticker"), "{text}");
    assert!(
        text.contains("Not listed companies, left out (2): METI (line 3), rapidus (line 4)"),
        "{text}"
    );
    // Nothing of a refused command is written, not even the listed ticker beside it.
    let show = stdout(&home.aipx().args(["watchlist", "show", "ideas"]).assert());
    assert!(
        show.contains("NASDAQ:NVDA") && !show.contains("9984"),
        "{show}"
    );
    assert!(show.contains("1 ticker"), "{show}");
}

#[test]
fn a_damaged_watchlists_file_is_reported_and_left_alone() {
    let home = Home::new();
    std::fs::create_dir_all(home.watchlists().parent().unwrap()).unwrap();
    let damaged = "version = 1\n[[watchlist]]\nname = \"book\"\n[[watchlist.entry]]\nsymbol = \n";
    std::fs::write(home.watchlists(), damaged).unwrap();
    let out = home
        .aipx()
        .args(["watchlist", "add", "book", "NVDA"])
        .assert()
        .code(2);
    assert!(
        stderr(&out).contains("watchlists.toml:5:"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(home.watchlists()).unwrap(), damaged);
}

#[test]
fn exposure_json_per_ticker_and_in_total() {
    let home = Home::new();
    home.import("positions-title-rows.csv", "book");
    let out = home
        .aipx()
        .args(["exposure", "--watchlist", "book", "--json"])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["watchlist"], "book");
    assert_eq!(v["today"], TODAY);
    let tickers = v["tickers"].as_array().unwrap();
    assert_eq!(tickers.len(), 4);
    let nvda = &tickers[0];
    assert_eq!(nvda["symbol"], "NASDAQ:NVDA");
    assert_eq!(nvda["resolved"], "found");
    assert_eq!(nvda["quantity"], 120.0);
    assert_eq!(nvda["weight"], 41.2);
    assert!(!nvda["programs"].as_array().unwrap().is_empty());
    for key in ["tailwind", "headwind", "mixed"] {
        assert!(nvda["directions"][key].is_u64(), "{key}");
    }
    for key in ["tailwind", "headwind", "mixed"] {
        let bucket = &nvda["public_money"][key];
        assert!(bucket["programs"].is_array(), "{key}");
        for m in bucket["money"].as_array().unwrap() {
            assert!(m["currency"].is_string() && m["amount"].is_f64());
            // Never converted: USD sums carry no separate dollar figure.
            if m["currency"] == "USD" {
                assert!(m["usd"].is_null());
            }
        }
    }
    assert_eq!(tickers[3]["resolved"], "unknown");
    assert!(tickers[3]["programs"].as_array().unwrap().is_empty());
    let total = &v["total"];
    assert_eq!(total["tickers"], 4);
    assert!((total["weight"].as_f64().unwrap() - 84.5).abs() < 1e-9);
    let per: usize = tickers
        .iter()
        .map(|t| t["programs"].as_array().unwrap().len())
        .sum();
    let union = total["programs"].as_array().unwrap().len();
    assert!(union >= 1 && union <= per);
    for d in total["due_30"].as_array().unwrap() {
        assert!(d["days"].as_i64().unwrap() <= 30);
        assert!(["on", "opens", "closes"].contains(&d["edge"].as_str().unwrap()));
    }
    let csv = home
        .aipx()
        .args(["exposure", "--watchlist", "book", "--csv"])
        .assert()
        .success();
    let csv = stdout(&csv);
    assert!(csv.starts_with("symbol,entity,name,resolved,quantity,weight,programs"));
    assert_eq!(csv.lines().count(), 1 + 4 + 1, "header, tickers, total");
}

/// TSMC meets the Rapidus program as an (inferred) rival: Rapidus's ¥250B of state support
/// works against it. JSON, CSV and text keep that money apart from the money behind it, per
/// ticker and in the book's total, and a tailwind total never holds it.
#[test]
fn a_rivals_program_money_is_shown_as_headwind_money_not_behind_the_ticker() {
    let home = Home::new();
    home.runs(&["watchlist", "add", "chips", "TSM", "9984"]);
    let run = |extra: &[&str]| {
        let mut args = vec!["exposure", "--watchlist", "chips"];
        args.extend_from_slice(extra);
        stdout(&home.aipx().args(&args).assert().success())
    };
    let v: Value = serde_json::from_str(&run(&["--json"])).unwrap();
    let yen = |bucket: &Value| -> Option<f64> {
        bucket["money"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["currency"] == "JPY")
            .map(|m| m["amount"].as_f64().unwrap())
    };
    let tsm = &v["tickers"][0]["public_money"];
    assert_eq!(tsm["headwind"]["programs"][0], "rapidus-2nm");
    assert_eq!(yen(&tsm["headwind"]), Some(250e9));
    assert_eq!(yen(&tsm["tailwind"]), None, "{tsm}");
    let total = &v["total"]["public_money"];
    // SoftBank's ¥1T sovereign-AI support is the book's only tailwind money.
    assert_eq!(yen(&total["tailwind"]), Some(1e12));
    assert_eq!(yen(&total["headwind"]), Some(250e9));
    assert!(total["mixed"]["money"].as_array().unwrap().is_empty());

    let csv = run(&["--csv"]);
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let headers = rows.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][col("headwind_money")], "JPY 250000000000");
    assert_eq!(&rows[0][col("tailwind_money")], "");
    assert_eq!(&rows[2][0], "TOTAL");
    assert_eq!(
        &rows[2][col("tailwind_money")],
        "JPY 1000000000000 (usd 6340000000)"
    );
    assert_eq!(&rows[2][col("headwind_money")], "JPY 250000000000");
    assert!(!headers.iter().any(|h| h == "public_money"));

    let text = run(&[]);
    let header = text.lines().find(|l| l.starts_with("SYMBOL")).expect(&text);
    let column = |name: &str| header.find(name).expect(name);
    let at = |line: &str, name: &str| -> String {
        // Byte offsets differ from columns once a row holds `…` or `¥`; count characters.
        let start = header[..column(name)].chars().count();
        line.chars().skip(start).collect::<String>()
    };
    let tsm = text
        .lines()
        .find(|l| l.starts_with("NYSE:TSM"))
        .expect(&text);
    assert!(at(tsm, "TAILWIND MONEY").starts_with("—"), "{tsm}");
    assert!(at(tsm, "HEADWIND MONEY").starts_with("¥250B"), "{tsm}");
    let total = text.lines().find(|l| l.starts_with("TOTAL")).expect(&text);
    assert!(
        at(total, "TAILWIND MONEY").starts_with("¥1T ($6.34B)"),
        "{total}"
    );
    assert!(at(total, "HEADWIND MONEY").starts_with("¥250B"), "{total}");
    assert!(!total.contains("¥1.25T"), "never summed: {total}");
}

#[test]
fn a_year_window_due_is_shown_as_the_year_with_its_edge_not_as_a_day() {
    let home = Home::new();
    home.aipx()
        // IBM backs the Rapidus project, so the project's 2027 window is its catalyst.
        .args(["watchlist", "add", "yr", "IBM"])
        .assert()
        .success();
    let run = |extra: &[&str]| {
        let mut args = vec!["exposure", "--watchlist", "yr"];
        args.extend_from_slice(extra);
        stdout(&home.aipx().args(&args).assert().success())
    };
    let text = run(&[]);
    let row = text
        .lines()
        .find(|l| l.contains("Rapidus targets 2nm mass production"))
        .expect(&text);
    assert!(row.trim_start().starts_with("2027 "), "{row}");
    assert!(row.contains("opens in 41 days"), "{row}");
    assert!(!text.contains("2027-01-01"), "{text}");
    let v: Value = serde_json::from_str(&run(&["--json"])).unwrap();
    let due = &v["total"]["due_90"].as_array().unwrap()[0];
    assert_eq!(due["catalyst"], "rapidus-2nm-volume");
    assert_eq!(due["label"], "2027");
    assert_eq!(due["precision"], "year");
    assert_eq!(due["edge"], "opens");
    assert_eq!(due["days_until"], 41);
    assert_eq!(due["days_until_end"], 405);
}

#[test]
fn exposure_needs_a_watchlist_and_takes_the_configured_default() {
    let home = Home::new();
    home.aipx().arg("exposure").assert().code(2);
    home.import("watchlist-semicolon.csv", "eu");
    home.write_config("[watchlists]\ndefault = \"eu\"\n");
    let out = stdout(&home.aipx().arg("exposure").assert().success());
    assert!(out.starts_with("Watchlist \"eu\""), "{out}");
}

#[test]
fn upcoming_exits_0_when_something_is_due_and_1_when_nothing_is() {
    let home = Home::new();
    home.import("positions-title-rows.csv", "book");
    let due = home
        .aipx()
        .args(["upcoming", "--within", "60d", "--watchlist", "book"])
        .assert()
        .code(0);
    let due = stdout(&due);
    // TODAY is 2026-11-21: the 2027 window opens in 41 days, and reads as the year it is.
    let pilots = due
        .lines()
        .find(|l| l.contains("Humanoid robots"))
        .unwrap_or_else(|| panic!("{due}"));
    assert!(
        pilots.starts_with("2027 ") && pilots.contains("opens in 41 days"),
        "{pilots}"
    );
    assert!(
        !due.contains("2027-01-01"),
        "a window's first day is not its date: {due}"
    );
    assert!(
        due.lines()
            .all(|l| l.contains(" days") || l.contains("today")),
        "one line per catalyst end: {due}"
    );
    let none = home
        .aipx()
        .args(["upcoming", "--within", "3d", "--watchlist", "book"])
        .assert()
        .code(1);
    assert_eq!(stdout(&none), "");
    let json = home
        .aipx()
        .args(["upcoming", "--within", "2w", "--json"])
        .assert();
    let v: Value = serde_json::from_slice(&json.get_output().stdout).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(
        json.get_output().status.code(),
        Some(if rows.is_empty() { 1 } else { 0 })
    );
    // Both ends of the 2027 window, each with the window's own date and its first and
    // last day counted as the calendar counts them.
    let json = home
        .aipx()
        .args(["upcoming", "--within", "420d", "--json"])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&json.get_output().stdout).unwrap();
    let pilots: Vec<&Value> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["catalyst"] == "sovereign-ai-robot-pilots")
        .collect();
    let ends: Vec<(&str, i64)> = pilots
        .iter()
        .map(|r| (r["edge"].as_str().unwrap(), r["days"].as_i64().unwrap()))
        .collect();
    assert_eq!(ends, [("opens", 41), ("closes", 405)]);
    for r in pilots {
        assert_eq!(r["date"], "2027");
        assert_eq!(r["precision"], "year");
        assert_eq!(
            (&r["days_until"], &r["days_until_end"]),
            (&Value::from(41), &Value::from(405))
        );
    }
    home.exits(&["upcoming", "--within", "soon"], 2);
    // The alert horizon comes from the config when --within is not given.
    home.write_config("[alerts]\nhorizon = \"60d\"\n");
    home.runs(&["upcoming", "--watchlist", "book"]);
}

#[test]
fn calendar_ics_for_a_watchlist() {
    let home = Home::new();
    home.runs(&["watchlist", "add", "jp", "IBM"]);
    let ics = stdout(
        &home
            .aipx()
            .args(["calendar", "--ics", "--watchlist", "jp"])
            .assert()
            .success(),
    );
    assert!(ics.starts_with("BEGIN:VCALENDAR"));
    let all = stdout(&home.aipx().args(["calendar", "--ics"]).assert().success());
    let events = |s: &str| s.matches("BEGIN:VEVENT").count();
    assert!(events(&ics) > 0 && events(&ics) < events(&all));
    assert!(
        ics.contains("2nm"),
        "the Rapidus project IBM backs is there"
    );
    // The subscription is named after the book; the whole calendar keeps its own name.
    assert!(ics.contains("\r\nX-WR-CALNAME:aipx: jp\r\n"), "{ics}");
    assert!(all.contains("\r\nX-WR-CALNAME:aipx catalysts\r\n"), "{all}");
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    let home = Home::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = stdout(&home.aipx().args(["completions", shell]).assert().success());
        assert!(
            out.contains("watchlist") && out.contains("upcoming"),
            "{shell}"
        );
    }
    home.exits(&["completions", "tcsh"], 2);
    let man = stdout(&home.aipx().arg("man").assert().success());
    assert!(man.starts_with(".ie") || man.contains(".TH aipx"), "{man}");
    assert!(man.contains("watchlist"));
    // The page names a page per subcommand (`aipx-watchlist(1)`); `--dir` writes them all,
    // so none it refers to is missing.
    let dir = tempfile::tempdir().unwrap();
    let written = stdout(
        &home
            .aipx()
            .args(["man", "--dir"])
            .arg(dir.path())
            .assert()
            .success(),
    );
    let top = std::fs::read_to_string(dir.path().join("aipx.1")).unwrap();
    assert_eq!(top, man, "the same page as `aipx man` prints");
    let mut referred = 0;
    for page in std::fs::read_dir(dir.path()).unwrap() {
        let page = std::fs::read_to_string(page.unwrap().path()).unwrap();
        for name in page
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '\\'))
            .filter_map(|w| w.strip_prefix("aipx\\-"))
        {
            let file = format!("aipx-{}.1", name.replace("\\-", "-"));
            assert!(dir.path().join(&file).exists(), "{file} is referred to");
            referred += 1;
        }
    }
    assert!(referred > 20, "{referred} references");
    for file in [
        "aipx-watchlist-import.1",
        "aipx-exposure.1",
        "aipx-config-init.1",
    ] {
        assert!(written.contains(file), "{written}");
    }
}

/// Every subcommand at every depth, from the CLI's own definition: a new one is covered
/// without editing this test.
#[test]
fn version_on_every_subcommand() {
    use clap::CommandFactory;
    fn walk(command: &clap::Command, path: Vec<String>, all: &mut Vec<Vec<String>>) {
        for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut at = path.clone();
            at.push(sub.get_name().to_string());
            all.push(at.clone());
            walk(sub, at, all);
        }
    }
    let mut all = Vec::new();
    walk(&aipx::cli::Cli::command(), Vec::new(), &mut all);
    assert!(all.len() > 25, "{all:?}");
    assert!(all.contains(&vec!["watchlist".to_string(), "import".to_string()]));
    let home = Home::new();
    for sub in &all {
        let out = stdout(&home.aipx().args(sub).arg("--version").assert().success());
        assert!(
            out.contains(env!("CARGO_PKG_VERSION")),
            "{}: {out}",
            sub.join(" ")
        );
    }
}

#[test]
fn ingest_reads_standard_input() {
    let home = Home::new();
    let article =
        "TOKYO, March 4, 2026 -- SoftBank Group (TSE: 9984) plans 1 trillion yen by 2027.\n";
    let out = home
        .aipx()
        .args(["ingest", "--json", "-"])
        .write_stdin(article)
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let text = v.to_string();
    assert!(text.contains("<stdin>") && text.contains("9984"), "{text}");
    // Without a date line, the date is the day it was read: standard input has no file time.
    let out = home
        .aipx()
        .args(["ingest", "--json", "-"])
        .write_stdin("SoftBank Group (TSE: 9984) plans a new data centre.\n")
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains(r#""as_of_source": "day read""#), "{text}");
    assert!(!text.contains("file time"), "{text}");
}

#[test]
fn an_unknown_watchlist_is_bad_input_and_names_the_known_ones() {
    let home = Home::new();
    home.import("positions-title-rows.csv", "book");
    for args in [
        &["upcoming", "--watchlist", "nope"][..],
        &["exposure", "--watchlist", "nope"],
        &["calendar", "--ics", "--watchlist", "nope"],
    ] {
        let out = home.aipx().args(args).assert().code(2);
        let err = stderr(&out);
        assert!(
            err.contains("no watchlist \"nope\"; known: book"),
            "{args:?}: {err}"
        );
        assert_eq!(stdout(&out), "", "{args:?}");
    }
}

#[test]
fn config_check_reports_key_conflicts_and_unknown_actions_like_the_tui() {
    let home = Home::new();
    home.write_config("[keys]\nquit = \"x\"\nhelp = \"j\"\nbogus = \"z\"\n");
    let check = home.aipx().args(["config", "check"]).assert().code(2);
    let err = stderr(&check);
    let at = home.config().display().to_string();
    assert!(
        err.contains(&format!("{at}:3:1: keys.help: j is already bound to down")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{at}:4:1: keys.bogus: unknown action")),
        "{err}"
    );
    assert_eq!(stdout(&check), "", "no `ok`");
    home.write_config("[keys]\nquit = \"x\"\n");
    home.runs(&["config", "check"]);
}

#[test]
fn config_init_shows_only_keys_the_parser_takes() {
    let home = Home::new();
    home.runs(&["config", "init"]);
    let written = std::fs::read_to_string(home.config()).unwrap();
    let line = written
        .lines()
        .find(|l| l.contains("Keys by action"))
        .expect("the key syntax is shown");
    let examples: Vec<&str> = line.split('"').skip(1).step_by(2).collect();
    assert!(examples.len() >= 3, "{line}");
    for key in examples {
        let events = aipx::tui::screen::parse_keys(key);
        assert!(
            events.as_ref().is_ok_and(|e| e.len() == 1),
            "{key:?} in `{line}`: {events:?}"
        );
    }
}

/// With a securities master imported, a watchlist holds any listed ticker: it resolves on
/// add and import, and the book says it has no known program exposure instead of calling it
/// unknown.
#[test]
fn a_master_only_ticker_is_a_known_company_in_the_book() {
    let home = Home::new();
    let listing = home.0.path().join("listing.csv");
    std::fs::write(
        &listing,
        "symbol,name,exchange,country\n7203,Toyota Motor Corporation,TSE,JP\n",
    )
    .unwrap();
    home.aipx()
        .args(["listings", "import"])
        .arg(&listing)
        .assert()
        .success();
    home.aipx()
        .args(["watchlist", "add", "book", "7203", "NVDA"])
        .assert()
        .success()
        .stdout(predicates::str::contains("added TSE:7203"));
    let positions = home.0.path().join("positions.csv");
    std::fs::write(&positions, "Symbol,Quantity\n7203,100\nZZZZ,1\n").unwrap();
    home.aipx()
        .args(["watchlist", "import"])
        .arg(&positions)
        .args(["--name", "broker"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "Not resolved (1), kept as written: ZZZZ",
        ))
        .stdout(predicates::str::contains(
            "No known program exposure (1): TSE:7203",
        ));
    let out = home
        .aipx()
        .args(["exposure", "--watchlist", "book", "--json"])
        .assert()
        .success();
    let json: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let text = json.to_string();
    assert!(text.contains("Toyota Motor Corporation"), "{text}");
}
