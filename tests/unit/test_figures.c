/* test_figures.c - unit tests of src/common/figures.c (figures for people) and
 * src/common/term_text.c (width, ellipsis, word wrap, display width). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"

static const char *fig(double v, const char *unit) {
    static char buf[64];
    bg__figure_human_utf8(v, unit, buf, sizeof buf);
    return buf;
}

static const char *fig_ascii(double v, const char *unit) {
    static char buf[64];
    setenv("LC_ALL", "C", 1);
    bg__figure_human(v, unit, buf, sizeof buf);
    unsetenv("LC_ALL");
    return buf;
}

static void test_times(void **state) {
    (void)state;
    assert_string_equal(fig(308, "ns"), "308 ns");
    assert_string_equal(fig(10560, "ns"), "10.56 \xc2\xb5s");
    assert_string_equal(fig(1406000, "ns"), "1.406 ms");
    assert_string_equal(fig(2.5e9, "ns"), "2.5 s");
    assert_string_equal(fig(12345e9, "ns"), "12,345 s");
    assert_string_equal(fig(6.47535e8, "error"), "6.475\xc3\x97"
                                                 "10\xe2\x81\xb8 error");
    assert_string_equal(fig(999.96, "ns"), "1 \xc2\xb5s"); /* rounds up into the next unit */
    assert_string_equal(fig(0.25, "ns"), "0.25 ns");
    assert_string_equal(fig(1.5, "s"), "1.5 s");
    assert_string_equal(fig_ascii(10560, "ns"), "10.56 us");
}

static void test_counts_and_rates(void **state) {
    (void)state;
    assert_string_equal(fig(4119, "instr"), "4,119 instr");
    assert_string_equal(fig(4119000, "instr"), "4.119 M instr");
    assert_string_equal(fig(49170, "instr"), "49.17 k instr");
    assert_string_equal(fig(9232550, "cycles"), "9.233 M cycles");
    assert_string_equal(fig(79.8e9, "B/s"), "79.8 GB/s");
    assert_string_equal(fig(1.5e12, "FLOP/s"), "1.5 TFLOP/s");
    assert_string_equal(fig(2.5e6, "items/s"), "2.5 M items/s");
    assert_string_equal(fig(1.5e6, "count"), "1.5 M");
    assert_string_equal(fig(12, "count"), "12");
}

static void test_memory(void **state) {
    (void)state;
    assert_string_equal(fig(0.09766, "MiB"), "100 KiB");
    assert_string_equal(fig(1.5, "MiB"), "1.5 MiB");
    assert_string_equal(fig(2048, "MiB"), "2 GiB");
    assert_string_equal(fig(512, "B"), "512 B");
    assert_string_equal(fig(0, "MiB"), "0 B");
}

static void test_other_units_and_missing(void **state) {
    (void)state;
    assert_string_equal(fig(NAN, "ns"), "-");
    assert_string_equal(fig(INFINITY, "instr"), "-");
    assert_string_equal(fig(12.5, "%"), "12.5%");
    assert_string_equal(fig(0.01234, "ratio"), "0.01234 ratio");
    assert_string_equal(fig(123456, ""), "123,456");
    assert_string_equal(fig(1.2e-15, "error"), "1.2\xc3\x97"
                                               "10\xe2\x81\xbb\xc2\xb9\xe2\x81\xb5 error");
    assert_string_equal(fig_ascii(1.2e-15, "error"), "1.2x10^-15 error");
    assert_string_equal(fig(-3.5e-4, ""), "-3.5\xc3\x97"
                                          "10\xe2\x81\xbb\xe2\x81\xb4");
}

/* No figure of any unit over 27 decades is in e-notation, nan, or longer than 20 columns. */
static void test_never_e_notation(void **state) {
    (void)state;
    const char *units[] = {"ns", "s", "instr", "cycles", "MiB", "B/s", "%", "count", "error", ""};
    for (size_t u = 0; u < sizeof units / sizeof *units; u++)
        for (double v = 1.234567e-12; v < 1e15; v *= 7.3) {
            const char *t = fig(v, units[u]);
            assert_null(strstr(t, "e+"));
            assert_null(strstr(t, "e-"));
            assert_null(strstr(t, "nan"));
            assert_true(bg__text_width(t) <= 20);
        }
}

static void test_term_width(void **state) {
    (void)state;
    unsetenv("COLUMNS");
    assert_int_equal(bg__term_width(), 100);
    setenv("COLUMNS", "80", 1);
    assert_int_equal(bg__term_width(), 80);
    setenv("COLUMNS", "eighty", 1);
    assert_int_equal(bg__term_width(), 100);
    setenv("COLUMNS", "5", 1); /* too narrow to lay anything out */
    assert_int_equal(bg__term_width(), 100);
    unsetenv("COLUMNS");
}

