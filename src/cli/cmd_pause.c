/* cmd_pause.c - benchgate pause and benchgate resume: ask a running `benchgate start` (and the
 * bench executable it runs) to pause after the current sample or to go on, through
 * RUN_DIR/control; resume a run that is not running any more with `start --resume`. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "benchgate/runlock.h"
#include "benchgate/results.h"
#include "cli.h"
#include "flags.h"

#define RESULTS_ROOT "results"

typedef struct pause_opts {
    const char *dir, *build_dir;
    double wait_s;
    int no_ui;
} pause_opts;

#define OPT(field) CLI_OFF(pause_opts, field)
#define WAIT_ROW(what)                                                                             \
    {                                                                                              \
        "wait", "SECONDS", CLI_NUMBER, OPT(wait_s), 0, 86400, NULL, "30",                          \
            "wait this long for the run to confirm " what, NULL                                    \
    }
static const cli_flag_def pause_flags[] = {WAIT_ROW("the pause")};
static const cli_flag_def resume_flags[] = {
    WAIT_ROW("it goes on"),
    {"no-ui", NULL, CLI_SWITCH, OPT(no_ui), 0, 0, NULL, NULL,
     "no progress line when it continues in the foreground", NULL},
    CLI_FLAG_BUILD_DIR(pause_opts, build_dir),
};
#undef WAIT_ROW
#undef OPT

const cli_verb_def cli_pause_verb = {
    "pause",
    "[RUN_DIR]",
    "Asks the benchgate start running in RUN_DIR to pause: the bench executable\n"
    "finishes its current sample, writes its checkpoint and waits. Waits up to\n"
    "--wait seconds for the run to confirm. Without RUN_DIR: the newest run under\n"
    "./results that is running.",
    pause_flags,
    CLI_COUNT(pause_flags),
    0,
    1,
    NULL};

const cli_verb_def cli_resume_verb = {
    "resume",
    "[RUN_DIR]",
    "Lets a paused run in RUN_DIR go on. When no process runs there any more\n"
    "(stopped, killed, machine restarted) it continues the run in the foreground\n"
    "like benchgate start --resume=RUN_DIR: complete benchmarks are kept, the rest\n"
    "runs from its checkpoint. Without RUN_DIR: the newest run under ./results that\n"
    "is running, else the newest one that is not complete.",
    resume_flags,
    CLI_COUNT(resume_flags),
    0,
    1,
    NULL};

/* argv[0] is "pause" or "resume". @return 0 to go on, -1 after --help, 2 (message printed) */
static int parse_pause(int argc, char **argv, pause_opts *o) {
    memset(o, 0, sizeof *o);
    cli_words w;
    const cli_verb_def *verb = strcmp(argv[0], "resume") == 0 ? &cli_resume_verb : &cli_pause_verb;
    int rc = cli_parse(verb, argc, argv, o, &w);
    if (rc != 0)
        return rc == 1 ? -1 : 2;
    o->dir = w.count > 0 ? w.word[0] : NULL;
    return 0;
}

/* 1 when RUN_DIR suits: live (a process holds its lock) or, for resume, not complete. */
static int candidate(const char *dir, int live_only) {
    char state[CLI_PATH_MAX + 32];
    snprintf(state, sizeof state, "%s/.benchgate-start", dir);
    if (access(state, F_OK) != 0)
        return 0;
    if (bg_run_lock_owner(dir) > 0)
        return 2;
    return !live_only && !bg_result_is_complete(dir);
}

/* The newest run directory under ./results that suits (running ones first). */
static int find_run(char *out, size_t size, int live_only) {
    DIR *d = opendir(RESULTS_ROOT);
    time_t best = 0;
    int best_rank = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
        char dir[CLI_PATH_MAX], state[CLI_PATH_MAX + 32];
        struct stat st;
        if (e->d_name[0] == '.' ||
            snprintf(dir, sizeof dir, "%s/%s", RESULTS_ROOT, e->d_name) >= (int)sizeof dir)
            continue;
        snprintf(state, sizeof state, "%s/.benchgate-start", dir);
        int rank = candidate(dir, live_only);
        if (rank == 0 || stat(state, &st) != 0)
            continue;
        if (rank > best_rank || (rank == best_rank && st.st_mtime >= best)) {
            best_rank = rank, best = st.st_mtime;
            snprintf(out, size, "%s", dir);
        }
    }
    if (d)
        closedir(d);
    return best_rank > 0 ? 0 : -1;
}

