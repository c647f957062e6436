//! `aipx listings`: importing listing files into the securities master, and the master
//! feeding `show` and `calendar --ticker`. Each test has its own data folder.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A test's own data folder (where the master lives; its config and state folders inside
/// it, so nothing of the user's is read), and a folder for the listing files it writes.
struct Home {
    data: tempfile::TempDir,
    files: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            data: tempfile::tempdir().unwrap(),
            files: tempfile::tempdir().unwrap(),
        }
    }

    /// The data folder (`XDG_DATA_HOME`).
    fn path(&self) -> &Path {
        self.data.path()
    }

    /// The folder of the listing files the test writes.
    fn files(&self) -> &Path {
        self.files.path()
    }

    /// `aipx` on this home, on a fixed day.
    fn aipx(&self) -> Command {
        let home = self.path();
        let mut cmd = Command::cargo_bin("aipx").unwrap();
        cmd.env("XDG_DATA_HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_STATE_HOME", home.join("state"))
            .args(["--today", "2026-11-21"]);
        cmd
    }

    /// What `aipx ARGS` prints; it must succeed.
    fn stdout<'a>(&self, args: impl AsRef<[&'a str]>) -> String {
        stdout(self.aipx().args(args.as_ref()))
    }

    /// What `aipx ARGS` prints, read as JSON; it must succeed.
    fn json<'a>(&self, args: impl AsRef<[&'a str]>) -> serde_json::Value {
        let text = self.stdout(args);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
    }

    /// The screen the TUI draws at `size` (`120x40`) after `keys`, started as the TUI
    /// starts (`--remember`: the master, the state and the watchlists read).
    fn screen(&self, size: &str, keys: &str) -> String {
        self.stdout(["screen", "--remember", "--size", size, "--keys", keys])
    }

    /// What `aipx ARGS` prints on stdout and on stderr; it must succeed.
    fn said<'a>(&self, args: impl AsRef<[&'a str]>) -> (String, String) {
        let out = self.aipx().args(args.as_ref()).assert().success();
        let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
        (
            text(&out.get_output().stdout),
            text(&out.get_output().stderr),
        )
    }

    /// What `aipx ARGS` says on stderr; it must exit `code` and print nothing on stdout.
    fn fails<'a>(&self, args: impl AsRef<[&'a str]>, code: i32) -> String {
        let args = args.as_ref();
        let out = self.aipx().args(args).assert().code(code);
        let said = String::from_utf8_lossy(&out.get_output().stdout);
        assert!(said.is_empty(), "{args:?} exits {code} and prints: {said}");
        String::from_utf8_lossy(&out.get_output().stderr).into_owned()
    }

    /// Imports `paths` into this home's master, which must succeed.
    fn import(&self, paths: impl IntoIterator<Item = impl AsRef<std::ffi::OsStr>>) {
        self.aipx()
            .args(["listings", "import"])
            .args(paths)
            .assert()
            .success();
    }

    /// Writes a listing file `name` of `body` into the files folder; its path.
    fn write(&self, name: &str, body: &str) -> PathBuf {
        let path = self.files().join(name);
        std::fs::write(&path, body).unwrap();
        path
    }

    /// Writes a FinanceDatabase per-exchange file `name` of `rows` under its header.
    fn financedatabase(&self, name: &str, rows: &str) -> PathBuf {
        self.write(name, &format!("{FINANCEDATABASE}{rows}"))
    }

    /// Small listing files in every format, written by the test (no real data copied).
    fn fixtures(&self) -> Vec<PathBuf> {
        let files = [
            (
                "JPX.csv",
                "symbol,name,currency,sector,industry_group,industry,exchange,mic,market,country,market_cap,isin,figi,delisted\n\
                 7203.T,Toyota Motor Corporation,JPY,Consumer Discretionary,,,JPX,XJPX,Tokyo Stock Exchange,Japan,Mega Cap,JP3633400001,,False\n\
                 ,Nameless Row,JPY,,,,JPX,XJPX,Tokyo Stock Exchange,Japan,,,,False\n\
                 TOM.BE,TOYOTA MOTOR CORP,EUR,,,,BER,XBER,Berlin,Japan,,JP3633400001,,False\n",
            ),
            (
                "nyse.json",
                r#"[{"symbol":"TM","name":"Toyota Motor Corporation American Depositary Shares","country":"Japan","sector":"Consumer Discretionary","marketCap":"250000000000"}]"#,
            ),
            (
                "screener.csv",
                "Symbol,Name,Last Sale,Net Change,% Change,Market Cap,Country,IPO Year,Volume,Sector,Industry\n\
                 AAPL,Apple Inc. Common Stock,$1,0,0%,3000000000000,United States,1980,1,Technology,Computers\n",
            ),
            (
                "company_tickers_exchange.json",
                r#"{"fields":["cik","name","ticker","exchange"],"data":[[789019,"MICROSOFT CORP","MSFT","Nasdaq"]]}"#,
            ),
            (
                "mine.csv",
                "symbol,name,exchange,country\n0166.KL,Inari Amertron Berhad,,MY\n",
            ),
        ];
        files
            .iter()
            .map(|(name, text)| self.write(name, text))
            .collect()
    }
}

/// The header of a FinanceDatabase per-exchange file.
const FINANCEDATABASE: &str = "symbol,name,currency,sector,industry_group,industry,exchange,mic,market,country,market_cap,isin,figi,delisted\n";

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success();
    String::from_utf8_lossy(&out.get_output().stdout).into_owned()
}

