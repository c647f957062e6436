//! Measures the cache's candidate formats on one dataset: encoded size, decode time and the
//! decoding process's peak memory, for postcard (what the cache uses, read as it streams from
//! the file, as `data::cache` does; and from bytes in memory) and bitcode (serde mode, which
//! decodes from bytes in memory only).
//!
//! ```sh
//! cargo build --release --example cache_formats
//! target/release/examples/cache_formats encode DIR OUT     # parses DIR, writes OUT/*.bin
//! target/release/examples/cache_formats decode FORMAT OUT  # one format per process
//! ```
//!
//! Each `decode` runs in its own process so its peak RSS is that format's alone; it prints the
//! median of five decodes and the peak RSS (`VmHWM`) before and after. scripts/bench.sh's
//! universe (100k entities, 1M links) is the payload the figures in the README come from.

use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use aipx::model::Dataset;

/// Peak resident set size so far, in MB, from /proc (Linux).
fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn encode(dir: &Path, out: &Path) {
    let start = Instant::now();
    let data = aipx::data::DataFiles::read_dir(dir)
        .expect("readable dataset")
        .parse()
        .expect("valid dataset");
    eprintln!("parsed in {:.2?}", start.elapsed());
    std::fs::create_dir_all(out).expect("output folder");
    let mut file = std::io::BufWriter::new(File::create(out.join("postcard.bin")).unwrap());
    let start = Instant::now();
    postcard::to_io(&data, &mut file).expect("postcard encodes");
    file.flush().unwrap();
    println!("postcard: encode {:.2?}", start.elapsed());
    let start = Instant::now();
    let bytes = bitcode::serialize(&data).expect("bitcode encodes");
    println!("bitcode: encode {:.2?}", start.elapsed());
    std::fs::write(out.join("bitcode.bin"), bytes).unwrap();
    for name in ["postcard.bin", "bitcode.bin"] {
        let size = std::fs::metadata(out.join(name)).unwrap().len();
        println!("{name}: {:.1} MB", size as f64 / 1e6);
    }
}

/// One decode of `format` from the files in `out`.
fn decode_once(format: &str, out: &Path) -> Dataset {
    match format {
        // As the cache reads: streamed from the file through a 1 MiB buffer and 16 MiB scratch.
        "postcard-stream" => {
            let file =
                BufReader::with_capacity(1 << 20, File::open(out.join("postcard.bin")).unwrap());
            let mut scratch = vec![0u8; 16 << 20];
            postcard::from_io((file, &mut scratch[..]))
                .expect("postcard decodes")
                .0
        }
        "postcard-bytes" => {
            let bytes = std::fs::read(out.join("postcard.bin")).unwrap();
            postcard::from_bytes(&bytes).expect("postcard decodes")
        }
        "bitcode" => {
            let mut bytes = Vec::new();
            File::open(out.join("bitcode.bin"))
                .unwrap()
                .read_to_end(&mut bytes)
                .unwrap();
            bitcode::deserialize(&bytes).expect("bitcode decodes")
        }
        other => panic!("unknown format {other}: postcard-stream, postcard-bytes or bitcode"),
    }
}

fn decode(format: &str, out: &Path) {
    let before = peak_rss_mb();
    let mut times: Vec<Duration> = Vec::new();
    let mut entities = 0;
    for _ in 0..5 {
        let start = Instant::now();
        let data = decode_once(format, out);
        times.push(start.elapsed());
        entities = data.entities.len();
        // Dropped before the next run, as one process loads it once.
        drop(data);
    }
    times.sort();
    println!(
        "| {format} | {entities} | {:.0} ms | {:.0} ms | {:.0} MB | {:.0} MB |",
        times[2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        before,
        peak_rss_mb()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["encode", dir, out] => encode(Path::new(dir), Path::new(out)),
        ["decode", format, out] => decode(format, Path::new(out)),
        _ => {
            eprintln!("usage: cache_formats encode DIR OUT | decode FORMAT OUT");
            std::process::exit(2);
        }
    }
}
