/* store_pg.c - the PostgreSQL backend of the run history's store (libpq): the portable SQL
 * mapped to PostgreSQL's (? to $n; INTEGER, REAL and INTEGER PRIMARY KEY to BIGINT, DOUBLE
 * PRECISION and an identity column), statements prepared once per connection, migrations under
 * an advisory lock. Credentials come only from libpq's own sources (PGPASSFILE, PGPASSWORD, a
 * service file): a location with a password is refused, and every message libpq gives is
 * scrubbed of anything that looks like one (docs/team-store.md). */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_pg.h"

enum { CACHED = BG__PG_CACHED, MAX_PARAMS = 24 };

/* The lock of the writers that migrate: one number for benchgate's schema. */
/* The types of the binary fields read (PostgreSQL's catalog, pg_type.dat). */
#define INT8_OID 20
#define INT2_OID 21
#define INT4_OID 23
#define TEXT_OID 25
#define FLOAT4_OID 700
#define FLOAT8_OID 701

#define MIGRATION_LOCK "SELECT pg_advisory_xact_lock(4846230471)"

typedef bg__pg_store pg_store;

struct bg__rows {
    PGresult *res;
    int row, rows;
    int binary;   /**< the query began with BG__SQL_BINARY: every column in its binary form */
    char buf[40]; /**< pg_text of a binary number */
};

static pg_store *of(bg__store *s) {
    return (pg_store *)s;
}

/* ---- passwords: refused in a location, scrubbed from messages ------------------------- */

/* v..end replaced by *** (or as many stars as it had characters: never longer). */
static char *mask(char *v, char *end) {
    size_t len = (size_t)(end - v);
    if (len < 3) {
        memset(v, '*', len);
        return end;
    }
    memmove(v + 3, end, strlen(end) + 1);
    memcpy(v, "***", 3);
    return v + 3;
}

/* password = VALUE (a keyword string, a URL's ?password=, libpq's echo of either). */
static void mask_keyword(char *msg) {
    for (char *p = msg; (p = strstr(p, "password")) != NULL;) {
        char *v = p + 8, *end;
        p = v;
        while (*v == ' ')
            v++;
        if (*v++ != '=')
            continue;
        while (*v == ' ')
            v++;
        end = v;
        if (*end == '\'') {
            for (end++; *end && *end != '\''; end++)
                end += end[0] == '\\' && end[1];
            end += *end == '\'';
        } else {
            while (*end && !isspace((unsigned char)*end) && *end != '&' && *end != '"')
                end++;
        }
        p = mask(v, end);
    }
}

/* scheme://user:SECRET@host: the part between ':' and '@' of the authority. */
static void mask_userinfo(char *msg) {
    for (char *p = msg; (p = strstr(p, "://")) != NULL;) {
        char *auth = p + 3, *at = auth + strcspn(auth, "@/ \t\n\"'");
        p = auth;
        if (*at != '@')
            continue;
        char *colon = memchr(auth, ':', (size_t)(at - auth));
        if (colon && at > colon + 1)
            p = mask(colon + 1, at);
    }
}

/* msg with every password-like part of a connection string replaced by ***. */
static void store_scrub(char *msg, size_t size) {
    (void)size; /* the text never grows */
    const char *pw = getenv("PGPASSWORD");
    if (pw && pw[0])
        for (char *p; (p = strstr(msg, pw)) != NULL;)
            mask(p, p + strlen(pw));
    mask_userinfo(msg);
    mask_keyword(msg);
}

bg_err bg__store_pg_check_location(const char *conninfo, bg__error *err) {
    char *why = NULL;
    PQconninfoOption *opts = PQconninfoParse(conninfo, &why);
    if (opts == NULL) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", why ? why : "out of memory");
        PQfreemem(why);
        msg[strcspn(msg, "\n")] = '\0';
        store_scrub(msg, sizeof msg);
        return bg__set_error(err, BG_EUSAGE,
                             "the PostgreSQL location is not a connection URL "
                             "or keyword string: %s",
                             msg);
    }
    int has_password = 0;
    for (PQconninfoOption *o = opts; o->keyword; o++)
        if (strcmp(o->keyword, "password") == 0 && o->val && o->val[0])
            has_password = 1;
    PQconninfoFree(opts);
    BG_RETURN_IF(has_password, err, BG_EUSAGE,
                 "the PostgreSQL location has a password in it: refused (it would show in "
                 "process lists, logs and result files); put it in the password file "
                 "(PGPASSFILE, default ~/.pgpass), PGPASSWORD, or a service file "
                 "(PGSERVICEFILE, service=NAME)");
    return BG_OK;
}

/* The location for messages: as given (no password passed the check), control characters
 * and all. */
static void shown_location(const char *conninfo, char *out, size_t size) {
    snprintf(out, size, "%s", conninfo);
    store_scrub(out, size);
}

