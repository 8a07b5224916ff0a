// Reads standard input to its end, writes it back upper-cased with its length on standard error,
// and exits with the code given as its first argument (0 without one).
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    size_t total = 0;
    int c;
    while ((c = getchar()) != EOF) {
        putchar(toupper(c));
        total++;
    }
    fprintf(stderr, "read %zu bytes\n", total);
    fflush(stdout);
    exit(argc > 1 ? atoi(argv[1]) : 0);
}
