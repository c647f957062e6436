//! Names: how a typed, listed or written name is folded and keyed, and the one resolver from
//! what a trader types to the entities it names.
//!
//! Everything that compares names goes through here (the index, the search catalog, the CLI,
//! listing import), so `SoftBank Group Corporation`, `softbank group corp.` and
//! `ＳｏｆｔＢａｎｋ Ｇｒｏｕｐ` are one name everywhere.
//!
//! - [`fold`] is for fuzzy search: it keeps one character per character (so match positions
//!   still point into the original text) and ASCII case (skim scores case), and folds accents
//!   of Latin and Greek letters, full-width and half-width forms, and the case of every other
//!   script.
//! - [`key`] is for exact lookups: folded, lower case, punctuation read as spaces, and the
//!   legal-form and share-class words at the end dropped (`Shin-Etsu Chemical Co., Ltd.` and
//!   `shin etsu chemical` have one key).
//! - [`resolve`] turns a typed name into entities through a [`Table`] of key hashes, whichever
//!   way the table is stored.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::{Entity, EntityId, Exchange};

/// `c` folded for search: full-width and half-width forms to their plain form, accents off
/// Latin and Greek letters, and non-ASCII letters in lower case. ASCII is left as it is.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    let mut parts = std::iter::once(c).nfkd();
    let base = parts.next().unwrap_or(c);
    let only_marks = parts.all(is_combining_mark);
    let folded = if only_marks && (base as u32) < 0x0400 {
        // Latin and Greek: a base letter and its accents ("É" -> "E").
        base
    } else {
        // Other scripts keep their marks (a Japanese voicing mark is part of the letter),
        // but compatibility forms fold ("ｿ" -> "ソ", "Ａ" -> "A").
        let mut composed = std::iter::once(c).nfkc();
        match (composed.next(), composed.next()) {
            (Some(one), None) => one,
            _ => c,
        }
    };
    if folded.is_ascii() {
        folded
    } else {
        folded.to_lowercase().next().unwrap_or(folded)
    }
}

/// The half-width voiced and semi-voiced sound marks (`ﾞ`, `ﾟ`) and their combining forms.
fn kana_mark(c: char) -> Option<char> {
    match c {
        '\u{FF9E}' | '\u{3099}' => Some('\u{3099}'),
        '\u{FF9F}' | '\u{309A}' => Some('\u{309A}'),
        _ => None,
    }
}

/// `text` with every character [folded](fold_char): as many characters as `text`. A kana
/// and the sound mark after it fold to the voiced letter (`ｶﾞ` -> `ガ`, as `ガ` is written),
/// the mark staying as its combining form so that positions still count one character per
/// character; search queries drop it ([`fold_query`]) and keys skip it.
pub fn fold(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut folded = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let base = fold_char(c);
        let mark = chars.peek().copied().and_then(kana_mark);
        match mark.and_then(|m| unicode_normalization::char::compose(base, m)) {
            Some(voiced) => {
                folded.push(voiced);
                folded.extend(mark);
                chars.next();
            }
            None => folded.push(base),
        }
    }
    if folded == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(folded)
    }
}

/// A search query [folded](fold), without the sound marks folding keeps after a voiced
/// kana: `ｶﾞｽ`, `ガス` and `ｶﾞ` all find `ガス` and `ｶﾞｽ`.
pub fn fold_query(query: &str) -> Cow<'_, str> {
    match fold(query) {
        Cow::Owned(s) if s.contains(['\u{3099}', '\u{309A}']) => {
            Cow::Owned(s.replace(['\u{3099}', '\u{309A}'], ""))
        }
        other => other,
    }
}

/// Long spellings of legal words and the short spelling every list here is written in
/// (`Berhad` is `Bhd`). Ingest compares words in the short spelling.
pub const LEGAL_SPELLINGS: &[(&str, &str)] = &[
    ("berhad", "bhd"),
    ("corporation", "corp"),
    ("limited", "ltd"),
    ("incorporated", "inc"),
    ("company", "co"),
    ("aktiengesellschaft", "ag"),
];

/// One-word legal forms in their short spelling: keys drop them (they are all in
/// [`LEGAL_FORMS`]) and ingest reads them as the end of a legal name (`Frontken Corp`).
pub const LEGAL_WORDS: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "plc", "lp", "ag", "se", "sa", "nv", "bhd", "tbk", "oyj",
    "ab", "asa", "spa", "kgaa", "gmbh", "pcl",
];

/// Joint-stock forms ingest also reads as the end of a legal name (`Kaspi.kz JSC`, the
/// Gulf's `Ooredoo QPSC`, `Emaar Properties PJSC`), added with ingest's master linking.
/// Keys keep them: dropping them would change which names the index and catalog merge.
pub const JOINT_STOCK_FORMS: &[&str] = &["jsc", "qpsc", "qsc", "pjsc", "sjsc"];

/// The short spelling of a long legal word (`Corporation` -> `corp`), in any case.
pub fn legal_spelling(word: &str) -> Option<&'static str> {
    LEGAL_SPELLINGS
        .iter()
        .find(|(long, _)| long.len() == word.len() && long.eq_ignore_ascii_case(word))
        .map(|(_, short)| *short)
}

/// Whether a lower-case word in its short spelling is a legal form ingest reads as ending
/// a legal name: [`LEGAL_WORDS`] or [`JOINT_STOCK_FORMS`]. (Keys also drop `bv` and `kk`,
/// which ingest has never linked on.)
pub fn is_legal_word(word: &str) -> bool {
    LEGAL_WORDS.contains(&word) || JOINT_STOCK_FORMS.contains(&word)
}

