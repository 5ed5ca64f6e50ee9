/* start_ui.c - what benchgate start shows and logs: one progress line on a terminal (redrawn
 * each second, cleared before any other output), and log lines on stderr and in RUN_DIR/run.log
 * (rotating). Without a terminal, with --no-ui or TERM=dumb nothing is drawn: the output then
 * holds no control characters. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "benchgate/log.h"
#include "benchgate/runlock.h"
#include "benchgate/terminal.h"
#include "start.h"

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double ui_elapsed_s(const start_ui *u) {
    return now_s() - u->t0;
}

void ui_init(start_ui *u, const start_run *r) {
    memset(u, 0, sizeof *u);
    u->draw = bg_ui_enabled(1, r->set.no_ui);
    u->colour = u->draw && bg_colour_enabled(1, r->set.no_ui);
    u->t0 = now_s();
    u->last_second = -1;
    u->instance_s = r->set.instance_s;
    u->log_max_bytes = r->set.log_max_bytes;
    u->log_backups = r->set.log_backups;
    snprintf(u->out, sizeof u->out, "%s", r->out);
    snprintf(u->log_path, sizeof u->log_path, "%s/run.log", r->out);
    for (int i = 0; i < r->n; i++)
        u->inst_total += r->count[i];
    for (int i = 0; i < r->n; i++)
        u->count += r->count[i] > 0;
}

/* Appends one line, with a timestamp, to RUN_DIR/run.log. */
static void log_line(start_ui *u, const char *prefix, const char *line) {
    char stamp[32], text[4096], err[1024];
    time_t now = time(NULL);
    struct tm tm;
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    int n = snprintf(text, sizeof text, "%s %s%s\n", stamp, prefix, line);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof text)
        text[sizeof text - 2] = '\n';
    if (bg_log_append(u->log_path, text, u->log_max_bytes, u->log_backups, err, sizeof err))
        fprintf(stderr, "benchgate: warning: %s\n", err);
}

static void clear_line(start_ui *u) {
    if (!u->visible)
        return;
    fputs("\r\033[K", stdout);
    fflush(stdout);
    u->visible = 0;
}

/* Reads the running executable's RUN_DIR/parts/NAME/.progress: done total restored secs name */
static void read_progress(start_ui *u) {
    FILE *f = u->progress_path[0] ? fopen(u->progress_path, "r") : NULL;
    if (f == NULL)
        return;
    unsigned long done = 0, total = 0;
    int restored = 0;
    double secs = 0;
    char name[512] = "";
    if (fscanf(f, "%lu %lu %d %lf %511[^\n]", &done, &total, &restored, &secs, name) >= 4 &&
        total > 0 && done <= total) {
        u->cur_done = (double)done / (double)total;
        u->cur_measured = (double)(done - (unsigned long)restored) / (double)total;
        snprintf(u->detail, sizeof u->detail, "%s", name);
    }
    fclose(f);
}

/* Estimated seconds left: the measured rate of this session, else the static estimate. */
static double left_s(const start_ui *u, double done) {
    double measured = u->inst_measured + u->cur_measured * u->cur_instances;
    double paused = u->paused_s + (u->paused ? now_s() - u->pause_t0 : 0);
    double active = u->measured_s + (now_s() - u->bench_t0) - paused;
    if (measured > 0.05 && active > 0)
        return active / measured * (u->inst_total - done);
    return u->instance_s * (u->inst_total - done);
}

static void draw(start_ui *u) {
    char name[800], line[1024];
    if (u->detail[0])
        snprintf(name, sizeof name, "%s: %s", u->bench ? u->bench : "", u->detail);
    else
        snprintf(name, sizeof name, "%s", u->bench ? u->bench : "");
    double done = u->inst_done + u->cur_done * u->cur_instances;
    bg_progress p = {
        u->index,        u->count,        name,     u->inst_total > 0 ? done / u->inst_total : -1,
        now_s() - u->t0, left_s(u, done), u->paused};
    bg_progress_format(&p, bg_terminal_width(1), u->colour, line, sizeof line);
    fprintf(stdout, "\r%s\033[K", line);
    fflush(stdout);
    u->visible = 1;
}

