/* config_yaml.c - reads bench.yaml with libyaml; every problem is reported as file:line:column. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "common/common.h"
#include "config/config.h"

typedef struct yaml_ctx {
    yaml_document_t *doc;
    const char *path;
    bg__settings *st;
    bg__error *err;
} yaml_ctx;

static bg_err fail_at(const yaml_ctx *c, const yaml_node_t *node, const char *what) {
    return bg__set_error(c->err, BG_ECONFIG, "%s:%lu:%lu: %s", c->path,
                         (unsigned long)node->start_mark.line + 1,
                         (unsigned long)node->start_mark.column + 1, what);
}

static const char *scalar(const yaml_node_t *node) {
    return node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : NULL;
}

static void where_of(const yaml_ctx *c, const yaml_node_t *node, char *buf, size_t size) {
    snprintf(buf, size, "%s:%lu:%lu", c->path, (unsigned long)node->start_mark.line + 1,
             (unsigned long)node->start_mark.column + 1);
}

/* A list or mapping val as one setting's text (see bg__yaml_join). */
static bg_err join(const yaml_ctx *c, yaml_node_t *val, const char *key, bg__join how, char *out,
                   size_t size) {
    const char *why = how == BG__JOIN_NONE ? "expected a single value"
                                           : bg__yaml_join(c->doc, val, how, out, size);
    char msg[256];
    snprintf(msg, sizeof msg, "%s: %s", key, why ? why : "");
    return why ? fail_at(c, val, msg) : BG_OK;
}

/* A program setting's value at val: a scalar, or a list or mapping as its def says. */
static bg_err apply_program(yaml_ctx *c, int p, yaml_node_t *val) {
    const bg_setting_def *d = &c->st->defs[p];
    char where[BG__PATH_MAX + 32], joined[4096];
    where_of(c, val, where, sizeof where);
    if (scalar(val))
        return bg__program_set(c->st, p, scalar(val), BG__SRC_YAML, where, c->err);
    BG_FORWARD_IF_ERROR(join(c, val, d->key, bg__join_of(d->yaml), joined, sizeof joined));
    return bg__program_set(c->st, p, joined, BG__SRC_YAML, where, c->err);
}

/* A value is a scalar, or (for axis) a sequence of scalars applied one by one. */
static bg_err apply_value(yaml_ctx *c, bg__config *cfg, const bg__opt_info *o, yaml_node_t *val,
                          bg__source src) {
    char where[BG__PATH_MAX + 32];
    where_of(c, val, where, sizeof where);
    if (val->type == YAML_SEQUENCE_NODE && o->id == BG__OPT_AXIS) {
        for (yaml_node_item_t *it = val->data.sequence.items.start;
             it < val->data.sequence.items.top; it++) {
            yaml_node_t *item = yaml_document_get_node(c->doc, *it);
            if (scalar(item) == NULL)
                return fail_at(c, item, "axis: each item must be a string NAME=VALUES");
            where_of(c, item, where, sizeof where);
            BG_FORWARD_IF_ERROR(bg__config_set(cfg, o->id, scalar(item), src, where, c->err));
        }
        return BG_OK;
    }
    if (scalar(val) == NULL) { /* plugins may be a list; the others are one value */
        char joined[BG__PATH_MAX];
        bg__join how = o->id == BG__OPT_PLUGIN ? BG__JOIN_PLUGINS : BG__JOIN_NONE;
        BG_FORWARD_IF_ERROR(join(c, val, o->yaml_key, how, joined, sizeof joined));
        return bg__config_set(cfg, o->id, joined, src, where, c->err);
    }
    return bg__config_set(cfg, o->id, scalar(val), src, where, c->err);
}

typedef bg_err (*pair_fn)(yaml_ctx *c, yaml_node_t *key, yaml_node_t *val, void *arg);

/* An empty section ("run:" with nothing under it) is a null scalar: nothing to set. */
static int is_null(const yaml_node_t *node) {
    const char *v = scalar(node);
    return v && node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
           (v[0] == '\0' || strcmp(v, "~") == 0 || strcmp(v, "null") == 0);
}

