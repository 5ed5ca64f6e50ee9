/* cmd_summary.c - benchgate summary: metrics aggregated across runs and machines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/history.h"
#include "benchgate/report.h"
#include "cli.h"

/** --db and its companions: the trend of each benchmark from the run history. */
typedef struct db_opts {
    int on, last;
    const char *db, *filter;
} db_opts;

static void summary_help(void) {
    cli_help(
        "usage: benchgate summary [--format=table|md|csv|json] RUN_DIR|RESULT.json...\n"
        "       benchgate summary --db[=FILE] [--last=N] [--filter=REGEX] [--format=...]\n\n"
        "For each benchmark, over the runs given (from one machine or several): the runs where\n"
        "it was ok, the median, min and max of the run medians of its primary metric (time_ns,\n"
        "or instructions when measured), their spread ((max - min) / median) and CV, and the\n"
        "machine classes; the same for accuracy metrics. Default format: table.\n\n"
        "--db reads the run history instead (default results/history.sqlite, or the\n"
        "history setting): per benchmark over the last N runs (default 10) the first and\n"
        "latest median, the change, the median, min, max and CV of the run medians, and a\n"
        "trend line; --filter keeps the benchmarks whose name matches.\n");
}

/* Collects the run paths into runs; @return 0 to go on, -1 after --help, 2 on bad usage. */
/* --db[=FILE], --last=N, --filter=REGEX; @return 1 when a is one of them, -2 when bad */
static int db_flag(const char *a, db_opts *d) {
    const char *v = NULL;
    if (cli_flag(a, "db", &v))
        return d->on = 1, d->db = v, 1;
    if (cli_flag(a, "last", &v))
        return history_last(v, &d->last) == 0 ? 1 : -2;
    if (!cli_flag(a, "filter", &v))
        return 0;
    if (v == NULL || v[0] == '\0')
        return cli_usage_error("--filter: needs a value (--filter=REGEX)"), -2;
    return d->filter = v, 1;
}

static int parse_summary(int argc, char **argv, const char **format, const char **runs,
                         size_t *count, db_opts *d) {
    *format = "table";
    *count = 0;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL, *a = argv[i];
        int db = db_flag(a, d);
        if (cli_flag(a, "help", &v))
            return summary_help(), -1;
        if (db != 0) {
            if (db < 0)
                return 2;
        } else if (cli_flag(a, "format", &v)) {
            if (v == NULL || v[0] == '\0')
                return cli_usage_error("--format: needs a value (--format=table|md|csv|json)");
            *format = v;
        } else if (strncmp(a, "--", 2) == 0) {
            return cli_usage_error("summary: unknown flag '%s' (see benchgate summary --help)", a);
        } else {
            runs[(*count)++] = a;
        }
    }
    if (d->on && *count > 0)
        return cli_usage_error("summary: --db reads the run history; give no run directories "
                               "with it");
    if (!d->on && (d->filter || d->last))
        return cli_usage_error("summary: --last and --filter go with --db");
    if (*count == 0 && !d->on)
        return cli_usage_error("summary: no runs given (benchgate summary [--format=...] "
                               "RUN_DIR|RESULT.json...)");
    return 0;
}

int cmd_summary(int argc, char **argv) {
    const char *format = NULL, **runs = calloc((size_t)argc + 1, sizeof *runs);
    size_t count = 0;
    db_opts d = {0, 0, NULL, NULL};
    if (runs == NULL)
        return cli_usage_error("summary: out of memory"), 3;
    int rc = parse_summary(argc, argv, &format, runs, &count, &d);
    if (rc != 0) {
        free(runs);
        return rc < 0 ? 0 : rc;
    }
    char *text = NULL, err[1024], db[CLI_PATH_MAX];
    if (d.on && history_db(d.db, db, sizeof db) != 0)
        return free(runs), 2;
#if BG_CLI_HISTORY
    bg_err e = d.on ? bg_history_summary(db, d.last ? d.last : 10, d.filter, format, &text, err,
                                         sizeof err)
                    : bg_summary(runs, count, format, &text, err, sizeof err);
#else
    if (d.on)
        return free(runs), cli_usage_error("summary --db: this benchgate was built without "
                                           "benchgate::history (-DBENCHGATE_HISTORY=OFF)");
    bg_err e = bg_summary(runs, count, format, &text, err, sizeof err);
#endif
    free(runs);
    if (e != BG_OK)
        return cli_usage_error("%s", err), bg_err_exit_code(e);
    fputs(text, stdout);
    bg_text_free(text);
    return fflush(stdout) == 0 ? 0 : cli_usage_error("summary: cannot write to stdout");
}
