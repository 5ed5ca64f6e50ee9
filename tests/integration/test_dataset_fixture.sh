#!/usr/bin/env bash
# test_dataset_fixture.sh SOURCE_DIR BUILD_DIR - bg_add_dataset() and bg_add_benchmark(DATASETS)
# in a throwaway project that finds benchgate in BUILD_DIR (find_package):
#   1. configuring makes the valid dataset files read-only (0444);
#   2. ctest runs dataset.tiny.verify, then bench.tiny, whose result records the dataset;
#   3. with one byte of the dataset flipped, the verify test fails and CTest does not run the
#      benchmark at all (FIXTURES_REQUIRED): no result is written;
#   4. a missing file is reported at configure time, and downloaded (file:// mirror) with
#      -DBENCHGATE_FETCH_DATASETS=ON, checked against its SHA-256 and made read-only.
# Exit: 0 pass, 1 fail.
set -u
src=$(cd "$1" && pwd -P) || exit 1
build=$(cd "$2" && pwd -P) || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-dsfix.XXXXXX") || exit 1
cleanup() {
    chmod -R u+w "$tmp" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*"
    [ -f "$tmp/log" ] && tail -n 40 "$tmp/log"
    exit 1
}

mode_of() {
    stat -c %a "$1" 2>/dev/null || stat -f %Lp "$1"
}

generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
# A sanitizer build of benchgate needs the same runtime in the project that links it.
sanitize=$(sed -n 's/^BENCHGATE_SANITIZE:[A-Z]*=//p' "$build/CMakeCache.txt")
flags=()
[ -n "$sanitize" ] && flags=("-DCMAKE_C_FLAGS=-fsanitize=$sanitize"
    "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=$sanitize")

# The dataset (writable, as a checkout leaves it) and its index.
cp -R "$src/fixtures/datasets/tiny" "$tmp/data"
chmod 0644 "$tmp"/data/tiny-v1/*
"$build/src/cli/benchgate" datasets index --root="$tmp/data" --output="$tmp/data/datasets.index" ||
    fail "benchgate datasets index"

mkdir "$tmp/proj"
cat >"$tmp/proj/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.20)
project(dataset_fixture C)
find_package(benchgate REQUIRED)
enable_testing()
bg_add_dataset(tiny ROOT "$tmp/data")
bg_add_benchmark(tiny SOURCES "$src/tests/dataset_bench.c" DATASETS tiny
                 ARGS --filter=tiny_sum --min-time=0.01 --max-time=0.02 --repetitions=1 --skip-warmup)
EOF

configure() {
    cmake -S "$tmp/proj" -B "$tmp/b" "${generator[@]+"${generator[@]}"}" -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON "-Dbenchgate_DIR=$build" \
        "${flags[@]+"${flags[@]}"}" "$@" >"$tmp/log" 2>&1
}

# 1. configure and build
configure || fail "configure"
for f in values.csv labels.csv; do
    [ "$(mode_of "$tmp/data/tiny-v1/$f")" = 444 ] || fail "$f was not made read-only at configure time"
done
cmake --build "$tmp/b" >"$tmp/log" 2>&1 || fail "build"
echo "ok: configured (dataset files made read-only) and built"

# 2. the verify test passes, the bench runs (skipped by its gate: no baseline yet); the result
# records the dataset
(cd "$tmp/b" && ctest --output-on-failure) >"$tmp/log" 2>&1 || fail "ctest on a valid dataset"
grep -q "dataset.tiny.verify .*Passed" "$tmp/log" || fail "dataset.tiny.verify did not pass"
grep -q "bench.tiny .*Skipped" "$tmp/log" || fail "bench.tiny did not run to its gate (Skipped: no baseline)"
grep -q "^not gated  *tiny " "$tmp/log" || fail "the verdict table does not say bench.tiny was not gated"
result="$tmp/b/bench-results/tiny/result.json"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert [e['path'] for e in d['datasets']] == ['tiny-v1/values.csv', 'tiny-v1/labels.csv'], d['datasets']" "$result" ||
    fail "result.json does not record the dataset"
echo "ok: dataset.tiny.verify ran first, bench.tiny ran (not gated) and recorded the dataset"

# 3. a flipped byte: the fixture fails, the benchmark is not run
rm -rf "$tmp/b/bench-results"
chmod u+w "$tmp/data/tiny-v1/values.csv"
printf '9' | dd of="$tmp/data/tiny-v1/values.csv" bs=1 seek=0 conv=notrunc 2>/dev/null
chmod 0444 "$tmp/data/tiny-v1/values.csv"
(cd "$tmp/b" && ctest --output-on-failure) >"$tmp/log" 2>&1 && fail "ctest passed on a tampered dataset"
grep -q "dataset.tiny.verify .*Failed" "$tmp/log" || fail "dataset.tiny.verify did not fail"
grep -q "FAILED tiny-v1/values.csv: checksum mismatch" "$tmp/log" || fail "the file is not named"
grep -q "bench.tiny .*Not Run" "$tmp/log" || fail "bench.tiny was not skipped as Not Run"
grep -q "Failed test dependencies: dataset.tiny.verify" "$tmp/log" ||
    fail "CTest does not name the failed fixture"
[ -e "$tmp/b/bench-results" ] && fail "bench.tiny ran and wrote results"
echo "ok: tampered dataset: dataset.tiny.verify failed naming the file; bench.tiny was not run"

# 4. a missing file: reported at configure time, fetched with BENCHGATE_FETCH_DATASETS=ON
cp "$src/fixtures/datasets/tiny/tiny-v1/values.csv" "$tmp/values.csv"
chmod u+w "$tmp/data/tiny-v1/values.csv" && cp "$tmp/values.csv" "$tmp/data/tiny-v1/values.csv"
chmod u+w "$tmp/data/tiny-v1/labels.csv" && rm "$tmp/data/tiny-v1/labels.csv"
configure || fail "configure with a missing file"
grep -q "dataset tiny: tiny-v1/labels.csv is missing" "$tmp/log" || fail "the missing file is not reported"
configure -DBENCHGATE_FETCH_DATASETS=ON "-DBENCHGATE_DATASET_MIRROR=file://$src/fixtures/datasets/tiny" ||
    fail "configure with BENCHGATE_FETCH_DATASETS=ON"
grep -q "dataset tiny: downloaded tiny-v1/labels.csv from file://" "$tmp/log" || fail "not downloaded"
[ "$(mode_of "$tmp/data/tiny-v1/labels.csv")" = 444 ] || fail "the download is not read-only"
[ -e "$tmp/data/tiny-v1/labels.csv.part" ] && fail "a .part file was left"
(cd "$tmp/b" && ctest --output-on-failure) >"$tmp/log" 2>&1 || fail "ctest after the download"
echo "ok: a missing file is reported, and downloaded at configure time with its SHA-256 checked"
echo "PASS: bg_add_dataset fixtures"
