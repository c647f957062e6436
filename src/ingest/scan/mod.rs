//! The hand-written scanner every extractor shares: one pass turns a paragraph into word,
//! number and symbol tokens, with sentence and line positions.

#[cfg(test)]
mod tests;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters (ASCII or Latin with accents).
    Word,
    /// Digits, with `,` thousands groups and one `.` decimal part (`1,000.5`).
    Num,
    /// Any other single character (`$`, `(`, `兆`).
    Sym,
}

/// One token: a byte span of the paragraph.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// Word, number or symbol.
    pub kind: Kind,
    /// Whether whitespace separates it from the previous token.
    pub space: bool,
    /// Whether that whitespace holds a line break.
    pub newline: bool,
}

/// The vectors a [`Tokens`] fills, kept between paragraphs to save allocations.
#[derive(Debug, Default)]
pub struct Buffers {
    toks: Vec<Token>,
    line_starts: Vec<usize>,
    sentence_starts: Vec<usize>,
}

/// A paragraph as tokens, with the positions of its lines and sentences.
pub struct Tokens<'a> {
    /// The paragraph text.
    pub text: &'a str,
    /// Its tokens in order.
    pub toks: Vec<Token>,
    /// Byte offsets where each line after the first starts.
    line_starts: Vec<usize>,
    /// The first bytes (0x80 and up, as bits from 0x80) of the characters outside ASCII.
    leads: [u64; 2],
    /// Token index where each sentence starts (the first is 0), found on first use.
    sentence_starts: std::cell::OnceCell<Vec<usize>>,
    /// A buffer for them from an earlier paragraph.
    spare_sentences: std::cell::Cell<Vec<usize>>,
    /// For each line, whether it is written in capitals, found on first use.
    caps_lines: std::cell::OnceCell<Vec<bool>>,
}

/// Whether `c` continues a word token: an ASCII letter or a Latin letter with accents.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c) && c != '×' && c != '÷'
}

/// Whether `w` is an abbreviation after which a full stop does not end a sentence.
fn is_abbreviation(w: &str) -> bool {
    w.len() <= 6
        && matches!(
            Lower::new(w).as_str(),
            "inc"
                | "corp"
                | "co"
                | "ltd"
                | "mr"
                | "ms"
                | "mrs"
                | "dr"
                | "no"
                | "st"
                | "vs"
                | "jan"
                | "feb"
                | "mar"
                | "apr"
                | "jun"
                | "jul"
                | "aug"
                | "sep"
                | "sept"
                | "oct"
                | "nov"
                | "dec"
                | "e"
                | "g"
                | "i"
                | "etc"
                | "approx"
                | "gov"
                | "dept"
                | "rs"
                | "plc"
                | "bros"
                | "jr"
                | "sr"
                | "u"
                | "s"
                | "k"
                | "n"
                | "v"
                | "a"
        )
}

/// Byte classes of the scanner: ASCII whitespace, line break, letter, digit, any other
/// ASCII, and the bytes of characters outside ASCII.
const SPACE: u8 = 0;
const NEWLINE: u8 = 1;
const ALPHA: u8 = 2;
const DIGIT: u8 = 3;
const OTHER: u8 = 4;
const HIGH: u8 = 5;

/// The class of each byte.
static CLASS: [u8; 256] = {
    let mut class = [HIGH; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        class[b] = if c == b'\n' {
            NEWLINE
        } else if c.is_ascii_whitespace() {
            SPACE
        } else if c.is_ascii_alphabetic() {
            ALPHA
        } else if c.is_ascii_digit() {
            DIGIT
        } else {
            OTHER
        };
        b += 1;
    }
    class
};

