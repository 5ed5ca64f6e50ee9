/* store_pg_off.c - the PostgreSQL backend when benchgate::history is built without libpq
 * (-DBENCHGATE_POSTGRESQL=OFF, or AUTO without it): a PostgreSQL location is refused, saying
 * why, and nothing is written anywhere else instead. */
#include <string.h>

#include "history.h"

bg_err bg__store_pg_check_location(const char *conninfo, bg__error *err) {
    (void)conninfo;
    return bg__set_error(err, BG_EUSAGE,
                         "a PostgreSQL run history needs benchgate built with libpq "
                         "(-DBENCHGATE_POSTGRESQL=ON; Debian: apt-get install libpq-dev)");
}

bg__store *bg__store_pg_open(const char *conninfo, int create, bg__error *err) {
    (void)create;
    bg__store_pg_check_location(conninfo, err);
    return NULL;
}
