/* clock.c - clocks, peak memory and the hardware instruction counter. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/perf_event.h>
#include <sys/syscall.h>
#endif

#include "common/common.h"

static double ts_ns(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

double bg__now_ns(void) {
    return ts_ns(CLOCK_MONOTONIC);
}

double bg__cpu_ns(void) {
    return ts_ns(CLOCK_PROCESS_CPUTIME_ID);
}

double bg__thread_cpu_ns(void) {
    return ts_ns(CLOCK_THREAD_CPUTIME_ID);
}

/* Linux resets the peak-RSS watermark (VmHWM) to the current RSS when "5" is written to
 * clear_refs; elsewhere the watermark covers the whole process. */
int bg__reset_peak_rss(void) {
    int fd = open("/proc/self/clear_refs", O_WRONLY);
    if (fd < 0)
        return 0;
    int done = write(fd, "5", 1) == 1;
    close(fd);
    return done;
}

static double status_field_kb(const char *path, const char *field) {
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    char line[256];
    double kb = -1;
    size_t n = strlen(field);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0 && sscanf(line + n, "%lf", &kb) == 1)
            break;
    fclose(f);
    return kb;
}

double bg__peak_rss_mb(void) {
    double kb = status_field_kb("/proc/self/status", "VmHWM:");
    if (kb < 0) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        kb = (double)ru.ru_maxrss;
    }
    return kb / 1024.0;
}

double bg__rss_mb(void) {
    double kb = status_field_kb("/proc/self/status", "VmRSS:");
    return kb < 0 ? -1 : kb / 1024.0;
}

double bg__free_ram_mb(void) {
    double kb = status_field_kb("/proc/meminfo", "MemAvailable:");
    return kb < 0 ? -1 : kb / 1024.0;
}

int bg__instr_open(void) {
#ifdef __linux__
    struct perf_event_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.type = PERF_TYPE_HARDWARE;
    attr.size = sizeof attr;
    attr.config = PERF_COUNT_HW_INSTRUCTIONS;
    attr.disabled = 1;
    attr.exclude_kernel = 1;
    attr.exclude_hv = 1;
    return (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
#else
    return -1;
#endif
}

double bg__instr_read(int fd) {
    long long count = 0;
    if (fd < 0 || read(fd, &count, sizeof count) != (ssize_t)sizeof count)
        return -1;
    return (double)count;
}
