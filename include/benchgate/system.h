/*
 * system.h - what the machine is: GPUs, the machine class, the system description.
 *
 * Ownership: strings returned as `char *` are the caller's (free with free()); `const char *`
 * results are owned by the library and stay valid until exit.
 */
#ifndef BENCHGATE_SYSTEM_H
#define BENCHGATE_SYSTEM_H

#include "benchgate/api.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @return the number of usable GPUs (0 without CUDA, a driver or a device). */
BG_API int bg_gpu_count(void);

/** @return why no GPU is usable ("" when one is). */
BG_API const char *bg_gpu_reason(void);

/** @return the system description of result.json ("system") as JSON text; free() it. */
BG_API char *bg_system_json(void);

/**
 * The machine class: BENCHGATE_MACHINE_CLASS, else the GPU model or CPU model and core count
 * (time mode), or the instruction set and build (instruction mode).
 */
BG_API void bg_machine_class(int instruction_mode, char *buf, size_t size);

/**
 * Writes a machine profile (schema benchgate.profile/1: the machine class and its ceilings,
 * CPU memory bandwidth and arithmetic rate, GPU copy bandwidth and SGEMM rate) from the
 * result.json of bench_calibrate, atomically.
 * @return BG_OK, BG_EINPUT (the result lacks the ceilings) or BG_EIO, with the message in errbuf
 */
BG_API int bg_profile_write(const char *calibrate_result, const char *profile_path, char *errbuf,
                            size_t errlen);

/**
 * The data cache of one core at `level` (1: L1d, 2: L2, 3: L3) in bytes, from
 * /sys/devices/system/cpu/cpu0/cache (else sysconf); 0 when unknown.
 */
BG_API size_t bg_cache_size(int level);

/** The profile path of this machine: BENCHGATE_PROFILE, else <profile dir>/<class>.json. */
BG_API void bg_profile_path(char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_SYSTEM_H */
