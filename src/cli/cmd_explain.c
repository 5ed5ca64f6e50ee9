/* cmd_explain.c - benchgate explain --base=BUILD_DIR --head=BUILD_DIR --bench=REGEX: the
 * per-function diff of two builds' callgrind profiles (src/explain/). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/explain.h"
#include "benchgate/report.h"
#include "cli.h"
#include "flags.h"

/* The options of the library, and where the page of --format=html goes. */
typedef struct explain_cli {
    bg_explain_options o;
    const char *out;
} explain_cli;

#define OPT(field) CLI_OFF(explain_cli, o.field)
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
    {"cache-sim", NULL, CLI_SWITCH, OPT(cache_sim), 0, 0, NULL, NULL,
     "simulate the caches (about twice as slow): estimated cycles per function in the JSON", NULL},
    {"top", "N", CLI_INT, OPT(top), 1, 1000, NULL, "10", "how many functions to show", NULL},
    CLI_FLAG_FORMAT(explain_cli, o.format, "table|md|json|html", "table"),
    {"out", "FILE", CLI_TEXT, CLI_OFF(explain_cli, out), 0, 0, NULL, NULL,
     "write the output to FILE (atomically) instead of stdout", NULL},
};
#undef OPT

const cli_verb_def cli_explain_verb = {
    "explain",
    "",
    "Runs the bench of both builds under callgrind, collecting inside BG_LOOP only as\n"
    "instruction mode does (--keep-profile), and diffs the profiles per function: self\n"
    "and inclusive instructions per iteration, the top N by absolute change with\n"
    "file:line and the share of the total change each explains (json:\n"
    "benchgate.explain/1; html: a self-contained page with an SVG chart of the changes). Exit 0, 2 "
    "on bad input, 3 when a run failed.",
    explain_flags,
    CLI_COUNT(explain_flags),
    0,
    0,
    NULL};

/* Runs explain into memory: its JSON for --format=html (then the page), else its text. */
static bg_err explain_text(const bg_explain_options *o, char **text, char *err, size_t size) {
    size_t len = 0;
    FILE *mem = open_memstream(text, &len);
    if (mem == NULL) {
        snprintf(err, size, "explain: out of memory");
        return BG_ENOMEM;
    }
    int html = o->format && strcmp(o->format, "html") == 0;
    bg_explain_options j = *o;
    if (html)
        j.format = "json";
    bg_err rc = bg_explain_run(&j, mem, err, size);
    fclose(mem);
    if (rc == BG_OK && html) {
        char *page = NULL;
        rc = bg_report_explain_html(*text, &page, err, size);
        free(*text);
        *text = page;
    }
    return rc;
}

int cmd_explain(int argc, char **argv) {
    explain_cli c = {{0}, NULL};
    char err[1024], *text = NULL;
    int p = cli_parse(&cli_explain_verb, argc, argv, &c, NULL);
    if (p != 0)
        return p == 1 ? 0 : 2;
    bg_err rc = explain_text(&c.o, &text, err, sizeof err);
    if (rc == BG_OK && c.out)
        rc = bg_write_text_file(c.out, text ? text : "", err, sizeof err);
    else if (rc == BG_OK && (fputs(text ? text : "", stdout) == EOF || fflush(stdout) != 0))
        rc = BG_EIO, snprintf(err, sizeof err, "cannot write to stdout");
    free(text);
    if (rc != BG_OK) {
        cli_usage_error("explain: %s", err);
        return rc == BG_ERUNTIME ? 3 : 2;
    }
    return 0;
}
