"""Hand-made probe modules for the differential test (scripts/differential/run.py).

Random modules reach an operator's corner cases only by chance: wasm-smith seldom feeds an operator
exactly INT_MIN and -1, a float one ulp below 2^31, or a signalling NaN. The probes apply operators
to grids of such operands instead, and run on both engines like any other module:

- the NaN probe: the 48 operators docs/DETERMINISM.md §2 canonicalises, and the ones it passes through,
  on NaNs of every kind and on the operands that produce NaNs;
- the operator probe: the profile's integer, conversion, comparison, SIMD, wide-arithmetic, memory,
  bulk-memory and table instructions on edge operands, with memory and table state carried from
  call to call.

Each probe is a module in the text format (assembled with `wasm-tools parse`) and a list of calls
in the runner's job format: `{"export": name, "args": [raw bits or 32 hex digits]}`.
"""

import itertools

# Values are raw bit patterns. Floats: NaNs of every kind first, then the values that make NaNs
# (0, inf) and the ones where rounding and signed zeros matter.
F32_PROBE = [0x7FC00000, 0xFFC00000, 0x7FA00000, 0xFF800001, 0x7FC12345, 0xFFFFFFFF, 0x7F800001,
             0x3F800000, 0xBF800000, 0x80000000, 0x00000000, 0x7F800000, 0xFF800000,
             0x40200000, 0xC0200000, 0x3F000000, 0xBF000000, 0x3FC00000, 0x4B000001, 0x00000001, 0x80800000]
F64_PROBE = [0x7FF8000000000000, 0xFFF8000000000000, 0x7FF4000000000000, 0xFFF0000000000001,
             0x7FF8000000012345, 0xFFFFFFFFFFFFFFFF, 0x7FF0000000000001, 0x7FF80000E0000000,
             0x3FF0000000000000, 0xBFF0000000000000, 0x8000000000000000, 0x0000000000000000,
             0x7FF0000000000000, 0xFFF0000000000000,
             0x4004000000000000, 0xC004000000000000, 0x3FE0000000000000, 0xBFE0000000000000,
             0x3FF8000000000000, 0x4330000000000001, 0x0000000000000001, 0x8010000000000000]
CANONICALISED_BINARY = ["add", "sub", "mul", "div", "min", "max"]
CANONICALISED_UNARY = ["sqrt", "ceil", "floor", "trunc", "nearest"]

I32_EDGES = [0, 1, 2, 0xFFFFFFFF, 0xFFFFFFFE, 0x80000000, 0x7FFFFFFF, 31, 32, 33, 0x80, 0xFF, 0x7FFF, 0x8000,
             0xFFFF, 0x12345678]
I64_EDGES = [0, 1, 2, 2**64 - 1, 2**64 - 2, 2**63, 2**63 - 1, 63, 64, 65, 0x80, 0xFFFFFFFF, 0x80000000,
             0x100000000, 0x7FFFFFFF, 0x123456789ABCDEF0]
# Integers whose conversion to float rounds (ties, the last representable values).
I32_ROUNDING = [16777217, 16777219, 0x7FFFFFC0, 0x7FFFFF80, 0xFFFFFF81, 0x80000001]
I64_ROUNDING = [2**53 + 1, 2**53 + 3, 0x7FFFFFFFFFFFFC01, 0x8000000000000401, 0xFFFFFFFFFFFFF801, 0x1000001,
                0x7FFFFF8000000001]
# Floats at the edges of the integer ranges (for trunc and trunc_sat), with NaNs and infinities.
F32_TO_INT = [0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x3F7FFFFF, 0xBF7FFFFF, 0x4F000000, 0xCF000000,
              0x4EFFFFFF, 0xCF000001, 0x4F800000, 0x4F7FFFFF, 0x5F000000, 0x5EFFFFFF, 0xDF000000, 0xDF000001,
              0x5F800000, 0x5F7FFFFF, 0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00000, 0x7FA00000, 0x7F7FFFFF]
