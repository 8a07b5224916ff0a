/* An open-addressing hash table (linear probing, tombstones for deletion) of
 * u32 keys to u32 values: inserts with update, lookups of present and absent
 * keys, deletions, and a full scan; n rounds on a table of 2^15 slots.
 * Built at -O2 (hash) and -Os (hash_Os). */
#include "rt.h"

#define CAP (1 << 15)
#define EMPTY 0u
#define TOMB 1u
static u32 keys[CAP], vals[CAP];

static u32 slot_of(u32 key) { return (key * 2654435769u) >> 17; }

static void put(u32 key, u32 val) {
    u32 i = slot_of(key), grave = CAP;
    for (;;) {
        u32 k = keys[i];
        if (k == key) { vals[i] += val; return; }
        if (k == EMPTY) break;
        if (k == TOMB && grave == CAP) grave = i;
        i = (i + 1) & (CAP - 1);
    }
    if (grave != CAP) i = grave;
    keys[i] = key; vals[i] = val;
}

static u32 get(u32 key, int *found) {
    for (u32 i = slot_of(key);; i = (i + 1) & (CAP - 1)) {
        u32 k = keys[i];
        if (k == key) { *found = 1; return vals[i]; }
        if (k == EMPTY) { *found = 0; return 0; }
    }
}

static int del(u32 key) {
    for (u32 i = slot_of(key);; i = (i + 1) & (CAP - 1)) {
        u32 k = keys[i];
        if (k == key) { keys[i] = TOMB; return 1; }
        if (k == EMPTY) return 0;
    }
}

EXPORT("run") u32 run(int n) {
    u32 s = 0xc0ffee11u, h = 2166136261u;
    for (int round = 0; round < n; round++) {
        for (int i = 0; i < CAP; i++) keys[i] = EMPTY;
        u32 base = s;
        for (int i = 0; i < 20000; i++) {
            u32 key = (rng_next(&s) % 30000u) + 2u;     /* keys 0 and 1 are reserved */
            put(key, (u32)i);
        }
        u32 hits = 0, sum = 0;
        for (int i = 0; i < 20000; i++) {
            int found;
            u32 v = get((rng_next(&s) % 40000u) + 2u, &found);
            hits += (u32)found; sum += v;
        }
        u32 removed = 0;
        for (int i = 0; i < 8000; i++) removed += (u32)del((rng_next(&s) % 30000u) + 2u);
        for (int i = 0; i < 4000; i++) put((rng_next(&s) % 60000u) + 2u, base);
        u32 live = 0;
        for (int i = 0; i < CAP; i++)
            if (keys[i] > TOMB) { live++; h = fnv_mix(h, keys[i] ^ vals[i]); }
        h = fnv_mix(h, hits); h = fnv_mix(h, sum); h = fnv_mix(h, removed); h = fnv_mix(h, live);
    }
    return h;
}
