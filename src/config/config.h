/* config.h - run settings: defaults < bench.yaml < BENCH_* environment < flags (internal). */
#ifndef BENCHGATE_CONFIG_INTERNAL_H
#define BENCHGATE_CONFIG_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "benchgate/compare.h" /* BG_THRESHOLD_MAX_PCT */
#include "benchgate/settings.h"
#include "common/common.h"
#include "options.def" /* the list of options (X-macro) */

/** Where a setting's value came from, in increasing precedence. */
typedef enum bg__source {
    BG__SRC_DEFAULT = 0,
    BG__SRC_YAML = 1,       /**< bench.yaml, section run: */
    BG__SRC_YAML_BENCH = 2, /**< bench.yaml, section benchmarks: <family>: */
    BG__SRC_ENV = 3,
    BG__SRC_FLAG = 4
} bg__source;

typedef enum bg__measure {
    BG__MEASURE_TIME,
    BG__MEASURE_CPU,
    BG__MEASURE_INSTRUCTIONS
} bg__measure;
typedef enum bg__device {
    BG__DEVICE_ALL,
    BG__DEVICE_CPU,
    BG__DEVICE_CUDA,
    BG__DEVICE_AUTO
} bg__device;

enum { BG__FORMAT_JSON = 1, BG__FORMAT_CSV = 2, BG__FORMAT_CONSOLE = 4 };

#define BG__MAX_AXIS_SETTINGS 16

/* axis_range.c: the values of an axis, ranges expanded */
#define BG__AXIS_VALUES_MAX 1000000 /**< values of one axis, and instances of one family */
#define BG__AXIS_VALUES_MAX_TEXT "1,000,000"
#define BG__AXIS_VALUE_LEN 128 /**< bytes of one value, NUL included */
typedef struct bg__axis_values {
    char **v; /**< each malloc'ed */
    size_t count, cap;
} bg__axis_values;
/** Parses "V1,V2,...", where an item may be LO..HI:*F (geometric) or LO..HI:+S (linear), into
 *  out (free with bg__axis_values_free). @return BG_OK, or BG_EUSAGE (BG_ENOMEM) with the
 *  problem in err. */
bg_err bg__axis_values_parse(const char *text, bg__axis_values *out, bg__error *err);
void bg__axis_values_free(bg__axis_values *vals);
#define BG__MAX_METRIC_THRESHOLDS 32

/** Every option, in the order of the list in options.def. */
typedef enum bg__opt_id {
#define BG__OPT_ENUM(id, flag, section, key, env, per_family, arg, kind, def, help) BG__OPT_##id,
    BG__OPTIONS(BG__OPT_ENUM)
#undef BG__OPT_ENUM
        BG__OPT_COUNT
} bg__opt_id;

/** The effective settings of a run (or of one benchmark family). */
#define BG__REUSE_FORCE 2

