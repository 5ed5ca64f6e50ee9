/*
 * runlock.h - the run directory lock and pause/resume requests: how a bench executable
 * and `benchgate start` keep one writer per run directory and take pause and resume.
 *
 * Paths and texts passed in are only read during the call. Error messages go to the caller's
 * errbuf (errlen its size; errbuf may be NULL).
 */
#ifndef BENCHGATE_RUNLOCK_H
#define BENCHGATE_RUNLOCK_H

#include "benchgate/api.h"

#include <stddef.h>

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
BG_API bg_err bg_run_lock_acquire(const char *dir, double wait_s, bg_run_lock **out, char *errbuf,
                                  size_t errlen);

/**
 * @return the pid of the process that holds dir's lock, 0 when nobody does (or there is no
 *         DIR/.lock); a holder whose pid cannot be read gives 1
 */
BG_API long bg_run_lock_owner(const char *dir);

/** Releases the lock (accepts NULL). */
BG_API void bg_run_lock_release(bg_run_lock *lock);

/* ---- pause and resume ------------------------------------------------------------------ */

/** What a run is asked to do (the file DIR/control). */
typedef enum bg_control {
    BG_CONTROL_RUN = 0,  /**< run (also when DIR/control is missing) */
    BG_CONTROL_PAUSE = 1 /**< finish the current sample, write the checkpoint and wait */
} bg_control;

/** Writes the request into DIR/control (atomically). @return BG_OK or BG_EIO */
BG_API bg_err bg_control_request(const char *dir, bg_control what, char *errbuf, size_t errlen);

/** @return the request in DIR/control; BG_CONTROL_RUN when there is none. */
BG_API bg_control bg_control_read(const char *dir);

/**
 * Records what the run is doing in DIR/control.state: "STATE PID DETAIL" on one line,
 * STATE being "running" or "paused" (atomically). @return BG_OK or BG_EIO
 */
BG_API bg_err bg_control_report(const char *dir, const char *state, const char *detail,
                                char *errbuf, size_t errlen);

/**
 * Reads DIR/control.state into buf (one line, no newline).
 * @return 0, or -1 when there is none
 */
BG_API int bg_control_state(const char *dir, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_RUNLOCK_H */
