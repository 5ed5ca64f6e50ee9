/* perf_counters.c - the counters of --counters (the table in common.h): their names, units,
 * metric names, and opening one with perf_event_open (user space only, inherited by later threads).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/perf_event.h>
#include <sys/syscall.h>
#endif

#include "common/common.h"

#define NAME_OF(id, name, type, config, unit, gate) name,
const char *const bg__counter_names[BG__COUNTER_COUNT] = {BG__COUNTERS(NAME_OF)};
#undef NAME_OF

#define UNIT_OF(id, name, type, config, unit, gate) unit,
static const char *const units[BG__COUNTER_COUNT] = {BG__COUNTERS(UNIT_OF)};
#undef UNIT_OF

/* Equal ignoring case, with '_' the same as '-' (Google Benchmark writes CACHE_MISSES). */
static int same_name(const char *typed, const char *known) {
    for (; *typed && *known; typed++, known++) {
        int a = tolower((unsigned char)*typed), b = (unsigned char)*known;
        if ((a == '_' ? '-' : a) != b)
            return 0;
    }
    return *typed == '\0' && *known == '\0';
}

int bg__counter_find(const char *name) {
    for (int i = 0; i < BG__COUNTER_COUNT; i++)
        if (same_name(name, bg__counter_names[i]))
            return i;
    return -1;
}

void bg__counter_known(char *buf, size_t size) {
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < BG__COUNTER_COUNT && used < size; i++) {
        int n = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", bg__counter_names[i]);
        used += n > 0 ? (size_t)n : 0;
    }
}

void bg__counter_metric_name(bg__counter_id id, char *buf, size_t size) {
    snprintf(buf, size, "perf_%s", bg__counter_names[id]);
    for (char *p = buf; *p; p++)
        if (*p == '-')
            *p = '_';
}

#define GATED_WORK 1
#define GATED_MACHINE 0
#define GATE_OF(id, name, type, config, unit, gate) GATED_##gate,
static const int gated[BG__COUNTER_COUNT] = {BG__COUNTERS(GATE_OF)};
#undef GATE_OF

int bg__counter_metric_gated(const char *metric) {
    for (int id = 0; id < BG__COUNTER_COUNT; id++) {
        char name[64];
        bg__counter_metric_name((bg__counter_id)id, name, sizeof name);
        if (strcmp(name, metric) == 0)
            return gated[id];
    }
    return -1;
}

const char *bg__counter_unit(bg__counter_id id) {
    return units[id];
}

#ifdef __linux__
#define BG_TYPE_HW PERF_TYPE_HARDWARE
#define BG_TYPE_SW PERF_TYPE_SOFTWARE
#define TYPE_OF(id, name, type, config, unit, gate) BG_TYPE_##type,
#define CONFIG_OF(id, name, type, config, unit, gate) PERF_COUNT_##type##_##config,
#endif

int bg__counter_open(bg__counter_id id, bg__error *err) {
#ifdef __linux__
    static const unsigned types[] = {BG__COUNTERS(TYPE_OF)};
    static const unsigned long long configs[] = {BG__COUNTERS(CONFIG_OF)};
    struct perf_event_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.type = types[id];
    attr.size = sizeof attr;
    attr.config = configs[id];
    attr.disabled = 1;
    attr.inherit = 1; /* the threads the benchmark starts after this */
    attr.exclude_hv = 1;
    /* The scheduler's events happen in the kernel: user-space-only, a context switch would never
     * count. They are asked with the kernel first, then user space only where that is refused
     * (perf_event_paranoid 2 without CAP_PERFMON). */
    attr.exclude_kernel = attr.type == PERF_TYPE_HARDWARE;
    int fd = (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
    if (fd < 0 && !attr.exclude_kernel) {
        attr.exclude_kernel = 1;
        fd = (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
    }
    if (fd < 0)
        bg__set_error(err, BG_ESKIP, "perf_event_open: %s", strerror(errno));
    return fd;
#else
    (void)id;
    bg__set_error(err, BG_ESKIP, "perf_event_open: not available on this OS");
    return -1;
#endif
}
