#!/usr/bin/env bash
# A/B timing of two uprkit binaries on the same corpus, in one run: builds
# alternate (A B A B ...), so a busy machine slows both alike; prints each
# pair, the median wall time and peak memory of each, and the median of the
# per-pair ratios B/A, and the median CPU time (user + system) of each,
# which a busy machine disturbs less than the wall time.
#
# Usage: bash benches/ab.sh BIN_A BIN_B [PAIRS=5] [SITE=/dev/shm/uprkit-bench/site]
#   The corpus is the one benches/build.sh generates (run it once first).
#   HANDOUTS=1 in the environment of build.sh makes the default build
#   (handouts and zips on); the corpus's uprkit.yaml decides.
#   SITE=. times the bundled toolkit (the repo root), with its defaults.

set -euo pipefail
export LC_ALL=C
A=${1:?usage: bash benches/ab.sh BIN_A BIN_B [PAIRS] [SITE]}
B=${2:?usage: bash benches/ab.sh BIN_A BIN_B [PAIRS] [SITE]}
PAIRS=${3:-5}
SITE=${4:-/dev/shm/uprkit-bench/site}
OUT=/dev/shm/uprkit-ab-$$
TMP=$(mktemp -d)
trap 'rm -rf "$TMP" "$OUT"' EXIT
[[ -f $SITE/uprkit.yaml ]] || { echo "error: no corpus at $SITE: run bash benches/build.sh first" >&2; exit 1; }

# one BIN: sets WALL_US, CPU_MS and RSS_KB for one build of the corpus.
one() {
    local t0 t1
    rm -rf "$OUT"
    t0=$EPOCHREALTIME
    /usr/bin/time -v -o "$TMP/time" "$1" build -q --root "$SITE" --output "$OUT" >/dev/null
    t1=$EPOCHREALTIME
    WALL_US=$(( ${t1/./} - ${t0/./} ))
    RSS_KB=$(awk -F': *' '/Maximum resident set size/ {print $2}' "$TMP/time")
    CPU_MS=$(awk -F': *' '/(User|System) time \(seconds\)/ {s += $2} END {printf "%d", s * 1000}' "$TMP/time")
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

one "$A"; one "$B"  # warm the page cache and the corpus
wa=() wb=() ra=() rb=() ca=() cb=() ratios=()
for ((i = 1; i <= PAIRS; i++)); do
    one "$A"; wa+=("$WALL_US"); ra+=("$RSS_KB"); ca+=("$CPU_MS"); a=$WALL_US
    one "$B"; wb+=("$WALL_US"); rb+=("$RSS_KB"); cb+=("$CPU_MS"); b=$WALL_US
    ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b / a }')
    ratios+=("$ratio")
    awk -v i="$i" -v a="$a" -v b="$b" -v r="$ratio" 'BEGIN { printf "pair %d: A %.3f s, B %.3f s, B/A %s\n", i, a / 1e6, b / 1e6, r }'
done
awk -v a="$(median "${wa[@]}")" -v b="$(median "${wb[@]}")" -v ra="$(median "${ra[@]}")" -v rb="$(median "${rb[@]}")" \
    -v r="$(median "${ratios[@]}")" -v ca="$(median "${ca[@]}")" -v cb="$(median "${cb[@]}")" 'BEGIN {
    printf "A: median %.3f s, CPU %d ms, peak %.1f MiB\nB: median %.3f s, CPU %d ms, peak %.1f MiB\nmedian B/A: %.3f\n", a / 1e6, ca, ra / 1024, b / 1e6, cb, rb / 1024, r }'
