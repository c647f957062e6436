//! Linking names of a whole securities master. With 60,000+ listed names, matching every
//! name is wrong: `Target`, `Block`, `Snap`, `Visa`, `Orange` and `Ford` are words first,
//! and publishers (`Reuters`, `Nikkei`) are not the companies that share their names. A
//! master name found in text is a candidate; it becomes a mention on evidence:
//!
//! - a legal name (`Frontken Corporation Berhad`, `Inari Amertron Bhd`) is enough alone;
//! - a name of two or more capitalised words needs one more clue: the article names the
//!   listing's country, the company is mid-sized or larger, or it is the subject of a
//!   business verb (`... said`, `... shares rose`) or possessive (`Unisem's`);
//! - a one-word name needs a business verb or possessive *and* the country or a large
//!   listing, and never counts when the paragraph also writes it in lower case or it is a
//!   common word; standing in a list beside companies (`Inari, ViTrox and Frontken`) counts
//!   as the business verb;
//! - a name that goes on with a capitalised word it does not hold (`Rogers` of `Rogers
//!   Communications`) is part of another company's name, unless that word is a legal form;
//! - a name that is a place (`in Batu Kawan`, `its Batu Kawan plant`, `in Penang and Batu
//!   Kawan`) counts only when it then acts (`... said`) or owns (`...'s`);
//! - several listings of one name: the one in a country the article names, else the common
//!   share (`TA`, not the preferred `TA-PD`), else the larger, else the first (primary).
//!
//! Curated names (dataset and `assets/universe.csv`) are matched before and always win.

use std::sync::OnceLock;

use super::{Mention, Who};
use crate::ingest::lexicon::FxMap;
use crate::ingest::lexicon::{Lexicon, MAX_WORDS, Size, WordHash, fold_word, is_legal, legal_tail};
use crate::ingest::scan::{Kind, Tokens};

/// Countries an article can name, as bits.
const COUNTRIES: &[&str] = &[
    "US", "JP", "KR", "TW", "CN", "HK", "IN", "MY", "SG", "CA", "AU", "FR", "DE", "GB", "NL", "CH",
    "SE", "TH", "ID", "IT", "ES", "IL", "NZ", "BR", "MX", "SA", "DK", "NO", "FI", "BE", "AT", "QA",
];

/// The bit of a country code (0 for a country not tracked).
pub fn country_bit(code: &str) -> u32 {
    COUNTRIES
        .iter()
        .position(|c| *c == code)
        .map_or(0, |i| 1 << i)
}

#[rustfmt::skip]
/// Words that name a country (its name, people, cities, exchanges, currency), by country.
const CUES: &[(&str, &[&str])] = &[
    ("US", &["America", "American", "Americans", "Washington", "Nasdaq", "NASDAQ", "NYSE", "Texas", "California", "Arizona", "Ohio", "Wall"]),
    ("JP", &["Japan", "Japanese", "Tokyo", "Osaka", "Kumamoto", "Hokkaido", "Nagoya", "Yokohama", "Kyushu", "Chitose", "Hiroshima", "yen"]),
    ("KR", &["Korea", "Korean", "Seoul", "KOSPI", "Kospi", "KOSDAQ", "Kosdaq", "Yongin", "Pyeongtaek", "Incheon", "Busan", "Hwaseong", "Gyeonggi", "Daejeon", "Cheongju", "Gumi"]),
    ("TW", &["Taiwan", "Taiwanese", "Taipei", "Hsinchu", "Kaohsiung", "Tainan", "Taichung", "TWSE"]),
    ("CN", &["China", "Chinese", "Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Suzhou", "Wuhan", "Hefei", "Nanjing", "Chengdu", "Guangdong", "Guangzhou", "Jiangsu", "Zhejiang", "yuan", "renminbi"]),
    ("HK", &["HKEX", "Kowloon"]),
    ("IN", &["India", "Indian", "Mumbai", "Delhi", "Gujarat", "Bengaluru", "Bangalore", "Chennai", "Hyderabad", "Pune", "Noida", "Kolkata", "Assam", "Dholera", "Karnataka", "Telangana", "Maharashtra", "crore", "rupees"]),
    ("MY", &["Malaysia", "Malaysian", "Bursa", "Kuala", "Penang", "Johor", "Kulim", "Kedah", "Melaka", "Selangor", "Sarawak", "Sabah", "Putrajaya", "Cyberjaya", "Ipoh", "Petaling", "ringgit"]),
    ("SG", &["Singapore", "Singaporean", "SGX"]),
    ("CA", &["Canada", "Canadian", "Ottawa", "Toronto", "Ontario", "Quebec", "Montreal", "Vancouver", "Calgary", "Alberta", "Edmonton", "Halifax", "Scotia", "Manitoba", "Winnipeg", "Saskatchewan", "TSX"]),
    ("AU", &["Australia", "Australian", "Sydney", "Canberra", "Melbourne", "Brisbane", "Perth", "Queensland", "ASX"]),
    ("FR", &["France", "French", "Paris", "Euronext", "Grenoble", "Lyon", "Toulouse", "Marseille", "Crolles", "Saclay"]),
    ("DE", &["Germany", "German", "Frankfurt", "Xetra", "Munich", "Berlin", "Dresden"]),
    ("GB", &["Britain", "British", "UK", "London"]),
    ("NL", &["Netherlands", "Dutch", "Amsterdam", "Eindhoven"]),
    ("CH", &["Switzerland", "Swiss", "Zurich"]),
    ("SE", &["Sweden", "Swedish", "Stockholm"]),
    ("TH", &["Thailand", "Thai", "Bangkok"]),
    ("ID", &["Indonesia", "Indonesian", "Jakarta", "Batam"]),
    ("IT", &["Italy", "Italian", "Milan", "Rome"]),
    ("ES", &["Spain", "Spanish", "Madrid", "Barcelona"]),
    ("IL", &["Israel", "Israeli", "Aviv"]),
    ("NZ", &["Zealand", "Wellington", "Auckland"]),
    ("BR", &["Brazil", "Brazilian"]),
    ("MX", &["Mexico", "Mexican"]),
    ("SA", &["Saudi", "Riyadh", "Jeddah", "Tadawul"]),
    ("DK", &["Denmark", "Danish", "Copenhagen"]),
    ("NO", &["Norway", "Norwegian", "Oslo"]),
    ("FI", &["Finland", "Finnish", "Helsinki"]),
    ("BE", &["Belgium", "Belgian", "Brussels"]),
    ("AT", &["Austria", "Austrian", "Vienna"]),
    ("QA", &["Qatar", "Qatari", "Doha"]),
];

