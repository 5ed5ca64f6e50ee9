#!/usr/bin/env bash
# run_many_two_runs: bench/run_many.sh runs benchgate start twice with --set overrides, each run
# in its own directory under --out, and summarises them; the same under zsh when installed.
args=(--runs=2 --set repetitions=2 --set=min_time=0.01 --benchgate="$BENCHGATE" --build-dir="$BUILD"
      -- "--filter=^overhead/cpu\$" --max-time=0.05 --baseline=off --history=off --no-ui)
bash "$SRC/bench/run_many.sh" --out="$TMP/many" "${args[@]}" >"$TMP/out.txt" 2>"$TMP/err.txt" || { cat "$TMP/err.txt"; exit 9; }
grep -E '^(benchgate summary|overhead/cpu)' "$TMP/out.txt" | awk '{print $1, $2, $3}'
ls "$TMP/many"
"$PY" -c "import json,sys; print('repetitions:', json.load(open(sys.argv[1]))['run']['config']['repetitions'])" "$TMP/many/run-2/parts/overhead/result.json"
if command -v zsh >/dev/null 2>&1; then
    zsh "$SRC/bench/run_many.sh" --out="$TMP/zsh" "${args[@]}" >/dev/null 2>&1 && [ -f "$TMP/zsh/summary.txt" ] && echo "zsh: ok"
else
    echo "zsh: ok (not installed, not checked)"
fi
bash "$SRC/bench/run_many.sh" --set 'repetitions=five' --benchgate="$BENCHGATE" --build-dir="$BUILD" --out="$TMP/bad" >/dev/null 2>"$TMP/bad.err"
echo "bad value: exit $? $(test -e "$TMP/bad" && echo created || echo 'nothing created')"
bash "$SRC/bench/run_many.sh" --set 'min time=1' --out="$TMP/bad" 2>&1; echo "bad key: exit $?"
# every run skipped (a GPU benchmark without a GPU): said with 77, not 0
if "$BENCHGATE" gpu >/dev/null 2>&1; then
    echo "all skipped: exit 77 (a GPU is here, not checked)"
else
    bash "$SRC/bench/run_many.sh" --runs=2 --benchgate="$BENCHGATE" --build-dir="$BUILD" \
        --out="$TMP/skipped" -- '--bench=^gpu_triad$' --baseline=off --history=off --no-ui >/dev/null 2>&1
    echo "all skipped: exit $?"
fi
