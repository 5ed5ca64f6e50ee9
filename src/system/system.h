/* system.h - the machine: GPUs, system facts and class, the machine profile (internal). */
#ifndef BENCHGATE_SYSTEM_INTERNAL_H
#define BENCHGATE_SYSTEM_INTERNAL_H

#include <stddef.h>

#include "measure/measure.h"

/* gpu_probe.c: the GPUs of this process (the CUDA runtime probe of benchgate::cuda, when the
 * benchmark links it) and of the machine (nvidia-smi otherwise). */
typedef struct bg__gpu_backend {
    int (*count)(void);          /**< usable GPUs */
    const char *(*reason)(void); /**< why none ("" when some) */
    struct cJSON *(*json)(void); /**< system.gpus */
} bg__gpu_backend;
/** Installs the CUDA runtime probe (benchgate::cuda does this before main()). */
void bg__gpu_register(const bg__gpu_backend *b);
int bg__gpu_count(void);
const char *bg__gpu_reason(void);
/** The GPUs for system.gpus (an empty array without CUDA). */
struct cJSON *bg__gpus_json(void);

/* sysinfo.c */
struct cJSON;
struct cJSON *bg__system_json(int instructions);
struct cJSON *bg__git_json(void);
/**
 * The baseline folder's name: BENCHGATE_MACHINE_CLASS, else the CPU model and core count, or in
 * instruction mode the instruction set and the build (arch, compiler, build type).
 */
void bg__machine_class(char *buf, size_t size, int instructions);

/* profile.c */
/** Reads the machine profile, if any; a corrupt one is BG_EINPUT. */
bg_err bg__profile_load(bg__run *run, bg__error *err);
/** The profile a run used, for result.json: path, whether found, the ceilings, the caches. */
struct cJSON *bg__profile_json(const bg__run *run);

#endif /* BENCHGATE_SYSTEM_INTERNAL_H */
