/*
 * settings.h - the effective run settings a bench executable would see, and the name
 * filter check every --filter goes through.
 *
 * Paths and texts passed in are only read during the call. Error messages go to the caller's
 * errbuf (errlen its size; errbuf may be NULL).
 */
#ifndef BENCHGATE_SETTINGS_H
#define BENCHGATE_SETTINGS_H

#include <stddef.h>

#include "benchgate/errors.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- settings ----------------------------------------------------------------------------- */

/** The effective run settings that a bench executable would see with some flags. */
typedef struct bg_settings bg_settings;

/**
 * Loads the run settings: built-in defaults < bench.yaml (--config, BENCH_CONFIG or
 * ./bench.yaml) < BENCH_* environment < the flags argv[1..argc).
 * @param out receives the settings (free them with bg_settings_free())
 * @return BG_OK; BG_EUSAGE for a bad flag; BG_ECONFIG for a bad setting; BG_ENOMEM
 */
bg_err bg_settings_load(int argc, char **argv, bg_settings **out, char *errbuf, size_t errlen);

/**
 * The value of one setting as text (booleans "1" or "0").
 * @param key a bench.yaml key of section run ("history", "log_max_mb", ...) or a flag name
 * @return BG_OK, or BG_EUSAGE for an unknown key
 */
bg_err bg_settings_get(const bg_settings *s, const char *key, char *value, size_t size);

/** Frees settings (accepts NULL). */
void bg_settings_free(bg_settings *s);

/**
 * Checks that argv[1..argc) is text benchgate can write anywhere: valid UTF-8 with no control
 * character but tab and newline.
 * @return BG_OK, or BG_EUSAGE with "argument 2 ('caf\\xe9') is not valid UTF-8 (...)" in errbuf
 */
bg_err bg_args_check(int argc, char **argv, char *errbuf, size_t errlen);

/**
 * Checks a name filter as --filter does: a POSIX extended regex, no control characters, at most
 * 10 quantifiers and none right after another (glibc's matcher doubles its size with each).
 * @return BG_OK, or BG_EUSAGE with the reason in errbuf ("'(' is not a valid ...")
 */
bg_err bg_regex_check(const char *text, char *errbuf, size_t errlen);

/**
 * @return 1 when arg is the flag (--NAME or --NAME=VALUE) of a setting that only benchgate
 * start acts on (--telemetry-*, --notify-*: after the whole run), which a bench executable
 * refuses; 0 otherwise. benchgate start reads these and passes the rest to each bench.
 */
int bg_settings_start_only(const char *arg);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_SETTINGS_H */
