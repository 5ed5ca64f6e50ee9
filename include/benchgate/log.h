/*
 * log.h - rotating logs that several processes may append to (run.log).
 *
 * Paths and texts passed in are only read during the call. Error messages go to the caller's
 * errbuf (errlen its size; errbuf may be NULL).
 */
#ifndef BENCHGATE_LOG_H
#define BENCHGATE_LOG_H

#include "benchgate/api.h"

#include <stddef.h>
#include <stdint.h>

#include "benchgate/errors.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- logs ------------------------------------------------------------------------------- */

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