static void test_term_utf8(void **state) {
    (void)state;
    setenv("LC_ALL", "en_US.UTF-8", 1);
    assert_true(bg__term_utf8());
    setenv("LC_ALL", "C", 1);
    setenv("LANG", "C.UTF-8", 1);
    assert_false(bg__term_utf8()); /* LC_ALL wins */
    unsetenv("LC_ALL");
    assert_true(bg__term_utf8());
    setenv("LANG", "de_DE.utf8", 1);
    assert_true(bg__term_utf8());
    unsetenv("LANG");
    unsetenv("LC_CTYPE");
    assert_false(bg__term_utf8());
}

static void test_text_width(void **state) {
    (void)state;
    assert_int_equal(bg__text_width("10.56 \xc2\xb5s"), 8);
    assert_int_equal(bg__text_width("\033[32m###\033[0m"), 3);
    assert_int_equal(bg__text_width(""), 0);
}

static void test_shorten(void **state) {
    (void)state;
    char buf[128];
    const char *name = "triad/cpu/n=16777216/threads=8/layout=interleaved";
    bg__text_shorten(name, 20, 1, buf, sizeof buf);
    assert_int_equal(bg__text_width(buf), 20);
    assert_string_equal(buf, "triad/cpu/\xe2\x80\xa6"
                             "terleaved");
    bg__text_shorten(name, 20, 0, buf, sizeof buf);
    assert_string_equal(buf, "triad/cpu...erleaved");
    assert_int_equal(strlen(buf), 20);
    bg__text_shorten("short", 20, 1, buf, sizeof buf);
    assert_string_equal(buf, "short");
    bg__text_shorten("\xc2\xb5\xc2\xb5\xc2\xb5\xc2\xb5\xc2\xb5\xc2\xb5\xc2\xb5", 5, 1, buf,
                     sizeof buf); /* cut between characters, never inside one */
    assert_int_equal(bg__text_width(buf), 5);
    assert_null(bg__utf8_invalid_at(buf) != (size_t)-1 ? "invalid" : NULL);
}

static void test_wrap(void **state) {
    (void)state;
    bg__strbuf sb = {0};
    bg__text_wrap(&sb, "the baseline was captured on another machine class than this one", 30,
                  "    ", 0);
    assert_string_equal(sb.data, "the baseline was captured on\n"
                                 "    another machine class than\n"
                                 "    this one\n");
    bg__sb_free(&sb);
    bg__text_wrap(&sb, "short", 30, "  ", 0);
    assert_string_equal(sb.data, "short\n");
    bg__sb_free(&sb);
    bg__text_wrap(&sb, "a /very/long/path/that/does/not/fit/anywhere end", 20, "  ", 0);
    assert_string_equal(sb.data, "a\n  /very/long/path/th\n  at/does/not/fit/an\n  ywhere end\n");
    bg__sb_free(&sb);
    bg__text_wrap(&sb, "one\ntwo three", 30, "> ", 0);
    assert_string_equal(sb.data, "one\n> two three\n");
    bg__sb_free(&sb);
    bg__text_wrap(&sb, "twelve chars and more words", 20, "        ", 8); /* after a label */
    assert_string_equal(sb.data, "twelve chars\n        and more\n        words\n");
    bg__sb_free(&sb);
}

static void test_grow(void **state) {
    (void)state;
    int *v = NULL;
    size_t cap = 0;
    assert_int_equal(bg__grow((void **)&v, &cap, 1, sizeof *v, 16), 0);
    assert_int_equal(cap, 16); /* the first capacity */
    v[15] = 7;
    assert_int_equal(bg__grow((void **)&v, &cap, 16, sizeof *v, 16), 0);
    assert_int_equal(cap, 16); /* it fits: unchanged */
    assert_int_equal(bg__grow((void **)&v, &cap, 17, sizeof *v, 16), 0);
    assert_int_equal(cap, 32); /* doubled */
    assert_int_equal(v[15], 7);
    assert_int_equal(bg__grow((void **)&v, &cap, 100, sizeof *v, 16), 0);
    assert_int_equal(cap, 128); /* doubled until it holds need */
    int *before = v;
    assert_int_equal(bg__grow((void **)&v, &cap, SIZE_MAX / 2, sizeof *v, 16), -1);
    assert_ptr_equal(v, before); /* refused: the array is kept */
    assert_int_equal(cap, 128);
    free(v);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_times),
        cmocka_unit_test(test_counts_and_rates),
        cmocka_unit_test(test_memory),
        cmocka_unit_test(test_other_units_and_missing),
        cmocka_unit_test(test_never_e_notation),
        cmocka_unit_test(test_term_width),
        cmocka_unit_test(test_term_utf8),
        cmocka_unit_test(test_text_width),
        cmocka_unit_test(test_shorten),
        cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_grow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
