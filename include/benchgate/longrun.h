/*
 * longrun.h - running long suites: the run directory lock, pause and resume requests, the
 * progress line, rotating logs, effective settings, and cleaning old intermediate results.
 *
 * Every bench executable uses these for its own run directory; the benchgate command uses them
 * for the run directory of `benchgate start`. Ownership: a bg_run_lock belongs to the caller
 * until bg_run_lock_release(). Paths and texts passed in are only read during the call. Error
 * messages go to the caller's errbuf (errlen its size; errbuf may be NULL).
 */
#ifndef BENCHGATE_LONGRUN_H
#define BENCHGATE_LONGRUN_H

#include <stddef.h>
#include <stdint.h>

#include "benchgate/errors.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the run directory lock ------------------------------------------------------------ */

/** A held lock on a run directory (DIR/.lock, flock(2)); released by the kernel on exit. */
typedef struct bg_run_lock bg_run_lock;

/**
 * Locks run directory dir (which must exist) for writing, and records this process's pid in
 * DIR/.lock. The lock is not inherited by programs this process executes.
 * @param wait_s how long to wait for another holder to finish (0: do not wait)
 * @param out    receives the lock
 * @return BG_OK; BG_EUSAGE when another process holds it (the message names its pid);
 *         BG_EIO when DIR/.lock cannot be opened; BG_ENOMEM
 */
bg_err bg_run_lock_acquire(const char *dir, double wait_s, bg_run_lock **out, char *errbuf,
                           size_t errlen);

/**
 * @return the pid of the process that holds dir's lock, 0 when nobody does (or there is no
 *         DIR/.lock); a holder whose pid cannot be read gives 1
 */
long bg_run_lock_owner(const char *dir);

/** Releases the lock (accepts NULL). */
void bg_run_lock_release(bg_run_lock *lock);

/* ---- pause and resume ------------------------------------------------------------------ */

/** What a run is asked to do (the file DIR/control). */
typedef enum bg_control {
    BG_CONTROL_RUN = 0,  /**< run (also when DIR/control is missing) */
    BG_CONTROL_PAUSE = 1 /**< finish the current sample, write the checkpoint and wait */
} bg_control;

/** Writes the request into DIR/control (atomically). @return BG_OK or BG_EIO */
bg_err bg_control_request(const char *dir, bg_control what, char *errbuf, size_t errlen);

/** @return the request in DIR/control; BG_CONTROL_RUN when there is none. */
bg_control bg_control_read(const char *dir);

/**
 * Records what the run is doing in DIR/control.state: "STATE PID DETAIL" on one line,
 * STATE being "running" or "paused" (atomically). @return BG_OK or BG_EIO
 */
bg_err bg_control_report(const char *dir, const char *state, const char *detail, char *errbuf,
                         size_t errlen);

/**
 * Reads DIR/control.state into buf (one line, no newline).
 * @return 0, or -1 when there is none
 */
int bg_control_state(const char *dir, char *buf, size_t size);

/* ---- the progress line ------------------------------------------------------------------ */

/** What the progress line shows. */
typedef struct bg_progress {
    int index;        /**< the benchmark running: index of count (1-based) */
    int count;        /**< how many benchmarks the run has */
    const char *name; /**< what runs now (a bench executable or an instance) */
    double fraction;  /**< share of the whole run done, 0..1; < 0 when unknown */
    double elapsed_s; /**< wall time since the run started */
    double left_s;    /**< estimated time left; < 0 when unknown */
    int paused;       /**< 1: paused (benchgate pause) */
} bg_progress;

/**
 * Formats the progress line: "[2/6] triad [#####-----]  35%  0:12 elapsed  ~0:30 left".
 * It holds no newline and, without colour, no control character.
 * @param width  the terminal's width: the line is cut to width - 1 columns
 * @param colour 1: colours the bar with ANSI SGR codes
 * @return the length written to buf
 */
size_t bg_progress_format(const bg_progress *p, int width, int colour, char *buf, size_t size);

/**
 * @return 1 when a progress line may be drawn on fd: fd is a terminal, TERM is not "dumb"
 *         and no_ui is 0
 */
int bg_ui_enabled(int fd, int no_ui);

