/* config_lists.c - the plugin list, and the YAML lists and mappings a setting may be written
 * as (plugins, recipients, command words, labels). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "config/config.h"

/* A later plugin of the same source is added to the list; a higher source replaces it. */
const char *bg__config_set_plugins(bg__config *c, const char *v, bg__source src) {
    if (v[0] == ':' || v[strlen(v) - 1] == ':' || strstr(v, "::"))
        return "has an empty path in the ':'-separated list";
    for (const char *p = v; *p; p++)
        if (iscntrl((unsigned char)*p))
            return "has a control character";
    char joined[sizeof c->plugins];
    const char *keep = src > c->source[BG__OPT_PLUGIN] || c->plugins[0] == '\0' ? "" : c->plugins;
    int n = snprintf(joined, sizeof joined, "%s%s%s", keep, keep[0] ? ":" : "", v);
    if (n < 0 || (size_t)n >= sizeof joined)
        return "makes the list of plugins too long";
    memcpy(c->plugins, joined, (size_t)n + 1);
    return NULL;
}

/* ---- YAML lists and mappings --------------------------------------------------------------- */

bg__join bg__join_of(bg_setting_yaml form) {
    switch (form) {
    case BG_SETTING_LIST:
        return BG__JOIN_LIST;
    case BG_SETTING_WORDS:
        return BG__JOIN_WORDS;
    case BG_SETTING_LABELS:
        return BG__JOIN_LABELS;
    default:
        return BG__JOIN_NONE;
    }
}

static const char *scalar_of(yaml_node_t *n) {
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* Appends sep and text to out at *len; quoted: text as one single-quoted command word. */
static int append(char *out, size_t size, size_t *len, const char *sep, const char *text,
                  int quoted) {
    size_t need = strlen(sep) + strlen(text) * (quoted ? 4 : 1) + 3;
    if (*len + need >= size)
        return -1;
    *len += (size_t)snprintf(out + *len, size - *len, "%s%s", sep, quoted ? "'" : "");
    for (const char *p = text; *p; p++) {
        const char *piece = quoted && *p == '\'' ? "'\\''" : NULL;
        if (piece)
            *len += (size_t)snprintf(out + *len, size - *len, "%s", piece);
        else
            out[(*len)++] = *p;
    }
    *len += (size_t)snprintf(out + *len, size - *len, "%s", quoted ? "'" : "");
    return 0;
}

static const char *join_sequence(yaml_document_t *doc, yaml_node_t *node, bg__join how, char *out,
                                 size_t size) {
    const char *sep = how == BG__JOIN_PLUGINS ? ":" : how == BG__JOIN_LIST ? "," : " ";
    size_t len = 0;
    out[0] = '\0';
    for (yaml_node_item_t *it = node->data.sequence.items.start; it < node->data.sequence.items.top;
         it++) {
        const char *item = scalar_of(yaml_document_get_node(doc, *it));
        if (item == NULL || (item[0] == '\0' && how != BG__JOIN_WORDS))
            return "each item of the list must be a non-empty string";
        if (append(out, size, &len, len ? sep : "", item, how == BG__JOIN_WORDS) != 0)
            return "the list is too long";
    }
    return len ? NULL : "the list is empty";
}

static const char *join_mapping(yaml_document_t *doc, yaml_node_t *node, char *out, size_t size) {
    size_t len = 0;
    out[0] = '\0';
    for (yaml_node_pair_t *p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top;
         p++) {
        const char *k = scalar_of(yaml_document_get_node(doc, p->key));
        const char *v = scalar_of(yaml_document_get_node(doc, p->value));
        if (k == NULL || v == NULL || v[0] == '\0' || strchr(v, ','))
            return "each label must be name: value (a non-empty value without commas)";
        if (append(out, size, &len, len ? "," : "", k, 0) != 0 ||
            append(out, size, &len, "=", v, 0) != 0)
            return "the labels are too long";
    }
    return len ? NULL : "the mapping is empty";
}

const char *bg__yaml_join(yaml_document_t *doc, yaml_node_t *node, bg__join how, char *out,
                          size_t size) {
    if (node->type == YAML_SEQUENCE_NODE && how != BG__JOIN_LABELS)
        return join_sequence(doc, node, how, out, size);
    if (node->type == YAML_MAPPING_NODE && how == BG__JOIN_LABELS)
        return join_mapping(doc, node, out, size);
    return how == BG__JOIN_LABELS ? "expected a mapping of label: value"
                                  : "expected a string or a list of strings";
}
