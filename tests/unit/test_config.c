/* test_config.c - unit tests of the settings module (src/config/config.c, config_options.c,
 * config_yaml.c): defaults < bench.yaml < BENCH_* environment < flags, per-family
 * overrides, value forms, and the messages of every kind of bad input.
 *
 * Every test passes an explicit envp (never the real environment) and, where a file is
 * wanted, --config=FIXTURE or BENCH_CONFIG=FIXTURE with an absolute path under
 * BG_TEST_FIXTURES/config. The group setup moves into an empty temporary directory so
 * that a ./bench.yaml in the build or source tree is never picked up by accident.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/common.h"
#include "config/config.h"

/* cmocka < 1.1.6 lacks assert_double_equal; provide the same semantics. */
#ifndef assert_double_equal
static void check_double_equal(double actual, double expected, double eps, const char *file,
                               int line) {
    if (!(fabs(actual - expected) <= eps)) {
        print_error("%.17g != %.17g (eps %.3g)\n", actual, expected, eps);
        _fail(file, line);
    }
}
#define assert_double_equal(a, b, eps) check_double_equal((a), (b), (eps), __FILE__, __LINE__)
#endif

#define assert_close(actual, expected)                                                             \
    assert_double_equal((actual), (expected), 1e-12 * fmax(1.0, fabs(expected)))

static void check_contains(const char *text, const char *part, const char *file, int line) {
    if (strstr(text, part) == NULL) {
        print_error("message \"%s\" does not contain \"%s\"\n", text, part);
        _fail(file, line);
    }
}
#define assert_contains(text, part) check_contains((text), (part), __FILE__, __LINE__)

/* An argv/envp literal, NULL-terminated; ARGV puts the program name first. */
#define ARGV(...) ((char *[]){"bench", __VA_ARGS__, NULL})
#define ARGV0 ((char *[]){"bench", NULL})
#define ENV(...) ((char *[]){__VA_ARGS__, NULL})
#define NOENV ((char *[]){NULL})

/* Fixture paths and --config=/BENCH_CONFIG= forms, from a small pool of buffers. */
static char *pooled(const char *prefix, const char *name) {
    static char pool[8][BG__PATH_MAX + 64];
    static int next;
    char *buf = pool[next++ % 8];
    snprintf(buf, sizeof pool[0], "%s%s/config/%s", prefix, BG_TEST_FIXTURES, name);
    return buf;
}
#define FIXTURE(name) pooled("", name)
#define CONFIG_FLAG(name) pooled("--config=", name)
#define CONFIG_ENV(name) pooled("BENCH_CONFIG=", name)

static int count_args(char **argv) {
    int n = 0;
    while (argv[n])
        n++;
    return n;
}

static bg_err load(bg__settings *st, char **argv, char **envp, bg__error *err) {
    memset(err, 0, sizeof *err);
    return bg__settings_load(st, count_args(argv), argv, envp, err);
}

/* Loads settings that must fail with `code` and a message containing both parts. */
static void check_load_fails(char **argv, char **envp, bg_err code, const char *part1,
                             const char *part2, const char *file, int line) {
    bg__settings st;
    bg__error err;
    bg_err rc = load(&st, argv, envp, &err);
    bg__settings_free(&st);
    if (rc != code || err.code != code) {
        print_error("expected code %d, got %d (err.code %d, \"%s\")\n", (int)code, (int)rc,
                    (int)err.code, err.msg);
        _fail(file, line);
    }
    check_contains(err.msg, part1, file, line);
    if (part2)
        check_contains(err.msg, part2, file, line);
}
#define assert_load_fails(argv, envp, code, part1, part2)                                          \
    check_load_fails((argv), (envp), (code), (part1), (part2), __FILE__, __LINE__)

/* Compares two configs field by field (through bg__config_format), not byte by byte. */
static void check_same_config(const bg__config *a, const bg__config *b, const char *file,
                              int line) {
    char x[BG__PATH_MAX], y[BG__PATH_MAX];
    for (int i = 0; i < BG__OPT_COUNT; i++) {
        bg__config_format(a, (bg__opt_id)i, x, sizeof x);
        bg__config_format(b, (bg__opt_id)i, y, sizeof y);
        if (strcmp(x, y) != 0 || a->source[i] != b->source[i]) {
            print_error("option %s: '%s' (source %d) != '%s' (source %d)\n",
                        bg__opt((bg__opt_id)i)->flag ? bg__opt((bg__opt_id)i)->flag
                                                     : bg__opt((bg__opt_id)i)->yaml_key,
                        x, (int)a->source[i], y, (int)b->source[i]);
            _fail(file, line);
        }
    }
    int same_axes = a->axis_count == b->axis_count;
    for (int i = 0; same_axes && i < a->axis_count; i++)
        same_axes = strcmp(a->axis[i], b->axis[i]) == 0;
    /* %g shows 6 digits: compare the doubles exactly as well. */
    if (!same_axes || a->help != b->help || a->version != b->version ||
        a->min_time != b->min_time || a->max_time != b->max_time || a->warmup != b->warmup ||
        a->max_noise != b->max_noise || a->threshold != b->threshold ||
        a->threshold_time != b->threshold_time ||
        a->threshold_instructions != b->threshold_instructions ||
        a->threshold_accuracy != b->threshold_accuracy ||
        a->threshold_memory != b->threshold_memory) {
        print_error("configs differ (axes, help/version or a double)\n");
        _fail(file, line);
    }
}
#define assert_same_config(a, b) check_same_config((a), (b), __FILE__, __LINE__)

/* ---- group setup: run in an empty temporary directory ------------------------------------ */

static char saved_cwd[BG__PATH_MAX];
static char temp_dir[64];

static int group_setup(void **state) {
    (void)state;
    if (getcwd(saved_cwd, sizeof saved_cwd) == NULL)
        return -1;
    snprintf(temp_dir, sizeof temp_dir, "/tmp/bg_test_config_XXXXXX");
    if (mkdtemp(temp_dir) == NULL)
        return -1;
    return chdir(temp_dir);
}

static int group_teardown(void **state) {
    (void)state;
    int rc = chdir(saved_cwd);
    rmdir(temp_dir);
    return rc;
}

/* ---- defaults ---------------------------------------------------------------------------- */

/* The environment or flags applied to c alone (a bg__settings of no program settings). */
static bg_err apply_env(bg__config *c, char **envp, bg__error *err) {
    bg__settings st;
    memset(&st, 0, sizeof st);
    st.global = *c;
    bg_err rc = bg__config_apply_env(&st, envp, err);
    *c = st.global;
    return rc;
}

static bg_err apply_flags(bg__config *c, int argc, char **argv, int first, bg__error *err) {
    bg__settings st;
    memset(&st, 0, sizeof st);
    st.global = *c;
    bg_err rc = bg__config_apply_flags(&st, argc, argv, first, err);
    *c = st.global;
    return rc;
}

