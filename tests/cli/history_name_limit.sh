#!/usr/bin/env bash
# history_name_limit: a filter's time is bounded by the name limit. A history with a planted
# 60,000-byte benchmark name is refused by summary --db (exit 2, naming the file) at once, not
# matched against --filter='(a+)+$' (20 s before); a 1023-byte name is filtered in well under 2 s
"$BENCHGATE" start --build-dir="$BUILD" --bench='^gatecheck$' --no-ui --min-time=0.01 \
    --max-time=0.02 --repetitions=1 --baseline=off --output-dir="$TMP/run" \
    --history="$TMP/h.sqlite" >/dev/null 2>&1 || exit 9
for n in 60000 1023; do
    cp "$TMP/h.sqlite" "$TMP/h$n.sqlite"
    "$PY" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('update benchmarks set name=?', ('a'*int(sys.argv[2])+'!',)); c.commit()" "$TMP/h$n.sqlite" "$n" || exit 9
    start=$(date +%s%N)
    "$BENCHGATE" summary --db="$TMP/h$n.sqlite" --filter='(a+)+$' >/dev/null
    rc=$?
    ms=$((($(date +%s%N) - start) / 1000000))
    echo "name of $n bytes: exit $rc"
    [ "$ms" -lt 2000 ] && echo "name of $n bytes: under 2 s"
    echo "name of $n bytes: $ms ms" >&2
done