#[test]
fn import_reads_every_format_reports_bad_rows_and_is_idempotent() {
    let home = Home::new();
    let paths = home.fixtures();
    let out = home
        .aipx()
        .args(["listings", "import"])
        .args(&paths)
        .assert()
        .success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("JPX.csv:3: skipped"),
        "bad row with its line: {err}"
    );
    let said = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        said.contains("imported 6 listings from 5 file(s)"),
        "{said}"
    );
    assert!(home.path().join("aipx/master.bin").is_file());

    let list = |home: &Home| -> serde_json::Value { home.json(["listings", "--json"]) };
    let first = list(&home);
    assert_eq!(first["rows"], 6);
    assert_eq!(first["by_exchange"]["TSE"], 1);
    assert_eq!(first["by_exchange"]["MYX"], 1);
    // The SEC's `Nasdaq` is counted with the screener's Nasdaq rows, under aipx's code.
    assert_eq!(first["by_exchange"]["NASDAQ"], 2, "{first}");
    assert!(first["by_exchange"].get("Nasdaq").is_none(), "{first}");
    // Toyota's Tokyo, Berlin and New York rows are one company.
    assert_eq!(first["companies"], 4);

    // Importing the same files again changes nothing.
    home.import(&paths);
    let again = list(&home);
    assert_eq!(
        (again["rows"].clone(), again["companies"].clone()),
        (first["rows"].clone(), first["companies"].clone())
    );
    assert_eq!(again["files"].as_array().unwrap().len(), 5);

    let cleared = home.stdout(["listings", "clear"]);
    assert!(cleared.contains("removed"), "{cleared}");
    assert!(home.stdout(["listings"]).contains("No listings imported"));
}

/// A folder of folders (the reference's `listings/us-exchanges/`, `listings/financedatabase/`)
/// is read whole; a folder with no listing file in it is an error, never a silent import
/// of nothing.
#[test]
fn a_folder_of_folders_imports_every_listing_file_and_an_empty_folder_says_so() {
    let home = Home::new();
    let tree = home.files().join("listings");
    for (sub, name, body) in [
        (
            "us-exchanges",
            "nyse.json",
            r#"[{"symbol":"TM","name":"Toyota Motor Corporation American Depositary Shares","country":"Japan"}]"#,
        ),
        (
            "financedatabase",
            "JPX.csv",
            "symbol,name,currency,sector,industry_group,industry,exchange,mic,market,country,market_cap,isin,figi,delisted\n\
             7203.T,Toyota Motor Corporation,JPY,,,,JPX,XJPX,Tokyo Stock Exchange,Japan,Mega Cap,,,False\n",
        ),
        (
            "financedatabase/deeper",
            "mine.csv",
            "symbol,name,exchange\n0166.KL,Inari Amertron Berhad,\n",
        ),
    ] {
        std::fs::create_dir_all(tree.join(sub)).unwrap();
        std::fs::write(tree.join(sub).join(name), body).unwrap();
    }
    std::fs::write(tree.join("financedatabase/LICENSE"), "MIT").unwrap();
    let said = home.stdout(["listings", "import", tree.to_str().unwrap()]);
    assert!(
        said.contains("imported 3 listings from 3 file(s)"),
        "{said}"
    );
    // A file given again, alone beside its folder, is read once.
    let again = tree.join("us-exchanges/../us-exchanges/nyse.json");
    let said = home.stdout([
        "listings",
        "import",
        tree.to_str().unwrap(),
        again.to_str().unwrap(),
    ]);
    assert!(
        said.contains("imported 3 listings from 3 file(s)"),
        "{said}"
    );
    let listed = home.json(["listings", "--json"]);
    assert_eq!(listed["files"].as_array().unwrap().len(), 3, "{listed}");

    let empty = home.files().join("empty");
    std::fs::create_dir_all(empty.join("sub")).unwrap();
    let out = home
        .aipx()
        .args(["listings", "import"])
        .arg(&empty)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("empty: no .json or .csv file in this folder"),
        "{err}"
    );
    // What was imported before stays.
    assert_eq!(home.json(["listings", "--json"])["rows"], 3);
}

/// The NASDAQ screener export does not say which exchange its rows are on, and the site
/// names every download `nasdaq_screener_…`: the import says what it assumed, and
/// `--exchange` says which it is.
#[test]
fn a_screener_export_whose_name_says_no_exchange_is_said_and_exchange_places_it() {
    let home = Home::new();
    let file = home.write(
        "nasdaq_screener_1764547200000.csv",
        "Symbol,Name,Last Sale,Net Change,% Change,Market Cap,Country,IPO Year,Volume,Sector,Industry\n\
         KO,Coca-Cola Company (The) Common Stock,$70.00,1,0.4%,300000000000.00,United States,,1000,Consumer Staples,Beverages\n",
    );
    let (_, err) = home.said(["listings", "import", file.to_str().unwrap()]);
    assert!(
        err.contains("nasdaq_screener_1764547200000.csv: the NASDAQ screener export does not say which exchange its rows are on")
            && err.contains("taken to be on NASDAQ; give `--exchange NYSE`"),
        "{err}"
    );
    let (_, err) = home.said([
        "listings",
        "import",
        "--exchange",
        "NYSE",
        file.to_str().unwrap(),
    ]);
    assert!(!err.contains("does not say"), "{err}");
    // A name with a part in parentheses is found without it, as articles write it.
    let dixon = home.write(
        "mine.csv",
        "symbol,name,exchange,country\nDIXON.NS,Dixon Technologies (India) Limited,,IN\n",
    );
    home.import([&dixon]);
    let found = home.stdout(["show", "Dixon Technologies"]);
    assert!(
        found.starts_with("Dixon Technologies (India) Limited  NSE:DIXON"),
        "{found}"
    );
    let ko = home.stdout(["show", "KO"]);
    assert!(ko.contains("NYSE:KO"), "{ko}");
    // The screener's `Coca-Cola Company (The)` is The Coca-Cola Company, found by its name.
    assert!(ko.starts_with("The Coca-Cola Company  NYSE:KO"), "{ko}");
    assert!(home.stdout(["show", "Coca-Cola"]).contains("NYSE:KO"));
    assert_eq!(home.json(["listings", "--json"])["by_exchange"]["NYSE"], 1);
    let bad = home.fails(
        [
            "listings",
            "import",
            "--exchange",
            "Mars",
            file.to_str().unwrap(),
        ],
        2,
    );
    assert!(
        bad.contains("no exchange aipx knows is called \"Mars\""),
        "{bad}"
    );
    // A file named for its exchange says nothing more.
    let nyse = home.write("nyse.csv", &std::fs::read_to_string(&file).unwrap());
    let (_, err) = home.said(["listings", "import", nyse.to_str().unwrap()]);
    assert!(!err.contains("does not say"), "{err}");
}