F64_TO_INT = [0x0000000000000000, 0x8000000000000000, 0x3FF0000000000000, 0xBFF0000000000000,
              0x3FEFFFFFFFFFFFFF, 0xBFEFFFFFFFFFFFFF, 0x41E0000000000000, 0x41DFFFFFFFC00000,
              0x41DFFFFFFFE00000, 0x41DFFFFFFFFFFFFF, 0xC1E0000000000000, 0xC1E0000000200000,
              0xC1E0000000100000, 0xC1E00000001FFFFF, 0x41F0000000000000, 0x41EFFFFFFFE00000,
              0x41EFFFFFFFFFFFFF, 0x43E0000000000000, 0x43DFFFFFFFFFFFFF, 0xC3E0000000000000,
              0xC3E0000000000001, 0x43F0000000000000, 0x43EFFFFFFFFFFFFF, 0x7FF0000000000000,
              0xFFF0000000000000, 0x7FF8000000000000, 0x7FF4000000000000, 0x7FEFFFFFFFFFFFFF]
# f64 values whose demotion to f32 rounds: ties to even, overflow to infinity, subnormal results.
F64_DEMOTE = [0x3FF0000010000000, 0x3FF0000030000000, 0x3FF0000010000001, 0x47EFFFFFF0000000,
              0x47EFFFFFEFFFFFFF, 0x36A0000000000000, 0x3690000000000000, 0x36A8000000000000,
              0x3690000000000001, 0xC7EFFFFFF0000000, 0x380FFFFFF0000000]


def canonicalised_operators():
    """The 48 operators docs/DETERMINISM.md §2 canonicalises, by their text-format names."""
    names = [f"{kind}.{op}" for kind in ("f32", "f64", "f32x4", "f64x2")
             for op in CANONICALISED_BINARY + CANONICALISED_UNARY]
    return names + ["f32.demote_f64", "f64.promote_f32", "f32x4.demote_f64x2_zero", "f64x2.promote_low_f32x4"]


def lanes(values, width):
    """A v128 argument (32 hex digits, most significant first) from lane values, lane 0 first."""
    return f"{sum((value & ((1 << width) - 1)) << (width * index) for index, value in enumerate(values)):032x}"


class Probe:
    """A probe module under construction: functions, other fields and the calls to make."""

    def __init__(self):
        self.fields, self.calls = [], []

    def function(self, name, params, results, body, argument_lists):
        """Adds an exported function and one call per argument list."""
        declared = " ".join(f"(param {kind})" for kind in params)
        returned = " ".join(f"(result {kind})" for kind in results)
        self.fields.append(f'  (func (export "{name}") {declared} {returned} {body})')
        self.calls.extend({"export": name, "args": list(args)} for args in argument_lists)

    def operator(self, name, params, results, argument_lists, instruction=None):
        """A function that applies one instruction to its parameters in order."""
        operands = " ".join(f"(local.get {index})" for index in range(len(params)))
        self.function(name, params, results, f"({instruction or name} {operands})", argument_lists)

    def text(self):
        return "(module\n" + "\n".join(self.fields) + "\n)\n"


