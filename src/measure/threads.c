/* threads.c - a benchmark function on N threads at once (.threads, an axis named threads), as
 * Google Benchmark's ->Threads(N): the threads are started for each call, meet at a barrier at
 * the start and at the end of every sample, and thread 0 measures and decides for all of them
 * (iterations, phases, the stopping rule). A thread that leaves the function early (bg_fail,
 * bg_skip, an error, a signal) breaks the barrier: the others leave at their next meeting. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measure/measure.h"

/** The threads of one call: a barrier that can be broken, and what thread 0 decided. */
typedef struct bg__team {
    pthread_mutex_t lock;    /**< the barrier's, and what threads write into the instance */
    pthread_mutex_t barrier; /**< guards the fields below */
    pthread_cond_t met;
    int count, waiting;
    unsigned generation;
    int broken;     /**< 1: a thread left the function early */
    int more;       /**< thread 0's decision: 1 another sample, 0 done */
    uint64_t iters; /**< iterations of the next sample, for every thread */
    double paused_ns, paused_cpu_ns, manual_ns; /**< the threads' sums over this sample */
} bg__team;

const char *bg__family_axes(const bg_benchmark_def *def, char *buf, size_t size) {
    if (def->threads == NULL || def->threads[0] == '\0')
        return def->axes;
    int has_axes = def->axes && def->axes[0];
    snprintf(buf, size, "%s%sthreads=%s", has_axes ? def->axes : "", has_axes ? ";" : "",
             def->threads);
    return buf;
}

static bg_err instance_threads(bg__instance *in, bg__error *err) {
    in->threads = 1;
    for (int i = 0; i < in->param_count; i++) {
        if (strcmp(in->params[i].name, "threads") != 0)
            continue;
        int64_t n = 0;
        int bad = bg__parse_axis_int(in->params[i].value, &n) != 0 || n < 1 || n > BG__MAX_THREADS;
        BG_RETURN_IF(bad, err, BG_EUSAGE,
                     "benchmark %s: threads '%.40s' is not a count from 1 to %d", in->def->name,
                     in->params[i].value, BG__MAX_THREADS);
        BG_RETURN_IF(n > 1 && strcmp(in->device, "cpu") != 0, err, BG_EUSAGE,
                     "benchmark %s: threads=%lld on device %s: threads are for CPU benchmarks",
                     in->def->name, (long long)n, in->device);
        in->threads = (int)n;
    }
    return BG_OK;
}

bg_err bg__instances_threads(bg__run *run, bg__error *err) {
    for (size_t i = 0; i < run->inst_count; i++)
        BG_FORWARD_IF_ERROR(instance_threads(&run->inst[i], err));
    return BG_OK;
}

int bg__team_size(const bg_state *s) {
    return s->team ? s->team->count : 1;
}

void bg__team_lock(bg_state *s) {
    if (s->team && s->lock_depth++ == 0)
        pthread_mutex_lock(&s->team->lock);
}

void bg__team_unlock(bg_state *s) {
    if (s->team && s->lock_depth > 0 && --s->lock_depth == 0)
        pthread_mutex_unlock(&s->team->lock);
}

void bg__team_unlock_all(bg_state *s) {
    if (s->team && s->lock_depth > 0) {
        s->lock_depth = 0;
        pthread_mutex_unlock(&s->team->lock);
    }
}

/* Breaks the barrier: every thread waiting or arriving leaves the function. */
static void team_break(bg__team *t) {
    pthread_mutex_lock(&t->barrier);
    t->broken = 1;
    pthread_cond_broadcast(&t->met);
    pthread_mutex_unlock(&t->barrier);
}

/* Waits for every thread, adding this thread's pauses and manual time of the sample.
 * @return 0, or -1 when the barrier is broken */
static int team_meet(bg_state *s) {
    bg__team *t = s->team;
    pthread_mutex_lock(&t->barrier);
    t->paused_ns += s->paused_ns;
    t->paused_cpu_ns += s->paused_cpu_ns;
    t->manual_ns += s->manual_ns;
    unsigned generation = t->generation;
    if (++t->waiting == t->count) {
        t->waiting = 0;
        t->generation++;
        pthread_cond_broadcast(&t->met);
    }
    while (t->generation == generation && !t->broken)
        pthread_cond_wait(&t->met, &t->barrier);
    int broken = t->broken;
    pthread_mutex_unlock(&t->barrier);
    return broken ? -1 : 0;
}

void bg__team_sample_offsets(bg_state *s, double *paused_ns, double *paused_cpu_ns,
                             double *manual_ns) {
    bg__team *t = s->team;
    pthread_mutex_lock(&t->barrier);
    *paused_ns = t->paused_ns / t->count;
    *paused_cpu_ns = t->paused_cpu_ns;
    *manual_ns = t->manual_ns / t->count;
    t->paused_ns = t->paused_cpu_ns = t->manual_ns = 0;
    pthread_mutex_unlock(&t->barrier);
}

/* Leaves the function quietly: another thread ended the instance and said why. */
static _Noreturn void leave(bg_state *s) {
    longjmp(s->exit_jump, 1);
}

/* Thread 0 at the end of a sample (all threads there): measures it and decides. */
static void lead(bg_state *s) {
    bg__team *t = s->team;
    int first = bg__loop_unstarted(s);
    if (first)
        bg__loop_start(s);
    t->more = first ? 1 : bg__sample_step(s);
    t->iters = s->iters;
}

