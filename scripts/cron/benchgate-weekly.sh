#!/usr/bin/env bash
# benchgate-weekly.sh - the scheduled run: cd to the repository, `benchgate start` into a new run
# directory (which sends the notifications of bench.yaml notify:), then upload it.
#
# usage: scripts/cron/benchgate-weekly.sh [--repo=DIR] [--build-dir=DIR] [--results=DIR]
#                                         [--upload=URL] [--dry-run] [-- START_FLAGS...]
#
#   --repo=DIR       the checkout (default: the one holding this script); the run starts there,
#                    so its bench.yaml applies
#   --build-dir=DIR  the build tree (default REPO/build); benchgate is BUILD/src/cli/benchgate,
#                    or $BENCHGATE when set
#   --results=DIR    where run directories go (default REPO/results): DIR/weekly-<UTC time>
#   --upload=URL     upload the run with `benchgate upload` (default $BENCHGATE_UPLOAD_URL;
#                    the token comes from BENCHGATE_UPLOAD_TOKEN, never from a flag)
#   --dry-run        print what would run and check the flags with `benchgate start --dry-run`
#   START_FLAGS      passed to benchgate start (e.g. --bench='^mlp$' --repetitions=5)
#
# A lock (RESULTS/.benchgate-weekly.lock) keeps two scheduled runs from overlapping. Every line
# it prints starts with a UTC time, for the log cron appends to (see crontab.example).
# Exit: benchgate start's code (0 ok, 1 regression, 3 failed, ...); 2 for bad usage, a held
# lock or a failed upload after a good run. Works with Bash 3.2+ (macOS) and zsh.
set -u
PATH="/usr/local/bin:/usr/bin:/bin:${PATH:-}"
export PATH

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build="" results="" upload=${BENCHGATE_UPLOAD_URL-} dry_run=0

say() { echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) benchgate-weekly: $*"; }
die() {
    say "error: $*" >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
    --repo=*) repo=${1#*=} ;;
    --build-dir=*) build=${1#*=} ;;
    --results=*) results=${1#*=} ;;
    --upload=*) upload=${1#*=} ;;
    --dry-run) dry_run=1 ;;
    --help | -h)
        sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    --)
        shift
        break
        ;;
    *) die "unknown argument '$1' (flags for benchgate start go after --)" ;;
    esac
    shift
done

[ -d "$repo" ] || die "--repo: $repo: not a directory"
cd "$repo" || die "cannot cd to $repo"
build=${build:-$repo/build}
results=${results:-$repo/results}
benchgate=${BENCHGATE:-$build/src/cli/benchgate}
[ -x "$benchgate" ] || die "$benchgate: not built (cmake --build $build), or set BENCHGATE"
case "$upload" in
'' | https://*) ;;
*) die "--upload: '$upload' is not an https:// URL" ;;
esac
run="$results/weekly-$(date -u +%Y%m%d-%H%M%S)"

if [ "$dry_run" = 1 ]; then
    say "would cd to $repo"
    say "would run: $benchgate start --build-dir=$build --output-dir=$run --no-ui $*"
    if [ -n "$upload" ]; then
        say "would upload: $benchgate upload $upload $run"
    else
        say "no upload (set --upload or BENCHGATE_UPLOAD_URL)"
    fi
    "$benchgate" start --build-dir="$build" --output-dir="$run" --no-ui --dry-run "$@"
    exit $?
fi

mkdir -p "$results" || die "cannot create $results"
lock="$results/.benchgate-weekly.lock"
if ! mkdir "$lock" 2>/dev/null; then
    owner=$(cat "$lock/pid" 2>/dev/null)
    if [ -n "$owner" ] && kill -0 "$owner" 2>/dev/null; then
        die "another scheduled run (pid $owner) holds $lock"
    fi
    say "removing the stale lock of pid ${owner:-unknown}"
    rm -rf "$lock"
    mkdir "$lock" || die "cannot take $lock"
fi
echo $$ >"$lock/pid"
trap 'rm -rf "$lock"' EXIT

say "start: $run"
"$benchgate" start --build-dir="$build" --output-dir="$run" --no-ui "$@"
code=$?
say "benchgate start exited $code"
if [ -n "$upload" ] && [ -f "$run/result.json" ]; then
    if "$benchgate" upload "$upload" "$run"; then
        say "uploaded $run"
    else
        say "warning: the upload of $run failed"
        [ "$code" = 0 ] && code=2
    fi
fi
exit "$code"
