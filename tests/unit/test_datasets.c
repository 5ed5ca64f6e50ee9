/* test_datasets.c - unit tests of the dataset modules: the manifest parser and its messages
 * (src/datasets/dataset_manifest.c), safe paths (dataset_path.c), verification and its cache
 * (dataset_verify.c, dataset_cache.c), the index, SHA-256, and fetch over file:// URLs
 * (dataset_fetch.c; no network is used).
 *
 * Each test that needs files makes its own temporary directory and removes it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/common.h"
#include "datasets/datasets.h"

#define FIX BG_TEST_FIXTURES "/datasets"
#define VALUES_SHA "fa39f85dc698e8c03824b0af3de7bc534da1cdf3905d1e8a585352854f5a7767"

static void check_contains(const char *text, const char *part, const char *file, int line) {
    if (strstr(text, part) == NULL) {
        print_error("message \"%s\" does not contain \"%s\"\n", text, part);
        _fail(file, line);
    }
}
#define assert_contains(text, part) check_contains((text), (part), __FILE__, __LINE__)

/* ---- temporary files ------------------------------------------------------------------ */

static char tmp_root[256];

static int make_tmp(void **state) {
    (void)state;
    snprintf(tmp_root, sizeof tmp_root, "%s/bg-datasets.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(tmp_root) ? 0 : -1;
}

static int remove_tmp(void **state) {
    (void)state;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "chmod -R u+w '%s' && rm -rf '%s'", tmp_root, tmp_root);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *tmp_path(char *buf, size_t size, const char *rel) {
    snprintf(buf, size, "%s/%s", tmp_root, rel);
    return buf;
}

static void write_file(const char *rel, const char *text, mode_t mode) {
    char path[512];
    tmp_path(path, sizeof path, rel);
    chmod(path, 0644); /* may exist read-only */
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    assert_int_equal(chmod(path, mode), 0);
}

static void make_dir(const char *rel) {
    char path[512];
    assert_int_equal(mkdir(tmp_path(path, sizeof path, rel), 0755), 0);
}

/* A manifest for dataset "t" with one file values.csv (the content of the tiny fixture). */
static void write_manifest(const char *rel, const char *urls) {
    char text[1024];
    snprintf(text, sizeof text,
             "version: 1\ndatasets:\n  t:\n    version: 2\n    license: CC0-1.0\n"
             "    source: tests\n    files:\n      - path: d/values.csv\n        size: 16\n"
             "        sha256: " VALUES_SHA "\n        urls: %s\n",
             urls);
    write_file(rel, text, 0644);
}

static bg_manifest *load_ok(const char *path) {
    bg_manifest *m = NULL;
    char err[1024] = "";
    bg_err rc = bg_manifest_load(path, &m, err, sizeof err);
    if (rc != BG_OK)
        print_error("%s\n", err);
    assert_int_equal(rc, BG_OK);
    return m;
}

/* ---- the manifest ----------------------------------------------------------------------- */

static void manifest_good(void **state) {
    (void)state;
    bg_manifest *m = load_ok(FIX "/tiny/datasets.yaml");
    assert_int_equal(bg_manifest_count(m), 1);
    const bg_manifest_dataset *d = bg_manifest_find(m, "tiny");
    assert_ptr_equal(d, bg_manifest_get(m, 0));
    assert_null(bg_manifest_find(m, "other"));
    assert_int_equal(d->version, 1);
    assert_string_equal(d->license, "CC0-1.0");
    assert_string_equal(d->description, "eight numbers and eight labels");
    assert_int_equal(d->file_count, 2);
    assert_string_equal(d->files[0].path, "tiny-v1/values.csv");
    assert_int_equal(d->files[0].size, 16);
    assert_string_equal(d->files[0].sha256, VALUES_SHA);
    assert_int_equal(d->files[0].url_count, 1);
    assert_string_equal(d->files[0].urls[0], "https://example.invalid/tiny-v1/values.csv");
    assert_int_equal(d->files[0].line, 10);
    /* upper-case hex is accepted and kept lower-case */
    assert_string_equal(d->files[1].sha256,
                        "5848a0f003469527d09ccc5f5d9483bd2f0372a890cc7425f2b6d0f7e5243c72");
    assert_int_equal(d->files[1].url_count, 0);
    bg_manifest_free(m);
    bg_manifest_free(NULL);
}

static void check_bad(const char *name, const char *where, const char *what) {
    char path[512], err[1024] = "";
    snprintf(path, sizeof path, FIX "/bad/%s", name);
    bg_manifest *m = (bg_manifest *)&m;
    assert_int_equal(bg_manifest_load(path, &m, err, sizeof err), BG_EINPUT);
    assert_null(m);
    assert_contains(err, where);
    assert_contains(err, what);
}

static void manifest_errors(void **state) {
    (void)state;
    check_bad("dotdot.yaml", "dotdot.yaml:8:15: datasets.tiny.files[1].path", "'..'");
    check_bad("absolute.yaml", "absolute.yaml:8:15: datasets.tiny.files[1].path", "absolute");
    check_bad("unknown_key.yaml", "unknown_key.yaml:11:9:", "unknown key 'md5'");
    check_bad("bad_sha.yaml", "bad_sha.yaml:10:17: datasets.tiny.files[1].sha256",
              "64 hexadecimal digits");
    check_bad("negative_size.yaml", "negative_size.yaml:9:15: datasets.tiny.files[1].size",
              "'-16'");
    check_bad("bad_url.yaml", "bad_url.yaml:11:16: datasets.tiny.files[1].urls[1]",
              "not an http://, https:// or file:// URL");
    check_bad("missing_sha.yaml", "missing_sha.yaml:8:9:", "missing key 'sha256'");
    check_bad("duplicate_path.yaml", "duplicate_path.yaml:12:15:", "listed twice (also at line 8)");
    check_bad("syntax.yaml", "syntax.yaml:10:7:", "YAML syntax error");
    check_bad("version2.yaml", "version2.yaml:1:10:", "only version 1");
    check_bad("no_files.yaml", "no_files.yaml:7:12:", "one or more files");
    check_bad("bad_name.yaml", "bad_name.yaml:3:3:", "not a dataset name");
    check_bad("no_such_file.yaml", "no_such_file.yaml: cannot open", "No such file");
}

static void manifest_index(void **state) {
    (void)state;
    bg_manifest *m = load_ok(FIX "/tiny/datasets.yaml");
    char *text = NULL, err[256];
    assert_int_equal(bg_manifest_index(m, &text, err, sizeof err), BG_OK);
    assert_contains(text, "# benchgate datasets index v1: generated from datasets.yaml");
    assert_contains(text, "\ntiny\t1\ttiny-v1/values.csv\t16\t" VALUES_SHA
                          "\thttps://example.invalid/tiny-v1/values.csv\n");
    assert_contains(text, "\ntiny\t1\ttiny-v1/labels.csv\t16\t5848a0f0");
    free(text);
    bg_manifest_free(m);
}

/* ---- paths ------------------------------------------------------------------------------ */

static void relpath_checks(void **state) {
    (void)state;
    assert_null(bg__relpath_problem("a/b.csv"));
    assert_null(bg__relpath_problem("a..b/c"));
    assert_non_null(bg__relpath_problem(""));
    assert_non_null(bg__relpath_problem("/etc/passwd"));
    assert_non_null(bg__relpath_problem("../x"));
    assert_non_null(bg__relpath_problem("a/../../x"));
    assert_non_null(bg__relpath_problem("a/.."));
    assert_non_null(bg__relpath_problem("./a"));
    assert_non_null(bg__relpath_problem("a//b"));
    assert_non_null(bg__relpath_problem("a/"));
    assert_non_null(bg__relpath_problem("a\\b"));
    assert_non_null(bg__relpath_problem("a\nb"));
}

static bg_err resolve(const char *rel, char *err, size_t errlen) {
    char root[512], out[4096];
    return bg_dataset_resolve(tmp_path(root, sizeof root, "root"), rel, out, sizeof out, err,
                              errlen);
}

static void resolve_symlinks(void **state) {
    (void)state;
    char a[512], b[512], err[1024];
    make_dir("root");
    make_dir("root/sub");
    make_dir("outside");
    write_file("outside/secret", "x", 0644);
    assert_int_equal(symlink(tmp_path(a, sizeof a, "outside"), tmp_path(b, sizeof b, "root/out")),
                     0);
    assert_int_equal(symlink("sub", tmp_path(b, sizeof b, "root/in")), 0);
    assert_int_equal(symlink("../outside/secret", tmp_path(b, sizeof b, "root/leak")), 0);
    assert_int_equal(symlink("nowhere", tmp_path(b, sizeof b, "root/dangling")), 0);
    assert_int_equal(resolve("sub/new.csv", err, sizeof err), BG_OK);
    assert_int_equal(resolve("in/new.csv", err, sizeof err), BG_OK);
    assert_int_equal(resolve("deep/er/new.csv", err, sizeof err), BG_OK);
    assert_int_equal(resolve("out/secret", err, sizeof err), BG_EINPUT);
    assert_contains(err, "dataset path 'out/secret' resolves outside the dataset root");
    assert_int_equal(resolve("out/new.csv", err, sizeof err), BG_EINPUT);
    assert_int_equal(resolve("leak", err, sizeof err), BG_EINPUT);
    assert_contains(err, "outside the dataset root");
    assert_int_equal(resolve("dangling", err, sizeof err), BG_EINPUT);
    assert_contains(err, "points to nothing");
    assert_int_equal(resolve("../outside/secret", err, sizeof err), BG_EINPUT);
    assert_contains(err, "'..'");
    char out[4096];
    assert_int_equal(
        bg_dataset_resolve(tmp_path(a, sizeof a, "missing"), "x", out, sizeof out, err, sizeof err),
        BG_EIO);
    assert_contains(err, "dataset root");
}

/* ---- SHA-256, verify and its cache --------------------------------------------------------- */

static void sha256_known(void **state) {
    (void)state;
    char path[512], hex[65];
    bg__error err = {0};
    write_file("abc", "abc", 0444);
    assert_int_equal(bg__sha256_file(tmp_path(path, sizeof path, "abc"), hex, &err), BG_OK);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static bg_verify_stats verify(const bg_manifest *m, unsigned flags, bg_err want, char *err,
                              size_t errlen) {
    char root[512];
    bg_verify_stats st;
    assert_int_equal(bg_dataset_verify(m, NULL, tmp_path(root, sizeof root, ""), flags, NULL, NULL,
                                       &st, err, errlen),
                     want);
    return st;
}

static void verify_and_cache(void **state) {
    (void)state;
    char path[512], err[1024];
    make_dir("d");
    write_file("d/values.csv", "1\n2\n3\n4\n5\n6\n7\n8\n", 0444);
    write_manifest("m.yaml", "[]");
    bg_manifest *m = load_ok(tmp_path(path, sizeof path, "m.yaml"));
    bg_verify_stats st = verify(m, 0, BG_OK, err, sizeof err);
    assert_int_equal(st.files, 1);
    assert_int_equal(st.hashed, 1);
    assert_int_equal(st.cache_saved, 1);
    st = verify(m, 0, BG_OK, err, sizeof err);
    assert_int_equal(st.hashed, 0);
    assert_int_equal(st.cache_hits, 1);
    assert_int_equal(st.cache_saved, 0);
    st = verify(m, BG_VERIFY_NO_CACHE, BG_OK, err, sizeof err);
    assert_int_equal(st.hashed, 1);
    /* same size, new content: the changed mtime/ctime miss the cache */
    write_file("d/values.csv", "1\n2\n3\n4\n5\n6\n7\n9\n", 0444);
    st = verify(m, 0, BG_EINPUT, err, sizeof err);
    assert_int_equal(st.hashed, 1);
    assert_int_equal(st.failed, 1);
    assert_contains(err, "d/values.csv (checksum mismatch");
    /* writable: the checksum is fine, the mode is not */
    write_file("d/values.csv", "1\n2\n3\n4\n5\n6\n7\n8\n", 0644);
    st = verify(m, 0, BG_EINPUT, err, sizeof err);
    assert_contains(err, "not read-only (mode 0644");
    assert_int_equal(chmod(tmp_path(path, sizeof path, "d/values.csv"), 0444), 0);
    /* a malformed cache is ignored and rewritten */
    write_file(BG_VERIFY_CACHE_NAME, "garbage\n", 0644);
    st = verify(m, 0, BG_OK, err, sizeof err);
    assert_int_equal(st.hashed, 1);
    assert_int_equal(st.cache_saved, 1);
    unlink(tmp_path(path, sizeof path, "d/values.csv"));
    st = verify(m, 0, BG_EINPUT, err, sizeof err);
    assert_contains(err, "d/values.csv (missing");
    bg_manifest_free(m);
}

/* ---- fetch over file:// --------------------------------------------------------------------- */

static void quiet(void *arg, bg_fetch_event kind, const char *line) {
    int *counts = arg;
    counts[kind]++;
    (void)line;
}

static bg_err fetch(const char *manifest, int *counts, char *err, size_t errlen) {
    char path[512], root[512];
    bg_manifest *m = load_ok(tmp_path(path, sizeof path, manifest));
    bg_fetch_opts o;
    bg_fetch_opts_init(&o);
    o.root = tmp_path(root, sizeof root, "root");
    o.attempts = 2;
    o.backoff_s = 0.001;
    o.log = quiet;
    o.log_arg = counts;
    bg_err rc = bg_dataset_fetch(bg_manifest_get(m, 0), &o, err, errlen);
    bg_manifest_free(m);
    return rc;
}

static void fetch_file_url(void **state) {
    (void)state;
    char src[512], urls[600], path[512], err[2048];
    struct stat st;
    int counts[3] = {0, 0, 0};
    make_dir("src");
    write_file("src/values.csv", "1\n2\n3\n4\n5\n6\n7\n8\n", 0644);
    snprintf(urls, sizeof urls, "[file://%s]", tmp_path(src, sizeof src, "src/values.csv"));
    write_manifest("m.yaml", urls);
    assert_int_equal(fetch("m.yaml", counts, err, sizeof err), BG_OK);
    assert_int_equal(stat(tmp_path(path, sizeof path, "root/d/values.csv"), &st), 0);
    assert_int_equal(st.st_mode & 0777, 0444);
    assert_int_equal(counts[BG_FETCH_FILE], 1);
    /* present and valid: nothing is downloaded */
    assert_int_equal(fetch("m.yaml", counts, err, sizeof err), BG_OK);
    assert_int_equal(counts[BG_FETCH_FILE], 2);
    /* a source with other bytes: retried, then refused; nothing is left behind */
    assert_int_equal(chmod(path, 0644), 0);
    assert_int_equal(unlink(path), 0);
    write_file("src/values.csv", "1\n2\n3\n4\n5\n6\n7\n0\n", 0644);
    assert_int_equal(fetch("m.yaml", counts, err, sizeof err), BG_EINPUT);
    assert_contains(err, "d/values.csv: failed after 2 attempt(s): checksum mismatch");
    assert_int_equal(counts[BG_FETCH_RETRY], 1);
    assert_int_equal(stat(path, &st), -1);
    assert_int_equal(stat(tmp_path(path, sizeof path, "root/d/values.csv.part"), &st), -1);
    /* the target's folder is a symlink out of the root: nothing is written there */
    char outside[512], link[512];
    make_dir("outside");
    assert_int_equal(rmdir(tmp_path(path, sizeof path, "root/d")), 0);
    assert_int_equal(symlink(tmp_path(outside, sizeof outside, "outside"),
                             tmp_path(link, sizeof link, "root/d")),
                     0);
    assert_int_equal(fetch("m.yaml", counts, err, sizeof err), BG_EINPUT);
    assert_contains(err, "d/values.csv: resolves outside the dataset root");
    assert_int_equal(stat(tmp_path(path, sizeof path, "outside/values.csv"), &st), -1);
    assert_int_equal(stat(tmp_path(path, sizeof path, "outside/values.csv.part"), &st), -1);
    /* no URL and no mirror */
    assert_int_equal(unlink(link), 0);
    write_manifest("m2.yaml", "[]");
    assert_int_equal(fetch("m2.yaml", counts, err, sizeof err), BG_EINPUT);
    assert_contains(err, "no URL to fetch it from");
}

static void fetch_bad_options(void **state) {
    (void)state;
    char path[512], err[512];
    write_manifest("m.yaml", "[]");
    bg_manifest *m = load_ok(tmp_path(path, sizeof path, "m.yaml"));
    bg_fetch_opts o;
    bg_fetch_opts_init(&o);
    o.root = tmp_root;
    o.attempts = 0;
    assert_int_equal(bg_dataset_fetch(bg_manifest_get(m, 0), &o, err, sizeof err), BG_EUSAGE);
    assert_contains(err, "attempts: 0 is out of range");
    bg_fetch_opts_init(&o);
    o.root = tmp_root;
    o.mirror = "ftp://example.org";
    assert_int_equal(bg_dataset_fetch(bg_manifest_get(m, 0), &o, err, sizeof err), BG_EUSAGE);
    assert_contains(err, "mirror");
    bg_manifest_free(m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(manifest_good),
        cmocka_unit_test(manifest_errors),
        cmocka_unit_test(manifest_index),
        cmocka_unit_test(relpath_checks),
        cmocka_unit_test_setup_teardown(resolve_symlinks, make_tmp, remove_tmp),
        cmocka_unit_test_setup_teardown(sha256_known, make_tmp, remove_tmp),
        cmocka_unit_test_setup_teardown(verify_and_cache, make_tmp, remove_tmp),
        cmocka_unit_test_setup_teardown(fetch_file_url, make_tmp, remove_tmp),
        cmocka_unit_test_setup_teardown(fetch_bad_options, make_tmp, remove_tmp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
