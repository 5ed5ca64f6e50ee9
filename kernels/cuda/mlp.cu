/* mlp.cu - the MLP's dense layer with bias and ReLU fused, and the bias/ReLU after cuBLAS. */
#include "kernels.h"
#include "launch.h"

/* One thread per output; the dot product in the CPU's order with separately rounded products
 * and sums (no FMA), so the logits equal the CPU reference bit for bit. */
static __global__ void dense_kernel(const float *in, int rows, int n_in, const float *w,
                                    const float *b, int n_out, int relu, float *out) {
    int idx = blockIdx.x * blockDim.x + threadIdx.x;
    if (idx >= rows * n_out)
        return;
    int r = idx / n_out, o = idx % n_out;
    const float *x = in + (size_t)r * n_in, *wo = w + (size_t)o * n_in;
    float acc = b[o];
    for (int i = 0; i < n_in; i++)
        acc = __fadd_rn(acc, __fmul_rn(wo[i], x[i]));
    out[idx] = relu && acc < 0 ? 0.0f : acc;
}

static __global__ void bias_act_kernel(float *x, int rows, int cols, const float *b, int relu) {
    int idx = blockIdx.x * blockDim.x + threadIdx.x;
    if (idx >= rows * cols)
        return;
    float v = x[idx] + b[idx % cols];
    x[idx] = relu && v < 0 ? 0.0f : v;
}

extern "C" cudaError_t dense_cuda(const float *in, int rows, int n_in, const float *w,
                                  const float *b, int n_out, int relu, float *out,
                                  cudaStream_t stream) {
    int total = rows * n_out;
    BG_LAUNCH(dense_kernel, (total + 127) / 128, 128, stream, in, rows, n_in, w, b, n_out, relu,
              out);
    return cudaGetLastError();
}

extern "C" cudaError_t bias_act_cuda(float *x, int rows, int cols, const float *b, int relu,
                                     cudaStream_t stream) {
    int total = rows * cols;
    BG_LAUNCH(bias_act_kernel, (total + 255) / 256, 256, stream, x, rows, cols, b, relu);
    return cudaGetLastError();
}