#[test]
fn the_master_feeds_show_and_calendar() {
    let home = Home::new();
    home.import(home.fixtures());
    for typed in [
        "7203",
        "7203.T",
        "TM",
        "Toyota Motor Corp",
        "JP3633400001",
        "7203 JP Equity",
        "tse: 7203",
        "  7203   jt ",
    ] {
        let text = home.stdout(["show", typed]);
        assert!(
            text.starts_with("Toyota Motor Corporation  TSE:7203"),
            "{typed}: {text}"
        );
        assert!(text.contains("no known program exposure"), "{text}");
        assert!(
            text.ends_with("\nSources\n  none\n"),
            "an empty section says so: {text}"
        );
        assert!(text.contains("NYSE:TM"), "{text}");
    }
    let json = home.json(["show", "MSFT", "--json"]);
    // Curated entities win: MSFT is the curated Microsoft with its exposures.
    assert!(!json["exposures"].as_array().unwrap().is_empty());
    let cal = home.stdout(["calendar", "--ticker", "7203"]);
    assert!(
        cal.contains("no known catalysts for Toyota Motor Corporation"),
        "{cal}"
    );
    // The other formats keep their shapes: a CSV header alone, `[]`, and no iCalendar file
    // without an event (exit 1, as for any filter that keeps nothing).
    let csv = home.stdout(["calendar", "--ticker", "7203", "--csv"]);
    assert_eq!(csv.lines().count(), 1, "{csv}");
    let json = home.stdout(["calendar", "--ticker", "7203", "--json"]);
    assert_eq!(json.trim(), "[]");
    home.aipx()
        .args(["calendar", "--ticker", "7203", "--ics"])
        .assert()
        .code(1);
    // Without an imported master, 7203 is the shipped universe's Toyota, which gives no ISIN.
    let empty = Home::new();
    let text = empty.stdout(["show", "7203"]);
    assert!(
        text.starts_with("Toyota Motor Corporation  TSE:7203"),
        "{text}"
    );
    empty.aipx().args(["show", "JP3633400001"]).assert().code(1);
}

/// With nothing imported, the shipped universe (`assets/universe.csv`) is the master: every
/// command finds its companies as it finds an imported master's.
#[test]
fn with_nothing_imported_the_shipped_universe_is_the_master() {
    let home = Home::new();
    for typed in [
        "7203",
        "TSE:7203",
        "7203.T",
        "7203 JT",
        "TM",
        "Toyota Motor",
    ] {
        let text = home.stdout(["show", typed]);
        assert!(
            text.starts_with(
                "Toyota Motor Corporation  TSE:7203\nJP · Autos · listed\nAlso listed: NYSE:TM\n"
            ),
            "{typed}: {text}"
        );
        assert!(text.contains("no known program exposure"), "{text}");
    }
    let json = home.json(["show", "7203", "--json"]);
    assert_eq!(json["entity"]["exchange"], "TSE", "{json}");
    assert_eq!(json["entity"]["country"], "JP", "{json}");
    assert_eq!(json["exposures"], serde_json::json!([]), "{json}");
    assert_eq!(json["entity"]["origin"]["kind"], "master", "{json}");
    // Curated entities keep their exposures.
    let nvda = home.json(["show", "NVDA", "--json"]);
    assert!(!nvda["exposures"].as_array().unwrap().is_empty());
    // A unit of a listed company is a name of its parent.
    let aws = home.stdout(["show", "AWS"]);
    assert!(aws.contains("NASDAQ:AMZN"), "{aws}");
    // Did you mean: the universe's companies are among the closest names.
    let err = home.fails(["show", "toyotta"], 1);
    assert!(
        err.contains("Did you mean") && err.contains("TSE:7203 (Toyota Motor Corporation)"),
        "{err}"
    );
    // Search, with the company's listing.
    let found = home.stdout(["search", "toyota"]);
    let first = found.lines().next().unwrap_or("");
    assert!(
        first.contains("TSE:7203") && first.contains("Toyota Motor Corporation"),
        "{found}"
    );
    let cal = home.stdout(["calendar", "--ticker", "7203"]);
    assert!(
        cal.contains("no known catalysts for Toyota Motor Corporation"),
        "{cal}"
    );
    // Watchlists hold it, and their exposure counts it.
    let added = home.stdout(["watchlist", "add", "ideas", "7203"]);
    assert!(added.contains("TSE:7203"), "{added}");
    let book = home.json(["exposure", "--watchlist", "ideas", "--json"]);
    assert!(
        book.to_string().contains("Toyota Motor Corporation"),
        "{book}"
    );
    // `listings` says what serves.
    let said = home.stdout(["listings"]);
    assert!(
        said.starts_with("No listings imported: the shipped universe ("),
        "{said}"
    );
    assert!(said.contains("serves as the master"), "{said}");
    let v = home.json(["listings", "--json"]);
    assert_eq!(v["serves"], "shipped", "{v}");
    assert_eq!(v["rows"], 0, "{v}");
    assert!(v["companies"].as_u64().unwrap() > 400, "{v}");
    assert!(
        said.contains(&format!("({} companies", v["companies"])),
        "{said}"
    );
    // Nothing was written to the data folder but the watchlist.
    assert!(!home.path().join("aipx/master.bin").exists());
    // The TUI, as it starts, finds it by its search box.
    let screen = home.screen("120x40", "/toyota");
    assert!(screen.contains("Toyota Motor Corporation"), "{screen}");
    assert!(screen.contains("TSE"), "{screen}");
    // `w` there toggles it in the watchlist shown (the query remembered from the run above
    // cleared first).
    let screen = home.screen("120x30", "/<C-u>toyota motor<Enter>w");
    let status = screen.lines().last().unwrap();
    // It is in `ideas` already (added above): `w` takes it out again.
    assert!(status.contains("removed TSE:7203 from ideas"), "{status}");
}

