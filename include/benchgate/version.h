/* version.h - benchgate version numbers (CMake reads them from here). */
#ifndef BENCHGATE_VERSION_H
#define BENCHGATE_VERSION_H

#include "benchgate/api.h"

#define BG_VERSION_MAJOR 0
#define BG_VERSION_MINOR 1
#define BG_VERSION_PATCH 0

/** The version as one number: major * 10000 + minor * 100 + patch. */
#define BG_VERSION_NUMBER (BG_VERSION_MAJOR * 10000 + BG_VERSION_MINOR * 100 + BG_VERSION_PATCH)

#ifdef __cplusplus
extern "C" {
#endif

/** @return BG_VERSION_NUMBER of the library actually linked. */
BG_API unsigned bg_version(void);

/** @return "major.minor.patch" of the library actually linked. */
BG_API const char *bg_version_string(void);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_VERSION_H */
