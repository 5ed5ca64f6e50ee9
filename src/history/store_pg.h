/* store_pg.h - what the PostgreSQL backend's files share (store_pg.c, the connection and the
 * statements; store_pg_batch.c, the rows appended in a transaction). Private to history/. */
#ifndef BENCHGATE_STORE_PG_H
#define BENCHGATE_STORE_PG_H

#include <libpq-fe.h>

#include "history.h"

enum { BG__PG_CACHED = 24 };

typedef struct bg__pg_batch bg__pg_batch;

typedef struct bg__pg_store {
    bg__store base;
    PGconn *c;
    const char *sql[BG__PG_CACHED];
    int params[BG__PG_CACHED];
    bg__pg_batch *batch; /**< rows appended and not yet sent; NULL until the first */
} bg__pg_store;

/** err set from res (or the connection's message), scrubbed of anything like a password. */
bg_err bg__pg_fail(bg__pg_store *s, bg__error *err, const char *what, const PGresult *res);

/** A row for later (bg__store_ops.append): *id, when wanted, reserved from the table's
 *  sequence now. */
bg_err bg__pg_batch_add(bg__pg_store *s, const char *sql, const bg__sqlp *p, int n, long long *id,
                        bg__error *err);
/** Sends the rows appended, as multi-row INSERTs in the order their statements came. */
bg_err bg__pg_batch_flush(bg__pg_store *s, bg__error *err);
/** Forgets the rows appended (a rollback); the reserved ids stay reserved. */
void bg__pg_batch_drop(bg__pg_store *s);
void bg__pg_batch_free(bg__pg_store *s);

#endif
