/* callgrind.c - instruction counts without perf: the bench re-runs itself under callgrind and
 * switches collection on only inside BG_LOOP; each sample is dumped and read back. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#if BG_HAVE_VALGRIND
#include <valgrind/callgrind.h>
#include <valgrind/valgrind.h>
#endif

#include "benchgate/process.h"
#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"

#define ENV_OUT "BENCHGATE_CALLGRIND_OUT"
#define ENV_KEEP "BENCHGATE_CALLGRIND_KEEP" /* --keep-profile: the dumps stay */

static unsigned bg__dump_count;

int bg__callgrind_active(void) {
#if BG_HAVE_VALGRIND
    return RUNNING_ON_VALGRIND && getenv(ENV_OUT) != NULL;
#else
    return 0;
#endif
}

void bg__callgrind_start(void) {
#if BG_HAVE_VALGRIND
    CALLGRIND_ZERO_STATS;
    CALLGRIND_TOGGLE_COLLECT;
#endif
}

/* The events of a dump, in the order of its "events:" line. */
typedef struct cg_events {
    char names[16][8];
    double totals[16];
    int count;
} cg_events;

static void parse_events(char *line, cg_events *e) {
    e->count = 0;
    for (char *save = NULL, *t = strtok_r(line, " \t\n", &save); t && e->count < 16;
         t = strtok_r(NULL, " \t\n", &save))
        snprintf(e->names[e->count++], sizeof e->names[0], "%s", t);
}

static void parse_totals(const char *line, cg_events *e) {
    char *end = NULL;
    for (int i = 0; i < e->count; i++, line = end)
        e->totals[i] = strtod(line, &end);
}

static double event(const cg_events *e, const char *name) {
    for (int i = 0; i < e->count; i++)
        if (strcmp(e->names[i], name) == 0)
            return e->totals[i];
    return 0;
}

/* Estimated cycles as callgrind_annotate and KCachegrind weigh a simulated cache: each
 * instruction 1, each first-level miss 10, each last-level miss 100. */
static double estimated_cycles(const cg_events *e) {
    return event(e, "Ir") + 10 * (event(e, "I1mr") + event(e, "D1mr") + event(e, "D1mw")) +
           100 * (event(e, "ILmr") + event(e, "DLmr") + event(e, "DLmw"));
}

/* Reads the dump just written: instructions (Ir), and the estimated cycles into *cycles when
 * the cache was simulated (else 0); -1 when it cannot. */
static double read_totals(const char *path, double *cycles) {
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    char line[512];
    cg_events e = {{{0}}, {0}, 0};
    double total = -1;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "events:", 7) == 0)
            parse_events(line + 7, &e);
        if (strncmp(line, "totals:", 7) == 0 && e.count > 0) {
            parse_totals(line + 7, &e);
            total = event(&e, "Ir");
            break;
        }
    }
    fclose(f);
    if (getenv(ENV_KEEP) == NULL)
        unlink(path);
    *cycles = total >= 0 && event(&e, "I1mr") + event(&e, "D1mr") + event(&e, "DLmr") > 0
                  ? estimated_cycles(&e)
                  : 0;
    return total;
}

void bg__callgrind_instrument(int on) {
#if BG_HAVE_VALGRIND
    if (on)
        CALLGRIND_START_INSTRUMENTATION;
    else
        CALLGRIND_STOP_INSTRUMENTATION;
#else
    (void)on;
#endif
}

void bg__callgrind_pause(void) {
#if BG_HAVE_VALGRIND
    CALLGRIND_TOGGLE_COLLECT;
#endif
}

double bg__callgrind_read(double *cycles) {
    *cycles = 0;
#if BG_HAVE_VALGRIND
    CALLGRIND_DUMP_STATS_AT("benchgate-sample");
    char path[BG__PATH_MAX];
    snprintf(path, sizeof path, "%s.%u", getenv(ENV_OUT), ++bg__dump_count);
    return read_totals(path, cycles);
#else
    return -1;
#endif
}

/* valgrind's command line: this program and its arguments under callgrind, writing to out.
 * @return the arguments (free them), or NULL */
static char **valgrind_args(int argc, char **argv, char *out_flag, char *self, int cache_sim) {
    char **args = calloc((size_t)argc + 12, sizeof *args);
    if (args == NULL)
        return NULL;
    int n = 0;
    args[n++] = "valgrind";
    args[n++] = "-q";
    args[n++] = "--tool=callgrind";
    args[n++] = "--collect-atstart=no";
    if (cache_sim) { /* about twice as slow: only when asked (--cache-sim) */
        /* one cache for every machine, not each host's: the figures repeat across a class */
        static const char *const sim[] = {"--cache-sim=yes", "--I1=32768,8,64", "--D1=32768,8,64",
                                          "--LL=8388608,16,64"};
        for (size_t i = 0; i < sizeof sim / sizeof *sim; i++)
            args[n++] = (char *)sim[i];
    } else { /* the set-up of each benchmark runs uninstrumented: bg__callgrind_instrument */
        args[n++] = "--instr-atstart=no";
    }
    args[n++] = out_flag;
    args[n++] = self[0] ? self : argv[0];
    for (int i = 1; i < argc; i++)
        args[n++] = argv[i];
    return args;
}

/* In the child, when valgrind could not be started. */
static void no_valgrind(void *arg, int err) {
    (void)arg;
    fprintf(stderr,
            "benchgate: error: --measure=instructions: perf_event_open is not allowed "
            "here and valgrind could not be run (%s); install valgrind\n",
            strerror(err));
}

/* Where the dumps go: a temporary folder (removed after), or keep_dir (--keep-profile). */
static int dump_dir(char *dir, size_t size, const char *keep_dir) {
    if (keep_dir) {
        snprintf(dir, size, "%s", keep_dir);
        return bg__mkdirs(dir, NULL) == BG_OK ? 0 : -1;
    }
    snprintf(dir, size, "/tmp/benchgate-callgrind.XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

int bg__callgrind_rerun(int argc, char **argv, int cache_sim, const char *keep_dir) {
    char dir[BG__PATH_MAX];
    if (dump_dir(dir, sizeof dir, keep_dir) != 0) {
        fprintf(stderr, "benchgate: error: cannot create a folder for callgrind: %s\n",
                strerror(errno));
        return BG_EXIT_FAILED;
    }
    char out_flag[sizeof dir + 48], env_out[sizeof dir + 48], self[BG__PATH_MAX];
    snprintf(out_flag, sizeof out_flag, "--callgrind-out-file=%s/cg.out", dir);
    snprintf(env_out, sizeof env_out, "%s=%s/cg.out", ENV_OUT, dir);
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    self[len > 0 ? len : 0] = '\0';
    char **args = valgrind_args(argc, argv, out_flag, self, cache_sim);
    char *env[] = {env_out, keep_dir ? ENV_KEEP "=1" : NULL, NULL};
    bg_spawn_opts o;
    bg_spawn_init(&o, args);
    o.search_path = 1;
    o.env = env;
    o.exec_failed = no_valgrind;
    pid_t pid = args ? bg_spawn(&o) : -1;
    int status = 0, waited = bg_spawn_wait(pid, 0, &status);
    free(args);
    if (keep_dir == NULL)
        bg__remove_tree(dir);
    if (waited != 0 || !WIFEXITED(status))
        return BG_EXIT_FAILED;
    return WEXITSTATUS(status) == 127 ? BG_EXIT_USAGE : WEXITSTATUS(status);
}
