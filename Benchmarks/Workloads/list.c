/* Pointer chasing through a singly linked list: nodes in a pool are linked
 * in shuffled order, merge-sorted (recursive, by splitting with a slow/fast
 * walk), traversed and checked; repeated n times with fresh values. */
#include "rt.h"

#define NODES 4096
struct node { struct node *next; u32 key; u32 payload; };
static struct node pool[NODES];
static u32 order[NODES];

static struct node *merge(struct node *a, struct node *b) {
    struct node head, *tail = &head;
    while (a && b) {
        if (a->key <= b->key) { tail->next = a; a = a->next; }
        else { tail->next = b; b = b->next; }
        tail = tail->next;
    }
    tail->next = a ? a : b;
    return head.next;
}

static struct node *msort(struct node *list) {
    if (!list || !list->next) return list;
    struct node *slow = list, *fast = list->next;
    while (fast && fast->next) { slow = slow->next; fast = fast->next->next; }
    struct node *second = slow->next;
    slow->next = 0;
    return merge(msort(list), msort(second));
}

EXPORT("run") u32 run(int n) {
    u32 s = 0xdeadbeefu, h = 2166136261u;
    for (int i = 0; i < NODES; i++) order[i] = (u32)i;
    for (int round = 0; round < n; round++) {
        for (int i = NODES - 1; i > 0; i--) {            /* Fisher-Yates */
            u32 j = rng_next(&s) % (u32)(i + 1);
            u32 t = order[i]; order[i] = order[j]; order[j] = t;
        }
        for (int i = 0; i < NODES; i++) {
            struct node *p = &pool[order[i]];
            p->key = rng_next(&s) & 0xfffff;
            p->payload = (u32)i;
            p->next = i + 1 < NODES ? &pool[order[i + 1]] : 0;
        }
        struct node *list = msort(&pool[order[0]]);
        u32 prev = 0, len = 0;
        for (struct node *p = list; p; p = p->next) {
            if (p->key < prev) return 0;                 /* not sorted */
            prev = p->key;
            h = fnv_mix(h, p->key ^ (p->payload << 12));
            len++;
        }
        /* a second walk: sum every third node's payload */
        u32 k = 0;
        for (struct node *p = list; p; p = p->next)
            if (++k % 3 == 0) h += p->payload;
        h = fnv_mix(h, len);
    }
    return h;
}
