/* test_longrun.c - the pieces of long runs: the run directory lock, pause/resume requests, the
 * progress line, ages, settings lookup and benchgate clean's protections. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "benchgate/longrun.h"
#include "common/common.h"

static char dir[256];

static int setup(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/bg-test-longrun-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "chmod -R u+w '%s'; rm -rf '%s'", dir, dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void sub(char *buf, size_t size, const char *name) {
    snprintf(buf, size, "%s/%s", dir, name);
}

/* ---- lock ------------------------------------------------------------------------------- */

static void test_lock_refuses_second_writer(void **state) {
    (void)state;
    char run[300], err[1024];
    sub(run, sizeof run, "locked");
    assert_int_equal(mkdir(run, 0755), 0);
    assert_int_equal(bg_run_lock_owner(run), 0);
    bg_run_lock *a = NULL, *b = NULL;
    assert_int_equal(bg_run_lock_acquire(run, 0, &a, err, sizeof err), BG_OK);
    assert_int_equal(bg_run_lock_owner(run), (long)getpid());
    assert_int_equal(bg_run_lock_acquire(run, 0.1, &b, err, sizeof err), BG_EUSAGE);
    assert_null(b);
    assert_non_null(strstr(err, "is in use by another run"));
    char pid[32];
    snprintf(pid, sizeof pid, "pid %ld", (long)getpid());
    assert_non_null(strstr(err, pid));
    bg_run_lock_release(a);
    assert_int_equal(bg_run_lock_owner(run), 0);
    assert_int_equal(bg_run_lock_acquire(run, 0, &b, err, sizeof err), BG_OK);
    bg_run_lock_release(b);
    bg_run_lock_release(NULL);
}

/* A holder that has taken the lock but not yet written its pid is not reported as "pid 1"; a
 * longer stale pid in .lock is replaced whole, never left as trailing digits. */
static void test_lock_pid_never_wrong(void **state) {
    (void)state;
    char run[300], lock[320], err[1024];
    sub(run, sizeof run, "race");
    assert_int_equal(mkdir(run, 0755), 0);
    snprintf(lock, sizeof lock, "%s/.lock", run);
    int fd = open(lock, O_RDWR | O_CREAT, 0644);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "1234567890123\n", 14), 14);
    bg_run_lock *a = NULL, *b = NULL;
    assert_int_equal(bg_run_lock_acquire(run, 0, &a, err, sizeof err), BG_OK);
    char buf[64] = "", want[64];
    assert_true(pread(fd, buf, sizeof buf - 1, 0) > 0);
    snprintf(want, sizeof want, "%ld\n", (long)getpid());
    assert_string_equal(buf, want);
    bg_run_lock_release(a);
    assert_int_equal(ftruncate(fd, 0), 0); /* a new holder, its pid not written yet */
    assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
    assert_int_equal(bg_run_lock_acquire(run, 0, &b, err, sizeof err), BG_EUSAGE);
    assert_non_null(strstr(err, "its pid not written holds"));
    assert_null(strstr(err, "pid 1 "));
    assert_int_equal(bg_run_lock_owner(run), 1); /* held, pid unknown */
    close(fd);
    assert_int_equal(bg_run_lock_owner(run), 0);
}

static void test_lock_released_when_holder_dies(void **state) {
    (void)state;
    char run[300], err[1024];
    sub(run, sizeof run, "dies");
    assert_int_equal(mkdir(run, 0755), 0);
    int ready[2];
    assert_int_equal(pipe(ready), 0);
    pid_t pid = fork();
    if (pid == 0) {
        bg_run_lock *l = NULL;
        if (bg_run_lock_acquire(run, 0, &l, err, sizeof err) != BG_OK)
            _exit(1);
        if (write(ready[1], "x", 1) != 1)
            _exit(1);
        pause(); /* killed with SIGKILL below: never releases the lock itself */
        _exit(0);
    }
    char c;
    assert_int_equal(read(ready[0], &c, 1), 1);
    assert_int_equal(bg_run_lock_owner(run), (long)pid);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    assert_int_equal(bg_run_lock_owner(run), 0);
    close(ready[0]), close(ready[1]);
}

