/* test_history.c - the run history (SQLite): recording, listing, trends that match the result
 * files, migrations from an older schema, and a database that survives a killed recorder. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "benchgate/history.h"
#include "benchgate/report.h"
#include "history/history.h"

static char dir[256];

static int setup(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/bg-test-history-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static const char *benchmark_fmt =
    "{\"name\":\"%s\",\"family\":\"%s\",\"device\":\"cpu\",\"params\":{},\"status\":\"ok\","
    "\"error_message\":null,\"measure\":\"time\",\"metrics\":{\"time_ns\":{\"status\":\"ok\","
    "\"unit\":\"ns\",\"better\":\"lower\",\"n\":3,\"median\":%.17g,\"mean\":%.17g,\"stddev\":1,"
    "\"min\":%.17g,\"max\":%.17g,\"p50\":%.17g,\"p95\":%.17g,\"p99\":%.17g,\"ci95\":[%.17g,%.17g],"
    "\"cv\":0.01,\"outliers\":0},\"accuracy\":{\"status\":\"ok\",\"unit\":\"ratio\","
    "\"better\":\"higher\",\"value\":0.97}}}";

/* A run directory with two benchmarks (medians a and b) and `samples` samples of the first. */
static void make_run(char *run, size_t size, const char *id, const char *ts, double a, double b,
                     long samples) {
    char path[600], bench[2][2048], doc[8192];
    snprintf(run, size, "%s/%s", dir, id);
    assert_int_equal(mkdir(run, 0755), 0);
    snprintf(bench[0], sizeof bench[0], benchmark_fmt, "triad/cpu/n=1", "triad", a, a, a, a, a, a,
             a, a, a);
    snprintf(bench[1], sizeof bench[1], benchmark_fmt, "reduce/cpu", "reduce", b, b, b, b, b, b, b,
             b, b);
    snprintf(doc, sizeof doc,
             "{\"schema\":\"benchgate.result/1\",\"complete\":true,\"run\":{\"run_id\":\"%s\","
             "\"timestamp\":\"%s\",\"command_line\":\"x\",\"git\":{\"sha\":null,\"branch\":null,"
             "\"dirty\":null},\"config\":{},\"dry_run\":false},\"system\":{\"machine_class\":"
             "\"test-class\",\"hostname\":\"h\",\"os\":\"Linux\",\"kernel\":\"6\","
             "\"arch\":\"x86_64\",\"cpu_model\":\"c\",\"cpu_count\":2,\"ram_total_gb\":1,"
             "\"compiler\":\"cc\",\"build_type\":\"Release\",\"gpus\":[],\"env\":{}},\"datasets\":["
             "],\"benchmarks\":[%s,%s]}\n",
             id, ts, bench[0], bench[1]);
    snprintf(path, sizeof path, "%s/result.json", run);
    write_file(path, doc);
    snprintf(path, sizeof path, "%s/samples.csv", run);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "benchmark,repetition,sample,iterations,time_ns,cpu_time_ns,instructions\n");
    for (long i = 0; i < samples; i++)
        fprintf(f, "triad/cpu/n=1,%ld,%ld,100,%.3f,%.3f,\n", i % 3, i, a + (double)(i % 7),
                a + 1.0);
    fprintf(f, "\"reduce/cpu\",0,0,10,%.3f,%.3f,\n", b, b);
    fclose(f);
}

static sqlite3 *open_db(const char *path) {
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
    if (rc != SQLITE_OK)
        sqlite3_close(db); /* a handle is made even when the open fails */
    assert_int_equal(rc, SQLITE_OK);
    return db;
}

static long query_long(sqlite3 *db, const char *sql) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1; /* no such table (yet) */
    long v = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

