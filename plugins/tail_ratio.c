/*
 * tail_ratio.c - an example metric plugin (include/benchgate/plugin.h): from a benchmark's
 * samples it computes
 *   tail_ratio_p99_p50  the 99th percentile over the median (1 = no tail; lower is better),
 *   mad                 the median absolute deviation from the median (in the samples' unit),
 *   mad_pct             the MAD as a percentage of the median.
 * Build it as a MODULE library and run a bench with --plugin=path/to/libbg_tail_ratio.so.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/plugin.h"

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Linear interpolation between the closest ranks of sorted v (as numpy's default). */
static double quantile(const double *v, size_t n, double q) {
    double pos = q * (double)(n - 1);
    size_t lo = (size_t)floor(pos);
    size_t hi = lo + 1 < n ? lo + 1 : lo;
    return v[lo] + (v[hi] - v[lo]) * (pos - (double)lo);
}

static void set(bg_plugin_metric *m, const char *name, const char *unit, double value, int better) {
    memset(m, 0, sizeof *m);
    snprintf(m->name, sizeof m->name, "%s", name);
    snprintf(m->unit, sizeof m->unit, "%s", unit);
    m->value = value;
    m->better = better;
}

static int compute(const bg_plugin_input *in, bg_plugin_metric *out, size_t max, char *errbuf,
                   size_t errlen) {
    if (in->n == 0 || max < 3) {
        snprintf(errbuf, errlen, "no samples, or no room for 3 metrics");
        return -1;
    }
    double *v = malloc(in->n * sizeof *v);
    if (v == NULL) {
        snprintf(errbuf, errlen, "out of memory");
        return -1;
    }
    memcpy(v, in->samples, in->n * sizeof *v);
    qsort(v, in->n, sizeof *v, by_value);
    double p50 = quantile(v, in->n, 0.5), p99 = quantile(v, in->n, 0.99);
    for (size_t i = 0; i < in->n; i++)
        v[i] = fabs(v[i] - p50);
    qsort(v, in->n, sizeof *v, by_value);
    double mad = quantile(v, in->n, 0.5);
    free(v);
    if (!(p50 > 0)) {
        snprintf(errbuf, errlen, "the median of %s is not positive", in->metric);
        return -1;
    }
    set(&out[0], "tail_ratio_p99_p50", "ratio", p99 / p50, BG_PLUGIN_LOWER_IS_BETTER);
    set(&out[1], "mad", in->unit, mad, BG_PLUGIN_LOWER_IS_BETTER);
    set(&out[2], "mad_pct", "%", 100.0 * mad / p50, BG_PLUGIN_LOWER_IS_BETTER);
    return 3;
}

static const char *const names[] = {"tail_ratio_p99_p50", "mad", "mad_pct", NULL};

static const bg_plugin_v1 plugin = {BG_PLUGIN_ABI_VERSION, "tail_ratio", "1.0", names, compute};

BG_PLUGIN_EXPORT const bg_plugin_v1 *bg_plugin_entry(void);

BG_PLUGIN_EXPORT const bg_plugin_v1 *bg_plugin_entry(void) {
    return &plugin;
}
