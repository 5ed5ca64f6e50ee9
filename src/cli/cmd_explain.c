/* cmd_explain.c - benchgate explain --base=BUILD_DIR --head=BUILD_DIR --bench=REGEX: the
 * per-function diff of two builds' callgrind profiles (src/explain/). */
#include <stdio.h>

#include "benchgate/explain.h"
#include "cli.h"
#include "flags.h"

#define OPT(field) CLI_OFF(bg_explain_options, field)
static const cli_flag_def explain_flags[] = {
    {"base", "BUILD_DIR", CLI_TEXT, OPT(base), 0, 0, NULL, NULL, "the build before the change",
     NULL},
    {"head", "BUILD_DIR", CLI_TEXT, OPT(head), 0, 0, NULL, NULL, "the build after it", NULL},
    {"bench", "REGEX", CLI_REGEX, OPT(bench), 0, 0, NULL, NULL,
     "the bench to run (the first of the manifest whose name matches)", NULL},
    {"base-profile", "RUN_DIR", CLI_TEXT, OPT(base_profile), 0, 0, NULL, NULL,
     "a run folder of a --keep-profile run, read instead of running --base", NULL},
    {"head-profile", "RUN_DIR", CLI_TEXT, OPT(head_profile), 0, 0, NULL, NULL,
     "the same for --head", NULL},
    {"top", "N", CLI_INT, OPT(top), 1, 1000, NULL, "10", "how many functions to show", NULL},
    CLI_FLAG_FORMAT(bg_explain_options, format, "table|md|json", "table"),
};
#undef OPT

const cli_verb_def cli_explain_verb = {
    "explain",
    "",
    "Runs the bench of both builds under callgrind, collecting inside BG_LOOP only as\n"
    "instruction mode does (--keep-profile), and diffs the profiles per function: self\n"
    "and inclusive instructions per iteration, the top N by absolute change with\n"
    "file:line and the share of the total change each explains (json:\n"
    "benchgate.explain/1). Exit 0, 2 on bad input, 3 when a run failed.",
    explain_flags,
    CLI_COUNT(explain_flags),
    0,
    0,
    NULL};

int cmd_explain(int argc, char **argv) {
    bg_explain_options o = {0};
    char err[1024];
    int p = cli_parse(&cli_explain_verb, argc, argv, &o, NULL);
    if (p != 0)
        return p == 1 ? 0 : 2;
    bg_err rc = bg_explain_run(&o, stdout, err, sizeof err);
    if (rc != BG_OK) {
        cli_usage_error("explain: %s", err);
        return rc == BG_ERUNTIME ? 3 : 2;
    }
    return 0;
}
