#!/usr/bin/env bash
# Scale benchmark: prints Markdown tables for the embedded (seed) dataset and for a synthetic
# universe of 100k entities / 10k programs / 1M links.
#   scripts/bench.sh [OUT_DIR]    (default /tmp/aipx-universe; needs hyperfine and fzf:
#                                  apt-get install hyperfine fzf)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/aipx-universe}
cache=$(mktemp -d)
export XDG_CACHE_HOME=$cache
trap 'rm -rf "$cache"' EXIT

cargo build --release --quiet --bin aipx --example gen_universe --example scale_bench
aipx=target/release/aipx
# Regenerated when missing or written before exposures had a `basis`.
grep -qs '^basis = ' "$dir/exposures.toml" || target/release/examples/gen_universe \
    --entities 100000 --programs 10000 --links 1000000 --seed 7 "$dir"

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo
echo "## Seed dataset (embedded)"
target/release/examples/scale_bench
echo
echo "## 100k entities / 10k programs / 1M links ($dir, $(du -sh "$dir" | cut -f1))"
# Cold: parse and validate only (check), then parse, validate, index and fill the cache (show).
/usr/bin/time -f "%e s, %M KB" -o "$cache/check" "$aipx" --data "$dir" check >/dev/null
/usr/bin/time -f "%e s, %M KB" -o "$cache/first" "$aipx" --data "$dir" --today 2026-11-21 show e42 --json >/dev/null
# Every load in the bench comes from the cache.
target/release/examples/scale_bench "$dir"
echo
echo "| process | wall | peak RSS |"
echo "|---|---|---|"
echo "| \`aipx check\` (parse + validate, no cache) | $(cut -d, -f1 "$cache/check") | $(($(cut -d' ' -f3 "$cache/check") / 1024)) MB |"
echo "| \`aipx show e42 --json\` (first: parse, index, fill the cache) | $(cut -d, -f1 "$cache/first") | $(($(cut -d' ' -f3 "$cache/first") / 1024)) MB |"
for args in "show e42 --json" "search semi" "screen --size 120x40 --keys /semi<Esc>3"; do
    # shellcheck disable=SC2086 # the arguments are meant to split
    "$aipx" --data "$dir" --today 2026-11-21 $args >/dev/null  # fills the cache
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e s, %M KB" -o "$cache/t" "$aipx" --data "$dir" --today 2026-11-21 $args >/dev/null
    echo "| \`aipx $args\` (cached) | $(cut -d, -f1 "$cache/t") | $(($(cut -d' ' -f3 "$cache/t") / 1024)) MB |"
done
echo

# aipx search over the universe against fzf over a file of the same names.
names=$cache/names.txt
grep '^name = ' "$dir/entities.toml" | sed 's/^name = "//; s/"$//' > "$names"
echo "### aipx search vs fzf --filter ($(wc -l < "$names") names)"
for q in semi zen s; do
    hyperfine -N --warmup 3 --runs 20 --export-markdown "$cache/h.md" \
        "$aipx --data $dir search $q" "sh -c 'fzf --filter $q < $names'" >/dev/null
    tail -n +3 "$cache/h.md"
done
