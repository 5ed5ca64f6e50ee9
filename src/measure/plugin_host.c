/* plugin_host.c - metric plugins (include/benchgate/plugin.h): each one is loaded and called in
 * a child process per instance, so that a plugin that fails to load, crashes, hangs or scribbles
 * on memory only gives its metrics the status "error"; the instance's other figures never
 * change. */
#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "benchgate/plugin.h"
#include "config/config.h"
#include "measure/measure.h"

#define PLUGIN_TIMEOUT_S 30.0 /* BENCHGATE_PLUGIN_TIMEOUT (seconds) changes it */

/** What the child sends back through the pipe (one write, below PIPE_BUF). */
typedef struct answer {
    int rc;         /**< 0: count metrics computed; -1: error in message; -2: loaded (sent
                         before compute(), so that a crash still names the metrics) */
    char name[64];  /**< the plugin's name */
    int name_count; /**< its declared metric names (for errors) */
    char names[BG_PLUGIN_MAX_METRICS][64];
    int count;
    bg_plugin_metric m[BG_PLUGIN_MAX_METRICS];
    char message[400];
} answer;

/** One plugin of the run. */
typedef struct plugin_ref {
    const char *path;
    char stem[64];  /**< "tail_ratio" from ".../libtail_ratio.so": names a load failure */
    char last[400]; /**< the last message logged, to log each problem once */
} plugin_ref;

/* ---- the child -------------------------------------------------------------------------- */

static void copy_names(answer *a, const bg_plugin_v1 *p) {
    snprintf(a->name, sizeof a->name, "%s", p->name ? p->name : "");
    for (const char *const *n = p->metric_names; n && *n && a->name_count < BG_PLUGIN_MAX_METRICS;
         n++)
        snprintf(a->names[a->name_count++], sizeof a->names[0], "%s", *n);
}

static const bg_plugin_v1 *load(const char *path, answer *a) {
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (h == NULL) {
        snprintf(a->message, sizeof a->message, "cannot load: %s", dlerror());
        return NULL;
    }
    void *sym = dlsym(h, BG_PLUGIN_ENTRY_SYMBOL);
    bg_plugin_entry_fn entry;
    memcpy(&entry, &sym, sizeof entry); /* object to function pointer, as POSIX allows */
    const bg_plugin_v1 *p = sym ? entry() : NULL;
    if (p == NULL)
        snprintf(a->message, sizeof a->message, "no %s() or it returned NULL",
                 BG_PLUGIN_ENTRY_SYMBOL);
    else if (p->abi_version != BG_PLUGIN_ABI_VERSION || p->compute == NULL)
        snprintf(a->message, sizeof a->message,
                 "plugin ABI version %d, this benchgate needs %d (rebuild it against "
                 "benchgate/plugin.h)",
                 p->abi_version, BG_PLUGIN_ABI_VERSION);
    else {
        copy_names(a, p);
        return p;
    }
    return NULL;
}

static void compute(const bg_plugin_v1 *p, const bg_plugin_input *in, answer *a) {
    char why[sizeof a->message] = "";
    int n = p->compute(in, a->m, BG_PLUGIN_MAX_METRICS, why, sizeof why);
    if (n < 0 || n > BG_PLUGIN_MAX_METRICS) {
        snprintf(a->message, sizeof a->message, "%.63s failed: %.300s", a->name,
                 why[0] ? why : "no reason given");
        return;
    }
    a->count = n;
    a->rc = 0;
}

static void child(int fd, const char *path, const bg_plugin_input *in) {
    static const int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGINT, SIGTERM};
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
        signal(fatal[i], SIG_DFL); /* a crash is the plugin's: let the parent see the signal */
    answer a;
    memset(&a, 0, sizeof a);
    a.rc = -1;
    const bg_plugin_v1 *p = load(path, &a);
    if (p) {
        a.rc = -2;
        if (write(fd, &a, sizeof a) != (ssize_t)sizeof a)
            _exit(1);
        a.rc = -1;
        compute(p, in, &a);
    }
    a.message[sizeof a.message - 1] = '\0';
    ssize_t w = write(fd, &a, sizeof a);
    _exit(w == (ssize_t)sizeof a ? 0 : 1);
}

/* ---- the parent ------------------------------------------------------------------------- */

static int timeout_ms(void) {
    const char *v = getenv("BENCHGATE_PLUGIN_TIMEOUT");
    double s = v ? atof(v) : 0;
    return (int)((s >= 0.1 && s <= 3600 ? s : PLUGIN_TIMEOUT_S) * 1000);
}

