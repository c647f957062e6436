//! What extraction finds in one article: companies, amounts, catalysts and programs, each at
//! its first mention with the matched text and line.

use crate::model::{Exchange, Money, When};

/// A company found in an article, at its first mention.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityHit {
    /// Primary ticker, or the dataset id of an unlisted body.
    pub symbol: String,
    /// Exchange of the primary listing.
    pub exchange: Option<Exchange>,
    /// Full name.
    pub name: String,
    /// Whether it trades.
    pub listed: bool,
    /// Position in [`super::Lexicon::known`], or `None` for a listing the lexicon does not know.
    pub known: Option<usize>,
    /// Text of the first mention.
    pub text: String,
    /// 1-based line of the first mention.
    pub line: usize,
}

/// An amount of money found in an article, at its first mention.
#[derive(Debug, Clone, PartialEq)]
pub struct MoneyHit {
    /// The amount with the dollar figure the text states beside it.
    pub money: Money,
    /// Upper end of a range.
    pub upper: Option<f64>,
    /// `up to`, `more than`, `at least`, `about`, `less than`.
    pub qualifier: Option<&'static str>,
    /// A price per share, never program money.
    pub per_share: bool,
    /// Why the currency is what it is when the text left it open (a bare `$` in an article
    /// datelined Ottawa is Canadian dollars).
    pub rule: Option<&'static str>,
    /// Text of the first mention.
    pub text: String,
    /// 1-based line.
    pub line: usize,
    /// Dataset program named in the same sentence, if any (position in
    /// [`super::Lexicon::programs`]).
    pub program: Option<usize>,
    /// The sentence it was found in.
    pub sentence: String,
}

/// A company and a dataset program named in one sentence: a possible exposure.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkHit {
    /// Symbol of the company, as in [`EntityHit::symbol`].
    pub symbol: String,
    /// Position in [`super::Lexicon::programs`].
    pub program: usize,
    /// 1-based line of the company's mention.
    pub line: usize,
    /// The sentence that links them.
    pub sentence: String,
}

/// A date after the article's date: something to watch.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalystHit {
    /// The date at the precision written.
    pub date: When,
    /// Text of the first mention.
    pub text: String,
    /// 1-based line.
    pub line: usize,
    /// Symbols of the entities named in the same sentence (else the same paragraph).
    pub entities: Vec<String>,
    /// Dataset program named with it, if any (position in [`super::Lexicon::programs`]).
    pub program: Option<usize>,
    /// The sentence it was found in.
    pub sentence: String,
}

/// A dataset program recognised in an article.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramHit {
    /// Position in [`super::Lexicon::programs`].
    pub program: usize,
    /// Text of the first mention.
    pub text: String,
    /// 1-based line.
    pub line: usize,
}

/// Everything found in one article.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    /// Companies, in order of first mention.
    pub entities: Vec<EntityHit>,
    /// Amounts, in order of first mention.
    pub money: Vec<MoneyHit>,
    /// Dates after the article's date, in order of first mention.
    pub catalysts: Vec<CatalystHit>,
    /// Dataset programs recognised.
    pub programs: Vec<ProgramHit>,
    /// Companies named in one sentence with a dataset program, first sentence per pair.
    pub links: Vec<LinkHit>,
    /// Dates on or before the article's date (history, not catalysts).
    pub history: usize,
    /// First non-furniture line, as a title.
    pub title: Option<String>,
    /// Whether [`super::MAX_DISTINCT`] was reached and later findings were dropped.
    pub truncated: bool,
}
