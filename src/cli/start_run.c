/* start_run.c - benchgate start's run: each selected bench executable into RUN_DIR/parts/NAME
 * (parts complete from an earlier session are kept on --resume), pauses between executables,
 * SIGINT/SIGTERM passed on once, the merge, and the run history. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "benchgate/compare.h"
#include "benchgate/history.h"
#include "benchgate/runlock.h"
#include "benchgate/results.h"
#include "benchgate/terminal.h"
#include "start.h"

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig) {
    if (stop_signal != 0) {
        signal(sig, SIG_DFL); /* the second one: leave now */
        raise(sig);
        return;
    }
    stop_signal = sig;
}

typedef struct handlers {
    struct sigaction i, t, p;
} handlers;

static void install(handlers *h) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_signal;
    stop_signal = 0;
    sigaction(SIGINT, &sa, &h->i);
    sigaction(SIGTERM, &sa, &h->t);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, &h->p);
}

static void restore(const handlers *h) {
    sigaction(SIGINT, &h->i, NULL);
    sigaction(SIGTERM, &h->t, NULL);
    sigaction(SIGPIPE, &h->p, NULL);
}

/* Folds one executable's exit code into the run's, the worst of its parts by the one rule
 * (docs/gates.md): 2 > 3 > 1 > 77 > 0. */
static int worse(int run_code, int rc, int first) {
    static const int rank[] = {2, 3, 1, 77, 0};
    if (rc != 0 && rc != 1 && rc != 2 && rc != 3 && rc != 77)
        rc = 3; /* crashed or killed */
    if (first)
        return rc;
    for (int i = 0; i < 5; i++)
        if (run_code == rank[i] || rc == rank[i])
            return rank[i];
    return rc;
}

static void report(const start_run *r, const char *state, const char *detail) {
    char err[1024];
    if (bg_control_report(r->out, state, detail, err, sizeof err) != BG_OK)
        fprintf(stderr, "benchgate: warning: %s\n", err);
}

/* Between executables: waits while RUN_DIR/control says pause. @return 1 on a stop signal */
static int wait_while_paused(const start_run *r, start_ui *u, const char *next) {
    if (bg_control_read(r->out) != BG_CONTROL_PAUSE)
        return stop_signal != 0;
    report(r, "paused", next);
    ui_set_paused(u, 1);
    ui_log(u, "benchgate: paused before %s (benchgate resume %s continues)", next, r->out);
    while (bg_control_read(r->out) == BG_CONTROL_PAUSE && !stop_signal) {
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
        ui_tick(u);
    }
    ui_set_paused(u, 0);
    report(r, "running", next);
    ui_log(u, "benchgate: resumed");
    return stop_signal != 0;
}

static void add_part(start_ui *u, bg_merge *m, const char *part) {
    char file[CLI_PATH_MAX + 200];
    struct stat st;
    snprintf(file, sizeof file, "%s/result.json", part);
    if (stat(file, &st) == 0 && bg_merge_add(m, part) != BG_OK)
        ui_log(u, "benchgate: error: %s", bg_merge_error(m));
}

static int run_one(const start_run *r, start_ui *u, int i, bg_merge *m) {
    const cli_bench *b = &r->list[i];
    char part[CLI_PATH_MAX + 160], flag[CLI_PATH_MAX + 200], control[CLI_PATH_MAX + 32];
    char parent[96];
    snprintf(part, sizeof part, "%s/parts/%s", r->out, b->name);
    if (r->o->resume && bg_result_is_complete(part)) {
        int rc = bg_run_exit_code(part); /* what the part said when it ran */
        add_part(u, m, part);
        ui_end_bench(u, r->count[i], 1, rc < 0 ? 0 : rc);
        return rc < 0 ? 3 : rc;
    }
    snprintf(flag, sizeof flag, "--output-dir=%s", part);
    snprintf(control, sizeof control, "BENCHGATE_CONTROL_DIR=%s", r->out);
    snprintf(parent, sizeof parent, "BENCHGATE_PARENT_RUN_ID=%s", r->run_id);
    char *env[] = {"BENCHGATE_UNDER_START=1", control, "BENCHGATE_LOCK_WAIT=10", parent, NULL};
    char *argv[START_MAX_ARGS + 1], store[sizeof b->args];
    int argc = start_build_argv(argv, store, b, r->o, flag, r->o->resume ? "--resume" : NULL);
    if (r->filters && r->filters[i]) /* --shard: this executable's instances of the shard */
        argv[argc++] = r->filters[i], argv[argc] = NULL;
    cli_child_hooks hooks = {ui_child_line, ui_tick, u, &stop_signal};
    report(r, "running", b->name);
    ui_log(u, "benchgate: running %s [%d/%d] (%d instance(s))", b->name, u->index, u->count,
           r->count[i]);
    int rc = cli_run_child(argv, env, &hooks);
    if (rc == 0 || rc == 1 || rc == 3 || rc == 77 || rc == 130 || rc == 143)
        add_part(u, m, part);
    ui_end_bench(u, r->count[i], 0, rc);
    return rc;
}

