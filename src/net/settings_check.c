/* settings_check.c - what makes a telemetry or notify value good: URLs without credentials,
 * Prometheus label names, email addresses, command words (the checks of benchgate start's
 * settings, and of the options of bg_telemetry_push() and bg_notify_run()). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/integrations.h"
#include "net.h"

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

/* Reads one word at *p into store at *used. @return 1 for a word, 0 at the end, -1 on error */
static int next_word(const char **pp, char *store, size_t size, size_t *used) {
    const char *p = *pp;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '\0') {
        *pp = p;
        return 0;
    }
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
        if (n + 1 >= max) {
            argv[max - 1] = NULL;
            return -1;
        }
        argv[n++] = store + start;
    }
}

static const char *check_url(const char *v, const char *schemes) {
    if (bg__url_ok(v, schemes))
        return NULL;
    return strcmp(schemes, "http,https") == 0
               ? "is not an http:// or https:// URL without user:password@ (credentials "
                 "come from the environment)"
               : "is not an smtp:// or smtps:// URL without user:password@ (credentials "
                 "come from BENCHGATE_SMTP_USER and BENCHGATE_SMTP_PASSWORD)";
}

static const char *check_job(const char *v) {
    if (is_off(v))
        return "cannot be off (the job is part of the Pushgateway URL)";
    return has_space_or_control(v) || strchr(v, '/') ? "has a blank, control character or '/'"
                                                     : NULL;
}

static const char *check_notify_on(const char *v) {
    return strcmp(v, "always") && strcmp(v, "failure") && strcmp(v, "never")
               ? "is not one of always, failure, never"
               : NULL;
}

const char *bg_integration_check(const char *name, const char *value) {
    if (name == NULL || value == NULL)
        return "is missing";
    if (strcmp(name, "telemetry.job") == 0)
        return check_job(value);
    if (strcmp(name, "notify.on") == 0)
        return check_notify_on(value);
    if (is_off(value))
        return NULL; /* every other one may be off */
    if (strcmp(name, "telemetry.url") == 0)
        return check_url(value, "http,https");
    if (strcmp(name, "telemetry.labels") == 0)
        return check_labels(value);
    if (strcmp(name, "notify.smtp_url") == 0)
        return check_url(value, "smtp,smtps");
    if (strcmp(name, "notify.from") == 0)
        return bg__check_address(value);
    if (strcmp(name, "notify.to") == 0)
        return check_addresses(value);
    if (strcmp(name, "notify.command") == 0)
        return check_command(value);
    return NULL;
}
