#!/usr/bin/env bash
# stdout_write_errors: a standard output that cannot be written (a full disk, a closed
# descriptor) is exit 2 with a message for every verb, never exit 0 with the output lost; and
# export --output=- is standard output, not a file named "-"
R="$SRC/fixtures/results/small"
mkdir "$TMP/run" && cp "$R/result.json" "$TMP/run/"
"$BENCHGATE" history --db="$TMP/h.sqlite" --record="$TMP/run" >/dev/null || exit 9
"$BENCHGATE" history --db="$TMP/h.sqlite" >/dev/full; echo "history to a full disk: exit $?"
"$BENCHGATE" history --db="$TMP/h.sqlite" --format=json >/dev/full; echo "history json: exit $?"
"$BENCHGATE" list --build-dir="$BUILD" >/dev/full; echo "list: exit $?"
"$BENCHGATE" summary "$TMP/run" >/dev/full; echo "summary: exit $?"
"$BENCHGATE" summary --db="$TMP/h.sqlite" >/dev/full; echo "summary --db: exit $?"
"$BENCHGATE" export --format=csv --output=- "$TMP/run" >/dev/full; echo "export --output=-: exit $?"
"$BENCHGATE" --version >/dev/full; echo "--version: exit $?"
"$BENCHGATE" history --help >/dev/full; echo "history --help: exit $?"
"$BENCHGATE" history --db="$TMP/h.sqlite" >&-; echo "history to a closed stdout: exit $?"
cd "$TMP" || exit 9
"$BENCHGATE" export --format=csv --output=- "$TMP/run" >"$TMP/out.csv"; echo "export --output=-: exit $?"
[ -e "$TMP/-" ] || echo "no file named - was written"
cmp -s "$TMP/out.csv" <("$BENCHGATE" export --format=csv "$TMP/run") && echo "--output=- is stdout"
"$BENCHGATE" export --format=csv --output=./- "$TMP/run" && [ -s "$TMP/-" ] && echo "./- is a file"
