#!/usr/bin/env bash
# Builds the DocC catalog (Sources/ReproWasm/ReproWasm.docc) against the library's public symbols,
# with the toolchain's own docc and no package plugin (the package has no dependencies).
#
#   scripts/docs.sh [BUILD-DIR] [OUTPUT-DIR]     (defaults: .build/release, .build/docs)
#
# The library must be built first (`swift build -c release`). Fails if docc cannot build the catalog.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-.build/release}
output=${2:-.build/docs}
if ! command -v docc >/dev/null || ! command -v swift-symbolgraph-extract >/dev/null; then
    echo "docs: this toolchain has no docc; skipped"
    exit 0
fi
graphs=$(mktemp -d)
trap 'rm -rf "$graphs"' EXIT
triple=$(swift -print-target-info | sed -n 's/.*"triple": "\(.*\)".*/\1/p' | head -1)
swift-symbolgraph-extract -module-name ReproWasm -I "$build/Modules" -target "$triple" \
    -output-dir "$graphs" -minimum-access-level public
docc convert Sources/ReproWasm/ReproWasm.docc --additional-symbol-graph-dir "$graphs" \
    --output-path "$output" --fallback-display-name ReproWasm --fallback-bundle-identifier ReproWasm
echo "docs: $output"
