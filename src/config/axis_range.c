/* axis_range.c - the values of an axis: "V1,V2,..." where an item may be a range, LO..HI:*F
 * (geometric: LO, LO*F, ... up to HI, HI included when reached) or LO..HI:+S (linear: LO, LO+S,
 * ... up to HI), as Google Benchmark's Range with RangeMultiplier and DenseRange. The bounds are
 * non-negative whole numbers: 1024, 4K (suffixes K, M, G, T as an axis value), or A<<B. The same
 * parser checks a setting when it is read (config_options.c) and expands it (instances.c). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "config/config.h"

/* A whole number: decimal digits and an optional K, M, G or T (Ki ...: the same, 1024^n).
 * @return 0, -1 not one, -2 over INT64_MAX */
static int parse_whole(const char *text, size_t len, int64_t *out) {
    static const char suffixes[] = "KMGT";
    size_t digits = 0;
    while (digits < len && text[digits] >= '0' && text[digits] <= '9')
        digits++;
    const char *unit = digits < len ? strchr(suffixes, text[digits]) : NULL;
    size_t tail = len - digits;
    if (digits == 0 ||
        !(tail == 0 || (unit && *unit && (tail == 1 || (tail == 2 && text[len - 1] == 'i')))))
        return -1;
    int64_t v = 0, scale = 1;
    for (const char *p = suffixes; tail && p <= unit; p++)
        scale *= 1024;
    for (size_t i = 0; i < digits; i++) {
        int d = text[i] - '0';
        if (v > (INT64_MAX - d) / 10)
            return -2;
        v = v * 10 + d;
    }
    if (v > INT64_MAX / scale)
        return -2;
    *out = v * scale;
    return 0;
}

/* A bound of a range: a whole number or A<<B. @return NULL or the problem (in why). */
static const char *parse_bound(const char *text, size_t len, int64_t *out, char *why, size_t size) {
    const char *shift = NULL;
    for (size_t i = 0; i + 1 < len && !shift; i++)
        if (text[i] == '<' && text[i + 1] == '<')
            shift = text + i;
    int64_t a = 0, b = 0;
    size_t alen = shift ? (size_t)(shift - text) : len;
    int ra = parse_whole(text, alen, &a),
        rb = shift ? parse_whole(shift + 2, len - alen - 2, &b) : 0;
    if (ra == -1 || rb == -1) {
        snprintf(why, size, "'%.*s' is not a whole number (or A<<B of two)", (int)len, text);
        return why;
    }
    if (ra == -2 || rb == -2 || b > 62 || a > (INT64_MAX >> b)) {
        snprintf(why, size, "'%.*s' overflows (the largest is 2^63 - 1)", (int)len, text);
        return why;
    }
    *out = a << b;
    return NULL;
}

/* The parts of a range: LO..HI:*F or LO..HI:+S. @return NULL or the problem. */
static const char *parse_range(const char *item, int64_t *lo, int64_t *hi, int *geometric,
                               int64_t *step, char *why, size_t size) {
    const char *dots = strstr(item, ".."), *colon = strchr(dots + 2, ':');
    if (colon == NULL || (colon[1] != '*' && colon[1] != '+')) {
        snprintf(why, size, "range '%.60s': no step (write LO..HI:*FACTOR or LO..HI:+STEP)", item);
        return why;
    }
    const char *bad = parse_bound(item, (size_t)(dots - item), lo, why, size);
    bad = bad ? bad : parse_bound(dots + 2, (size_t)(colon - dots - 2), hi, why, size);
    bad = bad ? bad : parse_bound(colon + 2, strlen(colon + 2), step, why, size);
    if (bad)
        return bad;
    *geometric = colon[1] == '*';
    if (*lo > *hi)
        snprintf(why, size, "range '%.60s': LO (%lld) is above HI (%lld)", item, (long long)*lo,
                 (long long)*hi);
    else if (*geometric && *step < 2)
        snprintf(why, size, "range '%.60s': the factor is %lld; it must be 2 or more", item,
                 (long long)*step);
    else if (*geometric && *lo == 0)
        snprintf(why, size, "range '%.60s': a geometric range cannot start at 0", item);
    else if (!*geometric && *step < 1)
        snprintf(why, size, "range '%.60s': the step is 0; it must be 1 or more", item);
    else
        return NULL;
    return why;
}

