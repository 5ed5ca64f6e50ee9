#!/usr/bin/env bash
# test_team_store.sh MODE BENCHGATE SRC - the run history as a team's store (docs/team-store.md):
#   sqlite-import  import twice (nothing doubled), archives, a broken result refused
#   sqlite-concurrent / pg-concurrent  20 processes importing and recording at once
#   pg-import      the same against PostgreSQL; pg-password  a URL with a password refused,
#                  the password never printed; pg-roundtrip  SQLite -> export -> PostgreSQL
#                  gives the same history and summary --db output
# The pg modes use the server BENCHGATE_TEST_PG names (scripts/pg_cluster.sh start prints one)
# and skip (77) when none is given or reachable; each makes a database of its own.
set -u
mode=$1
BENCHGATE=$2
SRC=$3
PY=/usr/bin/python3
TMP=$(mktemp -d)
cleanup() {
    [ -f "$TMP/pgname" ] && psql "$BENCHGATE_TEST_PG" -qc "DROP DATABASE IF EXISTS $(cat "$TMP/pgname")" >/dev/null 2>&1
    rm -rf "$TMP"
}
trap cleanup EXIT
fail() {
    echo "FAIL $mode: $*"
    exit 1
}

# A run directory: the small fixture under another run id.
make_run() {
    mkdir -p "$2"
    "$PY" - "$SRC/fixtures/results/small/result.json" "$2/result.json" "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["run"]["run_id"] = sys.argv[3]
json.dump(d, open(sys.argv[2], "w"))
PY
}

# run ids and benchmark rows of a store, through export: "RUNS BENCHMARKS DISTINCT".
counts() {
    "$BENCHGATE" history export --db="$1" --format=jsonl | "$PY" -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin if l.strip()]
ids = [r["run"]["run_id"] for r in rows]
print(len(ids), sum(len(r["benchmarks"]) for r in rows), len(set(ids)))'
}

pg_db() { # a fresh database on the test server; its URL in $url (skips: exit 77)
    pg_make_db >"$TMP/url" || exit $?
    url=$(cat "$TMP/url")
}

pg_make_db() {
    [ -n "${BENCHGATE_TEST_PG:-}" ] || { echo "skip: BENCHGATE_TEST_PG is not set (scripts/pg_cluster.sh start DIR)" >&2; exit 77; }
    command -v psql >/dev/null || { echo "skip: psql is not installed (postgresql-client)" >&2; exit 77; }
    psql "$BENCHGATE_TEST_PG" -qAtc 'SELECT 1' >/dev/null 2>&1 ||
        { echo "skip: no PostgreSQL server answers at $BENCHGATE_TEST_PG" >&2; exit 77; }
    local name="bg_${mode//-/_}_$$"
    psql "$BENCHGATE_TEST_PG" -qc "DROP DATABASE IF EXISTS $name" >/dev/null 2>&1
    psql "$BENCHGATE_TEST_PG" -qc "CREATE DATABASE $name" >/dev/null || fail "cannot create a database"
    echo "$name" >"$TMP/pgname"
    [ -n "$name" ] || exit 1
    echo "${BENCHGATE_TEST_PG%/*}/$name"
}

