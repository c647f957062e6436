//! Names of a whole securities master (tens of thousands of listings): too many, and too
//! many ordinary words among them, to match like curated names. They go in a hash table of
//! word sequences instead of the automaton, and every match found here is only a candidate
//! that the entity linker accepts on evidence (see `entities::linker`).

use std::hash::Hasher;

use super::{FxHasher, FxMap, Known, Lexicon};
use crate::model::{Exchange, Listing, names};

/// How big a listed company is, as listing files class it (or its market value says).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum Size {
    /// Not stated.
    #[default]
    Unknown,
    /// Micro or nano cap.
    Micro,
    /// Small cap.
    Small,
    /// Mid cap.
    Mid,
    /// Large cap.
    Large,
    /// Mega cap.
    Mega,
}

impl Size {
    /// Reads a size class (`Large Cap`) or a market value in dollars (`1234567.00`).
    pub fn parse(text: &str) -> Size {
        let t = text.trim();
        if let Ok(v) = t.parse::<f64>() {
            return match v {
                v if v >= 200e9 => Size::Mega,
                v if v >= 10e9 => Size::Large,
                v if v >= 2e9 => Size::Mid,
                v if v >= 300e6 => Size::Small,
                v if v > 0.0 => Size::Micro,
                _ => Size::Unknown,
            };
        }
        match t
            .split_whitespace()
            .next()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("mega") => Size::Mega,
            Some("large") => Size::Large,
            Some("mid") => Size::Mid,
            Some("small") => Size::Small,
            Some("micro" | "nano") => Size::Micro,
            _ => Size::Unknown,
        }
    }
}

/// One listing of a securities master, as the linker needs it. Whatever holds the master
/// (an import, a test reading listing files) feeds these to [`Lexicon::with_master`].
#[derive(Debug, Clone)]
pub struct Listed {
    /// Symbol on its exchange, without a Yahoo suffix (`7203`, `0166`, `NVDA`).
    pub symbol: String,
    /// Name as listed; the linker cuts share-class words (`Common Stock`) with
    /// [`crate::model::names::company_name`].
    pub name: String,
    /// The exchange.
    pub exchange: Exchange,
    /// ISO 3166 alpha-2 country of the company, when known (else the exchange's).
    pub country: String,
    /// Sector, when known.
    pub sector: String,
    /// Size class.
    pub size: Size,
}

/// One way a master company's name is written.
#[derive(Debug, Clone, Copy)]
pub struct Form {
    /// Position in [`Lexicon::known`].
    pub known: u32,
    /// Whether the form keeps a legal word (`Frontken Corp`, `Inari Amertron Berhad`): a
    /// legal name, not a fragment.
    pub legal: bool,
    /// Number of words.
    pub words: u8,
}

/// Longest name, in words, that is looked up.
pub const MAX_WORDS: usize = 8;

/// Size of [`MasterNames::may_start`]'s bit table.
const FIRST_BITS: usize = 1 << 18;

/// Size of [`MasterNames::keys`].
const KEY_BITS: usize = 1 << 20;

/// The bit of a word sequence's hash in [`MasterNames::keys`].
fn key_bit(h: u64) -> usize {
    (h >> 24) as usize & (KEY_BITS - 1)
}

/// The word-sequence table of master names.
#[derive(Default)]
pub struct MasterNames {
    /// By the hash of folded words: the forms that are exactly those words (maybe none), and
    /// whether some longer form starts with them, so a lookup stops as soon as no name goes
    /// on. One table, so each word of the text costs one probe.
    forms: FxMap<u64, (Vec<Form>, bool)>,
    /// Bits set by the hash of each form's first word: most capitalised words start no
    /// name, and this small table (32 KiB) says so without probing the big one.
    firsts: Vec<u64>,
    /// Bits set by the hash of every word sequence in `forms`: most sequences of the text
    /// (`Japan will`) are in no name, and this table (128 KiB) says so without probing the
    /// big one, which costs a cache miss.
    keys: Vec<u64>,
    /// Size class of each master company (by position in [`Lexicon::known`] less `first`).
    sizes: Vec<Size>,
    /// Position in [`Lexicon::known`] of the first master company.
    first: usize,
}

