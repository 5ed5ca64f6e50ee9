/* errors.c - error names, descriptions and exit codes from BG_ERRNO_MAP; a failed invariant
 * (BG__ASSERT). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/common.h"

const char *bg_strerror(bg_err err) {
    switch (err) {
#define BG__ERR_TEXT(name, code, text)                                                             \
    case BG_E##name:                                                                               \
        return text;
        BG_ERRNO_MAP(BG__ERR_TEXT)
#undef BG__ERR_TEXT
    default:
        return "unknown error";
    }
}

const char *bg_err_name(bg_err err) {
    switch (err) {
#define BG__ERR_NAME(name, code, text)                                                             \
    case BG_E##name:                                                                               \
        return "BG_E" #name;
        BG_ERRNO_MAP(BG__ERR_NAME)
#undef BG__ERR_NAME
    default:
        return "BG_EUNKNOWN";
    }
}

int bg_err_exit_code(bg_err err) {
    switch (err) {
#define BG__ERR_EXIT(name, code, text)                                                             \
    case BG_E##name:                                                                               \
        return code;
        BG_ERRNO_MAP(BG__ERR_EXIT)
#undef BG__ERR_EXIT
    default:
        return BG_EXIT_FAILED;
    }
}

bg_err bg__set_error(bg__error *err, bg_err code, const char *fmt, ...) {
    if (err == NULL)
        return code;
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

bg_err bg__errbuf(const bg__error *err, bg_err rc, char *errbuf, size_t errlen) {
    if (errbuf && errlen)
        snprintf(errbuf, errlen, "%s", rc == BG_OK ? "" : err->msg);
    return rc;
}

void bg__assert_failed(const char *cond, const char *file, int line, const char *func) {
    fprintf(stderr, "benchgate: internal error: %s:%d: %s: assertion '%s' failed\n", file, line,
            func, cond);
    abort();
}
