/* longrun.c - the hooks that make a bench executable's run interruptible and resumable: the
 * output directory lock, rotating run.log, pause/resume between samples, signals, the
 * checkpoint after every (instance, repetition) slot, cached results, the progress line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "benchgate/runlock.h"
#include "benchgate/terminal.h"
#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"
#include "longrun/longrun.h"

#define POLL_NS 1e8 /* the control file is read at most every 100 ms */

static int path_in(char *out, size_t size, const char *dir, const char *name) {
    int n = snprintf(out, size, "%s/%s", dir, name);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

static bg_err setup_paths(bg__run *run, bg__longrun *lr, bg__error *err) {
    const char *control = getenv("BENCHGATE_CONTROL_DIR");
    const char *parent = getenv("BENCHGATE_UNDER_START");
    int bad = path_in(lr->log_path, sizeof lr->log_path, run->out_dir, "run.log");
    bad |= snprintf(lr->control_dir, sizeof lr->control_dir, "%s",
                    control && control[0] ? control : run->out_dir) >= (int)sizeof lr->control_dir;
    if (parent && parent[0])
        bad |= path_in(lr->progress_path, sizeof lr->progress_path, run->out_dir, ".progress");
    BG_RETURN_IF(bad, err, BG_EIO, "%s: path too long", run->out_dir);
    lr->ui = !(parent && parent[0]) && bg_ui_enabled(STDOUT_FILENO, run->settings.global.no_ui);
    lr->colour = lr->ui && bg_colour_enabled(STDOUT_FILENO, 0);
    return BG_OK;
}

void bg__longrun_close(bg__run *run) {
    bg__longrun *lr = run->lr;
    if (lr == NULL)
        return;
    bg__progress_clear(run);
    bg__checkpoint_close(run);
    bg__signals_restore();
    bg_run_lock_release(lr->lock);
    free(lr->done);
    free(lr);
    run->lr = NULL;
    run->hooks = NULL;
}

/* Writes one log line to stderr and run.log (rotating), around the progress line. */
static void longrun_log(bg__run *run, const char *line) {
    bg__longrun *lr = run->lr;
    int redraw = lr->bar_visible;
    bg__progress_clear(run);
    bg_print_wrapped(stderr, line, "  ", 0); /* run.log keeps the message on one line */
    char stamp[32], text[1200];
    time_t now = time(NULL);
    struct tm tm;
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    int n = snprintf(text, sizeof text, "%s %s\n", stamp, line);
    bg__error err = {BG_OK, ""};
    if (n > 0 && bg__log_append(lr->log_path, text, strlen(text), lr->log_max_bytes,
                                lr->log_backups, &err) != BG_OK)
        fprintf(stderr, "%s: warning: %s\n", run->program, err.msg);
    if (redraw)
        bg__progress_draw(run, 1);
}

int bg__longrun_interrupted(const bg__run *run) {
    return run->lr ? run->lr->interrupted : 0;
}

/* ---- before the schedule ----------------------------------------------------------------- */

static void reuse_cached(bg__run *run) {
    bg__longrun *lr = run->lr;
    bg__cache_prepare(run);
    if (bg__cache_reuse_refused_by_ci(run))
        bg__log(run,
                "%s: note: CI=true: --reuse is not applied (a reused result would be gated as "
                "if measured now); --reuse=force reuses under CI too",
                run->program);
    for (size_t i = 0; i < run->inst_count; i++) {
        bg__instance *in = &run->inst[i];
        if (in->reps_done > 0 || !bg__cache_restore(run, in))
            continue;
        for (size_t r = 0; r < (size_t)in->cfg->repetitions; r++)
            lr->done[i * lr->reps_cap + r] = 1;
        lr->slots_done += (size_t)in->cfg->repetitions;
        lr->restored += (int)in->cfg->repetitions;
        bg__log(run, "%s: %s: reused the cached result of run %s", run->program, in->name,
                in->reused_from);
    }
}

/* Before the schedule: the checkpoint (--resume) and cached results (--reuse). */
static bg_err longrun_begin(bg__run *run, size_t slots_total, bg__error *err) {
    bg__longrun *lr = run->lr;
    lr->reps_cap = 1;
    for (size_t i = 0; i < run->inst_count; i++)
        if ((size_t)run->inst[i].cfg->repetitions > lr->reps_cap)
            lr->reps_cap = (size_t)run->inst[i].cfg->repetitions;
    lr->done = calloc(run->inst_count ? run->inst_count * lr->reps_cap : 1, 1);
    BG_RETURN_IF(lr->done == NULL, err, BG_ENOMEM, "out of memory");
    lr->slots_total = slots_total;
    char path[BG__PATH_MAX + 32];
    if (run->settings.global.resume) {
        lr->slots_done = bg__checkpoint_load(run);
        lr->restored = (int)lr->slots_done;
        bg__log(run, "%s: resuming run %s: %zu of %zu slot(s) were done before", run->program,
                run->run_id, lr->slots_done, slots_total);
    } else if (path_in(path, sizeof path, run->out_dir, "checkpoint.json") == 0) {
        unlink(path); /* a fresh run: an old checkpoint here (before the journal) must go */
    }
    reuse_cached(run);
    /* a fresh journal, or the resumed one compacted: one entry per instance done before */
    bg__error jerr = {BG_OK, ""};
    if (bg__checkpoint_open(run, &jerr) != BG_OK)
        bg__log(run, "%s: warning: checkpoint: %s (--resume cannot continue this run)",
                run->program, jerr.msg);
    return BG_OK;
}

/* @return 1 when slot (inst, rep) was done before (checkpoint or cache). */
static int longrun_slot_done(const bg__run *run, size_t inst, uint32_t rep) {
    const bg__longrun *lr = run->lr;
    return lr && rep < lr->reps_cap && lr->done[inst * lr->reps_cap + rep];
}

/* ---- pause, resume and signals ------------------------------------------------------------ */

static void report(bg__run *run, const char *state, const char *where) {
    char msg[1024];
    if (bg_control_report(run->lr->control_dir, state, where, msg, sizeof msg) != BG_OK)
        fprintf(stderr, "%s: warning: %s\n", run->program, msg);
}

/* Waits while DIR/control says pause; @return the time spent, in ns. */
static double wait_paused(bg__run *run, const char *where) {
    bg__longrun *lr = run->lr;
    bg__checkpoint_sync(run); /* every completed slot is on the disk while it waits */
    bg__log(run, "%s: paused at %s (benchgate resume %s continues)", run->program, where,
            lr->control_dir);
    report(run, "paused", where); /* last: once the state says paused, nothing more is written */
    double t0 = bg__now_ns();
    lr->paused = 1;
    bg__progress_draw(run, 1);
    while (bg_control_read(lr->control_dir) == BG_CONTROL_PAUSE && !bg__signal_received()) {
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
        bg__progress_draw(run, 0);
    }
    lr->paused = 0;
    double spent = bg__now_ns() - t0;
    lr->paused_ns += spent;
    report(run, "running", where);
    bg__log(run, "%s: resumed after %.1f s", run->program, spent / 1e9);
    return spent;
}

static int stop(bg__run *run) {
    bg__longrun *lr = run->lr;
    if (!lr->interrupted)
        bg__log(run, "%s: signal %d: stopping after the completed samples", run->program,
                bg__signal_received());
    lr->interrupted = bg__signal_received();
    return 1;
}

/*
 * Between two samples (outside the timed region), at most every 100 ms: pause requests and
 * signals. @param paused_ns receives the time spent paused (0 when none)
 * @return 1 when the run must stop
 */
static int longrun_poll(bg__run *run, const char *where, double *paused_ns) {
    bg__longrun *lr = run->lr;
    *paused_ns = 0;
    if (lr == NULL)
        return 0;
    if (bg__signal_received())
        return stop(run);
    double now = bg__now_ns();
    bg__progress_draw(run, 0);
    if (now - lr->last_poll_ns < POLL_NS)
        return 0;
    lr->last_poll_ns = now;
    if (bg_control_read(lr->control_dir) == BG_CONTROL_PAUSE)
        *paused_ns = wait_paused(run, where ? where : "the next instance");
    return bg__signal_received() ? stop(run) : 0;
}

static void write_progress(bg__run *run);

/* Before each slot (next: its instance): waits while paused. @return 1 when a signal asked
 * the run to stop. */
static int longrun_before_slot(bg__run *run, const char *next) {
    double paused = 0;
    if (run->lr == NULL)
        return 0;
    snprintf(run->lr->current, sizeof run->lr->current, "%s", next);
    write_progress(run);       /* benchgate start shows what runs now */
    run->lr->last_poll_ns = 0; /* between slots, always look */
    return longrun_poll(run, next, &paused);
}

/* ---- after each slot, and at the end ------------------------------------------------------ */

static void write_progress(bg__run *run) {
    bg__longrun *lr = run->lr;
    char text[700];
    double active = bg__now_ns() / 1e9 - run->started - lr->paused_ns / 1e9;
    int n = snprintf(text, sizeof text, "%zu %zu %d %.3f %s\n", lr->slots_done, lr->slots_total,
                     lr->restored, active, lr->current);
    bg__error err = {BG_OK, ""};
    if (lr->progress_path[0] && n > 0 && (size_t)n < sizeof text)
        bg__write_replace(lr->progress_path, text, (size_t)n, &err);
}

/* After a completed slot: checkpoint, progress; an instance whose last repetition it was is
 *  summarized (its statistics kept) and stored in the result cache. */
static void longrun_after_slot(bg__run *run, size_t inst, uint32_t rep) {
    bg__longrun *lr = run->lr;
    if (lr == NULL)
        return;
    lr->done[inst * lr->reps_cap + rep] = 1;
    lr->slots_done++;
    bg__instance *in = &run->inst[inst];
    if (in->reps_done >= in->cfg->repetitions) { /* complete: now, not all at the end */
        bg__stats_keep(run, in);
        bg__cache_store(run, in);
    }
    bg__error err = {BG_OK, ""};
    if (bg__checkpoint_append(run, inst, rep, &err) != BG_OK)
        bg__log(run, "%s: warning: checkpoint: %s", run->program, err.msg);
    write_progress(run);
    bg__progress_draw(run, 1);
}

/* After the schedule: instances never run are marked skipped. */
static void longrun_end(bg__run *run) {
    bg__longrun *lr = run->lr;
    if (lr == NULL)
        return;
    bg__progress_clear(run);
    lr->ui = 0;
    for (size_t i = 0; i < run->inst_count; i++) {
        bg__instance *in = &run->inst[i];
        if (lr->interrupted && in->status == BG__STATUS_OK && in->reps_done == 0) {
            in->status = BG__STATUS_SKIPPED;
            snprintf(in->message, sizeof in->message,
                     "not run: the run was interrupted (signal %d); --resume continues it",
                     lr->interrupted);
        }
    }
}

void bg__longrun_finish(bg__run *run, int complete) {
    char path[BG__PATH_MAX + 32];
    if (run->lr && !complete)
        bg__log(run,
                "%s: partial results in %s (complete: false); continue with --output-dir=%s "
                "--resume",
                run->program, run->out_dir, run->out_dir);
    if (run->lr == NULL || !complete)
        return;
    bg__checkpoint_close(run);
    if (path_in(path, sizeof path, run->out_dir, BG__CHECKPOINT_FILE) == 0)
        unlink(path); /* .progress stays: benchgate start reads the last state, then drops it */
}

/* ---- opening a run ------------------------------------------------------------------------- */

/* What the runner calls around the slots of a run that longrun opened. */
static const bg__run_hooks longrun_hooks = {.log = longrun_log,
                                            .begin = longrun_begin,
                                            .slot_done = longrun_slot_done,
                                            .before_slot = longrun_before_slot,
                                            .after_slot = longrun_after_slot,
                                            .end = longrun_end,
                                            .interrupted = bg__longrun_interrupted,
                                            .poll = longrun_poll};

bg_err bg__longrun_open(bg__run *run, bg__error *err) {
    const bg__config *g = &run->settings.global;
    BG_RETURN_IF(g->resume && g->output_dir[0] == '\0', err, BG_EUSAGE,
                 "command line --resume: needs --output-dir=DIR, the run directory to continue");
    bg__longrun *lr = calloc(1, sizeof *lr);
    BG_RETURN_IF(lr == NULL, err, BG_ENOMEM, "out of memory");
    run->lr = lr;
    run->hooks = &longrun_hooks;
    lr->log_max_bytes = (uint64_t)(g->log_max_mb * 1048576.0);
    lr->log_backups = (int)g->log_backups;
    BG_FORWARD_IF_ERROR(setup_paths(run, lr, err));
    const char *wait = getenv("BENCHGATE_LOCK_WAIT");
    char msg[sizeof err->msg];
    if (bg_run_lock_acquire(run->out_dir, wait ? atof(wait) : 0, &lr->lock, msg, sizeof msg))
        return bg__set_error(err, BG_EUSAGE, "%s", msg);
    bg__signals_install();
    return BG_OK;
}
