#!/usr/bin/env bash
# test_shards.sh - shards and the gate's runs in the history, in a project of its own with an
# installed benchgate (find_package(benchgate), two bench executables of 5 and 3 instances):
#   1. ctest -L bench with bench.yaml history: DIR/h.sqlite records each bench test's run:
#      benchgate history --db=DIR/h.sqlite lists both; BENCH_HISTORY naming a store that cannot
#      record fails the test, the same store from bench.yaml is a warning;
#   2. benchgate start --shard=K/N, K = 1..3, balanced by the history's seconds, merged with
#      benchgate merge: the instances (names) of an unsharded run, once each; the merged
#      result.json valid under docs/schema/result.schema.json, without run.shard, with parts/;
#   3. merge refuses (exit 2, nothing written): a missing shard (named), a shard twice, another
#      commit, another machine class, a run that is no shard; start refuses a bad --shard and
#      BENCH_SHARD (exit 2, no run directory);
#   4. BENCH_SHARD=K/N ctest -L bench on 3 "runners": every instance once over the three.
# Usage: test_shards.sh SOURCE_DIR BUILD_DIR   Exit: 0 pass, 1 fail.
set -u
export COLUMNS=1000 # messages are matched whole
src=$(cd "$1" && pwd -P) || exit 1
build=$(cd "$2" && pwd -P) || exit 1
py=/usr/bin/python3

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
expect() {
    grep -Eq -- "$2" "$1" || { cat "$1" >&2; fail "$3 (no '$2' in $1)"; }
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-shards.XXXXXX") || fail "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log" >&2; fail "cmake --install $build failed"; }
bg="$tmp/prefix/bin/benchgate"
mkdir -p "$tmp/proj" || fail "mkdir"
cd "$tmp/proj" || fail "cd"
cat >CMakeLists.txt <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(shard_bench LANGUAGES C)
enable_testing()
find_package(benchgate REQUIRED)
bg_add_benchmark(sums sums.c)
bg_add_benchmark(products products.c)
CMAKE
cat >sums.c <<'C'
#include <benchgate/benchgate.h>
static void sum(bg_state *s) {
    long n = (long)bg_axis_int(s, "n") * 100, acc = 0;
    BG_LOOP(s) {
        for (long i = 0; i < n; i++)
            acc += i;
        bg_do_not_optimize(&acc);
    }
}
BG_BENCHMARK(sum, .axes = "n=1,2,3,4,5");
C
sed -e 's/sum(/product(/; s/acc += i/acc ^= i * 3/; s/BG_BENCHMARK(sum/BG_BENCHMARK(product/' \
    -e 's/n=1,2,3,4,5/n=1,2,3/' sums.c >products.c
cat >bench.yaml <<YAML
version: 1
run:
  min_time: 0.002
  max_time: 0.01
  warmup: 0
  repetitions: 1
  history: $tmp/h.sqlite
YAML
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$tmp/prefix" \
    -DBENCHGATE_BASELINE_DIR="$tmp/baselines" >"$tmp/configure.log" 2>&1 ||
    { cat "$tmp/configure.log" >&2; fail "configure"; }
cmake --build build >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; fail "build"; }
names() { # RESULT.JSON...: the benchmark names, one a line
    "$py" -c 'import json,sys
for f in sys.argv[1:]:
    for b in json.load(open(f))["benchmarks"]: print(b["name"])' "$@"
}

# 1. the gate's runs are history
ctest --test-dir build -L bench --output-on-failure >"$tmp/1.log" 2>&1 || fail "ctest -L bench"
"$bg" history --db="$tmp/h.sqlite" --format=json >"$tmp/1.json" || fail "history --db"
"$py" - "$tmp/1.json" <<'PY' || { cat "$tmp/1.log" "$tmp/1.json" >&2; fail "history lists the bench tests' runs"; }
import json, sys
runs = json.load(open(sys.argv[1]))["runs"]
assert len(runs) == 2, runs
PY
: >"$tmp/afile"
BENCH_HISTORY="$tmp/afile/h.sqlite" ctest --test-dir build -R bench.sums --output-on-failure \
    >"$tmp/1b.log" 2>&1 && fail "BENCH_HISTORY that cannot record: the test passed"