/// The end of the run of ASCII letters from `i`: eight bytes at a time, so the end of a
/// word costs no mispredicted branch per letter.
#[inline]
fn ascii_letters_end(bytes: &[u8], mut i: usize) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const CASE: u64 = 0x20 * LOW;
    const SEVEN_BITS: u64 = 0x7f * LOW;
    const TOP: u64 = 0x80 * LOW;
    const TO_A: u64 = 0x1f * LOW;
    const PAST_Z: u64 = 0x05 * LOW;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // Per byte, without carries between bytes: folded to lower case and to 7 bits,
        // `a`..=`z` is at least 0x61 and below 0x7b; a byte with its top bit set is none.
        let y = (x | CASE) & SEVEN_BITS;
        let letters = (y + TO_A) & !(y + PAST_Z) & !x & TOP;
        let others = !letters & TOP;
        if others != 0 {
            return i + (others.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
        i += 1;
    }
    i
}

/// Notes `b`, the first byte of a character outside ASCII, in `leads`.
#[inline]
fn note_lead(leads: &mut [u64; 2], b: u8) {
    let n = usize::from(b) - 0x80;
    leads[n / 64] |= 1 << (n % 64);
}

impl<'a> Tokens<'a> {
    /// Tokenises `text` in one pass.
    pub fn new(text: &'a str) -> Tokens<'a> {
        Tokens::reusing(text, Buffers::default())
    }

    /// Tokenises `text` into buffers kept from an earlier paragraph.
    pub fn reusing(text: &'a str, buffers: Buffers) -> Tokens<'a> {
        let bytes = text.as_bytes();
        let Buffers {
            mut toks,
            mut line_starts,
            mut sentence_starts,
        } = buffers;
        toks.clear();
        toks.reserve(text.len() / 4);
        line_starts.clear();
        sentence_starts.clear();
        let mut leads = [0u64; 2];
        let mut space = true;
        let mut newline = false;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let start = i;
            let kind = match CLASS[usize::from(b)] {
                SPACE => {
                    space = true;
                    i += 1;
                    continue;
                }
                NEWLINE => {
                    line_starts.push(i + 1);
                    newline = true;
                    space = true;
                    i += 1;
                    continue;
                }
                ALPHA => {
                    i = ascii_letters_end(bytes, i + 1);
                    // Letters with accents go on the word (`Société`).
                    while i < bytes.len() && bytes[i] >= 0x80 {
                        note_lead(&mut leads, bytes[i]);
                        match text[i..].chars().next() {
                            Some(c) if is_word_char(c) => {
                                i = ascii_letters_end(bytes, i + c.len_utf8());
                            }
                            _ => break,
                        }
                    }
                    Kind::Word
                }
                DIGIT => {
                    i += 1;
                    let mut decimal_seen = false;
                    loop {
                        while i < bytes.len() && bytes[i].is_ascii_digit() {
                            i += 1;
                        }
                        let digit_at = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
                        let group = bytes.get(i) == Some(&b',')
                            && (1..=3).all(|k| digit_at(i + k))
                            && !digit_at(i + 4);
                        let decimal =
                            bytes.get(i) == Some(&b'.') && digit_at(i + 1) && !decimal_seen;
                        if group {
                            i += 4;
                        } else if decimal {
                            decimal_seen = true;
                            i += 1;
                        } else {
                            break;
                        }
                    }
                    Kind::Num
                }
                OTHER => {
                    i += 1;
                    Kind::Sym
                }
                _ => {
                    note_lead(&mut leads, b);
                    let c = text[i..].chars().next().unwrap_or(' ');
                    i += c.len_utf8();
                    if c.is_whitespace() {
                        space = true;
                        continue;
                    }
                    if is_word_char(c) {
                        while let Some(c) = text[i..].chars().next().filter(|&c| is_word_char(c)) {
                            if !c.is_ascii() {
                                note_lead(&mut leads, bytes[i]);
                            }
                            i += c.len_utf8();
                        }
                        Kind::Word
                    } else {
                        Kind::Sym
                    }
                }
            };
            toks.push(Token {
                start,
                end: i,
                kind,
                space,
                newline,
            });
            space = false;
            newline = false;
        }
        Tokens {
            text,
            toks,
            line_starts,
            leads,
            sentence_starts: std::cell::OnceCell::new(),
            spare_sentences: std::cell::Cell::new(sentence_starts),
            caps_lines: std::cell::OnceCell::new(),
        }
    }

    /// Whether the text holds a character whose first byte is one of `set` (by byte value;
    /// continuation bytes are never first bytes, so set none of them).
    pub fn has_lead(&self, set: &[bool; 256]) -> bool {
        if set[..128].iter().any(|&s| s) {
            return self.text.bytes().any(|b| set[usize::from(b)]);
        }
        (0x80..0x100).any(|b| set[b] && self.leads[(b - 0x80) / 64] & (1 << (b % 64)) != 0)
    }

    /// Whether the line of token `i` is written in capitals (a shouted headline), where
    /// tickers cannot be told from words.
    pub fn shouted(&self, i: usize) -> bool {
        let caps = self.caps_lines.get_or_init(|| self.find_caps_lines());
        caps.get(self.token_line(i)).copied().unwrap_or(false)
    }

    /// For each line, whether at least 4 words and 70% of them have no lower-case letter.
    fn find_caps_lines(&self) -> Vec<bool> {
        let mut counts: Vec<(usize, usize)> = Vec::new();
        let mut line = 0;
        for (i, tok) in self.toks.iter().enumerate() {
            if tok.newline {
                line = self.token_line(i);
            }
            if tok.kind == Kind::Word {
                if counts.len() <= line {
                    counts.resize(line + 1, (0, 0));
                }
                let s = &self.text[tok.start..tok.end];
                // Most words show a lower-case ASCII letter in their first bytes.
                let lower = s.bytes().any(|b| b.is_ascii_lowercase())
                    || !s.is_ascii() && s.chars().any(char::is_lowercase);
                counts[line].0 += 1;
                counts[line].1 += usize::from(!lower);
            }
        }
        counts
            .into_iter()
            .map(|(words, upper)| words >= 4 && upper * 10 >= words * 7)
            .chain(std::iter::once(false))
            .collect()
    }

    /// Sentence starts, found on first use.
    fn sentences(&self) -> &[usize] {
        self.sentence_starts.get_or_init(|| {
            let mut starts = self.spare_sentences.take();
            starts.clear();
            starts.push(0);
            self.find_sentences(&mut starts);
            starts
        })
    }

    fn find_sentences(&self, starts: &mut Vec<usize>) {
        let bytes = self.text.as_bytes();
        for i in 1..self.toks.len() {
            let t = self.toks[i];
            if !t.space {
                continue;
            }
            let prev = self.toks[i - 1];
            let ends = prev.kind == Kind::Sym
                && match bytes[prev.start] {
                    b'.' => {
                        let before = (i >= 2 && !prev.space && self.toks[i - 2].kind == Kind::Word)
                            .then(|| self.s(i - 2));
                        !before.is_some_and(is_abbreviation)
                    }
                    b'!' | b'?' | b';' => true,
                    _ => self.sym(i - 1) == Some('。'),
                };
            if !ends && !t.newline {
                continue;
            }
            // A list item (`- 24 March: ...`) starts its own sentence too.
            let starts_new = self.text[t.start..].chars().next().is_some_and(|c| {
                c.is_uppercase()
                    || c.is_ascii_digit()
                    || "\"“‘'(".contains(c)
                    || t.newline && "-*•–".contains(c)
            });
            if starts_new && (ends || self.line_is_heading(i - 1)) {
                starts.push(i);
            }
        }
    }

    /// A line without closing punctuation (a heading or list item) ends its sentence.
    fn line_is_heading(&self, last: usize) -> bool {
        matches!(self.kind(last), Kind::Word | Kind::Num)
            || matches!(self.sym(last), Some(':' | ')' | '"' | '”'))
    }

    /// Gives the buffers back for the next paragraph.
    pub fn into_buffers(self) -> Buffers {
        Buffers {
            toks: self.toks,
            line_starts: self.line_starts,
            sentence_starts: self
                .sentence_starts
                .into_inner()
                .unwrap_or_else(|| self.spare_sentences.into_inner()),
        }
    }

    /// Number of tokens.
    #[inline]
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Whether there are no tokens.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// Text of token `i` (empty past the end).
    #[inline]
    pub fn s(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    /// Kind of token `i`; `Sym` past the end.
    #[inline]
    pub fn kind(&self, i: usize) -> Kind {
        self.toks.get(i).map_or(Kind::Sym, |t| t.kind)
    }

    /// The character of symbol token `i`.
    #[inline]
    pub fn sym(&self, i: usize) -> Option<char> {
        let t = self.toks.get(i)?;
        (t.kind == Kind::Sym)
            .then(|| self.text[t.start..].chars().next())
            .flatten()
    }

    /// Whether token `i` exists and is glued to the one before it.
    #[inline]
    pub fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space)
    }

