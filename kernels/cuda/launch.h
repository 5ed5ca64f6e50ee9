/* launch.h - the kernel launch, spelled once. nvcc gets the triple-chevron launch; the CPU
 * emulator of tests/emu (BG_CUDA_EMULATOR) runs the same kernel on host threads, so the
 * kernels' indexing, bounds and barriers are checked where there is no GPU. */
#ifndef KERNELS_CUDA_LAUNCH_H
#define KERNELS_CUDA_LAUNCH_H

#ifdef BG_CUDA_EMULATOR
#define BG_LAUNCH(kernel, grid, block, stream, ...)                                                \
    bg_emu_launch(dim3(grid), dim3(block), (stream), [=] { kernel(__VA_ARGS__); })
#else
#define BG_LAUNCH(kernel, grid, block, stream, ...)                                                \
    kernel<<<(grid), (block), 0, (stream)>>>(__VA_ARGS__)
#endif

#endif /* KERNELS_CUDA_LAUNCH_H */
