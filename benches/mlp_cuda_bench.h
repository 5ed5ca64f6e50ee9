/* mlp_cuda_bench.h - the GPU half of the mlp benchmark (benches/mlp_cuda.cu). */
#ifndef BENCHES_MLP_CUDA_BENCH_H
#define BENCHES_MLP_CUDA_BENCH_H

#include <benchgate/benchgate.h>
#include <stddef.h>

#include "kernels/cpu/mlp.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Runs the MLP on the GPU: `concurrency` streams each inferring a batch, impl "custom" (fused
 * kernels) or "cublas". Reports accuracy over the whole test split, the latency distribution
 * and the predictions that differ from the CPU's (cpu_pred), which must be none.
 */
void mlp_cuda_bench(bg_state *s, const mlp_model *m, const float *test_x, const int *test_y,
                    size_t n_test, const int *cpu_pred, size_t batch, int concurrency,
                    const char *impl);

#ifdef __cplusplus
}
#endif

#endif /* BENCHES_MLP_CUDA_BENCH_H */
