/* gpu.cu - finding GPUs with the CUDA runtime; nvidia-smi tells why not when the runtime fails.
 * It is installed (bg__gpu_register) before main() in every program linking benchgate::cuda. */
#include <cjson/cJSON.h>
#include <cuda_runtime_api.h>
#include <stdio.h>
#include <string.h>

extern "C" {
#include "system/system.h"
}

static int probed = 0, count = 0;
static char reason[512];

/* nvidia-smi -L says whether a driver sees any GPU; its first line (or why it failed). */
static void ask_nvidia_smi(char *out, size_t size) {
    FILE *p = popen("nvidia-smi -L 2>&1", "r");
    char line[256] = "";
    int status = -1;
    if (p) {
        if (fgets(line, sizeof line, p) == NULL)
            line[0] = '\0';
        status = pclose(p);
    }
    line[strcspn(line, "\n")] = '\0';
    if (status == -1 || (status >> 8) == 127)
        snprintf(out, size, "nvidia-smi not found (no NVIDIA driver installed)");
    else if (status != 0)
        snprintf(out, size, "nvidia-smi failed: %s", line[0] ? line : "no output");
    else
        snprintf(out, size, "nvidia-smi lists: %s", line[0] ? line : "nothing");
}

static void probe(void) {
    if (probed)
        return;
    probed = 1;
    cudaError_t err = cudaGetDeviceCount(&count);
    if (err == cudaSuccess && count > 0)
        return;
    char smi[300];
    ask_nvidia_smi(smi, sizeof smi);
    snprintf(reason, sizeof reason, "the CUDA runtime found none (%s); %s",
             err == cudaSuccess ? "0 devices" : cudaGetErrorString(err), smi);
    count = 0;
    cudaGetLastError();
}

static int cuda_count(void) {
    probe();
    return count;
}

static const char *cuda_reason(void) {
    probe();
    return count > 0 ? "" : reason;
}

static struct cJSON *cuda_json(void) {
    cJSON *list = cJSON_CreateArray();
    int driver = 0, runtime = 0;
    cudaDriverGetVersion(&driver);
    cudaRuntimeGetVersion(&runtime);
    for (int i = 0; i < cuda_count(); i++) {
        cudaDeviceProp p;
        if (cudaGetDeviceProperties(&p, i) != cudaSuccess)
            continue;
        char cc[16], drv[32], rt[32];
        snprintf(cc, sizeof cc, "%d.%d", p.major, p.minor);
        snprintf(drv, sizeof drv, "%d.%d", driver / 1000, driver % 1000 / 10);
        snprintf(rt, sizeof rt, "%d.%d", runtime / 1000, runtime % 1000 / 10);
        cJSON *g = cJSON_CreateObject();
        cJSON_AddNumberToObject(g, "index", i);
        cJSON_AddStringToObject(g, "name", p.name);
        cJSON_AddStringToObject(g, "compute_capability", cc);
        cJSON_AddNumberToObject(g, "memory_total_mb", (double)p.totalGlobalMem / 1048576.0);
        cJSON_AddStringToObject(g, "driver", drv);
        cJSON_AddStringToObject(g, "cuda_runtime", rt);
        cJSON_AddNumberToObject(g, "sm_count", p.multiProcessorCount);
        cJSON_AddNumberToObject(g, "l2_cache_mb", (double)p.l2CacheSize / 1048576.0);
        cJSON_AddItemToArray(list, g);
    }
    return list;
}

static const bg__gpu_backend cuda_backend = {cuda_count, cuda_reason, cuda_json};

/* Installed before main() in every program linking benchgate::cuda: its usage requirements
 * pass the linker -u bg__cuda_probe_anchor, so this object is taken from the static archive
 * even by a program that calls no bg_cuda_* function (the benchgate command). */
extern "C" {
extern int bg__cuda_probe_anchor;
int bg__cuda_probe_anchor = 1;
}
__attribute__((constructor)) static void register_cuda_probe(void) {
    bg__gpu_register(&cuda_backend);
}
