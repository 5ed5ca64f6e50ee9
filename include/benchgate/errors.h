/* errors.h - benchgate error codes and process exit codes. */
#ifndef BENCHGATE_ERRORS_H
#define BENCHGATE_ERRORS_H

#include "benchgate/api.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Every error benchgate reports: XX(name, exit code, description).
 * The detail (file, line, key) is kept on the object that failed.
 */
#define BG_ERRNO_MAP(XX)                                                                           \
    XX(OK, 0, "success")                                                                           \
    XX(USAGE, 2, "bad usage")                                                                      \
    XX(CONFIG, 2, "bad configuration")                                                             \
    XX(INPUT, 2, "bad input file")                                                                 \
    XX(IO, 2, "input/output error")                                                                \
    XX(NOMEM, 3, "out of memory")                                                                  \
    XX(RUNTIME, 3, "benchmark failed")                                                             \
    XX(WRONG, 3, "wrong result")                                                                   \
    XX(SKIP, 77, "skipped")                                                                        \
    XX(REGRESSION, 1, "regression against the baseline")

/** Error codes: BG_OK, BG_EUSAGE, BG_ECONFIG, ... */
typedef enum bg_err {
#define BG__ERR_ENUM(name, code, text) BG_E##name,
    BG_ERRNO_MAP(BG__ERR_ENUM)
#undef BG__ERR_ENUM
        BG_ERR_COUNT
} bg_err;

#define BG_OK BG_EOK

/** Process exit codes shared by every benchgate executable. */
enum bg_exit {
    BG_EXIT_OK = 0,
    BG_EXIT_REGRESSION = 1,
    BG_EXIT_USAGE = 2,
    BG_EXIT_FAILED = 3,
    BG_EXIT_SKIP = 77
};

/** @return a one-line description of err ("bad configuration"). */
BG_API const char *bg_strerror(bg_err err);

/** @return the symbolic name of err ("BG_ECONFIG"). */
BG_API const char *bg_err_name(bg_err err);

/** @return the process exit code that err maps to (0, 1, 2, 3 or 77). */
BG_API int bg_err_exit_code(bg_err err);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_ERRORS_H */