/// Legal-form words that end company names ("Corp.", "Co., Ltd.", "S.A."), as they read once
/// punctuation is spaces. Dropped from the end of a key, longest first, while a word is left.
const LEGAL_FORMS: &[&str] = &[
    "public company limited",
    "public limited company",
    "kabushiki kaisha",
    "sdn bhd",
    "s p a",
    "co ltd",
    "n v",
    "s a",
    "s e",
    "a g",
    "k k",
    "incorporated",
    "corporation",
    "limited",
    "company",
    "berhad",
    "gmbh",
    "kgaa",
    "corp",
    "inc",
    "ltd",
    "plc",
    "llc",
    "bhd",
    "tbk",
    "pcl",
    "spa",
    "asa",
    "oyj",
    "ag",
    "se",
    "sa",
    "nv",
    "bv",
    "ab",
    "kk",
    "co",
    "lp",
];

/// Share-class and security words that listing files append to names ("Common Stock",
/// "Class A Ordinary Shares", "American Depositary Shares").
const SHARE_CLASS: &[&str] = &[
    "american depositary shares",
    "american depositary share",
    "american depository shares",
    "sponsored adr",
    "depositary shares",
    "ordinary shares",
    "ordinary share",
    "common shares",
    "common stock",
    "common",
    "shares",
    "class a",
    "class b",
    "class c",
    "series a",
    "series b",
    "adr",
    "ads",
];

/// Drops `words` (whole words, longest first as listed) from the end of `text` as long as
/// one matches and a word would be left. `text` is space-separated lower-case words.
fn drop_tail<'a>(mut text: &'a str, words: &[&str]) -> &'a str {
    'again: loop {
        for w in words {
            if let Some(rest) = text.strip_suffix(w)
                && let Some(rest) = rest.strip_suffix(' ')
                && !rest.is_empty()
            {
                text = rest;
                continue 'again;
            }
        }
        return text;
    }
}