/// A word as compared: lower case, legal words in the short spelling
/// [`names::LEGAL_SPELLINGS`] gives.
pub fn fold_word(word: &str) -> String {
    let lower = word.to_lowercase();
    names::legal_spelling(&lower).map_or(lower, str::to_string)
}

/// Whether a folded word is a legal-form word ([`names::is_legal_word`]).
pub fn is_legal(word: &str) -> bool {
    names::is_legal_word(word)
}

/// The folded words of a name: letters and digits, `&` kept as a word.
pub fn name_words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(fold_word(&word));
            word.clear();
        }
        if c == '&' {
            out.push("&".into());
        }
    }
    if !word.is_empty() {
        out.push(fold_word(&word));
    }
    out
}

/// How many words at the end of `words` are a legal form (`bhd`, `co ltd`, `s a`).
pub fn legal_tail(words: &[String]) -> usize {
    let n = words.len();
    let last = |k: usize| n.checked_sub(k).map(|i| words[i].as_str());
    // `Ooredoo Q.P.S.C.`, `Qatar Navigation Q.S.C.`
    match (last(4), last(3), last(2), last(1)) {
        (Some("q"), Some("p"), Some("s"), Some("c")) => return 4,
        (_, Some("q"), Some("s"), Some("c")) => return 3,
        _ => {}
    }
    match (last(3), last(2), last(1)) {
        (Some("s"), Some("p"), Some("a")) => 3,
        (_, Some("s" | "n" | "a" | "p"), Some("a" | "v" | "g" | "t" | "c")) => 2,
        (_, _, Some(w)) if is_legal(w) => 1,
        _ => 0,
    }
}

/// Hash of a word sequence, extended one word at a time.
#[derive(Clone, Copy)]
pub struct WordHash(u64);

impl WordHash {
    /// The hash of no words.
    pub fn new() -> WordHash {
        WordHash(0x9e37_79b9_7f4a_7c15)
    }

    /// The hash with one more word, folded as [`fold_word`] folds it.
    pub fn push(self, word: &str) -> WordHash {
        // Accents fold away (`Dürr` is the listed `Durr`, `Systèmes` `Systemes`): only
        // words with a byte over 127 pay for it.
        let folded;
        let word = if word.is_ascii() {
            word
        } else {
            folded = fold_accents(word);
            folded.as_str()
        };
        let word = names::legal_spelling(word).unwrap_or(word);
        // A plural and its singular are one word (`Rogers Communications` is the listed
        // `Rogers Communication`): a long word loses its final `s`, not `ss`.
        let b = word.as_bytes();
        let word = match b {
            [.., x, b's' | b'S'] if b.len() >= 7 && !x.eq_ignore_ascii_case(&b's') => {
                &word[..word.len() - 1]
            }
            _ => word,
        };
        let mut h = FxHasher::default();
        h.write_u64(self.0);
        // Eight bytes at a time: this runs for every capitalised word of every article.
        for chunk in word.as_bytes().chunks(8) {
            let mut buf = [0u8; 8];
            for (d, s) in buf.iter_mut().zip(chunk) {
                *d = s.to_ascii_lowercase();
            }
            h.write_u64(u64::from_le_bytes(buf));
        }
        h.write_u8(0xff);
        WordHash(h.finish())
    }
}

/// A word with its Latin accents and ligatures written in plain letters (`Dürr` -> `Durr`,
/// `Société` -> `Societe`, `Straße` -> `Strasse`); other scripts stay as they are.
fn fold_accents(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        let plain = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
            'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => "A",
            'ç' | 'ć' | 'č' => "c",
            'Ç' | 'Ć' | 'Č' => "C",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
            'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => "E",
            'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
            'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => "I",
            'ñ' | 'ń' | 'ň' => "n",
            'Ñ' | 'Ń' | 'Ň' => "N",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
            'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => "U",
            'ý' | 'ÿ' => "y",
            'Ý' => "Y",
            'š' | 'ś' => "s",
            'Š' | 'Ś' => "S",
            'ž' | 'ź' | 'ż' => "z",
            'Ž' | 'Ź' | 'Ż' => "Z",
            'ł' => "l",
            'Ł' => "L",
            'ß' => "ss",
            'æ' => "ae",
            'Æ' => "AE",
            'œ' => "oe",
            'Œ' => "OE",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(plain);
    }
    out
}