/* How many values the range has (capped just above the limit). */
static size_t range_count(int64_t lo, int64_t hi, int geometric, int64_t step) {
    if (!geometric) {
        uint64_t n = (uint64_t)(hi - lo) / (uint64_t)step + 1;
        return n > BG__AXIS_VALUES_MAX ? BG__AXIS_VALUES_MAX + 1 : (size_t)n;
    }
    size_t n = 1;
    for (int64_t v = lo; v <= hi / step && v * step <= hi; v *= step)
        n++;
    return n;
}

/* Writes text into why: @return why. */
static const char *say(char *why, size_t size, const char *text) {
    snprintf(why, size, "%s", text);
    return why;
}

static const char *add_value(bg__axis_values *out, const char *text, size_t len, char *why,
                             size_t size) {
    if (out->count == BG__AXIS_VALUES_MAX) {
        snprintf(why, size, "more than %s values (the limit of an axis)", BG__AXIS_VALUES_MAX_TEXT);
        return why;
    }
    if (len >= BG__AXIS_VALUE_LEN) {
        snprintf(why, size, "value '%.40s...' is longer than %d bytes", text,
                 BG__AXIS_VALUE_LEN - 1);
        return why;
    }
    if (out->count == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 16;
        char **grown = realloc(out->v, cap * sizeof *grown);
        if (grown == NULL)
            return say(why, size, "out of memory");
        out->v = grown, out->cap = cap;
    }
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return say(why, size, "out of memory");
    memcpy(copy, text, len);
    copy[len] = '\0';
    out->v[out->count++] = copy;
    return NULL;
}

static const char *expand_range(bg__axis_values *out, const char *item, char *why, size_t size) {
    int64_t lo = 0, hi = 0, step = 1;
    int geometric = 0;
    const char *bad = parse_range(item, &lo, &hi, &geometric, &step, why, size);
    if (bad)
        return bad;
    if (out->count + range_count(lo, hi, geometric, step) > BG__AXIS_VALUES_MAX) {
        snprintf(why, size, "range '%.60s': more than %s values (the limit of an axis)", item,
                 BG__AXIS_VALUES_MAX_TEXT);
        return why;
    }
    for (int64_t v = lo;;) {
        char num[24];
        int n = snprintf(num, sizeof num, "%lld", (long long)v);
        if ((bad = add_value(out, num, (size_t)n, why, size)) != NULL)
            return bad;
        if (geometric ? v > hi / step || v * step > hi : v > hi - step)
            return NULL;
        v = geometric ? v * step : v + step;
    }
}

const char *bg__axis_values_parse(const char *text, bg__axis_values *out, char *why, size_t size) {
    memset(out, 0, sizeof *out);
    const char *bad = NULL;
    for (const char *p = text; !bad && *p;) {
        size_t len = strcspn(p, ",");
        char item[256] = "";
        if (len < sizeof item)
            memcpy(item, p, len), item[len] = '\0';
        if (len == 0)
            bad = say(why, size, "has an empty value");
        else if (strstr(item, "..")) /* a range; a value never holds ".." */
            bad = expand_range(out, item, why, size);
        else
            bad = add_value(out, p, len, why, size);
        p += len;
        if (*p == ',' && *++p == '\0')
            bad = bad ? bad : say(why, size, "has an empty value");
    }
    if (!bad && out->count == 0)
        bad = say(why, size, "has no values");
    if (bad)
        bg__axis_values_free(out);
    return bad;
}

void bg__axis_values_free(bg__axis_values *vals) {
    for (size_t i = 0; i < vals->count; i++)
        free(vals->v[i]);
    free(vals->v);
    memset(vals, 0, sizeof *vals);
}
