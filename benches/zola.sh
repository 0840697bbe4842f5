#!/usr/bin/env bash
# uprkit against Zola on the same corpus, in one run.
#
# Usage: ZOLA=/path/to/zola bash benches/zola.sh [PAIRS=5]
#
# 1. cargo build --release (or UPRKIT_BIN)
# 2. generate the shared corpus in both formats on tmpfs with the peer kit's
#    generator (GEN, default ../shared/bench/gen_corpus.py), or use CORPUS=DIR
#    holding DIR/uprkit and DIR/zola made by that generator
# 3. run the two builds in alternation, uprkit then Zola, PAIRS times, each
#    into an empty output folder, under /usr/bin/time -v
# 4. print each pair, the medians, and the median of the per-pair ratios
#    (uprkit time / Zola time), plus both peak memories
#
# uprkit runs with its defaults (handouts and zips on). NOHANDOUTS=1 adds
# `handouts: false` to a copy of the uprkit corpus's configuration, to measure
# the site alone.
#
# Environment:
#   ZOLA          the Zola binary (required). The peer kit ships Zola 0.22.1:
#                 xz -dc ../shared/bench/zola-0.22.1-linux-x86_64.xz > /dev/shm/zola
#                 chmod +x /dev/shm/zola
#   GEN           the corpus generator (default: ../shared/bench/gen_corpus.py)
#   PAGES         pages per language (default 1000)
#   LANGS         languages, first is the default (default en,fr,es,ar)
#   CORPUS        an existing folder with uprkit/ and zola/ corpora (skips GEN)
#   NOHANDOUTS    1: build uprkit with handouts: false
#   UPRKIT_BIN    use this uprkit binary instead of building one

set -euo pipefail
export LC_ALL=C

PAIRS=${1:-5}
if ! [[ $PAIRS =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: ZOLA=/path/to/zola bash benches/zola.sh [PAIRS=5]   (PAIRS must be a positive integer)" >&2
    exit 2
fi
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ -z ${ZOLA:-} ]]; then
    cat >&2 <<EOF
error: set ZOLA to a Zola binary, for example the one in the peer kit:
    xz -dc $REPO_ROOT/../shared/bench/zola-0.22.1-linux-x86_64.xz > /dev/shm/zola && chmod +x /dev/shm/zola
    ZOLA=/dev/shm/zola bash benches/zola.sh
EOF
    exit 2
fi
[[ -x $ZOLA ]] || { echo "error: ZOLA=$ZOLA is not an executable file" >&2; exit 2; }

GEN=${GEN:-$REPO_ROOT/../shared/bench/gen_corpus.py}
PAGES=${PAGES:-1000}
LANGS=${LANGS:-en,fr,es,ar}
NOHANDOUTS=${NOHANDOUTS:-0}
WORK=/dev/shm/uprkit-peer
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# shellcheck source=benches/lib.sh
source "$REPO_ROOT/benches/lib.sh"
uprkit_binary

if [[ -n ${CORPUS:-} ]]; then
    for d in uprkit zola; do
        [[ -d $CORPUS/$d ]] || { echo "error: CORPUS=$CORPUS has no $d/ folder (make both with gen_corpus.py --format $d)" >&2; exit 2; }
    done
else
    [[ -f $GEN ]] || { echo "error: no corpus generator at $GEN (set GEN, or CORPUS to a folder with uprkit/ and zola/)" >&2; exit 2; }
    CORPUS=$WORK/corpus-$PAGES-${LANGS//,/-}
    if [[ ! -f $CORPUS/done || $GEN -nt $CORPUS/done ]]; then
        echo "== generating $PAGES pages per language ($LANGS) in $CORPUS"
        rm -rf "$CORPUS"
        mkdir -p "$CORPUS"
        for fmt in uprkit zola; do
            python3 "$GEN" --format "$fmt" --pages "$PAGES" --langs "$LANGS" --out "$CORPUS/$fmt" >/dev/null
        done
        touch "$CORPUS/done"
    fi
fi

SITE=$CORPUS/uprkit
if [[ $NOHANDOUTS == 1 ]]; then
    # A copy of the configuration, content linked: the corpus itself stays as generated.
    SITE=$WORK/uprkit-nohandouts
    rm -rf "$SITE"
    mkdir -p "$SITE"
    ln -s "$CORPUS/uprkit/content" "$SITE/content"
    { cat "$CORPUS/uprkit/uprkit.yaml"; echo "handouts: false"; } >"$SITE/uprkit.yaml"
fi

need_time

UOUT=$WORK/out-uprkit
ZOUT=$CORPUS/zola/public
echo "== $PAIRS pairs: uprkit $("$UPRKIT" --version | awk '{print $2}') (handouts $([[ $NOHANDOUTS == 1 ]] && echo off || echo on)), $("$ZOLA" --version)"
uw=() zw=() ur=() zr=() ratios=()
for ((i = 1; i <= PAIRS; i++)); do
    rm -rf "$UOUT"
    timed uprkit "$UPRKIT" build --root "$SITE" --output "$UOUT" -q
    uw+=("$WALL_US") ur+=("$RSS_KB")
    rm -rf "$ZOUT"
    timed zola "$ZOLA" --root "$CORPUS/zola" build --force
    zw+=("$WALL_US") zr+=("$RSS_KB")
    ratio=$(awk -v u="${uw[-1]}" -v z="${zw[-1]}" 'BEGIN { printf "%.3f", u / z }')
    ratios+=("$ratio")
    awk -v i="$i" -v n="$PAIRS" -v u="${uw[-1]}" -v z="${zw[-1]}" -v ur="${ur[-1]}" -v zr="${zr[-1]}" -v r="$ratio" 'BEGIN {
        printf "pair %d/%d: uprkit %.3f s (%.0f MiB), zola %.3f s (%.0f MiB), ratio %s\n", i, n, u / 1e6, ur / 1024, z / 1e6, zr / 1024, r }'
done

upages=$(find "$UOUT" -name index.html | wc -l)
zpages=$(find "$ZOUT" -name index.html | wc -l)
ubytes=$(du -sb "$UOUT" | cut -f1)
zbytes=$(du -sb "$ZOUT" | cut -f1)
echo "== summary ($PAIRS pairs, medians)"
awk -v uw="$(median "${uw[@]}")" -v zw="$(median "${zw[@]}")" -v ur="$(median "${ur[@]}")" -v zr="$(median "${zr[@]}")" \
    -v r="$(median "${ratios[@]}")" -v up="$upages" -v zp="$zpages" -v ub="$ubytes" -v zb="$zbytes" 'BEGIN {
    printf "uprkit: %.3f s, peak %.0f MiB, %d pages, %.0f MB output\n", uw / 1e6, ur / 1024, up, ub / 1e6
    printf "zola:   %.3f s, peak %.0f MiB, %d pages, %.0f MB output\n", zw / 1e6, zr / 1024, zp, zb / 1e6
    printf "ratio uprkit/zola (median of per-pair ratios): %.2f\n", r
}'