impl Default for WordHash {
    fn default() -> Self {
        WordHash::new()
    }
}

/// Chinese provinces and cities that lead listed names (`Jiangsu`, `Shenzhen`).
const CN_PLACES: &[&str] = &[
    "anhui",
    "beijing",
    "chongqing",
    "dalian",
    "fujian",
    "guangdong",
    "guangzhou",
    "hangzhou",
    "hefei",
    "henan",
    "hubei",
    "hunan",
    "jiangsu",
    "jiangxi",
    "nanjing",
    "ningbo",
    "qingdao",
    "shandong",
    "shanghai",
    "shenzhen",
    "sichuan",
    "suzhou",
    "tianjin",
    "wuhan",
    "wuxi",
    "xiamen",
    "zhejiang",
    "chengdu",
    "shanxi",
    "shaanxi",
    "yunnan",
    "guangxi",
    "hebei",
    "changzhou",
    "zhuhai",
    "foshan",
    "dongguan",
];

/// How many words at the end of `words` are legal forms, all of them (`co ltd`).
fn legal_words(words: &[String]) -> usize {
    let mut n = 0;
    let mut rest = words;
    loop {
        let tail = legal_tail(rest);
        if tail == 0 || tail >= rest.len() {
            return n;
        }
        n += tail;
        rest = &rest[..rest.len() - tail];
    }
}

/// The forms a cleaned name is written in: the whole legal name, each shorter one down to
/// the bare name, and the same without a parenthesis (`Unisem (M) Berhad` -> `Unisem`).
fn forms(name: &str) -> Vec<(Vec<String>, bool)> {
    let mut out: Vec<(Vec<String>, bool)> = Vec::new();
    let no_paren: String = {
        let mut s = String::new();
        let mut depth = 0;
        for c in name.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth = (depth - 1).max(0),
                _ if depth == 0 => s.push(c),
                _ => {}
            }
        }
        s
    };
    let mut variants: Vec<Vec<String>> = [name, no_paren.as_str()]
        .iter()
        .map(|v| name_words(v))
        .collect();
    // Chinese listings lead with their province or city, which news drops: `Zhejiang Sanhua
    // Intelligent Controls` is `Sanhua Intelligent Controls`; two words must stay.
    let base = variants[1].clone();
    if base
        .first()
        .is_some_and(|w| CN_PLACES.contains(&w.as_str()))
    {
        let mut core = &base[1..base.len() - legal_words(&base)];
        while let [rest @ .., last] = core
            && matches!(last.as_str(), "group" | "holdings" | "holding")
        {
            core = rest;
        }
        if core.len() >= 2 {
            variants.push(base[1..].to_vec());
        }
    }
    for mut words in variants {
        // `The Boeing Company`, Indonesia's `PT Bank Central Asia Tbk`: news drops both.
        if words.first().is_some_and(|w| w == "the" || w == "pt") && words.len() > 1 {
            words.remove(0);
        }
        while !words.is_empty() {
            let tail = legal_tail(&words);
            let legal = tail > 0;
            if !out.iter().any(|(w, _)| *w == words) {
                out.push((words.clone(), legal));
            }
            if !legal || words.len() <= tail {
                // News drops a trailing `Group` or `Holdings` (`Sunway Construction`,
                // `Aemulus`): the name without it, never a legal name.
                if !legal
                    && words.len() > 1
                    && words
                        .last()
                        .is_some_and(|w| matches!(w.as_str(), "group" | "holdings" | "holding"))
                {
                    let shorter = words[..words.len() - 1].to_vec();
                    // Not down to a short code (`UMS` of `UMS Holdings`).
                    let distinct = shorter.len() > 1 || shorter[0].chars().count() >= 5;
                    if distinct && !out.iter().any(|(w, _)| *w == shorter) {
                        out.push((shorter, false));
                    }
                }
                break;
            }
            words.truncate(words.len() - tail);
            // `Co., Ltd.` leaves `&` or `and` behind: `Mitsui &`; Thailand's `Public
            // Company Limited` leaves `Public`.
            while words.last().is_some_and(|w| w == "&" || w == "and")
                || words.len() > 1 && words.last().is_some_and(|w| w == "public")
            {
                words.pop();
            }
        }
    }
    out.retain(|(w, _)| w.len() <= MAX_WORDS && w.iter().map(String::len).sum::<usize>() >= 2);
    out
}