bg_err bg__pg_fail(pg_store *s, bg__error *err, const char *what, const PGresult *res) {
    char msg[600];
    snprintf(msg, sizeof msg, "%s", res ? PQresultErrorMessage(res) : PQerrorMessage(s->c));
    msg[strcspn(msg, "\n")] = '\0';
    store_scrub(msg, sizeof msg);
    return bg__set_error(err, BG_EIO, "%s: %s: %s", s->base.shown, what, msg);
}

/* ---- SQL: the portable text mapped ---------------------------------------------------- */

/* ? to $1, $2... outside quotes; RETURNING id appended for an insert. */
static char *statement_sql(const char *sql, int returning) {
    size_t n = strlen(sql);
    char *out = malloc(4 * n + 32), *w = out;
    int k = 0, quoted = 0;
    if (out == NULL)
        return NULL;
    for (const char *p = sql; *p; p++) {
        if (*p == '\'')
            quoted = !quoted;
        if (*p == '?' && !quoted)
            w += sprintf(w, "$%d", ++k);
        else
            *w++ = *p;
    }
    strcpy(w, returning ? " RETURNING id" : "");
    return out;
}

static int word_is(const char *p, size_t len, const char *word) {
    return strlen(word) == len && strncmp(p, word, len) == 0;
}

/* The column types of a migration: INTEGER PRIMARY KEY, INTEGER, REAL. */
static char *ddl_sql(const char *sql) {
    char *out = malloc(4 * strlen(sql) + 64), *w = out;
    if (out == NULL)
        return NULL;
    for (const char *p = sql; *p;) {
        if (!isalpha((unsigned char)*p) ||
            (p > sql && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))) {
            *w++ = *p++;
            continue;
        }
        size_t len = 0;
        while (isalnum((unsigned char)p[len]) || p[len] == '_')
            len++;
        if (word_is(p, len, "INTEGER") && strncmp(p + len, " PRIMARY KEY", 12) == 0)
            w += sprintf(w, "BIGINT GENERATED BY DEFAULT AS IDENTITY");
        else if (word_is(p, len, "INTEGER"))
            w += sprintf(w, "BIGINT");
        else if (word_is(p, len, "REAL"))
            w += sprintf(w, "DOUBLE PRECISION");
        else
            w += sprintf(w, "%.*s", (int)len, p);
        p += len;
    }
    *w = '\0';
    return out;
}

/* The parameters as text (PostgreSQL parses them by the column's type). */
static void texts(const bg__sqlp *p, int n, char buf[][40], const char **values) {
    for (int i = 0; i < n; i++) {
        values[i] = NULL;
        if (p[i].type == BG__P_TEXT)
            values[i] = p[i].text;
        else if (p[i].type == BG__P_INT)
            snprintf(buf[i], 40, "%lld", p[i].i), values[i] = buf[i];
        else if (p[i].type == BG__P_REAL)
            snprintf(buf[i], 40, "%.17g", p[i].d), values[i] = buf[i];
    }
}

/* Runs sql (prepared once per connection when the cache has room). */
static PGresult *run(pg_store *s, const char *sql, const bg__sqlp *p, int n, int returning,
                     int binary) {
    char buf[MAX_PARAMS][40], name[16];
    const char *values[MAX_PARAMS];
    if (n > MAX_PARAMS)
        return NULL;
    texts(p, n, buf, values);
    int k = 0;
    for (; k < CACHED && s->sql[k]; k++)
        if (s->sql[k] == sql && s->params[k] == returning)
            break;
    char *text = NULL;
    if (k == CACHED || s->sql[k] == NULL) {
        text = statement_sql(sql, returning);
        if (text == NULL)
            return NULL;
    }
    if (k == CACHED) {
        PGresult *res = PQexecParams(s->c, text, n, NULL, values, NULL, NULL, binary);
        free(text);
        return res;
    }
    snprintf(name, sizeof name, "bg%d", k);
    if (s->sql[k] == NULL) {
        PGresult *prep = PQprepare(s->c, name, text, n, NULL);
        free(text);
        if (PQresultStatus(prep) != PGRES_COMMAND_OK)
            return prep;
        PQclear(prep);
        s->sql[k] = sql, s->params[k] = returning;
    }
    return PQexecPrepared(s->c, name, n, values, NULL, NULL, binary);
}

/* ---- the interface ---------------------------------------------------------------------- */

static bg_err simple(pg_store *s, const char *sql, const char *what, bg__error *err) {
    PGresult *res = PQexec(s->c, sql);
    ExecStatusType st = PQresultStatus(res);
    bg_err rc =
        st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? BG_OK : bg__pg_fail(s, err, what, res);
    PQclear(res);
    return rc;
}