import_cases() {
    local db=$1
    make_run run-a "$TMP/art/run-a"
    make_run run-b "$TMP/art/run-b"
    (cd "$TMP" && zip -qr art.zip art && tar czf art.tar.gz art) || fail "cannot pack"
    "$BENCHGATE" history import --db="$db" "$TMP/art.zip" >"$TMP/out1" 2>&1 || fail "import: $(cat "$TMP/out1")"
    grep -q "run run-a: imported" "$TMP/out1" || fail "first import: $(cat "$TMP/out1")"
    "$BENCHGATE" history import --db="$db" "$TMP/art.tar.gz" "$TMP/art/run-a" >"$TMP/out2" 2>&1 || fail "again: $(cat "$TMP/out2")"
    grep -q "run run-a: already in the store, skipped" "$TMP/out2" || fail "second import: $(cat "$TMP/out2")"
    [ "$(counts "$db")" = "2 4 2" ] || fail "after importing twice: $(counts "$db") (want 2 runs, 4 benchmarks)"
    # a broken result (bad UTF-8 in a name) and an incomplete one: refused, nothing stored
    make_run run-bad "$TMP/bad"
    "$PY" - "$TMP/bad/result.json" <<'PY'
import sys
p = sys.argv[1]
t = open(p, "rb").read().replace(b'"overhead/cpu"', b'"overhead/\xff"', 1)
open(p, "wb").write(t)
PY
    make_run run-cut "$TMP/cut"
    "$PY" -c 'import json,sys; p=sys.argv[1]; d=json.load(open(p)); d["complete"]=False; json.dump(d,open(p,"w"))' "$TMP/cut/result.json"
    make_run run-c "$TMP/good"
    "$BENCHGATE" history import --db="$db" "$TMP/bad" "$TMP/cut/result.json" "$TMP/good" >"$TMP/out3" 2>"$TMP/err3"
    rc=$?
    [ $rc -eq 2 ] || fail "broken result: exit $rc, want 2"
    grep -q "bad/result.json: refused, nothing of it stored:.*UTF-8" "$TMP/err3" || fail "no message naming the broken file: $(cat "$TMP/err3")"
    grep -q "cut/result.json: refused.*not complete" "$TMP/err3" || fail "incomplete run not refused: $(cat "$TMP/err3")"
    grep -q "run run-c: imported" "$TMP/out3" || fail "the good one was not imported: $(cat "$TMP/out3")"
    [ "$(counts "$db")" = "3 6 3" ] || fail "after the broken import: $(counts "$db") (want 3 runs)"
    "$BENCHGATE" history --db="$db" --last=10 --format=csv | grep -c '^run-' | grep -qx 3 || fail "history does not list 3 runs"
    # an exported run with a benchmark twice, or a metric twice in a benchmark: refused whole
    "$BENCHGATE" history export --db="$db" --format=jsonl | sed -n 1p | "$PY" -c '
import copy, json, sys
line = json.loads(sys.stdin.read())
twice = copy.deepcopy(line)
twice["run"]["run_id"] = "run-twice"
twice["benchmarks"].append(copy.deepcopy(twice["benchmarks"][0]))
metric = copy.deepcopy(line)
metric["run"]["run_id"] = "run-metric"
metric["benchmarks"][0]["metrics"].append(copy.deepcopy(metric["benchmarks"][0]["metrics"][0]))
print(json.dumps(twice)); print(json.dumps(metric))' >"$TMP/twice.jsonl"
    "$BENCHGATE" history import --db="$db" "$TMP/twice.jsonl" >"$TMP/out4" 2>"$TMP/err4"
    rc=$?
    [ $rc -eq 2 ] || fail "names twice: exit $rc, want 2"
    grep -q "twice.jsonl:1: refused.*benchmark '[^']*' twice" "$TMP/err4" || fail "benchmark twice: $(cat "$TMP/err4")"
    grep -q "twice.jsonl:2: refused.*metric '[^']*' twice" "$TMP/err4" || fail "metric twice: $(cat "$TMP/err4")"
    [ "$(counts "$db")" = "3 6 3" ] || fail "after names twice: $(counts "$db") (want 3 runs)"
    # a run without benchmarks (every one filtered out) is stored, and exported as such
    make_run run-none "$TMP/none"
    "$PY" -c 'import json,sys; p=sys.argv[1]; d=json.load(open(p)); d["benchmarks"]=[]; json.dump(d,open(p,"w"))' "$TMP/none/result.json"
    "$BENCHGATE" history import --db="$db" "$TMP/none" >"$TMP/out5" 2>&1 || fail "a run without benchmarks: $(cat "$TMP/out5")"
    [ "$(counts "$db")" = "4 6 4" ] || fail "after a run without benchmarks: $(counts "$db") (want 4 runs, 6 benchmarks)"
    echo "import twice: 2 runs; broken and incomplete refused (exit 2); good imported: 3 runs;"
    echo "  a benchmark or a metric twice in an exported run: refused (exit 2), nothing stored;"
    echo "  a run without benchmarks stored and exported: 4 runs"
}

