/* changes_find.c - the changes of one series as benchgate changes and publish report them: the
 * detector's change points (changes_detect.c) with the medians of the levels on each side, the
 * change in % and whether it is a regression by the metric's direction; and those of every
 * series, on the machine's cores. */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

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

/*
 * The changes of series s by the detector p, in series order, from the point
 * from on. Allocates *out (the caller frees it; NULL when none), *count their number.
 * @return 0; -1 out of memory
 */
static int changes_find(const bg__cseries *s, const bg__cparams *p, size_t from, bg__change **out,
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

#define MAX_THREADS 8

/** The series shared out among the threads: each takes the next one not taken. */
typedef struct find_job {
    const bg__cseries_list *l;
    const bg__cparams *p;
    const size_t *from;
    bg__change **out;
    size_t *count;
    atomic_size_t next;
    atomic_int failed;
} find_job;

static void *find_some(void *arg) {
    find_job *j = arg;
    for (size_t i; (i = atomic_fetch_add(&j->next, 1)) < j->l->count;)
        if (changes_find(&j->l->rows[i], j->p, j->from ? j->from[i] : 1, &j->out[i],
                         &j->count[i]) != 0)
            atomic_store(&j->failed, 1);
    return NULL;
}

int bg__changes_find_all(const bg__cseries_list *l, const bg__cparams *p, const size_t *from,
                         bg__change **out, size_t *count) {
    find_job j = {l, p, from, out, count, 0, 0};
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t want = cores > 1 ? (size_t)cores : 1, started = 0;
    want = want > MAX_THREADS ? MAX_THREADS : want;
    want = want > l->count / 4 + 1 ? l->count / 4 + 1 : want; /* a few series: one thread */
    pthread_t ids[MAX_THREADS];
    for (size_t i = 0; i + 1 < want; i++)
        started += pthread_create(&ids[started], NULL, find_some, &j) == 0;
    find_some(&j); /* this thread too: with no other started, it does them all */
    for (size_t i = 0; i < started; i++)
        pthread_join(ids[i], NULL);
    return atomic_load(&j.failed) ? -1 : 0;
}
