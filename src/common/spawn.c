/* spawn.c - the one way benchgate starts another program (benchgate/process.h): fork, the
 * child's descriptors, environment and signals set up as asked, exec without a shell, and a
 * bounded wait. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "benchgate/process.h"

void bg_spawn_init(bg_spawn_opts *o, char *const *argv) {
    memset(o, 0, sizeof *o);
    o->argv = argv;
    o->fd[0] = o->fd[1] = o->fd[2] = -1;
}

/* The credentials of benchgate's integrations are benchgate's, never a child's. */
static void drop_secrets(void) {
    static const char *const secrets[] = {"BENCHGATE_SMTP_USER", "BENCHGATE_SMTP_PASSWORD",
                                          "BENCHGATE_TELEMETRY_TOKEN", "BENCHGATE_UPLOAD_TOKEN"};
    for (size_t i = 0; i < sizeof secrets / sizeof secrets[0]; i++)
        unsetenv(secrets[i]);
}

/* In the child: path onto fd (created or truncated, never through a link). */
static void redirect(int fd, const char *path) {
    int to = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (to < 0 || dup2(to, fd) < 0)
        _exit(127);
    close(to);
}

static void set_up_descriptors(const bg_spawn_opts *o) {
    for (int i = 0; i < 3; i++)
        if (o->fd[i] >= 0 && o->fd[i] != i && dup2(o->fd[i], i) < 0)
            _exit(127);
    if (o->out_path)
        redirect(1, o->out_path);
    if (o->err_path)
        redirect(2, o->err_path);
}

static void set_up_process(const bg_spawn_opts *o, pid_t parent) {
    if (o->own_group)
        setpgid(0, 0); /* a ^C reaches benchgate only, which passes it on once */
#ifdef __linux__
    if (o->die_with_parent) {
        prctl(PR_SET_PDEATHSIG, SIGTERM); /* benchgate killed: the child stops cleanly */
        if (getppid() != parent)
            _exit(143);
    }
#else
    (void)parent;
#endif
    if (o->default_signals) {
        signal(SIGPIPE, SIG_DFL);
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
    }
}

static void exec_child(const bg_spawn_opts *o, pid_t parent) {
    set_up_process(o, parent);
    set_up_descriptors(o);
    for (int i = 0; o->env && o->env[i]; i++)
        putenv(o->env[i]);
    if (o->keep_secrets == 0)
        drop_secrets(); /* after env: no entry brings one back */
    if (o->in_child)
        o->in_child(o->hook_arg);
    if (o->search_path)
        execvp(o->argv[0], o->argv);
    else
        execv(o->argv[0], o->argv);
    if (o->exec_failed)
        o->exec_failed(o->hook_arg, errno);
    else if (!o->quiet)
        fprintf(stderr, "benchgate: error: cannot run %s: %s\n", o->argv[0], strerror(errno));
    _exit(127);
}

pid_t bg_spawn(const bg_spawn_opts *o) {
    pid_t parent = getpid();
    fflush(NULL); /* nothing buffered is written twice */
    pid_t pid = fork();
    if (pid == 0)
        exec_child(o, parent);
    return pid;
}

int bg_spawn_wait(pid_t pid, double timeout_s, int *status) {
    *status = 0;
    if (pid <= 0)
        return -2;
    double waited = 0, nap = 0.001; /* 1 ms, doubling to 50: a quick child costs no 50 ms */
    for (;;) {
        pid_t r = waitpid(pid, status, timeout_s > 0 ? WNOHANG : 0);
        if (r == pid)
            return 0;
        if (r < 0 && errno != EINTR)
            return -2;
        if (timeout_s > 0 && r == 0 && waited >= timeout_s) {
            kill(pid, SIGKILL);
            while (waitpid(pid, status, 0) < 0 && errno == EINTR) {
            }
            return -1;
        }
        if (timeout_s > 0 && r == 0) {
            nanosleep(&(struct timespec){0, (long)(nap * 1e9)}, NULL);
            waited += nap;
            nap = nap * 2 < 0.05 ? nap * 2 : 0.05;
        }
    }
}

int bg_spawn_exit_code(int status) {
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Reads fd into out until its end (what does not fit is read and dropped), or until deadline
 * (0: none). @return 0 at the end, -1 at the deadline */
static int read_all(int fd, char *out, size_t size, double deadline) {
    size_t used = 0;
    char scratch[4096];
    for (;;) {
        if (deadline > 0) {
            double left = deadline - now_s();
            struct pollfd p = {fd, POLLIN, 0};
            if (left <= 0 || poll(&p, 1, (int)(left * 1000) + 1) == 0)
                return -1;
        }
        char *to = used + 1 < size ? out + used : scratch;
        size_t room = used + 1 < size ? size - 1 - used : sizeof scratch;
        ssize_t n = read(fd, to, room);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            break;
        if (to != scratch) {
            used += (size_t)n;
            out[used] = '\0';
        }
    }
    return 0;
}

int bg_spawn_capture(char *const argv[], char *out, size_t size, double timeout_s) {
    int fds[2], devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (size > 0)
        out[0] = '\0';
    if (pipe(fds) != 0) {
        if (devnull >= 0)
            close(devnull);
        return -1;
    }
    fcntl(fds[0], F_SETFD, FD_CLOEXEC); /* dup2 onto 1 clears it for the child's stdout */
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    bg_spawn_opts o;
    bg_spawn_init(&o, argv);
    o.search_path = 1;
    o.fd[1] = fds[1];
    o.fd[2] = devnull;
    o.quiet = 1;
    pid_t pid = bg_spawn(&o);
    close(fds[1]);
    if (devnull >= 0)
        close(devnull);
    int late = pid > 0 && read_all(fds[0], out, size, timeout_s > 0 ? now_s() + timeout_s : 0);
    close(fds[0]);
    if (late)
        kill(pid, SIGKILL);
    int status = 0;
    if (bg_spawn_wait(pid, timeout_s, &status) != 0 || late)
        return -1;
    return bg_spawn_exit_code(status);
}
