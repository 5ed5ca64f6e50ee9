/* harness.cu - the GPU side of a benchmark: stream, device memory, event timing, cold L2,
 * peak device memory, SM clock and throttling through NVML (dlopen'ed, optional). */
#include <cuda_runtime_api.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "benchgate/cuda.h"
extern "C" {
#include "measure/measure.h"
}

/* The few NVML entry points used, looked up at run time (nvml.h is not needed). */
typedef int (*nvml_init_fn)(void);
typedef int (*nvml_handle_fn)(unsigned, void **);
typedef int (*nvml_clock_fn)(void *, int, unsigned *);
typedef int (*nvml_reasons_fn)(void *, unsigned long long *);
enum { NVML_CLOCK_SM = 1 };
static const unsigned long long THROTTLE_BAD = 0x8ULL | 0x20ULL | 0x40ULL | 0x80ULL; /* power
    cap is normal; HW slowdown, thermal, power brake are not (nvmlClocksThrottleReason*) */

typedef struct nvml_api {
    void *lib, *dev;
    nvml_clock_fn clock, max_clock;
    nvml_reasons_fn reasons;
} nvml_api;

typedef struct gpu_ctx {
    cudaStream_t stream;
    cudaEvent_t start, stop;
    void **allocs;
    size_t count, cap;
    void *flush;
    size_t flush_bytes;
    int timing;
    size_t free_at_start, min_free;
    nvml_api nvml;
    double clock_sum;
    int clock_samples, throttled;
    int last_throttled; /**< the last sample ran throttled */
    double waited_s;    /**< spent waiting for the clocks to recover */
} gpu_ctx;

static void nvml_open(nvml_api *n, int device) {
    memset(n, 0, sizeof *n);
    const char *path = getenv("BENCHGATE_NVML_LIBRARY"); /* another NVML (tests: emulator/) */
    n->lib = dlopen(path && path[0] ? path : "libnvidia-ml.so.1", RTLD_NOW | RTLD_LOCAL);
    if (n->lib == NULL)
        return;
    nvml_init_fn init = (nvml_init_fn)dlsym(n->lib, "nvmlInit_v2");
    nvml_handle_fn handle = (nvml_handle_fn)dlsym(n->lib, "nvmlDeviceGetHandleByIndex_v2");
    n->clock = (nvml_clock_fn)dlsym(n->lib, "nvmlDeviceGetClockInfo");
    n->max_clock = (nvml_clock_fn)dlsym(n->lib, "nvmlDeviceGetMaxClockInfo");
    n->reasons = (nvml_reasons_fn)dlsym(n->lib, "nvmlDeviceGetCurrentClocksEventReasons");
    if (n->reasons == NULL)
        n->reasons = (nvml_reasons_fn)dlsym(n->lib, "nvmlDeviceGetCurrentClocksThrottleReasons");
    if (!init || !handle || !n->clock || init() != 0 || handle((unsigned)device, &n->dev) != 0)
        n->dev = NULL;
}

/* 1 when the SM clock is under 75% of its maximum or a throttle reason is set; < 0 unknown. */
static int nvml_throttled(nvml_api *n, unsigned *sm) {
    unsigned max = 0;
    unsigned long long why = 0;
    if (n->dev == NULL || n->clock(n->dev, NVML_CLOCK_SM, sm) != 0)
        return -1;
    int slow = n->max_clock && n->max_clock(n->dev, NVML_CLOCK_SM, &max) == 0 && max > 0 &&
               *sm < 0.75 * max;
    int reason = n->reasons && n->reasons(n->dev, &why) == 0 && (why & THROTTLE_BAD);
    return slow || reason;
}

/* Notes the SM clock of one sample and whether it ran throttled. */
static void nvml_sample(gpu_ctx *g) {
    unsigned sm = 0;
    int t = nvml_throttled(&g->nvml, &sm);
    g->last_throttled = t > 0;
    if (t < 0)
        return;
    g->clock_sum += sm;
    g->clock_samples++;
    g->throttled += t;
}

/* As nvbench does: a throttled sample is dropped, and the next one waits (outside the clock)
 * until the clocks recover, 10 ms at a time, at most 1 s per sample and 10 s per call. */
static int after_sample_throttled(void *p) {
    gpu_ctx *g = (gpu_ctx *)p;
    if (!g->last_throttled)
        return 0;
    unsigned sm = 0;
    for (int i = 0; i < 100 && g->waited_s < 10.0 && nvml_throttled(&g->nvml, &sm) > 0; i++) {
        struct timespec ten_ms = {0, 10 * 1000 * 1000};
        nanosleep(&ten_ms, NULL);
        g->waited_s += 0.01;
    }
    g->last_throttled = 0;
    return 1;
}

static gpu_ctx *ctx_of(bg_state *s);

static void note_free_memory(gpu_ctx *g) {
    size_t free_b = 0, total = 0;
    if (cudaMemGetInfo(&free_b, &total) == cudaSuccess && free_b < g->min_free)
        g->min_free = free_b;
}

static void before_sample(void *p) {
    gpu_ctx *g = (gpu_ctx *)p;
    if (g->flush)
        cudaMemsetAsync(g->flush, g->count & 1, g->flush_bytes, g->stream);
}

static void start_sample(void *p) {
    gpu_ctx *g = (gpu_ctx *)p;
    cudaEventRecord(g->start, g->stream);
}

static double stop_sample(void *p) {
    gpu_ctx *g = (gpu_ctx *)p;
    float ms = 0;
    cudaEventRecord(g->stop, g->stream);
    if (cudaEventSynchronize(g->stop) != cudaSuccess ||
        cudaEventElapsedTime(&ms, g->start, g->stop) != cudaSuccess)
        return -1;
    note_free_memory(g);
    nvml_sample(g);
    return (double)ms * 1e6;
}