def nan_probe():
    """(module text, calls): every operator the contract canonicalises, and the ones it passes
    through, applied to NaNs of every kind (quiet, signalling, negative, with payloads) and to the
    operands that make NaNs (0/0, inf-inf, sqrt(-1), ...), scalar and per SIMD lane."""
    probe = Probe()
    probe.fields.append("  (memory 1)")
    for kind, values in (("f32", F32_PROBE), ("f64", F64_PROBE)):
        pairs = list(itertools.product(values, values))
        singles = [(x,) for x in values]
        for op in CANONICALISED_BINARY + ["copysign"]:
            probe.operator(f"{kind}.{op}", [kind, kind], [kind], pairs)
        for op in CANONICALISED_UNARY + ["abs", "neg"]:
            probe.operator(f"{kind}.{op}", [kind], [kind], singles)
        # Pass-through paths: a NaN reinterpreted, and stored and loaded.
        integer = "i32" if kind == "f32" else "i64"
        probe.operator(f"{kind}.reinterpret", [kind], [integer], singles, f"{integer}.reinterpret_{kind}")
        probe.function(f"{kind}.store-load", [kind], [kind],
                       f"({kind}.store (i32.const 8) (local.get 0)) ({kind}.load (i32.const 8))", singles)
    probe.operator("f32.demote_f64", ["f64"], ["f32"], [(x,) for x in F64_PROBE])
    probe.operator("f64.promote_f32", ["f32"], ["f64"], [(x,) for x in F32_PROBE])

    for shape, width, values in (("f32x4", 32, F32_PROBE), ("f64x2", 64, F64_PROBE)):
        count = 128 // width
        vector_pairs = [(lanes([x, y, x, y][:count], width), lanes([y, x, x, y][:count], width))
                        for x, y in itertools.product(values, values)]
        vector_singles = [(lanes([values[(start + lane) % len(values)] for lane in range(count)], width),)
                          for start in range(len(values))]
        for op in CANONICALISED_BINARY + ["pmin", "pmax"]:
            probe.operator(f"{shape}.{op}", ["v128", "v128"], ["v128"], vector_pairs)
        for op in CANONICALISED_UNARY + ["abs", "neg"]:
            probe.operator(f"{shape}.{op}", ["v128"], ["v128"], vector_singles)
    f64_vectors = [(lanes([x, y], 64),) for x, y in itertools.product(F64_PROBE, F64_PROBE)]
    f32_vectors = [(lanes([x, y, y, x], 32),) for x, y in itertools.product(F32_PROBE, F32_PROBE)]
    probe.operator("f32x4.demote_f64x2_zero", ["v128"], ["v128"], f64_vectors)
    probe.operator("f64x2.promote_low_f32x4", ["v128"], ["v128"], f32_vectors)
    return probe.text(), probe.calls


# ---------------------------------------------------------------------------------------------
# The operator probe

INT_BINARY = ["add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u", "and", "or", "xor", "shl", "shr_s",
              "shr_u", "rotl", "rotr", "eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"]
INT_COMPARISONS = {"eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"}
FLOAT_COMPARISONS = ["eq", "ne", "lt", "gt", "le", "ge"]

# Vectors with edge values in every lane shape, for the integer SIMD operators.
V128_EDGES = [
    lanes([0] * 4, 32),
    lanes([0xFFFFFFFF] * 4, 32),
    lanes([0x00, 0x01, 0x7F, 0x80, 0xFF, 0xFE, 0x40, 0xC0, 0x81, 0x7E, 0x10, 0xF0, 0x55, 0xAA, 0x33, 0xCC], 8),
    lanes([0x0F, 0x0E, 0x03, 0x10, 0x11, 0x1F, 0x20, 0x00, 0x08, 0x07, 0x90, 0x0A, 0x05, 0x0B, 0x01, 0x0C], 8),
    lanes([0, 1, 0x7FFF, 0x8000, 0xFFFF, 0x8001, 0x4000, 0xC000], 16),
    lanes([0x00FF, 0xFF00, 0x7F80, 0x807F, 0x0100, 0xFEFF, 0x0001, 0xFFFE], 16),
    lanes([0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 1], 32),
    lanes([0x00010000, 0xFFFF7FFF, 0x00008000, 0x7FFF8000], 32),
    lanes([0x8000000000000000, 0x7FFFFFFFFFFFFFFF], 64),
    lanes([0x0000000100000000, 0xFFFFFFFF00000001], 64),
    lanes([0x4F000000, 0xCF000001, 0x7FC00000, 0x3F7FFFFF], 32),  # f32 lanes at the i32 edges, NaN
    lanes([0x4F800000, 0xBF800000, 0x7F800000, 0x4EFFFFFF], 32),
    lanes([0x41E0000000000000, 0xC1E0000000200000], 64),  # f64 lanes at the i32 edges
    lanes([0x41EFFFFFFFE00000, 0x7FF8000000000000], 64),
    "0123456789abcdeffedcba9876543210",
]
SHIFT_COUNTS = [0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 0xFFFFFFFF]

