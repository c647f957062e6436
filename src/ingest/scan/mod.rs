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
    /// Token index where each sentence starts (the first is 0), found on first use.
    sentence_starts: std::cell::OnceCell<Vec<usize>>,
    /// A buffer for them from an earlier paragraph.
    spare_sentences: std::cell::Cell<Vec<usize>>,
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c) && c != '×' && c != '÷'
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "co", "ltd", "mr", "ms", "mrs", "dr", "no", "st", "vs", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e", "g", "i", "etc", "approx",
    "gov", "dept", "rs", "plc", "bros", "jr", "sr", "u", "s", "k", "n", "v", "a",
];

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
                    let decimal = bytes.get(i) == Some(&b'.')
                        && digit_at(i + 1)
                        && !text[start..i].contains('.');
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
        Tokens {
            text,
            toks,
            line_starts,
            sentence_starts: std::cell::OnceCell::new(),
            spare_sentences: std::cell::Cell::new(sentence_starts),
        }
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
                        !before.is_some_and(|w| {
                            ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(w))
                        })
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
