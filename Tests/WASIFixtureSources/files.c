// Exercises files and directories in the preopened "/": reads input.txt, writes, appends and
// seeks in out.txt, makes a directory with files, lists it (the listing order is the engine's),
// renames and removes, and prints what it sees. Exits 1 at the first unexpected failure.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK(condition)                                                     \
    do {                                                                     \
        if (!(condition)) {                                                  \
            printf("failed: %s (errno %d) line %d\n", #condition, errno, __LINE__); \
            exit(1);                                                         \
        }                                                                    \
    } while (0)

static void list(const char *path) {
    DIR *directory = opendir(path);
    CHECK(directory != NULL);
    printf("%s:", path);
    struct dirent *entry;
    while ((entry = readdir(directory)) != NULL) printf(" %s", entry->d_name);
    printf("\n");
    closedir(directory);
}

int main(void) {
    char buffer[256];
    FILE *input = fopen("/input.txt", "r");
    CHECK(input != NULL);
    size_t count = fread(buffer, 1, sizeof buffer - 1, input);
    buffer[count] = 0;
    fclose(input);
    printf("input: %s", buffer);

    int fd = open("/out.txt", O_CREAT | O_TRUNC | O_WRONLY, 0644);
    CHECK(fd >= 0);
    CHECK(write(fd, "hello world\n", 12) == 12);
    CHECK(lseek(fd, 6, SEEK_SET) == 6);
    CHECK(write(fd, "WORLD", 5) == 5);
    close(fd);
    fd = open("/out.txt", O_WRONLY | O_APPEND);
    CHECK(fd >= 0);
    CHECK(write(fd, "more\n", 5) == 5);
    close(fd);
    struct stat info;
    CHECK(stat("/out.txt", &info) == 0);
    printf("out.txt size %lld mtime %lld\n", (long long)info.st_size, (long long)info.st_mtim.tv_sec);

    CHECK(mkdir("/dir", 0755) == 0);
    CHECK(mkdir("/dir", 0755) == -1 && errno == EEXIST);
    const char *names[] = {"/dir/zeta", "/dir/alpha", "/dir/Mid", "/dir/beta"};
    for (int i = 0; i < 4; i++) {
        FILE *file = fopen(names[i], "w");
        CHECK(file != NULL);
        fprintf(file, "%d", i);
        fclose(file);
    }
    list("/dir");
    CHECK(rename("/dir/zeta", "/dir/omega") == 0);
    CHECK(unlink("/dir/beta") == 0);
    CHECK(rmdir("/dir") == -1 && errno == ENOTEMPTY);
    list("/dir");
    CHECK(open("/missing.txt", O_RDONLY) == -1 && errno == ENOENT);
    CHECK(unlink("/dir/omega") == 0 && unlink("/dir/alpha") == 0 && unlink("/dir/Mid") == 0);
    CHECK(rmdir("/dir") == 0);
    list("/");
    return 0;
}
