#!/usr/bin/env bash
# test_core_only.sh - benchgate built without its optional components
# (-DBENCHGATE_HISTORY=OFF -DBENCHGATE_NET=OFF), as on a machine without SQLite or libcurl:
#   1. it configures with SQLite and libcurl out of reach (CMAKE_DISABLE_FIND_PACKAGE_*);
#   2. libbenchgate needs no curl_* or sqlite3_* symbol, and no component library is built;
#   3. the verbs of the missing components (history, push, notify, upload, fetch, summary --db)
#      exit 2 naming the build option;
#   4. installed, find_package(benchgate) works, and COMPONENTS history is refused with why.
#
# Usage: test_core_only.sh SOURCE_DIR   Exit: 0 pass, 1 fail.
set -u
export COLUMNS=1000 # messages are matched whole here; integration.widths checks the wrapping
[ $# -eq 1 ] || { echo "usage: $0 SOURCE_DIR" >&2; exit 1; }
src=$(cd "$1" && pwd -P) || exit 1
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-core-only.XXXXXX") || fail "mktemp failed"
trap '[ "${BG_KEEP_TMP:-0}" = 1 ] && echo "kept $tmp" || rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)

cmake -S "$src" -B "$tmp/build" "${generator[@]+"${generator[@]}"}" -DCMAKE_BUILD_TYPE=Release \
    -DBENCHGATE_HISTORY=OFF -DBENCHGATE_NET=OFF -DBENCHGATE_BUILD_TESTS=OFF \
    -DBENCHGATE_BUILD_BENCHES=OFF -DBENCHGATE_CUDA=OFF \
    -DCMAKE_DISABLE_FIND_PACKAGE_CURL=ON -DCMAKE_DISABLE_FIND_PACKAGE_SQLite3=ON \
    >"$tmp/configure.log" 2>&1 || { tail -n 30 "$tmp/configure.log" >&2; fail "configure failed"; }
cmake --build "$tmp/build" -j2 >"$tmp/build.log" 2>&1 ||
    { tail -n 30 "$tmp/build.log" >&2; fail "the build without components failed"; }
echo "ok: configured and built with SQLite and libcurl disabled"

lib=$(find "$tmp/build" -name 'libbenchgate.*' | head -n 1)
[ -n "$lib" ] || fail "no libbenchgate built"
if nm -u "$lib" 2>/dev/null | grep -Eq ' (curl_|sqlite3_)'; then
    fail "$lib needs: $(nm -u "$lib" | grep -E ' (curl_|sqlite3_)' | head -n 3 | tr '\n' ' ')"
fi
[ -z "$(find "$tmp/build" -name 'libbenchgate_history*' -o -name 'libbenchgate_net*')" ] ||
    fail "a component library was built although switched off"
echo "ok: $(basename "$lib") needs no curl_* or sqlite3_* symbol; no component library built"

cli="$tmp/build/src/cli/benchgate"
check_verb() { # check_verb COMPONENT OPTION ARGS...
    local component=$1 option=$2 rc
    shift 2
    "$cli" "$@" >"$tmp/verb.out" 2>&1
    rc=$?
    [ "$rc" = 2 ] || fail "benchgate $*: exit $rc, expected 2: $(cat "$tmp/verb.out")"
    grep -q "built without benchgate::$component (-D$option=OFF)" "$tmp/verb.out" ||
        fail "benchgate $*: the message does not name the option: $(cat "$tmp/verb.out")"
}
check_verb history BENCHGATE_HISTORY history
check_verb history BENCHGATE_HISTORY summary --db
for verb in push notify upload fetch; do
    check_verb net BENCHGATE_NET "$verb"
done
echo "ok: history, summary --db, push, notify, upload, fetch exit 2 naming the option"

cmake --install "$tmp/build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log" >&2; fail "install failed"; }
mkdir -p "$tmp/user"
cat >"$tmp/user/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(user C)
find_package(benchgate REQUIRED COMPONENTS ${WANT})
CMAKE
cmake -S "$tmp/user" -B "$tmp/user/core" -DCMAKE_PREFIX_PATH="$tmp/prefix" -DWANT= \
    >"$tmp/user-core.log" 2>&1 || { cat "$tmp/user-core.log" >&2; fail "find_package(benchgate) failed"; }
if cmake -S "$tmp/user" -B "$tmp/user/history" -DCMAKE_PREFIX_PATH="$tmp/prefix" -DWANT=history \
    >"$tmp/user-history.log" 2>&1; then
    fail "find_package(benchgate COMPONENTS history) was accepted from a build without it"
fi
# CMake folds the message over lines: read it as one
tr -s ' \n' '  ' <"$tmp/user-history.log" |
    grep -q "benchgate was built without benchgate::history (-DBENCHGATE_HISTORY=OFF)" ||
    { cat "$tmp/user-history.log" >&2; fail "COMPONENTS history: no clear reason"; }
echo "ok: installed: find_package(benchgate) works; COMPONENTS history is refused, naming the option"
echo "PASS: benchgate without its optional components"
