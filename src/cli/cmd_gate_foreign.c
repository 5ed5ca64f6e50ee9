/* cmd_gate_foreign.c - benchgate gate-foreign --from=FMT --name=NAME -- CMD...: runs another
 * harness's benchmark with its own JSON output, converts it and gates it as a bench test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/foreign.h"
#include "cli.h"
#include "flags.h"

#define OPT(field) CLI_OFF(bg_foreign_gate, field)
static const cli_flag_def gate_foreign_flags[] = {
    {"from", NULL, CLI_CHOICE, OPT(from), 0, 0, "gbench|nvbench|hyperfine", NULL,
     "the harness of COMMAND (required)", NULL},
    {"name", "NAME", CLI_TEXT, OPT(name), 0, 0, NULL, NULL,
     "the benchmark's name: letters, digits and _ (required)", NULL},
    {"baseline", "DIR|off", CLI_TEXT, OPT(baseline_dir), 0, 0, NULL, NULL,
     "the baselines: DIR/<machine class>/NAME.json (default ci/baselines)", NULL},
    CLI_FLAG_OUTPUT_DIR(bg_foreign_gate, output_dir,
                        "gate.json, verdict.json and verdict.md go there (default\n"
                        "bench-results/NAME, under BENCHGATE_BUILD_DIR when set)"),
    CLI_FLAG_THRESHOLD(bg_foreign_gate, threshold_pct,
                       "the speed threshold (default: the baseline's thresholds)"),
    {"timeout", "S", CLI_NUMBER, OPT(timeout_s), 0, 86400, NULL, NULL,
     "stop COMMAND after S seconds (0: no limit)", NULL},
    {"fail-on-inconclusive", NULL, CLI_SWITCH, OPT(fail_on_inconclusive), 0, 0, NULL, NULL,
     "exit 1 on an inconclusive verdict too (also BENCH_FAIL_ON_INCONCLUSIVE)", NULL},
    {"fail-on-no-baseline", NULL, CLI_SWITCH, OPT(fail_on_no_baseline), 0, 0, NULL, NULL,
     "exit 1 when there is no baseline (also BENCH_FAIL_ON_NO_BASELINE)", NULL},
};
#undef OPT

const cli_verb_def cli_gate_foreign_verb = {
    "gate-foreign",
    "--from=FMT --name=NAME -- COMMAND [ARG...]",
    "Runs COMMAND with its harness's JSON output (gbench: --benchmark_out=FILE\n"
    "--benchmark_out_format=json; nvbench: --json FILE; hyperfine: --export-json FILE,\n"
    "added after the program), writes it as OUT/result.json (benchgate.result/1), and\n"
    "gates it against DIR/<machine class>/NAME.json: gate.json, verdict.json and\n"
    "verdict.md in OUT. Exit as a bench test (docs/gates.md): 0 pass, 1 regression, 3 a\n"
    "benchmark or the command failed, 77 inconclusive or not gated, 2 bad input. One\n"
    "value per benchmark (no repetitions) is inconclusive, never a pass.",
    gate_foreign_flags,
    CLI_COUNT(gate_foreign_flags),
    0,
    0,
    NULL};

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
    while (i < argc && strcmp(argv[i], "--") != 0) /* the flags end at --; COMMAND follows */
        i++;
    int p = cli_parse(&cli_gate_foreign_verb, i, argv, &g, NULL);
    if (p != 0)
        return p == 1 ? 0 : 2;
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
