/* perf_events.c - the counters of --counters (the table in common.h) around BG_LOOP: opened
 * once per call by its first thread, before the benchmark's other threads start (they inherit
 * them, and the first thread's enable, reset and read cover theirs), reset and enabled at the
 * start of each sample, disabled and read at its end. Each recorded sample keeps its figures per
 * iteration (in->counter_values, beside the samples, so a dropped sample or a resumed run stays
 * right), and each counter becomes a metric perf_NAME with statistics as the time has, lower is
 * better; one the kernel refuses (no PMU in a VM, perf_event_paranoid) is a skipped metric with
 * the reason. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#endif

#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"

static int wanted(const bg_state *s, int id) {
    return (s->inst->cfg->counters & (1u << id)) != 0;
}

static void record_skipped(bg_state *s, int id, const char *why) {
    char name[64];
    bg__counter_metric_name((bg__counter_id)id, name, sizeof name);
    bg__record_metric(s->inst, name, bg__counter_unit((bg__counter_id)id), 0, BG_LOWER_IS_BETTER);
    for (int i = 0; i < s->inst->metric_count; i++) {
        bg__user_metric *m = &s->inst->metrics[i];
        if (strcmp(m->name, name) == 0) {
            snprintf(m->message, sizeof m->message, "%s", why);
            m->skipped = 1;
        }
    }
}

void bg__perf_open(bg_state *s) {
    for (int id = 0; id < BG__COUNTER_COUNT; id++) {
        bg__error why = {BG_OK, ""};
        s->counter_fd[id] = wanted(s, id) ? bg__counter_open((bg__counter_id)id, &why) : -1;
        if (wanted(s, id) && s->counter_fd[id] < 0)
            record_skipped(s, id, why.msg);
    }
}

void bg__perf_enable(bg_state *s) {
#ifdef __linux__
    for (int id = 0; id < BG__COUNTER_COUNT; id++)
        if (s->counter_fd[id] >= 0) {
            ioctl(s->counter_fd[id], PERF_EVENT_IOC_RESET, 0);
            ioctl(s->counter_fd[id], PERF_EVENT_IOC_ENABLE, 0);
        }
#else
    (void)s;
#endif
}

void bg__perf_disable(bg_state *s) {
#ifdef __linux__
    for (int id = 0; id < BG__COUNTER_COUNT; id++)
        if (s->counter_fd[id] >= 0)
            ioctl(s->counter_fd[id], PERF_EVENT_IOC_DISABLE, 0);
#else
    (void)s;
#endif
}

/* The slot of counter id among the wanted ones (their order in the table). */
static int slot_of(const bg__instance *in, int id) {
    int k = 0;
    for (int i = 0; i < id; i++)
        k += (in->cfg->counters & (1u << i)) != 0;
    return k;
}

int bg__perf_width(const bg__instance *in) {
    return slot_of(in, BG__COUNTER_COUNT);
}

void bg__perf_read(bg_state *s, double n) {
    for (int id = 0; id < BG__COUNTER_COUNT; id++) {
        if (!wanted(s, id))
            continue;
        double count = s->counter_fd[id] >= 0 ? bg__instr_read(s->counter_fd[id]) : -1;
        s->counter_now[slot_of(s->inst, id)] = count >= 0 && n > 0 ? count / n : NAN;
    }
}

int bg__perf_keep(bg_state *s) {
    bg__instance *in = s->inst;
    int width = bg__perf_width(in);
    if (width == 0)
        return 0;
    if (in->counter_width != width) { /* the first sample */
        free(in->counter_values);
        in->counter_values = NULL;
        in->counter_cap = 0;
        in->counter_width = width;
    }
    size_t at = in->sample_count - 1, row = (size_t)width * sizeof *in->counter_values;
    /* grown only when the samples' array has grown, to the same capacity */
    if (bg__grow((void **)&in->counter_values, &in->counter_cap, in->sample_count, row,
                 in->sample_cap) != 0)
        return -1;
    memcpy(in->counter_values + at * (size_t)width, s->counter_now, row);
    return 0;
}

void bg__perf_close(bg_state *s) {
    for (int id = 0; id < BG__COUNTER_COUNT; id++)
        if (s->counter_fd[id] >= 0) {
            close(s->counter_fd[id]);
            s->counter_fd[id] = -1;
        }
}

/* 1: the counter could not be opened in one of the calls (record_skipped): skipped throughout. */
static int skipped(const bg__instance *in, const char *name) {
    for (int i = 0; i < in->metric_count; i++)
        if (strcmp(in->metrics[i].name, name) == 0)
            return 1;
    return 0;
}

/* The counter's figure of each sample, or NULL when no sample has one. */
static double *values_of(const bg__instance *in, int slot) {
    double *v = malloc((in->sample_count ? in->sample_count : 1) * sizeof *v);
    int any = 0;
    for (size_t i = 0; v && i < in->sample_count; i++) {
        v[i] = in->counter_values[i * (size_t)in->counter_width + (size_t)slot];
        any |= isfinite(v[i]) != 0;
    }
    if (!any) {
        free(v);
        return NULL;
    }
    return v;
}

size_t bg__perf_metrics(const bg__run *run, const bg__instance *in, bg__metric_out *out) {
    size_t n = 0;
    if (in->counter_values == NULL || in->counter_width != bg__perf_width(in))
        return 0;
    for (int id = 0; id < BG__COUNTER_COUNT; id++) {
        if (!(in->cfg->counters & (1u << id)))
            continue;
        char name[64];
        bg__counter_metric_name((bg__counter_id)id, name, sizeof name);
        double *v = skipped(in, name) ? NULL : values_of(in, slot_of(in, id));
        if (v == NULL)
            continue; /* never opened: a skipped metric of its own (record_skipped) */
        bg__metric_out *m = &out[n++];
        memset(m, 0, sizeof *m);
        snprintf(m->name, sizeof m->name, "%s", name);
        snprintf(m->unit, sizeof m->unit, "%s", bg__counter_unit((bg__counter_id)id));
        m->better = "lower";
        m->status = "ok";
        (void)bg__stats_counter(run, in, id, v, m); /* the bootstrap once, for every writer */
        free(v);
    }
    return n;
}
