/* counters_out.c - counters (bg_report_counter) for result.json (their flags, the base) and
 * for the console: each instance's counters on a line under the table, with SI prefixes of base
 * 1000, or of base 1024 (Ki, Mi, Gi) with BG_COUNTER_1024, as Google Benchmark shows them. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/common.h"
#include "measure/measure.h"
#include "results/results.h"

static const struct {
    unsigned flag;
    const char *name;
} flag_names[] = {
    {BG_COUNTER_RATE, "rate"},
    {BG_COUNTER_AVG_THREADS, "avg_threads"},
    {BG_COUNTER_ITERATION_INVARIANT, "iteration_invariant"},
    {BG_COUNTER_AVG_ITERATIONS, "avg_iterations"},
};

cJSON *bg__counter_json(unsigned flags) {
    cJSON *o = cJSON_CreateObject(), *list = cJSON_AddArrayToObject(o, "flags");
    for (size_t i = 0; i < sizeof flag_names / sizeof flag_names[0]; i++)
        if (flags & flag_names[i].flag)
            cJSON_AddItemToArray(list, cJSON_CreateString(flag_names[i].name));
    cJSON_AddNumberToObject(o, "base", flags & BG_COUNTER_1024 ? 1024 : 1000);
    return o;
}

void bg__counter_figure(double v, int base_1024, char *buf, size_t size) {
    static const char *const si[] = {"", " k", " M", " G", " T", " P"};
    static const char *const bin[] = {"", " Ki", " Mi", " Gi", " Ti", " Pi"};
    double base = base_1024 ? 1024.0 : 1000.0, a = fabs(v);
    int k = 0;
    while (a >= base && k < 5)
        a /= base, k++;
    snprintf(buf, size, "%.4g%s", v < 0 ? -a : a, base_1024 ? bin[k] : si[k]);
}

/* "  counters: hits 1.5 M/s, bytes 3 Ki" for in, or nothing without counters. */
static void instance_line(const bg__instance *in, bg__strbuf *sb) {
    int shown = 0;
    for (int i = 0; i < in->metric_count; i++) {
        const bg__user_metric *m = &in->metrics[i];
        if (!m->counter)
            continue;
        char fig[48];
        bg__counter_figure(m->value, (m->counter_flags & BG_COUNTER_1024) != 0, fig, sizeof fig);
        bg__sb_printf(sb, "%s %s %s%s", shown++ ? "," : "  counters:", m->name, fig,
                      m->counter_flags & BG_COUNTER_RATE ? "/s" : "");
    }
    if (shown)
        bg__sb_printf(sb, " (%s)\n", in->name);
}

void bg__counters_console(const bg__run *run, bg__strbuf *sb) {
    for (size_t i = 0; i < run->inst_count; i++)
        if (run->inst[i].status == BG__STATUS_OK)
            instance_line(&run->inst[i], sb);
}