expect "$tmp/1b.log" 'not recorded in the run history BENCH_HISTORY=.*afile/h.sqlite' \
    "BENCH_HISTORY failure named"
sed "s|history: .*|history: $tmp/afile/h.sqlite|" bench.yaml >bench.bad.yaml
cmake -S . -B build -DBENCHGATE_CONFIG="$tmp/proj/bench.bad.yaml" >/dev/null 2>&1 || fail "reconfigure"
ctest --test-dir build -R bench.sums -V >"$tmp/1c.log" 2>&1 ||
    { cat "$tmp/1c.log" >&2; fail "bench.yaml history: that cannot record failed the test"; }
expect "$tmp/1c.log" 'warning: the run was not recorded in the run history .*afile' "warning"
cmake -S . -B build -DBENCHGATE_CONFIG="$tmp/proj/bench.yaml" >/dev/null 2>&1 || fail "reconfigure"
echo "ok 1: ctest -L bench records each bench test's run; failures as documented"

# 2. start --shard and merge
run() { "$bg" start --build-dir=build --config=bench.yaml --no-ui "$@"; }
run --history=off --output-dir="$tmp/whole" >"$tmp/whole.log" 2>&1
[ -f "$tmp/whole/result.json" ] || { cat "$tmp/whole.log" >&2; fail "unsharded start"; }
names "$tmp/whole/result.json" | sort >"$tmp/whole.names"
[ "$(wc -l <"$tmp/whole.names")" -eq 8 ] || fail "8 instances expected"
for k in 1 2 3; do
    run --shard="$k/3" --output-dir="$tmp/s$k" >"$tmp/s$k.log" 2>&1
    expect "$tmp/s$k.log" "shard $k/3: [0-9]+ of 8 instance\\(s\\), balanced by the seconds of the run history" \
        "shard $k balanced by the history"
    expect "$tmp/s$k.log" "shard $k/3 is not recorded in the run history" "a shard is not recorded"
done
"$bg" merge --output-dir="$tmp/merged" "$tmp/s3" "$tmp/s1" "$tmp/s2" >"$tmp/m.log" 2>&1 ||
    { cat "$tmp/m.log" >&2; fail "merge"; }
names "$tmp/merged/result.json" | sort >"$tmp/merged.names"
cmp -s "$tmp/whole.names" "$tmp/merged.names" ||
    { diff "$tmp/whole.names" "$tmp/merged.names" >&2; fail "merged shards != unsharded run"; }
names "$tmp/s1/result.json" "$tmp/s2/result.json" "$tmp/s3/result.json" | sort | uniq -d >"$tmp/dups"
[ -s "$tmp/dups" ] && fail "an instance ran in two shards: $(cat "$tmp/dups")"
"$py" "$src/tests/integration/validate_json.py" "$src/docs/schema" result "$tmp/merged/result.json" ||
    fail "merged result.json not valid"
"$py" "$src/tests/integration/validate_json.py" "$src/docs/schema" result "$tmp/s2/result.json" ||
    fail "shard result.json not valid"
"$py" -c 'import json,sys; r=json.load(open(sys.argv[1]))["run"]; sys.exit("shard" in r)' \
    "$tmp/merged/result.json" || fail "merged run keeps run.shard"
"$py" -c 'import json,sys; s=json.load(open(sys.argv[1]))["run"]["shard"]; sys.exit(s["index"]!=2 or s["count"]!=3)' \
    "$tmp/s2/result.json" || fail "run.shard of shard 2"
for f in result.csv samples.csv summary.md run.log parts/sums/result.json parts/products/result.json; do
    [ -s "$tmp/merged/$f" ] || fail "merged run lacks $f"
