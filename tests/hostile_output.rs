//! Hostile text in data, arguments, article files and file names never reaches the terminal:
//! every output (text, JSON, CSV, iCalendar, errors, notices, clap's messages) is checked
//! for raw control bytes, C1 codes, DEL and bidi controls, on stdout and stderr alike.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const TODAY: &str = "2026-11-21";

fn aipx() -> Command {
    let mut cmd = Command::cargo_bin("aipx").unwrap();
    cmd.args(["--today", TODAY]);
    cmd
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// What a terminal might obey, written out here on purpose rather than taken from aipx.
fn dangerous(c: char) -> bool {
    let c = u32::from(c);
    (c < 0x20 && c != u32::from(b'\n') && c != u32::from(b'\t'))
        || (0x7f..=0x9f).contains(&c)
        || (0x202a..=0x202e).contains(&c)
        || (0x2066..=0x2069).contains(&c)
}

/// Panics if `bytes` hold anything [`dangerous`] (a CR is allowed only before a newline).
fn assert_clean(bytes: &[u8], what: &str) {
    let text = String::from_utf8(bytes.to_vec()).unwrap_or_else(|_| panic!("{what}: not UTF-8"));
    let text = text.replace("\r\n", "\n");
    if let Some(c) = text.chars().find(|&c| dangerous(c)) {
        panic!("{what}: printed U+{:04X} raw:\n{text}", u32::from(c));
    }
}

/// Runs aipx with `args`, checks both streams, returns (exit code, stdout, stderr).
fn run(args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let out = aipx().args(args).output().unwrap();
    let what = format!("aipx {args:?}");
    assert_clean(&out.stdout, &format!("{what} stdout"));
    assert_clean(&out.stderr, &format!("{what} stderr"));
    let code = out.status.code().expect("exited, not killed");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (code, text(&out.stdout), text(&out.stderr))
}

fn os(args: &[&str]) -> Vec<std::ffi::OsString> {
    args.iter().map(|a| a.into()).collect()
}

fn run_str(args: &[&str], data: Option<&Path>) -> (i32, String, String) {
    let mut all = os(args);
    if let Some(d) = data {
        all.push("--data".into());
        all.push(d.into());
    }
    let refs: Vec<&std::ffi::OsStr> = all.iter().map(|a| a.as_os_str()).collect();
    run(&refs)
}

/// The seed dataset plus an entity and a catalyst whose texts carry escapes (written as TOML
/// `\u` escapes, so the file itself is valid).
fn hostile_dataset() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in aipx::data::FILE_NAMES {
        std::fs::copy(seeds().join(name), dir.path().join(name)).unwrap();
    }
    let add = |file: &str, extra: &str| {
        let path = dir.path().join(file);
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push('\n');
        text.push_str(extra);
        std::fs::write(&path, text).unwrap();
    };
    add(
        "entities.toml",
        r#"
[[entity]]
id = "EVLX"
name = "Evil\u001b]0;pwned\u0007 Corp\u202e\u009b2J\u007f"
listings = ["NASDAQ:EVLX"]
aliases = ["Evilcorp\u001b[5m"]
country = "US"
sector = "Semis\u2066x\u2069"
summary = "Sum\u001b[31mmary"
sources = ["genesis-japan"]
"#,
    );
    add(
        "catalysts.toml",
        r#"
[[catalyst]]
id = "evil-cat"
title = "=HYPERLINK(\"http://x\")\u001b[2J"
date = "2026-12-01"
kind = "launch"
entities = ["EVLX"]
note = "note\u009b31m\u202e"
sources = ["genesis-japan"]
"#,
    );
    dir
}

