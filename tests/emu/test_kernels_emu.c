/* test_kernels_emu.c - the CUDA kernels of kernels/cuda, run by the CPU emulator (cuda_emu.h)
 * and compared with the CPU kernels: the same launchers, grids and indexing as on a GPU. Built
 * twice, under AddressSanitizer+UBSan (bounds, tails) and ThreadSanitizer (barriers, races in
 * shared memory). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kernels/cpu/mlp.h"
#include "kernels/cpu/reduce.h"
#include "kernels/cpu/sgemm.h"
#include "kernels/cuda/kernels.h"

/* n floats with a guard value after them, checked by expect_guard. */
#define GUARD 12345.0f

static float *alloc_floats(size_t n) {
    float *p = NULL;
    assert_int_equal(posix_memalign((void **)&p, 64, (n + 1) * sizeof *p), 0);
    memset(p, 0, n * sizeof *p);
    p[n] = GUARD;
    return p;
}

static void expect_guard(const float *p, size_t n) {
    assert_true(p[n] == GUARD);
}

static void fill_values(float *x, size_t n, unsigned seed) {
    for (size_t i = 0; i < n; i++)
        x[i] = (float)((i * 2654435761u + seed * 40503u) % 1000u) / 997.0f - 0.5f;
}

/* a = b + s c through triad_cuda, starting `skew` floats into the buffers (skew 1: the scalar
 * path for misaligned arrays), checked element by element. */
static void check_triad(size_t n, size_t skew) {
    float *a = alloc_floats(n + skew), *b = alloc_floats(n + skew), *c = alloc_floats(n + skew);
    fill_values(b, n + skew, 1);
    fill_values(c, n + skew, 2);
    assert_int_equal(triad_cuda(a + skew, b + skew, c + skew, 3.0f, n, NULL), cudaSuccess);
    for (size_t i = 0; i < n; i++) {
        float want = b[skew + i] + 3.0f * c[skew + i];
        if (a[skew + i] != want)
            fail_msg("triad n=%zu skew=%zu: a[%zu] = %g, want %g", n, skew, i, a[skew + i], want);
    }
    for (size_t i = 0; i < skew; i++)
        assert_true(a[i] == 0.0f);
    expect_guard(a, n + skew);
    free(a), free(b), free(c);
}

static void test_triad_vector_path_and_tails(void **state) {
    (void)state;
    const size_t sizes[] = {1, 3, 4, 5, 7, 255, 256, 257, 1023, 4099};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
        check_triad(sizes[i], 0);
}

static void test_triad_misaligned_scalar_path(void **state) {
    (void)state;
    check_triad(1, 1);
    check_triad(1001, 1);
    check_triad(4099, 3);
}

/* More elements than the capped grid has threads: the grid-stride loop wraps (132*32 blocks of
 * 256 threads = 1081344). */
static void test_fill_grid_stride_range_and_seed(void **state) {
    (void)state;
    size_t n = 1081344 + 1000;
    float *x = alloc_floats(n), *y = alloc_floats(n);
    assert_int_equal(fill_cuda(x, n, 7, NULL), cudaSuccess);
    assert_int_equal(fill_cuda(y, n, 8, NULL), cudaSuccess);
    double sum = 0;
    size_t same = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(x[i] >= 0.0f && x[i] < 1.0f);
        sum += x[i];
        same += x[i] == y[i];
    }
    assert_true(fabs(sum / (double)n - 0.5) < 0.01); /* every element written, none left at 0 */
    assert_true(same < n / 1000);                    /* the seed matters */
    expect_guard(x, n);
    float first = x[n - 1];
    assert_int_equal(fill_cuda(x, n, 7, NULL), cudaSuccess);
    assert_true(x[n - 1] == first); /* and the values repeat */
    free(x), free(y);
}

static void check_reduce(size_t n) {
    float *x = alloc_floats(n), *out = alloc_floats(1);
    reduce_fill(x, n, 11);
    *out = 99.0f; /* zeroed by reduce_cuda on its stream */
    assert_int_equal(reduce_cuda(x, n, out, NULL), cudaSuccess);
    long double want = reduce_reference(x, n);
    double err = fabs((double)(*out - want)) / (fabsl(want) > 1 ? (double)fabsl(want) : 1.0);
    if (err > 1e-5)
        fail_msg("reduce n=%zu: %g, want %Lg (relative error %g)", n, *out, want, err);
    expect_guard(out, 1);
    free(x), free(out);
}