/* ---- control ---------------------------------------------------------------------------- */

static void test_control_requests(void **state) {
    (void)state;
    char run[300], err[256], line[256];
    sub(run, sizeof run, "control");
    assert_int_equal(mkdir(run, 0755), 0);
    assert_int_equal(bg_control_read(run), BG_CONTROL_RUN);
    assert_int_equal(bg_control_state(run, line, sizeof line), -1);
    assert_int_equal(bg_control_request(run, BG_CONTROL_PAUSE, err, sizeof err), BG_OK);
    assert_int_equal(bg_control_read(run), BG_CONTROL_PAUSE);
    assert_int_equal(bg_control_report(run, "paused", "triad/cpu/n=1\nx", err, sizeof err), BG_OK);
    assert_int_equal(bg_control_state(run, line, sizeof line), 0);
    char want[128];
    snprintf(want, sizeof want, "paused %ld triad/cpu/n=1 x", (long)getpid());
    assert_string_equal(line, want);
    assert_int_equal(bg_control_request(run, BG_CONTROL_RUN, err, sizeof err), BG_OK);
    assert_int_equal(bg_control_read(run), BG_CONTROL_RUN);
    assert_int_equal(bg_control_request("/nonexistent/x", BG_CONTROL_RUN, err, sizeof err), BG_EIO);
}

/* ---- progress line ---------------------------------------------------------------------- */

static int has_control_chars(const char *s) {
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return 1;
    return 0;
}

static void test_progress_line(void **state) {
    (void)state;
    char buf[512];
    bg_progress p = {2, 6, "triad: triad/cpu/n=1024", 0.35, 72, 95, 0};
    size_t n = bg_progress_format(&p, 120, 0, buf, sizeof buf);
    assert_int_equal(n, strlen(buf));
    assert_string_equal(buf, "[2/6] triad: triad/cpu/n=1024 [#######-------------]  35%  1:12 "
                             "elapsed  ~1:35 left");
    assert_false(has_control_chars(buf));
    p.paused = 1, p.left_s = -1, p.fraction = -1, p.elapsed_s = 3725;
    bg_progress_format(&p, 120, 0, buf, sizeof buf);
    assert_non_null(strstr(buf, "[--------------------]  --%  1:02:05 elapsed  ? left  PAUSED"));
    p.name = "a-very-long-benchmark-name/with/many/axis=values/that/does/not/fit/anywhere";
    for (int width = 20; width <= 100; width += 7) {
        bg_progress_format(&p, width, 0, buf, sizeof buf);
        assert_true((int)strlen(buf) <= width - 1);
        assert_false(has_control_chars(buf));
    }
    p.paused = 0, p.fraction = 0.5;
    bg_progress_format(&p, 200, 1, buf, sizeof buf); /* colour: SGR codes around the filled part */
    assert_non_null(strstr(buf, "\033[32m##########\033[0m----------"));
}

static void test_ui_enabled(void **state) {
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(bg_ui_enabled(fds[1], 0), 0); /* a pipe is no terminal */
    assert_int_equal(bg_colour_enabled(fds[1], 0), 0);
    assert_int_equal(bg_terminal_width(fds[1]), 80);
    close(fds[0]), close(fds[1]);
}

/* ---- ages and settings ------------------------------------------------------------------ */

