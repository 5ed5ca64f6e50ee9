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
#ifdef __linux__
#include <sys/prctl.h>
#endif

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

static void exec_child(char *const argv[], char *const env[], const int *out, const int *err,
                       pid_t parent) {
    setpgid(0, 0); /* a ^C reaches benchgate only, which passes it on once */
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGTERM); /* benchgate killed: the bench stops cleanly */
    if (getppid() != parent)
        _exit(143);
#else
    (void)parent;
#endif
    signal(SIGPIPE, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    if (dup2(out[1], 1) < 0 || dup2(err[1], 2) < 0)
        _exit(127);
    for (int i = 0; env && env[i]; i++)
        putenv(env[i]);
    /* the secrets of benchgate start's integrations are benchgate's, not the benchmark's */
    unsetenv("BENCHGATE_TELEMETRY_TOKEN");
    unsetenv("BENCHGATE_UPLOAD_TOKEN");
    unsetenv("BENCHGATE_SMTP_PASSWORD");
    execv(argv[0], argv);
    fprintf(stderr, "benchgate: error: cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
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
    pid_t parent = getpid(), pid = fork();
    if (pid == 0)
        exec_child(argv, env, out, err, parent);
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