/// A master that cannot be read is reported and left as it is; where the commands go on (the
/// TUI, the watchlists), the shipped universe serves in its place.
#[test]
fn a_damaged_master_leaves_the_shipped_universe_serving() {
    let home = Home::new();
    let path = home.path().join("aipx/master.bin");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, b"garbage").unwrap();
    // What needs the master says why it cannot read it (exit 2).
    home.fails(["show", "7203"], 2);
    let (_, err) = home.said(["watchlist", "add", "ideas", "7203"]);
    assert!(
        err.contains("damaged") && err.contains("the shipped universe serves"),
        "{err}"
    );
    let screen = home.screen("120x30", "/toyota");
    assert!(screen.contains("Toyota Motor Corporation"), "{screen}");
    let status = screen.lines().last().unwrap();
    assert!(
        status.contains("master.bin damaged, left as is; embedded data in use"),
        "{status}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), b"garbage", "left as it is");
}

#[test]
fn a_damaged_master_is_reported_not_replaced() {
    let home = Home::new();
    std::fs::create_dir_all(home.path().join("aipx")).unwrap();
    std::fs::write(home.path().join("aipx/master.bin"), b"garbage").unwrap();
    let err = home.fails(["listings"], 2);
    assert!(err.contains("damaged"), "{err}");
    assert_eq!(
        std::fs::read(home.path().join("aipx/master.bin")).unwrap(),
        b"garbage"
    );
}

#[test]
fn the_reference_listings_import_whole() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/listings");
    if !dir.is_dir() {
        eprintln!("skipped: ../shared/reference/listings is missing");
        return;
    }
    let home = Home::new();
    home.aipx()
        .args(["listings", "import"])
        .arg(dir.join("us-exchanges"))
        .arg(dir.join("financedatabase"))
        .assert()
        .success();
    let text = home.stdout(["show", "7203"]);
    assert!(
        text.starts_with("Toyota Motor Corporation  TSE:7203"),
        "{text}"
    );
    let v = home.json(["listings", "--json"]);
    assert!(v["rows"].as_u64().unwrap() > 60_000, "{}", v["rows"]);
}

#[test]
fn search_and_the_tui_cover_the_master_curated_first() {
    let home = Home::new();
    let mut paths = home.fixtures();
    // A master company spelled exactly as a curated one, on a listing the curated data
    // does not have: it ties with the curated entity, which must come first.
    let twin = home.write(
        "twin.csv",
        "symbol,name,exchange,country\nSFTBX,SoftBank Group Corp.,NYSE,US\n",
    );
    paths.push(twin);
    home.import(&paths);
    // A company only the master knows is found, with its listing.
    let found = home.stdout(["search", "inari"]);
    assert!(
        found.lines().next().unwrap_or("").contains("MYX:0166"),
        "{found}"
    );
    // A symbol only the master knows, named exactly.
    let tm = home.json(["search", "TM", "--json"]);
    assert_eq!(tm[0]["name"], "Toyota Motor Corporation", "{tm}");
    assert_eq!(tm[0]["exact"], true, "{tm}");
    // Equal scores: the curated SoftBank (with its exposures) before the master's twin.
    let tie = home.json(["search", "softbank group", "--json", "--limit", "5"]);
    let names: Vec<(&str, &str)> = tie
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["id"].as_str().unwrap(), h["name"].as_str().unwrap()))
        .collect();
    let twin_at = names.iter().position(|(id, _)| id.contains("SFTBX"));
    let curated_at = names.iter().position(|(id, _)| *id == "9984.T");
    assert!(
        curated_at.is_some() && twin_at.is_some() && curated_at < twin_at,
        "curated first: {names:?}"
    );
    // The TUI (headless, starting as the TUI does) finds and shows a master company.
    let screen = home.screen("120x40", "/inari");
    assert!(screen.contains("Inari Amertron Berhad"), "{screen}");
    assert!(screen.contains("MYX"), "{screen}");
}