concurrent_cases() {
    local db=$1 i
    make_run shared "$TMP/shared"
    for i in $(seq 1 20); do
        make_run "run-$i" "$TMP/c/run-$i"
    done
    for i in $(seq 1 20); do
        if [ $((i % 2)) -eq 0 ]; then
            "$BENCHGATE" history import --db="$db" "$TMP/c/run-$i" "$TMP/shared" >"$TMP/c$i.out" 2>&1 &
        else
            "$BENCHGATE" history --db="$db" --record="$TMP/c/run-$i" >"$TMP/c$i.out" 2>&1 &&
                "$BENCHGATE" history import --db="$db" "$TMP/shared" >>"$TMP/c$i.out" 2>&1 &
        fi
    done
    local failed=0
    for job in $(jobs -p); do
        wait "$job" || failed=$((failed + 1))
    done
    [ $failed -eq 0 ] || fail "$failed of 20 processes failed: $(cat "$TMP"/c*.out | grep -i error | head -5)"
    [ "$(counts "$db")" = "21 42 21" ] || fail "20 processes at once: $(counts "$db") (want 21 runs, 42 benchmarks, each once)"
    [ "$(cat "$TMP"/c*.out | grep -c 'run shared: imported')" -eq 1 ] || fail "the shared run imported more than once"
    echo "20 processes at once: 21 runs, 42 benchmarks, each once; shared run imported once"
}

case $mode in
sqlite-import) import_cases "$TMP/h.sqlite" ;;
sqlite-concurrent) concurrent_cases "$TMP/h.sqlite" ;;
pg-import) pg_db && import_cases "$url" ;;
pg-concurrent) pg_db && concurrent_cases "$url" ;;
pg-password)
    pg_db
    secret="s3cr3t-Pa55"
    leak="${url/:\/\//://benchgate:$secret@}"
    leak="${leak/benchgate@/}"
    make_run run-a "$TMP/r"
    for loc in "$leak" "$leak?sslmode=disable" "host=127.0.0.1 password=$secret dbname=x" \
        "postgresql://127.0.0.1/x?password=$secret"; do
        "$BENCHGATE" history import --db="$loc" "$TMP/r" >"$TMP/o" 2>&1
        rc=$?
        [ $rc -eq 2 ] || fail "a location with a password: exit $rc, want 2"
        grep -q "PGPASSFILE" "$TMP/o" || fail "the message does not say where the password goes: $(cat "$TMP/o")"
        ! grep -q "$secret" "$TMP/o" || fail "the password was printed"
        BENCH_HISTORY="$loc" "$BENCHGATE" start --build-dir=/nonexistent >"$TMP/o" 2>&1
        ! grep -q "$secret" "$TMP/o" || fail "start printed the password"
    done
    # libpq's own messages are scrubbed too (a server that is not there)
    PGPASSWORD=$secret "$BENCHGATE" history --db="host=127.0.0.1 port=1 dbname=x" >"$TMP/o" 2>&1
    ! grep -q "$secret" "$TMP/o" || fail "a connection error printed PGPASSWORD"
    echo "a password in the location: refused (exit 2), never printed"
    ;;
pg-roundtrip)
    pg_db
    for i in 1 2 3; do
        make_run "rt-$i" "$TMP/rt$i"
        "$PY" -c 'import json,sys; p=sys.argv[1]; d=json.load(open(p)); d["run"]["timestamp"]="2026-01-0%sT00:00:00Z" % sys.argv[2]; d["benchmarks"][0]["metrics"]["time_ns"]["median"] *= 1 + int(sys.argv[2]) / 7; json.dump(d,open(p,"w"))' "$TMP/rt$i/result.json" "$i"
        "$BENCHGATE" history --db="$TMP/h.sqlite" --record="$TMP/rt$i" >/dev/null || fail "record"
    done
    # the text COPY must escape (tab, line end, backslash, a literal \N) and samples as rows
    make_run "rt-4" "$TMP/rt4"
    "$PY" - "$TMP/rt4" <<'PY'
