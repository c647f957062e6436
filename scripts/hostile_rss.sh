#!/usr/bin/env bash
# Peak RSS of the release binary on the hostile inputs of tests/hostile.rs (and the large
# articles of tests/html_memory.rs and tests/ingest_memory.rs), built here at run time, each
# measured by `/usr/bin/time -v`. Target: under 300 MB each. Prints a Markdown table.
#   cargo build --release && scripts/hostile_rss.sh
set -uo pipefail
cd "$(dirname "$0")/.."
aipx=${AIPX:-$PWD/target/release/aipx}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export AIPX_CACHE=off NO_COLOR=1

seed() { rm -rf "$work/d"; mkdir "$work/d"; cp seeds/*.toml "$work/d/"; }
# measure LABEL COMMAND...: one table row (exit code, peak RSS, first line of the message).
measure() {
  local label=$1; shift
  /usr/bin/time -v -o "$work/time" "$@" >"$work/out" 2>"$work/err" </dev/null
  local code=$?
  local kb; kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
  local msg; msg=$(cat "$work/err" "$work/out" | grep -v '^\s*$' | head -1 | cut -c1-90)
  echo "| $label | $code | $((kb / 1024)) MB | \`$msg\` |"
}
# measure_stdin LABEL GENERATOR COMMAND...: as measure, the generator's output on stdin.
measure_stdin() {
  local label=$1 gen=$2; shift 2
  bash -c "$gen" | /usr/bin/time -v -o "$work/time" "$@" >"$work/out" 2>"$work/err"
  local code=${PIPESTATUS[1]}
  local kb; kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
  local msg; msg=$(cat "$work/err" "$work/out" | grep -v '^\s*$' | head -1 | cut -c1-90)
  echo "| $label | $code | $((kb / 1024)) MB | \`$msg\` |"
}

echo "| input | exit | peak RSS | first line of output |"
echo "|---|---|---|---|"
seed; ln -sf /dev/zero "$work/d/entities.toml"
measure "entities.toml -> /dev/zero (check)" "$aipx" check --data "$work/d"
seed; rm "$work/d/catalysts.toml"; mkfifo "$work/d/catalysts.toml"
measure "catalysts.toml is a FIFO (check)" "$aipx" check --data "$work/d"
seed; rm "$work/d/catalysts.toml"; truncate -s 1G "$work/d/catalysts.toml"
measure "1 GiB sparse catalysts.toml (check)" "$aipx" check --data "$work/d"
seed; rm "$work/d/exposures.toml"; truncate -s 1G "$work/d/exposures.toml"
measure "1 GiB sparse exposures.toml (check)" "$aipx" check --data "$work/d"
seed; rm "$work/d/exposures.toml"; truncate -s 300M "$work/d/exposures.toml"
measure "300 MiB of zeros as exposures.toml (check)" "$aipx" check --data "$work/d"
truncate -s 300M "$work/big.txt"
measure "300 MiB article (ingest)" "$aipx" ingest "$work/big.txt"
rm "$work/big.txt"
seed; { echo '[[catalyst]]'; yes 'k = true' | head -n 3000000; } > "$work/d/catalysts.toml"
measure "3M \`k = true\` lines (check)" "$aipx" check --data "$work/d"
for opening in '[' '{a = '; do
  seed; { echo '[[r]]'; printf 'x = '; head -c 60000 /dev/zero | tr '\0' '@' | sed "s/@/$opening/g"; echo; } > "$work/d/catalysts.toml"
  measure "60k nested \`$opening\` (check)" "$aipx" check --data "$work/d"
done
seed; python3 -c "
import sys
one = '[[exposure]]\nentity = \"nobody\"\nprogram = \"genesis-mission\"\nrole = \"sponsor\"\nbasis = \"stated\"\ndirection = \"tailwind\"\nnote = \"n\"\nsources = [\"genesis-japan\"]\n'
sys.stdout.write(one * 20000)" > "$work/d/exposures.toml"
measure "20,000 dangling links (check)" "$aipx" check --data "$work/d"
html_para='<p>Nvidia will invest &#36;2 billion &amp; SoftBank &#165;300 billion.</p>'
measure_stdin "200 MB HTML page (ingest -)" \
  "echo '<html><body>'; yes '$html_para' | head -c 200000000" "$aipx" ingest -
measure_stdin "256 MiB HTML comment that never ends (ingest -)" \
  "printf '<html><body><p>Nvidia</p><!--'; yes 'Rapidus will list in 2027.' | head -c 268000000" "$aipx" ingest -
measure_stdin "100 MB plain-text article (ingest -)" \
  "yes \"\$(cat tests/fixtures/articles/12_markets_wrap.txt)\" | head -c 104857600" "$aipx" ingest -