#[test]
fn a_damaged_section_is_reported_by_show() {
    let home = Home::new();
    home.import(home.fixtures());
    let path = home.path().join("aipx/master.bin");
    let mut bytes = std::fs::read(&path).unwrap();
    // A byte of the stored lookup (the first section, right after the section table).
    let at = 8 + 16 * 6 + 3;
    bytes[at] ^= 0x55;
    std::fs::write(&path, &bytes).unwrap();
    let err = home.fails(["show", "7203"], 2);
    assert!(err.contains("damaged"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "left as it is");
}

/// An import rewrites the master from the listings it holds: damage in the parts built
/// from them (here the catalog) is said, and they are rebuilt; damage in the listings
/// themselves stops the import and leaves the file as it is.
#[test]
fn an_import_says_what_damage_it_rebuilds_and_stops_at_damaged_listings() {
    let home = Home::new();
    let paths = home.fixtures();
    home.import(&paths);
    let path = home.path().join("aipx/master.bin");
    let sound = std::fs::read(&path).unwrap();
    let word = |bytes: &[u8], at: usize| {
        u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap()) as usize
    };
    // The catalog is the fourth section, the listings the fifth.
    let start = |bytes: &[u8], s: usize| {
        8 + 16 * 6 + (0..s).map(|i| word(bytes, 8 + 16 * i)).sum::<usize>()
    };
    let mut bytes = sound.clone();
    bytes[start(&sound, 3) + 3] ^= 0x55;
    std::fs::write(&path, &bytes).unwrap();
    let (said, err) = home.said(["listings", "import", paths[4].to_str().unwrap()]);
    assert!(
        err.contains("master.bin: damaged (checksum mismatch); its listings are sound"),
        "{err}"
    );
    assert!(said.contains("4 companies in all"), "{said}");
    assert!(home.stdout(["search", "toyota"]).contains("TSE:7203"));

    let mut bytes = std::fs::read(&path).unwrap();
    let at = start(&bytes, 4) + 3;
    bytes[at] ^= 0x55;
    std::fs::write(&path, &bytes).unwrap();
    let err = home.fails(["listings", "import", paths[4].to_str().unwrap()], 2);
    assert!(err.contains("damaged"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "left as it is");
}

#[test]
fn damage_where_the_tui_passes_over_the_catalog_is_still_found() {
    let home = Home::new();
    home.import(home.fixtures());
    let path = home.path().join("aipx/master.bin");
    let mut bytes = std::fs::read(&path).unwrap();
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap()) as usize;
    // The catalog is the fourth section; its key hashes its eighth part (each a length and
    // its bytes), which the TUI reads past without keeping.
    let mut at = 8 + 16 * 6 + (0..3).map(|s| word(8 + 16 * s)).sum::<usize>();
    for _ in 0..7 {
        at += 8 + word(at);
    }
    assert!(word(at) > 0, "key hashes stored");
    bytes[at + 8] ^= 0x55;
    std::fs::write(&path, &bytes).unwrap();
    let screen = home.screen("120x30", "/toyota");
    let status = screen.lines().last().unwrap();
    assert!(
        status.contains("master.bin damaged, left as is; embedded data in use"),
        "{status}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "left as it is");
}

/// A master an older aipx wrote (format 1: the magic `aipxmst1` and its rows, encoded
/// otherwise) is named as such, with what rebuilds it, and never replaced behind the user's
/// back: commands that need it exit 2, the TUI says so and runs on the embedded data, and
/// `listings import` rebuilds it, saying so.
#[test]
fn a_master_from_an_older_aipx_says_so_and_how_to_rebuild_it() {
    let home = Home::new();
    let path = home.path().join("aipx/master.bin");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let old = b"aipxmst1\x02\x0bsome old rows".to_vec();
    std::fs::write(&path, &old).unwrap();
    let says_older = |err: &str| {
        assert!(
            err.contains("written by an older aipx (master format 1"),
            "{err}"
        );
        assert!(err.contains("aipx listings import"), "{err}");
        assert!(err.contains("aipx listings clear"), "{err}");
        assert!(!err.contains("damaged"), "{err}");
    };
    says_older(&home.fails(["listings"], 2));
    says_older(&home.fails(["show", "7203"], 2));
    // A curated name does not need the master.
    home.aipx().args(["show", "NVDA"]).assert().success();
    // The TUI starts on the embedded data and its status bar says why, past the first keys.
    let screen = home.screen("120x30", "/soft");
    assert!(screen.contains("SoftBank"), "{screen}");
    let status = screen.lines().last().unwrap();
    assert!(
        status.contains(
            "master.bin from an older aipx, left as is; embedded data in use; rebuild: aipx listings import · Esc hides"
        ),
        "{status}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), old, "left as it is");
    // A newer aipx's master stops an import, untouched.
    let newer = b"aipxmst9 from the future".to_vec();
    std::fs::write(&path, &newer).unwrap();
    let out = home
        .aipx()
        .args(["listings", "import"])
        .args(home.fixtures())
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("written by a newer aipx (master format 9"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), newer);
    // Importing rebuilds the older one, and says so.
    std::fs::write(&path, &old).unwrap();
    let out = home
        .aipx()
        .args(["listings", "import"])
        .args(home.fixtures())
        .assert()
        .success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("written by an older aipx (master format 1): rebuilt"),
        "{err}"
    );
    assert!(std::fs::read(&path).unwrap().starts_with(b"aipxmst4"));
    let shown = home.stdout(["show", "7203"]);
    assert!(shown.contains("Toyota"), "{shown}");
}

#[test]
fn a_curated_alias_with_a_legal_form_put_after_it_is_not_a_master_company_of_that_name() {
    let home = Home::new();
    let file = home.write(
        "jp.csv",
        "symbol,name,exchange,country\n9434.T,SoftBank Corp.,,JP\n",
    );
    // With nothing imported, the shipped universe knows SoftBank Corp. already.
    let text = home.stdout(["show", "SoftBank Corp"]);
    assert!(text.starts_with("SoftBank Corp.  TSE:9434"), "{text}");
    // A master that does not know it leaves the curated SoftBank Group the only SoftBank.
    let other = home.write(
        "other.csv",
        "symbol,name,exchange,country\n7974.T,\"Nintendo Co., Ltd.\",,JP\n",
    );
    home.import([&other]);
    let text = home.stdout(["show", "SoftBank Corp"]);
    assert!(text.starts_with("SoftBank Group Corp.  TSE:9984"), "{text}");
    home.import([&file]);
    // SoftBank Corp. is its own company (9434), not the alias "SoftBank" of SoftBank Group
    // Corp. with "Corp" put after it.
    for typed in ["SoftBank Corp", "SoftBank Corp.", "9434"] {
        let text = home.stdout(["show", typed]);
        assert!(
            text.starts_with("SoftBank Corp.  TSE:9434"),
            "{typed}: {text}"
        );
        let cal = home.stdout(["calendar", "--ticker", typed]);
        assert!(
            cal.contains("no known catalysts for SoftBank Corp."),
            "{typed}: {cal}"
        );
    }
    // The curated names still name SoftBank Group.
    for typed in ["SoftBank", "SoftBank Group Corporation", "9984"] {
        let text = home.stdout(["show", typed]);
        assert!(
            text.starts_with("SoftBank Group Corp.  TSE:9984"),
            "{typed}: {text}"
        );
    }
}

