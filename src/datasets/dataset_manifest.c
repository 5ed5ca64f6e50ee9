/* dataset_manifest.c - reads datasets.yaml with libyaml; every problem is FILE:LINE:COL. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "common/common.h"
#include "datasets/datasets.h"

struct bg_manifest {
    char *path;
    bg_manifest_dataset *sets;
    size_t count;
};

typedef struct mctx {
    yaml_document_t *doc;
    const char *path;
    bg__error *err;
    bg_manifest *m;
} mctx;

static const char *const top_keys[] = {"version", "datasets"};
static const char *const set_keys[] = {"version", "license", "source", "description", "files"};
static const char *const file_keys[] = {"path", "size", "sha256", "urls"};
#define COUNT(a) (sizeof(a) / sizeof(a)[0])

static bg_err fail_at(const mctx *c, const yaml_node_t *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bg_err fail_at(const mctx *c, const yaml_node_t *node, const char *fmt, ...) {
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return bg__set_error(c->err, BG_EINPUT, "%s:%lu:%lu: %s", c->path,
                         (unsigned long)node->start_mark.line + 1,
                         (unsigned long)node->start_mark.column + 1, msg);
}

static yaml_node_t *node_of(const mctx *c, int id) {
    return yaml_document_get_node(c->doc, id);
}

static const char *scalar(const yaml_node_t *node) {
    return node && node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : NULL;
}

static void join_keys(const char *const *keys, size_t n, char *buf, size_t size) {
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", i ? ", " : "", keys[i]);
}

/* Collects the values of a mapping by key; unknown and duplicate keys are errors. */
static bg_err get_keys(const mctx *c, yaml_node_t *map, const char *where, const char *const *keys,
                       size_t n, yaml_node_t **vals) {
    char expected[128];
    join_keys(keys, n, expected, sizeof expected);
    if (map->type != YAML_MAPPING_NODE)
        return fail_at(c, map, "%s: expected a mapping with keys %s", where, expected);
    memset(vals, 0, n * sizeof *vals);
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *key = node_of(c, p->key);
        const char *k = scalar(key);
        size_t i = 0;
        while (k && i < n && strcmp(keys[i], k) != 0)
            i++;
        if (k == NULL || i == n)
            return fail_at(c, key, "%s: unknown key '%s' (expected %s)", where, k ? k : "?",
                           expected);
        if (vals[i])
            return fail_at(c, key, "%s: duplicate key '%s'", where, k);
        vals[i] = node_of(c, p->value);
    }
    return BG_OK;
}

static bg_err require(const mctx *c, const yaml_node_t *map, const char *where,
                      const char *const *keys, size_t n, yaml_node_t *const *vals,
                      const char *optional) {
    for (size_t i = 0; i < n; i++)
        if (vals[i] == NULL && (optional == NULL || strcmp(keys[i], optional) != 0))
            return fail_at(c, map, "%s: missing key '%s'", where, keys[i]);
    return BG_OK;
}

/* "where" + suffix, e.g. "datasets.digits.files[2]" + ".path" (cut short if too long). */
static const char *sub_key(char *buf, size_t size, const char *where, const char *suffix) {
    if (snprintf(buf, size, "%s%s", where, suffix) >= (int)size)
        buf[size - 1] = '\0';
    return buf;
}

static bg_err get_uint(const mctx *c, const yaml_node_t *node, const char *where, uint64_t min,
                       uint64_t max, uint64_t *out) {
    const char *v = scalar(node);
    char *end = NULL;
    errno = 0;
    unsigned long long x = v && v[0] >= '0' && v[0] <= '9' ? strtoull(v, &end, 10) : 0;
    if (end == NULL || *end != '\0' || errno != 0 || x < min || x > max)
        return fail_at(c, node, "%s: must be an integer from %llu to %llu, not '%s'", where,
                       (unsigned long long)min, (unsigned long long)max, v ? v : "(a collection)");
    *out = (uint64_t)x;
    return BG_OK;
}

static bg_err get_string(const mctx *c, const yaml_node_t *node, const char *where,
                         int may_be_empty, const char **out) {
    const char *v = scalar(node);
    if (v == NULL || (!may_be_empty && v[0] == '\0'))
        return fail_at(c, node, "%s: expected %s", where,
                       may_be_empty ? "a string" : "a non-empty string");
    *out = strdup(v);
    return *out ? BG_OK : bg__set_error(c->err, BG_ENOMEM, "%s: out of memory", c->path);
}

/* Characters that paths and URLs may not hold (they are also written to the TSV index). */
static int has_unsafe_char(const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= ' ' || *p == 0x7f || strchr("\"'`;\\<>", *p))
            return 1;
    return 0;
}

