/* Recursive Fibonacci: call-heavy, tiny frames. */
#include "rt.h"

EXPORT("fib") int fib(int n) {
    if (n < 2) return n;
    return fib(n - 1) + fib(n - 2);
}

EXPORT("run") int run(int n) { return fib(n); }