#[test]
fn hostile_listing_files_are_refused_or_reported_and_never_stop_the_rest() {
    let home = Home::new();
    let d = home.files();
    // Control characters in a symbol (a bad row) and in a name (removed), a field of a
    // megabyte, twenty rows with no name: each is reported, the good rows go in.
    let mut plain = String::from(
        "symbol,name,exchange\nGOOD,Good \u{1b}]52;c;aGk=\u{7}Works\u{202e} Inc.,TSE\nEV\u{1b}[31mIL,Evil Corp,TSE\n",
    );
    plain.push_str(&format!("HUGE,{},TSE\n", "A".repeat(1 << 20)));
    for i in 0..20 {
        plain.push_str(&format!("N{i},,TSE\n"));
    }
    std::fs::write(d.join("plain.csv"), plain).unwrap();
    // Windows-1252, as an older spreadsheet saves it.
    std::fs::write(
        d.join("latin.csv"),
        b"symbol,name,exchange\nCAFE,Caf\xe9 Soci\xe9t\xe9 S.A.,EPA\n",
    )
    .unwrap();
    // Binary noise, and a file far over the size limit (sparse: no disk used).
    let noise: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(d.join("noise.csv"), noise).unwrap();
    std::fs::File::create(d.join("huge.csv"))
        .unwrap()
        .set_len(300 << 20)
        .unwrap();
    // JSON whose items are not rows.
    std::fs::write(
        d.join("numbers.json"),
        format!("[{}1]", "1,".repeat(10_000)),
    )
    .unwrap();
    let mut paths: Vec<PathBuf> = [
        "plain.csv",
        "latin.csv",
        "noise.csv",
        "huge.csv",
        "numbers.json",
    ]
    .iter()
    .map(|f| d.join(f))
    .collect();
    #[cfg(unix)]
    {
        let fifo = d.join("fifo.csv");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            paths.push(fifo);
        } else {
            eprintln!("skipped the FIFO case: mkfifo failed");
        }
    }
    let out = home
        .aipx()
        .args(["listings", "import"])
        .args(&paths)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    let said = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        !err.contains('\u{1b}') && !said.contains('\u{1b}') && !err.contains('\u{202e}'),
        "nothing raw reaches the terminal: {err:?}"
    );
    assert!(err.contains("plain.csv:3: skipped"), "{err}");
    assert!(err.contains("control character in the symbol"), "{err}");
    assert!(
        err.contains("plain.csv:4: skipped: HUGE: a field longer than"),
        "{err}"
    );
    // Five bad rows are shown, the rest counted: 2 + 20 no-name rows + 10,001 numbers.
    assert_eq!(err.matches("skipped:").count(), 5, "{err}");
    assert!(err.contains("and 10018 more bad rows skipped"), "{err}");
    assert!(
        err.contains("latin.csv: not UTF-8, read as windows-1252"),
        "{err}"
    );
    assert!(err.contains("noise.csv:"), "{err}");
    assert!(
        err.contains("huge.csv: file is 300 MiB, over the limit of 256 MiB"),
        "{err}"
    );
    if paths.len() == 6 {
        assert!(
            err.contains("fifo.csv: a FIFO, not a regular file"),
            "{err}"
        );
    }
    assert!(said.contains("imported 2 listings"), "{said}");
    let good = home.stdout(["show", "TSE:GOOD", "--json"]);
    assert!(good.contains("\"Good ]52;c;aGk=Works Inc.\""), "{good}");
    let cafe = home.stdout(["show", "CAFE.PA"]);
    assert!(cafe.contains("Café Société S.A."), "{cafe}");
}

#[test]
fn an_sec_file_in_its_real_shape_adds_listings_without_a_country_it_does_not_give() {
    let home = Home::new();
    let paths = home.fixtures();
    home.import(&paths);
    // The SEC's own shape: names as filed (`/DE/`, a trailing slash), foreign filers among
    // US ones, some with no exchange.
    let sec = home.write(
        "company_tickers_exchange.json",
        r#"{"fields":["cik","name","ticker","exchange"],"data":[
            [789019,"MICROSOFT CORP","MSFT","Nasdaq"],
            [1094517,"TOYOTA MOTOR CORP/","TM","NYSE"],
            [70858,"BANK OF AMERICA CORP /DE/","BAC","NYSE"],
            [1000045,"NICHOLAS FINANCIAL INC","NICK",null],
            [1409375,"OTC NAME INC","ONIX","OTC"]]}"#,
    );
    let out = home
        .aipx()
        .args(["listings", "import"])
        .arg(&sec)
        .assert()
        .success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("company_tickers_exchange.json:item 4: skipped: NICK: no exchange"),
        "{err}"
    );
    // Toyota stays a Japanese company listed in Tokyo first, with its ADR.
    let tm = home.json(["show", "TM", "--json"]);
    let entity = &tm["entity"];
    assert_eq!(entity["country"], "JP", "{tm}");
    assert_eq!(entity["exchange"], "TSE", "{tm}");
    assert_eq!(entity["name"], "Toyota Motor Corporation", "{tm}");
    let bac = home.stdout(["show", "BAC"]);
    assert!(bac.starts_with("BANK OF AMERICA CORP  NYSE:BAC"), "{bac}");
    // Neither a country nor a sector is said where no file gives one: a NYSE listing is
    // no company's country (foreign filers list there).
    assert!(bac.contains("NYSE:BAC\nlisted\n"), "{bac}");
    assert_eq!(
        home.json(["show", "BAC", "--json"])["entity"]["country"],
        ""
    );
    let otc = home.stdout(["show", "ONIX"]);
    assert!(otc.contains("OTC:ONIX"), "{otc}");
}

/// The NASDAQ screener's `BRK/B` and the SEC's `BRK-B` are one listing, spelt as the
/// screener spells it (its rows say more of the company: country, market value) whichever
/// file is imported first; a sector either gives is kept.
#[test]
fn a_share_class_from_two_files_is_spelt_by_a_rule_not_by_import_order() {
    let files = Home::new();
    let nyse = files.write(
        "nyse.json",
        r#"[{"symbol":"BRK/A","name":"Berkshire Hathaway Inc.","country":"United States","sector":"","marketCap":"1093594819000.00"},
            {"symbol":"BRK/B","name":"Berkshire Hathaway Inc.","country":"United States","sector":"Finance","marketCap":"1093933303969.00"}]"#,
    );
    let sec = files.write(
        "company_tickers_exchange.json",
        r#"{"fields":["cik","name","ticker","exchange"],"data":[
            [1067983,"BERKSHIRE HATHAWAY INC","BRK-B","NYSE"],
            [1067983,"BERKSHIRE HATHAWAY INC","BRK-A","NYSE"]]}"#,
    );
    for order in [[&nyse, &sec], [&sec, &nyse]] {
        let home = Home::new();
        for file in order {
            home.import([file]);
        }
        let shown = home.json(["show", "BRK.B", "--json"]);
        let entity = &shown["entity"];
        let symbols: Vec<&str> = entity["listings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["symbol"].as_str().unwrap())
            .collect();
        assert_eq!(symbols, ["BRK/A", "BRK/B"], "{shown}");
        assert_eq!(entity["name"], "Berkshire Hathaway Inc.", "{shown}");
        assert_eq!(entity["sector"], "Finance", "{shown}");
    }
}

