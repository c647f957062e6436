//! Page furniture that is not article text: stock-quote tables, navigation, newsletter
//! sign-ups, disclaimers, bylines, captions and contact blocks. Such lines yield no mentions.

/// Phrases that make a whole line furniture wherever they appear.
const ANYWHERE: &[&str] = &[
    "informational purposes only",
    "not investment advice",
    "not financial advice",
    "not personalized advice",
    "not personalised advice",
    "educational coverage",
    "does not constitute",
    "forward-looking statements",
    "safe harbor",
    "all rights reserved",
    "©",
    "terms of service",
    "terms of use",
    "privacy policy",
    "cookie",
    "by accessing this page",
    "quotes delayed",
    "api supplied by",
    "this content is intended",
    "delivered to your inbox",
    "newsletter",
    "unsubscribe",
    "sign up for",
    "enter your email",
    "follow me",
    "follow us",
    "share this article",
    "click here",
    "for more information, visit",
    // The disclaimer Hong Kong and Singapore exchanges put atop a listed company's
    // announcement: it names the exchange operator, never the story's company.
    "hong kong exchanges and clearing limited and",
    "singapore exchange securities trading limited",
    "take no responsibility for the contents",
    "assumes no responsibility for the contents",
];

/// One automaton for [`ANYWHERE`] (all lower case), built on first use. It is run on text
/// folded to lower case, not told to ignore case, so it can skip ahead with its prefilter.
fn anywhere() -> &'static aho_corasick::AhoCorasick {
    static AUTOMATON: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    AUTOMATON.get_or_init(|| {
        debug_assert!(ANYWHERE.iter().all(|p| p.to_ascii_lowercase() == *p));
        aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(ANYWHERE)
            .expect("furniture phrases build into an automaton")
    })
}

/// Searchers for ` | ` and ` › ` (breadcrumbs), built once: every short line is searched.
fn finders() -> &'static (
    memchr::memmem::Finder<'static>,
    memchr::memmem::Finder<'static>,
) {
    static FINDERS: std::sync::OnceLock<(
        memchr::memmem::Finder<'static>,
        memchr::memmem::Finder<'static>,
    )> = std::sync::OnceLock::new();
    FINDERS.get_or_init(|| {
        (
            memchr::memmem::Finder::new(" | "),
            memchr::memmem::Finder::new(" › "),
        )
    })
}

/// Whole lines that are navigation or page chrome (compared lower-case, trimmed).
const WHOLE: &[&str] = &[
    "home",
    "menu",
    "skip to content",
    "share",
    "photo for article",
    "advertisement",
    "stocks",
    "ai news",
    "latest articles",
    "latest news",
    "comments",
    "no comments yet",
    "read more",
    "view more",
    "related articles",
    "related",
    "related stories",
    "tags",
    "stay updated",
    "stay ahead of the market.",
    "external resources:",
    "subscribe",
    "sign in",
    "log in",
    "print",
    "email",
    "loading stock data...",
    "recent quotes",
    "most read",
    "trending",
    "symbol price change (%)",
    "market data",
    "top stories",
    "see also",
    "more from this author",
];

/// Line starts that mark bylines, captions, contacts and dates.
const STARTS: &[&str] = &[
    "by ",
    "reporting by",
    "(reporting by",
    "editing by",
    "writing by",
    "additional reporting",
    "compiled by",
    "written by",
    "author:",
    "posted by",
    "photo:",
    "photo by",
    "(photo",
    "image:",
    "image credit",
    "credit:",
    "media contact",
    "press contact",
    "investor contact",
    "contact:",
    "contacts:",
    "tel:",
    "phone:",
    "email:",
    "e-mail:",
    "date:",
    "published",
    "updated",
    "posted on",
    "last updated",
    "source: company",
    "i am ai agent",
    "powered by",
    "prepared with",
    "share on ",
    "subscribe to",
];

