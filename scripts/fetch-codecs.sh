#!/usr/bin/env bash
# Downloads the 27 numcodecs-wasm codec wheels from PyPI (pinned to their latest releases) and extracts
# the component (.wasm) from each into a cache directory outside the repository.
#
# usage: scripts/fetch-codecs.sh [CACHE_DIR]     (default: $CODECS_DIR or ~/.cache/repro-wasm/codecs)
# Prints one line per codec: NAME PATH. Wheels already extracted are not downloaded again.
set -euo pipefail

cache="${1:-${CODECS_DIR:-$HOME/.cache/repro-wasm/codecs}}"
mkdir -p "$cache/wheels"

codecs=(
  asinh==0.4.0 bit-round==0.5.0 ebcc==0.3.0 fixed-offset-scale==0.4.0 fourier-network==0.3.0
  identity==0.4.0 jpeg2000==0.3.0 lc==0.1.0 linear-quantize==0.5.0 log==0.5.0 onion==0.1.0
  pco==0.4.0 pressio==0.1.0b2 qpet-sperr==0.2.2 random-projection==0.4.0 reinterpret==0.4.0
  round==0.5.0 sperr==0.2.3 stochastic-rounding==0.2.0 swizzle-reshape==0.4.0 sz3==0.8.4
  tthresh==0.3.2 uniform-noise==0.4.0 zfp==0.6.0 zfp-classic==0.4.0 zlib==0.4.0 zstd==0.4.0
)

for spec in "${codecs[@]}"; do
  name="${spec%%==*}"
  out="$cache/$name.wasm"
  if [ ! -s "$out" ]; then
    pip download --quiet --no-deps --dest "$cache/wheels" "numcodecs-wasm-$spec" >&2
    wheel=$(ls "$cache/wheels"/numcodecs_wasm_"${name//-/_}"-*.whl | head -n 1)
    member=$(python3 -c 'import sys, zipfile; print(next(n for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.endswith(".wasm")))' "$wheel")
    python3 -c 'import sys, zipfile; open(sys.argv[3], "wb").write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' "$wheel" "$member" "$out"
  fi
  echo "$name $out"
done