#[test]
fn a_plain_file_without_a_header_is_read_and_errors_name_the_file_once() {
    let home = Home::new();
    let plain = home.write(
        "mine.csv",
        "7203.T,Toyota Motor Corporation,\nNESN,Nestle S.A.,SIX,CH,Food,CH0038863350\n",
    );
    let said = stdout(home.aipx().args(["listings", "import"]).arg(&plain));
    assert!(said.contains("imported 2 listings"), "{said}");
    let nestle = home.stdout(["show", "CH0038863350"]);
    assert!(nestle.starts_with("Nestle S.A.  SIX:NESN"), "{nestle}");
    assert!(nestle.contains("CH · Food"), "{nestle}");

    let out = home
        .aipx()
        .args(["listings", "import", "--format", "nasdaq-json"])
        .arg(&plain)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(
        err.matches("mine.csv").count(),
        1,
        "the file is named once, with the line and column: {err}"
    );
    assert!(err.contains("mine.csv:1:6: "), "{err}");
}

#[test]
fn a_name_only_close_to_master_companies_suggests_them() {
    let home = Home::new();
    home.import(home.fixtures());
    for args in [
        &["show", "Toyota"][..],
        &["calendar", "--ticker", "Toyota"][..],
    ] {
        let err = home.fails(args, 1);
        assert!(
            err.contains("Did you mean") && err.contains("TSE:7203 (Toyota Motor Corporation)"),
            "{args:?}: never `no close matches` for what the master's search finds: {err}"
        );
    }
    let err = home.fails(["show", "zzqqxx"], 1);
    assert!(err.contains("no close matches"), "{err}");
}

/// "Did you mean" with a master imported: the master's companies are offered beside the
/// curated entities, closest first, a curated entity first on a tie (`nvidiy` is as close
/// to `nvidix` as `nvidia`), and a master company that is a curated entity (a listing in
/// common) once, as the curated one.
#[test]
fn did_you_mean_offers_the_master_companies_curated_first_on_ties() {
    let home = Home::new();
    let file = home.write(
        "mine.csv",
        "symbol,name,exchange,country\n\
         NVDA,NVIDIA Corp,NASDAQ,US\n\
         NVDX,Nvidiy Inc.,NASDAQ,US\n\
         7203.T,Toyota Motor Corp.,,JP\n\
         5310.T,\"Toyo Tanso Co., Ltd.\",,JP\n",
    );
    home.import([&file]);
    let err = home.fails(["show", "nvidix"], 1);
    let offered: Vec<&str> = err.lines().skip(1).map(str::trim).collect();
    assert_eq!(
        offered,
        [
            "NASDAQ:NVDA (NVIDIA Corporation)",
            "NASDAQ:NVDX (Nvidiy Inc.)"
        ],
        "{err}"
    );
    let err = home.fails(["show", "toyo tanzo"], 1);
    assert!(err.contains("TSE:5310 (Toyo Tanso Co., Ltd.)"), "{err}");
}

/// A bare symbol two companies are listed as: with nothing imported (the shipped universe
/// gives no sizes) `show` lists both, each with how to name it alone, and exits 1; either
/// listing form finds one. With a master whose files give sizes, the clearly larger takes the
/// symbol and `show` says on stderr which other company is listed as it.
#[test]
fn a_symbol_on_two_exchanges_lists_both_or_names_the_other() {
    let home = Home::new();
    let err = home.fails(["show", "2382"], 1);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            "aipx: \"2382\" is a symbol on 2 exchanges; name the listing you mean, as `TWSE:2382`:",
            "  TWSE:2382 or 2382.TW  Quanta Computer Inc.",
            "  HKEX:2382 or 2382.HK  Sunny Optical Technology (Group) Company Limited",
        ],
        "{err}"
    );
    for (typed, name) in [
        ("TWSE:2382", "Quanta Computer Inc.  TWSE:2382"),
        ("2382.TW", "Quanta Computer Inc.  TWSE:2382"),
        (
            "2382 HK",
            "Sunny Optical Technology (Group) Company Limited  HKEX:2382",
        ),
    ] {
        let text = home.stdout(["show", typed]);
        assert!(text.starts_with(name), "{typed}: {text}");
    }

    let jpx = home.financedatabase(
        "JPX.csv",
        "6971.T,Kyocera Corporation,JPY,,,,JPX,XJPX,Tokyo,Japan,Large Cap,,,False\n",
    );
    let kls = home.financedatabase(
        "KLS.csv",
        "6971.KL,Kobay Technology Bhd.,MYR,,,,KLS,XKLS,Bursa Malaysia,Malaysia,Nano Cap,,,False\n",
    );
    home.import([jpx, kls]);
    let (text, err) = home.said(["show", "6971"]);
    assert!(text.starts_with("Kyocera Corporation  TSE:6971"), "{text}");
    assert_eq!(
        err,
        "aipx: \"6971\" is also MYX:6971 (Kobay Technology Bhd.); `aipx show MYX:6971` shows it\n"
    );
    // A listing form names one company: nothing else to say.
    assert_eq!(home.said(["show", "TSE:6971"]).1, "");
}

