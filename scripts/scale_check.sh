#!/usr/bin/env bash
# scale_check.sh - how benchgate's verbs scale with the number of benchmarks, measured side by
# side in one run: result files of 1,000 and 10,000 benchmarks (copies of a real benchmark of
# this build, renamed), each command timed several times, the best time printed with the ratio
# 10,000 / 1,000 (10 is linear). Then the run history: a history of 100 and of 1,000 runs of
# 1,000 benchmarks each (one real recorded run, copied in SQLite with new ids and times), and
# `summary --db` and `history` over all of them, with the ratio 1,000 / 100.
#
# usage: scripts/scale_check.sh [--build-dir=DIR] [--repeat=N]
set -u
build=build repeat=3
for arg in "$@"; do
    case $arg in
    --build-dir=*) build=${arg#*=} ;;
    --repeat=*) repeat=${arg#*=} ;;
    --help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "scale_check.sh: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
    esac
done
case $repeat in '' | *[!0-9]* | 0) echo "scale_check.sh: --repeat: a positive integer" >&2; exit 2 ;; esac
cli="$build/src/cli/benchgate"
[ -x "$cli" ] || { echo "scale_check.sh: $cli not found: build first" >&2; exit 2; }
py=/usr/bin/python3
[ -x "$py" ] || py=python3
work=$(mktemp -d "${TMPDIR:-/tmp}/scale_check.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$build/benches/bench_triad" --filter='n=1024$' --repetitions=2 --min-time=0.01 --max-time=0.02 \
    --no-ui --baseline=off --history=off --output-dir="$work/seed" >/dev/null 2>&1 ||
    { echo "scale_check.sh: the seed run failed" >&2; exit 1; }
"$py" - "$work" <<'PY'
import copy, json, os, sys
work = sys.argv[1]
seed = json.load(open(os.path.join(work, "seed", "result.json")))
one = seed["benchmarks"][0]
for n in (1000, 10000):
    for side, factor in (("a", 1.0), ("b", 1.01)):
        doc = copy.deepcopy(seed)
        doc["benchmarks"] = []
        for i in range(n):
            b = copy.deepcopy(one)
            b["name"] = "scale/cpu/kernel=%d/shape=%d" % (i // 200, i % 200)
            b["family"] = "scale"
            m = b["metrics"]["time_ns"]
            for k in ("median", "mean", "min", "max", "p50", "p95", "p99"):
                m[k] *= factor
            m["ci95"] = [v * factor for v in m["ci95"]]
            m["repetition_medians"] = [v * factor for v in m["repetition_medians"]]
            doc["benchmarks"].append(b)
        d = os.path.join(work, "%s%d" % (side, n))
        os.makedirs(d)
        json.dump(doc, open(os.path.join(d, "result.json"), "w"))
PY
# best of N wall times of a command, in seconds
best() {
    "$py" - "$repeat" "$@" <<'PY'
import subprocess, sys, time
n, cmd = int(sys.argv[1]), sys.argv[2:]
times = []
for _ in range(n):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append(time.perf_counter() - t)
print("%.3f" % min(times))
PY
}
printf '| work | 1,000 benchmarks | 10,000 benchmarks | ratio |\n| --- | --: | --: | --: |\n'
row() { # LABEL KEY SMALL LARGE COMMAND... (KEY in the command replaced by each size)
    local label=$1 key=$2 small=$3 large=$4
    shift 4
    local t1 t10
    t1=$(best "${@//$key/$small}")
    t10=$(best "${@//$key/$large}")
    printf '| %s | %s s | %s s | %s |\n' "$label" "$t1" "$t10" "$("$py" -c "print('%.1f' % ($t10 / max($t1, 1e-9)))")"
}
row "benchgate compare A B" @N@ 1000 10000 "$cli" compare --no-fail "$work/a@N@" "$work/b@N@"
row "benchgate export --format=gbench" @N@ 1000 10000 "$cli" export --format=gbench --output="$work/out.json" "$work/a@N@"
row "benchgate export --format=csv" @N@ 1000 10000 "$cli" export --format=csv --output="$work/out.csv" "$work/a@N@"
row "benchgate export --format=junit" @N@ 1000 10000 "$cli" export --format=junit --output="$work/out.xml" "$work/a@N@"
row "benchgate report --html" @N@ 1000 10000 "$cli" report --html --output="$work/out.html" "$work/a@N@"
row "benchgate summary (one run)" @N@ 1000 10000 "$cli" summary "$work/a@N@"

# The run history: record the 1,000-benchmark run once, then copy it into RUNS runs (SQL).
make_history() { # DB RUNS
    "$cli" history --db="$1" --record="$work/a1000" >/dev/null ||
        { echo "scale_check.sh: recording $work/a1000 failed" >&2; exit 1; }
    "$py" - "$1" "$2" <<'PY'
import datetime, sqlite3, sys
db, runs = sqlite3.connect(sys.argv[1]), int(sys.argv[2])
c = db.cursor()
row = c.execute("SELECT * FROM runs").fetchone()
cols = [d[0] for d in c.description]
first = dict(zip(cols, row))
t0 = datetime.datetime(2026, 1, 1)
bcols = [r[1] for r in c.execute("PRAGMA table_info(benchmarks)") if r[1] not in ("id", "run")]
mcols = [r[1] for r in c.execute("PRAGMA table_info(metrics)") if r[1] != "benchmark"]
for k in range(1, runs):
    r = dict(first)
    r.pop("id")
    r["run_id"] = "%s-copy%d" % (first["run_id"], k)
    r["timestamp"] = (t0 + datetime.timedelta(hours=k)).strftime("%Y-%m-%dT%H:%M:%SZ")
    c.execute("INSERT INTO runs (%s) VALUES (%s)" % (",".join(r), ",".join("?" * len(r))), list(r.values()))
    new = c.lastrowid
    c.execute("INSERT INTO benchmarks (run,%s) SELECT ?,%s FROM benchmarks WHERE run=?"
              % (",".join(bcols), ",".join(bcols)), (new, first["id"]))
    c.execute("INSERT INTO metrics (benchmark,%s) SELECT nb.id,%s FROM metrics m"
              " JOIN benchmarks ob ON m.benchmark=ob.id JOIN benchmarks nb ON nb.run=? AND nb.name=ob.name"
              " WHERE ob.run=?" % (",".join(mcols), ",".join("m." + x for x in mcols)), (new, first["id"]))
db.commit()
PY
}
make_history "$work/h100.sqlite" 100
make_history "$work/h1000.sqlite" 1000
printf '\n| work (1,000 benchmarks a run) | 100 runs | 1,000 runs | ratio |\n| --- | --: | --: | --: |\n'
row "benchgate summary --db (every run)" @R@ 100 1000 "$cli" summary --db="$work/h@R@.sqlite" --last=@R@
row "benchgate history (every run)" @R@ 100 1000 "$cli" history --db="$work/h@R@.sqlite" --last=@R@