/// Lower-case words of `text`, folded, with punctuation read as spaces and apostrophes
/// dropped (`Macy's` -> `macys`, `Shin-Etsu` -> `shin etsu`).
fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in fold(text).chars() {
        // A sound mark folding kept after its voiced kana is part of that letter.
        if matches!(c, '\'' | '’' | '`') || kana_mark(c).is_some() {
            continue;
        }
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// The key two spellings of one name share: folded, lower case, punctuation as spaces, and
/// share-class and legal-form words at the end dropped (`NVIDIA Corp` and `NVIDIA
/// Corporation` are both `nvidia`). Symbols key the same way (`BRK.B` and `brk-b`).
pub fn key(text: &str) -> String {
    let all = words(text);
    let trimmed = drop_tail(drop_tail(&all, SHARE_CLASS), LEGAL_FORMS);
    let trimmed = trimmed.strip_prefix("the ").unwrap_or(trimmed);
    trimmed.to_string()
}

/// Whether `text` carries words its [key] drops: a legal form, share-class words or a
/// leading "the" (`SoftBank Corp`, `NVIDIA Corporation`), not just a bare name (`SoftBank`).
pub fn has_form_words(text: &str) -> bool {
    key(text) != words(text)
}

/// A listing file's name for a company without its share-class words ("Apple Inc. Common
/// Stock" -> "Apple Inc."), keeping its legal form and its own spelling, save the NASDAQ
/// screener's article put last: `Boeing Company (The)` is `The Boeing Company`, so that its
/// key is Boeing's and its rows from other files join it.
pub fn clean_name(name: &str) -> String {
    let clean = without_share_class(name);
    match clean.strip_suffix(" (The)") {
        Some(bare) if !bare.trim().is_empty() => format!("The {}", bare.trim_end()),
        _ => clean,
    }
}

/// Words that start the description of a share class or instrument anywhere in a listed
/// name; nothing after them names the company (`Shopify Inc. Class A Subordinate Voting`,
/// `Bayerische Motoren Werke AG Pref`, `Alvotech Warrant`). Whole words only:
/// `China Railway Prefabricated Construction` and `John Hancock Preferred Income Fund` are
/// companies' own names.
const CLASS_MARKERS: &[&str] = &[
    "common stock",
    "common shares",
    "ordinary shares",
    "ordinary share",
    "class a",
    "class b",
    "class c",
    "american depositary",
    "american depository",
    "depositary shares",
    "sponsored adr",
    "sponsored gdr",
    "adr",
    "gdr",
    "gdrs",
    "units",
    "warrant",
    "warrants",
    "subordinate voting",
    "voting shares",
    "shares of beneficial",
    "preferred securities",
    "preferred units",
    "preference securities",
    "pref",
];

/// A listing's name without the description of the security listed that exports put after
/// the company's (`MINISO Group Holding Limited American Depositary Shares each representing
/// four`, `Chimera Investment Corporation 8.00% Series D ... Preferred Stock`, `Airship AI
/// Holdings Inc. Warrants`, `KINGFISHER ADR/2`, `STEALTH BIOTH. SP.ADR/12`): the name ends
/// where such words start, after its first word. The share-class words left at its end
/// (`Class A`) go in [`clean_name`].
pub fn without_security(name: &str) -> &str {
    const ANYWHERE: &[&str] = &[
        "american depositary",
        "american depository",
        "depositary share",
        "depositary shares",
        "depositary shs",
        "depositary sh",
        "depository share",
        "depository shares",
        "depositary receipt",
        "depositary receipts",
        "junior subordinated",
        "subordinated debentures",
        "income capital obligation",
        "preferred class",
        "preferred series",
        "warrants each",
        "warrants to purchase",
        "warrant to purchase",
        "sponsored adr",
        "sponsored gdr",
        "unsponsored adr",
        "shares of beneficial interest",
        "ordinary shares",
        "common stock",
        "capital stock",
        "preferred stock",
        "preferred shares",
        "preference shares",
        "each representing",
        "subordinated notes",
        "senior notes",
    ];
    const AT_END: &[&str] = &["warrants", "warrant", "units", "unit", "rights", "right"];
    const SPONSORED: &[&str] = &["sp", "spon", "spons", "sponsored"];
    let lower = name.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let boundary = |i: usize| i > 0 && !bytes[i - 1].is_ascii_alphanumeric();
    let word_end = |i: usize| bytes.get(i).is_none_or(|b| !b.is_ascii_alphabetic());
    let first_word = lower
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(lower.len());
    let cut = (first_word..lower.len())
        .filter(|&i| boundary(i) && lower.is_char_boundary(i))
        .find(|&i| {
            let rest = &lower[i..];
            let phrase = ANYWHERE
                .iter()
                .any(|p| rest.starts_with(p) && word_end(i + p.len()));
            // `ADR`, `ADR/2`, `ADR 1`: a depositary receipt's note.
            let receipt = ["adr", "gdr"]
                .iter()
                .any(|p| rest.starts_with(p) && word_end(i + 3));
            // A coupon or dividend rate, as a word of its own: `8.00%`, `4,375%` (never
            // the part after a decimal comma, which left `TAP 4` of `TAP 4,375% 23JUN23`).
            let word = rest.split(' ').next().unwrap_or("");
            let rate = bytes[i - 1] == b' '
                && word.len() > 1
                && word.ends_with('%')
                && word[..word.len() - 1]
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.' || b == b',');
            let last = !rest.contains(' ') && AT_END.contains(&rest.trim_end_matches('.'));
            phrase || receipt || rate || (last && lower[..i].trim().contains(' '))
        });
    let Some(cut) = cut else {
        return name;
    };
    let mut head = name[..cut].trim_end_matches([' ', ',', '-', '(', '/']);
    // The series the security's words name (`Series K Warrants ...`, `Series N Junior
    // Subordinated ...`) is the security's, not the company's.
    let lower_head = head.to_ascii_lowercase();
    if let Some(at) = lower_head.rfind(" series ")
        && at > 0
        && lower_head[at + 8..].len() <= 3
        && !lower_head[at + 8..].contains(' ')
    {
        head = head[..at].trim_end_matches([' ', ',', '-']);
    }
    // `SP.ADR`, `SPONS. ADR`: the sponsorship the receipt's note started with.
    loop {
        let bare = head.trim_end_matches('.');
        let at = bare.rfind([' ', '.']).map_or(0, |at| at + 1);
        if at == 0 || !SPONSORED.contains(&bare[at..].to_ascii_lowercase().as_str()) {
            return head;
        }
        head = bare[..at].trim_end_matches([' ', ',', '-', '(', '/', '.']);
    }
}

/// A listed name as the entity linker takes it (a company's name it may find in an
/// article): cut where the first share-class or instrument word starts, after its first
/// word, then [clean_name]. Stricter than [clean_name], which the listings import keeps
/// for the name it shows and stores (`Shopify Inc. Class A Subordinate Voting` is the row
/// a trader sees; `Shopify Inc.` what an article calls it).
pub fn company_name(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let word_end = |i: usize| bytes.get(i).is_none_or(|b| !b.is_ascii_alphanumeric());
    let cut = lower
        .match_indices(' ')
        .map(|(i, _)| i + 1)
        .find(|&i| {
            CLASS_MARKERS
                .iter()
                .any(|m| lower[i..].starts_with(m) && word_end(i + m.len()))
        })
        .map_or(name.len(), |i| i - 1);
    clean_name(&name[..cut])
}

fn without_share_class(name: &str) -> String {
    let name = name.trim();
    let mut cut = name.len();
    loop {
        // A closing parenthesis goes only with the share-class words it closes (`(ADR)`):
        // `Astrotech Corporation (DE)` keeps its own.
        let head = name[..cut].trim_end_matches([' ', ',', '-', '(', ')']);
        let lower = head.to_ascii_lowercase();
        let found = SHARE_CLASS.iter().find(|w| {
            lower.ends_with(*w)
                && lower.len() > w.len()
                && !lower.as_bytes()[lower.len() - w.len() - 1].is_ascii_alphanumeric()
        });
        match found {
            Some(w) => cut = head.len() - w.len(),
            None => {
                return name[..cut]
                    .trim_end_matches([' ', ',', '-', '('])
                    .to_string();
            }
        }
    }
}

/// The key of `symbol` as listed on `exchange`: what `TSE:9984`, `9984.T` and `9984 JT` look
/// up.
pub fn listing_key(exchange: Exchange, symbol: &str) -> String {
    format!(
        "{}:{}",
        exchange.code(),
        words(&exchange.canonical_symbol(symbol))
    )
}

/// Hash of a key, as tables store it.
pub fn hash(key: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(key.as_bytes())
}

/// `name` without the parts in parentheses it holds (`Dixon Technologies (India) Limited`
/// is `Dixon Technologies Limited`, `Unisem (M) Berhad` `Unisem Berhad`), when it holds
/// one and something is left: how traders and articles write such a name.
fn without_parentheses(name: &str) -> Option<String> {
    if !name.contains('(') {
        return None;
    }
    let mut out = String::with_capacity(name.len());
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    (!out.is_empty()).then_some(out)
}

/// The hashes of every key that names `entity`: its id, name (also without the parts in
/// parentheses it holds), aliases and symbols, and each listing with its exchange. Sorted,
/// without repeats.
pub fn entity_hashes(entity: &Entity) -> Vec<u64> {
    let listed = entity.listings.iter().map(|l| &l.symbol);
    let bare = without_parentheses(&entity.name);
    let plain = [&entity.id, &entity.name]
        .into_iter()
        .chain(bare.as_ref())
        .chain(&entity.aliases)
        .chain(listed)
        .map(|s| key(s))
        .filter(|k| !k.is_empty());
    let qualified = entity
        .listings
        .iter()
        .map(|l| listing_key(l.exchange, &l.symbol));
    let mut hashes: Vec<u64> = plain.chain(qualified).map(|k| hash(&k)).collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// Where [`resolve`] looks up the entities a key hash names.
pub trait Table {
    /// Entities with a key whose hash is `h` (in no particular order, maybe repeated).
    fn with_hash(&self, h: u64) -> Vec<EntityId>;

    /// The name of entity `e` and its country (ISO 3166 alpha-2; where the table knows
    /// none, its primary listing's), where the table can tell them. A reading of a typed
    /// code that is no listing's own spelling (a German share's Reuters root, see
    /// [`resolve`]) takes only companies whose name and country agree with it; a table
    /// that cannot tell (bare pairs) takes none.
    fn named(&self, _e: EntityId) -> Option<(String, String)> {
        None
    }
}

/// Sorted `(key hash, entity)` pairs, however they are stored: a [`Table`] by binary search.
pub trait Pairs {
    /// Number of pairs.
    fn pairs(&self) -> usize;
    /// Hash of pair `i` (pairs are sorted by hash).
    fn hash_at(&self, i: usize) -> u64;
    /// Entity of pair `i`.
    fn owner_at(&self, i: usize) -> EntityId;
}

impl<T: Pairs> Table for T {
    /// The entities of the pairs with hash `h`, in table order.
    fn with_hash(&self, h: u64) -> Vec<EntityId> {
        let (mut lo, mut hi) = (0, self.pairs());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.hash_at(mid) < h {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        (lo..self.pairs())
            .take_while(|&i| self.hash_at(i) == h)
            .map(|i| self.owner_at(i))
            .collect()
    }
}

/// Bytes a pair takes in [`Names`]: the hash, then the entity, little-endian.
const PAIR: usize = 12;

/// The key hashes of a list of entities: sorted `(key hash, entity)` pairs packed 12 bytes
/// a pair (the hash, then the entity, little-endian), the layout the securities master
/// stores its lookup in, so a stored lookup is taken as read. A clone shares the pairs: the
/// index and the TUI's search catalog resolve through one table, hashed once.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Names {
    packed: std::sync::Arc<Vec<u8>>,
}

impl Names {
    /// The keys of `entities`, the `i`th being `EntityId(i)`.
    pub fn new<'a>(entities: impl IntoIterator<Item = &'a Entity>) -> Names {
        // Packed as they are made and sorted in place: 12 bytes a pair, never a 16-byte
        // `(u64, u32)` tuple beside the packed copy (at 100,000 entities, 10 MB less).
        let mut pairs: Vec<[u8; PAIR]> = entities
            .into_iter()
            .enumerate()
            .flat_map(|(i, e)| {
                let id = (i as u32).to_le_bytes();
                entity_hashes(e).into_iter().map(move |h| {
                    let mut pair = [0u8; PAIR];
                    pair[..8].copy_from_slice(&h.to_le_bytes());
                    pair[8..].copy_from_slice(&id);
                    pair
                })
            })
            .collect();
        let order = |p: &[u8; PAIR]| {
            let word = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or_default());
            (
                word(&p[..8]),
                u32::from_le_bytes([p[8], p[9], p[10], p[11]]),
            )
        };
        pairs.sort_unstable_by_key(order);
        pairs.dedup();
        pairs.shrink_to_fit();
        Names {
            packed: std::sync::Arc::new(pairs.into_flattened()),
        }
    }

    /// Pairs packed as [`packed`](Self::packed) gives them (a stored lookup, read back);
    /// `None` when they are not whole pairs or an entity is not below `entities`. That the
    /// pairs are sorted is not checked: the file's checksum vouches for it, and unsorted
    /// pairs would only be missed by a lookup.
    pub fn from_packed(packed: Vec<u8>, entities: u32) -> Option<Names> {
        let names = Names {
            packed: std::sync::Arc::new(packed),
        };
        let whole = names.packed.len().is_multiple_of(PAIR);
        (whole && (0..names.pairs()).all(|i| names.owner_at(i).0 < entities)).then_some(names)
    }

    /// The pairs, packed (12 bytes a pair: the hash, then the entity, little-endian).
    pub fn packed(&self) -> &[u8] {
        &self.packed
    }
}

