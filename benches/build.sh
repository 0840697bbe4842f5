#!/usr/bin/env bash
# Build-time benchmark for uprkit.
#
# Usage: bash benches/build.sh [RUNS=5]
#
# 1. cargo build --release
# 2. generate the benchmark corpus into /dev/shm/uprkit-bench/site with
#    benches/gen_corpus.py (cached; regenerated when the generator version or
#    corpus size changes, or when gen_corpus.py is newer than the cache stamp)
# 3. run `uprkit build` on the corpus RUNS times under /usr/bin/time -v and
#    report per-run wall time and peak RSS, then medians, output pages and
#    pages/second
# 4. as an in-run baseline, build the bundled toolkit (the repo root) RUNS
#    times and report its median in milliseconds
#
# Environment overrides (optional):
#   PAGES_PER_LANGUAGE  corpus size per language (default 1000)
#   LANGUAGES           corpus languages, first is the default (default en,fr,es,ar)
#   HANDOUTS            1 to also build the offline handouts (default 0)
#   UPRKIT_BIN          use this binary instead of building target/release/uprkit
#                       (skips cargo; meant for testing this script)
#
# Exits non-zero, printing the build's stderr, if any build fails.

set -euo pipefail
export LC_ALL=C  # '.' decimal separator in $EPOCHREALTIME, printf and awk

