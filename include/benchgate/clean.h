/*
 * clean.h - removing old intermediate results, never what is protected (datasets,
 * committed baselines, read-only files, a locked run).
 *
 * Paths and texts passed in are only read during the call. Error messages go to the caller's
 * errbuf (errlen its size; errbuf may be NULL).
 */
#ifndef BENCHGATE_CLEAN_H
#define BENCHGATE_CLEAN_H

#include "benchgate/api.h"

#include <stddef.h>
#include <stdint.h>

#include "benchgate/errors.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- cleaning old intermediate results ------------------------------------------------- */

/**
 * Parses an age: a positive whole number with a unit, s, m (minutes), h, d or w ("30d").
 * @return BG_OK with *seconds set, or BG_EUSAGE
 */
BG_API bg_err bg_parse_age(const char *text, double *seconds, char *errbuf, size_t errlen);

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
BG_API bg_err bg_clean(const char *dir, double max_age_s, int dry_run, bg_clean_report report,
                       void *ctx, bg_clean_totals *totals, char *errbuf, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_CLEAN_H */