impl Pairs for Names {
    fn pairs(&self) -> usize {
        self.packed.len() / PAIR
    }
    fn hash_at(&self, i: usize) -> u64 {
        let at = PAIR * i;
        u64::from_le_bytes(self.packed[at..at + 8].try_into().unwrap_or_default())
    }
    fn owner_at(&self, i: usize) -> EntityId {
        let at = PAIR * i + 8;
        EntityId(u32::from_le_bytes(
            self.packed[at..at + 4].try_into().unwrap_or_default(),
        ))
    }
}

/// What a typed name resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Exactly one entity.
    Found(EntityId),
    /// Several entities share the name (a bare symbol on two exchanges, say).
    Ambiguous(Vec<EntityId>),
    /// Nothing by that name.
    NotFound,
}

impl Resolution {
    fn of(mut found: Vec<EntityId>) -> Resolution {
        found.sort_unstable();
        found.dedup();
        match found.as_slice() {
            [] => Resolution::NotFound,
            [one] => Resolution::Found(*one),
            _ => Resolution::Ambiguous(found),
        }
    }

    /// The entities named, none, one or several.
    pub fn entities(&self) -> &[EntityId] {
        match self {
            Resolution::Found(e) => std::slice::from_ref(e),
            Resolution::Ambiguous(many) => many,
            Resolution::NotFound => &[],
        }
    }
}