SIMD_BINARY = (
    ["v128.and", "v128.andnot", "v128.or", "v128.xor", "i8x16.swizzle"]
    + [f"i8x16.{op}" for op in ["add", "sub", "add_sat_s", "add_sat_u", "sub_sat_s", "sub_sat_u", "min_s", "min_u",
                                "max_s", "max_u", "avgr_u", "eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s",
                                "le_u", "ge_s", "ge_u", "narrow_i16x8_s", "narrow_i16x8_u"]]
    + [f"i16x8.{op}" for op in ["add", "sub", "mul", "add_sat_s", "add_sat_u", "sub_sat_s", "sub_sat_u", "min_s",
                                "min_u", "max_s", "max_u", "avgr_u", "q15mulr_sat_s", "eq", "ne", "lt_s", "lt_u",
                                "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u", "narrow_i32x4_s", "narrow_i32x4_u",
                                "extmul_low_i8x16_s", "extmul_low_i8x16_u", "extmul_high_i8x16_s",
                                "extmul_high_i8x16_u"]]
    + [f"i32x4.{op}" for op in ["add", "sub", "mul", "min_s", "min_u", "max_s", "max_u", "eq", "ne", "lt_s", "lt_u",
                                "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u", "dot_i16x8_s",
                                "extmul_low_i16x8_s", "extmul_low_i16x8_u", "extmul_high_i16x8_s",
                                "extmul_high_i16x8_u"]]
    + [f"i64x2.{op}" for op in ["add", "sub", "mul", "eq", "ne", "lt_s", "gt_s", "le_s", "ge_s",
                                "extmul_low_i32x4_s", "extmul_low_i32x4_u", "extmul_high_i32x4_s",
                                "extmul_high_i32x4_u"]]
    + [f"{shape}.{op}" for shape in ("f32x4", "f64x2") for op in FLOAT_COMPARISONS]
)
SIMD_UNARY = (
    ["v128.not", "i8x16.abs", "i8x16.neg", "i8x16.popcnt"]
    + [f"i16x8.{op}" for op in ["abs", "neg", "extadd_pairwise_i8x16_s", "extadd_pairwise_i8x16_u",
                                "extend_low_i8x16_s", "extend_low_i8x16_u", "extend_high_i8x16_s",
                                "extend_high_i8x16_u"]]
    + [f"i32x4.{op}" for op in ["abs", "neg", "extadd_pairwise_i16x8_s", "extadd_pairwise_i16x8_u",
                                "extend_low_i16x8_s", "extend_low_i16x8_u", "extend_high_i16x8_s",
                                "extend_high_i16x8_u", "trunc_sat_f32x4_s", "trunc_sat_f32x4_u",
                                "trunc_sat_f64x2_s_zero", "trunc_sat_f64x2_u_zero"]]
    + [f"i64x2.{op}" for op in ["abs", "neg", "extend_low_i32x4_s", "extend_low_i32x4_u", "extend_high_i32x4_s",
                                "extend_high_i32x4_u"]]
    + ["f32x4.convert_i32x4_s", "f32x4.convert_i32x4_u", "f64x2.convert_low_i32x4_s", "f64x2.convert_low_i32x4_u"]
)
SIMD_TESTS = ["v128.any_true"] + [f"{shape}.{op}" for shape in ("i8x16", "i16x8", "i32x4", "i64x2")
                                  for op in ("all_true", "bitmask")]

# Loads and stores: (instruction, value type, bytes touched).
LOADS = [("i32.load", "i32"), ("i64.load", "i64"), ("f32.load", "f32"), ("f64.load", "f64"),
         ("i32.load8_s", "i32"), ("i32.load8_u", "i32"), ("i32.load16_s", "i32"), ("i32.load16_u", "i32"),
         ("i64.load8_s", "i64"), ("i64.load8_u", "i64"), ("i64.load16_s", "i64"), ("i64.load16_u", "i64"),
         ("i64.load32_s", "i64"), ("i64.load32_u", "i64"), ("v128.load", "v128"),
         ("v128.load8x8_s", "v128"), ("v128.load8x8_u", "v128"), ("v128.load16x4_s", "v128"),
         ("v128.load16x4_u", "v128"), ("v128.load32x2_s", "v128"), ("v128.load32x2_u", "v128"),
         ("v128.load8_splat", "v128"), ("v128.load16_splat", "v128"), ("v128.load32_splat", "v128"),
         ("v128.load64_splat", "v128"), ("v128.load32_zero", "v128"), ("v128.load64_zero", "v128")]