static const char *path_problem(const char *path) {
    const char *why = bg__relpath_problem(path);
    size_t n = strlen(path);
    if (why)
        return why;
    if (has_unsafe_char(path))
        return "holds a space, quote, ';', '<', '>' or a backslash";
    if (n >= 5 && strcmp(path + n - 5, ".part") == 0)
        return "ends in .part (the name of downloads in progress)";
    if (strncmp(path, BG_VERIFY_CACHE_NAME, strlen(BG_VERIFY_CACHE_NAME)) == 0)
        return "is the name of the verify cache";
    return NULL;
}

static const char *url_problem(const char *url) {
    if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0 &&
        strncmp(url, "file://", 7) != 0)
        return "is not an http://, https:// or file:// URL";
    if (has_unsafe_char(url))
        return "holds a space, quote, ';', '<', '>' or a backslash";
    if (strlen(url) > 2048)
        return "is longer than 2048 bytes";
    const char *host = strstr(url, "://") + 3;
    if (memchr(host, '@', strcspn(host, "/?#")) != NULL)
        return "holds credentials (user:password@); datasets.yaml is committed and shown in "
               "logs: serve the files without them, or use a file:// mirror";
    return NULL;
}

static const bg_manifest_file *find_path(const bg_manifest *m, const char *path) {
    for (size_t i = 0; i < m->count; i++)
        for (size_t j = 0; j < m->sets[i].file_count; j++)
            if (m->sets[i].files[j].path && strcmp(m->sets[i].files[j].path, path) == 0)
                return &m->sets[i].files[j];
    return NULL;
}

static bg_err parse_path(mctx *c, const yaml_node_t *node, const char *where, bg_manifest_file *f) {
    const char *v = scalar(node);
    const char *why = v ? path_problem(v) : "must be a string";
    if (why)
        return fail_at(c, node, "%s: '%s' %s", where, v ? v : "", why);
    const bg_manifest_file *other = find_path(c->m, v);
    if (other)
        return fail_at(c, node, "%s: '%s' is listed twice (also at line %lu)", where, v,
                       other->line);
    return get_string(c, node, where, 0, &f->path);
}

static bg_err parse_sha(mctx *c, const yaml_node_t *node, const char *where, bg_manifest_file *f) {
    const char *v = scalar(node);
    if (v == NULL || strlen(v) != 64 || strspn(v, "0123456789abcdefABCDEF") != 64)
        return fail_at(c, node, "%s: must be 64 hexadecimal digits (a SHA-256), not '%s'", where,
                       v ? v : "(a collection)");
    char *sha = strdup(v);
    BG_RETURN_IF(sha == NULL, c->err, BG_ENOMEM, "%s: out of memory", c->path);
    for (char *p = sha; *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'F' ? *p - 'A' + 'a' : *p);
    f->sha256 = sha;
    return BG_OK;
}

static bg_err parse_urls(mctx *c, const yaml_node_t *node, const char *where, bg_manifest_file *f) {
    if (node->type != YAML_SEQUENCE_NODE)
        return fail_at(c, node, "%s: expected a list of URLs ([] when there is none)", where);
    size_t n = (size_t)(node->data.sequence.items.top - node->data.sequence.items.start);
    char **urls = calloc(n ? n : 1, sizeof *urls);
    BG_RETURN_IF(urls == NULL, c->err, BG_ENOMEM, "%s: out of memory", c->path);
    f->urls = (const char *const *)urls;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = node_of(c, node->data.sequence.items.start[i]);
        const char *u = scalar(item);
        const char *why = u ? url_problem(u) : "must be a string";
        if (why && strncmp(why, "holds credentials", 17) == 0) /* never echo a password */
            return fail_at(c, item, "%s[%zu]: the URL %s", where, i + 1, why);
        if (why)
            return fail_at(c, item, "%s[%zu]: '%s' %s", where, i + 1, u ? u : "", why);
        urls[i] = strdup(u);
        BG_RETURN_IF(urls[i] == NULL, c->err, BG_ENOMEM, "%s: out of memory", c->path);
        f->url_count = i + 1;
    }
    return BG_OK;
}

static bg_err parse_file(mctx *c, yaml_node_t *map, const char *where, bg_manifest_file *f) {
    yaml_node_t *v[COUNT(file_keys)];
    char sub[256];
    f->line = (unsigned long)map->start_mark.line + 1;
    BG_FORWARD_IF_ERROR(get_keys(c, map, where, file_keys, COUNT(file_keys), v));
    BG_FORWARD_IF_ERROR(require(c, map, where, file_keys, COUNT(file_keys), v, NULL));
    sub_key(sub, sizeof sub, where, ".path");
    BG_FORWARD_IF_ERROR(parse_path(c, v[0], sub, f));
    sub_key(sub, sizeof sub, where, ".size");
    BG_FORWARD_IF_ERROR(get_uint(c, v[1], sub, 0, (uint64_t)1 << 50, &f->size));
    sub_key(sub, sizeof sub, where, ".sha256");
    BG_FORWARD_IF_ERROR(parse_sha(c, v[2], sub, f));
    sub_key(sub, sizeof sub, where, ".urls");
    return parse_urls(c, v[3], sub, f);
}

