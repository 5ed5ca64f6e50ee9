/* bisect.h - the internals of benchgate bisect (include/benchgate/bisect.h): git and its
 * worktrees (bisect_git.c), a probe's configure and build with an existing build's settings
 * (bisect_build.c), its bench executables and their runs (bisect_bench.c), the figures of a
 * probe against the good commit (bisect_measure.c), the search (bisect_search.c), the answer
 * (bisect_print.c) and the one-build check of git bisect run (bisect_check.c). */
#ifndef BENCHGATE_BISECT_INTERNAL_H
#define BENCHGATE_BISECT_INTERNAL_H

#include <stddef.h>

#include "benchgate/bisect.h"
#include "benchgate/compare.h"
#include "common/common.h"

#define BG__BISECT_PATH 4096
#define BG__BISECT_BENCHES 32
#define BG__BISECT_STEPS 96

/** A commit: its full sha, subject and committer date (ISO 8601). */
typedef struct bg__commit {
    char sha[41];
    char subject[160];
    char date[40];
} bg__commit;

/* ---- bisect_git.c ---------------------------------------------------------------------- */

/** The repository that holds dir: its top folder, and dir's path within it ("" or "sub/"). */
bg_err bg__git_toplevel(const char *dir, char *top, size_t tsize, char *prefix, size_t psize,
                        bg__error *err);

/** The full sha of a revision (a commit); name is the flag that gave it ("--good"). */
bg_err bg__git_resolve(const char *repo, const char *name, const char *rev, char sha[41],
                       bg__error *err);

/** The commits after good up to bad, oldest first (bad last): git rev-list --ancestry-path.
 *  BG_EUSAGE when good is not an ancestor of bad. */
bg_err bg__git_range(const char *repo, const char *good, const char *bad, bg__commit **list,
                     size_t *n, bg__error *err);

/** Fills c's subject and date from sha. */
void bg__git_describe(const char *repo, const char *sha, bg__commit *c);

/** git worktree add --detach path sha. @return 0, or -1 (why: git's last words) */
int bg__git_worktree_add(const char *repo, const char *path, const char *sha, const char *log);

/** git worktree remove --force path, then git worktree prune. */
void bg__git_worktree_remove(const char *repo, const char *path);

/* ---- bisect_build.c -------------------------------------------------------------------- */

/** The configure settings of an existing build (its CMakeCache.txt). */
typedef struct bg__build_settings {
    char home[BG__BISECT_PATH]; /**< its source folder (CMAKE_HOME_DIRECTORY) */
    char *args[48];             /**< -G GEN, -DNAME=VALUE ..., NULL-terminated */
    int nargs;
    char ccache; /**< 1: the launcher is ccache (theirs, or found on PATH) */
} bg__build_settings;

/** Reads build_dir/CMakeCache.txt: generator, build type, compilers, flags, prefix path,
 *  benchgate_DIR, launchers (ccache added when on PATH and no launcher is set). */
bg_err bg__build_settings_read(const char *build_dir, bg__build_settings *s, bg__error *err);
void bg__build_settings_free(bg__build_settings *s);

/** Runs argv (PATH searched) with stdout and stderr appended to log, env added (or NULL).
 *  @return its exit code, or -1 when it could not run */
int bg__bisect_spawn(char *const argv[], const char *log, char *const *env);

/** The last line of a log that says something, for a message. */
void bg__log_last_line(const char *log, char *out, size_t size);

/** Configures src into build with the settings and extra args. @return 0 or -1 */
int bg__build_configure(const bg__build_settings *s, const char *src, const char *build,
                        const char *const *extra, size_t nextra, const char *log);

/* ---- bisect_bench.c -------------------------------------------------------------------- */

/** A bench executable of a build's manifest. */
typedef struct bg__bench_exe {
    char name[128];
    char exe[BG__BISECT_PATH];
    char args[2048]; /**< the arguments CMake gave it, space-separated */
} bg__bench_exe;

/** The manifest's benches whose name matches regex (build_dir/benchgate/manifest.d), sorted.
 *  @return how many (at most max), or -1 when the build has no manifest */
int bg__bench_list(const char *build_dir, const char *regex, bg__bench_exe *out, int max);

