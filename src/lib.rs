//! aipx: which government AI and semiconductor programs touch a ticker, with how much money,
//! in which direction, and what dated catalyst comes next.
#![forbid(unsafe_code)]

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
