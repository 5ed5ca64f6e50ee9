/*
 * settings.h - the effective run settings a bench executable would see, and the name
 * filter check every --filter goes through.
 *
 * Paths and texts passed in are only read during the call. Error messages go to the caller's
 * errbuf (errlen its size; errbuf may be NULL).
 */
#ifndef BENCHGATE_SETTINGS_H
#define BENCHGATE_SETTINGS_H

#include "benchgate/api.h"

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
BG_API bg_err bg_settings_load(int argc, char **argv, bg_settings **out, char *errbuf,
                               size_t errlen);

/**
 * The value of one setting as text (booleans "1" or "0").
 * @param key a bench.yaml key of section run ("log_max_mb", ...) or a flag name; for a program
 *        setting of bg_settings_load_with() also "section.key" ("telemetry.url")
 * @return BG_OK, or BG_EUSAGE for an unknown key
 */
BG_API bg_err bg_settings_get(const bg_settings *s, const char *key, char *value, size_t size);

/** Frees settings (accepts NULL). */
BG_API void bg_settings_free(bg_settings *s);

/* ---- the settings of a program on the library (benchgate start's own) ----------------------- */

/** How a program setting's value is read. */
typedef enum bg_setting_kind {
    BG_SETTING_TEXT = 0, /**< text, checked by the setting's check */
    BG_SETTING_SWITCH,   /**< a boolean (true/false, yes/no, on/off, 1/0), read back "1" or "0";
                              the flag alone means true */
    BG_SETTING_SECONDS   /**< a duration (0.5, 500ms, 2s) within [lo, hi], read back in seconds */
} bg_setting_kind;

/** What bench.yaml may write for its value besides one scalar. */
typedef enum bg_setting_yaml {
    BG_SETTING_SCALAR = 0, /**< one value only */
    BG_SETTING_LIST,       /**< or a list of values, joined by commas */
    BG_SETTING_WORDS,      /**< or a list of command words, each single-quoted, joined by blanks */
    BG_SETTING_LABELS      /**< or a mapping NAME: VALUE, joined as NAME=VALUE,... */
} bg_setting_yaml;

/**
 * One setting of a program on the library, read like a run setting: its default < bench.yaml
 * < its BENCH_* variable < its flag, every problem named with the file, line and column, the
 * variable or the flag. A program's settings live where a bench executable leaves them to the
 * benchgate command: the bench.yaml sections telemetry: and notify: (flags --telemetry-*,
 * --notify-*; variables BENCH_TELEMETRY_*, BENCH_NOTIFY_*) and the run key history (--history,
 * BENCH_HISTORY). A bench executable skips these in bench.yaml and the environment and refuses
 * their flags (bg_settings_start_only()).
 */
typedef struct bg_setting_def {
    const char *flag;          /**< "telemetry-url": --telemetry-url=VALUE */
    const char *section;       /**< its bench.yaml section: "telemetry", "notify" or "run" */
    const char *key;           /**< its key there: "url" */
    const char *env;           /**< "BENCH_TELEMETRY_URL", or NULL */
    const char *arg;           /**< the value --help shows ("URL|off"; NULL for a switch) */
    const char *default_value; /**< the value when nothing sets it (NULL: empty) */
    const char *help;          /**< one line for --help */
    bg_setting_kind kind;
    bg_setting_yaml yaml;
    double lo, hi; /**< the bounds of a BG_SETTING_SECONDS */
    /** NULL, or a check of a value: NULL when good, else why not ("is not an http:// URL");
     *  name is "section.key" ("telemetry.url") or, in section run, the key */
    const char *(*check)(const char *name, const char *value);
} bg_setting_def;

/**
 * Loads the run settings as bg_settings_load() does, and the program settings defs[0..count)
 * with them; bg_settings_get() reads both. defs must outlive the settings.
 * @return as bg_settings_load(); BG_EUSAGE, too, for a def outside the names above or with a
 *         default its own check refuses (the message names it)
 */
BG_API bg_err bg_settings_load_with(int argc, char **argv, const bg_setting_def *defs, size_t count,
                                    bg_settings **out, char *errbuf, size_t errlen);

/**
 * Checks that argv[1..argc) is text benchgate can write anywhere: valid UTF-8 with no control
 * character but tab and newline.
 * @return BG_OK, or BG_EUSAGE with "argument 2 ('caf\\xe9') is not valid UTF-8 (...)" in errbuf
 */
BG_API bg_err bg_args_check(int argc, char **argv, char *errbuf, size_t errlen);

/**
 * Checks a name filter as --filter does: a POSIX extended regex, no control characters, at most
 * 10 quantifiers and none right after another (glibc's matcher doubles its size with each).
 * @return BG_OK, or BG_EUSAGE with the reason in errbuf ("'(' is not a valid ...")
 */
BG_API bg_err bg_regex_check(const char *text, char *errbuf, size_t errlen);

/**
 * @return 1 when arg is the flag (--NAME or --NAME=VALUE) of a setting that only benchgate
 * start acts on (--telemetry-*, --notify-*: after the whole run; --history), which a bench
 * executable refuses; 0 otherwise. benchgate start reads these and passes the rest to each
 * bench.
 */
BG_API int bg_settings_start_only(const char *arg);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_SETTINGS_H */
