#!/usr/bin/env bash
# test_progress_tmux.sh - benchgate start on a terminal (a tmux pane): the progress line is
# redrawn about once a second, it is coloured unless NO_COLOR is set, and when the run ends the
# screen has a clean last line (no leftover fragments of the progress line).
#
# Usage: test_progress_tmux.sh BUILD_DIR SOURCE_DIR
# Exit: 0 pass, 1 fail, 77 skipped (tmux is not installed).
set -u
build=$(cd "$1" && pwd) || exit 1
bg="$build/src/cli/benchgate"
if ! command -v tmux >/dev/null 2>&1; then
    echo "SKIP: tmux is not installed (Debian package tmux; scripts/install_deps.sh installs it)"
    exit 77
fi
[ -x "$bg" ] || { echo "FAIL: $bg missing (build first)"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-tmux.XXXXXX")
sock="bg-progress-$$-0"
cleanup() {
    for s in "bg-progress-$$-colour" "bg-progress-$$-plain"; do
        tmux -L "$s" kill-server >/dev/null 2>&1
    done
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
    echo "FAIL: $*"
    echo "--- pane"
    tmux -L "$sock" capture-pane -p -t bg 2>/dev/null
    exit 1
}

# last_line: the last non-empty line of the pane
last_line() {
    tmux -L "$sock" capture-pane -p -t bg | awk 'NF { line = $0 } END { print line }'
}

# start_run NAME ENV: benchgate start in a fresh pane (own tmux server), slow enough to be
# paused mid-way
start_run() {
    tmux -L "$sock" kill-server >/dev/null 2>&1
    sock="bg-progress-$$-$1"
    tmux -L "$sock" -f /dev/null new-session -d -s bg -x 150 -y 40 \
        "cd '$tmp' && env TERM=xterm-256color $2 '$bg' start --build-dir='$build' \
         '--filter=^(overhead/cpu|gatecheck/.*)\$' --min-time=0.4 --max-time=0.5 \
         --repetitions=2 --baseline=off --history=off --output-dir='$tmp/$1'; \
         echo EXIT=\$?; sleep 120" || fail "tmux did not start"
    for _ in $(seq 100); do
        case $(last_line) in *" elapsed "*) return 0 ;; esac
        sleep 0.05
    done
    fail "no progress line appeared"
}

# 1. the line is redrawn about each second (paused, so that only the clock moves)
start_run colour ""
"$bg" pause "$tmp/colour" --wait=20 >/dev/null || fail "pause failed"
t0=$(date +%s.%N)
: >"$tmp/captures"
for _ in $(seq 18); do # 3.6 s of captures, 5 a second
    printf '%s\t%s\n' "$(date +%s.%N)" "$(last_line)" >>"$tmp/captures"
    sleep 0.2
done
python3 - "$tmp/captures" "$t0" <<'PYEOF' || fail "the progress line does not change once a second"
import re, sys
rows = [line.rstrip("\n").split("\t", 1) for line in open(sys.argv[1])]
changes, last = [], None
for t, text in rows:
    if not re.search(r"\[[#-]{20}\] .*elapsed", text):
        sys.exit("not a progress line: %r" % text)
    if text != last:
        changes.append((float(t), text))
        last = text
times = [t for t, _ in changes[1:]]  # the first capture is no change
gaps = [b - a for a, b in zip(times, times[1:])]
clock = [int(m.group(1)) * 60 + int(m.group(2))
         for m in (re.search(r"(\d+):(\d\d) elapsed", text) for _, text in changes)]
print("changes at %s s; gaps %s; elapsed %s" % (
    ["%.2f" % (t - float(sys.argv[2])) for t in times], ["%.2f" % g for g in gaps], clock))
if len(times) < 3:
    sys.exit("only %d changes in 3.6 s" % len(times))
if any(g < 0.5 or g > 1.6 for g in gaps):
    sys.exit("a gap between redraws is not about 1 s")
if any(b - a != 1 for a, b in zip(clock, clock[1:])):
    sys.exit("the elapsed clock does not advance by one second per redraw")
if "PAUSED" not in changes[-1][1]:
    sys.exit("a paused run does not say PAUSED")
PYEOF
tmux -L "$sock" capture-pane -p -e -t bg | grep -q $'\033\\[33mPAUSED' || fail "the line is not coloured"
"$bg" resume "$tmp/colour" --wait=20 >/dev/null || fail "resume failed"
for _ in $(seq 300); do
    case $(last_line) in EXIT=*) break ;; esac
    sleep 0.05
done

# 2. the final screen: the run's last line, then the exit; no fragment of the bar anywhere
screen=$(tmux -L "$sock" capture-pane -p -t bg)
[ "$(last_line)" = "EXIT=0" ] || fail "the last line is '$(last_line)', not EXIT=0"
printf '%s\n' "$screen" | awk 'NF' | tail -n 2 | head -n 1 | grep -q '^benchgate: run .*: results in .* (exit 0)$' ||
    fail "the line before the exit is not the run's last line"
if printf '%s\n' "$screen" | grep -Eq '\[[#-]{5,}|elapsed  |PAUSED'; then
    fail "a fragment of the progress line is left on the screen"
fi
echo "final screen clean: $(printf '%s\n' "$screen" | awk 'NF' | tail -n 2 | head -n 1)"

# 3. NO_COLOR: the line is still drawn, without colour codes
start_run plain "NO_COLOR=1"
"$bg" pause "$tmp/plain" --wait=20 >/dev/null || fail "pause failed"
sleep 1.1
if tmux -L "$sock" capture-pane -p -e -t bg | grep -q $'\033\\[3[0-9]m'; then
    fail "NO_COLOR is set but the line is coloured"
fi
echo "NO_COLOR: $(last_line)"
"$bg" resume "$tmp/plain" --wait=20 >/dev/null
for _ in $(seq 300); do
    case $(last_line) in EXIT=*) break ;; esac
    sleep 0.05
done
[ "$(last_line)" = "EXIT=0" ] || fail "the NO_COLOR run did not finish"
echo "PASS: progress line redrawn each second, coloured unless NO_COLOR, clean last line"
