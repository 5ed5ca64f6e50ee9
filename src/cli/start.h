/* start.h - benchgate start in pieces: its options, the state saved for --resume, running the
 * bench executables with the progress line, pause and signals (internal to the command). */
#ifndef BENCHGATE_CLI_START_H
#define BENCHGATE_CLI_START_H

#include <signal.h>
#include <stdint.h>

#include "cli.h"

#define START_MAX_ARGS 256

/** The command line of benchgate start. */
typedef struct start_opts {
    const char *build_dir, *output_dir, *bench;
    const char *resume; /**< --resume=RUN_DIR, or NULL */
    int dry_run;
    char *pass[START_MAX_ARGS]; /**< flags handed to every bench executable */
    int pass_count;
    int shard_index, shard_count; /**< --shard=K/N (or BENCH_SHARD); count 0: the whole suite */
} start_opts;

#define START_SHARD_MAX 1000   /**< --shard: at most this many shards */
#define START_FILTER_MAX 16384 /**< the longest --filter a bench executable takes */
#define START_PLAN_SIZE 17     /**< a split's fingerprint: 16 hex digits */

/** What the plan of a --shard run gives the run (cmd_start.c). */
typedef struct start_shard_out {
    char **names;   /**< each executable's instances, one a line (malloc'd) */
    char **filters; /**< each executable's --filter of this shard (malloc'd; NULL: none) */
    char plan[START_PLAN_SIZE];
    char history[CLI_PATH_MAX]; /**< the history the split is balanced by ("off": none) */
} start_shard_out;

/* start_shard.c */
/** Reads --shard=K/N (kept among the passed flags for --resume) or BENCH_SHARD (added to
 *  them) into o, and unsets BENCH_SHARD for the executables. @return 0, or 2 (message) */
int start_shard_take(start_opts *o);
/**
 * Splits the instances (names[i]: executable i's, one a line, changed in place; count[i] how
 * many, 0 = not selected) into o->shard_count shards, balanced by the seconds of the history
 * (by count without), and keeps shard o->shard_index: count[i] becomes its instances of
 * executable i, filters[i] (malloc'd, NULL when none) the --filter that runs them.
 * @param plan receives the split's fingerprint (START_PLAN_SIZE)
 * @return 0, or 2 (message printed)
 */
int start_shard_plan(const start_opts *o, char **names, int *count, int n, const char *history,
                     char **filters, char *plan);

#define START_MAX_AXES 16

/** One suite-wide axis setting and the benches that have (applied) or lack (skipped) it. */
typedef struct start_axis {
    char name[64];     /**< the axis: batch_size, concurrency, or --axis's NAME */
    char setting[160]; /**< as given: "--batch-size=32", "BENCH_AXIS" */
    char applied[1024], skipped[1024];
    int hits;
} start_axis;

typedef struct start_axes {
    start_axis axis[START_MAX_AXES];
    int count;
} start_axes;

/** The suite-wide axis settings of the flags and the environment (start_axes.c). */
void start_axes_collect(const start_opts *o, start_axes *a);
/** Notes for each setting whether `bench`'s instance names (one per line) have its axis. */
void start_axes_scan(start_axes *a, const char *bench, const char *instances);
/** Says which benches skipped each setting. @return 2 when one applies to none, else 0 */
int start_axes_report(const start_axes *a);

/** What start saves in RUN_DIR/.benchgate-start so that --resume runs the same again. */
typedef struct start_saved {
    char run_id[64];
    char build_dir[CLI_PATH_MAX];
    char bench[1024];
    char args[16384];           /**< the passed flags, NUL-separated */
    char *pass[START_MAX_ARGS]; /**< pointers into args */
    int pass_count;
} start_saved;

/** The settings start itself uses, from the run flags, bench.yaml and BENCH_*. */
typedef struct start_settings {
    int no_ui;
    uint64_t log_max_bytes;
    int log_backups;
    char history[CLI_PATH_MAX]; /**< the history database, or "off" */
    double instance_s;          /**< estimate for one instance, all repetitions */
    int private_output;         /**< --private: every folder 0700, every file 0600 */
} start_settings;

