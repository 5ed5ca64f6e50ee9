/* changes_find.c - the changes of one series as benchgate changes and publish report them: the
 * detector's change points (changes_detect.c) with the medians of the levels on each side, the
 * change in % and whether it is a regression by the metric's direction. */
#include <math.h>
#include <stdlib.h>

#include "changes.h"

static bg__change change_at(const bg__cseries *s, const double *y, const bg__cfound *found, int i,
                            int k, int exact) {
    size_t lo = i > 0 ? found[i - 1].at : 0, at = found[i].at;
    size_t hi = i + 1 < k ? found[i + 1].at : s->n;
    bg__change x = {s,
                    at,
                    bg__changes_median(y, lo, at),
                    bg__changes_median(y, at, hi),
                    NAN,
                    found[i].p_value,
                    0,
                    exact};
    x.pct = x.before != 0 ? (x.after - x.before) / fabs(x.before) * 100 : NAN;
    x.regression = s->higher_better ? x.after < x.before : x.after > x.before;
    return x;
}

int bg__changes_find(const bg__cseries *s, const bg__cparams *p, size_t from, bg__change **out,
                     size_t *count) {
    size_t n = s->n, cap = n / 2 + 1;
    double *y = malloc((n + 1) * sizeof *y), *ci = malloc((n + 1) * sizeof *ci);
    bg__cfound *found = malloc(cap * sizeof *found);
    int exact = n >= 2, k = -1;
    *out = NULL, *count = 0;
    if (y && ci && found) {
        for (size_t i = 0; i < n; i++)
            y[i] = s->pts[i].value, ci[i] = s->pts[i].half_ci, exact &= s->pts[i].exact;
        k = bg__changes_detect(y, ci, n, exact, p, found, cap);
    }
    if (k > 0 && (*out = malloc((size_t)k * sizeof **out)) == NULL)
        k = -1;
    for (int i = 0; i < k; i++)
        if (found[i].at >= from)
            (*out)[(*count)++] = change_at(s, y, found, i, k, exact);
    free(y), free(ci), free(found);
    if (*count == 0)
        free(*out), *out = NULL;
    return k < 0 ? -1 : 0;
}
