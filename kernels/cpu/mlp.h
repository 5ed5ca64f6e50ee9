/* mlp.h - a small MLP classifier for 8x8 digits: 64 -> hidden (ReLU) -> 10, float32. */
#ifndef KERNELS_CPU_MLP_H
#define KERNELS_CPU_MLP_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MLP_IN 64
#define MLP_OUT 10

/** Weights, row-major: w1 is hidden x 64, w2 is 10 x hidden. */
typedef struct mlp_model {
    int hidden;
    float *w1, *b1, *w2, *b2;
} mlp_model;

/** Allocates zeroed weights for `hidden` units. @return 0, or -1 when out of memory. */
int mlp_alloc(mlp_model *m, int hidden);

/** Frees the weights (accepts a zeroed model). */
void mlp_free(mlp_model *m);

/**
 * Reads weights written by mlp_save ("BGMLP1" header, dims, little-endian float32).
 * @return 0, or -1 with a message in err naming the file and the problem
 */
int mlp_load(const char *path, mlp_model *m, char *err, size_t errlen);

/** Writes the weights. @return 0 or -1. */
int mlp_save(const char *path, const mlp_model *m);

/**
 * logits[batch x 10] = W2 relu(W1 x + b1) + b2 for x[batch x 64]; the bias and ReLU are fused
 * into the first layer's loop. scratch holds batch x hidden floats.
 */
void mlp_forward(const mlp_model *m, const float *x, size_t batch, float *scratch, float *logits);

/** labels[i] = argmax of logits row i (the first one on ties). */
void mlp_predict(const float *logits, size_t batch, int *labels);

/** Loads a digits CSV (64 pixel values 0..16, then the label): x scaled to [0, 1]. */
int digits_load(const char *path, float **x, int **y, size_t *count, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* KERNELS_CPU_MLP_H */