/// Every cue word with its country bit, built once: one probe per capitalised word.
fn cue_table() -> &'static FxMap<&'static str, u32> {
    static TABLE: OnceLock<FxMap<&'static str, u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        CUES.iter()
            .flat_map(|(code, words)| words.iter().map(move |w| (*w, country_bit(code))))
            .collect()
    })
}

/// For each first byte (`[0]`) and each last byte (`[1]`), the lengths (bit `n` for `n`
/// bytes) of the cue words with it: most capitalised words are no cue, and this rules them
/// out without hashing. A cue in capitals (`SEOUL`) has the first byte and length of the cue
/// it is looked up as, and its last byte in upper case.
fn cue_shapes() -> &'static [[u32; 256]; 2] {
    static SHAPES: OnceLock<[[u32; 256]; 2]> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let mut shapes = [[0u32; 256]; 2];
        // The cues matched by name below count too.
        let words = CUES.iter().flat_map(|(_, words)| words.iter());
        for w in words.chain(&["Hong", "US", "U", "New"]) {
            let b = w.as_bytes();
            if b.len() < 32 {
                let last = b[b.len() - 1];
                shapes[0][usize::from(b[0])] |= 1 << b.len();
                shapes[1][usize::from(last)] |= 1 << b.len();
                shapes[1][usize::from(last.to_ascii_uppercase())] |= 1 << b.len();
            }
        }
        shapes
    })
}

/// Countries a paragraph names, as bits.
pub fn countries_in(t: &Tokens) -> u32 {
    let table = cue_table();
    let shapes = cue_shapes();
    let bytes = t.text.as_bytes();
    let mut bits = 0;
    for (i, tok) in t.toks.iter().enumerate() {
        // Most words are no cue: one test of their shape, without branching on each of its
        // parts, rules them out.
        let len = tok.end - tok.start;
        let shape = shapes[0][usize::from(bytes[tok.start])]
            & shapes[1][usize::from(bytes[tok.end - 1])]
            & 1u32.checked_shl(len as u32).unwrap_or(0);
        // Cues are capitalised, but for a few currency words.
        if shape == 0
            || tok.kind != Kind::Word
            || !matches!(bytes[tok.start], b'A'..=b'Z' | b'y' | b'c' | b'r')
        {
            continue;
        }
        let w = t.s(i);
        let code = match w {
            "Hong" if t.is(i + 1, "Kong") => Some("HK"),
            "New" | "NEW" if t.is(i + 1, "York") => Some("US"),
            // `US$300 million` is a currency, stated in articles from every market.
            "US" if t.sym(i + 1) == Some('$') && t.glued(i + 1) => None,
            "US" | "U" if w == "US" || t.sym(i + 1) == Some('.') && t.is(i + 2, "S") => Some("US"),
            _ => None,
        };
        bits |= match code {
            Some(c) => country_bit(c),
            None => table
                .get(w)
                .copied()
                .or_else(|| shouted_cue(table, w))
                .unwrap_or(0),
        };
    }
    bits
}

