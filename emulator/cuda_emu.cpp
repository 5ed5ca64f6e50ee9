/* cuda_emu.cpp - the CPU emulator's kernel side (see cuda_emu.h): launches, barriers, warp
 * shuffles, atomics and the launch error (cudaGetLastError). */
#include "cuda_emu.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mutex>
#include <vector>

thread_local uint3 threadIdx, blockIdx;
dim3 blockDim, gridDim;

namespace {

constexpr unsigned WARP = 32, MAX_THREADS = 1024;

struct launch_state {
    const std::function<void()> *fn;
    unsigned threads;
    pthread_barrier_t block_barrier;
    pthread_barrier_t warp_barrier[MAX_THREADS / WARP];
    float exchange[MAX_THREADS];
};

launch_state *current;
std::mutex atomic_lock;
cudaError_t last_error = cudaSuccess;

unsigned flat_thread() {
    return threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z);
}

void die(const char *what) {
    fprintf(stderr, "cuda_emu: %s\n", what);
    abort();
}

void check_pthread(int rc, const char *what) {
    if (rc != 0)
        die(what);
}

/* Every thread of the launch walks the blocks in order; the barrier after each block keeps a
 * block's shared memory from being reused before all of its threads are done with it. */
void *thread_main(void *arg) {
    unsigned t = (unsigned)(size_t)arg;
    threadIdx.x = t % blockDim.x;
    threadIdx.y = t / blockDim.x % blockDim.y;
    threadIdx.z = t / (blockDim.x * blockDim.y);
    for (unsigned z = 0; z < gridDim.z; z++)
        for (unsigned y = 0; y < gridDim.y; y++)
            for (unsigned x = 0; x < gridDim.x; x++) {
                blockIdx.x = x, blockIdx.y = y, blockIdx.z = z;
                (*current->fn)();
                pthread_barrier_wait(&current->block_barrier);
            }
    return NULL;
}

} // namespace

void bg_emu_launch(dim3 grid, dim3 block, cudaStream_t, const std::function<void()> &fn) {
    unsigned threads = block.x * block.y * block.z;
    if (threads == 0 || threads > MAX_THREADS || grid.x == 0 || grid.y == 0 || grid.z == 0) {
        last_error = cudaErrorInvalidConfiguration;
        return;
    }
    launch_state state;
    state.fn = &fn;
    state.threads = threads;
    check_pthread(pthread_barrier_init(&state.block_barrier, NULL, threads), "barrier");
    for (unsigned w = 0; w * WARP < threads; w++) {
        unsigned lanes = threads - w * WARP < WARP ? threads - w * WARP : WARP;
        check_pthread(pthread_barrier_init(&state.warp_barrier[w], NULL, lanes), "barrier");
    }
    current = &state;
    gridDim = grid, blockDim = block;
    std::vector<pthread_t> ids(threads);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    for (unsigned t = 0; t < threads; t++)
        check_pthread(pthread_create(&ids[t], &attr, thread_main, (void *)(size_t)t),
                      "pthread_create");
    pthread_attr_destroy(&attr);
    for (unsigned t = 0; t < threads; t++)
        pthread_join(ids[t], NULL);
    current = NULL;
    pthread_barrier_destroy(&state.block_barrier);
    for (unsigned w = 0; w * WARP < threads; w++)
        pthread_barrier_destroy(&state.warp_barrier[w]);
}

void __syncthreads(void) {
    pthread_barrier_wait(&current->block_barrier);
}

/* All lanes of the warp take part (a full mask, as in the kernels): each publishes its value,
 * then reads its neighbour's; lanes past the end keep their own, as on the GPU. */
float __shfl_down_sync(unsigned mask, float value, int delta) {
    unsigned t = flat_thread(), warp = t / WARP, lane = t % WARP;
    unsigned lanes = current->threads - warp * WARP < WARP ? current->threads - warp * WARP : WARP;
    if (mask != 0xffffffffu)
        die("__shfl_down_sync: only the full mask is emulated");
    current->exchange[t] = value;
    pthread_barrier_wait(&current->warp_barrier[warp]);
    float result = lane + (unsigned)delta < lanes ? current->exchange[t + (unsigned)delta] : value;
    pthread_barrier_wait(&current->warp_barrier[warp]);
    return result;
}

float atomicAdd(float *address, float value) {
    std::lock_guard<std::mutex> hold(atomic_lock);
    float old = *address;
    *address = old + value;
    return old;
}

void bg_emu_set_error(cudaError_t err) {
    last_error = err;
}

extern "C" cudaError_t cudaGetLastError(void) {
    cudaError_t e = last_error;
    last_error = cudaSuccess;
    return e;
}
