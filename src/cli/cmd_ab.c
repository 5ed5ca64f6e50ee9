/* cmd_ab.c - benchgate ab --base=BUILD --head=BUILD: the same bench executables of two builds,
 * run alternately instance by instance in a random order within each pair, until every
 * verdict is decided or the budget is spent (the statistics are in the library's ab.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "benchgate/compare.h"
#include "benchgate/explain.h"
#include "benchgate/runlock.h"
#include "benchgate/terminal.h"
#include "benchgate/settings.h"
#include "ab.h"
#include "cli.h"
#include "flags.h"

#define OPT(field) CLI_OFF(ab_opts, field)
static const cli_flag_def ab_flags[] = {
    {"base", "BUILD_DIR", CLI_TEXT, OPT(dirs[0]), 0, 0, NULL, NULL,
     "the build tree of the base (required; e.g. the merge base)", NULL},
    {"head", "BUILD_DIR", CLI_TEXT, OPT(dirs[1]), 0, 0, NULL, NULL,
     "the build tree of the head (required; e.g. the pull request)", NULL},
    {"bench", "REGEX", CLI_REGEX, OPT(bench), 0, 0, NULL, NULL,
     "only the bench executables whose name matches", NULL},
    CLI_FLAG_FILTER(ab_opts, filter, "only the instances whose name matches"),
    {"budget", "SECONDS", CLI_NUMBER, OPT(budget_s), 1, 86400, NULL, "60",
     "stop adding pairs once this is spent", NULL},
    CLI_FLAG_THRESHOLD(ab_opts, cmp.threshold_pct,
                       "the speed threshold (default 2%, 0.5% for instruction counts)"),
    CLI_FLAG_ALPHA(ab_opts, cmp.alpha),
    {"seed", "N", CLI_NUMBER, OPT(seed_value), 0, 4294967295.0, NULL, NULL,
     "the seed of the order within each pair (default: from the time and pid)", NULL},
    {"mode", NULL, CLI_CHOICE, OPT(mode), 0, 0, "auto|duet|alternate", "auto",
     "duet: both sides of a pair at once, each pinned to its own CPU (which gets the\n"
     "CPU is random per pair); alternate: one after the other in a random order; auto:\n"
     "duet where two CPUs are usable, else alternate. GPU instances always alternate",
     NULL},
    CLI_FLAG_OUTPUT_DIR(ab_opts, output_dir,
                        "ab.json (every pair), verdict.json and verdict.md go there\n"
                        "(default results/ab-<run id>; missing parent folders are made)"),
    {"fail-on-inconclusive", NULL, CLI_SWITCH, OPT(fail_on_inconclusive), 0, 0, NULL, NULL,
     "exit 1 on an inconclusive verdict too", NULL},
    {"explain", NULL, CLI_SWITCH, OPT(explain), 0, 0, NULL, NULL,
     "after the verdict, benchgate explain of the first bench matching --bench: the\n"
     "functions whose instructions changed (callgrind)",
     NULL},
};
#undef OPT

/* A run flag (--min-time, ...): to every executable. @return 1 taken, 0 not one, 2 */
static int ab_pass(void *opts, const char *arg) {
    ab_opts *o = opts;
    char name[128];
    if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0')
        return 0;
    snprintf(name, sizeof name, "%.*s", (int)strcspn(arg + 2, "="), arg + 2);
    if (strcmp(name, "help") == 0 || cli_verb_flag(&cli_ab_verb, name) != NULL)
        return 0;
    if (o->pass_count >= AB_MAX_ARGS - 16)
        return cli_usage_error("ab: '%.80s': too many run flags (at most %d)", arg,
                               AB_MAX_ARGS - 16);
    o->pass[o->pass_count++] = arg;
    return 1;
}

const cli_verb_def cli_ab_verb = {
    "ab",
    "--base=BUILD_DIR --head=BUILD_DIR [run flags]",
    "Runs the bench executables of two builds of the same project in pairs, instance by\n"
    "instance, and judges each instance on the mean log ratio head/base over the pairs\n"
    "(drift of the machine hits both sides alike). Pairs are added (4, 6, 9, ... up to\n"
    "72) until every instance is decided or the budget is spent; alpha is corrected for\n"
    "every look and instance. Each run gets --repetitions=1 --min-time=0.1\n"
    "--max-time=0.2 --baseline=off --no-ui unless given; other run flags go to every\n"
    "executable. Exit 0 when nothing got worse, 1 on a regression (or an inconclusive\n"
    "verdict with --fail-on-inconclusive), 77 when something could not be told or\n"
    "compared, 2 on bad input.",
    ab_flags,
    CLI_COUNT(ab_flags),
    0,
    0,
    ab_pass};