/* @return the earlier key node with the same text as pair p's key, or NULL. */
static yaml_node_t *earlier_key(const yaml_ctx *c, const yaml_node_t *map,
                                const yaml_node_pair_t *p) {
    const char *k = scalar(yaml_document_get_node(c->doc, p->key));
    for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p; q++) {
        yaml_node_t *other = yaml_document_get_node(c->doc, q->key);
        if (k && scalar(other) && strcmp(k, scalar(other)) == 0)
            return other;
    }
    return NULL;
}

static bg_err each_pair(yaml_ctx *c, yaml_node_t *map, const char *what, pair_fn fn, void *arg) {
    if (is_null(map))
        return BG_OK;
    if (map->type != YAML_MAPPING_NODE) {
        char msg[160];
        snprintf(msg, sizeof msg, "%s: expected a mapping of key: value", what);
        return fail_at(c, map, msg);
    }
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *key = yaml_document_get_node(c->doc, p->key);
        yaml_node_t *val = yaml_document_get_node(c->doc, p->value);
        if (scalar(key) == NULL)
            return fail_at(c, key, "keys must be plain strings");
        yaml_node_t *first = earlier_key(c, map, p);
        if (first) {
            char msg[512], shown[400];
            bg__value_excerpt(scalar(key), shown, sizeof shown); /* at most 80 bytes of it */
            snprintf(msg, sizeof msg, "duplicate key '%s' (first at line %lu)", shown,
                     (unsigned long)first->start_mark.line + 1);
            return fail_at(c, key, msg);
        }
        BG_FORWARD_IF_ERROR(fn(c, key, val, arg));
    }
    return BG_OK;
}

/* thresholds: NAME: PCT for a custom metric -> metric-threshold NAME=PCT. */
static bg_err metric_threshold(yaml_ctx *c, bg__config *cfg, yaml_node_t *key, yaml_node_t *val,
                               bg__source src) {
    if (scalar(val) == NULL)
        return fail_at(c, val, "thresholds: a metric's threshold is a single value (e.g. 2%)");
    char item[1100], where[BG__PATH_MAX + 32];
    snprintf(item, sizeof item, "%s=%s", scalar(key), scalar(val));
    where_of(c, val, where, sizeof where);
    return bg__config_set(cfg, BG__OPT_METRIC_THRESHOLD, item, src, where, c->err);
}

static bg_err section_pair(yaml_ctx *c, yaml_node_t *key, yaml_node_t *val, void *arg) {
    const char *section = arg;
    int p = bg__program_by_yaml(c->st, section, scalar(key));
    if (p >= 0)
        return apply_program(c, p, val);
    if (c->st->def_count == 0 && bg__command_yaml(section, scalar(key)))
        return BG_OK; /* benchgate start's own (telemetry:, notify:, history): not a bench's */
    const bg__opt_info *o = bg__opt_by_yaml(section, scalar(key));
    if (o == NULL && strcmp(section, "thresholds") == 0)
        return metric_threshold(c, &c->st->global, key, val, BG__SRC_YAML);
    if (o == NULL) {
        char msg[512], shown[400];
        bg__value_excerpt(scalar(key), shown, sizeof shown);
        snprintf(msg, sizeof msg, "unknown key '%s' in section %s", shown, section);
        return fail_at(c, key, msg);
    }
    return apply_value(c, &c->st->global, o, val, BG__SRC_YAML);
}

/* A new per-family override for key, at val's place; NULL when out of memory. */
static bg__override *new_override(yaml_ctx *c, const char *family, const char *key,
                                  const yaml_node_t *val) {
    bg__settings *st = c->st;
    bg__override *grown = realloc(st->overrides, (st->override_count + 1) * sizeof *grown);
    if (grown == NULL) {
        bg__set_error(c->err, BG_ENOMEM, "%s: out of memory", c->path);
        return NULL;
    }
    st->overrides = grown;
    bg__override *ov = &st->overrides[st->override_count++];
    memset(ov, 0, sizeof *ov);
    snprintf(ov->family, sizeof ov->family, "%s", family);
    snprintf(ov->key, sizeof ov->key, "%s", key);
    where_of(c, val, ov->where, sizeof ov->where);
    return ov;
}

