#!/usr/bin/env bash
# Builds a libFuzzer target with AddressSanitizer from the library's sources and runs it.
#
#   scripts/fuzz.sh [decode|execute] [SECONDS] [extra libFuzzer flags...]
#   scripts/fuzz.sh check     type-checks both targets against the library (CI runs this, so an
#                             API change cannot leave a fuzz target that no longer compiles)
#
# The corpus starts from the spec suite's modules ($SPECTEST_DIR or ../shared/spectest) and the
# benchmark workloads; crashes land in fuzz-out/<target>/ and should become files under
# Tests/ReproWasmTests/Regressions/Inputs/.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-decode}
if [ "$target" = check ]; then
  for entry in Fuzz/DecodeValidate.swift Fuzz/Execute.swift; do
    swiftc -typecheck -parse-as-library -module-name ReproWasm \
      $(find Sources/ReproWasm -name '*.swift' | sort) "$entry"
    echo "fuzz target $entry type-checks"
  done
  exit 0
fi
seconds=${2:-600}
shift $(( $# > 2 ? 2 : $# ))
spectest=${SPECTEST_DIR:-../shared/spectest}
out=fuzz-out/$target
mkdir -p "$out/corpus" "$out/crashes"
case $target in
  decode) entry=Fuzz/DecodeValidate.swift ;;
  execute) entry=Fuzz/Execute.swift ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac
binary=$out/fuzz-$target
echo "building $binary"
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name ReproWasm \
  $(find Sources/ReproWasm -name '*.swift' | sort) "$entry" -o "$binary"
if [ -z "$(ls -A "$out/corpus")" ]; then
  # The list is read whole first: `find | head` let head close the pipe while find was still writing,
  # and under pipefail find's SIGPIPE stopped the script (exit 141) on some runs.
  mapfile -t seeds < <(find "$spectest/json" -name '*.wasm' -size -64k | sort)
  for f in "${seeds[@]:0:4000}"; do
    cp "$f" "$out/corpus/$(sha1sum "$f" | cut -c1-16).wasm"
  done
  # Seeds in the text format (exception handling across frames and the host), converted by the CLI.
  for f in Fuzz/Seeds/*.wat; do
    swift run -q repro-wasm wat2wasm "$f" -o "$out/corpus/$(basename "$f" .wat).wasm"
  done
  cp Benchmarks/Workloads/wasm/*.wasm "$out/corpus/" 2>/dev/null || true
  rm -f "$out/corpus/large.wasm"
fi
"$binary" "$out/corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
  -artifact_prefix="$out/crashes/" -print_final_stats=1 "$@" 2>&1 | tee "$out/last-run.log" | tail -40