void ui_tick(void *ctx) {
    start_ui *u = ctx;
    long second = (long)floor(now_s() - u->t0);
    if (second == u->last_second)
        return;
    u->last_second = second;
    char state[256];
    int child_paused = u->progress_path[0] && bg_control_state(u->out, state, sizeof state) == 0 &&
                       strncmp(state, "paused ", 7) == 0;
    if (child_paused != u->paused && u->progress_path[0])
        ui_set_paused(u, child_paused);
    read_progress(u);
    if (u->draw)
        draw(u);
}

void ui_set_paused(start_ui *u, int paused) {
    if (paused == u->paused)
        return;
    u->paused = paused;
    if (paused)
        u->pause_t0 = now_s();
    else
        u->paused_s += now_s() - u->pause_t0;
}

void ui_child_line(void *ctx, int fd, const char *line) {
    start_ui *u = ctx;
    int redraw = u->visible;
    clear_line(u);
    fprintf(fd == 1 ? stdout : stderr, "%s\n", line);
    fflush(fd == 1 ? stdout : stderr);
    if (fd == 2) {
        char prefix[160];
        snprintf(prefix, sizeof prefix, "[%s] ", u->bench ? u->bench : "");
        log_line(u, prefix, line);
    }
    if (redraw)
        draw(u);
}

/* A log line around the progress line: on stderr (wrapped) and in run.log (whole). */
static void ui_line(void *arg, const char *line) {
    start_ui *u = arg;
    int redraw = u->visible;
    clear_line(u);
    bg_print_wrapped(stderr, line, "  ", 0); /* run.log keeps the message on one line */
    fflush(stderr);
    log_line(u, "", line);
    if (redraw)
        draw(u);
}

void ui_log(start_ui *u, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    bg_vlog_line(ui_line, u, fmt, ap);
    va_end(ap);
}

static void clock_text(double s, char *buf, size_t size) {
    long t = s > 0 ? (long)s : 0;
    snprintf(buf, size, "%ld:%02ld", t / 60, t % 60);
}

void ui_begin_bench(start_ui *u, int index, const char *name, int instances) {
    u->index = index;
    u->bench = name;
    u->detail[0] = '\0';
    u->cur_instances = instances;
    u->cur_done = u->cur_measured = 0;
    u->bench_t0 = now_s();
    u->paused_s = 0;
    snprintf(u->progress_path, sizeof u->progress_path, "%s/parts/%s/.progress", u->out, name);
    unlink(u->progress_path); /* a stale one from an earlier session */
    u->last_second = -1;
    ui_tick(u);
}

void ui_end_bench(start_ui *u, int instances, int kept, int rc) {
    read_progress(u);
    if (u->progress_path[0])
        unlink(u->progress_path);
    double spent = now_s() - u->bench_t0 - u->paused_s;
    u->inst_done += instances;
    if (!kept) {
        u->inst_measured += instances * (1.0 - (u->cur_done - u->cur_measured));
        u->measured_s += spent;
    }
    u->cur_done = u->cur_measured = 0;
    u->cur_instances = 0;
    u->progress_path[0] = '\0';
    u->bench_t0 = now_s(); /* from here on, time between executables */
    u->paused_s = 0;
    char took[32], elapsed[32], left[32];
    clock_text(spent, took, sizeof took);
    clock_text(now_s() - u->t0, elapsed, sizeof elapsed);
    clock_text(left_s(u, u->inst_done), left, sizeof left);
    if (kept)
        ui_log(u, "benchgate: [%d/%d] kept %s: complete from an earlier session", u->index,
               u->count, u->bench);
    else
        ui_log(u, "benchgate: [%d/%d] %s %s in %s (exit %d); elapsed %s, about %s left", u->index,
               u->count, u->bench, rc == 130 || rc == 143 ? "stopped" : "finished", took, rc,
               elapsed, left);
}

void ui_finish(start_ui *u) {
    clear_line(u);
    u->draw = 0;
}
