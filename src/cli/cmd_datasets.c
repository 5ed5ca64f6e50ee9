/* cmd_datasets.c - benchgate datasets list|index, and the manifest helpers of the dataset verbs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/dataset.h"
#include "benchgate/report.h"
#include "cli.h"
#include "flags.h"

const char *cli_dataset_root(const char *flag_value) {
    return flag_value ? flag_value : bg_dataset_default_root();
}

int cli_load_manifest(const char *flag_value, const char *root, bg_manifest **out) {
    char path[CLI_PATH_MAX + 32], err[1024];
    if (flag_value == NULL &&
        snprintf(path, sizeof path, "%s/%s", root, BG_MANIFEST_NAME) >= (int)sizeof path)
        return cli_usage_error("dataset root '%s': path too long", root);
    bg_err e = bg_manifest_load(flag_value ? flag_value : path, out, err, sizeof err);
    return cli_bg_error(e, err);
}

const bg_manifest_dataset *cli_find_dataset(const bg_manifest *m, const char *name) {
    const bg_manifest_dataset *d = bg_manifest_find(m, name);
    if (d)
        return d;
    char names[512] = "";
    for (size_t i = 0; i < bg_manifest_count(m); i++)
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "",
                 bg_manifest_get(m, i)->name);
    cli_usage_error("no dataset '%s' in %s (it lists: %s)", name, bg_manifest_path(m), names);
    return NULL;
}

static void list_datasets(const bg_manifest *m) {
    for (size_t i = 0; i < bg_manifest_count(m); i++) {
        const bg_manifest_dataset *d = bg_manifest_get(m, i);
        unsigned long long bytes = 0;
        for (size_t j = 0; j < d->file_count; j++)
            bytes += d->files[j].size;
        printf("%s\tv%ld\t%zu file(s)\t%llu bytes\t%s\n", d->name, d->version, d->file_count, bytes,
               d->license);
    }
}

static int write_index(const bg_manifest *m, const char *output) {
    char *text = NULL, err[1024];
    bg_err e = bg_manifest_index(m, &text, err, sizeof err);
    if (e == BG_OK && output)
        e = bg_write_text_file(output, text, err, sizeof err);
    else if (e == BG_OK && fputs(text, stdout) == EOF)
        e = BG_EIO, snprintf(err, sizeof err, "datasets index: cannot write to stdout");
    free(text);
    return cli_bg_error(e, err);
}

/** The flags of benchgate datasets. */
typedef struct datasets_opts {
    const char *action, *manifest, *root, *output;
} datasets_opts;

#define OPT(field) CLI_OFF(datasets_opts, field)
static const cli_flag_def datasets_flags[] = {
    {"manifest", "FILE", CLI_TEXT, OPT(manifest), 0, 0, NULL, NULL,
     "the manifest (default ROOT/" BG_MANIFEST_NAME ")", NULL},
    {"root", "DIR", CLI_TEXT, OPT(root), 0, 0, NULL, NULL,
     "the datasets' root (default BENCH_DATASET_PATH, else the datasets folder of the\n"
     "source tree)",
     NULL},
    {"output", "FILE", CLI_TEXT, OPT(output), 0, 0, NULL, NULL,
     "index: write FILE through a temporary file (default stdout)", NULL},
};
#undef OPT

const cli_verb_def cli_datasets_verb = {
    "datasets",
    "list|index",
    "list:  the datasets of the manifest: name, version, files, bytes, license.\n"
    "index: the flat index that scripts/get_dataset.sh and bg_add_dataset() read (one\n"
    "       line per file: name, version, path, size, sha256, urls; tab-separated).",
    datasets_flags,
    CLI_COUNT(datasets_flags),
    0,
    1,
    NULL};

/* @return 0 to go on, -1 after --help, 2 on bad usage (message printed). */
static int parse_datasets(datasets_opts *o, int argc, char **argv) {
    memset(o, 0, sizeof *o);
    cli_words w;
    int rc = cli_parse(&cli_datasets_verb, argc, argv, o, &w);
    if (rc != 0)
        return rc == 1 ? -1 : 2;
    o->action = w.count > 0 ? w.word[0] : NULL;
    if (o->action == NULL || (strcmp(o->action, "list") && strcmp(o->action, "index")))
        return cli_usage_error("datasets: say list or index (benchgate datasets list|index)");
    return 0;
}

int cmd_datasets(int argc, char **argv) {
    datasets_opts o;
    int rc = parse_datasets(&o, argc, argv);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    bg_manifest *m = NULL;
    rc = cli_load_manifest(o.manifest, cli_dataset_root(o.root), &m);
    if (rc != 0)
        return rc;
    if (strcmp(o.action, "list") == 0)
        list_datasets(m);
    else
        rc = write_index(m, o.output);
    bg_manifest_free(m);
    return rc;
}
