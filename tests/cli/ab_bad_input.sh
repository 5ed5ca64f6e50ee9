#!/usr/bin/env bash
# ab_bad_input: every input of benchgate ab fed something broken exits 2 with a message naming
# it, before anything is run or written (--mode=duet where only one CPU is usable too); an output folder holding an earlier A/B run is kept.
command -v taskset >/dev/null || { echo "taskset not installed (util-linux): cannot limit ab to one CPU"; exit 77; }
# shellcheck disable=SC1091 # sourced from the source tree, found at run time
. "$SRC/tests/cli/ab/fake_build.sh"
fake_build "$TMP/base" 1
fake_build "$TMP/head" 1
A=(--base="$TMP/base" --head="$TMP/head")
"$BENCHGATE" ab --head="$TMP/head"; echo "no base: exit $?"
"$BENCHGATE" ab --base="$TMP/nowhere" --head="$TMP/head" --output-dir="$TMP/o1"; echo "not a build: exit $?"
"$BENCHGATE" ab "${A[@]}" --bench='(' --output-dir="$TMP/o2"; echo "bad --bench: exit $?"
"$BENCHGATE" ab "${A[@]}" --budget=soon --output-dir="$TMP/o3"; echo "bad --budget: exit $?"
"$BENCHGATE" ab "${A[@]}" --threshold=-1 --output-dir="$TMP/o4"; echo "bad --threshold: exit $?"
"$BENCHGATE" ab "${A[@]}" --bench='^nosuch$' --output-dir="$TMP/o5"; echo "nothing selected: exit $?"
"$BENCHGATE" ab "${A[@]}" stray --output-dir="$TMP/o6"; echo "stray argument: exit $?"
"$BENCHGATE" ab "${A[@]}" --mode=together --output-dir="$TMP/o7"; echo "bad --mode: exit $?"
taskset -c 0 "$BENCHGATE" ab "${A[@]}" --mode=duet --output-dir="$TMP/o8"; echo "duet on one CPU: exit $?"
for o in o1 o2 o3 o4 o5 o6 o7 o8; do [ -e "$TMP/$o" ] && echo "$o written"; done
"$BENCHGATE" ab "${A[@]}" --seed=3 --output-dir="$TMP/done" >/dev/null; echo "first run: exit $?"
before=$(sha256sum "$TMP/done/ab.json")
"$BENCHGATE" ab "${A[@]}" --seed=3 --output-dir="$TMP/done" >/dev/null; echo "into it again: exit $?"
[ "$before" = "$(sha256sum "$TMP/done/ab.json")" ] && echo "earlier ab.json kept"
exit 0
