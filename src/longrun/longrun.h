/* longrun.h - what long runs add to a bench executable's run: the run directory lock, rotating
 * run.log, pause and resume through the control file, SIGINT/SIGTERM, the checkpoint, the result
 * cache and the progress line on a terminal (internal). */
#ifndef BENCHGATE_LONGRUN_INTERNAL_H
#define BENCHGATE_LONGRUN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"

struct cJSON;

/** Per-run state of the long-run features; owned by bg__run.lr. */
typedef struct bg__longrun {
    char log_path[BG__PATH_MAX + 16];
    uint64_t log_max_bytes;
    int log_backups;
    char control_dir[BG__PATH_MAX];        /**< where control and control.state live */
    char progress_path[BG__PATH_MAX + 32]; /**< .progress for benchgate start, "" alone */
    struct bg_run_lock *lock;
    double last_poll_ns; /**< last look at the control file */
    double paused_ns;    /**< time spent paused, all pauses */
    int interrupted;     /**< the signal that stopped the run, 0 when none */
    unsigned char *done; /**< done[i * reps_cap + r]: slot (instance i, repetition r) is done */
    size_t reps_cap;
    size_t slots_total, slots_done;
    int restored;   /**< slots taken over from the checkpoint */
    int ui, colour; /**< progress line on stdout; with colour */
    int bar_visible;
    int paused; /**< 1: waiting for benchgate resume */
    double last_draw_ns;
    char current[512];          /**< the instance running now */
    char bin_sha[65];           /**< SHA-256 of this executable ("" until needed; "-" unknown) */
    char loaded_sha[65];        /**< SHA-256 of the loaded files and the environment (cache.c) */
    char identity[65];          /**< the checkpoint's key of this run ("" until needed) */
    char machine_class[2][256]; /**< the cache key's, time and instruction mode ("" until needed) */
    unsigned char cache_dirs[32]; /**< the cache folders 00..ff made in this run, one bit each */
    int journal_fd;           /**< the checkpoint journal open for appends, plus 1; 0 when closed */
    off_t journal_bytes;      /**< its length after the last complete entry */
    double journal_synced_ns; /**< when it last reached the disk */
} bg__longrun;

/** The checkpoint journal in a run's output directory. */
#define BG__CHECKPOINT_FILE "checkpoint.jsonl"

/* longrun.c: the hooks of main.c and runner.c */
/** Takes the output directory's lock and sets up logging, control and signals. */
bg_err bg__longrun_open(bg__run *run, bg__error *err);
/** Restores the signal handlers, releases the lock, frees lr (accepts run->lr == NULL). */
void bg__longrun_close(bg__run *run);
/** After the result files: a complete run drops its checkpoint. */
void bg__longrun_finish(bg__run *run, int complete);
/** @return the signal that interrupted the run, or 0. */
int bg__longrun_interrupted(const bg__run *run);

/* logrotate.c */
/** Appends len bytes of text to the log at path, rotating it beyond max_bytes (see bg_log_append).
 */
bg_err bg__log_append(const char *path, const char *text, size_t len, uint64_t max_bytes,
                      int backups, bg__error *err);

/* signals.c */
/** Installs the SIGINT/SIGTERM handlers of a run (a second signal ends the process). */
void bg__signals_install(void);
/** Puts back the handlers that were there before. */
void bg__signals_restore(void);
/** @return the signal received since bg__signals_install(), or 0. */
int bg__signal_received(void);

/* progress.c: the progress line of a bench executable on a terminal */
void bg__progress_draw(bg__run *run, int force);
void bg__progress_clear(bg__run *run);

/* checkpoint.c */
/** The instance's measured state (samples, metrics, figures) as JSON. */
struct cJSON *bg__instance_state_json(const bg__instance *in);
/** Restores what bg__instance_state_json() wrote. @return BG_OK or BG_EINPUT */
bg_err bg__instance_state_restore(bg__instance *in, const struct cJSON *state, bg__error *err);
/** Writes OUT_DIR/checkpoint.jsonl afresh (atomically): its header and an entry for each
 *  instance with completed slots; then keeps it open for bg__checkpoint_append. */
bg_err bg__checkpoint_open(bg__run *run, bg__error *err);
/** Appends the entry of one completed slot (its instance's state after it): the same cost
 *  whatever the number of instances. It reaches the disk within a second (fdatasync). */
bg_err bg__checkpoint_append(bg__run *run, size_t inst, uint32_t rep, bg__error *err);
/** Makes the journal's entries durable now (before a pause). */
void bg__checkpoint_sync(bg__run *run);
/** Syncs and closes the journal (accepts one not open). */
void bg__checkpoint_close(bg__run *run);
/**
 * Restores the completed slots of OUT_DIR/checkpoint.jsonl when it belongs to the same
 * instances and settings; an entry cut short by a kill (no newline after it) is ignored.
 * @return the number of slots restored (0 when none or it does not match)
 */
size_t bg__checkpoint_load(bg__run *run);
/** Fills hex with the SHA-256 of text. */
void bg__sha256_text(const char *text, size_t len, char hex[65]);
/** Appends the settings that change what an instance measures (the cache and checkpoint key). */
void bg__measure_settings(const bg__config *cfg, bg__strbuf *sb);

/* cache.c */
/** @return the SHA-256 of this executable (computed once), or "-" when it cannot be read. */
const char *bg__binary_sha(bg__run *run);
/** Before the schedule: the key of what is loaded (files mapped, environment), computed once. */
void bg__cache_prepare(bg__run *run);
/** @return 1 when --reuse (not --reuse=force) is set but not applied: CI=true */
int bg__cache_reuse_refused_by_ci(const bg__run *run);
/** With --reuse: restores the cached result of in, checked as a result is (a refused entry is
 *  warned about and measured again). @return 1 when reused */
int bg__cache_restore(bg__run *run, bg__instance *in);
/** Stores the result of a fully measured instance (unless --no-cache or cache_dir off). */
void bg__cache_store(bg__run *run, const bg__instance *in);

#endif /* BENCHGATE_LONGRUN_INTERNAL_H */
