#!/usr/bin/env bash
# gpu_deps.sh - stage the libraries a bare GPU machine lacks (no network there): downloads the
# Debian -dev and runtime packages of cJSON, libyaml, cmocka, curl and SQLite here and unpacks
# them under .gpu-deps/root (ignored by git). scripts/gpu_check.sh uses that prefix when the
# machine has no headers of its own. Run it on a machine with apt (this one), then carry
# .gpu-deps to the GPU machine.
set -eu
out=${1:-.gpu-deps}
pkgs="libcjson-dev libcjson1 libyaml-dev libyaml-0-2 libcmocka-dev libcmocka0
libcurl4-openssl-dev libcurl4 libsqlite3-dev libsqlite3-0 libnghttp2-14 librtmp1 libssh2-1
libpsl5 libldap-2.5-0 libsasl2-2 libbrotli1 libzstd1"
rm -rf "$out"
mkdir -p "$out/debs" "$out/root"
(cd "$out/debs" && for p in $pkgs; do apt-get download "$p" >/dev/null 2>&1 || echo "gpu_deps.sh: skipped $p"; done)
for deb in "$out"/debs/*.deb; do dpkg -x "$deb" "$out/root"; done
# The packaged CMake config of cJSON points at /usr: use the plain headers and library instead.
rm -rf "$out/root/usr/lib/x86_64-linux-gnu/cmake/cJSON"
# Point the unversioned .so symlinks (absolute in some packages) inside the prefix.
find "$out/root" -name '*.so' -type l | while read -r link; do
    target=$(readlink "$link")
    case $target in /*) ln -sf "$(basename "$target")" "$link" ;; esac
done
echo "gpu_deps.sh: staged $(find "$out/debs" -name '*.deb' | wc -l) packages under $out/root"
