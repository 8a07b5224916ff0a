/* LZ77-style compressor (hash-chain-free, 1 candidate per 4-byte hash,
 * 64 KiB window) plus decompressor on n KiB of compressible PRNG text.
 * Returns a hash of the compressed stream mixed with its size; 0 if the
 * round trip fails. */
#include "rt.h"

#define MAXIN (4 << 20)
static u8 input[MAXIN];
static u8 packed[MAXIN + MAXIN / 64 + 64];
static u8 unpacked[MAXIN];
#define HBITS 14
static u32 table[1 << HBITS];

static const char *const words[16] = {
    "the ", "quick ", "brown ", "fox ", "jumps ", "over ", "lazy ", "dog ",
    "wasm ", "interpreter ", "swift ", "stack ", "memory ", "table ", "global ", "module ",
};

static u32 gen_input(u32 len) {
    u32 s = 0x1234abcdu, i = 0;
    while (i < len) {
        u32 r = rng_next(&s);
        if ((r & 7) == 0) { /* random noise byte */
            input[i++] = (u8)(r >> 8);
            continue;
        }
        const char *w = words[(r >> 4) & 15];
        while (*w && i < len) input[i++] = (u8)*w++;
    }
    return len;
}

static inline u32 hash4(const u8 *p) {
    u32 v = (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
    return (v * 2654435761u) >> (32 - HBITS);
}

/* Token format: control byte c.
 *   c < 128: literal run of c+1 bytes follows.
 *   c >= 128: match of length (c & 127) + 4, followed by 2-byte LE offset. */
static u32 compress(const u8 *in, u32 len, u8 *out) {
    for (u32 i = 0; i < (1u << HBITS); i++) table[i] = 0xffffffffu;
    u32 ip = 0, op = 0, lit_start = 0;
    while (ip + 4 <= len) {
        u32 h = hash4(in + ip);
        u32 cand = table[h];
        table[h] = ip;
        if (cand != 0xffffffffu && ip - cand <= 65535 &&
            in[cand] == in[ip] && in[cand + 1] == in[ip + 1] &&
            in[cand + 2] == in[ip + 2] && in[cand + 3] == in[ip + 3]) {
            u32 ml = 4;
            while (ip + ml < len && ml < 131 && in[cand + ml] == in[ip + ml]) ml++;
            while (lit_start < ip) { /* flush pending literals */
                u32 run = ip - lit_start;
                if (run > 128) run = 128;
                out[op++] = (u8)(run - 1);
                for (u32 k = 0; k < run; k++) out[op++] = in[lit_start + k];
                lit_start += run;
            }
            u32 off = ip - cand;
            out[op++] = (u8)(128 | (ml - 4));
            out[op++] = (u8)off;
            out[op++] = (u8)(off >> 8);
            ip += ml;
            lit_start = ip;
        } else {
            ip++;
        }
    }
    while (lit_start < len) {
        u32 run = len - lit_start;
        if (run > 128) run = 128;
        out[op++] = (u8)(run - 1);
        for (u32 k = 0; k < run; k++) out[op++] = in[lit_start + k];
        lit_start += run;
    }
    return op;
}

static u32 decompress(const u8 *in, u32 len, u8 *out) {
    u32 ip = 0, op = 0;
    while (ip < len) {
        u32 c = in[ip++];
        if (c < 128) {
            for (u32 k = 0; k <= c; k++) out[op++] = in[ip++];
        } else {
            u32 ml = (c & 127) + 4;
            u32 off = (u32)in[ip] | (u32)in[ip + 1] << 8;
            ip += 2;
            for (u32 k = 0; k < ml; k++, op++) out[op] = out[op - off];
        }
    }
    return op;
}

EXPORT("run") u32 run(int n) {
    u32 len = (u32)n * 1024;
    if (len > MAXIN) len = MAXIN;
    gen_input(len);
    u32 clen = compress(input, len, packed);
    u32 dlen = decompress(packed, clen, unpacked);
    if (dlen != len) return 0;
    for (u32 i = 0; i < len; i++)
        if (unpacked[i] != input[i]) return 0;
    u32 h = 2166136261u;
    for (u32 i = 0; i < clen; i++) h = fnv_mix(h, packed[i]);
    return h ^ clen;
}

/* Compressed size only, useful for sanity checks. */
EXPORT("compressed_size") u32 compressed_size(int n) {
    u32 len = (u32)n * 1024;
    if (len > MAXIN) len = MAXIN;
    gen_input(len);
    return compress(input, len, packed);
}