/// Headings after which every line is furniture until the next heading, an `About ...` line
/// or three paragraphs on.
const SECTIONS: &[&str] = &[
    "forward-looking statements",
    "forward looking statements",
    "disclaimer",
    "safe harbor statement",
    "important notice",
    "about the author",
    "cautionary statement",
];

/// Classifies lines one at a time, remembering whether it is inside a quote table or a
/// disclaimer section.
#[derive(Debug, Default)]
pub struct Boilerplate {
    table: bool,
    section: bool,
    /// Paragraphs left in the current furniture section.
    section_paragraphs: usize,
    /// Whether the previous line was blank.
    after_blank: bool,
}

/// A heading: a short line of a few words without closing punctuation.
fn is_heading(line: &str) -> bool {
    line.len() <= 60
        && line.split_whitespace().count() <= 8
        && !line.ends_with(['.', ',', ';', '!', '?'])
}

/// Whether every word of a line is a ticker, number, sign or percentage.
fn is_quote_row(line: &str) -> bool {
    let mut number = false;
    for word in line.split_whitespace() {
        let w = word.trim_matches(|c: char| "()%+,$".contains(c));
        if w.is_empty() || w == "-" {
            continue;
        }
        let numeric = w
            .trim_start_matches(['-', '+'])
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
        let ticker = w.len() <= 6 && w.chars().all(|c| c.is_ascii_uppercase() || c == '.');
        if numeric {
            number = true;
        } else if !ticker {
            return false;
        }
    }
    number
}

impl Boilerplate {
    /// A classifier at the top of an article.
    pub fn new() -> Boilerplate {
        Boilerplate::default()
    }

    /// Notes a blank line: furniture sections end a few paragraphs on.
    pub fn blank(&mut self) {
        if !self.after_blank && self.section {
            self.section_paragraphs = self.section_paragraphs.saturating_sub(1);
            self.section = self.section_paragraphs > 0;
        }
        self.after_blank = true;
    }

    /// Whether `line` is page furniture rather than article text.
    pub fn is_noise(&mut self, line: &str) -> bool {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            self.blank();
            return false;
        }
        let after_blank = std::mem::replace(&mut self.after_blank, false);
        if self.section && after_blank && is_heading(trimmed) {
            self.section = false;
        }
        let body = trimmed
            .trim_start_matches(['#', '*', '>', '-', ' ', '_'])
            .trim_end_matches(['*', '_']);
        let short = body.len() <= 80;
        // Only the start of a long line is compared word by word; phrases anywhere in it are
        // found by one automaton.
        let mut cut = body.len().min(90);
        while !body.is_char_boundary(cut) {
            cut -= 1;
        }
        let mut buf = [0u8; 90];
        for (d, c) in buf.iter_mut().zip(body[..cut].bytes()) {
            *d = c.to_ascii_lowercase();
        }
        // ASCII lower case keeps character boundaries, so the bytes are still UTF-8.
        let lower = std::str::from_utf8(&buf[..cut]).unwrap_or("");
        if short && lower.starts_with("about ") {
            self.section = false;
        }
        if short && SECTIONS.iter().any(|s| lower.trim_end_matches(':') == *s) {
            self.section = true;
            self.section_paragraphs = 3;
            return true;
        }
        if self.section {
            return true;
        }
        if is_quote_row(trimmed) {
            self.table = true;
            return true;
        }
        if short
            && (lower.starts_with("symbol") && lower.contains("price") || lower == "recent quotes")
        {
            self.table = true;
            return true;
        }
        if self.table {
            if trimmed.split_whitespace().count() >= 8 {
                self.table = false;
            } else {
                return true;
            }
        }
        if short && WHOLE.contains(&lower) {
            return true;
        }
        if short
            && (finders().0.find_iter(lower.as_bytes()).nth(1).is_some()
                || finders().1.find(lower.as_bytes()).is_some())
        {
            return true;
        }
        let starts = body.len() <= 300
            && body
                .as_bytes()
                .first()
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'(')
            && STARTS.iter().any(|s| lower.starts_with(s));
        if starts {
            // "By 2027, ..." opens a sentence, not a byline: bylines are a few capitalised names.
            if lower.starts_with("by ") {
                return is_byline(trimmed);
            }
            return true;
        }
        // Disclaimers and sign-ups say what they are early on: the start of a line decides.
        let mut head = body.len().min(if body.len() > 300 { 60 } else { 120 });
        while !body.is_char_boundary(head) {
            head -= 1;
        }
        let mut folded = [0u8; 120];
        for (d, c) in folded.iter_mut().zip(body[..head].bytes()) {
            *d = c.to_ascii_lowercase();
        }
        anywhere().is_match(&folded[..head])
    }
}