import json, sys
p = sys.argv[1] + "/result.json"
d = json.load(open(p))
d["run"]["timestamp"] = "2026-01-04T00:00:00Z"
d["benchmarks"][1]["status"] = "error"
d["benchmarks"][1]["error_message"] = "line one\nline\ttwo \\ back \\N end\r"
json.dump(d, open(p, "w"))
# doubles of every size must come back to the last bit: PostgreSQL gets them as text
import random
rnd = random.Random(7)
hard = [5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.1 + 0.2, 1e16 + 2, 1e23,
        9007199254740993.0, 123456789012345678.0, 0.30000000000000004, 1 / 3]
with open(sys.argv[1] + "/samples.csv", "w") as f:
    f.write("benchmark,repetition,sample,iterations,time_ns,cpu_time_ns,instructions\n")
    for k in range(300):
        odd = hard[k] if k < len(hard) else rnd.random() * 10.0 ** rnd.randint(-40, 40)
        f.write("overhead/cpu,%d,%d,%d,%.17g,%.17g,\n" % (k // 100, k, 1000 + k, 1.5 + k / 7, odd))
PY
    "$BENCHGATE" history --db="$TMP/h.sqlite" --record="$TMP/rt4" >/dev/null || fail "record rt-4"
    "$BENCHGATE" history --db="$url" --record="$TMP/rt4" >/dev/null || fail "record rt-4 into PostgreSQL"
    [ "$(psql "$url" -qAtc 'SELECT count(*) FROM samples')" = 300 ] || fail "samples not all stored"
    psql "$url" -qAtc "SELECT error_message FROM benchmarks WHERE error_message IS NOT NULL" >"$TMP/msg"
    printf 'line one\nline\ttwo \\ back \\N end\r\n' | cmp -s - "$TMP/msg" ||
        fail "an error message with a tab, a line end and backslashes came back as: $(od -c "$TMP/msg")"
    psql "$url" -qAtc "DELETE FROM runs WHERE run_id = 'rt-4'" >/dev/null
    "$BENCHGATE" history export --db="$TMP/h.sqlite" --format=jsonl >"$TMP/h.jsonl" || fail "export"
    "$BENCHGATE" history import --db="$url" "$TMP/h.jsonl" >/dev/null || fail "import into PostgreSQL"
    for f in table csv json; do
        "$BENCHGATE" history --db="$TMP/h.sqlite" --format=$f >"$TMP/a.$f"
        "$BENCHGATE" history --db="$url" --format=$f >"$TMP/b.$f"
        cmp -s "$TMP/a.$f" "$TMP/b.$f" || fail "history --format=$f differs: $(diff "$TMP/a.$f" "$TMP/b.$f")"
        "$BENCHGATE" summary --db="$TMP/h.sqlite" --last=30 --format=$f | sed "s|$TMP/h.sqlite|DB|" >"$TMP/a.s$f"
        "$BENCHGATE" summary --db="$url" --last=30 --format=$f | sed "s|$url|DB|" >"$TMP/b.s$f"
        cmp -s "$TMP/a.s$f" "$TMP/b.s$f" || fail "summary --db --format=$f differs: $(diff "$TMP/a.s$f" "$TMP/b.s$f")"
    done
    "$BENCHGATE" history export --db="$url" --format=jsonl >"$TMP/back.jsonl" || fail "export from PostgreSQL"
    cmp -s "$TMP/h.jsonl" "$TMP/back.jsonl" || fail "the export from PostgreSQL differs from SQLite's"
    echo "SQLite -> jsonl -> PostgreSQL: history, summary --db and export identical (300 samples"
    echo "  of 10^-40 to 10^40 and the edges of a double,"
    echo "  an error message with a tab, line ends and backslashes among them)"
    ;;
*) fail "unknown mode" ;;
esac
