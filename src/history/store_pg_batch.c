/* store_pg_batch.c - the rows a transaction appends (benchmarks, metrics, samples), sent to
 * PostgreSQL together: the ids of new rows reserved from their table's sequence a block at a
 * time, and the rows of each statement sent by one COPY when anything else runs or the
 * transaction commits. A run of 100 benchmarks with 2 metrics each costs a handful of round
 * trips instead of 300 (docs/team-store.md has the figures). */
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

/* The rows of one statement: width values each (the id first when reserved), as text. */
typedef struct group {
    const char *sql;
    int with_id, width;
    char **values;
    size_t rows, cap;
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

/* ---- rows ----------------------------------------------------------------------------------- */

static char *value_text(const bg__sqlp *p) {
    char buf[40];
    if (p->type == BG__P_NULL)
        return NULL;
    if (p->type == BG__P_TEXT)
        return strdup(p->text);
    if (p->type == BG__P_INT)
        snprintf(buf, sizeof buf, "%lld", p->i);
    else
        snprintf(buf, sizeof buf, "%.17g", p->d);
    return strdup(buf);
}

static group *group_of(bg__pg_batch *b, const char *sql, int with_id, int width) {
    for (int i = 0; i < b->groups; i++)
        if (b->g[i].sql == sql && b->g[i].with_id == with_id)
            return &b->g[i];
    if (b->groups == GROUPS)
        return NULL;
    group *g = &b->g[b->groups++];
    *g = (group){sql, with_id, width, NULL, 0, 0};
    return g;
}

static int grow(group *g) {
    if ((g->rows + 1) * (size_t)g->width <= g->cap)
        return 0;
    size_t cap = g->cap ? 2 * g->cap : 64 * (size_t)g->width;
    char **v = realloc(g->values, cap * sizeof *v);
    if (v == NULL)
        return -1;
    g->values = v, g->cap = cap;
    return 0;
}

/* One row's values, the id first when reserved; 0, or -1 out of memory. */
static int add_row(group *g, long long id, const bg__sqlp *p, int n) {
    if (grow(g) != 0)
        return -1;
    char **row = g->values + g->rows * (size_t)g->width, idtext[24];
    int k = 0, failed = 0;
    if (g->with_id) {
        snprintf(idtext, sizeof idtext, "%lld", id);
        row[k++] = strdup(idtext);
        failed |= row[0] == NULL;
    }
    for (int i = 0; i < n; i++, k++) {
        row[k] = value_text(&p[i]);
        failed |= p[i].type != BG__P_NULL && row[k] == NULL;
    }
    g->rows++;
    return failed ? -1 : 0;
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

/* ---- sending: COPY, the rows as tab-separated text ---------------------------------------- */

typedef struct text_buf {
    char *p;
    size_t len, cap;
} text_buf;

static int put(text_buf *t, const char *bytes, size_t n) {
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 1 << 16;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *grown = realloc(t->p, cap);
        if (grown == NULL)
            return -1;
        t->p = grown, t->cap = cap;
    }
    memcpy(t->p + t->len, bytes, n);
    t->len += n;
    return 0;
}

/* One value in COPY's text format: \N for NULL, backslash, tab and line ends escaped. */
static int put_value(text_buf *t, const char *v) {
    if (v == NULL)
        return put(t, "\\N", 2);
    int failed = 0;
    for (const char *c = v; *c && !failed; c++) {
        const char *esc = *c == '\\'   ? "\\\\"
                          : *c == '\t' ? "\\t"
                          : *c == '\n' ? "\\n"
                          : *c == '\r' ? "\\r"
                                       : NULL;
        failed = esc ? put(t, esc, 2) : put(t, c, 1);
    }
    return failed;
}

static int copy_text(const group *g, text_buf *t) {
    for (size_t r = 0; r < g->rows; r++)
        for (int c = 0; c < g->width; c++) {
            const char *sep = c + 1 < g->width ? "\t" : "\n";
            if (put_value(t, g->values[r * (size_t)g->width + c]) != 0 || put(t, sep, 1) != 0)
                return -1;
        }
    return 0;
}

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
    text_buf t = {NULL, 0, 0};
    BG_RETURN_IF(copy_text(g, &t) != 0, err, BG_ENOMEM, "out of memory");
    snprintf(sql, sizeof sql, "COPY %s FROM STDIN", target);
    bg_err rc = statement(s, sql, PGRES_COPY_IN, err);
    if (rc == BG_OK && (PQputCopyData(s->c, t.p, (int)t.len) != 1 || PQputCopyEnd(s->c, NULL) != 1))
        rc = bg__pg_fail(s, err, "cannot write", NULL);
    free(t.p);
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
    for (int i = 0; i < b->groups; i++) {
        group *g = &b->g[i];
        for (size_t v = 0; v < g->rows * (size_t)g->width; v++)
            free(g->values[v]);
        free(g->values);
    }
    b->groups = 0;
}

void bg__pg_batch_free(bg__pg_store *s) {
    bg__pg_batch_drop(s);
    free(s->batch);
    s->batch = NULL;
}