typedef struct bg__config {
    char filter[16384];  /**< POSIX extended regex over instance names; "" = all (benchgate
                            start --shard passes the names of a shard's instances) */
    int shard_index;     /**< --shard=K/N: K (1..N); 0 = not sharded */
    int shard_count;     /**< N */
    int list;            /**< --list: print instance names and exit */
    double min_time;     /**< seconds of sampling at least */
    double max_time;     /**< seconds of sampling at most, per instance and repetition */
    double warmup;       /**< seconds of warm-up */
    int skip_warmup;     /**< 1: no warm-up (calibration only) */
    int64_t min_samples; /**< samples at least */
    int64_t repetitions; /**< separate repetitions, interleaved in random order */
    double max_noise;    /**< percent: stop when the median's relative CI half-width is below */
    int64_t batch_size;  /**< sets axis batch_size when > 0 */
    int64_t concurrency; /**< sets axis concurrency when > 0 */
    bg__device device;   /**< which instances run */
    bg__measure measure; /**< the primary measurement */
    unsigned counters;   /**< --counters: bit 1 << bg__counter_id for each one read */
    int cold;            /**< 1: flush caches before each sample (GPU: L2) */
    char axis[BG__MAX_AXIS_SETTINGS][256];         /**< "NAME=V1,V2" axis overrides */
    bg__source axis_source[BG__MAX_AXIS_SETTINGS]; /**< where each axis setting came from */
    int axis_count;
    uint64_t seed;                   /**< seeds interleaving, bootstrap and bg_seed() */
    char output_dir[BG__PATH_MAX];   /**< run directory; "" = results/<run id> */
    unsigned formats;                /**< BG__FORMAT_* bits */
    char config_path[BG__PATH_MAX];  /**< the bench.yaml read, "" if none */
    int no_ui;                       /**< 1: no progress drawing, no colour */
    char baseline[BG__PATH_MAX];     /**< baseline file or directory, "" = none */
    double threshold;                /**< percent; < 0 = per-metric thresholds */
    int fail_on_inconclusive;        /**< 1: an inconclusive verdict fails (else: skipped, 77) */
    int fail_on_no_baseline;         /**< 1: no baseline (not gated) fails (else: skipped, 77) */
    int dry_run;                     /**< 1: resolve and print what would run, measure nothing */
    char dataset_path[BG__PATH_MAX]; /**< dataset root; "" = built-in default */
    double threshold_time;           /**< percent */
    double threshold_instructions;   /**< percent */
    double threshold_accuracy;       /**< points (percentage points of accuracy) */
    double threshold_memory;         /**< percent */
    double threshold_metric; /**< percent: custom metrics without a threshold of their own */
    char metric_threshold_name[BG__MAX_METRIC_THRESHOLDS][64]; /**< custom metric NAME=PCT */
    double metric_threshold_pct[BG__MAX_METRIC_THRESHOLDS];
    bg__source metric_threshold_source[BG__MAX_METRIC_THRESHOLDS];
    int metric_threshold_count;
    double log_max_mb;   /**< run.log rotates beyond this many MB */
    int64_t log_backups; /**< rotated logs kept: run.log.1 ... run.log.N */
    int reuse;           /**< 1: reuse cached results of unchanged instances (not under CI=true);
                              BG__REUSE_FORCE (--reuse=force): under CI too */
    int cache_sim;       /**< 1: callgrind simulates the caches (estimated_cycles) */
    int keep_profile;    /**< 1: the callgrind dumps stay in output_dir/callgrind/ */
    int no_cache;        /**< 1: neither read nor write the result cache */
    char cache_dir[BG__PATH_MAX];     /**< the result cache; "off" = none */
    int resume;                       /**< 1: continue from the checkpoint in output_dir */
    int private_output;               /**< 1: run directories 0700, files 0600 (umask 077) */
    char plugins[BG__PATH_MAX];       /**< metric plugins (.so), ':'-separated; "" = none */
    int help;                         /**< --help */
    int version;                      /**< --version */
    bg__source source[BG__OPT_COUNT]; /**< where each setting came from */
} bg__config;

/** Per-family overrides from bench.yaml (benchmarks: <family>: key: value). */
typedef struct bg__override {
    char family[128];
    char key[64];
    char value[1024];
    char where[BG__PATH_MAX + 32]; /**< "bench.yaml:12:7" for messages */
} bg__override;

/** The value of a program setting (bg_setting_def of settings.h) and where it came from. */
typedef struct bg__program_value {
    char *text; /**< malloc'd, parsed (a switch "1" or "0"); NULL: empty */
    bg__source source;
} bg__program_value;

/** A loaded configuration: the global settings plus per-family overrides, and the settings of
 *  the program that loaded it (none for a bench executable). */
typedef struct bg__settings {
    bg__config global;
    bg__override *overrides;
    size_t override_count;
    const bg_setting_def *defs; /**< the program's settings (bg_settings_load_with) */
    size_t def_count;
    bg__program_value *values; /**< one per def */
} bg__settings;

/** Fills cfg with the built-in defaults. */
void bg__config_defaults(bg__config *cfg);

