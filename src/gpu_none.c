/* gpu_none.c - GPU probe of a build without CUDA: there is never a GPU. */
#include "internal.h"

int bg__gpu_count(void) {
    return 0;
}

const char *bg__gpu_reason(void) {
    return "benchgate was built without CUDA (BENCHGATE_CUDA=OFF or no CUDA toolkit)";
}
