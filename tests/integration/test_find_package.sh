#!/usr/bin/env bash
# test_find_package.sh - an outside project (tests/external) builds and runs a benchmark with
# find_package(benchgate) and bg_add_benchmark(), against
#   (a) an install prefix made with `cmake --install BUILD_DIR --prefix ...`,
#   (b) the build tree's own export (-Dbenchgate_DIR=BUILD_DIR),
# the core alone with SQLite and libcurl out of reach (CMAKE_DISABLE_FIND_PACKAGE_*), the
# optional components (COMPONENTS history net) and a component whose dependency is missing;
# and (c) the installed pkg-config files give the right flags and link programs.
#
# Usage: test_find_package.sh SOURCE_DIR BUILD_DIR   (BUILD_DIR already built)
# Exit: 0 pass, 1 fail.
set -u
export COLUMNS=1000 # messages are matched whole here; integration.widths checks the wrapping

if [ $# -ne 2 ]; then
    echo "usage: $0 SOURCE_DIR BUILD_DIR" >&2
    exit 1
fi
src=$(cd "$1" && pwd -P) || { echo "FAIL: no source dir $1" >&2; exit 1; }
build=$(cd "$2" && pwd -P) || { echo "FAIL: no build dir $2" >&2; exit 1; }

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# step LOG DESCRIPTION CMD...: runs CMD with its output in LOG; on failure shows the log.
step() {
    local log=$1 what=$2
    shift 2
    if ! "$@" >"$log" 2>&1; then
        tail -n 60 "$log" >&2
        fail "$what (full log: $log)"
    fi
}

# in_dir DIR CMD...: runs CMD in DIR (ctest of CMake 3.20 has no --test-dir).
in_dir() {
    (cd "$1" && shift && "$@")
}

[ -f "$build/CMakeCache.txt" ] || fail "$build is not a CMake build tree"
[ -f "$build/benchgateConfig.cmake" ] || fail "$build has no benchgateConfig.cmake"
[ -f "$src/tests/external/CMakeLists.txt" ] || fail "$src/tests/external/CMakeLists.txt missing"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-findpkg.XXXXXX") || fail "mktemp failed"
tmp=$(cd "$tmp" && pwd -P)
keep=${BG_KEEP_TMP:-0}
cleanup() {
    if [ "$keep" = 1 ]; then
        echo "kept $tmp"
    else
        rm -rf "$tmp"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

generator=()
if command -v ninja >/dev/null 2>&1; then
    generator=(-G Ninja)
fi

export BENCH_MIN_TIME=0.02 BENCH_MAX_TIME=0.05 BENCH_REPETITIONS=1

# external DIR DESCRIPTION EXPECTED_DIR_PREFIX CMAKE_ARGS...: configures, builds and runs the
# outside project in DIR; benchgate must come from under EXPECTED_DIR_PREFIX.
external() {
    local dir=$1 what=$2 expected=$3 found result name python
    shift 3
    step "$tmp/$what-configure.log" "$what: configuring tests/external failed" \
        cmake -S "$src/tests/external" -B "$dir" "${generator[@]+"${generator[@]}"}" \
        -DCMAKE_BUILD_TYPE=Release -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON "$@"
    found=$(sed -n 's/^benchgate_DIR:[A-Z]*=//p' "$dir/CMakeCache.txt")
    case "$found" in
    "$expected"*) ;;
    *) fail "$what: benchgate was found in '$found', not under $expected" ;;
    esac
    step "$tmp/$what-build.log" "$what: building tests/external failed" \
        cmake --build "$dir"
    [ -x "$dir/bench_external" ] || fail "$what: $dir/bench_external was not built"
    step "$tmp/$what-ctest.log" "$what: ctest failed" \
        in_dir "$dir" ctest --output-on-failure --no-tests=error
    grep -q "100% tests passed, 0 tests failed out of ${ntests:-2}\$" "$tmp/$what-ctest.log" ||
        fail "$what: ctest did not report ${ntests:-2} passing test(s): $(cat "$tmp/$what-ctest.log")"
    result="$dir/bench-results/external/result.json"
    [ -f "$result" ] || fail "$what: $result was not written"
    for name in sum/cpu/n=1000 sum/cpu/n=4000; do
        grep -q "\"name\":[[:space:]]*\"$name\"" "$result" || fail "$what: no $name in $result"
    done
    grep -q '"abs_err"' "$result" || fail "$what: the abs_err check is missing from $result"
    python=${PYTHON:-python3}
    if command -v "$python" >/dev/null 2>&1; then
        "$python" "$src/tests/integration/validate_result.py" \
            "$src/docs/schema/result.schema.json" "$result" >"$tmp/$what-validate.log" 2>&1
        case $? in
        0 | 77) ;;
        *) cat "$tmp/$what-validate.log" >&2 && fail "$what: $result does not validate" ;;
        esac
    fi
    echo "ok: $what: bench_external built and passed; $result written"
}

