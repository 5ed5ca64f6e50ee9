/* start_axes.c - the suite-wide axis settings of benchgate start (--batch-size, --concurrency,
 * --axis=NAME=..., and BENCH_BATCH_SIZE, BENCH_CONCURRENCY, BENCH_AXIS): each applies to the
 * benches that have the axis, and start says which ones skipped it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "start.h"

static void add(start_axes *a, const char *axis, const char *setting) {
    if (a->count == START_MAX_AXES)
        return;
    start_axis *x = &a->axis[a->count++];
    memset(x, 0, sizeof *x);
    snprintf(x->name, sizeof x->name, "%s", axis);
    snprintf(x->setting, sizeof x->setting, "%s", setting);
}

/* --axis=NAME=V1,V2 or BENCH_AXIS=NAME=V1,V2;NAME2=... : one entry per NAME. */
static void add_axis_list(start_axes *a, const char *value, const char *setting) {
    char copy[1024], *save = NULL;
    snprintf(copy, sizeof copy, "%s", value);
    for (char *t = strtok_r(copy, ";", &save); t; t = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(t, '=');
        if (eq == NULL)
            continue; /* the bench executables refuse it with the reason */
        *eq = '\0';
        add(a, t, setting);
    }
}

void start_axes_collect(const start_opts *o, start_axes *a) {
    memset(a, 0, sizeof *a);
    const char *v;
    int flag_batch = 0, flag_conc = 0, flag_axis = 0;
    for (int i = 0; i < o->pass_count; i++) {
        if (cli_flag(o->pass[i], "batch-size", &v) && v)
            add(a, "batch_size", o->pass[i]), flag_batch = 1;
        else if (cli_flag(o->pass[i], "concurrency", &v) && v)
            add(a, "concurrency", o->pass[i]), flag_conc = 1;
        else if (cli_flag(o->pass[i], "axis", &v) && v)
            add_axis_list(a, v, o->pass[i]), flag_axis = 1;
    }
    if (!flag_batch && (v = getenv("BENCH_BATCH_SIZE")) && v[0])
        add(a, "batch_size", "BENCH_BATCH_SIZE");
    if (!flag_conc && (v = getenv("BENCH_CONCURRENCY")) && v[0])
        add(a, "concurrency", "BENCH_CONCURRENCY");
    if (!flag_axis && (v = getenv("BENCH_AXIS")) && v[0])
        add_axis_list(a, v, "BENCH_AXIS");
}

static void append(char *list, size_t size, const char *name) {
    size_t len = strlen(list);
    snprintf(list + len, size - len, "%s%s", len ? ", " : "", name);
}

void start_axes_scan(start_axes *a, const char *bench, const char *instances) {
    for (int i = 0; i < a->count; i++) {
        char needle[80];
        snprintf(needle, sizeof needle, "/%s=", a->axis[i].name);
        int has = strstr(instances, needle) != NULL;
        append(has ? a->axis[i].applied : a->axis[i].skipped,
               has ? sizeof a->axis[i].applied : sizeof a->axis[i].skipped, bench);
        a->axis[i].hits += has;
    }
}

int start_axes_report(const start_axes *a) {
    for (int i = 0; i < a->count; i++) {
        const start_axis *x = &a->axis[i];
        if (x->hits == 0)
            return cli_usage_error("%s: no selected benchmark has a %s axis (%s); nothing was run",
                                   x->setting, x->name, x->skipped);
        if (x->skipped[0])
            fprintf(stderr, "benchgate: %s applies to %s; not to %s (no %s axis)\n", x->setting,
                    x->applied, x->skipped, x->name);
    }
    return 0;
}