/// The entities `typed` names exactly, in any form a trader writes: a symbol, name or alias
/// with or without its legal form (`9984`, `SoftBank Group Corporation`, `Shin Etsu`), or a
/// listing (`TSE:9984`, `9984.T`, `9984 JT`, `NVDA.O`, `MSFT.OQ`, `NVDA US`).
///
/// Keys are compared by 64-bit hash: with a million keys the chance of any collision is
/// about one in ten million, and a collision would only add a candidate.
pub fn resolve(table: &impl Table, typed: &str) -> Resolution {
    let k = key(typed);
    if k.is_empty() {
        return Resolution::NotFound;
    }
    // A listing form names its listing first: `BPS.PA` is Paris's `BPS`, not Toronto's
    // `BPS-PA`, whose key is the same once punctuation is folded.
    if let Some((exchanges, symbol)) = Exchange::split_listing(typed) {
        // The symbol as written, then as Reuters writes it (`BRKb.N`, `SAPG.DE`).
        for symbol in std::iter::once(symbol.to_string()).chain(reuters_roots(symbol)) {
            let found: Vec<EntityId> = exchanges
                .iter()
                .flat_map(|&x| table.with_hash(hash(&listing_key(x, &symbol))))
                .collect();
            if !found.is_empty() {
                return Resolution::of(found);
            }
        }
        // Reuters roots a German share in the company's name, not always in the exchange's
        // symbol (`BAYGn.DE` is Xetra's `BAYN`, `BASFn.DE` its `BAS`, `MUVGn.DE` its
        // `MUV2`): a listing whose symbol ends one character off the root is read from the
        // listing data itself, and taken only for a German company whose name spells the
        // root (never Heineken's `HNK1` for Henkel's `HNKG_p`, nor a guessed symbol).
        if exchanges.iter().any(|x| x.country() == "DE")
            && let Some(stem) = german_stem(symbol)
        {
            let found: Vec<EntityId> = ends_apart(stem)
                .iter()
                .flat_map(|s| {
                    exchanges
                        .iter()
                        .flat_map(|&x| table.with_hash(hash(&listing_key(x, s))))
                })
                .filter(|&e| {
                    table
                        .named(e)
                        .is_some_and(|(name, country)| country == "DE" && spells(&name, stem))
                })
                .collect();
            if !found.is_empty() {
                return Resolution::of(found);
            }
        }
    }
    let mut found = table.with_hash(hash(&k));
    // A bare number is also the Hong Kong listing it pads to (`700` is HKEX's `0700`, as
    // `700 HK` is): Hong Kong writes its numbers short, and a German venue's `700` must not
    // be the only company a trader typing Tencent's code is offered.
    if let Some(hk) = Exchange::parse("HKEX")
        && hk.canonical_symbol(typed.trim()) != typed.trim()
    {
        found.extend(table.with_hash(hash(&listing_key(hk, typed.trim()))));
    }
    Resolution::of(found)
}

/// The symbols a Reuters code's root may stand for, most likely first, where Reuters writes
/// a symbol its own way: a share class as a lower-case letter (`BRKb` is `BRK.B`), a German
/// share with `G` after the exchange's symbol and `n` for registered shares or `_p` for
/// preference shares (`SAPG` is `SAP`, `SIEGn` is `SIE`, `MBGn` is `MBG`). Only a root in
/// capitals with those marks in their case is read so; a listing spelt as typed always
/// comes first.
fn reuters_roots(symbol: &str) -> Vec<String> {
    let capitals = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    };
    let mut out = Vec::new();
    // `n` marks registered shares, not a class.
    if let Some(class) = symbol
        .chars()
        .last()
        .filter(|&c| c.is_ascii_lowercase() && c != 'n')
        && let Some(root) = symbol.strip_suffix(class)
        && capitals(root)
    {
        out.push(format!("{root}.{}", class.to_ascii_uppercase()));
    }
    let share = symbol.strip_suffix("_p").unwrap_or(symbol);
    let share = share.strip_suffix('n').unwrap_or(share);
    if share != symbol && capitals(share) {
        out.push(share.to_string());
    }
    if let Some(root) = share.strip_suffix('G')
        && capitals(root)
        && capitals(share)
    {
        out.push(root.to_string());
    }
    out
}

/// The root of a Reuters code for a German share, without its marks: `G` and `n` for
/// registered shares or `_p` for preference shares (`BAYGn` -> `BAY`, `VOWG_p` -> `VOW`,
/// `ENR1n` -> `ENR1`, `SAPG` -> `SAP`); `None` where no mark is read.
fn german_stem(symbol: &str) -> Option<&str> {
    let share = symbol
        .strip_suffix("_p")
        .or_else(|| symbol.strip_suffix('n'))
        .unwrap_or(symbol);
    let stem = share.strip_suffix('G').unwrap_or(share);
    let capitals = stem
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    (stem != symbol && stem.len() >= 2 && capitals).then_some(stem)
}

