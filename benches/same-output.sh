#!/usr/bin/env bash
# Proves a change left the output alone: builds the bundled toolkit and the
# test fixture with two uprkit binaries and compares every file, byte for
# byte. Used for refactors that must not change behaviour (the architecture
# restructure was checked with it).
#
# Usage: bash benches/same-output.sh BEFORE_BIN [AFTER_BIN]
#   AFTER_BIN defaults to target/release/uprkit (built if missing).
#   CORPUS=1 also builds the benchmark corpus (/dev/shm/uprkit-bench/site,
#   made by benches/build.sh) with both.
#
# Prints the files that differ and exits 1 if any do. A zip whose bytes
# differ is then compared by what it holds (the names in order, each file's
# bytes): "same contents" means another compression of the same files.

set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BEFORE=${1:?usage: bash benches/same-output.sh BEFORE_BIN [AFTER_BIN]}
AFTER=${2:-$REPO_ROOT/target/release/uprkit}
if [[ ! -x $AFTER ]]; then
    (cd "$REPO_ROOT" && cargo build --release)
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

sites=("bundled:$REPO_ROOT" "fixture:$REPO_ROOT/tests/fixtures/basic")
if [[ ${CORPUS:-0} == 1 ]]; then
    sites+=("corpus:/dev/shm/uprkit-bench/site")
fi

status=0
for entry in "${sites[@]}"; do
    name=${entry%%:*}
    root=${entry#*:}
    for which in before after; do
        bin=$BEFORE
        [[ $which == after ]] && bin=$AFTER
        "$bin" build -q --root "$root" --output "$TMP/$name-$which"
        (cd "$TMP/$name-$which" && find . -type f | LC_ALL=C sort | xargs -d '\n' sha256sum) >"$TMP/$name-$which.sums"
    done
    files=$(wc -l <"$TMP/$name-after.sums")
    if diff -u "$TMP/$name-before.sums" "$TMP/$name-after.sums" >"$TMP/$name.diff"; then
        echo "$name: $files files, byte-identical"
    elif python3 - "$TMP/$name-before" "$TMP/$name-after" <<'PY'
import hashlib, pathlib, sys, zipfile
before, after = map(pathlib.Path, sys.argv[1:])
def listing(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
def contents(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, hashlib.sha256(z.read(i)).hexdigest()) for i in z.infolist()]
if listing(before) != listing(after):
    sys.exit(1)
zips = 0
for rel in listing(before):
    a, b = (before / rel).read_bytes(), (after / rel).read_bytes()
    if a == b:
        continue
    if not rel.endswith(".zip") or contents(before / rel) != contents(after / rel):
        sys.exit(1)
    zips += 1
print(zips, end="")
PY
    then
        echo "$name: $files files, identical except zips' bytes (their contents identical)"
    else
        echo "$name: DIFFERENT"
        grep '^[-+]\S' "$TMP/$name.diff" | grep -v '^[-+][-+]' | head -40
        status=1
    fi
done
exit $status
