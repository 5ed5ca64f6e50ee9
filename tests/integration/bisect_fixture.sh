#!/usr/bin/env bash
# bisect_fixture.sh DIR COMMITS SLOW_AT BROKEN_AT [SLOW_PASSES] - makes DIR a git repository of a
# small consumer project (find_package(benchgate), one benchmark "mix" calling three functions)
# with COMMITS commits c0 .. c(COMMITS-1): commit SLOW_AT makes checksum_rows() do about 3% more
# work (each row gets a 32nd pass where there were 31; SLOW_PASSES=62 doubles its work, a step
# that time mode sees over the noise of a shared machine), commit BROKEN_AT does not compile
# (fixed again by the commit after it); every other commit changes a note only. Prints nothing;
# `git -C DIR log --format=%s` names each commit ("c7: note", "c11: slow", "c9: broken").
# Exit: 0, or 1 with a message.
set -eu
dir=$1 commits=$2 slow_at=$3 broken_at=$4 slow_passes=${5:-32}
mkdir -p "$dir"
cd "$dir"
git init -q .
git config user.email fixture@example.com
git config user.name fixture
git config commit.gpgsign false

cat >CMakeLists.txt <<'CM'
cmake_minimum_required(VERSION 3.20)
project(bisect_fixture C)
find_package(benchgate REQUIRED)
enable_testing()
bg_add_benchmark(mix SOURCES bench_mix.c work.c)
bg_add_benchmark(other SOURCES bench_other.c)
CM

cat >work.h <<'H'
#ifndef WORK_H
#define WORK_H
#include <stdint.h>
#include <stddef.h>
uint64_t checksum_rows(const uint32_t *v, size_t n);
uint64_t scale_rows(uint32_t *v, size_t n);
uint64_t count_odd(const uint32_t *v, size_t n);
#endif
H

# work_c PASSES BROKEN: writes work.c; checksum_rows makes PASSES passes over the rows
work_c() {
    cat >work.c <<C
#include "work.h"
#define PASSES $1
__attribute__((noinline)) uint64_t checksum_rows(const uint32_t *v, size_t n) {
    uint64_t h = 1469598103934665603u;
    for (int p = 0; p < PASSES; p++)
        for (size_t i = 0; i < n; i++)
            h = (h ^ v[i]) * 1099511628211u;
    return h;
}
__attribute__((noinline)) uint64_t scale_rows(uint32_t *v, size_t n) {
    uint64_t s = 0;
    for (int p = 0; p < 20; p++)
        for (size_t i = 0; i < n; i++)
            s += v[i] = v[i] * 3u + 1u;
    return s;
}
__attribute__((noinline)) uint64_t count_odd(const uint32_t *v, size_t n) {
    uint64_t c = 0;
    for (int p = 0; p < 20; p++)
        for (size_t i = 0; i < n; i++)
            c += v[i] & 1u;
    return c$2;
}
C
}

cat >bench_mix.c <<'B'
#include <benchgate/benchgate.h>
#include "work.h"
static void mix(bg_state *s) {
    size_t n = 2048;
    uint32_t *v = bg_alloc(s, n * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = (uint32_t)i;
    uint64_t r = 0;
    BG_LOOP(s) {
        r += checksum_rows(v, n);
        r += scale_rows(v, n);
        r += count_odd(v, n);
        bg_do_not_optimize(&r);
    }
}
BG_BENCHMARK(mix);
B

cat >bench_other.c <<'B'
#include <benchgate/benchgate.h>
static void other(bg_state *s) {
    unsigned x = 1;
    BG_LOOP(s) {
        x = x * 1664525u + 1013904223u;
        bg_do_not_optimize(&x);
    }
}
BG_BENCHMARK(other);
B

passes=31
for i in $(seq 0 $((commits - 1))); do
    what=note broken=""
    if [ "$i" -eq "$slow_at" ]; then
        passes=$slow_passes what=slow
    fi
    if [ "$i" -eq "$broken_at" ]; then
        broken=" +" what=broken # "return c +;" does not compile
    fi
    work_c "$passes" "$broken"
    echo "note $i" >NOTES
    git add -A
    GIT_COMMITTER_DATE="2026-01-$(printf %02d $((i % 28 + 1)))T12:00:00Z" \
        git commit -q --date="2026-01-$(printf %02d $((i % 28 + 1)))T12:00:00Z" -m "c$i: $what"
done