/// A cue written in capitals, as datelines are (`SEOUL`, `KUALA LUMPUR`): looked up as
/// `Seoul`.
fn shouted_cue(table: &FxMap<&'static str, u32>, w: &str) -> Option<u32> {
    let b = w.as_bytes();
    if b.len() < 4 || b.len() > 16 || !b.iter().all(u8::is_ascii_uppercase) {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[0] = b[0];
    for (d, s) in buf[1..].iter_mut().zip(&b[1..]) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..b.len()])
        .ok()
        .and_then(|t| table.get(t).copied())
}

/// Publishers, wires and bylines, and exchanges and indices that share a listed company's
/// name (`the Nasdaq rose`, `the Hang Seng fell`, `on Bursa Malaysia`): never a company on
/// their own.
const PUBLISHERS: &[&[&str]] = &[
    &["new", "york", "times"],
    &["wall", "street", "journal"],
    &["washington", "post"],
    &["business", "standard"],
    &["globe", "and", "mail"],
    &["les", "echos"],
    &["handelsblatt"],
    &["korea", "economic", "daily"],
    &["nasdaq"],
    &["nyse"],
    &["hang", "seng"],
    &["bursa", "malaysia"],
    &["bursa"],
    &["singapore", "exchange"],
    &["sgx"],
    &["euronext"],
    // India's exchanges, to which every Indian filing is addressed (`BSE Limited`).
    &["bse"],
    &["national", "stock", "exchange", "of", "india"],
    &["topix"],
    &["kospi"],
    &["kosdaq"],
    &["sensex"],
    &["nifty"],
    &["s", "&", "p"],
    &["stoxx"],
    &["reuters"],
    &["bloomberg"],
    &["nikkei"],
    &["nikkei", "asia"],
    &["jiji"],
    &["jiji", "press"],
    &["kyodo"],
    &["yonhap"],
    &["xinhua"],
    &["bernama"],
    &["afp"],
    &["ap"],
    &["caixin"],
    &["pti"],
    &["cna"],
    &["dow", "jones"],
    &["cnbc"],
    &["digitimes"],
    &["trendforce"],
    &["the", "edge"],
    &["the", "star"],
    &["business", "times"],
    &["the", "business", "times"],
    &["straits", "times"],
    &["financial", "times"],
    &["economic", "times"],
    &["mint"],
    &["focus", "taiwan"],
    &["korea", "herald"],
    &["korea", "times"],
    &["south", "china", "morning", "post"],
];

/// One-word names that are ordinary words first: they need a legal name, a ticker tag, or
/// an appositive that calls them a business (`Orange, the historical operator,`).
pub(super) const COMMON: &[&str] = &[
    "target",
    "block",
    "snap",
    "visa",
    "orange",
    "ford",
    "apple",
    "general",
    "national",
    "united",
    "first",
    "global",
    "american",
    "energy",
    "power",
    "capital",
    "digital",
    "international",
    "pacific",
    "summit",
    "premier",
    "focus",
    "star",
    "edge",
    "times",
    "news",
    "data",
    "cloud",
    "chip",
    "chips",
    "prime",
    "core",
    "smart",
    "future",
    "vision",
    "frontier",
    "advance",
    "progress",
    "unity",
    "liberty",
    "union",
    "golden",
    "eagle",
    "apex",
    "alpha",
    "venture",
    "ventures",
    "partners",
    "fund",
    "trust",
    "bank",
    "government",
    "ministry",
    "minister",
    "state",
    "federal",
    "development",
    "industry",
    "industries",
    "technology",
    "technologies",
    "systems",
    "solutions",
    "services",
    "resources",
    "group",
    "holdings",
    "motor",
    "motors",
    "electric",
    "electronics",
    "materials",
    "semiconductor",
    "micro",
    "silicon",
    "quantum",
    "precision",
    "dynamics",
    "strategy",
    "ai",
    "the",
    "new",
    "north",
    "south",
    "east",
    "west",
    "central",
    "company",
    "corporation",
    "office",
    "market",
    "exchange",
];

/// Words after a name that make it a site (`the Batu Kawan plant`), not a company.
const SITES: &[&str] = &[
    "plant",
    "plants",
    "factory",
    "facility",
    "site",
    "campus",
    "fab",
    "park",
    "hub",
    "industrial",
    "complex",
    "district",
    "zone",
    "corridor",
    "mine",
    "port",
    "airport",
    "station",
    "region",
    "province",
    "state",
    "county",
    "city",
    "township",
    "area",
];

