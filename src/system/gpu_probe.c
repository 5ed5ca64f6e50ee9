/* gpu_probe.c - which GPUs this process can use, and which the machine has.
 *
 * The core links no CUDA library. A benchmark linked with benchgate::cuda registers the CUDA
 * runtime probe (src/cuda/gpu.cu) before main(); only then can it run GPU instances. Without
 * it, bg__gpu_count() is 0 with the reason, and system.gpus (and so the machine class) comes
 * from `nvidia-smi --query-gpu`, so that CPU and GPU benchmarks of one machine share a class. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/process.h"
#include "system/system.h"

static const bg__gpu_backend *backend;

void bg__gpu_register(const bg__gpu_backend *b) {
    backend = b;
}

int bg__gpu_count(void) {
    return backend ? backend->count() : 0;
}

const char *bg__gpu_reason(void) {
    if (backend)
        return backend->reason();
    return "this benchmark was not linked with benchgate::cuda (bg_add_benchmark(... GPU) "
           "links it; benchgate itself may be built without CUDA: BENCHGATE_CUDA=OFF or no "
           "CUDA toolkit)";
}

/* "0, NVIDIA H200, 143771, 570.86.15, 9.0" -> one entry of system.gpus. */
static cJSON *smi_entry(char *line) {
    char *fields[5] = {0};
    char *save = NULL;
    int n = 0;
    for (char *tok = strtok_r(line, ",", &save); tok && n < 5; tok = strtok_r(NULL, ",", &save)) {
        while (*tok == ' ')
            tok++;
        tok[strcspn(tok, "\r\n")] = '\0';
        fields[n++] = tok;
    }
    if (n < 5 || fields[1][0] == '\0')
        return NULL;
    cJSON *g = cJSON_CreateObject();
    cJSON_AddNumberToObject(g, "index", atoi(fields[0]));
    cJSON_AddStringToObject(g, "name", fields[1]);
    cJSON_AddStringToObject(g, "compute_capability", fields[4]);
    cJSON_AddNumberToObject(g, "memory_total_mb", atof(fields[2]));
    cJSON_AddStringToObject(g, "driver", fields[3]);
    cJSON_AddNullToObject(g, "cuda_runtime");
    return g;
}

static cJSON *smi_json(void) {
    cJSON *list = cJSON_CreateArray();
    static char *const argv[] = {"nvidia-smi",
                                 "--query-gpu=index,name,memory.total,driver_version,compute_cap",
                                 "--format=csv,noheader,nounits", NULL};
    char text[16384];
    if (bg_spawn_capture(argv, text, sizeof text, 30) != 0) /* no driver, no GPU: none known */
        return list;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        cJSON *g = smi_entry(line);
        if (g)
            cJSON_AddItemToArray(list, g);
    }
    return list;
}

struct cJSON *bg__gpus_json(void) {
    if (backend)
        return backend->json();
    return getenv("BENCHGATE_NO_NVIDIA_SMI") ? cJSON_CreateArray() : smi_json();
}
