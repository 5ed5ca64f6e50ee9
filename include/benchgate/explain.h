/*
 * explain.h - where a change of instruction counts comes from (benchgate explain): the bench
 * of two builds run under callgrind, collecting inside BG_LOOP only as instruction mode does,
 * with --keep-profile, and the two profiles diffed per function: self and inclusive
 * instructions per iteration, the top N by absolute change, each with its file:line and its
 * share of the total change. Strings in the options are borrowed for the call; error messages
 * go to errbuf (errlen its size; errbuf may be NULL).
 */
#ifndef BENCHGATE_EXPLAIN_H
#define BENCHGATE_EXPLAIN_H

#include "benchgate/api.h"

#include <stddef.h>
#include <stdio.h>

#include "benchgate/errors.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What to explain. */
typedef struct bg_explain_options {
    const char *base, *head; /**< two build trees (their manifest's benches) */
    const char *bench;       /**< a POSIX extended regex over bench names: one must match */
    const char *base_profile, *head_profile; /**< a run folder of a --keep-profile run instead
                                                  of running that side (NULL: run it) */
    int top;                                 /**< how many functions (0: 10) */
    const char *format;                      /**< "table", "md" or "json" */
    int cache_sim; /**< run callgrind with its cache simulation: estimated cycles per function
                        (Ir + 10 L1 misses + 100 LL misses) in the JSON */
} bg_explain_options;

/** Runs (or reads) both sides and prints the diff to out. @return BG_OK, or BG_EUSAGE for bad
 *  input, BG_ERUNTIME when a run failed */
BG_API bg_err bg_explain_run(const bg_explain_options *o, FILE *out, char *errbuf, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_EXPLAIN_H */
