/* 64-bit integer arithmetic: deterministic Miller-Rabin (bases 2, 7, 61)
 * over n odd numbers from 3,000,000,001 up, with 64-bit multiply, remainder
 * and shifts in the modular exponentiation, plus Euclid's gcd by remainders
 * (i64.rem_u) on xorshift64 pairs. Returns a 64-bit hash. */
#include "rt.h"

static u64 mulmod(u64 a, u64 b, u64 m) { return (a * b) % m; } /* a, b < m < 2^32 */

static u64 powmod(u64 base, u64 e, u64 m) {
    u64 r = 1;
    base %= m;
    while (e) {
        if (e & 1) r = mulmod(r, base, m);
        base = mulmod(base, base, m);
        e >>= 1;
    }
    return r;
}

static int witness(u64 a, u64 n, u64 d, int r) {
    u64 x = powmod(a, d, n);
    if (x == 1 || x == n - 1) return 0;
    for (int i = 1; i < r; i++) {
        x = mulmod(x, x, n);
        if (x == n - 1) return 0;
    }
    return 1;
}

static int is_prime(u64 n) {
    if (n < 2) return 0;
    if ((n & 1) == 0) return n == 2;
    u64 d = n - 1;
    int r = 0;
    while ((d & 1) == 0) { d >>= 1; r++; }
    static const u64 bases[3] = {2, 7, 61};
    for (int i = 0; i < 3; i++) {
        u64 a = bases[i] % n;
        if (a == 0) continue;
        if (witness(a, n, d, r)) return 0;
    }
    return 1;
}

static u64 gcd64(u64 a, u64 b) {
    while (b) { u64 t = a % b; a = b; b = t; }
    return a;
}

EXPORT("run") i64 run(int n) {
    u64 start = 3000000001ull, count = 0, sum = 0, h = 0;
    for (int i = 0; i < n; i++) {
        u64 c = start + 2ull * (u64)i;
        if (is_prime(c)) { count++; sum += c; h = mix64(h, c); }
    }
    u64 x = 0x243f6a8885a308d3ull;
    u64 g = 0;
    for (int i = 0; i < n / 4; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;          /* xorshift64 */
        u64 a = (x >> 3) | 1, b = (x * 0x9e3779b97f4a7c15ull) >> 11;
        g += gcd64(a, b + 1);
    }
    return (i64)(mix64(mix64(h, count), sum) ^ (g * 0x100000001b3ull));
}
