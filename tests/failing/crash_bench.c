/* crash_bench.c - a benchmark that is killed by SIGSEGV after its loop when CRASH=1. */
#include <benchgate/benchgate.h>
#include <signal.h>
#include <stdlib.h>

static void crash_after(bg_state *s) {
    volatile int x = 0;
    BG_LOOP(s) {
        x++;
    }
    if (getenv("CRASH"))
        raise(SIGSEGV);
}
BG_BENCHMARK(crash_after);
