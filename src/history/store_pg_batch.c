/* store_pg_batch.c - the rows a transaction appends (benchmarks, metrics, samples), sent to
 * PostgreSQL together: the ids of new rows reserved from their table's sequence a block at a
 * time, and the rows of each statement sent by one COPY when anything else runs or the
 * transaction commits. A run of 100 benchmarks with 2 metrics each costs a handful of round
 * trips instead of 300 (docs/team-store.md has the figures). */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "store_pg.h"

enum {
    ID_BLOCK = 1024, /* ids reserved per round trip */
    GROUPS = 8,      /* distinct statements in one transaction */
    POOLS = 4,       /* tables whose ids are reserved */
    MAX_SENT = 8192, /* parameters of one INSERT sent (PostgreSQL takes up to 65535) */
    TABLE_MAX = 64
};

typedef struct id_pool {
    char table[TABLE_MAX];
    long long ids[ID_BLOCK];
    int next, count;
} id_pool;

/* The rows of one statement, already in COPY's text format (a line each, the id first when
 * reserved): appending a row costs no allocation of its own. */
typedef struct group {
    const char *sql;
    int with_id, width;
    bg__strbuf text;
    size_t rows;
} group;

struct bg__pg_batch {
    group g[GROUPS];
    int groups;
    id_pool pools[POOLS];
    int npools;
};

/* ---- the statement's parts ---------------------------------------------------------------- */

/* "INSERT INTO table (cols) VALUES (?,?) suffix": the table name, where VALUES starts, the
 * tuple's end; 0 when the statement has another shape (a tuple of anything but placeholders). */
static int insert_shape(const char *sql, char *table, const char **values, const char **close) {
    static const char head[] = "INSERT INTO ";
    if (strncmp(sql, head, sizeof head - 1) != 0)
        return 0;
    const char *name = sql + sizeof head - 1;
    size_t len = strcspn(name, " (");
    *values = strstr(sql, " VALUES");
    if (len == 0 || len >= TABLE_MAX || *values == NULL)
        return 0;
    snprintf(table, TABLE_MAX, "%.*s", (int)len, name);
    const char *open = *values + 7 + strspn(*values + 7, " ");
    if (*open != '(')
        return 0;
    *close = open + 1 + strspn(open + 1, "?, ");
    return **close == ')';
}

static int placeholders_in(const char *from, const char *to) {
    int k = 0;
    for (const char *p = from; p < to; p++)
        k += *p == '?';
    return k;
}

/* ---- ids ------------------------------------------------------------------------------------ */

static id_pool *pool_of(bg__pg_batch *b, const char *table) {
    for (int i = 0; i < b->npools; i++)
        if (strcmp(b->pools[i].table, table) == 0)
            return &b->pools[i];
    if (b->npools == POOLS)
        return NULL;
    id_pool *p = &b->pools[b->npools++];
    snprintf(p->table, sizeof p->table, "%s", table);
    p->next = p->count = 0;
    return p;
}

/* A block of ids from the table's identity sequence: one round trip per ID_BLOCK rows. */
static bg_err refill(bg__pg_store *s, id_pool *pool, bg__error *err) {
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT nextval(pg_get_serial_sequence('%s', 'id')) FROM generate_series(1, %d)",
             pool->table, ID_BLOCK);
    PGresult *res = PQexec(s->c, sql);
    if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != ID_BLOCK) {
        bg_err rc = bg__pg_fail(s, err, "cannot reserve row ids", res);
        PQclear(res);
        return rc;
    }
    for (int i = 0; i < ID_BLOCK; i++)
        pool->ids[i] = strtoll(PQgetvalue(res, i, 0), NULL, 10);
    pool->next = 0, pool->count = ID_BLOCK;
    PQclear(res);
    return BG_OK;
}

static bg_err reserve_id(bg__pg_store *s, const char *table, long long *id, bg__error *err) {
    id_pool *pool = pool_of(s->batch, table);
    BG_RETURN_IF(pool == NULL, err, BG_EIO, "%s: too many tables in one transaction",
                 s->base.shown);
    if (pool->next == pool->count)
        BG_FORWARD_IF_ERROR(refill(s, pool, err));
    *id = pool->ids[pool->next++];
    return BG_OK;
}

/* ---- rows: COPY's text format ------------------------------------------------------------ */

/* An integer's digits, without printf: most of a run's figures are counts. */
static void put_integer(bg__strbuf *sb, long long v) {
    char digits[24], *end = digits + sizeof digits, *p = end;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do
        *--p = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (v < 0)
        *--p = '-';
    bg__sb_append(sb, p, (size_t)(end - p));
}

/* 10^k, exact in a long double of 64 mantissa bits for 0 <= k <= 27 (5^27 < 2^64). */
static long double power_of_ten(int k) {
    long double p = 1.0L;
    while (k-- > 0)
        p *= 10.0L;
    return p;
}

