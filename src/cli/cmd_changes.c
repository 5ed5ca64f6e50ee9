/* cmd_changes.c - benchgate changes: the change points of every series of the run history
 * (src/history/changes_*.c); --fail-on=regression makes a regression after --since exit 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/changes.h"
#include "benchgate/report.h"
#include "cli.h"

static void changes_help(void) {
    cli_help(
        "usage: benchgate changes [--db=FILE] [--filter=REGEX] [--metric=NAME]\n"
        "         [--machine-class=CLASS] [--since=COMMIT|YYYY-MM-DD]\n"
        "         [--format=table|json|md] [--method=steps|edivisive] [--fail-on=regression]\n\n"
        "Finds the persistent step changes of each series of the run history: a\n"
        "benchmark's metric (default its primary one) on one machine class, one point a\n"
        "commit, in run order. Each change names its first commit and the one before,\n"
        "the medians before and after, the change in %% and its significance, and whether\n"
        "it is a regression or an improvement. Single outliers are not changes; on exact\n"
        "series (instruction counts) any persistent step is.\n"
        "  --method=steps      a penalised piecewise-constant fit, L1 cost weighted by\n"
        "                      each point's CI (the default)\n"
        "  --method=edivisive  E-divisive means with a permutation test\n"
        "  --since             report only the changes from that commit or date on\n"
        "  --fail-on=regression  exit 1 when a regression is reported\n"
        "The database is --db, else the history setting (default results/history.sqlite).\n");
}

typedef struct changes_opts {
    bg_changes_options o;
    const char *db, *fail_on;
} changes_opts;

static const char *const names[] = {"db",    "filter", "metric", "machine-class",
                                    "since", "format", "method", "fail-on"};

static const char **slot(changes_opts *c, int k) {
    const char **slots[] = {&c->db,      &c->o.filter, &c->o.metric, &c->o.machine_class,
                            &c->o.since, &c->o.format, &c->o.method, &c->fail_on};
    return slots[k];
}

static int parse_changes(int argc, char **argv, changes_opts *c) {
    memset(c, 0, sizeof *c);
    for (int i = 1; i < argc; i++) {
        const char *v = NULL, *a = argv[i];
        if (cli_flag(a, "help", &v))
            return changes_help(), -1;
        int k = 0;
        while (k < 8 && !cli_flag(a, names[k], &v))
            k++;
        if (k == 8)
            return cli_usage_error("changes: unexpected argument '%s' (see benchgate changes "
                                   "--help)",
                                   a);
        if (v == NULL || v[0] == '\0')
            return cli_usage_error("changes: --%s needs a value (--%s=...)", names[k], names[k]);
        *slot(c, k) = v;
    }
    if (c->fail_on && strcmp(c->fail_on, "regression") != 0)
        return cli_usage_error("changes: --fail-on='%s': the one value is regression", c->fail_on);
    return 0;
}

int cmd_changes(int argc, char **argv) {
    changes_opts c;
    char db[CLI_PATH_MAX], err[1024];
    int p = parse_changes(argc, argv, &c);
    if (p != 0)
        return p < 0 ? 0 : 2;
    if (history_db(c.db, db, sizeof db) != 0)
        return 2;
    c.o.db = db;
    char *text = NULL;
    int regressions = 0;
    bg_err rc = bg_history_changes(&c.o, &text, &regressions, err, sizeof err);
    if (rc != BG_OK)
        return cli_usage_error("%s", err);
    fputs(text, stdout);
    bg_text_free(text);
    if (c.fail_on && regressions > 0) {
        fprintf(stderr, "benchgate: changes: %d regression(s) found (--fail-on=regression)\n",
                regressions);
        return 1;
    }
    return 0;
}
