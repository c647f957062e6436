//! `aipx screen` and the no-subcommand entry point, through the real binary.

use assert_cmd::Command;
use predicates::prelude::*;

fn aipx() -> Command {
    let mut cmd = Command::cargo_bin("aipx").unwrap();
    cmd.args(["--today", "2026-11-21"]);
    cmd
}

/// What `cmd` prints, as text; it must succeed.
fn printed(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn screen_prints_one_line_per_row() {
    let text = printed(aipx().args(["screen", "--size", "80x24", "--keys", "/softbank<Enter>"]));
    assert_eq!(text.lines().count(), 24);
    assert!(text.contains("SoftBank Group Corp."));
    assert!(!text.contains('\u{1b}'), "plain text, no escape codes");
}

/// The shipped universe is embedded data: Explore's search finds its companies, here one
/// the curated data does not hold, and opens it with its listings and no exposure. Whatever
/// the user imported is not read without `--remember`: an empty data folder or not, the
/// screen is the same.
#[test]
fn explore_search_finds_a_company_of_the_shipped_universe() {
    let home = tempfile::tempdir().unwrap();
    let text = printed(aipx().env("XDG_DATA_HOME", home.path()).args([
        "screen",
        "--size",
        "120x40",
        "--keys",
        "/toyota motor<Enter>",
    ]));
    assert!(text.contains("Toyota Motor Corporation"), "{text}");
    assert!(text.contains("7203"), "{text}");
    assert!(text.contains("NYSE:TM"), "{text}");
    // The list without a query stays the curated entities.
    let all = printed(
        aipx()
            .env("XDG_DATA_HOME", home.path())
            .args(["screen", "--size", "120x40"]),
    );
    assert!(!all.contains("Toyota Motor"), "{all}");
}

#[test]
fn screen_rejects_bad_scripts_and_sizes() {
    aipx()
        .args(["screen", "--keys", "ab<Nope>"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("column 3: unknown key <Nope>"));
    aipx()
        .args(["screen", "--size", "80"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected WxH"));
}

#[test]
fn without_a_terminal_the_bare_command_prints_the_overview() {
    aipx()
        .assert()
        .success()
        .stdout(predicate::str::contains("SoftBank Group Corp."));
}
