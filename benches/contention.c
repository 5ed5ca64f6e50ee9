/* contention.c - threads counting events (.threads): into one shared atomic counter, whose
 * cache line every add pulls to its core, against a counter per thread on a page of its own.
 * With more threads the shared counter's time per event grows; the per-thread one stays flat
 * (the wall time per iteration even falls with the cores there are, as Google Benchmark shows
 * it: iterations are counted over all threads). */
#include <benchgate/benchgate.h>
#include <string.h>

#include "kernels/cpu/counter.h"

#define EVENTS 256 /* per iteration of each thread */

static atomic_uint_least64_t shared_counter;

static void contention(bg_state *s) {
    int shared = strcmp(bg_axis_str(s, "counter"), "shared") == 0;
    volatile uint64_t *own = bg_alloc(s, sizeof *own); /* this thread's state: its own page */
    bg_set_items_per_iter(s, EVENTS);                  /* items per second: all threads' */
    BG_LOOP(s) {
        if (shared)
            counter_add_shared(&shared_counter, EVENTS);
        else
            counter_add_own(own, EVENTS);
    }
    bg_do_not_optimize((const void *)own);
}
BG_BENCHMARK(contention, .axes = "counter=shared,per_thread", .threads = "1,2,4");