static void query_text(sqlite3 *db, const char *sql, char *buf, size_t size) {
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    buf[0] = '\0';
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

static void test_record_list_and_trend(void **state) {
    (void)state;
    char db[400], r1[400], r2[400], r3[400], err[1024], *text = NULL;
    snprintf(db, sizeof db, "%s/sub/history.sqlite", dir);
    make_run(r1, sizeof r1, "run-a", "2026-01-01T00:00:00Z", 100.5, 7, 10);
    make_run(r2, sizeof r2, "run-b", "2026-01-02T00:00:00Z", 110.25, 8, 10);
    make_run(r3, sizeof r3, "run-c", "2026-01-03T00:00:00Z", 104.125, 9, 10);
    const char *runs[] = {r1, r2, r3};
    for (int i = 0; i < 3; i++)
        assert_int_equal(bg_history_record(db, runs[i], err, sizeof err), BG_OK);
    assert_int_equal(bg_history_record(db, r2, err, sizeof err), BG_OK); /* replaced, not doubled */
    sqlite3 *h = open_db(db);
    assert_int_equal(query_long(h, "SELECT count(*) FROM runs"), 3);
    assert_int_equal(query_long(h, "SELECT count(*) FROM samples"), 33);
    assert_int_equal(query_long(h, "PRAGMA user_version"), bg_history_schema_version());
    sqlite3_close(h);
    assert_int_equal(bg_history_list(db, 2, "table", &text, err, sizeof err), BG_OK);
    assert_non_null(strstr(text, "run-c"));
    assert_non_null(strstr(text, "run-b"));
    assert_null(strstr(text, "run-a")); /* --last=2 */
    assert_non_null(strstr(text, "2/2 ok"));
    bg_text_free(text);
    /* the trend over the last 3 runs has the medians of the files, oldest first */
    assert_int_equal(bg_history_summary(db, 3, "^triad", "json", &text, err, sizeof err), BG_OK);
    assert_non_null(strstr(text, "\"value\":\t100.5"));
    assert_non_null(strstr(text, "\"latest\":\t104.125"));
    assert_null(strstr(text, "reduce/cpu"));
    char *files = NULL;
    assert_int_equal(bg_summary(runs, 3, "json", &files, err, sizeof err), BG_OK);
    assert_non_null(strstr(files, "\"median\":\t104.125")); /* bg_summary's median of 3 ... */
    assert_non_null(strstr(text, "\"median\":\t104.125"));  /* ... is the history's */
    bg_text_free(files);
    bg_text_free(text);
    assert_int_equal(bg_history_summary(db, 0, NULL, "table", &text, err, sizeof err), BG_OK);
    assert_non_null(strstr(text, "benchgate history: 3 run(s)"));
    assert_non_null(strstr(text, "+3.61%")); /* 100.5 -> 104.125 */
    bg_text_free(text);
}

static void test_bad_inputs(void **state) {
    (void)state;
    char db[400], path[400], err[1024], *text = NULL;
    snprintf(db, sizeof db, "%s/none.sqlite", dir);
    assert_int_equal(bg_history_list(db, 5, "table", &text, err, sizeof err), BG_EINPUT);
    assert_non_null(strstr(err, "no run history yet"));
    assert_int_equal(bg_history_summary(db, 5, "(", "table", &text, err, sizeof err), BG_EUSAGE);
    assert_int_equal(bg_history_summary(db, 5, NULL, "xml", &text, err, sizeof err), BG_EUSAGE);
    snprintf(path, sizeof path, "%s/not-a-db.sqlite", dir);
    write_file(path, "this is not an SQLite database, just text that is long enough......\n");
    assert_int_equal(bg_history_list(path, 5, "table", &text, err, sizeof err), BG_EINPUT);
    assert_non_null(strstr(err, "not-a-db.sqlite"));
    assert_int_equal(bg_history_record(db, dir, err, sizeof err), BG_EINPUT); /* no result.json */
}

/* A database at schema version 1 (runs, benchmarks, metrics) is migrated to the current one. */
static void test_migrates_old_schema(void **state) {
    (void)state;
    char db[400], run[400], err[1024], *text = NULL, buf[256];
    bg__error e = {BG_OK, ""};
    snprintf(db, sizeof db, "%s/old.sqlite", dir);
    sqlite3 *h = bg__history_open(db, 1, 1, &e);
    assert_non_null(h);
    assert_int_equal(query_long(h, "PRAGMA user_version"), 1);
    assert_int_equal(query_long(h, "SELECT count(*) FROM sqlite_master WHERE name = 'samples'"), 0);
    assert_int_equal(sqlite3_exec(h,
                                  "INSERT INTO runs (run_id, timestamp, complete, result_path, "
                                  "recorded_at) VALUES ('old-run', '2025-01-01T00:00:00Z', 1, "
                                  "'/x', '2025-01-01T00:00:00Z')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    bg__history_close(h);
    make_run(run, sizeof run, "run-new", "2026-02-01T00:00:00Z", 50, 5, 4);
    assert_int_equal(bg_history_record(db, run, err, sizeof err), BG_OK);
    h = open_db(db);
    assert_int_equal(query_long(h, "PRAGMA user_version"), bg_history_schema_version());
    assert_int_equal(query_long(h, "SELECT count(*) FROM samples"), 5);
    query_text(h, "SELECT run_id FROM runs ORDER BY timestamp LIMIT 1", buf, sizeof buf);
    assert_string_equal(buf, "old-run");
    sqlite3_close(h);
    assert_int_equal(bg_history_list(db, 0, "csv", &text, err, sizeof err), BG_OK);
    assert_non_null(strstr(text, "old-run,2025-01-01T00:00:00Z"));
    bg_text_free(text);
    h = open_db(db); /* a newer schema than this library knows is refused */
    assert_int_equal(sqlite3_exec(h, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    assert_int_equal(bg_history_list(db, 0, "csv", &text, err, sizeof err), BG_EINPUT);
    assert_non_null(strstr(err, "newer than this benchgate"));
}

static void sleep_ms(long ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* kill -9 while a run with many samples is being recorded: the database stays intact and
 * holds the run completely or not at all. */
static void test_survives_kill(void **state) {
    (void)state;
    char db[400], run[400], err[1024], check[64];
    snprintf(db, sizeof db, "%s/killed.sqlite", dir);
    make_run(run, sizeof run, "run-big", "2026-03-01T00:00:00Z", 10, 1, 200000);
    static const long delays[] = {20, 60, 150}; /* recording takes about 0.3 s (more under ASan) */
    for (int k = 0; k < 3; k++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0)
            _exit(bg_history_record(db, run, err, sizeof err) == BG_OK ? 0 : 1);
        sleep_ms(delays[k]);
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        if (k == 0)
            assert_true(WIFSIGNALED(status)); /* it was still recording */
        if (access(db, F_OK) != 0)
            continue; /* killed before it made the file (slow under valgrind): nothing to check */
        sqlite3 *h = open_db(db);
        query_text(h, "PRAGMA integrity_check", check, sizeof check);
        assert_string_equal(check, "ok");
        long runs = query_long(h, "SELECT count(*) FROM runs");
        long samples = query_long(h, "SELECT count(*) FROM samples");
        assert_true((runs <= 0 && samples <= 0) || (runs == 1 && samples == 200001));
        sqlite3_close(h);
    }
    assert_int_equal(bg_history_record(db, run, err, sizeof err), BG_OK);
    sqlite3 *h = open_db(db);
    assert_int_equal(query_long(h, "SELECT count(*) FROM samples"), 200001);
    sqlite3_close(h);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_record_list_and_trend),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_migrates_old_schema),
        cmocka_unit_test(test_survives_kill),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
