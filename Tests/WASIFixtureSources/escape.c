// Tries to reach outside its preopen (descriptor 3) with raw WASI calls: "..", absolute paths,
// and symbolic links that lead out. Prints each attempt's errno (0 means it opened) and exits 0.
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

static void attempt(const char *path, __wasi_lookupflags_t flags) {
    __wasi_fd_t fd;
    __wasi_errno_t error = __wasi_path_open(3, flags, path, 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd);
    printf("%s%s: %d\n", path, flags ? " (follow)" : "", error);
    if (error == 0) (void)__wasi_fd_close(fd);
}

int main(void) {
    attempt("inside.txt", 0);
    attempt("sub/../inside.txt", 0);
    attempt("..", 0);
    attempt("../secret.txt", 0);
    attempt("sub/../../secret.txt", 0);
    attempt("/secret.txt", 0);
    attempt("/etc/passwd", 0);
    attempt("up/secret.txt", 0);
    attempt("absolute", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW);
    attempt("up-file", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW);
    attempt("loop", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW);
    attempt("sub/back/inside.txt", 0);
    __wasi_errno_t error = __wasi_path_symlink("/etc/passwd", 3, "made-absolute");
    printf("symlink to /etc/passwd: %d\n", error);
    error = __wasi_path_rename(3, "inside.txt", 3, "../moved.txt");
    printf("rename out: %d\n", error);
    return 0;
}
