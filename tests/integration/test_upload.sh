#!/usr/bin/env bash
# test_upload.sh TOOL MODE BENCHGATE SOURCE_DIR - an upload against upload_server.py (HTTPS with
# a self-signed certificate made here by openssl).
#
# TOOL: "benchgate" (benchgate upload) or "script" (scripts/upload_results.sh).
# MODE: retry    - the first 2 requests get 503: the 3rd succeeds; checked: the form fields and
#                  files that arrived (byte for byte), the token in the Authorization header of
#                  every request, the backoff between requests, and that the token appears
#                  neither in the output nor in any process's command line (sampled from
#                  /proc/*/cmdline and ps while the upload runs);
#       giveup   - every request gets 503: exit 2 after --attempts=3 requests;
#       refuse   - 401: exit 2 after 1 request (not retried), the message has the status;
#       tlsfail  - no --cacert: the certificate is not trusted, exit 2, nothing stored;
#       insecure - no --cacert but --insecure: uploaded, with a warning;
#       down     - nothing listens: exit 2 after the attempts, a message.
# Exit: 0 pass, 1 fail, 77 skipped (no python3, openssl or curl).
set -u
tool=$1 mode=$2 benchgate=$3 src=$4
BACKOFF=0.2

command -v python3 >/dev/null 2>&1 || { echo "skip: no python3"; exit 77; }
command -v openssl >/dev/null 2>&1 || { echo "skip: no openssl"; exit 77; }
[ "$tool" = benchgate ] || command -v curl >/dev/null 2>&1 || { echo "skip: no curl"; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-upload.XXXXXX") || exit 1
server_pid="" sampler_pid=""
cleanup() {
    [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
    echo "FAIL ($tool $mode): $*"
    echo "--- stdout"; cat "$tmp/out" 2>/dev/null
    echo "--- stderr"; cat "$tmp/err" 2>/dev/null
    echo "--- requests"; ls "$tmp/log" 2>/dev/null
    exit 1
}

# A run directory: a real result, its CSV and Markdown.
run="$tmp/run dir"
mkdir -p "$run" "$tmp/log"
cp "$src/fixtures/results/small/result.json" "$run/"
"$benchgate" export --format=csv --output="$run/result.csv" "$run" >/dev/null || fail "export csv"
"$benchgate" export --format=md --output="$run/summary.md" "$run" >/dev/null || fail "export md"

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 1 \
    -subj /CN=localhost -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" >/dev/null 2>&1 ||
    fail "openssl could not make a certificate"

server_mode=retry
case "$mode" in
giveup | down) server_mode=always ;;
refuse) server_mode=refuse ;;
esac
python3 "$src/tests/integration/upload_server.py" --cert "$tmp/cert.pem" --key "$tmp/key.pem" \
    --log-dir "$tmp/log" --mode "$server_mode" --fail 2 --delay 0.3 >"$tmp/port" 2>"$tmp/server.err" &
server_pid=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
port=$(head -n 1 "$tmp/port")
[ -n "$port" ] || fail "the server did not start: $(cat "$tmp/server.err")"
if [ "$mode" = down ]; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null
    server_pid=""
fi
url="https://127.0.0.1:$port/api/runs"

token="bgtok-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
export BENCHGATE_UPLOAD_TOKEN="$token"
set -- "--attempts=3" "--backoff=$BACKOFF" "--max-delay=2" "--timeout=10"
case "$mode" in
tlsfail) ;;
insecure) set -- "$@" --insecure ;;
*) set -- "$@" "--cacert=$tmp/cert.pem" ;;
esac

# Samples every process's command line while the upload runs, one line a process, with bash's
# own read (a `tr` per process made a round longer than the upload on a loaded machine, and the
# upload was then never seen); the upload starts once the first round is written.
sampler() {
    while :; do
        for f in /proc/[0-9]*/cmdline; do
            line=""
            while IFS= read -r -d '' arg; do line="$line $arg"; done 2>/dev/null <"$f"
            echo "$line"
        done
        sleep 0.02
    done >>"$tmp/cmdlines"
}
sampler &
sampler_pid=$!
for _ in $(seq 200); do [ -s "$tmp/cmdlines" ] && break; sleep 0.02; done
if [ "$tool" = benchgate ]; then
    "$benchgate" upload "$@" "$url" "$run" >"$tmp/out" 2>"$tmp/err"
