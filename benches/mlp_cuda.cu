/* mlp_cuda.cu - the GPU half of the mlp benchmark: weights on the device, one stream per unit
 * of concurrency (forked from and joined to the benchmark's stream), custom fused kernels or
 * cuBLAS; accuracy and CPU agreement over the whole test split. */
#include <benchgate/cuda.h>
#include <cublas_v2.h>
#include <string.h>

#include "kernels/cuda/kernels.h"
#include "mlp_cuda_bench.h"

#define MAX_STREAMS 64
#define LATENCY_RUNS 200

typedef struct device_model {
    const float *w1, *b1, *w2, *b2;
    int hidden;
} device_model;

typedef struct lane {
    cudaStream_t stream;
    cudaEvent_t joined;
    float *x, *h, *logits;
} lane;

static float *upload(bg_state *s, const void *host, size_t bytes) {
    float *d = (float *)bg_cuda_alloc(s, bytes);
    bg_cuda_check(s, cudaMemcpy(d, host, bytes, cudaMemcpyHostToDevice), "upload");
    return d;
}

static device_model upload_model(bg_state *s, const mlp_model *m) {
    size_t h = (size_t)m->hidden;
    device_model d = {upload(s, m->w1, h * MLP_IN * 4), upload(s, m->b1, h * 4),
                      upload(s, m->w2, MLP_OUT * h * 4), upload(s, m->b2, MLP_OUT * 4), m->hidden};
    return d;
}

/* Row-major Y = X W^T is column-major Y^T = W X^T: W^T as A (op T), X^T as B. */
static void forward(const device_model *d, cublasHandle_t h, const float *x, int rows, float *hid,
                    float *logits, cudaStream_t st) {
    if (h == NULL) {
        dense_cuda(x, rows, MLP_IN, d->w1, d->b1, d->hidden, 1, hid, st);
        dense_cuda(hid, rows, d->hidden, d->w2, d->b2, MLP_OUT, 0, logits, st);
        return;
    }
    const float one = 1, zero = 0;
    cublasSetStream(h, st);
    cublasSgemm(h, CUBLAS_OP_T, CUBLAS_OP_N, d->hidden, rows, MLP_IN, &one, d->w1, MLP_IN, x,
                MLP_IN, &zero, hid, d->hidden);
    bias_act_cuda(hid, rows, d->hidden, d->b1, 1, st);
    cublasSgemm(h, CUBLAS_OP_T, CUBLAS_OP_N, MLP_OUT, rows, d->hidden, &one, d->w2, d->hidden,
                hid, d->hidden, &zero, logits, MLP_OUT);
    bias_act_cuda(logits, rows, MLP_OUT, d->b2, 0, st);
}

static void make_lanes(bg_state *s, lane *lanes, int count, const float *tx, size_t n_test,
                       size_t batch, int hidden) {
    float *host = (float *)bg_alloc(s, batch * MLP_IN * sizeof(float));
    for (int k = 0; k < count; k++) {
        for (size_t r = 0; r < batch; r++)
            memcpy(host + r * MLP_IN, tx + ((k * batch + r) % n_test) * MLP_IN, MLP_IN * 4);
        lanes[k].x = upload(s, host, batch * MLP_IN * 4);
        lanes[k].h = (float *)bg_cuda_alloc(s, batch * (size_t)hidden * 4);
        lanes[k].logits = (float *)bg_cuda_alloc(s, batch * MLP_OUT * 4);
        lanes[k].stream = bg_cuda_stream(s);
        if (k > 0)
            bg_cuda_check(s, cudaStreamCreateWithFlags(&lanes[k].stream, cudaStreamNonBlocking),
                          "cudaStreamCreate");
        bg_cuda_check(s, cudaEventCreateWithFlags(&lanes[k].joined, cudaEventDisableTiming),
                      "cudaEventCreate");
    }
}

/* One iteration: every lane infers its batch; side streams fork from and join the main one. */
static void step(const device_model *d, cublasHandle_t *handles, lane *lanes, int count,
                 int rows) {
    cudaStream_t main_stream = lanes[0].stream;
    cudaEventRecord(lanes[0].joined, main_stream);
    for (int k = 1; k < count; k++)
        cudaStreamWaitEvent(lanes[k].stream, lanes[0].joined, 0);
    for (int k = 0; k < count; k++)
        forward(d, handles[k], lanes[k].x, rows, lanes[k].h, lanes[k].logits, lanes[k].stream);
    for (int k = 1; k < count; k++) {
        cudaEventRecord(lanes[k].joined, lanes[k].stream);
        cudaStreamWaitEvent(main_stream, lanes[k].joined, 0);
    }
}

