/* 2-D heat diffusion (Jacobi, 5-point stencil) with a source term and a
 * square-root residual, on a 96 x 96 grid for n steps. One source, built
 * twice: REAL = float (stencil_f32) and REAL = double (stencil_f64).
 * Returns a hash of the final grid's bit patterns and the residuals. */
#include "rt.h"

#ifndef REAL
#define REAL double
#endif

#define N 96
static REAL grid_a[N * N], grid_b[N * N], source[N * N];

static u64 bits_of(REAL v) {
    union { REAL r; u32 w32; u64 w64; } u;
    u.w64 = 0;
    u.r = v;
    return sizeof(REAL) == 4 ? (u64)u.w32 : u.w64;
}

EXPORT("run") u64 run(int steps) {
    u32 s = 0x9e3779b9u;
    for (int i = 0; i < N * N; i++) {
        grid_a[i] = (REAL)(rng_next(&s) >> 8) * (REAL)(1.0 / 16777216.0);
        grid_b[i] = grid_a[i];
        source[i] = ((rng_next(&s) & 63) == 0) ? (REAL)0.5 : (REAL)0;
    }
    REAL *cur = grid_a, *next = grid_b;
    const REAL k = (REAL)0.2, decay = (REAL)0.999;
    u64 h = 0;
    for (int t = 0; t < steps; t++) {
        REAL residual = 0;
        for (int y = 1; y < N - 1; y++) {
            for (int x = 1; x < N - 1; x++) {
                int c = y * N + x;
                REAL lap = cur[c - 1] + cur[c + 1] + cur[c - N] + cur[c + N] - (REAL)4 * cur[c];
                REAL v = (cur[c] + k * lap) * decay + source[c];
                REAL d = v - cur[c];
                residual += d * d;
                next[c] = v;
            }
        }
        REAL *tmp = cur; cur = next; next = tmp;
        REAL norm = __builtin_sqrt(residual) / (REAL)(N * N);
        h = mix64(h, bits_of(norm));
    }
    for (int i = 0; i < N * N; i++) h = mix64(h, bits_of(cur[i]));
    return h;
}
