/* explain.h - the internals of benchgate explain (include/benchgate/explain.h): the callgrind
 * profile of a run read per function (explain_profile.c), and the two builds run, diffed and
 * printed (explain_diff.c). */
#ifndef BENCHGATE_EXPLAIN_INTERNAL_H
#define BENCHGATE_EXPLAIN_INTERNAL_H

#include <stddef.h>

#include "benchgate/explain.h"
#include "common/common.h"

/** One function's cost in a profile: instructions (Ir) of its own, and with what it calls. */
typedef struct bg__fn_cost {
    char *name;
    char file[512];
    long line; /**< its first line with a cost (0: no debug info) */
    double self, inclusive;
    double self_cycles; /**< Ir + 10 L1 misses + 100 LL misses (with --cache-sim; else Ir) */
} bg__fn_cost;

/** The functions of a profile (every cg.out* file of a folder, summed). */
typedef struct bg__profile_costs {
    bg__fn_cost *fn;
    size_t n, cap;
    double total;  /**< the sum of every function's self cost */
    int cache_sim; /**< the profile has cache-miss events (callgrind --cache-sim=yes) */
} bg__profile_costs;

/** Reads every callgrind.out file (cg.out*) of dir into p. */
bg_err bg__profile_read(const char *dir, bg__profile_costs *p, bg__error *err);
void bg__profile_free(bg__profile_costs *p);

#endif /* BENCHGATE_EXPLAIN_INTERNAL_H */
