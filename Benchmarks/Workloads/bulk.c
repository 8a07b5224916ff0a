/* memory.copy / memory.fill heavy: built with -mbulk-memory so
 * __builtin_memcpy/memmove/memset become single bulk-memory instructions. */
#include "rt.h"

#define BUF (1 << 20)
static u8 a[BUF];
static u8 b[BUF];

EXPORT("run") u32 run(int n) {
    u32 s = 0xc0ffee11u;
    for (int i = 0; i < BUF; i += 4) *(u32 *)(a + i) = rng_next(&s);
    u32 h = 2166136261u;
    for (int r = 0; r < n; r++) {
        u32 x = rng_next(&s);
        u32 len = 4096 + (x & 0xffff);             /* 4 KiB .. 68 KiB */
        u32 so = (x >> 16) & 0x3ffff;
        u32 d0 = rng_next(&s) & 0x7ffff;
        __builtin_memcpy(b + d0, a + so, len);     /* memory.copy */
        __builtin_memmove(b + d0 + 3, b + d0, len); /* overlapping memory.copy */
        __builtin_memset(a + (so ^ 0x40000), (int)(x & 0xff), len / 2); /* memory.fill */
        h = fnv_mix(h, b[d0 + (x % len)]);
        h = fnv_mix(h, a[(so ^ 0x40000) + 1]);
        a[x & (BUF - 1)] ^= (u8)h;
    }
    for (int i = 0; i < BUF; i += 4093) h = fnv_mix(h, (u32)a[i] << 8 | b[i]);
    return h;
}
