#!/bin/sh
# Re-renders the screens in assets/ (shown in the README) from their key scripts.
# Usage: assets/render.sh [path/to/aipx]   (default: target/debug/aipx)
set -eu
aipx=${1:-target/debug/aipx}
for keys in assets/*.keys; do
    "$aipx" --today 2026-11-21 screen --size 120x40 --keys "$(cat "$keys")" > "${keys%.keys}.txt"
done