static bg_err parse_files(mctx *c, yaml_node_t *seq, const char *where, bg_manifest_dataset *d) {
    size_t n = seq->type == YAML_SEQUENCE_NODE
                   ? (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start)
                   : 0;
    if (n == 0)
        return fail_at(c, seq, "%s: expected a list of one or more files", where);
    bg_manifest_file *files = calloc(n, sizeof *files);
    BG_RETURN_IF(files == NULL, c->err, BG_ENOMEM, "%s: out of memory", c->path);
    d->files = files;
    d->file_count = n;
    for (size_t i = 0; i < n; i++) {
        char sub[256];
        char index[32];
        snprintf(index, sizeof index, "[%zu]", i + 1);
        sub_key(sub, sizeof sub, where, index);
        BG_FORWARD_IF_ERROR(
            parse_file(c, node_of(c, seq->data.sequence.items.start[i]), sub, &files[i]));
    }
    return BG_OK;
}

static bg_err parse_dataset(mctx *c, yaml_node_t *map, const char *where, bg_manifest_dataset *d) {
    yaml_node_t *v[COUNT(set_keys)];
    char sub[256];
    uint64_t version = 0;
    BG_FORWARD_IF_ERROR(get_keys(c, map, where, set_keys, COUNT(set_keys), v));
    BG_FORWARD_IF_ERROR(require(c, map, where, set_keys, COUNT(set_keys), v, "description"));
    sub_key(sub, sizeof sub, where, ".version");
    BG_FORWARD_IF_ERROR(get_uint(c, v[0], sub, 1, 1000000, &version));
    d->version = (long)version;
    sub_key(sub, sizeof sub, where, ".license");
    BG_FORWARD_IF_ERROR(get_string(c, v[1], sub, 0, &d->license));
    sub_key(sub, sizeof sub, where, ".source");
    BG_FORWARD_IF_ERROR(get_string(c, v[2], sub, 0, &d->source));
    sub_key(sub, sizeof sub, where, ".description");
    if (v[3])
        BG_FORWARD_IF_ERROR(get_string(c, v[3], sub, 1, &d->description));
    else if ((d->description = strdup("")) == NULL)
        return bg__set_error(c->err, BG_ENOMEM, "%s: out of memory", c->path);
    sub_key(sub, sizeof sub, where, ".files");
    return parse_files(c, v[4], sub, d);
}

static int name_ok(const char *name) {
    size_t n = name ? strlen(name) : 0;
    return n > 0 && n <= 64 &&
           strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                        "0123456789_.-") == n &&
           name[0] != '.' && name[0] != '-';
}

static bg_err add_dataset(mctx *c, yaml_node_t *key, yaml_node_t *val) {
    const char *name = scalar(key);
    if (!name_ok(name))
        return fail_at(c, key,
                       "datasets: '%s' is not a dataset name (1 to 64 of A-Z a-z 0-9 _ . -)",
                       name ? name : "?");
    if (bg_manifest_find(c->m, name))
        return fail_at(c, key, "datasets: duplicate dataset '%s'", name);
    bg_manifest_dataset *grown = realloc(c->m->sets, (c->m->count + 1) * sizeof *grown);
    BG_RETURN_IF(grown == NULL, c->err, BG_ENOMEM, "%s: out of memory", c->path);
    c->m->sets = grown;
    bg_manifest_dataset *d = &grown[c->m->count++];
    memset(d, 0, sizeof *d);
    BG_FORWARD_IF_ERROR(get_string(c, key, "datasets", 0, &d->name));
    char where[128];
    snprintf(where, sizeof where, "datasets.%s", name);
    return parse_dataset(c, val, where, d);
}

static bg_err parse_datasets(mctx *c, yaml_node_t *map) {
    if (map->type != YAML_MAPPING_NODE ||
        map->data.mapping.pairs.top == map->data.mapping.pairs.start)
        return fail_at(c, map, "datasets: expected a mapping of dataset name -> entry");
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++)
        BG_FORWARD_IF_ERROR(add_dataset(c, node_of(c, p->key), node_of(c, p->value)));
    return BG_OK;
}