static void test_defaults(void **unused) {
    (void)unused;
    bg__settings st;
    bg__error err;
    assert_int_equal(load(&st, ARGV0, NOENV, &err), BG_OK);
    const bg__config *c = &st.global;
    assert_string_equal(c->filter, "");
    assert_close(c->min_time, 0.2);
    assert_close(c->max_time, 1.0);
    assert_close(c->warmup, 0.05);
    assert_int_equal(c->skip_warmup, 0);
    assert_int_equal(c->min_samples, 10);
    assert_int_equal(c->repetitions, 3);
    assert_close(c->max_noise, 1.0);
    assert_int_equal(c->batch_size, 0);
    assert_int_equal(c->concurrency, 0);
    assert_int_equal(c->device, BG__DEVICE_ALL);
    assert_int_equal(c->measure, BG__MEASURE_TIME);
    assert_int_equal(c->cold, 0);
    assert_int_equal(c->axis_count, 0);
    assert_int_equal(c->seed, 42);
    assert_string_equal(c->output_dir, "");
    assert_int_equal(c->formats, BG__FORMAT_JSON | BG__FORMAT_CSV | BG__FORMAT_CONSOLE);
    assert_string_equal(c->config_path, ""); /* no bench.yaml in the temporary cwd */
    assert_string_equal(c->baseline, "");
    assert_true(c->threshold < 0); /* per-metric thresholds */
    assert_close(c->threshold_time, 5.0);
    assert_close(c->threshold_instructions, 0.5);
    assert_close(c->threshold_accuracy, 0.5);
    assert_close(c->threshold_memory, 10.0);
    assert_int_equal(c->list + c->no_ui + c->dry_run + c->help + c->version, 0);
    assert_int_equal(c->fail_on_inconclusive, 0);
    for (int i = 0; i < BG__OPT_COUNT; i++)
        assert_int_equal(c->source[i], BG__SRC_DEFAULT);
    assert_int_equal(st.override_count, 0);
    assert_null(st.overrides);

    /* bg__config_defaults gives the same settings as a load with no inputs. */
    bg__config d;
    bg__config_defaults(&d);
    assert_same_config(&d, c);
    bg__settings_free(&st);
}

/* A "(default V)" in an option's --help says its built-in value (options.def), as a number or
 * word; prose ("all three", "results/<run id>") is left alone. */
static void test_help_defaults_match(void **unused) {
    (void)unused;
    int checked = 0;
    for (int i = 0; i < BG__OPT_COUNT; i++) {
        const bg__opt_info *o = bg__opt((bg__opt_id)i);
        const char *at = o->help ? strstr(o->help, "(default ") : NULL;
        if (at == NULL || o->default_text == NULL)
            continue;
        char said[64];
        snprintf(said, sizeof said, "%.*s", (int)strcspn(at + 9, ")"), at + 9);
        if (strchr(said, ' ') || strchr(said, '<'))
            continue;
        char *end = NULL;
        double n = strtod(said, &end);
        if (*end == '\0')
            assert_close(n, strtod(o->default_text, NULL));
        else
            assert_string_equal(said, o->default_text);
        checked++;
    }
    assert_true(checked >= 10);
}

static void test_empty_yaml_keeps_defaults(void **unused) {
    (void)unused;
    bg__settings st;
    bg__error err;
    assert_int_equal(load(&st, ARGV(CONFIG_FLAG("empty.yaml")), NOENV, &err), BG_OK);
    assert_string_equal(st.global.config_path, FIXTURE("empty.yaml"));
    assert_int_equal(st.global.source[BG__OPT_CONFIG], BG__SRC_FLAG);
    for (int i = 0; i < BG__OPT_COUNT; i++)
        if (i != BG__OPT_CONFIG)
            assert_int_equal(st.global.source[i], BG__SRC_DEFAULT);
    assert_close(st.global.min_time, 0.2);
    assert_int_equal(st.override_count, 0);
    bg__settings_free(&st);
}

static void test_cwd_bench_yaml_is_read(void **unused) {
    (void)unused;
    FILE *f = fopen("bench.yaml", "w");
    assert_non_null(f);
    fputs("# written by test_config\nversion: 1\nrun:\n  repetitions: 11\n", f);
    fclose(f);
    bg__settings st;
    bg__error err;
    bg_err rc = load(&st, ARGV0, NOENV, &err);
    remove("bench.yaml");
    assert_int_equal(rc, BG_OK);
    assert_string_equal(st.global.config_path, "bench.yaml");
    assert_int_equal(st.global.source[BG__OPT_CONFIG], BG__SRC_DEFAULT);
    assert_int_equal(st.global.repetitions, 11);
    assert_int_equal(st.global.source[BG__OPT_REPETITIONS], BG__SRC_YAML);
    bg__settings_free(&st);
}

/* ---- precedence -------------------------------------------------------------------------- */

static void test_yaml_beats_default(void **unused) {
    (void)unused;
    bg__settings st;
    bg__error err;
    assert_int_equal(load(&st, ARGV(CONFIG_FLAG("good.yaml")), NOENV, &err), BG_OK);
    const bg__config *c = &st.global;
    assert_close(c->min_time, 0.5); /* 500ms */
    assert_int_equal(c->source[BG__OPT_MIN_TIME], BG__SRC_YAML);
    assert_close(c->max_time, 2.0); /* 2s */
    assert_int_equal(c->repetitions, 5);
    assert_close(c->max_noise, 2.0); /* 2% */
    assert_int_equal(c->skip_warmup, 1);
    assert_int_equal(c->source[BG__OPT_SKIP_WARMUP], BG__SRC_YAML);
    assert_int_equal(c->cold, 0);
    assert_int_equal(c->source[BG__OPT_COLD], BG__SRC_YAML);
    assert_int_equal(c->seed, 7);
    assert_int_equal(c->formats, BG__FORMAT_JSON | BG__FORMAT_CSV);
    assert_string_equal(c->filter, "^triad/");
    assert_int_equal(c->axis_count, 2);
    assert_string_equal(c->axis[0], "n=1,2");
    assert_string_equal(c->axis[1], "m=3");
    assert_close(c->threshold_time, 7.0);
    assert_int_equal(c->source[BG__OPT_THRESHOLD_TIME], BG__SRC_YAML);
    assert_close(c->threshold_memory, 12.0);
    /* Keys the file does not name keep their defaults and source. */
    assert_close(c->warmup, 0.05);
    assert_int_equal(c->source[BG__OPT_WARMUP], BG__SRC_DEFAULT);
    assert_close(c->threshold_accuracy, 0.5);
    assert_int_equal(c->source[BG__OPT_THRESHOLD_ACCURACY], BG__SRC_DEFAULT);
    bg__settings_free(&st);
}

static void test_env_beats_yaml(void **unused) {
    (void)unused;
    bg__settings st;
    bg__error err;
    assert_int_equal(load(&st, ARGV(CONFIG_FLAG("good.yaml")),
                          ENV("HOME=/nowhere", "BENCH_MIN_TIME=0.7", "BENCH_SEED=99"), &err),
                     BG_OK);
    assert_close(st.global.min_time, 0.7);
    assert_int_equal(st.global.source[BG__OPT_MIN_TIME], BG__SRC_ENV);
    assert_int_equal(st.global.seed, 99);
    assert_int_equal(st.global.source[BG__OPT_SEED], BG__SRC_ENV);
    assert_int_equal(st.global.repetitions, 5); /* still from the file */
    assert_int_equal(st.global.source[BG__OPT_REPETITIONS], BG__SRC_YAML);
    bg__settings_free(&st);
}

