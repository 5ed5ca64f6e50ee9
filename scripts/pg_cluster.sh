#!/usr/bin/env bash
# pg_cluster.sh - a throwaway PostgreSQL server for the tests of the PostgreSQL run history.
#   scripts/pg_cluster.sh start DIR   initdb into DIR, start it on 127.0.0.1 (a free port) and a
#                                     Unix socket in DIR, print its connection URL (also DIR/url)
#   scripts/pg_cluster.sh stop DIR    stop it (fast shutdown); nothing left running
# Authentication is trust, on loopback and the socket in DIR only: no password exists to leak.
# postgres refuses to run as root: as root the server runs as the user benchgate-pg (created
# when missing), in a folder of its own under /tmp (DIR/cluster names it; stop removes it). PG_BIN names the server's programs (default the newest /usr/lib/postgresql/*/bin).
set -euo pipefail

usage() {
    echo "usage: scripts/pg_cluster.sh start|stop DIR" >&2
    exit 2
}
[ $# -eq 2 ] || usage
action=$1
dir=$2

find_bin() {
    if [ -n "${PG_BIN:-}" ]; then
        echo "$PG_BIN"
        return
    fi
    local d best=""
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && best=$d
    done
    [ -n "$best" ] || { echo "pg_cluster.sh: no PostgreSQL server (apt-get install postgresql)" >&2; exit 2; }
    echo "$best"
}

# Runs a server program as the cluster's user.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u benchgate-pg -- "$@"
    else
        "$@"
    fi
}

free_port() {
    /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
    local bin port home
    bin=$(find_bin)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    home=$dir/cluster
    if [ "$(id -u)" -eq 0 ]; then # DIR's parents may be closed to benchgate-pg
        id benchgate-pg >/dev/null 2>&1 ||
            useradd --system --no-create-home --shell /usr/sbin/nologin benchgate-pg
        home=$(mktemp -d /tmp/benchgate-pg.XXXXXX)
        chown benchgate-pg "$home"
    fi
    mkdir -p "$home"
    chmod 700 "$home"
    echo "$home" >"$dir/home"
    as_owner "$bin/initdb" -D "$home/data" -U benchgate -A trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    port=$(free_port)
    if ! as_owner "$bin/pg_ctl" -D "$home/data" -l "$home/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $home -c fsync=off -c max_connections=200" \
        start >/dev/null; then
        cat "$home/server.log" >&2
        exit 1
    fi
    as_owner "$bin/createdb" -h "$home" -p "$port" -U benchgate benchgate
    echo "postgresql://benchgate@127.0.0.1:$port/benchgate" | tee "$dir/url"
}

stop() {
    local bin home
    bin=$(find_bin)
    [ -f "$dir/home" ] || return 0
    home=$(cat "$dir/home")
    [ -d "$home/data" ] && as_owner "$bin/pg_ctl" -D "$home/data" -m fast -w stop >/dev/null 2>&1
    case $home in
    /tmp/benchgate-pg.*) rm -rf "$home" ;;
    esac
    rm -f "$dir/home"
}

case $action in
start) start ;;
stop) stop ;;
*) usage ;;
esac
