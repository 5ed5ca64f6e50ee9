/* progress.c - the one-line progress display: its text (shared with benchgate start) and the
 * line a bench executable draws on a terminal, redrawn each second. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "benchgate/terminal.h"
#include "common/common.h"
#include "measure/measure.h"
#include "longrun/longrun.h"

#define BAR_CELLS 20

int bg_ui_enabled(int fd, int no_ui) {
    const char *term = getenv("TERM");
    return !no_ui && isatty(fd) && !(term && strcmp(term, "dumb") == 0);
}

int bg_colour_enabled(int fd, int no_ui) {
    const char *no_colour = getenv("NO_COLOR");
    return bg_ui_enabled(fd, no_ui) && !(no_colour && no_colour[0]);
}

int bg_terminal_width(int fd) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
        return ws.ws_col;
    return 80;
}

static void clock_text(double s, char *buf, size_t size) {
    long t = s >= 0 && s < 1e7 ? (long)s : 0;
    if (t >= 3600)
        snprintf(buf, size, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, size, "%ld:%02ld", t / 60, t % 60);
}

/* The bar, the percentage and the times; @return its width in columns. */
static int tail_text(const bg_progress *p, int with_bar, int colour, char *buf, size_t size) {
    char el[32], left[40] = "?", bar[BAR_CELLS + 1], pct[8] = "--%";
    int fill = p->fraction >= 0 ? (int)fmin(BAR_CELLS, floor(p->fraction * BAR_CELLS)) : 0;
    memset(bar, '#', (size_t)fill);
    memset(bar + fill, '-', (size_t)(BAR_CELLS - fill));
    bar[BAR_CELLS] = '\0';
    if (p->fraction >= 0)
        snprintf(pct, sizeof pct, "%d%%", (int)fmin(100, floor(p->fraction * 100)));
    clock_text(p->elapsed_s, el, sizeof el);
    if (p->left_s >= 0) {
        left[0] = '~';
        clock_text(p->left_s, left + 1, sizeof left - 1);
    }
    const char *on = colour && fill ? "\033[32m" : "", *off = colour && fill ? "\033[0m" : "";
    const char *paused = !p->paused           ? ""
                         : colour && with_bar ? "  \033[33mPAUSED\033[0m"
                                              : "  PAUSED";
    int n = with_bar ? snprintf(buf, size, " [%s%.*s%s%s] %4s  %s elapsed  %s left%s", on, fill,
                                bar, off, bar + fill, pct, el, left, paused)
                     : snprintf(buf, size, " %s  %s elapsed  %s left%s", pct, el, left, paused);
    int escapes = (int)(strlen(on) + strlen(off) + strlen(paused)) - (p->paused ? 8 : 0);
    return n < 0 ? 0 : n - escapes;
}

size_t bg_progress_format(const bg_progress *p, int width, int colour, char *buf, size_t size) {
    char head[32] = "", tail[160];
    if (size == 0)
        return 0;
    if (p->count > 0)
        snprintf(head, sizeof head, "[%d/%d] ", p->index, p->count);
    const char *name = p->name ? p->name : "";
    int cols = width > 20 ? width - 1 : 19;
    int tail_cols = tail_text(p, 1, colour, tail, sizeof tail);
    int room = cols - (int)strlen(head) - tail_cols;
    if (room < 8) {
        tail_cols = tail_text(p, 0, 0, tail, sizeof tail);
        room = cols - (int)strlen(head) - tail_cols;
    }
    if (room < 1)
        room = 1;
    int len = (int)strlen(name);
    int n = len <= room ? snprintf(buf, size, "%s%s%s", head, name, tail)
                        : snprintf(buf, size, "%s%.*s~%s", head, room - 1, name, tail);
    for (char *c = buf; *c; c++)
        if ((unsigned char)*c < 0x20 && *c != '\033')
            *c = ' ';
    if (n >= 0 && strchr(buf, '\033') == NULL && strlen(buf) > (size_t)cols)
        buf[cols] = '\0'; /* very narrow: cut the times too */
    return n < 0 ? 0 : strlen(buf);
}

/* ---- the line of a bench executable ------------------------------------------------------ */

void bg__progress_draw(bg__run *run, int force) {
    bg__longrun *lr = run->lr;
    double now = bg__now_ns();
    if (lr == NULL || !lr->ui || (!force && now - lr->last_draw_ns < 1e9))
        return;
    double elapsed = now / 1e9 - run->started, active = elapsed - lr->paused_ns / 1e9;
    bg_progress p = {0, 0, lr->current, -1, elapsed, -1, lr->paused};
    if (lr->slots_total > 0)
        p.fraction = (double)lr->slots_done / (double)lr->slots_total;
    size_t measured = lr->slots_done - (size_t)lr->restored;
    if (measured > 0 && lr->slots_total >= lr->slots_done)
        p.left_s = active / (double)measured * (double)(lr->slots_total - lr->slots_done);
    char line[1024];
    bg_progress_format(&p, bg_terminal_width(STDOUT_FILENO), lr->colour, line, sizeof line);
    fprintf(stdout, "\r%s\033[K", line);
    fflush(stdout);
    lr->bar_visible = 1;
    lr->last_draw_ns = now;
}

void bg__progress_clear(bg__run *run) {
    bg__longrun *lr = run->lr;
    if (lr == NULL || !lr->bar_visible)
        return;
    fputs("\r\033[K", stdout);
    fflush(stdout);
    lr->bar_visible = 0;
}
