/*
 * log.h - rotating logs that several processes may append to (run.log), and one line of a log
 * formatted and handed to a sink of the caller's (bg_log_fn).
 *
 * Paths and texts passed in are only read during the call. Error messages go to the caller's
 * errbuf (errlen its size; errbuf may be NULL).
 */
#ifndef BENCHGATE_LOG_H
#define BENCHGATE_LOG_H

#include "benchgate/api.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "benchgate/errors.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- logs ------------------------------------------------------------------------------- */

/** Receives one line of a log (no newline); arg is the caller's. */
typedef void (*bg_log_fn)(void *arg, const char *line);

/** The longest line bg_log_line formats, its NUL included (a longer one is cut). */
#define BG_LOG_LINE_MAX 2048

/** Formats one line (printf's rules, cut to BG_LOG_LINE_MAX - 1 bytes) and hands it to log
 *  with arg; nothing when log is NULL. */
BG_API void bg_log_line(bg_log_fn log, void *arg, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/** bg_log_line with a va_list. */
BG_API void bg_vlog_line(bg_log_fn log, void *arg, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/**
 * Appends text to the log at path, rotating first when the log would grow beyond max_bytes:
 * path.N-1 becomes path.N, ..., path becomes path.1 (backups = 0: the log starts over).
 * Rotation and append happen under an exclusive flock(2) of DIR/.NAME.lock, so several
 * processes may write one log; every append lands whole in one file.
 * @return BG_OK or BG_EIO
 */
BG_API bg_err bg_log_append(const char *path, const char *text, uint64_t max_bytes, int backups,
                            char *errbuf, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_LOG_H */
