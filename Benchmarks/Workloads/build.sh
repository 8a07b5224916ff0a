#!/usr/bin/env bash
# Build every workload into wasm/*.wasm with a clang that targets wasm32.
# Usage: ./build.sh [--large]   (--large also builds wasm/large.wasm)
set -euo pipefail
cd "$(dirname "$0")"

CLANG=${CLANG:-}
if [ -z "$CLANG" ]; then
    for c in /opt/swift/usr/bin/clang clang; do
        if command -v "$c" >/dev/null && "$c" --print-targets 2>/dev/null | grep -q wasm32; then
            CLANG=$c; break
        fi
    done
fi
[ -n "$CLANG" ] || { echo "no clang with a wasm32 target found" >&2; exit 1; }
command -v "$(dirname "$(command -v "$CLANG")")/wasm-ld" >/dev/null || command -v wasm-ld >/dev/null \
    || { echo "wasm-ld not found next to $CLANG" >&2; exit 1; }

mkdir -p wasm
# Baseline: MVP-only instruction set so every module (except bulk/dot_simd)
# runs on an interpreter without post-MVP features.
BASE=(--target=wasm32 -nostdlib -Wl,--no-entry -mcpu=mvp)
RT=(rt.c -fno-builtin)

build() { # name opt extra-flags... -- sources...
    local name=$1 opt=$2; shift 2
    echo "  CC $name.wasm"
    "$CLANG" "${BASE[@]}" "$opt" "$@" -o "wasm/$name.wasm"
}

build fib        -O2 fib.c "${RT[@]}"
build loops      -O2 loops.c "${RT[@]}"
build sort       -O2 sort.c "${RT[@]}"
build sieve      -O2 sieve.c "${RT[@]}"
build memcpy     -O2 -fno-builtin memcpy.c rt.c
build bulk       -O2 -mbulk-memory bulk.c "${RT[@]}"
build nbody      -O2 nbody.c "${RT[@]}"
build mandelbrot -O2 mandelbrot.c "${RT[@]}"
build sha256     -O2 sha256.c "${RT[@]}"
build lz         -O2 lz.c "${RT[@]}"
build dot_scalar -O3 dot.c "${RT[@]}"
build dot_simd   -O3 -msimd128 dot.c "${RT[@]}"

# The broader set (issue #23): one style each, some at other optimisation levels.
build stencil_f32 -O2 -DREAL=float stencil.c "${RT[@]}"
build stencil_f64 -O2 -DREAL=double stencil.c "${RT[@]}"
build primes64   -O2 primes64.c "${RT[@]}"
build list       -O2 list.c "${RT[@]}"
build tree       -O2 tree.c "${RT[@]}"
build vm         -O2 vm.c "${RT[@]}"
build vm_O0      -O0 vm.c "${RT[@]}"
build strings    -O2 strings.c "${RT[@]}"
build matmul     -O2 matmul.c "${RT[@]}"
build matmul_O3  -O3 matmul.c "${RT[@]}"
build hash       -O2 hash.c "${RT[@]}"
build hash_Os    -Os hash.c "${RT[@]}"
build dp         -O2 dp.c "${RT[@]}"

if [ "${1:-}" = "--large" ]; then
    mkdir -p build
    python3 gen_large.py build/large.c "${LARGE_FUNCS:-1200}"
    build large -O2 -I. build/large.c "${RT[@]}"
fi

ls -l wasm/*.wasm
