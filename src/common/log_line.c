/* log_line.c - one line of a log: formatted into a bounded buffer, then handed to a sink (the
 * network clients' bg_log_fn, the dataset fetcher's events, the runner's stderr and run.log). */
#include <stdarg.h>
#include <stdio.h>

#include "benchgate/log.h"
#include "common/common.h"

void bg__vlog_line(bg_log_fn log, void *arg, size_t size, const char *fmt, va_list ap) {
    if (log == NULL)
        return;
    char line[BG_LOG_LINE_MAX];
    vsnprintf(line, size && size < sizeof line ? size : sizeof line, fmt, ap);
    log(arg, line);
}

void bg__log_line(bg_log_fn log, void *arg, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    bg__vlog_line(log, arg, 1024, fmt, ap);
    va_end(ap);
}

void bg_vlog_line(bg_log_fn log, void *arg, const char *fmt, va_list ap) {
    bg__vlog_line(log, arg, BG_LOG_LINE_MAX, fmt, ap);
}

void bg_log_line(bg_log_fn log, void *arg, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    bg_vlog_line(log, arg, fmt, ap);
    va_end(ap);
}
