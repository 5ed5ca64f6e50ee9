/* test_json_arena.c - unit tests of src/common/json_arena.c: documents parsed in arenas once a
 * process chooses them, every block given back with the last piece of its document (moved
 * pieces, other threads, values larger than a block), and printed text that free() takes.
 * Under ASan and valgrind (CI) a wrong free or a leak fails these too. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/results.h"
#include "common/common.h"
#include "results/results.h"

/* A strict benchgate-style document of n benchmarks, as text (free it). */
static char *document(int n) {
    bg__strbuf sb = {0};
    bg__sb_printf(&sb, "{\"benchmarks\": [");
    for (int i = 0; i < n; i++)
        bg__sb_printf(&sb, "%s{\"name\": \"b%d\", \"median\": %d.25, \"ok\": true}", i ? ", " : "",
                      i, i);
    bg__sb_printf(&sb, "]}");
    assert_false(sb.failed);
    return sb.data;
}

static cJSON *parse(const char *text) {
    cJSON *doc = NULL;
    bg__error err = {BG_OK, ""};
    assert_int_equal(bg__json_parse_strict(text, "doc.json", &doc, &err), BG_OK);
    assert_non_null(doc);
    return doc;
}

static void test_off_until_chosen(void **unused) {
    (void)unused;
    char *text = document(100);
    cJSON *doc = parse(text);
    assert_int_equal(bg__json_arena_blocks(), 0);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(doc, "benchmarks")), 100);
    cJSON_Delete(doc);
    free(text);
}

static void test_freed_with_its_last_piece(void **unused) {
    (void)unused;
    bg_json_use_arenas();
    bg_json_use_arenas(); /* twice is once */
    char *text = document(20000);
    cJSON *doc = parse(text);
    free(text);
    assert_true(bg__json_arena_blocks() >= 1);
    cJSON *list = cJSON_GetObjectItem(doc, "benchmarks");
    cJSON *kept = cJSON_DetachItemFromArray(list, 7);
    cJSON_Delete(doc);
    assert_true(bg__json_arena_blocks() >= 1); /* kept still lives in it */
    assert_string_equal(cJSON_GetObjectItem(kept, "name")->valuestring, "b7");
    assert_true(cJSON_GetObjectItem(kept, "median")->valuedouble == 7.25);
    cJSON *other = cJSON_CreateArray(); /* a plain allocation holding an arena piece */
    cJSON_AddItemToArray(other, kept);
    cJSON_Delete(other);
    assert_int_equal(bg__json_arena_blocks(), 0);
}

static void test_failed_parse_gives_back(void **unused) {
    (void)unused;
    bg_json_use_arenas();
    cJSON *doc = NULL;
    bg__error err = {BG_OK, ""};
    assert_int_equal(bg__json_parse_strict("{\"a\": [1, 2, {\"b\": tru}]}", "bad.json", &doc, &err),
                     BG_EINPUT);
    assert_null(doc);
    assert_non_null(strstr(err.msg, "bad.json:1:"));
    assert_int_equal(bg__json_arena_blocks(), 0);
}

static void test_value_larger_than_a_block(void **unused) {
    (void)unused;
    bg_json_use_arenas();
    size_t n = 9u << 20;
    char *text = malloc(n + 16);
    assert_non_null(text);
    memcpy(text, "{\"s\": \"", 7);
    memset(text + 7, 'x', n);
    memcpy(text + 7 + n, "\"}", 3);
    cJSON *doc = parse(text);
    free(text);
    assert_int_equal(strlen(cJSON_GetObjectItem(doc, "s")->valuestring), n);
    assert_true(bg__json_arena_blocks() >= 1);
    cJSON_Delete(doc);
    assert_int_equal(bg__json_arena_blocks(), 0);
}

static void test_deleted_on_other_threads(void **unused) {
    (void)unused;
    bg_json_use_arenas();
    char *text = document(5000);
    cJSON *a = parse(text), *b = parse(text);
    free(text);
    assert_true(bg__json_arena_blocks() >= 2);
    bg__json_delete_pair(a, b);
    assert_int_equal(bg__json_arena_blocks(), 0);
}

static void test_printed_text_takes_free(void **unused) {
    (void)unused;
    bg_json_use_arenas();
    cJSON *doc = parse("{\"name\": \"triad\", \"n\": [1, 2.5]}");
    cJSON_AddStringToObject(doc, "added", "plain");
    char *text = bg__json_print(doc, 0);
    assert_string_equal(text, "{\"name\":\"triad\",\"n\":[1,2.5],\"added\":\"plain\"}");
    free(text); /* not cJSON_free: what every caller of bg__json_print does */
    cJSON_Delete(doc);
    assert_int_equal(bg__json_arena_blocks(), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_off_until_chosen),
        cmocka_unit_test(test_freed_with_its_last_piece),
        cmocka_unit_test(test_failed_parse_gives_back),
        cmocka_unit_test(test_value_larger_than_a_block),
        cmocka_unit_test(test_deleted_on_other_threads),
        cmocka_unit_test(test_printed_text_takes_free),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