static bg_err pg_begin(bg__store *bs, int exclusive, bg__error *err) {
    pg_store *s = of(bs);
    BG_FORWARD_IF_ERROR(simple(s, "BEGIN", "cannot start a transaction", err));
    if (exclusive && simple(s, MIGRATION_LOCK, "cannot lock the schema", err) != BG_OK) {
        simple(s, "ROLLBACK", "", err);
        return err->code;
    }
    return BG_OK;
}

/* COMMIT of a transaction that an error aborted answers "ROLLBACK": that is a failure. */
static bg_err pg_commit(bg__store *bs, bg__error *err) {
    pg_store *s = of(bs);
    BG_FORWARD_IF_ERROR(bg__pg_batch_flush(s, err));
    PGresult *res = PQexec(s->c, "COMMIT");
    bg_err rc = PQresultStatus(res) == PGRES_COMMAND_OK && strcmp(PQcmdStatus(res), "COMMIT") == 0
                    ? BG_OK
                    : bg__pg_fail(s, err, "cannot commit", res);
    if (rc != BG_OK && PQresultStatus(res) == PGRES_COMMAND_OK)
        bg__set_error(err, BG_EIO,
                      "%s: cannot commit: an earlier statement failed, the "
                      "transaction was rolled back",
                      s->base.shown);
    PQclear(res);
    return rc;
}

static void pg_rollback(bg__store *bs) {
    bg__error e = {BG_OK, ""};
    bg__pg_batch_drop(of(bs));
    simple(of(bs), "ROLLBACK", "", &e);
}

static bg_err pg_exec(bg__store *bs, const char *sql, const bg__sqlp *p, int n, long long *changes,
                      bg__error *err) {
    pg_store *s = of(bs);
    BG_FORWARD_IF_ERROR(bg__pg_batch_flush(s, err));
    PGresult *res = run(s, sql, p, n, 0, 0);
    ExecStatusType st = PQresultStatus(res);
    bg_err rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK
                    ? BG_OK
                    : bg__pg_fail(s, err, "cannot write", res);
    if (rc == BG_OK && changes)
        *changes = strtoll(PQcmdTuples(res), NULL, 10);
    PQclear(res);
    return rc;
}

static bg_err pg_insert(bg__store *bs, const char *sql, const bg__sqlp *p, int n, long long *id,
                        bg__error *err) {
    pg_store *s = of(bs);
    BG_FORWARD_IF_ERROR(bg__pg_batch_flush(s, err));
    PGresult *res = run(s, sql, p, n, 1, 0);
    bg_err rc =
        PQresultStatus(res) == PGRES_TUPLES_OK ? BG_OK : bg__pg_fail(s, err, "cannot write", res);
    if (rc == BG_OK)
        *id = PQntuples(res) > 0 ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : 0;
    PQclear(res);
    return rc;
}

static bg_err pg_query(bg__store *bs, const char *sql, const bg__sqlp *p, int n, bg__rows **out,
                       bg__error *err) {
    pg_store *s = of(bs);
    BG_FORWARD_IF_ERROR(bg__pg_batch_flush(s, err));
    int binary = strncmp(sql, BG__SQL_BINARY, strlen(BG__SQL_BINARY)) == 0;
    PGresult *res = run(s, sql, p, n, 0, binary);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        bg_err rc = bg__pg_fail(s, err, "cannot read the history", res);
        PQclear(res);
        return rc;
    }
    bg__rows *r = calloc(1, sizeof *r);
    if (r == NULL) {
        PQclear(res);
        return bg__set_error(err, BG_ENOMEM, "out of memory");
    }
    r->res = res, r->row = -1, r->rows = PQntuples(res), r->binary = binary;
    *out = r;
    return BG_OK;
}

static bg_err pg_script(bg__store *bs, const char *sql, bg__error *err) {
    char *text = ddl_sql(sql);
    BG_RETURN_IF(text == NULL, err, BG_ENOMEM, "out of memory");
    bg_err rc = bg__pg_batch_flush(of(bs), err);
    if (rc == BG_OK)
        rc = simple(of(bs), text, "cannot change the schema", err);
    free(text);
    return rc;
}

static int pg_has_table(bg__store *bs, const char *name) {
    bg__sqlp p = bg__p_text(name);
    bg__rows *r = NULL;
    bg__error e = {BG_OK, ""};
    if (pg_query(bs,
                 "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema()"
                 " AND table_name = ?",
                 &p, 1, &r, &e) != BG_OK)
        return 0;
    int found = r->rows > 0;
    PQclear(r->res);
    free(r);
    return found;
}

static void pg_close(bg__store *bs) {
    bg__pg_batch_free(of(bs));
    PQfinish(of(bs)->c);
    free(bs);
}

static int pg_next(bg__rows *r) {
    return ++r->row < r->rows ? 1 : 0;
}

