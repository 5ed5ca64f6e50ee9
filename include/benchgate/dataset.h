/*
 * dataset.h - dataset manifests (datasets.yaml), integrity checks and downloads.
 *
 * A manifest names datasets; each dataset has a number (its version) and a list of files with
 * their size, SHA-256 and download URLs. Paths are relative to a dataset root and are checked
 * never to leave it ("..", absolute paths, symlinks that point out).
 *
 * Ownership: a bg_manifest owns every string and array reachable from it; the dataset and file
 * descriptions it hands out stay valid until bg_manifest_free(). Options are only read during a
 * call. Error messages go to the caller's errbuf and name the file (and line) at fault; nothing
 * is kept in a global.
 */
#ifndef BENCHGATE_DATASET_H
#define BENCHGATE_DATASET_H

#include "benchgate/api.h"

#include <stddef.h>
#include <stdint.h>

#include "benchgate/errors.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The manifest's file name under a dataset root. */
#define BG_MANIFEST_NAME "datasets.yaml"

/** The verified-checksum cache under a dataset root. */
#define BG_VERIFY_CACHE_NAME ".benchgate-verify-cache"

/** One file of a dataset, as the manifest describes it. */
typedef struct bg_manifest_file {
    const char *path;        /**< relative to the dataset root; checked to stay inside it */
    uint64_t size;           /**< bytes */
    const char *sha256;      /**< 64 lowercase hexadecimal digits */
    const char *const *urls; /**< http://, https:// or file:// URLs, tried in order */
    size_t url_count;        /**< may be 0: then only a mirror can provide the file */
    unsigned long line;      /**< where the entry starts in the manifest (1-based) */
} bg_manifest_file;

/** One dataset: a name, a version number and its files. */
typedef struct bg_manifest_dataset {
    const char *name;              /**< [A-Za-z0-9_.-]+ */
    long version;                  /**< 1, 2, ...: a published version never changes */
    const char *license;           /**< e.g. "CC-BY-4.0" */
    const char *source;            /**< attribution: where the data comes from */
    const char *description;       /**< "" when absent */
    const bg_manifest_file *files; /**< at least one */
    size_t file_count;
} bg_manifest_dataset;

/** A loaded manifest (opaque). */
typedef struct bg_manifest bg_manifest;

/**
 * Reads and checks a manifest (YAML: `version: 1`, `datasets:` name -> {version, license,
 * source, description, files: [{path, size, sha256, urls}]}). Unknown keys are refused.
 * @param out    receives the manifest (free with bg_manifest_free()); NULL on error
 * @param errbuf receives "FILE:LINE:COL: what is wrong" (may be NULL); errlen its size
 * @return BG_OK; BG_EINPUT for a missing file, a YAML error or a bad entry; BG_ENOMEM
 */
BG_API bg_err bg_manifest_load(const char *path, bg_manifest **out, char *errbuf, size_t errlen);

/** Frees m and everything it holds (accepts NULL). */
BG_API void bg_manifest_free(bg_manifest *m);

/** @return the path the manifest was read from. */
BG_API const char *bg_manifest_path(const bg_manifest *m);

/** @return the number of datasets, in manifest order. */
BG_API size_t bg_manifest_count(const bg_manifest *m);

/** @return dataset i (i < bg_manifest_count()). */
BG_API const bg_manifest_dataset *bg_manifest_get(const bg_manifest *m, size_t i);

/** @return the dataset called name, or NULL. */
BG_API const bg_manifest_dataset *bg_manifest_find(const bg_manifest *m, const char *name);

/**
 * The flat index that scripts/get_dataset.sh reads: a comment line, then one line per file,
 * tab-separated: name, version, path, size, sha256, URLs (space-separated, may be empty).
 * @param out_text receives the text (free it with free()); NULL on error
 * @return BG_OK or BG_ENOMEM
 */
BG_API bg_err bg_manifest_index(const bg_manifest *m, char **out_text, char *errbuf, size_t errlen);

/**
 * @return the dataset root to use when none is given: BENCH_DATASET_PATH when set and not
 *         empty, else the datasets folder of the benchgate source tree (compiled in).
 */
BG_API const char *bg_dataset_default_root(void);

