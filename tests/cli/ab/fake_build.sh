# fake_build.sh - sourced by the ab_* cases: a real result to start from, and fake_build DIR
# SCALE [NAME=VALUE...], a build tree whose one bench is tests/cli/ab/fake_bench.py.
# shellcheck shell=bash
"$BUILD/benches/bench_overhead" --repetitions=1 --min-time=0.01 --max-time=0.02 --baseline=off --no-ui --history=off --output-dir="$TMP/tpl" >/dev/null 2>&1 || exit 9
fake_build() { # DIR SCALE [NAME=VALUE...]: a build tree whose one bench is the stand-in
    local dir=$1 scale=$2
    shift 2
    mkdir -p "$dir/benchgate/manifest.d"
    {
        echo '#!/bin/sh'
        for kv in "$@"; do echo "export $kv"; done
        echo "FAKE_SCALE=$scale FAKE_TEMPLATE='$TMP/tpl/result.json' FAKE_COUNTER='$TMP/counter' exec '$PY' '$SRC/tests/cli/ab/fake_bench.py' \"\$@\""
    } >"$dir/bench_fake"
    chmod +x "$dir/bench_fake"
    printf 'fake\t%s\tbench,cpu\t\n' "$dir/bench_fake" >"$dir/benchgate/manifest.d/fake.tsv"
}
