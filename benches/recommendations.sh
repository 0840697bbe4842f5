#!/usr/bin/env bash
# What 10,000 recommendations in 4 languages add to a build, weigh in a
# reader's browser, and cost per filter.
#
# Usage: bash benches/recommendations.sh [RUNS=5]
#
# 1. cargo build --release (or UPRKIT_BIN)
# 2. the peer kit's corpus (GEN, default ../shared/bench/gen_corpus.py):
#    PAGES pages per language in en,fr,es,ar, on tmpfs; and
#    benches/gen_recommendations.py: ROWS recommendations (default 10000)
#    with their text in fr, es and ar, in a copy of it (content linked)
# 3. builds the corpus without and with the data, alternately, RUNS times,
#    with the defaults (handouts and zips on), under /usr/bin/time -v; prints
#    the medians, the time and memory the data adds, and their ratios
# 4. the weight of the English matrix page and of its data script, raw and
#    gzipped, and of the theme pages
# 5. benches/recommendations_filter.mjs in Chromium: the first filter (which
#    loads the data script), each keystroke of a word, and a few choices
set -euo pipefail
export LC_ALL=C

RUNS=${1:-5}
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GEN=${GEN:-$REPO_ROOT/../shared/bench/gen_corpus.py}
PAGES=${PAGES:-1000}
ROWS=${ROWS:-10000}
WORK=/dev/shm/uprkit-recs
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# shellcheck source=benches/lib.sh
source "$REPO_ROOT/benches/lib.sh"
uprkit_binary
[[ -f $GEN ]] || { echo "error: no corpus generator at $GEN (set GEN)" >&2; exit 2; }

four_languages_corpus "$WORK"
WITH=$WORK/with-$ROWS
rm -rf "$WITH" && mkdir -p "$WITH"
ln -s "$CORPUS/site/content" "$WITH/content"
cp "$CORPUS/site/uprkit.yaml" "$WITH/uprkit.yaml"
python3 "$REPO_ROOT/benches/gen_recommendations.py" --rows "$ROWS" --langs en,fr,es,ar --out "$WITH/data"
echo "== data: $(du -sh "$WITH/data" | cut -f1) in $(ls "$WITH/data" | wc -l) files"

need_time

echo "== $RUNS runs each, alternating: without, then with $ROWS recommendations (handouts and zips on)"
bw=() br=() ww=() wr=()
for ((i = 1; i <= RUNS; i++)); do
    rm -rf "$WORK/out-base" && timed "the build without" "$UPRKIT" build --root "$CORPUS/site" --output "$WORK/out-base" -q
    bw+=("$WALL_US") br+=("$RSS_KB")
    rm -rf "$WORK/out-with" && timed "the build with" "$UPRKIT" build --root "$WITH" --output "$WORK/out-with" -q
    ww+=("$WALL_US") wr+=("$RSS_KB")
    awk -v i="$i" -v b="${bw[-1]}" -v w="${ww[-1]}" 'BEGIN { printf "run %d: without %.3f s, with %.3f s\n", i, b / 1e6, w / 1e6 }'
done
mb=$(median "${bw[@]}") mw=$(median "${ww[@]}") rb=$(median "${br[@]}") rw=$(median "${wr[@]}")
awk -v b="$mb" -v w="$mw" -v rb="$rb" -v rw="$rw" 'BEGIN {
    printf "median: without %.3f s (%.0f MiB), with %.3f s (%.0f MiB): +%.3f s (x%.2f), +%.0f MiB\n",
        b / 1e6, rb / 1024, w / 1e6, rw / 1024, (w - b) / 1e6, w / b, (rw - rb) / 1024 }'

OUT=$WORK/out-with
weigh() { printf "%-44s %8.0f KiB raw, %6.0f KiB gzipped\n" "$1" "$(($(stat -c %s "$2")))e-3" "$(($(gzip -c "$2" | wc -c)))e-3"; }
echo "== weights (English)"
weigh "matrix page (recommendations/index.html)" "$OUT/recommendations/index.html"
weigh "data script (loaded on first filter)" "$OUT/_uprkit/recommendations.en.js"
weigh "CSV download" "$OUT/recommendations/recommendations.csv"
theme=$(ls -d "$OUT"/recommendations/*/ | head -1)
weigh "a theme page ($(basename "$theme"))" "$theme/index.html"
weigh "guide handout (with the matrix)" "$OUT/handouts/en/guide.html"

echo "== filtering in Chromium (file://)"
node "$REPO_ROOT/benches/recommendations_filter.mjs" "$OUT"
