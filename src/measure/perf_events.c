/* perf_events.c - the counters of --counters (the table in common.h) around BG_LOOP: opened
 * once per call by its first thread, before the benchmark's other threads start (they inherit
 * them), reset and enabled at the start of each sample, disabled and read at its end. Each becomes
 * a metric perf_NAME of the instance, a per-iteration average over its samples, lower is better;
 * one the kernel refuses (no PMU in a VM, perf_event_paranoid) is a skipped metric with the reason.
 */
#include <stdio.h>
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
        char why[256];
        s->counter_fd[id] =
            wanted(s, id) ? bg__counter_open((bg__counter_id)id, why, sizeof why) : -1;
        if (wanted(s, id) && s->counter_fd[id] < 0)
            record_skipped(s, id, why);
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

void bg__perf_add(bg_state *s, double n) {
    for (int id = 0; id < BG__COUNTER_COUNT; id++) {
        double count = s->counter_fd[id] >= 0 ? bg__instr_read(s->counter_fd[id]) : -1;
        if (count >= 0) {
            s->inst->perf_total[id] += count;
            s->inst->perf_iters[id] += n;
        }
    }
}

void bg__perf_close(bg_state *s) {
    for (int id = 0; id < BG__COUNTER_COUNT; id++) {
        if (s->counter_fd[id] < 0)
            continue;
        close(s->counter_fd[id]);
        s->counter_fd[id] = -1;
        double iters = s->inst->perf_iters[id];
        if (iters <= 0)
            continue;
        char name[64];
        bg__counter_metric_name((bg__counter_id)id, name, sizeof name);
        bg__record_metric(s->inst, name, bg__counter_unit((bg__counter_id)id),
                          s->inst->perf_total[id] / iters, BG_LOWER_IS_BETTER);
    }
}