RUNS=${1:-5}
if ! [[ $RUNS =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: bash benches/build.sh [RUNS=5]   (RUNS must be a positive integer)" >&2
    exit 2
fi

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GEN="$REPO_ROOT/benches/gen_corpus.py"
PAGES_PER_LANGUAGE=${PAGES_PER_LANGUAGE:-1000}
LANGUAGES=${LANGUAGES:-en,fr,es,ar}
HANDOUTS=${HANDOUTS:-0}   # 1: also build the handouts (off for the build targets)

BENCH_DIR=/dev/shm/uprkit-bench
SITE="$BENCH_DIR/site"          # generated corpus (kept between invocations)
STAMP="$BENCH_DIR/site.stamp"   # records which generator/arguments made $SITE
PUBLIC="$BENCH_DIR/public"      # corpus output (left in place for inspection)
BUNDLED="$BENCH_DIR/bundled"    # bundled-toolkit output

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# ---------------------------------------------------------------------------
# 1. Release binary
# ---------------------------------------------------------------------------
if [[ -n ${UPRKIT_BIN:-} ]]; then
    UPRKIT=$UPRKIT_BIN
    echo "== using UPRKIT_BIN=$UPRKIT (cargo build skipped)"
else
    echo "== cargo build --release"
    (cd "$REPO_ROOT" && cargo build --release)
    UPRKIT="${CARGO_TARGET_DIR:-$REPO_ROOT/target}/release/uprkit"
fi
[[ -x $UPRKIT ]] || { echo "error: $UPRKIT is not an executable" >&2; exit 1; }

# ---------------------------------------------------------------------------
# 2. Corpus (regenerated only when needed)
# ---------------------------------------------------------------------------
want_stamp="$(python3 "$GEN" --version) pages-per-language=$PAGES_PER_LANGUAGE languages=$LANGUAGES handouts=$HANDOUTS"
if [[ ! -f $STAMP || ! -f $SITE/uprkit.yaml || $GEN -nt $STAMP || "$(<"$STAMP")" != "$want_stamp" ]]; then
    echo "== generating corpus in $SITE"
    mkdir -p "$BENCH_DIR"
    rm -rf "$SITE" "$STAMP"
    handout_flag=()
    [[ $HANDOUTS == 1 ]] && handout_flag=(--handouts)
    python3 "$GEN" "$SITE" --pages-per-language "$PAGES_PER_LANGUAGE" --languages "$LANGUAGES" "${handout_flag[@]}"
    echo "$want_stamp" >"$STAMP"  # written last: a failed generation leaves no stamp
else
    echo "== reusing corpus in $SITE ($want_stamp)"
fi
src_files=$(find "$SITE/content" -type f -name '*.md' | wc -l)
src_size=$(du -sh --apparent-size "$SITE/content" | cut -f1)
echo "   $src_files markdown files, $src_size; $(nproc) CPUs"

# ---------------------------------------------------------------------------
# 3. GNU time (the bash builtin `time` has no peak-RSS figure)
# ---------------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
    echo "== installing the 'time' package"
    sudo=""; [[ $(id -u) -ne 0 ]] && sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    # Try without refreshing the package lists first; update only if that fails.
    if ! $sudo apt-get install -y -qq time >/dev/null; then
        $sudo apt-get update -qq
        $sudo apt-get install -y -qq time >/dev/null
    fi
fi

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

# run_build ROOT OUTPUT: one timed `uprkit build` into a fresh OUTPUT dir.
# Sets WALL_US (wall time, microseconds) and RSS_KB (peak resident set, KiB).
# Wall time is taken from bash's $EPOCHREALTIME (microsecond resolution; GNU
# time only reports centiseconds); peak RSS comes from `time -v`.
run_build() {
    local root=$1 out=$2 rc=0 t0 t1
    rm -rf "$out"
    t0=$EPOCHREALTIME
    /usr/bin/time -v -o "$TMP/time" \
        "$UPRKIT" build --root "$root" --output "$out" -q \
        >"$TMP/stdout" 2>"$TMP/stderr" || rc=$?
    t1=$EPOCHREALTIME
    if ((rc != 0)); then
        echo "error: '$UPRKIT build --root $root --output $out -q' failed (exit status $rc); stderr:" >&2
        cat "$TMP/stderr" >&2
        exit 1
    fi
    WALL_US=$(( ${t1/./} - ${t0/./} ))  # "sec.usec" -> integer microseconds
    RSS_KB=$(awk -F': *' '/Maximum resident set size/ {print $2}' "$TMP/time")
    [[ $RSS_KB =~ ^[0-9]+$ ]] || { echo "error: no peak RSS in /usr/bin/time output:" >&2; cat "$TMP/time" >&2; exit 1; }
}

# median N...: median of integers (mean of the two middle values if even).
median() {
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 }
        END { if (NR % 2) printf "%.0f\n", v[(NR + 1) / 2]
              else        printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

count_pages() { find "$1" -type f -name index.html | wc -l; }

# ---------------------------------------------------------------------------
# 4. Corpus builds
# ---------------------------------------------------------------------------
echo "== corpus: $RUNS x uprkit build --root $SITE --output $PUBLIC -q"
walls=() rsss=() pages=""
for ((i = 1; i <= RUNS; i++)); do
    run_build "$SITE" "$PUBLIC"
    walls+=("$WALL_US") rsss+=("$RSS_KB")
    n=$(count_pages "$PUBLIC")
    if [[ -n $pages && $n != "$pages" ]]; then
        echo "warning: run $i wrote $n pages, earlier runs wrote $pages" >&2
    fi
    pages=$n
    awk -v i="$i" -v r="$RUNS" -v us="$WALL_US" -v kb="$RSS_KB" 'BEGIN {
        printf "run %d/%d: wall %.3f s, peak RSS %.1f MiB (%d KiB)\n", i, r, us / 1e6, kb / 1024, kb }'
done

if ((pages == 0)); then
    echo "error: the build succeeded but wrote no index.html files under $PUBLIC" >&2
    exit 1
fi

med_wall=$(median "${walls[@]}")
med_rss=$(median "${rsss[@]}")

# ---------------------------------------------------------------------------
# 5. Baseline: the bundled toolkit
# ---------------------------------------------------------------------------
echo "== baseline: $RUNS x uprkit build --root $REPO_ROOT --output $BUNDLED -q"
bwalls=()
for ((i = 1; i <= RUNS; i++)); do
    run_build "$REPO_ROOT" "$BUNDLED"
    bwalls+=("$WALL_US")
    awk -v i="$i" -v r="$RUNS" -v us="$WALL_US" 'BEGIN { printf "run %d/%d: wall %.1f ms\n", i, r, us / 1e3 }'
done
med_bundled=$(median "${bwalls[@]}")

# ---------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------
echo "== summary ($RUNS runs, medians)"
awk -v us="$med_wall" -v kb="$med_rss" -v p="$pages" -v b="$med_bundled" 'BEGIN {
    printf "corpus median wall:      %.3f s\n", us / 1e6
    printf "corpus output pages:     %d (index.html files)\n", p
    printf "corpus pages/second:     %.0f\n", p / (us / 1e6)
    printf "corpus median peak RSS:  %.1f MiB\n", kb / 1024
    printf "bundled median wall:     %.1f ms\n", b / 1e3
}'
