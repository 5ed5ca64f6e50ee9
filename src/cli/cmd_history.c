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
#include "flags.h"

typedef struct history_opts {
    const char *db, *format, *record, *config;
    int last, ctest;
} history_opts;

#define OPT(field) CLI_OFF(history_opts, field)
static const cli_flag_def history_flags[] = {
    CLI_FLAG_DB(history_opts, db),
    {"last", "N", CLI_INT, OPT(last), 1, 1000000, NULL, "20", "list the newest N runs", NULL},
    CLI_FLAG_FORMAT(history_opts, format, "table|csv|json", "table"),
    {"record", "RUN_DIR", CLI_TEXT, OPT(record), 0, 0, NULL, NULL,
     "record this run directory (one a bench executable wrote alone) instead", NULL},
    {"ctest", NULL, CLI_SWITCH, OPT(ctest), 0, 0, NULL, NULL,
     "with --record: the step of a bench's CTest test (bg_add_benchmark): records the\n"
     "run only when a history is configured (bench.yaml history: of --config, or\n"
     "BENCH_HISTORY; not the default); a failure is a warning (exit 0), unless\n"
     "BENCH_HISTORY named the store (exit 2: the test fails)",
     NULL},
    {"config", "FILE", CLI_TEXT, OPT(config), 0, 0, NULL, NULL,
     "with --ctest: the bench.yaml that names the history", NULL},
};
#undef OPT

const cli_verb_def cli_history_verb = {
    "history",
    "",
    "Lists the runs recorded in the run history, newest first. benchgate start records\n"
    "every run; --record adds a run directory written by a bench executable alone.\n"
    "benchgate history import adds run directories, result.json files, exported\n"
    "histories (.jsonl) and .zip / .tar.gz CI artifacts, each run once; benchgate\n"
    "history export writes every run as JSON lines (to move a history to another store).\n"
    "LOCATION is a SQLite file or a PostgreSQL database (postgresql://USER@HOST/DB,\n"
    "or \"host=... dbname=...\"; the password from ~/.pgpass, PGPASSFILE or\n"
    "PGPASSWORD, never in the URL): --db, else the history setting (bench.yaml\n"
    "history:, BENCH_HISTORY), default results/history.sqlite.\n"
    "benchgate summary --db shows the trend of each benchmark.",
    history_flags,
    CLI_COUNT(history_flags),
    0,
    0,
    NULL};

static int parse_history(int argc, char **argv, history_opts *o) {
    *o = (history_opts){NULL, "table", NULL, NULL, 20, 0};
    int rc = cli_parse(&cli_history_verb, argc, argv, o, NULL);
    return rc == 0 ? 0 : rc == 1 ? -1 : 2;
}

/** history import's command line: --db and the paths (any number, by the other hook). */
typedef struct import_opts {
    const char *db;
    char **paths;
    int count;
} import_opts;

static const cli_flag_def import_flags[] = {CLI_FLAG_DB(import_opts, db)};

/* A path to import. @return 1 taken, 0 a flag (the table's) */
static int import_path(void *opts, const char *arg) {
    import_opts *o = opts;
    if (arg[0] == '-' && arg[1] == '-')
        return 0;
    o->paths[o->count++] = (char *)arg;
    return 1;
}

const cli_verb_def cli_history_import_verb = {
    "history import",
    "PATH...",
    "Adds run directories, result.json files, exported histories (.jsonl) and .zip /\n"
    ".tar.gz CI artifacts to the run history, each run once (one already there is\n"
    "skipped).",
    import_flags,
    CLI_COUNT(import_flags),
    0,
    0,
    import_path};

/* history import [--db=LOCATION] PATH... (argv[0] "history", argv[1] "import") */
static int history_import(int argc, char **argv) {
    char db[CLI_PATH_MAX], err[1024];
    import_opts o = {NULL, calloc((size_t)argc + 1, sizeof(char *)), 0};
    if (o.paths == NULL)
        return cli_usage_error("out of memory");
    int p = cli_parse(&cli_history_import_verb, argc - 1, argv + 1, &o, NULL);
    if (p != 0) {
        free(o.paths);
        return p == 1 ? 0 : 2;
    }
    if (o.count == 0) {
        free(o.paths);
        return cli_usage_error("history import: give the run directories, "
                               "result.json files or archives to import");
    }
    if (history_db(o.db, db, sizeof db) != 0) {
        free(o.paths);
        return BG_EXIT_USAGE;
    }
    char *text = NULL, *problems = NULL;
    bg_err rc = bg_history_import(db, o.paths, o.count, &text, &problems, err, sizeof err);
    free(o.paths);
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

/** history export's command line. */
typedef struct export_opts {
    const char *db, *format;
} export_opts;

static const cli_flag_def export_flags[] = {
    CLI_FLAG_DB(export_opts, db),
    CLI_FLAG_FORMAT(export_opts, format, "jsonl", NULL),
};

const cli_verb_def cli_history_export_verb = {
    "history export",
    "--format=jsonl",
    "Writes every run of the run history to stdout as JSON lines, one run a line (to\n"
    "move a history to another store: benchgate history import reads them).",
    export_flags,
    CLI_COUNT(export_flags),
    0,
    0,
    NULL};

/* history export [--db=LOCATION] --format=jsonl (argv[0] "history", argv[1] "export") */
static int history_export(int argc, char **argv) {
    export_opts o = {0};
    char db[CLI_PATH_MAX], err[1024];
    int p = cli_parse(&cli_history_export_verb, argc - 1, argv + 1, &o, NULL);
    if (p != 0)
        return p == 1 ? 0 : 2;
    if (o.format == NULL)
        return cli_usage_error("history export: give --format=jsonl");
    if (history_db(o.db, db, sizeof db) != 0)
        return BG_EXIT_USAGE;
    if (bg_history_export(db, o.format, stdout, err, sizeof err) != BG_OK)
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
        return BG_EXIT_USAGE;
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
        return BG_EXIT_USAGE;
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
