# What the benchmark scripts share (zola.sh, growth.sh, recommendations.sh, search.sh).
# Source it once REPO_ROOT and TMP (a scratch folder) are set.

# uprkit_binary: sets UPRKIT to $UPRKIT_BIN, or builds the release binary.
uprkit_binary() {
    if [[ -n ${UPRKIT_BIN:-} ]]; then
        UPRKIT=$UPRKIT_BIN
    else
        echo "== cargo build --release"
        (cd "$REPO_ROOT" && cargo build --release -q)
        UPRKIT="${CARGO_TARGET_DIR:-$REPO_ROOT/target}/release/uprkit"
    fi
}

# need_time: installs Debian's `time` package if /usr/bin/time is missing.
need_time() {
    if [[ ! -x /usr/bin/time ]]; then
        echo "== installing the 'time' package"
        local sudo=""
        [[ $(id -u) -ne 0 ]] && sudo=sudo
        $sudo apt-get install -y -qq time >/dev/null 2>&1 || { $sudo apt-get update -qq && $sudo apt-get install -y -qq time >/dev/null; }
    fi
}

# timed NAME COMMAND...: sets WALL_US and RSS_KB; prints stderr and exits on failure.
timed() {
    local name=$1 rc=0 t0 t1
    shift
    t0=$EPOCHREALTIME
    /usr/bin/time -v -o "$TMP/time" "$@" >"$TMP/out" 2>"$TMP/err" || rc=$?
    t1=$EPOCHREALTIME
    if ((rc != 0)); then
        echo "error: $name failed (exit status $rc): $*" >&2
        cat "$TMP/err" >&2
        exit 1
    fi
    WALL_US=$(( ${t1/./} - ${t0/./} ))
    RSS_KB=$(awk -F': *' '/Maximum resident set size/ {print $2}' "$TMP/time")
}

# median NUMBER...: the middle one (the mean of the two middle ones).
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
        END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# four_languages_corpus DIR [LINE]: sets CORPUS to DIR/corpus-$PAGES, the
# peer kit's corpus of $PAGES pages per language (en, fr, es, ar) made by
# $GEN, made again only when the generator is newer; LINE, if given, is
# added to its uprkit.yaml (`handouts: false`).
four_languages_corpus() {
    CORPUS=$1/corpus-$PAGES
    if [[ ! -f $CORPUS/done || $GEN -nt $CORPUS/done ]]; then
        echo "== generating $PAGES pages per language (en,fr,es,ar) in $CORPUS"
        rm -rf "$CORPUS" && mkdir -p "$CORPUS"
        python3 "$GEN" --format uprkit --pages "$PAGES" --langs en,fr,es,ar --out "$CORPUS/site" >/dev/null
        if [[ -n ${2:-} ]]; then echo "$2" >>"$CORPUS/site/uprkit.yaml"; fi
        touch "$CORPUS/done"
    fi
}
