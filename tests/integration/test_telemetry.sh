#!/usr/bin/env bash
# test_telemetry.sh MODE BENCHGATE BUILD_DIR - `benchgate start` pushing to a real
# Prometheus Pushgateway (/usr/bin/prometheus-pushgateway on a free loopback port).
#
# MODE: push  - flags: the metrics read back from GET /metrics equal the figures of result.json
#               (median time and its CI in seconds, status, throughput, a plugin's metric),
#               with the grouping labels job, instance (the hostname) and the --telemetry-labels
#               (one value with a blank, sent base64-encoded);
#       yaml  - bench.yaml telemetry: (url, labels as a mapping) with BENCH_TELEMETRY_JOB
#               overriding the job;
#       down  - nothing listens: `benchgate start` logs a warning (stderr and run.log), exits 0,
#               its results are complete and ok; `benchgate push` then exits 2 and leaves every
#               file of the run directory byte for byte as it was.
# Exit: 0 pass, 1 fail, 77 skipped (no pushgateway or python3).
set -u
mode=$1 benchgate=$2 build=$3
PGW=${BG_PUSHGATEWAY:-/usr/bin/prometheus-pushgateway}

command -v python3 >/dev/null 2>&1 || { echo "skip: no python3"; exit 77; }
[ -x "$PGW" ] || { echo "skip: $PGW not found (Debian package prometheus-pushgateway)"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-telemetry.XXXXXX") || exit 1
pgw_pid=""
cleanup() {
    [ -n "$pgw_pid" ] && kill "$pgw_pid" 2>/dev/null && wait "$pgw_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
# The messages of FILE, each on one line: a message wrapped to the width goes on in lines
# indented by two blanks (docs/reporting.md), joined back here.
joined() {
    awk 'NR > 1 && /^  [^ ]/ { line = line " " substr($0, 3); next }
         NR > 1 { print line } { line = $0 } END { if (NR) print line }' "$1"
}
fail() {
    echo "FAIL ($mode): $*"
    echo "--- stderr"; cat "$tmp/err" 2>/dev/null
    echo "--- pushgateway"; tail -n 20 "$tmp/pgw.log" 2>/dev/null
    exit 1
}
cd "$tmp" || exit 1

port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
if [ "$mode" != down ]; then
    "$PGW" --web.listen-address="127.0.0.1:$port" --persistence.file="" >"$tmp/pgw.log" 2>&1 &
    pgw_pid=$!
    ready=0
    for _ in $(seq 100); do
        if python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=1)" \
            "http://127.0.0.1:$port/-/ready" 2>/dev/null; then
            ready=1
            break
        fi
        sleep 0.1
    done
    [ "$ready" = 1 ] || fail "the pushgateway did not become ready"
fi
url="http://127.0.0.1:$port"

set -- start --build-dir="$build" --filter='^(overhead/cpu|triad/cpu/n=1024)$' --min-time=0.01 \
    --max-time=0.02 --repetitions=2 --baseline=off --history=off --output-dir="$tmp/run" --no-ui \
    --plugin="$build/plugins/libbg_tail_ratio.so"
job=benchgate team=perf site="lab 1"
case "$mode" in
push | down)
    "$benchgate" "$@" --telemetry-url="$url" --telemetry-labels="team=$team,site=$site" \
        >"$tmp/out" 2>"$tmp/err"
    ;;
yaml)
    job=nightly team=gpu site=basement
    printf 'version: 1\ntelemetry:\n  url: %s\n  labels: {team: %s, site: %s}\n  timeout: 3s\n' \
        "$url" "$team" "$site" >"$tmp/bench.yaml"
    BENCH_TELEMETRY_JOB=$job "$benchgate" "$@" --config="$tmp/bench.yaml" >"$tmp/out" 2>"$tmp/err"
    ;;
*) fail "unknown mode" ;;
esac
rc=$?
[ "$rc" = 0 ] || fail "benchgate start exited $rc"

