#!/usr/bin/env bash
# test_promtool.sh BENCHGATE BUILD_DIR - what `benchgate start` and `benchgate push` send to a
# Pushgateway is accepted by Prometheus's own checker: `benchgate push RUN --print` (the body
# of the PUT, from bg_telemetry_text) passes `promtool check metrics` with no lint problem, for
# a run with a plugin's metric, an exit code of 1, and labels that need escaping (a quote, a
# backslash, UTF-8). A broken copy of the text is refused by promtool (so it really checks).
# Exit: 0 pass, 1 fail, 77 skipped (no promtool: Debian's prometheus package).
set -u
benchgate=$1 build=$2
promtool=${BG_PROMTOOL:-$(command -v promtool)}
if [ -z "$promtool" ] || [ ! -x "$promtool" ]; then
    echo "skip: promtool not found (Debian package prometheus)"
    exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-promtool.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() {
    echo "FAIL: $*"
    exit 1
}

"$benchgate" start --build-dir="$build" --filter='^(overhead/cpu|triad/cpu/n=1024)$' --min-time=0.01 \
    --max-time=0.02 --repetitions=2 --baseline=off --history=off --output-dir="$tmp/run" --no-ui \
    --plugin="$build/plugins/libbg_tail_ratio.so" >"$tmp/start.log" 2>&1 ||
    { cat "$tmp/start.log"; fail "benchgate start exited $?"; }
"$benchgate" push "$tmp/run" --print --exit=1 --telemetry-url=http://127.0.0.1:9 \
    --telemetry-labels='team=perf "core",path=C:\bench,site=Zürich' >"$tmp/metrics.prom" 2>"$tmp/push.err" ||
    { cat "$tmp/push.err"; fail "benchgate push --print exited $?"; }
grep -q '^benchgate_run_exit_code' "$tmp/metrics.prom" || fail "no benchgate_run_exit_code in: $(head -c 600 "$tmp/metrics.prom")"
grep -q 'tail_ratio' "$tmp/metrics.prom" || fail "the plugin's metric is missing"

"$promtool" check metrics <"$tmp/metrics.prom" >"$tmp/promtool.out" 2>&1
rc=$?
if [ "$rc" != 0 ] || [ -s "$tmp/promtool.out" ]; then
    echo "--- metrics"; head -n 40 "$tmp/metrics.prom"
    fail "promtool check metrics: exit $rc: $(cat "$tmp/promtool.out")"
fi
echo "promtool check metrics: $(grep -c '^benchgate_' "$tmp/metrics.prom") samples of $(grep -c '^# TYPE' "$tmp/metrics.prom") metrics, no problem"

# The checker checks: a sample line without a value, and a family typed twice.
{ cat "$tmp/metrics.prom"; echo 'benchgate_run_complete{job="x"'; } >"$tmp/broken1.prom"
{ cat "$tmp/metrics.prom"; grep -m1 '^# TYPE' "$tmp/metrics.prom"; } >"$tmp/broken2.prom"
for b in broken1 broken2; do
    if "$promtool" check metrics <"$tmp/$b.prom" >/dev/null 2>&1; then
        fail "promtool accepted $b.prom: this test would not see a broken text"
    fi
done
echo "PASS: benchgate's Prometheus text passes promtool check metrics"
