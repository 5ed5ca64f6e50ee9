/* common.h - what every folder of the core uses (internal): errors with their detail,
 * string buffers, statistics, clocks and resource readings, safe file writes, strict reads. */
#ifndef BENCHGATE_COMMON_INTERNAL_H
#define BENCHGATE_COMMON_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "benchgate/errors.h"
#include "benchgate/log.h" /* bg_log_fn, BG_LOG_LINE_MAX */

/* ---- errors (errors.c) ---- */

/** An error and the message that explains it ("bench.yaml:3:5: unknown key 'foo'"). */
typedef struct bg__error {
    bg_err code;   /**< BG_OK when nothing failed */
    char msg[768]; /**< the detail: where and what */
} bg__error;

/** Sets err (when not NULL) to code with a printf-style message; returns code. */
bg_err bg__set_error(bg__error *err, bg_err code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/**
 * BG__ASSERT(cond): an invariant of the library, checked at a module's entry points in Debug
 * builds and wherever BENCHGATE_ASSERTS is on (the test and sanitizer builds): when it does not
 * hold, the file, line and condition go to stderr and the process aborts, as a caller's bug
 * (a NULL where the API says never) must not read as a measurement. Compiled out otherwise.
 */
#if !defined(NDEBUG) || defined(BG_ASSERTS)
#define BG__ASSERT(cond) ((cond) ? (void)0 : bg__assert_failed(#cond, __FILE__, __LINE__, __func__))
#else
#define BG__ASSERT(cond) ((void)0)
#endif
/** Prints "benchgate: internal error: FILE:LINE: FUNC: assertion 'COND' failed" and aborts. */
__attribute__((noreturn)) void bg__assert_failed(const char *cond, const char *file, int line,
                                                 const char *func);

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

/** Copies err's message into a caller's errbuf (when not NULL; "" for BG_OK): the public API's
 *  error buffers. @return rc */
bg_err bg__errbuf(const bg__error *err, bg_err rc, char *errbuf, size_t errlen);

/* ---- one line of a log (log_line.c) ---- */

/** Formats one line, cut to size - 1 bytes (size 0 or over BG_LOG_LINE_MAX: that), and hands
 *  it to log with arg; nothing when log is NULL. */
void bg__vlog_line(bg_log_fn log, void *arg, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
/** bg__vlog_line() of the arguments, lines over 1 KiB cut. */
void bg__log_line(bg_log_fn log, void *arg, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- SHA-256 (sha256.c) ---- */

/** Computes the SHA-256 of a file as 64 lowercase hex digits (OpenSSL EVP). */
bg_err bg__sha256_file(const char *path, char hex[65], bg__error *err);

/* ---- growable arrays and string buffers (strbuf.c) ---- */

/** Makes the array *p (of *cap elements of size bytes) hold at least need: its capacity first
 *  when empty, else doubled until it does. On failure *p and *cap stay as they were.
 *  @return 0, or -1 when out of memory */
int bg__grow(void **p, size_t *cap, size_t need, size_t size, size_t first);

/** A NUL-terminated growable buffer; `failed` is set once an allocation fails. */
typedef struct bg__strbuf {
    char *data;
    size_t len, cap;
    int failed;
} bg__strbuf;

/** Appends printf-style text. */
void bg__sb_printf(bg__strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** Appends the n bytes of text. */
void bg__sb_append(bg__strbuf *sb, const char *text, size_t n);

/** Appends text and a newline, as puts does (no formatting: fast for a whole document). */
void bg__sb_puts(bg__strbuf *sb, const char *text);

/** Appends a number as cJSON prints it: an int as one, else the shorter of %.15g and %.17g
 * that reads back; null for NaN and infinities (json_write.c). */
void bg__sb_json_number(bg__strbuf *sb, double v);

/** Appends a string as bg__json_print prints it: cleaned as bg__utf8_clean does, then quoted,
 * with ", \ and control characters escaped as cJSON escapes them. */
void bg__sb_json_string(bg__strbuf *sb, const char *text);

/** v in unit for people, at most 4 significant digits and never in e-notation (figures.c):
 *  "308 ns", "10.56 µs" ("us" where bg__term_utf8() is 0), "1.406 ms", "4,119 instr",
 *  "4.119 M instr", "100 KiB" (unit "MiB" or "B"), "79.8 GB/s"; "-" for NaN and infinities. */
void bg__figure_human(double v, const char *unit, char *buf, size_t size);
/** bg__figure_human() with "µs" whatever the locale: for files (HTML, Markdown, JUnit). */
void bg__figure_human_utf8(double v, const char *unit, char *buf, size_t size);
/** Appends text as Markdown that reads as exactly that text, in a table cell or prose: each
 * character that could be markup (| ` * _ [ ] < > & ! ~ $ # : @ { } ^ and \) backslash-escaped,
 * line breaks and control characters as spaces. Not inside a code span (backslashes show
 * there): a name as code is bg__md_code (figures.c). */
void bg__md_text(bg__strbuf *sb, const char *text);
/** Appends text as one whole code span (its backticks included) that shows exactly that text;
 * table_cell 1 escapes | as GFM tables need; nothing for "". */
void bg__md_code(bg__strbuf *sb, const char *text, int table_cell);
/** The shortest of %.15g and %.17g that reads back as exactly v ("" for NaN and infinities). */
void bg__number_text(double v, char *buf, size_t size);

/* ---- text for a terminal (term_text.c) ---- */

#define BG__TERM_WIDTH 100    /**< the width of every line for people, unless $COLUMNS says */
#define BG__TERM_MIN_WIDTH 40 /**< the narrowest $COLUMNS taken */

/** The width lines for people fit: $COLUMNS when it is a number in [40, 1000], else 100. */
int bg__term_width(void);
/** 1 when the locale (LC_ALL, else LC_CTYPE, else LANG) names UTF-8: "µs" and "…" may be
 *  printed; 0 ("us", "...") otherwise. */
int bg__term_utf8(void);
/** The columns text takes on a terminal: one per UTF-8 character, none for an escape
 *  sequence ("\033[32m"). */
size_t bg__text_width(const char *text);
/** text in buf, shortened in the middle to width columns when longer: "triad/cpu/…=16777216"
 *  ("..." when !utf8). */
void bg__text_shorten(const char *text, size_t width, int utf8, char *buf, size_t size);
/** Appends text wrapped at a blank into lines of at most width columns, each with a newline;
 *  lines after the first start with indent; the first starts at column used (what is printed
 *  before it). A word longer than a line is cut. */
void bg__text_wrap(bg__strbuf *sb, const char *text, size_t width, const char *indent, size_t used);

/** Appends one CSV field, quoted when it holds a comma, quote or newline. */
void bg__sb_csv_field(bg__strbuf *sb, const char *text, int last);

/**
 * Makes s valid UTF-8 in place: each byte that does not belong to a well-formed sequence
 * (a stray continuation, a truncated, overlong or surrogate sequence, beyond U+10FFFF) becomes
 * '?', and so does each control character but tab and newline (an escape sequence must not
 * reach a terminal or a file). @return how many bytes were replaced
 */
size_t bg__utf8_clean(char *s);

/** @return the offset of the first byte of s that is not well-formed UTF-8, or (size_t)-1. */
size_t bg__utf8_invalid_at(const char *s);

/** Why s is not clean text (valid UTF-8 with no control character but tab and newline), in
 *  buf: "is not valid UTF-8 (byte 0xff at offset 3)"; NULL when it is clean. */
const char *bg__text_problem(const char *s, char *buf, size_t size);

/** The longest benchmark name, in bytes: what every writer, reader and filter may rely on. */
#define BG__NAME_MAX 1024

/** Why name is not a benchmark name (empty, over BG__NAME_MAX bytes, not valid UTF-8, or a
 *  control character, tab and newline included), in buf; NULL when it is one. */
const char *bg__name_problem(const char *name, char *buf, size_t size);

/** s for a message: each byte that is not clean text written as \xNN (truncated to size). */
void bg__text_escape(const char *s, char *out, size_t size);

/** @return the length (1 to 4) of the well-formed UTF-8 sequence at p, or 0 when it is not one. */
size_t bg__utf8_sequence(const char *p);

/* term_safe.c */
/**
 * Text from a file (a benchmark's name, a message) made safe to print on a terminal: each
 * control character (C0 with tab and newline, DEL, C1 U+0080..U+009F) and each byte that is not
 * well-formed UTF-8 is written as \xNN, per byte ("\x1b[31m" for ESC [31m); a backslash is
 * kept. out always ends with a NUL; an escape is never cut. Also public: bg_term_safe().
 * @return the length written to out (strlen(out))
 */
size_t bg__term_safe(const char *in, char *out, size_t size);

/** The first 80 bytes of value for a message (never half a character; bytes that are not
 *  clean text as \xNN, as bg__text_escape; "..." when cut) in out. @return strlen(value) */
size_t bg__value_excerpt(const char *value, char *out, size_t size);

/**
 * Sets err to a bad value's message, the place, key and problem first: "bench.yaml:3:13:
 * min_time: 'soon' is not a duration" for a value of up to 80 bytes; for a longer one the
 * problem comes before the value, which is cut: "...: min_time: the value is not a duration:
 * 'xxx...' (2000 bytes)". why reads after the value ("is not ...", "holds ..."). @return code
 */
bg_err bg__value_error(bg__error *err, bg_err code, const char *where, const char *name,
                       const char *value, const char *why);

/** Frees the buffer (accepts an empty one). */
void bg__sb_free(bg__strbuf *sb);

/* ---- statistics (stats.c) ---- */

/** Summary of n values. All fields are finite when n >= 1 (stddev/cv are 0 for n == 1). */
typedef struct bg__summary {
    size_t n;      /**< number of values */
    double min;    /**< smallest value */
    double max;    /**< largest value */
    double mean;   /**< arithmetic mean */
    double median; /**< middle value (mean of the two middle ones for even n) */
    double stddev; /**< sample standard deviation (n - 1 denominator) */
    double cv;     /**< stddev / mean (0 when mean == 0) */
    double p50;    /**< percentiles by linear interpolation between order statistics */
    double p95;    /**< (the "type 7" rule of R and NumPy's default) */
    double p99;
    double ci95_lo; /**< seeded percentile-bootstrap 95% CI of the median */
    double ci95_hi;
    size_t outliers; /**< values outside Tukey's fences [Q1 - 1.5 IQR, Q3 + 1.5 IQR] */
} bg__summary;

/** Number of bootstrap resamples used by bg__summarize. */
#define BG__BOOTSTRAP_RESAMPLES 2000
/** Beyond this many points the median's CI is the order-statistic interval (bounded cost). */
#define BG__BOOTSTRAP_MAX_N 2000

/**
 * Computes the summary of values[0..n) (not modified). The bootstrap uses a
 * private generator seeded with `seed`, so the CI is reproducible.
 * @return 0 on success, -1 when n == 0, a value is not finite, or memory runs out
 */
int bg__summarize(const double *values, size_t n, uint64_t seed, bg__summary *out);

/**
 * The spread of values[0..n): n, the moments (cv) and the Tukey outliers of bg__summarize,
 * without the confidence interval (no bootstrap; one sort).
 * @return 0, or -1 as bg__summarize
 */
int bg__spread(const double *values, size_t n, bg__summary *out);

/** @return the q-quantile (0 <= q <= 1) of sorted[0..n) by linear interpolation (type 7). */
double bg__quantile_sorted(const double *sorted, size_t n, double q);

/**
 * Relative half-width of the distribution-free 95% confidence interval of the
 * median (order statistics at n/2 -+ 0.98 sqrt(n)), divided by the median.
 * Cheap enough to evaluate after every sample; used as the stopping rule.
 * @return the relative noise (e.g. 0.01 for 1%), or +inf when n < 5 or the median is 0
 */
double bg__median_rel_noise(const double *values, size_t n);

/** Sorts values[0..n) ascending in place. */
void bg__sort_doubles(double *values, size_t n);

/** @return the median of sorted[0..n): the middle value, or the mean of the two middle ones;
 * NaN when n == 0. */
double bg__median_sorted(const double *sorted, size_t n);

/* ---- hashing (hash.c) ---- */

/** FNV-1a's offset basis and prime. BG__FNV1A_SEED is the basis short of its last digit, as
 *  the first copies of the hash in this tree had it: the hashes already written with it
 *  (bootstrap seeds, page names) keep it so that their figures and files stay the same. */
#define BG__FNV1A_BASIS 14695981039346656037ULL
#define BG__FNV1A_SEED 1469598103934665603ULL
#define BG__FNV1A_PRIME 1099511628211ULL

/** @return h advanced over size bytes (start with BG__FNV1A_BASIS or BG__FNV1A_SEED). */
uint64_t bg__fnv1a(uint64_t h, const void *bytes, size_t size);
/** @return h advanced over text's bytes, its terminator not included. */
uint64_t bg__fnv1a_text(uint64_t h, const char *text);

/** splitmix64: a small seeded generator; advances *state, returns the next value. */
uint64_t bg__rand64(uint64_t *state);

/** @return a uniform integer in [0, bound) from *state (bound > 0). */
uint64_t bg__rand_below(uint64_t *state, uint64_t bound);

/* ---- clocks and resources (clock.c) ---- */

double bg__now_ns(void);
double bg__cpu_ns(void);
/** CPU time of the calling thread (ns). */
double bg__thread_cpu_ns(void);

/** Resets the resident-set watermark. @return 1 when it could be reset. */
int bg__reset_peak_rss(void);
/** @return the resident-set watermark (MiB; since the last reset), or < 0. */
double bg__peak_rss_mb(void);
/** @return the resident set now (MiB), or < 0. */
double bg__rss_mb(void);
double bg__free_ram_mb(void);
int bg__instr_open(void);
double bg__instr_read(int fd);

/* ---- performance counters of --counters (perf_counters.c) ---- */

/* The performance counters of --counters: the name a user writes, the perf_event_open type
 * (HW: PERF_TYPE_HARDWARE, needs a PMU; SW: PERF_TYPE_SOFTWARE) and config (PERF_COUNT_HW_ or
 * PERF_COUNT_SW_ and this; the perf headers stay in perf_counters.c), the unit of the figure, and
 * how the gate takes it: WORK, a count of the program's own work (instructions, branches: steady
 * from run to run) is gated by default, with its samples' noise; MACHINE, a figure that moves with
 * the machine and its load (cycles, cache misses, the task clock, the scheduler's events) only when
 * thresholds: names it, as a time-like metric.
 * X(ID, name, type, config, unit, gate) */
/* clang-format off */
#define BG__COUNTERS(X)                                                                            \
    X(CYCLES, "cycles", HW, CPU_CYCLES, "count/iter", MACHINE)                                     \
    X(INSTRUCTIONS, "instructions", HW, INSTRUCTIONS, "count/iter", WORK)                          \
    X(CACHE_REFERENCES, "cache-references", HW, CACHE_REFERENCES, "count/iter", MACHINE)           \
    X(CACHE_MISSES, "cache-misses", HW, CACHE_MISSES, "count/iter", MACHINE)                       \
    X(BRANCHES, "branches", HW, BRANCH_INSTRUCTIONS, "count/iter", WORK)                           \
    X(BRANCH_MISSES, "branch-misses", HW, BRANCH_MISSES, "count/iter", MACHINE)                    \
    X(TASK_CLOCK, "task-clock", SW, TASK_CLOCK, "ns/iter", MACHINE)                                \
    X(PAGE_FAULTS, "page-faults", SW, PAGE_FAULTS, "count/iter", MACHINE)                          \
    X(CONTEXT_SWITCHES, "context-switches", SW, CONTEXT_SWITCHES, "count/iter", MACHINE)           \
    X(CPU_MIGRATIONS, "cpu-migrations", SW, CPU_MIGRATIONS, "count/iter", MACHINE)
/* clang-format on */

typedef enum bg__counter_id {
#define BG__COUNTER_ENUM(id, name, type, config, unit, gate) BG__COUNTER_##id,
    BG__COUNTERS(BG__COUNTER_ENUM)
#undef BG__COUNTER_ENUM
        BG__COUNTER_COUNT
} bg__counter_id;

/** The names users write (--counters), by id. */
extern const char *const bg__counter_names[BG__COUNTER_COUNT];
/** @return the id of a counter name (any case, '_' for '-'), or -1. */
int bg__counter_find(const char *name);
/** The known names joined by ", " into buf. */
void bg__counter_known(char *buf, size_t size);
/** The metric of a counter: "perf_" and its name with '_' for '-'. */
void bg__counter_metric_name(bg__counter_id id, char *buf, size_t size);
/** @return 1 when the metric is a counter's that the gate compares by default (WORK), 0 when it
 *  is one compared only when thresholds: names it (MACHINE), -1 when it is no counter's */
int bg__counter_metric_gated(const char *metric);
/** @return the unit of its per-iteration figure ("count/iter", "ns/iter"). */
const char *bg__counter_unit(bg__counter_id id);
/** Opens a disabled user-space counter of this process that its later threads inherit.
 *  @return the fd, or -1 with BG_ESKIP and "perf_event_open: <strerror>" in err (the counter
 *  is skipped) */
int bg__counter_open(bg__counter_id id, bg__error *err);

/* ---- removing a folder (remove_tree.c) ---- */

/** Removes the folder path and everything in it, following no symbolic link (a link inside is
 *  removed itself). @return 0 (also when it did not exist), -1 when something could not go */
int bg__remove_tree(const char *path);

/* ---- safe writes (fsutil.c) ---- */

bg_err bg__mkdirs(const char *path, bg__error *err);
/** Refuses a run folder that is a symbolic link, or whose path passes through a link planted
 *  in a folder others may write (the link not the user's own): a run's files would land
 *  elsewhere. The folder itself is then opened with O_NOFOLLOW. @return BG_OK, BG_EUSAGE */
bg_err bg__check_run_dir(const char *path, bg__error *err);
bg_err bg__write_atomic(const char *path, const char *data, size_t len, bg__error *err);
/** As bg__write_atomic (a reader sees the old file or the new one, never a part) but not made
 *  durable (no fsync): for files that are cheap to lose in a crash and written by the thousand,
 *  as result cache entries (one per instance) and the progress file (one per slot). */
bg_err bg__write_replace(const char *path, const char *data, size_t len, bg__error *err);
/** Writes all of data to fd, retrying short writes and EINTR; @return 0 or -1 (errno set). */
int bg__write_all(int fd, const char *data, size_t len);

/* ---- bounded reads (read_text.c) ---- */

/** The longest path a setting or a file name holds, NUL included. */
#define BG__PATH_MAX 4096

/** A macro's value as a string literal: BG__STR(__GNUC__) is "12". */
#define BG__STR_(x) #x
#define BG__STR(x) BG__STR_(x)

/** Reads a whole text file (NUL-free); NULL with err set on failure. Free with free(). */
char *bg__read_text(const char *path, bg__error *err);
/* ---- strict JSON (json_strict.c) ---- */
struct cJSON;
/** Strict JSON: errors at line:column, no byte order mark, no key twice, every number finite. */
bg_err bg__json_parse_strict(const char *text, const char *path, struct cJSON **out,
                             bg__error *err);
/** Reads a JSON file strictly (bg__read_text, then bg__json_parse_strict). */
bg_err bg__json_parse_file(const char *path, struct cJSON **out, bg__error *err);

/** The largest file bg__read_text reads. */
#define BG__READ_MAX (512 << 20)

/* ---- large documents (json_arena.c): when the process chose bg_json_use_arenas ---- */
struct cJSON;
struct bg__json_arena;
/** Makes this thread's cJSON allocations come from a new arena until bg__json_arena_end;
 *  NULL (plain allocations) unless bg_json_use_arenas was called. */
struct bg__json_arena *bg__json_arena_begin(void);
/** Ends the arena's parse; it is freed with the last allocation of its document. */
void bg__json_arena_end(struct bg__json_arena *arena);
/** The arena blocks alive in the process (for tests: 0 once every document is freed). */
size_t bg__json_arena_blocks(void);
/** cJSON_Print's text as memory that free() takes (a copy once arenas are on). */
char *bg__json_release_text(char *printed);

/* json_print.c */
/** Prints doc as JSON text (formatted or not) after making every string and key in it valid
 *  UTF-8 without control characters (bg__utf8_clean): what a benchmark, a path or a command
 *  gave never breaks a reader. Free with free(); NULL when out of memory. */
char *bg__json_print(struct cJSON *doc, int formatted);

/* ---- reading JSON (json_get.c): every reader's accessors; each accepts a NULL object ---- */

/** The member key of obj (cJSON_GetObjectItemCaseSensitive), NULL when there is none. */
const struct cJSON *bg__json_get(const struct cJSON *obj, const char *key);
/** The text of obj.key, "" when it is missing or not a string. */
const char *bg__json_text(const struct cJSON *obj, const char *key);
/** obj.key into *v when it is a finite number. @return 1, else 0 (*v untouched) */
int bg__json_finite(const struct cJSON *obj, const char *key, double *v);
/** obj.key when it is a number, else fallback. */
double bg__json_number_or(const struct cJSON *obj, const char *key, double fallback);

/** Adds v to obj as key, or null when v is not finite: strict JSON never holds NaN/Infinity. */
void bg__json_number(struct cJSON *obj, const char *key, double v);

/** @return the name of verdict v (an int here: the enum is bg_verdict of benchgate/compare.h):
 *  what bg_verdict_name() returns. */
const char *bg__verdict_text(int v);
/** The same from NUL-terminated text; `path` labels the messages. */
bg_err bg__parse_result(const char *text, const char *path, struct cJSON **out, bg__error *err);

#endif /* BENCHGATE_COMMON_INTERNAL_H */
