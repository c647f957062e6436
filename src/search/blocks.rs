//! Work over a range of items on every core.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Below this many candidates one thread is faster than two.
pub const PARALLEL_FROM: usize = 20_000;
/// Candidates a scoring thread takes at a time.
const BLOCK: usize = 2048;

/// Runs `work` on every index of `0..count`, in blocks taken in turn by every core, or
/// all but one if `spare` (one thread below [`PARALLEL_FROM`]), each thread with its own
/// state from `init`; returns what `work` pushed, in index order.
pub fn in_blocks<S, T: Send>(
    count: usize,
    spare: bool,
    init: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, usize, &mut Vec<T>) + Sync,
) -> Vec<T> {
    let blocks = count.div_ceil(BLOCK);
    let next = AtomicUsize::new(0);
    // Blocks taken in turn, since matches cluster (a name's words recur across neighbours):
    // halving the range up front left one thread with three times the work of the other.
    let run = || {
        let mut state = init();
        let mut done: Vec<(usize, Vec<T>)> = Vec::new();
        loop {
            let block = next.fetch_add(1, Ordering::Relaxed);
            if block >= blocks {
                return done;
            }
            let mut out = Vec::new();
            for k in block * BLOCK..((block + 1) * BLOCK).min(count) {
                work(&mut state, k, &mut out);
            }
            done.push((block, out));
        }
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.saturating_sub(usize::from(spare)).max(1);
    let mut parts = if count < PARALLEL_FROM || threads == 1 {
        run()
    } else {
        std::thread::scope(|s| {
            let helpers: Vec<_> = (1..threads).map(|_| s.spawn(run)).collect();
            let mut parts = run();
            for h in helpers {
                parts.extend(h.join().expect("scoring threads do not panic"));
            }
            parts
        })
    };
    parts.sort_unstable_by_key(|&(block, _)| block);
    // Sized up front: grown by doubling, a large result would be copied over and over.
    let mut all = Vec::with_capacity(parts.iter().map(|(_, out)| out.len()).sum());
    for (_, out) in parts {
        all.extend(out);
    }
    all
}
