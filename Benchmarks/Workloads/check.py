#!/usr/bin/env python3
"""Run each workload export in wasmtime (reference engine) and print or
record the results.

  python3 check.py            # run all cases, compare with expected.tsv
  python3 check.py --write    # regenerate expected.tsv
  python3 check.py --only small   # just the 'small' (test-sized) cases

Requires `pip install wasmtime`.
"""
import os
import struct
import sys
import time

import wasmtime

HERE = os.path.dirname(os.path.abspath(__file__))
WASM = os.path.join(HERE, "wasm")
EXPECTED = os.path.join(HERE, "expected.tsv")

# (module, export, args, size class). 'small' cases are for unit tests;
# 'bench' cases are benchmark-sized (roughly 0.2-2 s on a fast interpreter).
CASES = [
    ("fib", "fib", [10], "small"),
    ("fib", "fib", [20], "small"),
    ("fib", "fib", [35], "bench"),
    ("loops", "run", [2], "small"),
    ("loops", "run", [20000], "bench"),
    ("sort", "run", [100], "small"),
    ("sort", "run", [1000000], "bench"),
    ("sieve", "run", [1], "small"),
    ("sieve", "run", [20], "bench"),
    ("memcpy", "run", [1], "small"),
    ("memcpy", "run", [200], "bench"),
    ("bulk", "run", [10], "small"),
    ("bulk", "run", [200000], "bench"),
    ("nbody", "run", [10], "small"),
    ("nbody", "energy_after", [0], "small"),
    ("nbody", "energy_after", [1000], "small"),
    ("nbody", "run", [500000], "bench"),
    ("mandelbrot", "run", [16], "small"),
    ("mandelbrot", "run", [1000], "bench"),
    ("sha256", "sha_abc", [], "small"),
    ("sha256", "run", [1], "small"),
    ("sha256", "run", [4096], "bench"),
    ("lz", "compressed_size", [4], "small"),
    ("lz", "run", [4], "small"),
    ("lz", "run", [4096], "bench"),
    ("dot_scalar", "run", [2], "small"),
    ("dot_scalar", "run", [200], "bench"),
    ("dot_simd", "run", [2], "small"),
    ("dot_simd", "run", [200], "bench"),
    # The broader set (issue #23).
    ("stencil_f32", "run", [2], "small"),
    ("stencil_f32", "run", [800], "bench"),
    ("stencil_f64", "run", [2], "small"),
    ("stencil_f64", "run", [900], "bench"),
    ("primes64", "run", [100], "small"),
    ("primes64", "run", [500000], "bench"),
    ("list", "run", [1], "small"),
    ("list", "run", [140], "bench"),
    ("tree", "run", [1], "small"),
    ("tree", "run", [45], "bench"),
    ("vm", "run", [100], "small"),
    ("vm", "run", [7000], "bench"),
    ("vm_O0", "run", [100], "small"),
    ("vm_O0", "run", [3500], "bench"),
    ("strings", "run", [1], "small"),
    ("strings", "run", [150], "bench"),
    ("matmul", "run", [1], "small"),
    ("matmul", "run", [110], "bench"),
    ("matmul_O3", "run", [1], "small"),
    ("matmul_O3", "run", [130], "bench"),
    ("hash", "run", [1], "small"),
    ("hash", "run", [85], "bench"),
    ("hash_Os", "run", [1], "small"),
    ("hash_Os", "run", [85], "bench"),
    ("dp", "run", [1], "small"),
    ("dp", "run", [16], "bench"),
    ("large", "num_funcs", [], "small"),
    ("large", "run", [1], "small"),
    ("large", "run", [20], "bench"),
]


def fmt(val, ty):
    """Render a result as TYPE:VALUE (ints signed, f64 as exact hex bits)."""
    k = str(ty)
    if k == "f64":
        bits = struct.unpack("<Q", struct.pack("<d", val))[0]
        return f"f64:0x{bits:016x}"
    if k == "f32":
        bits = struct.unpack("<I", struct.pack("<f", val))[0]
        return f"f32:0x{bits:08x}"
    return f"{k}:{val}"


def run_case(engine, cache, module, export, args):
    path = os.path.join(WASM, module + ".wasm")
    if not os.path.exists(path):
        return None, 0.0
    if module not in cache:
        cache[module] = wasmtime.Module.from_file(engine, path)
    store = wasmtime.Store(engine)
    inst = wasmtime.Instance(store, cache[module], [])
    fn = inst.exports(store)[export]
    ty = fn.type(store).results[0]
    t0 = time.perf_counter()
    res = fn(store, *args)
    dt = time.perf_counter() - t0
    return fmt(res, ty), dt


def main():
    write = "--write" in sys.argv
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    expected = {}
    if os.path.exists(EXPECTED) and not write:
        for line in open(EXPECTED):
            if line.startswith("#") or not line.strip():
                continue
            m, e, a, _size, r = line.rstrip("\n").split("\t")
            expected[(m, e, a)] = r
    cfg = wasmtime.Config()
    cfg.wasm_simd = True
    cfg.wasm_bulk_memory = True
    engine = wasmtime.Engine(cfg)
    cache = {}
    rows, bad = [], 0
    for module, export, args, size in CASES:
        if only and size != only:
            continue
        astr = ",".join(str(a) for a in args) or "-"  # "-" = no arguments
        res, dt = run_case(engine, cache, module, export, args)
        if res is None:
            print(f"{module}\t{export}\t{astr}\tSKIP (not built)")
            continue
        status = ""
        exp = expected.get((module, export, astr))
        if exp is not None and exp != res:
            status = f"  MISMATCH expected {exp}"
            bad += 1
        print(f"{module:11} {export:15} {astr:8} {size:5} {res:28} {dt*1000:9.1f} ms{status}")
        rows.append((module, export, astr, size, res))
    if write:
        with open(EXPECTED, "w") as f:
            f.write("# module\texport\targs (comma-separated i32, - for none)\tsize\tresult (TYPE:VALUE; ints signed; floats as bit patterns)\n")
            for r in rows:
                f.write("\t".join(r) + "\n")
        print(f"wrote {EXPECTED}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