static void test_reduce_blocks_warps_and_tails(void **state) {
    (void)state;
    const size_t sizes[] = {1, 31, 33, 1000, 1024, 1025, 5000};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
        check_reduce(sizes[i]);
}

/* The tiled kernel against the naive CPU product: same operands, compared entry by entry. */
static void check_sgemm(int m, int n, int k) {
    size_t mm = (size_t)m, nn = (size_t)n, kk = (size_t)k;
    float *a = alloc_floats(mm * kk), *b = alloc_floats(kk * nn), *c = alloc_floats(mm * nn);
    float *want = alloc_floats(mm * nn);
    sgemm_fill(a, mm * kk, 1);
    sgemm_fill(b, kk * nn, 2);
    assert_int_equal(sgemm_tiled_cuda(m, n, k, a, b, c, NULL), cudaSuccess);
    sgemm_naive(mm, nn, kk, a, b, want);
    for (size_t i = 0; i < mm * nn; i++)
        if (fabsf(c[i] - want[i]) > 1e-5f * (float)k)
            fail_msg("sgemm %dx%dx%d: c[%zu][%zu] = %g, want %g", m, n, k, i / nn, i % nn, c[i],
                     want[i]);
    assert_true(sgemm_check(mm, nn, kk, a, b, c, 0, 1) < 1e-5);
    expect_guard(c, mm * nn);
    free(a), free(b), free(c), free(want);
}

static void test_sgemm_tiled_matches_cpu(void **state) {
    (void)state;
    check_sgemm(128, 128, 8);
    check_sgemm(128, 256, 24); /* m != n: rows and columns of the grid kept apart */
    check_sgemm(256, 128, 40);
}

static void test_sgemm_tiled_rejects_other_shapes(void **state) {
    (void)state;
    float *a = alloc_floats(200 * 200), *b = alloc_floats(200 * 200), *c = alloc_floats(4);
    assert_int_equal(sgemm_tiled_cuda(100, 128, 8, a, b, c, NULL), cudaErrorInvalidValue);
    assert_int_equal(sgemm_tiled_cuda(128, 128, 12, a, b, c, NULL), cudaErrorInvalidValue);
    assert_true(c[0] == 0.0f);
    expect_guard(c, 4);
    free(a), free(b), free(c);
}

static void random_model(mlp_model *m, int hidden) {
    assert_int_equal(mlp_alloc(m, hidden), 0);
    fill_values(m->w1, (size_t)hidden * MLP_IN, 3);
    fill_values(m->b1, (size_t)hidden, 4);
    fill_values(m->w2, (size_t)MLP_OUT * (size_t)hidden, 5);
    fill_values(m->b2, MLP_OUT, 6);
}

/* The fused dense kernels give the CPU's logits bit for bit (the claim bench_mlp checks on the
 * GPU as predictions_differing_from_cpu = 0). */
static void test_dense_layers_equal_cpu_forward(void **state) {
    (void)state;
    mlp_model m;
    random_model(&m, 48);
    size_t rows = 37;
    float *x = alloc_floats(rows * MLP_IN), *hidden = alloc_floats(rows * 48);
    float *logits = alloc_floats(rows * MLP_OUT), *want = alloc_floats(rows * MLP_OUT);
    float *scratch = alloc_floats(rows * 48);
    fill_values(x, rows * MLP_IN, 9);
    assert_int_equal(dense_cuda(x, (int)rows, MLP_IN, m.w1, m.b1, 48, 1, hidden, NULL),
                     cudaSuccess);
    assert_int_equal(dense_cuda(hidden, (int)rows, 48, m.w2, m.b2, MLP_OUT, 0, logits, NULL),
                     cudaSuccess);
    mlp_forward(&m, x, rows, scratch, want);
    assert_memory_equal(hidden, scratch, rows * 48 * sizeof *hidden);
    assert_memory_equal(logits, want, rows * MLP_OUT * sizeof *logits);
    size_t zeros = 0;
    for (size_t i = 0; i < rows * 48; i++)
        zeros += hidden[i] == 0.0f;
    assert_true(zeros > 0 && zeros < rows * 48); /* the ReLU cut some, not all */
    expect_guard(logits, rows * MLP_OUT);
    mlp_free(&m);
    free(x), free(hidden), free(logits), free(want), free(scratch);
}

