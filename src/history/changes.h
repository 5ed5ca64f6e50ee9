/* changes.h - change points over the run history (benchgate changes): the series read from
 * the history (changes_read.c), the detectors (changes_detect.c: E-divisive means with a
 * permutation test, a penalised piecewise-constant L1 fit weighted by each point's CI, exact
 * series) and the report (changes_report.c) (internal). */
#ifndef BENCHGATE_CHANGES_INTERNAL_H
#define BENCHGATE_CHANGES_INTERNAL_H

#include <stddef.h>

#include "common/common.h"

/** One point of a series: one commit (the runs of one commit folded into their median). */
typedef struct bg__cpoint {
    double value;         /**< the median of the commit's run medians */
    double half_ci;       /**< half the width of the 95% CI of the run's median; NaN when unknown */
    int exact;            /**< 1 when the commit's runs agree exactly and each run has no spread */
    char commit[48];      /**< the git sha, else the run id (a run without a commit) */
    char when[32];        /**< the first run's timestamp, UTC */
    char commit_time[40]; /**< the commit's time (ISO 8601, the committer's zone); "" unknown */
    long long key;        /**< its place in the order of the list (bg__changes_order) */
} bg__cpoint;

/** One series: a benchmark's metric on one machine class, oldest first. */
typedef struct bg__cseries {
    char bench[512], metric[64], machine_class[128], unit[32];
    int higher_better; /**< the metric's direction: 1 when higher is better */
    bg__cpoint *pts;
    size_t n, cap;
} bg__cseries;

/** How the points of every series are ordered (changes_order.c). */
typedef enum bg__corder {
    BG__ORDER_RUN_TIME = 0,    /**< the commit's first run */
    BG__ORDER_COMMIT_TIME = 1, /**< the commit's time (git_commit_time of every point) */
    BG__ORDER_FIRST_PARENT = 2 /**< git rev-list --first-parent HEAD of the current folder */
} bg__corder;

typedef struct bg__cseries_list {
    bg__cseries *rows;
    size_t count, cap;
    bg__corder order; /**< how the points were ordered */
} bg__cseries_list;

/** "first-parent", "commit-time" or "run-time". */
const char *bg__changes_order_name(bg__corder order);

/**
 * Orders the points of every series by commit: by first-parent order when every commit is in
 * `git rev-list --first-parent HEAD` of the folder dir (NULL: the current one), else by commit
 * time when every point has one, else by run time (as read). Sets l->order.
 * @return 0; -1 out of memory (the order left as read)
 */
int bg__changes_order(bg__cseries_list *l, const char *dir);

/** What to read: NULL or "" for no restriction. */
typedef struct bg__changes_query {
    const char *filter;        /**< a POSIX extended regex over benchmark names */
    const char *metric;        /**< a metric name; NULL: the benchmark's primary metric */
    const char *machine_class; /**< one machine class */
} bg__changes_query;

/**
 * Reads every series of the history at location (a SQLite file or a PostgreSQL database,
 * through the store of history.h), the runs of one commit folded into one point, the points in
 * commit order (bg__changes_order). The one place the change finder and publish read the
 * history.
 * @return BG_OK; BG_EINPUT for a missing or foreign database; BG_EUSAGE for a bad filter
 */
bg_err bg__changes_read(const char *location, const bg__changes_query *q, bg__cseries_list *out,
                        bg__error *err);
void bg__changes_list_free(bg__cseries_list *l);

/** The detectors. */
typedef enum bg__cmethod { BG__CM_STEPS = 0, BG__CM_EDIVISIVE = 1 } bg__cmethod;

/** One change found: the first point after it, and its significance. */
typedef struct bg__cfound {
    size_t at;      /**< index of the first point of the new level */
    double p_value; /**< the detector's p-value (permutation test, or Mann-Whitney of the two
                         segments for the step fit); 0 for an exact series */
} bg__cfound;

typedef struct bg__cparams {
    bg__cmethod method;
    double alpha;     /**< E-divisive: the permutation test's level */
    int permutations; /**< E-divisive: permutations per candidate */
    double beta;      /**< steps: the penalty, in noise units times ln(n) */
    int min_size;     /**< the fewest points a level needs to count (persistent) */
    unsigned seed;    /**< the permutations' seed */
} bg__cparams;

/** The step fit's longest series solved exactly (optimal partitioning, O(n^2 log n)); a longer
 *  one is split by binary segmentation with the same cost and penalty (O(n log n) a level). */
#define BG__STEPS_EXACT_MAX 400

/** The defaults of each method (the values docs/gates.md scores). */
bg__cparams bg__changes_defaults(bg__cmethod method);

/**
 * Finds the persistent step changes of y[0..n) (w: each point's half CI, or NaN); exact: 1 for
 * an exact series (any persistent step is a change). Writes up to cap changes, in order.
 * @return how many were found, -1 when out of memory
 */
int bg__changes_detect(const double *y, const double *half_ci, size_t n, int exact,
                       const bg__cparams *p, bg__cfound *out, size_t cap);

/** One change of a series as reported: its place, the medians of the levels on each side. */
typedef struct bg__change {
    const bg__cseries *s;
    size_t at;      /**< the first point of the new level (>= 1) */
    double before;  /**< the median of the level before */
    double after;   /**< the median of the new level */
    double pct;     /**< (after - before) / |before| in %; NaN when before is 0 */
    double p;       /**< the detector's p-value */
    int regression; /**< 1 a regression by the metric's direction, 0 an improvement */
    int exact;      /**< 1 on an exact series */
} bg__change;

/**
 * The changes of every series of l by the detector p, in series order, from from[i] (or 1
 * when from is NULL) on, on as many threads as the machine has cores (at most 8): each series
 * is independent, and the detection is most of the time of changes and publish. out[i] and
 * count[i] are series i's (out[i] NULL when none; the caller frees each).
 * @return 0; -1 out of memory
 */
int bg__changes_find_all(const bg__cseries_list *l, const bg__cparams *p, const size_t *from,
                         bg__change **out, size_t *count);

/** The median of y[from..to) (a copy is sorted). */
double bg__changes_median(const double *y, size_t from, size_t to);

#endif /* BENCHGATE_CHANGES_INTERNAL_H */
