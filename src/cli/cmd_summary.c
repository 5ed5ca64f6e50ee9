/* cmd_summary.c - benchgate summary: metrics aggregated across runs and machines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/report.h"
#include "cli.h"

static void summary_help(void) {
    printf("usage: benchgate summary [--format=table|md|csv|json] RUN_DIR|RESULT.json...\n\n"
           "For each benchmark, over the runs given (from one machine or several): the runs where\n"
           "it was ok, the median, min and max of the run medians of its primary metric (time_ns,\n"
           "or instructions when measured), their spread ((max - min) / median) and CV, and the\n"
           "machine classes; the same for accuracy metrics. Default format: table.\n");
}

/* Collects the run paths into runs; @return 0 to go on, -1 after --help, 2 on bad usage. */
static int parse_summary(int argc, char **argv, const char **format, const char **runs,
                         size_t *count) {
    *format = "table";
    *count = 0;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL, *a = argv[i];
        if (cli_flag(a, "help", &v))
            return summary_help(), -1;
        if (cli_flag(a, "db", &v))
            return cli_usage_error("--db: run history is not built yet; give run directories or "
                                   "result.json files");
        if (cli_flag(a, "format", &v)) {
            if (v == NULL || v[0] == '\0')
                return cli_usage_error("--format: needs a value (--format=table|md|csv|json)");
            *format = v;
        } else if (strncmp(a, "--", 2) == 0) {
            return cli_usage_error("summary: unknown flag '%s' (see benchgate summary --help)", a);
        } else {
            runs[(*count)++] = a;
        }
    }
    if (*count == 0)
        return cli_usage_error("summary: no runs given (benchgate summary [--format=...] "
                               "RUN_DIR|RESULT.json...)");
    return 0;
}

int cmd_summary(int argc, char **argv) {
    const char *format = NULL, **runs = calloc((size_t)argc + 1, sizeof *runs);
    size_t count = 0;
    if (runs == NULL)
        return cli_usage_error("summary: out of memory"), 3;
    int rc = parse_summary(argc, argv, &format, runs, &count);
    if (rc != 0) {
        free(runs);
        return rc < 0 ? 0 : rc;
    }
    char *text = NULL, err[1024];
    bg_err e = bg_summary(runs, count, format, &text, err, sizeof err);
    free(runs);
    if (e != BG_OK)
        return cli_usage_error("%s", err), bg_err_exit_code(e);
    fputs(text, stdout);
    bg_text_free(text);
    return fflush(stdout) == 0 ? 0 : cli_usage_error("summary: cannot write to stdout");
}
