/* Dynamic programming over tables: Levenshtein distance with one rolling
 * row, longest common subsequence with two rows, and a 0/1 knapsack over a
 * capacity array; strings and items from the PRNG, n rounds. */
#include "rt.h"

#define LEN 700
#define ITEMS 120
#define CAPACITY 4000
static u8 sa[LEN], sb[LEN];
static i32 row[LEN + 1], prev_row[LEN + 1], cur_row[LEN + 1];
static i32 best[CAPACITY + 1];

static int min3(int a, int b, int c) { int m = a < b ? a : b; return m < c ? m : c; }

static int levenshtein(const u8 *a, int n, const u8 *b, int m) {
    for (int j = 0; j <= m; j++) row[j] = j;
    for (int i = 1; i <= n; i++) {
        int diag = row[0];
        row[0] = i;
        for (int j = 1; j <= m; j++) {
            int up = row[j];
            row[j] = min3(up + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1]));
            diag = up;
        }
    }
    return row[m];
}

static int lcs(const u8 *a, int n, const u8 *b, int m) {
    i32 *p = prev_row, *c = cur_row;
    for (int j = 0; j <= m; j++) p[j] = 0;
    for (int i = 1; i <= n; i++) {
        c[0] = 0;
        for (int j = 1; j <= m; j++)
            c[j] = a[i - 1] == b[j - 1] ? p[j - 1] + 1 : (p[j] > c[j - 1] ? p[j] : c[j - 1]);
        i32 *t = p; p = c; c = t;
    }
    return p[m];
}

static int knapsack(u32 *s) {
    for (int w = 0; w <= CAPACITY; w++) best[w] = 0;
    for (int i = 0; i < ITEMS; i++) {
        u32 r = rng_next(s);
        int weight = 20 + (int)(r % 180), value = 1 + (int)((r >> 8) % 1000);
        for (int w = CAPACITY; w >= weight; w--) {
            int with = best[w - weight] + value;
            if (with > best[w]) best[w] = with;
        }
    }
    return best[CAPACITY];
}

EXPORT("run") u32 run(int n) {
    u32 s = 0x7e57ab1eu, h = 2166136261u;
    for (int round = 0; round < n; round++) {
        for (int i = 0; i < LEN; i++) {
            sa[i] = (u8)('a' + rng_next(&s) % 4);
            sb[i] = (rng_next(&s) & 7) ? sa[i] : (u8)('a' + rng_next(&s) % 4);   /* mostly similar */
        }
        int la = LEN - (int)(rng_next(&s) % 50), lb = LEN - (int)(rng_next(&s) % 50);
        h = fnv_mix(h, (u32)levenshtein(sa, la, sb, lb));
        h = fnv_mix(h, (u32)lcs(sa, la, sb, lb));
        h = fnv_mix(h, (u32)knapsack(&s));
    }
    return h;
}
