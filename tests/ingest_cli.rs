//! `aipx ingest` and `--articles` through the binary.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const WIRE: &str = "tests/fixtures/articles/01_wire_packaging.txt";

fn aipx() -> Command {
    let mut cmd = Command::cargo_bin("aipx").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

#[test]
fn ingest_prints_what_each_article_names_with_lines() {
    aipx()
        .args(["ingest", WIRE])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "(as of 2026-03-04, from date line)",
        ))
        .stdout(predicate::str::contains("ASX"))
        .stdout(predicate::str::contains("\"ASE Technology\""))
        .stdout(predicate::str::contains("up to ¥300B ($2B)"))
        .stdout(predicate::str::contains("early May 2026"))
        .stdout(predicate::str::contains("line 10"));
}

#[test]
fn ingest_json_has_the_documented_schema() {
    let out = aipx().args(["ingest", "--json", WIRE]).output().unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = &v.as_array().unwrap()[0];
    assert_eq!(a["file"], WIRE);
    assert_eq!(a["as_of"], "2026-03-04");
    let asx = a["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["symbol"] == "ASX")
        .unwrap();
    for key in ["symbol", "exchange", "name", "listed", "text", "line"] {
        assert!(asx.get(key).is_some(), "entity lacks {key}");
    }
    assert_eq!(asx["exchange"], "NYSE");
    assert_eq!(asx["listed"], true);
    let money = &a["money"][0];
    assert_eq!(money["currency"], "JPY");
    assert_eq!(money["amount"], 300e9);
    assert_eq!(money["usd"], 2e9);
    assert_eq!(money["qualifier"], "up to");
    assert_eq!(money["line"], 6);
    let cat = a["catalysts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["date"]["label"] == "early May 2026")
        .unwrap();
    assert_eq!(cat["date"]["start"], "2026-05-01");
    assert_eq!(cat["date"]["end"], "2026-05-10");
    assert_eq!(cat["date"]["precision"], "month");
    assert!(
        cat["entities"]
            .as_array()
            .unwrap()
            .contains(&Value::from("meti"))
    );
}

#[test]
fn ingest_reads_folders() {
    let out = aipx()
        .args(["ingest", "--json", "tests/fixtures/articles"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let articles = std::fs::read_dir("tests/fixtures/articles")
        .unwrap()
        .filter(|e| {
            let p = e.as_ref().unwrap().path();
            p.extension().is_some_and(|x| x != "toml")
        })
        .count();
    assert!(articles >= 30, "{articles}");
    assert_eq!(
        v.as_array().unwrap().len(),
        articles,
        "one object per article, keys skipped"
    );
}

#[test]
fn articles_flag_merges_ingested_records_marked_with_file_and_line() {
    // ASE is in the reference universe, not the dataset: it becomes an ingested entity.
    aipx()
        .args(["--today", "2026-03-05", "--articles", WIRE, "show", "ASX"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ASE Technology"))
        .stdout(predicate::str::contains(format!("[ingested {WIRE}:19]")));
    // Rapidus is curated; the article adds a catalyst marked as ingested.
    aipx()
        .args([
            "--today",
            "2026-03-05",
            "--articles",
            WIRE,
            "show",
            "rapidus",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("[ingested {WIRE}:")))
        .stdout(predicate::str::contains("ingested article"));
    let out = aipx()
        .args([
            "--today",
            "2026-03-05",
            "--articles",
            WIRE,
            "calendar",
            "--json",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ingested: Vec<&Value> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["origin"]["kind"] == "ingested")
        .collect();
    assert_eq!(ingested.len(), 4);
    assert!(
        ingested
            .iter()
            .all(|c| c["origin"]["file"] == WIRE && c["origin"]["line"].as_u64().unwrap() > 0)
    );
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|c| c["origin"]["kind"] == "curated")
    );
}

#[test]
fn binary_files_are_skipped_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("chart.txt");
    std::fs::write(&bin, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    aipx()
        .args(["ingest", bin.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::contains("skipped"))
        .stderr(predicate::str::contains("PNG"));
}

#[test]
fn invalid_utf8_is_read_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latin1.txt");
    std::fs::write(
        &file,
        b"Date: 2026-03-01\n\nSoci\xe9t\xe9 note: Nvidia will spend $2 billion by 2028.\n",
    )
    .unwrap();
    aipx()
        .args(["ingest", file.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::contains("not valid UTF-8"))
        .stdout(predicate::str::contains("NVDA"))
        .stdout(predicate::str::contains("$2B"));
}

#[test]
fn missing_paths_fail_with_a_message() {
    aipx()
        .args(["ingest", "no/such/article.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no/such/article.txt: no such file or folder",
        ));
    aipx()
        .args(["--articles", "no/such/dir", "show", "NVDA"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such file or folder"));
}

#[test]
fn a_date_resolved_against_the_file_time_is_reported_as_a_guess() {
    // The source articles have no date line: without --as-of the June meeting's year hangs
    // on the file's time, and aipx says so in the text, in JSON `warnings` and on stderr.
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds/000_aaec7ee05013ed29.txt");
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("genesis.txt");
    let text = if seeds.exists() {
        std::fs::read_to_string(&seeds).unwrap()
    } else {
        eprintln!("../shared/seeds missing: using a stand-in article");
        "Officials are expected to travel to the U.S. in early June to formalize it.\n".into()
    };
    std::fs::write(&article, text).unwrap();
    let out = aipx().arg("ingest").arg(&article).output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("from file time"), "{stdout}");
    assert!(
        stdout.contains("warning: no date line and no --as-of"),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no date line and no --as-of"), "{stderr}");
    let out = aipx()
        .args(["ingest", "--json"])
        .arg(&article)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let warnings = v[0]["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("--as-of YYYY-MM-DD")),
        "{warnings:?}"
    );
    // Given the date, nothing is guessed.
    let out = aipx()
        .args(["ingest", "--json", "--as-of", "2026-03-01"])
        .arg(&article)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["warnings"], serde_json::json!([]));
}