static void release(void *p, bg_state *s) {
    gpu_ctx *g = (gpu_ctx *)p;
    bg__instance *in = s->inst;
    note_free_memory(g);
    if (g->free_at_start > g->min_free)
        bg__record_metric(in, "peak_vram_mb", "MiB",
                          (double)(g->free_at_start - g->min_free) / 1048576.0,
                          BG_LOWER_IS_BETTER);
    if (g->clock_samples > 0) {
        bg__record_metric(in, "sm_clock_mhz", "MHz", g->clock_sum / g->clock_samples, BG_NEITHER);
        bg__record_metric(in, "throttled_samples", "count", g->throttled, BG_NEITHER);
        if (g->throttled > 0)
            bg__log(s->run, "%s: %d throttled sample(s) dropped; %.2f s waited for the clocks",
                    in->name, g->throttled, g->waited_s);
    }
    cudaStreamSynchronize(g->stream);
    for (size_t i = 0; i < g->count; i++)
        cudaFree(g->allocs[i]);
    cudaFree(g->flush);
    if (g->timing)
        cudaEventDestroy(g->start), cudaEventDestroy(g->stop);
    cudaStreamDestroy(g->stream);
    if (g->nvml.lib)
        dlclose(g->nvml.lib);
    free(g->allocs);
    free(g);
    cudaGetLastError();
}

static const bg__device_timer hot_timer = {before_sample, start_sample, stop_sample, release, 0,
                                           after_sample_throttled};
static const bg__device_timer cold_timer = {before_sample, start_sample, stop_sample, release, 1,
                                            after_sample_throttled};
static const bg__device_timer idle_timer = {NULL, NULL, NULL, release, 0, NULL};

/* Creates the context on first use; it is released with the state. */
static gpu_ctx *ctx_of(bg_state *s) {
    if (s->dev_ctx)
        return (gpu_ctx *)s->dev_ctx;
    gpu_ctx *g = (gpu_ctx *)calloc(1, sizeof *g);
    if (g == NULL)
        bg_fail(s, "out of memory");
    g->min_free = (size_t)-1;
    size_t total = 0;
    bg_cuda_check(s, cudaSetDevice(0), "cudaSetDevice");
    bg__set_device_timer(s, &idle_timer, g);
    bg_cuda_check(s, cudaStreamCreateWithFlags(&g->stream, cudaStreamNonBlocking),
                  "cudaStreamCreate");
    cudaMemGetInfo(&g->free_at_start, &total);
    nvml_open(&g->nvml, 0);
    return g;
}

extern "C" cudaStream_t bg_cuda_stream(bg_state *s) {
    return ctx_of(s)->stream;
}

extern "C" void bg_cuda_check(bg_state *s, cudaError_t err, const char *what) {
    if (err == cudaSuccess)
        return;
    cudaGetLastError();
    if (err == cudaErrorMemoryAllocation) {
        size_t free_b = 0, total = 0;
        cudaMemGetInfo(&free_b, &total);
        bg__end_instance(s, BG__STATUS_ERROR, "%s: out of memory on the GPU, free %.0f MiB", what,
                         (double)free_b / 1048576.0);
    }
    bg__end_instance(s, BG__STATUS_ERROR, "%s: %s", what, cudaGetErrorString(err));
}

extern "C" void *bg_cuda_alloc(bg_state *s, size_t bytes) {
    gpu_ctx *g = ctx_of(s);
    void *p = NULL;
    if (g->count == g->cap) {
        size_t cap = g->cap ? 2 * g->cap : 8;
        void **grown = (void **)realloc(g->allocs, cap * sizeof *grown);
        if (grown == NULL)
            bg_fail(s, "out of memory");
        g->allocs = grown, g->cap = cap;
    }
    cudaError_t err = cudaMalloc(&p, bytes ? bytes : 1);
    if (err != cudaSuccess) {
        size_t free_b = 0, total = 0;
        cudaGetLastError();
        cudaMemGetInfo(&free_b, &total);
        bg__end_instance(s, BG__STATUS_ERROR, "out of memory: asked %.0f MiB, free %.0f MiB (%s)",
                         (double)bytes / 1048576.0, (double)free_b / 1048576.0,
                         cudaGetErrorString(err));
    }
    g->allocs[g->count++] = p;
    note_free_memory(g);
    return p;
}

extern "C" void bg_cuda_begin(bg_state *s) {
    gpu_ctx *g = ctx_of(s);
    int cold = bg__state_config(s)->cold, l2 = 0;
    bg_cuda_check(s, cudaEventCreate(&g->start), "cudaEventCreate");
    bg_cuda_check(s, cudaEventCreate(&g->stop), "cudaEventCreate");
    g->timing = 1;
    if (cold) {
        cudaDeviceGetAttribute(&l2, cudaDevAttrL2CacheSize, 0);
        g->flush_bytes = (size_t)(l2 > 0 ? l2 : 64 << 20) * 2;
        bg_cuda_check(s, cudaMalloc(&g->flush, g->flush_bytes), "L2 flush buffer");
        g->free_at_start -= g->flush_bytes < g->free_at_start ? g->flush_bytes : 0;
    }
    bg__set_device_timer(s, cold ? &cold_timer : &hot_timer, g);
}

extern "C" void bg_cuda_sync(bg_state *s, const char *what) {
    bg_cuda_check(s, cudaStreamSynchronize(bg_cuda_stream(s)), what);
    bg_cuda_check(s, cudaGetLastError(), what);
}
