/* cmd_compare.c - benchgate compare BASE CUR: deltas, confidence intervals, verdicts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "benchgate/compare.h"
#include "benchgate/terminal.h"
#include "cli.h"
#include "flags.h"

typedef struct compare_opts {
    bg_compare_options opt;
    const char *paths[2];
    const char *format, *from;
    int no_fail, fail_on_inconclusive, npaths, all_rows;
} compare_opts;

#define OPT(field) CLI_OFF(compare_opts, field)
static const cli_flag_def compare_flags[] = {
    CLI_FLAG_THRESHOLD(compare_opts, opt.threshold_pct,
                       "the speed threshold for every benchmark (default: the\n"
                       "result's thresholds: time 5%, instructions 0.5%)"),
    {"metric", "NAME", CLI_TEXT, OPT(opt.metric), 0, 0, NULL, NULL,
     "compare only this metric (accuracy, peak_rss_mb, ...)", NULL},
    CLI_FLAG_ALPHA(compare_opts, opt.alpha),
    {"noise-floor", "PCT", CLI_NUMBER, OPT(opt.noise_floor_pct), 0, 100, NULL, NULL,
     "relative uncertainty added for drift over time that neither run saw (default 0)", NULL},
    {"ignore-device", NULL, CLI_SWITCH, OPT(opt.ignore_device), 0, 0, NULL, NULL,
     "match fam/cpu/x with fam/cuda/x (do two devices agree?)", NULL},
    CLI_FLAG_FORMAT(compare_opts, format, "table|md|json", "table"),
    {"all", NULL, CLI_SWITCH, OPT(all_rows), 0, 0, NULL, NULL,
     "list every pass row in the table and md too (else over 30: one line)", NULL},
    {"no-fail", NULL, CLI_SWITCH, OPT(no_fail), 0, 0, NULL, NULL, "exit 0 for all but bad input",
     NULL},
    {"fail-on-inconclusive", NULL, CLI_SWITCH, OPT(fail_on_inconclusive), 0, 0, NULL, NULL,
     "exit 1 on an inconclusive verdict too", NULL},
    {"allow-class-mismatch", NULL, CLI_SWITCH, OPT(opt.allow_class_mismatch), 0, 0, NULL, NULL,
     "compare results of different machine classes", NULL},
    CLI_FLAG_FROM(compare_opts, from),
};
#undef OPT

const cli_verb_def cli_compare_verb = {
    "compare",
    "BASELINE CURRENT",
    "BASELINE and CURRENT are result.json files or run directories. The exit is the\n"
    "worst row's (docs/gates.md): 3 when a benchmark failed in CURRENT, 1 on a\n"
    "regression, 77 when something was not compared (inconclusive, new, gone, not\n"
    "measured on one side, nothing to compare), 0 only when every gated metric of every\n"
    "benchmark was compared and none is worse; 2 on bad input, on results measured\n"
    "differently (time against instructions) or of different machine classes (unless\n"
    "--allow-class-mismatch). The table and md list what needs a look first, then the\n"
    "passes.",
    compare_flags,
    CLI_COUNT(compare_flags),
    2,
    2,
    NULL};

static int parse(compare_opts *o, int argc, char **argv) {
    memset(o, 0, sizeof *o);
    cli_words words;
    int rc = cli_parse(&cli_compare_verb, argc, argv, o, &words);
    if (rc != 0)
        return rc == 1 ? -1 : 2;
    o->paths[0] = words.word[0];
    o->paths[1] = words.word[1];
    return 0;
}

/* A run directory stands for its result.json. */
static const char *result_file(const char *path, char *buf, size_t size) {
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(buf, size, "%s/result.json", path);
        return buf;
    }
    return path;
}

/* The last line: the tally, the outcome and the exit code. */
static void print_summary(const bg_compare *c, int code) {
    size_t unmatched = bg_compare_tally(c, BG_VERDICT_NOT_COMPARED) +
                       bg_compare_tally(c, BG_VERDICT_NEW) + bg_compare_tally(c, BG_VERDICT_GONE);
    char tally[256];
    snprintf(tally, sizeof tally,
             "%zu error(s), %zu regression(s), %zu inconclusive, %zu improvement(s), %zu pass, "
             "%zu not compared",
             bg_compare_tally(c, BG_VERDICT_ERROR), bg_compare_tally(c, BG_VERDICT_REGRESSION),
             bg_compare_tally(c, BG_VERDICT_INCONCLUSIVE),
             bg_compare_tally(c, BG_VERDICT_IMPROVEMENT), bg_compare_tally(c, BG_VERDICT_PASS),
             unmatched);
    printf("\n");
    bg_print_wrapped(stdout, tally, NULL, 0);
    printf("outcome: %s; exit %d\n", bg_outcome_name(bg_compare_outcome(c)), code);
}

int cmd_compare(int argc, char **argv) {
    compare_opts o;
    int p = parse(&o, argc, argv);
    if (p != 0)
        return p < 0 ? 0 : 2;
    char a[CLI_PATH_MAX + 16], b[CLI_PATH_MAX + 16];
    bg_compare *c = bg_compare_create(&o.opt);
    const char *base = result_file(o.paths[0], a, sizeof a);
    const char *cur = result_file(o.paths[1], b, sizeof b);
    if (c == NULL || bg_compare_files(c, base, cur) != BG_OK) {
        cli_usage_error("%s", c ? bg_compare_error(c) : "out of memory");
        bg_compare_free(c);
        return BG_EXIT_USAGE;
    }
    size_t with_metric = 0;
    for (size_t i = 0; o.opt.metric && i < bg_compare_count(c); i++)
        with_metric += strcmp(bg_compare_row(c, i)->metric, o.opt.metric) == 0;
    if (o.opt.metric && with_metric == 0) { /* a misspelt metric must not pass as "no change" */
        bg_compare_free(c);
        return cli_usage_error("compare: --metric=%s: no benchmark of %s or %s has that metric",
                               o.opt.metric, base, cur);
    }
    bg_compare_print_rows(c, stdout, o.format, o.all_rows ? (size_t)-1 : BG_COMPARE_PASS_ROWS);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        bg_compare_free(c);
        return cli_usage_error("compare: cannot write the comparison (stdout)");
    }
    int code = o.no_fail ? 0 : bg_compare_exit_code(c, o.fail_on_inconclusive);
    if (strcmp(o.format, "json") != 0)
        print_summary(c, code);
    bg_compare_free(c);
    return code;
}
