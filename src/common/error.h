/* error.h - an error code with its detail, kept on the object that failed (internal). */
#ifndef BENCHGATE_ERROR_H
#define BENCHGATE_ERROR_H

#include "benchgate/errors.h"

/** An error and the message that explains it ("bench.yaml:3:5: unknown key 'foo'"). */
typedef struct bg__error {
    bg_err code;   /**< BG_OK when nothing failed */
    char msg[768]; /**< the detail: where and what */
} bg__error;

/** Sets err (when not NULL) to code with a printf-style message; returns code. */
bg_err bg__set_error(bg__error *err, bg_err code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** Returns `err` with a message when cond holds. */
#define BG_RETURN_IF(cond, errp, code, ...)                                                        \
    do {                                                                                           \
        if (cond)                                                                                  \
            return bg__set_error((errp), (code), __VA_ARGS__);                                     \
    } while (0)

/** Returns the error of a call that failed, keeping its message. */
#define BG_FORWARD_IF_ERROR(expr)                                                                  \
    do {                                                                                           \
        bg_err bg__e = (expr);                                                                     \
        if (bg__e != BG_OK)                                                                        \
            return bg__e;                                                                          \
    } while (0)

#endif /* BENCHGATE_ERROR_H */
