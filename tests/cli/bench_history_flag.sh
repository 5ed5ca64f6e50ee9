#!/usr/bin/env bash
# bench_history_flag: --history is benchgate start's (it records the run); a bench executable
# refuses a history file rather than ignore it, takes --history=off (what it does anyway), and
# skips BENCH_HISTORY without a warning
BENCH_HISTORY=h.sqlite "$BUILD/benches/bench_triad" --history=off --list >/dev/null 2>"$TMP/env.err" ||
    exit 9
if [ -s "$TMP/env.err" ]; then
    echo "BENCH_HISTORY was warned about: $(cat "$TMP/env.err")" >&2
    exit 9
fi
"$BUILD/benches/bench_triad" --history=h.sqlite --list
