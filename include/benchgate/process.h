/*
 * process.h - starting another program the way benchgate does it: fork and exec, never through
 * a shell; the child's descriptors, environment and signals set up as asked; benchgate's own
 * credentials (BENCHGATE_*_TOKEN, BENCHGATE_SMTP_USER and _PASSWORD) removed from its
 * environment; and a wait with a time limit. The harness re-runs a bench under valgrind with it,
 * notifications run their hook with it, and benchgate start runs each bench with it (POSIX).
 */
#ifndef BENCHGATE_PROCESS_H
#define BENCHGATE_PROCESS_H

#include "benchgate/api.h"

#include <stddef.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/** How bg_spawn starts a program; bg_spawn_init sets the defaults (0, 1 and 2 inherited). */
typedef struct bg_spawn_opts {
    char *const *argv;           /**< the program and its arguments, NULL-terminated */
    int search_path;             /**< 1: look argv[0] up on PATH (execvp); 0: run that path */
    int fd[3];                   /**< the child's stdin, stdout, stderr (-1: inherited) */
    const char *out_path;        /**< stdout to this file (created, never through a link) */
    const char *err_path;        /**< stderr to this file */
    char *const *env;            /**< "NAME=VALUE" entries added (NULL-terminated), or NULL */
    int keep_secrets;            /**< 1: keep benchgate's credentials (default: removed) */
    int own_group;               /**< 1: its own process group (a ^C reaches the caller only) */
    int die_with_parent;         /**< 1: SIGTERM when the caller dies (Linux) */
    int default_signals;         /**< 1: SIGPIPE, SIGINT, SIGTERM back to their defaults */
    void (*in_child)(void *arg); /**< runs in the child just before exec (pinning) */
    void (*exec_failed)(void *arg, int e); /**< prints why exec failed (errno e) instead */
    void *hook_arg;                        /**< the arg of both hooks */
    int quiet; /**< 1: no message for a failed exec (its exit code 127 says it) */
} bg_spawn_opts;

/** Sets o to the defaults with argv. */
BG_API void bg_spawn_init(bg_spawn_opts *o, char *const *argv);

/**
 * Starts o->argv. Pending output of stdio streams is flushed first. A failed exec ends the
 * child with 127 after "benchgate: error: cannot run PROG: why" on its stderr.
 * @return the child's pid, or -1 when fork failed (errno set)
 */
BG_API pid_t bg_spawn(const bg_spawn_opts *o);

/**
 * Waits for pid; when timeout_s > 0, at most that many seconds, then kills it (SIGKILL).
 * @return 0 with *status set (as waitpid), -1 when it was killed for the time, -2 when waiting
 *         failed
 */
BG_API int bg_spawn_wait(pid_t pid, double timeout_s, int *status);

/** @return the exit code a wait status stands for: the code, 128 + the signal, or -1. */
BG_API int bg_spawn_exit_code(int status);

/**
 * Runs argv (PATH searched, stdin inherited, stderr to /dev/null) and keeps what it writes to
 * stdout, up to size - 1 bytes (NUL-terminated; the rest is read and dropped).
 * @param timeout_s kill it after this many seconds (0: wait as long as it takes)
 * @return its exit code (0 for success), or -1 when it could not run or was killed
 */
BG_API int bg_spawn_capture(char *const argv[], char *out, size_t size, double timeout_s);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_PROCESS_H */
