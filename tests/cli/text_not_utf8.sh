#!/usr/bin/env bash
# text_not_utf8: every string benchgate takes in ends up in UTF-8 files, so an argument, an
# environment setting or a bench.yaml value that is not UTF-8 text (a stray byte, a control
# character, an escape sequence) is refused by name, exit 2, before anything is written, and the
# message shows the bad bytes as \xNN (no raw byte reaches the terminal).
"$BUILD/benches/bench_overhead" --output-dir="$TMP/caf$(printf '\351')" --no-ui >/dev/null
echo "bench, a path: exit $?"
"$BUILD/benches/bench_overhead" --filter="$(printf 'over\033[31mhead')" --output-dir="$TMP/r2" >/dev/null
echo "bench, an escape: exit $?"
BENCH_OUTPUT_DIR="$TMP/$(printf 'r\377')" "$BUILD/benches/bench_overhead" --no-ui >/dev/null
echo "bench, the environment: exit $?"
printf 'version: 1\nrun:\n  filter: "over\\x1bhead"\n' >"$TMP/bench.yaml"
"$BUILD/benches/bench_overhead" --config="$TMP/bench.yaml" --output-dir="$TMP/r4" >/dev/null
echo "bench, bench.yaml: exit $?"
"$BENCHGATE" compare "$TMP/$(printf 'a\351')" "$TMP/b" >/dev/null
echo "benchgate, an argument: exit $?"
for d in r2 r4; do [ -e "$TMP/$d" ] && echo "$d written"; done
n=0
for p in "$TMP"/caf*; do [ -e "$p" ] && n=$((n + 1)); done
echo "paths written: $n"
exit 0
