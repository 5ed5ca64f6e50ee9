/* fuzz_manifest.c - datasets.yaml through the manifest parser and its path checks. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchgate/dataset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char path[64];
    snprintf(path, sizeof path, "/tmp/bg-fuzz-manifest.%ld.yaml", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    bg_manifest *m = NULL;
    char err[1024] = "";
    if (bg_manifest_load(path, &m, err, sizeof err) == BG_OK)
        bg_manifest_free(m);
    else if (err[0] == '\0')
        abort(); /* every failure names the problem */
    unlink(path);
    return 0;
}
