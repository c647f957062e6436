//! HTML pages stream through the tokenizer in bounded memory: a comment or tag that never
//! ends is refused once it passes 1 MiB instead of being held whole, and a long page of text
//! keeps only its findings.

use std::io::Read;

use aipx::ingest::{Extractor, article};

/// `head`, then `chunk` repeated up to `left` bytes in all, never holding more than `chunk`.
struct Generated {
    head: Vec<u8>,
    chunk: Vec<u8>,
    pos: usize,
    left: usize,
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
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

/// Peak resident memory of this process in kB (Linux), if the platform says.
fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn page(head: &str, chunk: &str, total: usize) -> Generated {
    Generated {
        head: head.as_bytes().to_vec(),
        chunk: chunk.as_bytes().to_vec(),
        pos: 0,
        left: total,
    }
}

#[test]
fn html_markup_that_never_ends_is_refused_and_text_streams() {
    let ex = Extractor::new(&aipx::data::load(None).unwrap());
    let day = aipx::model::parse_day("2026-03-01").unwrap();
    let before = peak_kb();
    // 256 MiB (the article limit) inside one comment, and inside one attribute value:
    // refused after the first MiB, never held.
    for (head, chunk) in [
        (
            "<html><body><p>Nvidia</p><!--",
            "Rapidus will list in 2027. ",
        ),
        ("<html><body><a href=\"", "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"),
    ] {
        let reason =
            article::read_from(&ex, page(head, chunk, 256 << 20), "p.html", true, None, day)
                .unwrap()
                .expect_err("skipped");
        assert!(reason.contains("HTML tag or comment"), "{reason}");
    }
    // 4 MiB of paragraphs: references decoded, repeats one finding each.
    let para = "<p>Nvidia will invest &#36;2 billion &amp; SoftBank &#165;300 billion.</p>\n";
    let a = article::read_from(
        &ex,
        page("<html><body>\n", para, 4 << 20),
        "p.html",
        true,
        None,
        day,
    )
    .unwrap()
    .unwrap();
    let money: Vec<&str> = a.findings.money.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(money, ["$2 billion", "¥300 billion"]);
    if let (Some(before), Some(after)) = (before, peak_kb()) {
        let grew = after.saturating_sub(before);
        assert!(grew < 64 * 1024, "peak memory grew by {grew} kB");
    }
}
