/* test_logrotate.c - rotating logs (src/longrun/logrotate.c) with a tiny size limit: backups are
 * numbered and capped, and two writer processes at once lose no line and tear none. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "benchgate/log.h"

#define LINE 50 /* every test line is exactly this long, newline included */

static char dir[256];

static int setup(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/bg-test-logrotate-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void log_path(char *buf, size_t size, const char *name, int n) {
    if (n > 0)
        snprintf(buf, size, "%s/%s.%d", dir, name, n);
    else
        snprintf(buf, size, "%s/%s", dir, name);
}

/* Writes line `seq` of `writer` (exactly LINE bytes). */
static void write_line(const char *path, int writer, int seq, uint64_t max, int backups) {
    char text[LINE + 1], err[256];
    snprintf(text, sizeof text, "writer %d line %06d %-*s\n", writer, seq, LINE - 22, "x");
    assert_int_equal(strlen(text), LINE);
    assert_int_equal(bg_log_append(path, text, max, backups, err, sizeof err), BG_OK);
}

static long file_size(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* seen[writer][seq] += 1 for each whole line of the file; torn lines fail the test. */
static int count_lines(const char *path, int seen[2][1000]) {
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return 0;
    char line[256];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        int w = -1, seq = -1;
        assert_int_equal(strlen(line), LINE);
        assert_int_equal(sscanf(line, "writer %d line %d", &w, &seq), 2);
        assert_true(w >= 0 && w < 2 && seq >= 0 && seq < 1000);
        seen[w][seq]++;
        n++;
    }
    fclose(f);
    return n;
}

static void test_rotates_at_limit(void **state) {
    (void)state;
    char path[300], numbered[320];
    log_path(path, sizeof path, "a.log", 0);
    for (int i = 0; i < 25; i++) /* 4 lines fit in 200 bytes: 6 files' worth, 3 kept */
        write_line(path, 0, i, 4 * LINE, 3);
    for (int n = 1; n <= 3; n++) {
        log_path(numbered, sizeof numbered, "a.log", n);
        assert_int_equal(file_size(numbered), 4 * LINE);
    }
    log_path(numbered, sizeof numbered, "a.log", 4);
    assert_int_equal(file_size(numbered), -1);
    assert_int_equal(file_size(path), LINE); /* line 24 alone */
    static int seen[2][1000];
    memset(seen, 0, sizeof seen);
    int kept = count_lines(path, seen);
    for (int n = 1; n <= 3; n++) {
        log_path(numbered, sizeof numbered, "a.log", n);
        kept += count_lines(numbered, seen);
    }
    assert_int_equal(kept, 13);
    for (int i = 0; i < 25; i++) /* the newest 13 lines, each once */
        assert_int_equal(seen[0][i], i >= 12 ? 1 : 0);
}

static void test_no_backups_starts_over(void **state) {
    (void)state;
    char path[300], numbered[320];
    log_path(path, sizeof path, "b.log", 0);
    for (int i = 0; i < 5; i++)
        write_line(path, 0, i, 2 * LINE, 0);
    assert_int_equal(file_size(path), LINE);
    log_path(numbered, sizeof numbered, "b.log", 1);
    assert_int_equal(file_size(numbered), -1);
}

static void test_bad_path(void **state) {
    (void)state;
    char err[256];
    assert_int_equal(bg_log_append("/nonexistent-dir/x/run.log", "x\n", 100, 1, err, sizeof err),
                     BG_EIO);
    assert_non_null(strstr(err, "/nonexistent-dir/x"));
}

/* Two processes append `lines` lines each at once. */
static void two_writers(const char *path, int lines, uint64_t max, int backups) {
    pid_t pid[2];
    for (int w = 0; w < 2; w++) {
        pid[w] = fork();
        assert_true(pid[w] >= 0);
        if (pid[w] == 0) {
            char err[256], text[LINE + 1];
            for (int i = 0; i < lines; i++) {
                snprintf(text, sizeof text, "writer %d line %06d %-*s\n", w, i, LINE - 22, "x");
                if (bg_log_append(path, text, max, backups, err, sizeof err) != BG_OK)
                    _exit(1);
            }
            _exit(0);
        }
    }
    for (int w = 0; w < 2; w++) {
        int status = 0;
        assert_int_equal(waitpid(pid[w], &status, 0), pid[w]);
        assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
}

static int count_all(const char *name, int backups, int seen[2][1000]) {
    char path[320];
    int total = 0;
    for (int n = 0; n <= backups; n++) {
        log_path(path, sizeof path, name, n);
        total += count_lines(path, seen);
    }
    return total;
}

/* 110 lines of 50 bytes, 20 lines per 1000-byte file: exactly 5 backups, nothing dropped. */
static void test_two_writers_lose_nothing(void **state) {
    (void)state;
    char path[300];
    static int seen[2][1000];
    memset(seen, 0, sizeof seen);
    log_path(path, sizeof path, "c.log", 0);
    two_writers(path, 55, 20 * LINE, 5);
    for (int n = 1; n <= 5; n++) {
        log_path(path, sizeof path, "c.log", n);
        assert_int_equal(file_size(path), 20 * LINE);
    }
    log_path(path, sizeof path, "c.log", 6);
    assert_int_equal(file_size(path), -1);
    assert_int_equal(count_all("c.log", 5, seen), 110);
    for (int w = 0; w < 2; w++)
        for (int i = 0; i < 55; i++)
            assert_int_equal(seen[w][i], 1);
}

/* Many more lines than fit: still exactly 5 backups, and what is kept of each writer is its
 * newest lines without a gap (rotation drops only the oldest file). */
static void test_two_writers_keep_newest(void **state) {
    (void)state;
    char path[300];
    static int seen[2][1000];
    memset(seen, 0, sizeof seen);
    log_path(path, sizeof path, "d.log", 0);
    two_writers(path, 300, 10 * LINE, 5);
    log_path(path, sizeof path, "d.log", 5);
    assert_int_equal(file_size(path), 10 * LINE);
    log_path(path, sizeof path, "d.log", 6);
    assert_int_equal(file_size(path), -1);
    int total = count_all("d.log", 5, seen);
    assert_true(total > 50 && total <= 60);
    for (int w = 0; w < 2; w++) {
        int first = 0;
        while (first < 300 && seen[w][first] == 0)
            first++;
        for (int i = first; i < 300; i++)
            assert_int_equal(seen[w][i], 1); /* contiguous up to the last line */
    }
}

/* bg_log_line: one formatted line to the caller's sink, cut at BG_LOG_LINE_MAX - 1 bytes. */
typedef struct seen_lines {
    int count;
    char last[BG_LOG_LINE_MAX + 16];
} seen_lines;

static void keep_line(void *arg, const char *line) {
    seen_lines *s = arg;
    s->count++;
    snprintf(s->last, sizeof s->last, "%s", line);
}

static void test_log_line(void **state) {
    (void)state;
    seen_lines s = {0, ""};
    bg_log_line(keep_line, &s, "%s: %d instance(s)", "triad", 3);
    assert_int_equal(s.count, 1);
    assert_string_equal(s.last, "triad: 3 instance(s)");
    static char wide[3 * BG_LOG_LINE_MAX];
    memset(wide, 'x', sizeof wide - 1);
    bg_log_line(keep_line, &s, "%s", wide);
    assert_int_equal(s.count, 2);
    assert_int_equal(strlen(s.last), BG_LOG_LINE_MAX - 1);
    bg_log_line(NULL, &s, "%s", "nowhere"); /* no sink: nothing, no crash */
    assert_int_equal(s.count, 2);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rotates_at_limit),
        cmocka_unit_test(test_no_backups_starts_over),
        cmocka_unit_test(test_bad_path),
        cmocka_unit_test(test_two_writers_lose_nothing),
        cmocka_unit_test(test_two_writers_keep_newest),
        cmocka_unit_test(test_log_line),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
