/* cmd_gate_foreign.c - benchgate gate-foreign --from=FMT --name=NAME -- CMD...: runs another
 * harness's benchmark with its own JSON output, converts it and gates it as a bench test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/foreign.h"
#include "cli.h"

static void gate_foreign_help(void) {
    printf(
        "usage: benchgate gate-foreign --from=gbench|nvbench|hyperfine --name=NAME\n"
        "       [--baseline=DIR|off] [--output-dir=DIR] [--threshold=PCT] [--timeout=S]\n"
        "       [--fail-on-inconclusive] [--fail-on-no-baseline] -- COMMAND [ARG...]\n\n"
        "Runs COMMAND with its harness's JSON output (gbench: --benchmark_out=FILE\n"
        "--benchmark_out_format=json; nvbench: --json FILE; hyperfine: --export-json FILE,\n"
        "added after the program), writes it as OUT/result.json (benchgate.result/1), and\n"
        "gates it against DIR/<machine class>/NAME.json (default ci/baselines): gate.json,\n"
        "verdict.json and verdict.md in OUT (default bench-results/NAME, under\n"
        "BENCHGATE_BUILD_DIR when set). Exit as a bench test (docs/gates.md): 0 pass,\n"
        "1 regression, 3 a benchmark or the command failed, 77 inconclusive or not gated,\n"
        "2 bad input. One value per benchmark (no repetitions) is inconclusive, never a pass.\n");
}

/* BENCH_FAIL_ON_* as a bench executable reads them: 1, true, yes or on. */
static int env_true(const char *name) {
    const char *v = getenv(name);
    return v && (!strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "on"));
}

int cmd_gate_foreign(int argc, char **argv) {
    bg_foreign_gate g;
    memset(&g, 0, sizeof g);
    static char out[CLI_PATH_MAX + 64];
    int i = 1;
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *a = argv[i], *v = NULL;
        int r = cli_number_flag(a, "threshold", 0, 1000, &g.threshold_pct);
        if (r == 0)
            r = cli_number_flag(a, "timeout", 0, 86400, &g.timeout_s);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        if (cli_flag(a, "help", &v))
            return gate_foreign_help(), 0;
        if (cli_flag(a, "from", &v) && v && v[0])
            g.from = v;
        else if (cli_flag(a, "name", &v) && v && v[0])
            g.name = v;
        else if (cli_flag(a, "baseline", &v) && v && v[0])
            g.baseline_dir = v;
        else if (cli_flag(a, "output-dir", &v) && v && v[0])
            g.output_dir = v;
        else if (cli_flag(a, "fail-on-inconclusive", &v))
            g.fail_on_inconclusive = 1;
        else if (cli_flag(a, "fail-on-no-baseline", &v))
            g.fail_on_no_baseline = 1;
        else
            return cli_usage_error("gate-foreign: unknown or malformed argument '%s' (see --help)",
                                   a);
    }
    g.fail_on_inconclusive |= env_true("BENCH_FAIL_ON_INCONCLUSIVE");
    g.fail_on_no_baseline |= env_true("BENCH_FAIL_ON_NO_BASELINE");
    if (g.from == NULL ||
        (strcmp(g.from, "gbench") && strcmp(g.from, "nvbench") && strcmp(g.from, "hyperfine")))
        return cli_usage_error("gate-foreign: --from=gbench|nvbench|hyperfine is needed%s%s",
                               g.from ? ", not " : "", g.from ? g.from : "");
    if (g.name == NULL || strspn(g.name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                         "0123456789_") != strlen(g.name))
        return cli_usage_error("gate-foreign: --name=NAME is needed (letters, digits and _)");
    if (i + 1 >= argc)
        return cli_usage_error("gate-foreign: no command after -- (see --help)");
    if (g.output_dir == NULL) {
        const char *build = getenv("BENCHGATE_BUILD_DIR");
        snprintf(out, sizeof out, "%s%sbench-results/%s", build && build[0] ? build : "",
                 build && build[0] ? "/" : "", g.name);
        g.output_dir = out;
    }
    g.argv = argv + i + 1;
    return bg_foreign_gate_run(&g);
}
