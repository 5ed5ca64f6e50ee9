/* publish.h - benchgate publish (internal): the site's model made from the series and changes
 * of the history (publish.c), its folder written atomically (publish_site.c), the SVG plots
 * (publish_plot.c) and the pages (publish_pages.c). */
#ifndef BENCHGATE_PUBLISH_INTERNAL_H
#define BENCHGATE_PUBLISH_INTERNAL_H

#include <stddef.h>

#include "benchgate/publish.h"
#include "changes.h"
#include "common/common.h"

/** One series of the site: the series and its changes (every one, oldest first). */
typedef struct bg__pseries {
    const bg__cseries *s;
    bg__change *changes;
    size_t nchanges;
    int colour; /**< the machine class's colour on the benchmark's plot */
} bg__pseries;

/** One commit on a benchmark's x axis. */
typedef struct bg__pcommit {
    long long key;      /**< its place in commit order */
    const char *commit; /**< its sha (or run id) */
    const char *date;   /**< its date: the commit's time, else its first run's */
} bg__pcommit;

/** One benchmark: its series (one per machine class) and its page. */
typedef struct bg__pbench {
    const char *name;
    size_t first, count; /**< its series: site.series[first .. first + count) */
    char file[96];       /**< its page, relative to the site: b/SLUG-HASH.html */
} bg__pbench;

/** The site being written. */
typedef struct bg__site {
    const bg_publish_options *o;
    const char *title;
    char repo[1024];        /**< the repository's URL without a trailing /, "" when unknown */
    char tmp[BG__PATH_MAX]; /**< the folder being written (OUT.tmp) */
    bg__cseries_list list;
    bg__pseries *series;
    bg__pbench *benches;
    size_t nseries, nbenches, nchanges;
    int regressions;
    size_t files, bytes; /**< written so far */
} bg__site;

/* ---- the folder (publish_site.c) ---- */

/** Checks out (a folder publish wrote, or nothing yet), makes OUT.tmp with the marker in it. */
bg_err bg__site_begin(bg__site *site, bg__error *err);
/** Writes rel (a path inside the site, its folder made) with text. */
bg_err bg__site_write(bg__site *site, const char *rel, const bg__strbuf *text, bg__error *err);
/** Replaces OUT with OUT.tmp. */
bg_err bg__site_finish(bg__site *site, bg__error *err);
/** Removes OUT.tmp (after a failure). */
void bg__site_abandon(bg__site *site);
/** Checks an http(s) repository URL (no quote, space or control character); the URL without a
 *  trailing / goes to out. @return BG_OK or BG_EUSAGE */
bg_err bg__site_repo_url(const char *url, char *out, size_t size, bg__error *err);

/* ---- plots (publish_plot.c) ---- */

/** The benchmark's plot: every series on the commits of axis[0..n), lin and log variants. */
void bg__plot_bench(bg__strbuf *sb, const bg__site *site, const bg__pbench *b,
                    const bg__pcommit *axis, size_t n);
/** A sparkline of the series' last points (at most 120), as an inline SVG of 120 x 24. */
void bg__plot_spark(bg__strbuf *sb, const bg__pseries *ps);
/** The colour of machine class number i on a plot. */
const char *bg__plot_colour(int i);

/* ---- pages (publish_pages.c) ---- */

bg_err bg__page_index(bg__site *site, bg__error *err);
bg_err bg__page_bench(bg__site *site, const bg__pbench *b, bg__error *err);
bg_err bg__page_changes(bg__site *site, bg__error *err);

#endif /* BENCHGATE_PUBLISH_INTERNAL_H */
