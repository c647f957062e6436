//! Deterministic synthetic universe in the normal dataset format, for scale tests.
//!
//! `cargo run --release --example gen_universe -- --entities 100000 --programs 10000 \
//!  --links 1000000 --seed 7 OUT_DIR`

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::Parser;

/// Writes a synthetic dataset of the given size.
#[derive(Parser)]
struct Args {
    /// Number of entities (companies and bodies).
    #[arg(long, default_value_t = 100_000)]
    entities: usize,
    /// Number of programs.
    #[arg(long, default_value_t = 10_000)]
    programs: usize,
    /// Number of entity-program links (exposures).
    #[arg(long, default_value_t = 1_000_000)]
    links: usize,
    /// Seed; the same seed always writes the same files.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Folder to write the five TOML files into (created if missing).
    out: PathBuf,
}

/// SplitMix64: tiny, fast and stable across versions, unlike library RNGs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// Skewed towards small indices, so a few names carry many links, as in real markets.
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u) * n as f64) as usize % n
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "to", "ri", "na", "mi", "so", "ra", "te", "ko", "shi", "vo", "lex", "tra", "nor", "zen",
    "qua", "fi", "ber", "dal", "mon", "sen", "tec", "gra", "vi", "an", "ex", "or", "ul", "hy",
];
const KATAKANA: &[&str] = &[
    "カ", "ト", "リ", "ナ", "ミ", "ソ", "ラ", "テ", "コ", "シ", "ヴォ", "レ", "ト", "ノ", "ゼ",
    "ク", "フィ", "ベ", "ダ", "モ", "セ", "テ", "グ", "ヴィ", "ア", "エ", "オ", "ウ", "ハ",
];
const INDUSTRY: &[&str] = &[
    "Semiconductor",
    "Electronics",
    "Robotics",
    "Cloud",
    "Materials",
    "Chemical",
    "Systems",
    "Networks",
    "Photonics",
    "Data",
    "Energy",
    "Precision",
    "Devices",
    "Software",
    "Foundry",
];
const FORM: &[&str] = &[
    "Corp.",
    "Inc.",
    "Holdings",
    "Co., Ltd.",
    "Group",
    "Ltd.",
    "plc",
    "AG",
];
const SECTORS: &[&str] = &[
    "Semiconductors",
    "Semiconductor equipment",
    "Materials",
    "Cloud and data centres",
    "Industrial robotics",
    "Software",
    "Telecom",
    "Electronics",
    "Power and utilities",
];
/// Exchange code, country, symbol style.
const EXCHANGES: &[(&str, &str, Style)] = &[
    ("NASDAQ", "US", Style::Letters),
    ("NYSE", "US", Style::Letters),
    ("TSE", "JP", Style::Digits(4)),
    ("TWSE", "TW", Style::Digits(4)),
    ("KRX", "KR", Style::Digits(6)),
    ("HKEX", "HK", Style::Digits(4)),
    ("SSE", "CN", Style::Digits(6)),
    ("XETRA", "DE", Style::Letters),
    ("LSE", "GB", Style::Letters),
    ("NSE", "IN", Style::Letters),
];
const THEMES: &[&str] = &[
    "AI compute",
    "chip fab",
    "semiconductor materials",
    "robotics",
    "data centre",
    "quantum",
    "sovereign cloud",
    "AI research",
    "packaging",
    "power grid",
];
const KINDS: &[&str] = &[
    "subsidy",
    "fund",
    "mission",
    "tax credit",
    "grant",
    "loan programme",
];
const COUNTRIES: &[(&str, &str, &str)] = &[
    ("US", "USD", "Department of Commerce"),
    ("JP", "JPY", "METI"),
    ("KR", "KRW", "MOTIE"),
    ("TW", "TWD", "Ministry of Economic Affairs"),
    ("DE", "EUR", "BMWK"),
    ("IN", "INR", "MeitY"),
    ("GB", "GBP", "DSIT"),
    ("CN", "CNY", "MIIT"),
];
const ROLES: &[&str] = &[
    "member",
    "beneficiary",
    "supplier",
    "partner",
    "backer",
    "competitor",
];
const DIRECTIONS: &[&str] = &["tailwind", "tailwind", "tailwind", "mixed", "headwind"];
const CAT_KINDS: &[&str] = &[
    "meeting",
    "budget",
    "production",
    "pilot",
    "deadline",
    "review",
];