static void test_flag_beats_env(void **unused) {
    (void)unused;
    bg__settings st;
    bg__error err;
    assert_int_equal(load(&st, ARGV(CONFIG_FLAG("good.yaml"), "--min-time=0.9"),
                          ENV("BENCH_MIN_TIME=0.7", "BENCH_REPETITIONS=6"), &err),
                     BG_OK);
    assert_close(st.global.min_time, 0.9);
    assert_int_equal(st.global.source[BG__OPT_MIN_TIME], BG__SRC_FLAG);
    assert_int_equal(st.global.repetitions, 6);
    assert_int_equal(st.global.source[BG__OPT_REPETITIONS], BG__SRC_ENV);
    assert_close(st.global.max_time, 2.0);
    assert_int_equal(st.global.source[BG__OPT_MAX_TIME], BG__SRC_YAML);
    bg__settings_free(&st);
}

static void test_flag_before_config_still_wins(void **unused) {
    (void)unused;
    bg__settings st;
    bg__error err;
    /* The flag comes first and the file is named with a space-separated value. */
    assert_int_equal(
        load(&st, ARGV("--min-time=0.9", "--config", FIXTURE("good.yaml")), NOENV, &err), BG_OK);
    assert_close(st.global.min_time, 0.9);
    assert_int_equal(st.global.source[BG__OPT_MIN_TIME], BG__SRC_FLAG);
    assert_int_equal(st.global.repetitions, 5); /* the file was read */
    assert_string_equal(st.global.config_path, FIXTURE("good.yaml"));
    assert_int_equal(st.global.source[BG__OPT_CONFIG], BG__SRC_FLAG);
    bg__settings_free(&st);
}

static void test_bench_config_env_and_flag(void **unused) {
    (void)unused;
    bg__settings st;
    bg__error err;
    assert_int_equal(load(&st, ARGV0, ENV(CONFIG_ENV("good.yaml")), &err), BG_OK);
    assert_string_equal(st.global.config_path, FIXTURE("good.yaml"));
    assert_int_equal(st.global.source[BG__OPT_CONFIG], BG__SRC_ENV);
    assert_int_equal(st.global.repetitions, 5);
    bg__settings_free(&st);

    /* --config beats BENCH_CONFIG: only empty.yaml is read. */
    assert_int_equal(load(&st, ARGV(CONFIG_FLAG("empty.yaml")), ENV(CONFIG_ENV("good.yaml")), &err),
                     BG_OK);
    assert_string_equal(st.global.config_path, FIXTURE("empty.yaml"));
    assert_int_equal(st.global.source[BG__OPT_CONFIG], BG__SRC_FLAG);
    assert_int_equal(st.global.repetitions, 3);
    assert_int_equal(st.global.source[BG__OPT_REPETITIONS], BG__SRC_DEFAULT);
    bg__settings_free(&st);
}

static void test_config_set_precedence(void **unused) {
    (void)unused;
    bg__config c;
    bg__error err = {0};
    bg__config_defaults(&c);
    assert_int_equal(bg__config_set(&c, BG__OPT_REPETITIONS, "4", BG__SRC_FLAG, "t", &err), BG_OK);
    /* Lower-precedence sources no longer change it; equal ones do. */
    assert_int_equal(bg__config_set(&c, BG__OPT_REPETITIONS, "7", BG__SRC_ENV, "t", &err), BG_OK);
    assert_int_equal(bg__config_set(&c, BG__OPT_REPETITIONS, "8", BG__SRC_YAML, "t", &err), BG_OK);
    assert_int_equal(c.repetitions, 4);
    assert_int_equal(c.source[BG__OPT_REPETITIONS], BG__SRC_FLAG);
    assert_int_equal(bg__config_set(&c, BG__OPT_REPETITIONS, "9", BG__SRC_FLAG, "t", &err), BG_OK);
    assert_int_equal(c.repetitions, 9);

    /* bg__config_apply_env does not override a flag-set value either. */
    assert_int_equal(apply_env(&c, ENV("BENCH_REPETITIONS=2", "BENCH_WARMUP=1s"), &err), BG_OK);
    assert_int_equal(c.repetitions, 9);
    assert_close(c.warmup, 1.0);
    assert_int_equal(c.source[BG__OPT_WARMUP], BG__SRC_ENV);
}

/* ---- per-family overrides ---------------------------------------------------------------- */

static void test_family_override(void **unused) {
    (void)unused;
    bg__settings st;
    bg__error err;
    assert_int_equal(load(&st, ARGV(CONFIG_FLAG("family.yaml")), NOENV, &err), BG_OK);
    assert_int_equal(st.override_count, 6);
    /* The global settings are not touched by overrides. */
    assert_close(st.global.min_time, 0.4);
    assert_int_equal(st.global.source[BG__OPT_MIN_TIME], BG__SRC_YAML);
    assert_close(st.global.threshold_time, 6.0);
    assert_int_equal(st.global.axis_count, 0);

    bg__config triad, copy, other;
    assert_int_equal(bg__settings_for_family(&st, "triad", &triad, &err), BG_OK);
    assert_close(triad.min_time, 1.5);
    assert_int_equal(triad.source[BG__OPT_MIN_TIME], BG__SRC_YAML_BENCH);
    assert_close(triad.max_noise, 3.0);
    assert_int_equal(triad.axis_count, 2); /* a YAML list of axis settings */
    assert_string_equal(triad.axis[0], "n=8,16");
    assert_string_equal(triad.axis[1], "threads=2");
    assert_int_equal(triad.source[BG__OPT_AXIS], BG__SRC_YAML_BENCH);
    assert_close(triad.threshold_time, 9.0);
    assert_int_equal(triad.source[BG__OPT_THRESHOLD_TIME], BG__SRC_YAML_BENCH);
    assert_close(triad.threshold_accuracy, 1.0);
    assert_int_equal(triad.repetitions, 4); /* from run:, not copy's override */
    assert_int_equal(triad.source[BG__OPT_REPETITIONS], BG__SRC_YAML);

    assert_int_equal(bg__settings_for_family(&st, "copy", &copy, &err), BG_OK);
    assert_int_equal(copy.repetitions, 9);
    assert_int_equal(copy.source[BG__OPT_REPETITIONS], BG__SRC_YAML_BENCH);
    assert_close(copy.min_time, 0.4);
    assert_close(copy.threshold_time, 6.0);
    assert_int_equal(copy.axis_count, 0);

    /* Family names match exactly: no prefix or suffix matches. */
    static const char *const others[] = {"tri", "triad2", "Triad", "scale"};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        assert_int_equal(bg__settings_for_family(&st, others[i], &other, &err), BG_OK);
        assert_same_config(&other, &st.global);
    }
    bg__settings_free(&st);
}

static void test_family_override_beaten_by_env_and_flag(void **unused) {
    (void)unused;
    bg__settings st;
    bg__error err;
    assert_int_equal(load(&st, ARGV(CONFIG_FLAG("family.yaml"), "--max-noise=4%"),
                          ENV("BENCH_MIN_TIME=250ms"), &err),
                     BG_OK);
    bg__config triad;
    assert_int_equal(bg__settings_for_family(&st, "triad", &triad, &err), BG_OK);
    assert_close(triad.min_time, 0.25);
    assert_int_equal(triad.source[BG__OPT_MIN_TIME], BG__SRC_ENV);
    assert_close(triad.max_noise, 4.0);
    assert_int_equal(triad.source[BG__OPT_MAX_NOISE], BG__SRC_FLAG);
    /* Overrides that no env or flag touches still apply. */
    assert_close(triad.threshold_time, 9.0);
    assert_string_equal(triad.axis[0], "n=8,16");

    /* The environment reaches every family, the family's own override stays. */
    bg__config copy;
    assert_int_equal(bg__settings_for_family(&st, "copy", &copy, &err), BG_OK);
    assert_int_equal(copy.repetitions, 9);
    assert_close(copy.min_time, 0.25);
    bg__settings_free(&st);
}

