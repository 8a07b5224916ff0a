/* String processing on generated text: build sentences from syllables,
 * tokenise into words, fold case, count substring matches with a naive
 * search, reverse words in place, detect palindromes, parse numbers. */
#include "rt.h"

#define TEXT 16384
static char text[TEXT + 1];
static char work[TEXT + 1];

static const char *syllables[16] = {"ka", "lo", "mi", "ren", "ta", "so", "ve", "ni",
                                    "bar", "el", "que", "do", "aha", "x", "ut", "ra"};

static int gen_text(u32 *s) {
    int len = 0;
    while (len < TEXT - 32) {
        u32 r = rng_next(s);
        if ((r & 15) == 0) {                    /* a number */
            u32 v = (r >> 4) % 100000;
            char digits[8]; int d = 0;
            do { digits[d++] = (char)('0' + v % 10); v /= 10; } while (v);
            while (d) text[len++] = digits[--d];
        } else {
            int parts = 1 + (int)((r >> 4) & 3);
            for (int p = 0; p < parts; p++) {
                const char *syl = syllables[(r >> (8 + 4 * p)) & 15];
                int first = len;
                while (*syl) text[len++] = *syl++;
                if (p == 0 && ((r >> 28) & 1)) text[first] = (char)(text[first] - 32);
            }
        }
        u32 sep = (r >> 29);
        text[len++] = sep == 0 ? ',' : sep == 1 ? '.' : ' ';
        if (sep < 2) text[len++] = ' ';
    }
    text[len] = 0;
    return len;
}

static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }

static int count_matches(const char *hay, int n, const char *needle) {
    int m = 0;
    while (needle[m]) m++;
    int count = 0;
    for (int i = 0; i + m <= n; i++) {
        int j = 0;
        while (j < m && hay[i + j] == needle[j]) j++;
        if (j == m) count++;
    }
    return count;
}

EXPORT("run") u32 run(int n) {
    u32 s = 0x51f15eedu, h = 2166136261u;
    for (int round = 0; round < n; round++) {
        int len = gen_text(&s);
        for (int i = 0; i < len; i++) work[i] = lower(text[i]);
        work[len] = 0;
        u32 words = 0, palindromes = 0, numbers = 0, number_sum = 0, word_hash = 5381;
        int i = 0;
        while (i < len) {
            if (is_alpha(work[i])) {
                int start = i;
                while (i < len && is_alpha(work[i])) word_hash = word_hash * 33u + (u8)work[i++];
                int a = start, b = i - 1, pal = 1;
                while (a < b) {                      /* reverse in place, checking symmetry */
                    char t = work[a];
                    if (t != work[b]) pal = 0;
                    work[a++] = work[b]; work[b--] = t;
                }
                words++; palindromes += (u32)pal;
            } else if (is_digit(work[i])) {
                u32 v = 0;
                while (i < len && is_digit(work[i])) v = v * 10u + (u32)(work[i++] - '0');
                numbers++; number_sum += v;
            } else {
                i++;
            }
        }
        h = fnv_mix(h, words);
        h = fnv_mix(h, palindromes);
        h = fnv_mix(h, numbers ^ number_sum);
        h = fnv_mix(h, word_hash);
        h = fnv_mix(h, (u32)count_matches(text, len, "ka"));
        h = fnv_mix(h, (u32)count_matches(work, len, "ak"));
        h = fnv_mix(h, (u32)count_matches(text, len, "renta"));
        h = fnv_mix(h, (u32)count_matches(work, len, "euq"));
    }
    return h;
}
