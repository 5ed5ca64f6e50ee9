/* api.h - BG_API marks the functions of the public API: the libraries are built with hidden
 * visibility (-fvisibility=hidden), so a shared build, or a bench executable whose plugins
 * resolve against it, exports these and none of the internal bg__ functions. */
#ifndef BENCHGATE_API_H
#define BENCHGATE_API_H

#if defined(__GNUC__) || defined(__clang__)
#define BG_API __attribute__((visibility("default")))
#else
#define BG_API
#endif

#endif /* BENCHGATE_API_H */