#[test]
fn data_texts_print_safely_in_every_format() {
    let dir = hostile_dataset();
    let d = Some(dir.path());
    let (code, out, _) = run_str(&["check"], d);
    assert_eq!(code, 0, "{out}");
    for args in [
        &["show", "EVLX"][..],
        &["show", "EVLX", "--json"],
        &["search", "evil"],
        &["search", "evil", "--json"],
        &["calendar"],
        &["calendar", "--json"],
        &["calendar", "--ics"],
        &["calendar", "--csv"],
        &["screen", "--keys", "/evil<Enter>"],
    ] {
        let (code, out, err) = run_str(args, d);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(
            out.contains("Evil") || out.contains("HYPERLINK"),
            "{args:?}: {out}"
        );
    }
    // JSON keeps the text, escaped, so a parser reads what the data says.
    let (_, out, _) = run_str(&["show", "EVLX", "--json"], d);
    assert!(
        out.contains(r"Evil\u001b]0;pwned\u0007 Corp\u202e\u009b2J\u007f"),
        "{out}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["entity"]["name"],
        "Evil\u{1b}]0;pwned\u{7} Corp\u{202e}\u{9b}2J\u{7f}"
    );
    // CSV: the title cannot start a formula.
    let (_, out, _) = run_str(&["calendar", "--csv"], d);
    let row = out
        .lines()
        .find(|l| l.starts_with("evil-cat,"))
        .expect(&out);
    assert!(row.contains(r#","'=HYPERLINK(""http://x"")[2J","#), "{row}");
}

#[test]
fn error_paths_print_safely() {
    let dir = hostile_dataset();
    let d = Some(dir.path());
    // "Did you mean" lists names from the data.
    let (code, _, err) = run_str(&["show", "EVLY"], d);
    assert_eq!(code, 1);
    assert!(
        err.contains("Did you mean") && err.contains("Evil"),
        "{err}"
    );
    // What the user typed, echoed back.
    let (code, _, err) = run_str(&["show", "\u{1b}[31mnosuch\u{9b}"], d);
    assert_eq!(code, 1);
    assert!(err.contains("nosuch"), "{err}");
    let (code, _, err) = run_str(&["programs", "no\u{1b}]2;x\u{7}such\u{202e}"], d);
    assert_eq!(code, 1);
    assert!(err.contains("unknown program"), "{err}");
    // clap's own messages echo arguments too.
    let (code, _, err) = run_str(&["--bogus\u{1b}[2J"], None);
    assert_eq!(code, 2);
    assert!(err.contains("--bogus"), "{err}");
    let (code, _, _) = run_str(&["show", "NVDA", "--today", "\u{9b}6n"], None);
    assert_eq!(code, 2);
    let (code, _, _) = run_str(&["screen", "--keys", "<\u{1b}[31m>"], None);
    assert_eq!(code, 2);
}

#[test]
fn check_messages_print_safely() {
    // An unknown key written with TOML escapes (valid TOML, echoed by the message), and raw
    // control bytes (invalid TOML, the message quotes the place).
    let unknown = "\n[[entity]]\nid = \"EVLQ\"\nname = \"x\"\n\"evil\\u001b[31m\\u009b\" = 1\n";
    let raw = "\n[[entity]]\nid = \"X\u{1b}[31m\"\nna\u{1b}me\u{9b} = \"y\"\n\"k\u{7}\" = 1\n";
    for (extra, says) in [(unknown, "unknown field"), (raw, "entities.toml")] {
        let dir = hostile_dataset();
        let path = dir.path().join("entities.toml");
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str(extra);
        std::fs::write(&path, text).unwrap();
        let (code, out, _) = run_str(&["check"], Some(dir.path()));
        assert_eq!(code, 2, "{out}");
        assert!(out.contains(says) && out.contains("1 error(s)"), "{out}");
        let (code, out, _) = run_str(&["check", "--json"], Some(dir.path()));
        assert_eq!(code, 2, "{out}");
        assert!(out.contains(says), "{out}");
        if says == "unknown field" {
            assert!(out.contains(r"evil\u001b[31m\u009b"), "{out}");
        }
    }
}

#[test]
fn article_file_names_and_texts_print_safely() {
    let dir = tempfile::tempdir().unwrap();
    let name = "a\u{1b}]0;t\u{7}\u{202e}.txt";
    std::fs::write(
        dir.path().join(name),
        "Date: 2026-11-01\nNVIDIA\u{1b}[31m said \u{9b}2J it will spend $2 billion.\n",
    )
    .unwrap();
    // Not an article: a notice names it.
    std::fs::write(dir.path().join("b\u{1b}[5m.txt"), [0xff, 0xfe, 0x00, 0x1b]).unwrap();
    for json in [false, true] {
        let mut args: Vec<std::ffi::OsString> = os(&["ingest"]);
        args.push(dir.path().into());
        if json {
            args.push("--json".into());
        }
        let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
        let (code, out, _) = run(&refs);
        assert_eq!(code, 0, "{out}");
        // Text drops the controls and keeps what is visible; JSON keeps the name, escaped.
        let shown = if json {
            r"a\u001b]0;t\u0007\u202e.txt"
        } else {
            "/a]0;t.txt"
        };
        assert!(out.contains(shown), "{out}");
    }
    let mut args = os(&["show", "NVDA", "--articles"]);
    args.push(dir.path().into());
    let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let (code, _, _) = run(&refs);
    assert_eq!(code, 0);
}
