/* export.c - export: one result.json re-written in the format asked for, through a table of
 * writers (one file each: export_csv.c, export_md.c, export_junit.c, export_gbench.c,
 * export_custom.c, report_html.c). */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/report.h"
#include "common/common.h"
#include "results/results.h"
#include "report/report.h"

/* ---- json ------------------------------------------------------------------------------- */

static bg_err export_json(const bg__export_ctx *x, bg__strbuf *sb, bg__error *err) {
    char *text = bg__json_print((cJSON *)x->doc, 1);
    BG_RETURN_IF(text == NULL, err, BG_ENOMEM, "%s: out of memory printing it", x->path);
    bg__sb_puts(sb, text);
    free(text);
    return BG_OK;
}

static bg_err export_custom_smaller(const bg__export_ctx *x, bg__strbuf *sb, bg__error *err) {
    return bg__export_custom_smaller(x->benchmarks, sb, err); /* export_custom.c */
}

static bg_err export_custom_bigger(const bg__export_ctx *x, bg__strbuf *sb, bg__error *err) {
    return bg__export_custom_bigger(x->benchmarks, sb, err);
}
/* ---- the public entry points ------------------------------------------------------------ */

typedef bg_err (*export_fn)(const bg__export_ctx *x, bg__strbuf *sb, bg__error *err);

static bg_err export_html(const bg__export_ctx *x, bg__strbuf *sb, bg__error *err) {
    return bg__report_html_doc(x->doc, x->path, sb, err); /* report_html.c */
}

static const struct {
    const char *name;
    export_fn fn;
} formats[] = {
    {"csv", bg__export_csv},
    {"json", export_json},
    {"md", bg__export_md},
    {"junit", bg__export_junit},
    {"gbench", bg__export_gbench},
    {"gbench-aggregates", bg__export_gbench_aggregates},
    {"custom-smaller", export_custom_smaller},
    {"custom-bigger", export_custom_bigger},
    {"html", export_html},
};

static export_fn find_format(const char *name) {
    for (size_t i = 0; name && i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(name, formats[i].name) == 0)
            return formats[i].fn;
    return NULL;
}

static bg_err export_body(const cJSON *doc, const char *path, const void *fn, bg__strbuf *sb,
                          bg__error *err) {
    bg__export_ctx x = {doc, bg__json_get(doc, "benchmarks"), path};
    return (*(const export_fn *)fn)(&x, sb, err);
}

bg_err bg_export(const char *result_path, const char *format, char **out_text, char *errbuf,
                 size_t errlen) {
    export_fn fn = find_format(format);
    if (fn != NULL || out_text == NULL)
        return bg__report_text(result_path, export_body, &fn, out_text, errbuf, errlen);
    *out_text = NULL;
    if (errbuf && errlen)
        snprintf(errbuf, errlen, "unknown export format '%s' (formats: %s)", format ? format : "",
                 BG_EXPORT_FORMATS);
    return BG_EUSAGE;
}

bg_err bg_write_text_file(const char *path, const char *text, char *errbuf, size_t errlen) {
    bg__error err = {BG_OK, ""};
    bg_err rc = path == NULL || path[0] == '\0' || text == NULL
                    ? bg__set_error(&err, BG_EUSAGE, "no output file name or no text")
                    : bg__write_atomic(path, text, strlen(text), &err);
    if (errbuf && errlen)
        snprintf(errbuf, errlen, "%s", rc == BG_OK ? "" : err.msg);
    return rc;
}

void bg_text_free(char *text) {
    free(text);
}