# (a) the install tree, the core alone: SQLite and libcurl may not even be looked for
step "$tmp/install.log" "cmake --install $build failed" \
    cmake --install "$build" --prefix "$tmp/prefix"
# the man page is installed where man finds it
manpage=$(find "$tmp/prefix" -path '*/man/man1/benchgate.1' | head -n 1)
[ -n "$manpage" ] || fail "cmake --install put no man1/benchgate.1 under $tmp/prefix"
if command -v man >/dev/null 2>&1; then
    MANPATH="$(dirname "$(dirname "$manpage")")" man -P cat benchgate 2>/dev/null | grep -q '^EXAMPLES' ||
        fail "man benchgate (MANPATH=$(dirname "$(dirname "$manpage")")) shows no EXAMPLES section"
fi
echo "ok: man page installed as $manpage"
# the bash completion is installed where bash-completion looks, and completes from the prefix
completion="$tmp/prefix/share/bash-completion/completions/benchgate"
[ -s "$completion" ] || fail "cmake --install put no share/bash-completion/completions/benchgate"
step "$tmp/completion.log" "the installed bash completion does not complete" \
    bash "$src/tests/integration/test_completion.sh" "$completion"
# the chart script is installed as bin/benchgate-graph, runnable from the prefix alone
graph="$tmp/prefix/bin/benchgate-graph"
[ -x "$graph" ] || fail "cmake --install put no executable bin/benchgate-graph under $tmp/prefix"
gpy=/usr/bin/python3
[ -x "$gpy" ] || gpy=python3
"$gpy" "$graph" --help 2>&1 | grep -q -- '--metric NAME' || fail "$graph --help shows no usage"
echo "ok: bin/benchgate-graph installed"
external "$tmp/ext-install" install "$tmp/prefix/" "-DCMAKE_PREFIX_PATH=$tmp/prefix" \
    -DCMAKE_DISABLE_FIND_PACKAGE_CURL=ON -DCMAKE_DISABLE_FIND_PACKAGE_SQLite3=ON
if grep -Eq 'curl|sqlite' "$tmp/ext-install/CMakeCache.txt"; then
    grep -E 'curl|sqlite' "$tmp/ext-install/CMakeCache.txt" >&2
    fail "core only: the consumer's cache names libcurl or SQLite"
fi
links=$(grep -rhoE -- '-l?[^ ]*(curl|sqlite)[^ ]*' "$tmp/ext-install" --include=link.txt --include=build.ninja 2>/dev/null | head -n 3)
[ -z "$links" ] || fail "core only: bench_external links $links"
reports=$(grep -rhoE -- '[^ ]*benchgate_report[^ ]*' "$tmp/ext-install" --include=link.txt --include=build.ninja 2>/dev/null | head -n 1)
[ -z "$reports" ] || fail "core only: bench_external links the reports: $reports"
if command -v ldd >/dev/null 2>&1 && ldd "$tmp/ext-install/bench_external" | grep -Eq 'libcurl|libsqlite3'; then
    fail "core only: bench_external loads libcurl or libsqlite3: $(ldd "$tmp/ext-install/bench_external")"
fi
echo "ok: core only: bench_external built with SQLite and libcurl disabled, and links neither"

# the optional components, from the install tree: a program on benchgate::history and ::net
ntests=3 external "$tmp/ext-components" components "$tmp/prefix/" "-DCMAKE_PREFIX_PATH=$tmp/prefix" \
    "-DEXT_COMPONENTS=history;net"
probe=$("$tmp/ext-components/components_probe" "$tmp/none.sqlite")
case $probe in
*"$tmp/none.sqlite: no run history yet"*"net: https://pgw.example:9091/metrics/job/benchgate/instance/host1"*) ;;
*) fail "components: components_probe printed: $probe" ;;
esac
echo "ok: components: benchgate::history and benchgate::net link and answer"
"$tmp/ext-components/report_probe" "$tmp/ext-components/bench-results/external/result.json" |
    grep -q "the export names sum/cpu/n=1000" || fail "components: report_probe did not export the result"
