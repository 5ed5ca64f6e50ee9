#!/usr/bin/env bash
# test_notify.sh MODE BENCHGATE BUILD_DIR SOURCE_DIR - notifications at the end of
# `benchgate start`, against a local SMTP server (aiosmtpd, through smtp_server.py) and a
# recording hook.
#
# MODE: email     - the message arrives: envelope sender and both recipients, the subject with
#                   the status and run id, the summary and the benchmark table in the body;
#       command   - a hook from bench.yaml (a YAML list) gets its arguments literally (shell
#                   metacharacters included: nothing is run by a shell), the summary on stdin,
#                   BENCHGATE_RUN_DIR, BENCHGATE_EXIT and BENCHGATE_STATUS in its environment,
#                   and not benchgate's secrets (BENCHGATE_SMTP_PASSWORD, ..._UPLOAD_TOKEN);
#       desktop   - notify-send (a recording stand-in on PATH) gets the subject;
#       smtp_down - nothing listens on the SMTP port: a warning in the log (stderr and run.log),
#                   the hook still runs, the run exits 0 and its results are complete and ok;
#       failure   - notify on: failure, and the run succeeds: nothing is sent.
# Exit: 0 pass, 1 fail, 77 skipped (no python3, or no python3-aiosmtpd for email and failure).
set -u
mode=$1 benchgate=$2 build=$3 src=$4

command -v python3 >/dev/null 2>&1 || { echo "skip: no python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-notify.XXXXXX") || exit 1
sink_pid=""
cleanup() {
    [ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
    echo "FAIL ($mode): $*"
    echo "--- stdout"; cat "$tmp/out" 2>/dev/null
    echo "--- stderr"; cat "$tmp/err" 2>/dev/null
    echo "--- mail"; cat "$tmp/mail/"*.eml 2>/dev/null
    exit 1
}
cd "$tmp" || exit 1
mkdir -p mail bin

# The modes that send mail get a real SMTP server: aiosmtpd (Debian's python3-aiosmtpd, for
# /usr/bin/python3; the python3 on PATH may be another one). The others get a port where nothing
# listens.
py=/usr/bin/python3
[ -x "$py" ] || py=python3
case "$mode" in
email | failure)
    if ! "$py" -c 'import aiosmtpd' 2>/dev/null; then
        echo "skip: python3-aiosmtpd not installed (the SMTP server of this test)"
        exit 77
    fi
    "$py" "$src/tests/integration/smtp_server.py" --out-dir "$tmp/mail" >"$tmp/port" 2>"$tmp/sink.err" &
    sink_pid=$!
    for _ in $(seq 200); do [ -s "$tmp/port" ] && break; sleep 0.05; done
    port=$(head -n 1 "$tmp/port")
    [ -n "$port" ] || fail "the SMTP server did not start: $(cat "$tmp/sink.err")"
    ;;
*) port=$("$py" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])") ;;
esac

# The hook: records its arguments, stdin and environment.
cat >"$tmp/hook.py" <<'EOF'
import json, os, sys
json.dump({"argv": sys.argv[1:], "stdin": sys.stdin.read(),
           "env": {k: v for k, v in os.environ.items() if k.startswith("BENCHGATE_")}},
          open(os.path.join(os.path.dirname(sys.argv[0]), "hook.json"), "w"))
EOF
cat >"$tmp/bin/notify-send" <<EOF
#!/bin/sh
printf '%s\n' "\$@" >"$tmp/desktop.args"
EOF
chmod +x "$tmp/bin/notify-send"
cat >"$tmp/bench.yaml" <<EOF
version: 1
notify:
  on: always
  command: [python3, "$tmp/hook.py", "\$(touch $tmp/pwned)", "a; touch $tmp/pwned2", "it's", ""]
EOF

set -- start --build-dir="$build" --filter='^(overhead/cpu|triad/cpu/n=1024)$' --min-time=0.01 \
    --max-time=0.02 --repetitions=1 --baseline=off --history=off --output-dir="$tmp/run" --no-ui
smtp="--notify-smtp-url=smtp://127.0.0.1:$port"
from="--notify-from=bench@example.test" to="--notify-to=alice@example.test,bob@example.test"
case "$mode" in
email) PATH="/nonexistent:$PATH" "$benchgate" "$@" "$smtp" "$from" "$to" >"$tmp/out" 2>"$tmp/err" ;;
command)
    BENCHGATE_SMTP_PASSWORD=pw-secret BENCHGATE_UPLOAD_TOKEN=tok-secret \
        "$benchgate" "$@" --config="$tmp/bench.yaml" >"$tmp/out" 2>"$tmp/err"
    ;;
