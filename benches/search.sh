#!/usr/bin/env bash
# What a keystroke in the search box costs on a big guide, at full speed
# and with the CPU slowed four times (about a cheap phone).
#
# Usage: bash benches/search.sh [RUNS=5]
#
# 1. cargo build --release (or UPRKIT_BIN)
# 2. the peer kit's corpus (GEN, default ../shared/bench/gen_corpus.py):
#    PAGES pages per language (default 1000) in en,fr,es,ar, on tmpfs, built
#    with `handouts: false` (search does not need them)
# 3. the weight of the English and Arabic indexes, raw and gzipped
# 4. benches/search_keystrokes.mjs in Chromium: for each language and CPU
#    rate, RUNS fresh pages: the index loaded, then queries typed a letter
#    at a time; each run's median and worst keystroke, then their medians
set -euo pipefail
export LC_ALL=C

RUNS=${1:-5}
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GEN=${GEN:-$REPO_ROOT/../shared/bench/gen_corpus.py}
PAGES=${PAGES:-1000}
WORK=/dev/shm/uprkit-search
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# shellcheck source=benches/lib.sh
source "$REPO_ROOT/benches/lib.sh"
uprkit_binary
[[ -f $GEN ]] || { echo "error: no corpus generator at $GEN (set GEN)" >&2; exit 2; }

four_languages_corpus "$WORK" "handouts: false"
echo "== building it"
rm -rf "$WORK/out"
"$UPRKIT" build --root "$CORPUS/site" --output "$WORK/out" -q
for lang in en ar; do
    index=$WORK/out/search-index.$lang.js
    echo "search-index.$lang.js: $(($(stat -c %s "$index") / 1024)) KiB, gzipped $(($(gzip -6 -c "$index" | wc -c) / 1024)) KiB"
done
echo "== $RUNS runs of each language and CPU rate in Chromium"
node "$REPO_ROOT/benches/search_keystrokes.mjs" "$WORK/out" "$RUNS"