/// A bare number that pads to a Hong Kong code (`700`: Tencent's `0700`) and is also a
/// German venue's symbol of a smaller company (Hamburg's `700`, Certara): the larger company
/// takes it and `show` names the other on stderr; with no sizes to tell them apart, both are
/// listed with how to name each. Never the Hamburg copy alone.
#[test]
fn a_bare_hong_kong_number_is_never_taken_by_a_german_venues_symbol_alone() {
    let home = Home::new();
    let hkg = home.financedatabase(
        "HKG.csv",
        "0700.HK,Tencent Holding Ltd.,HKD,,,,HKG,XHKG,Hong Kong,China,Mega Cap,,,False\n",
    );
    let ham = home.financedatabase(
        "HAM.csv",
        "700.HM,\"Certara, Inc.\",EUR,,,,HAM,XHAM,Hamburg,United States,Mid Cap,,,False\n",
    );
    let nasdaq = home.write(
        "nasdaq.json",
        r#"[{"symbol":"CERT","name":"Certara Inc. Common Stock","country":"United States","marketCap":"2100000000"}]"#,
    );
    home.import([hkg, ham, nasdaq]);
    for typed in ["700", "00700", "0700"] {
        let text = home.stdout(["show", typed]);
        assert!(
            text.starts_with("Tencent Holding Ltd.  HKEX:0700"),
            "{typed}: {text}"
        );
    }
    assert_eq!(
        home.said(["show", "700"]).1,
        "aipx: \"700\" is also HAM:700 (Certara Inc.); `aipx show HAM:700` shows it\n"
    );
    let certara = home.stdout(["show", "HAM:700"]);
    assert!(
        certara.starts_with("Certara Inc.  NASDAQ:CERT"),
        "{certara}"
    );

    // A plain file gives no sizes: both are listed, and nothing is shown.
    let sizeless = Home::new();
    let plain = home.write(
        "plain.csv",
        "symbol,name,exchange,country\n0700,Tencent Holding Ltd.,HKEX,CN\n700,Certara Inc.,HAM,US\n",
    );
    sizeless.import([plain]);
    let err = sizeless.fails(["show", "700"], 1);
    assert!(err.contains("\"700\" is a symbol on 2 exchanges"), "{err}");
    assert!(
        err.contains("  HKEX:0700 or 0700.HK  Tencent Holding Ltd.\n"),
        "{err}"
    );
    assert!(err.contains("  HAM:700 or 700.HM"), "{err}");
}

/// A German share's Reuters code whose root is not the Xetra symbol (`BAYGn.DE` for `BAYN`,
/// `VOWG_p.DE` for `VOW3`, `MRCG.DE` for `MRK`) finds the listing the data holds, of a
/// German company whose name spells the root; a listing near the root of a company named
/// otherwise or based elsewhere is never taken for it. With nothing imported and with a
/// master alike.
#[test]
fn a_german_reuters_code_finds_the_listing_the_data_holds() {
    let home = Home::new();
    for (typed, shown) in [
        ("MRCG.DE", "Merck KGaA  XETRA:MRK"),
        ("VOWG_p.DE", "Volkswagen AG  XETRA:VOW3"),
        ("ENR1n.DE", "Siemens Energy AG  XETRA:ENR"),
    ] {
        let text = home.stdout(["show", typed]);
        assert!(text.starts_with(shown), "{typed}: {text}");
    }
    let ger = home.financedatabase(
        "GER.csv",
        "BAYN.DE,Bayer Aktiengesellschaft,EUR,,,,GER,XETR,XETRA,Germany,Large Cap,,,False\n\
             BAYX.DE,Xylo Holdings AG,EUR,,,,GER,XETR,XETRA,Germany,Micro Cap,,,False\n\
             HEN3.DE,Henkel AG & Co. KGaA,EUR,,,,GER,XETR,XETRA,Germany,Large Cap,,,False\n\
             HNK1.DE,Heineken N.V.,EUR,,,,GER,XETR,XETRA,Netherlands,Large Cap,,,False\n",
    );
    home.import([ger]);
    let bayer = home.stdout(["show", "BAYGn.DE"]);
    assert!(
        bayer.starts_with("Bayer Aktiengesellschaft  XETRA:BAYN"),
        "{bayer}"
    );
    // Henkel's root `HNK` is two characters off `HEN3`, one off Heineken's `HNK1`: not found,
    // rather than the Dutch brewer.
    home.fails(["show", "HNKG_p.DE"], 1);
}

/// A mistyped ISIN: its check digit is named wrong, and the companies known by an ISIN one
/// slip away (a character off, two swapped) are offered; with nothing imported, `show` says
/// the shipped universe gives no ISINs.
#[test]
fn a_mistyped_isin_says_so_and_offers_the_isin_one_slip_away() {
    let home = Home::new();
    let err = |typed: &str| home.fails(["show", typed], 1);
    assert_eq!(
        err("JP3633400002"),
        "aipx: \"JP3633400002\" is no valid ISIN (its check digit should be 1, not 2); the shipped universe gives no ISINs: import listing files that do (`aipx listings import`)\n"
    );
    home.import(home.fixtures());
    for typed in [
        "JP3633400002",
        "JP3633400011",
        "JP3634300001",
        "jp3633400002",
    ] {
        let said = err(typed);
        let lines: Vec<&str> = said.lines().collect();
        assert_eq!(lines.len(), 2, "{said}");
        assert!(lines[0].contains("is no valid ISIN"), "{said}");
        assert!(lines[0].ends_with(". Did you mean:"), "{said}");
        assert_eq!(
            lines[1],
            "  JP3633400001  TSE:7203 (Toyota Motor Corporation)"
        );
    }
    // A valid ISIN nobody has, nothing near.
    assert_eq!(
        err("US0378331005"),
        "aipx: no company with the ISIN \"US0378331005\" is known; no known ISIN is one character off\n"
    );
    let text = home.stdout(["show", "jp3633400001"]);
    assert!(
        text.starts_with("Toyota Motor Corporation  TSE:7203"),
        "{text}"
    );
}
