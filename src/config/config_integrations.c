/* config_integrations.c - the settings of plugins, telemetry and notifications: parsing,
 * checking and formatting them, and the YAML lists and mappings they accept. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "config/config.h"

/* ---- checks ------------------------------------------------------------------------------ */

static int is_off(const char *v) {
    return strcmp(v, "off") == 0 || strcmp(v, "none") == 0;
}

static int has_space_or_control(const char *s) {
    for (; *s; s++)
        if (isspace((unsigned char)*s) || iscntrl((unsigned char)*s))
            return 1;
    return 0;
}

int bg__url_ok(const char *url, const char *schemes) {
    const char *sep = strstr(url, "://");
    if (sep == NULL || sep == url || has_space_or_control(url))
        return 0;
    size_t len = (size_t)(sep - url);
    const char *p = schemes;
    int known = 0;
    while (*p && !known) {
        size_t n = strcspn(p, ",");
        known = n == len && strncmp(p, url, len) == 0;
        p += n + (p[n] == ',');
    }
    const char *host = sep + 3;
    size_t authority = strcspn(host, "/?#");
    return known && authority > 0 && memchr(host, '@', authority) == NULL;
}

const char *bg__check_address(const char *a) {
    const char *at = strchr(a, '@');
    if (at == NULL || at == a || at[1] == '\0' || strchr(at + 1, '@'))
        return "is not an email address (name@host)";
    for (const char *p = a; *p; p++)
        if (isspace((unsigned char)*p) || iscntrl((unsigned char)*p) || strchr("<>\"',;()\\", *p))
            return "is not a plain email address (no blanks, quotes, <>, commas)";
    return NULL;
}

static int label_name_ok(const char *s, size_t n) {
    if (n == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!(isalnum((unsigned char)s[i]) || s[i] == '_'))
            return 0;
    return !(n >= 2 && s[0] == '_' && s[1] == '_'); /* __ names are Prometheus' own */
}

/* "k=v,k=v": names like Prometheus label names, not job or instance (set otherwise), values
 * non-empty without control characters. */
static const char *check_labels(const char *v) {
    const char *p = v;
    while (*p) {
        size_t item = strcspn(p, ",");
        const char *eq = memchr(p, '=', item);
        if (eq == NULL || eq + 1 == p + item)
            return "is not a list of NAME=VALUE separated by commas";
        size_t name = (size_t)(eq - p);
        if (!label_name_ok(p, name))
            return "has a label name other than [A-Za-z_][A-Za-z0-9_]*";
        if ((name == 3 && strncmp(p, "job", 3) == 0))
            return "sets the label job (use telemetry job instead)";
        for (const char *c = eq + 1; c < p + item; c++)
            if (iscntrl((unsigned char)*c))
                return "has a control character in a value";
        p += item;
        if (*p == ',' && *++p == '\0')
            return "ends with a comma";
    }
    return NULL;
}

static const char *check_addresses(const char *v) {
    char buf[1024];
    if (strlen(v) >= sizeof buf)
        return "is too long";
    snprintf(buf, sizeof buf, "%s", v);
    if (buf[0] == ',' || buf[strlen(buf) - 1] == ',' || strstr(buf, ",,"))
        return "has an empty address";
    char *save = NULL;
    for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
        if (bg__check_address(t))
            return bg__check_address(t);
    return NULL;
}

static const char *check_command(const char *v) {
    char store[2048], *argv[64];
    int n = bg__split_words(v, store, sizeof store, argv, 64);
    if (n < 0)
        return "is not a command (an unclosed quote, or more than 63 words)";
    return n == 0 ? "names no program" : NULL;
}

/* ---- setting and formatting --------------------------------------------------------------- */

static const char *copy(char *dst, size_t size, const char *v) {
    if (strlen(v) >= size)
        return "is too long";
    snprintf(dst, size, "%s", is_off(v) ? "" : v);
    return NULL;
}

