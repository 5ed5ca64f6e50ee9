/* cmd_verify.c - benchgate verify --dataset[=NAME]: size, SHA-256 and read-only mode of every
 * dataset file, each failure named. */
#include <stdio.h>
#include <string.h>

#include "benchgate/dataset.h"
#include "cli.h"

/** The flags of benchgate verify. */
typedef struct verify_opts {
    int dataset;          /**< --dataset was given */
    const char *name;     /**< --dataset=NAME; NULL: every dataset */
    const char *manifest; /**< NULL: ROOT/datasets.yaml */
    const char *root;     /**< NULL: BENCH_DATASET_PATH, else the built-in root */
    int no_cache, verbose;
} verify_opts;

static void verify_help(void) {
    cli_help("usage: benchgate verify --dataset[=NAME] [--manifest=FILE] [--root=DIR] [--no-cache] "
             "[--verbose]\n\n"
             "Checks every file of dataset NAME (or of every dataset in the manifest): it lies\n"
             "inside the root (no '..', no symlink out), has the listed size and SHA-256, and is\n"
             "read-only. Prints \"ok PATH\" or \"FAILED PATH: reason\" per file; exit 2 when any\n"
             "file failed. Checksums are cached in ROOT/%s by path, size, mtime,\n"
             "ctime, inode and device, so a second verify hashes nothing that did not change;\n"
             "--no-cache hashes every file. --verbose prints the cache hits.\n\n"
             "--root defaults to BENCH_DATASET_PATH, else the datasets folder of the source tree;\n"
             "--manifest to ROOT/%s.\n",
             BG_VERIFY_CACHE_NAME, BG_MANIFEST_NAME);
}

/* A switch takes no value. @return 1 when arg is --name, 2 when it is --name=... (error). */
static int switch_flag(const char *arg, const char *name) {
    const char *v = NULL;
    if (!cli_flag(arg, name, &v))
        return 0;
    return v ? (cli_usage_error("verify: --%s takes no value", name), 2) : 1;
}

static int value_flag(verify_opts *o, const char *a, int *bad) {
    static const char *const names[] = {"manifest", "root"};
    const char **slots[] = {&o->manifest, &o->root};
    return cli_value_flag("verify", a, names, slots, 2, bad);
}

/* @return 0 to go on, -1 after --help, 2 on bad usage (message printed). */
static int parse_verify(verify_opts *o, int argc, char **argv) {
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int s, bad = 0;
        if (cli_flag(a, "help", &v))
            return verify_help(), -1;
        if (cli_flag(a, "dataset", &v)) {
            if (v && v[0] == '\0')
                return cli_usage_error("verify: --dataset= needs a name (or no '=')");
            o->dataset = 1, o->name = v;
        } else if (value_flag(o, a, &bad)) {
            if (bad)
                return 2;
        } else if ((s = switch_flag(a, "no-cache")) != 0) {
            if (s == 2)
                return 2;
            o->no_cache = 1;
        } else if ((s = switch_flag(a, "verbose")) != 0) {
            if (s == 2)
                return 2;
            o->verbose = 1;
        } else {
            return cli_usage_error("verify: unknown argument '%s' (see benchgate verify --help)",
                                   a);
        }
    }
    if (!o->dataset)
        return cli_usage_error("verify: say what to verify: --dataset[=NAME]");
    return 0;
}

/** The names of the files that failed, for the closing message. */
typedef struct failed_list {
    char names[1024];
    size_t count;
} failed_list;

static void report(void *arg, const bg_manifest_dataset *d, const bg_manifest_file *f,
                   const char *problem) {
    failed_list *failed = arg;
    (void)d;
    if (problem == NULL) {
        printf("ok %s\n", f->path);
    } else {
        printf("FAILED %s: %s\n", f->path, problem);
        size_t len = strlen(failed->names);
        snprintf(failed->names + len, sizeof failed->names - len, "%s%s",
                 failed->count++ ? ", " : "", f->path);
    }
    fflush(stdout);
}

int cmd_verify(int argc, char **argv) {
    verify_opts o;
    int rc = parse_verify(&o, argc, argv);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    const char *root = cli_dataset_root(o.root);
    bg_manifest *m = NULL;
    if ((rc = cli_load_manifest(o.manifest, root, &m)) != 0)
        return rc;
    const bg_manifest_dataset *d = o.name ? cli_find_dataset(m, o.name) : NULL;
    bg_verify_stats st = {0};
    failed_list failed = {"", 0};
    char err[1024];
    bg_err e = o.name && d == NULL
                   ? BG_EUSAGE
                   : bg_dataset_verify(m, d, root, o.no_cache ? BG_VERIFY_NO_CACHE : 0, report,
                                       &failed, &st, err, sizeof err);
    if (e != BG_EUSAGE && o.verbose)
        printf("cache: %zu from the cache, %zu hashed; cache file %s\n", st.cache_hits, st.hashed,
               st.cache_saved ? "written" : "not written");
    if (e == BG_OK)
        printf("verified %zu file(s): all ok\n", st.files);
    else if (e == BG_EINPUT && failed.count > 0)
        cli_usage_error("verify: %zu of %zu dataset file(s) failed: %s", failed.count, st.files,
                        failed.names);
    else if (e != BG_EUSAGE)
        cli_usage_error("verify: %s", err);
    bg_manifest_free(m);
    return bg_err_exit_code(e);
}