STORES = [("i32.store", "i32"), ("i64.store", "i64"), ("f32.store", "f32"), ("f64.store", "f64"),
          ("i32.store8", "i32"), ("i32.store16", "i32"), ("i64.store8", "i64"), ("i64.store16", "i64"),
          ("i64.store32", "i64"), ("v128.store", "v128")]
ADDRESSES = [0, 1, 7, 65520, 65528, 65529, 65532, 65533, 65535, 65536, 65537, 0x7FFFFFFF, 0xFFFFFFF0, 0xFFFFFFFF]
STORE_VALUES = {"i32": 0x8899AABB, "i64": 0x1122334455667788, "f32": 0x7FA00001, "f64": 0xFFF4000000000001,
                "v128": "f0e1d2c3b4a5968778695a4b3c2d1e0f"}


def operator_probe():
    """(module text, calls): the profile's integer, conversion, comparison, SIMD, wide-arithmetic,
    memory and table instructions on edge operands; memory and tables carry state between calls."""
    probe = Probe()
    probe.fields += [
        "  (memory $m0 (export \"memory0\") 1 2)",
        "  (memory $m1 (export \"memory1\") 1 3)",
        "  (data (memory $m0) (i32.const 0) \"\\00\\01\\80\\ff\\7f\\fe\\10\\f0\\55\\aa\\33\\cc\\01\\02\\03\\04\")",
        "  (data (memory $m0) (i32.const 65520) \"\\ff\\fe\\fd\\fc\\fb\\fa\\f9\\f8\\07\\06\\05\\04\\03\\02\\01\\80\")",
        "  (data $passive \"passive segment bytes\")",
        "  (type $i32->i32 (func (param i32) (result i32)))",
        "  (type $void (func))",
        "  (table $t (export \"table\") 4 8 funcref)",
        "  (elem (table $t) (i32.const 0) func $double $nothing)",
        "  (elem $passive-elem func $nothing $double $double)",
        "  (func $double (export \"double\") (type $i32->i32) (i32.mul (local.get 0) (i32.const 2)))",
        "  (func $nothing (export \"nothing\") (type $void))",
        "  (global $g (export \"global\") (mut i64) (i64.const 0))",
    ]

    # Integer operators.
    for kind, edges in (("i32", I32_EDGES), ("i64", I64_EDGES)):
        pairs = list(itertools.product(edges, edges))
        for op in INT_BINARY:
            probe.operator(f"{kind}.{op}", [kind, kind], ["i32" if op in INT_COMPARISONS else kind], pairs)
        extends = ["extend8_s", "extend16_s"] + (["extend32_s"] if kind == "i64" else [])
        for op in ["clz", "ctz", "popcnt", "eqz"] + extends:
            probe.operator(f"{kind}.{op}", [kind], ["i32" if op == "eqz" else kind], [(x,) for x in edges])
    probe.operator("i32.wrap_i64", ["i64"], ["i32"], [(x,) for x in I64_EDGES])
    for sign in "su":
        probe.operator(f"i64.extend_i32_{sign}", ["i32"], ["i64"], [(x,) for x in I32_EDGES])

    # Conversions between floats and integers, and float comparisons.
    for integer in ("i32", "i64"):
        for source, values in (("f32", F32_TO_INT), ("f64", F64_TO_INT)):
            for sign in "su":
                probe.operator(f"{integer}.trunc_{source}_{sign}", [source], [integer], [(x,) for x in values])
                probe.operator(f"{integer}.trunc_sat_{source}_{sign}", [source], [integer], [(x,) for x in values])
    for target in ("f32", "f64"):
        for source, values in (("i32", I32_EDGES + I32_ROUNDING), ("i64", I64_EDGES + I64_ROUNDING)):
            for sign in "su":
                probe.operator(f"{target}.convert_{source}_{sign}", [source], [target], [(x,) for x in values])
    probe.operator("f32.demote_f64.rounding", ["f64"], ["f32"], [(x,) for x in F64_DEMOTE], "f32.demote_f64")
    for kind, values in (("f32", F32_PROBE), ("f64", F64_PROBE)):
        for op in FLOAT_COMPARISONS:
            probe.operator(f"{kind}.{op}", [kind, kind], ["i32"], list(itertools.product(values, values)))

    # Wide arithmetic.
    wide = [0, 1, 2**64 - 1, 2**63, 2**63 - 1, 0x123456789ABCDEF0]
    quads = list(itertools.product(wide, repeat=4))
    probe.operator("i64.add128", ["i64"] * 4, ["i64", "i64"], quads)
    probe.operator("i64.sub128", ["i64"] * 4, ["i64", "i64"], quads)
    for op in ("mul_wide_s", "mul_wide_u"):
        probe.operator(f"i64.{op}", ["i64", "i64"], ["i64", "i64"], list(itertools.product(I64_EDGES, I64_EDGES)))

    # SIMD: integer and comparison operators, shifts, tests, bitselect, lanes, splats, shuffles.
    vector_pairs = list(itertools.product(V128_EDGES, V128_EDGES))
    for op in SIMD_BINARY:
        probe.operator(op, ["v128", "v128"], ["v128"], vector_pairs)
    for op in SIMD_UNARY:
        probe.operator(op, ["v128"], ["v128"], [(v,) for v in V128_EDGES])
    for op in SIMD_TESTS:
        probe.operator(op, ["v128"], ["i32"], [(v,) for v in V128_EDGES])
    for shape in ("i8x16", "i16x8", "i32x4", "i64x2"):
        for op in ("shl", "shr_s", "shr_u"):
            probe.operator(f"{shape}.{op}", ["v128", "i32"], ["v128"],
                           list(itertools.product(V128_EDGES, SHIFT_COUNTS)))
    probe.operator("v128.bitselect", ["v128", "v128", "v128"], ["v128"],
                   [(a, b, c) for a, b, c in itertools.product(V128_EDGES[:6], V128_EDGES[5:11], V128_EDGES[::3])])
    lane_ops = [("i8x16", "i32", [0, 5, 15], ["_s", "_u"]), ("i16x8", "i32", [0, 7], ["_s", "_u"]),
                ("i32x4", "i32", [0, 3], [""]), ("i64x2", "i64", [1], [""]), ("f32x4", "f32", [2], [""]),
                ("f64x2", "f64", [1], [""])]
    scalars = {"i32": [0xFFFFFFFF, 0x12345680], "i64": [2**63, 5], "f32": [0x7FA00001, 0xFFC00000],
               "f64": [0x7FF4000000000001, 0x8000000000000000]}
    for shape, scalar, indices, signs in lane_ops:
        for index in indices:
            for sign in signs:
                probe.function(f"{shape}.extract_lane{sign}.{index}", ["v128"], [scalar],
                               f"({shape}.extract_lane{sign} {index} (local.get 0))", [(v,) for v in V128_EDGES])
            probe.function(f"{shape}.replace_lane.{index}", ["v128", scalar], ["v128"],
                           f"({shape}.replace_lane {index} (local.get 0) (local.get 1))",
                           list(itertools.product(V128_EDGES[:4], scalars[scalar])))
        probe.operator(f"{shape}.splat", [scalar], ["v128"], [(x,) for x in scalars[scalar]])
    for name, pattern in (("reverse", range(31, -1, -2)), ("interleave", [0, 16, 1, 17, 2, 18, 3, 19, 28, 12, 29, 13,
                                                                            30, 14, 31, 15])):
        indices = " ".join(str(i) for i in list(pattern)[:16])
        probe.function(f"i8x16.shuffle.{name}", ["v128", "v128"], ["v128"],
                       f"(i8x16.shuffle {indices} (local.get 0) (local.get 1))", vector_pairs[::7])

    # Memory: loads and stores at the edges, then the lane forms, in two memories.
    for instruction, kind in LOADS:
        probe.operator(f"{instruction}", ["i32"], [kind], [(a,) for a in ADDRESSES])
        probe.function(f"{instruction}.offset", ["i32"], [kind], f"({instruction} offset=65528 (local.get 0))",
                       [(a,) for a in ADDRESSES[:8]])
    for instruction, kind in STORES:
        value = STORE_VALUES[kind]
        probe.function(f"{instruction}", ["i32", kind], [], f"({instruction} (local.get 0) (local.get 1))",
                       [(a, value) for a in ADDRESSES])
        probe.function(f"{instruction}.memory1", ["i32", kind], [],
                       f"({instruction} $m1 offset=3 (local.get 0) (local.get 1))", [(a, value) for a in ADDRESSES])
    for size, lane in ((8, 15), (16, 7), (32, 3), (64, 1)):
        probe.function(f"v128.load{size}_lane", ["i32", "v128"], ["v128"],
                       f"(v128.load{size}_lane {lane} (local.get 0) (local.get 1))",
                       [(a, V128_EDGES[2]) for a in ADDRESSES])
        probe.function(f"v128.store{size}_lane", ["i32", "v128"], [],
                       f"(v128.store{size}_lane {lane} (local.get 0) (local.get 1))",
                       [(a, V128_EDGES[6]) for a in ADDRESSES])
    # Bulk memory: fill, copy (overlapping both ways, across memories), init and drop, grow.
    ranges = [(0, 16, 8), (8, 0, 16), (4, 6, 10), (65530, 0, 6), (65530, 0, 7), (0, 65530, 7), (65536, 0, 0),
              (65537, 0, 0), (0, 65537, 0), (100, 200, 0xFFFFFFFF)]
    probe.function("memory.fill", ["i32", "i32", "i32"], [], "(memory.fill (local.get 0) (local.get 1) (local.get 2))",
                   [(d, 0x1A5, n) for d, _, n in ranges])
    probe.function("memory.copy", ["i32", "i32", "i32"], [], "(memory.copy (local.get 0) (local.get 1) (local.get 2))",
                   ranges)
    probe.function("memory.copy.1-0", ["i32", "i32", "i32"], [],
                   "(memory.copy $m1 $m0 (local.get 0) (local.get 1) (local.get 2))", ranges)
    probe.function("memory.init", ["i32", "i32", "i32"], [],
                   "(memory.init $passive (local.get 0) (local.get 1) (local.get 2))",
                   [(0, 0, 4), (65530, 0, 6), (65531, 0, 6), (10, 20, 1), (10, 21, 1), (10, 22, 0), (10, 21, 0)])
    probe.function("memory.grow", ["i32"], ["i32"], "(memory.grow $m1 (local.get 0))",
                   [(0,), (1,), (2,), (1,), (0xFFFFFFFF,), (0x10000,)])
    probe.function("memory.size", [], ["i32", "i32"], "(memory.size $m0) (memory.size $m1)", [()])
    probe.function("data.drop", [], [], "(data.drop $passive)", [()])
    probe.function("memory.init.dropped", ["i32"], [],
                   "(memory.init $passive (i32.const 0) (i32.const 0) (local.get 0))", [(0,), (1,)])
    # Tables: call_indirect hits, misses and type mismatches; table.init, table.copy, elem.drop.
    probe.function("call_indirect", ["i32", "i32"], ["i32"],
                   "(call_indirect $t (type $i32->i32) (local.get 0) (local.get 1))",
                   [(21, i) for i in (0, 1, 2, 3, 4, 7, 8, 0xFFFFFFFF)])
    probe.function("table.init", ["i32", "i32", "i32"], [],
                   "(table.init $t $passive-elem (local.get 0) (local.get 1) (local.get 2))",
                   [(2, 0, 2), (3, 1, 1), (3, 0, 2), (4, 3, 0), (5, 0, 0), (0, 2, 2)])
    probe.function("table.copy", ["i32", "i32", "i32"], [],
                   "(table.copy $t $t (local.get 0) (local.get 1) (local.get 2))",
                   [(1, 0, 3), (0, 1, 3), (2, 2, 3), (4, 0, 0), (5, 0, 0), (3, 0, 2)])
    probe.function("elem.drop", [], [], "(elem.drop $passive-elem)", [()])
    probe.function("table.init.dropped", ["i32"], [],
                   "(table.init $t $passive-elem (i32.const 0) (i32.const 0) (local.get 0))", [(0,), (1,)])
    probe.function("call_indirect.after", ["i32", "i32"], ["i32"],
                   "(call_indirect $t (type $i32->i32) (local.get 0) (local.get 1))", [(5, i) for i in range(5)])
    probe.function("global.set", ["i64"], ["i64"], "(global.set $g (local.get 0)) (global.get $g)", [(2**63 + 5,)])
    return probe.text(), probe.calls