int bg__team_next_sample(bg_state *s, uint64_t *iters) {
    if (bg__loop_done(s))
        bg__end_instance(s, BG__STATUS_ERROR, "BG_LOOP entered twice in one benchmark function");
    if (!bg__loop_unstarted(s) && *iters != 0)
        bg__end_instance(s, BG__STATUS_ERROR,
                         "thread %d left BG_LOOP early (break inside the loop)", s->thread_index);
    if (team_meet(s) != 0) /* the sample's end: every thread is done with it */
        leave(s);
    s->paused_ns = s->paused_cpu_ns = s->manual_ns = 0; /* added up at the meeting */
    s->paused = 0;
    if (s->thread_index == 0)
        lead(s);
    if (team_meet(s) != 0) /* thread 0 has decided */
        leave(s);
    if (s->thread_index != 0) /* only thread 0's phases decide anything */
        bg__loop_follow(s, !s->team->more);
    if (!s->team->more)
        return 0;
    s->iters = *iters = s->team->iters;
    if (s->thread_index == 0)
        bg__sample_begin(s);
    return 1;
}

/* Runs the function on s; a return before BG_LOOP ended is an error. @return 1 when it ended
 * normally. */
static int run_function(bg_state *s) {
    if (setjmp(s->exit_jump) != 0)
        return 0;
    s->inst->def->fn(s);
    if (bg__loop_done(s))
        return 1;
    bg__team_lock(s);
    if (s->inst->status == BG__STATUS_OK) {
        s->inst->status = BG__STATUS_ERROR;
        snprintf(s->inst->message, sizeof s->inst->message, "%s%s",
                 s->team ? "a thread of the benchmark" : "the benchmark function",
                 " returned without completing BG_LOOP");
    }
    bg__team_unlock(s);
    return 0;
}

static void *worker_main(void *arg) {
    bg_state *s = arg;
    if (!run_function(s))
        team_break(s->team);
    return NULL;
}

static bg__team *team_new(int count) {
    bg__team *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    pthread_mutex_init(&t->lock, NULL);
    pthread_mutex_init(&t->barrier, NULL);
    pthread_cond_init(&t->met, NULL);
    t->count = count;
    return t;
}

static void team_free(bg__team *t) {
    pthread_mutex_destroy(&t->lock);
    pthread_mutex_destroy(&t->barrier);
    pthread_cond_destroy(&t->met);
    free(t);
}

/* The states of threads 1..n-1, like s's; each released after its thread ended. */
static bg_state *worker_states(bg_state *s, bg__team *t, int n) {
    bg_state *w = calloc((size_t)n, sizeof *w);
    for (int i = 1; w && i < n; i++) {
        bg__state_init(&w[i], s->run, s->inst, s->repetition);
        w[i].team = t;
        w[i].thread_index = i;
    }
    return w;
}

static void fail_call(bg_state *s, const char *why) {
    s->inst->status = BG__STATUS_ERROR;
    snprintf(s->inst->message, sizeof s->inst->message, "%s", why);
}

/* Starts threads 1..n-1, runs thread 0 here, waits for all. */
static void run_team(bg_state *s, bg__team *t, bg_state *w, pthread_t *ids) {
    int n = t->count, started = 1;
    s->team = t;
    for (; started < n; started++)
        if (pthread_create(&ids[started], NULL, worker_main, &w[started]) != 0)
            break;
    if (started < n) {
        fail_call(s, "could not start the benchmark's threads (pthread_create)");
        t->count = started; /* the started ones meet, find the barrier broken and leave */
        team_break(t);
    } else if (!run_function(s)) {
        team_break(t);
    }
    for (int i = 1; i < started; i++) {
        pthread_join(ids[i], NULL);
        s->alloc_bytes += w[i].alloc_bytes;
        bg__state_release(&w[i]);
    }
    s->team = NULL;
}

static void call_threads(bg_state *s, int n);

void bg__call_function(bg_state *s) {
    int n = s->inst->threads > 1 ? s->inst->threads : 1;
    bg__perf_open(s); /* before the other threads start: they inherit the counters */
    if (n == 1)
        (void)run_function(s);
    else
        call_threads(s, n);
    bg__perf_close(s);
    bg__counters_finish(s); /* counters.c: the flags, with this call's loop totals */
}

static void call_threads(bg_state *s, int n) {
    if (s->inst->cfg->measure == BG__MEASURE_INSTRUCTIONS) {
        s->inst->status = BG__STATUS_SKIPPED;
        snprintf(s->inst->message, sizeof s->inst->message,
                 "threads=%d: threaded benchmarks are measured with time only (--measure=time "
                 "or cpu); one thread's instructions, or valgrind's serialised threads, are "
                 "not its cost",
                 n);
        return;
    }
    bg__team *t = team_new(n);
    bg_state *w = t ? worker_states(s, t, n) : NULL;
    pthread_t *ids = w ? calloc((size_t)n, sizeof *ids) : NULL;
    if (ids == NULL)
        fail_call(s, "out of memory starting the benchmark's threads");
    else
        run_team(s, t, w, ids);
    free(ids);
    free(w);
    if (t)
        team_free(t);
}

int bg_thread_index(const bg_state *s) {
    return s->thread_index;
}

int bg_thread_count(const bg_state *s) {
    return s->inst->threads > 1 ? s->inst->threads : 1;
}
