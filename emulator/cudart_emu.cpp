/* cudart_emu.cpp - the CUDA runtime calls benchgate makes, on the host (BENCHGATE_CUDA=EMULATE):
 * one device whose memory is host memory with a capacity (BENCHGATE_EMU_GPU_MEMORY_MB, default
 * 2048, so out-of-memory paths can be exercised), streams that run everything at once, and
 * events that note the host clock when recorded. */
#include "cuda_emu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mutex>
#include <unordered_map>

struct CUstream_st {
    int unused;
};

struct CUevent_st {
    double ns;
};

namespace {

std::mutex lock;
std::unordered_map<void *, size_t> blocks;
size_t used;

/* The device's memory: BENCHGATE_EMU_GPU_MEMORY_MB MiB (default 2048). A value that is not a
 * whole number from 1 to 1048576 ends the process with exit 2, naming the variable. */
size_t capacity() {
    static size_t bytes;
    if (bytes == 0) {
        const char *env = getenv("BENCHGATE_EMU_GPU_MEMORY_MB");
        char *end = NULL;
        long mb = env ? strtol(env, &end, 10) : 2048;
        if (env && (end == env || *end != '\0' || mb < 1 || mb > 1048576)) {
            fprintf(stderr,
                    "cuda_emu: BENCHGATE_EMU_GPU_MEMORY_MB: '%s' is not a whole number of MiB "
                    "from 1 to 1048576\n",
                    env);
            exit(2);
        }
        bytes = (size_t)mb << 20;
    }
    return bytes;
}

double now_ns() {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

cudaError_t fail(cudaError_t err) {
    bg_emu_set_error(err);
    return err;
}

} // namespace

/* ---- the device ------------------------------------------------------------------------- */

extern "C" cudaError_t cudaGetDeviceCount(int *count) {
    *count = 1;
    return cudaSuccess;
}

extern "C" cudaError_t cudaSetDevice(int device) {
    return device == 0 ? cudaSuccess : fail(cudaErrorInvalidDevice);
}

extern "C" cudaError_t cudaDriverGetVersion(int *version) {
    *version = CUDART_VERSION;
    return cudaSuccess;
}

extern "C" cudaError_t cudaRuntimeGetVersion(int *version) {
    *version = CUDART_VERSION;
    return cudaSuccess;
}

enum { EMU_L2_BYTES = 4 << 20 };

extern "C" cudaError_t cudaGetDeviceProperties(struct cudaDeviceProp *p, int device) {
    if (device != 0)
        return fail(cudaErrorInvalidDevice);
    memset(p, 0, sizeof *p);
    strncpy(p->name, "benchgate CUDA emulator (CPU threads)", sizeof p->name - 1);
    p->major = 9;
    p->totalGlobalMem = capacity();
    p->multiProcessorCount = (int)sysconf(_SC_NPROCESSORS_ONLN);
    p->l2CacheSize = EMU_L2_BYTES;
    p->warpSize = 32;
    p->maxThreadsPerBlock = 1024;
    return cudaSuccess;
}

extern "C" cudaError_t cudaDeviceGetAttribute(int *value, enum cudaDeviceAttr attr, int device) {
    if (device != 0)
        return fail(cudaErrorInvalidDevice);
    *value = attr == cudaDevAttrL2CacheSize ? EMU_L2_BYTES : 0;
    return cudaSuccess;
}

extern "C" const char *cudaGetErrorString(cudaError_t err) {
    switch (err) {
    case cudaSuccess:
        return "no error";
    case cudaErrorMemoryAllocation:
        return "out of memory";
    case cudaErrorInvalidValue:
        return "invalid argument";
    case cudaErrorInvalidConfiguration:
        return "invalid configuration argument";
    case cudaErrorInvalidDevice:
        return "invalid device ordinal";
    default:
        return "unknown error (emulator)";
    }
}

/* ---- memory ----------------------------------------------------------------------------- */

extern "C" cudaError_t cudaMalloc(void **ptr, size_t bytes) {
    std::lock_guard<std::mutex> hold(lock);
    *ptr = NULL;
    if (bytes > capacity() - used)
        return fail(cudaErrorMemoryAllocation);
    void *p = NULL;
    if (posix_memalign(&p, 256, bytes ? bytes : 1) != 0)
        return fail(cudaErrorMemoryAllocation);
    blocks[p] = bytes;
    used += bytes;
    *ptr = p;
    return cudaSuccess;
}

extern "C" cudaError_t cudaFree(void *ptr) {
    if (ptr == NULL)
        return cudaSuccess;
    std::lock_guard<std::mutex> hold(lock);
    auto it = blocks.find(ptr);
    if (it == blocks.end())
        return fail(cudaErrorInvalidValue);
    used -= it->second;
    blocks.erase(it);
    free(ptr);
    return cudaSuccess;
}

extern "C" cudaError_t cudaMemGetInfo(size_t *free_bytes, size_t *total) {
    std::lock_guard<std::mutex> hold(lock);
    *free_bytes = capacity() - used;
    *total = capacity();
    return cudaSuccess;
}

extern "C" cudaError_t cudaMemcpy(void *dst, const void *src, size_t bytes, enum cudaMemcpyKind) {
    memmove(dst, src, bytes);
    return cudaSuccess;
}

extern "C" cudaError_t cudaMemcpyAsync(void *dst, const void *src, size_t bytes,
                                       enum cudaMemcpyKind kind, cudaStream_t) {
    return cudaMemcpy(dst, src, bytes, kind);
}

extern "C" cudaError_t cudaMemset(void *p, int value, size_t bytes) {
    memset(p, value, bytes);
    return cudaSuccess;
}

extern "C" cudaError_t cudaMemsetAsync(void *p, int value, size_t bytes, cudaStream_t) {
    return cudaMemset(p, value, bytes);
}

/* ---- streams and events: everything has finished when it returns ------------------------ */

extern "C" cudaError_t cudaStreamCreate(cudaStream_t *stream) {
    *stream = new CUstream_st();
    return cudaSuccess;
}

extern "C" cudaError_t cudaStreamCreateWithFlags(cudaStream_t *stream, unsigned int) {
    return cudaStreamCreate(stream);
}

extern "C" cudaError_t cudaStreamDestroy(cudaStream_t stream) {
    delete stream;
    return cudaSuccess;
}

extern "C" cudaError_t cudaStreamSynchronize(cudaStream_t) {
    return cudaSuccess;
}

extern "C" cudaError_t cudaStreamWaitEvent(cudaStream_t, cudaEvent_t, unsigned int) {
    return cudaSuccess;
}

extern "C" cudaError_t cudaEventCreate(cudaEvent_t *event) {
    *event = new CUevent_st();
    return cudaSuccess;
}

extern "C" cudaError_t cudaEventCreateWithFlags(cudaEvent_t *event, unsigned int) {
    return cudaEventCreate(event);
}

extern "C" cudaError_t cudaEventDestroy(cudaEvent_t event) {
    delete event;
    return cudaSuccess;
}

extern "C" cudaError_t cudaEventRecord(cudaEvent_t event, cudaStream_t) {
    event->ns = now_ns();
    return cudaSuccess;
}

extern "C" cudaError_t cudaEventSynchronize(cudaEvent_t) {
    return cudaSuccess;
}

extern "C" cudaError_t cudaEventElapsedTime(float *ms, cudaEvent_t start, cudaEvent_t end) {
    *ms = (float)((end->ns - start->ns) / 1e6);
    return cudaSuccess;
}
