/* cmd_report.c - benchgate report --html: one run, or two compared, as a self-contained HTML
 * page. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "benchgate/report.h"
#include "cli.h"
#include "flags.h"

/** What to report and where. */
typedef struct report_opts {
    int html;           /**< --html (the only format so far) */
    const char *output; /**< FILE, "-" for stdout, NULL: report.html beside the result */
    const char *input;  /**< a result.json or a run directory: the page's run (B) */
    const char *base;   /**< with two inputs, the first: the baseline (A); else NULL */
    const char *from;   /**< --from (read by main.c before the verb: bg_results_from) */
} report_opts;

#define OPT(field) CLI_OFF(report_opts, field)
static const cli_flag_def report_flags[] = {
    {"html", NULL, CLI_SWITCH, OPT(html), 0, 0, NULL, NULL,
     "the HTML report (the only one so far; required)", NULL},
    {"output", "FILE", CLI_TEXT, OPT(output), 0, 0, NULL, NULL,
     "where the page goes (default report.html beside the result, B's); - prints it", NULL},
    CLI_FLAG_FROM(report_opts, from),
};
#undef OPT

const cli_verb_def cli_report_verb = {
    "report",
    "RUN_DIR|RESULT.json [B]",
    "Writes one run as a single self-contained HTML file: inline CSS and SVG charts, no\n"
    "script and no external asset, so it can be mailed or archived as it is. It shows\n"
    "the run and its system, cards counting the benchmarks (by status, and by their worst\n"
    "verdict), and per benchmark family a chart of the medians with their 95%\n"
    "confidence intervals and a table of figures, statuses and verdicts (from a\n"
    "verdict.json beside the result, or the run's parts/*/verdict.json).\n"
    "With two results A B (run directories or results), one page compares them: B is\n"
    "the page's run and A its baseline, compared as 'benchgate compare A B' does; per\n"
    "family a chart with both runs' bars side by side and a table of A's and B's\n"
    "medians, the change and its verdict. The file is written to a temporary name and\n"
    "renamed; on bad input none is written.",
    report_flags,
    CLI_COUNT(report_flags),
    0,
    2,
    NULL};

/* @return 0 to go on, -1 after --help, 2 on bad usage (message printed). */
static int parse_report(report_opts *o, int argc, char **argv) {
    *o = (report_opts){0, NULL, NULL, NULL, NULL};
    cli_words w;
    int rc = cli_parse(&cli_report_verb, argc, argv, o, &w);
    if (rc != 0)
        return rc == 1 ? -1 : 2;
    o->input = w.count > 0 ? w.word[w.count - 1] : NULL;
    o->base = w.count > 1 ? w.word[0] : NULL; /* a second result: the first is the baseline */
    if (!o->html)
        return cli_usage_error("report: say which report: --html (the only one so far)");
    if (o->input == NULL)
        return cli_usage_error("report: no result given (benchgate report --html RUN_DIR)");
    return 0;
}

/* report.html in the run directory, or beside RESULT.json. */
static void default_output(const char *input, char *out, size_t size) {
    struct stat st;
    if (stat(input, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(out, size, "%s/report.html", input);
        return;
    }
    const char *slash = strrchr(input, '/');
    if (slash)
        snprintf(out, size, "%.*s/report.html", (int)(slash - input), input);
    else
        snprintf(out, size, "report.html");
}

int cmd_report(int argc, char **argv) {
    report_opts o;
    int rc = parse_report(&o, argc, argv);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    char *text = NULL, err[1024], out[CLI_PATH_MAX + 16];
    bg_err e = o.base ? bg_report_html_pair(o.base, o.input, &text, err, sizeof err)
                      : bg_report_html(o.input, &text, err, sizeof err);
    int to_stdout = o.output && strcmp(o.output, "-") == 0;
    if (o.output)
        snprintf(out, sizeof out, "%s", o.output);
    else
        default_output(o.input, out, sizeof out);
    if (e == BG_OK && !to_stdout)
        e = bg_write_text_file(out, text, err, sizeof err);
    else if (e == BG_OK && (fputs(text, stdout) == EOF || fflush(stdout) != 0))
        e = BG_EIO, snprintf(err, sizeof err, "report: cannot write to stdout");
    bg_text_free(text);
    if (e != BG_OK)
        return cli_bg_error(e, err);
    if (!to_stdout)
        printf("benchgate: report written to %s\n", out);
    return 0;
}
