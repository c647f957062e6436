//! Every company on the reference listings resolves, as `aipx show` resolves a name: the
//! whole of `../shared/reference/listings/` is imported (by the crate's own parsers) into a
//! master in a temporary folder, and every 50th listing row, across every exchange, is
//! looked up by each form a trader writes: `EXCH:SYMBOL`, its Yahoo code (`7203.T`), its
//! Reuters code (`NVDA.O`, `VOD.L`, `0700.HK`, `NPN.J`) and Bloomberg code (`7203 JT`) where
//! the exchange has one, its ISIN, its name (as listed, and bare: `toyota motor`) and its bare
//! symbol, and as traders also write them: Bloomberg country composites with `Equity` (`7203
//! JP Equity`, `700 HK Equity`), lower case, loose spaces, a share class with another
//! separator (`BRK.B`, `BRK/B`) or as Reuters writes it (`BRKb.N`), a German share as Reuters
//! writes it (`SAPG.DE`). Skipped, with a message, when `../shared` is
//! missing.
//!
//! A listing form and an ISIN name one company: they must find it. A name or a bare symbol
//! may be shared (two companies of one name, `7203` in Tokyo and Kuala Lumpur); then the
//! candidates `show` lists must include it, or the clearly larger company takes it, or a
//! curated entity does (curated first, by design). The figures are printed.

use std::collections::{BTreeMap, HashMap};

use aipx::cli::{MasterHit, resolve, resolve_in};
use aipx::index::Index;
use aipx::listings::Companies;
use aipx::model::names::listing_key;
use aipx::model::{Entity, EntityId, Exchange};

#[path = "support/reference.rs"]
mod reference;

/// What `show` made of one typed form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    /// The company itself (or the curated entity that is it).
    Found,
    /// `show` lists candidates, the company among them.
    Listed,
    /// Another company took the name: a curated entity, or the clearly larger of two.
    Taken,
    /// Nothing, or a wrong company alone.
    Missed,
}

/// Whether `e` is the company holding `listing` (`EXCH:SYMBOL`, in any spelling of the
/// symbol: `BRK/B` and `BRK-B` are one listing) or `isin`.
fn is(e: &Entity, exchange: &str, symbol: &str, isin: &str) -> bool {
    let key = Exchange::parse(exchange).map(|x| listing_key(x, symbol));
    e.listings
        .iter()
        .any(|l| Some(listing_key(l.exchange, &l.symbol)) == key)
        || e.aliases.iter().any(|a| {
            a.eq_ignore_ascii_case(&format!("{exchange}:{symbol}"))
                || (!isin.is_empty() && a == isin)
        })
}