/**
 * Builds the effective settings: defaults, then the YAML file (--config,
 * BENCH_CONFIG, or ./bench.yaml when present), then BENCH_* variables from
 * envp, then the flags argv[1..argc). On error, err names where and what.
 */
bg_err bg__settings_load(bg__settings *st, int argc, char **argv, char **envp, bg__error *err);

/** The same with a program's settings defs[0..count) (kept by pointer in st). */
bg_err bg__settings_load_with(bg__settings *st, int argc, char **argv, char **envp,
                              const bg_setting_def *defs, size_t count, bg__error *err);

/** Frees what bg__settings_load allocated (accepts a zeroed struct). */
void bg__settings_free(bg__settings *st);

/** Computes the settings for one family: the global ones with its overrides applied. */
bg_err bg__settings_for_family(const bg__settings *st, const char *family, bg__config *out,
                               bg__error *err);

/** Checks what every setting's value must be before it is parsed: not empty, clean UTF-8 text
 *  without control characters ("WHERE: NAME: value is empty", "WHERE: NAME: 'V' holds ..."). */
bg_err bg__check_value_text(const char *value, const char *where, const char *name, bg__error *err);

/**
 * Sets option `id` from text, if `src` is at least the option's current source.
 * @param where prefix for messages ("command line", "bench.yaml:3:5", ...)
 */
bg_err bg__config_set(bg__config *cfg, bg__opt_id id, const char *value, bg__source src,
                      const char *where, bg__error *err);

/** The same from a buffer (for fuzzing); `name` labels the messages. */
bg_err bg__config_load_yaml_buffer(bg__settings *st, const void *data, size_t len, const char *name,
                                   bg__error *err);

/** Reads a bench.yaml into cfg (source YAML) and its overrides into st. */
bg_err bg__config_load_yaml(bg__settings *st, const char *path, bg__error *err);

/** Applies the BENCH_* variables of envp to st->global and st's program settings; unknown
 *  BENCH_* names are warned about (the command's, when st has no program settings, skipped). */
bg_err bg__config_apply_env(bg__settings *st, char **envp, bg__error *err);

/** Applies the run flags argv[first..argc) to st->global and st's program settings. */
bg_err bg__config_apply_flags(bg__settings *st, int argc, char **argv, int first, bg__error *err);

/** Option metadata: one row of the list in options.def. */
typedef struct bg__opt_info {
    bg__opt_id id;
    const char *flag;         /**< "min-time" (NULL: not a flag) */
    const char *yaml_key;     /**< "min_time" (NULL: not in YAML) */
    const char *yaml_section; /**< "run" or "thresholds" */
    const char *env;          /**< "BENCH_MIN_TIME" (NULL: no variable) */
    int per_family;           /**< 1: may be overridden under benchmarks: <family>: */
    const char *arg;          /**< argument shown by --help ("S", "PCT", NULL for a switch) */
    const char *default_text; /**< the built-in value ("0.2"; NULL: zero, empty or off) */
    const char *help;         /**< one line for --help */
} bg__opt_info;

/** @return 1 when option id is a switch (a boolean that needs no value). */
int bg__opt_is_switch(bg__opt_id id);

/** @return 1 when option id holds a number (recorded as a JSON number). */
int bg__opt_is_number(bg__opt_id id);

/** @return the option table entry of id. */
const bg__opt_info *bg__opt(bg__opt_id id);

/** @return the entry whose flag, yaml key or env name equals name, or NULL. */
const bg__opt_info *bg__opt_by_flag(const char *flag);
const bg__opt_info *bg__opt_by_yaml(const char *section, const char *key);
const bg__opt_info *bg__opt_by_env(const char *env);

/** @return "default", "bench.yaml", "environment" or "flag". */
const char *bg__source_name(bg__source src);

/** The measures by bg__measure value: "time", "cpu", "instructions". */
extern const char *const bg__measure_names[3];

