/* cmd_changes.c - benchgate changes: the change points of every series of the run history
 * (src/history/changes_*.c); --fail-on=regression makes a regression after --since exit 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/changes.h"
#include "benchgate/report.h"
#include "cli.h"
#include "flags.h"

typedef struct changes_opts {
    bg_changes_options o;
    const char *db, *fail_on;
} changes_opts;

#define OPT(field) CLI_OFF(changes_opts, field)
static const cli_flag_def changes_flags[] = {
    CLI_FLAG_DB(changes_opts, db),
    CLI_FLAG_FILTER(changes_opts, o.filter, "only the benchmarks whose name matches"),
    {"metric", "NAME", CLI_TEXT, OPT(o.metric), 0, 0, NULL, NULL,
     "the metric of every series (default: each benchmark's primary one)", NULL},
    {"machine-class", "CLASS", CLI_TEXT, OPT(o.machine_class), 0, 0, NULL, NULL,
     "only the series of this machine class", NULL},
    {"since", "COMMIT|YYYY-MM-DD", CLI_TEXT, OPT(o.since), 0, 0, NULL, NULL,
     "report only the changes from that commit or date on", NULL},
    CLI_FLAG_FORMAT(changes_opts, o.format, "table|json|md", "table"),
    {"method", NULL, CLI_CHOICE, OPT(o.method), 0, 0, "steps|edivisive", "steps",
     "steps: a penalised piecewise-constant fit, L1 cost weighted by each point's CI;\n"
     "edivisive: E-divisive means with a permutation test",
     NULL},
    {"fail-on", NULL, CLI_CHOICE, OPT(fail_on), 0, 0, "regression", NULL,
     "exit 1 when a regression is reported", NULL},
};
#undef OPT

const cli_verb_def cli_changes_verb = {
    "changes",
    "",
    "Finds the persistent step changes of each series of the run history: a\n"
    "benchmark's metric (default its primary one) on one machine class, one point a\n"
    "commit, in run order. Each change names its first commit and the one before,\n"
    "the medians before and after, the change in % and its significance, and whether\n"
    "it is a regression or an improvement. Single outliers are not changes; on exact\n"
    "series (instruction counts) any persistent step is.",
    changes_flags,
    CLI_COUNT(changes_flags),
    0,
    0,
    NULL};

int cmd_changes(int argc, char **argv) {
    changes_opts c = {0};
    char db[CLI_PATH_MAX], err[1024];
    int p = cli_parse(&cli_changes_verb, argc, argv, &c, NULL);
    if (p != 0)
        return p == 1 ? 0 : 2;
    if (history_db(c.db, db, sizeof db) != 0)
        return BG_EXIT_USAGE;
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
        return BG_EXIT_REGRESSION;
    }
    return 0;
}