/** Builds the targets of the benches (bench_NAME). @return 0 or -1 */
int bg__bench_build(const char *build_dir, const bg__bench_exe *b, int n, const char *log);

/** Runs one bench with results in out_dir: instruction mode (instructions 1) or a short timed
 *  run, --baseline=off. @return its exit code */
int bg__bench_run(const bg__bench_exe *b, const char *out_dir, int instructions, const char *log);

/* ---- bisect_measure.c: a probe and its figures ------------------------------------------ */

/** One commit built: its worktree, build, bench executables and (instruction mode) results. */
typedef struct bg__probe {
    bg__commit c;
    char dir[BG__BISECT_PATH]; /**< tmp/NN-sha: src/, build/, results/, log */
    bg__bench_exe bench[BG__BISECT_BENCHES];
    int nbench;
    int ok;         /**< 1: configured, built and ran */
    char why[256];  /**< why not: "build failed: ..." */
    double seconds; /**< its wall time so far */
} bg__probe;

/** What a bisection works with. */
typedef struct bg__bisect_ctx {
    const bg_bisect_options *o;
    char repo[BG__BISECT_PATH];
    char subdir[BG__BISECT_PATH]; /**< the project within the repository ("" or "sub/") */
    char tmp[BG__BISECT_PATH];
    bg__build_settings settings;
    int probes;       /**< how many were started (builds) */
    double judge_pct; /**< time mode: the threshold the A/B runs of a probe are judged by, the
                           search's once good and bad are probed (0: --threshold or ab's) */
} bg__bisect_ctx;

/** Makes the probe of commit c: worktree, configure, build of the matching benches and, in
 *  instruction mode, one run each. @return 1 when it built and ran, 0 when skipped (p->why) */
int bg__probe_make(bg__bisect_ctx *ctx, const bg__commit *c, bg__probe *p);

/** Removes the probe's worktree and folder (unless --keep). */
void bg__probe_drop(bg__bisect_ctx *ctx, bg__probe *p);

/** The comparison of bench i of probe p against the good probe: its instruction results, or
 *  an A/B run of the two (time mode). @return the rows (free them), or NULL (err set; its
 *  message "" and code BG_OK when nothing failed but no rows came) */
bg_compare *bg__probe_compare(bg__bisect_ctx *ctx, const bg__probe *good, const bg__probe *p, int i,
                              bg__error *err);

/* ---- bisect_search.c / bisect_print.c ------------------------------------------------- */

typedef enum bg__step_outcome { BG__STEP_GOOD, BG__STEP_BAD, BG__STEP_SKIP } bg__step_outcome;

/** One probe of the search. */
typedef struct bg__bisect_step {
    bg__commit c;
    const char *role; /**< "good", "bad" or "probe" */
    bg__step_outcome outcome;
    double value;      /**< the tracked benchmark's figure (NAN when skipped) */
    double change_pct; /**< against good (NAN when skipped) */
    char why[256];     /**< why it was skipped */
    double seconds;
} bg__bisect_step;

struct bg_bisect {
    char good[41], bad[41];
    char bench[256], measure[16];
    char benchmark[1032], metric[64], unit[32]; /**< the tracked benchmark */
    double good_value, bad_value, change_pct;   /**< good -> bad */
    double threshold_pct;                       /**< signed: the regression's direction */
    int threshold_default;                      /**< 1: half of good -> bad */
    bg__commit *commits;                        /**< after good up to bad, oldest first */
    size_t ncommits;
    bg__bisect_step steps[BG__BISECT_STEPS];
    size_t nsteps;
    long first_bad; /**< index in commits */
    long last_good; /**< index of the last good one before it (-1: --good) */
    int builds;
    double wall_s;
    char kept[BG__BISECT_PATH]; /**< where the probes were kept (--keep), else "" */
};

/** @return the step of commit index i, NULL when it was not probed */
const bg__bisect_step *bg__bisect_step_of(const bg_bisect *b, long i);

/** Prints one step as a progress line. */
void bg__bisect_progress(FILE *out, const bg__bisect_step *s, size_t number);

#endif /* BENCHGATE_BISECT_INTERNAL_H */
