/* gpu_none.c - GPU probe of a build without CUDA: there is never a GPU. */
#include <cjson/cJSON.h>

#include "internal.h"

int bg__gpu_count(void) {
    return 0;
}

const char *bg__gpu_reason(void) {
    return "benchgate was built without CUDA (BENCHGATE_CUDA=OFF or no CUDA toolkit)";
}

struct cJSON *bg__gpus_json(void) {
    return cJSON_CreateArray();
}
