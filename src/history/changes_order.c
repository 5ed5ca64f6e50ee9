/* changes_order.c - the points of each series in commit order: the first-parent order of the
 * current git checkout when it holds every commit (git rev-list --first-parent HEAD), else the
 * commits' times (git_commit_time, recorded from run.git.commit_time), else the time of each
 * commit's first run (the order read). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/process.h"
#include "changes.h"

#define REV_LIST_MAX (64u << 20) /* about 1.5 million commits */

const char *bg__changes_order_name(bg__corder order) {
    return order == BG__ORDER_FIRST_PARENT  ? "first-parent"
           : order == BG__ORDER_COMMIT_TIME ? "commit-time"
                                            : "run-time";
}

typedef struct keyed {
    long long key;
    size_t was; /**< the position read: ties keep it */
} keyed;

static int by_key(const void *a, const void *b) {
    const keyed *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->was < y->was ? -1 : x->was > y->was;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's days_from_civil). */
static long long days_from_civil(long long y, unsigned m, unsigned d) {
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

/* The number in the digits t[0..n), or -1 when one is not a digit. */
static int fixed_number(const char *t, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (t[i] < '0' || t[i] > '9')
            return -1;
        v = v * 10 + (t[i] - '0');
    }
    return v;
}

/* "YYYY-MM-DDTHH:MM:SS" as git and benchgate write it, without sscanf (a million points are
 * read twice). @return 19, the characters read, or 0 when t is laid out otherwise */
static int fixed_layout(const char *t, int *y, int *mo, int *d, int *h, int *mi, int *s) {
    for (int i = 0; i < 19; i++)
        if (t[i] == '\0')
            return 0;
    if (t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':')
        return 0;
    *y = fixed_number(t, 4), *mo = fixed_number(t + 5, 2), *d = fixed_number(t + 8, 2);
    *h = fixed_number(t + 11, 2), *mi = fixed_number(t + 14, 2), *s = fixed_number(t + 17, 2);
    return *y < 0 || *mo < 0 || *d < 0 || *h < 0 || *mi < 0 || *s < 0 ? 0 : 19;
}

/* ISO 8601 with a zone (2025-01-02T03:04:05+02:00, or Z) as seconds since 1970 UTC. */
static int iso_seconds(const char *t, long long *out) {
    int y, mo, d, h, mi, s, n = 0, zh = 0, zm = 0;
    char sign = 'Z';
    if ((n = fixed_layout(t, &y, &mo, &d, &h, &mi, &s)) == 0 &&
        sscanf(t, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &n) != 6)
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > 31)
        return -1;
    if (t[n] == '+' || t[n] == '-') {
        sign = t[n];
        const char *z = t + n + 1;
        int fixed = z[0] && z[1] && z[2] == ':' && z[3] && z[4];
        zh = fixed ? fixed_number(z, 2) : -1, zm = fixed ? fixed_number(z + 3, 2) : -1;
        if ((zh < 0 || zm < 0) && sscanf(z, "%2d:%2d", &zh, &zm) != 2)
            return -1;
    } else if (t[n] != 'Z') {
        return -1;
    }
    long long zone = (zh * 3600LL + zm * 60) * (sign == '-' ? -1 : 1);
    *out = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600LL + mi * 60 + s - zone;
    return 0;
}

/* A commit of the first-parent list and its place, newest first. */
typedef struct rev {
    const char *sha;
    size_t index;
} rev;

typedef struct revs {
    char *text;
    rev *at; /**< sorted by sha */
    size_t n;
} revs;

static int by_sha(const void *a, const void *b) {
    return strcmp(((const rev *)a)->sha, ((const rev *)b)->sha);
}

/* git rev-list --first-parent HEAD of dir; none (r->n 0) when dir is no git checkout. */
static int read_revs(const char *dir, revs *r) {
    char *argv[] = {"git",  "-C", (char *)(dir ? dir : "."), "rev-list", "--first-parent",
                    "HEAD", NULL};
    memset(r, 0, sizeof *r);
    if ((r->text = malloc(REV_LIST_MAX)) == NULL)
        return -1;
    if (bg_spawn_capture(argv, r->text, REV_LIST_MAX, 30) != 0)
        return 0;
    size_t lines = 0;
    for (char *p = r->text; *p; p++)
        lines += *p == '\n';
    if ((r->at = malloc((lines + 1) * sizeof *r->at)) == NULL)
        return -1;
    char *save = NULL;
    for (char *p = strtok_r(r->text, "\n", &save); p; p = strtok_r(NULL, "\n", &save))
        r->at[r->n] = (rev){p, r->n}, r->n++;
    qsort(r->at, r->n, sizeof *r->at, by_sha);
    return 0;
}

/* The key of a point by the order: its first-parent place (oldest first) or commit time. */
static int point_key(const bg__cpoint *p, bg__corder order, const revs *r, long long *key) {
    if (order == BG__ORDER_RUN_TIME)
        return iso_seconds(p->when, key);
    if (order == BG__ORDER_COMMIT_TIME)
        return p->commit_time[0] ? iso_seconds(p->commit_time, key) : -1;
    rev want = {p->commit, 0};
    const rev *hit = r->n ? bsearch(&want, r->at, r->n, sizeof *r->at, by_sha) : NULL;
    if (hit == NULL)
        return -1;
    *key = (long long)(r->n - hit->index);
    return 0;
}

/* 1 when every point of every series has a key by this order. */
static int every_point_keyed(const bg__cseries_list *l, bg__corder order, const revs *r) {
    long long key;
    for (size_t i = 0; i < l->count; i++)
        for (size_t k = 0; k < l->rows[i].n; k++)
            if (point_key(&l->rows[i].pts[k], order, r, &key) != 0)
                return 0;
    return 1;
}

/* The points by their keys (the keys and places are sorted, then the points moved once). */
static int sort_series(bg__cseries *s, bg__corder order, const revs *r) {
    keyed *k = malloc((s->n + 1) * sizeof *k);
    bg__cpoint *moved = order != BG__ORDER_RUN_TIME ? malloc((s->n + 1) * sizeof *moved) : NULL;
    if (k == NULL || (order != BG__ORDER_RUN_TIME && moved == NULL)) {
        free(k), free(moved);
        return -1;
    }
    for (size_t i = 0; i < s->n; i++) {
        k[i] = (keyed){0, i};
        if (point_key(&s->pts[i], order, r, &k[i].key) != 0)
            k[i].key = i > 0 ? k[i - 1].key : 0;
    }
    if (moved) { /* run time: the order read */
        qsort(k, s->n, sizeof *k, by_key);
        for (size_t i = 0; i < s->n; i++)
            moved[i] = s->pts[k[i].was];
        memcpy(s->pts, moved, s->n * sizeof *moved);
    }
    for (size_t i = 0; i < s->n; i++)
        s->pts[i].key = k[i].key;
    free(k), free(moved);
    return 0;
}

int bg__changes_order(bg__cseries_list *l, const char *dir) {
    revs r;
    int bad = read_revs(dir, &r);
    l->order = BG__ORDER_RUN_TIME;
    if (!bad && l->count && r.n && every_point_keyed(l, BG__ORDER_FIRST_PARENT, &r))
        l->order = BG__ORDER_FIRST_PARENT;
    else if (!bad && l->count && every_point_keyed(l, BG__ORDER_COMMIT_TIME, &r))
        l->order = BG__ORDER_COMMIT_TIME;
    for (size_t i = 0; !bad && i < l->count; i++)
        bad = sort_series(&l->rows[i], l->order, &r);
    free(r.text), free(r.at);
    return bad;
}
