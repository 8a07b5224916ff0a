/* A treap (binary search tree kept balanced by random priorities): recursive
 * insertion with rotations, recursive deletion, iterative lookups, and a
 * recursive in-order fold; nodes come from a pool, linked by pointers. */
#include "rt.h"

#define MAXNODES 8192
struct tnode { struct tnode *left, *right; u32 key, prio; u32 count; };
static struct tnode nodes[MAXNODES];
static int used;
static u32 seed;

static struct tnode *rotate_right(struct tnode *t) {
    struct tnode *l = t->left; t->left = l->right; l->right = t; return l;
}
static struct tnode *rotate_left(struct tnode *t) {
    struct tnode *r = t->right; t->right = r->left; r->left = t; return r;
}

static struct tnode *insert(struct tnode *t, u32 key) {
    if (!t) {
        if (used == MAXNODES) return 0;
        struct tnode *n = &nodes[used++];
        n->left = n->right = 0; n->key = key; n->prio = rng_next(&seed); n->count = 1;
        return n;
    }
    if (key == t->key) { t->count++; return t; }
    if (key < t->key) {
        t->left = insert(t->left, key);
        if (t->left && t->left->prio > t->prio) t = rotate_right(t);
    } else {
        t->right = insert(t->right, key);
        if (t->right && t->right->prio > t->prio) t = rotate_left(t);
    }
    return t;
}

static struct tnode *erase(struct tnode *t, u32 key) {
    if (!t) return 0;
    if (key < t->key) { t->left = erase(t->left, key); return t; }
    if (key > t->key) { t->right = erase(t->right, key); return t; }
    if (!t->left) return t->right;
    if (!t->right) return t->left;
    if (t->left->prio > t->right->prio) { t = rotate_right(t); t->right = erase(t->right, key); }
    else { t = rotate_left(t); t->left = erase(t->left, key); }
    return t;
}

static u32 lookup(const struct tnode *t, u32 key) {
    while (t) {
        if (key == t->key) return t->count;
        t = key < t->key ? t->left : t->right;
    }
    return 0;
}

static u32 fold(const struct tnode *t, u32 h, int depth) {
    if (!t) return h;
    h = fold(t->left, h, depth + 1);
    h = fnv_mix(h, t->key * 2654435761u + t->count + (u32)depth);
    return fold(t->right, h, depth + 1);
}

EXPORT("run") u32 run(int n) {
    u32 s = 0x1234567u, h = 0;
    for (int round = 0; round < n; round++) {
        used = 0; seed = 0xabcdef01u + (u32)round;
        struct tnode *root = 0;
        for (int i = 0; i < 6000; i++) root = insert(root, rng_next(&s) % 20000);
        u32 found = 0;
        for (int i = 0; i < 6000; i++) found += lookup(root, rng_next(&s) % 20000);
        for (int i = 0; i < 3000; i++) root = erase(root, rng_next(&s) % 20000);
        h = fold(root, h ^ found, 0);
    }
    return h;
}
