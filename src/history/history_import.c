/* history_import.c - benchgate history import: run directories, result.json files, exported
 * histories (.jsonl, history_export.c) and CI artifacts (.zip and .tar.gz of run directories,
 * as actions/upload-artifact makes them, unpacked by the system's unzip and tar into a private
 * temporary folder). Every result is checked first (the checked loader, complete, clean
 * UTF-8); a bad one is refused naming the file and the problem, and nothing of it stored; each
 * good one is one transaction; a run already stored is skipped, so importing twice adds
 * nothing. */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "benchgate/results.h"
#include "benchgate/history.h"
#include "benchgate/process.h"
#include "history.h"
#include "common/common.h"
#include "results/results.h"
#include "report/report.h"

enum { MAX_DEPTH = 8 };

static int ends_with(const char *s, const char *tail) {
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

/* A checked result and where it came from. */
static void import_result(bg__import *im, const char *file, const char *shown) {
    cJSON *doc = NULL;
    bg__error e = {BG_OK, ""};
    char dir[BG__PATH_MAX], where[BG__PATH_MAX + 64];
    if (bg__load_result(file, &doc, &e) != BG_OK) {
        bg__import_refuse(im, shown, e.msg);
        return;
    }
    const char *run_id = bg__json_text(bg__json_get(doc, "run"), "run_id");
    if (!cJSON_IsTrue(bg__json_get(doc, "complete")))
        bg__import_refuse(im, shown,
                          "the run is not complete (\"complete\": false): a run "
                          "that was cut short is not imported");
    else if (run_id == NULL || run_id[0] == '\0')
        bg__import_refuse(im, shown, "run.run_id is empty");
    else {
        snprintf(dir, sizeof dir, "%s", file);
        char *slash = strrchr(dir, '/');
        snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - file) : 1, slash ? file : ".");
        snprintf(where, sizeof where, "%s", shown);
        if (ends_with(where, "/" BG_RESULT_FILE))
            where[strlen(where) - 12] = '\0';
        int stored = 0;
        if (bg__record_doc(im->store, doc, dir, where, BG__RECORD_SKIP, &stored, &e) != BG_OK)
            bg__import_fail(im, shown, e.msg);
        else
            bg__import_done(im, run_id, stored);
    }
    cJSON_Delete(doc);
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every result.json under dir (no link followed), in name order. */
static void walk(bg__import *im, const char *dir, const char *shown, int depth) {
    char path[BG__PATH_MAX], label[BG__PATH_MAX];
    struct stat st;
    snprintf(path, sizeof path, "%s/" BG_RESULT_FILE, dir);
    if (lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
        snprintf(label, sizeof label, "%s/" BG_RESULT_FILE, shown);
        import_result(im, path, label);
        return; /* a run directory: its sub-folders are its own (bench/, parts) */
    }
    DIR *d = depth < MAX_DEPTH ? opendir(dir) : NULL;
    if (d == NULL)
        return;
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.' || bg__grow((void **)&names, &cap, n + 1, sizeof *names, 16) != 0)
            continue;
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (names)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        snprintf(label, sizeof label, "%s/%s", shown, names[i]);
        if (names[i] && lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            walk(im, path, label, depth + 1);
        free(names[i]);
    }
    free(names);
}

/* Unpacks an archive with the system's unzip or tar. @return BG_OK, else BG_EINPUT with the
 * reason in err */
static bg_err unpack(const char *archive, int zip, const char *into, bg__error *err) {
    char *const unzip_argv[] = {"unzip", "-q", "-o", (char *)archive, "-d", (char *)into, NULL};
    char *const tar_argv[] = {"tar",
                              "-xzf",
                              (char *)archive,
                              "-C",
                              (char *)into,
                              "--no-same-owner",
                              "--no-same-permissions",
                              NULL};
    bg_spawn_opts o;
    bg_spawn_init(&o, zip ? unzip_argv : tar_argv);
    o.search_path = 1;
    o.out_path = "/dev/null";
    o.err_path = "/dev/null";
    o.quiet = 1;
    int status = 0;
    pid_t pid = bg_spawn(&o);
    BG_RETURN_IF(pid < 0 || bg_spawn_wait(pid, 600, &status) != 0, err, BG_EINPUT, "cannot run %s",
                 zip ? "unzip" : "tar");
    int code = bg_spawn_exit_code(status);
    BG_RETURN_IF(code == 127, err, BG_EINPUT, "%s is not installed (apt-get install %s)",
                 zip ? "unzip" : "tar", zip ? "unzip" : "tar");
    BG_RETURN_IF(code != 0 && !(zip && code == 1), /* unzip's 1: warnings, files extracted */
                 err, BG_EINPUT, "not a readable %s archive (%s exited with %d)",
                 zip ? ".zip" : ".tar.gz", zip ? "unzip" : "tar", code);
    return BG_OK;
}

