//! `calendar --ics` as calendar apps need it: who made it, events that do not block time, UIDs
//! that stay the same and reveal no local path, and never an empty (invalid) VCALENDAR.

use std::path::Path;

use assert_cmd::Command;

fn aipx() -> Command {
    let mut cmd = Command::cargo_bin("aipx").unwrap();
    cmd.args(["--today", "2026-11-21"]);
    cmd
}

fn ics(extra: &[&std::ffi::OsStr]) -> String {
    let out = aipx()
        .args(["calendar", "--ics"])
        .args(extra)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// The values of `name` in the unfolded `text`, in order.
fn values(text: &str, name: &str) -> Vec<String> {
    let unfolded = text.replace("\r\n ", "");
    let prefix = format!("{name}:");
    unfolded
        .split("\r\n")
        .filter_map(|l| l.strip_prefix(&prefix).map(str::to_string))
        .collect()
}

#[test]
fn names_aipx_and_never_blocks_time() {
    let text = ics(&[]);
    assert!(
        text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
        "{text}"
    );
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        values(&text, "PRODID"),
        [format!("-//aipx//aipx {version}//EN")]
    );
    // Every line ends in CRLF, as RFC 5545 requires.
    assert!(!text.replace("\r\n", "").contains('\n'));
    let events = text.matches("BEGIN:VEVENT").count();
    assert!(events > 10, "{events} events");
    assert_eq!(values(&text, "TRANSP").len(), events);
    assert!(values(&text, "TRANSP").iter().all(|t| t == "TRANSPARENT"));
}

#[test]
fn uids_are_unique_and_stable_and_carry_no_path() {
    let text = ics(&[]);
    let uids = values(&text, "UID");
    let mut unique = uids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), uids.len(), "duplicate UIDs");
    assert!(
        uids.iter()
            .all(|u| u.len() == 32 + "@aipx".len() && u.ends_with("@aipx"))
    );
    // Same data from another folder: the same UIDs.
    let dir = tempfile::tempdir().unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for name in aipx::data::FILE_NAMES {
        std::fs::copy(seeds.join(name), dir.path().join(name)).unwrap();
    }
    let copy = ics(&["--data".as_ref(), dir.path().as_os_str()]);
    assert_eq!(values(&copy, "UID"), uids);
}

#[test]
fn ingested_catalysts_get_the_same_uid_from_any_folder() {
    let article =
        "Date: 2026-11-01\n\nRapidus will start mass production in 2027, the company said.\n";
    let mut seen = Vec::new();
    for folder in ["one", "two/deeper"] {
        let dir = tempfile::tempdir().unwrap();
        let at = dir.path().join(folder);
        std::fs::create_dir_all(&at).unwrap();
        std::fs::write(at.join("rapidus.txt"), article).unwrap();
        let text = ics(&["--articles".as_ref(), at.as_os_str()]);
        let unfolded = text.replace("\r\n ", "");
        let folder_name = dir.path().file_name().unwrap().to_str().unwrap();
        let uids = values(&text, "UID");
        assert!(
            uids.iter()
                .all(|u| !u.contains(folder_name) && !u.contains('/'))
        );
        // The description names the article by its stem, never by where it lies.
        let descriptions = values(&text, "DESCRIPTION");
        assert!(
            descriptions.iter().any(|d| d.contains("in rapidus line 3")),
            "the article was not ingested: {descriptions:?}"
        );
        let path = dir.path().to_str().unwrap();
        assert!(
            !unfolded.contains(folder_name) && !unfolded.contains(path),
            "{unfolded}"
        );
        seen.push(uids);
    }
    assert_eq!(seen[0], seen[1]);
}

#[test]
fn an_empty_selection_is_an_error_not_an_empty_calendar() {
    let out = aipx()
        .args(["calendar", "--ics", "--from", "2099-01-01"])
        .assert()
        .code(1);
    let out = out.get_output();
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no catalysts match"), "{err}");
    // Other formats print their empty list.
    let out = aipx()
        .args(["calendar", "--json", "--from", "2099-01-01"])
        .assert()
        .success();
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stdout).trim(),
        "[]"
    );
}