static int run_all(const start_run *r, start_ui *u, bg_merge *m, int *all_ran) {
    int code = 0, first = 1, index = 0, selected = 0, ran = 0;
    for (int i = 0; i < r->n; i++) {
        if (r->count[i] == 0)
            continue;
        selected++;
        ui_begin_bench(u, ++index, r->list[i].name, r->count[i]);
        if (wait_while_paused(r, u, r->list[i].name))
            break;
        int rc = run_one(r, u, i, m);
        if ((rc == 130 || rc == 143) && stop_signal == 0)
            stop_signal = rc - 128; /* the executable was stopped: so is the run */
        if (stop_signal)
            break;
        code = worse(code, rc, first);
        first = 0;
        ran++;
    }
    *all_ran = ran == selected;
    return code;
}

static void record_history(const start_run *r, start_ui *u) {
    char err[1024];
    if (r->set.history[0] == '\0' || strcmp(r->set.history, "off") == 0)
        return;
    if (r->o->shard_count > 0) { /* a part of a run: the merged one is recorded */
        ui_log(u,
               "benchgate: note: shard %d/%d is not recorded in the run history: record the run "
               "merged from every shard (benchgate merge, then benchgate history import)",
               r->o->shard_index, r->o->shard_count);
        return;
    }
#if BG_CLI_HISTORY
    if (bg_history_record(r->set.history, r->out, err, sizeof err) != BG_OK)
        ui_log(u, "benchgate: warning: run history: %s", err);
#else
    (void)err;
    ui_log(u,
           "benchgate: note: the run is not recorded in %s: this benchgate was built without "
           "benchgate::history (-DBENCHGATE_HISTORY=OFF)",
           r->set.history);
#endif
}

/* How the merged run was started: benchgate start with its own flags and those it passed on. */
static void command_line(const start_run *r, char *buf, size_t size) {
    const start_opts *o = r->o;
    size_t len = (size_t)snprintf(buf, size, "benchgate start");
    if (o->resume)
        len += (size_t)snprintf(buf + len, size - len, " --resume=%s", o->resume);
    else
        len += (size_t)snprintf(buf + len, size - len, " --output-dir=%s", r->out);
    if (o->bench && len < size)
        len += (size_t)snprintf(buf + len, size - len, " --bench=%s", o->bench);
    if (o->build_dir && len < size)
        len += (size_t)snprintf(buf + len, size - len, " --build-dir=%s", o->build_dir);
    for (int i = 0; i < o->pass_count && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, " %s", o->pass[i]);
}

static int finish(const start_run *r, start_ui *u, bg_merge *m, int code, int all_ran) {
    if (stop_signal || !all_ran)
        bg_merge_mark_incomplete(m);
    if (bg_merge_count(m) > 0) {
        char cmd[8192];
        command_line(r, cmd, sizeof cmd);
        bg_merge_set_duration(m, ui_elapsed_s(u));
        if (r->o->shard_count > 0)
            bg_merge_set_shard(m, r->o->shard_index, r->o->shard_count, r->plan);
        if (bg_merge_write(m, r->out, r->run_id, cmd) != BG_OK)
            return cli_usage_error("%s", bg_merge_error(m));
        record_history(r, u);
    }
    if (stop_signal) {
        ui_log(u,
               "benchgate: interrupted (signal %d): partial results in %s (complete: false); "
               "continue with: benchgate resume %s",
               (int)stop_signal, r->out, r->out);
        code = 128 + stop_signal;
    }
    if (bg_merge_count(m) > 0)
        start_integrations(r, u, code); /* telemetry, notifications: warnings only */
    if (code != 2) {
        char done[sizeof r->out + 256];
        snprintf(done, sizeof done, "benchgate: run %s: results in %s (exit %d)", r->run_id, r->out,
                 code);
        bg_print_wrapped(stdout, done, "  ", 0);
    }
    return code;
}

static void drop_control(const char *out) {
    char path[CLI_PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/control", out);
    unlink(path);
    snprintf(path, sizeof path, "%s/control.state", out);
    unlink(path);
}

int start_execute(start_run *r) {
    handlers h;
    install(&h);
    start_ui u;
    ui_init(&u, r);
    char err[1024];
    if (bg_control_request(r->out, BG_CONTROL_RUN, err, sizeof err) != BG_OK)
        fprintf(stderr, "benchgate: warning: %s\n", err);
    ui_log(&u, "benchgate: run %s%s: %d benchmark executable(s), results in %s", r->run_id,
           r->o->resume ? " (resumed)" : "", u.count, r->out);
    bg_merge *m = bg_merge_create();
    int all_ran = 0;
    int code = m ? run_all(r, &u, m, &all_ran) : cli_usage_error("out of memory");
    ui_finish(&u);
    if (m)
        code = finish(r, &u, m, code, all_ran);
    bg_merge_free(m);
    drop_control(r->out);
    restore(&h);
    return code;
}