/// Words after a name that make it the subject of business news.
pub(super) const VERBS_AFTER: &[&str] = &[
    "said",
    "says",
    "announced",
    "announces",
    "reported",
    "reports",
    "posted",
    "posts",
    "plans",
    "planned",
    "expects",
    "expected",
    "rose",
    "fell",
    "gained",
    "jumped",
    "slid",
    "slipped",
    "climbed",
    "surged",
    "dropped",
    "shares",
    "stock",
    "unveiled",
    "launched",
    "signed",
    "agreed",
    "secured",
    "invested",
    "invests",
    "acquired",
    "acquires",
    "shipped",
    "supplies",
    "supplied",
    "makes",
    "builds",
    "opened",
    "opens",
    "raised",
    "added",
    "noted",
    "confirmed",
    "declined",
    "won",
    "wins",
    "bought",
    "sold",
    "sells",
    "plunged",
    "soared",
    "tumbled",
    "rallied",
    "advanced",
    "will",
    "would",
    "has",
    "had",
    "is",
    "was",
    "were",
    "are",
    "closed",
    "ended",
    "traded",
    "edged",
    "eased",
    "lost",
    "led",
    // French wires: `Safran ont annoncé`, `Vinci construira`.
    "ont",
    "annonce",
    "prévoit",
    "investit",
    "va",
    "vont",
    "sont",
    "signe",
    "lance",
    "construira",
    "construiront",
    // German wires: `Dürr legte 2 Prozent zu`, `Infineon erhält`.
    "legte",
    "stieg",
    "stiegen",
    "fiel",
    "sank",
    "verlor",
    "gewann",
    "kletterte",
    "erhält",
    "investiert",
    "baut",
    "meldete",
    "kündigte",
    "teilte",
    "chief",
    "CEO",
    "chairman",
    "executive",
];

/// A name written with a lower-case letter before a capital (`iFlytek`, `eBay`, `iQIYI`).
fn camel(b: &[u8]) -> bool {
    b.len() >= 2 && b[0].is_ascii_lowercase() && b[1].is_ascii_uppercase()
}

/// Whether token `i` starts a word in text whose name words are capitalised.
fn capitalised(t: &Tokens, i: usize) -> bool {
    let s = t.s(i);
    match t.kind(i) {
        Kind::Num => true,
        Kind::Word => {
            s.chars().next().is_some_and(char::is_uppercase)
                || camel(s.as_bytes())
                || matches!(
                    s,
                    "and" | "of" | "de" | "la" | "du" | "des" | "und" | "van" | "der"
                )
                // Legal forms British and Italian releases write in lower case
                // (`Smiths Group plc`, `Prysmian spa`).
                || matches!(s, "plc" | "spa" | "bhd" | "tbk" | "oyj")
        }
        Kind::Sym => s == "&",
    }
}

/// A candidate: tokens `first..=last` and the master companies they may name.
struct Candidate {
    first: usize,
    last: usize,
    hash: WordHash,
    words: usize,
}

/// The longest master name starting at token `i`, if any.
fn longest(t: &Tokens, lex: &Lexicon, i: usize) -> Option<Candidate> {
    let names = lex.master();
    let mut h = WordHash::new();
    let mut best = None;
    let mut words = 0;
    let mut k = i;
    while k < t.len() && words < MAX_WORDS {
        match t.kind(k) {
            Kind::Word | Kind::Num => {
                h = h.push(t.s(k));
                words += 1;
            }
            Kind::Sym if t.sym(k) == Some('&') => {
                h = h.push("&");
                words += 1;
            }
            // Punctuation inside legal names: `Co., Ltd.`, `Unisem (M) Bhd`, `Mercedes-Benz`.
            Kind::Sym if matches!(t.sym(k), Some('.' | ',' | '(' | ')' | '-')) && k > i => {
                k += 1;
                continue;
            }
            Kind::Sym => break,
        }
        if words == 1 && !names.may_start(h) {
            break;
        }
        let Some((forms, longer)) = names.lookup(h) else {
            break;
        };
        if !forms.is_empty() {
            best = Some(Candidate {
                first: i,
                last: k,
                hash: h,
                words,
            });
        }
        if !longer {
            break;
        }
        k += 1;
    }
    best
}