/* Reads the answer within the time limit. @return 0, or -1 with why in a->message */
static int receive(int fd, pid_t pid, answer *a) {
    size_t got = 0;
    while (got < sizeof *a) {
        struct pollfd pfd = {fd, POLLIN, 0};
        int r = poll(&pfd, 1, timeout_ms());
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0) {
            kill(pid, SIGKILL);
            snprintf(a->message, sizeof a->message, "did not finish within %.1f s (killed)",
                     timeout_ms() / 1000.0);
            return -1;
        }
        ssize_t n = read(fd, (char *)a + got, sizeof *a - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    if (got != sizeof *a)
        a->message[0] = '\0'; /* a part of an answer: wait_child says why */
    return got == sizeof *a ? 0 : -1;
}

static void wait_child(pid_t pid, int answered, answer *a) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (answered || a->message[0]) /* answered, or timed out (and killed) */
        return;
    if (WIFSIGNALED(status))
        snprintf(a->message, sizeof a->message, "crashed (signal %d: %s)", WTERMSIG(status),
                 strsignal(WTERMSIG(status)));
    else
        snprintf(a->message, sizeof a->message, "ended without an answer (exit %d)",
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

/* Runs the plugin on in in a child. @return 0 with a->rc set, or -1 (a->message says why) */
static int run_plugin(const char *path, const bg_plugin_input *in, answer *a) {
    int fds[2];
    memset(a, 0, sizeof *a);
    a->rc = -1;
    if (pipe(fds) != 0) {
        snprintf(a->message, sizeof a->message, "pipe: %s", strerror(errno));
        return -1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        child(fds[1], path, in);
    }
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        snprintf(a->message, sizeof a->message, "fork: %s", strerror(errno));
        return -1;
    }
    int ok = receive(fds[0], pid, a) == 0;
    if (ok && a->rc == -2) { /* loaded: now the result, or the names for the error */
        answer loaded = *a;
        ok = receive(fds[0], pid, a) == 0;
        if (!ok) {
            char why[sizeof a->message];
            snprintf(why, sizeof why, "%s", a->message);
            *a = loaded;
            a->rc = -1;
            snprintf(a->message, sizeof a->message, "%s", why);
        }
    }
    close(fds[0]);
    wait_child(pid, ok, a);
    return ok ? 0 : -1;
}

/* ---- recording -------------------------------------------------------------------------- */

static int name_ok(const char *name) {
    if (name[0] == '\0')
        return 0;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return 0;
    return !bg__is_builtin_metric(name);
}

/* The slot of a plugin metric called name: a new one, or one a plugin (or a cached result)
 * wrote. @return NULL when the benchmark reports that name itself or there is no room */
static bg__user_metric *slot(bg__instance *in, const char *name) {
    for (int i = 0; i < in->metric_count; i++)
        if (strcmp(in->metrics[i].name, name) == 0)
            return in->metrics[i].plugin || in->reused_from[0] ? &in->metrics[i] : NULL;
    if (in->metric_count == BG__MAX_METRICS)
        return NULL;
    return &in->metrics[in->metric_count++];
}

static void record(bg__run *run, bg__instance *in, const plugin_ref *p, const char *name,
                   const char *unit, double value, int better, const char *error) {
    char clean[64];
    snprintf(clean, sizeof clean, "%s", name);
    bg__user_metric *m = slot(in, clean);
    if (m == NULL) {
        bg__log(run,
                "%s: plugin metric %s not recorded: the benchmark reports a metric of that "
                "name, or it has %d metrics already",
                in->name, clean, BG__MAX_METRICS);
        return;
    }
    memset(m, 0, sizeof *m);
    snprintf(m->name, sizeof m->name, "%s", clean);
    snprintf(m->unit, sizeof m->unit, "%s", unit);
    m->value = error ? NAN : value;
    m->better = better == BG_PLUGIN_HIGHER_IS_BETTER ? BG_HIGHER_IS_BETTER
                : better == BG_PLUGIN_NO_DIRECTION   ? BG_NEITHER
                                                     : BG_LOWER_IS_BETTER;
    m->plugin = 1;
    if (error)
        snprintf(m->message, sizeof m->message, "plugin %s: %s", p->path, error);
}

static void log_once(bg__run *run, plugin_ref *p, const char *msg) {
    if (strcmp(p->last, msg) == 0)
        return;
    snprintf(p->last, sizeof p->last, "%s", msg);
    bg__log(run, "%s: warning: plugin %s: %s", run->program, p->path, msg);
}

/* Every declared metric (or plugin_<stem> when none is known) gets the error. */
static void record_failure(bg__run *run, bg__instance *in, plugin_ref *p, const answer *a) {
    log_once(run, p, a->message);
    char fallback[80];
    snprintf(fallback, sizeof fallback, "plugin_%s", p->stem);
    if (a->name_count == 0)
        record(run, in, p, fallback, "", NAN, BG_PLUGIN_NO_DIRECTION, a->message);
    for (int i = 0; i < a->name_count; i++)
        record(run, in, p, name_ok(a->names[i]) ? a->names[i] : fallback, "", NAN,
               BG_PLUGIN_NO_DIRECTION, a->message);
}

static void record_answer(bg__run *run, bg__instance *in, plugin_ref *p, answer *a) {
    for (int i = 0; i < a->count; i++) {
        bg_plugin_metric *m = &a->m[i];
        m->name[sizeof m->name - 1] = m->unit[sizeof m->unit - 1] = '\0';
        char why[200] = "";
        if (!name_ok(m->name))
            snprintf(why, sizeof why,
                     "%s returned the metric name '%.64s' ([a-z0-9_], not a "
                     "built-in metric)",
                     a->name, m->name);
        else if (!isfinite(m->value))
            snprintf(why, sizeof why, "%s returned %g for %s (not a finite number)", a->name,
                     m->value, m->name);
        if (why[0])
            log_once(run, p, why);
        record(run, in, p, name_ok(m->name) ? m->name : "plugin_bad_name", m->unit, m->value,
               m->better, why[0] ? why : NULL);
    }
}

/* ---- per instance ----------------------------------------------------------------------- */

static double *primary_samples(const bg__instance *in, const char **metric, const char **unit) {
    double *v = malloc(in->sample_count * sizeof *v);
    for (size_t i = 0; v && i < in->sample_count; i++) {
        const bg__sample *s = &in->samples[i];
        v[i] = in->cfg->measure == BG__MEASURE_INSTRUCTIONS ? s->instructions
               : in->cfg->measure == BG__MEASURE_CPU        ? s->cpu_ns
                                                            : s->time_ns;
    }
    *metric = in->cfg->measure == BG__MEASURE_INSTRUCTIONS ? "instructions"
              : in->cfg->measure == BG__MEASURE_CPU        ? "cpu_time_ns"
                                                           : "time_ns";
    *unit = in->cfg->measure == BG__MEASURE_INSTRUCTIONS ? "count" : "ns";
    return v;
}

static void apply_one(bg__run *run, bg__instance *in, plugin_ref *p) {
    bg_plugin_input input = {in->name, in->def->name, in->device,       NULL,
                             NULL,     NULL,          in->sample_count, (unsigned)in->reps_done};
    double *copy = primary_samples(in, &input.metric, &input.unit);
    answer *a = malloc(sizeof *a);
    if (copy == NULL || a == NULL) {
        bg__log(run, "%s: plugin %s: out of memory", in->name, p->path);
        free(copy), free(a);
        return;
    }
    input.samples = copy;
    if (run_plugin(p->path, &input, a) != 0 || a->rc != 0)
        record_failure(run, in, p, a);
    else
        record_answer(run, in, p, a);
    free(copy);
    free(a);
}

static void stem_of(const char *path, char *out, size_t size) {
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    if (strncmp(base, "lib", 3) == 0)
        base += 3;
    size_t n = 0;
    for (const char *c = base; *c && *c != '.' && n + 1 < size; c++)
        out[n++] = (*c >= 'A' && *c <= 'Z')                                 ? (char)(*c - 'A' + 'a')
                   : ((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9')) ? *c
                                                                            : '_';
    out[n] = '\0';
}

void bg__plugins_apply(bg__run *run) {
    const char *list = run->settings.global.plugins;
    if (list[0] == '\0')
        return;
    char paths[sizeof run->settings.global.plugins];
    snprintf(paths, sizeof paths, "%s", list);
    char *save = NULL;
    for (char *path = strtok_r(paths, ":", &save); path; path = strtok_r(NULL, ":", &save)) {
        plugin_ref p = {path, "", ""};
        stem_of(path, p.stem, sizeof p.stem);
        for (size_t i = 0; i < run->inst_count; i++) {
            bg__instance *in = &run->inst[i];
            if (in->status == BG__STATUS_OK && in->sample_count > 0)
                apply_one(run, in, &p);
        }
    }
}
