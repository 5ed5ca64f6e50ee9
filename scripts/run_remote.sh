#!/usr/bin/env bash
# run_remote.sh - runs the benchgate suite on several machines over SSH, collects their run
# directories here and summarises them.
#
# usage: scripts/run_remote.sh --hosts=FILE|HOST,HOST... [--ssh-opts='OPTS'] [--jobs=N]
#                              [--remote-dir=DIR] [--remote-benchgate=PATH] [--out=DIR]
#                              [--timeout=S] [--dry-run] [-- START_FLAGS...]
#
#   --hosts             a file with one [user@]host per line (# comments), or a comma list
#   --ssh-opts          options for every ssh call, split on blanks (e.g. '-p 2222 -i ~/.ssh/k');
#                       BatchMode=yes and ConnectTimeout=10 are always added
#   --jobs=N            hosts run at the same time (default 4)
#   --remote-dir=DIR    the checkout on every host (default: this checkout's path)
#   --remote-benchgate  the benchgate there (default REMOTE_DIR/build/src/cli/benchgate)
#   --out=DIR           where the runs are collected (default results/remote-<UTC time>):
#                       OUT/<host>/<run>/ (result.json, result.csv, ...), OUT/<host>/ssh.log,
#                       OUT/<host>/exit, and OUT/summary.md
#   --timeout=S         limit for one host's run, with timeout(1) when present (default 7200)
#   --dry-run           print the ssh commands, run nothing
#   START_FLAGS         passed to `benchgate start` on every host (e.g. --bench='^mlp$')
#
# On each host: cd REMOTE_DIR && benchgate start --no-ui --output-dir=results/<run>-<host>;
# the run directory comes back through `tar | ssh` (nothing but ssh is needed on either side),
# then `benchgate summary` (this checkout's, or $BENCHGATE) aggregates every collected run.
# Arguments reach the remote shell single-quoted; host names are checked ([user@]host only).
# Exit: 0 every host ran and exited 0; else the worst code (2 > 3 > 1; an unreachable host or
# a failed copy counts as 2). Works with Bash 3.2+ (macOS) and zsh.
set -u
if [ -n "${ZSH_VERSION-}" ]; then emulate sh; fi

prog=run_remote.sh
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
hosts_arg="" ssh_opts="" jobs=4 remote_dir=$repo remote_bg="" out="" timeout=7200 dry_run=0

die() {
    echo "$prog: error: $*" >&2
    exit 2
}
say() { echo "$prog: $*"; }

while [ $# -gt 0 ]; do
    case "$1" in
    --hosts=*) hosts_arg=${1#*=} ;;
    --ssh-opts=*) ssh_opts=${1#*=} ;;
    --jobs=*) jobs=${1#*=} ;;
    --remote-dir=*) remote_dir=${1#*=} ;;
    --remote-benchgate=*) remote_bg=${1#*=} ;;
    --out=*) out=${1#*=} ;;
    --timeout=*) timeout=${1#*=} ;;
    --dry-run) dry_run=1 ;;
    --help | -h)
        sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'
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

[ -n "$hosts_arg" ] || die "no hosts (--hosts=FILE or --hosts=host1,host2)"
case "$jobs" in '' | *[!0-9]* | 0) die "--jobs: '$jobs' is not a number above 0" ;; esac
case "$timeout" in '' | *[!0-9]* | 0) die "--timeout: '$timeout' is not whole seconds" ;; esac
case "$remote_dir" in '' | *"'"*) die "--remote-dir: '$remote_dir' is empty or holds a quote" ;; esac
remote_bg=${remote_bg:-$remote_dir/build/src/cli/benchgate}
benchgate=${BENCHGATE:-$repo/build/src/cli/benchgate}
stamp=$(date -u +%Y%m%d-%H%M%S)
run_name="remote-$stamp"
out=${out:-results/$run_name}

# The host list, one per line, each checked.
if [ -f "$hosts_arg" ]; then
    host_list=$(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e 's/^[[:space:]]*//' "$hosts_arg" | grep -v '^$')
else
    host_list=$(printf '%s\n' "$hosts_arg" | tr ',' '\n' | grep -v '^$')
