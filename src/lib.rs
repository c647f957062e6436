//! aipx: which government AI and semiconductor programs touch a ticker, with how much money,
//! in which direction, and what dated catalyst comes next.
#![forbid(unsafe_code)]

/// Scoring threads allocate per match; mimalloc keeps them from contending on glibc's
/// allocator, which cost about a third of the two-core speed-up.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod catalog;
pub mod cli;
pub mod data;
pub mod index;
pub mod ingest;
pub mod model;
pub mod report;
pub mod search;
pub mod text;
pub mod tui;