/// Master companies named in a paragraph, outside the spans already found (`taken`, sorted).
pub fn find(t: &Tokens, lex: &Lexicon, countries: u32, taken: &[(usize, usize)]) -> Vec<Mention> {
    let mut out = Vec::new();
    if lex.master().is_empty() {
        return out;
    }
    let bytes = t.text.as_bytes();
    let mut next = 0;
    // Candidates that lacked a business verb: a list may vouch for them.
    let mut lone: Vec<Candidate> = Vec::new();
    for i in 0..t.len() {
        let tok = t.toks[i];
        let starts_name = bytes[tok.start].is_ascii_uppercase()
            || camel(&bytes[tok.start..tok.end.min(tok.start + 2)]);
        if tok.start < next || tok.kind != Kind::Word || !starts_name {
            continue;
        }
        if i > 0 && t.glued(i) && matches!(t.kind(i - 1), Kind::Word | Kind::Num) {
            continue;
        }
        // Inside a name already found, nothing starts; at its first word only a longer
        // listed name does (`Mitsubishi Estate`, `Samsung Biologics` over a curated
        // `Mitsubishi` or `Samsung`), and wins when the evidence takes it.
        let at = taken
            .iter()
            .find(|&&(s, e)| tok.start >= s && tok.start < e)
            .copied();
        if at.is_some_and(|(s, _)| s != tok.start) {
            continue;
        }
        let Some(c) = longest(t, lex, i) else {
            continue;
        };
        let end = t.toks[c.last].end;
        // Longer only by its legal form (`Samsung Electronics Co., Ltd.`): the same company
        // the curated name found, which keeps it.
        let more_name = |e: usize| {
            (c.first..=c.last).any(|k| {
                t.toks[k].start >= e
                    && matches!(t.kind(k), Kind::Word | Kind::Num)
                    && !is_legal(&fold_word(t.s(k)))
            })
        };
        if at.is_some_and(|(_, e)| end <= e || !more_name(e)) {
            continue;
        }
        // A curated name inside a longer listed one (`Micron` in `Hana Micron`) gives way
        // to it when the evidence takes the longer; one running past it stops it.
        if taken
            .iter()
            .any(|&(s, e)| s > tok.start && s < end && e > end)
        {
            continue;
        }
        let mut shouted = || t.shouted(i);
        match accept(t, lex, &c, countries, false, &mut shouted) {
            Some(k) => {
                out.push(Mention {
                    start: tok.start,
                    end,
                    who: Who::Known(k),
                });
                next = end;
            }
            None => lone.push(c),
        }
    }
    // A name listed beside companies (`Inari, ViTrox and Frontken`, `Eugene Technology and
    // Park Systems`) is one of them: being in the list stands for the business verb it
    // lacks (never for the other evidence), and each name taken may let the next one in.
    let mut added = true;
    while added && !lone.is_empty() {
        added = false;
        let mut spans: Vec<(usize, usize)> = taken
            .iter()
            .copied()
            .chain(out.iter().map(|m| (m.start, m.end)))
            .collect();
        spans.sort_unstable();
        let mut i = 0;
        while i < lone.len() {
            let c = &lone[i];
            let mut shouted = || t.shouted(c.first);
            let listed = in_list(t, c, &spans);
            match listed.then(|| accept(t, lex, c, countries, true, &mut shouted)) {
                Some(Some(k)) => {
                    out.push(Mention {
                        start: t.toks[c.first].start,
                        end: t.toks[c.last].end,
                        who: Who::Known(k),
                    });
                    lone.swap_remove(i);
                    added = true;
                }
                _ => i += 1,
            }
        }
    }
    out.sort_by_key(|m| m.start);
    out
}

/// Whether the candidate's words are a place's name (`Batu Kawan`, `Kuala Lumpur`).
fn is_place_name(t: &Tokens, c: &Candidate) -> bool {
    let words: Vec<&str> = (c.first..=c.last)
        .filter(|&k| t.kind(k) == Kind::Word)
        .map(|k| t.s(k))
        .collect();
    super::PLACES.iter().any(|p| {
        let mut ws = p.split(' ');
        words.len() == p.split(' ').count()
            && words
                .iter()
                .all(|w| ws.next().is_some_and(|x| x.eq_ignore_ascii_case(w)))
    })
}

/// Nouns that say an appositive describes a business (`Kalray, a chip designer ...`).
const BUSINESS_NOUNS: &[&str] = &[
    "company",
    "firm",
    "maker",
    "makers",
    "designer",
    "developer",
    "manufacturer",
    "producer",
    "supplier",
    "provider",
    "operator",
    "group",
    "conglomerate",
    "chipmaker",
    "automaker",
    "carmaker",
    "lender",
    "bank",
    "insurer",
    "retailer",
    "carrier",
    "utility",
    "miner",
    "startup",
    "start-up",
    "unit",
    "subsidiary",
    "affiliate",
    "contractor",
    "builder",
    "distributor",
    "vendor",
    "fabricator",
    "foundry",
    "integrator",
    "specialist",
    "player",
];

/// Whether an appositive at token `at` describes a business, `, a chip designer based near
/// Grenoble,`: a comma, `a`/`an`/`the`/`which`, and a business noun before the next comma
/// or full stop (a few words on), with no verb of a clause among them (`Next, the Group
/// will publish` opens a sentence with a word).
fn described(t: &Tokens, at: usize) -> bool {
    if t.sym(at) != Some(',') || !t.is_any(at + 1, &["a", "an", "the", "which", "whose"]) {
        return false;
    }
    let words = || {
        (at + 2..(at + 14).min(t.len()))
            .take_while(|&k| !matches!(t.sym(k), Some(',' | '.' | ';' | '(')))
            .filter(|&k| t.kind(k) == Kind::Word)
    };
    let noun = words().any(|k| t.is_any(k, BUSINESS_NOUNS));
    let clause = !t.is_any(at + 1, &["which", "whose"])
        && words().any(|k| t.s(k) != "has" && VERBS_AFTER.contains(&t.s(k)));
    noun && !clause
}

