#!/usr/bin/env bash
# Checks that the quickstart in README.md and in the DocC article is, line for line, the code that
# the EmbeddingExample target compiles and runs (between the quickstart markers), so the
# documentation cannot drift from code that works.
set -euo pipefail
cd "$(dirname "$0")/.."
example=Examples/Embedding/main.swift
# The code between `// quickstart-begin` and `// quickstart-end`.
from_example() { sed -n '/^\/\/ quickstart-begin$/,/^\/\/ quickstart-end$/p' "$1" | sed '1d;$d'; }
# The fenced code between `<!-- quickstart-begin -->` and `<!-- quickstart-end -->`.
from_markdown() { sed -n '/^<!-- quickstart-begin -->$/,/^<!-- quickstart-end -->$/p' "$1" | sed '1,2d' | sed '$d' | sed '$d'; }
expected=$(from_example "$example")
[[ -n $expected ]] || { echo "check-quickstart: no quickstart markers in $example" >&2; exit 1; }
status=0
difference=$(mktemp)
trap 'rm -f "$difference"' EXIT
for document in README.md Sources/ReproWasm/ReproWasm.docc/GettingStarted.md; do
    if ! diff -u <(echo "$expected") <(from_markdown "$document") >"$difference"; then
        echo "check-quickstart: $document differs from $example:" >&2
        cat "$difference" >&2
        status=1
    fi
done
[[ $status == 0 ]] && echo "check-quickstart: README.md and GettingStarted.md match $example"
exit $status
