/* cmd_summary.c - benchgate summary: metrics aggregated across runs and machines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/history.h"
#include "benchgate/report.h"
#include "cli.h"
#include "flags.h"

/** --db and its companions: the trend of each benchmark from the run history. */
typedef struct db_opts {
    int on, last;
    const char *db, *filter;
} db_opts;

/** The command line: the flags, and the runs (any number) collected by the other hook. */
typedef struct summary_opts {
    const char *format, *from, *db, *filter;
    int last, db_alone;
    const char **runs;
    size_t count;
} summary_opts;

#define OPT(field) CLI_OFF(summary_opts, field)
static const cli_flag_def summary_flags[] = {
    CLI_FLAG_FORMAT(summary_opts, format, "table|md|csv|json", "table"),
    {"db", "LOCATION", CLI_TEXT, OPT(db), 0, 0, NULL, NULL,
     "read the run history instead of runs: a SQLite file or a postgresql:// URL;\n"
     "--db alone: the history setting, default results/history.sqlite",
     NULL},
    {"last", "N", CLI_INT, OPT(last), 1, 1000000, NULL, NULL,
     "with --db: over the last N runs (default 10)", NULL},
    CLI_FLAG_FILTER(summary_opts, filter, "with --db: only the benchmarks whose name matches"),
    CLI_FLAG_FROM(summary_opts, from),
};
#undef OPT

/* --db alone (the configured history), and each run: the words, as many as given.
 * @return 1 taken, 0 not one */
static int db_or_run(void *opts, const char *arg) {
    summary_opts *o = opts;
    if (strcmp(arg, "--db") == 0)
        return o->db_alone = 1;
    if (arg[0] == '-' && arg[1] != '\0')
        return 0;
    o->runs[o->count++] = arg;
    return 1;
}

const cli_verb_def cli_summary_verb = {
    "summary",
    "RUN_DIR|RESULT.json...",
    "For each benchmark, over the runs given (from one machine or several): the runs where\n"
    "it was ok, the median, min and max of the run medians of its primary metric (time_ns,\n"
    "or instructions when measured), their spread ((max - min) / median) and CV, and the\n"
    "machine classes; the same for accuracy metrics.\n\n"
    "--db reads the run history instead (benchgate summary --db[=LOCATION] [--last=N]\n"
    "[--filter=REGEX]): per benchmark over the last N runs the first and latest median,\n"
    "the change, the median, min, max and CV of the run medians, and a trend line.",
    summary_flags,
    CLI_COUNT(summary_flags),
    0,
    -1,
    db_or_run};

/* Collects the run paths into runs (room for argc); @return 0 to go on, -1 after --help, 2 on
 * bad usage (message printed). */
static int parse_summary(int argc, char **argv, const char **format, const char **runs,
                         size_t *count, db_opts *d) {
    summary_opts o = {0};
    o.runs = runs;
    int rc = cli_parse(&cli_summary_verb, argc, argv, &o, NULL);
    *format = o.format, *count = o.count;
    *d = (db_opts){o.db_alone || o.db != NULL, o.last, o.db, o.filter};
    if (rc != 0)
        return rc == 1 ? -1 : 2;
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
    if (runs == NULL) {
        cli_usage_error("summary: out of memory");
        return BG_EXIT_FAILED;
    }
    int rc = parse_summary(argc, argv, &format, runs, &count, &d);
    if (rc != 0) {
        free(runs);
        return rc < 0 ? 0 : rc;
    }
    char *text = NULL, err[1024], db[CLI_PATH_MAX];
    if (d.on && history_db(d.db, db, sizeof db) != 0) {
        free(runs);
        return BG_EXIT_USAGE;
    }
#if BG_CLI_HISTORY
    bg_err e = d.on ? bg_history_summary(db, d.last ? d.last : 10, d.filter, format, &text, err,
                                         sizeof err)
                    : bg_summary(runs, count, format, &text, err, sizeof err);
#else
    if (d.on) {
        free(runs);
        return cli_usage_error("summary --db: this benchgate was built without "
                               "benchgate::history (-DBENCHGATE_HISTORY=OFF)");
    }
    bg_err e = bg_summary(runs, count, format, &text, err, sizeof err);
#endif
    free(runs);
    if (e != BG_OK)
        return cli_bg_error(e, err);
    fputs(text, stdout);
    bg_text_free(text);
    return fflush(stdout) == 0 ? 0 : cli_usage_error("summary: cannot write to stdout");
}
