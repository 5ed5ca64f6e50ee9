#!/usr/bin/env bash
# bench_name_limit: a benchmark name is at most 1024 bytes of valid UTF-8 without control
# characters; a family named longer, with a tab or with a byte that is not UTF-8 is refused
# before anything runs (exit 2 each), and no run folder is written
bench=$BUILD/tests/test_name_bench
long=$(printf 'x%.0s' $(seq 1 1100))
for name in "$long" "$(printf 'a\tb')" "$(printf 'caf\377')"; do
    BG_TEST_FAMILY="$name" "$bench" --output-dir="$TMP/run" --no-ui --min-time=0.01 \
        --max-time=0.02 --repetitions=1 --baseline=off >/dev/null 2>"$TMP/err"
    echo "exit $?"
    sed 's/xxxxx*/x.../' "$TMP/err" | cut -c1-120 >&2
done
[ -e "$TMP/run" ] && echo "run folder written"
BG_TEST_FAMILY=fine "$bench" --output-dir="$TMP/ok" --no-ui --min-time=0.01 --max-time=0.02 \
    --repetitions=1 --baseline=off >/dev/null 2>&1
echo "a good name: exit $?"
