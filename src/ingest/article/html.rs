//! Text out of HTML pages through html5ever's tokenizer (the WHATWG tokenizer of Servo), fed a
//! line at a time so a page of any size streams: every character reference decoded once
//! (`&#36;`, `&yen;`, `&amp;lt;` is `&lt;` as text), comments and doctypes dropped, script,
//! style and the like skipped, `<title>` kept as text. No tree is built: what the tokenizer
//! holds at once is the token it is reading, and a tag or comment longer than
//! [`MAX_MARKUP`] makes the page unreadable instead of letting it grow.

use std::cell::{Cell, RefCell};

use html5ever::TokenizerResult;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Longest run of input without a token (one tag, comment or doctype), in bytes.
pub(super) const MAX_MARKUP: usize = 1 << 20;

/// Elements whose content is never article text.
const HIDDEN: [&str; 7] = [
    "script", "style", "noscript", "iframe", "noembed", "noframes", "xmp",
];

/// Elements of a page's frame around the story (menus, sidebars of other headlines, the
/// footer): their words name other companies and publishers, never the article's.
const CHROME: [&str; 3] = ["nav", "aside", "footer"];

/// Words of a container's `class` or `id` (split at `-` and `_`) that mark page furniture:
/// boxes of related or popular headlines, share bars, newsletter and ad slots.
const FURNITURE: [&str; 22] = [
    "related",
    "trending",
    "popular",
    "mostread",
    "recommended",
    "recommendations",
    "newsletter",
    "promo",
    "share",
    "sharing",
    "social",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "cookie",
    "subscribe",
    "outbrain",
    "taboola",
];

/// Containers a furniture `class` or `id` is looked for on.
const BOXES: [&str; 5] = ["div", "section", "ul", "ol", "span"];

/// Whether a `class` or `id` value names page furniture (`most-read`, `share-bar`).
fn furniture(value: &str) -> bool {
    value.split_ascii_whitespace().any(|class| {
        let words: Vec<String> = class
            .split(['-', '_'])
            .map(str::to_ascii_lowercase)
            .collect();
        words.iter().any(|w| FURNITURE.contains(&w.as_str()))
            || words
                .windows(2)
                .any(|p| p[0] == "most" && matches!(p[1].as_str(), "read" | "popular" | "viewed"))
    })
}

/// Collects the text tokens of the lines fed so far.
#[derive(Default)]
struct Collect {
    text: RefCell<String>,
    /// The hidden element being skipped, until its end tag.
    hidden: RefCell<Option<String>>,
    /// Tokens seen, to notice markup that never ends.
    tokens: Cell<u64>,
    /// How many [`CHROME`] elements are open around the text.
    chrome: Cell<u32>,
    /// The furniture container being skipped ([`furniture`]): its element name and how
    /// many elements of that name are open inside it, itself included.
    boxed: RefCell<Option<(String, u32)>>,
}