static int has_axis(const bg__config *c, const char *setting) {
    for (int i = 0; i < c->axis_count; i++)
        if (strcmp(c->axis[i], setting) == 0)
            return 1;
    return 0;
}

static void test_family_axis_survives_unrelated_axis_flag(void **unused) {
    (void)unused;
    /* --axis replaces the axis it names, as it does for the run: section's axes (see
     * test_axis_repeated_and_replaced); a family's settings of other axes stay. */
    bg__settings st;
    bg__error err;
    assert_int_equal(load(&st, ARGV(CONFIG_FLAG("family.yaml"), "--axis=threads=8"), NOENV, &err),
                     BG_OK);
    bg__config triad;
    bg_err rc = bg__settings_for_family(&st, "triad", &triad, &err);
    bg__settings_free(&st); /* before the checks: nothing leaks when one fails */
    assert_int_equal(rc, BG_OK);
    assert_true(has_axis(&triad, "threads=8")); /* the flag beats the family's threads=2 */
    assert_false(has_axis(&triad, "threads=2"));
    assert_true(has_axis(&triad, "n=8,16")); /* the family's n is not named by any flag */
}

/* ---- value forms ------------------------------------------------------------------------- */

static bg_err set(bg__config *c, bg__opt_id id, const char *value, bg__error *err) {
    memset(err, 0, sizeof *err);
    return bg__config_set(c, id, value, BG__SRC_FLAG, "test", err);
}

static void test_duration_forms(void **unused) {
    (void)unused;
    bg__config c;
    bg__error err;
    bg__config_defaults(&c);
    static const struct {
        const char *text;
        double seconds;
    } ok[] = {{"500ms", 0.5}, {"2s", 2.0}, {"0.75", 0.75}, {"250us", 250e-6},
              {"1min", 60.0}, {"0", 0.0},  {"1.5 s", 1.5}, {"3600", 3600.0}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        assert_int_equal(set(&c, BG__OPT_MIN_TIME, ok[i].text, &err), BG_OK);
        assert_close(c.min_time, ok[i].seconds);
    }
    assert_int_equal(set(&c, BG__OPT_WARMUP, "20ms", &err), BG_OK);
    assert_close(c.warmup, 0.02);
    assert_int_equal(set(&c, BG__OPT_MAX_TIME, "3h", &err), BG_ECONFIG);
    assert_contains(err.msg, "unknown unit");
    assert_int_equal(set(&c, BG__OPT_MAX_TIME, "0", &err), BG_ECONFIG); /* at least 1ms */
    assert_contains(err.msg, "out of range");
    assert_int_equal(set(&c, BG__OPT_MIN_TIME, "-1", &err), BG_ECONFIG);
    assert_int_equal(set(&c, BG__OPT_MIN_TIME, "nan", &err), BG_ECONFIG);
    assert_int_equal(set(&c, BG__OPT_MIN_TIME, "inf", &err), BG_ECONFIG);
    assert_close(c.min_time, 3600.0);
    assert_close(c.max_time, 1.0);
}

static void test_percent_forms(void **unused) {
    (void)unused;
    bg__config c;
    bg__error err;
    bg__config_defaults(&c);
    assert_int_equal(set(&c, BG__OPT_MAX_NOISE, "5%", &err), BG_OK);
    assert_close(c.max_noise, 5.0);
    assert_int_equal(set(&c, BG__OPT_MAX_NOISE, "0.5", &err), BG_OK);
    assert_close(c.max_noise, 0.5);
    assert_int_equal(set(&c, BG__OPT_THRESHOLD, "3%", &err), BG_OK);
    assert_close(c.threshold, 3.0);
    assert_int_equal(set(&c, BG__OPT_THRESHOLD_ACCURACY, "0.25", &err), BG_OK);
    assert_close(c.threshold_accuracy, 0.25);
    assert_int_equal(set(&c, BG__OPT_MAX_NOISE, "5 percent", &err), BG_ECONFIG);
    assert_contains(err.msg, "is not a percentage");
    assert_int_equal(set(&c, BG__OPT_THRESHOLD_ACCURACY, "101", &err), BG_ECONFIG);
    assert_contains(err.msg, "out of range");
    assert_close(c.max_noise, 0.5);
}

static void test_boolean_forms(void **unused) {
    (void)unused;
    static const struct {
        const char *text;
        int value;
    } forms[] = {{"yes", 1}, {"no", 0}, {"true", 1}, {"false", 0},
                 {"1", 1},   {"0", 0},  {"on", 1},   {"off", 0}};
    bg__config c;
    bg__error err;
    bg__config_defaults(&c);
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        c.skip_warmup = !forms[i].value;
        assert_int_equal(set(&c, BG__OPT_SKIP_WARMUP, forms[i].text, &err), BG_OK);
        assert_int_equal(c.skip_warmup, forms[i].value);
    }
    assert_int_equal(set(&c, BG__OPT_COLD, "maybe", &err), BG_ECONFIG);
    assert_contains(err.msg, "'maybe' is not a boolean");
    assert_int_equal(c.cold, 0);

    /* The same forms through the environment. */
    bg__config_defaults(&c);
    assert_int_equal(
        apply_env(&c, ENV("BENCH_COLD=yes", "BENCH_NO_UI=1", "BENCH_DRY_RUN=true"), &err), BG_OK);
    assert_int_equal(c.cold, 1);
    assert_int_equal(c.no_ui, 1);
    assert_int_equal(c.dry_run, 1);
    assert_int_equal(c.source[BG__OPT_NO_UI], BG__SRC_ENV);
}

static void test_switches_need_no_value(void **unused) {
    (void)unused;
    bg__settings st;
    bg__error err;
    assert_int_equal(load(&st,
                          ARGV("--skip-warmup", "--cold", "--no-ui", "--dry-run", "--list",
                               "--fail-on-inconclusive", "--help", "--version"),
                          NOENV, &err),
                     BG_OK);
    const bg__config *c = &st.global;
    assert_int_equal(c->skip_warmup, 1);
    assert_int_equal(c->source[BG__OPT_SKIP_WARMUP], BG__SRC_FLAG);
    assert_int_equal(c->cold, 1);
    assert_int_equal(c->no_ui, 1);
    assert_int_equal(c->dry_run, 1);
    assert_int_equal(c->list, 1);
    assert_int_equal(c->fail_on_inconclusive, 1);
    assert_int_equal(c->help, 1);
    assert_int_equal(c->version, 1);
    bg__settings_free(&st);

    /* A switch takes an explicit value after '=', and does not swallow the next argument. */
    assert_int_equal(
        load(&st, ARGV(CONFIG_FLAG("good.yaml"), "--skip-warmup=no", "--cold"), NOENV, &err),
        BG_OK);
    assert_int_equal(st.global.skip_warmup, 0); /* the file said yes */
    assert_int_equal(st.global.source[BG__OPT_SKIP_WARMUP], BG__SRC_FLAG);
    assert_int_equal(st.global.cold, 1);
    bg__settings_free(&st);
    assert_int_equal(bg__opt_is_switch(BG__OPT_SKIP_WARMUP), 1);
    assert_int_equal(bg__opt_is_switch(BG__OPT_MIN_TIME), 0);
}

