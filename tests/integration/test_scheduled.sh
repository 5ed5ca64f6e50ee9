#!/usr/bin/env bash
# test_scheduled.sh MODE BENCHGATE BUILD_DIR SOURCE_DIR - the scheduled runs.
#
# MODE: cron - scripts/cron/benchgate-weekly.sh: --dry-run prints the steps (cd, start, upload),
#              checks the flags through `benchgate start --dry-run` and writes nothing (also
#              under zsh when it is installed); bad flags exit 2; a real short run makes
#              RESULTS/weekly-*/result.json and releases its lock; a held lock exits 2; every
#              active line of crontab.example has five time fields and calls the wrapper.
#       ps1  - scripts/windows/*.ps1 pass the structural lint of check_ps1.py (pwsh is not
#              available here: the scripts are not executed).
# Exit: 0 pass, 1 fail, 77 skipped (no python3).
set -u
mode=$1 benchgate=$2 build=$3 src=$4

command -v python3 >/dev/null 2>&1 || { echo "skip: no python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-sched.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() {
    echo "FAIL ($mode): $*"
    echo "--- stdout"; cat "$tmp/out" 2>/dev/null
    echo "--- stderr"; cat "$tmp/err" 2>/dev/null
    exit 1
}

if [ "$mode" = ps1 ]; then
    python3 "$src/tests/integration/check_ps1.py" "$src"/scripts/windows/*.ps1 || fail "lint"
    grep -q "Register-ScheduledTask" "$src/scripts/windows/Register-BenchgateTask.ps1" ||
        fail "no Register-ScheduledTask"
    grep -q "BENCHGATE_UPLOAD_TOKEN" "$src/scripts/windows/Invoke-BenchgateNightly.ps1" ||
        fail "the token is not taken from the environment"
    echo "ok ($mode)"
    exit 0
fi
[ "$mode" = cron ] || fail "unknown mode"

wrapper="$src/scripts/cron/benchgate-weekly.sh"
flags="--filter=^(overhead/cpu|triad/cpu/n=1024)$"
for shell in bash zsh; do
    command -v "$shell" >/dev/null 2>&1 || continue
    BENCHGATE="$benchgate" BENCHGATE_UPLOAD_URL=https://bench.example.test/api/runs \
        "$shell" "$wrapper" --repo="$src" --build-dir="$build" --results="$tmp/results" \
        --dry-run -- "$flags" >"$tmp/out" 2>"$tmp/err" || fail "$shell: dry run exited $?"
    grep -q "benchgate-weekly: would cd to $src$" "$tmp/out" || fail "$shell: no cd step"
    grep -qF "would run: $benchgate start --build-dir=$build --output-dir=$tmp/results/weekly-" \
        "$tmp/out" || fail "$shell: no start step"
    grep -qF -- "--no-ui $flags" "$tmp/out" || fail "$shell: the start flags were not passed"
    grep -q "would upload: $benchgate upload https://bench.example.test/api/runs $tmp/results/weekly-" \
        "$tmp/out" || fail "$shell: no upload step"
    grep -q "^would run triad (1 instance(s))" "$tmp/out" || fail "$shell: start --dry-run not run"
    [ ! -e "$tmp/results" ] || fail "$shell: the dry run wrote $tmp/results"
done

BENCHGATE="$benchgate" bash "$wrapper" --repo="$src" --bogus >"$tmp/out" 2>"$tmp/err"
[ $? = 2 ] || fail "a bad flag did not exit 2"
grep -q "unknown argument '--bogus'" "$tmp/err" || fail "no message for a bad flag"
BENCHGATE="$benchgate" bash "$wrapper" --repo="$src" --upload=http://x --dry-run >"$tmp/out" 2>"$tmp/err"
[ $? = 2 ] || fail "an http:// upload URL was accepted"

(cd "$tmp" && BENCHGATE="$benchgate" bash "$wrapper" --repo="$src" --build-dir="$build" \
    --results="$tmp/results" -- "$flags" --min-time=0.01 --max-time=0.02 --repetitions=1 \
    --baseline=off --history=off) >"$tmp/out" 2>"$tmp/err" || fail "the real run exited $?"
run=$(find "$tmp/results" -maxdepth 1 -name 'weekly-*' | head -n 1)
[ -f "$run/result.json" ] || fail "no result.json in $tmp/results/weekly-*"
[ ! -e "$tmp/results/.benchgate-weekly.lock" ] || fail "the lock was left behind"
grep -q "benchgate start exited 0" "$tmp/out" || fail "the exit code was not logged"

mkdir "$tmp/results/.benchgate-weekly.lock" && echo $$ >"$tmp/results/.benchgate-weekly.lock/pid"
BENCHGATE="$benchgate" bash "$wrapper" --repo="$src" --build-dir="$build" --results="$tmp/results" \
    -- "$flags" >"$tmp/out" 2>"$tmp/err"
[ $? = 2 ] || fail "a held lock did not exit 2"
grep -q "holds $tmp/results/.benchgate-weekly.lock" "$tmp/err" || fail "no lock message"

python3 - "$src/scripts/cron/crontab.example" <<'EOF' || fail "crontab.example"
import re, sys
lines = [l for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")]
jobs = [l for l in lines if not re.match(r"^[A-Z_]+=", l)]
assert jobs, "no job line"
for l in jobs:
    fields = l.split(None, 5)
    assert len(fields) == 6, l
    for f, (lo, hi) in zip(fields[:5], ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))):
        for part in f.split(","):
            assert part == "*" or (part.isdigit() and lo <= int(part) <= hi), (f, l)
    assert "benchgate-weekly.sh" in fields[5] and "BENCHGATE_UPLOAD_TOKEN=" not in fields[5], l
print("crontab.example: %d job line(s) ok" % len(jobs))
EOF
echo "ok ($mode)"
