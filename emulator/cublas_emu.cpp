/* cublas_emu.cpp - the cuBLAS calls benchgate makes, on the host (BENCHGATE_CUDA=EMULATE): SGEMM
 * as plain column-major loops, in double, at once. Right, and slow: for small sizes only. */
#include "cuda_emu.h"

#include <cublas_v2.h>

struct cublasContext {
    cudaStream_t stream;
    cublasMath_t mode;
};

extern "C" cublasStatus_t cublasCreate_v2(cublasHandle_t *handle) {
    *handle = new cublasContext();
    return CUBLAS_STATUS_SUCCESS;
}

extern "C" cublasStatus_t cublasDestroy_v2(cublasHandle_t handle) {
    delete handle;
    return CUBLAS_STATUS_SUCCESS;
}

extern "C" cublasStatus_t cublasSetStream_v2(cublasHandle_t handle, cudaStream_t stream) {
    handle->stream = stream;
    return CUBLAS_STATUS_SUCCESS;
}

extern "C" cublasStatus_t cublasSetMathMode(cublasHandle_t handle, cublasMath_t mode) {
    handle->mode = mode;
    return CUBLAS_STATUS_SUCCESS;
}

/* Element (row, col) of op(M), M column-major with leading dimension ld. */
static float at(const float *m, int ld, cublasOperation_t op, int row, int col) {
    return op == CUBLAS_OP_N ? m[row + (size_t)col * ld] : m[col + (size_t)row * ld];
}

/* C = alpha op(A) op(B) + beta C; op(A) is m x k, op(B) k x n, C m x n. */
extern "C" cublasStatus_t cublasSgemm_v2(cublasHandle_t handle, cublasOperation_t transa,
                                         cublasOperation_t transb, int m, int n, int k,
                                         const float *alpha, const float *a, int lda,
                                         const float *b, int ldb, const float *beta, float *c,
                                         int ldc) {
    if (handle == NULL || m < 0 || n < 0 || k < 0 ||
        (transa != CUBLAS_OP_N && transa != CUBLAS_OP_T) ||
        (transb != CUBLAS_OP_N && transb != CUBLAS_OP_T))
        return CUBLAS_STATUS_INVALID_VALUE;
    for (int j = 0; j < n; j++)
        for (int i = 0; i < m; i++) {
            double acc = 0;
            for (int p = 0; p < k; p++)
                acc += (double)at(a, lda, transa, i, p) * (double)at(b, ldb, transb, p, j);
            float *out = &c[i + (size_t)j * ldc];
            *out = (float)(*alpha * acc + (*beta != 0 ? *beta * *out : 0));
        }
    return CUBLAS_STATUS_SUCCESS;
}
