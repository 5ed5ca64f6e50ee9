/* history_seconds.c - the wall time each benchmark took when it last ran, from the run history:
 * what benchgate start --shard balances its shards by. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "benchgate/history.h"
#include "history.h"
#include "common/common.h"
#include "report/report.h"

/* The benchmarks of the newest runs (of one machine class, or of any when it is ""), newest
 * first: the first row of a name is its last time. */
static const char *const seconds_sql =
    "SELECT b.name, b.seconds FROM benchmarks b JOIN runs r ON r.id = b.run"
    " WHERE b.seconds IS NOT NULL AND b.run IN (SELECT id FROM runs WHERE ? = '' OR"
    " machine_class = ? ORDER BY timestamp DESC, id DESC LIMIT 50)"
    " ORDER BY r.timestamp DESC, r.id DESC";

static bg_err last_seconds(bg__store *s, const char *machine_class, bg__strbuf *sb,
                           bg__error *err) {
    bg__sqlp p[2] = {bg__p_text(machine_class), bg__p_text(machine_class)};
    bg__rows *rows = NULL;
    BG_FORWARD_IF_ERROR(s->ops->query(s, seconds_sql, p, 2, &rows, err));
    cJSON *seen = cJSON_CreateObject();
    int next = 0;
    while (seen && (next = s->ops->next(rows)) == 1) {
        const char *name = s->ops->text(rows, 0);
        if (cJSON_GetObjectItemCaseSensitive(seen, name) != NULL)
            continue;
        cJSON_AddNullToObject(seen, name);
        bg__sb_printf(sb, "%s\t%.6f\n", name, s->ops->real(rows, 1));
    }
    s->ops->rows_free(rows);
    cJSON_Delete(seen);
    BG_RETURN_IF(seen == NULL, err, BG_ENOMEM, "out of memory");
    return next < 0 ? err->code : BG_OK;
}

bg_err bg_history_last_seconds(const char *db_path, const char *machine_class, char **out_text,
                               char *errbuf, size_t errlen) {
    bg__error err = {BG_OK, ""};
    bg__strbuf sb = {0};
    if (out_text)
        *out_text = NULL;
    bg_err rc = out_text ? BG_OK : bg__set_error(&err, BG_EUSAGE, "no place for the text");
    bg__store *s = rc == BG_OK ? bg__store_open(db_path, 0, &err) : NULL;
    if (rc == BG_OK)
        rc = s ? last_seconds(s, machine_class ? machine_class : "", &sb, &err) : err.code;
    bg__store_close(s);
    return bg__report_finish(rc, &err, &sb, out_text, errbuf, errlen);
}
