/* test_json_write.c - numbers and strings written as text (common/json_write.c) are the bytes
 * cJSON prints for the same values (bg__json_print), so that a document written without a
 * tree reads like one printed from a tree. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "results/results.h"

/* The text cJSON prints for the item, unformatted. */
static char *printed(cJSON *item) {
    cJSON *list = cJSON_CreateArray();
    cJSON_AddItemToArray(list, item);
    char *text = bg__json_print(list, 0); /* "[...]" */
    cJSON_Delete(list);
    size_t len = strlen(text);
    memmove(text, text + 1, len - 2);
    text[len - 2] = '\0';
    return text;
}

static void same_number(double v) {
    bg__strbuf sb = {0};
    bg__sb_json_number(&sb, v);
    char *want = printed(cJSON_CreateNumber(v));
    if (strcmp(sb.data, want) != 0)
        fail_msg("%.17g: wrote %s, cJSON prints %s", v, sb.data, want);
    free(want);
    bg__sb_free(&sb);
}

static void same_string(const char *s) {
    bg__strbuf sb = {0};
    bg__sb_json_string(&sb, s);
    char *want = printed(cJSON_CreateString(s));
    if (strcmp(sb.data, want) != 0)
        fail_msg("wrote %s, cJSON prints %s", sb.data, want);
    free(want);
    bg__sb_free(&sb);
}

static void test_numbers_as_cjson_prints_them(void **unused) {
    (void)unused;
    const double fixed[] = {
        0.0,          -0.0, 1.0,      -1.0,     0.1,    1.0 / 3, 2147483647, -2147483648.0,
        2147483648.0, 3e9,  1e21,     1e-300,   5e-324, DBL_MAX, -DBL_MAX,   123456.789012345678,
        1e15 + 0.3,   NAN,  INFINITY, -INFINITY};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        same_number(fixed[i]);
    srand(42);
    for (int i = 0; i < 20000; i++) {
        double mantissa = (double)rand() / RAND_MAX + (double)rand() / RAND_MAX / RAND_MAX;
        double v = ldexp(mantissa, rand() % 200 - 100) * (rand() % 2 ? 1 : -1);
        same_number(v);
        same_number(round(v));
        same_number((double)(rand() % 100000) / 100); /* figures like 12.34 */
    }
}

static void test_strings_as_cjson_prints_them(void **unused) {
    (void)unused;
    const char *cases[] = {"",
                           "plain",
                           "a\"quote",
                           "back\\slash",
                           "tab\there",
                           "new\nline",
                           "\b\f\r",
                           "ctl\x01x\x1f",
                           "del\x7f",
                           "\xc3\xbc"
                           "n\xc3\xaf"
                           "c\xc3\xb6"
                           "de",
                           "bad \xff utf-8 \xc3",
                           "<html> & 'quotes'",
                           "a/b"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        same_string(cases[i]);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers_as_cjson_prints_them),
        cmocka_unit_test(test_strings_as_cjson_prints_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
