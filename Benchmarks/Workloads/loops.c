/* Nested integer loops with a loop-carried dependency (no closed form). */
#include "rt.h"

EXPORT("run") u32 run(int n) {
    u32 acc = 1;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < 1000; j++) {
            u32 t = (u32)(i ^ j) + (acc >> 7);
            if (((u32)(i * j) & 3) == 0)
                acc = acc * 31u + t;
            else
                acc = (acc ^ t) + (u32)j;
            for (int k = 0; k < 3; k++)
                acc += (acc << k) ^ (u32)k;
        }
    }
    return acc;
}
