/* Sieve of Eratosthenes up to 1,000,000, repeated n times. */
#include "rt.h"

#define LIMIT 1000000
static u8 composite[LIMIT + 1];

static u32 sieve_once(u32 salt) {
    for (int i = 0; i <= LIMIT; i++) composite[i] = 0;
    for (int i = 2; i * i <= LIMIT; i++)
        if (!composite[i])
            for (int j = i * i; j <= LIMIT; j += i) composite[j] = 1;
    u32 count = 0, sum = salt;
    for (int i = 2; i <= LIMIT; i++)
        if (!composite[i]) { count++; sum += (u32)i * count; }
    return count ^ sum;
}

EXPORT("run") u32 run(int n) {
    u32 h = 2166136261u;
    for (int r = 0; r < n; r++) h = fnv_mix(h, sieve_once((u32)r));
    return h;
}