/* d (finite, > 0) as 17 significant digits M and an exponent E (d ~ M * 10^E) when a long
 * double checks that M * 10^E reads back as d; 0 when it cannot say (then printf does it).
 * Sound: 17 digits always read back, and their distance to the nearest rounding boundary
 * (>= 5e-18 of d) is far above a long double's error (5e-20). */
static int seventeen_digits(double d, long long *m, int *e) {
#if LDBL_MANT_DIG >= 64
    int e10 = (int)floor(log10(d));
    for (int tries = 0; tries < 3; tries++) {
        int k = 16 - e10;
        if (k < 0 || k > 27)
            return 0;
        long double scaled = (long double)d * power_of_ten(k);
        if (scaled >= 1e17L || scaled < 1e16L) {
            e10 += scaled >= 1e17L ? 1 : -1;
            continue;
        }
        long long digits = llroundl(scaled);
        if (digits >= 100000000000000000LL || (double)((long double)digits / power_of_ten(k)) != d)
            return 0;
        *m = digits, *e = -k;
        return 1;
    }
#else
    (void)d, (void)m, (void)e;
#endif
    return 0;
}

/* A double that reads back the same: an integral one as its digits, others as 17
 * significant digits without printf's multiple-precision arithmetic when they can be. */
static void put_real(bg__strbuf *sb, double d) {
    const double limit = 9007199254740992.0; /* 2^53: every integer below it is exact */
    if (d > -limit && d < limit && d == (double)(long long)d && (d != 0 || !signbit(d))) {
        put_integer(sb, (long long)d);
        return;
    }
    long long m;
    int e;
    if (isfinite(d) && d != 0 && seventeen_digits(fabs(d), &m, &e)) {
        for (; m % 10 == 0; m /= 10)
            e++;
        put_integer(sb, d < 0 ? -m : m);
        bg__sb_append(sb, "e", 1);
        put_integer(sb, e);
        return;
    }
    char buf[40];
    int n = snprintf(buf, sizeof buf, "%.17g", d);
    bg__sb_append(sb, buf, (size_t)n);
}

