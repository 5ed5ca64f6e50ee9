/* ab.h - benchgate ab: its options and the pairs it runs (cmd_ab.c, ab_pairs.c). */
#ifndef BENCHGATE_CLI_AB_H
#define BENCHGATE_CLI_AB_H

#include "benchgate/compare.h"
#include "cli.h"

#define AB_MAX_ARGS 96
#define AB_MAX_INSTANCES 4096

typedef struct ab_opts {
    const char *dirs[2]; /**< base, head build trees */
    const char *bench, *filter, *output_dir;
    bg_compare_options cmp;
    double budget_s;
    unsigned long seed;
    double seed_value; /**< --seed as read (-1: none given) */
    int fail_on_inconclusive, have_seed;
    int explain;      /**< --explain: after the verdict, benchgate explain of the two builds */
    const char *mode; /**< --mode: auto (default), duet or alternate */
    int duet;         /**< 1: CPU instances run both sides at once, on cpus[0] and cpus[1] */
    int cpus[2];
    const char *pass[AB_MAX_ARGS];
    int pass_count;
} ab_opts;

/** One instance both builds have: the bench executable on each side and its name. */
typedef struct ab_instance {
    const cli_bench *exe[2];
    char name[512];
} ab_instance;

/**
 * The instances both builds have, in the base build's order: each bench executable selected by
 * --bench in both manifests is asked for its instances (--list, with the run flags). Prints
 * the ones only one build has. @return the count (> 0), or -1 (message printed)
 */
int ab_instances(const ab_opts *o, const cli_bench *const list[2], const int count[2],
                 ab_instance **out);

/**
 * Runs one instance of one side into dir (the result goes to DIR/result.json).
 * @return 0 when a result was written, else 2 (message printed)
 */
int ab_run_side(const ab_opts *o, const ab_instance *in, int head, const char *dir);

/** Starts one side as ab_run_side runs it, pinned to CPU cpu when cpu >= 0.
 *  @return its pid, or -1 when it could not start */
pid_t ab_start_side(const ab_opts *o, const ab_instance *in, int head, const char *dir, int cpu);

/** Waits for a side ab_start_side started. @return as ab_run_side */
int ab_end_side(const ab_instance *in, int head, const char *dir, pid_t pid);

#endif /* BENCHGATE_CLI_AB_H */
