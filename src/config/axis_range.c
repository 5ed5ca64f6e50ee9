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

/* A bound of a range: a whole number or A<<B. @return BG_OK, or BG_EUSAGE with the problem. */
static bg_err parse_bound(const char *text, size_t len, int64_t *out, bg__error *err) {
    const char *shift = NULL;
    for (size_t i = 0; i + 1 < len && !shift; i++)
        if (text[i] == '<' && text[i + 1] == '<')
            shift = text + i;
    int64_t a = 0, b = 0;
    size_t alen = shift ? (size_t)(shift - text) : len;
    int ra = parse_whole(text, alen, &a),
        rb = shift ? parse_whole(shift + 2, len - alen - 2, &b) : 0;
    BG_RETURN_IF(ra == -1 || rb == -1, err, BG_EUSAGE,
                 "'%.*s' is not a whole number (or A<<B of two)", (int)len, text);
    BG_RETURN_IF(ra == -2 || rb == -2 || b > 62 || a > (INT64_MAX >> b), err, BG_EUSAGE,
                 "'%.*s' overflows (the largest is 2^63 - 1)", (int)len, text);
    *out = a << b;
    return BG_OK;
}

/* The parts of a range: LO..HI:*F or LO..HI:+S. @return BG_OK, or BG_EUSAGE with the problem. */
static bg_err parse_range(const char *item, int64_t *lo, int64_t *hi, int *geometric, int64_t *step,
                          bg__error *err) {
    const char *dots = strstr(item, ".."), *colon = strchr(dots + 2, ':');
    BG_RETURN_IF(colon == NULL || (colon[1] != '*' && colon[1] != '+'), err, BG_EUSAGE,
                 "range '%.60s': no step (write LO..HI:*FACTOR or LO..HI:+STEP)", item);
    BG_FORWARD_IF_ERROR(parse_bound(item, (size_t)(dots - item), lo, err));
    BG_FORWARD_IF_ERROR(parse_bound(dots + 2, (size_t)(colon - dots - 2), hi, err));
    BG_FORWARD_IF_ERROR(parse_bound(colon + 2, strlen(colon + 2), step, err));
    *geometric = colon[1] == '*';
    BG_RETURN_IF(*lo > *hi, err, BG_EUSAGE, "range '%.60s': LO (%lld) is above HI (%lld)", item,
                 (long long)*lo, (long long)*hi);
    BG_RETURN_IF(*geometric && *step < 2, err, BG_EUSAGE,
                 "range '%.60s': the factor is %lld; it must be 2 or more", item, (long long)*step);
    BG_RETURN_IF(*geometric && *lo == 0, err, BG_EUSAGE,
                 "range '%.60s': a geometric range cannot start at 0", item);
    BG_RETURN_IF(!*geometric && *step < 1, err, BG_EUSAGE,
                 "range '%.60s': the step is 0; it must be 1 or more", item);
    return BG_OK;
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

static bg_err add_value(bg__axis_values *out, const char *text, size_t len, bg__error *err) {
    BG_RETURN_IF(out->count == BG__AXIS_VALUES_MAX, err, BG_EUSAGE,
                 "more than %s values (the limit of an axis)", BG__AXIS_VALUES_MAX_TEXT);
    BG_RETURN_IF(len >= BG__AXIS_VALUE_LEN, err, BG_EUSAGE,
                 "value '%.40s...' is longer than %d bytes", text, BG__AXIS_VALUE_LEN - 1);
    BG_RETURN_IF(bg__grow((void **)&out->v, &out->cap, out->count + 1, sizeof *out->v, 16) != 0,
                 err, BG_ENOMEM, "out of memory");
    char *copy = malloc(len + 1);
    BG_RETURN_IF(copy == NULL, err, BG_ENOMEM, "out of memory");
    memcpy(copy, text, len);
    copy[len] = '\0';
    out->v[out->count++] = copy;
    return BG_OK;
}

static bg_err expand_range(bg__axis_values *out, const char *item, bg__error *err) {
    int64_t lo = 0, hi = 0, step = 1;
    int geometric = 0;
    BG_FORWARD_IF_ERROR(parse_range(item, &lo, &hi, &geometric, &step, err));
    BG_RETURN_IF(out->count + range_count(lo, hi, geometric, step) > BG__AXIS_VALUES_MAX, err,
                 BG_EUSAGE, "range '%.60s': more than %s values (the limit of an axis)", item,
                 BG__AXIS_VALUES_MAX_TEXT);
    for (int64_t v = lo;;) {
        char num[24];
        int n = snprintf(num, sizeof num, "%lld", (long long)v);
        BG_FORWARD_IF_ERROR(add_value(out, num, (size_t)n, err));
        if (geometric ? v > hi / step || v * step > hi : v > hi - step)
            return BG_OK;
        v = geometric ? v * step : v + step;
    }
}

bg_err bg__axis_values_parse(const char *text, bg__axis_values *out, bg__error *err) {
    memset(out, 0, sizeof *out);
    bg_err rc = BG_OK;
    for (const char *p = text; rc == BG_OK && *p;) {
        size_t len = strcspn(p, ",");
        char item[256] = "";
        if (len < sizeof item)
            memcpy(item, p, len), item[len] = '\0';
        if (len == 0)
            rc = bg__set_error(err, BG_EUSAGE, "has an empty value");
        else if (strstr(item, "..")) /* a range; a value never holds ".." */
            rc = expand_range(out, item, err);
        else
            rc = add_value(out, p, len, err);
        p += len;
        if (*p == ',' && *++p == '\0' && rc == BG_OK)
            rc = bg__set_error(err, BG_EUSAGE, "has an empty value");
    }
    if (rc == BG_OK && out->count == 0)
        rc = bg__set_error(err, BG_EUSAGE, "has no values");
    if (rc != BG_OK)
        bg__axis_values_free(out);
    return rc;
}

void bg__axis_values_free(bg__axis_values *vals) {
    for (size_t i = 0; i < vals->count; i++)
        free(vals->v[i]);
    free(vals->v);
    memset(vals, 0, sizeof *vals);
}
