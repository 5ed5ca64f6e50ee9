#!/usr/bin/env bash
# upload_results.sh - sends a benchgate run directory to a central server over HTTPS.
#
# usage: scripts/upload_results.sh [--attempts=N] [--backoff=S] [--max-delay=S] [--timeout=S]
#                                  [--cacert=FILE] [--insecure] URL RUN_DIR
#
# One POST of multipart/form-data, the same as `benchgate upload URL RUN_DIR`: the fields
# run_id, machine_class and hostname, and the files result.json, result.csv and summary.md
# (the last two when present). The token in BENCHGATE_UPLOAD_TOKEN is sent as
# "Authorization: Bearer TOKEN" through curl's config on stdin (-K -): it never appears in a
# command line, a process list or the output. Network errors, HTTP 408, 429 and 5xx are retried
# with exponential backoff (--backoff, doubled each time, capped at --max-delay; a Retry-After
# is honoured up to that cap) and a random jitter of +-25%. TLS certificates are verified
# unless --insecure (a warning is printed).
#
# Why a script beside `benchgate upload`: it runs where benchgate is not built (a CI job that
# only collects the run directories of other jobs, a laptop with the artifacts), with nothing
# but bash and curl. Both are tested against one set of cases (tests/integration/test_upload.sh
# runs each mode with `benchgate upload` and with this script).
#
# Defaults: --attempts=5 --backoff=1 --max-delay=30 --timeout=120. Needs curl.
# Exit codes: 0 uploaded, 2 bad usage, bad input or the upload failed.
# Works with Bash 3.2+ (macOS) and zsh (zsh upload_results.sh ...).
set -u

prog=upload_results.sh
attempts=5 backoff=1 max_delay=30 timeout=120 cacert="" insecure=0 url="" dir=""

die() {
    echo "$prog: error: $*" >&2
    exit 2
}

is_number() { # a non-negative decimal: 2, 0.5
    case "$1" in
    '' | *[!0-9.]* | *.*.* | .) return 1 ;;
    esac
    return 0
}

for arg in "$@"; do
    case "$arg" in
    --attempts=*) attempts=${arg#*=} ;;
    --backoff=*) backoff=${arg#*=} ;;
    --max-delay=*) max_delay=${arg#*=} ;;
    --timeout=*) timeout=${arg#*=} ;;
    --cacert=*) cacert=${arg#*=} ;;
    --insecure) insecure=1 ;;
    --help | -h)
        sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    -*) die "unknown flag '$arg' (see --help)" ;;
    *)
        if [ -z "$url" ]; then
            url=$arg
        elif [ -z "$dir" ]; then
            dir=$arg
        else
            die "unexpected argument '$arg' (usage: $prog [flags] URL RUN_DIR)"
        fi
        ;;
    esac
done

if [ -z "$url" ] || [ -z "$dir" ]; then
    die "usage: $prog [flags] URL RUN_DIR"
fi
case "$attempts" in '' | *[!0-9]*) die "--attempts: '$attempts' is not a whole number" ;; esac
if [ "$attempts" -lt 1 ] || [ "$attempts" -gt 100 ]; then
    die "--attempts: $attempts is not 1 to 100"
fi
for pair in "backoff:$backoff" "max-delay:$max_delay" "timeout:$timeout"; do
    is_number "${pair#*:}" || die "--${pair%%:*}: '${pair#*:}' is not a number of seconds"