#[derive(Clone, Copy)]
enum Style {
    Letters,
    Digits(u32),
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn date(rng: &mut Rng) -> String {
    let year = 2024 + rng.below(9);
    match rng.below(8) {
        0 => format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
        1 => format!("{year}-{:02}", 1 + rng.below(12)),
        2 => format!(
            "{} {year}-{:02}",
            rng.pick(&["early", "mid", "late"]),
            1 + rng.below(12)
        ),
        3 => format!("{year}-Q{}", 1 + rng.below(4)),
        4 => format!("{year}-H{}", 1 + rng.below(2)),
        5 => format!("JP-FY{year}"),
        6 => format!("US-FY{year}"),
        _ => format!("{year}"),
    }
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let mut rng = Rng(args.seed);
    std::fs::create_dir_all(&args.out)?;
    let file = |name: &str| {
        File::create(args.out.join(name)).map(|f| BufWriter::with_capacity(1 << 20, f))
    };
    let sources = 50;

    let mut w = file("sources.toml")?;
    for s in 0..sources {
        writeln!(
            w,
            "[[source]]\nid = \"s{s}\"\nfile = \"synthetic_{s:03}.txt\"\ntitle = \"Synthetic policy brief {s}\"\npublisher = \"aipx generator\"\ndate = \"{}\"\n",
            date(&mut rng)
        )?;
    }
    w.flush()?;

    let mut w = file("entities.toml")?;
    let mut used = HashSet::new();
    let mut ids = Vec::with_capacity(args.entities);
    for e in 0..args.entities {
        let (exchange, country, style) = *rng.pick(EXCHANGES);
        let n = 2 + rng.below(2);
        let picks: Vec<usize> = (0..n).map(|_| rng.below(SYLLABLES.len())).collect();
        let stem = capitalised(&picks.iter().map(|&i| SYLLABLES[i]).collect::<String>());
        let name = format!("{stem} {} {}", rng.pick(INDUSTRY), rng.pick(FORM));
        // Unique symbol per exchange; a trailing counter breaks the rare collision.
        let mut tries = 0;
        let symbol = loop {
            tries += 1;
            let candidate = match style {
                // Crowded numeric exchanges run out of codes; TSE-style letter codes extend them.
                Style::Digits(d) if tries > 20 => format!(
                    "{:0width$}{}",
                    rng.below(10usize.pow(d)),
                    (b'A' + rng.below(26) as u8) as char,
                    width = d as usize
                ),
                Style::Letters => {
                    let len = 2 + rng.below(4);
                    (0..len)
                        .map(|_| (b'A' + rng.below(26) as u8) as char)
                        .collect::<String>()
                }
                Style::Digits(d) => {
                    format!("{:0width$}", rng.below(10usize.pow(d)), width = d as usize)
                }
            };
            if used.insert(format!("{exchange}:{candidate}")) {
                break candidate;
            }
        };
        let id = format!("e{e}");
        let mut aliases = vec![format!("\"{stem}\"")];
        if country == "JP" {
            let kana: String = picks.iter().map(|&i| KATAKANA[i]).collect();
            aliases.push(format!("\"{kana}\""));
        }
        let listed = rng.below(20) != 0;
        write!(w, "[[entity]]\nid = \"{id}\"\nname = \"{name}\"\n")?;
        if listed {
            writeln!(w, "listings = [\"{exchange}:{symbol}\"]")?;
        }
        writeln!(
            w,
            "aliases = [{}]\ncountry = \"{country}\"\nsector = \"{}\"\nsummary = \"Synthetic {} company.\"\nsources = [\"s{}\"]\n",
            aliases.join(", "),
            rng.pick(SECTORS),
            country,
            rng.below(sources)
        )?;
        ids.push(id);
    }
    w.flush()?;

    let mut w = file("programs.toml")?;
    for p in 0..args.programs {
        let (country, currency, sponsor) = *rng.pick(COUNTRIES);
        let theme = rng.pick(THEMES);
        let kind = rng.pick(KINDS);
        writeln!(
            w,
            "[[program]]\nid = \"p{p}\"\nname = \"{country} {theme} {kind} {p}\"\nsponsor = \"{sponsor}\"\ncountry = \"{country}\"\nstatus = \"{}\"\nsummary = \"Synthetic {theme} {kind}.\"\nsources = [\"s{}\"]\n",
            rng.pick(&["announced", "active", "proposed", "completed"]),
            rng.below(sources)
        )?;
        let total = (1 + rng.below(999)) as f64 * 10f64.powi(8 + rng.below(3) as i32);
        let lines = 1 + rng.below(3);
        for l in 0..lines {
            let amount = if l == 0 {
                total
            } else {
                total / (2 + rng.below(5)) as f64
            };
            let usd = if currency != "USD" && rng.below(2) == 0 {
                format!(", usd = {:.0}", amount / 150.0)
            } else {
                String::new()
            };
            let parent = if l > 0 { "parent = \"l0\"\n" } else { "" };
            writeln!(
                w,
                "[[program.funding]]\nid = \"l{l}\"\nlabel = \"Tranche {l}\"\nmoney = {{ currency = \"{currency}\", amount = {amount:.0}{usd} }}\nkind = \"public\"\nperiod = \"{}\"\npurpose = \"Synthetic {theme} support.\"\n{parent}sources = [\"s{}\"]\n",
                date(&mut rng),
                rng.below(sources)
            )?;
        }
    }
    w.flush()?;

    let mut w = file("exposures.toml")?;
    for i in 0..args.links {
        let e = rng.skewed(args.entities);
        let p = rng.below(args.programs);
        writeln!(
            w,
            "[[exposure]]\nentity = \"{}\"\nprogram = \"p{p}\"\nrole = \"{}\"\nbasis = \"{}\"\ndirection = \"{}\"\nfunding = [\"l0\"]\nnote = \"Synthetic link.\"\nsources = [\"s{}\"]\n",
            ids[e],
            rng.pick(ROLES),
            // From the position, not the generator, so the rest of the universe is unchanged.
            if i % 4 == 0 { "inferred" } else { "stated" },
            rng.pick(DIRECTIONS),
            rng.below(sources)
        )?;
    }
    w.flush()?;

    let mut w = file("catalysts.toml")?;
    for c in 0..args.programs * 2 {
        let p = rng.below(args.programs);
        let e = rng.skewed(args.entities);
        writeln!(
            w,
            "[[catalyst]]\nid = \"c{c}\"\ntitle = \"Synthetic {} for program {p}\"\ndate = \"{}\"\nkind = \"{}\"\nprogram = \"p{p}\"\nentities = [\"{}\"]\nnote = \"Synthetic event.\"\nsources = [\"s{}\"]\n",
            rng.pick(CAT_KINDS),
            date(&mut rng),
            rng.pick(CAT_KINDS),
            ids[e],
            rng.below(sources)
        )?;
    }
    w.flush()
}