static void test_parse_age(void **state) {
    (void)state;
    double s = 0;
    char err[256];
    assert_int_equal(bg_parse_age("30d", &s, err, sizeof err), BG_OK);
    assert_true(s == 30 * 86400.0);
    assert_int_equal(bg_parse_age("12h", &s, err, sizeof err), BG_OK);
    assert_true(s == 12 * 3600.0);
    assert_int_equal(bg_parse_age("90m", &s, err, sizeof err), BG_OK);
    assert_true(s == 5400.0);
    assert_int_equal(bg_parse_age("2w", &s, NULL, 0), BG_OK);
    assert_true(s == 14 * 86400.0);
    static const char *const bad[] = {"",     "30",     "d",    "0d", "-1d",
                                      "1.5d", "30days", "30 d", "1y", "9999999999d"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(bg_parse_age(bad[i], &s, err, sizeof err), BG_EUSAGE);
    assert_non_null(strstr(err, "is not an age"));
}

static void test_settings_lookup(void **state) {
    (void)state;
    char v[256], err[512];
    char *args[] = {"x", "--log-max-mb=0.5", "--log-backups=2", "--reuse", NULL};
    bg_settings *st = NULL;
    assert_int_equal(bg_settings_load(4, args, &st, err, sizeof err), BG_OK);
    assert_int_equal(bg_settings_get(st, "log_max_mb", v, sizeof v), BG_OK);
    assert_string_equal(v, "0.5");
    bg_settings_get(st, "log_backups", v, sizeof v);
    assert_string_equal(v, "2");
    /* history is benchgate start's (bg_settings_load_with), not a run setting */
    assert_int_equal(bg_settings_get(st, "history", v, sizeof v), BG_EUSAGE);
    bg_settings_get(st, "reuse", v, sizeof v);
    assert_string_equal(v, "1");
    bg_settings_get(st, "cache_dir", v, sizeof v);
    assert_string_equal(v, "results/cache");
    assert_int_equal(bg_settings_get(st, "no_such_key", v, sizeof v), BG_EUSAGE);
    bg_settings_free(st);
    char *bad[] = {"x", "--log-max-mb=lots", NULL};
    assert_int_equal(bg_settings_load(2, bad, &st, err, sizeof err), BG_EUSAGE);
    assert_non_null(strstr(err, "log_max_mb: 'lots' is not a size in megabytes"));
    char *range[] = {"x", "--log-backups=500", NULL};
    assert_int_equal(bg_settings_load(2, range, &st, err, sizeof err), BG_EUSAGE);
    assert_null(st);
    bg_settings_free(NULL);
}

/* ---- clean ------------------------------------------------------------------------------ */

static void make_file(const char *path, int days_old, mode_t mode) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "data\n", 5), 5);
    close(fd);
    chmod(path, mode);
    struct timeval tv[2];
    gettimeofday(&tv[0], NULL);
    tv[0].tv_sec -= days_old * 86400L;
    tv[1] = tv[0];
    assert_int_equal(utimes(path, tv), 0);
}

static void age_path(const char *path, int days_old) {
    struct timeval tv[2];
    gettimeofday(&tv[0], NULL);
    tv[0].tv_sec -= days_old * 86400L;
    tv[1] = tv[0];
    assert_int_equal(lutimes(path, tv), 0);
}

static int exists(const char *path) {
    struct stat st;
    return lstat(path, &st) == 0;
}

typedef struct seen {
    int removed, kept;
} seen;

static void on_clean(void *ctx, bg_clean_action action, const char *path, const char *reason) {
    seen *s = ctx;
    (void)path, (void)reason;
    if (action == BG_CLEAN_REMOVED)
        s->removed++;
    else
        s->kept++;
}