/// Whether an appositive at token `at` calls the name before it a business and closes, as
/// an appositive does, with a comma before its sentence goes on (`Orange, the historical
/// operator, will`), not a clause that goes on after an opening word (`Next, the Group
/// will publish`): strong enough for a name that is an ordinary word.
pub(super) fn strongly_described(t: &Tokens, at: usize) -> bool {
    if !described(t, at) {
        return false;
    }
    let end = (at + 2..(at + 14).min(t.len()))
        .find(|&k| matches!(t.sym(k), Some(',' | '.' | ';' | '(')))
        .unwrap_or(t.len());
    t.sym(end) == Some(',')
        && !(at + 2..end).any(|k| t.kind(k) == Kind::Word && VERBS_AFTER.contains(&t.s(k)))
}

/// French perfect tense at token `at`, `Riber a remporté`, `Safran a également signé`: the
/// auxiliary `a` then a participle (or an adverb before it).
fn french_perfect(t: &Tokens, at: usize) -> bool {
    let participle = |k: usize| t.kind(k) == Kind::Word && t.s(k).ends_with('é');
    t.is(at, "a")
        && t.toks[at].space
        && (participle(at + 1)
            || t.is_any(at + 1, &["également", "aussi", "déjà", "enfin"]) && participle(at + 2))
}

/// Whether the word at token `after` is a lower-case noun the name before it describes
/// (`Next phase`, `Delta variant`): a lower-case word that is no verb and no joiner.
fn describes_next(t: &Tokens, after: usize) -> bool {
    t.kind(after) == Kind::Word
        && t.s(after).starts_with(char::is_lowercase)
        && !VERBS_AFTER.contains(&t.s(after))
        && !french_perfect(t, after)
        && !t.is_any(after, &["and", "or", "et", "ou", "und"])
}

/// Nouns that name a business right before its name: `chipmaker Riber`, `construction
/// group Vinci`, `le fabricant d'équipements Riber`.
const NOUNS_BEFORE: &[&str] = &[
    "fabricant",
    "groupe",
    "opérateur",
    "équipementier",
    "société",
    "entreprise",
    "constructeur",
    "fournisseur",
    "spécialiste",
    "Konzern",
    "Hersteller",
    "Zulieferer",
];

/// Whether a business noun stands right before the name at token `first`, with only
/// lower-case words of its phrase between (`equipment maker`, `fabricant d'équipements`).
fn noun_before(t: &Tokens, first: usize) -> bool {
    let mut k = first;
    for _ in 0..4 {
        let Some(b) = k.checked_sub(1) else {
            return false;
        };
        k = b;
        match t.kind(k) {
            Kind::Word if t.is_any(k, BUSINESS_NOUNS) || t.is_any(k, NOUNS_BEFORE) => {
                return true;
            }
            Kind::Word
                if t.s(k).starts_with(char::is_lowercase)
                    && !t.is_any(
                        k,
                        &[
                            "in", "at", "near", "of", "for", "to", "from", "with", "by", "over",
                            "and", "or", "the", "a", "an", "its", "their", "our", "le", "la",
                            "les", "et", "der", "die", "das", "und",
                        ],
                    ) => {}
            Kind::Sym if matches!(t.sym(k), Some('\'' | '’')) => {}
            _ => return false,
        }
    }
    false
}

/// Whether a relative clause at token `at` is followed by a business verb for the name before
/// it: `Iliad, which owns the Free brand, said`.
pub(super) fn clause_then_verb(t: &Tokens, at: usize) -> bool {
    if t.sym(at) != Some(',') || !t.is(at + 1, "which") {
        return false;
    }
    let Some(close) = (at + 2..(at + 18).min(t.len()))
        .take_while(|&k| !matches!(t.sym(k), Some('.' | ';')))
        .find(|&k| t.sym(k) == Some(','))
    else {
        return false;
    };
    t.kind(close + 1) == Kind::Word && VERBS_AFTER.contains(&t.s(close + 1))
}

/// Whether the name at token `first` is the second of two places (`in Penang and Batu
/// Kawan`, `in Penang, Kedah or Batu Kawan`): after `and`/`or`/`&` and a word that follows
/// `in`/`at`/`near` or another place and a comma.
fn joined_to_place(t: &Tokens, first: usize) -> bool {
    if first < 2 || !(t.is_any(first - 1, &["and", "or"]) || t.sym(first - 1) == Some('&')) {
        return false;
    }
    let w = first - 2;
    // A place after `in`, or one of a list of places (`in Penang, Kedah and ...`), not the
    // country tag of a company before it (`Renesas Electronics Corporation, Japan and`).
    let place_before = |k: usize| {
        t.is_any(k, &["in", "at", "near"])
            || t.sym(k) == Some(',')
                && k > 0
                && t.kind(k - 1) == Kind::Word
                && cue_table().contains_key(t.s(k - 1))
    };
    t.kind(w) == Kind::Word && w > 0 && place_before(w - 1)
}