static void test_space_separated_values(void **unused) {
    (void)unused;
    bg__settings st;
    bg__error err;
    assert_int_equal(load(&st,
                          ARGV("--repetitions", "5", "--seed", "1234", "--device", "cpu",
                               "--measure", "instructions", "--output-dir", "out/run1"),
                          NOENV, &err),
                     BG_OK);
    assert_int_equal(st.global.repetitions, 5);
    assert_int_equal(st.global.source[BG__OPT_REPETITIONS], BG__SRC_FLAG);
    assert_int_equal(st.global.seed, 1234);
    assert_int_equal(st.global.device, BG__DEVICE_CPU);
    assert_int_equal(st.global.measure, BG__MEASURE_INSTRUCTIONS);
    assert_string_equal(st.global.output_dir, "out/run1");
    bg__settings_free(&st);
}

static void test_format_list(void **unused) {
    (void)unused;
    bg__settings st;
    bg__error err;
    assert_int_equal(load(&st, ARGV("--format=json,csv"), NOENV, &err), BG_OK);
    assert_int_equal(st.global.formats, BG__FORMAT_JSON | BG__FORMAT_CSV);
    assert_int_equal(st.global.source[BG__OPT_FORMAT], BG__SRC_FLAG);
    bg__settings_free(&st);
    assert_int_equal(load(&st, ARGV("--format", "console"), ENV("BENCH_FORMAT=json"), &err), BG_OK);
    assert_int_equal(st.global.formats, BG__FORMAT_CONSOLE);
    bg__settings_free(&st);
    assert_int_equal(load(&st, ARGV0, ENV("BENCH_FORMAT=csv,json,csv"), &err), BG_OK);
    assert_int_equal(st.global.formats, BG__FORMAT_JSON | BG__FORMAT_CSV);
    assert_int_equal(st.global.source[BG__OPT_FORMAT], BG__SRC_ENV);
    bg__settings_free(&st);
}

static void test_axis_repeated_and_replaced(void **unused) {
    (void)unused;
    bg__settings st;
    bg__error err;
    assert_int_equal(
        load(&st, ARGV("--axis=n=1,2", "--axis", "threads=4", "--axis=nn=7", "--axis=n=1024"),
             NOENV, &err),
        BG_OK);
    assert_int_equal(st.global.axis_count, 3);
    assert_string_equal(st.global.axis[0], "n=1024"); /* same axis replaced in place */
    assert_string_equal(st.global.axis[1], "threads=4");
    assert_string_equal(st.global.axis[2], "nn=7"); /* a longer name is another axis */
    assert_int_equal(st.global.source[BG__OPT_AXIS], BG__SRC_FLAG);
    bg__settings_free(&st);

    /* A flag for one axis replaces that axis of the file and keeps the others. */
    assert_int_equal(load(&st, ARGV(CONFIG_FLAG("good.yaml"), "--axis=m=5,6"), NOENV, &err), BG_OK);
    assert_int_equal(st.global.axis_count, 2);
    assert_string_equal(st.global.axis[0], "n=1,2");
    assert_string_equal(st.global.axis[1], "m=5,6");
    bg__settings_free(&st);

    /* At most BG__MAX_AXIS_SETTINGS distinct axes. */
    bg__config c;
    bg__config_defaults(&c);
    char text[32];
    for (int i = 0; i < BG__MAX_AXIS_SETTINGS; i++) {
        snprintf(text, sizeof text, "a%d=%d", i, i);
        assert_int_equal(set(&c, BG__OPT_AXIS, text, &err), BG_OK);
    }
    assert_int_equal(set(&c, BG__OPT_AXIS, "extra=1", &err), BG_ECONFIG);
    assert_contains(err.msg, "too many");
    assert_int_equal(c.axis_count, BG__MAX_AXIS_SETTINGS);
    assert_int_equal(set(&c, BG__OPT_AXIS, "a3=9", &err), BG_OK); /* replacing still works */
    assert_string_equal(c.axis[3], "a3=9");
}

static void test_filter_regex(void **unused) {
    (void)unused;
    bg__settings st;
    bg__error err;
    assert_int_equal(load(&st, ARGV("--filter=^triad/(n=1|n=2)$"), NOENV, &err), BG_OK);
    assert_string_equal(st.global.filter, "^triad/(n=1|n=2)$");
    assert_int_equal(st.global.source[BG__OPT_FILTER], BG__SRC_FLAG);
    bg__settings_free(&st);
    assert_int_equal(load(&st, ARGV("--filter", "copy|scale"), NOENV, &err), BG_OK);
    assert_string_equal(st.global.filter, "copy|scale");
    bg__settings_free(&st);
}

static void test_numbers_and_paths(void **unused) {
    (void)unused;
    bg__settings st;
    bg__error err;
    assert_int_equal(
        load(&st,
             ARGV("--seed=0", "--min-samples=1000000", "--batch-size=64", "--concurrency=1024",
                  "--baseline=base.json", "--dataset-path=/data", "--threshold=2.5"),
             NOENV, &err),
        BG_OK);
    assert_int_equal(st.global.seed, 0);
    assert_int_equal(st.global.min_samples, 1000000);
    assert_int_equal(st.global.batch_size, 64);
    assert_int_equal(st.global.concurrency, 1024);
    assert_string_equal(st.global.baseline, "base.json");
    assert_string_equal(st.global.dataset_path, "/data");
    assert_close(st.global.threshold, 2.5);
    bg__settings_free(&st);
}

/* ---- bad flags ---------------------------------------------------------------------------- */

static void test_unknown_flag(void **unused) {
    (void)unused;
    assert_load_fails(ARGV("--min-tim=1"), NOENV, BG_EUSAGE, "--min-tim:", "unknown flag");
    assert_load_fails(ARGV("--bogus"), NOENV, BG_EUSAGE, "--bogus", "unknown flag");
    /* Thresholds are YAML-only: there is no --time flag. */
    assert_load_fails(ARGV("--time=5"), NOENV, BG_EUSAGE, "--time", "unknown flag");
}

static void test_missing_value(void **unused) {
    (void)unused;
    assert_load_fails(ARGV("--repetitions"), NOENV, BG_EUSAGE, "--repetitions", "needs a value");
    assert_load_fails(ARGV("--seed=1", "--min-time"), NOENV, BG_EUSAGE, "--min-time",
                      "needs a value");
    assert_load_fails(ARGV("--min-time="), NOENV, BG_EUSAGE, "--min-time", "value is empty");
}

static void test_non_number(void **unused) {
    (void)unused;
    assert_load_fails(ARGV("--min-time=abc"), NOENV, BG_EUSAGE, "command line --min-time",
                      "'abc' is not a duration");
    assert_load_fails(ARGV("--repetitions=3.5"), NOENV, BG_EUSAGE, "command line --repetitions",
                      "'3.5' is not an integer");
    assert_load_fails(ARGV("--seed", "x1"), NOENV, BG_EUSAGE, "--seed", "is not an integer");
}

