/* cmd_history.c - benchgate history: the runs recorded in the run history (SQLite or
 * PostgreSQL), recording a run directory there by hand, importing CI artifacts and exporting
 * the history (its --db and --last: history_flags.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/history.h"
#include "benchgate/report.h"
#include "benchgate/terminal.h"
#include "cli.h"

static void history_help(void) {
    cli_help("usage: benchgate history [--db=LOCATION] [--last=N] [--format=table|csv|json]\n"
             "       benchgate history [--db=LOCATION] --record=RUN_DIR\n"
             "       benchgate history --record=RUN_DIR --ctest [--config=FILE]\n"
             "       benchgate history import [--db=LOCATION] PATH...\n"
             "       benchgate history export [--db=LOCATION] --format=jsonl\n\n"
             "Lists the runs recorded in the run history, newest first (default the last 20).\n"
             "benchgate start records every run; --record adds a run directory written by a\n"
             "bench executable alone. import adds run directories, result.json files,\n"
             "exported histories (.jsonl) and .zip / .tar.gz CI artifacts, each run once;\n"
             "export writes every run as JSON lines (to move a history to another store).\n"
             "LOCATION is a SQLite file or a PostgreSQL database (postgresql://USER@HOST/DB,\n"
             "or \"host=... dbname=...\"; the password from ~/.pgpass, PGPASSFILE or\n"
             "PGPASSWORD, never in the URL): --db, else the history setting (bench.yaml\n"
             "history:, BENCH_HISTORY), default results/history.sqlite.\n"
             "benchgate summary --db shows the trend of each benchmark.\n"
             "--ctest is the step of a bench's CTest test (bg_add_benchmark): it records the\n"
             "run only when a history is configured (bench.yaml history: of --config, or\n"
             "BENCH_HISTORY; not the default); a failure is a warning (exit 0), unless\n"
             "BENCH_HISTORY named the store (exit 2: the test fails).\n");
}

typedef struct history_opts {
    const char *db, *format, *record, *config;
    int last, ctest;
} history_opts;

static int parse_history(int argc, char **argv, history_opts *o) {
    *o = (history_opts){NULL, "table", NULL, NULL, 20, 0};
    for (int i = 1; i < argc; i++) {
        const char *v = NULL, *a = argv[i];
        if (cli_flag(a, "help", &v))
            return history_help(), -1;
        if (strcmp(a, "--ctest") == 0) {
            o->ctest = 1;
        } else if (cli_flag(a, "config", &v)) {
            if (v == NULL || v[0] == '\0')
                return cli_usage_error("history: --config needs a value (--config=FILE)");
            o->config = v;
        } else if (cli_flag(a, "last", &v)) {
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

/* history import [--db=LOCATION] PATH... */
static int history_import(int argc, char **argv) {
    const char *db_flag = NULL;
    char db[CLI_PATH_MAX], err[1024];
    char **paths = calloc((size_t)argc + 1, sizeof *paths);
    int n = 0;
    if (paths == NULL)
        return cli_usage_error("out of memory");
    for (int i = 2; i < argc; i++) {
        const char *v = NULL;
        if (cli_flag(argv[i], "help", &v))
            return free(paths), history_help(), 0;
        if (cli_flag(argv[i], "db", &v)) {
            if (v == NULL || v[0] == '\0')
                return free(paths), cli_usage_error("history import: --db needs a value");
            db_flag = v;
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            free(paths);
            return cli_usage_error("history import: unexpected argument '%s'", argv[i]);
        } else {
            paths[n++] = argv[i];
        }
    }
    if (n == 0)
        return free(paths), cli_usage_error("history import: give the run directories, "
                                            "result.json files or archives to import");
    if (history_db(db_flag, db, sizeof db) != 0)
        return free(paths), 2;
    char *text = NULL, *problems = NULL;
    bg_err rc = bg_history_import(db, paths, n, &text, &problems, err, sizeof err);
    free(paths);
    if (text)
        fputs(text, stdout);
    fflush(stdout);
    if (problems)
        fputs(problems, stderr);
    bg_text_free(text);
    bg_text_free(problems);
    if (rc != BG_OK)
        return cli_usage_error("%s", err);
    return 0;
}

/* history export [--db=LOCATION] --format=jsonl */
static int history_export(int argc, char **argv) {
    const char *db_flag = NULL, *format = NULL;
    char db[CLI_PATH_MAX], err[1024];
    for (int i = 2; i < argc; i++) {
        const char *v = NULL;
        if (cli_flag(argv[i], "help", &v))
            return history_help(), 0;
        if (cli_flag(argv[i], "db", &v) || cli_flag(argv[i], "format", &v)) {
            if (v == NULL || v[0] == '\0')
                return cli_usage_error("history export: %s needs a value", argv[i]);
            *(argv[i][2] == 'd' ? &db_flag : &format) = v;
        } else {
            return cli_usage_error("history export: unexpected argument '%s'", argv[i]);
        }
    }
    if (format == NULL)
        return cli_usage_error("history export: give --format=jsonl");
    if (history_db(db_flag, db, sizeof db) != 0)
        return 2;
    if (bg_history_export(db, format, stdout, err, sizeof err) != BG_OK)
        return cli_usage_error("%s", err);
    return 0;
}

/* --record=DIR --ctest: after a bench's CTest test, into the configured history, if any. */
static int record_ctest(const history_opts *o) {
    char db[CLI_PATH_MAX], err[1024];
    if (o->db || o->record == NULL)
        return cli_usage_error("history: --ctest takes --record=RUN_DIR and no --db (the "
                               "history is the configured one)");
    if (cli_history_configured(o->config, db, sizeof db) != 0)
        return 2;
    if (db[0] == '\0')
        return 0; /* no history configured: nothing recorded, nothing said */
    if (bg_history_record(db, o->record, err, sizeof err) == BG_OK) {
        printf("benchgate: recorded %s in the run history %s\n", o->record, db);
        return 0;
    }
    const char *env = getenv("BENCH_HISTORY");
    if (env && env[0] && !cli_off(env))
        return cli_usage_error("the run was not recorded in the run history BENCH_HISTORY=%s: "
                               "%s",
                               db, err);
    char line[CLI_PATH_MAX + 1200];
    snprintf(line, sizeof line,
             "benchgate: warning: the run was not recorded in the run history %s (bench.yaml "
             "history:): %s",
             db, err);
    bg_print_wrapped(stderr, line, "  ", 0);
    return 0;
}

int cmd_history(int argc, char **argv) {
    history_opts o;
    if (argc > 1 && strcmp(argv[1], "import") == 0)
        return history_import(argc, argv);
    if (argc > 1 && strcmp(argv[1], "export") == 0)
        return history_export(argc, argv);
    char db[CLI_PATH_MAX], err[1024];
    int p = parse_history(argc, argv, &o);
    if (p != 0)
        return p < 0 ? 0 : 2;
    if (o.ctest)
        return record_ctest(&o);
    if (o.config)
        return cli_usage_error("history: --config goes with --record=RUN_DIR --ctest");
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