/* --mode: duet needs two CPUs this process may use; auto takes a duet where it can. */
static int choose_mode(ab_opts *o) {
    const char *mode = o->mode ? o->mode : "auto";
    int usable = cli_usable_cpus(o->cpus, 2);
    if (strcmp(mode, "alternate") == 0)
        return o->duet = 0;
    if (strcmp(mode, "duet") == 0 && usable < 2)
        return cli_usage_error("ab: --mode=duet: needs two CPUs this process may run on "
                               "(found %d); use --mode=alternate",
                               usable);
    o->duet = usable >= 2;
    return 0;
}

/* @return 0 to go on, -1 after --help, 2 (message printed) */
static int parse(ab_opts *o, int argc, char **argv) {
    memset(o, 0, sizeof *o);
    o->seed_value = -1;
    int rc = cli_parse(&cli_ab_verb, argc, argv, o, NULL);
    if (rc != 0)
        return rc == 1 ? -1 : 2;
    if (o->seed_value >= 0)
        o->seed = (unsigned long)o->seed_value, o->have_seed = 1;
    if (o->dirs[0] == NULL || o->dirs[1] == NULL)
        return cli_usage_error("ab: needs --base=BUILD_DIR and --head=BUILD_DIR (two build trees "
                               "of the project, e.g. the merge base and the pull request)");
    return choose_mode(o) != 0 ? 2 : 0;
}

