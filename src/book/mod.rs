//! A trader's own book: watchlists, what programs and catalysts touch them, what is due.

pub mod due;
pub mod exposure;
pub mod import;
pub mod sort;
pub mod upcoming;
pub mod watchlist;

pub use watchlist::{Entry, Watchlist, Watchlists};
