//! The library's guarantees under stress: a writer killed (SIGKILL) at random points of
//! `ingest --save` leaves whole articles only, and two writers at once both succeed with
//! nothing lost.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use aipx::library::Library;

fn symbol(mut i: usize) -> String {
    let mut s = Vec::new();
    i += 26 * 26;
    while i > 0 {
        s.push(b'A' + (i % 26) as u8);
        i /= 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

/// `n` distinct articles, each naming a new listed company, a known one, a program, an amount
/// and a dated catalyst, numbered from `from`.
fn articles(dir: &Path, from: usize, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in from..from + n {
        let s = symbol(i);
        let text = format!(
            "Date: 2026-0{}-1{}\nChip makers line up for state money, item {i}\n\n\
             Tokyo -- Zeta{s} Systems (NASDAQ: Z{s}) said it will join the Genesis Mission with \
             NVIDIA and SoftBank, committing ${} million by Q{} 2027.\n\
             METI plans to approve ¥{} billion for Rapidus in early June 2027, a ministry \
             official said.\n",
            1 + i % 9,
            i % 10,
            i + 1,
            1 + i % 4,
            i + 10
        );
        std::fs::write(dir.join(format!("a{i:05}.txt")), text).unwrap();
    }
}

fn aipx(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_aipx"));
    cmd.env("XDG_DATA_HOME", home)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

fn store(home: &Path) -> PathBuf {
    home.join("aipx").join("library.sqlite3")
}

/// Articles held, after checking that each is whole and SQLite finds the file sound.
fn whole_articles(home: &Path) -> i64 {
    let Some(mut lib) = Library::open_existing(&store(home)).unwrap() else {
        return 0;
    };
    lib.quick_check().unwrap();
    assert_eq!(lib.integrity().unwrap(), Vec::<String>::new());
    lib.counts().unwrap().0
}

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

#[test]
fn a_writer_killed_at_random_points_leaves_whole_articles_only() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let dir = tmp.path().join("articles");
    articles(&dir, 0, 400);
    // How long a whole save takes here sets where the kills fall.
    let mut rng = Lcg(0x5eed_a1b2);
    let mut held = 0;
    let mut killed_midway = 0;
    for round in 0..8 {
        let mut child = aipx(&home)
            .args(["ingest", "--save", dir.to_str().unwrap()])
            .spawn()
            .unwrap();
        let delay = 5 + rng.next(if round < 4 { 250 } else { 900 });
        std::thread::sleep(Duration::from_millis(delay));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok();
        child.wait().unwrap();
        let now = whole_articles(&home);
        assert!(
            now >= held,
            "round {round}: articles went from {held} to {now}"
        );
        if !finished && now < 400 {
            killed_midway += 1;
        }
        held = now;
        // Every command still reads the library.
        let check = aipx(&home).arg("check").output().unwrap();
        assert!(
            check.status.success(),
            "round {round}: {}",
            String::from_utf8_lossy(&check.stderr)
        );
    }
    println!("killed mid-save {killed_midway} times; {held} articles held before the last run");
    // Finishing the job saves the rest, each article once.
    let status = aipx(&home)
        .args(["ingest", "--save", dir.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(whole_articles(&home), 400);
}

#[test]
fn two_writers_at_once_both_succeed_and_nothing_is_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    articles(&a, 0, 200);
    articles(&b, 200, 200);
    // Fifty articles in both folders: saved once whoever gets there first.
    for i in 0..50 {
        let name = format!("a{i:05}.txt");
        std::fs::copy(a.join(&name), b.join(&name)).unwrap();
    }
    // The store exists and the test holds its write lock while both writers start, so both
    // are running, neither can have finished, when the lock goes: from then on they contend
    // for every article (on a fast machine one could otherwise finish before the other began).
    drop(Library::open_or_create(&store(&home)).unwrap());
    let lock = rusqlite::Connection::open(store(&home)).unwrap();
    lock.execute_batch("BEGIN IMMEDIATE").unwrap();
    let spawn = |dir: &Path| {
        aipx(&home)
            .args(["ingest", "--save", dir.to_str().unwrap()])
            .spawn()
            .unwrap()
    };
    let (mut first, mut second) = (spawn(&a), spawn(&b));
    // A reader while a writer holds the lock is never refused (WAL).
    let reader = aipx(&home).args(["inbox", "--json"]).output().unwrap();
    assert!(
        reader.status.success(),
        "{}",
        String::from_utf8_lossy(&reader.stderr)
    );
    // Give both time to reach the lock; they cannot get past it.
    std::thread::sleep(Duration::from_millis(500));
    for child in [&mut first, &mut second] {
        assert!(
            child.try_wait().unwrap().is_none(),
            "a writer ended while the store was locked"
        );
    }
    lock.execute_batch("ROLLBACK").unwrap();
    drop(lock);
    for child in [first, second] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(whole_articles(&home), 400);
    // Each article names its own new company: every one proposed, once.
    let mut lib = Library::open_existing(&store(&home)).unwrap().unwrap();
    let proposals = lib.proposals(true).unwrap();
    let mut companies: Vec<String> = proposals
        .iter()
        .filter(|p| p.kind == "entity")
        .map(|p| p.record.key())
        .filter(|k| k.starts_with("entity:NASDAQ:Z"))
        .collect();
    companies.sort();
    companies.dedup();
    assert_eq!(companies.len(), 400);
}
