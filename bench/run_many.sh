#!/usr/bin/env bash
# run_many.sh - runs `benchgate start` several times with parameter overrides, each run in its
# own run directory under one parent folder, then summarises the runs (benchgate summary).
#
# Usage: bench/run_many.sh [--runs=N] [--set KEY=VALUE]... [--out=DIR] [--benchgate=PATH]
#                          [--build-dir=DIR] [--format=table|md|csv|json] [-- START_FLAGS...]
#
#   --runs=N          how many runs (default 3, at most 1000)
#   --set KEY=VALUE   a run setting for every run: KEY is a bench.yaml key of section run
#                     (repetitions, min_time, batch_size, ...), passed as --KEY=VALUE with _ as -
#                     (--set repetitions=5 gives --repetitions=5); repeatable
#   --out=DIR         the parent folder (default bench/tmp/run_many-<UTC timestamp>); it must
#                     not exist yet or be empty. Each run goes to DIR/run-<i>, the summary to
#                     DIR/summary.txt (.md, .csv or .json with --format)
#   --benchgate=PATH  the benchgate command (default $BENCHGATE, else benchgate on PATH, else
#                     ./build/src/cli/benchgate)
#   --build-dir=DIR   passed to benchgate start
#   --format=F        the summary's format (default table)
#   -- START_FLAGS    anything after -- goes to every benchgate start as it is
#
# The settings are checked once (benchgate start --dry-run) before the first run. Runs into
# bench/tmp are intermediates: `benchgate clean --older-than=30d` removes old ones.
# Exit: 0 all runs ok; 1 a regression; 2 bad usage or settings; 3 a benchmark failed; 77 all
# skipped (no GPU); 130/143 interrupted. Works with Bash 3.2+ and zsh.
set -u

me=run_many.sh
script=$0
runs=3
out=""
bg=${BENCHGATE:-}
build_dir=""
format=table
flags=()

usage() {
    sed -n '2,24p' "$script" | sed 's/^# \{0,1\}//'
}

die() {
    echo "$me: error: $*" >&2
    exit 2
}

# check_set KEY=VALUE: adds --KEY=VALUE (KEY with - for _) to flags, or exits 2.
check_set() {
    case $1 in
    *=*) ;;
    *) die "--set '$1': not KEY=VALUE (e.g. --set repetitions=5)" ;;
    esac
    key=${1%%=*}
    value=${1#*=}
    case $key in
    '' | [!a-z]* | *[!a-z0-9_]*) die "--set '$1': '$key' is not a setting name (a-z, 0-9, _)" ;;
    output_dir | resume | dry_run | list | help | version)
        die "--set '$1': $key is run_many.sh's to set, not a run setting" ;;
    esac
    [ -n "$value" ] || die "--set '$1': the value is empty"
    case $value in
    *[[:space:]]* | *[[:cntrl:]]*) die "--set '$1': the value holds spaces or control characters" ;;
    esac
    flags+=("--$(printf '%s' "$key" | tr '_' '-')=$value")
}

parse() {
    while [ $# -gt 0 ]; do
        case $1 in
        --runs=*) runs=${1#--runs=} ;;
        --set=*) check_set "${1#--set=}" ;;
        --set)
            [ $# -ge 2 ] || die "--set needs KEY=VALUE"
            check_set "$2"
            shift
            ;;
        --out=*) out=${1#--out=} ;;
        --benchgate=*) bg=${1#--benchgate=} ;;
        --build-dir=*) build_dir=${1#--build-dir=} ;;
        --format=*) format=${1#--format=} ;;
        -h | --help)
            usage
            exit 0
            ;;
        --)
            shift
            while [ $# -gt 0 ]; do
                flags+=("$1")
                shift
            done
            return 0
            ;;
        *) die "unexpected argument '$1' (see --help)" ;;
        esac
        shift
    done
}

find_benchgate() {
    if [ -z "$bg" ]; then
        if command -v benchgate >/dev/null 2>&1; then
            bg=benchgate
        else
            bg=./build/src/cli/benchgate
        fi
    fi
    command -v "$bg" >/dev/null 2>&1 || die "benchgate not found at '$bg' (--benchgate=PATH)"
}

check_args() {
    case $runs in
    '' | *[!0-9]*) die "--runs='$runs': not a whole number" ;;
    esac
    if [ "$runs" -lt 1 ] || [ "$runs" -gt 1000 ]; then
        die "--runs=$runs: give 1 to 1000"
    fi
    case $format in
    table | md | csv | json) ;;
    *) die "--format='$format': use table, md, csv or json" ;;
    esac
    [ -n "$out" ] || out="bench/tmp/run_many-$(date -u +%Y%m%d-%H%M%S)"
    if [ -e "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
        die "--out=$out exists and is not empty; choose another folder"
    fi
    if [ -n "$build_dir" ]; then
        flags+=("--build-dir=$build_dir")
    fi
}

# worse CODE RC: the run's code after one more run (2 > 3 > 1 > 77 > 0: all skipped is said).
worse() {
    for c in 2 3 1 77 0; do
        if [ "$1" = "$c" ] || [ "$2" = "$c" ]; then
            echo "$c"
            return
        fi
    done
    echo 3
}

main() {
    parse "$@"
    find_benchgate
    check_args
    # The settings are checked once, by every bench executable, before anything runs.
    "$bg" start --dry-run ${flags[@]+"${flags[@]}"} >/dev/null ||
        die "benchgate start refused the settings (see above); nothing was run"
    mkdir -p "$out" || die "cannot create $out"
    chmod 0750 "$out" 2>/dev/null
    code=0
    i=1
    while [ "$i" -le "$runs" ]; do
        echo "$me: run $i of $runs into $out/run-$i" >&2
        "$bg" start ${flags[@]+"${flags[@]}"} "--output-dir=$out/run-$i"
        rc=$?
        case $rc in
        130 | 143) exit "$rc" ;;
        esac
        code=$(worse "$code" "$rc")
        [ "$rc" = 2 ] && break
        i=$((i + 1))
    done
    dirs=()
    j=1
    while [ "$j" -le "$runs" ]; do
        [ -f "$out/run-$j/result.json" ] && dirs+=("$out/run-$j")
        j=$((j + 1))
    done
    [ ${#dirs[@]} -gt 0 ] || die "no run wrote a result"
    ext=$format
    [ "$format" = table ] && ext=txt
    "$bg" summary "--format=$format" "${dirs[@]}" >"$out/summary.$ext" || code=2
    cat "$out/summary.$ext"
    echo "$me: ${#dirs[@]} run(s) in $out, summary in $out/summary.$ext (exit $code)" >&2
    exit "$code"
}

main "$@"
