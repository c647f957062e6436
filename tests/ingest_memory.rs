//! A 100 MB article is read in bounded memory: the reader streams it in pieces and keeps
//! only distinct findings, so peak memory stays far below the size of the input.

use std::io::Read;

use aipx::ingest::{Extractor, article};

/// Produces `left` bytes by repeating `chunk`, without ever holding more than `chunk`.
struct Generated {
    chunk: Vec<u8>,
    pos: usize,
    left: usize,
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.left).min(self.chunk.len() - self.pos);
        buf[..n].copy_from_slice(&self.chunk[self.pos..self.pos + n]);
        self.pos = (self.pos + n) % self.chunk.len();
        self.left -= n;
        Ok(n)
    }
}

/// Peak resident memory of this process in kB (Linux), if the platform says.
fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn a_100_mb_file_is_processed_in_bounded_memory() {
    let ex = Extractor::new(&aipx::data::load(None).unwrap());
    let day = aipx::model::parse_day("2026-03-01").unwrap();
    let text = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/articles/12_markets_wrap.txt"
    ))
    .unwrap();

    // 100 MB of articles with line breaks.
    let total = 100 << 20;
    let reader = Generated {
        chunk: text.clone(),
        pos: 0,
        left: total,
    };
    let a = article::read_from(&ex, reader, "big.txt", false, None, day)
        .unwrap()
        .unwrap();
    assert!(a.findings.entities.iter().any(|e| e.symbol == "NVDA"));
    assert_eq!(a.findings.money.len(), 3, "repeats are one finding each");

    // 16 MB on a single line with no line break at all.
    let one_line: Vec<u8> = text
        .iter()
        .map(|&b| if b == b'\n' { b' ' } else { b })
        .collect();
    let reader = Generated {
        chunk: one_line,
        pos: 0,
        left: 16 << 20,
    };
    let a = article::read_from(&ex, reader, "one-line.txt", false, None, day)
        .unwrap()
        .unwrap();
    assert!(a.findings.entities.iter().all(|e| e.line == 1));
    assert!(a.findings.money.len() >= 3);

    if let Some(peak) = peak_kb() {
        println!("peak resident memory: {} MB", peak / 1024);
        assert!(
            peak < 96 * 1024,
            "peak memory {peak} kB is not bounded below the input size"
        );
    }
}
