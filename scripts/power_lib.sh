# shellcheck shell=bash
# power_lib.sh - what the power scripts share (ab_check.sh, power_check.sh, duet_probe.sh):
# sourced, not run. Bash 3.2.

# power_start_load TAG: two busy loops, on for 15 s and off for 15 s (three runnable threads on
# a 2-core machine half the time); sets power_loader to the pid of the loop that drives them.
power_start_load() {
    (
        while :; do
            for _ in 1 2; do timeout 15 sh -c "while :; do :; done # $1" & done
            wait
            sleep 15
        done
    ) &
    power_loader=$!
}

# power_stop_load TAG: stops what power_start_load TAG started.
power_stop_load() {
    [ -n "${power_loader:-}" ] && kill "$power_loader" 2>/dev/null
    pkill -f "$1" 2>/dev/null
    return 0
}

# power_make_sides WORK BUILD PCT: WORK/base and WORK/head, two build trees of BUILD's bench
# executables (copies, so a rebuild meanwhile changes nothing) whose manifests point to
# wrappers; the head's set BENCHGATE_EXTRA_WORK_PCT=PCT. The copies keep their file names: a
# bench names its baseline file after itself.
power_make_sides() {
    local work=$1 build=$2 extra=$3 side pct entry name exe labels args wrapper
    for side in base head; do
        mkdir -p "$work/$side/benchgate/manifest.d" "$work/$side/real" || return 1
        pct=0
        [ "$side" = head ] && pct=$extra
        for entry in "$build"/benchgate/manifest.d/*.tsv; do
            IFS=$(printf '\t') read -r name exe labels args <"$entry"
            cp "$exe" "$work/$side/real/" || return 1
            wrapper="$work/$side/$(basename "$exe")"
            printf '#!/bin/sh\nBENCHGATE_EXTRA_WORK_PCT=%s exec "%s" "$@"\n' "$pct" \
                "$work/$side/real/$(basename "$exe")" >"$wrapper"
            chmod +x "$wrapper"
            printf '%s\t%s\t%s\t%s\n' "$name" "$wrapper" "$labels" "$args" \
                >"$work/$side/benchgate/manifest.d/$(basename "$entry")"
        done
    done
}
