/* test_spawn.c - bg_spawn, the one way benchgate starts a program: output captured, exit codes
 * and signals, the time limit, the environment (entries added, credentials removed), files
 * for stdout never written through a link, and a program that cannot run. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "benchgate/process.h"

static int run_sh(const char *script, char *out, size_t size, double timeout_s) {
    char *argv[] = {"sh", "-c", (char *)script, NULL};
    return bg_spawn_capture(argv, out, size, timeout_s);
}

static void test_capture_and_exit_code(void **unused) {
    (void)unused;
    char out[64];
    assert_int_equal(run_sh("printf 'one\\ntwo\\n'; echo hidden >&2", out, sizeof out, 5), 0);
    assert_string_equal(out, "one\ntwo\n"); /* stderr went to /dev/null */
    assert_int_equal(run_sh("echo x; exit 3", out, sizeof out, 5), 3);
    assert_string_equal(out, "x\n");
    assert_int_equal(run_sh("kill -TERM $$", out, sizeof out, 5), 128 + SIGTERM);
}

static void test_capture_truncates_and_drains(void **unused) {
    (void)unused;
    char out[8];
    /* far more than fits, and than a pipe holds: the child is not blocked, out ends in NUL */
    assert_int_equal(run_sh("i=0; while [ $i -lt 20000 ]; do echo 0123456789; i=$((i+1)); done",
                            out, sizeof out, 30),
                     0);
    assert_string_equal(out, "0123456");
}

static void test_time_limit_kills(void **unused) {
    (void)unused;
    char out[16];
    assert_int_equal(run_sh("sleep 30", out, sizeof out, 0.3), -1);
}

static void test_environment(void **unused) {
    (void)unused;
    setenv("BENCHGATE_SMTP_PASSWORD", "secret", 1);
    setenv("BENCHGATE_TELEMETRY_TOKEN", "token", 1);
    char *argv[] = {"sh", "-c",
                    "echo \"${BENCHGATE_SMTP_PASSWORD-none} ${BENCHGATE_TELEMETRY_TOKEN-none} "
                    "$ADDED\"",
                    NULL};
    char *env[] = {"ADDED=yes", "BENCHGATE_UPLOAD_TOKEN=again", NULL};
    char path[] = "/tmp/test_spawn.XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    bg_spawn_opts o;
    bg_spawn_init(&o, argv);
    o.search_path = 1;
    o.fd[1] = fd;
    o.env = env;
    int status = 0;
    assert_int_equal(bg_spawn_wait(bg_spawn(&o), 5, &status), 0);
    assert_int_equal(bg_spawn_exit_code(status), 0);
    char text[64] = "";
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(text, sizeof text, f));
    fclose(f);
    close(fd);
    unlink(path);
    assert_string_equal(text, "none none yes\n");
    assert_string_equal(getenv("BENCHGATE_SMTP_PASSWORD"), "secret"); /* the caller keeps it */
    char shown[64];
    char *show[] = {"sh", "-c", "echo ${BENCHGATE_SMTP_PASSWORD-none}", NULL};
    assert_int_equal(bg_spawn_capture(show, shown, sizeof shown, 5), 0);
    assert_string_equal(shown, "none\n"); /* bg_spawn_capture removes them too */
    unsetenv("BENCHGATE_SMTP_PASSWORD");
    unsetenv("BENCHGATE_TELEMETRY_TOKEN");
}

static void test_out_path_never_through_a_link(void **unused) {
    (void)unused;
    char dir[] = "/tmp/test_spawn_dir.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char target[64], link[64];
    snprintf(target, sizeof target, "%s/target", dir);
    snprintf(link, sizeof link, "%s/out", dir);
    assert_int_equal(symlink(target, link), 0);
    char *argv[] = {"/bin/sh", "-c", "echo written", NULL};
    bg_spawn_opts o;
    bg_spawn_init(&o, argv);
    o.out_path = link;
    int status = 0;
    assert_int_equal(bg_spawn_wait(bg_spawn(&o), 5, &status), 0);
    assert_int_equal(bg_spawn_exit_code(status), 127); /* refused before exec */
    struct stat st;
    assert_int_not_equal(stat(target, &st), 0);
    unlink(link);
    rmdir(dir);
}

static void test_cannot_run(void **unused) {
    (void)unused;
    char out[16];
    char *argv[] = {"benchgate-no-such-program", NULL};
    assert_int_equal(bg_spawn_capture(argv, out, sizeof out, 5), 127);
    char *abs[] = {"/nonexistent/prog", NULL};
    bg_spawn_opts o;
    bg_spawn_init(&o, abs);
    o.quiet = 1;
    int status = 0;
    assert_int_equal(bg_spawn_wait(bg_spawn(&o), 5, &status), 0);
    assert_int_equal(bg_spawn_exit_code(status), 127);
    assert_int_equal(bg_spawn_wait(-1, 0, &status), -2);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_capture_and_exit_code),
        cmocka_unit_test(test_capture_truncates_and_drains),
        cmocka_unit_test(test_time_limit_kills),
        cmocka_unit_test(test_environment),
        cmocka_unit_test(test_out_path_never_through_a_link),
        cmocka_unit_test(test_cannot_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
