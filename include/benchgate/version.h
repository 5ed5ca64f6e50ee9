/* version.h - benchgate version numbers (CMake reads them from here). */
#ifndef BENCHGATE_VERSION_H
#define BENCHGATE_VERSION_H

#define BG_VERSION_MAJOR 0
#define BG_VERSION_MINOR 1
#define BG_VERSION_PATCH 0

/** The version as one number: major * 10000 + minor * 100 + patch. */
#define BG_VERSION_NUMBER (BG_VERSION_MAJOR * 10000 + BG_VERSION_MINOR * 100 + BG_VERSION_PATCH)

#ifdef __cplusplus
extern "C" {
#endif

/** @return BG_VERSION_NUMBER of the library actually linked. */
unsigned bg_version(void);

/** @return "major.minor.patch" of the library actually linked. */
const char *bg_version_string(void);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_VERSION_H */