#[test]
fn every_listed_company_resolves_by_each_form() {
    let Some(dir) = reference::dir() else {
        println!("skipped: ../shared/reference/listings not found");
        return;
    };
    let master = reference::master(&dir);
    let tmp = tempfile::tempdir().expect("temp dir");
    let path = tmp.path().join("master.bin");
    master.save_at(&path).expect("master saved");
    let companies = Companies::load_at(&path)
        .expect("master reads back")
        .expect("master is there");
    let index = Index::new(aipx::data::load(None).expect("embedded dataset loads"));

    let name_of = |exchange: &str, symbol: &str| {
        let held = companies
            .resolve(&format!("{exchange}:{symbol}"))
            .expect("lookup reads");
        let all = held
            .entities()
            .iter()
            .map(|&j| companies.get(j).expect("record reads").0);
        let mut all: Vec<Entity> = all.collect();
        let at = all
            .iter()
            .position(|e| is(e, exchange, symbol, ""))
            .unwrap_or(0);
        all.swap_remove(at).name
    };
    let lookup = |typed: &str, exchange: &str, symbol: &str, isin: &str| -> Outcome {
        let same_curated = |e: EntityId| {
            let curated = index.entity(e);
            // The curated entity is the company when it holds one of the company's listings
            // or its ISIN.
            let Some(mine) = companies
                .resolve(&format!("{exchange}:{symbol}"))
                .expect("lookup reads")
                .entities()
                .first()
                .map(|&j| companies.get(j).expect("record reads").0)
            else {
                return is(curated, exchange, symbol, isin);
            };
            curated.listings.iter().any(|l| mine.listings.contains(l))
                || (!isin.is_empty() && curated.aliases.iter().any(|a| a == isin))
        };
        match resolve(&index, typed) {
            Ok(e) if same_curated(e) => return Outcome::Found,
            Ok(_) => return Outcome::Taken,
            Err(_) => {}
        }
        match resolve_in(&companies, &index, typed) {
            Ok(Some(MasterHit::Company(found, e)))
                if is(found.entity(e), exchange, symbol, isin) =>
            {
                Outcome::Found
            }
            Ok(Some(MasterHit::Curated(e))) if same_curated(e) => Outcome::Found,
            Ok(Some(_)) => {
                let shared = companies
                    .resolve(typed)
                    .expect("lookup reads")
                    .entities()
                    .len()
                    > 1;
                if shared {
                    Outcome::Taken
                } else {
                    Outcome::Missed
                }
            }
            Ok(None) => Outcome::Missed,
            Err(_) => {
                let listed = companies
                    .resolve(typed)
                    .expect("lookup reads")
                    .entities()
                    .iter()
                    .any(|&j| {
                        let (e, _) = companies.get(j).expect("record reads");
                        is(&e, exchange, symbol, isin)
                    });
                if listed {
                    Outcome::Listed
                } else {
                    Outcome::Missed
                }
            }
        }
    };

    // form -> outcome -> count
    let mut tally: BTreeMap<&str, BTreeMap<Outcome, usize>> = BTreeMap::new();
    let mut misses: Vec<String> = Vec::new();
    let mut exchanges: HashMap<String, usize> = HashMap::new();
    let rows: Vec<_> = master.rows().collect();
    for row in rows.iter().step_by(50) {
        *exchanges.entry(row.exchange.clone()).or_default() += 1;
        let (x, s, isin) = (
            row.exchange.as_str(),
            row.symbol.as_str(),
            row.isin.as_str(),
        );
        let known = Exchange::parse(x);
        let mut forms: Vec<(&str, String, bool)> = vec![("EXCH:SYMBOL", format!("{x}:{s}"), true)];
        if let Some(ex) = known {
            let spellings = ex.spellings(s);
            // Yahoo: the suffix form, or the bare symbol on a US venue.
            if let Some(yahoo) = spellings.iter().find(|f| f.starts_with(&format!("{s}."))) {
                forms.push(("Yahoo", yahoo.clone(), true));
            } else {
                forms.push(("Yahoo", s.to_string(), false));
            }
            if let Some(bloomberg) = spellings.iter().find(|f| f.starts_with(&format!("{s} "))) {
                forms.push(("Bloomberg", bloomberg.clone(), false));
                // As typed in a hurry: lower case, spaces around and between.
                forms.push((
                    "Bloomberg loose",
                    format!("  {}  ", bloomberg.to_lowercase().replace(' ', "   ")),
                    false,
                ));
            }
            // Bloomberg's country composite (`7203 JP`, `SAP GR`, `RY CN`, `RELIANCE IN`),
            // with the terminal's `Equity`; Hong Kong numbers without their zeros (`700 HK`).
            let composite = match ex.country() {
                "JP" => Some("JP"),
                "DE" => Some("GR"),
                "CA" => Some("CN"),
                "IN" => Some("IN"),
                "US" => Some("US"),
                "HK" => Some("HK"),
                _ => None,
            };
            if let Some(code) = composite {
                let bare = if code == "HK" && s.bytes().all(|b| b.is_ascii_digit()) {
                    s.trim_start_matches('0')
                } else {
                    s
                };
                forms.push((
                    "Bloomberg composite",
                    format!("{bare} {code} Equity"),
                    false,
                ));
            }
            // A share class written with another separator (`BRK.B`, `BRK-B`, `BRK/B`).
            if let Some(at) = s.rfind(['.', '-', '/'])
                && s.len() - at == 2
            {
                for sep in ['.', '-', '/'] {
                    if !s[at..].starts_with(sep) {
                        let other = format!("{}{sep}{}", &s[..at], &s[at + 1..]);
                        // Not unique: the other spelling may be another listing's own
                        // (`HMCC.P` and `HMCC-P` are two rows of the TSX Venture).
                        forms.push(("share class", format!("{x}:{other}"), false));
                    }
                }
            }
            if let Some(yahoo) = spellings.iter().find(|f| f.starts_with(&format!("{s}."))) {
                forms.push(("Yahoo lower case", yahoo.to_lowercase(), true));
            }
            // Reuters: the exchange's own suffix (`.O`, `.N`, `.J`), else Yahoo's, which
            // Reuters shares (`7203.T`, `VOD.L`, `0700.HK`).
            if let Some(ric) = ex.reuters_code(s) {
                forms.push(("Reuters", ric, true));
            }
            // As Reuters writes a share class (`BRKb.N`) and a German share (`SAPG.DE`):
            // a reading, not a listing's own spelling, so another listing spelt so may take it.
            if let Some(at) = s.rfind(['.', '-', '/'])
                && s.len() - at == 2
                && s[at + 1..]
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() && b != b'N')
                && let Some(ric) =
                    ex.reuters_code(&format!("{}{}", &s[..at], s[at + 1..].to_lowercase()))
            {
                forms.push(("Reuters share class", ric, false));
            }
            if ex.code() == "XETRA" && s.bytes().all(|b| b.is_ascii_uppercase()) {
                forms.push(("Reuters German", format!("{s}G.DE"), false));
            }
        }
        if !isin.is_empty() {
            forms.push(("ISIN", isin.to_string(), true));
        }
        // The name the company goes by (a German regional row's own is an abbreviation
        // with the share's par value: `CAESARS ENTMT INC. DL-,01`).
        let name = name_of(x, s);
        // As typed in a hurry: lower case, no legal form, no punctuation (`toyota motor`).
        forms.push(("name bare", aipx::model::names::key(&name), false));
        forms.push(("name", name, false));
        if known.is_some() {
            forms.push(("symbol", s.to_string(), false));
        }
        for (form, typed, unique) in forms {
            let outcome = lookup(&typed, x, s, isin);
            *tally.entry(form).or_default().entry(outcome).or_default() += 1;
            let bad = match outcome {
                Outcome::Found => false,
                Outcome::Listed | Outcome::Taken => unique,
                Outcome::Missed => true,
            };
            if bad {
                misses.push(format!(
                    "{form} {typed:?} ({x}:{s} {:?}): {outcome:?}",
                    row.name
                ));
            }
        }
    }
    let sampled: usize = exchanges.values().sum();
    println!(
        "{sampled} listings sampled (every 50th of {}) on {} exchanges",
        rows.len(),
        exchanges.len()
    );
    println!(
        "{:<20} {:>6} {:>6} {:>6} {:>6}",
        "form", "found", "listed", "taken", "missed"
    );
    for (form, by) in &tally {
        let n = |o| by.get(&o).copied().unwrap_or(0);
        println!(
            "{form:<20} {:>6} {:>6} {:>6} {:>6}",
            n(Outcome::Found),
            n(Outcome::Listed),
            n(Outcome::Taken),
            n(Outcome::Missed)
        );
    }
    for m in misses.iter().take(40) {
        println!("  {m}");
    }
    assert!(
        exchanges.len() >= 60,
        "only {} exchanges sampled",
        exchanges.len()
    );
    assert!(misses.is_empty(), "{} lookups failed", misses.len());
}