/** @return 1 when colour may be used on fd: bg_ui_enabled() and NO_COLOR is not set. */
int bg_colour_enabled(int fd, int no_ui);

/** @return the width of the terminal on fd, or 80. */
int bg_terminal_width(int fd);

/* ---- logs ------------------------------------------------------------------------------- */

/**
 * Appends text to the log at path, rotating first when the log would grow beyond max_bytes:
 * path.N-1 becomes path.N, ..., path becomes path.1 (backups = 0: the log starts over).
 * Rotation and append happen under an exclusive flock(2) of DIR/.NAME.lock, so several
 * processes may write one log; every append lands whole in one file.
 * @return BG_OK or BG_EIO
 */
bg_err bg_log_append(const char *path, const char *text, uint64_t max_bytes, int backups,
                     char *errbuf, size_t errlen);

/* ---- settings ----------------------------------------------------------------------------- */

/** The effective run settings that a bench executable would see with some flags. */
typedef struct bg_settings bg_settings;

/**
 * Loads the run settings: built-in defaults < bench.yaml (--config, BENCH_CONFIG or
 * ./bench.yaml) < BENCH_* environment < the flags argv[1..argc).
 * @param out receives the settings (free them with bg_settings_free())
 * @return BG_OK; BG_EUSAGE for a bad flag; BG_ECONFIG for a bad setting; BG_ENOMEM
 */
bg_err bg_settings_load(int argc, char **argv, bg_settings **out, char *errbuf, size_t errlen);

/**
 * The value of one setting as text (booleans "1" or "0").
 * @param key a bench.yaml key of section run ("history", "log_max_mb", ...) or a flag name
 * @return BG_OK, or BG_EUSAGE for an unknown key
 */
bg_err bg_settings_get(const bg_settings *s, const char *key, char *value, size_t size);

/** Frees settings (accepts NULL). */
void bg_settings_free(bg_settings *s);

/**
 * Checks a name filter as --filter does: a POSIX extended regex, no control characters, at most
 * 10 quantifiers and none right after another (glibc's matcher doubles its size with each).
 * @return BG_OK, or BG_EUSAGE with the reason in errbuf ("'(' is not a valid ...")
 */
bg_err bg_regex_check(const char *text, char *errbuf, size_t errlen);

/* ---- cleaning old intermediate results ------------------------------------------------- */

/**
 * Parses an age: a positive whole number with a unit, s, m (minutes), h, d or w ("30d").
 * @return BG_OK with *seconds set, or BG_EUSAGE
 */
bg_err bg_parse_age(const char *text, double *seconds, char *errbuf, size_t errlen);

/** What bg_clean() does with one path. */
typedef enum bg_clean_action {
    BG_CLEAN_REMOVED = 0, /**< removed (or, in a dry run, would be) */
    BG_CLEAN_KEPT = 1     /**< old enough but protected; the reason says why */
} bg_clean_action;

/** Called for each path bg_clean() removes or keeps; reason is NULL for a removal. */
typedef void (*bg_clean_report)(void *ctx, bg_clean_action action, const char *path,
                                const char *reason);

/** Totals of a bg_clean() call. */
typedef struct bg_clean_totals {
    uint64_t files; /**< files and symbolic links removed */
    uint64_t dirs;  /**< directories removed */
    uint64_t bytes; /**< bytes of the removed files */
    uint64_t kept;  /**< old entries kept because they are protected */
} bg_clean_totals;

/**
 * Removes what under dir is older than max_age_s: files, symbolic links (never followed: their
 * targets are untouched) and directories that end up empty. Never touches a folder named
 * "datasets", a "baselines" folder inside a "ci" folder, a read-only file (no write bit), or
 * a run directory whose lock is held. dir itself is never removed; dir must not be a symbolic
 * link and must not lie inside a protected folder.
 * @param dry_run 1: report what would go, remove nothing
 * @return BG_OK; BG_EUSAGE for a dir that is protected, a symbolic link or not a directory;
 *         BG_EIO when something could not be removed (the rest is still done)
 */
bg_err bg_clean(const char *dir, double max_age_s, int dry_run, bg_clean_report report, void *ctx,
                bg_clean_totals *totals, char *errbuf, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_LONGRUN_H */