done
case "$url" in
https://*) ;;
*) die "'$url' is not an https:// URL (the token is only sent over TLS)" ;;
esac
authority=${url#https://}
authority=${authority%%/*}
case "$authority" in
'' | *@*) die "'$url' holds no host or a user:password@ (the token comes from BENCHGATE_UPLOAD_TOKEN)" ;;
esac
case "$url" in *[[:space:]]* | *'"'*) die "'$url' holds blanks or quotes" ;; esac
[ -d "$dir" ] || die "$dir: not a directory"
[ -f "$dir/result.json" ] || die "$dir: no result.json (not a benchgate run directory)"
grep -q '"schema"[[:space:]]*:[[:space:]]*"benchgate.result/1"' "$dir/result.json" ||
    die "$dir/result.json: not a benchgate.result/1 document"
[ -z "$cacert" ] || [ -r "$cacert" ] || die "--cacert: $cacert: cannot read"
command -v curl >/dev/null 2>&1 || die "curl is not installed"

token=${BENCHGATE_UPLOAD_TOKEN-}
unset BENCHGATE_UPLOAD_TOKEN # curl, awk, sed...: none of the children inherits it
case "$token" in
*[[:cntrl:]]*) die "BENCHGATE_UPLOAD_TOKEN holds a control character" ;;
esac
[ -n "$token" ] || echo "$prog: warning: BENCHGATE_UPLOAD_TOKEN is not set: uploading without an Authorization header" >&2
[ "$insecure" = 0 ] || echo "$prog: warning: --insecure: the server's TLS certificate is not verified; anyone on the path can read the token and the results" >&2

# A string field of result.json (cJSON writes "key":<tab>"value").
field() {
    sed -n 's/.*"'"$1"'":[[:space:]]*"\([^"]*\)".*/\1/p' "$dir/result.json" | head -n 1
}
run_id=$(field run_id)
machine_class=$(field machine_class)
hostname=$(field hostname)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/upload_results.XXXXXX") || die "cannot create a temporary folder"
trap 'rm -rf "$tmp"' EXIT
chmod 700 "$tmp"

# curl's config on stdin: the Authorization header, quoted for curl (\ and " escaped). printf is
# a shell builtin, so the token is never in an argument list.
curl_config() {
    if [ -n "$token" ]; then
        t=${token//\\/\\\\} # no child process ever sees the token
        t=${t//\"/\\\"}
        printf 'header = "Authorization: Bearer %s"\n' "$t"
    fi
}

# One attempt. Prints the HTTP status (000 when there was none); returns curl's exit code.
attempt() {
    set -- --silent --show-error --proto '=https' --max-time "$timeout" \
        --connect-timeout 10 --user-agent benchgate-upload-script \
        --output "$tmp/body" --dump-header "$tmp/headers" --write-out '%{http_code}' \
        --form-string "run_id=$run_id" --form-string "machine_class=$machine_class" \
        --form-string "hostname=$hostname" \
        --form "result.json=@result.json;type=application/json"
    [ -f "$dir/result.csv" ] && set -- "$@" --form "result.csv=@result.csv;type=text/csv"
    [ -f "$dir/summary.md" ] && set -- "$@" --form "summary.md=@summary.md;type=text/markdown"
    [ -n "$cacert" ] && set -- "$@" --cacert "$cacert"
    [ "$insecure" = 1 ] && set -- "$@" --insecure
    : >"$tmp/headers"
    : >"$tmp/body"
    : >"$tmp/err"
    (cd "$dir" && curl_config | curl --config - "$@" "$url" 2>"$tmp/err")
}

# backoff * 2^k * (1 + 0.25 * U(-1, 1)), at least Retry-After, at most max_delay.
delay() {
    after=$(sed -n 's/^[Rr][Ee][Tt][Rr][Yy]-[Aa][Ff][Tt][Ee][Rr]:[[:space:]]*\([0-9.]*\).*/\1/p' \
        "$tmp/headers" | tail -n 1)
    awk -v b="$backoff" -v k="$1" -v r="$RANDOM" -v a="${after:-0}" -v m="$max_delay" 'BEGIN {
        d = b * (2 ^ k) * (1 + 0.25 * (2 * r / 32767 - 1)); if (a + 0 > d) d = a + 0
        if (d > m) d = m; printf "%.3f\n", d }'
}

k=0
while [ "$k" -lt "$attempts" ]; do
    code=$(attempt)
    rc=$?
    n=$((k + 1))
    answer=$(tr -s '[:space:]' ' ' <"$tmp/body" 2>/dev/null | cut -c1-200)
    if [ "$rc" = 0 ] && [ "${code#2}" != "$code" ]; then
        echo "$prog: uploaded run $run_id to $url (HTTP $code, attempt $n)"
        exit 0
    fi
    retry=0
    if [ "$rc" != 0 ]; then
        why="curl exit $rc: $(tr -s '\n' ' ' <"$tmp/err")"
        case "$rc" in 5 | 6 | 7 | 16 | 18 | 28 | 35 | 52 | 55 | 56) retry=1 ;; esac
    else
        why="HTTP $code${answer:+: $answer}"
        case "$code" in 408 | 429 | 5??) retry=1 ;; esac
    fi
    if [ "$retry" = 0 ] || [ "$n" -ge "$attempts" ]; then
        echo "$prog: upload attempt $n of $attempts failed: $why" >&2
        die "upload of $dir to $url failed after $n attempt(s): $why"
    fi
    wait_s=$(delay "$k")
    echo "$prog: upload attempt $n of $attempts failed: $why; retrying in ${wait_s}s" >&2
    sleep "$wait_s"
    k=$n
done