fi
[ -n "$host_list" ] || die "--hosts: no host in '$hosts_arg'"
for h in $host_list; do
    case "$h" in
    -* | *[!A-Za-z0-9._@-]* | *@*@*) die "--hosts: '$h' is not [user@]host" ;;
    esac
done
dups=$(printf '%s\n' "$host_list" | sort | uniq -d)
[ -z "$dups" ] || die "--hosts: listed twice: $dups"

# One argument for the remote shell: single-quoted, ' written as '\''.
quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
start_flags=""
for a in "$@"; do start_flags="$start_flags $(quote "$a")"; done
host_dir() { printf '%s' "$1" | tr -c 'A-Za-z0-9._-' '_'; }

limit=""
command -v timeout >/dev/null 2>&1 && limit="timeout $timeout"

# ssh with the options (split on blanks on purpose) and the fixed safety options.
remote() {
    h=$1
    shift
    # shellcheck disable=SC2086 # the options and the limit are meant to split into words
    $limit ssh $ssh_opts -o BatchMode=yes -o ConnectTimeout=10 -o ServerAliveInterval=30 \
        -- "$h" "$@"
}

run_host() {
    h=$1 dir="$out/$(host_dir "$1")"
    name="$run_name-$(host_dir "$1")"
    cmd="cd $(quote "$remote_dir") && $(quote "$remote_bg") start --no-ui --output-dir=$(quote "results/$name")$start_flags"
    if [ "$dry_run" = 1 ]; then
        say "would run on $h: ssh $ssh_opts $h $cmd"
        return 0
    fi
    mkdir -p "$dir" || return 2
    remote "$h" "$cmd" >"$dir/ssh.log" 2>&1
    code=$?
    get="cd $(quote "$remote_dir/results") && tar -cf - $(quote "$name")"
    if remote "$h" "$get" 2>>"$dir/ssh.log" | tar -C "$dir" -xf - 2>>"$dir/ssh.log" &&
        [ -f "$dir/$name/result.json" ]; then
        say "$h: exit $code, collected $dir/$name"
    else
        say "$h: exit $code, nothing collected (see $dir/ssh.log)" >&2
        [ "$code" = 0 ] || [ "$code" = 1 ] || [ "$code" = 3 ] || code=2
        [ "$code" != 0 ] || code=2
    fi
    echo "$code" >"$dir/exit"
}

[ "$dry_run" = 1 ] || mkdir -p "$out" || die "cannot create $out"
say "$(printf '%s\n' "$host_list" | wc -l | tr -d ' ') host(s), $jobs at a time, into $out"
pids="" running=0
for h in $host_list; do
    if [ "$running" -ge "$jobs" ]; then
        first=${pids%% *}
        wait "$first"
        pids=${pids#* }
        running=$((running - 1))
    fi
    run_host "$h" &
    pids="$pids$! "
    running=$((running + 1))
done
wait
[ "$dry_run" = 0 ] || exit 0

# The run's code: 2 > 3 > 1 > 0 over the hosts.
worst=0
for h in $host_list; do
    c=$(cat "$out/$(host_dir "$h")/exit" 2>/dev/null || echo 2)
    case "$c" in
    0) ;;
    1) [ "$worst" = 0 ] && worst=1 ;;
    3) [ "$worst" = 2 ] || worst=3 ;;
    *) worst=2 ;;
    esac
done

runs=$(find "$out" -mindepth 3 -maxdepth 3 -name result.json | sed 's|/result.json$||' | sort)
if [ -z "$runs" ]; then
    die "no run directory was collected (see $out/*/ssh.log)"
fi
[ -x "$benchgate" ] || die "$benchgate: not built here (set BENCHGATE) - the runs are in $out"
# shellcheck disable=SC2086 # one run directory per line, no blanks (checked names)
"$benchgate" summary --format=md $runs >"$out/summary.md" || worst=2
# shellcheck disable=SC2086
"$benchgate" summary $runs || worst=2
say "summary of $(printf '%s\n' "$runs" | wc -l | tr -d ' ') run(s) in $out/summary.md (exit $worst)"
exit "$worst"