/// `By Jane Doe`, `By Jane Doe and Ken Sato, Tokyo`: names only, no digits, no verbs.
fn is_byline(line: &str) -> bool {
    let rest = &line[3..];
    let words: Vec<&str> = rest.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 10
        && !rest.chars().any(|c| c.is_ascii_digit())
        && words.iter().all(|w| {
            let w = w.trim_matches(|c: char| ",;.|".contains(c));
            w.is_empty()
                || w.starts_with(|c: char| c.is_uppercase())
                || ["and", "in", "for", "with", "de", "van", "von"].contains(&w)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_furniture_keeps_prose() {
        let mut b = Boilerplate::new();
        for noise in [
            "Recent Quotes",
            "AMZN  230.82",
            "-1.71 (-0.74%)",
            "Stock Quote API & Stock News API supplied by www.example.io",
            "By Jane Doe and Ken Sato, Tokyo",
            "Get the latest news delivered to your inbox.",
            "We respect your privacy. Unsubscribe at any time.",
            "This content is intended for informational purposes only.",
            "Home | Markets | Technology",
            "Photo for article",
        ] {
            assert!(b.is_noise(noise), "{noise:?} should be noise");
        }
        let mut b = Boilerplate::new();
        for prose in [
            "By 2027, Rapidus aims to mass-produce 2nm chips.",
            "Japan will spend ¥1 trillion over five years on domestic AI models.",
            "NVIDIA (NASDAQ: NVDA) supplies the GPUs.",
        ] {
            assert!(!b.is_noise(prose), "{prose:?} should be kept");
        }
    }

    #[test]
    fn marker_only_lines_leave_prose_and_sections_alone() {
        for line in ["-", "#", "**", "> ", "_-_", "* * *"] {
            // Outside a section they open none: the prose after them is read.
            let mut b = Boilerplate::new();
            b.is_noise(line);
            assert!(
                !b.is_noise("Rapidus plans mass production in 2027."),
                "{line:?}"
            );
            // Inside a disclaimer they do not end it.
            let mut b = Boilerplate::new();
            assert!(b.is_noise("Forward-Looking Statements"));
            b.is_noise(line);
            assert!(
                b.is_noise("Shipments may start in 2027 and could differ materially."),
                "{line:?} ended the disclaimer"
            );
        }
    }

    #[test]
    fn disclaimer_sections_run_until_about() {
        let mut b = Boilerplate::new();
        assert!(b.is_noise("Forward-Looking Statements"));
        assert!(b.is_noise("Shipments may start in 2027 and could differ materially."));
        assert!(!b.is_noise("About Zeta Robotics"));
        assert!(!b.is_noise("Zeta Robotics makes wafer-handling robots."));
    }

    #[test]
    fn disclaimer_sections_end_at_the_next_heading_or_three_paragraphs() {
        let mut b = Boilerplate::new();
        assert!(b.is_noise("Disclaimer"));
        assert!(b.is_noise("Nothing here is advice and prices may change."));
        b.blank();
        assert!(!b.is_noise("Market outlook"));
        assert!(!b.is_noise("Rapidus plans mass production in 2027."));
        let mut b = Boilerplate::new();
        assert!(b.is_noise("Safe Harbor Statement"));
        for _ in 0..3 {
            assert!(b.is_noise("Statements about 2027 may differ materially from results."));
            b.blank();
        }
        assert!(!b.is_noise("Nvidia will ship in 2027, the company said."));
    }
}
