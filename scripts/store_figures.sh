#!/usr/bin/env bash
# store_figures.sh - the run history's figures on both backends, side by side: import of
# IMPORT_RUNS runs x BENCHES benchmarks (target >= 200 runs/s), then `summary --db --last=30` and
# `history` over a store of STORE_RUNS runs (target <= 1 s each). SQLite always; PostgreSQL on
# BENCHGATE_TEST_PG's server, else on a throwaway cluster of scripts/pg_cluster.sh when initdb is
# there, else its column says why not. Prints one table.
# Usage: scripts/store_figures.sh BENCHGATE [IMPORT_RUNS [STORE_RUNS [BENCHES]]]
#        (defaults 1000, 10000, 100)
set -u
bg=${1:?usage: store_figures.sh BENCHGATE [IMPORT_RUNS [STORE_RUNS [BENCHES]]]}
import_runs=${2:-1000}
store_runs=${3:-10000}
benches=${4:-100}
here=$(cd "$(dirname "$0")" && pwd -P)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-figures.XXXXXX") || exit 1
cluster=""
cleanup() {
    [ -n "$cluster" ] && "$here/pg_cluster.sh" stop "$cluster" >/dev/null 2>&1
    rm -rf "$tmp"
}
trap cleanup EXIT

# RUNS FIRST FILE: RUNS exported runs (benchgate.history-export/1), BENCHES benchmarks each
make_runs() {
    /usr/bin/python3 - "$1" "$2" "$benches" "$3" <<'PY'
import json, sys
runs, first, benches, path = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
def metric(name, v):
    return {"name": name, "status": "ok", "unit": "ns", "better": "lower", "value": None,
            "n": 10, "median": v, "mean": v, "stddev": v / 100, "min": v * 0.99, "max": v * 1.01,
            "p95": v * 1.01, "p99": v * 1.01, "ci95_lo": v * 0.995, "ci95_hi": v * 1.005,
            "cv": 0.01}
with open(path, "w") as out:
    for r in range(first, first + runs):
        day, sec = divmod(r, 86400)
        ts = "2025-%02d-%02dT%02d:%02d:%02dZ" % (1 + day // 28 % 12, 1 + day % 28, sec // 3600,
                                                 sec // 60 % 60, sec % 60)
        run = {"run_id": "fig-%07d" % r, "timestamp": ts, "machine_class": "fig-class",
               "hostname": "fig", "git_sha": "%040x" % r, "git_branch": "main", "git_dirty": 0,
               "command_line": "benchgate start", "complete": 1, "result_path": "/fig/%d" % r,
               "recorded_at": ts, "duration_s": 60.0, "git_commit_time": ts, "git_parent": None,
               "runner": "fig", "ci_url": None}
        bs = [{"name": "fam%03d/cpu/n=%d" % (b, b), "family": "fam%03d" % b, "device": "cpu",
               "status": "ok", "error_message": None, "params": "{}", "measure": "time",
               "reused_from": None, "seconds": 0.5,
               "metrics": [metric("time_ns", 100.0 + b + r % 7),
                           metric("cpu_time_ns", 99.0 + b)]} for b in range(benches)]
        out.write(json.dumps({"schema": "benchgate.history-export/1", "run": run,
                              "benchmarks": bs, "samples": []}) + "\n")
PY
}

now() { /usr/bin/python3 -c 'import time; print(time.time())'; }
# SECONDS_FLOAT of COMMAND..., its output to $tmp/cmd.log; "failed" when it fails
timed() {
    local t0 t1
    t0=$(now)
    "$@" >"$tmp/cmd.log" 2>&1 || { echo failed; tail -3 "$tmp/cmd.log" >&2; return 1; }
    t1=$(now)
    /usr/bin/python3 -c "import sys; print('%.3f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$t0" "$t1"
}
rate() { /usr/bin/python3 -c "import sys; print('%.0f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$1" "$2"; }

make_runs "$import_runs" 0 "$tmp/import.jsonl"
make_runs "$((store_runs - import_runs))" "$import_runs" "$tmp/rest.jsonl"

# LOCATION: import rate, summary and history seconds (tab-separated), or a reason
figures() {
    local db=$1 t_import t_summary t_history
    t_import=$(timed "$bg" history import --db="$db" "$tmp/import.jsonl") || { echo "import failed"; return; }
    if [ "$store_runs" -gt "$import_runs" ]; then
        timed "$bg" history import --db="$db" "$tmp/rest.jsonl" >/dev/null || { echo "import failed"; return; }
    fi
    t_summary=$(timed "$bg" summary --db="$db" --last=30) || { echo "summary failed"; return; }
    t_history=$(timed "$bg" history --db="$db") || { echo "history failed"; return; }
    printf '%s\t%s\t%s\t%s\n' "$(rate "$import_runs" "$t_import")" "$t_import" "$t_summary" "$t_history"
}

sqlite=$(figures "$tmp/h.sqlite")
pg_url=${BENCHGATE_TEST_PG:-}
if [ -z "$pg_url" ] && command -v "$here/pg_cluster.sh" >/dev/null; then
    cluster="$tmp/pg"
    pg_url=$("$here/pg_cluster.sh" start "$cluster" 2>"$tmp/pg.log") || { pg_url=""; cluster=""; }
fi
# A database of its own on the server, so that runs stored by an earlier call are not skipped
# (an import of runs already there only counts them)
scratch_db() {
    local name="bgfig_$$"
    command -v psql >/dev/null || return 1
    psql "$1" -qAtc "CREATE DATABASE $name" >/dev/null 2>&1 || return 1
    printf '%s' "$1" | sed "s#^\(postgres[a-z]*://[^/]*\)/[^?]*#\1/$name#"
}
if [ -n "$pg_url" ] && fresh=$(scratch_db "$pg_url"); then
    pg=$(figures "$fresh")
    psql "$pg_url" -qAtc "DROP DATABASE bgfig_$$" >/dev/null 2>&1
elif [ -n "$pg_url" ]; then
    pg="cannot create a scratch database on $pg_url (psql missing, or no CREATEDB right)"
else
    pg="no server (BENCHGATE_TEST_PG unset, scripts/pg_cluster.sh could not start one)"
fi

field() { printf '%s' "$1" | cut -f"$2"; }
row() { # LABEL FIELD UNIT TARGET
    printf '| %-44s | %14s | %14s | %-10s |\n' "$1" "$(field "$sqlite" "$2")$3" "$(field "$pg" "$2")$3" "$4"
}
echo "benchgate history store figures: import $import_runs runs x $benches benchmarks; store of $store_runs runs"
echo "(machine: $(nproc) CPU(s), $(uname -m); a shared machine: figures are indicative)"
printf '| %-44s | %14s | %14s | %-10s |\n' "figure" "SQLite" "PostgreSQL" "target"
printf '| %-44s | %14s | %14s | %-10s |\n' "---" "---:" "---:" "---"
case "$pg" in *$'\t'*) ;; *) echo "PostgreSQL: $pg" >&2; pg="-	-	-	-" ;; esac
row "history import ($import_runs runs), runs/s" 1 "" ">= 200"
row "history import ($import_runs runs), seconds" 2 " s" ""
row "summary --db --last=30 ($store_runs runs), seconds" 3 " s" "<= 1 s"
row "history ($store_runs runs), seconds" 4 " s" "<= 1 s"
