/* cmd_compare.c - benchgate compare BASE CUR: deltas, confidence intervals, verdicts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "benchgate/compare.h"
#include "benchgate/terminal.h"
#include "cli.h"

typedef struct compare_opts {
    bg_compare_options opt;
    const char *paths[2];
    const char *format;
    int no_fail, fail_on_inconclusive, npaths, all_rows;
} compare_opts;

static void compare_help(void) {
    cli_help("usage: benchgate compare BASELINE CURRENT [--threshold=PCT] [--metric=NAME]\n"
             "       [--ignore-device] [--alpha=A] [--noise-floor=PCT] [--format=table|md|json]\n"
             "       [--no-fail] [--fail-on-inconclusive] [--allow-class-mismatch] [--all]\n\n"
             "BASELINE and CURRENT are result.json files or run directories. The exit is the\n"
             "worst row's (docs/gates.md): 3 when a benchmark failed in CURRENT, 1 on a\n"
             "regression, 77 when something was not compared (inconclusive, new, gone, not\n"
             "measured on one side, nothing to compare), 0 only when every gated metric of every\n"
             "benchmark was compared and none is worse; 2 on bad input, on results measured\n"
             "differently (time against instructions) or of different machine classes (unless\n"
             "--allow-class-mismatch). --no-fail: 0 for all but bad input.\n\n"
             "  --threshold=PCT     the speed threshold for every benchmark (default: the\n"
             "                      result's thresholds: time 5%%, instructions 0.5%%)\n"
             "  --metric=NAME       compare only this metric (accuracy, peak_rss_mb, ...)\n"
             "  --alpha=A           the family-wise false-alarm rate of the intervals (0.01)\n"
             "  --noise-floor=PCT   relative uncertainty added for drift over time that neither\n"
             "                      run saw (default 0)\n"
             "  --ignore-device     match fam/cpu/x with fam/cuda/x (do two devices agree?)\n"
             "  --format=FORMAT     table (default), md or json; the table and md list what\n"
             "                      needs a look first, then the passes (over 30: one line)\n"
             "  --all               list every pass row in the table and md too\n"
             "  --fail-on-inconclusive  exit 1 on an inconclusive verdict too\n");
}

static int parse(compare_opts *o, int argc, char **argv) {
    memset(o, 0, sizeof *o);
    o->format = "table";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int r = cli_number_flag(a, "threshold", 0, 1000, &o->opt.threshold_pct);
        if (r == 0)
            r = cli_number_flag(a, "alpha", 1e-9, 0.5, &o->opt.alpha);
        if (r == 0)
            r = cli_number_flag(a, "noise-floor", 0, 100, &o->opt.noise_floor_pct);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        if (cli_flag(a, "help", &v))
            return compare_help(), -1;
        if (cli_flag(a, "metric", &v) && v && v[0])
            o->opt.metric = v;
        else if (cli_flag(a, "format", &v) && v &&
                 (!strcmp(v, "table") || !strcmp(v, "md") || !strcmp(v, "json")))
            o->format = v;
        else if (cli_flag(a, "allow-class-mismatch", &v) && v == NULL)
            o->opt.allow_class_mismatch = 1;
        else if (cli_flag(a, "ignore-device", &v))
            o->opt.ignore_device = 1;
        else if (cli_flag(a, "no-fail", &v))
            o->no_fail = 1;
        else if (cli_flag(a, "all", &v) && v == NULL)
            o->all_rows = 1;
        else if (cli_flag(a, "fail-on-inconclusive", &v))
            o->fail_on_inconclusive = 1;
        else if (strncmp(a, "--", 2) == 0)
            return cli_usage_error("compare: unknown or malformed flag '%s' (see --help)", a);
        else if (o->npaths < 2)
            o->paths[o->npaths++] = a;
        else
            return cli_usage_error("compare: '%s': only two results can be compared", a);
    }
    if (o->npaths != 2)
        return cli_usage_error("compare: needs BASELINE and CURRENT (result.json or run dir)");
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
        return 2;
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
