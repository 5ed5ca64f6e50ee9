#!/usr/bin/env bash
# check_public_headers.sh SOURCE_DIR - every public header compiles alone, twice (its guard),
# as C11 with -Wall -Wextra -Wpedantic -Werror and, where a C++ compiler is, as C++ (extern "C");
# the forwarding header longrun.h still declares every name of the headers it was split into.
set -u
src=${1:?usage: check_public_headers.sh SOURCE_DIR}
cc=${CC:-cc}
cxx=${CXX:-c++}
work=$(mktemp -d "${TMPDIR:-/tmp}/public_headers.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail=0 count=0
for h in "$src"/include/benchgate/*.h; do
    name=benchgate/$(basename "$h")
    count=$((count + 1))
    if grep -q '#include <cuda_runtime_api.h>' "$h" &&
        ! printf '#include <cuda_runtime_api.h>\n' | "$cc" -E -x c - >/dev/null 2>&1; then
        echo "note: $name needs the CUDA toolkit's cuda_runtime_api.h (not found): not compiled"
        continue
    fi
    printf '#include "%s"\n#include "%s"\nint bg_header_probe;\n' "$name" "$name" >"$work/one.c"
    if ! "$cc" -std=c11 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -I"$src/include" \
        "$work/one.c" >"$work/err" 2>&1; then
        echo "FAIL: $name does not compile alone as C11:"
        sed -n '1,8p' "$work/err"
        fail=1
    fi
    if command -v "$cxx" >/dev/null 2>&1 &&
        ! "$cxx" -x c++ -std=c++11 -Wall -Wextra -Werror -fsyntax-only -I"$src/include" \
            "$work/one.c" >"$work/err" 2>&1; then
        echo "FAIL: $name does not compile alone as C++:"
        sed -n '1,8p' "$work/err"
        fail=1
    fi
done
# longrun.h, kept for one release: one name of each header it forwards to
cat >"$work/longrun.c" <<'C'
#include "benchgate/longrun.h"
int main(void) {
    void *uses[] = {(void *)bg_run_lock_acquire, (void *)bg_control_read, (void *)bg_progress_format,
                    (void *)bg_terminal_width, (void *)bg_log_append, (void *)bg_settings_load,
                    (void *)bg_regex_check, (void *)bg_parse_age, (void *)bg_clean};
    return uses[0] == 0;
}
C
if ! "$cc" -std=c11 -Wall -Wextra -Werror -fsyntax-only -I"$src/include" "$work/longrun.c" \
    >"$work/err" 2>&1; then
    echo "FAIL: benchgate/longrun.h no longer declares what it declared:"
    sed -n '1,8p' "$work/err"
    fail=1
fi
[ "$count" -ge 15 ] || { echo "FAIL: only $count public headers under $src/include/benchgate"; fail=1; }
[ "$fail" = 0 ] && echo "PASS: $count public headers compile alone (C11 and C++); longrun.h forwards"
exit "$fail"
