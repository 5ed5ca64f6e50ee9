#!/usr/bin/env bash
# archive_results.sh - the result archive policy: run directories older than a year move to cold
# storage as one .tar.gz each (verified before the original is removed).
#
# usage: scripts/archive_results.sh [--results=results] [--to=DIR] [--older-than-days=365]
#                                   [--apply]
# Without --apply it is a dry run: it lists what would move and changes nothing. --to is a
# folder (a mounted bucket or a cold-storage share). Only folders holding a result.json are
# archived; symlinks are not followed; nothing under ci/baselines or datasets is touched.
set -u
results=results to=archive days=365 apply=0
for arg in "$@"; do
    case $arg in
    --results=*) results=${arg#*=} ;;
    --to=*) to=${arg#*=} ;;
    --older-than-days=*) days=${arg#*=} ;;
    --apply) apply=1 ;;
    --help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "archive_results.sh: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
    esac
done
case $days in '' | *[!0-9]*) echo "archive_results.sh: --older-than-days: a whole number of days" >&2; exit 2 ;; esac
if [ ! -d "$results" ] || [ -L "$results" ]; then
    echo "archive_results.sh: $results: not a folder" >&2
    exit 2
fi
case "$results" in *ci/baselines* | *datasets*) echo "archive_results.sh: refusing to archive $results" >&2; exit 2 ;; esac
[ "$apply" = 1 ] && { mkdir -p "$to" || exit 2; }
moved=0 kept=0
for run in "$results"/*/ "$results"/*/*/; do
    run=${run%/}
    if [ ! -d "$run" ] || [ -L "$run" ] || [ ! -f "$run/result.json" ]; then
        continue
    fi
    if [ -z "$(find "$run" -maxdepth 0 -mtime +"$days")" ]; then
        kept=$((kept + 1))
        continue
    fi
    name=$(printf '%s' "${run#"$results"/}" | tr '/' '_')
    if [ "$apply" = 0 ]; then
        echo "would archive $run -> $to/$name.tar.gz"
    else
        if ! { tar -czf "$to/$name.tar.gz.part" -C "$(dirname "$run")" "$(basename "$run")" &&
            tar -tzf "$to/$name.tar.gz.part" >/dev/null &&
            mv "$to/$name.tar.gz.part" "$to/$name.tar.gz"; }; then
            echo "archive_results.sh: failed on $run; it was kept" >&2
            rm -f "$to/$name.tar.gz.part"
            exit 1
        fi
        rm -rf "$run"
        echo "archived $run -> $to/$name.tar.gz"
    fi
    moved=$((moved + 1))
done
echo "$([ "$apply" = 1 ] && echo archived || echo "would archive") $moved run(s); kept $kept younger than $days days"
