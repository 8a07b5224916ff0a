#!/usr/bin/env bash
# Checks that threaded dispatch compiled to tail calls in a release build: every handler in
# `ThreadedHandlers` (Dispatch.swift) must reach the next op with a jump, never with a
# call, or each op run would grow the native stack (the one call allowed is handleSIMD's call of
# the SIMD op's own function, which returns before the jump). (Handlers the compiler merged because their
# code is the same are a jump to the shared body, which is checked as part of the handler it follows.) Swift does not promise tail calls, so this
# looks at the machine code. Usage: scripts/check-tail-calls.sh [BINARY] (default: builds and
# checks .build/release/repro-wasm).
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-}
if [[ -z $binary ]]; then
    swift build -c release --product repro-wasm >/dev/null
    binary=.build/release/repro-wasm
fi
objdump -d --no-show-raw-insn "$binary" | awk '
    /^[0-9a-f]+ <.*>:$/ {
        finish()
        name = $2
        inHandler = (name ~ /16ThreadedHandlersO[0-9]+handle/ && name ~ /fU_>:$/)
        jumps = 0; calls = 0
        next
    }
    # handleSIMD calls the SIMD op'"'"'s own function (word 1 of the instruction), which returns; it
    # must still reach the next op with a jump like every other handler.
    inHandler && /\tcall +\*/ && name !~ /handleSIMD/ { calls++; bad[name] = "indirect call: " $0 }
    inHandler && /\tcall .*16ThreadedHandlersO/ { calls++; bad[name] = "call to a handler: " $0 }
    inHandler && /\tjmp +\*/ { jumps++; totalJumps++ }
    function finish() {
        if (inHandler) handlers++
    }
    END {
        finish()
        n = 0
        for (h in bad) { print "not a tail call: " h " (" bad[h] ")"; n++ }
        if (handlers == 0 || totalJumps == 0) { print "no threaded handlers or dispatch jumps found"; exit 1 }
        printf "%d threaded handlers, %d dispatch jumps, %d handlers calling the next op\n", handlers, totalJumps, n
        exit n > 0
    }'
