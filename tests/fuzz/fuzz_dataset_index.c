/* fuzz_dataset_index.c - datasets.index, the flat TSV index of a manifest that
 * scripts/get_dataset.sh and CMake read (`benchgate datasets index`). The library writes it and
 * never reads it back (its readers are the shell script and CMake), so the target feeds a
 * manifest (datasets.yaml) through bg_manifest_load and bg_manifest_index and checks that the
 * index those readers get is well formed: two comment lines, then one line per file of the
 * manifest with exactly six tab-separated fields and no control character, whatever the YAML
 * held. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/dataset.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Checks one index line of a file. @return 0 when it is well formed */
static int check_line(const char *line, size_t len) {
    size_t tabs = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)line[i];
        if (ch == '\t')
            tabs++;
        else if (ch < 0x20 || ch == 0x7f)
            return -1;
    }
    return tabs == 5 ? 0 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static char path[512];
    if (path[0] == '\0')
        snprintf(path, sizeof path, "%s/datasets.yaml", bg_fuzz_tmpdir("dataset_index"));
    if (bg_fuzz_write(path, data, size) != 0)
        return 0;
    bg_manifest *m = NULL;
    char err[1024] = "", *text = NULL;
    if (bg_manifest_load(path, &m, err, sizeof err) != BG_OK) {
        unlink(path);
        return 0;
    }
    size_t files = 0;
    for (size_t i = 0; i < bg_manifest_count(m); i++)
        files += bg_manifest_get(m, i)->file_count;
    if (bg_manifest_index(m, &text, err, sizeof err) != BG_OK) {
        if (err[0] == '\0')
            abort(); /* every failure names the problem */
    } else {
        size_t lines = 0;
        for (const char *p = text, *nl; *p; p = nl + 1) {
            nl = strchr(p, '\n');
            if (nl == NULL)
                abort(); /* the last line ends with its newline */
            if (lines < 2 ? p[0] != '#' : check_line(p, (size_t)(nl - p)) != 0)
                abort(); /* a field with a tab or a newline would shift the readers' columns */
            lines++;
        }
        if (lines != files + 2)
            abort(); /* one line per file */
        free(text);
    }
    bg_manifest_free(m);
    unlink(path);
    return 0;
}
