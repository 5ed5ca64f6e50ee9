#!/usr/bin/env bash
# oom_ulimit: with a limited address space, a failed allocation is an error metric and a logged
# message, not a crash; the other instance is measured (exit 3)
(
    ulimit -v 400000
    exec "$BUILD/benches/bench_triad" --no-ui --baseline=off --axis=n=1024,16M --repetitions=1 --min-time=0.01 --max-time=0.02 --output-dir="$TMP/o"
)
rc=$?
"$PY" -c 'import json,sys; print(*["%s %s" % (b["name"], b["status"]) for b in json.load(open(sys.argv[1]))["benchmarks"]], sep="\n")' "$TMP/o/result.json"
grep -c "out of memory: asked" "$TMP/o/run.log"
exit $rc
