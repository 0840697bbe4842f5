#!/usr/bin/env bash
# What the PDF guides cost: the bundled toolkit (the repo root, six
# languages) built with its defaults (PDFs on) and with `pdf: false`,
# alternating in one run (OFF ON OFF ON ...) so a busy machine slows both
# alike; then the six PDFs of one language made one by one with
# `uprkit handout --pdf` (the guide, its three phases, an audience's and
# the facilitator edition), and the size of each language's guide.pdf.
#
# Usage: bash benches/pdf.sh [PAIRS=5] [LANG=en]
#   UPRKIT_BIN=path times that binary instead of target/release/uprkit.
# Copies of the toolkit go to /dev/shm (tmpfs), where the disk does not
# dominate.

set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
PAIRS=${1:-5}
LANG_CODE=${2:-en}
BIN=${UPRKIT_BIN:-target/release/uprkit}
if [[ -z ${UPRKIT_BIN:-} ]]; then cargo build --release --quiet; fi
BIN=$(realpath "$BIN")
WORK=/dev/shm/uprkit-pdf-bench-$$
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK"
for kit in on off; do
    mkdir -p "$WORK/$kit"
    cp -r content uprkit.yaml "$WORK/$kit/"
    for extra in static data workshops po; do [[ -e $extra ]] && cp -r "$extra" "$WORK/$kit/"; done
done
printf '\npdf: false\n' >> "$WORK/off/uprkit.yaml"

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# one KIT: sets WALL_MS and CPU_MS for one build of that copy.
one() {
    local t0 t1
    rm -rf "$WORK/out-$1"
    t0=$EPOCHREALTIME
    /usr/bin/time -f '%U %S' -o "$WORK/time" "$BIN" build -q --root "$WORK/$1" --output "$WORK/out-$1" >/dev/null
    t1=$EPOCHREALTIME
    WALL_MS=$(( (${t1/./} - ${t0/./}) / 1000 ))
    CPU_MS=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$WORK/time")
}
one off; one on  # warm up
woff=() won=() coff=() con=() ratios=()
for ((i = 1; i <= PAIRS; i++)); do
    one off; woff+=("$WALL_MS"); coff+=("$CPU_MS"); a=$WALL_MS
    one on; won+=("$WALL_MS"); con+=("$CPU_MS"); b=$WALL_MS
    ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }')")
    echo "pair $i: pdf off ${a} ms, on ${b} ms"
done
echo "bundled toolkit, pdf: false   median ${woff[*]:+$(median "${woff[@]}")} ms wall, $(median "${coff[@]}") ms CPU"
echo "bundled toolkit, PDFs on      median $(median "${won[@]}") ms wall, $(median "${con[@]}") ms CPU"
echo "median on/off: $(median "${ratios[@]}")"

echo
echo "the six PDFs of $LANG_CODE, one process each (uprkit handout --pdf):"
total=0
for args in "" "--phase preparation" "--phase review" "--phase follow-up" "--audience cso" "--facilitator"; do
    t0=$EPOCHREALTIME
    # shellcheck disable=SC2086
    "$BIN" handout -q --root "$WORK/on" --pdf --lang "$LANG_CODE" $args -o "$WORK/one.pdf" >/dev/null
    t1=$EPOCHREALTIME
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
