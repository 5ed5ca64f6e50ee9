/* fuzz_profile.c - the machine profile (benchgate calibrate's benchgate.profile/1 JSON) as a
 * bench executable reads it for the roofline (bg__profile_load): BENCHGATE_PROFILE names the
 * file, here the input written in a private temporary folder. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "common/common.h"
#include "config/config.h"
#include "system/system.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bg__profile profile;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static char path[BG__PATH_MAX];
    if (path[0] == '\0') {
        snprintf(path, sizeof path, "%s/profile.json", bg_fuzz_tmpdir("profile"));
        if (setenv("BENCHGATE_PROFILE", path, 1) != 0)
            abort();
    }
    if (bg_fuzz_write(path, data, size) != 0)
        return 0;
    bg__error err = {0};
    memset(&profile, 0, sizeof profile);
    bg_err rc = bg__profile_load(&profile, &err);
    if (rc != BG_OK && err.msg[0] == '\0')
        abort(); /* every failure names the problem */
    if (strcmp(profile.path, path) != 0)
        abort();
    for (int i = 0; i < BG__CEILINGS; i++)
        if (!(profile.ceiling[i] > 0 || profile.ceiling[i] == -1))
            abort(); /* a ceiling is a positive number or unknown */
    for (int l = 0; l < 3; l++)
        if (profile.cache_bytes[l] < 0 || profile.cache_bytes[l] != profile.cache_bytes[l])
            abort();
    unlink(path);
    return 0;
}