/// Every symbol whose end is one character off `stem`'s (one added, the last removed or
/// changed, of capitals and digits as symbols are written): `BAY` -> `BAYN`, `BASF` ->
/// `BAS`, `MRC` -> `MRK`. A share's class or series is written at the end.
fn ends_apart(stem: &str) -> Vec<String> {
    const CHARS: &[char] = &[
        'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R',
        'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
    ];
    let Some(last) = stem.chars().last() else {
        return Vec::new();
    };
    let head = &stem[..stem.len() - last.len_utf8()];
    let mut out = vec![head.to_string()];
    for &c in CHARS {
        out.push(format!("{stem}{c}"));
        if c != last {
            out.push(format!("{head}{c}"));
        }
    }
    out
}

/// Whether `name` spells `stem` as Reuters abbreviates a name: its letters in order, the
/// first starting a word (`BAY` in Bayer, `MUV` in Münchener Rückversicherung, `EON` in
/// E.ON, `ENR` in Siemens Energy); digits are a share's, not the name's.
fn spells(name: &str, stem: &str) -> bool {
    let letters: Vec<char> = stem
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let Some((&first, rest)) = letters.split_first() else {
        return false;
    };
    let name = words(name);
    name.char_indices()
        .filter(|&(at, c)| c == first && (at == 0 || name[..at].ends_with(' ')))
        .any(|(at, c)| {
            let mut after = name[at + c.len_utf8()..].chars();
            rest.iter().all(|&want| after.any(|c| c == want))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_also_keyed_without_its_parentheses() {
        let dixon = company(
            "NSE:DIXON",
            "Dixon Technologies (India) Limited",
            &["NSE:DIXON"],
        );
        let hashes = entity_hashes(&dixon);
        for typed in [
            "Dixon Technologies",
            "Dixon Technologies Ltd",
            "dixon technologies (india)",
        ] {
            assert!(hashes.contains(&hash(&key(typed))), "{typed}");
        }
        assert_eq!(
            without_parentheses("Unisem (M) Berhad").as_deref(),
            Some("Unisem Berhad")
        );
        assert_eq!(without_parentheses("(The)"), None);
        assert_eq!(without_parentheses("Toyota Motor Corporation"), None);
    }

    /// A company of `listings` (`EXCH:SYMBOL`), as a master holds one.
    fn company(id: &str, name: &str, listings: &[&str]) -> Entity {
        let exchange = |l: &str| Exchange::parse(l.split_once(':').unwrap().0).unwrap();
        Entity {
            id: id.into(),
            name: name.into(),
            listings: listings
                .iter()
                .map(|l| {
                    let (x, s) = l.split_once(':').unwrap();
                    crate::model::Listing {
                        exchange: Exchange::parse(x).unwrap(),
                        symbol: s.into(),
                    }
                })
                .collect(),
            aliases: Vec::new(),
            country: exchange(listings[0]).country().to_string(),
            sector: String::new(),
            parent: None,
            summary: String::new(),
            sources: Vec::new(),
            origin: Default::default(),
        }
    }

    #[test]
    fn folds_accents_widths_and_every_case_one_char_each() {
        for (text, folded) in [
            ("ÉLAN Société", "ELAN Societe"),
            ("ＳｏｆｔＢａｎｋ", "SoftBank"),
            ("ｿﾌﾄﾊﾞﾝｸ", "ソフトバ\u{3099}ンク"),
            ("ｶﾞｽ", "ガ\u{3099}ス"),
            ("ﾎﾟﾝﾌﾟ", "ポ\u{309A}ンプ\u{309A}"),
            ("ソフトバンク", "ソフトバンク"),
            ("ΆΘΗΝΑ", "αθηνα"),
            ("МОСКВА", "москва"),
            ("Ünïcode", "Unicode"),
        ] {
            assert_eq!(fold(text), folded, "{text}");
            assert_eq!(fold(text).chars().count(), text.chars().count(), "{text}");
        }
    }

    #[test]
    fn queries_lose_the_marks_folding_keeps() {
        for (query, folded) in [("ｶﾞｽ", "ガス"), ("ガス", "ガス"), ("ｿﾌﾄﾊﾞﾝｸ", "ソフトバンク")]
        {
            assert_eq!(fold_query(query), folded, "{query}");
        }
    }

    #[test]
    fn legal_lists_agree_where_they_should() {
        // Every word ingest reads as a legal form in the shared list, and every short
        // spelling, is one keys drop too; the joint-stock forms are ingest's alone.
        for w in LEGAL_WORDS
            .iter()
            .chain(LEGAL_SPELLINGS.iter().map(|(_, s)| s))
        {
            assert!(LEGAL_FORMS.contains(w), "{w} missing from LEGAL_FORMS");
            assert!(is_legal_word(w), "{w}");
            assert_eq!(key(&format!("Acme {w}")), "acme", "{w}");
        }
        for w in JOINT_STOCK_FORMS {
            assert!(!LEGAL_FORMS.contains(w) && is_legal_word(w), "{w}");
            assert_eq!(key(&format!("Acme {w}")), format!("acme {w}"));
        }
        // Keys drop `kk` and `bv`; ingest never read them as legal forms.
        assert!(!is_legal_word("kk") && !is_legal_word("bv"));
        assert_eq!(legal_spelling("CORPORATION"), Some("corp"));
        assert_eq!(legal_spelling("Berhad"), Some("bhd"));
        assert_eq!(legal_spelling("corp"), None);
    }

    #[test]
    fn keys_drop_legal_forms_share_classes_and_punctuation() {
        for (a, b) in [
            ("SoftBank Group Corporation", "SoftBank Group Corp."),
            ("NVIDIA Corp", "NVIDIA Corporation"),
            ("Fujitsu Ltd", "Fujitsu Limited"),
            ("Shin Etsu", "Shin-Etsu"),
            ("shin-etsu chemical", "Shin-Etsu Chemical Co., Ltd."),
            ("Apple", "Apple Inc. Common Stock"),
            (
                "Alibaba Group Holding",
                "Alibaba Group Holding Limited American Depositary Shares",
            ),
            ("SOCIÉTÉ GÉNÉRALE", "societe generale S.A."),
            ("ＴＯＹＯＴＡ", "toyota"),
            ("Boeing", "The Boeing Company"),
            ("brk-b", "BRK.B"),
            ("ｿﾌﾄﾊﾞﾝｸ", "ソフトバンク"),
            ("ﾄﾖﾀ ｼﾞﾄﾞｳｼｬ", "トヨタ ジドウシャ"),
        ] {
            assert_eq!(key(a), key(b), "{a} / {b}");
        }
        // A name that is only a legal form keeps it.
        assert_eq!(key("SE"), "se");
        assert_eq!(key("Sea Ltd"), "sea");
        assert_ne!(key("SoftBank Corp."), key("SoftBank Group Corp."));
    }

    #[test]
    fn reuters_roots_read_class_letters_and_german_marks() {
        for (ric, roots) in [
            ("BRKb", &["BRK.B"][..]),
            ("RDSa", &["RDS.A"]),
            ("SAPG", &["SAP"]),
            ("SIEGn", &["SIEG", "SIE"]),
            ("MBGn", &["MBG", "MB"]),
            ("VOWG_p", &["VOWG", "VOW"]),
            ("SAP", &[]),
            ("sapg", &[]),
            ("7203", &[]),
            ("G", &[]),
        ] {
            assert_eq!(reuters_roots(ric), roots, "{ric}");
        }
    }

    /// A Reuters code finds its listing when no listing is spelt as typed; one that is,
    /// is meant.
    #[test]
    fn reuters_codes_resolve_to_their_listing() {
        let all = [
            company("XETRA:SAP", "SAP SE", &["XETRA:SAP"]),
            company("XETRA:SIE", "Siemens AG", &["XETRA:SIE"]),
            company(
                "NYSE:BRK/A",
                "Berkshire Hathaway Inc.",
                &["NYSE:BRK/A", "NYSE:BRK/B"],
            ),
            company("XETRA:ALVG", "Spelt So Ltd", &["XETRA:ALVG"]),
            company("XETRA:ALV", "Allianz SE", &["XETRA:ALV"]),
        ];
        let table = Names::new(&all);
        for (typed, id) in [
            ("SAPG.DE", 0),
            ("SIEGn.DE", 1),
            ("BRKb.N", 2),
            ("BRKa.N", 2),
            ("ALVG.DE", 3),
        ] {
            assert_eq!(
                resolve(&table, typed),
                Resolution::Found(EntityId(id)),
                "{typed}"
            );
        }
        assert_eq!(resolve(&table, "sapg.de"), Resolution::NotFound);
    }

    /// Key hashes with the names of their entities, as the index and the master hold them.
    struct Held<'a>(Names, &'a [Entity]);

    impl Table for Held<'_> {
        fn with_hash(&self, h: u64) -> Vec<EntityId> {
            self.0.with_hash(h)
        }
        fn named(&self, e: EntityId) -> Option<(String, String)> {
            let e = &self.1[e.ix()];
            Some((e.name.clone(), e.country.clone()))
        }
    }

    /// Reuters roots a German share in its company's name: a listing whose symbol ends one
    /// character off the root is the company's when it is German and its name spells the
    /// root, never another company's that only happens to be spelt near it (a Dutch
    /// `HNK1`, a German `BAYX` named otherwise); further off is too far to tell, and a table
    /// that cannot tell names and countries reads no such root.
    #[test]
    fn a_german_reuters_root_finds_the_listing_its_company_is_named_by() {
        let all = [
            company("XETRA:BAYN", "Bayer Aktiengesellschaft", &["XETRA:BAYN"]),
            company("XETRA:BAS", "BASF SE", &["XETRA:BAS"]),
            company("XETRA:MRK", "Merck KGaA", &["XETRA:MRK"]),
            company(
                "XETRA:MUV2",
                "Münchener Rückversicherungs-Gesellschaft AG",
                &["XETRA:MUV2"],
            ),
            company("XETRA:ENR", "Siemens Energy AG", &["XETRA:ENR"]),
            company("XETRA:HEN3", "Henkel AG & Co. KGaA", &["XETRA:HEN3"]),
            company("XETRA:EOAN", "E.ON SE", &["XETRA:EOAN"]),
            // One character off `BAY`, named otherwise.
            company("XETRA:BAYX", "Xylo Holdings AG", &["XETRA:BAYX"]),
            // One character off `HNK`, named so, and Dutch.
            company("AMS:HEIA", "Heineken N.V.", &["AMS:HEIA", "XETRA:HNK1"]),
            // Listed only in Germany, named so, and Dutch.
            Entity {
                country: "NL".into(),
                ..company("XETRA:HNK2", "Heineken Holding N.V.", &["XETRA:HNK2"])
            },
        ];
        let held = Held(Names::new(&all), &all);
        for (typed, want) in [
            ("BAYGn.DE", Resolution::Found(EntityId(0))),
            ("BASFn.DE", Resolution::Found(EntityId(1))),
            ("MRCG.DE", Resolution::Found(EntityId(2))),
            ("MUVGn.DE", Resolution::Found(EntityId(3))),
            ("ENR1n.DE", Resolution::Found(EntityId(4))),
            ("HNKG_p.DE", Resolution::NotFound),
            ("EONGn.DE", Resolution::NotFound),
            ("BAYN.DE", Resolution::Found(EntityId(0))),
            ("BAYGn.N", Resolution::NotFound),
        ] {
            assert_eq!(resolve(&held, typed), want, "{typed}");
        }
        assert_eq!(resolve(&Names::new(&all), "BAYGn.DE"), Resolution::NotFound);
    }

    #[test]
    fn german_stems_and_the_symbols_that_end_apart() {
        for (ric, stem) in [
            ("BAYGn", Some("BAY")),
            ("VOWG_p", Some("VOW")),
            ("ENR1n", Some("ENR1")),
            ("SAPG", Some("SAP")),
            ("SAP", None),
            ("Gn", None),
            ("bayGn", None),
        ] {
            assert_eq!(german_stem(ric), stem, "{ric}");
        }
        let near = ends_apart("BAY");
        for s in ["BAYN", "BA", "BAX", "BAY3"] {
            assert!(near.contains(&s.to_string()), "{s}");
        }
        for s in ["BAY", "XBAY", "BXY", "AY"] {
            assert!(!near.contains(&s.to_string()), "{s}");
        }
        assert!(spells("Siemens Energy AG", "ENR1"));
        assert!(spells("E.ON SE", "EON"));
        assert!(!spells("Xylo Holdings AG", "BAY"));
        assert!(!spells("Henkel AG", "HNX"));
    }

    /// A bare number is also the Hong Kong listing it pads to: `700` names Tencent
    /// (`HKEX:0700`) beside a German venue's `700`, so neither is taken silently.
    #[test]
    fn a_bare_number_is_also_the_hong_kong_listing_it_pads_to() {
        let all = [
            company("HKEX:0700", "Tencent Holdings Ltd.", &["HKEX:0700"]),
            company("NASDAQ:CERT", "Certara, Inc.", &["NASDAQ:CERT", "HAM:700"]),
            company("HKEX:0005", "HSBC Holdings plc", &["HKEX:0005", "LSE:HSBA"]),
        ];
        let table = Names::new(&all);
        for (typed, want) in [
            ("700", &[0, 1][..]),
            ("0700", &[0]),
            ("00700", &[0]),
            ("5", &[2]),
            ("HAM:700", &[1]),
            ("HKEX:700", &[0]),
            ("CERT", &[1]),
        ] {
            let want: Vec<EntityId> = want.iter().map(|&i| EntityId(i)).collect();
            assert_eq!(resolve(&table, typed).entities(), want, "{typed}");
        }
    }

    #[test]
    fn packed_names_read_back_as_they_were_and_strangers_are_refused() {
        let data = crate::data::DataFiles::embedded().parse().unwrap();
        let names = Names::new(&data.entities);
        let count = data.entities.len() as u32;
        let back = Names::from_packed(names.packed().to_vec(), count).expect("reads back");
        assert_eq!(back, names);
        assert_eq!(resolve(&back, "9984"), resolve(&names, "9984"));
        assert!(matches!(resolve(&back, "TSE:9984"), Resolution::Found(_)));
        let cut = names.packed()[..names.packed().len() - 1].to_vec();
        assert!(Names::from_packed(cut, count).is_none(), "not whole pairs");
        assert!(
            Names::from_packed(names.packed().to_vec(), count - 1).is_none(),
            "an entity past the end"
        );
    }

    #[test]
    fn company_names_end_where_the_security_starts() {
        for (raw, clean) in [
            ("Ford Motor Company Common Stock", "Ford Motor Company"),
            (
                "Southern Company (The) Common Stock",
                "The Southern Company",
            ),
            (
                "Armada Acquisition Corp. III Class A Ordinary Share",
                "Armada Acquisition Corp. III",
            ),
            ("Shopify Inc. Class A Subordinate Voting", "Shopify Inc."),
            (
                "Bayerische Motoren Werke AG Pref",
                "Bayerische Motoren Werke AG",
            ),
            ("EFIC1 WARRANTS", "EFIC1"),
            (
                "Alliance Resource Partners L.P. Common Units representing Limited Partners Interests",
                "Alliance Resource Partners L.P.",
            ),
            // Whole words only: these are companies' own names.
            (
                "China Railway Prefabricated Construction Co., Ltd.",
                "China Railway Prefabricated Construction Co., Ltd.",
            ),
            (
                "John Hancock Preferred Income Fund",
                "John Hancock Preferred Income Fund",
            ),
            ("Banca Adriatica S.p.A.", "Banca Adriatica S.p.A."),
            (
                "SCE Trust II Trust Preferred Securities",
                "SCE Trust II Trust",
            ),
            ("Units", "Units"),
        ] {
            assert_eq!(company_name(raw), clean, "{raw}");
        }
    }

    #[test]
    fn clean_names_lose_share_classes_only() {
        for (raw, clean) in [
            ("Apple Inc. Common Stock", "Apple Inc."),
            ("Alphabet Inc. Class A Common Stock", "Alphabet Inc."),
            (
                "Arm Holdings plc American Depositary Shares",
                "Arm Holdings plc",
            ),
            ("Toyota Motor Corporation", "Toyota Motor Corporation"),
            ("Common", "Common"),
            ("Astrotech Corporation (DE)", "Astrotech Corporation (DE)"),
            ("LGL Group Inc. (The)", "The LGL Group Inc."),
            ("Boeing Company (The) Common Stock", "The Boeing Company"),
            ("(The)", "(The)"),
            ("Acme Holdings (ADR)", "Acme Holdings"),
            ("Acme Holdings (Common Stock)", "Acme Holdings"),
        ] {
            assert_eq!(clean_name(raw), clean, "{raw}");
        }
    }
}
