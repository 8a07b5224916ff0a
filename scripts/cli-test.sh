#!/usr/bin/env bash
# Runs the built `repro-wasm` on good and bad input and checks exit codes and messages: every
# failure must be a one-line error with the documented exit code (0 ok, 1 trap, 2 invalid module or
# usage), never a crash or a Swift backtrace.
#
#   scripts/cli-test.sh [PATH-TO-repro-wasm]      (default: .build/release/repro-wasm)
set -uo pipefail
cd "$(dirname "$0")/.."
cli=${1:-.build/release/repro-wasm}
[[ -x $cli ]] || { echo "cli-test: no executable at $cli (build it first)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Hand-assembled modules (bytes from the spec's binary format).
header='\x00\x61\x73\x6d\x01\x00\x00\x00'
# Exports trap: () unreachable; div: (i32 i32) -> i32.div_s; f64id, f32id, i64id: identity; spin: loop br 0.
printf "$header"'\x01\x19\x05\x60\x00\x00\x60\x02\x7f\x7f\x01\x7f\x60\x01\x7c\x01\x7c\x60\x01\x7d\x01\x7d\x60\x01\x7e\x01\x7e''\x03\x07\x06\x00\x01\x02\x03\x04\x00''\x07\x2d\x06\x04trap\x00\x00\x03div\x00\x01\x05f64id\x00\x02\x05f32id\x00\x03\x05i64id\x00\x04\x04spin\x00\x05''\x0a\x24\x06\x03\x00\x00\x0b\x07\x00\x20\x00\x20\x01\x6d\x0b\x04\x00\x20\x00\x0b\x04\x00\x20\x00\x0b\x04\x00\x20\x00\x0b\x07\x00\x03\x40\x0c\x00\x0b\x0b' >"$work/ops.wasm"
# Imports env.f : () -> ().
printf "$header"'\x01\x04\x01\x60\x00\x00''\x02\x09\x01\x03env\x01f\x00\x00' >"$work/imports.wasm"
# A start function that executes unreachable.
printf "$header"'\x01\x04\x01\x60\x00\x00''\x03\x02\x01\x00''\x08\x01\x00''\x0a\x05\x01\x03\x00\x00\x0b' >"$work/start-traps.wasm"
# i32.add with an empty stack: decodes, does not validate.
printf "$header"'\x01\x05\x01\x60\x00\x01\x7f''\x03\x02\x01\x00''\x0a\x05\x01\x03\x00\x6a\x0b' >"$work/invalid.wasm"
: >"$work/empty.wasm"
printf 'this is not wasm at all' >"$work/garbage.wasm"
printf "$header"'\x01\xff' >"$work/truncated.wasm"
mkdir "$work/directory.wasm"
ops=$work/ops.wasm
fib=Benchmarks/Workloads/wasm/fib.wasm

passed=0
failed=0

# [stdin=FILE] [cli=PROGRAM] check NAME EXPECTED-EXIT STDOUT-REGEX STDERR-REGEX -- COMMAND...
# An empty regex means "anything"; `^$` means "nothing". For exit code 2, standard error must be
# exactly one line. No run may print a crash or a backtrace. Standard input is FILE, else empty.
check() {
    local name=$1 want=$2 out_re=$3 err_re=$4
    shift 5
    "$cli" "$@" <"${stdin:-/dev/null}" >"$work/out" 2>"$work/err"
    local rc=$? problems=()
    [[ $rc == "$want" ]] || problems+=("exit code $rc, expected $want")
    [[ -z $out_re ]] || grep -Eq -- "$out_re" "$work/out" || [[ $out_re == '^$' && ! -s $work/out ]] ||
        problems+=("stdout does not match /$out_re/")
    [[ -z $err_re ]] || grep -Eq -- "$err_re" "$work/err" || [[ $err_re == '^$' && ! -s $work/err ]] ||
        problems+=("stderr does not match /$err_re/")
    if [[ $want == 2 && $(wc -l <"$work/err") != 1 ]]; then problems+=("stderr is not one line"); fi
    if grep -Eq 'Fatal error|Stack dump|Current stack trace|backtrace|0x[0-9a-f]{12} in ' "$work/err"; then
        problems+=("a crash or backtrace on stderr")
    fi
    if ((${#problems[@]})); then
        failed=$((failed + 1))
        echo "FAIL $name: ${problems[*]}"
        echo "  command: repro-wasm $*"
        sed 's/^/  stdout: /' "$work/out" | head -5
        sed 's/^/  stderr: /' "$work/err" | head -5
    else
        passed=$((passed + 1))
        echo "ok   $name"
    fi
}

# Help and usage.
check "help" 0 '^usage: repro-wasm <command>' '^$' -- --help
check "run --help" 0 'usage: repro-wasm run FILE' '^$' -- run --help
check "validate --help" 0 'usage: repro-wasm validate FILE' '^$' -- validate --help
check "inspect --help" 0 'usage: repro-wasm inspect FILE' '^$' -- inspect -h
check "help run" 0 'usage: repro-wasm run FILE' '^$' -- help run
check "no command" 2 '^$' '^error: no command' --
check "unknown command" 2 '^$' "^error: unknown command 'frobnicate'" -- frobnicate x.wasm
check "unknown option" 2 '^$' '^error: unknown option --bogus \(repro-wasm run --help' -- run "$ops" --bogus
check "unknown option (validate)" 2 '^$' '^error: unknown option --code' -- validate "$ops" --code
check "option without value" 2 '^$' '^error: --invoke needs a value' -- run "$ops" --invoke
check "missing FILE" 2 '^$' '^error: run needs a FILE' -- run
check "two FILEs" 2 '^$' '^error: validate takes one FILE' -- validate "$ops" "$ops"
check "--version" 0 '^repro-wasm [0-9]+\.[0-9]+\.[0-9]+$' '^$' -- --version
check "-V" 0 '^repro-wasm [0-9]+\.[0-9]+\.[0-9]+$' '^$' -- -V
check "help lists --version" 0 '^  --version, -V ' '^$' -- --help

# Bad files.
for command in run validate inspect; do
    check "$command: nonexistent file" 2 '^$' "^error: cannot read $work/nope.wasm: No such file or directory$" -- \
        "$command" "$work/nope.wasm"
    check "$command: empty file" 2 '^$' '^error: unexpected end' -- "$command" "$work/empty.wasm"
    check "$command: garbage" 2 '^$' '^error: magic header not detected \(at offset 0x0\)$' -- "$command" "$work/garbage.wasm"
    check "$command: truncated" 2 '^$' '^error: ' -- "$command" "$work/truncated.wasm"
    check "$command: directory" 2 '^$' '^error: cannot read .*: Is a directory$' -- "$command" "$work/directory.wasm"
    check "$command: invalid" 2 '^$' '^error: type mismatch.*offset 0x.*function 0' -- "$command" "$work/invalid.wasm"
done

# Valid modules.
check "validate" 0 '^valid$' '^$' -- validate "$ops"
check "validate --features full" 0 '^valid$' '^$' -- validate "$ops" --features full
check "inspect" 0 '"div": func \(i32, i32\) -> \(i32\)' '^$' -- inspect "$ops"
check "inspect --code" 0 '^function 1: ' '^$' -- inspect "$ops" --code
check "fib 25" 0 '^75025 : i32 \(0x00012511\)$' '^instructions: 635621$' -- run "$fib" --invoke fib 25
check "fib --stats" 0 '^75025 : i32' 'peak memory pages: 2' -- run "$fib" --invoke=fib 25 --stats
# --stats also prints each exported memory's size and FNV-1a 64 digest (scripts/determinism.sh compares them).
check "fib memory digest" 0 '^75025 : i32' '^memory "memory": 131072 bytes, fnv1a64 0x[0-9a-f]{16}$' -- \
    run "$fib" --invoke=fib 25 --stats
# The digest of "abc" and 65,533 zero bytes, computed here with bash's wrapping 64-bit arithmetic.
printf '(module (memory (export "memory") 1) (data (i32.const 0) "abc") (func (export "nop")))\n' >"$work/memory.wat"
fnv=$((0xcbf29ce484222325))
for byte in 97 98 99; do fnv=$(((fnv ^ byte) * 0x100000001b3)); done
for ((i = 3; i < 65536; i++)); do fnv=$((fnv * 0x100000001b3)); done
fnv=$(printf '0x%016x' "$fnv")
check "memory digest" 0 '^$' "^memory \"memory\": 65536 bytes, fnv1a64 $fnv\$" -- run "$work/memory.wat" --invoke nop --stats
check "wat2wasm -o" 0 '^$' '^$' -- wat2wasm "$work/memory.wat" -o "$work/converted.wasm"
check "wat2wasm output runs" 0 '^$' "^memory \"memory\": 65536 bytes, fnv1a64 $fnv\$" -- run "$work/converted.wasm" --invoke nop --stats
check "wat2wasm -o first" 0 '^$' '^$' -- wat2wasm -o "$work/converted2.wasm" "$work/memory.wat"
check "wat2wasm default name" 0 '^$' '^$' -- wat2wasm "$work/memory.wat"
check "wat2wasm default output" 0 '^valid$' '^$' -- validate "$work/memory.wasm"

# Standard input as FILE ('-'), for every command.
stdin=$ops check "run -" 0 '^3 : i32 \(0x00000003\)$' '^instructions: 1$' -- run - --invoke div 7 2
stdin=$work/memory.wat check "validate - (text)" 0 '^valid$' '^$' -- validate -
stdin=$ops check "inspect -" 0 '"div": func \(i32, i32\) -> \(i32\)' '^$' -- inspect -
stdin=$work/garbage.wasm check "validate - (garbage)" 2 '^$' '^error: magic header not detected \(at offset 0x0\)$' -- \
    validate -
check "validate - (empty)" 2 '^$' '^error: unexpected end' -- validate -
printf '(module\n  (func (export "f") (result i32) i32.bogus))\n' >"$work/malformed.wat"
stdin=$work/malformed.wat check "validate - names <stdin>" 2 '^$' '^error: <stdin>:2:' -- validate -
# wat2wasm from standard input writes standard output unless -o is given.
stdin=$work/memory.wat check "wat2wasm - to stdout" 0 '' '^$' -- wat2wasm -
cp "$work/out" "$work/from-stdin.wasm"
check "wat2wasm stdout is the module" 0 '^$' "^memory \"memory\": 65536 bytes, fnv1a64 $fnv\$" -- \
    run "$work/from-stdin.wasm" --invoke nop --stats
stdin=$work/memory.wat check "wat2wasm - -o" 0 '^$' '^$' -- wat2wasm - -o "$work/from-stdin-o.wasm"
check "wat2wasm - -o output" 0 '^valid$' '^$' -- validate "$work/from-stdin-o.wasm"
check "wat2wasm -o - to stdout" 0 '' '^$' -- wat2wasm "$work/memory.wat" -o -
if cmp -s "$work/out" "$work/from-stdin.wasm"; then
    passed=$((passed + 1))
    echo "ok   wat2wasm -o - writes what wat2wasm - writes"
else
    failed=$((failed + 1))
    echo "FAIL wat2wasm -o - differs from wat2wasm -"
fi

# The kind of FILE comes from its content, not its name.
cp "$work/memory.wat" "$work/text-named.wasm"
check "text named .wasm" 0 '^valid$' '^$' -- validate "$work/text-named.wasm"
cp "$ops" "$work/binary-named.wat"
check "binary named .wat" 0 '^3 : i32' '' -- run "$work/binary-named.wat" --invoke div 7 2
printf '\xef\xbb\xbf  ;; a line comment (not code\n(; a block (; nested ;) comment ;)\r\n\t(module (func (export "one") (result i32) i32.const 1))\n' \
    >"$work/commented"
check "BOM, blanks and comments, then text" 0 '^1 : i32 \(0x00000001\)$' '' -- run "$work/commented"
printf ';; only a comment\n(; and another ;)\n' >"$work/comments-only.wat"
check "comments only: not text" 2 '^$' '^error: magic header not detected \(at offset 0x0\)$' -- \
    validate "$work/comments-only.wat"
printf '  \n module' >"$work/no-paren.wat"
check "no ( after blanks: not text" 2 '^$' '^error: magic header not detected \(at offset 0x0\)$' -- \
    validate "$work/no-paren.wat"
check "wat2wasm of a binary module" 2 '^$' 'is a binary module already' -- wat2wasm "$ops" -o "$work/x.wasm"
check "wat2wasm of neither" 2 '^$' 'is not in the text format' -- wat2wasm "$work/no-paren.wat" -o "$work/x.wasm"

# Unwritable output: the system's reason.
check "wat2wasm -o missing directory" 2 '^$' \
    "^error: cannot write $work/missing/x.wasm: No such file or directory\$" -- \
    wat2wasm "$work/memory.wat" -o "$work/missing/x.wasm"
check "wat2wasm -o directory" 2 '^$' "^error: cannot write $work: Is a directory\$" -- \
    wat2wasm "$work/memory.wat" -o "$work"

# Arguments and results.
check "i32 result" 0 '^3 : i32 \(0x00000003\)$' 'instructions: 1' -- run "$ops" --invoke div 7 2
check "negative after --" 0 '^-3 : i32 \(0xfffffffd\)$' '' -- run "$ops" --invoke div -- -7 2
check "hex and unsigned" 0 '^-1 : i32 \(0xffffffff\)$' '' -- run "$ops" --invoke div 0xffffffff 1
check "i64" 0 '^-1 : i64 \(0xffffffffffffffff\)$' '' -- run "$ops" --invoke i64id -1
check "i64 max unsigned" 0 '^-1 : i64' '' -- run "$ops" --invoke i64id 18446744073709551615
check "f64" 0 '^1.5 : f64 \(0x3ff8000000000000\)$' '' -- run "$ops" --invoke f64id 1.5
check "f64 nan payload" 0 '^nan:0x1 : f64 \(0x7ff0000000000001\)$' '' -- run "$ops" --invoke f64id nan:0x1
check "f32 negative nan" 0 '^-nan : f32 \(0xffc00000\)$' '' -- run "$ops" --invoke f32id -nan
check "f32 raw bits" 0 '^nan:0x200000 : f32 \(0x7fa00000\)$' '' -- run "$ops" --invoke f32id bits:0x7fa00000
check "f32 -inf" 0 '^-inf : f32 \(0xff800000\)$' '' -- run "$ops" --invoke f32id -inf
check "wrong argument count" 2 '^$' "^error: the function takes 2 arguments \(i32, i32\) -> \(i32\), got 1" -- \
    run "$ops" --invoke div 1
check "non-numeric argument" 2 '^$' "^error: argument 1 'x' is not a valid i32" -- run "$ops" --invoke div x 1
check "i32 out of range" 2 '^$' "is not a valid i32" -- run "$ops" --invoke div 4294967296 1
check "i32 below range" 2 '^$' "is not a valid i32" -- run "$ops" --invoke div -2147483649 1
check "float garbage" 2 '^$' "is not a valid f64" -- run "$ops" --invoke f64id 1.5x
check "nan payload zero" 2 '^$' "is not a valid f32" -- run "$ops" --invoke f32id nan:0x0
check "nan payload too wide" 2 '^$' "is not a valid f32" -- run "$ops" --invoke f32id nan:0x800000
check "which function" 2 '^$' '^error: name the function to run with --invoke \(exported functions: trap, div' -- \
    run "$ops"
check "no such export" 2 '^$' "^error: no exported function 'nope'" -- run "$ops" --invoke nope

# Traps and limits.
check "trap" 1 '^$' '^trap: unreachable in function 0' -- run "$ops" --invoke trap
check "divide by zero" 1 '^$' '^trap: integer divide by zero in function 1 "div" at offset 0x[0-9a-f]+$' -- run "$ops" --invoke div 1 0

# Text modules: validation errors at the text's line and column; a proposal outside the profile says
# which option allows it (in text and in binary form).
printf '(module\n  (func $f)\n  (func (return_call $f)))\n' >"$work/tail.wat"
printf '(module\n  (func (result i32)\n    f32.const 1))\n' >"$work/mismatch.wat"
check ".wat error at line:column" 2 '^$' "^error: $work/mismatch.wat:3:5: type mismatch: .* in function 0\$" -- validate "$work/mismatch.wat"
check "feature error names --features full" 2 '^$' "^error: $work/tail.wat:3:10: tail calls is not enabled \\(--features full allows it\\)\$" -- validate "$work/tail.wat"
"$cli" wat2wasm "$work/tail.wat" -o "$work/tail.wasm" 2>/dev/null
check "feature error in binary: offset and hint" 2 '^$' '^error: tail calls is not enabled \(at offset 0x[0-9a-f]+\) \(--features full allows it\)$' -- validate "$work/tail.wasm"
check "feature allowed with --features full" 0 '^valid$' '^$' -- validate "$work/tail.wat" --features full

# Typed function references (opt-in): call_ref of a non-null local holding ref.func. Counts: call_ref 0,
# $inc's end 1, the function's end 1.
printf '(module\n  (type $i2i (func (param i32) (result i32)))\n  (func $inc (type $i2i) (i32.add (local.get 0) (i32.const 1)))\n  (elem declare func $inc)\n  (func (export "apply") (param i32) (result i32)\n    (local $f (ref $i2i))\n    (local.set $f (ref.func $inc))\n    (call_ref $i2i (local.get 0) (local.get $f))))\n' >"$work/callref.wat"
check "call_ref with --features full" 0 '^42 : i32 \(0x0000002a\)$' '^instructions: 2$' -- \
    run "$work/callref.wat" --invoke apply 41 --features full
check "call_ref needs --features full" 2 '^$' 'function references is not enabled \(--features full allows it\)$' -- \
    run "$work/callref.wat" --invoke apply 41

# Components: validated, inspected (their world in WIT) and run with WAVE-like arguments.
component=Tests/ReproWasmTests/Component/Fixtures/resources.wasm
check "component validates" 0 '^valid$' '^$' -- validate "$component"
check "component world" 0 '^world root \{$' '^$' -- inspect "$component"
stdin=$component check "component from stdin" 0 '^valid$' '^$' -- validate -
echo_component=Tests/ReproWasmTests/Component/Fixtures/echo-provider.wasm
check "component export called with a string" 0 '^"hi, there"$' '^instructions: 2$' -- \
    run "$echo_component" --invoke 'demo:text/echo#echo' '"hi, there"'
check "component argument that does not parse" 2 '^$' '^error: argument `s`: expected `"` at position 0' -- \
    run "$echo_component" --invoke 'demo:text/echo#echo' 'hi'
# Component text: the same commands take `(component ...)` text, and wat2wasm writes its binary.
check "component text export called" 0 '^"hi, there"$' '^instructions: 2$' -- \
    run "${echo_component%.wasm}.wat" --invoke 'demo:text/echo#echo' '"hi, there"'
check "component text world" 0 '^world root \{$' '^$' -- inspect "${component%.wasm}.wat"
stdin=${component%.wasm}.wat check "component text from stdin" 0 '^valid$' '^$' -- validate -
printf '(component (func (export "f") (canon lift (core func $nope))))' >"$work/bad-component.wat"
check "malformed component text" 2 '^$' 'bad-component.wat:1:54: unknown core func: failed to find name .\$nope.$' -- \
    validate "$work/bad-component.wat"
check "component text to binary" 0 '^$' '^$' -- wat2wasm "${echo_component%.wasm}.wat" -o "$work/echo.wasm"
check "component binary from text validates" 0 '^valid$' '^$' -- validate "$work/echo.wasm"
check "component with imports is refused" 2 '^$' 'run supplies no component imports' -- \
    run Tests/ReproWasmTests/Component/Fixtures/canonical-abi.wasm --invoke 'demo:lib/api#greet' '"x"'
check "out of fuel" 1 '^$' '^trap: out of fuel' -- run "$ops" --invoke spin --fuel 1000 --stats
check "fuel used" 1 '' '^fuel used: 1000 of 1000$' -- run "$ops" --invoke spin --fuel 1000 --stats
check "fuel used, unlimited" 0 '' '^fuel used: 635621 \(unlimited\)$' -- run "$fib" --invoke fib 25 --stats
check "fuel used, budget" 0 '' '^fuel used: 635621 of 1000000$' -- run "$fib" --invoke fib 25 --stats --fuel 1000000
check "call depth" 1 '^$' '^trap: call stack exhausted' -- run "$fib" --invoke fib 30 --max-call-depth 5
check "start function traps" 1 '^$' '^trap: unreachable .*start function' -- run "$work/start-traps.wasm"
check "missing import" 2 '^$' '^error: unknown import "env" "f": expected func \(\) -> \(\)$' -- run "$work/imports.wasm"
check "memory limit" 2 '^$' "^error: memory 2 exceeds the store's limit of 1 pages$" -- \
    run "$fib" --invoke fib 1 --max-memory-pages 1
check "bad fuel" 2 '^$' '^error: --fuel needs a whole number' -- run "$ops" --invoke spin --fuel lots
check "negative fuel" 2 '^$' '^error: --fuel needs a whole number' -- run "$ops" --invoke spin --fuel=-1
check "zero call depth" 2 '^$' '^error: --max-call-depth needs a whole number from 1' -- \
    run "$ops" --invoke trap --max-call-depth 0
check "too many pages" 2 '^$' '^error: --max-memory-pages needs a whole number from 0 to 65536' -- \
    run "$ops" --invoke trap --max-memory-pages 70000
check "unknown features" 2 '^$' "^error: unknown feature profile 'fast'" -- run "$ops" --invoke trap --features fast

# Peak memory and time (GNU time's %M is the peak resident set in KiB). Without Foundation a tiny run
# stays near 10 MB; a 2 GiB file of garbage is rejected from its first bytes, not read whole.
printf '(module (func (export "one") (result i32) i32.const 1))\n' >"$work/one.wat"
printf 'not wasm' >"$work/huge.wasm"
truncate -s 2G "$work/huge.wasm" 2>/dev/null || rm -f "$work/huge.wasm"
rss_bound=12288
if ! /usr/bin/time -f %M true >/dev/null 2>&1; then
    echo "skip peak memory and time checks: no GNU time at /usr/bin/time (apt-get install time)"
else
    # measure NAME MAX-KIB MAX-SECONDS EXPECTED-EXIT STDERR-REGEX -- COMMAND...
    measure() {
        local name=$1 max_kib=$2 max_seconds=$3 want=$4 err_re=$5 problems=()
        shift 6
        /usr/bin/time -o "$work/time" -f '%M %e' "$cli" "$@" </dev/null >"$work/out" 2>"$work/err"
        local rc=$? kib seconds
        # The last line: GNU time first writes "Command exited with non-zero status N" for a failure.
        read -r kib seconds < <(tail -n 1 "$work/time")
        [[ $rc == "$want" ]] || problems+=("exit code $rc, expected $want")
        grep -Eq -- "$err_re" "$work/err" || problems+=("stderr does not match /$err_re/")
        ((kib < max_kib)) || problems+=("peak RSS $kib KiB, bound $max_kib KiB")
        awk -v s="$seconds" -v m="$max_seconds" 'BEGIN { exit !(s < m) }' || problems+=("took $seconds s, bound $max_seconds s")
        if ((${#problems[@]})); then
            failed=$((failed + 1))
            echo "FAIL $name: ${problems[*]}"
            sed 's/^/  stderr: /' "$work/err" | head -5
        else
            passed=$((passed + 1))
            echo "ok   $name ($kib KiB, $seconds s)"
        fi
    }
    measure "peak RSS of a tiny run" $rss_bound 10 0 '^instructions: 1$' -- run "$work/one.wat"
    if [[ -f $work/huge.wasm ]]; then
        measure "2 GiB of garbage rejected at once" $rss_bound 2 2 '^error: magic header not detected \(at offset 0x0\)$' \
            -- validate "$work/huge.wasm"
    else
        echo "skip 2 GiB of garbage: truncate could not make a sparse file"
    fi
fi

# The spec runner next to the command line (same build directory): a missing suite is one line.
spectest=$(dirname "$cli")/spectest
if [[ -x $spectest ]]; then
    cli=env check "spectest: no suite (SPECTEST_DIR)" 2 '^$' \
        '^spectest: spec suite not found at /nonexistent \(set SPECTEST_DIR or --spectest-dir; see README "Spec suite"\)$' -- \
        SPECTEST_DIR=/nonexistent "$spectest"
    cli=$spectest check "spectest: no suite (--spectest-dir)" 2 '^$' '^spectest: spec suite not found at /nonexistent/x ' -- \
        --spectest-dir /nonexistent/x --file i32
    cli=$spectest check "spectest --help" 0 '^  --spectest-dir PATH +[a-z]' '^$' -- --help
    cli=$spectest check "spectest: bad option" 2 '^$' '^spectest: unknown argument --bogus' -- --bogus
else
    echo "skip spectest checks: no executable at $spectest"
fi

# WASI programs (the C fixtures of Tests/WASIFixtureSources): arguments, environment, stdin, exit
# codes and preopens come only from the command line.
fixtures=Tests/ReproWASITests/Fixtures
printf 'abc' >"$work/stdin.txt"
mkdir "$work/wasi-root"
printf 'some input\n' >"$work/wasi-root/input.txt"
check "wasi exit code and stdin" 7 '^ABC$' '^read 3 bytes$' -- run "$fixtures/stdin_exit.wasm" --stdin "$work/stdin.txt" -- 7
check "wasi arguments and environment" 0 '^argv\[2\]=--x$' '^$' -- \
    run "$fixtures/args_env.wasm" --env A=1 --env=B=2 -- one --x
check "wasi no host environment" 0 '^argc=1$' '^$' -- run "$fixtures/args_env.wasm"
check "wasi stats" 0 '^random [0-9a-f]{40}$' '^instructions: [0-9]+$' -- run --stats "$fixtures/clock_random.wasm"
check "wasi writable preopen" 0 '^/: \. \.\. input.txt out.txt$' '^$' -- \
    run "$fixtures/files.wasm" --dir-rw "$work/wasi-root::/"
check "wasi in-memory preopen" 0 '^/: \. \.\. input.txt out.txt$' '^$' -- \
    run "$fixtures/files.wasm" --dir-mem "$work/wasi-root::/"
check "wasi read-only preopen" 1 '^failed: fd >= 0' '^$' -- run "$fixtures/files.wasm" --dir "$work/wasi-root::/"
check "wasi missing directory" 2 '^$' "^error: --dir: '$work/nowhere' is not a directory" -- \
    run "$fixtures/files.wasm" --dir "$work/nowhere"
check "wasi bad --env" 2 '^$' "^error: --env takes NAME=VALUE, not 'novalue'" -- \
    run "$fixtures/args_env.wasm" --env novalue

# numcodecs-wasm codecs (`repro-wasm codec`). A .npy file of two f64 (NumPy's layout: magic, version
# 1.0, header length 118, the header dictionary padded to 128 bytes in all, then the data).
{
    printf '\x93NUMPY\x01\x00\x76\x00'
    printf '%-117s\n' "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }"
    printf '\x00\x00\x00\x00\x00\x00\xf0\x3f\x00\x00\x00\x00\x00\x00\x04\x40'
} >"$work/two.npy"
{
    printf '\x93NUMPY\x01\x00\x76\x00'
    printf '%-117s\n' "{'descr': '|u1', 'fortran_order': False, 'shape': (4,), }"
    printf 'abcd'
} >"$work/bytes.npy"
check "codec --help" 0 '^usage: repro-wasm codec CODEC.wasm info' '^$' -- codec --help
check "codec: unknown action" 2 '^$' "^error: unknown codec action 'squash'" -- codec "$work/garbage.wasm" squash
check "codec: input not .npy" 2 '^$' 'not a .npy file' -- codec "$work/garbage.wasm" encode "$work/stdin.txt" -o "$work/o.npy"
check "codec: encode needs -o" 2 '^$' 'encode needs -o OUT.npy' -- codec "$work/garbage.wasm" encode "$work/two.npy"
check "codec: bad --wasi" 2 '^$' "^error: --wasi takes native or provider, not 'both'" -- \
    codec "$work/garbage.wasm" encode "$work/two.npy" -o "$work/o.npy" --wasi both
check "codec: native WASI takes no provider" 2 '^$' '^error: --wasi native takes no --wasi-provider' -- \
    codec "$work/garbage.wasm" info --wasi native --wasi-provider /nonexistent/p.wasm
check "codec: missing provider" 2 '^$' '^error: cannot load the WASI provider /nonexistent/p.wasm' -- \
    codec "$work/garbage.wasm" info --wasi-provider /nonexistent/p.wasm
# With the downloaded components (scripts/fetch-codecs.sh, scripts/fetch-wasi-provider.py).
codecs=${CODECS_DIR:-$HOME/.cache/repro-wasm/codecs}
if [[ -f $codecs/zstd.wasm && -f $codecs/wasi-sandboxed-merged.wasm ]]; then
    export REPRO_WASM_WASI_PROVIDER=$codecs/wasi-sandboxed-merged.wasm
    check "codec info" 0 '^\{"id": "zstd.rs", "config": \{"id":"zstd.rs","level":3' '^$' -- \
        codec "$codecs/zstd.wasm" info --config '{"level": 3}'
    check "codec encode --stats" 0 '^$' '^encode: [0-9]+ instructions$' -- \
        codec "$codecs/zstd.wasm" encode "$work/two.npy" -o "$work/enc.npy" --config '{"level": 3}' --stats
    check "codec --stats names the provider" 0 '^$' '^wasi: provider$' -- \
        codec "$codecs/zstd.wasm" encode "$work/two.npy" -o "$work/enc.npy" --config '{"level": 3}' --stats
    check "codec --wasi native" 0 '^$' '^wasi: native$' -- \
        codec "$codecs/zstd.wasm" encode "$work/two.npy" -o "$work/enc-native.npy" --config '{"level": 3}' \
        --stats --wasi native
    if cmp -s "$work/enc.npy" "$work/enc-native.npy"; then
        passed=$((passed + 1)); echo "ok   codec native WASI encodes as the provider"
    else
        failed=$((failed + 1)); echo "FAIL codec native WASI: encoded .npy differs from provider mode"
    fi
    check "codec decode" 0 '^$' '^$' -- codec "$codecs/zstd.wasm" decode "$work/enc.npy" -o "$work/dec.npy" --config '{"level": 3}'
    if cmp -s "$work/two.npy" "$work/dec.npy"; then
        passed=$((passed + 1)); echo "ok   codec round trip"
    else
        failed=$((failed + 1)); echo "FAIL codec round trip: decoded .npy differs from the input"
    fi
    check "codec error and cause" 1 '^$' '^  caused by: ' -- \
        codec "$codecs/zstd.wasm" decode "$work/bytes.npy" -o "$work/o.npy" --config '{"level": 3}'
    check "codec wrong dtype" 1 '^$' '^error: Zstd can only decode one-dimensional byte arrays' -- \
        codec "$codecs/zstd.wasm" decode "$work/two.npy" -o "$work/o.npy" --config '{"level": 3}'
    check "codec bad config" 1 '^$' 'unknown field `bogus`' -- codec "$codecs/zstd.wasm" info --config '{"bogus": 1}'
    unset REPRO_WASM_WASI_PROVIDER
else
    echo "skip codec checks with components: none in $codecs (scripts/fetch-codecs.sh, scripts/fetch-wasi-provider.py)"
fi

echo "cli-test: $passed passed, $failed failed"
((failed == 0))