    /// Lower-case text of token `i`.
    #[inline]
    pub fn lower(&self, i: usize) -> Lower {
        Lower::new(self.s(i))
    }

    /// Whether token `i` is the word `w`, ignoring ASCII case.
    #[inline]
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.kind(i) == Kind::Word && self.s(i).eq_ignore_ascii_case(w)
    }

    /// Whether token `i` is one of `words`, ignoring ASCII case.
    #[inline]
    pub fn is_any(&self, i: usize, words: &[&str]) -> bool {
        self.kind(i) == Kind::Word && words.iter().any(|w| self.s(i).eq_ignore_ascii_case(w))
    }

    /// Token `i`, or the one before it when that is one of `words`: the article or
    /// preposition a date phrase starts with (`the first half`, `im ersten Halbjahr`).
    pub fn start_before(&self, i: usize, words: &[&str]) -> usize {
        if i > 0 && self.is_any(i - 1, words) {
            i - 1
        } else {
            i
        }
    }

    /// The numeric value of number token `i`.
    #[inline]
    pub fn number(&self, i: usize) -> Option<f64> {
        if self.kind(i) != Kind::Num {
            return None;
        }
        let text = self.s(i);
        if !text.contains(',') {
            return text.parse().ok();
        }
        let mut buf = [0u8; 40];
        let mut len = 0;
        for b in text.bytes().filter(|&b| b != b',') {
            *buf.get_mut(len)? = b;
            len += 1;
        }
        std::str::from_utf8(&buf[..len]).ok()?.parse().ok()
    }

    /// Whether number token `i` is plain digits of length `n`.
    #[inline]
    pub fn digits(&self, i: usize, n: usize) -> bool {
        self.kind(i) == Kind::Num
            && self.s(i).len() == n
            && self.s(i).bytes().all(|b| b.is_ascii_digit())
    }

    /// Text from the start of token `a` to the end of token `b`.
    #[inline]
    pub fn span(&self, a: usize, b: usize) -> &'a str {
        match (self.toks.get(a), self.toks.get(b)) {
            (Some(x), Some(y)) if x.start <= y.end => &self.text[x.start..y.end],
            _ => "",
        }
    }

    /// 0-based line within the paragraph of byte offset `at`.
    #[inline]
    pub fn line_of(&self, at: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= at)
    }

    /// Line within the paragraph of token `i`.
    #[inline]
    pub fn token_line(&self, i: usize) -> usize {
        self.toks.get(i).map_or(0, |t| self.line_of(t.start))
    }

    /// Index of the sentence token `i` belongs to.
    #[inline]
    pub fn sentence_of(&self, i: usize) -> usize {
        self.sentences().partition_point(|&s| s <= i) - 1
    }

    /// Token range `[start, end)` of sentence `n`.
    #[inline]
    pub fn sentence(&self, n: usize) -> (usize, usize) {
        let starts = self.sentences();
        let start = starts.get(n).copied().unwrap_or(self.len());
        let end = starts.get(n + 1).copied().unwrap_or(self.len());
        (start, end)
    }

    /// Index of the sentence containing byte offset `at`.
    pub fn sentence_at(&self, at: usize) -> usize {
        let tok = self.toks.partition_point(|t| t.end <= at);
        self.sentence_of(tok.min(self.len().saturating_sub(1)))
    }

    /// Text of sentence `n`, trimmed.
    pub fn sentence_text(&self, n: usize) -> &'a str {
        let (a, b) = self.sentence(n);
        if a >= b {
            return "";
        }
        self.span(a, b - 1).trim()
    }
}

