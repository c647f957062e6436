//! The real binary run as a memory test needs it: under an address-space limit
//! (`prlimit --as`), its peak RSS read by `/usr/bin/time`, killed after a timeout, with input
//! generated on the fly and streamed to its stdin (nothing large is kept in git or on disk).
//!
//! Where `prlimit` or `/usr/bin/time` is missing the run still happens and says what it
//! skipped. Shared by tests/hostile.rs, tests/html_memory.rs and tests/ingest_memory.rs.
#![allow(dead_code)]

use std::io::{self, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Peak RSS every hostile input must stay under (issue 10's bar).
pub const RSS_LIMIT_KB: u64 = 300 * 1024;
/// Address space the process may map: a runaway allocation fails instead of swapping.
pub const ADDRESS_SPACE: u64 = 1 << 30;
/// A run still going after this is killed and the test fails: a guard against hangs, not a
/// speed bar (a 100 MB article takes the debug build about 30 s on a busy machine).
const TIMEOUT: Duration = Duration::from_secs(180);

/// What a run of the binary did.
pub struct Outcome {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    /// Peak resident set size in kB, if `/usr/bin/time` measured it.
    pub rss_kb: Option<u64>,
}

fn tool(path: &str) -> Option<&str> {
    Path::new(path).exists().then_some(path)
}

/// Runs `aipx args` with `env` in `cwd` under the limit, `stdin` streamed to its standard
/// input (none: no input), `AIPX_CACHE=off` and `NO_COLOR` unless `env` says otherwise.
pub fn run_with(
    cwd: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    stdin: Option<Box<dyn Read + Send>>,
) -> Outcome {
    let measured = tempfile::NamedTempFile::new().unwrap();
    let mut argv: Vec<String> = Vec::new();
    let time = tool("/usr/bin/time");
    match time {
        Some(time) => {
            argv.extend([time.into(), "-f".into(), "%M".into(), "-o".into()]);
            argv.push(measured.path().display().to_string());
        }
        None => eprintln!("/usr/bin/time missing: peak RSS not measured"),
    }
    match tool("/usr/bin/prlimit") {
        Some(prlimit) => {
            argv.extend([prlimit.into(), format!("--as={ADDRESS_SPACE}"), "--".into()]);
        }
        None => eprintln!("prlimit missing: running without an address-space limit"),
    }
    argv.push(env!("CARGO_BIN_EXE_aipx").into());
    argv.extend(args.iter().map(|a| a.to_string()));
    let mut cmd = Command::new(&argv[0]);
    cmd.args(&argv[1..])
        .current_dir(cwd)
        .env("AIPX_CACHE", "off")
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let feeder = stdin.map(|mut input| {
        let mut pipe = child.stdin.take().unwrap();
        std::thread::spawn(move || {
            // The binary may stop reading early (a refused input): a broken pipe is fine.
            let _ = io::copy(&mut input, &mut pipe);
        })
    });
    let drain = |mut from: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = from.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("aipx {args:?} still running after {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    if let Some(feeder) = feeder {
        feeder.join().unwrap();
    }
    let rss_kb = time.and_then(|_| {
        let text = std::fs::read_to_string(measured.path()).ok()?;
        text.lines().last()?.trim().parse().ok()
    });
    Outcome {
        code: status.code(),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
        rss_kb,
    }
}

/// Runs `aipx args` with `env` in `cwd` under the limit, no input.
pub fn run_in(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Outcome {
    run_with(cwd, args, env, None)
}

/// Runs `aipx args` under the limit, no input.
pub fn run(args: &[&str]) -> Outcome {
    run_in(&std::env::temp_dir(), args, &[])
}

impl Outcome {
    /// Both streams (`check` lists errors on stdout, the others on stderr).
    pub fn text(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    /// Asserts the exit code, that the output holds `message`, no panic, and peak RSS under
    /// `limit_kb`.
    pub fn expect_within(&self, code: i32, message: &str, limit_kb: u64) -> &Self {
        let text = self.text();
        assert_eq!(self.code, Some(code), "exit code; output:\n{text}");
        assert!(
            text.contains(message),
            "wanted {message:?} in the output:\n{text}"
        );
        assert!(!text.contains("panicked"), "{text}");
        if let Some(kb) = self.rss_kb {
            assert!(kb < limit_kb, "peak RSS {kb} KB, limit {limit_kb} KB");
            eprintln!("peak RSS {} MB: {message}", kb / 1024);
        }
        self
    }

    /// [`Outcome::expect_within`] the hostile-input bar, [`RSS_LIMIT_KB`].
    pub fn expect(&self, code: i32, message: &str) -> &Self {
        self.expect_within(code, message, RSS_LIMIT_KB)
    }
}

/// `head`, then `chunk` repeated until `left` bytes were produced in all, never holding
/// more than `chunk`: a large input made on the fly.
pub struct Generated {
    head: Vec<u8>,
    chunk: Vec<u8>,
    pos: usize,
    left: usize,
}

impl Generated {
    /// `head` then `chunk` repeated, `total` bytes in all (`head` included).
    pub fn new(head: &[u8], chunk: &[u8], total: usize) -> Generated {
        assert!(!chunk.is_empty());
        Generated {
            head: head.to_vec(),
            chunk: chunk.to_vec(),
            pos: 0,
            left: total.saturating_sub(head.len()),
        }
    }
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.head.is_empty() {
            let n = buf.len().min(self.head.len());
            buf[..n].copy_from_slice(&self.head[..n]);
            self.head.drain(..n);
            return Ok(n);
        }
        let n = buf.len().min(self.left).min(self.chunk.len() - self.pos);
        buf[..n].copy_from_slice(&self.chunk[self.pos..self.pos + n]);
        self.pos = (self.pos + n) % self.chunk.len();
        self.left -= n;
        Ok(n)
    }
}
