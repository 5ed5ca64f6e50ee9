/* cmd_history.c - benchgate history: the runs recorded in the run history (SQLite), and
 * recording a run directory there by hand (its --db and --last: history_flags.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/history.h"
#include "benchgate/report.h"
#include "cli.h"

static void history_help(void) {
    cli_help("usage: benchgate history [--db=FILE] [--last=N] [--format=table|csv|json]\n"
             "       benchgate history [--db=FILE] --record=RUN_DIR\n\n"
             "Lists the runs recorded in the run history, newest first (default the last 20).\n"
             "benchgate start records every run; --record adds a run directory written by a\n"
             "bench executable alone. The database is --db, else the history setting\n"
             "(bench.yaml history:, BENCH_HISTORY), default results/history.sqlite.\n"
             "benchgate summary --db shows the trend of each benchmark.\n");
}

typedef struct history_opts {
    const char *db, *format, *record;
    int last;
} history_opts;

static int parse_history(int argc, char **argv, history_opts *o) {
    *o = (history_opts){NULL, "table", NULL, 20};
    for (int i = 1; i < argc; i++) {
        const char *v = NULL, *a = argv[i];
        if (cli_flag(a, "help", &v))
            return history_help(), -1;
        if (cli_flag(a, "last", &v)) {
            if (history_last(v, &o->last) != 0)
                return 2;
        } else if (cli_flag(a, "db", &v) || cli_flag(a, "format", &v) ||
                   cli_flag(a, "record", &v)) {
            if (v == NULL || v[0] == '\0')
                return cli_usage_error("history: %s needs a value (%s=...)", a, a);
            *(a[2] == 'd' ? &o->db : a[2] == 'f' ? &o->format : &o->record) = v;
        } else {
            return cli_usage_error("history: unexpected argument '%s' (see benchgate history "
                                   "--help)",
                                   a);
        }
    }
    return 0;
}

int cmd_history(int argc, char **argv) {
    history_opts o;
    char db[CLI_PATH_MAX], err[1024];
    int p = parse_history(argc, argv, &o);
    if (p != 0)
        return p < 0 ? 0 : 2;
    if (history_db(o.db, db, sizeof db) != 0)
        return 2;
    if (o.record) {
        bg_err rc = bg_history_record(db, o.record, err, sizeof err);
        if (rc != BG_OK)
            return cli_usage_error("%s", err);
        printf("benchgate: recorded %s in %s\n", o.record, db);
        return 0;
    }
    char *text = NULL;
    bg_err rc = bg_history_list(db, o.last, o.format, &text, err, sizeof err);
    if (rc != BG_OK)
        return cli_usage_error("%s", err);
    fputs(text, stdout);
    bg_text_free(text);
    return 0;
}
