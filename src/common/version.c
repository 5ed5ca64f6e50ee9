/* version.c - the version of the library actually linked. */
#include "benchgate/version.h"
#include "common/common.h"

unsigned bg_version(void) {
    return BG_VERSION_NUMBER;
}

const char *bg_version_string(void) {
    return BG__STR(BG_VERSION_MAJOR) "." BG__STR(BG_VERSION_MINOR) "." BG__STR(BG_VERSION_PATCH);
}
