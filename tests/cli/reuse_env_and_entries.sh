#!/usr/bin/env bash
# reuse_env_and_entries: --reuse reuses only what is the same. The cache key covers the
# environment the bench reads (10x the work through BG_TEST_WORK is measured again, not reused);
# a reused result says "(reused)" on its console line and "reused": true in result.json; a
# cache entry with negated samples is refused with a warning and measured again (exit 0, a
# positive median); under CI=true --reuse is not applied, --reuse=force is
n=0
bench() {
    n=$((n + 1))
    "$BUILD/tests/test_name_bench" --reuse --cache-dir="$TMP/cache" --min-time=0.01 \
        --max-time=0.02 --repetitions=1 --skip-warmup --no-ui --baseline=off \
        --format=json,console --output-dir="$TMP/run$n" "$@" >"$TMP/out$n" 2>"$TMP/err$n"
    echo "run $n: exit $? reused=$("$PY" -c "import json,sys; b=json.load(open(sys.argv[1]))['benchmarks'][0]; print(b['reused'], b['metrics']['time_ns']['median'] > 0)" "$TMP/run$n/result.json")"
}
unset CI
BG_TEST_WORK=1000 bench # 1: measured, stored
BG_TEST_WORK=1000 bench # 2: the same: reused
grep -q '(reused)' "$TMP/out2" && echo "run 2 console: (reused)"
BG_TEST_WORK=10000 bench # 3: 10x the work: measured
grep -q '(reused)' "$TMP/out3" || echo "run 3 console: measured"
# shellcheck disable=SC2012 # the entries are named by their hex key
entry=$(ls -t "$TMP"/cache/*/*.json | head -1) # run 3's, 10x the work
"$PY" -c "
import json,sys
p=sys.argv[1]; d=json.load(open(p))
for s in d['state']['samples']: s[2] = -abs(s[2]) - 1000
json.dump(d, open(p, 'w'))" "$entry" || exit 9
BG_TEST_WORK=10000 bench # 4: the entry is refused, measured again
sed "s|$TMP|TMP|g" "$TMP/err4" | grep 'cache entry' >&2
BG_TEST_WORK=10000 CI=true bench # 5: under CI: not reused
grep 'CI=true' "$TMP/err5" >&2
BG_TEST_WORK=10000 CI=true bench --reuse=force # 6: asked for: reused