/* Accuracy and agreement with the CPU over the whole test split. */
static void check_split(bg_state *s, const device_model *d, cublasHandle_t h, const float *tx,
                        const int *ty, size_t n, const int *cpu_pred) {
    float *dx = upload(s, tx, n * MLP_IN * 4), *dh = (float *)bg_cuda_alloc(s, n * d->hidden * 4);
    float *dl = (float *)bg_cuda_alloc(s, n * MLP_OUT * 4);
    float *logits = (float *)bg_alloc(s, n * MLP_OUT * 4);
    int *pred = (int *)bg_alloc(s, n * sizeof(int));
    forward(d, h, dx, (int)n, dh, dl, bg_cuda_stream(s));
    bg_cuda_sync(s, "forward over the test split");
    bg_cuda_check(s, cudaMemcpy(logits, dl, n * MLP_OUT * 4, cudaMemcpyDeviceToHost), "download");
    mlp_predict(logits, n, pred);
    size_t right = 0, differ = 0;
    for (size_t i = 0; i < n; i++)
        right += pred[i] == ty[i], differ += pred[i] != cpu_pred[i];
    bg_report_metric(s, "accuracy", "ratio", (double)right / (double)n, BG_HIGHER_IS_BETTER);
    bg_report_error(s, "predictions_differing_from_cpu", (double)differ, 0.0);
}

/* Per-batch latency: single synchronised iterations timed with events. */
static void latencies(bg_state *s, const device_model *d, cublasHandle_t *handles, lane *lanes,
                      int count, int rows) {
    cudaEvent_t a, b;
    bg_cuda_check(s, cudaEventCreate(&a), "cudaEventCreate");
    bg_cuda_check(s, cudaEventCreate(&b), "cudaEventCreate");
    double *lat = (double *)bg_alloc(s, LATENCY_RUNS * sizeof(double));
    for (int i = 0; i < LATENCY_RUNS; i++) {
        float ms = 0;
        cudaEventRecord(a, lanes[0].stream);
        step(d, handles, lanes, count, rows);
        cudaEventRecord(b, lanes[0].stream);
        cudaEventSynchronize(b);
        cudaEventElapsedTime(&ms, a, b);
        lat[i] = (double)ms * 1e6;
    }
    cudaEventDestroy(a);
    cudaEventDestroy(b);
    bg_report_distribution(s, "latency", "ns", lat, LATENCY_RUNS, BG_LOWER_IS_BETTER);
}

static void release(cublasHandle_t *handles, lane *lanes, int count) {
    for (int k = 0; k < count; k++) {
        if (handles[k])
            cublasDestroy(handles[k]);
        cudaEventDestroy(lanes[k].joined);
        if (k > 0)
            cudaStreamDestroy(lanes[k].stream);
    }
}

extern "C" void mlp_cuda_bench(bg_state *s, const mlp_model *m, const float *test_x,
                               const int *test_y, size_t n_test, const int *cpu_pred,
                               size_t batch, int concurrency, const char *impl) {
    if (concurrency < 1 || concurrency > MAX_STREAMS)
        bg_fail(s, "concurrency must be 1..%d streams", MAX_STREAMS);
    int use_cublas = strcmp(impl, "cublas") == 0;
    device_model d = upload_model(s, m);
    lane *lanes = (lane *)bg_alloc(s, (size_t)concurrency * sizeof(lane));
    cublasHandle_t *handles = (cublasHandle_t *)bg_alloc(s, (size_t)concurrency * sizeof(void *));
    make_lanes(s, lanes, concurrency, test_x, n_test, batch, m->hidden);
    for (int k = 0; use_cublas && k < concurrency; k++)
        if (cublasCreate(&handles[k]) != CUBLAS_STATUS_SUCCESS)
            bg_fail(s, "cublasCreate failed");
    check_split(s, &d, handles[0], test_x, test_y, n_test, cpu_pred);
    bg_cuda_begin(s);
    BG_LOOP(s) {
        step(&d, handles, lanes, concurrency, (int)batch);
    }
    bg_cuda_sync(s, "mlp");
    latencies(s, &d, handles, lanes, concurrency, (int)batch);
    release(handles, lanes, concurrency);
}
