#!/usr/bin/env bash
# Debug and release builds must count the same (docs/DETERMINISM.md): runs a fixed list of
# modules through `repro-wasm run --stats` built in debug and in release, and compares what each run
# prints, byte for byte, wall times aside: the exit code, the results with their bits, the trap, the
# instructions counted, the fuel used, and each exported memory's size and FNV-1a 64 digest. The
# modules are Benchmarks/Workloads/wasm with the small arguments of expected.tsv (whose results, from
# wasmtime, are checked too), a module that traps after writing memory, one that makes NaNs,
# runs stopped by fuel and by the call-depth limit, and WASI programs.
#
#   scripts/determinism.sh            builds .build/{debug,release}/repro-wasm when missing or older
#                                     than the sources (swift build [-c release] --product repro-wasm)
#   BUILD_DIR=.build-x scripts/determinism.sh    another scratch path
#
# Exits 0 when every run agrees, 1 on any difference, 2 when the command line cannot be built.
set -uo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-.build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Builds the command line in CONFIGURATION (debug or release) unless it is there and up to date.
build() {
    local binary=$build_dir/$1/repro-wasm
    if [[ ! -x $binary || -n $(find Sources Package.swift -newer "$binary" -print -quit) ]]; then
        echo "determinism: building $binary" >&2
        swift build --scratch-path "$build_dir" -c "$1" --product repro-wasm >&2 ||
            { echo "determinism: cannot build $binary" >&2; exit 2; }
    fi
}
build debug
build release
debug=$build_dir/debug/repro-wasm
release=$build_dir/release/repro-wasm

# A module that stores n at 4n for n = N ... 1, then divides the sum by the exhausted counter: a trap
# after writes. The countdown counts 2N + 3 (docs/DETERMINISM.md §3); the trap stops it before `end`.
cat >"$work/trap.wat" <<'WAT'
(module
  (memory (export "memory") 1)
  (func (export "run") (param $n i32) (result i32) (local $sum i32)
    (block
      (loop
        (br_if 1 (i32.eqz (local.get $n)))
        (i32.store (i32.shl (local.get $n) (i32.const 2)) (local.get $n))
        (local.set $sum (i32.add (local.get $sum) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br 0)))
    (i32.div_s (local.get $sum) (local.get $n))))
WAT
# NaNs from canonicalising operators (0/0, sqrt(-1), a signalling NaN plus 0, a demoted NaN, inf * 0)
# and from neg, which passes bits through; stored to memory and a global, and returned.
cat >"$work/nan.wat" <<'WAT'
(module
  (memory (export "memory") 1)
  (global $g (export "g") (mut f64) (f64.const 0))
  (func (export "nans") (param $x f64) (result f64)
    (f64.store (i32.const 0) (f64.div (local.get $x) (local.get $x)))
    (f64.store (i32.const 8) (f64.neg (f64.div (local.get $x) (local.get $x))))
    (f32.store (i32.const 16) (f32.sqrt (f32.const -1)))
    (f64.store (i32.const 24) (f64.add (f64.const nan:0x4000000000001) (local.get $x)))
    (f32.store (i32.const 32) (f32.demote_f64 (f64.const -nan:0x1)))
    (f64.store (i32.const 40) (f64.neg (f64.const nan:0x4000000000001)))
    (global.set $g (f64.mul (f64.const inf) (local.get $x)))
    (f64.min (global.get $g) (f64.const 1))))
WAT

# NAME EXPECTED-RESULT|- ARGS...: runs ARGS under both builds and compares; EXPECTED-RESULT is
# expected.tsv's TYPE:VALUE for the first result (floats as bits), `-` for none to check.
passed=0
failed=0
compare() {
    local name=$1 expected=$2
    shift 2
    local build binary status
    for build in debug release; do
        binary=$debug
        [[ $build == release ]] && binary=$release
        status=0
        "$binary" run --stats "$@" >"$work/$build.out" 2>"$work/$build.err" || status=$?
        {
            echo "exit code $status"
            cat "$work/$build.out"
            grep -v -e '^call time: ' -e '^total time: ' "$work/$build.err"
        } >"$work/$build"
    done
    local problems=()
    cmp -s "$work/debug" "$work/release" || problems+=("debug and release differ")
    if [[ $expected != - ]]; then
        local value type bits actual
        read -r value _ type bits _ <"$work/release.out" || true
        bits=${bits//[()]/}
        case $type in
        f32 | f64) actual="$type:$bits" ;;
        *) actual="$type:$value" ;;
        esac
        [[ $actual == "$expected" ]] || problems+=("result $actual, expected $expected")
    fi
    if grep -Eq 'Fatal error|Stack dump|backtrace' "$work/debug.err" "$work/release.err"; then
        problems+=("a crash")
    fi
    if ((${#problems[@]})); then
        failed=$((failed + 1))
        echo "FAIL $name: ${problems[*]}"
        diff -u --label debug --label release "$work/debug" "$work/release" | sed 's/^/  /'
    else
        passed=$((passed + 1))
        echo "ok   $name: $(grep -h '^instructions: ' "$work/release" | head -1)"
    fi
}

# Expected values of the hand-written modules, from the contract rather than from a run.
trap_count=$((2 * 100 + 3))
compare "trap after writes" - "$work/trap.wat" --invoke run 100
grep -qx "instructions: $trap_count" "$work/release" ||
    { failed=$((failed + 1)); echo "FAIL trap after writes: expected instructions: $trap_count"; }
grep -q '^trap: integer divide by zero' "$work/release" ||
    { failed=$((failed + 1)); echo "FAIL trap after writes: expected an integer divide by zero"; }
compare "nans" "f64:0x7ff8000000000000" "$work/nan.wat" --invoke nans 0
compare "fib out of fuel" - Benchmarks/Workloads/wasm/fib.wasm --invoke fib 25 --fuel 100000
grep -qx 'instructions: 100000' "$work/release" ||
    { failed=$((failed + 1)); echo "FAIL fib out of fuel: expected the count to stop at the fuel"; }
compare "fib call depth" - Benchmarks/Workloads/wasm/fib.wasm --invoke fib 30 --max-call-depth 20

# WASI programs (the C fixtures of Tests/WASIFixtureSources): output, exit code and count, with
# virtual clocks, seeded random bytes, standard input and a writable preopen.
fixtures=Tests/ReproWASITests/Fixtures
printf 'determinism\n' >"$work/stdin.txt"
mkdir -p "$work/wasi-root" && printf 'some input\n' >"$work/wasi-root/input.txt"
compare "wasi clock_random" - "$fixtures/clock_random.wasm"
compare "wasi stdin_exit" - "$fixtures/stdin_exit.wasm" --stdin "$work/stdin.txt" -- 3
compare "wasi files" - "$fixtures/files.wasm" --dir-rw "$work/wasi-root::/"

# The workloads, with expected.tsv's small arguments.
while IFS=$'\t' read -r module export arguments size result; do
    [[ $module == \#* || $size != small ]] && continue
    args=()
    [[ $arguments != - ]] && IFS=, read -r -a args <<<"$arguments"
    compare "$module $export ${args[*]}" "$result" \
        "Benchmarks/Workloads/wasm/$module.wasm" --invoke "$export" -- "${args[@]}"
done <Benchmarks/Workloads/expected.tsv

echo "determinism: $passed passed, $failed failed"
((failed == 0))