else
    shell=bash
    [ -n "${BG_TEST_SHELL-}" ] && shell=$BG_TEST_SHELL # zsh: the script under zsh
    "$shell" "$src/scripts/upload_results.sh" "$@" "$url" "$run" >"$tmp/out" 2>"$tmp/err"
fi
rc=$?
kill "$sampler_pid" 2>/dev/null
wait "$sampler_pid" 2>/dev/null
sampler_pid=""
requests=$(find "$tmp/log" -name '*.json' | wc -l | tr -d ' ')

# The secret stays secret whatever happened.
grep -qF "$token" "$tmp/out" "$tmp/err" && fail "the token appears in the output"
case "$mode" in # the server holds each answer 0.3 s: long enough to be sampled
retry | giveup | refuse | insecure)
    grep -Eq ' upload |upload_results\.sh ' "$tmp/cmdlines" || fail "the upload's process was never sampled"
    ;;
esac
grep -qF "$token" "$tmp/cmdlines" && fail "the token appears in a process's command line"

expect() { # expect EXIT REQUESTS
    [ "$rc" = "$1" ] || fail "exit $rc, expected $1"
    [ "$requests" = "$2" ] || fail "$requests request(s) reached the server, expected $2"
}

case "$mode" in
retry)
    expect 0 3
    python3 - "$tmp/log" "$run" "$token" "$BACKOFF" <<'EOF' || fail "the requests are not right"
import glob, json, os, sys
log, run, token, backoff = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
reqs = [json.load(open(f)) for f in sorted(glob.glob(os.path.join(log, "*.json")))]
for r in reqs:
    assert r["headers"].get("Authorization") == "Bearer " + token, r["headers"]
    assert r["path"] == "/api/runs", r["path"]
last = reqs[-1]
doc = json.load(open(os.path.join(run, "result.json")))
assert last["fields"]["run_id"] == doc["run"]["run_id"], last["fields"]
assert last["fields"]["machine_class"] == doc["system"]["machine_class"], last["fields"]
assert last["fields"]["hostname"] == doc["system"]["hostname"], last["fields"]
for name in ("result.json", "result.csv", "summary.md"):
    sent = last["files"][name]
    assert sent["filename"] == name, sent
    assert sent["text"] == open(os.path.join(run, name), encoding="latin-1").read(), name
assert last["files"]["result.json"]["type"] == "application/json"
# Each request lands 0.3 s (the server's delay) + the backoff delay after the previous one.
for k in (1, 2):
    gap = reqs[k]["time"] - reqs[k - 1]["time"]
    want = 0.3 + backoff * 2 ** (k - 1) * 0.75
    assert gap >= want - 0.02, "gap %d is %.3f s, expected >= %.3f s" % (k, gap, want)
print("requests ok: 3, token in every header, files identical")
EOF
    grep -q "uploaded" "$tmp/out" || fail "no success line"
    grep -q "503" "$tmp/err" || fail "the retries were not logged"
    ;;
giveup)
    expect 2 3
    grep -q "failed after 3 attempt(s): HTTP 503" "$tmp/err" || fail "no give-up message"
    ;;
refuse)
    expect 2 1
    grep -q "HTTP 401" "$tmp/err" || fail "no 401 in the message"
    ;;
tlsfail)
    expect 2 0
    grep -qi "certificate\|SSL\|curl exit 60" "$tmp/err" || fail "no certificate problem named"
    ;;
insecure)
    expect 0 3
    grep -q "insecure" "$tmp/err" || fail "no --insecure warning"
    ;;
down)
    expect 2 0
    grep -q "failed after 3 attempt(s)" "$tmp/err" || fail "no give-up message"
    ;;
*) fail "unknown mode" ;;
esac
echo "ok ($tool $mode)"