/**
 * Joins root and relpath, refusing a relpath that is empty, absolute or has "", "." or ".."
 * components, and a result that resolves outside root (checked with realpath on the file when
 * it exists, else on its nearest existing parent: symlinks that point out are caught).
 * @param out receives "root/relpath"; size its size
 * @return BG_OK; BG_EINPUT naming relpath and why; BG_EIO when root is not a directory
 */
BG_API bg_err bg_dataset_resolve(const char *root, const char *relpath, char *out, size_t size,
                                 char *errbuf, size_t errlen);

/** bg_dataset_verify() flags. */
enum {
    BG_VERIFY_NO_CACHE = 1 /**< hash every file, ignoring (but refreshing) the cache */
};

/**
 * Called once per file checked.
 * @param problem NULL when the file is fine, else why not ("checksum mismatch ...")
 */
typedef void (*bg_verify_report_fn)(void *arg, const bg_manifest_dataset *d,
                                    const bg_manifest_file *f, const char *problem);

/** What a verification did. */
typedef struct bg_verify_stats {
    size_t files;      /**< files checked */
    size_t failed;     /**< files with a problem */
    size_t hashed;     /**< files whose SHA-256 was computed */
    size_t cache_hits; /**< files whose SHA-256 came from the cache */
    int cache_saved;   /**< 1 when the cache file was (re)written */
} bg_verify_stats;

/**
 * Checks every file of dataset d (NULL: of every dataset of m) under root: it exists inside the
 * root, is a regular file of the listed size and SHA-256, and is read-only (no write bit).
 * Checksums are cached in root/BG_VERIFY_CACHE_NAME by (path, size, mtime, ctime, inode,
 * device), written atomically; a file whose entry matches is not hashed again.
 * @param report called for each file (may be NULL); stats filled in (may be NULL)
 * @return BG_OK when every file is fine; BG_EINPUT naming the files that failed; BG_EIO when
 *         root is not a readable directory; BG_ENOMEM
 */
BG_API bg_err bg_dataset_verify(const bg_manifest *m, const bg_manifest_dataset *d,
                                const char *root, unsigned flags, bg_verify_report_fn report,
                                void *arg, bg_verify_stats *stats, char *errbuf, size_t errlen);

/** What a download reports. */
typedef enum bg_fetch_event {
    BG_FETCH_FILE,  /**< the outcome for one file ("fetched PATH ...", "present PATH") */
    BG_FETCH_RETRY, /**< an attempt failed; the line gives the reason and the delay */
    BG_FETCH_WARN   /**< a warning (e.g. TLS verification off) */
} bg_fetch_event;

/** How to download. bg_fetch_opts_init() sets the defaults given here. */
typedef struct bg_fetch_opts {
    const char *root;   /**< dataset root; NULL: bg_dataset_default_root() */
    const char *mirror; /**< base URL tried first for every file (MIRROR/path), or NULL */
    int attempts;       /**< tries per file, 1..100 (5) */
    double backoff_s;   /**< delay before the first retry, doubled each time (1 s) */
    double max_delay_s; /**< cap on a delay (30 s) */
    double jitter;      /**< each delay is shortened by a random fraction up to this (0.25) */
    double timeout_s;   /**< limit on one request (300 s); connect and low-speed limits too */
    int insecure;       /**< 1: no TLS certificate or host name verification */
    int max_redirects;  /**< redirects followed, http(s) only (5) */
    void (*log)(void *arg, bg_fetch_event kind, const char *line); /**< or NULL */
    void *log_arg;
} bg_fetch_opts;

/** Fills o with the defaults. */
BG_API void bg_fetch_opts_init(bg_fetch_opts *o);

/**
 * Downloads the files of d that are missing or invalid under the root. Each file goes to
 * PATH.part beside its target (resumed with a Range request when a part exists and the server
 * answers 206), is checked for size and SHA-256, made read-only (0444) and renamed into place.
 * Connection errors, timeouts, HTTP 5xx and 429, short bodies and checksum mismatches are
 * retried with exponential backoff and jitter; after the last attempt the part is removed.
 * Files present and valid are left alone (made read-only when they were writable).
 * @return BG_OK when every file is in place; BG_EINPUT naming each file that could not be
 *         fetched and its last error; BG_EUSAGE for bad options; BG_EIO
 */
BG_API bg_err bg_dataset_fetch(const bg_manifest_dataset *d, const bg_fetch_opts *o, char *errbuf,
                               size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_DATASET_H */