static void test_out_of_range(void **unused) {
    (void)unused;
    assert_load_fails(ARGV("--repetitions=0"), NOENV, BG_EUSAGE, "--repetitions",
                      "'0' is out of range");
    assert_load_fails(ARGV("--max-noise=0"), NOENV, BG_EUSAGE, "--max-noise",
                      "'0' is out of range");
    assert_load_fails(ARGV("--concurrency=100000"), NOENV, BG_EUSAGE, "--concurrency",
                      "'100000' is out of range");
    assert_load_fails(ARGV("--seed=-1"), NOENV, BG_EUSAGE, "--seed", "out of range");
    assert_load_fails(ARGV("--repetitions=1001"), NOENV, BG_EUSAGE, "--repetitions",
                      "out of range");
}

static void test_bad_enum(void **unused) {
    (void)unused;
    assert_load_fails(ARGV("--device=tpu"), NOENV, BG_EUSAGE, "--device",
                      "'tpu' is not one of cpu, cuda, auto, all");
    assert_load_fails(ARGV("--measure=energy"), NOENV, BG_EUSAGE, "--measure",
                      "'energy' is not one of time, cpu, instructions");
}

static void test_bad_regex(void **unused) {
    (void)unused;
    assert_load_fails(ARGV("--filter=("), NOENV, BG_EUSAGE, "--filter",
                      "'(' is not a valid POSIX extended regular expression");
    assert_load_fails(ARGV("--filter", "a[b"), NOENV, BG_EUSAGE, "--filter", "regular expression");
}

static void test_bad_format_list(void **unused) {
    (void)unused;
    assert_load_fails(ARGV("--format=json,xml"), NOENV, BG_EUSAGE, "--format",
                      "unknown format (use json, csv, console)");
    assert_load_fails(ARGV("--format=,"), NOENV, BG_EUSAGE, "--format", "has an empty item");
    assert_load_fails(ARGV("--format=json,,csv"), NOENV, BG_EUSAGE, "--format",
                      "has an empty item");
    assert_load_fails(ARGV("--format=JSON"), NOENV, BG_EUSAGE, "--format", "unknown format");
}

static void test_bad_axis(void **unused) {
    (void)unused;
    assert_load_fails(ARGV("--axis=n"), NOENV, BG_EUSAGE, "--axis", "'n' is not NAME=VALUES");
    assert_load_fails(ARGV("--axis==1"), NOENV, BG_EUSAGE, "--axis", "'=1' is not NAME=VALUES");
    assert_load_fails(ARGV("--axis=n=1,,2"), NOENV, BG_EUSAGE, "--axis", "has an empty value");
    assert_load_fails(ARGV("--axis=n=1,"), NOENV, BG_EUSAGE, "--axis", "has an empty value");
    assert_load_fails(ARGV("--axis=n="), NOENV, BG_EUSAGE, "--axis", "has an empty value");
    assert_load_fails(ARGV("--axis=n-x=1"), NOENV, BG_EUSAGE, "--axis", "axis name");
    assert_load_fails(ARGV("--axis=n=1 2"), NOENV, BG_EUSAGE, "--axis", "spaces");
    assert_load_fails(ARGV("--axis=n=a/b"), NOENV, BG_EUSAGE, "--axis", "'/'");
}

static void test_positional_argument(void **unused) {
    (void)unused;
    assert_load_fails(ARGV("triad"), NOENV, BG_EUSAGE, "'triad'", "unexpected argument");
    assert_load_fails(ARGV("--seed=1", "-v"), NOENV, BG_EUSAGE, "'-v'", "unexpected argument");
    assert_load_fails(ARGV("--"), NOENV, BG_EUSAGE, "'--'", "unexpected argument");
    /* A switch does not take the next argument as its value. */
    assert_load_fails(ARGV("--cold", "false"), NOENV, BG_EUSAGE, "'false'", "unexpected argument");
}

static void test_apply_flags_directly(void **unused) {
    (void)unused;
    bg__config c;
    bg__error err = {0};
    bg__config_defaults(&c);
    char **argv = ARGV("ignored", "--repetitions", "7", "--max-time=300ms");
    assert_int_equal(apply_flags(&c, 5, argv, 2, &err), BG_OK);
    assert_int_equal(c.repetitions, 7);
    assert_close(c.max_time, 0.3);
    assert_int_equal(c.source[BG__OPT_MAX_TIME], BG__SRC_FLAG);
    /* argc bounds the flags: the value after argc is not read. */
    bg__config_defaults(&c);
    assert_int_equal(apply_flags(&c, 3, argv, 2, &err), BG_EUSAGE);
    assert_contains(err.msg, "--repetitions");
    assert_contains(err.msg, "needs a value");
}

/* ---- bad YAML ------------------------------------------------------------------------------ */

static void check_yaml_fails(const char *fixture, const char *where, const char *what,
                             const char *file, int line) {
    char expect[BG__PATH_MAX + 64];
    snprintf(expect, sizeof expect, "%s:%s", FIXTURE(fixture), where);
    check_load_fails(ARGV(CONFIG_FLAG(fixture)), NOENV, BG_ECONFIG, expect, what, file, line);
    /* bg__config_load_yaml reports the same on its own. */
    bg__settings st;
    bg__error err = {0};
    memset(&st, 0, sizeof st);
    bg__config_defaults(&st.global);
    bg_err rc = bg__config_load_yaml(&st, FIXTURE(fixture), &err);
    bg__settings_free(&st);
    if (rc != BG_ECONFIG) {
        print_error("bg__config_load_yaml(%s) returned %d\n", fixture, (int)rc);
        _fail(file, line);
    }
    check_contains(err.msg, expect, file, line);
}
#define assert_yaml_fails(fixture, where, what)                                                    \
    check_yaml_fails((fixture), (where), (what), __FILE__, __LINE__)

static void test_yaml_duplicate_key(void **unused) {
    (void)unused;
    assert_yaml_fails("duplicate_key.yaml", "5:3: ", "duplicate key 'min_time' (first at line 4)");
}

static void test_yaml_second_document(void **unused) {
    (void)unused;
    assert_yaml_fails("two_documents.yaml", "3:1: ", "only one YAML document is read");
}

static void test_yaml_empty_section_and_boolean_case(void **unused) {
    (void)unused;
    bg__settings st;
    bg__error err = {0};
    assert_int_equal(
        bg__settings_load(&st, 2, ARGV(CONFIG_FLAG("empty_section.yaml")), NOENV, &err), BG_OK);
    assert_int_equal(st.global.skip_warmup, 1);
    assert_int_equal(st.global.source[BG__OPT_SKIP_WARMUP], BG__SRC_YAML);
    bg__settings_free(&st);
}

static void test_yaml_unknown_key(void **unused) {
    (void)unused;
    assert_yaml_fails("unknown_key.yaml", "4:3: ", "unknown key 'min_tme' in section run");
}

static void test_yaml_unknown_section(void **unused) {
    (void)unused;
    assert_yaml_fails("unknown_section.yaml", "3:1: ",
                      "unknown key 'runs' (expected version, run, thresholds, telemetry, notify, "
                      "benchmarks)");
}

static void test_yaml_syntax_error(void **unused) {
    (void)unused;
    assert_yaml_fails("syntax_error.yaml",
                      "4:16: YAML syntax error: ", "mapping values are not allowed");
}

static void test_yaml_wrong_type(void **unused) {
    (void)unused;
    assert_yaml_fails("bad_type.yaml", "5:5: ", "min_time: expected a single value");
}

static void test_yaml_version_2_refused(void **unused) {
    (void)unused;
    assert_yaml_fails("version2.yaml", "2:10: ", "only version 1 is understood");
}

