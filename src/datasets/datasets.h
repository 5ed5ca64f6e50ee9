/* datasets.h - what the dataset modules share: safe paths, SHA-256, the verify cache (internal). */
#ifndef BENCHGATE_DATASETS_INTERNAL_H
#define BENCHGATE_DATASETS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "benchgate/dataset.h"
#include "measure/measure.h"

/* dataset_path.c */

/** @return NULL when rel is a safe relative path (no "", "." or ".." component), else why not. */
const char *bg__relpath_problem(const char *rel);

/**
 * Joins root and rel into out and checks that the result stays inside root (realpath of the
 * file, or of its nearest existing parent). On failure err->msg holds only the reason
 * ("resolves outside the dataset root ..."): callers name the path.
 */
bg_err bg__dataset_resolve(const char *root, const char *rel, char *out, size_t size,
                           bg__error *err);

/** The compiled-in default dataset root (<source>/datasets). */
const char *bg__default_dataset_dir(void);

/* dataset_hash.c */

/** The parts of a stat that key the verify cache. */
typedef struct bg__file_key {
    uint64_t size, inode, device;
    int64_t mtime_s, mtime_ns, ctime_s, ctime_ns;
} bg__file_key;

/** Fills key from st. */
void bg__file_key_of(const struct stat *st, bg__file_key *key);

/* dataset_cache.c: verified checksums by (path, size, mtime, ctime, inode, device). */

typedef struct bg__vcache_entry {
    char *path; /**< relative to the root */
    bg__file_key key;
    char sha256[65];
} bg__vcache_entry;

typedef struct bg__vcache {
    bg__vcache_entry *entries;
    size_t count, cap;
    int dirty; /**< 1: changed since loaded */
} bg__vcache;

/** Reads root/BG_VERIFY_CACHE_NAME; a missing or malformed cache gives an empty one. */
void bg__vcache_load(bg__vcache *c, const char *root);

/** @return the cached SHA-256 of rel when its key matches exactly, else NULL. */
const char *bg__vcache_lookup(const bg__vcache *c, const char *rel, const bg__file_key *key);

/** Records the SHA-256 computed for rel with its key. @return BG_OK or BG_ENOMEM. */
bg_err bg__vcache_put(bg__vcache *c, const char *rel, const bg__file_key *key, const char *sha256);

/** Writes the cache atomically when it changed. */
bg_err bg__vcache_save(bg__vcache *c, const char *root, bg__error *err);

/** Frees the entries (accepts an empty cache). */
void bg__vcache_free(bg__vcache *c);

/* dataset_verify.c */

/** bg__check_dataset_file() flags. */
enum {
    BG__CHECK_NO_LOOKUP = 1,  /**< hash even when the cache has a matching entry */
    BG__CHECK_IGNORE_MODE = 2 /**< a writable file is not a problem (fetch fixes the mode) */
};

/** How a file's SHA-256 was obtained. */
typedef enum bg__hash_source { BG__HASH_NONE, BG__HASH_COMPUTED, BG__HASH_CACHED } bg__hash_source;

/**
 * Checks one file: inside the root, regular, of the listed size and SHA-256 (from cache when an
 * entry matches; computed hashes are recorded there), read-only. cache may be NULL. problem gets
 * "" when the file is fine, else every reason joined by "; ".
 */
void bg__check_dataset_file(const char *root, const bg_manifest_file *f, bg__vcache *cache,
                            unsigned flags, char *problem, size_t size, bg__hash_source *how);

/* dataset_run.c */
/** Verifies the datasets that the selected instances declare (before measuring anything). */
bg_err bg__datasets_prepare(bg__run *run, bg__error *err);
/** @return the "datasets" array of result.json: one entry per verified file. */
struct cJSON *bg__datasets_json(const bg__run *run);

#endif /* BENCHGATE_DATASETS_INTERNAL_H */
