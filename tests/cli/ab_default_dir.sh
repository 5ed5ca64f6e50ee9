#!/usr/bin/env bash
# ab_default_dir: benchgate ab in a fresh project (no results/ folder yet) with no --output-dir
# makes results/ab-<run id>, its parents included, where the run id has the form of benchgate
# start's (UTC date-time and pid, 20261204-215321-27554), not epoch seconds. A parent that is a
# file is refused with exit 2, naming the folder, and nothing is written.
# shellcheck disable=SC1091 # sourced from the source tree, found at run time
. "$SRC/tests/cli/ab/fake_build.sh"
fake_build "$TMP/base" 1
fake_build "$TMP/head" 1
mkdir "$TMP/project"
cd "$TMP/project" || exit 9
"$BENCHGATE" ab --base="$TMP/base" --head="$TMP/head" --seed=7 --mode=alternate --budget=20 >"$TMP/ab.out"
echo "fresh project: exit $?"
for d in results/*; do
    echo "folder: $(echo "$d" | sed -E 's/[0-9]{8}-[0-9]{6}-[0-9]+$/YYYYMMDD-HHMMSS-PID/')"
    [ -f "$d/verdict.json" ] && echo "verdict.json written"
done
# a parent that is a file: exit 2, a clear message, nothing made
mkdir "$TMP/blocked" && cd "$TMP/blocked" && : >results
"$BENCHGATE" ab --base="$TMP/base" --head="$TMP/head" --seed=7 --mode=alternate --budget=20
echo "parent is a file: exit $?"
echo "left in blocked: $(cd "$TMP/blocked" && find . -mindepth 1 | tr "\n" " ")"
