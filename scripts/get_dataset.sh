#!/usr/bin/env bash
# get_dataset.sh - downloads the files of a dataset without the benchgate tool: curl with
# retries (exponential backoff and jitter), resume of partial downloads, SHA-256 checks; files
# end up read-only (0444). It does what `benchgate fetch` does, for machines without a build;
# both are tested against one set of cases (tests/integration/test_fetch.sh runs each mode with
# `benchgate fetch` and with this script).
#
# Usage: scripts/get_dataset.sh [NAME] [--root=DIR] [--index=FILE] [--mirror=URL]
#                               [--attempts=N] [--backoff=S] [--max-delay=S] [--timeout=S]
#                               [--insecure] [--help]
#
# It reads the flat index datasets/datasets.index (one line per file: name, version, path,
# size, sha256, URLs; tab-separated), which `benchgate datasets index` generates from
# datasets/datasets.yaml. Needs bash 3.2+, curl, and sha256sum or `shasum -a 256`.
# Exit codes: 0 every file in place, 2 bad usage or a file that could not be fetched.
set -u
set -f # URLs are never globbed

prog=get_dataset.sh
here=$(cd "$(dirname "$0")" && pwd -P)
root=${BENCH_DATASET_PATH:-$here/../datasets}
index=""
mirror=${BENCH_DATASET_MIRROR:-}
attempts=5
backoff=1
max_delay=30
timeout=300
jitter=0.25
insecure=0
name=""

usage() {
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    cat <<'EOF'

  NAME           the dataset (default: every dataset of the index)
  --root=DIR     the dataset root (default: BENCH_DATASET_PATH, else datasets/ of the repo)
  --index=FILE   the index (default: ROOT/datasets.index)
  --mirror=URL   tried first for every file, as URL/PATH (default: BENCH_DATASET_MIRROR)
  --attempts=N   tries per file (default 5)
  --backoff=S    delay before the first retry, doubled after each (default 1); each delay
                 is shortened by a random jitter of up to 25%
  --max-delay=S  cap on one delay (default 30)
  --timeout=S    limit on one request (default 300); connect timeout min(S, 30); a transfer
                 slower than 1 KiB/s for 30 s is aborted
  --insecure     do not verify TLS certificates (a warning is printed)
EOF
}

die() {
    echo "$prog: error: $*" >&2
    exit 2
}

say() {
    echo "$prog: $*" >&2
}

is_uint() {
    case "$1" in
    '' | *[!0-9]*) return 1 ;;
    esac
    return 0
}

is_seconds() {
    case "$1" in
    '' | . | *[!0-9.]* | *.*.*) return 1 ;;
    esac
    return 0
}

parse_args() {
    local a
    for a in "$@"; do
        case "$a" in
        --root=?*) root=${a#*=} ;;
        --index=?*) index=${a#*=} ;;
        --mirror=?*) mirror=${a#*=} ;;
        --attempts=*) attempts=${a#*=} ;;
        --backoff=*) backoff=${a#*=} ;;
        --max-delay=*) max_delay=${a#*=} ;;
        --timeout=*) timeout=${a#*=} ;;
        --insecure) insecure=1 ;;
        --help | -h) usage && exit 0 ;;
        -*) die "unknown or empty flag '$a' (see --help)" ;;
        *)
            [ -z "$name" ] || die "one dataset at a time ('$name' and '$a')"
            name=$a
            ;;
        esac
    done
    if ! is_uint "$attempts" || [ "$attempts" -lt 1 ] || [ "$attempts" -gt 100 ]; then
        die "--attempts: '$attempts' is not a whole number from 1 to 100"
    fi
    is_seconds "$backoff" || die "--backoff: '$backoff' is not a number of seconds"
    is_seconds "$max_delay" || die "--max-delay: '$max_delay' is not a number of seconds"
    if ! is_seconds "$timeout" || ! awk -v t="$timeout" 'BEGIN { exit !(t > 0) }'; then
        die "--timeout: '$timeout' is not a positive number of seconds"
    fi
    case "$mirror" in
    '' | http://* | https://* | file://*) ;;
    *) die "--mirror: '$mirror' is not an http://, https:// or file:// URL" ;;
    esac
}

