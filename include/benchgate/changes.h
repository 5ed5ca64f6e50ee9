/*
 * changes.h - change points over the run history (benchgate changes): for each series (a
 * benchmark's metric on one machine class, in run order, the runs of one commit as one point)
 * the persistent step changes, with the commits on each side, the medians before and after,
 * the change in % and its significance, a regression or an improvement by the metric's
 * direction.
 *
 * Ownership: text returned in *out_text belongs to the caller (bg_text_free() of report.h).
 * Error messages go to errbuf (errlen its size; errbuf may be NULL).
 */
#ifndef BENCHGATE_CHANGES_H
#define BENCHGATE_CHANGES_H

#include "benchgate/api.h"

#include <stddef.h>

#include "benchgate/errors.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The formats of bg_history_changes(). */
#define BG_CHANGES_FORMATS "table, json, md"
/** The detectors: a penalised piecewise-constant fit (the default), E-divisive means. */
#define BG_CHANGES_METHODS "steps, edivisive"

/** What to look at; NULL or "" for no restriction. */
typedef struct bg_changes_options {
    const char *db;            /**< the history database */
    const char *filter;        /**< a POSIX extended regex over benchmark names */
    const char *metric;        /**< a metric; NULL: each benchmark's primary metric */
    const char *machine_class; /**< one machine class */
    const char *since;         /**< a commit (a prefix of its sha) or a date: report from it */
    const char *format;        /**< one of BG_CHANGES_FORMATS (NULL: table) */
    const char *method;        /**< one of BG_CHANGES_METHODS (NULL: steps) */
} bg_changes_options;

/**
 * Finds the change points of every series of the history.
 * @param regressions set to the number of regressions reported (after since), may be NULL
 * @return BG_OK; BG_EUSAGE for a bad format, method or filter, or a --since the history lacks;
 *         BG_EINPUT for a missing or foreign database; BG_ENOMEM
 */
BG_API bg_err bg_history_changes(const bg_changes_options *o, char **out_text, int *regressions,
                                 char *errbuf, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_CHANGES_H */
