/* counters.c - counters with Google Benchmark's meanings (bg_report_counter): the threads'
 * values of a call are added up, then its flags apply as GB's Finish() does, with the call's
 * loop totals: a rate is divided by the loop's seconds, then an average over threads by the
 * thread count, an iteration-invariant value is multiplied by the iterations, an average over
 * iterations divided by them. */
#include <stdio.h>

#include "measure/measure.h"

void bg_report_counter(bg_state *s, const char *name, double value, unsigned flags,
                       bg_better better) {
    bg__team_lock(s);
    bg__user_metric *m = bg__metric_slot(s, name);
    if (!m->counter || m->counter_call != s->repetition + 1)
        m->counter_raw = 0; /* the first report of this call: the last call's value goes */
    m->counter = 1;
    m->counter_call = s->repetition + 1;
    m->counter_raw += value;
    m->counter_flags = flags;
    m->better = better;
    snprintf(m->unit, sizeof m->unit, "%s", flags & BG_COUNTER_RATE ? "count/s" : "count");
    bg__team_unlock(s);
}

/* The figure of a counter from its added-up value (GB's internal::Finish). */
static double finished(double v, unsigned flags, double iters, double seconds, int threads) {
    if (flags & BG_COUNTER_RATE)
        v = seconds > 0 ? v / seconds : 0;
    if (flags & BG_COUNTER_AVG_THREADS)
        v /= threads;
    if (flags & BG_COUNTER_ITERATION_INVARIANT)
        v *= iters;
    if (flags & BG_COUNTER_AVG_ITERATIONS)
        v = iters > 0 ? v / iters : 0;
    return v;
}

void bg__counters_finish(bg_state *s) {
    bg__instance *in = s->inst;
    int threads = in->threads > 1 ? in->threads : 1;
    for (int i = 0; i < in->metric_count; i++) {
        bg__user_metric *m = &in->metrics[i];
        if (m->counter && m->counter_call == s->repetition + 1)
            m->value = finished(m->counter_raw, m->counter_flags, s->loop_iters, s->loop_ns * 1e-9,
                                threads);
    }
}