/// The bank a financial holding company's name stands for in the news (`DBS Bank` of `DBS
/// Group Holdings Ltd`, `CIMB Bank` of `CIMB Group Holdings Berhad`): its name without the
/// legal form and the trailing `Group Holdings`, `Holdings` or `Group`, then `bank`.
fn bank_of_holding(name: &str, sector: &str) -> Option<Vec<String>> {
    if !sector.starts_with("Financ") {
        return None;
    }
    let words = name_words(name);
    let mut core = &words[..words.len() - legal_words(&words)];
    let mut cut = false;
    while let [rest @ .., last] = core
        && matches!(last.as_str(), "group" | "holdings" | "holding")
    {
        core = rest;
        cut = true;
    }
    let bank = core.iter().any(|w| w.starts_with("bank"));
    (cut && !core.is_empty() && !bank && core.len() < MAX_WORDS).then(|| {
        let mut out = core.to_vec();
        out.push("bank".to_string());
        out
    })
}

impl MasterNames {
    /// Enters the word sequence `words` (each of its first words a prefix some longer form
    /// starts with, its first word in [`firsts`](Self::firsts)) and returns its hash.
    fn add_words<W: AsRef<str>>(&mut self, words: &[W]) -> u64 {
        let mut h = WordHash::new();
        for (n, w) in words.iter().enumerate() {
            h = h.push(w.as_ref());
            if n == 0 {
                let bit = (h.0 >> 40) as usize & (FIRST_BITS - 1);
                self.firsts[bit / 64] |= 1 << (bit % 64);
            }
            if n + 1 < words.len() {
                self.forms.entry(h.0).or_default().1 = true;
            }
        }
        h.0
    }

    /// Size class of master company `k` (position in [`Lexicon::known`]).
    pub fn size(&self, k: usize) -> Size {
        k.checked_sub(self.first)
            .and_then(|i| self.sizes.get(i))
            .copied()
            .unwrap_or_default()
    }

    /// Whether some form may start with the one word hashed in `h` (no false negatives).
    pub fn may_start(&self, h: WordHash) -> bool {
        let bit = (h.0 >> 40) as usize & (FIRST_BITS - 1);
        self.firsts
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }

    /// The forms whose words hash to `h`, and whether a longer form starts with them;
    /// `None` when no form is or starts with them.
    pub fn lookup(&self, h: WordHash) -> Option<(&[Form], bool)> {
        if !self.may_have(h) {
            return None;
        }
        self.forms
            .get(&h.0)
            .map(|(f, longer)| (f.as_slice(), *longer))
    }

    /// Whether some form is or starts with the words hashed in `h` (no false negatives).
    fn may_have(&self, h: WordHash) -> bool {
        let bit = key_bit(h.0);
        self.keys
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }

    /// The forms whose words hash to `h`.
    pub fn forms(&self, h: WordHash) -> &[Form] {
        if !self.may_have(h) {
            return &[];
        }
        self.forms.get(&h.0).map_or(&[], |(f, _)| f.as_slice())
    }

    /// Whether the table is empty (nothing imported).
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }
}

