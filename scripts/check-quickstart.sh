#!/usr/bin/env bash
# Checks that the code the documentation quotes is, line for line, code that a target of the package
# compiles (between markers), so the documentation cannot drift from code that builds:
# - the quickstart in README.md and the DocC article GettingStarted.md is the EmbeddingExample target
#   (Examples/Embedding/main.swift, which CI also runs);
# - the Swift code of the DocC article Codecs.md is the CodecExample target (Examples/Codec/main.swift,
#   which CI builds but does not run: it needs the downloaded codecs and an input file).
set -euo pipefail
cd "$(dirname "$0")/.."
# The code between `// NAME-begin` and `// NAME-end` in a Swift file.
from_example() { sed -n "/^\/\/ $2-begin\$/,/^\/\/ $2-end\$/p" "$1" | sed '1d;$d'; }
# The fenced code between `<!-- NAME-begin -->` and `<!-- NAME-end -->` in a Markdown file.
from_markdown() { sed -n "/^<!-- $2-begin -->\$/,/^<!-- $2-end -->\$/p" "$1" | sed '1,2d' | sed '$d' | sed '$d'; }
status=0
difference=$(mktemp)
trap 'rm -f "$difference"' EXIT
# check EXAMPLE MARKER DOCUMENT...
check() {
    local example=$1 marker=$2
    shift 2
    local expected
    expected=$(from_example "$example" "$marker")
    if [[ -z $expected ]]; then
        echo "check-quickstart: no $marker markers in $example" >&2
        status=1
        return
    fi
    for document in "$@"; do
        if ! diff -u <(echo "$expected") <(from_markdown "$document" "$marker") >"$difference"; then
            echo "check-quickstart: $document differs from $example:" >&2
            cat "$difference" >&2
            status=1
        else
            echo "check-quickstart: $document matches $example"
        fi
    done
}
check Examples/Embedding/main.swift quickstart README.md Sources/ReproWasm/ReproWasm.docc/GettingStarted.md
check Examples/Codec/main.swift codec-example Sources/ReproWasm/ReproWasm.docc/Codecs.md
exit $status
