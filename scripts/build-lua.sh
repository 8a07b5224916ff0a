#!/usr/bin/env bash
# Builds Lua 5.4's interpreter for wasm32-wasi from Debian's source package (downloaded here, not
# kept in the repository) into .build/lua/lua.wasm, for the WASI example and the benchmark row.
#
#   scripts/build-lua.sh [OUTPUT]      (default .build/lua/lua.wasm)
#
# Needs a deb-src entry for the Debian mirror (added when missing), Debian's wasi-libc and
# libclang-rt-19-dev-wasm32, and a clang that targets wasm32 (the Swift toolchain's; CLANG=...).
# wasi-libc has no setjmp/longjmp (they need the exception-handling proposal), so Lua's error
# unwinding is replaced by abort(): a Lua error (and a coroutine yield, which unwinds the same way)
# ends the program. Scripts that raise no error run as on a native build.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=.build/lua
output=${1:-$work/lua.wasm}
mkdir -p "$work"
if [ ! -f /usr/lib/wasm32-wasi/crt1-command.o ] || ! ls /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq wasi-libc libclang-rt-19-dev-wasm32
fi
if ! ls "$work"/lua5.4_*.orig.tar.gz >/dev/null 2>&1; then
    if ! grep -rqs '^Types: deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
        sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >/etc/apt/sources.list.d/debian-src.sources
        apt-get update -qq
    fi
    (cd "$work" && apt-get source --download-only lua5.4)
fi
source_dir=$work/src
rm -rf "$source_dir" && mkdir -p "$source_dir"
tar -xzf "$(ls "$work"/lua5.4_*.orig.tar.gz | head -1)" -C "$source_dir" --strip-components=1
# An empty <setjmp.h>: ldo.c includes it, the macros below make sure nothing from it is used.
mkdir -p "$work/include" && : >"$work/include/setjmp.h"
# What wasi-libc lacks and Lua's os and io libraries link to: no shell, no anonymous temporary files.
cat >"$work/wasi-shim.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
int system(const char *command) { return command == NULL ? 0 : -1; }
FILE *tmpfile(void) { return NULL; }
C

clang=${CLANG:-$(dirname "$(command -v swift)")/clang}
builtins=$(ls /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a | head -1)
sources=$(ls "$source_dir"/src/*.c | grep -v -e '/luac.c$')
"$clang" --target=wasm32-wasi -O2 -nostdlib -isystem /usr/include/wasm32-wasi -I"$work/include" \
    -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS \
    -D'LUAI_THROW(L,c)=abort()' -D'LUAI_TRY(L,c,a)={ a }' -D'luai_jmpbuf=int' \
    -D'lua_tmpnam(b,e)={ e = 1; }' -DLUA_TMPNAMBUFSIZE=32 \
    -Wno-everything -Wl,--strip-debug -Wl,-z,stack-size=1048576 \
    /usr/lib/wasm32-wasi/crt1-command.o $sources "$work/wasi-shim.c" \
    -L/usr/lib/wasm32-wasi -lc -lwasi-emulated-signal -lwasi-emulated-process-clocks "$builtins" -o "$output"
echo "built $output ($(wc -c <"$output") bytes) from $(ls "$work"/lua5.4_*.orig.tar.gz | head -1)"
