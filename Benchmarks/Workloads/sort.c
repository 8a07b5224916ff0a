/* Recursive quicksort (median of three) of a PRNG-filled array; n elements. */
#include "rt.h"

#define MAXN (1 << 20)
static i32 arr[MAXN];

static void swap(i32 *a, i32 *b) { i32 t = *a; *a = *b; *b = t; }

static void quicksort(i32 *a, int lo, int hi) {
    while (hi - lo > 16) {
        int mid = lo + (hi - lo) / 2;
        if (a[mid] < a[lo]) swap(&a[mid], &a[lo]);
        if (a[hi] < a[lo]) swap(&a[hi], &a[lo]);
        if (a[hi] < a[mid]) swap(&a[hi], &a[mid]);
        i32 pivot = a[mid];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) { swap(&a[i], &a[j]); i++; j--; }
        }
        /* recurse into the smaller half, loop on the larger */
        if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; }
        else { quicksort(a, i, hi); hi = j; }
    }
    for (int i = lo + 1; i <= hi; i++) {
        i32 v = a[i];
        int k = i - 1;
        while (k >= lo && a[k] > v) { a[k + 1] = a[k]; k--; }
        a[k + 1] = v;
    }
}

EXPORT("run") u64 run(int n) {
    if (n > MAXN) n = MAXN;
    if (n < 1) n = 1;
    u32 s = 0x12345678u;
    for (int i = 0; i < n; i++) arr[i] = (i32)rng_next(&s);
    quicksort(arr, 0, n - 1);
    u64 h = 0;
    int sorted = 1;
    for (int i = 0; i < n; i++) {
        if (i > 0 && arr[i - 1] > arr[i]) sorted = 0;
        h = mix64(h, (u64)(u32)arr[i] * (u64)(i + 1));
    }
    return sorted ? h : 0;
}
