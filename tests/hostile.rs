//! Hostile input, built at test time (nothing large is kept in git), run through the real
//! binary under an address-space limit (`prlimit --as`), with peak RSS read by
//! `/usr/bin/time`. Each case asserts the exit code, the message and the memory.
//!
//! Where `prlimit` or `/usr/bin/time` is missing the case still runs and says what it skipped.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;

#[path = "support/damage.rs"]
mod damage;
#[path = "support/measured.rs"]
mod measured;
use measured::{Outcome, RSS_LIMIT_KB, run, run_in};

/// A dataset folder holding the seed files.
fn seed_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in aipx::data::FILE_NAMES {
        let seed = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("seeds")
            .join(name);
        std::fs::copy(seed, dir.path().join(name)).unwrap();
    }
    dir
}

fn check(dir: &Path) -> Outcome {
    run(&["check", "--data", dir.to_str().unwrap()])
}

fn file(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    path
}

/// A sparse file of `len` zero bytes (no disk space used).
fn sparse(path: &Path, len: u64) {
    File::create(path).unwrap().set_len(len).unwrap();
}

#[cfg(unix)]
#[test]
fn devices_fifos_and_folders_are_refused_not_read() {
    let dir = seed_dir();
    std::os::unix::fs::symlink("/dev/zero", file(dir.path(), "entities.toml")).unwrap();
    check(dir.path()).expect(
        2,
        "entities.toml:1:1: cannot read file: a character device, not a regular file",
    );

    let dir = seed_dir();
    let fifo = file(dir.path(), "catalysts.toml");
    if Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        check(dir.path()).expect(
            2,
            "catalysts.toml:1:1: cannot read file: a FIFO, not a regular file",
        );
        // And as an article.
        run(&["ingest", fifo.to_str().unwrap()]).expect(2, "a FIFO, not a regular file");
    } else {
        eprintln!("skipped the FIFO case: mkfifo failed");
    }

    let dir = seed_dir();
    std::fs::create_dir(file(dir.path(), "sources.toml")).unwrap();
    check(dir.path()).expect(
        2,
        "sources.toml:1:1: cannot read file: a folder, not a regular file",
    );
}

#[test]
fn oversized_files_are_refused_before_reading() {
    let dir = seed_dir();
    sparse(&file(dir.path(), "catalysts.toml"), 1 << 30);
    check(dir.path()).expect(
        2,
        "catalysts.toml:1:1: cannot read file: file is 1 GiB, over the limit of 64 MiB",
    );

    let dir = seed_dir();
    sparse(&file(dir.path(), "exposures.toml"), 1 << 30);
    check(dir.path()).expect(2, "file is 1 GiB, over the limit of 512 MiB");

    // Under the limit but with no record in sight: the pieces stop at the record limit.
    let dir = seed_dir();
    sparse(&file(dir.path(), "exposures.toml"), 300 << 20);
    check(dir.path()).expect(2, "a record may be at most 16 MiB");

    let article = tempfile::Builder::new().suffix(".txt").tempfile().unwrap();
    article.as_file().set_len(300 << 20).unwrap();
    run(&["ingest", article.path().to_str().unwrap()])
        .expect(2, "file is 300 MiB, over the limit of 256 MiB");
}

#[test]
fn what_the_fast_reader_declines_is_read_by_toml_only_when_small() {
    let dir = seed_dir();
    let text = format!("[[catalyst]]\n{}", "k = true\n".repeat(3_000_000));
    std::fs::write(file(dir.path(), "catalysts.toml"), text).unwrap();
    check(dir.path()).expect(
        2,
        "catalysts.toml:2:5: the fast reader cannot read the record here",
    );

    // In a file too large for the `toml` crate, a record the fast reader rejects is read by
    // it alone, for its exact error.
    let dir = seed_dir();
    let path = dir.path().join("exposures.toml");
    let seed = std::fs::read_to_string(&path).unwrap();
    let mut text = String::new();
    while text.len() < 9 << 20 {
        text.push_str(&seed);
    }
    let line = text.lines().count() + 4;
    text.push_str("\n[[exposure]]\nentity = \"NVDA\"\nextra = 1\n");
    std::fs::write(&path, text).unwrap();
    check(dir.path()).expect(
        2,
        &format!("exposures.toml:{line}:1: unknown field `extra`"),
    );
}

