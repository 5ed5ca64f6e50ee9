/* dataset_verify.c - every file of a dataset: inside the root, size, SHA-256, read-only. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "common/common.h"
#include "config/config.h"
#include "datasets/datasets.h"

/* Appends "; "-separated printf text to problem. */
static void add_problem(char *problem, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void add_problem(char *problem, size_t size, const char *fmt, ...) {
    size_t len = strlen(problem);
    if (len > 0 && len + 2 < size)
        memcpy(problem + len, "; ", 3), len += 2;
    if (len + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(problem + len, size - len, fmt, ap);
    va_end(ap);
}

static void check_sha(const char *path, const bg_manifest_file *f, const struct stat *st,
                      bg__vcache *cache, unsigned flags, char *problem, size_t size,
                      bg__hash_source *how) {
    bg__file_key key;
    bg__file_key_of(st, &key);
    char computed[65];
    const char *sha =
        cache && !(flags & BG__CHECK_NO_LOOKUP) ? bg__vcache_lookup(cache, f->path, &key) : NULL;
    *how = BG__HASH_CACHED;
    if (sha == NULL) {
        bg__error err = {0};
        if (bg__sha256_file(path, computed, &err) != BG_OK) {
            add_problem(problem, size, "cannot read: %s", err.msg);
            *how = BG__HASH_NONE;
            return;
        }
        *how = BG__HASH_COMPUTED;
        sha = computed;
        if (cache)
            bg__vcache_put(cache, f->path, &key, computed); /* out of memory: not cached */
    }
    if (strcmp(sha, f->sha256) != 0)
        add_problem(problem, size, "checksum mismatch (SHA-256 %s, expected %s)", sha, f->sha256);
}

void bg__check_dataset_file(const char *root, const bg_manifest_file *f, bg__vcache *cache,
                            unsigned flags, char *problem, size_t size, bg__hash_source *how) {
    BG__ASSERT(root != NULL && f != NULL);
    char path[BG__PATH_MAX];
    bg__error err = {0};
    struct stat st;
    problem[0] = '\0';
    *how = BG__HASH_NONE;
    if (bg__dataset_resolve(root, f->path, path, sizeof path, &err) != BG_OK) {
        snprintf(problem, size, "%s", err.msg);
        return;
    }
    if (stat(path, &st) != 0) {
        if (errno == ENOENT)
            snprintf(problem, size, "missing (fetch it with: benchgate fetch)");
        else
            snprintf(problem, size, "cannot stat: %s", strerror(errno));
        return;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(problem, size, "not a regular file");
        return;
    }
    if ((uint64_t)st.st_size != f->size)
        add_problem(problem, size, "size %llu bytes, expected %llu", (unsigned long long)st.st_size,
                    (unsigned long long)f->size);
    else
        check_sha(path, f, &st, cache, flags, problem, size, how);
    if (!(flags & BG__CHECK_IGNORE_MODE) && (st.st_mode & 0222))
        add_problem(problem, size, "not read-only (mode %04o; run chmod 0444 on it)",
                    (unsigned)(st.st_mode & 07777));
}

/** One verification: the cache, the tallies and the names of the files that failed. */
typedef struct verify_run {
    const char *root;
    unsigned flags;
    bg__vcache cache;
    bg_verify_stats st;
    bg__strbuf failures;
    bg_verify_report_fn report;
    void *arg;
} verify_run;

static void verify_dataset(verify_run *v, const bg_manifest_dataset *d) {
    for (size_t i = 0; i < d->file_count; i++) {
        const bg_manifest_file *f = &d->files[i];
        char problem[1024];
        bg__hash_source how;
        bg__check_dataset_file(v->root, f, &v->cache,
                               v->flags & BG_VERIFY_NO_CACHE ? BG__CHECK_NO_LOOKUP : 0, problem,
                               sizeof problem, &how);
        v->st.files++;
        v->st.hashed += how == BG__HASH_COMPUTED;
        v->st.cache_hits += how == BG__HASH_CACHED;
        if (v->report)
            v->report(v->arg, d, f, problem[0] ? problem : NULL);
        if (problem[0] == '\0')
            continue;
        v->st.failed++;
        bg__sb_printf(&v->failures, "%s%s (%s)", v->st.failed > 1 ? "; " : "", f->path, problem);
    }
}

static bg_err check_root(const char *root, bg__error *err) {
    struct stat st;
    if (stat(root, &st) != 0)
        return bg__set_error(err, BG_EIO, "dataset root '%s': %s", root, strerror(errno));
    BG_RETURN_IF(!S_ISDIR(st.st_mode), err, BG_EIO, "dataset root '%s': not a directory", root);
    return BG_OK;
}

bg_err bg_dataset_verify(const bg_manifest *m, const bg_manifest_dataset *d, const char *root,
                         unsigned flags, bg_verify_report_fn report, void *arg,
                         bg_verify_stats *stats, char *errbuf, size_t errlen) {
    bg__error err = {0};
    if (check_root(root, &err) != BG_OK)
        return bg__errbuf(&err, err.code, errbuf, errlen);
    verify_run v;
    memset(&v, 0, sizeof v);
    v.root = root, v.flags = flags, v.report = report, v.arg = arg;
    bg__vcache_load(&v.cache, root);
    for (size_t i = 0; i < bg_manifest_count(m); i++)
        if (d == NULL || bg_manifest_get(m, i) == d)
            verify_dataset(&v, bg_manifest_get(m, i));
    bg__error save_err = {0};
    int dirty = v.cache.dirty;
    v.st.cache_saved = dirty && bg__vcache_save(&v.cache, root, &save_err) == BG_OK;
    bg__vcache_free(&v.cache);
    if (stats)
        *stats = v.st;
    if (v.st.failed > 0)
        bg__set_error(&err, BG_EINPUT, "%zu of %zu dataset file(s) failed verification: %s",
                      v.st.failed, v.st.files, v.failures.data ? v.failures.data : "");
    bg__sb_free(&v.failures);
    return bg__errbuf(&err, err.code, errbuf, errlen);
}