static void test_yaml_bad_value(void **unused) {
    (void)unused;
    assert_yaml_fails("bad_value.yaml", "5:16: ", "repetitions: '0' is out of range");
}

static void test_yaml_key_not_per_family(void **unused) {
    (void)unused;
    assert_yaml_fails("bad_family_key.yaml", "5:5: ", "'output_dir' cannot be set per benchmark");
    assert_yaml_fails("bad_family_threshold.yaml", "6:14: ", "'speed=fast' is not a percentage");
}

static void test_yaml_bad_family_value(void **unused) {
    (void)unused;
    assert_yaml_fails("bad_family_value.yaml", "6:15: ", "min_time: 'fast' is not a duration");
}

static void test_yaml_missing_file(void **unused) {
    (void)unused;
    assert_load_fails(ARGV(CONFIG_FLAG("no_such_file.yaml")), NOENV, BG_ECONFIG,
                      FIXTURE("no_such_file.yaml"), "cannot open");
    assert_load_fails(ARGV0, ENV("BENCH_CONFIG=/nonexistent/bench.yaml"), BG_ECONFIG,
                      "/nonexistent/bench.yaml: cannot open", NULL);
}

/* ---- the environment ----------------------------------------------------------------------- */

static void test_env_bad_value(void **unused) {
    (void)unused;
    assert_load_fails(ARGV0, ENV("BENCH_MIN_TIME=abc"), BG_ECONFIG, "environment BENCH_MIN_TIME",
                      "'abc' is not a duration");
    assert_load_fails(ARGV0, ENV("BENCH_DEVICE=tpu"), BG_ECONFIG, "environment BENCH_DEVICE",
                      "'tpu'");
    assert_load_fails(ARGV0, ENV("BENCH_REPETITIONS="), BG_ECONFIG, "environment BENCH_REPETITIONS",
                      "value is empty");
    /* A bad variable fails even when a flag sets the same option. */
    assert_load_fails(ARGV("--min-time=1"), ENV("BENCH_MIN_TIME=abc"), BG_ECONFIG, "BENCH_MIN_TIME",
                      "is not a duration");
}

static void test_env_unknown_only_warns(void **unused) {
    (void)unused;
    bg__settings st;
    bg__error err;
    assert_int_equal(
        load(&st, ARGV0,
             ENV("BENCH_FOO=1", "BENCHMARK=x", "PATH=/bin", "BENCH_SEED=5", "BENCH_NO_EQUALS_SIGN"),
             &err),
        BG_OK);
    assert_int_equal(err.code, BG_OK);
    assert_int_equal(st.global.seed, 5);
    for (int i = 0; i < BG__OPT_COUNT; i++)
        if (i != BG__OPT_SEED)
            assert_int_equal(st.global.source[i], BG__SRC_DEFAULT);
    bg__settings_free(&st);
}

/* ---- a failed setting changes nothing ------------------------------------------------------ */

static void test_failed_set_leaves_config_unchanged(void **unused) {
    (void)unused;
    bg__config c;
    bg__error err = {0};
    bg__config_defaults(&c);
    assert_int_equal(
        bg__config_set(&c, BG__OPT_MIN_TIME, "0.5", BG__SRC_YAML, "bench.yaml:3:5", &err), BG_OK);
    assert_int_equal(bg__config_set(&c, BG__OPT_AXIS, "n=1,2", BG__SRC_YAML, "y", &err), BG_OK);
    bg__config before = c;

    assert_int_equal(
        bg__config_set(&c, BG__OPT_MIN_TIME, "abc", BG__SRC_FLAG, "command line --min-time", &err),
        BG_ECONFIG);
    assert_int_equal(err.code, BG_ECONFIG);
    assert_string_equal(err.msg,
                        "command line --min-time: min_time: 'abc' is not a duration (write "
                        "seconds, e.g. 0.5, 500ms or 2s)");
    assert_close(c.min_time, 0.5);
    assert_int_equal(c.source[BG__OPT_MIN_TIME], BG__SRC_YAML);

    assert_int_equal(bg__config_set(&c, BG__OPT_AXIS, "m=1,,2", BG__SRC_FLAG, "f", &err),
                     BG_ECONFIG);
    assert_int_equal(bg__config_set(&c, BG__OPT_FORMAT, "xml", BG__SRC_ENV, "e", &err), BG_ECONFIG);
    assert_int_equal(bg__config_set(&c, BG__OPT_FILTER, "(", BG__SRC_FLAG, "f", &err), BG_ECONFIG);
    assert_int_equal(bg__config_set(&c, BG__OPT_OUTPUT_DIR, "", BG__SRC_FLAG, "f", &err),
                     BG_ECONFIG);
    assert_contains(err.msg, "f: output_dir: value is empty");
    assert_int_equal(bg__config_set(&c, BG__OPT_SEED, NULL, BG__SRC_FLAG, "f", &err), BG_ECONFIG);
    assert_same_config(&c, &before);
}

/* ---- formatting and lookups ------------------------------------------------------------------ */

static void test_format_round_trip(void **unused) {
    (void)unused;
    bg__config a, b;
    bg__error err = {0};
    bg__config_defaults(&a);
    static const struct {
        bg__opt_id id;
        const char *in;
        const char *formatted;
    } cases[] = {
        {BG__OPT_MIN_TIME, "500ms", "0.5"},
        {BG__OPT_MAX_TIME, "2s", "2"},
        {BG__OPT_REPETITIONS, "7", "7"},
        {BG__OPT_MAX_NOISE, "2.5%", "2.5"},
        {BG__OPT_SEED, "9007199254740993", "9007199254740993"},
        {BG__OPT_FORMAT, "csv,json", "json,csv"},
        {BG__OPT_DEVICE, "cuda", "cuda"},
        {BG__OPT_MEASURE, "cpu", "cpu"},
        {BG__OPT_FILTER, "^a|b$", "^a|b$"},
        {BG__OPT_OUTPUT_DIR, "out dir", "out dir"},
        {BG__OPT_SKIP_WARMUP, "yes", "1"},
        {BG__OPT_THRESHOLD_TIME, "7%", "7"},
        {BG__OPT_THRESHOLD_ACCURACY, "0.25", "0.25"},
    };
    char buf[BG__PATH_MAX];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(bg__config_set(&a, cases[i].id, cases[i].in, BG__SRC_FLAG, "t", &err),
                         BG_OK);
    bg__config_defaults(&b);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bg__config_format(&a, cases[i].id, buf, sizeof buf);
        assert_string_equal(buf, cases[i].formatted);
        assert_int_equal(bg__config_set(&b, cases[i].id, buf, BG__SRC_FLAG, "t", &err), BG_OK);
    }
    assert_same_config(&a, &b);

    /* Defaults format as documented; a small buffer truncates safely. */
    bg__config_defaults(&a);
    bg__config_format(&a, BG__OPT_FORMAT, buf, sizeof buf);
    assert_string_equal(buf, "json,csv,console");
    bg__config_format(&a, BG__OPT_DEVICE, buf, sizeof buf);
    assert_string_equal(buf, "all");
    bg__config_format(&a, BG__OPT_MIN_TIME, buf, sizeof buf);
    assert_string_equal(buf, "0.2");
    bg__config_format(&a, BG__OPT_THRESHOLD_MEMORY, buf, sizeof buf);
    assert_string_equal(buf, "10");
    char small[4];
    bg__config_format(&a, BG__OPT_FORMAT, small, sizeof small);
    assert_string_equal(small, "jso");
}

