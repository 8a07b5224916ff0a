#!/usr/bin/env bash
# Builds the C test programs in Tests/WASIFixtureSources/ into wasm32-wasi modules in
# Tests/ReproWASITests/Fixtures/, which are committed so `swift test` needs no C toolchain.
# Needs Debian's wasi-libc and libclang-rt-19-dev-wasm32 (installed here when missing) and a clang
# that targets wasm32 (the Swift toolchain's; CLANG=... to choose another).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f /usr/lib/wasm32-wasi/crt1-command.o ] || ! ls /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq wasi-libc libclang-rt-19-dev-wasm32
fi
clang=${CLANG:-$(dirname "$(command -v swift)")/clang}
builtins=$(ls /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a | head -1)
sources=Tests/WASIFixtureSources
out=Tests/ReproWASITests/Fixtures
mkdir -p "$out"
for source in "$sources"/*.c; do
    name=$(basename "$source" .c)
    "$clang" --target=wasm32-wasi -O2 -nostdlib -isystem /usr/include/wasm32-wasi \
        -Wl,--strip-debug \
        /usr/lib/wasm32-wasi/crt1-command.o "$source" -L/usr/lib/wasm32-wasi -lc "$builtins" \
        -o "$out/$name.wasm"
    echo "built $out/$name.wasm ($(wc -c <"$out/$name.wasm") bytes)"
done
