/* child.c - runs one bench executable for benchgate start: its output read line by line (so
 * that the progress line and the log stay whole), a tick for redraws, signals passed on. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchgate/process.h"
#include "start.h"

typedef struct stream {
    int fd, which;
    size_t len;
    char buf[8192];
} stream;

/* Hands every complete line to the hook; a full buffer or the end flushes a partial one. */
static void emit_lines(stream *s, const cli_child_hooks *h, int final) {
    size_t start = 0;
    for (size_t i = 0; i < s->len; i++)
        if (s->buf[i] == '\n') {
            s->buf[i] = '\0';
            h->line(h->ctx, s->which, s->buf + start);
            start = i + 1;
        }
    memmove(s->buf, s->buf + start, s->len - start);
    s->len -= start;
    if (s->len > 0 && (final || s->len == sizeof s->buf - 1)) {
        s->buf[s->len] = '\0';
        h->line(h->ctx, s->which, s->buf);
        s->len = 0;
    }
}

/* @return 0 while the stream is open, 1 at its end */
static int read_stream(stream *s, const cli_child_hooks *h) {
    ssize_t n = read(s->fd, s->buf + s->len, sizeof s->buf - 1 - s->len);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return 0;
    if (n > 0) {
        s->len += (size_t)n;
        emit_lines(s, h, 0);
        return 0;
    }
    emit_lines(s, h, 1);
    close(s->fd);
    s->fd = -1;
    return 1;
}

static int cloexec_pipe(int fds[2]) {
    if (pipe(fds) != 0)
        return -1;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return 0;
}

static void pump(pid_t pid, stream *s, const cli_child_hooks *h) {
    int open_streams = 2, forwarded = 0;
    while (open_streams > 0) {
        struct pollfd p[2];
        int k = 0;
        for (int i = 0; i < 2; i++)
            if (s[i].fd >= 0)
                p[k++] = (struct pollfd){s[i].fd, POLLIN, 0};
        int ready = poll(p, (nfds_t)k, 100);
        for (int i = 0, j = 0; ready > 0 && i < 2; i++)
            if (s[i].fd >= 0 && (p[j++].revents & (POLLIN | POLLHUP | POLLERR)))
                open_streams -= read_stream(&s[i], h);
        if (h->tick)
            h->tick(h->ctx);
        if (h->stop && *h->stop && !forwarded) {
            kill(-pid, (int)*h->stop); /* its group: a re-run under valgrind gets it too */
            forwarded = 1;
        }
    }
}

int cli_run_child(char *const argv[], char *const env[], const cli_child_hooks *h) {
    int out[2], err[2];
    fflush(stdout);
    fflush(stderr);
    if (cloexec_pipe(out) != 0)
        return -1;
    if (cloexec_pipe(err) != 0) {
        close(out[0]), close(out[1]);
        return -1;
    }
    bg_spawn_opts o;
    bg_spawn_init(&o, argv);
    o.fd[1] = out[1];
    o.fd[2] = err[1];
    o.env = env;
    o.own_group = 1;       /* a ^C reaches benchgate only, which passes it on once */
    o.die_with_parent = 1; /* benchgate killed: the bench stops cleanly */
    o.default_signals = 1;
    pid_t pid = bg_spawn(&o);
    close(out[1]);
    close(err[1]);
    if (pid < 0) {
        close(out[0]), close(err[0]);
        return -1;
    }
    stream s[2] = {{out[0], 1, 0, ""}, {err[0], 2, 0, ""}};
    pump(pid, s, h);
    return cli_spawn_wait(pid);
}
