use aipx::ingest::Extractor;
#[test]
#[ignore]
fn parts() {
    let ex = Extractor::new(&aipx::data::load(None).unwrap());
    let text = std::fs::read_to_string("/tmp/big5.txt").unwrap();
    let day = aipx::model::parse_day("2026-03-01").unwrap();
    let mb = text.len() as f64 / 1e6;
    let t0 = std::time::Instant::now();
    let _ = ex.extract(&text, day);
    println!("extract {:.1} MB/s", mb / t0.elapsed().as_secs_f64());
    let t0 = std::time::Instant::now();
    let _ = ex.lexicon().names(&text);
    println!("names {:.1} MB/s", mb / t0.elapsed().as_secs_f64());
    let t0 = std::time::Instant::now();
    let mut n = 0;
    for line in text.lines() {
        n += aipx::ingest::noise_probe(line) as usize;
    }
    println!(
        "boilerplate {:.1} MB/s ({n})",
        mb / t0.elapsed().as_secs_f64()
    );
    let t0 = std::time::Instant::now();
    let mut k = 0;
    for p in text.split("\n\n") {
        k += aipx::ingest::tokens_probe(p);
    }
    println!("tokens {:.1} MB/s ({k})", mb / t0.elapsed().as_secs_f64());
    let t0 = std::time::Instant::now();
    let mut k = 0;
    for p in text.split("\n\n") {
        k += aipx::ingest::dates_probe(p, day);
    }
    println!(
        "tokens+dates {:.1} MB/s ({k})",
        mb / t0.elapsed().as_secs_f64()
    );
    let t0 = std::time::Instant::now();
    let mut k = 0;
    for p in text.split("\n\n") {
        k += aipx::ingest::ents_probe(ex.lexicon(), p);
    }
    println!(
        "tokens+names+entities {:.1} MB/s ({k})",
        mb / t0.elapsed().as_secs_f64()
    );
    let t0 = std::time::Instant::now();
    let mut k = 0;
    for p in text.split("\n\n") {
        k += aipx::ingest::money_probe(p);
    }
    println!(
        "tokens+money {:.1} MB/s ({k})",
        mb / t0.elapsed().as_secs_f64()
    );
}
#[test]
#[ignore]
fn parts2() {
    let ex = Extractor::new(&aipx::data::load(None).unwrap());
    let text = std::fs::read_to_string("/tmp/big5.txt").unwrap();
    let mb = text.len() as f64 / 1e6;
    for _ in 0..2 {
        let t0 = std::time::Instant::now();
        let mut n = 0;
        for p in text.split("\n\n") {
            n += aipx::ingest::lexicon::others_probe(ex.lexicon(), p);
        }
        println!("others {:.1} MB/s ({n})", mb / t0.elapsed().as_secs_f64());
        let t0 = std::time::Instant::now();
        let mut n = 0;
        for l in text.lines() {
            n += aipx::ingest::boilerplate::anywhere_probe(&l[..l.len().min(200)]) as usize;
        }
        println!("anywhere {:.1} MB/s ({n})", mb / t0.elapsed().as_secs_f64());
        let t0 = std::time::Instant::now();
        let mut n = 0;
        for p in text.split("\n\n") {
            n += ex.lexicon().names(p).len();
        }
        println!(
            "names (incl tokens) {:.1} MB/s ({n})",
            mb / t0.elapsed().as_secs_f64()
        );
    }
}
#[test]
#[ignore]
fn parts3() {
    let ex = Extractor::new(&aipx::data::load(None).unwrap());
    let text = std::fs::read_to_string("/tmp/big5.txt").unwrap();
    let mb = text.len() as f64 / 1e6;
    let (mut a, mut b, mut c) = (
        std::time::Duration::ZERO,
        std::time::Duration::ZERO,
        std::time::Duration::ZERO,
    );
    for p in text.split("\n\n") {
        let (_, x, y, z) = aipx::ingest::ents_only_probe(ex.lexicon(), p);
        a += x;
        b += y;
        c += z;
    }
    println!(
        "names_in {:.2} ms/MB, entities::find {:.2} ms/MB, money {:.2} ms/MB",
        a.as_secs_f64() * 1e3 / mb,
        b.as_secs_f64() * 1e3 / mb,
        c.as_secs_f64() * 1e3 / mb
    );
}
