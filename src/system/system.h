/* system.h - the machine: GPUs, system facts and class, the machine profile (internal). It
 * stands on common/ alone: what a run does with the machine is measure/'s. */
#ifndef BENCHGATE_SYSTEM_INTERNAL_H
#define BENCHGATE_SYSTEM_INTERNAL_H

#include <stddef.h>

#include "common/common.h"

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
/** The ceilings of the machine profile (benchgate calibrate). */
enum {
    BG__CEIL_CPU_BW, /**< DRAM */
    BG__CEIL_CPU_FLOPS,
    BG__CEIL_GPU_BW,
    BG__CEIL_GPU_FLOPS,
    BG__CEIL_CPU_BW_L1,
    BG__CEIL_CPU_BW_L2,
    BG__CEIL_CPU_BW_L3,
    BG__CEILINGS
};
/** The profile's names of the ceilings (BG__CEIL_*). */
extern const char *const bg__ceiling_names[BG__CEILINGS];
/** The profile's names of the cache levels: "l1d", "l2", "l3". */
extern const char *const bg__cache_keys[3];

/** The machine profile a run uses. */
typedef struct bg__profile {
    double ceiling[BG__CEILINGS]; /**< BG__CEIL_*, < 0 unknown */
    double cache_bytes[3]; /**< L1d, L2, L3 of one core: the profile's, else this machine's */
    int found;             /**< 1: path was read */
    char path[BG__PATH_MAX];
} bg__profile;

/** Reads the machine profile, if any; a corrupt one is BG_EINPUT. */
bg_err bg__profile_load(bg__profile *p, bg__error *err);
/** The profile a run used, for result.json: path, whether found, the ceilings, the caches. */
struct cJSON *bg__profile_json(const bg__profile *p);

#endif /* BENCHGATE_SYSTEM_INTERNAL_H */
