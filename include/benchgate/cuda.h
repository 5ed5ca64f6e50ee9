/*
 * cuda.h - GPU benchmarks: the benchmark's stream, device memory, timing with CUDA events.
 *
 *   static void triad_gpu(bg_state *s) {
 *       float *a = bg_cuda_alloc(s, bytes), ...;       // freed by the harness
 *       bg_cuda_begin(s);                               // samples are timed with CUDA events
 *       BG_LOOP(s) {
 *           triad_kernel<<<grid, block, 0, bg_cuda_stream(s)>>>(...);
 *       }
 *       bg_cuda_check(s, cudaGetLastError(), "triad");
 *   }
 *   BG_BENCHMARK(triad_gpu, .device = "cuda", .axes = "n=...");
 *
 * Hot mode (default): a sample is a batch of back-to-back launches on the stream between one
 * pair of events. Cold mode (--cold): before each sample the L2 cache is flushed by a memset
 * over an L2-sized buffer, and each sample is one launch. The peak device memory, the SM clock
 * and throttled samples (SM clock under 75% of its maximum, or a throttle reason, read through
 * NVML when libnvidia-ml.so.1 can be dlopen'ed) are reported as metrics; a throttled sample is
 * dropped and the next one waits for the clocks to recover.
 *
 * Ownership: the harness owns the stream, the events and every bg_cuda_alloc() block; all are
 * released when the benchmark function returns.
 */
#ifndef BENCHGATE_CUDA_H
#define BENCHGATE_CUDA_H

#include "benchgate/api.h"

#include <cuda_runtime_api.h>
#include <stddef.h>

#include "benchgate/benchgate.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @return the benchmark's CUDA stream (created on first use). */
BG_API cudaStream_t bg_cuda_stream(bg_state *s);

/** Times the following samples on the device with CUDA events (hot, or cold with --cold). */
BG_API void bg_cuda_begin(bg_state *s);

/**
 * Allocates device memory owned by the harness. When the device is out of memory the benchmark
 * ends with status error "out of memory: asked N MiB, free M MiB" (it does not return).
 */
BG_API void *bg_cuda_alloc(bg_state *s, size_t bytes);

/** Fails the benchmark with "what: <CUDA error>" unless err is cudaSuccess. */
BG_API void bg_cuda_check(bg_state *s, cudaError_t err, const char *what);

/** Waits for the stream and fails the benchmark on a pending error. */
BG_API void bg_cuda_sync(bg_state *s, const char *what);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_CUDA_H */
