#!/usr/bin/env bash
# What the PDF guides cost: the bundled toolkit (the repo root, six
# languages) built with `pdf: false`, with its defaults and an empty PDF
# cache (a first build: every PDF typeset), and with its defaults and the
# cache the previous build left (a build after no change to any PDF's
# text), in turn in one run (OFF COLD WARM OFF COLD WARM ...) so a busy
# machine slows all alike; then the six PDFs of one language made one by
# one with `uprkit handout --pdf` (the guide, its three phases, an
# audience's and the facilitator edition), cold, and the size of each
# language's guide.pdf.
#
# Usage: bash benches/pdf.sh [ROUNDS=5] [LANG=en]
#   UPRKIT_BIN=path times that binary instead of target/release/uprkit.
# Copies of the toolkit and the caches go to /dev/shm (tmpfs), where the
# disk does not dominate.

set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
LANG_CODE=${2:-en}
BIN=${UPRKIT_BIN:-target/release/uprkit}
if [[ -z ${UPRKIT_BIN:-} ]]; then cargo build --release --quiet; fi
BIN=$(realpath "$BIN")
WORK=/dev/shm/uprkit-pdf-bench-$$
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK"
for kit in on warm off; do
    mkdir -p "$WORK/$kit"
    cp -r content uprkit.yaml "$WORK/$kit/"
    for extra in static data workshops po; do [[ -e $extra ]] && cp -r "$extra" "$WORK/$kit/"; done
done
printf '\npdf: false\n' >> "$WORK/off/uprkit.yaml"

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# one KIT [CACHE]: sets WALL_MS and CPU_MS for one build of that copy,
# its PDFs kept in CACHE (a new, empty one if none is named).
one() {
    local t0 t1 cache=${2:-$WORK/cache-$RANDOM$RANDOM}
    rm -rf "$WORK/out-$1"
    t0=$EPOCHREALTIME
    UPRKIT_CACHE_DIR=$cache /usr/bin/time -f '%U %S' -o "$WORK/time" "$BIN" build -q --root "$WORK/$1" --output "$WORK/out-$1" >/dev/null
    t1=$EPOCHREALTIME
    WALL_MS=$(( (${t1/./} - ${t0/./}) / 1000 ))
    CPU_MS=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$WORK/time")
    [[ -n ${2:-} ]] || rm -rf "$cache"
}
one off; one on; one warm "$WORK/kept"  # warm up, and fill the kept cache
woff=() won=() wwarm=() coff=() con=() cwarm=()
for ((i = 1; i <= ROUNDS; i++)); do
    one off; woff+=("$WALL_MS"); coff+=("$CPU_MS"); a=$WALL_MS
    one on; won+=("$WALL_MS"); con+=("$CPU_MS"); b=$WALL_MS
    one warm "$WORK/kept"; wwarm+=("$WALL_MS"); cwarm+=("$CPU_MS"); c=$WALL_MS
    echo "round $i: pdf off ${a} ms, on (empty cache) ${b} ms, on (kept PDFs) ${c} ms"
done
cmp -s "$WORK/out-on/handouts/en/guide.pdf" "$WORK/out-warm/handouts/en/guide.pdf" \
    || { echo "error: the kept guide.pdf differs from the one typeset" >&2; exit 1; }
echo "bundled toolkit, pdf: false           median $(median "${woff[@]}") ms wall, $(median "${coff[@]}") ms CPU"
echo "bundled toolkit, PDFs on, empty cache median $(median "${won[@]}") ms wall, $(median "${con[@]}") ms CPU"
echo "bundled toolkit, PDFs on, kept PDFs   median $(median "${wwarm[@]}") ms wall, $(median "${cwarm[@]}") ms CPU"
echo
echo "the six PDFs of $LANG_CODE, one process each (uprkit handout --pdf):"
total=0
for args in "" "--phase preparation" "--phase review" "--phase follow-up" "--audience cso" "--facilitator"; do
    t0=$EPOCHREALTIME
    # shellcheck disable=SC2086
    UPRKIT_CACHE_DIR="$WORK/cache-one" "$BIN" handout -q --root "$WORK/on" --pdf --lang "$LANG_CODE" $args -o "$WORK/one.pdf" >/dev/null
    t1=$EPOCHREALTIME
    rm -rf "$WORK/cache-one"
    ms=$(( (${t1/./} - ${t0/./}) / 1000 ))
    total=$((total + ms))
    printf '  %-22s %5d ms  %4d KiB\n' "${args:-(the whole guide)}" "$ms" $(( $(stat -c %s "$WORK/one.pdf") / 1024 ))
done
echo "  total                  $total ms"
echo
echo "guide.pdf of each language:"
for pdf in "$WORK"/out-on/handouts/*/guide.pdf; do
    printf '  %-4s %5d KiB, %s sheets\n' "$(basename "$(dirname "$pdf")")" $(( $(stat -c %s "$pdf") / 1024 )) \
        "$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')"
done