/* A text value: backslash, tab and line ends escaped. */
static void put_text(bg__strbuf *sb, const char *v) {
    static const char special[] = "\\\t\n\r";
    for (size_t span; *v; v += span) {
        span = strcspn(v, special);
        bg__sb_append(sb, v, span);
        if (v[span] == '\0')
            break;
        const char c = v[span];
        bg__sb_append(sb, c == '\\' ? "\\\\" : c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r", 2);
        span++;
    }
}

static void put_value(bg__strbuf *sb, const bg__sqlp *p) {
    if (p->type == BG__P_NULL)
        bg__sb_append(sb, "\\N", 2);
    else if (p->type == BG__P_TEXT)
        put_text(sb, p->text);
    else if (p->type == BG__P_INT)
        put_integer(sb, p->i);
    else
        put_real(sb, p->d);
}

static group *group_of(bg__pg_batch *b, const char *sql, int with_id, int width) {
    for (int i = 0; i < b->groups; i++)
        if (b->g[i].sql == sql && b->g[i].with_id == with_id)
            return &b->g[i];
    if (b->groups == GROUPS)
        return NULL;
    group *g = &b->g[b->groups++];
    *g = (group){sql, with_id, width, {0}, 0};
    return g;
}

/* One row, the id first when reserved; 0, or -1 out of memory. */
static int add_row(group *g, long long id, const bg__sqlp *p, int n) {
    if (g->with_id) {
        put_integer(&g->text, id);
        bg__sb_append(&g->text, "\t", 1);
    }
    for (int i = 0; i < n; i++) {
        put_value(&g->text, &p[i]);
        bg__sb_append(&g->text, i + 1 < n ? "\t" : "\n", 1);
    }
    g->rows++;
    return g->text.failed ? -1 : 0;
}

bg_err bg__pg_batch_add(bg__pg_store *s, const char *sql, const bg__sqlp *p, int n, long long *id,
                        bg__error *err) {
    char table[TABLE_MAX];
    const char *values, *close;
    BG__ASSERT(s != NULL && sql != NULL && n >= 0);
    if (!insert_shape(sql, table, &values, &close) || placeholders_in(values, close) != n)
        return bg__set_error(err, BG_EIO, "%s: a statement that cannot be batched: %.60s",
                             s->base.shown, sql);
    if (s->batch == NULL && (s->batch = calloc(1, sizeof *s->batch)) == NULL)
        return bg__set_error(err, BG_ENOMEM, "out of memory");
    long long row_id = 0;
    if (id)
        BG_FORWARD_IF_ERROR(reserve_id(s, table, &row_id, err));
    group *g = group_of(s->batch, sql, id != NULL, n + (id != NULL));
    if (g == NULL && bg__pg_batch_flush(s, err) != BG_OK)
        return err->code;
    if (g == NULL)
        g = group_of(s->batch, sql, id != NULL, n + (id != NULL));
    if (g == NULL || add_row(g, row_id, p, n) != 0)
        return bg__set_error(err, BG_ENOMEM, "out of memory");
    if (id)
        *id = row_id;
    return BG_OK;
}

/* ---- sending ------------------------------------------------------------------------------ */

/* "table (id, cols)" of the statement, and its ON CONFLICT clause (NULL when none). */
static void target_of(const group *g, char *table, char *target, size_t size,
                      const char **conflict) {
    const char *values, *close;
    insert_shape(g->sql, table, &values, &close);
    const char *paren = strchr(g->sql, '(');
    snprintf(target, size, "%s (%s%.*s", table, g->with_id ? "id, " : "", (int)(values - paren - 1),
             paren + 1);
    *conflict = strstr(g->sql, ") ON CONFLICT ");
    if (*conflict)
        *conflict += 2;
}

static bg_err statement(bg__pg_store *s, const char *sql, ExecStatusType want, bg__error *err) {
    PGresult *res = PQexec(s->c, sql);
    bg_err rc = PQresultStatus(res) == want ? BG_OK : bg__pg_fail(s, err, "cannot write", res);
    PQclear(res);
    return rc;
}

static bg_err copy_rows(bg__pg_store *s, const char *target, const group *g, bg__error *err) {
    char sql[BG__PATH_MAX];
    BG_RETURN_IF(g->text.failed, err, BG_ENOMEM, "out of memory");
    snprintf(sql, sizeof sql, "COPY %s FROM STDIN", target);
    bg_err rc = statement(s, sql, PGRES_COPY_IN, err);
    if (rc == BG_OK &&
        (PQputCopyData(s->c, g->text.data, (int)g->text.len) != 1 || PQputCopyEnd(s->c, NULL) != 1))
        rc = bg__pg_fail(s, err, "cannot write", NULL);
    for (PGresult *res; (res = PQgetResult(s->c)) != NULL; PQclear(res))
        if (rc == BG_OK && PQresultStatus(res) != PGRES_COMMAND_OK)
            rc = bg__pg_fail(s, err, "cannot write", res);
    return rc;
}

/* A statement with ON CONFLICT: COPY into a temporary table like the target, then one
 * INSERT ... SELECT with the same clause, so duplicates are skipped as the INSERT would. */
static bg_err copy_through_stage(bg__pg_store *s, const char *table, const char *target,
                                 const group *g, const char *conflict, bg__error *err) {
    char sql[2 * BG__PATH_MAX], stage[TABLE_MAX + 16], staged[BG__PATH_MAX];
    snprintf(stage, sizeof stage, "bg_stage_%s", table);
    snprintf(sql, sizeof sql,
             "CREATE TEMPORARY TABLE IF NOT EXISTS %s (LIKE %s) ON COMMIT DELETE ROWS", stage,
             table);
    BG_FORWARD_IF_ERROR(statement(s, sql, PGRES_COMMAND_OK, err));
    snprintf(staged, sizeof staged, "%s%s", stage, strchr(target, ' '));
    BG_FORWARD_IF_ERROR(copy_rows(s, staged, g, err));
    const char *cols = strchr(target, '(');
    snprintf(sql, sizeof sql,
             "WITH moved AS (DELETE FROM %s RETURNING *) INSERT INTO %s SELECT %.*s FROM moved %s",
             stage, target, (int)(strlen(cols) - 2), cols + 1, conflict);
    return statement(s, sql, PGRES_COMMAND_OK, err);
}

static bg_err send_group(bg__pg_store *s, const group *g, bg__error *err) {
    char table[TABLE_MAX], target[BG__PATH_MAX];
    const char *conflict;
    target_of(g, table, target, sizeof target, &conflict);
    if (conflict)
        return copy_through_stage(s, table, target, g, conflict, err);
    return copy_rows(s, target, g, err);
}

bg_err bg__pg_batch_flush(bg__pg_store *s, bg__error *err) {
    bg__pg_batch *b = s->batch;
    bg_err rc = BG_OK;
    if (b == NULL)
        return BG_OK;
    for (int i = 0; i < b->groups && rc == BG_OK; i++)
        rc = send_group(s, &b->g[i], err);
    bg__pg_batch_drop(s);
    return rc;
}

void bg__pg_batch_drop(bg__pg_store *s) {
    bg__pg_batch *b = s->batch;
    if (b == NULL)
        return;
    for (int i = 0; i < b->groups; i++)
        bg__sb_free(&b->g[i].text);
    b->groups = 0;
}

void bg__pg_batch_free(bg__pg_store *s) {
    bg__pg_batch_drop(s);
    free(s->batch);
    s->batch = NULL;
}