static int pg_is_null(bg__rows *r, int col) {
    return PQgetisnull(r->res, r->row, col);
}

/* A binary field of n bytes, big-endian, as an unsigned integer. */
static uint64_t big_endian(const unsigned char *v, int n) {
    uint64_t x = 0;
    for (int i = 0; i < n; i++)
        x = x << 8 | v[i];
    return x;
}

/* The number in a binary field: the integer and floating types; NAN for any other. */
static int binary_number(bg__rows *r, int col, long long *i, double *d) {
    const unsigned char *v = (const unsigned char *)PQgetvalue(r->res, r->row, col);
    int len = PQgetlength(r->res, r->row, col);
    Oid type = PQftype(r->res, col);
    if ((type == INT8_OID && len == 8) || (type == INT4_OID && len == 4) ||
        (type == INT2_OID && len == 2)) {
        uint64_t u = big_endian(v, len), sign = (uint64_t)1 << (8 * len - 1);
        *i = (long long)(len == 8 ? u : (u ^ sign) - sign), *d = (double)*i;
        return 1;
    }
    if ((type == FLOAT8_OID && len == 8) || (type == FLOAT4_OID && len == 4)) {
        uint64_t u = big_endian(v, len);
        if (len == 8) {
            memcpy(d, &u, sizeof *d);
        } else {
            uint32_t u32 = (uint32_t)u;
            float f;
            memcpy(&f, &u32, sizeof f);
            *d = f;
        }
        *i = (long long)*d;
        return 1;
    }
    *i = 0, *d = NAN;
    return 0;
}

/* Text columns read the same in both forms; a binary number is written out. */
static const char *pg_text(bg__rows *r, int col) {
    long long i;
    double d;
    if (!r->binary || PQftype(r->res, col) == TEXT_OID || !binary_number(r, col, &i, &d))
        return PQgetvalue(r->res, r->row, col);
    if (PQftype(r->res, col) == FLOAT8_OID || PQftype(r->res, col) == FLOAT4_OID)
        snprintf(r->buf, sizeof r->buf, "%.17g", d);
    else
        snprintf(r->buf, sizeof r->buf, "%lld", i);
    return r->buf;
}

static long long pg_integer(bg__rows *r, int col) {
    long long i;
    double d;
    if (r->binary && binary_number(r, col, &i, &d))
        return i;
    return strtoll(PQgetvalue(r->res, r->row, col), NULL, 10);
}

static double pg_real(bg__rows *r, int col) {
    long long i;
    double d;
    if (r->binary && binary_number(r, col, &i, &d))
        return d;
    return strtod(PQgetvalue(r->res, r->row, col), NULL);
}

static void pg_rows_free(bg__rows *r) {
    if (r)
        PQclear(r->res);
    free(r);
}

static bg_err pg_append(bg__store *bs, const char *sql, const bg__sqlp *p, int n, long long *id,
                        bg__error *err) {
    return bg__pg_batch_add(of(bs), sql, p, n, id, err);
}

static const bg__store_ops pg_ops = {
    pg_begin, pg_commit, pg_rollback, pg_exec, pg_insert,  pg_query, pg_script,    pg_has_table,
    pg_close, pg_next,   pg_is_null,  pg_text, pg_integer, pg_real,  pg_rows_free, pg_append};

static void quiet(void *arg, const char *message) {
    (void)arg, (void)message; /* NOTICEs of the schema's statements: not the user's business */
}

bg__store *bg__store_pg_open(const char *conninfo, int create, bg__error *err) {
    if (bg__store_pg_check_location(conninfo, err) != BG_OK)
        return NULL;
    pg_store *s = calloc(1, sizeof *s);
    if (s == NULL) {
        bg__set_error(err, BG_ENOMEM, "out of memory");
        return NULL;
    }
    s->base.ops = &pg_ops;
    s->base.kind = BG__STORE_PG;
    shown_location(conninfo, s->base.shown, sizeof s->base.shown);
    s->c = PQconnectdb(conninfo);
    if (PQstatus(s->c) != CONNECTION_OK) {
        bg__pg_fail(s, err, "cannot connect to the run history", NULL);
        err->code = BG_EINPUT;
        pg_close(&s->base);
        return NULL;
    }
    PQsetNoticeProcessor(s->c, quiet, NULL);
    PQsetClientEncoding(s->c, "UTF8");
    int v = bg__store_version(&s->base);
    if (!create && v == 0) {
        bg__set_error(err, BG_EINPUT,
                      "%s: no run history yet (benchgate start records each run there; "
                      "history import adds CI artifacts)",
                      s->base.shown);
        pg_close(&s->base);
        return NULL;
    }
    if (bg__store_migrate(&s->base, BG__HISTORY_VERSION, err) != BG_OK) {
        pg_close(&s->base);
        return NULL;
    }
    return &s->base;
}
