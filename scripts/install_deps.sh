#!/usr/bin/env bash
# install_deps.sh - installs what benchgate needs on Debian/Ubuntu (as root, or through sudo).
# The CUDA toolkit is optional and not installed here (see docs/benchmark_toolkit.md).
# chromium, cmark-gfm (GitHub's Markdown renderer), prometheus-pushgateway, prometheus (promtool),
# python3-aiosmtpd, openssh-server and postgresql (a throwaway server: scripts/pg_cluster.sh)
# are for the integration tests only (the HTML report, telemetry, notifications, distributed
# runs: docs/integrations.md); they skip without them.
# --minimal: only what building and running benchgate needs (a user's CI: ci/templates/).
set -eu
minimal="cmake ninja-build gcc make pkg-config libcjson-dev libyaml-dev libssl-dev
libcurl4-openssl-dev libsqlite3-dev valgrind"
case "${1:-}" in
"") ;;
--minimal) ;;
*)
    echo "install_deps.sh: unknown argument '$1' (--minimal or nothing)" >&2
    exit 2
    ;;
esac
packages="cmake ninja-build gcc g++ make pkg-config git libcjson-dev libyaml-dev libssl-dev
libcurl4-openssl-dev libsqlite3-dev libcmocka-dev valgrind python3 python3-jsonschema
libbenchmark-dev libbenchmark-tools hyperfine python3-scipy shellcheck python3-yaml man-db curl tmux zsh
python3-matplotlib zlib1g-dev chromium prometheus-pushgateway openssh-server openssh-client openssl
libxml2-utils python3-junitparser clang-format prometheus python3-aiosmtpd cmark-gfm
libpq-dev postgresql unzip"
[ "${1:-}" = --minimal ] && packages=$minimal
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_deps.sh: apt-get not found; install these with your package manager:" >&2
    echo "$packages" >&2
    exit 2
fi
as_root=""
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "install_deps.sh: run as root (no sudo)" >&2; exit 2; }
    as_root="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -qq
# shellcheck disable=SC2086 # the list is meant to split into words
$as_root apt-get install -y -qq --no-install-recommends $packages >/dev/null
echo "install_deps.sh: dependencies installed"