static int resolve(const pause_opts *o, const char *verb, char *dir, size_t size) {
    if (o->dir) {
        snprintf(dir, size, "%s", o->dir);
        return 0;
    }
    if (find_run(dir, size, strcmp(verb, "pause") == 0) == 0)
        return 0;
    return cli_usage_error("%s: no %s run found under ./%s; give its run directory", verb,
                           strcmp(verb, "pause") == 0 ? "running" : "resumable", RESULTS_ROOT);
}

/* Waits until RUN_DIR/control.state starts with `state` or the run ends. @return 1 when seen */
static int wait_state(const char *dir, const char *state, double wait_s, char *line, size_t size) {
    size_t len = strlen(state);
    for (double waited = 0;; waited += 0.1) {
        if (bg_control_state(dir, line, size) == 0 && strncmp(line, state, len) == 0)
            return 1;
        if (waited >= wait_s || bg_run_lock_owner(dir) == 0)
            return 0;
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

int cmd_pause(int argc, char **argv) {
    pause_opts o;
    char dir[CLI_PATH_MAX], err[1024], line[1200];
    int p = parse_pause(argc, argv, &o);
    if (p != 0)
        return p < 0 ? 0 : 2;
    if (resolve(&o, "pause", dir, sizeof dir) != 0)
        return BG_EXIT_USAGE;
    long pid = bg_run_lock_owner(dir);
    if (pid == 0)
        return cli_usage_error("%s: no run is in progress there (nothing to pause); a run that "
                               "stopped continues with: benchgate resume %s",
                               dir, dir);
    if (bg_control_request(dir, BG_CONTROL_PAUSE, err, sizeof err) != BG_OK)
        return cli_usage_error("%s", err);
    printf("benchgate: pause requested for %s (pid %ld)\n", dir, pid);
    fflush(stdout);
    if (wait_state(dir, "paused", o.wait_s, line, sizeof line))
        printf("benchgate: paused (%s); continue with: benchgate resume %s\n", line, dir);
    else
        printf("benchgate: not paused yet; it pauses after its current sample\n");
    return 0;
}

static int resume_stopped(const pause_opts *o, const char *dir) {
    char flag[CLI_PATH_MAX + 16], build[CLI_PATH_MAX + 16];
    if (bg_result_is_complete(dir)) {
        printf("benchgate: %s is complete; nothing to resume\n", dir);
        return 0;
    }
    snprintf(flag, sizeof flag, "--resume=%s", dir);
    char *args[5] = {"start", flag, NULL, NULL, NULL};
    int n = 2;
    if (o->no_ui)
        args[n++] = "--no-ui";
    if (o->build_dir) {
        snprintf(build, sizeof build, "--build-dir=%s", o->build_dir);
        args[n++] = build;
    }
    fprintf(stderr, "benchgate: no process runs in %s: continuing it here\n", dir);
    return cmd_start(n, args);
}

int cmd_resume(int argc, char **argv) {
    pause_opts o;
    char dir[CLI_PATH_MAX], err[1024], line[1200];
    int p = parse_pause(argc, argv, &o);
    if (p != 0)
        return p < 0 ? 0 : 2;
    if (resolve(&o, "resume", dir, sizeof dir) != 0)
        return BG_EXIT_USAGE;
    long pid = bg_run_lock_owner(dir);
    if (pid == 0)
        return resume_stopped(&o, dir);
    if (bg_control_request(dir, BG_CONTROL_RUN, err, sizeof err) != BG_OK)
        return cli_usage_error("%s", err);
    if (wait_state(dir, "running", o.wait_s, line, sizeof line))
        printf("benchgate: resumed %s (pid %ld)\n", dir, pid);
    else
        printf("benchgate: resume requested for %s (pid %ld)\n", dir, pid);
    return 0;
}