/* xorshift64*: the order within each pair, reproducible from --seed. */
static int coin(unsigned long long *state) {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return (int)((*state * 2685821657736338717ULL) >> 63);
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int make_dir(const char *path) {
    return mkdir(path, 0777) == 0 || errno == EEXIST ? 0 : -1;
}

/** What one ab run works with. */
typedef struct ab_session {
    const ab_opts *o;
    ab_instance *inst;
    int n;
    char out[CLI_PATH_MAX];
    char side_dir[2][CLI_PATH_MAX + 32];
    unsigned long long rng;
    bg_ab *ab;
} ab_session;

/* The instance's device is "cpu" (names are family/device/params). */
static int on_cpu(const ab_instance *in) {
    const char *device = strchr(in->name, '/');
    return device && strncmp(device + 1, "cpu", 3) == 0 && (device[4] == '/' || !device[4]);
}

/* Both sides of instance i at once, each on its own CPU (which one is random). */
static int run_duet(ab_session *s, int i, size_t p, char dir[2][CLI_PATH_MAX + 64]) {
    int swap = coin(&s->rng);
    pid_t pid[2];
    for (int side = 0; side < 2; side++)
        pid[side] = ab_start_side(s->o, &s->inst[i], side, dir[side], s->o->cpus[side ^ swap]);
    int rc0 = ab_end_side(&s->inst[i], 0, dir[0], pid[0]);
    int rc1 = ab_end_side(&s->inst[i], 1, dir[1], pid[1]);
    if (rc0 != 0 || rc1 != 0)
        return rc0 == 2 || rc1 == 2 ? 2 : 3;
    char result[2][CLI_PATH_MAX + 96];
    for (int side = 0; side < 2; side++)
        snprintf(result[side], sizeof result[side], "%.*s/result.json", CLI_PATH_MAX + 63,
                 dir[side]);
    if (bg_ab_add_duet(s->ab, p, result[0], result[1]) != BG_OK)
        return cli_usage_error("ab: %s", bg_ab_error(s->ab));
    return 0;
}

/* Both sides of instance i one after the other, in a random order. */
static int run_alternation(ab_session *s, int i, size_t p, char dir[2][CLI_PATH_MAX + 64]) {
    int first = coin(&s->rng);
    for (int k = 0; k < 2; k++) {
        int side = k == 0 ? first : !first;
        char result[CLI_PATH_MAX + 96];
        int rc = ab_run_side(s->o, &s->inst[i], side, dir[side]);
        if (rc != 0)
            return rc;
        snprintf(result, sizeof result, "%s/result.json", dir[side]);
        if (bg_ab_add(s->ab, p, side, result) != BG_OK)
            return cli_usage_error("ab: %s", bg_ab_error(s->ab));
    }
    return 0;
}

/* Pair p: every instance, base and head at once (a duet) or back to back. */
static int run_pair(ab_session *s, size_t p) {
    for (int i = 0; i < s->n; i++) {
        char dir[2][CLI_PATH_MAX + 64];
        for (int side = 0; side < 2; side++)
            snprintf(dir[side], sizeof dir[side], "%s/%d", s->side_dir[side], i);
        int rc = s->o->duet && on_cpu(&s->inst[i]) ? run_duet(s, i, p, dir)
                                                   : run_alternation(s, i, p, dir);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Judges and writes the files; @return the undecided count, or -1 (message printed) */
static long judge_and_write(ab_session *s, int final, bg_compare **cmp) {
    long undecided = bg_ab_judge(s->ab, final, cmp);
    if (undecided < 0) {
        cli_usage_error("ab: out of memory");
        return -1;
    }
    if (bg_ab_write(s->ab, *cmp, s->out) != BG_OK) {
        cli_usage_error("ab: %s", bg_ab_error(s->ab));
        bg_compare_free(*cmp);
        return -1;
    }
    return undecided;
}

/* Pairs until every instance is decided, the last look, or the budget. */
static int run_pairs(ab_session *s, size_t *pairs) {
    double start = now_s();
    int look = 1;
    for (size_t p = 0; p < bg_ab_look_pairs(BG_AB_LOOKS); p++) {
        int rc = run_pair(s, p);
        if (rc != 0)
            return rc;
        *pairs = p + 1;
        double spent = now_s() - start;
        if (*pairs == bg_ab_look_pairs(look)) {
            bg_compare *cmp = NULL;
            long undecided = judge_and_write(s, 0, &cmp);
            bg_compare_free(cmp);
            if (undecided < 0)
                return BG_EXIT_USAGE;
            printf("benchgate ab: %zu pairs in %.0f s: %ld of %d undecided\n", *pairs, spent,
                   undecided, s->n);
            fflush(stdout);
            if (undecided == 0)
                return 0;
            look++;
        }
        if (spent >= s->o->budget_s) {
            printf("benchgate ab: the budget (%.0f s) is spent after %zu pairs\n", s->o->budget_s,
                   *pairs);
            return 0;
        }
    }
    return 0;
}

/* The one rule of every gate (docs/gates.md): the worst row's outcome; a head that failed 3. */
static int exit_code(const bg_compare *cmp, const ab_opts *o) {
    return bg_outcome_exit_code(bg_compare_outcome(cmp), o->fail_on_inconclusive, 0);
}

/* --explain: the per-function diff of the two builds; a failure is a warning, the verdict
 * stands. */
static void explain_sides(const ab_opts *o) {
    bg_explain_options e = {0};
    char err[1024];
    e.base = o->dirs[0], e.head = o->dirs[1], e.bench = o->bench, e.format = "table";
    printf("\nbenchgate ab --explain: callgrind profiles of both builds, per function\n");
    fflush(stdout);
    if (bg_explain_run(&e, stdout, err, sizeof err) != BG_OK)
        fprintf(stderr, "benchgate: warning: ab --explain: %s\n", err);
}

static int finish(ab_session *s, size_t pairs) {
    bg_compare *cmp = NULL;
    if (judge_and_write(s, 1, &cmp) < 0)
        return BG_EXIT_USAGE;
    bg_compare_print(cmp, stdout, "table");
    int code = exit_code(cmp, s->o);
    char line[512];
    snprintf(
        line, sizeof line,
        "verdict: %zu regressed, %zu improved, %zu inconclusive, %zu pass, %zu not compared, "
        "%zu error(s) of %d after %zu pairs (seed %llu); exit %d",
        bg_compare_tally(cmp, BG_VERDICT_REGRESSION), bg_compare_tally(cmp, BG_VERDICT_IMPROVEMENT),
        bg_compare_tally(cmp, BG_VERDICT_INCONCLUSIVE), bg_compare_tally(cmp, BG_VERDICT_PASS),
        bg_compare_tally(cmp, BG_VERDICT_NOT_COMPARED) + bg_compare_tally(cmp, BG_VERDICT_SKIPPED),
        bg_compare_tally(cmp, BG_VERDICT_ERROR), s->n, pairs, (unsigned long long)s->o->seed, code);
    bg_print_wrapped(stdout, line, "  ", 0); /* 100 columns, as every line for people */
    printf("benchgate ab: %s/verdict.md, verdict.json, ab.json\n", s->out);
    bg_compare_free(cmp);
    if (s->o->explain)
        explain_sides(s->o);
    return fflush(stdout) == 0 && !ferror(stdout) ? code : 2;
}

/* The output folder: new, or one without an earlier A/B run in it. */
static int prepare_out(ab_session *s) {
    char path[CLI_PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/ab.json", s->out);
    if (access(path, F_OK) == 0)
        return cli_usage_error("ab: %s holds an earlier A/B run (%s); choose another "
                               "--output-dir, or remove it first",
                               s->out, path);
    static const char *const sides[] = {"base", "head"};
    char runs[CLI_PATH_MAX + 16];
    snprintf(runs, sizeof runs, "%s/runs", s->out);
    int bad = cli_mkdirs(s->out) != 0 || make_dir(runs) != 0;
    for (int i = 0; i < 2 && !bad; i++) {
        snprintf(s->side_dir[i], sizeof s->side_dir[i], "%s/runs/%s", s->out, sides[i]);
        bad = make_dir(s->side_dir[i]) != 0;
    }
    return bad ? cli_usage_error("ab: %s: cannot create: %s", s->out, strerror(errno)) : 0;
}

static int run_session(ab_session *s) {
    bg_run_lock *lock = NULL;
    char err[1024];
    if (prepare_out(s) != 0)
        return BG_EXIT_USAGE;
    if (bg_run_lock_acquire(s->out, 0, &lock, err, sizeof err) != BG_OK)
        return cli_usage_error("%s", err);
    char mode[64] = "alternation";
    if (s->o->duet)
        snprintf(mode, sizeof mode, "duet on CPUs %d and %d", s->o->cpus[0], s->o->cpus[1]);
    char line[3 * CLI_PATH_MAX];
    snprintf(line, sizeof line,
             "benchgate ab: %d instance(s), base %s, head %s, budget %.0f s, threshold %g%%, "
             "%s, seed %llu",
             s->n, s->o->dirs[0], s->o->dirs[1], s->o->budget_s,
             s->o->cmp.threshold_pct > 0 ? s->o->cmp.threshold_pct : 2.0, mode,
             (unsigned long long)s->o->seed);
    bg_print_wrapped(stdout, line, "  ", 0);
    size_t pairs = 0;
    int code = run_pairs(s, &pairs);
    if (code == 0)
        code = finish(s, pairs);
    bg_run_lock_release(lock);
    return code;
}

int cmd_ab(int argc, char **argv) {
    ab_opts o;
    int p = parse(&o, argc, argv);
    if (p != 0)
        return p < 0 ? 0 : 2;
    if (!o.have_seed)
        o.seed = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16);
    cli_bench *list[2] = {NULL, NULL};
    int count[2] = {0, 0};
    for (int i = 0; i < 2; i++)
        if ((count[i] = cli_read_manifest(o.dirs[i], &list[i])) < 0) {
            free(list[0]);
            return BG_EXIT_USAGE;
        }
    ab_session s = {&o, NULL, 0, "", {"", ""}, o.seed * 2654435761ULL + 1, NULL};
    const cli_bench *const lists[2] = {list[0], list[1]};
    s.n = ab_instances(&o, lists, count, &s.inst);
    int code = s.n > 0 ? 0 : 2;
    if (o.output_dir)
        snprintf(s.out, sizeof s.out, "%s", o.output_dir);
    else {
        char run_id[64];
        cli_new_run_id(run_id, sizeof run_id);
        snprintf(s.out, sizeof s.out, "results/ab-%s", run_id);
    }
    if (code == 0 && (s.ab = bg_ab_create(&o.cmp)) == NULL)
        code = cli_usage_error("ab: out of memory");
    if (code == 0)
        code = run_session(&s);
    bg_ab_free(s.ab);
    free(s.inst);
    free(list[0]);
    free(list[1]);
    return code;
}