/** Writes the --help text of the run flags to f. */
void bg__config_print_help(void *file, const char *prog);

/** Formats the value of option id in cfg into buf (for the recorded effective config). */
void bg__config_format(const bg__config *cfg, bg__opt_id id, char *buf, size_t size);

/* ---- the benchgate command's settings (program_settings.c) ---- */

/** @return 1 when section (and, in section run, key) belongs to the benchgate command
 *  (BG__COMMAND_SECTIONS, BG__COMMAND_RUN_KEYS of options.def); key NULL: the section only. */
int bg__command_yaml(const char *section, const char *key);
/** @return 1 when --name is the flag of one of the command's settings (--telemetry-*, ...). */
int bg__command_flag(const char *name);
/** @return 1 when the BENCH_* variable name is one of the command's (BENCH_TELEMETRY_*, ...). */
int bg__command_env(const char *name);

/** @return the index of st's program setting with this flag, "section.key" (or run key) and
 *  yaml section and key, or variable; -1 when none. Any argument may be NULL. */
int bg__program_by_flag(const bg__settings *st, const char *flag);
int bg__program_by_yaml(const bg__settings *st, const char *section, const char *key);
int bg__program_by_env(const bg__settings *st, const char *env);
int bg__program_by_name(const bg__settings *st, const char *name);

/** Sets program setting i from text if src is at least its current source (as bg__config_set). */
bg_err bg__program_set(bg__settings *st, int i, const char *value, bg__source src,
                       const char *where, bg__error *err);

/** Checks st's program settings (names, defaults) and allocates their values. */
bg_err bg__program_init(bg__settings *st, const bg_setting_def *defs, size_t count, bg__error *err);

/** The text of program setting i, parsed (its default when nothing set it; never NULL). */
const char *bg__program_value_of(const bg__settings *st, int i);

/** Frees the program settings' values. */
void bg__program_free(bg__settings *st);

/* ---- parsers shared by the run options and the program settings (config_options.c) ---- */

/** @return NULL, or why text is not a boolean; *out 1 or 0 */
const char *bg__parse_bool(const char *text, int *out);
/** @return NULL, or why text is not a duration within [lo, hi] seconds */
const char *bg__parse_seconds(const char *text, double lo, double hi, double *out);

/* ---- performance counters (config_counters.c) ---- */

/** Sets --counters from a comma-separated list of the counter names of common.h.
 *  @return NULL, or why the value is wrong (the item named, with the known names) */
const char *bg__config_set_counters(bg__config *c, const char *text);
/** The counters of c as the list they are set with. */
void bg__config_format_counters(const bg__config *c, char *buf, size_t size);

/* ---- plugins and YAML lists (config_lists.c) ---- */

/** Sets --plugin from text: a later plugin of the same source is added, a higher one replaces.
 *  @return NULL, or why the value is wrong */
const char *bg__config_set_plugins(bg__config *cfg, const char *value, bg__source src);

struct yaml_document_s;
struct yaml_node_s;
/** How a YAML list or mapping becomes a setting's text. */
typedef enum bg__join {
    BG__JOIN_NONE,    /**< not at all: one scalar only */
    BG__JOIN_PLUGINS, /**< a list of paths, joined by ':' */
    BG__JOIN_LIST,    /**< a list, joined by ',' */
    BG__JOIN_WORDS,   /**< a list of command words, each single-quoted, joined by blanks */
    BG__JOIN_LABELS   /**< a mapping NAME: VALUE, joined as NAME=VALUE,... */
} bg__join;

/** The bg__join of a program setting's bg_setting_yaml. */
bg__join bg__join_of(bg_setting_yaml form);

/**
 * Turns a YAML sequence or mapping into the text form of a setting, as `how` says.
 * @return NULL, or why the node cannot be used
 */
const char *bg__yaml_join(struct yaml_document_s *doc, struct yaml_node_s *node, bg__join how,
                          char *out, size_t size);

#endif /* BENCHGATE_CONFIG_INTERNAL_H */