if [ "$mode" = down ]; then
    joined "$tmp/err" | grep -q "warning: telemetry: push to $url/metrics/job/benchgate/.* failed" ||
        fail "no warning on stderr"
    grep -q "warning: telemetry: push" "$tmp/run/run.log" || fail "no warning in run.log"
    python3 - "$tmp/run/result.json" <<'EOF' || fail "the results are not complete and ok"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["complete"] is True
for b in d["benchmarks"]:
    assert b["status"] == "ok" and b["metrics"]["time_ns"]["status"] == "ok", b["name"]
    assert b["metrics"]["tail_ratio_p99_p50"]["status"] == "ok", b["name"]
EOF
    (cd "$tmp/run" && find . -type f -exec cksum {} + | sort) >"$tmp/before"
    "$benchgate" push "$tmp/run" --telemetry-url="$url" >"$tmp/out2" 2>"$tmp/err2"
    rc=$?
    [ "$rc" = 2 ] || fail "benchgate push to a dead server exited $rc, expected 2"
    grep -q "Couldn't connect\|Failed to connect\|failed" "$tmp/err2" || fail "push: no message"
    (cd "$tmp/run" && find . -type f -exec cksum {} + | sort) >"$tmp/after"
    cmp -s "$tmp/before" "$tmp/after" || fail "a failed push changed the run directory"
    echo "ok ($mode)"
    exit 0
fi

joined "$tmp/err" | grep -q "telemetry pushed to $url" || fail "the push was not logged"
python3 - "$url/metrics" "$tmp/run/result.json" "$job" "$team" "$site" <<'EOF' || fail "metrics differ"
import json, re, sys, urllib.request
url, path, job, team, site = sys.argv[1:6]
text = urllib.request.urlopen(url, timeout=5).read().decode()
doc = json.load(open(path))
host = doc["system"]["hostname"]
series = {}
for line in text.splitlines():
    m = re.match(r'^(benchgate_\w+)(\{(.*)\})? (\S+)$', line)
    if m:
        labels = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(3) or ""))
        series.setdefault(m.group(1), []).append((labels, float(m.group(4))))

def one(name, **want):
    hits = [v for labels, v in series.get(name, []) if all(labels.get(k) == w for k, w in want.items())]
    assert len(hits) == 1, "%s %s: %d series in\n%s" % (name, want, len(hits), text[:3000])
    return hits[0]

group = {"job": job, "instance": host, "team": team, "site": site}
assert one("benchgate_run_info", run_id=doc["run"]["run_id"], **group) == 1
assert one("benchgate_run_exit_code", **group) == 0
assert one("benchgate_run_complete", **group) == 1
assert one("benchgate_run_benchmarks", status="ok", **group) == len(doc["benchmarks"])
for b in doc["benchmarks"]:
    t = b["metrics"]["time_ns"]
    key = dict(benchmark=b["name"], family=b["family"], device=b["device"], **group)
    assert one("benchgate_benchmark_ok", **key) == 1
    assert one("benchgate_benchmark_status", status="ok", **key) == 1
    assert one("benchgate_time_median_seconds", **key) == t["median"] * 1e-9
    assert one("benchgate_time_ci95_low_seconds", **key) == t["ci95"][0] * 1e-9
    assert one("benchgate_time_ci95_high_seconds", **key) == t["ci95"][1] * 1e-9
    assert one("benchgate_benchmark_duration_seconds", **key) == b["seconds"]
    tail = b["metrics"]["tail_ratio_p99_p50"]["value"]
    assert one("benchgate_metric_value", metric="tail_ratio_p99_p50", **key) == tail
    bps = b["metrics"]["bytes_per_second"]
    if bps["status"] == "ok":
        assert one("benchgate_throughput_bytes_per_second", **key) == bps["value"]
print("pushgateway holds %d benchgate series, all equal to result.json"
      % sum(len(v) for v in series.values()))
EOF
echo "ok ($mode)"
