/* cmd_verify.c - benchgate verify --dataset[=NAME]: size, SHA-256 and read-only mode of every
 * dataset file, each failure named. */
#include <stdio.h>
#include <string.h>

#include "benchgate/dataset.h"
#include "cli.h"
#include "flags.h"

/** The flags of benchgate verify. */
typedef struct verify_opts {
    int dataset;          /**< --dataset was given */
    const char *name;     /**< --dataset=NAME; NULL: every dataset */
    const char *manifest; /**< NULL: ROOT/datasets.yaml */
    const char *root;     /**< NULL: BENCH_DATASET_PATH, else the built-in root */
    int no_cache, verbose;
} verify_opts;

#define OPT(field) CLI_OFF(verify_opts, field)
static const cli_flag_def verify_flags[] = {
    {"dataset", "NAME", CLI_TEXT, OPT(name), 0, 0, NULL, NULL,
     "check the files of dataset NAME; --dataset alone: of every dataset in the manifest\n"
     "(one of the two is required)",
     NULL},
    {"manifest", "FILE", CLI_TEXT, OPT(manifest), 0, 0, NULL, NULL,
     "the manifest (default ROOT/" BG_MANIFEST_NAME ")", NULL},
    {"root", "DIR", CLI_TEXT, OPT(root), 0, 0, NULL, NULL,
     "the datasets' root (default BENCH_DATASET_PATH, else the datasets folder of the\n"
     "source tree)",
     NULL},
    {"no-cache", NULL, CLI_SWITCH, OPT(no_cache), 0, 0, NULL, NULL, "hash every file", NULL},
    {"verbose", NULL, CLI_SWITCH, OPT(verbose), 0, 0, NULL, NULL, "print the cache hits", NULL},
};
#undef OPT

/* --dataset alone: every dataset. @return 1 taken, 0 not it */
static int dataset_alone(void *opts, const char *arg) {
    if (strcmp(arg, "--dataset") != 0)
        return 0;
    ((verify_opts *)opts)->dataset = 1;
    return 1;
}

const cli_verb_def cli_verify_verb = {
    "verify",
    "--dataset[=NAME]",
    "Checks every file of dataset NAME (or of every dataset in the manifest): it lies\n"
    "inside the root (no '..', no symlink out), has the listed size and SHA-256, and is\n"
    "read-only. Prints \"ok PATH\" or \"FAILED PATH: reason\" per file; exit 2 when any\n"
    "file failed. Checksums are cached in ROOT/" BG_VERIFY_CACHE_NAME " by path, size,\n"
    "mtime, ctime, inode and device, so a second verify hashes nothing that did not\n"
    "change.",
    verify_flags,
    CLI_COUNT(verify_flags),
    0,
    0,
    dataset_alone};

/* @return 0 to go on, -1 after --help, 2 on bad usage (message printed). */
static int parse_verify(verify_opts *o, int argc, char **argv) {
    memset(o, 0, sizeof *o);
    int rc = cli_parse(&cli_verify_verb, argc, argv, o, NULL);
    if (rc != 0)
        return rc == 1 ? -1 : 2;
    o->dataset |= o->name != NULL;
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
