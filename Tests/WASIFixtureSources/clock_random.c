// Prints both clocks and their resolution, sleeps 1.5 ms and prints them again, then prints random
// bytes from getentropy (WASI random_get) as hex.
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static long long nanoseconds(clockid_t clock) {
    struct timespec now;
    clock_gettime(clock, &now);
    return (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
}

int main(void) {
    struct timespec resolution;
    clock_getres(CLOCK_MONOTONIC, &resolution);
    printf("resolution %ld ns\n", resolution.tv_nsec);
    printf("monotonic %lld realtime %lld\n", nanoseconds(CLOCK_MONOTONIC), nanoseconds(CLOCK_REALTIME));
    struct timespec pause = {0, 1500000};
    nanosleep(&pause, NULL);
    printf("monotonic %lld realtime %lld\n", nanoseconds(CLOCK_MONOTONIC), nanoseconds(CLOCK_REALTIME));
    unsigned char bytes[20];
    getentropy(bytes, sizeof bytes);
    printf("random ");
    for (size_t i = 0; i < sizeof bytes; i++) printf("%02x", bytes[i]);
    printf("\n");
    return 0;
}