/// Whether `text[start..end]` starts at a word boundary.
pub fn word_start(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let first = text[start..end].chars().next();
    !no_boundary(before, first)
}

/// Whether `c` next to the character `inner` of a name runs into it (no word boundary).
/// Names in scripts without spaces (ソフトバンク) need no boundary.
fn no_boundary(c: Option<char>, inner: Option<char>) -> bool {
    !inner.is_some_and(|i| i.is_alphanumeric() && !i.is_ascii() && !is_word_char(i))
        && c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// A short word in ASCII lower case, on the stack (empty when longer than 16 bytes).
#[derive(Debug, Clone, Copy, Default)]
pub struct Lower {
    buf: [u8; 16],
    len: usize,
}

impl Lower {
    fn new(word: &str) -> Lower {
        let mut out = Lower::default();
        if word.len() <= out.buf.len() {
            for (d, c) in out.buf.iter_mut().zip(word.bytes()) {
                *d = c.to_ascii_lowercase();
            }
            out.len = word.len();
        }
        out
    }

    /// The lower-case text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

/// Whether the characters around `text[start..end]` leave it a whole word.
pub fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let inner_first = text[start..end].chars().next();
    let inner_last = text[start..end].chars().next_back();
    !no_boundary(before, inner_first) && !no_boundary(after, inner_last)
}

/// The scanner as first written, byte by byte: [`Tokens::reusing`] must split every text the
/// same way.
#[cfg(test)]
pub(crate) fn reference_tokens(text: &str) -> (Vec<Token>, Vec<usize>) {
    let bytes = text.as_bytes();
    let mut toks = Vec::new();
    let mut line_starts = Vec::new();
    let mut space = true;
    let mut newline = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            if b == b'\n' {
                line_starts.push(i + 1);
                newline = true;
            }
            space = true;
            i += 1;
            continue;
        }
        let start = i;
        let kind = if b.is_ascii_alphabetic() {
            i += 1;
            while i < bytes.len() {
                if bytes[i].is_ascii_alphabetic() {
                    i += 1;
                } else if bytes[i] >= 0x80 {
                    match text[i..].chars().next() {
                        Some(c) if is_word_char(c) => i += c.len_utf8(),
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            Kind::Word
        } else if b.is_ascii_digit() {
            i += 1;
            loop {
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                let digit_at = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
                let group = i + 3 < bytes.len() + 1
                    && bytes.get(i) == Some(&b',')
                    && (1..=3).all(|k| digit_at(i + k))
                    && !digit_at(i + 4);
                let decimal =
                    bytes.get(i) == Some(&b'.') && digit_at(i + 1) && !text[start..i].contains('.');
                if group {
                    i += 4;
                } else if decimal {
                    i += 1;
                } else {
                    break;
                }
            }
            Kind::Num
        } else if b < 0x80 {
            i += 1;
            Kind::Sym
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if is_word_char(c) {
                while let Some(c) = text[i..].chars().next().filter(|&c| is_word_char(c)) {
                    i += c.len_utf8();
                }
                Kind::Word
            } else {
                Kind::Sym
            }
        };
        toks.push(Token {
            start,
            end: i,
            kind,
            space,
            newline,
        });
        space = false;
        newline = false;
    }
    (toks, line_starts)
}
