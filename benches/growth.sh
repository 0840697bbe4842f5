#!/usr/bin/env bash
# How build time, peak memory and output size grow with the site, with the
# defaults (handouts and zips on).
#
# Usage: bash benches/growth.sh [RUNS=3]
#
# 1. the peer kit's corpus (GEN, default ../shared/bench/gen_corpus.py,
#    --format uprkit, en/fr/es/ar) at 250, 1,000, 2,500, 4,000 and 10,000 pages per
#    language: about 1,000 / 4,000 / 10,000 / 16,000 / 40,000 pages;
# 2. one section of 10,000 one-line pages (English only), the case where a
#    navigation that listed every page of its section grew with the square
#    of the section;
# each built RUNS times into an empty folder on tmpfs; medians of wall time
# and peak RSS, and the output's size, are printed as a Markdown table.
#
# Environment: SIZES (pages per language, default "250 1000 2500 4000 10000"),
# GEN, UPRKIT_BIN (skip cargo build). Needs about 9 GB free in /dev/shm.

set -euo pipefail
export LC_ALL=C

RUNS=${1:-3}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "usage: bash benches/growth.sh [RUNS=3]" >&2; exit 2; }
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GEN=${GEN:-$REPO_ROOT/../shared/bench/gen_corpus.py}
SIZES=${SIZES:-250 1000 2500 4000 10000}
WORK=/dev/shm/uprkit-growth
TMP=$(mktemp -d)
trap 'rm -rf "$TMP" "$WORK/out"' EXIT
[[ -f $GEN ]] || { echo "error: no corpus generator at $GEN (set GEN)" >&2; exit 2; }

# shellcheck source=benches/lib.sh
source "$REPO_ROOT/benches/lib.sh"
uprkit_binary
[[ -x /usr/bin/time ]] || { echo "error: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }

# measure LABEL SITE: RUNS builds; prints one table row.
measure() {
    local label=$1 site=$2 walls=() rsss=() t0 t1 rc
    for ((i = 1; i <= RUNS; i++)); do
        rm -rf "$WORK/out"
        rc=0
        t0=$EPOCHREALTIME
        /usr/bin/time -v -o "$TMP/time" "$UPRKIT" build --root "$site" --output "$WORK/out" -q 2>"$TMP/err" || rc=$?
        t1=$EPOCHREALTIME
        ((rc == 0)) || { echo "error: build of $site failed:" >&2; cat "$TMP/err" >&2; exit 1; }
        walls+=($(( ${t1/./} - ${t0/./} )))
        rsss+=("$(awk -F': *' '/Maximum resident set size/ {print $2}' "$TMP/time")")
    done
    local pages bytes
    pages=$(find "$WORK/out" -name index.html | wc -l)
    bytes=$(du -sb "$WORK/out" | cut -f1)
    awk -v l="$label" -v p="$pages" -v w="$(median "${walls[@]}")" -v r="$(median "${rsss[@]}")" -v b="$bytes" 'BEGIN {
        printf "| %s | %d | %.2f | %.0f | %.0f | %.1f |\n", l, p, w / 1e6, r / 1024, b / 1e6, b / p / 1e3 }'
}

mkdir -p "$WORK"
echo "uprkit $("$UPRKIT" --version | awk '{print $2}'), $RUNS runs each, $(nproc) CPUs, handouts and zips on"
echo
echo "| corpus | pages | wall (s) | peak RSS (MiB) | output (MB) | output per page (KB) |"
echo "| --- | --- | --- | --- | --- | --- |"
for n in $SIZES; do
    site=$WORK/corpus-$n
    [[ -f $site/uprkit.yaml && ! $GEN -nt $site/uprkit.yaml ]] ||
        python3 "$GEN" --format uprkit --pages "$n" --langs en,fr,es,ar --out "$site" >/dev/null
    measure "$n per language × 4" "$site"
done

# One section of 10,000 one-line pages.
site=$WORK/one-section
if [[ ! -f $site/uprkit.yaml ]]; then
    mkdir -p "$site/content/review"
    printf 'title: "One big section"\nlanguages:\n  en: { name: English }\nphases:\n  - id: review\n' >"$site/uprkit.yaml"
    printf -- '---\ntitle: Home\n---\nHome.\n' >"$site/content/_index.md"
    printf -- '---\ntitle: Review\nphase: review\n---\nThe review.\n' >"$site/content/review/_index.md"
    for ((i = 1; i <= 10000; i++)); do
        printf -- '---\ntitle: "Page %05d"\nweight: %d\n---\nLine %d.\n' "$i" "$i" "$i" >"$site/content/review/page-$(printf %05d "$i").md"
    done
fi
measure "10,000 pages in one section" "$site"