static void test_bias_act_epilogue(void **state) {
    (void)state;
    int rows = 300, cols = 10;
    float *x = alloc_floats(3000), *b = alloc_floats(10), *want = alloc_floats(3000);
    fill_values(x, 3000, 1);
    fill_values(b, 10, 2);
    for (int i = 0; i < rows * cols; i++) {
        float v = x[i] + b[i % cols];
        want[i] = v < 0 ? 0.0f : v;
    }
    assert_int_equal(bias_act_cuda(x, rows, cols, b, 1, NULL), cudaSuccess);
    assert_memory_equal(x, want, 3000 * sizeof *x);
    expect_guard(x, 3000);
    free(x), free(b), free(want);
}

/* Runs fn in a child process with BENCHGATE_EMU_GPU_MEMORY_MB=mb (the emulator reads it once),
 * its stderr into err (err_size bytes); @return the child's exit status, -1 if it did not exit. */
static int in_child(const char *mb, int (*fn)(void), char *err, size_t err_size) {
    char path[] = "/tmp/bg-emu-err.XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(fd, 2);
        setenv("BENCHGATE_EMU_GPU_MEMORY_MB", mb, 1);
        _exit(fn());
    }
    int status = 0;
    waitpid(pid, &status, 0);
    ssize_t got = pread(fd, err, err_size - 1, 0);
    err[got > 0 ? got : 0] = '\0';
    close(fd);
    unlink(path);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* 1 MiB of device memory: 2 MiB is refused as out of memory, 512 KiB fits and is counted. */
static int one_mib_device(void) {
    size_t free_b = 0, total = 0;
    void *big = (void *)1, *small = NULL;
    int ok = cudaMemGetInfo(&free_b, &total) == cudaSuccess && total == (1u << 20) &&
             cudaMalloc(&big, 2u << 20) == cudaErrorMemoryAllocation && big == NULL &&
             cudaGetLastError() == cudaErrorMemoryAllocation &&
             cudaMalloc(&small, 512u << 10) == cudaSuccess && small != NULL &&
             cudaMemGetInfo(&free_b, &total) == cudaSuccess && free_b == (512u << 10) &&
             cudaFree(small) == cudaSuccess;
    return ok ? 0 : 1;
}

static void test_device_memory_capacity_and_oom(void **state) {
    (void)state;
    char err[512];
    assert_int_equal(in_child("1", one_mib_device, err, sizeof err), 0);
}

static int ask_memory(void) {
    size_t free_b = 0, total = 0;
    cudaMemGetInfo(&free_b, &total);
    return 0; /* not reached when the setting is refused */
}

/* A broken BENCHGATE_EMU_GPU_MEMORY_MB ends the process with exit 2 and names the variable. */
static void test_bad_device_memory_setting(void **state) {
    (void)state;
    const char *bad[] = {"abc", "0", "12MB", "", "-5", "2000000"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char err[512], want[128];
        assert_int_equal(in_child(bad[i], ask_memory, err, sizeof err), 2);
        snprintf(want, sizeof want, "BENCHGATE_EMU_GPU_MEMORY_MB: '%s' is not a whole number",
                 bad[i]);
        if (strstr(err, want) == NULL)
            fail_msg("for '%s' the message was: %s", bad[i], err);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_triad_vector_path_and_tails),
        cmocka_unit_test(test_triad_misaligned_scalar_path),
        cmocka_unit_test(test_fill_grid_stride_range_and_seed),
        cmocka_unit_test(test_reduce_blocks_warps_and_tails),
        cmocka_unit_test(test_sgemm_tiled_matches_cpu),
        cmocka_unit_test(test_sgemm_tiled_rejects_other_shapes),
        cmocka_unit_test(test_dense_layers_equal_cpu_forward),
        cmocka_unit_test(test_bias_act_epilogue),
        cmocka_unit_test(test_device_memory_capacity_and_oom),
        cmocka_unit_test(test_bad_device_memory_setting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