static bg_err parse_root(mctx *c, yaml_node_t *root) {
    yaml_node_t *v[COUNT(top_keys)];
    BG_FORWARD_IF_ERROR(get_keys(c, root, "the top level", top_keys, COUNT(top_keys), v));
    BG_FORWARD_IF_ERROR(require(c, root, "the top level", top_keys, COUNT(top_keys), v, NULL));
    if (scalar(v[0]) == NULL || strcmp(scalar(v[0]), "1") != 0)
        return fail_at(c, v[0], "version: only version 1 of the manifest format is understood");
    return parse_datasets(c, v[1]);
}

static bg_err syntax_error(const mctx *c, const yaml_parser_t *parser) {
    return bg__set_error(c->err, BG_EINPUT, "%s:%lu:%lu: YAML syntax error: %s", c->path,
                         (unsigned long)parser->problem_mark.line + 1,
                         (unsigned long)parser->problem_mark.column + 1,
                         parser->problem ? parser->problem : "unknown problem");
}

static bg_err parse_document(mctx *c, yaml_parser_t *parser) {
    if (!yaml_parser_load(parser, c->doc))
        return syntax_error(c, parser);
    yaml_node_t *root = yaml_document_get_root_node(c->doc);
    BG_RETURN_IF(root == NULL, c->err, BG_EINPUT,
                 "%s:1:1: empty manifest (write version: 1 and "
                 "datasets:)",
                 c->path);
    BG_FORWARD_IF_ERROR(parse_root(c, root));
    yaml_document_t next;
    if (!yaml_parser_load(parser, &next))
        return syntax_error(c, parser);
    int more = yaml_document_get_root_node(&next) != NULL;
    unsigned long line = (unsigned long)next.start_mark.line + 1;
    yaml_document_delete(&next);
    BG_RETURN_IF(more, c->err, BG_EINPUT, "%s:%lu:1: only one YAML document is read", c->path,
                 line);
    return BG_OK;
}

static bg_err load(bg_manifest *m, const char *path, bg__error *err) {
    FILE *f = fopen(path, "rb");
    BG_RETURN_IF(f == NULL, err, BG_EINPUT, "%s: cannot open: %s", path, strerror(errno));
    yaml_parser_t parser;
    yaml_document_t doc;
    memset(&doc, 0, sizeof doc);
    if (!yaml_parser_initialize(&parser)) {
        fclose(f);
        return bg__set_error(err, BG_ENOMEM, "%s: out of memory", path);
    }
    yaml_parser_set_input_file(&parser, f);
    mctx c = {&doc, path, err, m};
    bg_err rc = parse_document(&c, &parser);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    fclose(f);
    return rc;
}

bg_err bg_manifest_load(const char *path, bg_manifest **out, char *errbuf, size_t errlen) {
    bg__error err = {0};
    *out = NULL;
    bg_manifest *m = calloc(1, sizeof *m);
    if (m == NULL || (m->path = strdup(path)) == NULL) {
        bg_manifest_free(m);
        bg__set_error(&err, BG_ENOMEM, "%s: out of memory", path);
        return bg__errbuf(&err, err.code, errbuf, errlen);
    }
    if (load(m, path, &err) != BG_OK) {
        bg_manifest_free(m);
        return bg__errbuf(&err, err.code, errbuf, errlen);
    }
    *out = m;
    return BG_OK;
}

static void free_dataset(bg_manifest_dataset *d) {
    for (size_t i = 0; d->files && i < d->file_count; i++) {
        bg_manifest_file *f = (bg_manifest_file *)&d->files[i];
        for (size_t j = 0; j < f->url_count; j++)
            free((void *)f->urls[j]);
        free((void *)f->urls);
        free((void *)f->path);
        free((void *)f->sha256);
    }
    free((void *)d->files);
    free((void *)d->name);
    free((void *)d->license);
    free((void *)d->source);
    free((void *)d->description);
}

void bg_manifest_free(bg_manifest *m) {
    if (m == NULL)
        return;
    for (size_t i = 0; i < m->count; i++)
        free_dataset(&m->sets[i]);
    free(m->sets);
    free(m->path);
    free(m);
}

const char *bg_manifest_path(const bg_manifest *m) {
    return m->path;
}

size_t bg_manifest_count(const bg_manifest *m) {
    return m->count;
}

const bg_manifest_dataset *bg_manifest_get(const bg_manifest *m, size_t i) {
    return i < m->count ? &m->sets[i] : NULL;
}

const bg_manifest_dataset *bg_manifest_find(const bg_manifest *m, const char *name) {
    for (size_t i = 0; i < m->count; i++)
        if (m->sets[i].name && strcmp(m->sets[i].name, name) == 0)
            return &m->sets[i];
    return NULL;
}
