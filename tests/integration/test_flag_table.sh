#!/usr/bin/env bash
# test_flag_table.sh BENCHGATE - walks the command's flag table as `benchgate help --man` prints
# it: every verb's --help lists each of its flags; every flag that takes a value is read the
# same as --name VALUE and as --name=VALUE (a valid value: no complaint about the argument);
# every number flag refuses a value below and above its bounds with exit 2, naming the flag.
# The verbs run in an empty folder with no build tree and no dataset root: each stops at its
# first check, nothing is measured, fetched or written outside that folder.
set -u
benchgate=$1
case $benchgate in /*) ;; *) benchgate=$PWD/$benchgate ;; esac
work=$(mktemp -d "${TMPDIR:-/tmp}/flag_table.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/run"
fail=0 verbs=0 flags=0 spaced=0 bounded=0
# verb<TAB>flag words<TAB>lo<TAB>hi, one line a flag (an alias: verb<TAB>=<TAB>its verb)
"$benchgate" help --man | sed 's/\\-/-/g' | awk -F'\n' '
    /^\.SS "benchgate / {
        n = split(substr($0, 16, length($0) - 16), w, " "); verb = ""
        for (i = 1; i <= n && w[i] ~ /^[a-z][a-z-]*$/; i++) verb = verb (verb == "" ? "" : " ") w[i]
        prev = last; last = verb; flag = ""; next }
    /^The flags of$/ { printf "%s\t=\t%s\t\n", verb, prev; next }
    /^\.B "--/ { flag = substr($0, 5, length($0) - 5); next }
    flag != "" {
        lo = ""; hi = ""
        if (match($0, /\(-?[0-9.]+ to -?[0-9.]+\)/)) {
            split(substr($0, RSTART + 1, RLENGTH - 2), b, " to "); lo = b[1]; hi = b[2] }
        printf "%s\t%s\t%s\t%s\n", verb, flag, lo, hi; flag = "" }' >"$work/table"
[ -s "$work/table" ] || { echo "FAIL: benchgate help --man names no flags"; exit 1; }

# run VERB... ARGS: the verb in the empty folder; stderr and the exit code in $work/err
run() {
    (cd "$work/run" && BENCHGATE_BUILD_DIR="$work/none" BENCH_DATASET_PATH="$work/none" \
        HOME="$work" BENCH_HISTORY="$work/none/h.sqlite" timeout 20 "$benchgate" "$@" \
        >/dev/null 2>"$work/err")
    echo "exit $?" >>"$work/err"
}

# help VERB: its --help, once
last_verb=""
while IFS="$(printf '\t')" read -r verb flag lo hi; do
    # shellcheck disable=SC2086 # a sub-verb is two words: history import
    set -- $verb
    if [ "$verb" != "$last_verb" ]; then
        verbs=$((verbs + 1)) last_verb=$verb
        "$benchgate" "$@" --help >"$work/help" 2>&1 || { echo "FAIL: benchgate $verb --help exits $?"; fail=1; }
    fi
    if [ "$flag" = = ]; then # an alias lists the flags of its verb
        grep -q "^  --" "$work/help" || { echo "FAIL: benchgate $verb --help lists no flags"; fail=1; }
        continue
    fi
    flags=$((flags + 1))
    grep -qF -- "  $flag" "$work/help" || { echo "FAIL: benchgate $verb --help does not list $flag"; fail=1; }
    case $flag in *=*) ;; *) continue ;; esac
    name=${flag%%=*} meta=${flag#*=}
    value=x
    case $meta in [a-z]*) value=${meta%%|*} ;; esac # a choice: its first value
    [ -n "$lo" ] && value=$lo
    run "$@" "$name=$value"
    cp "$work/err" "$work/joined"
    run "$@" "$name" "$value"
    spaced=$((spaced + 1))
    if ! cmp -s "$work/joined" "$work/err"; then
        echo "FAIL: benchgate $verb '$name $value' is not read as '$name=$value':"
        diff "$work/joined" "$work/err" | sed -n '1,6p'
        fail=1
    elif grep -qE -- "$name(=| )[^ ]*('|: )?(needs a value|not one of|not a (whole )?number|unexpected argument|unknown flag)" "$work/err" ||
        grep -qF "'$value': unexpected argument" "$work/err"; then
        echo "FAIL: benchgate $verb $name $value: the value is refused: $(head -n 1 "$work/err")"
        fail=1
    fi
    [ -n "$lo" ] || continue
    for bad in "$(awk -v x="$lo" 'BEGIN { print x - 1 }')" "$(awk -v x="$hi" 'BEGIN { printf "%.0f\n", x + 1 }')"; do
        bounded=$((bounded + 1))
        run "$@" "$name=$bad"
        if ! grep -q '^exit 2$' "$work/err" || ! grep -qF -- "$name='$bad': not a" "$work/err"; then
            echo "FAIL: benchgate $verb $name=$bad (out of $lo to $hi) is not refused with exit 2:"
            sed -n '1,3p' "$work/err"
            fail=1
        fi
    done
done <"$work/table"
[ "$verbs" -gt 25 ] || { echo "FAIL: only $verbs verbs in benchgate help --man"; fail=1; }
[ "$bounded" -gt 20 ] || { echo "FAIL: only $bounded out-of-bounds values tried"; fail=1; }
[ "$fail" = 0 ] && echo "PASS: $verbs verbs, $flags flags in their --help, $spaced read as --name VALUE, $bounded out-of-bounds values refused"
exit "$fail"