/// Whether candidate `c` sits in a list beside a company span (`A, c and B`, `c, A`):
/// next to one of `spans` (byte ranges), across a comma, `and`, `&` or `or`.
fn in_list(t: &Tokens, c: &Candidate, spans: &[(usize, usize)]) -> bool {
    let joiner = |k: usize| {
        matches!(t.sym(k), Some(',' | '&'))
            || t.kind(k) == Kind::Word && t.is_any(k, &["and", "or", "et", "ou"])
    };
    // Up to two joiners (`A, and c`) between the candidate and the company.
    let before = (1..=2).any(|n| {
        c.first > n
            && (c.first - n..c.first).all(joiner)
            && spans.iter().any(|&(_, e)| e == t.toks[c.first - n - 1].end)
    });
    let after = (1..=2).any(|n| {
        c.last + n + 1 < t.len()
            && (c.last + 1..=c.last + n).all(joiner)
            && spans
                .iter()
                .any(|&(s, _)| s == t.toks[c.last + n + 1].start)
    });
    before || after
}

/// The company a candidate names, when the evidence is enough. Cheap tests first: most
/// candidates are capitalised words that happen to start a listed name.
fn accept(
    t: &Tokens,
    lex: &Lexicon,
    c: &Candidate,
    countries: u32,
    listed: bool,
    shouted: &mut dyn FnMut() -> bool,
) -> Option<usize> {
    let forms = lex.master().forms(c.hash);
    let legal = forms.iter().any(|f| f.legal);
    let after = c.last + 1;
    let possessive =
        matches!(t.sym(after), Some('\'' | '’')) && t.glued(after) && t.is(after + 1, "s");
    // An adverb may stand before the verb: `Cummins and Caterpillar both rose`.
    let verb_at = if t.is_any(after, &["also", "both", "all", "each", "still", "too"]) {
        after + 1
    } else {
        after
    };
    let verb = listed
        || t.kind(verb_at) == Kind::Word && VERBS_AFTER.contains(&t.s(verb_at))
        || described(t, after)
        || clause_then_verb(t, after)
        || french_perfect(t, verb_at)
        || noun_before(t, c.first) && !describes_next(t, after)
        || c.first >= 2
            && t.is_any(c.first - 1, &["of", "in"])
            && t.is_any(c.first - 2, &["shares", "stake", "unit", "subsidiary"]);
    if !legal {
        if c.words == 1 && !verb && !possessive || shouted() {
            return None;
        }
        // The name goes on with a capitalised word it does not know (`Rogers` of `Rogers
        // Communications`, `Sunway` of `Sunway Construction`): another company's.
        let goes_on = t.kind(after) == Kind::Word
            && !t.glued(after)
            && t.s(after).chars().next().is_some_and(char::is_uppercase)
            && !VERBS_AFTER.contains(&t.s(after))
            // Its legal form (`Exail Technologies SA`, `S.A.`) is still the name.
            && !is_legal(&fold_word(t.s(after)))
            && t.s(after).chars().count() > 1;
        if goes_on || ends_other_name(t, c.first) {
            return None;
        }
        // `in Batu Kawan`, `near Hsinchu Science Park`, `its Batu Kawan plant`: a place,
        // unless it then acts.
        // The word before, past a `the` (`near the Batu Kawan industrial area`).
        let before = match c.first.checked_sub(1) {
            Some(b) if b > 0 && t.is(b, "the") => Some(b - 1),
            b => b,
        };
        let place = before.is_some_and(|b| {
            t.is_any(
                b,
                &[
                    "in", "at", "near", "outside", "across", "around", "its", "their", "our",
                ],
            )
        }) || t.kind(after) == Kind::Word && t.is_any(after, SITES)
            || joined_to_place(t, c.first)
            || is_place_name(t, c);
        // A list does not make a place act; only its own verb or possessive does.
        let acts = verb && !listed || possessive;
        if place && !acts {
            return None;
        }
    } else if c.words < 2 && shouted() {
        return None;
    }
    // Every word as written must be capitalised (`Hydro One`, not `hydro one`).
    if !(c.first..=c.last)
        .filter(|&k| t.kind(k) != Kind::Sym || t.sym(k) == Some('&'))
        .all(|k| capitalised(t, k))
    {
        return None;
    }
    let words: Vec<String> = (c.first..=c.last)
        .filter(|&k| matches!(t.kind(k), Kind::Word | Kind::Num))
        .map(|k| fold_word(t.s(k)))
        .collect();
    let tail = if legal { legal_tail(&words) } else { 0 };
    let core: Vec<&str> = words[..words.len() - tail]
        .iter()
        .map(String::as_str)
        .collect();
    if core.is_empty() || PUBLISHERS.contains(&core.as_slice()) {
        return None;
    }
    // The best of the companies the words may name.
    let best = forms
        .iter()
        .filter(|f| f.legal == legal)
        .map(|f| f.known as usize)
        .max_by_key(|&k| {
            let kn = &lex.known[k];
            let exchange = kn.exchange.map_or("", |e| e.country());
            let named = countries & country_bit(exchange) != 0;
            let home = kn.country == exchange;
            // The common share (`TA`) before preferred series of one name (`TA-PD`).
            let plain = kn.symbol.bytes().all(|b| b.is_ascii_alphanumeric());
            // The home listing before copies abroad (an ADR in New York, a US share in
            // Mexico); large and mega are one class (listing files class them unevenly).
            (
                named,
                plain,
                home,
                lex.master().size(k).min(Size::Large),
                std::cmp::Reverse(k),
            )
        })?;
    if legal {
        return Some(best);
    }
    let exchange_country = lex.known[best].exchange.map_or("", |e| e.country());
    let country = countries & country_bit(exchange_country) != 0;
    let size = lex.master().size(best);
    if core.len() >= 2 {
        let generic = core.iter().all(|w| COMMON.contains(w) || cue_word(w));
        return (!generic && (country || size >= Size::Mid || verb || possessive)).then_some(best);
    }
    let word = core[0];
    // An ordinary word is a company only where an appositive says so, and then even where
    // the paragraph also writes the word in lower case (`orange and blue panels`).
    let strong = strongly_described(t, after);
    if word.len() < 3
        || COMMON.contains(&word) && !strong
        || cue_word(word)
        || !(country || size >= Size::Large)
    {
        return None;
    }
    // `Graham said he would vote no`: a person. `Discovery was slow`: an auxiliary says
    // little, so it needs the listing's country named or a mega cap.
    if !listed && !possessive {
        let v = verb_at;
        let person = t.is_any(v, &["said", "says", "told", "added", "noted"])
            && t.is_any(v + 1, &["he", "she", "his", "her"])
            || t.sym(after) == Some(',') && t.is(after + 1, "who");
        let weak = t.is_any(
            v,
            &["is", "was", "were", "are", "has", "had", "will", "would"],
        );
        if person || weak && !country && size < Size::Mega {
            return None;
        }
    }
    // A word the paragraph also writes in lower case is a word.
    let lower_too = (0..t.len()).any(|k| t.kind(k) == Kind::Word && t.s(k) == word);
    (!lower_too || strong).then_some(best)
}