impl TokenSink for Collect {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        self.tokens.set(self.tokens.get() + 1);
        match token {
            Token::CharacterTokens(t)
                if self.hidden.borrow().is_none()
                    && self.chrome.get() == 0
                    && self.boxed.borrow().is_none() =>
            {
                self.text.borrow_mut().push_str(&t);
            }
            Token::TagToken(tag) => {
                // A tag separates words: `<td>1</td><td>2</td>` is "1 2".
                self.text.borrow_mut().push(' ');
                let name: &str = &tag.name;
                // Inside a furniture box, only its own nesting counts.
                let mut boxed = self.boxed.borrow_mut();
                if let Some((open, depth)) = boxed.as_mut()
                    && open.as_str() == name
                {
                    match tag.kind {
                        TagKind::StartTag if !tag.self_closing => *depth += 1,
                        TagKind::EndTag => *depth -= 1,
                        TagKind::StartTag => {}
                    }
                    if *depth == 0 {
                        *boxed = None;
                    }
                } else if boxed.is_none()
                    && tag.kind == TagKind::StartTag
                    && !tag.self_closing
                    && BOXES.contains(&name)
                    && tag
                        .attrs
                        .iter()
                        .any(|a| matches!(&*a.name.local, "class" | "id") && furniture(&a.value))
                {
                    *boxed = Some((name.to_string(), 1));
                }
                drop(boxed);
                match tag.kind {
                    // Without a tree builder the tokenizer must be told which elements hold
                    // raw text, as the tree builder would.
                    TagKind::StartTag if HIDDEN.contains(&name) => {
                        *self.hidden.borrow_mut() = Some(name.to_string());
                        return TokenSinkResult::RawData(if name == "script" {
                            RawKind::ScriptData
                        } else {
                            RawKind::Rawtext
                        });
                    }
                    TagKind::StartTag if name == "title" || name == "textarea" => {
                        return TokenSinkResult::RawData(RawKind::Rcdata);
                    }
                    TagKind::StartTag if name == "plaintext" => return TokenSinkResult::Plaintext,
                    TagKind::StartTag if CHROME.contains(&name) && !tag.self_closing => {
                        self.chrome.set(self.chrome.get() + 1);
                    }
                    TagKind::EndTag if CHROME.contains(&name) => {
                        self.chrome.set(self.chrome.get().saturating_sub(1));
                    }
                    TagKind::EndTag if self.hidden.borrow().as_deref() == Some(name) => {
                        *self.hidden.borrow_mut() = None;
                    }
                    _ => {}
                }
            }
            // Comments, doctypes, NULs and parse errors are not text.
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// An HTML page's text, a line at a time.
pub(super) struct HtmlText {
    tokenizer: Tokenizer<Collect>,
    /// Bytes fed since the last token.
    since_token: usize,
}

impl Default for HtmlText {
    fn default() -> Self {
        HtmlText {
            tokenizer: Tokenizer::new(Collect::default(), TokenizerOpts::default()),
            since_token: 0,
        }
    }
}

impl HtmlText {
    /// The text the tokenizer finished while reading `line` (tags as spaces, newlines as
    /// spaces), followed by a line end if `ended` (else it is a piece of a long line); a
    /// character reference or tag cut by the line end is finished by the next. Fails when
    /// one tag or comment has gone on for more than [`MAX_MARKUP`] bytes.
    pub(super) fn line(&mut self, line: &str, ended: bool) -> Result<String, String> {
        let before = self.tokenizer.sink.tokens.get();
        let queue = BufferQueue::default();
        queue.push_back(StrTendril::from_slice(line));
        if ended {
            queue.push_back(StrTendril::from_slice("\n"));
        }
        while let TokenizerResult::Script(()) = self.tokenizer.feed(&queue) {}
        if self.tokenizer.sink.tokens.get() == before {
            self.since_token += line.len() + 1;
            if self.since_token > MAX_MARKUP {
                return Err(format!(
                    "an HTML tag or comment runs over {} MiB; not read",
                    MAX_MARKUP >> 20
                ));
            }
        } else {
            self.since_token = 0;
        }
        Ok(self.take())
    }

    /// The text still held at the end of the page.
    pub(super) fn finish(self) -> String {
        self.tokenizer.end();
        self.take()
    }

    fn take(&self) -> String {
        let text = std::mem::take(&mut *self.tokenizer.sink.text.borrow_mut());
        text.replace(['\n', '\r'], " ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        let mut page = HtmlText::default();
        let mut out = String::new();
        for line in html.lines() {
            out.push_str(&page.line(line, true).unwrap());
        }
        out.push_str(&page.finish());
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn decodes_every_reference_once() {
        assert_eq!(
            text("<p>&#36;2 billion and &#165;300 billion</p>"),
            "$2 billion and ¥300 billion"
        );
        assert_eq!(
            text("<p>&#x24;5 &dollar;6 &euro;7 &yen;8</p>"),
            "$5 $6 €7 ¥8"
        );
        assert_eq!(text("a &amp;lt; b &lt; c"), "a &lt; b < c");
        assert_eq!(text("NVIDIA &amp; TSMC"), "NVIDIA & TSMC");
        // A reference cut by a line end is finished by the next line.
        assert_eq!(text("AT&am\np;T"), "AT&am p;T");
    }

    #[test]
    fn drops_comments_scripts_and_styles() {
        let page = "<html><head><title>Chips &amp; AI</title><style>p{x:'$9 billion'}</style>\
                    </head><body><!-- Rapidus will list in March 2027 -->\n<p>kept</p>\
                    <script>var s = '<p>$1 billion</p>';</script><noscript>$3 billion</noscript>\
                    <!--\nmulti-line $4 billion\n--><p>end</p></body></html>";
        assert_eq!(text(page), "Chips & AI kept end");
    }

    #[test]
    fn drops_menus_sidebars_and_footers() {
        let page = "<nav><ul><li>Reuters</li><li>Markets</li></ul></nav><p>kept</p>\
                    <aside><h3>Most read</h3><aside>Visa slips</aside><p>Block and Snap</p></aside>\
                    <p>also kept</p><footer>&copy; 2026 Example</footer><p>end</p>";
        assert_eq!(text(page), "kept also kept end");
    }

    #[test]
    fn drops_boxes_of_other_headlines_by_class() {
        let page = "<div class=\"story\"><p>kept</p><div class=\"most-read\"><div>\
                    <p>Visa slips</p></div><p>Snap falls</p></div><p>also kept</p>\
                    <ul id=\"share_bar\"><li>Share on X</li></ul>\
                    <section class=\"shareholder-news\"><p>kept too</p></section></div>";
        assert_eq!(text(page), "kept also kept kept too");
    }

    #[test]
    fn tags_separate_words() {
        assert_eq!(text("<td>1</td><td>2</td>"), "1 2");
        assert_eq!(text("<p>split\nacross</p>"), "split across");
    }

    #[test]
    fn markup_that_never_ends_is_refused() {
        let mut page = HtmlText::default();
        page.line("<p>fine</p><!-- never closed", true).unwrap();
        let long = "x".repeat(64 * 1024);
        let failed = (0..40).find_map(|_| page.line(&long, false).err());
        assert!(failed.is_some_and(|e| e.contains("HTML tag or comment")));
    }
}