find_tools() {
    command -v curl >/dev/null 2>&1 || die "curl is not installed"
    if command -v sha256sum >/dev/null 2>&1; then
        sha_cmd="sha256sum"
    elif command -v shasum >/dev/null 2>&1; then
        sha_cmd="shasum -a 256"
    else
        die "neither sha256sum nor shasum is installed"
    fi
}

file_sha() {
    # shellcheck disable=SC2086 # sha_cmd is "sha256sum" or "shasum -a 256"
    $sha_cmd "$1" | awk '{ print $1 }'
}

file_size() {
    wc -c <"$1" | tr -d ' '
}

# A relative path with no empty, "." or ".." component, in a conservative character set.
safe_path() {
    case "$1" in
    '' | /* | */ | *//* | . | ./* | */. | */./* | .. | ../* | */.. | */../*) return 1 ;;
    *[!A-Za-z0-9._/+@=,~%-]*) return 1 ;;
    esac
    return 0
}

# Succeeds when directory $1 (or its nearest existing parent) resolves inside the root.
inside_root() {
    local d=$1 real
    while [ ! -d "$d" ]; do
        d=$(dirname "$d")
    done
    real=$(cd "$d" && pwd -P) || return 1
    case "$real/" in
    "$root_real"/*) return 0 ;;
    esac
    return 1
}

# delay K: backoff * 2^K seconds, capped at max_delay, shortened by up to jitter (random).
delay() {
    awk -v b="$backoff" -v k="$1" -v m="$max_delay" -v j="$jitter" -v r="$RANDOM" \
        'BEGIN { d = b * 2 ^ k; if (d > m) d = m; printf "%.3f", d * (1 - j * r / 32768) }'
}

# curl's message without its "curl: (N) " prefix, on one line.
curl_message() {
    tr -d '\r\n' <"$tmp_err" | sed 's/^curl: ([0-9]*) //'
}

# download URL: one request into $part, resumed when a part exists (http only).
# Sets why. Returns 0 when the part is complete and its SHA-256 matches, 1 for a failure worth
# retrying, 2 for a URL that will not work (404, bad certificate, ...).
download() {
    local url=$1 have=0 code rc got ct st
    local -a args
    [ -f "$part" ] && have=$(file_size "$part")
    case "$url" in
    http://* | https://*) [ "$have" -lt "$size" ] || have=0 ;;
    *) have=0 ;;
    esac
    [ "$have" -gt 0 ] || rm -f "$part"
    ct=$(awk -v t="$timeout" 'BEGIN { print (t < 30 ? t : 30) }')
    st=$(awk -v t="$timeout" 'BEGIN { s = int(t + 0.999); print (s < 1 ? 1 : (s < 30 ? s : 30)) }')
    args=(--silent --show-error --fail --location --max-redirs 5 --proto '=http,https,file'
        --proto-redir '=http,https' --connect-timeout "$ct" --max-time "$timeout"
        --speed-limit 1024 --speed-time "$st" --user-agent "$prog" --write-out '%{http_code}'
        --output "$part")
    [ "$insecure" = 1 ] && args=("${args[@]}" --insecure)
    [ "$have" -gt 0 ] && args=("${args[@]}" --continue-at "$have")
    code=$(curl "${args[@]}" "$url" 2>"$tmp_err")
    rc=$?
    case "$rc" in
    0) ;;
    22)
        why="HTTP $code from $url"
        case "$code" in
        416) rm -f "$part" && return 1 ;;
        5?? | 408 | 429) return 1 ;;
        esac
        return 2
        ;;
    33) why="the server does not resume (from $url)" && rm -f "$part" && return 1 ;;
    6 | 7 | 16 | 18 | 28 | 35 | 52 | 55 | 56 | 92)
        why="curl error $rc: $(curl_message) from $url"
        return 1
        ;;
    *)
        why="curl error $rc: $(curl_message) from $url"
        return 2
        ;;
    esac
    got=$(file_size "$part")
    if [ "$got" -lt "$size" ]; then
        why="short body: got $got of $size bytes from $url"
        return 1
    fi
    if [ "$got" -gt "$size" ] || [ "$(file_sha "$part")" != "$sha" ]; then
        why="checksum mismatch: size $got, SHA-256 $(file_sha "$part"), expected $sha (from $url)"
        rm -f "$part"
        return 1
    fi
    return 0
}

# Tries every live URL once; sets from on success. Returns like download (2: all dead).
one_round() {
    local i=0 live=0 u
    for u in "${urls[@]}"; do
        if [ "${dead[$i]}" = 0 ]; then
            download "$u"
            case $? in
            0) from=$u && return 0 ;;
            1) live=1 ;;
            *) dead[i]=1 && say "warning: $path: $why (not retried)" ;;
            esac
        fi
        i=$((i + 1))
    done
    [ "$live" = 1 ] && return 1
    return 2
}

# fetch_file: the current line's file ($path, $size, $sha, $url_list) into place.
fetch_file() {
    local k=0 d rc
    target=$root/$path
    part=$target.part
    safe_path "$path" || { failure "unsafe path (absolute, '..', or odd characters)" && return; }
    inside_root "$(dirname "$target")" || { failure "resolves outside the dataset root" && return; }
    if [ -L "$target" ] || [ -L "$part" ]; then
        failure "is a symlink (or its .part is): refused" && return
    fi
    if [ -f "$target" ]; then
        if [ "$(file_size "$target")" = "$size" ] && [ "$(file_sha "$target")" = "$sha" ]; then
            chmod 0444 "$target" && rm -f "$part"
            echo "present $path (valid)"
            return
        fi
        say "warning: $path: present but invalid: downloading it again"
    fi
    mkdir -p "$(dirname "$target")" || { failure "cannot create its folder" && return; }
    urls=()
    dead=()
    [ -n "$mirror" ] && urls=("${mirror%/}/$path") && dead=(0)
    for d in $url_list; do
        dead[${#urls[@]}]=0
        urls[${#urls[@]}]=$d
    done
    [ "${#urls[@]}" -gt 0 ] || {
        failure "no URL to fetch it from (give --mirror=URL or BENCH_DATASET_MIRROR)" && return
    }
    why=""
    while :; do
        one_round
        rc=$?
        [ "$rc" = 0 ] && break
        [ "$rc" = 2 ] && { rm -f "$part" && failure "$why" && return; }
        k=$((k + 1))
        if [ "$k" -ge "$attempts" ]; then
            rm -f "$part"
            failure "failed after $attempts attempt(s): $why"
            return
        fi
        d=$(delay $((k - 1)))
        say "$path: attempt $k of $attempts failed: $why; retrying in $d s"
        sleep "$d"
    done
    if ! chmod 0444 "$part" || ! mv -f "$part" "$target"; then
        rm -f "$part"
        failure "cannot move $part into place"
        return
    fi
    echo "fetched $path ($size bytes, SHA-256 ok) from $from"
}

failure() {
    echo "$prog: error: $path: $*" >&2
    failed=$((failed + 1))
}

# Reads the index and fetches every file of the dataset (of every dataset without NAME).
fetch_index() {
    local line=0 n v extra
    while IFS=$'\t' read -r n v path size sha url_list extra <&3; do
        line=$((line + 1))
        case "$n" in '' | '#'*) continue ;; esac
        if ! is_uint "$size" || [ "${#sha}" != 64 ] || [ -n "$extra" ] || ! is_uint "$v"; then
            die "$index:$line: not an index line (name, version, path, size, sha256, urls)"
        fi
        case "$sha" in *[!0-9a-f]*) die "$index:$line: bad sha256" ;; esac
        [ -z "$name" ] || [ "$n" = "$name" ] || continue
        found=1
        fetch_file
    done 3<"$index"
}

main() {
    parse_args "$@"
    find_tools
    [ -n "$index" ] || index=$root/datasets.index
    [ -f "$index" ] || die "$index: no such index (generate it with: benchgate datasets index)"
    mkdir -p "$root" || die "cannot create the dataset root $root"
    root_real=$(cd "$root" && pwd -P) || die "cannot enter the dataset root $root"
    tmp_err=$(mktemp "${TMPDIR:-/tmp}/get_dataset.XXXXXX") || die "mktemp failed"
    trap 'rm -f "$tmp_err"' EXIT
    [ "$insecure" = 1 ] &&
        say "warning: TLS certificate verification is off (--insecure): only the SHA-256 protects the download"
    failed=0
    found=0
    fetch_index
    if [ "$found" != 1 ]; then
        [ -n "$name" ] && die "no dataset '$name' in $index"
        die "no dataset in $index"
    fi
    [ "$failed" = 0 ] || die "$failed file(s) could not be fetched"
}

main "$@"
