/*
 * publish.h - the run history as a static site (benchgate publish): an index of every
 * benchmark and machine class with a sparkline, its latest figure and latest change and a
 * filter box; a page per benchmark with its plot over commits (the median and its CI band per
 * machine class, the change points of benchgate changes marked, a log-scale switch); a page of
 * the changes, newest first, each commit linked to the repository when its URL is known.
 * Inline CSS, JS and SVG only: nothing is fetched when a page is viewed (file:// or any static
 * host such as GitHub Pages).
 *
 * The site is written into OUT.tmp, then renamed to OUT; an OUT that a previous publish did not
 * write (it has no .benchgate-publish file) is refused.
 *
 * Ownership: text returned in *out_text belongs to the caller (bg_text_free() of report.h).
 * Error messages go to errbuf (errlen its size; errbuf may be NULL).
 */
#ifndef BENCHGATE_PUBLISH_H
#define BENCHGATE_PUBLISH_H

#include "benchgate/api.h"

#include <stddef.h>

#include "benchgate/errors.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The file that marks a folder as publish's output (its first line names the format). */
#define BG_PUBLISH_MARKER ".benchgate-publish"
/** The file of the site holding the newest commit published (one line: its sha). */
#define BG_PUBLISH_LAST_COMMIT "last_commit.txt"

/** What to publish; NULL or "" for no restriction (or the default). */
typedef struct bg_publish_options {
    const char *db;            /**< the history: a SQLite file or a postgresql:// URL */
    const char *out;           /**< the site's folder */
    const char *filter;        /**< a POSIX extended regex over benchmark names */
    const char *machine_class; /**< one machine class */
    const char *repo_url;      /**< http(s) URL of the repository; NULL: from the runs' CI URL */
    const char *title;         /**< the pages' title (default "benchgate: benchmark history") */
} bg_publish_options;

/**
 * Writes the site of the history o->db into o->out.
 * @param out_text a one-paragraph summary (benchmarks, series, changes, pages, bytes)
 * @return BG_OK; BG_EUSAGE for a bad filter or repository URL, or an out that is a file or a
 *         folder publish did not write; BG_EINPUT for a missing, empty or foreign history;
 *         BG_EIO when the site cannot be written (nothing of it is left); BG_ENOMEM
 */
BG_API bg_err bg_history_publish(const bg_publish_options *o, char **out_text, char *errbuf,
                                 size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_PUBLISH_H */
