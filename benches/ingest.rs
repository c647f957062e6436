//! Extraction throughput over the labelled fixture articles (criterion, bytes per second).

fn main() {}