#[test]
fn deep_nesting_is_an_error_in_every_file_and_both_readers() {
    for name in aipx::data::FILE_NAMES {
        for (opening, header) in [
            ("[", "x = "),
            ("{a = ", "x = "),
            ("[", "\"quoted\" = 1\nx = "),
        ] {
            let dir = seed_dir();
            let text = format!("[[r]]\n{header}{}\n", opening.repeat(60_000));
            std::fs::write(file(dir.path(), name), text).unwrap();
            let line = header.matches('\n').count() + 2;
            let at = format!("{name}:{line}:");
            check(dir.path())
                .expect(2, "arrays or tables nested deeper than 32 levels")
                .expect(2, &at);
        }
    }
}

#[test]
fn emptied_files_never_pass() {
    for (name, kind, dangling) in [
        ("entities.toml", "entity", "unknown entity id"),
        ("sources.toml", "source", "unknown source id"),
        ("programs.toml", "program", "unknown program id"),
    ] {
        let dir = seed_dir();
        std::fs::write(file(dir.path(), name), "# nothing here\n").unwrap();
        check(dir.path())
            .expect(
                2,
                &format!("{name}:1:1: the file has no [[{kind}]] records"),
            )
            .expect(2, dangling);
    }
}

#[test]
fn a_same_as_naming_no_line_is_reported_at_its_place() {
    let good = "same_as = \"meti-fy2026/rapidus\"";
    for (bad, message) in [
        (
            "same_as = \"meti-fy2026\"",
            "must be \"program-id/line-id\"",
        ),
        (
            "same_as = \"meti-fy2026/nope\"",
            "unknown funding id \"nope\"",
        ),
        (
            "same_as = \"nope/rapidus\"",
            "unknown program \"nope\" in same_as",
        ),
    ] {
        let dir = seed_dir();
        let path = dir.path().join("programs.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let line = text.lines().position(|l| l == good).expect(good) + 1;
        std::fs::write(&path, text.replace(good, bad)).unwrap();
        check(dir.path())
            .expect(2, &format!("programs.toml:{line}:"))
            .expect(2, message);
    }
}

#[test]
fn valid_toml_the_fast_reader_leaves_is_read_not_misreported() {
    let dir = seed_dir();
    let path = dir.path().join("programs.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(
        "\n[[program]]\n\"id\" = \"late\"\nname = '''Late'''\nsponsor = \"s\"\ncountry = \"JP\"\n\
         status = \"active\"\nsummary = \"s\"\nsources = [\"genesis-japan\"]\n",
    );
    std::fs::write(&path, text).unwrap();
    let out = check(dir.path());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("10 programs"), "{}", out.stdout);
}

#[test]
fn a_flood_of_errors_is_listed_up_to_the_limit() {
    let dir = seed_dir();
    let one = "[[exposure]]\nentity = \"nobody\"\nprogram = \"genesis-mission\"\nrole = \"sponsor\"\n\
               basis = \"stated\"\ndirection = \"tailwind\"\nnote = \"n\"\nsources = [\"genesis-japan\"]\n";
    std::fs::write(file(dir.path(), "exposures.toml"), one.repeat(20_000)).unwrap();
    let out = check(dir.path());
    out.expect(
        2,
        "and 19000 more errors not listed (only the first 1000 are)",
    );
    assert!(
        out.stderr.lines().count() < 1010,
        "{} lines",
        out.stderr.lines().count()
    );
}

#[test]
fn an_edit_that_keeps_size_and_mtime_is_not_served_from_the_cache() {
    let dir = seed_dir();
    let cache = tempfile::tempdir().unwrap();
    let env = [
        ("AIPX_CACHE", "on"),
        ("XDG_CACHE_HOME", cache.path().to_str().unwrap()),
    ];
    let data = dir.path().to_str().unwrap();
    let show = |dir: &Path| run_in(dir, &["show", "NVDA", "--data", data], &env);
    let first = show(cache.path());
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    assert!(
        std::fs::read_dir(cache.path().join("aipx"))
            .unwrap()
            .count()
            >= 2,
        "cache and key written"
    );
    // Break a reference, same size, modification time put back (`touch -r`, `cp -p`).
    let path = dir.path().join("exposures.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    let broken = text.replacen("entity = \"NVDA\"", "entity = \"NVDX\"", 1);
    assert_eq!(broken.len(), text.len());
    std::fs::write(&path, broken).unwrap();
    File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    show(cache.path()).expect(2, "unknown entity id \"NVDX\"");
}