static void test_format_keeps_full_precision(void **unused) {
    (void)unused;
    /* The recorded effective config must reproduce the value that was set. */
    bg__config a, b;
    bg__error err = {0};
    bg__config_defaults(&a);
    bg__config_defaults(&b);
    char buf[64];
    assert_int_equal(set(&a, BG__OPT_MIN_TIME, "0.1234567", &err), BG_OK);
    bg__config_format(&a, BG__OPT_MIN_TIME, buf, sizeof buf);
    assert_int_equal(set(&b, BG__OPT_MIN_TIME, buf, &err), BG_OK);
    assert_true(a.min_time == b.min_time);
    assert_int_equal(set(&a, BG__OPT_THRESHOLD, "1.0000001", &err), BG_OK);
    bg__config_format(&a, BG__OPT_THRESHOLD, buf, sizeof buf);
    assert_int_equal(set(&b, BG__OPT_THRESHOLD, buf, &err), BG_OK);
    assert_true(a.threshold == b.threshold);
}

static void test_option_lookups(void **unused) {
    (void)unused;
    const bg__opt_info *o = bg__opt_by_flag("min-time");
    assert_non_null(o);
    assert_int_equal(o->id, BG__OPT_MIN_TIME);
    assert_string_equal(o->env, "BENCH_MIN_TIME");
    assert_string_equal(o->yaml_key, "min_time");
    assert_string_equal(o->yaml_section, "run");
    assert_int_equal(o->per_family, 1);
    assert_ptr_equal(bg__opt_by_env("BENCH_MIN_TIME"), o);
    assert_ptr_equal(bg__opt_by_yaml("run", "min_time"), o);
    assert_ptr_equal(bg__opt(BG__OPT_MIN_TIME), o);

    assert_int_equal(bg__opt_by_yaml("thresholds", "time")->id, BG__OPT_THRESHOLD_TIME);
    assert_int_equal(bg__opt_by_yaml("thresholds", "memory")->id, BG__OPT_THRESHOLD_MEMORY);
    assert_int_equal(bg__opt_by_yaml("run", "threshold")->id, BG__OPT_THRESHOLD);
    assert_int_equal(bg__opt_by_flag("skip-warmup")->id, BG__OPT_SKIP_WARMUP);
    assert_int_equal(bg__opt_by_env("BENCH_CONFIG")->id, BG__OPT_CONFIG);
    assert_int_equal(bg__opt_by_flag("config")->id, BG__OPT_CONFIG);
    assert_int_equal(bg__opt_by_env("BENCH_DRY_RUN")->id, BG__OPT_DRY_RUN);

    assert_null(bg__opt_by_flag("min_time")); /* flags use '-' */
    assert_null(bg__opt_by_flag("--min-time"));
    assert_null(bg__opt_by_flag(""));
    assert_null(bg__opt_by_yaml("run", "min-time"));
    assert_null(bg__opt_by_yaml("run", "time")); /* a threshold, not a run key */
    assert_null(bg__opt_by_yaml("thresholds", "min_time"));
    assert_null(bg__opt_by_yaml("run", "config")); /* not settable from YAML */
    assert_null(bg__opt_by_env("BENCH_FOO"));
    assert_null(bg__opt_by_env("BENCH_min_time"));

    /* The table: entries in id order, every name findable, envs spelled BENCH_*. */
    for (int i = 0; i < BG__OPT_COUNT; i++) {
        const bg__opt_info *e = bg__opt((bg__opt_id)i);
        assert_int_equal(e->id, i);
        if (e->flag) {
            assert_ptr_equal(bg__opt_by_flag(e->flag), e);
            assert_null(strchr(e->flag, '_'));
        }
        if (e->env) {
            assert_ptr_equal(bg__opt_by_env(e->env), e);
            assert_int_equal(strncmp(e->env, "BENCH_", 6), 0);
        }
        if (e->yaml_key)
            assert_ptr_equal(bg__opt_by_yaml(e->yaml_section, e->yaml_key), e);
    }
    assert_string_equal(bg__source_name(BG__SRC_DEFAULT), "default");
    assert_string_equal(bg__source_name(BG__SRC_ENV), "environment");
    assert_string_equal(bg__source_name(BG__SRC_FLAG), "flag");
}

static void test_config_flag_empty_is_usage_error(void **unused) {
    (void)unused;
    /* Like every other bad flag value, an empty --config= is a usage error. */
    assert_load_fails(ARGV("--config="), NOENV, BG_EUSAGE, "--config", "value is empty");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_help_defaults_match),
        cmocka_unit_test(test_empty_yaml_keeps_defaults),
        cmocka_unit_test(test_cwd_bench_yaml_is_read),
        cmocka_unit_test(test_yaml_beats_default),
        cmocka_unit_test(test_env_beats_yaml),
        cmocka_unit_test(test_flag_beats_env),
        cmocka_unit_test(test_flag_before_config_still_wins),
        cmocka_unit_test(test_bench_config_env_and_flag),
        cmocka_unit_test(test_config_set_precedence),
        cmocka_unit_test(test_family_override),
        cmocka_unit_test(test_family_override_beaten_by_env_and_flag),
        cmocka_unit_test(test_family_axis_survives_unrelated_axis_flag),
        cmocka_unit_test(test_duration_forms),
        cmocka_unit_test(test_percent_forms),
        cmocka_unit_test(test_boolean_forms),
        cmocka_unit_test(test_switches_need_no_value),
        cmocka_unit_test(test_space_separated_values),
        cmocka_unit_test(test_format_list),
        cmocka_unit_test(test_axis_repeated_and_replaced),
        cmocka_unit_test(test_filter_regex),
        cmocka_unit_test(test_numbers_and_paths),
        cmocka_unit_test(test_unknown_flag),
        cmocka_unit_test(test_missing_value),
        cmocka_unit_test(test_non_number),
        cmocka_unit_test(test_out_of_range),
        cmocka_unit_test(test_bad_enum),
        cmocka_unit_test(test_bad_regex),
        cmocka_unit_test(test_bad_format_list),
        cmocka_unit_test(test_bad_axis),
        cmocka_unit_test(test_positional_argument),
        cmocka_unit_test(test_apply_flags_directly),
        cmocka_unit_test(test_yaml_unknown_key),
        cmocka_unit_test(test_yaml_duplicate_key),
        cmocka_unit_test(test_yaml_second_document),
        cmocka_unit_test(test_yaml_empty_section_and_boolean_case),
        cmocka_unit_test(test_yaml_unknown_section),
        cmocka_unit_test(test_yaml_syntax_error),
        cmocka_unit_test(test_yaml_wrong_type),
        cmocka_unit_test(test_yaml_version_2_refused),
        cmocka_unit_test(test_yaml_bad_value),
        cmocka_unit_test(test_yaml_key_not_per_family),
        cmocka_unit_test(test_yaml_bad_family_value),
        cmocka_unit_test(test_yaml_missing_file),
        cmocka_unit_test(test_env_bad_value),
        cmocka_unit_test(test_env_unknown_only_warns),
        cmocka_unit_test(test_failed_set_leaves_config_unchanged),
        cmocka_unit_test(test_format_round_trip),
        cmocka_unit_test(test_format_keeps_full_precision),
        cmocka_unit_test(test_option_lookups),
        cmocka_unit_test(test_config_flag_empty_is_usage_error),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