static bg_err add_override(yaml_ctx *c, const char *family, const bg__opt_info *o,
                           yaml_node_t *val) {
    bg__config scratch;
    bg__config_defaults(&scratch); /* validate now so errors carry the line */
    BG_FORWARD_IF_ERROR(apply_value(c, &scratch, o, val, BG__SRC_YAML_BENCH));
    char key[64];
    snprintf(key, sizeof key, "%s.%s", o->yaml_section, o->yaml_key);
    bg__override *ov = new_override(c, family, key, val);
    if (ov == NULL)
        return c->err->code;
    if (scalar(val))
        snprintf(ov->value, sizeof ov->value, "%s", scalar(val));
    else /* an axis list: keep the validated settings joined by ';' */
        for (int i = 0; i < scratch.axis_count; i++)
            snprintf(ov->value + strlen(ov->value), sizeof ov->value - strlen(ov->value), "%s%s",
                     i ? ";" : "", scratch.axis[i]);
    return BG_OK;
}

/* benchmarks: FAMILY: thresholds: NAME: PCT, kept as the override "metric-threshold". */
static bg_err add_metric_override(yaml_ctx *c, const char *family, yaml_node_t *key,
                                  yaml_node_t *val) {
    bg__config scratch;
    bg__config_defaults(&scratch); /* validate now so errors carry the line */
    BG_FORWARD_IF_ERROR(metric_threshold(c, &scratch, key, val, BG__SRC_YAML_BENCH));
    bg__override *ov = new_override(c, family, "thresholds.*", val);
    if (ov == NULL)
        return c->err->code;
    snprintf(ov->value, sizeof ov->value, "%s=%s", scalar(key), scalar(val));
    return BG_OK;
}

/* benchmarks: FAMILY: thresholds: KEY: PCT: a built-in threshold, or a custom metric's. */
static bg_err family_threshold_pair(yaml_ctx *c, yaml_node_t *key, yaml_node_t *val, void *arg) {
    const char *family = arg;
    const bg__opt_info *o = bg__opt_by_yaml("thresholds", scalar(key));
    return o ? add_override(c, family, o, val) : add_metric_override(c, family, key, val);
}

static bg_err family_pair(yaml_ctx *c, yaml_node_t *key, yaml_node_t *val, void *arg) {
    const char *family = arg;
    const char *k = scalar(key);
    if (strcmp(k, "thresholds") == 0)
        return each_pair(c, val, "thresholds", family_threshold_pair, (void *)family);
    const bg__opt_info *o = bg__opt_by_yaml("run", k);
    if (o == NULL || !o->per_family) {
        char msg[600], shown[400];
        bg__value_excerpt(k, shown, sizeof shown);
        snprintf(msg, sizeof msg,
                 "'%s' cannot be set per benchmark (allowed: run settings such "
                 "as min_time, max_time, repetitions, axis, and thresholds:)",
                 shown);
        return fail_at(c, key, msg);
    }
    return add_override(c, family, o, val);
}

static bg_err benchmark_pair(yaml_ctx *c, yaml_node_t *key, yaml_node_t *val, void *arg) {
    (void)arg;
    return each_pair(c, val, scalar(key), family_pair, (void *)scalar(key));
}

static bg_err top_pair(yaml_ctx *c, yaml_node_t *key, yaml_node_t *val, void *arg) {
    (void)arg;
    const char *k = scalar(key);
    if (strcmp(k, "version") == 0) {
        if (scalar(val) == NULL || strcmp(scalar(val), "1") != 0)
            return fail_at(c, val, "version: only version 1 is understood");
        return BG_OK;
    }
    static const char *const sections[] = {"run", "thresholds", BG__COMMAND_SECTIONS};
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
        if (strcmp(k, sections[i]) == 0)
            return each_pair(c, val, k, section_pair, (void *)sections[i]);
    if (strcmp(k, "benchmarks") == 0)
        return each_pair(c, val, k, benchmark_pair, NULL);
    char msg[600], shown[400];
    bg__value_excerpt(k, shown, sizeof shown);
    snprintf(msg, sizeof msg,
             "unknown key '%s' (expected version, run, thresholds, telemetry, notify, "
             "benchmarks)",
             shown);
    return fail_at(c, key, msg);
}

