/* dataset_cache.c - verified SHA-256s keyed by (path, size, mtime, ctime, inode, device).
 *
 * The file root/.benchgate-verify-cache is one header line, then one line per file:
 *   sha256 TAB size TAB mtime_s.ns TAB ctime_s.ns TAB inode TAB device TAB path
 * A malformed cache is ignored as a whole (the files are hashed again); it is rewritten
 * atomically. A change of content changes mtime or ctime, so a stale entry never matches.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "config/config.h"
#include "datasets/datasets.h"

#define CACHE_HEADER "# benchgate verify cache v1"

static int cache_path(const char *root, char *out, size_t size) {
    int n = snprintf(out, size, "%s/%s", root, BG_VERIFY_CACHE_NAME);
    return n > 0 && (size_t)n < size;
}

static int parse_u64(const char *s, uint64_t *v) {
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 10);
    if (errno || end == s || *end != '\0' || s[0] == '-')
        return 0;
    *v = (uint64_t)x;
    return 1;
}

/* "seconds.nanoseconds" */
static int parse_time(char *s, int64_t *sec, int64_t *nsec) {
    char *dot = strchr(s, '.');
    uint64_t a, b;
    if (dot == NULL)
        return 0;
    *dot = '\0';
    if (!parse_u64(s, &a) || !parse_u64(dot + 1, &b) || b >= 1000000000u)
        return 0;
    *sec = (int64_t)a;
    *nsec = (int64_t)b;
    return 1;
}

static int is_sha256(const char *s) {
    return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

static int parse_line(char *line, bg__vcache_entry *e) {
    char *f[7];
    for (int i = 0; i < 7; i++) {
        f[i] = line;
        line = i < 6 ? strchr(line, '\t') : NULL;
        if (i < 6 && line == NULL)
            return 0;
        if (line)
            *line++ = '\0';
    }
    if (!is_sha256(f[0]) || !parse_u64(f[1], &e->key.size) ||
        !parse_time(f[2], &e->key.mtime_s, &e->key.mtime_ns) ||
        !parse_time(f[3], &e->key.ctime_s, &e->key.ctime_ns) || !parse_u64(f[4], &e->key.inode) ||
        !parse_u64(f[5], &e->key.device) || bg__relpath_problem(f[6]) != NULL)
        return 0;
    memcpy(e->sha256, f[0], 65);
    e->path = strdup(f[6]);
    return e->path != NULL;
}

static int parse_cache(bg__vcache *c, char *text) {
    char *line, *next;
    if (strncmp(text, CACHE_HEADER "\n", strlen(CACHE_HEADER) + 1) != 0)
        return 0;
    for (line = strchr(text, '\n') + 1; *line; line = next) {
        next = strchr(line, '\n');
        if (next == NULL)
            return 0; /* a last line without its newline: cut short */
        *next++ = '\0';
        bg__vcache_entry e;
        memset(&e, 0, sizeof e);
        if (!parse_line(line, &e) || bg__vcache_put(c, e.path, &e.key, e.sha256) != BG_OK) {
            free(e.path);
            return 0;
        }
        free(e.path);
    }
    return 1;
}

void bg__vcache_load(bg__vcache *c, const char *root) {
    memset(c, 0, sizeof *c);
    char path[BG__PATH_MAX + 64];
    if (!cache_path(root, path, sizeof path))
        return;
    bg__error err = {0};
    char *text = bg__read_text(path, &err);
    if (text == NULL)
        return;
    if (!parse_cache(c, text))
        bg__vcache_free(c);
    free(text);
    c->dirty = 0;
}

static int same_key(const bg__file_key *a, const bg__file_key *b) {
    return a->size == b->size && a->inode == b->inode && a->device == b->device &&
           a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns && a->ctime_s == b->ctime_s &&
           a->ctime_ns == b->ctime_ns;
}

static bg__vcache_entry *find(const bg__vcache *c, const char *rel) {
    for (size_t i = 0; i < c->count; i++)
        if (strcmp(c->entries[i].path, rel) == 0)
            return &c->entries[i];
    return NULL;
}

const char *bg__vcache_lookup(const bg__vcache *c, const char *rel, const bg__file_key *key) {
    const bg__vcache_entry *e = find(c, rel);
    return e && same_key(&e->key, key) ? e->sha256 : NULL;
}

bg_err bg__vcache_put(bg__vcache *c, const char *rel, const bg__file_key *key, const char *sha256) {
    bg__vcache_entry *e = find(c, rel);
    if (e == NULL) {
        if (bg__grow((void **)&c->entries, &c->cap, c->count + 1, sizeof *c->entries, 16) != 0)
            return BG_ENOMEM;
        e = &c->entries[c->count];
        e->path = strdup(rel);
        if (e->path == NULL)
            return BG_ENOMEM;
        c->count++;
    }
    e->key = *key;
    snprintf(e->sha256, sizeof e->sha256, "%s", sha256);
    c->dirty = 1;
    return BG_OK;
}

bg_err bg__vcache_save(bg__vcache *c, const char *root, bg__error *err) {
    if (!c->dirty)
        return BG_OK;
    char path[BG__PATH_MAX + 64];
    BG_RETURN_IF(!cache_path(root, path, sizeof path), err, BG_EIO, "%s: path too long", root);
    bg__strbuf sb = {0};
    bg__sb_printf(&sb, "%s\n", CACHE_HEADER);
    for (size_t i = 0; i < c->count; i++) {
        const bg__vcache_entry *e = &c->entries[i];
        bg__sb_printf(&sb,
                      "%s\t%" PRIu64 "\t%" PRId64 ".%09" PRId64 "\t%" PRId64 ".%09" PRId64
                      "\t%" PRIu64 "\t%" PRIu64 "\t%s\n",
                      e->sha256, e->key.size, e->key.mtime_s, e->key.mtime_ns, e->key.ctime_s,
                      e->key.ctime_ns, e->key.inode, e->key.device, e->path);
    }
    bg_err rc = sb.failed ? bg__set_error(err, BG_ENOMEM, "%s: out of memory", path)
                          : bg__write_atomic(path, sb.data, sb.len, err);
    bg__sb_free(&sb);
    if (rc == BG_OK)
        c->dirty = 0;
    return rc;
}

void bg__vcache_free(bg__vcache *c) {
    for (size_t i = 0; i < c->count; i++)
        free(c->entries[i].path);
    free(c->entries);
    memset(c, 0, sizeof *c);
}
