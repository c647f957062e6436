//! aipx: which government AI and semiconductor programs touch a ticker, with how much money,
//! in which direction, and what dated catalyst comes next.
#![forbid(unsafe_code)]

/// mimalloc (its v2, which returns freed memory within milliseconds): validating a million
/// links allocates and frees tens of millions of small values, and glibc's allocator kept the
/// process at twice the memory and a third slower; its scoring threads also contended.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod book;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod data;
pub mod dirs;
pub mod error;
pub mod fsread;
pub mod index;
pub mod ingest;
pub mod library;
pub mod listings;
pub mod model;
pub mod report;
pub mod search;
pub mod text;
pub mod tui;
pub mod userfile;