echo "ok: components: benchgate::report links and exports the project's result"
# a component whose library is missing: find_package says which and why
if cmake -S "$src/tests/external" -B "$tmp/ext-nosqlite" "${generator[@]+"${generator[@]}"}" \
    -DCMAKE_PREFIX_PATH="$tmp/prefix" -DEXT_COMPONENTS=history \
    -DCMAKE_DISABLE_FIND_PACKAGE_SQLite3=ON >"$tmp/nosqlite.log" 2>&1; then
    fail "COMPONENTS history without SQLite was accepted"
fi
tr -s ' \n' '  ' <"$tmp/nosqlite.log" | grep -q "benchgate::history needs SQLite3, which was not found" ||
    { cat "$tmp/nosqlite.log" >&2; fail "COMPONENTS history without SQLite: no clear message"; }
echo "ok: COMPONENTS history without SQLite: refused, naming SQLite3"

# (b) the build tree
external "$tmp/ext-build" build-tree "$build" "-Dbenchgate_DIR=$build"

# (c) pkg-config
if ! command -v pkg-config >/dev/null 2>&1; then
    echo "note: pkg-config not installed; the .pc check was skipped"
    echo "PASS: find_package(benchgate) from the install and build trees"
    exit 0
fi
pc=$(find "$tmp/prefix" -name benchgate.pc -path '*/pkgconfig/*' | head -n 1)
[ -n "$pc" ] || fail "no benchgate.pc installed under $tmp/prefix"
pcdir=$(dirname "$pc")
libdir=$(dirname "$pcdir")
flags=$(PKG_CONFIG_PATH=$pcdir pkg-config --cflags --libs benchgate) ||
    fail "pkg-config --cflags --libs benchgate failed with PKG_CONFIG_PATH=$pcdir"
echo "pkg-config --cflags --libs benchgate: $flags"
[ -n "$flags" ] || fail "pkg-config gives no flags at all"
read -r -a words <<<"$flags"
include_ok=0 libdir_ok=0 lib_ok=0
for w in "${words[@]}"; do
    case "$w" in
    -I*)
        d=$(cd "${w#-I}" 2>/dev/null && pwd -P) || continue
        [ "$d" = "$tmp/prefix/include" ] && include_ok=1
        ;;
    -L*)
        d=$(cd "${w#-L}" 2>/dev/null && pwd -P) || continue
        [ "$d" = "$libdir" ] && libdir_ok=1
        ;;
    -lbenchgate) lib_ok=1 ;;
    esac
done
[ "$include_ok" = 1 ] || fail "pkg-config gives no -I for $tmp/prefix/include: $flags"
[ "$libdir_ok" = 1 ] || fail "pkg-config gives no -L for $libdir: $flags"
[ "$lib_ok" = 1 ] || fail "pkg-config gives no -lbenchgate: $flags"

# A program built with nothing but those flags links and runs.
cat >"$tmp/pc_main.c" <<'EOF'
#include <benchgate/benchgate.h>
BG_MAIN()
EOF
step "$tmp/pc-link.log" "cc with \`pkg-config --cflags --libs benchgate\` does not link" \
    "${CC:-cc}" "$tmp/pc_main.c" -o "$tmp/pc_main" "${words[@]}"
step "$tmp/pc-run.log" "the program linked through pkg-config does not run" \
    env "LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
    "DYLD_LIBRARY_PATH=$libdir${DYLD_LIBRARY_PATH:+:$DYLD_LIBRARY_PATH}" "$tmp/pc_main" --help
echo "ok: pkg-config: $pc gives -I$tmp/prefix/include -L$libdir -lbenchgate; a program links"

# The core's .pc asks for neither SQLite nor libcurl; the components' .pc files do.
requires=$(PKG_CONFIG_PATH=$pcdir pkg-config --print-requires --print-requires-private benchgate)
case $requires in
*curl* | *sqlite*) fail "benchgate.pc requires libcurl or SQLite: $requires" ;;
esac
comp=(benchgate-report benchgate-history benchgate-net)
cflags=$(PKG_CONFIG_PATH=$pcdir pkg-config --cflags --libs "${comp[@]}") ||
    fail "pkg-config --cflags --libs ${comp[*]} failed"
read -r -a cwords <<<"$cflags"
step "$tmp/pc-components.log" "cc with \`pkg-config --libs ${comp[*]}\` does not link" \
    "${CC:-cc}" "$src/tests/external/components_probe.c" -o "$tmp/pc_probe" "${cwords[@]}"
"$tmp/pc_probe" "$tmp/none.sqlite" | grep -q "no run history yet" ||
    fail "the components program linked through pkg-config does not answer"
echo "ok: pkg-config: benchgate requires '${requires//$'\n'/ }'; ${comp[*]} link a program"

echo "PASS: find_package(benchgate) from the install and build trees, and pkg-config"
