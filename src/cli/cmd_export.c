/* cmd_export.c - benchgate export: one result as csv, json, md, junit, gbench (whole or
 * aggregates only), github-action-benchmark's custom JSON, or html. */
#include <stdio.h>
#include <string.h>

#include "benchgate/report.h"
#include "cli.h"

/** What to export, how, and where. */
typedef struct export_opts {
    const char *format; /**< one of BG_EXPORT_FORMATS */
    const char *output; /**< NULL (or "-" given): stdout */
    const char *input;  /**< a result.json or a run directory */
    int private_;       /**< --private: the output 0600 (also when the run is private) */
} export_opts;

#define EXPORT_FORMATS                                                                             \
    "csv|json|md|junit|gbench|gbench-aggregates|custom-smaller|custom-bigger|html"

static void export_help(void) {
    cli_help(
        "usage: benchgate export [--format=FORMAT] [--output=FILE] [--private] "
        "RESULT.json|RUN_DIR\n\n"
        "Writes one run's result in another format (default md), FORMAT one of\n" EXPORT_FORMATS
        ":\n"
        "  csv                one row per benchmark and metric\n"
        "  json               the checked document\n"
        "  md                 tables for $GITHUB_STEP_SUMMARY\n"
        "  junit              JUnit XML; errors and \"regression\" verdicts from a\n"
        "                     verdict.json beside the result are failures\n"
        "  gbench             Google Benchmark JSON: every repetition, then the mean,\n"
        "                     median, stddev and cv (github-action-benchmark's googlecpp\n"
        "                     tool, Bencher's cpp_google adapter, compare.py)\n"
        "  gbench-aggregates  the same, one entry per benchmark: its overall median (one\n"
        "                     series per benchmark in github-action-benchmark)\n"
        "  custom-smaller     github-action-benchmark's customSmallerIsBetter JSON: every\n"
        "                     metric better lower (times, counts, memory, errors)\n"
        "  custom-bigger      its customBiggerIsBetter JSON: throughput, accuracy\n"
        "  html               the page of benchgate report --html\n"
        "--output writes FILE through a temporary file and a rename; --output=- (or no\n"
        "--output) writes to stdout (./- names a file called -). --private makes FILE\n"
        "0600, as it is when the run is private (its result.json the user's alone).\n");
}

/* Stores the value of --format or --output; 1 when arg was one of them, *bad set on error. */
static int value_flag(export_opts *o, const char *arg, int *bad) {
    static const char *const names[] = {"format", "output"};
    const char **slots[] = {&o->format, &o->output};
    return cli_value_flag("export", arg, names, slots, 2, bad);
}

/* @return 0 to go on, -1 after --help, 2 on bad usage (message printed). */
static int parse_export(export_opts *o, int argc, char **argv) {
    *o = (export_opts){"md", NULL, NULL, 0};
    for (int i = 1; i < argc; i++) {
        const char *v = NULL, *a = argv[i];
        int bad = 0;
        if (cli_flag(a, "help", &v))
            return export_help(), -1;
        if (strcmp(a, "--private") == 0) {
            o->private_ = 1;
        } else if (value_flag(o, a, &bad)) {
            if (bad)
                return 2;
        } else if (strncmp(a, "--", 2) == 0) {
            return cli_usage_error("export: unknown flag '%s' (see benchgate export --help)", a);
        } else if (o->input != NULL) {
            return cli_usage_error("export: one result at a time ('%s' and '%s')", o->input, a);
        } else {
            o->input = a;
        }
    }
    if (o->output && strcmp(o->output, "-") == 0)
        o->output = NULL; /* "-" is stdout, as for every tool that takes a file */
    if (o->input == NULL)
        return cli_usage_error("export: no result given (benchgate export [--format=%s] "
                               "RESULT.json|RUN_DIR)",
                               EXPORT_FORMATS);
    return 0;
}

int cmd_export(int argc, char **argv) {
    export_opts o;
    int rc = parse_export(&o, argc, argv);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    char *text = NULL, err[1024];
    cli_keep_private(o.input, o.private_);
    bg_err e = bg_export(o.input, o.format, &text, err, sizeof err);
    if (e == BG_OK && o.output)
        e = bg_write_text_file(o.output, text, err, sizeof err);
    else if (e == BG_OK && (fputs(text, stdout) == EOF || fflush(stdout) != 0))
        e = BG_EIO, snprintf(err, sizeof err, "export: cannot write to stdout");
    bg_text_free(text);
    if (e != BG_OK)
        return cli_usage_error("%s", err), bg_err_exit_code(e);
    return 0;
}
