#!/usr/bin/env python3
"""Times numcodecs-wasm 0.2.5 (wasmtime's optimising JIT) on the harness's codec rows.

`reprowasm-bench` runs this with the codec venv's Python (scripts/codec-differential.py makes it) so
that both hosts are timed on the same machine in the same run, on the same input file:

    codec-times.py --input IN.npy --codecs-dir DIR --repetitions N NAME=CONFIG_JSON ...

For each codec: the class is made from DIR/NAME.wasm (wasmtime compiles it then, untimed), one codec
is created from CONFIG_JSON, one encode and one decode run untimed (warm-up), then N encodes and N
decodes are timed one by one with time.perf_counter_ns. Prints one tab-separated line per codec and
operation: NAME, OP (encode or decode), median, min and max in nanoseconds, the call's instruction
count (numcodecs_wasm.read_codec_instruction_counter, read before and after), and the output's size
in bytes. Standard library, numpy and numcodecs-wasm only.
"""

import argparse
import json
import statistics
import sys
import time
import types
from pathlib import Path


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    parser.add_argument("--codecs-dir", required=True)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("codecs", nargs="+", help="NAME=CONFIG_JSON")
    args = parser.parse_args(argv)

    import numpy as np
    import numcodecs_wasm

    data = np.load(args.input)
    for spec in args.codecs:
        name, config = spec.split("=", 1)
        module = types.ModuleType(f"codec_times_{name.replace('-', '_')}")
        sys.modules[module.__name__] = module
        cls = numcodecs_wasm.create_codec_class(module, (Path(args.codecs_dir) / f"{name}.wasm").read_bytes())
        codec = cls.__new__(cls, **json.loads(config))
        encoded = codec.encode(data)  # warm-up
        codec.decode(encoded)
        for op, run, argument in (("encode", codec.encode, data), ("decode", codec.decode, encoded)):
            samples, count, size = [], None, None
            for _ in range(args.repetitions):
                before = numcodecs_wasm.read_codec_instruction_counter(codec)
                started = time.perf_counter_ns()
                output = run(argument)
                samples.append(time.perf_counter_ns() - started)
                count = numcodecs_wasm.read_codec_instruction_counter(codec) - before
                size = np.asarray(output).nbytes
            print(f"{name}\t{op}\t{int(statistics.median(samples))}\t{min(samples)}\t{max(samples)}\t{count}\t{size}",
                  flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
