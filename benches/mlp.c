/* mlp.c - batch inference of the digits MLP: latency per batch, samples/s, memory, accuracy over
 * the whole test split, on the CPU (threads) and, when built with CUDA, on the GPU (custom
 * kernels with bias and ReLU fused, and cuBLAS). GPU predictions must equal the CPU's. */
#define _POSIX_C_SOURCE 200809L
#include <benchgate/benchgate.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/cpu/mlp.h"
#if BENCHGATE_HAVE_CUDA
#include "mlp_cuda_bench.h"
#endif

#define TEST_FILE "baseline/digits-v1/test.csv"
#define WEIGHTS_FILE "baseline/digits-v1/mlp-64.bin"
#define MAX_LATENCIES 65536

/* One CPU worker: its own batch, scratch and logits. */
typedef struct worker {
    const mlp_model *m;
    float *x, *scratch, *logits;
    size_t batch;
    pthread_barrier_t *start, *done;
    volatile int *stop;
} worker;

static void *worker_main(void *arg) {
    worker *w = arg;
    for (;;) {
        pthread_barrier_wait(w->start);
        if (*w->stop)
            return NULL;
        mlp_forward(w->m, w->x, w->batch, w->scratch, w->logits);
        pthread_barrier_wait(w->done);
    }
}

/* The batch for a worker: test rows from `first`, wrapping around. */
static float *make_batch(bg_state *s, const float *test_x, size_t n_test, size_t batch,
                         size_t first) {
    float *x = bg_alloc(s, batch * MLP_IN * sizeof *x);
    for (size_t r = 0; r < batch; r++)
        memcpy(x + r * MLP_IN, test_x + ((first + r) % n_test) * MLP_IN, MLP_IN * sizeof *x);
    return x;
}

static void load(bg_state *s, mlp_model *m, float **x, int **y, size_t *n) {
    char err[512];
    if (digits_load(bg_dataset_file(s, TEST_FILE), x, y, n, err, sizeof err) != 0)
        bg_fail(s, "%s", err);
    if (mlp_load(bg_dataset_file(s, WEIGHTS_FILE), m, err, sizeof err) != 0) {
        free(*x), free(*y);
        bg_fail(s, "%s", err);
    }
}

/* Accuracy over the whole test split, and the predictions (the reference for the GPU). */
static double evaluate(bg_state *s, const mlp_model *m, const float *x, const int *y, size_t n,
                       int *pred) {
    float *h = bg_alloc(s, n * (size_t)m->hidden * sizeof *h);
    float *logits = bg_alloc(s, n * MLP_OUT * sizeof *logits);
    mlp_forward(m, x, n, h, logits);
    mlp_predict(logits, n, pred);
    size_t right = 0;
    for (size_t i = 0; i < n; i++)
        right += pred[i] == y[i];
    return (double)right / (double)n;
}

/* One thread: the forward pass inline, no synchronisation. */
static void run_inline(bg_state *s, const mlp_model *m, const float *tx, size_t n_test,
                       size_t batch) {
    float *x = make_batch(s, tx, n_test, batch, 0);
    float *scratch = bg_alloc(s, batch * (size_t)m->hidden * sizeof(float));
    float *logits = bg_alloc(s, batch * MLP_OUT * sizeof(float));
    double *lat = bg_alloc(s, MAX_LATENCIES * sizeof *lat);
    size_t nlat = 0;
    BG_LOOP(s) {
        uint64_t t0 = bg_clock_ns();
        mlp_forward(m, x, batch, scratch, logits);
        bg_do_not_optimize(logits);
        lat[nlat++ % MAX_LATENCIES] = (double)(bg_clock_ns() - t0);
    }
    bg_report_distribution(s, "latency", "ns", lat, nlat < MAX_LATENCIES ? nlat : MAX_LATENCIES,
                           BG_LOWER_IS_BETTER);
}

