#!/usr/bin/env bash
# write_refuses_links: a symlink or a FIFO planted where a result goes is never written through
# or replaced; the file it points to is untouched
printf 'secret\n' >"$TMP/victim" && chmod 600 "$TMP/victim"
mkdir "$TMP/out" && ln -s "$TMP/victim" "$TMP/out/result.json"
"$BUILD/benches/bench_gatecheck" --no-ui --min-time=0.01 --max-time=0.02 --repetitions=1 \
    --baseline=off --output-dir="$TMP/out" >/dev/null
echo "bench into a planted link: exit $?"
[ -L "$TMP/out/result.json" ] && echo "link still a link"
cat "$TMP/victim"
"$BUILD/benches/bench_gatecheck" --no-ui --min-time=0.01 --max-time=0.02 --repetitions=1 \
    --baseline=off --output-dir="$TMP/good" >/dev/null 2>&1
mkfifo "$TMP/pipe.csv"
timeout 10 "$BENCHGATE" export --format=csv --output="$TMP/pipe.csv" "$TMP/good"
echo "export to a FIFO: exit $?"
ln -s "$TMP/victim" "$TMP/link.csv"
"$BENCHGATE" export --format=csv --output="$TMP/link.csv" "$TMP/good"
echo "export to a link: exit $?"
cat "$TMP/victim"
find "$TMP" -name '*.tmp.*' | wc -l | tr -d ' '