#[test]
fn an_empty_or_relative_xdg_cache_home_is_unset() {
    let dir = seed_dir();
    let work = tempfile::tempdir().unwrap();
    let home = work.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let data = dir.path().to_str().unwrap();
    for xdg in ["", "relative"] {
        let env = [
            ("AIPX_CACHE", "on"),
            ("XDG_CACHE_HOME", xdg),
            ("HOME", home.to_str().unwrap()),
        ];
        let out = run_in(work.path(), &["show", "NVDA", "--data", data], &env);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        assert!(
            !work.path().join("relative").exists(),
            "XDG_CACHE_HOME={xdg:?}"
        );
        assert!(!work.path().join("aipx").exists(), "XDG_CACHE_HOME={xdg:?}");
        assert!(home.join(".cache/aipx").is_dir(), "XDG_CACHE_HOME={xdg:?}");
    }
}

#[cfg(unix)]
#[test]
fn article_folders_with_symlink_loops_read_each_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("notes");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::write(
        root.join("a.txt"),
        "Date: 2026-03-04\n\nNvidia (NASDAQ: NVDA) plans a plant in early June.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("..", root.join("sub/up")).unwrap();
    std::os::unix::fs::symlink(".", root.join("sub/self")).unwrap();
    std::os::unix::fs::symlink(".", root.join("self")).unwrap();
    let a = root.join("a.txt");
    let twice = root.join("sub/up/a.txt");
    let out = run(&[
        "ingest",
        "--json",
        root.to_str().unwrap(),
        a.to_str().unwrap(),
        twice.to_str().unwrap(),
    ]);
    out.expect(0, "");
    let articles: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(articles.as_array().unwrap().len(), 1, "{}", out.stdout);
}

#[test]
fn limits_and_hyphen_scripts() {
    run(&["search", "nv", "--limit", "4611686018427387904"]).expect(2, "is not in 0..=10000");
    let out = run(&["search", "a", "--limit", "10000"]);
    out.expect(0, "");
    assert!(out.stdout.lines().count() > 10);
    let out = run(&["screen", "--size", "60x15", "--keys", "-j"]);
    out.expect(0, "");
    assert!(out.stdout.contains("BROWSE"), "{}", out.stdout);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// The real binary on a randomly damaged seed file: exit 0 or 2 with a `path:line:col`,
    /// never a crash, within the memory bar.
    #[test]
    fn damaged_seed_datasets_end_in_a_clear_outcome(
        file in 0usize..5,
        edits in damage::edits(vec![
            "", "[", "{", "\"", "'''", "\n", "=", "\\", "[[entity]]\n", "\u{1b}[31m",
            "nan", "-1", "\r\n", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        ], 200),
    ) {
        let dir = seed_dir();
        let name = aipx::data::FILE_NAMES[file];
        let path = dir.path().join(name);
        let mut text = std::fs::read_to_string(&path).unwrap();
        damage::damage(&mut text, &edits);
        std::fs::write(&path, text).unwrap();
        let out = check(dir.path());
        let text = out.text();
        prop_assert!(matches!(out.code, Some(0 | 2)), "{:?}: {}", out.code, text);
        prop_assert!(!text.contains("panicked"), "{}", text);
        if out.code == Some(2) {
            prop_assert!(text.contains(".toml:"), "{}", text);
        }
        if let Some(kb) = out.rss_kb {
            prop_assert!(kb < RSS_LIMIT_KB, "peak RSS {} KB", kb);
        }
    }
}

/// A source's url is handed to the system's opener by `o`: one holding a bidi override (shown
/// without it, so the address read is not the address opened) or a control character is a
/// data error at its place, like a space or a scheme other than http(s).
#[test]
fn a_url_with_a_bidi_or_control_character_is_refused() {
    for url in [
        "https://example.com/\u{202e}fdp.exe",
        "https://example.com/a\u{7}b",
        "https://example.com/a b",
        "file:///etc/passwd",
    ] {
        let dir = seed_dir();
        let path = dir.path().join("sources.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let toml_url = url.replace('\u{7}', "\\u0007");
        let text = text.replacen(
            "publisher = \"AlphaScala\"\n",
            &format!("publisher = \"AlphaScala\"\nurl = \"{toml_url}\"\n"),
            1,
        );
        std::fs::write(&path, text).unwrap();
        check(dir.path()).expect(
            2,
            "url must be an http:// or https:// address without spaces or control characters",
        );
    }
}
