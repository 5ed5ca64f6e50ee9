/* cmd_bisect.c - benchgate bisect --good=REV --bad=REV --bench=REGEX: the first commit that
 * made a benchmark slower, each probe built in a git worktree with the settings of the build
 * (src/bisect/); --run: one check of the build for `git bisect run` (exit 0, 1 or 125). */
#include <stdio.h>
#include <string.h>

#include "benchgate/bisect.h"
#include "cli.h"
#include "flags.h"

typedef struct bisect_opts {
    const char *good, *bad, *bench, *source, *measure, *format, *build_dir, *baseline;
    double threshold, budget;
    int keep, run;
} bisect_opts;

#define OPT(field) CLI_OFF(bisect_opts, field)
static const cli_flag_def bisect_flags[] = {
    {"good", "REV", CLI_TEXT, OPT(good), 0, 0, NULL, NULL, "a revision without the regression",
     NULL},
    {"bad", "REV", CLI_TEXT, OPT(bad), 0, 0, NULL, NULL, "a later revision with it", NULL},
    {"bench", "REGEX", CLI_REGEX, OPT(bench), 0, 0, NULL, NULL,
     "the benches (their names in the build's manifest) to build and run at each commit", NULL},
    {"source", "DIR", CLI_TEXT, OPT(source), 0, 0, NULL, NULL,
     "the git repository (default: the one of the build's sources)", NULL},
    {"measure", NULL, CLI_CHOICE, OPT(measure), 0, 0, "instructions|time", "instructions",
     "instructions: one run a probe under the instruction counter;\n"
     "time: an A/B run of each probe against good, as benchgate ab runs them",
     NULL},
    CLI_FLAG_THRESHOLD(bisect_opts, threshold,
                       "a commit is bad from this change against good, in the regression's\n"
                       "direction (default: half the change from good to bad)"),
    {"budget", "SECONDS", CLI_NUMBER, OPT(budget), 1, 86400, NULL, "30",
     "--measure=time: the seconds of A/B runs a probe may take", NULL},
    CLI_FLAG_FORMAT(bisect_opts, format, "table|json", "table"),
    {"keep", NULL, CLI_SWITCH, OPT(keep), 0, 0, NULL, NULL,
     "keep the worktrees and build folders (their folder is printed)", NULL},
    CLI_FLAG_BUILD_DIR(bisect_opts, build_dir),
    {"run", NULL, CLI_SWITCH, OPT(run), 0, 0, NULL, NULL,
     "for git bisect run: rebuild the build's matching benches, run them, compare with\n"
     "--baseline; exit 0 good, 1 bad, 125 skip (does not build or run), 128 bad usage",
     NULL},
    {"baseline", "FILE", CLI_TEXT, OPT(baseline), 0, 0, NULL, NULL,
     "--run: a result.json of the good commit (instruction mode)", NULL},
};
#undef OPT

const cli_verb_def cli_bisect_verb = {
    "bisect",
    "[-- CMAKE_ARGS...]",
    "Finds the first commit between --good and --bad whose change against good crosses\n"
    "the threshold in the regression's direction. Each probe is a git worktree of one\n"
    "commit, configured with the build's settings (generator, compilers, flags, build\n"
    "type, CMAKE_PREFIX_PATH, benchgate_DIR; ccache when on PATH) and the CMAKE_ARGS\n"
    "after --; only the bench targets that match --bench are built. Good and bad are\n"
    "probed first: the benchmark that changed most between them is followed. A commit\n"
    "that does not configure, build or run is skipped, as git bisect skip does, and the\n"
    "answer names the range it leaves. Progress goes to stderr, the answer to stdout\n"
    "(json: benchgate.bisect/1). Exit 0 with an answer, 2 on bad input, 3 when good or\n"
    "bad cannot be measured.",
    bisect_flags,
    CLI_COUNT(bisect_flags),
    0,
    -1,
    NULL};

/* --run: git bisect run's exit codes; a usage error is 128, which stops git bisect run. */
static int check_run(const bisect_opts *o) {
    char err[1024];
    bg_bisect_check_options c = {cli_build_dir(o->build_dir), o->baseline, o->bench,
                                 o->threshold > 0 ? o->threshold : 0.5, stderr};
    if (o->bench == NULL) {
        cli_usage_error("bisect --run: needs --bench=REGEX");
        return 128;
    }
    int code = bg_bisect_check(&c, err, sizeof err);
    if (code < 0) {
        cli_usage_error("bisect --run: %s", err);
        return 128;
    }
    return code;
}

static int bisect(const bisect_opts *o, const cli_words *w) {
    char err[1024];
    const char *const *cmake_args = (const char *const *)w->word + w->dashdash;
    bg_bisect_options b = {o->good,
                           o->bad,
                           o->bench,
                           cli_build_dir(o->build_dir),
                           o->source,
                           strcmp(o->measure, "time") == 0,
                           o->threshold,
                           o->budget,
                           o->keep,
                           cmake_args,
                           (size_t)(w->count - w->dashdash),
                           stderr};
    bg_bisect *answer = NULL;
    if (o->good == NULL || o->bad == NULL || o->bench == NULL)
        return cli_usage_error("bisect: needs --good=REV, --bad=REV and --bench=REGEX (or --run "
                               "--baseline=FILE --bench=REGEX for git bisect run)");
    bg_err rc = bg_bisect_run(&b, &answer, err, sizeof err);
    if (rc != BG_OK) {
        cli_usage_error("bisect: %s", err);
        return rc == BG_EUSAGE ? 2 : 3;
    }
    bg_bisect_print(answer, stdout, o->format);
    bg_bisect_free(answer);
    return 0;
}

int cmd_bisect(int argc, char **argv) {
    bisect_opts o = {0};
    cli_words w = {{0}, 0, -1};
    int p = cli_parse(&cli_bisect_verb, argc, argv, &o, &w);
    if (p != 0)
        return p == 1 ? 0 : (o.run ? 128 : 2);
    if (w.count > 0 && w.dashdash != 0)
        return cli_usage_error("bisect: '%s': unexpected argument (cmake's arguments go after "
                               "--)",
                               w.word[0]);
    if (w.dashdash < 0)
        w.dashdash = w.count;
    return o.run ? check_run(&o) : bisect(&o, &w);
}
