#!/usr/bin/env bash
# Peak RSS per workload and engine: one process per (workload, engine), 1 repetition, bench arguments.
#
# The harness runs both engines in one process, where peak memory cannot be told apart; this runs
# each alone (--engine) on one workload (--filter) and prints the process's peak RSS (getrusage
# ru_maxrss), which includes the harness itself (about 20 MiB: Swift runtime, Foundation, the
# loaded bytes). Build first: swift build -c release --package-path Benchmarks --product reprowasm-bench
#
#     bash Benchmarks/scripts/memory.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bench="$here/.build/release/reprowasm-bench"
[ -x "$bench" ] || { echo "build the harness first (see the comment at the top)" >&2; exit 2; }
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
peak() {
    "$bench" --engine "$1" --filter "$2" --repetitions 1 --json "$scratch/out.json" 2>/dev/null \
        | sed -n -E 's/^peak RSS of this process: ([0-9.]+) MiB.*/\1/p'
}
printf '%-22s %12s %12s\n' workload "ReproWasm" "WasmKit"
# "large (load)" also matches "large (load, eager)", and "large" all three large rows: each row's
# peak is the most of the rows its filter selects.
for workload in fib loops sort sieve memcpy bulk nbody mandelbrot sha256 lz dot_scalar dot_simd \
    "large (load, eager)" "large (load)" "large"; do
    printf '%-22s %9s MiB %8s MiB\n' "$workload" "$(peak reprowasm "$workload")" "$(peak wasmkit "$workload")"
done
