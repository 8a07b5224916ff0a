/* Mandelbrot set on an n x n grid over [-2,1]x[-1.5,1.5], 100 max
 * iterations; returns a hash of the per-pixel iteration counts. */
#include "rt.h"

EXPORT("run") u32 run(int n) {
    u32 h = 2166136261u;
    u32 inside = 0;
    for (int py = 0; py < n; py++) {
        double ci = -1.5 + 3.0 * py / n;
        for (int px = 0; px < n; px++) {
            double cr = -2.0 + 3.0 * px / n;
            double zr = 0, zi = 0;
            int it = 0;
            while (it < 100) {
                double zr2 = zr * zr, zi2 = zi * zi;
                if (zr2 + zi2 > 4.0) break;
                zi = 2.0 * zr * zi + ci;
                zr = zr2 - zi2 + cr;
                it++;
            }
            if (it == 100) inside++;
            h = fnv_mix(h, (u32)it);
        }
    }
    return h ^ (inside << 16);
}
