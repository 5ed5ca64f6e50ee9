/* test_axis_range.c - unit tests of src/config/axis_range.c: the values of an axis with ranges
 * (LO..HI:*F geometric, LO..HI:+S linear, bounds as A<<B or with K/M suffixes) expanded, lists
 * and ranges mixed, more than 64 values, and each broken range refused with its problem. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"

/* The values of text joined by ',' (ranges expanded), or "ERROR: why". */
static const char *expand(const char *text) {
    static char out[4096];
    bg__error why = {BG_OK, ""};
    bg__axis_values vals;
    if (bg__axis_values_parse(text, &vals, &why) != BG_OK) {
        snprintf(out, sizeof out, "ERROR: %s", why.msg);
        return out;
    }
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < vals.count && n < sizeof out; i++)
        n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", i ? "," : "", vals.v[i]);
    bg__axis_values_free(&vals);
    return out;
}

static size_t count_of(const char *text) {
    bg__axis_values vals;
    if (bg__axis_values_parse(text, &vals, NULL) != BG_OK)
        return 0;
    size_t n = vals.count;
    bg__axis_values_free(&vals);
    return n;
}

static void test_lists(void **state) {
    (void)state;
    assert_string_equal(expand("1,2,3"), "1,2,3");
    assert_string_equal(expand("fp32,fp16"), "fp32,fp16");
    assert_string_equal(expand("4K"), "4K"); /* a value as written: the benchmark reads it */
}

static void test_geometric(void **state) {
    (void)state;
    assert_string_equal(expand("1<<10..1<<16:*4"), "1024,4096,16384,65536");
    assert_string_equal(expand("1..10:*4"), "1,4"); /* HI only when reached */
    assert_string_equal(expand("8..8:*2"), "8");
    assert_string_equal(expand("1K..4K:*2"), "1024,2048,4096");
    assert_int_equal(count_of("1<<10..1<<24:*4"), 8); /* 4^5 .. 4^12 */
    /* up to the largest value without overflowing on the step past it */
    assert_string_equal(expand("1<<61..9223372036854775807:*2"),
                        "2305843009213693952,4611686018427387904");
}

static void test_linear(void **state) {
    (void)state;
    assert_string_equal(expand("0..100:+10"), "0,10,20,30,40,50,60,70,80,90,100");
    assert_string_equal(expand("0..9:+4"), "0,4,8");
    assert_string_equal(expand("5..5:+1"), "5");
    assert_string_equal(expand("9223372036854775806..9223372036854775807:+1"),
                        "9223372036854775806,9223372036854775807");
}

static void test_mixed_and_many(void **state) {
    (void)state;
    assert_string_equal(expand("1,1<<4..1<<6:*2,100..102:+1"), "1,16,32,64,100,101,102");
    assert_int_equal(count_of("0..999:+1"), 1000); /* over the old limit of 64 */
    assert_int_equal(count_of("0..999999:+1"), 1000000);
}

static void test_broken(void **state) {
    (void)state;
    assert_string_equal(expand("0..10:+0"),
                        "ERROR: range '0..10:+0': the step is 0; it must be 1 or more");
    assert_string_equal(expand("1..10:*1"),
                        "ERROR: range '1..10:*1': the factor is 1; it must be 2 or more");
    assert_string_equal(expand("0..10:*2"),
                        "ERROR: range '0..10:*2': a geometric range cannot start at 0");
    assert_string_equal(expand("10..1:+1"), "ERROR: range '10..1:+1': LO (10) is above HI (1)");
    assert_string_equal(expand("1<<64..1<<65:*2"),
                        "ERROR: '1<<64' overflows (the largest is 2^63 - 1)");
    assert_string_equal(expand("1..99999999999999999999:+1"),
                        "ERROR: '99999999999999999999' overflows (the largest is 2^63 - 1)");
    assert_string_equal(expand("1.5<<2..64:*2"),
                        "ERROR: '1.5<<2' is not a whole number (or A<<B of two)");
    assert_string_equal(expand("-1..4:+1"), "ERROR: '-1' is not a whole number (or A<<B of two)");
    assert_string_equal(expand("0..10"), "ERROR: range '0..10': no step (write LO..HI:*FACTOR or "
                                         "LO..HI:+STEP)");
    assert_string_equal(expand("0..10:/2"), "ERROR: range '0..10:/2': no step (write "
                                            "LO..HI:*FACTOR or LO..HI:+STEP)");
    assert_string_equal(expand("0..1000000:+1"), "ERROR: range '0..1000000:+1': more than "
                                                 "1,000,000 values (the limit of an axis)");
    assert_string_equal(expand("0..999999:+1,7"),
                        "ERROR: more than 1,000,000 values (the limit of an axis)");
    assert_string_equal(expand("1,,2"), "ERROR: has an empty value");
    assert_string_equal(expand("1,"), "ERROR: has an empty value");
    assert_string_equal(expand(""), "ERROR: has no values");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lists),  cmocka_unit_test(test_geometric),
        cmocka_unit_test(test_linear), cmocka_unit_test(test_mixed_and_many),
        cmocka_unit_test(test_broken),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
