/* cmd_export.c - benchgate export: one result as csv, json, md, junit, gbench (whole or
 * aggregates only), github-action-benchmark's custom JSON, or html. */
#include <stdio.h>
#include <string.h>

#include "benchgate/report.h"
#include "cli.h"
#include "flags.h"

/** What to export, how, and where. */
typedef struct export_opts {
    const char *format; /**< one of BG_EXPORT_FORMATS */
    const char *output; /**< NULL (or "-" given): stdout */
    const char *input;  /**< a result.json or a run directory */
    int private_;       /**< --private: the output 0600 (also when the run is private) */
    const char *from;   /**< --from (read by main.c before the verb: bg_results_from) */
} export_opts;

#define EXPORT_FORMATS                                                                             \
    "csv|json|md|junit|gbench|gbench-aggregates|custom-smaller|custom-bigger|html"

#define OPT(field) CLI_OFF(export_opts, field)
static const cli_flag_def export_flags[] = {
    CLI_FLAG_FORMAT(export_opts, format, EXPORT_FORMATS, "md"),
    {"output", "FILE", CLI_TEXT, OPT(output), 0, 0, NULL, NULL,
     "write FILE through a temporary file and a rename; - (or none): stdout (./- names\n"
     "a file called -)",
     NULL},
    {"private", NULL, CLI_SWITCH, OPT(private_), 0, 0, NULL, NULL,
     "make FILE 0600, as it is when the run is private (its result.json the user's alone)", NULL},
    CLI_FLAG_FROM(export_opts, from),
};
#undef OPT

const cli_verb_def cli_export_verb = {
    "export",
    "RESULT.json|RUN_DIR",
    "Writes one run's result in another format (default md):\n"
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
    "  html               the page of benchgate report --html",
    export_flags,
    CLI_COUNT(export_flags),
    0,
    1,
    NULL};

/* @return 0 to go on, -1 after --help, 2 on bad usage (message printed). */
static int parse_export(export_opts *o, int argc, char **argv) {
    *o = (export_opts){"md", NULL, NULL, 0, NULL};
    cli_words words;
    int rc = cli_parse(&cli_export_verb, argc, argv, o, &words);
    if (rc != 0)
        return rc == 1 ? -1 : 2;
    o->input = words.count > 0 ? words.word[0] : NULL;
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
    return cli_bg_error(e, err);
}
