/* test_term_safe.c - bg__term_safe (common/term_safe.c): control characters and bytes that are
 * not UTF-8 in a name from a file are shown as \xNN, never reach the terminal raw; UTF-8 text is
 * kept; the output always ends with a NUL and never cuts an escape. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "benchgate/terminal.h"
#include "common/common.h"

static void safe_is(const char *in, const char *want) {
    char out[256];
    size_t n = bg__term_safe(in, out, sizeof out);
    if (strcmp(out, want) != 0 || n != strlen(want))
        fail_msg("'%s': got '%s' (%zu), want '%s'", in, out, n, want);
}

static void test_escapes_controls(void **state) {
    (void)state;
    safe_is("triad\x1b[31m/cpu", "triad\\x1b[31m/cpu");
    safe_is("a\tb\nc\rd", "a\\x09b\\x0ac\\x0dd");
    safe_is("del\x7f", "del\\x7f");
    safe_is("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07");
    safe_is("csi\xc2\x9b"
            "2J",
            "csi\\xc2\\x9b2J"); /* C1 CSI as UTF-8 */
    safe_is("raw\x9b"
            "2J",
            "raw\\x9b2J"); /* a lone C1 byte: not UTF-8 */
    safe_is("bad\xff\xfe", "bad\\xff\\xfe");
}

static void test_keeps_text(void **state) {
    (void)state;
    safe_is("", "");
    safe_is(NULL, "");
    safe_is("triad/cpu/n=16777216", "triad/cpu/n=16777216");
    safe_is("gemm/\xc3\xa9t\xc3\xa9/\xe6\xbc\xa2/\xf0\x9f\x9a\x80", /* é, 漢, 🚀 */
            "gemm/\xc3\xa9t\xc3\xa9/\xe6\xbc\xa2/\xf0\x9f\x9a\x80");
    safe_is("back\\slash \xc2\xa0nbsp", "back\\slash \xc2\xa0nbsp"); /* U+00A0 is no control */
}

static void test_cut_never_inside_an_escape(void **state) {
    (void)state;
    char out[8];
    memset(out, 'z', sizeof out);
    size_t n = bg__term_safe("ab\x1b"
                             "cd",
                             out, sizeof out); /* "ab\x1bcd" needs 9 bytes */
    assert_string_equal(out, "ab\\x1bc");
    assert_int_equal(n, 7);
    n = bg__term_safe("a\x1b", out, 5); /* "a\x1b" needs 6: the escape is left out whole */
    assert_string_equal(out, "a");
    assert_int_equal(n, 1);
    n = bg__term_safe("\xe6\xbc\xa2", out, 3); /* a 3-byte character in 2 bytes: left out */
    assert_string_equal(out, "");
    assert_int_equal(bg__term_safe("x", out, 0), 0);
    assert_int_equal(bg__term_safe("x", out, 1), 0);
    assert_string_equal(out, "");
}

static void test_public_name(void **state) {
    (void)state;
    char out[64];
    assert_int_equal(bg_term_safe("n\x1b[2J", out, sizeof out), strlen("n\\x1b[2J"));
    assert_string_equal(out, "n\\x1b[2J");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escapes_controls),
        cmocka_unit_test(test_keeps_text),
        cmocka_unit_test(test_cut_never_inside_an_escape),
        cmocka_unit_test(test_public_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
