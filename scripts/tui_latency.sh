#!/usr/bin/env bash
# End-to-end keystroke -> frame in the real TUI, driven through tmux at 120x40: for each
# query, the time from `send-keys` of its last character to the first `capture-pane` that
# shows the query typed and its top hit selected, less the cost of one capture; then the
# TUI's peak RSS over the whole session (`/usr/bin/time -v`), after it quits.
#
#   scripts/tui_latency.sh [--data DIR] QUERY...     (RUNS=20 by default; needs tmux, jq)
#
# It runs target/release/aipx (build it first), or the binary named by $AIPX (to compare
# two builds, run them in turn). A securities master imported in
# $XDG_DATA_HOME is loaded by the TUI as usual; config and remembered state start empty.
set -euo pipefail
cd "$(dirname "$0")/.."
aipx=${AIPX:-$PWD/target/release/aipx}
args=(--today 2026-11-21)
if [ "${1:-}" = --data ]; then
    args+=(--data "$2")
    shift 2
fi
runs=${RUNS:-20}
session=aipx-latency-$$
work=$(mktemp -d)
# A tmux server of its own (its own socket), so no other session shares its time.
tmux() { command tmux -L "$session" "$@"; }
socket=${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$session
trap 'tmux kill-server 2>/dev/null || true; rm -f "$socket"; rm -rf "$work"' EXIT
export XDG_STATE_HOME=$work/state XDG_CONFIG_HOME=$work/config

now() { date +%s%N; }
cap() { tmux capture-pane -p -t "$session"; }

tmux new-session -d -s "$session" -x 120 -y 40 \
    "/usr/bin/time -v -o $work/time $aipx ${args[*]} 2>$work/stderr"
start=$(now)
until cap | grep -q 'Explore'; do sleep 0.01; done
echo "first frame after $(( ($(now) - start) / 1000000 )) ms (tmux start included)"

# What one capture costs: the resolution of the measure, taken off each figure.
t0=$(now)
for _ in $(seq 50); do cap >/dev/null; done
capture=$(( ($(now) - t0) / 50 ))
echo "one capture-pane: $(( capture / 1000 )) µs"
echo
echo "| query | top hit | runs | p50 | p90 | max |"
echo "|---|---|---|---|---|---|"

for q in "$@"; do
    # The top hit's symbol (or id), as the Results list shows it (8 columns).
    top=$("$aipx" "${args[@]}" search "$q" --limit 1 --json | jq -r '.[0] | .symbol // .id')
    shown=${top:0:7}
    samples=()
    for _ in $(seq "$runs"); do
        tmux send-keys -t "$session" /
        tmux send-keys -t "$session" C-u
        tmux send-keys -t "$session" -l "${q%?}"
        # Let the shorter query's results arrive first.
        until cap | grep -qF "/ ${q%?}"; do sleep 0.005; done
        sleep 0.3
        t0=$(now)
        tmux send-keys -t "$session" -l "${q: -1}"
        # Matched in the shell, not by spawning grep: between captures nothing but the
        # capture itself runs, so the first frame showing the hit is seen soonest.
        until screen=$(cap) && [[ $screen == *"/ $q"* && $screen == *"› $shown"* ]]; do :; done
        t1=$(now)
        samples+=($(( (t1 - t0 - capture) / 1000 )))
        tmux send-keys -t "$session" Escape
    done
    sorted=$(printf '%s\n' "${samples[@]}" | sort -n)
    pick() { sed -n "$(( ($1 * (runs - 1) + 50) / 100 + 1 ))p" <<<"$sorted"; }
    printf '| `%s` | %s | %d | %.1f ms | %.1f ms | %.1f ms |\n' "$q" "$top" "$runs" \
        "$(pick 50)e-3" "$(pick 90)e-3" "$(pick 100)e-3"
done

tmux send-keys -t "$session" Escape
tmux send-keys -t "$session" q
while tmux has-session -t "$session" 2>/dev/null; do sleep 0.05; done
echo
echo "TUI peak RSS: $(awk -F': ' '/Maximum resident/ {printf "%.0f MB", $2 / 1024}' "$work/time")"
