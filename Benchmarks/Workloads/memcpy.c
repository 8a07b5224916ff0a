/* Hand-written byte / 32-bit / 64-bit copy loops over 64 KiB buffers at
 * varying offsets. Built with -fno-builtin so the loops stay loops. */
#include "rt.h"

#define BUF 65536
static u8 src[BUF + 64] __attribute__((aligned(8)));
static u8 dst[BUF + 64] __attribute__((aligned(8)));

static NOINLINE void copy_bytes(u8 *d, const u8 *s, int n) {
    for (int i = 0; i < n; i++) d[i] = s[i];
}
static NOINLINE void copy_words(u32 *d, const u32 *s, int n) {
    for (int i = 0; i < n; i++) d[i] = s[i];
}
static NOINLINE void copy_dwords(u64 *d, const u64 *s, int n) {
    for (int i = 0; i < n; i++) d[i] = s[i];
}
static NOINLINE void copy_backwards(u8 *d, const u8 *s, int n) {
    for (int i = n - 1; i >= 0; i--) d[i] = s[i];
}

EXPORT("run") u32 run(int n) {
    u32 s = 0xdeadbeefu;
    for (int i = 0; i < BUF + 64; i++) src[i] = (u8)rng_next(&s);
    u32 h = 2166136261u;
    for (int r = 0; r < n; r++) {
        int off = r & 7;
        copy_bytes(dst + off, src + (7 - off), BUF);
        h = fnv_mix(h, dst[(r * 131) & (BUF - 1)]);
        copy_words((u32 *)dst, (const u32 *)(src + 4 * (off & 1)), BUF / 4);
        h = fnv_mix(h, ((u32 *)dst)[(r * 17) & (BUF / 4 - 1)]);
        copy_dwords((u64 *)dst, (const u64 *)(src + 8 * (off & 1)), BUF / 8);
        h = fnv_mix(h, (u32)((u64 *)dst)[(r * 29) & (BUF / 8 - 1)]);
        copy_backwards(dst, src + off, BUF);
        h = fnv_mix(h, dst[(r * 7919) & (BUF - 1)]);
        src[r & (BUF - 1)] ^= (u8)h;
    }
    for (int i = 0; i < BUF; i += 97) h = fnv_mix(h, dst[i]);
    return h;
}
