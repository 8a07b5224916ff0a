/* Array kernels built twice from this one source: dot_scalar.wasm (-O3,
 * no SIMD) and dot_simd.wasm (-O3 -msimd128, auto-vectorised to v128 ops).
 * Both builds must return identical checksums: only integer arithmetic and
 * element-wise float ops (exact in either form) are used. */
#include "rt.h"

#define N 4096
#define W 128
#define H 128
static i32 xa[N], ya[N];
static float fx[N], fy[N];
static u8 img[W * H], blurred[W * H];

static NOINLINE i32 dot_i32(const i32 *restrict a, const i32 *restrict b, int n) {
    i32 s = 0;
    for (int i = 0; i < n; i++) s += a[i] * b[i];
    return s;
}

static NOINLINE void saxpy(float *restrict y, const float *restrict x, float a, int n) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}

static NOINLINE void scale_add_i32(i32 *restrict y, const i32 *restrict x, i32 k, int n) {
    for (int i = 0; i < n; i++) y[i] = (y[i] ^ (x[i] * k)) + (x[i] >> 3);
}

/* Horizontal 3-tap box blur (sum / 4 with centre weight 2) on u8 rows. */
static NOINLINE void blur_rows(u8 *restrict out, const u8 *restrict in) {
    for (int y = 0; y < H; y++) {
        const u8 *r = in + y * W;
        u8 *o = out + y * W;
        o[0] = r[0];
        o[W - 1] = r[W - 1];
        for (int x = 1; x < W - 1; x++)
            o[x] = (u8)(((u16)r[x - 1] + 2 * (u16)r[x] + (u16)r[x + 1]) >> 2);
    }
}

static NOINLINE u32 sum_u8(const u8 *p, int n) {
    u32 s = 0;
    for (int i = 0; i < n; i++) s += p[i];
    return s;
}

static void init(void) {
    u32 s = 0x13572468u;
    for (int i = 0; i < N; i++) {
        xa[i] = (i32)(rng_next(&s) & 0xffff) - 0x8000;
        ya[i] = (i32)(rng_next(&s) & 0xffff) - 0x8000;
        fx[i] = (float)(i32)(rng_next(&s) & 0x3ff) * 0.125f;
        fy[i] = (float)(i32)(rng_next(&s) & 0x3ff) * 0.25f;
    }
    for (int i = 0; i < W * H; i++) img[i] = (u8)rng_next(&s);
}

EXPORT("run") u32 run(int n) {
    init();
    u32 h = 2166136261u;
    for (int r = 0; r < n; r++) {
        h = fnv_mix(h, (u32)dot_i32(xa, ya, N));
        scale_add_i32(ya, xa, (i32)(r | 1), N);
        saxpy(fy, fx, (r & 1) ? 0.5f : -0.5f, N);
        union { float f; u32 u; } cv;
        cv.f = fy[r & (N - 1)];
        h = fnv_mix(h, cv.u);
        blur_rows(blurred, img);
        blur_rows(img, blurred);
        h = fnv_mix(h, sum_u8(img, W * H));
    }
    return h;
}