/// With the reference listings imported, search ranks equal matches by size (Toyota Motor
/// before Toyota Tsusho and Toyota Boshoku) and a company's whole name, typed with its legal
/// form, before another company's alias with that form added (`SoftBank Corp`: SoftBank
/// Corp., TSE:9434, before SoftBank Group, whose alias is `SoftBank`), as `show` resolves it.
#[test]
fn search_ranks_the_reference_master_by_size_and_whole_names() {
    let Some(dir) = reference::dir() else {
        println!("skipped: ../shared/reference/listings not found");
        return;
    };
    let home = tempfile::tempdir().expect("temp dir");
    reference::master(&dir)
        .save_at(&home.path().join("aipx/master.bin"))
        .expect("master saved");
    let symbols = |query: &str| -> Vec<String> {
        let out = assert_cmd::Command::cargo_bin("aipx")
            .unwrap()
            .env("XDG_DATA_HOME", home.path())
            .args(["search", query, "--limit", "5", "--json"])
            .assert()
            .success();
        let hits: Vec<serde_json::Value> =
            serde_json::from_slice(&out.get_output().stdout).expect("JSON hits");
        hits.iter()
            .map(|h| h["symbol"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let toyota = symbols("toyota");
    assert_eq!(toyota[0], "7203", "{toyota:?}");
    let at = |s: &str| toyota.iter().position(|x| x == s);
    assert!(at("8015") < at("3116"), "large before micro: {toyota:?}");
    let corp = symbols("SoftBank Corp");
    assert_eq!(corp[..2], ["9434", "9984"], "{corp:?}");
    assert_eq!(symbols("softbank")[0], "9984", "the curated alias, bare");
}

/// The master is what the listings say, not the order they came in: all of the reference
/// imported in the opposite order makes the same companies (each with the same primary
/// listing, name, country and sector, in the same order) and the same listings for the
/// entity linker. German companies are on Xetra, not the regional exchange whose file
/// comes first in the alphabet; Bayer is `BAYN`, not Xetra's other line `BAYA`.
#[test]
fn the_reference_master_does_not_depend_on_the_import_order() {
    let Some(dir) = reference::dir() else {
        println!("skipped: ../shared/reference/listings not found");
        return;
    };
    let mut files = reference::files(&dir);
    let forward = reference::master_of(&files);
    files.reverse();
    let backward = reference::master_of(&files);
    let companies = forward.sized_companies();
    let printed = |c: &[(Entity, aipx::ingest::lexicon::Size)]| {
        c.iter().map(|c| format!("{c:?}")).collect::<Vec<_>>()
    };
    let (a, b) = (printed(&companies), printed(&backward.sized_companies()));
    let differ: Vec<_> = a.iter().zip(&b).filter(|(a, b)| a != b).take(3).collect();
    assert!(differ.is_empty() && a.len() == b.len(), "{differ:#?}");
    let listed = |m: &aipx::listings::Master| {
        m.listed()
            .iter()
            .map(|l| format!("{}:{} {}", l.exchange, l.symbol, l.name))
            .collect::<Vec<_>>()
    };
    assert!(
        listed(&forward) == listed(&backward),
        "the linker's listings"
    );

    let id = |name: &str| {
        companies
            .iter()
            .find(|(e, _)| e.name == name)
            .map(|(e, _)| e.id.clone())
    };
    assert_eq!(id("PVA TePla AG").as_deref(), Some("XETRA:TPE"));
    assert_eq!(
        id("Bayer Aktiengesellschaft").as_deref(),
        Some("XETRA:BAYN")
    );
    // The linker takes the first listing of a name: the primary.
    let first = |name: &str| {
        forward
            .listed()
            .into_iter()
            .find(|l| l.name == name)
            .map(|l| format!("{}:{}", l.exchange, l.symbol))
    };
    assert_eq!(first("PVA TePla AG").as_deref(), Some("XETRA:TPE"));
}
