// Prints its arguments and its environment, one per line, then exits 0.
#include <stdio.h>

extern char **environ;

int main(int argc, char **argv) {
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
    for (char **entry = environ; *entry; entry++) printf("env %s\n", *entry);
    return 0;
}
