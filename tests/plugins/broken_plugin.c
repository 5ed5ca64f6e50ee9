/*
 * broken_plugin.c - metric plugins that go wrong on purpose, for tests/cli/plugin_*.sh. One
 * source, one MODULE per way of failing (BROKEN_MODE):
 *   1 wrong ABI version     2 compute() returns -1    3 a NaN value
 *   4 crashes (SIGSEGV)     5 scribbles on its input, then returns a metric
 *   6 no entry point        7 a bad metric name       8 hangs
 */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "benchgate/plugin.h"

#ifndef BROKEN_MODE
#define BROKEN_MODE 1
#endif

static int compute(const bg_plugin_input *in, bg_plugin_metric *out, size_t max, char *errbuf,
                   size_t errlen) {
    (void)max;
    memset(out, 0, sizeof *out);
    snprintf(out->unit, sizeof out->unit, "%s", "x");
    snprintf(out->name, sizeof out->name, "%s", BROKEN_MODE == 7 ? "Bad Name!" : "broken_value");
    out->value = 1.0;
    switch (BROKEN_MODE) {
    case 2:
        snprintf(errbuf, errlen, "refusing on purpose");
        return -1;
    case 3:
        out->value = (double)NAN;
        return 1;
    case 4:
        raise(SIGSEGV);
        return -1;
    case 8:
        for (;;)
            pause();
    case 5: /* the input is const: a plugin that ignores that must not change the result */
        memset((void *)in->samples, 0xff, in->n * sizeof *in->samples);
        out->value = (double)in->n;
        return 1;
    default:
        return 1;
    }
}

static const char *const names[] = {"broken_value", NULL};

#if BROKEN_MODE == 1
static const bg_plugin_v1 plugin = {BG_PLUGIN_ABI_VERSION + 41, "broken", "0", names, compute};
#else
static const bg_plugin_v1 plugin = {BG_PLUGIN_ABI_VERSION, "broken", "0", names, compute};
#endif

#if BROKEN_MODE != 6
BG_PLUGIN_EXPORT const bg_plugin_v1 *bg_plugin_entry(void);
BG_PLUGIN_EXPORT const bg_plugin_v1 *bg_plugin_entry(void) {
    return &plugin;
}
#else
BG_PLUGIN_EXPORT const bg_plugin_v1 *not_the_entry(void);
BG_PLUGIN_EXPORT const bg_plugin_v1 *not_the_entry(void) {
    return &plugin;
}
#endif