/* A later plugin of the same source is added to the list; a higher source replaces it. */
static const char *set_plugins(bg__config *c, const char *v, bg__source src) {
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

static const char *set_timeout(double *out, const char *v) {
    char *end = NULL;
    errno = 0;
    double s = strtod(v, &end);
    if (end == v || errno || !isfinite(s))
        return "is not a duration in seconds (e.g. 5 or 500ms)";
    if (strcmp(end, "ms") == 0)
        s /= 1000;
    else if (*end != '\0' && strcmp(end, "s") != 0)
        return "has an unknown unit (use s or ms)";
    if (s < 0.1 || s > 600)
        return "is out of range (0.1 to 600 seconds)";
    *out = s;
    return NULL;
}

static const char *set_url(char *dst, size_t size, const char *v, const char *schemes) {
    if (!is_off(v) && !bg__url_ok(v, schemes))
        return strcmp(schemes, "http,https") == 0
                   ? "is not an http:// or https:// URL without user:password@ (credentials "
                     "come from the environment)"
                   : "is not an smtp:// or smtps:// URL without user:password@ (credentials "
                     "come from BENCHGATE_SMTP_USER and BENCHGATE_SMTP_PASSWORD)";
    return copy(dst, size, v);
}

static const char *set_checked(char *dst, size_t size, const char *v,
                               const char *(*check)(const char *)) {
    const char *why = is_off(v) ? NULL : check(v);
    return why ? why : copy(dst, size, v);
}

static const char *check_job(const char *v) {
    return has_space_or_control(v) || strchr(v, '/') ? "has a blank, control character or '/'"
                                                     : NULL;
}

static const char *set_notify_on(bg__config *c, const char *v) {
    if (strcmp(v, "always") && strcmp(v, "failure") && strcmp(v, "never"))
        return "is not one of always, failure, never";
    return copy(c->notify_on, sizeof c->notify_on, v);
}

const char *bg__config_set_integration(bg__config *c, bg__opt_id id, const char *v,
                                       bg__source src) {
    switch (id) {
    case BG__OPT_PLUGIN:
        return set_plugins(c, v, src);
    case BG__OPT_TELEMETRY_URL:
        return set_url(c->telemetry_url, sizeof c->telemetry_url, v, "http,https");
    case BG__OPT_TELEMETRY_JOB:
        return is_off(v) ? "cannot be off (the job is part of the Pushgateway URL)"
                         : set_checked(c->telemetry_job, sizeof c->telemetry_job, v, check_job);
    case BG__OPT_TELEMETRY_LABELS:
        return set_checked(c->telemetry_labels, sizeof c->telemetry_labels, v, check_labels);
    case BG__OPT_TELEMETRY_TIMEOUT:
        return set_timeout(&c->telemetry_timeout, v);
    case BG__OPT_NOTIFY_ON:
        return set_notify_on(c, v);
    case BG__OPT_NOTIFY_SMTP_URL:
        return set_url(c->notify_smtp_url, sizeof c->notify_smtp_url, v, "smtp,smtps");
    case BG__OPT_NOTIFY_FROM:
        return set_checked(c->notify_from, sizeof c->notify_from, v, bg__check_address);
    case BG__OPT_NOTIFY_TO:
        return set_checked(c->notify_to, sizeof c->notify_to, v, check_addresses);
    case BG__OPT_NOTIFY_COMMAND:
        return set_checked(c->notify_command, sizeof c->notify_command, v, check_command);
    default:
        return NULL;
    }
}

/* ---- YAML lists and mappings --------------------------------------------------------------- */

int bg__opt_takes_list(bg__opt_id id) {
    return id == BG__OPT_PLUGIN || id == BG__OPT_TELEMETRY_LABELS || id == BG__OPT_NOTIFY_TO ||
           id == BG__OPT_NOTIFY_COMMAND;
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

static const char *join_sequence(yaml_document_t *doc, yaml_node_t *node, bg__opt_id id, char *out,
                                 size_t size) {
    const char *sep = id == BG__OPT_PLUGIN ? ":" : id == BG__OPT_NOTIFY_TO ? "," : " ";
    size_t len = 0;
    out[0] = '\0';
    for (yaml_node_item_t *it = node->data.sequence.items.start; it < node->data.sequence.items.top;
         it++) {
        const char *item = scalar_of(yaml_document_get_node(doc, *it));
        if (item == NULL || (item[0] == '\0' && id != BG__OPT_NOTIFY_COMMAND))
            return "each item of the list must be a non-empty string";
        if (append(out, size, &len, len ? sep : "", item, id == BG__OPT_NOTIFY_COMMAND) != 0)
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

const char *bg__yaml_join(yaml_document_t *doc, yaml_node_t *node, bg__opt_id id, char *out,
                          size_t size) {
    if (node->type == YAML_SEQUENCE_NODE && id != BG__OPT_TELEMETRY_LABELS)
        return join_sequence(doc, node, id, out, size);
    if (node->type == YAML_MAPPING_NODE && id == BG__OPT_TELEMETRY_LABELS)
        return join_mapping(doc, node, out, size);
    return id == BG__OPT_TELEMETRY_LABELS ? "expected a mapping of label: value"
                                          : "expected a string or a list of strings";
}

/* ---- command words ------------------------------------------------------------------------- */

/* Reads one word at *p into store at *used. @return 1 for a word, 0 at the end, -1 on error */
static int next_word(const char **pp, char *store, size_t size, size_t *used) {
    const char *p = *pp;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '\0')
        return *pp = p, 0;
    char quote = 0;
    for (; *p && (quote || (*p != ' ' && *p != '\t')); p++) {
        char ch = *p;
        if (quote == 0 && (ch == '\'' || ch == '"')) {
            quote = ch;
            continue;
        }
        if (quote == ch) {
            quote = 0;
            continue;
        }
        if (ch == '\\' && quote != '\'' && p[1] && (quote == 0 || p[1] == '"' || p[1] == '\\'))
            ch = *++p;
        if (*used + 1 >= size)
            return -1;
        store[(*used)++] = ch;
    }
    if (quote || *used + 1 >= size)
        return -1;
    store[(*used)++] = '\0';
    *pp = p;
    return 1;
}

int bg__split_words(const char *text, char *store, size_t size, char **argv, int max) {
    const char *p = text;
    size_t used = 0;
    int n = 0;
    for (;;) {
        size_t start = used;
        int rc = next_word(&p, store, size, &used);
        if (rc <= 0) {
            argv[n < max ? n : max - 1] = NULL;
            return rc < 0 ? -1 : n;
        }
        if (n + 1 >= max)
            return argv[max - 1] = NULL, -1;
        argv[n++] = store + start;
    }
}
