/* Dense f64 matrix multiplication, i-k-j order (row of A times rows of B,
 * accumulated into a row of C), renormalised by the largest magnitude after
 * every product so values stay bounded; n products of 64 x 64 matrices.
 * Built at -O2 (matmul) and -O3 (matmul_O3). */
#include "rt.h"

#define N 64
static double A[N][N], B[N][N], C[N][N];

static u64 bits(double v) { union { double d; u64 u; } x; x.d = v; return x.u; }

EXPORT("run") u64 run(int n) {
    u32 s = 0x0badf00du;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            A[i][j] = (double)(i32)(rng_next(&s) >> 16) / 32768.0 - 1.0;
            B[i][j] = (double)(i32)(rng_next(&s) >> 16) / 32768.0 - 1.0;
        }
    u64 h = 0;
    for (int r = 0; r < n; r++) {
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) C[i][j] = 0.0;
            for (int k = 0; k < N; k++) {
                double a = A[i][k];
                for (int j = 0; j < N; j++) C[i][j] += a * B[k][j];
            }
        }
        double largest = 0.0;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) {
                double m = __builtin_fabs(C[i][j]);
                if (m > largest) largest = m;
            }
        double scale = largest > 0.0 ? 1.0 / largest : 1.0;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) A[i][j] = C[i][j] * scale;
        h = mix64(h, bits(A[r % N][(r * 7) % N]));
    }
    double trace = 0.0;
    for (int i = 0; i < N; i++) trace += A[i][i];
    return mix64(h, bits(trace));
}