static void import_archive(bg__import *im, const char *path, int zip) {
    char tmpl[BG__PATH_MAX];
    bg__error why = {BG_OK, ""};
    const char *tmp = getenv("TMPDIR");
    snprintf(tmpl, sizeof tmpl, "%s/benchgate-import.XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (mkdtemp(tmpl) == NULL) {
        bg__import_fail(im, path, "cannot make a temporary folder to unpack it");
        return;
    }
    size_t before = im->seen;
    if (unpack(path, zip, tmpl, &why) != BG_OK)
        bg__import_refuse(im, path, why.msg);
    else {
        walk(im, tmpl, path, 0);
        if (im->seen == before)
            bg__import_refuse(im, path, "holds no run directory (no result.json)");
    }
    bg__remove_tree(tmpl);
}

static void import_path(bg__import *im, const char *path) {
    struct stat st;
    size_t before = im->seen;
    if (stat(path, &st) != 0) {
        bg__import_refuse(im, path, "no such file or directory");
    } else if (S_ISDIR(st.st_mode)) {
        char resolved[PATH_MAX];
        walk(im, path, realpath(path, resolved) ? resolved : path, 0);
        if (im->seen == before)
            bg__import_refuse(im, path, "holds no run directory (no result.json)");
    } else if (ends_with(path, ".zip")) {
        import_archive(im, path, 1);
    } else if (ends_with(path, ".tar.gz") || ends_with(path, ".tgz")) {
        import_archive(im, path, 0);
    } else if (ends_with(path, ".jsonl")) {
        bg__import_jsonl(im, path);
    } else if (ends_with(path, ".json")) {
        char resolved[PATH_MAX];
        import_result(im, path, realpath(path, resolved) ? resolved : path);
    } else {
        bg__import_refuse(im, path,
                          "not a run directory, result.json, exported history (.jsonl), .zip "
                          "or .tar.gz");
    }
}

/* ---- the report ------------------------------------------------------------------------- */

void bg__import_done(bg__import *im, const char *run_id, int stored) {
    char id[300];
    bg__term_safe(run_id, id, sizeof id);
    im->seen++;
    if (stored)
        im->imported++, bg__sb_printf(&im->out, "run %s: imported\n", id);
    else
        im->skipped++, bg__sb_printf(&im->out, "run %s: already in the store, skipped\n", id);
}

void bg__import_refuse(bg__import *im, const char *file, const char *why) {
    char f[BG__PATH_MAX + 64];
    bg__term_safe(file, f, sizeof f);
    im->seen++;
    im->refused++;
    bg__sb_printf(&im->problems, "benchgate: error: %s: refused, nothing of it stored: %s\n", f,
                  why);
}

void bg__import_fail(bg__import *im, const char *file, const char *why) {
    char f[BG__PATH_MAX + 64];
    bg__term_safe(file, f, sizeof f);
    im->seen++;
    im->failed++;
    bg__sb_printf(&im->problems, "benchgate: error: %s: not stored: %s\n", f, why);
}

bg_err bg_history_import(const char *db_path, char *const *paths, int count, char **out_text,
                         char **problems, char *errbuf, size_t errlen) {
    bg__error err = {BG_OK, ""};
    bg__import im;
    memset(&im, 0, sizeof im);
    *out_text = NULL, *problems = NULL;
    im.store = bg__store_open(db_path, 1, &err);
    if (im.store == NULL)
        return bg__errbuf(&err, err.code, errbuf, errlen);
    for (int i = 0; i < count; i++)
        import_path(&im, paths[i]);
    char line[BG__PATH_MAX + 256];
    snprintf(line, sizeof line,
             "benchgate: %zu run(s) imported, %zu already stored, %zu refused into %s", im.imported,
             im.skipped, im.refused + im.failed, im.store->shown);
    bg__text_wrap(&im.out, line, (size_t)bg__term_width(), "  ", 0); /* a person reads it */
    bg__store_close(im.store);
    bg__sb_puts(&im.problems, "");
    *problems = im.problems.data;
    bg_err rc = im.failed ? BG_EIO : im.refused ? BG_EINPUT : BG_OK;
    if (rc != BG_OK)
        bg__set_error(&err, rc, "%zu of the results were not imported", im.refused + im.failed);
    *out_text = im.out.data ? im.out.data : strdup("");
    return bg__errbuf(&err, rc, errbuf, errlen);
}