impl Lexicon {
    /// Adds a securities master: listings the curated data already has only add nothing;
    /// the others become companies named through [`MasterNames`], never the automaton.
    pub(super) fn add_master(&mut self, master: &[Listed]) {
        let mut table = MasterNames {
            first: self.known.len(),
            firsts: vec![0; FIRST_BITS / 64],
            keys: vec![0; KEY_BITS / 64],
            ..MasterNames::default()
        };
        // `DBS Bank` of `DBS Group Holdings`: a bank's holding company, added once every
        // listed name is in, so a bank listed under that very name keeps it.
        let mut banks: Vec<(usize, Vec<String>)> = Vec::new();
        // A curated listed company's full legal name: another listing under that very name
        // (`Hut 8 Corp.` on Nasdaq beside the curated Toronto one) is the same company.
        let curated: FxMap<Vec<String>, usize> = (0..self.known.len())
            .filter(|&k| !self.known[k].listings.is_empty())
            .map(|k| (name_words(&self.known[k].name), k))
            .filter(|(words, _)| legal_tail(words) > 0)
            .collect();
        for l in master {
            if self.listing(l.exchange, &l.symbol).is_some() {
                continue;
            }
            let name = names::company_name(&l.name);
            if name.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                continue;
            }
            if let Some(&k) = curated.get(&name_words(&name)) {
                self.known[k].listings.push(Listing {
                    symbol: l.symbol.clone(),
                    exchange: l.exchange,
                });
                self.index_master_listing(k);
                continue;
            }
            let k = self.known.len();
            self.known.push(Known {
                symbol: l.symbol.clone(),
                exchange: Some(l.exchange),
                name: name.clone(),
                listings: vec![Listing {
                    symbol: l.symbol.clone(),
                    exchange: l.exchange,
                }],
                aliases: Vec::new(),
                country: if l.country.is_empty() {
                    l.exchange.country().to_string()
                } else {
                    l.country.clone()
                },
                sector: l.sector.clone(),
                entity: None,
            });
            table.sizes.push(l.size);
            self.index_master_listing(k);
            if let Some(bank) = bank_of_holding(&name, &l.sector) {
                banks.push((k, bank));
            }
            for (words, legal) in forms(&name) {
                let h = table.add_words(&words);
                let list = &mut table.forms.entry(h).or_default().0;
                if !list.iter().any(|f| f.known as usize == k) {
                    list.push(Form {
                        known: k as u32,
                        legal,
                        words: words.len() as u8,
                    });
                }
            }
        }
        for (k, words) in banks {
            let h = table.add_words(&words);
            let entry = table.forms.entry(h).or_default();
            if entry.0.is_empty() {
                entry.0.push(Form {
                    known: k as u32,
                    legal: false,
                    words: words.len() as u8,
                });
            }
        }
        for &h in table.forms.keys() {
            let bit = key_bit(h);
            table.keys[bit / 64] |= 1 << (bit % 64);
        }
        self.master = table;
    }

    /// The master's name table.
    pub fn master(&self) -> &MasterNames {
        &self.master
    }

    /// Whether company `k` came from the securities master (not the curated data).
    pub fn is_master(&self, k: usize) -> bool {
        !self.master.is_empty() && k >= self.master.first
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_legal_forms() {
        let f = forms("Frontken Corporation Berhad");
        let text: Vec<(String, bool)> = f.iter().map(|(w, l)| (w.join(" "), *l)).collect();
        assert_eq!(
            text,
            [
                ("frontken corp bhd".to_string(), true),
                ("frontken corp".to_string(), true),
                ("frontken".to_string(), false)
            ]
        );
        let f = forms("Unisem (M) Berhad");
        assert!(f.iter().any(|(w, l)| w.join(" ") == "unisem m bhd" && *l));
        assert!(f.iter().any(|(w, l)| w.join(" ") == "unisem" && !*l));
        let f = forms("Orange S.A.");
        assert!(f.iter().any(|(w, l)| w.join(" ") == "orange s a" && *l));
        assert!(f.iter().any(|(w, l)| w.join(" ") == "orange" && !*l));
        let f = forms("Stars Microelectronics (Thailand) Public Company Limited");
        assert!(
            f.iter()
                .any(|(w, l)| w.join(" ") == "stars microelectronics" && !*l)
        );
        let f = forms("PT Bank Central Asia Tbk");
        assert!(
            f.iter()
                .any(|(w, l)| w.join(" ") == "bank central asia" && !*l)
        );
        let f = forms("Zhejiang Sanhua Intelligent Controls Co., Ltd.");
        assert!(
            f.iter()
                .any(|(w, l)| w.join(" ") == "sanhua intelligent controls" && !*l)
        );
        let f = forms("Shanghai Electric Group Co., Ltd.");
        assert!(!f.iter().any(|(w, _)| w.join(" ") == "electric"));
        let f = forms("Mitsui & Co., Ltd.");
        assert!(f.iter().any(|(w, _)| w.join(" ") == "mitsui"));
        let h = |ws: &[&str]| ws.iter().fold(WordHash::new(), |h, w| h.push(w)).0;
        assert_eq!(h(&["Frontken", "Berhad"]), h(&["frontken", "bhd"]));
        assert_eq!(Size::parse("Large Cap"), Size::Large);
        assert_eq!(Size::parse("56440275146.00"), Size::Large);
        assert_eq!(Size::parse(""), Size::Unknown);
    }
}