/// Capitalised words that may stand right before a company's name without being part of it.
const BEFORE_NAME: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "I",
    "CEO",
    "CFO",
    "Chairman",
    "President",
    "Chief",
    "Analyst",
];

/// Whether the name at token `first` ends another company's name (`Innovation` of `SK
/// Innovation`, `Biologics` of `Samsung Biologics`): right after a capitalised word that
/// is no month, title or place, and does not merely open the sentence, unless that word is
/// a short capitals code (`SK`, `LG`), which always leads a name.
pub(super) fn ends_other_name(t: &Tokens, first: usize) -> bool {
    let Some(prev) = first.checked_sub(1) else {
        return false;
    };
    let w = t.s(prev);
    if t.kind(prev) != Kind::Word
        || t.glued(first)
        || t.toks[first].newline
        || !w.chars().next().is_some_and(char::is_uppercase)
        || BEFORE_NAME.contains(&w)
        || cue_table().contains_key(w)
        || shouted_cue(cue_table(), w).is_some()
    {
        return false;
    }
    let code = w.len() <= 4 && w.bytes().all(|b| b.is_ascii_uppercase());
    let opens = prev == 0
        || t.toks[prev].newline
        || matches!(
            t.sym(prev - 1),
            Some('.' | '!' | '?' | ':' | ';' | '-' | '—' | '–' | '"' | '“' | '(' | '|' | '*' | '#')
        );
    code || !opens
}

/// Whether a lower-case word names a country or place (`korea`, `malaysian`).
pub(super) fn cue_word(word: &str) -> bool {
    let mut cap = String::with_capacity(word.len());
    let mut chars = word.chars();
    if let Some(f) = chars.next() {
        cap.extend(f.to_uppercase());
        cap.push_str(chars.as_str());
    }
    cue_table().contains_key(cap.as_str())
        || matches!(word, "hong" | "kong" | "us" | "asia" | "europe")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_words_name_one_country_each() {
        let words: usize = CUES.iter().map(|(_, w)| w.len()).sum();
        assert_eq!(cue_table().len(), words, "a cue word is listed twice");
        assert!(CUES.iter().all(|(c, _)| country_bit(c) != 0));
    }

    #[test]
    fn countries_come_from_names_cities_and_currencies() {
        let t = Tokens::new("Bursa-listed firms in Penang; 5 billion ringgit and Hong Kong");
        let bits = countries_in(&t);
        assert_ne!(bits & country_bit("MY"), 0);
        assert_ne!(bits & country_bit("HK"), 0);
        assert_eq!(bits & country_bit("US"), 0);
    }

    #[test]
    fn a_us_dollar_sign_names_no_country() {
        let t = Tokens::new("HALIFAX - a contract worth US$300 million");
        assert_eq!(countries_in(&t) & country_bit("US"), 0);
        let t = Tokens::new("plants in the US and the U.S. market");
        assert_ne!(countries_in(&t) & country_bit("US"), 0);
    }
}