/* tmp/ with old and new files, an old run dir, a link out, baselines, datasets, a 0444 file. */
static void build_tree(char *root, size_t size) {
    char p[600];
    snprintf(root, size, "%s/tmp", dir);
    assert_int_equal(mkdir(root, 0755), 0);
    const char *dirs[] = {"old-run", "old-run/parts", "new-run", "ci", "ci/baselines", "datasets"};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", root, dirs[i]);
        assert_int_equal(mkdir(p, 0755), 0);
    }
    snprintf(p, sizeof p, "%s/outside", dir);
    assert_int_equal(mkdir(p, 0755), 0);
    snprintf(p, sizeof p, "%s/outside/precious.txt", dir);
    make_file(p, 90, 0644);
    snprintf(p, sizeof p, "%s/old-run/parts/result.json", root), make_file(p, 40, 0644);
    snprintf(p, sizeof p, "%s/old-run/run.log", root), make_file(p, 40, 0644);
    snprintf(p, sizeof p, "%s/new-run/result.json", root), make_file(p, 1, 0644);
    snprintf(p, sizeof p, "%s/new-run/old.csv", root), make_file(p, 40, 0644);
    snprintf(p, sizeof p, "%s/ci/baselines/triad.json", root), make_file(p, 400, 0644);
    snprintf(p, sizeof p, "%s/datasets/digits.csv", root), make_file(p, 400, 0644);
    snprintf(p, sizeof p, "%s/readonly.json", root), make_file(p, 400, 0444);
    char target[600];
    snprintf(target, sizeof target, "%s/outside", dir);
    snprintf(p, sizeof p, "%s/link-out", root);
    assert_int_equal(symlink(target, p), 0);
    age_path(p, 60);
    snprintf(p, sizeof p, "%s/old-run/parts", root), age_path(p, 40);
    snprintf(p, sizeof p, "%s/old-run", root), age_path(p, 40);
}

static void test_clean_protects(void **state) {
    (void)state;
    char root[300], p[600], err[1024];
    build_tree(root, sizeof root);
    bg_clean_totals t;
    seen s = {0, 0};
    assert_int_equal(bg_clean(root, 30 * 86400.0, 1, on_clean, &s, &t, err, sizeof err), BG_OK);
    snprintf(p, sizeof p, "%s/old-run/run.log", root);
    assert_true(exists(p));       /* a dry run removes nothing */
    assert_int_equal(t.files, 4); /* 2 in old-run, old.csv, the link */
    assert_int_equal(t.dirs, 2);
    s = (seen){0, 0};
    assert_int_equal(bg_clean(root, 30 * 86400.0, 0, on_clean, &s, &t, err, sizeof err), BG_OK);
    assert_int_equal(s.removed, 6);
    assert_int_equal(s.kept, 3); /* baselines, datasets, the read-only file */
    const char *gone[] = {"old-run", "link-out", "new-run/old.csv"};
    const char *kept[] = {"new-run/result.json", "ci/baselines/triad.json", "datasets/digits.csv",
                          "readonly.json"};
    for (size_t i = 0; i < 3; i++)
        snprintf(p, sizeof p, "%s/%s", root, gone[i]), assert_false(exists(p));
    for (size_t i = 0; i < 4; i++)
        snprintf(p, sizeof p, "%s/%s", root, kept[i]), assert_true(exists(p));
    snprintf(p, sizeof p, "%s/outside/precious.txt", dir);
    assert_true(exists(p)); /* the link went, never what it points to */
}

static void test_clean_refuses(void **state) {
    (void)state;
    char p[600], link[600], err[1024];
    /* its own folder: the group's temporary folder is shared by every case of one process */
    const char *dirs[] = {"refuses",
                          "refuses/tmp",
                          "refuses/tmp/ci",
                          "refuses/tmp/ci/baselines",
                          "refuses/tmp/datasets",
                          "refuses/outside"};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, dirs[i]);
        assert_int_equal(mkdir(p, 0755), 0);
    }
    snprintf(p, sizeof p, "%s/refuses/outside/precious.txt", dir);
    make_file(p, 90, 0644);
    snprintf(p, sizeof p, "%s/refuses/tmp/ci/baselines", dir);
    assert_int_equal(bg_clean(p, 86400, 0, NULL, NULL, NULL, err, sizeof err), BG_EUSAGE);
    assert_non_null(strstr(err, "baseline folder"));
    snprintf(p, sizeof p, "%s/refuses/tmp/datasets", dir);
    assert_int_equal(bg_clean(p, 86400, 0, NULL, NULL, NULL, err, sizeof err), BG_EUSAGE);
    snprintf(p, sizeof p, "%s/refuses/outside", dir);
    snprintf(link, sizeof link, "%s/refuses/tmp-link", dir);
    assert_int_equal(symlink(p, link), 0);
    assert_int_equal(bg_clean(link, 86400, 0, NULL, NULL, NULL, err, sizeof err), BG_EUSAGE);
    assert_non_null(strstr(err, "symbolic link"));
    snprintf(p, sizeof p, "%s/refuses/outside/precious.txt", dir);
    assert_int_equal(bg_clean(p, 86400, 0, NULL, NULL, NULL, err, sizeof err), BG_EUSAGE);
    assert_int_equal(bg_clean(p, 0, 0, NULL, NULL, NULL, err, sizeof err), BG_EUSAGE);
}