desktop) PATH="$tmp/bin:$PATH" "$benchgate" "$@" --notify-desktop >"$tmp/out" 2>"$tmp/err" ;;
smtp_down) "$benchgate" "$@" --config="$tmp/bench.yaml" "$smtp" "$from" "$to" >"$tmp/out" 2>"$tmp/err" ;;
failure) "$benchgate" "$@" --notify-on=failure "$smtp" "$from" "$to" >"$tmp/out" 2>"$tmp/err" ;;
*) fail "unknown mode" ;;
esac
rc=$?
[ "$rc" = 0 ] || fail "benchgate start exited $rc"
run_id=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['run']['run_id'])" \
    "$tmp/run/result.json") || fail "no result.json"

check_hook() {
    [ -f "$tmp/hook.json" ] || fail "the hook did not run"
    if [ -e "$tmp/pwned" ] || [ -e "$tmp/pwned2" ]; then
        fail "a shell ran the hook's arguments"
    fi
    python3 - "$tmp/hook.json" "$tmp" "$tmp/run" <<'EOF' || fail "the hook got the wrong input"
import json, sys
h, tmp, run = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
assert h["argv"] == ["$(touch %s/pwned)" % tmp, "a; touch %s/pwned2" % tmp, "it's", ""], h["argv"]
assert h["env"]["BENCHGATE_RUN_DIR"] == run, h["env"]
assert h["env"]["BENCHGATE_EXIT"] == "0" and h["env"]["BENCHGATE_STATUS"] == "ok", h["env"]
assert not {"BENCHGATE_SMTP_PASSWORD", "BENCHGATE_UPLOAD_TOKEN"} & set(h["env"]), h["env"]
assert "benchmarks: 2 (2 ok, 0 skipped, 0 error)" in h["stdin"], h["stdin"]
assert "triad/cpu/n=1024" in h["stdin"], h["stdin"]
print("hook ok")
EOF
}

case "$mode" in
email)
    python3 - "$tmp/mail" "$run_id" <<'EOF' || fail "the email is not right"
import email, glob, json, os, sys
from email.policy import default
out, run_id = sys.argv[1], sys.argv[2]
msgs = sorted(glob.glob(os.path.join(out, "*.eml")))
assert len(msgs) == 1, msgs
env = json.load(open(msgs[0][:-4] + ".json"))
assert env["mail_from"] == "bench@example.test", env
assert env["rcpt_to"] == ["alice@example.test", "bob@example.test"], env
m = email.message_from_bytes(open(msgs[0], "rb").read(), policy=default)
assert m["Subject"].startswith("benchgate: ok: run %s on " % run_id), m["Subject"]
assert m["Subject"].endswith("(exit 0)"), m["Subject"]
assert [a.addr_spec for a in m["To"].addresses] == ["alice@example.test", "bob@example.test"]
body = m.get_content()
assert "status: ok (exit 0)" in body and "benchmarks: 2 (2 ok" in body, body
assert "| triad/cpu/n=1024" in body or "triad/cpu/n=1024" in body, body
print("email ok:", m["Subject"])
EOF
    grep -q "email sent to alice@example.test,bob@example.test" "$tmp/err" || fail "not logged"
    grep -q "email sent" "$tmp/run/run.log" || fail "not in run.log"
    ;;
command)
    check_hook
    ;;
desktop)
    [ -f "$tmp/desktop.args" ] || fail "notify-send was not run"
    grep -q "^benchgate: ok: run $run_id on " "$tmp/desktop.args" || fail "no subject for notify-send"
    grep -q "desktop notification sent" "$tmp/err" || fail "not logged"
    ;;
smtp_down)
    grep -q "warning: email notification failed: email through smtp://127.0.0.1:$port failed" \
        "$tmp/err" || fail "no warning on stderr"
    grep -q "warning: email notification failed" "$tmp/run/run.log" || fail "no warning in run.log"
    check_hook
    python3 - "$tmp/run/result.json" <<'EOF' || fail "the results are not complete and ok"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["complete"] is True
for b in d["benchmarks"]:
    assert b["status"] == "ok" and b["metrics"]["time_ns"]["status"] == "ok", b["name"]
EOF
    ;;
failure)
    sleep 0.3
    [ -z "$(ls "$tmp/mail")" ] || fail "a message was sent for a run that succeeded"
    ;;
esac
echo "ok ($mode)"