static void run_cpu(bg_state *s, const mlp_model *m, const float *tx, size_t n_test, size_t batch,
                    int threads) {
    if (threads == 1) {
        run_inline(s, m, tx, n_test, batch);
        return;
    }
    pthread_barrier_t start, done;
    volatile int stop = 0;
    worker *w = bg_alloc(s, (size_t)threads * sizeof *w);
    pthread_t *tid = bg_alloc(s, (size_t)threads * sizeof *tid);
    double *lat = bg_alloc(s, MAX_LATENCIES * sizeof *lat);
    size_t nlat = 0;
    pthread_barrier_init(&start, NULL, (unsigned)threads + 1);
    pthread_barrier_init(&done, NULL, (unsigned)threads + 1);
    for (int t = 0; t < threads; t++) {
        w[t] = (worker){m,
                        make_batch(s, tx, n_test, batch, (size_t)t * batch),
                        bg_alloc(s, batch * (size_t)m->hidden * sizeof(float)),
                        bg_alloc(s, batch * MLP_OUT * sizeof(float)),
                        batch,
                        &start,
                        &done,
                        &stop};
        pthread_create(&tid[t], NULL, worker_main, &w[t]);
    }
    BG_LOOP(s) {
        uint64_t t0 = bg_clock_ns();
        pthread_barrier_wait(&start);
        pthread_barrier_wait(&done);
        lat[nlat++ % MAX_LATENCIES] = (double)(bg_clock_ns() - t0);
    }
    stop = 1;
    pthread_barrier_wait(&start);
    for (int t = 0; t < threads; t++)
        pthread_join(tid[t], NULL);
    pthread_barrier_destroy(&start);
    pthread_barrier_destroy(&done);
    bg_report_distribution(s, "latency", "ns", lat, nlat < MAX_LATENCIES ? nlat : MAX_LATENCIES,
                           BG_LOWER_IS_BETTER);
}

static void mlp_run(bg_state *s, const char *impl) {
    size_t batch = (size_t)bg_axis_int(s, "batch_size");
    int conc = (int)bg_axis_int(s, "concurrency");
    if (conc < 1 || conc > 64 || batch < 1)
        bg_fail(s, "batch_size must be >= 1 and concurrency 1..64");
    if (conc > 1 && strcmp(bg_measure(s), "instructions") == 0)
        bg_skip(s,
                "instruction counts of %d threads are not comparable (valgrind serialises "
                "threads); measure concurrency with --measure=time",
                conc);
    mlp_model m;
    float *tx;
    int *ty;
    size_t n;
    load(s, &m, &tx, &ty, &n);
    int *pred = bg_alloc(s, n * sizeof *pred);
    double acc = evaluate(s, &m, tx, ty, n, pred);
    bg_set_items_per_iter(s, (double)batch * conc);
    bg_set_flops_per_iter(s, 2.0 * (double)batch * conc * (MLP_IN + MLP_OUT) * m.hidden);
    if (strcmp(bg_device(s), "cpu") == 0) {
        run_cpu(s, &m, tx, n, batch, conc);
        bg_report_metric(s, "accuracy", "ratio", acc, BG_HIGHER_IS_BETTER);
    } else {
#if BENCHGATE_HAVE_CUDA
        mlp_cuda_bench(s, &m, tx, ty, n, pred, batch, conc, impl);
#else
        (void)impl;
#endif
    }
    mlp_free(&m);
    free(tx);
    free(ty);
}

static void mlp(bg_state *s) {
    mlp_run(s, "custom");
}
BG_BENCHMARK(mlp, .axes = "device=cpu,cuda;batch_size=1,32,256,1024;concurrency=1,2",
             .dataset = "digits");

#if BENCHGATE_HAVE_CUDA
static void mlp_cublas(bg_state *s) {
    mlp_run(s, "cublas");
}
BG_BENCHMARK(mlp_cublas, .axes = "batch_size=1,32,256,1024;concurrency=1,2", .device = "cuda",
             .dataset = "digits");
#endif