static void test_clean_skips_running_run(void **state) {
    (void)state;
    char root[300], run[400], p[600], err[1024];
    snprintf(root, sizeof root, "%s/busy", dir);
    snprintf(run, sizeof run, "%s/run", root);
    assert_int_equal(mkdir(root, 0755), 0);
    assert_int_equal(mkdir(run, 0755), 0);
    snprintf(p, sizeof p, "%s/samples.csv", run);
    make_file(p, 40, 0644);
    bg_run_lock *lock = NULL;
    assert_int_equal(bg_run_lock_acquire(run, 0, &lock, err, sizeof err), BG_OK);
    assert_int_equal(bg_clean(root, 86400, 0, NULL, NULL, NULL, err, sizeof err), BG_OK);
    assert_true(exists(p));
    bg_run_lock_release(lock);
    assert_int_equal(bg_clean(root, 86400, 0, NULL, NULL, NULL, err, sizeof err), BG_OK);
    assert_false(exists(p));
}

/* bg__remove_tree: a nested folder with files goes; a link inside goes, what it points at
 * stays; a folder that is not there is no error; a file is not a folder. */
static void test_remove_tree(void **state) {
    (void)state;
    char tree[320], path[400], outside[320];
    snprintf(tree, sizeof tree, "%s/tree", dir);
    snprintf(outside, sizeof outside, "%s/outside.txt", dir);
    FILE *f = fopen(outside, "w");
    assert_non_null(f);
    fputs("keep me\n", f);
    fclose(f);
    assert_int_equal(mkdir(tree, 0700), 0);
    snprintf(path, sizeof path, "%s/a", tree);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/a/b", tree);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/a/b/file", tree);
    f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
    snprintf(path, sizeof path, "%s/a/link", tree);
    assert_int_equal(symlink(outside, path), 0);
    snprintf(path, sizeof path, "%s/dirlink", tree);
    assert_int_equal(symlink(dir, path), 0);
    assert_int_equal(bg__remove_tree(tree), 0);
    assert_int_equal(access(tree, F_OK), -1);
    assert_int_equal(access(outside, F_OK), 0);     /* the links were not followed */
    assert_int_equal(bg__remove_tree(tree), 0);     /* gone already: fine */
    assert_int_equal(bg__remove_tree(outside), -1); /* not a folder */
    assert_int_equal(access(outside, F_OK), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_remove_tree),
        cmocka_unit_test(test_lock_refuses_second_writer),
        cmocka_unit_test(test_lock_released_when_holder_dies),
        cmocka_unit_test(test_lock_pid_never_wrong),
        cmocka_unit_test(test_control_requests),
        cmocka_unit_test(test_progress_line),
        cmocka_unit_test(test_ui_enabled),
        cmocka_unit_test(test_parse_age),
        cmocka_unit_test(test_settings_lookup),
        cmocka_unit_test(test_clean_protects),
        cmocka_unit_test(test_clean_refuses),
        cmocka_unit_test(test_clean_skips_running_run),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