/** One benchgate start run over the selected bench executables. */
typedef struct start_run {
    const cli_bench *list;
    const int *count; /**< instances per executable; 0 = not selected */
    int n;
    const start_opts *o;
    char out[CLI_PATH_MAX];
    char run_id[64];
    start_settings set;
    char *const *filters; /**< --shard: each executable's --filter of its shard (NULL: none) */
    char plan[START_PLAN_SIZE]; /**< --shard: the split's fingerprint */
} start_run;

/** The progress line and the log of one start run (start_ui.c). */
typedef struct start_ui {
    int draw, colour, visible, paused;
    double t0, paused_s, pause_t0;
    long last_second;
    int index, count;  /**< the executable running: index of count */
    const char *bench; /**< its name */
    char detail[512];  /**< the instance it runs (from its .progress) */
    char progress_path[CLI_PATH_MAX + 160];
    int cur_instances;             /**< instances of the running executable */
    double cur_done, cur_measured; /**< its share done; the part measured in this session */
    double inst_total, inst_done;  /**< instances of the run; done (whole executables) */
    double inst_measured;          /**< instances measured in this session (whole executables) */
    double measured_s;             /**< active time of those */
    double bench_t0;               /**< when the running executable started */
    double instance_s;             /**< static estimate per instance */
    char out[CLI_PATH_MAX];
    char log_path[CLI_PATH_MAX + 16];
    uint64_t log_max_bytes;
    int log_backups;
} start_ui;

/** Seconds since the run started (the merged run's duration_s). */
double ui_elapsed_s(const start_ui *u);

/* cmd_start.c */
/** Builds exe + default args + passed flags + extra (NULL-terminated) into argv. */
int start_build_argv(char **argv, char *store, const cli_bench *b, const start_opts *o,
                     const char *extra, const char *extra2);

/* start_state.c */
/** Writes RUN_DIR/.benchgate-start. @return 0, or 2 (message printed) */
int start_state_save(const char *out, const char *run_id, const start_opts *o);
/** Reads RUN_DIR/.benchgate-start into s. @return 0, or 2 (message printed) */
int start_state_load(const char *out, start_saved *s);
/** Fills the settings start needs from the passed flags (and the manifest's --config). */
int start_settings_load(const start_opts *o, const cli_bench *first, start_settings *set);

/* start_run.c */
/** Runs the selected executables into r->out and merges them. @return the exit code */
int start_execute(start_run *r);

/* start_integr.c */
/** After the merge: telemetry push and notifications, as configured; failures are warnings. */
void start_integrations(const start_run *r, start_ui *u, int code);

/* start_ui.c */
void ui_init(start_ui *u, const start_run *r);
void ui_begin_bench(start_ui *u, int index, const char *name, int instances);
void ui_end_bench(start_ui *u, int instances, int kept, int rc);
void ui_tick(void *ctx);
void ui_child_line(void *ctx, int fd, const char *line);
void ui_set_paused(start_ui *u, int paused);
void ui_log(start_ui *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_finish(start_ui *u);

/* child.c */
/** What cli_run_child reports while the child runs. */
typedef struct cli_child_hooks {
    void (*line)(void *ctx, int fd,
                 const char *text); /**< one line of its stdout (1) or stderr (2) */
    void (*tick)(void *ctx);        /**< at least every 100 ms */
    void *ctx;
    volatile sig_atomic_t *stop; /**< a signal to pass on to the child, once; 0 = none */
} cli_child_hooks;

/**
 * Runs argv (argv[0] a path) in its own process group with env ("NAME=VALUE", NULL-terminated)
 * added, its stdout and stderr read line by line; on Linux it gets SIGTERM if this process dies.
 * @return its exit status, 128 + signal when killed, or -1 when it could not start
 */
int cli_run_child(char *const argv[], char *const env[], const cli_child_hooks *h);

#endif /* BENCHGATE_CLI_START_H */