static bg_err parse_document(yaml_ctx *c, yaml_parser_t *parser) {
    if (!yaml_parser_load(parser, c->doc)) {
        return bg__set_error(c->err, BG_ECONFIG, "%s:%lu:%lu: YAML syntax error: %s", c->path,
                             (unsigned long)parser->problem_mark.line + 1,
                             (unsigned long)parser->problem_mark.column + 1,
                             parser->problem ? parser->problem : "unknown problem");
    }
    yaml_node_t *root = yaml_document_get_root_node(c->doc);
    if (root == NULL)
        return BG_OK; /* an empty file: nothing to set */
    BG_FORWARD_IF_ERROR(each_pair(c, root, "the top level", top_pair, NULL));
    yaml_document_t next;
    if (!yaml_parser_load(parser, &next))
        return bg__set_error(c->err, BG_ECONFIG, "%s:%lu:%lu: YAML syntax error: %s", c->path,
                             (unsigned long)parser->problem_mark.line + 1,
                             (unsigned long)parser->problem_mark.column + 1,
                             parser->problem ? parser->problem : "unknown problem");
    int more = yaml_document_get_root_node(&next) != NULL;
    unsigned long line = (unsigned long)next.start_mark.line + 1;
    yaml_document_delete(&next);
    BG_RETURN_IF(more, c->err, BG_ECONFIG,
                 "%s:%lu:1: only one YAML document is read; remove "
                 "the second one (after ---)",
                 c->path, line);
    return BG_OK;
}

/* Parses from a file (f) or a buffer (data, len); `name` labels the messages. */
static bg_err load(bg__settings *st, FILE *f, const unsigned char *data, size_t len,
                   const char *name, bg__error *err) {
    yaml_parser_t parser;
    yaml_document_t doc;
    memset(&doc, 0, sizeof doc);
    if (!yaml_parser_initialize(&parser))
        return bg__set_error(err, BG_ENOMEM, "%s: out of memory", name);
    if (f)
        yaml_parser_set_input_file(&parser, f);
    else
        yaml_parser_set_input_string(&parser, data, len);
    yaml_ctx c = {&doc, name, st, err};
    bg_err rc = parse_document(&c, &parser);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    return rc;
}

#define MAX_FLOW_DEPTH 64
#define MAX_CONFIG_BYTES (1 << 20)

/* The deepest nesting of flow collections ([ and {) outside quotes and comments: libyaml
 * takes seconds on input nested a hundred thousand deep. @return 0 or the line that is too deep */
static unsigned long too_deep(const char *p, size_t len) {
    int depth = 0;
    unsigned long line = 1;
    char quote = 0;
    for (const char *end = p + len; p < end; p++) {
        if (*p == '\n')
            line++;
        if (quote) {
            if (*p == '\\' && quote == '"' && p + 1 < end)
                p++;
            else if (*p == quote)
                quote = 0;
        } else if (*p == '"' || *p == '\'') {
            quote = *p;
        } else if (*p == '#') {
            while (p + 1 < end && p[1] != '\n')
                p++;
        } else if (*p == '[' || *p == '{') {
            if (++depth > MAX_FLOW_DEPTH)
                return line;
        } else if ((*p == ']' || *p == '}') && depth > 0) {
            depth--;
        }
    }
    return 0;
}

static bg_err load_checked(bg__settings *st, const void *data, size_t len, const char *name,
                           bg__error *err) {
    BG_RETURN_IF(len > MAX_CONFIG_BYTES, err, BG_ECONFIG,
                 "%s: larger than 1 MiB (a settings file?)", name);
    BG_RETURN_IF(memchr(data, '\0', len) != NULL, err, BG_ECONFIG,
                 "%s: holds a NUL byte (binary data, not YAML)", name);
    unsigned long line = too_deep(data, len);
    BG_RETURN_IF(line != 0, err, BG_ECONFIG, "%s:%lu: nested more than %d levels deep", name, line,
                 MAX_FLOW_DEPTH);
    return load(st, NULL, data, len, name, err);
}

bg_err bg__config_load_yaml(bg__settings *st, const char *path, bg__error *err) {
    char *text = bg__read_text(path, err); /* regular files only: a FIFO must not hang the run */
    if (text == NULL) {
        err->code = BG_ECONFIG;
        return BG_ECONFIG;
    }
    bg_err rc = load_checked(st, text, strlen(text), path, err);
    free(text);
    return rc;
}

bg_err bg__config_load_yaml_buffer(bg__settings *st, const void *data, size_t len, const char *name,
                                   bg__error *err) {
    return load_checked(st, data, len, name, err);
}
