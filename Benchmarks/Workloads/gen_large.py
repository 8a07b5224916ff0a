#!/usr/bin/env python3
"""Generate large.c: thousands of distinct straight-line/branchy functions
called through a function-pointer table, giving a module with >= 1 MB of
code for load/validation/compile-time measurements.

Usage: gen_large.py OUT.c [NUM_FUNCS]
"""
import random
import sys

def stmt(rng):
    c1 = rng.getrandbits(32) | 1
    c2 = rng.getrandbits(32)
    sh = rng.randint(1, 31)
    kind = rng.randint(0, 7)
    if kind == 0:
        return f"x = (x ^ 0x{c2:08x}u) * 0x{c1:08x}u;"
    if kind == 1:
        return f"x += (x >> {sh}) ^ 0x{c2:08x}u;"
    if kind == 2:
        return f"y = y * 0x{c1:08x}u + (x << {sh});"
    if kind == 3:
        return f"if (x & 0x{1 << rng.randint(0, 31):08x}u) x -= y ^ 0x{c2:08x}u; else y += x | 0x{c1:08x}u;"
    if kind == 4:
        return f"x = (x << {sh}) | (x >> {32 - sh}); y ^= x + 0x{c2:08x}u;"
    if kind == 5:
        cases = " ".join(
            f"case {k}: x += 0x{rng.getrandbits(32):08x}u; y ^= x >> {rng.randint(1, 31)}; break;"
            for k in range(8))
        return f"switch ((x >> {rng.randint(0, 28)}) & 7) {{ {cases} }}"
    if kind == 6:
        return f"x ^= y / ((x & 0xff) | 1u) + 0x{c2:08x}u;"
    return f"y = (y ^ (y >> {sh})) + x * 0x{c1:08x}u;"

def main():
    out = sys.argv[1]
    nf = int(sys.argv[2]) if len(sys.argv) > 2 else 1200
    rng = random.Random(20240601)
    lines = ['#include "rt.h"', ""]
    for i in range(nf):
        lines.append(f"static u32 f{i}(u32 x) {{")
        lines.append(f"    u32 y = 0x{rng.getrandbits(32):08x}u;")
        for _ in range(rng.randint(30, 50)):
            lines.append("    " + stmt(rng))
        lines.append("    return x ^ y;")
        lines.append("}")
    lines.append("")
    lines.append("typedef u32 (*fn_t)(u32);")
    lines.append("static fn_t const table[%d] = {" % nf)
    for i in range(0, nf, 16):
        lines.append("    " + " ".join(f"f{j}," for j in range(i, min(i + 16, nf))))
    lines.append("};")
    lines.append("")
    lines.append('EXPORT("run") u32 run(int n) {')
    lines.append("    u32 acc = 0x811c9dc5u;")
    lines.append("    for (int r = 0; r < n; r++)")
    lines.append(f"        for (int i = 0; i < {nf}; i++) acc = table[i](acc) * 16777619u;")
    lines.append("    return acc;")
    lines.append("}")
    lines.append("")
    lines.append(f'EXPORT("num_funcs") int num_funcs(void) {{ return {nf}; }}')
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")

if __name__ == "__main__":
    main()
