/* perf_out.c - the counters of --counters on the console: each instance's medians per iteration
 * on a line under the table ("  perf: task-clock 172.5 ns/iter, page-faults 0/iter (name)"), and
 * once for the run the counters this machine could not count, with the kernel's reason. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/common.h"
#include "measure/measure.h"
#include "results/results.h"

/* v per iteration with SI prefixes from 1 up, else enough decimals for three digits (no
 * e-notation: a context switch per 100,000 iterations reads 0.00001). */
static void figure(double v, char *buf, size_t size) {
    if (v >= 1 || v <= 0) {
        bg__counter_figure(v, 0, buf, size);
        return;
    }
    int decimals = 2;
    while (decimals < 9 && v < pow(10, 2 - decimals))
        decimals++;
    snprintf(buf, size, "%.*f", decimals, v);
}

/* The counter's name as the user wrote it: the metric less "perf_", '-' for '_'. */
static void shown_name(const char *metric, char *buf, size_t size) {
    snprintf(buf, size, "%s", metric + strlen("perf_"));
    for (char *p = buf; *p; p++)
        if (*p == '_')
            *p = '-';
}

static void instance_line(const bg__run *run, const bg__instance *in, bg__strbuf *sb) {
    bg__metric_out out[BG__COUNTER_COUNT]; /* at most one per counter */
    size_t n = bg__perf_metrics(run, in, out);
    char text[1024];
    size_t used = 0;
    for (size_t i = 0; i < n && used < sizeof text; i++) {
        if (!out[i].has_stats)
            continue;
        char name[64], fig[48];
        shown_name(out[i].name, name, sizeof name);
        if (strncmp(out[i].unit, "ns", 2) == 0)
            bg__figure_human(out[i].st.median, "ns", fig, sizeof fig); /* "1.538 µs" */
        else
            figure(out[i].st.median, fig, sizeof fig);
        const char *per = strchr(out[i].unit, '/');
        int w = snprintf(text + used, sizeof text - used, "%s%s %s%s", used ? ", " : "", name, fig,
                         per ? per : "");
        used += w > 0 ? (size_t)w : 0;
    }
    if (used == 0 || used >= sizeof text)
        return;
    bg__sb_printf(sb, "  perf %s: ", in->name);
    bg__text_wrap(sb, text, (size_t)bg__term_width(), "    ", 9 + strlen(in->name));
}

/* "counters not counted here: cycles, instructions (perf_event_open: ...)", once a run. */
static void skipped_line(const bg__run *run, bg__strbuf *sb) {
    char names[512] = "", why[384] = "";
    size_t used = 0;
    for (int id = 0; id < BG__COUNTER_COUNT; id++) {
        char metric[64];
        bg__counter_metric_name((bg__counter_id)id, metric, sizeof metric);
        for (size_t i = 0; i < run->inst_count; i++) {
            const bg__instance *in = &run->inst[i];
            int k = 0;
            while (k < in->metric_count && strcmp(in->metrics[k].name, metric) != 0)
                k++;
            if (k == in->metric_count || !in->metrics[k].skipped)
                continue;
            int w = snprintf(names + used, sizeof names - used, "%s%s", used ? ", " : "",
                             bg__counter_names[id]);
            used += w > 0 && (size_t)w < sizeof names - used ? (size_t)w : 0;
            snprintf(why, sizeof why, "%s", in->metrics[k].message);
            break;
        }
    }
    if (used == 0)
        return;
    char text[1024];
    snprintf(text, sizeof text, "--counters: not counted on this machine: %s (%s)", names, why);
    bg__sb_printf(sb, "  ");
    bg__text_wrap(sb, text, (size_t)bg__term_width(), "    ", 2);
}

void bg__perf_console(const bg__run *run, bg__strbuf *sb) {
    for (size_t i = 0; i < run->inst_count; i++)
        if (run->inst[i].status == BG__STATUS_OK)
            instance_line(run, &run->inst[i], sb);
    skipped_line(run, sb);
}