done
echo "ok 2: 3 shards merged = the unsharded run's 8 instances, once each"

# 3. refusals
refused() { # WHAT PATTERN ARGS...
    local what=$1 pattern=$2
    shift 2
    rm -rf "$tmp/out"
    "$bg" merge --output-dir="$tmp/out" "$@" >"$tmp/r.log" 2>&1
    local rc=$?
    [ "$rc" -eq 2 ] || { cat "$tmp/r.log" >&2; fail "$what: exit $rc, expected 2"; }
    expect "$tmp/r.log" "$pattern" "$what"
    [ -e "$tmp/out" ] && fail "$what: $tmp/out written"
    return 0
}
refused "missing shard" 'missing shard\(s\) 2 of 3' "$tmp/s1" "$tmp/s3"
refused "shard twice" 'are both shard 1/3: the shards overlap' "$tmp/s1" "$tmp/s1" "$tmp/s2" "$tmp/s3"
refused "no shard" 'whole: not the run of a shard' "$tmp/s1" "$tmp/whole"
for edit in 'd["run"]["git"]["sha"]="0"*40' 'd["system"]["machine_class"]="other-class"'; do
    rm -rf "$tmp/s3x" && cp -R "$tmp/s3" "$tmp/s3x"
    "$py" -c 'import json,sys
d=json.load(open(sys.argv[1])); '"$edit"'
json.dump(d, open(sys.argv[1], "w"))' "$tmp/s3x/result.json"
    case "$edit" in
    *sha*) refused "another commit" 'shards of different commits' "$tmp/s1" "$tmp/s2" "$tmp/s3x" ;;
    *) refused "another class" 'shards of different machine classes' "$tmp/s1" "$tmp/s2" "$tmp/s3x" ;;
    esac
done
for bad in 0/3 4/3 abc 2/0 1/1001; do
    rm -rf "$tmp/bad"
    run --shard="$bad" --output-dir="$tmp/bad" >"$tmp/b.log" 2>&1
    rc=$?
    [ "$rc" -eq 2 ] || { cat "$tmp/b.log" >&2; fail "--shard=$bad: exit $rc"; }
    expect "$tmp/b.log" "start: --shard='$bad': not shard K of N" "--shard=$bad named"
    [ -e "$tmp/bad" ] && fail "--shard=$bad: a run directory was made"
done
BENCH_SHARD=x/y run --output-dir="$tmp/bad" >"$tmp/b.log" 2>&1
[ $? -eq 2 ] || fail "BENCH_SHARD=x/y accepted"
expect "$tmp/b.log" "start: BENCH_SHARD='x/y': not shard K of N" "BENCH_SHARD named"
BENCH_SHARD=7/2 build/bench_sums --list >"$tmp/b.log" 2>&1 && fail "bench_sums took BENCH_SHARD=7/2"
expect "$tmp/b.log" "BENCH_SHARD: shard: '7/2' has K out of range" "the bench's BENCH_SHARD named"
echo "ok 3: merge and --shard refusals"

# 4. ctest on 3 runners
: >"$tmp/ctest.names"
for k in 1 2 3; do
    rm -rf build/bench-results
    BENCH_SHARD="$k/3" BENCH_HISTORY=off ctest --test-dir build -L bench >"$tmp/c$k.log" 2>&1 ||
        { cat "$tmp/c$k.log" >&2; fail "BENCH_SHARD=$k/3 ctest"; }
    for r in build/bench-results/*/result.json; do
        [ -f "$r" ] && names "$r" >>"$tmp/ctest.names"
    done
done
sort "$tmp/ctest.names" >"$tmp/ctest.sorted"
cmp -s "$tmp/whole.names" "$tmp/ctest.sorted" ||
    { diff "$tmp/whole.names" "$tmp/ctest.sorted" >&2; fail "BENCH_SHARD ctest runs != the suite once"; }
echo "ok 4: BENCH_SHARD=K/N ctest -L bench on 3 runners ran every instance once"
