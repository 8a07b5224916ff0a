#!/usr/bin/env python3
"""Differential test of ReproWasm's `repro-wasm codec` against numcodecs-wasm 0.2.5, the reference host.

    scripts/codec-differential.py [--codecs a,b,c] [--quick] [--repro PATH] [--wasi provider|native]
                                  [--reference-only] [--venv DIR] [--cache DIR] [--codecs-dir DIR]

1. Makes a venv (default ~/.cache/repro-wasm/codec-venv) with numcodecs-wasm==0.2.5, numpy and the
   27 codec packages at the versions pinned in scripts/fetch-codecs.sh, and re-runs itself inside it.
2. Reference side: loads each codec from the very component that scripts/fetch-codecs.sh extracted
   (numcodecs_wasm.create_codec_class on those bytes; the script checks they equal the installed
   package's codec.wasm), and for every case builds a fresh codec, reads its instruction counter
   right after construction (C) and after the call (C + N), and saves outputs (.npy), error chains
   and counts under CACHE/reference/ (expected.json). `--reference-only` stops here.
3. ReproWasm side: one `repro-wasm codec` process per case (a fresh codec, like the reference),
   `--stats` for C and N; compares codec id, get-config, schema, encoded dtype/shape/bytes, decoded
   bits (NaN payloads included), decode_into, the codec's error message and chain, and the counts.
   With `--wasi native` outputs must still be identical; count differences are reported, not failed.

Prints a table per codec and `N passed, N failed`; exits 1 if any case failed.
See docs/CODECS.md for what the cases are and what was established about the reference host.
"""

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOME_CACHE = Path(os.path.expanduser("~/.cache/repro-wasm"))
REFERENCE_HOST = "numcodecs-wasm==0.2.5"
QUICK_CODECS = ["zstd", "round", "identity"]


# ---------------------------------------------------------------------------------------------
# Bootstrap (system Python, standard library only)
# ---------------------------------------------------------------------------------------------

def pinned_codecs():
    """NAME -> VERSION from scripts/fetch-codecs.sh, so there is one list of pins."""
    text = (ROOT / "scripts" / "fetch-codecs.sh").read_text()
    block = re.search(r"codecs=\((.*?)\)", text, re.S)
    if not block:
        raise SystemExit("codec-differential: cannot find the codecs=( ... ) list in fetch-codecs.sh")
    pins = {}
    for spec in block.group(1).split():
        name, version = spec.split("==")
        pins[name] = version
    return pins


def ensure_venv(venv: Path, pins):
    python = venv / "bin" / "python"
    requirements = [REFERENCE_HOST, "numpy"] + [
        f"numcodecs-wasm-{name}=={version}" for name, version in sorted(pins.items())]
    stamp = venv / "repro-wasm-requirements.txt"
    wanted = "\n".join(requirements) + "\n"
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    print(f"codec-differential: installing the reference host into {venv}", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", *requirements],
                   check=True, stdout=sys.stderr)
    stamp.write_text(wanted)
    return python


def bootstrap(args):
    pins = pinned_codecs()
    venv = Path(args.venv).expanduser()
    python = ensure_venv(venv, pins)
    env = dict(os.environ)
    if args.codecs_dir:
        env["CODECS_DIR"] = args.codecs_dir
    listing = subprocess.run([str(ROOT / "scripts" / "fetch-codecs.sh")], env=env, check=True,
                             capture_output=True, text=True).stdout
    components = dict(line.split(" ", 1) for line in listing.splitlines() if line.strip())
    if not args.reference_only and args.wasi == "provider":
        subprocess.run([sys.executable, str(ROOT / "scripts" / "fetch-wasi-provider.py")] +
                       ([args.codecs_dir] if args.codecs_dir else []),
                       env=env, check=True, stdout=subprocess.DEVNULL)
    os.environ["CODEC_DIFFERENTIAL_COMPONENTS"] = json.dumps(components)
    os.environ["CODEC_DIFFERENTIAL_PINS"] = json.dumps(pins)
    os.execv(str(python), [str(python), str(Path(__file__).resolve()), "--in-venv", *sys.argv[1:]])


# ---------------------------------------------------------------------------------------------
# Cases (inside the venv: numpy is available from here on)
# ---------------------------------------------------------------------------------------------

# Configurations: the documented options of each codec (from its schema), the first one is the
# codec's "main" configuration that also gets the bad-input cases.
CONFIGS = {
    "asinh": [{"linear_width": 1.0}, {"linear_width": 0.01}],
    "bit-round": [{"mode": "keepbits", "keepbits": 10}, {"mode": "abs", "eb_abs": 0.01},
                  {"mode": "rel", "eb_rel": 0.001}],
    "ebcc": [{"residual": "absolute", "error": 0.1}, {"residual": "jpeg2000-only"},
             {"residual": "relative", "error": 0.01, "base_cr": 50.0, "chunk_shape": [1, 16, 16]}],
    "fixed-offset-scale": [{"offset": 1.5, "scale": 2.0}, {"offset": -3.25, "scale": 0.0}],
    "fourier-network": [
        {"fourier_features": 4, "fourier_scale": 1.0, "num_blocks": 1, "learning_rate": 0.01,
         "num_epochs": 2, "mini_batch_size": None, "seed": 42},
        {"fourier_features": 2, "fourier_scale": 0.5, "num_blocks": 2, "learning_rate": 0.001,
         "num_epochs": 1, "mini_batch_size": 16, "seed": 7}],
    "identity": [{}],
    "jpeg2000": [{"mode": "lossless"}, {"mode": "psnr", "psnr": 40.0}, {"mode": "rate", "rate": 10.0}],
    "lc": [{"components": [{"id": "BIT", "size": 4}, {"id": "RZE", "size": 4}]},
           {"preprocessors": [{"id": "QUANT", "dtype": "f32", "kind": "ABS", "error_bound": 0.01,
                               "decorrelation": "0"}],
            "components": [{"id": "DIFF", "size": 4}, {"id": "RRE", "size": 4}]},
           {"components": [{"id": "TCMS", "size": 8}, {"id": "CLOG", "size": 8}]}],
    "linear-quantize": [{"dtype": "f64", "bits": 8}, {"dtype": "f32", "bits": 16},
                        {"dtype": "float64", "bits": 64}],
    "log": [{}],
    "onion": [{"codec": {"id": "zstd.rs", "level": 3}}, {"codec": {"id": "round.rs", "precision": 0.5}}],
    "pco": [{"level": 8, "mode": "auto", "delta": "auto", "paging": "equal-pages-up-to"},
            {"level": 3, "mode": "classic", "delta": "try-consecutive", "delta_encoding_order": 1,
             "paging": "equal-pages-up-to", "equal_pages_up_to": 1000},
            {"level": 12, "mode": "try-float-quant", "float_quant_bits": 10, "delta": "no-op",
             "paging": "equal-pages-up-to"}],
    "pressio": [{"compressor_id": "noop"},
                {"compressor_id": "linear_quantizer", "compressor_config": {"pressio:abs": 0.01}},
                {"compressor_id": "bzip2"},
                {"compressor_id": "numcodecs.rs",
                 "early_config": {"numcodecs.rs:id": "zstd.rs", "numcodecs.rs:level": 3}}],
    "qpet-sperr": [{"mode": "qoi-symbolic", "qoi": "x^2", "qoi_pwe": 0.1},
                   {"mode": "qoi-symbolic", "qoi": "x", "qoi_pwe": 0.01, "qoi_k": 2.0,
                    "sperr_chunks": [16, 16, 16], "high_prec": True}],
    "random-projection": [{"seed": 42, "reduction": "explicit", "k": 4, "projection": "gaussian"},
                          {"seed": 7, "reduction": "johnson-lindenstrauss", "epsilon": 0.5,
                           "projection": "sparse", "density": None}],
    "reinterpret": [{"encode_dtype": "u64", "decode_dtype": "f64"},
                    {"encode_dtype": "u32", "decode_dtype": "f32"},
                    {"encode_dtype": "int32", "decode_dtype": "int32"}],
    "round": [{"precision": 0.5}, {"precision": 0.0}, {"precision": 0.001}],
    "sperr": [{"mode": "pwe", "pwe": 0.01}, {"mode": "bpp", "bpp": 4.0}, {"mode": "psnr", "psnr": 60.0},
              {"mode": "q", "q": 2.0}],
    "stochastic-rounding": [{"precision": 0.25, "seed": 42}, {"precision": 0.0, "seed": 0}],
    "swizzle-reshape": [{"axes": [[1], [0]]}, {"axes": [[0, 1]]}, {"axes": [{}, [0]]}],
    "sz3": [{"eb_mode": "abs", "eb_abs": 0.01}, {"eb_mode": "rel", "eb_rel": 0.001, "predictor": "lorenzo"},
            {"eb_mode": "abs-and-rel", "eb_abs": 0.1, "eb_rel": 0.01, "predictor": "regression"},
            {"eb_mode": "psnr", "eb_psnr": 60.0, "predictor": None}],
    "tthresh": [{"eb_mode": "eps", "eb_eps": 0.01}, {"eb_mode": "rmse", "eb_rmse": 0.001},
                {"eb_mode": "psnr", "eb_psnr": 50.0}],
    "uniform-noise": [{"scale": 0.1, "seed": 42}, {"scale": 0.0, "seed": 1}],
    "zfp": [{"mode": "reversible"}, {"mode": "fixed-accuracy", "tolerance": 0.001},
            {"mode": "fixed-rate", "rate": 8.0, "non_finite": "allow-unsafe"},
            {"mode": "fixed-precision", "precision": 16},
            {"mode": "expert", "min_bits": 0, "max_bits": 4096, "max_prec": 32, "min_exp": -1074}],
    "zlib": [{"level": 6}, {"level": 0}, {"level": 9}],
    "zstd": [{"level": 3}, {"level": -5}, {"level": 19}],
}
CONFIGS["zfp-classic"] = CONFIGS["zfp"]

# Codecs whose work grows fast with the input: they get the small inputs only.
SLOW = {"fourier-network", "qpet-sperr", "ebcc", "tthresh", "jpeg2000"}


def make_inputs(np):
    """name -> array. Seeded, so every run makes the same bytes."""
    rng = np.random.default_rng(20260101)

    def smooth(shape, dtype):
        grids = np.meshgrid(*[np.linspace(0, 3, n) for n in shape], indexing="ij")
        field = sum(np.sin(g * (i + 1)) for i, g in enumerate(grids)) + 0.01 * rng.standard_normal(shape)
        return np.ascontiguousarray(field.astype(dtype))

    def specials(dtype):
        info = np.finfo(dtype)
        base = np.linspace(-2, 2, 48).astype(dtype)
        bits = np.uint32 if dtype == np.float32 else np.uint64
        quiet_payload = np.array([0x7FC00123 if dtype == np.float32 else 0x7FF8000000000123],
                                 dtype=bits).view(dtype)[0]
        signalling = np.array([0x7F800001 if dtype == np.float32 else 0x7FF0000000000001],
                              dtype=bits).view(dtype)[0]
        negative_nan = np.array([0xFFC00000 if dtype == np.float32 else 0xFFF8000000000000],
                                dtype=bits).view(dtype)[0]
        values = [np.nan, quiet_payload, signalling, negative_nan, np.inf, -np.inf,
                  info.smallest_subnormal, -info.smallest_subnormal, info.smallest_normal * 0.5,
                  -0.0, info.max, info.min, info.tiny, 1.0, -1.0, 0.1]
        base[::3][:len(values)] = np.array(values, dtype=dtype)
        return base.reshape(6, 8)

    def subnormals(dtype):
        info = np.finfo(dtype)
        return (np.arange(1, 65, dtype=dtype) * info.smallest_subnormal).astype(dtype)

    inputs = {
        "f64-0d": np.array(2.718281828459045, dtype=np.float64),
        "f64-1d": smooth((1000,), np.float64),
        "f64-2d": smooth((32, 48), np.float64),
        "f64-3d": smooth((12, 16, 20), np.float64),
        "f64-empty": np.zeros((0,), dtype=np.float64),
        "f64-empty-2d": np.zeros((0, 5), dtype=np.float64),
        "f64-specials": specials(np.float64),
        "f64-subnormals": subnormals(np.float64),
        "f32-0d": np.array(-1.5, dtype=np.float32),
        "f32-1d": smooth((777,), np.float32),
        "f32-2d": smooth((40, 24), np.float32),
        "f32-3d": smooth((16, 16, 16), np.float32),
        "f32-empty": np.zeros((0, 0, 3), dtype=np.float32),
        "f32-specials": specials(np.float32),
        "f32-subnormals": subnormals(np.float32),
        "i32-1d": rng.integers(-1000, 1000, size=500, dtype=np.int32),
        "u8-2d": rng.integers(0, 256, size=(30, 20), dtype=np.uint8),
        "i64-1d": rng.integers(-(2**62), 2**62, size=200, dtype=np.int64),
        "u16-3d": rng.integers(0, 2**16, size=(4, 8, 10), dtype=np.uint16),
        "i8-1d": rng.integers(-128, 128, size=300, dtype=np.int8),
        "u32-2d": rng.integers(0, 2**32, size=(10, 10), dtype=np.uint32),
        "u64-1d": rng.integers(0, 2**63, size=64, dtype=np.uint64),
        "i16-2d": rng.integers(-(2**15), 2**15, size=(16, 16), dtype=np.int16),
        # a few MiB each
        "f64-large": smooth((512, 1024), np.float64),          # 4 MiB
        "f32-large": smooth((64, 128, 128), np.float32),       # 4 MiB
    }
    return inputs


ALL_SMALL = [name for name in [
    "f64-0d", "f64-1d", "f64-2d", "f64-3d", "f64-empty", "f64-empty-2d", "f64-specials",
    "f64-subnormals", "f32-0d", "f32-1d", "f32-2d", "f32-3d", "f32-empty", "f32-specials",
    "f32-subnormals", "i32-1d", "u8-2d", "i64-1d", "u16-3d", "i8-1d", "u32-2d", "u64-1d", "i16-2d"]]
OTHER_CONFIG_INPUTS = ["f64-2d", "f32-3d", "f64-specials", "f32-1d", "i32-1d"]
QUICK_INPUTS = ["f64-2d", "f32-specials", "f64-empty", "i32-1d"]


def plan(codecs, quick):
    """The cases: dicts with id, codec, op, config and op-specific fields."""
    cases = []
    for codec in codecs:
        configs = CONFIGS[codec][:1] if quick else CONFIGS[codec]
        for index, config in enumerate(configs):
            tag = f"{codec}/c{index}"
            cases.append({"id": f"{tag}/info", "codec": codec, "op": "info", "config": config})
            if quick:
                inputs = QUICK_INPUTS
            elif index == 0:
                inputs = list(ALL_SMALL)
                if codec not in SLOW:
                    inputs += ["f64-large", "f32-large"]
            else:
                inputs = OTHER_CONFIG_INPUTS
            for name in inputs:
                # encode; decode and decode_into of the reference's encoding follow when it succeeds
                cases.append({"id": f"{tag}/{name}/encode", "codec": codec, "op": "encode",
                              "config": config, "input": name})
            if index == 0:
                for bad_index, bad in enumerate(bad_configs(config)):
                    cases.append({"id": f"{tag}/bad-config-{bad_index}", "codec": codec,
                                  "op": "info", "config": bad})
                for corruption in (["truncated", "empty-bytes"] if quick else
                                   ["truncated", "flipped", "empty-bytes", "wrong-dtype",
                                    "into-wrong-shape"]):
                    cases.append({"id": f"{tag}/corrupt-{corruption}", "codec": codec,
                                  "op": "corrupt", "config": config, "corruption": corruption,
                                  "source": "f64-2d"})
    return cases


def bad_configs(config):
    """Configurations that the codec must refuse: an unknown option, a value of the wrong type."""
    bad = [dict(config, no_such_option=1)]
    for key, value in config.items():
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, (int, float)):
            bad.append(dict(config, **{key: "not a number"}))
            break
        if isinstance(value, str):
            bad.append(dict(config, **{key: 12345}))
            break
    return bad


# ---------------------------------------------------------------------------------------------
# Reference side
# ---------------------------------------------------------------------------------------------

HOST_WRAPPER = re.compile(r"^\S+ codec's (implementation|WebAssembly runtime) raised an error$")


def error_chain(error):
    """The reference's error as a list of messages, outermost first (Python's __cause__ chain)."""
    chain = []
    while error is not None and len(chain) < 32:
        chain.append(str(error))
        error = error.__cause__
    return chain


def classify(chain):
    if chain and re.match(r"^\S+ codec's WebAssembly runtime raised an error$", chain[0]):
        return "runtime"
    return "codec"


class Reference:
    def __init__(self, components, cache):
        import numpy as np
        import numcodecs_wasm
        self.np = np
        self.nw = numcodecs_wasm
        self.components = components
        self.cache = cache
        self.classes = {}
        self.facts = {}

    def codec_class(self, name):
        if name not in self.classes:
            import importlib
            import types
            wasm = Path(self.components[name]).read_bytes()
            package = importlib.import_module("numcodecs_wasm_" + name.replace("-", "_"))
            shipped = (Path(package.__file__).parent / "codec.wasm").read_bytes()
            if shipped != wasm:
                raise SystemExit(f"codec-differential: {self.components[name]} differs from the "
                                 f"installed package's codec.wasm")
            # A fresh module for the class; create_codec_class also registers it in numcodecs'
            # registry under its codec id, so onion and pressio find these very bytes.
            module = types.ModuleType(f"codec_differential_{name.replace('-', '_')}")
            sys.modules[module.__name__] = module
            started = time.monotonic()
            self.classes[name] = self.nw.create_codec_class(module, wasm)
            self.facts[name] = {"sha256": hashlib.sha256(wasm).hexdigest(),
                                "load_seconds": round(time.monotonic() - started, 2)}
        return self.classes[name]

    def counter(self, codec):
        return int(self.nw.read_codec_instruction_counter(codec))

    def construct(self, name, config):
        """A fresh codec and its counter right after construction, or (None, error chain)."""
        cls = self.codec_class(name)
        try:
            # __new__ alone, not cls(**config): the class's __init__ is a Python lambda whose
            # signature comes from the schema, and it refuses options the guest itself accepts
            # (pco, pressio, sperr, zfp, ... ignore unknown options). The guest's verdict and
            # counts are what a host must reproduce; construction counts are the same either way.
            codec = cls.__new__(cls, **config)
        except Exception as error:  # noqa: BLE001 - every failure is a result to compare
            return None, error_chain(error)
        return codec, self.counter(codec)

    def call(self, name, config, op, data, into=None):
        """Fresh codec, one call. Returns a result dict (outputs as arrays under 'array') with
        what the guest printed, if anything."""
        with CapturedOutput() as captured:
            result = self._call(name, config, op, data, into)
        for index, stream in enumerate(("guest_stdout", "guest_stderr")):
            if captured.text[index]:
                result[stream] = captured.text[index]
        return result

    def _call(self, name, config, op, data, into=None):
        codec, constructed = self.construct(name, config)
        if codec is None:
            return {"ok": False, "stage": "construct", "chain": constructed, "kind": classify(constructed)}
        try:
            if op == "encode":
                output = codec.encode(data)
            elif into is None:
                output = codec.decode(data)
            else:
                output = self.np.empty(into["shape"], dtype=into["dtype"])
                returned = codec.decode(data, out=output)
                assert returned is output
            after = self.counter(codec)
        except Exception as error:  # noqa: BLE001
            chain = error_chain(error)
            result = {"ok": False, "stage": "call", "chain": chain, "kind": classify(chain),
                      "construction": constructed}
            try:
                result["call"] = self.counter(codec) - constructed
            except Exception as counter_error:  # noqa: BLE001
                result["counter_error"] = error_chain(counter_error)
            return result
        return {"ok": True, "array": self.np.asarray(output), "construction": constructed,
                "call": after - constructed}

    def info(self, name, config):
        cls = self.codec_class(name)
        codec, constructed = self.construct(name, config)
        if codec is None:
            return {"ok": False, "stage": "construct", "chain": constructed, "kind": classify(constructed)}
        return {"ok": True, "id": cls.codec_id, "config": codec.get_config(),
                "schema": cls.__schema__, "construction": constructed}


def corrupt(np, kind, encoded):
    raw = encoded.reshape(-1).view(np.uint8) if encoded.size else np.zeros(0, np.uint8)
    if kind == "truncated":
        half = encoded.reshape(-1)[: max(encoded.size // 2, 0)]
        return np.ascontiguousarray(half)
    if kind == "flipped":
        flipped = raw.copy()
        flipped[len(flipped) // 3:: 7] ^= 0x5A
        return flipped.view(encoded.dtype).reshape(encoded.shape) if len(flipped) else flipped
    if kind == "empty-bytes":
        return np.zeros((0,), dtype=np.uint8)
    if kind == "wrong-dtype":
        return np.linspace(-1, 1, 16).astype(np.float64) if encoded.dtype != np.float64 else \
            np.arange(16, dtype=np.int16)
    raise ValueError(kind)


def save(np, path: Path, array):
    """Writes a C-ordered .npy and reads it back, so both sides get exactly the file's bytes.
    (Not np.ascontiguousarray: it turns a 0-d array into a 1-d one.)"""
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, np.array(array, order="C", copy=True), allow_pickle=False)
    return np.load(path, allow_pickle=False)


class CapturedOutput:
    """Catches what the guest writes to standard output and error during one reference call: the
    reference host forwards it to the process's file descriptors 1 and 2."""

    def __enter__(self):
        import tempfile
        sys.stdout.flush()
        sys.stderr.flush()
        self.saved = [os.dup(1), os.dup(2)]
        self.files = [tempfile.TemporaryFile(), tempfile.TemporaryFile()]
        for fd, file in zip((1, 2), self.files):
            os.dup2(file.fileno(), fd)
        self.text = ["", ""]
        return self

    def __exit__(self, *exc):
        sys.stdout.flush()
        sys.stderr.flush()
        for fd, saved, index in zip((1, 2), self.saved, (0, 1)):
            os.dup2(saved, fd)
            os.close(saved)
            self.files[index].seek(0)
            self.text[index] = self.files[index].read().decode("utf-8", "replace")
            self.files[index].close()
        return False


def run_reference(args, components, codecs, cases, out: Path):
    import numpy as np
    reference = Reference(components, out)
    inputs = {name: save(np, out / "inputs" / f"{name}.npy", array)
              for name, array in make_inputs(np).items()}
    expanded = []
    started = time.monotonic()
    encoded_by_source = {}
    for case in cases:
        codec, config = case["codec"], case["config"]
        slug = case["id"].replace("/", "__")
        if case["op"] == "info":
            result = reference.info(codec, config)
            expanded.append(dict(case, expect=result))
            continue
        if case["op"] == "encode":
            source = inputs[case["input"]]
            result = reference.call(codec, config, "encode", source)
            entry = dict(case, input_file=f"inputs/{case['input']}.npy")
            if result["ok"]:
                encoded = save(np, out / "outputs" / f"{slug}.npy", result.pop("array"))
                result["output_file"] = f"outputs/{slug}.npy"
                encoded_by_source[(codec, json.dumps(config, sort_keys=True), case["input"])] = slug
            expanded.append(dict(entry, expect=result))
            if result["ok"]:
                for op, into in (("decode", None),
                                 ("decode_into", {"dtype": source.dtype.str, "shape": list(source.shape)})):
                    decoded = reference.call(codec, config, "decode", encoded, into)
                    decode_case = {"id": case["id"][: -len("encode")] + op, "codec": codec, "op": op,
                                   "config": config, "input_file": f"outputs/{slug}.npy"}
                    if into is not None:
                        decode_case["into"] = into
                    if decoded["ok"]:
                        dslug = decode_case["id"].replace("/", "__")
                        save(np, out / "outputs" / f"{dslug}.npy", decoded.pop("array"))
                        decoded["output_file"] = f"outputs/{dslug}.npy"
                    expanded.append(dict(decode_case, expect=decoded))
            continue
        if case["op"] == "corrupt":
            key = (codec, json.dumps(config, sort_keys=True), case["source"])
            if key not in encoded_by_source:
                # The codec cannot encode the source array; decode the source itself instead.
                encoded = inputs[case["source"]]
            else:
                encoded = np.load(out / "outputs" / f"{encoded_by_source[key]}.npy")
            into = None
            if case["corruption"] == "into-wrong-shape":
                data = encoded
                shape = list(inputs[case["source"]].shape)
                shape[-1] += 1
                into = {"dtype": inputs[case["source"]].dtype.str, "shape": shape}
            else:
                data = corrupt(np, case["corruption"], encoded)
            data = save(np, out / "inputs" / f"{slug}.npy", data)
            result = reference.call(codec, config, "decode", data, into)
            entry = dict(case, op="decode_into" if into else "decode", input_file=f"inputs/{slug}.npy")
            if into:
                entry["into"] = into
            if result["ok"]:
                save(np, out / "outputs" / f"{slug}.npy", result.pop("array"))
                result["output_file"] = f"outputs/{slug}.npy"
            expanded.append(dict(entry, expect=result))
            continue
        raise ValueError(case["op"])
    trap_recovery = check_trap_recovery(reference, expanded, inputs)
    summary = {"reference": REFERENCE_HOST, "codecs": codecs, "facts": reference.facts,
               "trap_recovery": trap_recovery, "seconds": round(time.monotonic() - started, 1),
               "cases": expanded}
    (out / "expected.json").write_text(json.dumps(summary, indent=1, default=jsonable))
    return summary


def check_trap_recovery(reference, expanded, inputs):
    """For each codec whose reference run trapped, calls the trapping decode and then an encode on
    the same codec object: does the reference keep the instance (counter continues, codec works)?"""
    import numpy as np
    seen = set()
    findings = []
    for case in expanded:
        expect = case["expect"]
        if case["codec"] in seen or expect.get("ok") or expect.get("kind") != "runtime" \
                or expect.get("stage") != "call":
            continue
        seen.add(case["codec"])
        codec, constructed = reference.construct(case["codec"], case["config"])
        data = np.load(reference.cache / case["input_file"])
        finding = {"case": case["id"], "construction": constructed}
        try:
            if case["op"] == "encode":
                codec.encode(data)
            elif "into" in case:
                codec.decode(data, out=np.empty(case["into"]["shape"], dtype=case["into"]["dtype"]))
            else:
                codec.decode(data)
            finding["trapped_again"] = False
        except Exception as error:  # noqa: BLE001
            finding["trapped_again"] = classify(error_chain(error)) == "runtime"
        finding["after_trap"] = reference.counter(codec)
        try:
            codec.encode(inputs["f64-2d"])
            finding["encode_after_trap"] = "ok"
        except Exception as error:  # noqa: BLE001
            finding["encode_after_trap"] = error_chain(error)[-1]
        finding["after_encode"] = reference.counter(codec)
        findings.append(finding)
    return findings


def jsonable(value):
    try:
        import numpy as np
        if isinstance(value, np.generic):
            return value.item()
    except ImportError:
        pass
    raise TypeError(f"not JSON: {type(value)}")


# ---------------------------------------------------------------------------------------------
# ReproWasm side
# ---------------------------------------------------------------------------------------------

COUNT_FAILURE = re.compile(r"^(construction|encode|decode) count: ")
STAT = re.compile(r"^(construction|encode|decode): (\d+) instructions$")


def parse_stderr(text):
    """(counts dict, error chain or None) from the CLI's standard error."""
    counts, chain = {}, None
    for line in text.splitlines():
        match = STAT.match(line)
        if match:
            counts[match.group(1)] = int(match.group(2))
            continue
        if line.startswith("error: ") or line.startswith("trap: "):
            chain = [line.split(": ", 1)[1]]
        elif chain is not None and line.startswith("  caused by: "):
            chain.append(line[len("  caused by: "):])
        elif chain is not None:
            chain[-1] += "\n" + line  # a message that spans lines
    return counts, chain


def config_json(config):
    """The config as the reference's guest receives it: serde_json's compact form of the dict, keys
    in order, UTF-8 unescaped. Python writes the same text as long as no float needs an exponent
    (serde_json writes 1e-7 where Python writes 1e-07), so configs with such floats are refused."""
    def check(value):
        if isinstance(value, float) and ("e" in repr(value) or value != value or value in (float("inf"), -float("inf"))):
            raise SystemExit(f"codec-differential: config float {value!r} would be written differently")
        for item in (value.values() if isinstance(value, dict) else value if isinstance(value, list) else []):
            check(item)
    check(config)
    return json.dumps(config, separators=(",", ":"), ensure_ascii=False)


def guest_part(chain):
    return [message for message in chain if not HOST_WRAPPER.match(message)]


def contains_run(haystack, needle):
    if not needle:
        return True
    return any(haystack[i:i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1))


def same_bits(np, a, b):
    return a.dtype.str == b.dtype.str and a.shape == b.shape and \
        np.ascontiguousarray(a).tobytes() == np.ascontiguousarray(b).tobytes()


class Repro:
    def __init__(self, binary, wasi, components, work: Path, timeout):
        self.binary, self.wasi, self.components, self.work, self.timeout = \
            binary, wasi, components, work, timeout

    def run(self, codec, arguments):
        # A .py "binary" is scripts/codec-reference-cli.py (testing this script), run in the venv.
        prefix = [sys.executable, self.binary] if self.binary.endswith(".py") else [self.binary]
        command = [*prefix, "codec", self.components[codec], *arguments, "--wasi", self.wasi]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            return None, "", f"timed out after {self.timeout} s"
        return done.returncode, done.stdout, done.stderr


def compare_case(np, repro, reference_dir: Path, case, native):
    """Returns (failures: list of str, count deltas: dict)."""
    expect = case["expect"]
    config = config_json(case["config"])
    failures, deltas = [], {}
    if case["op"] == "info":
        code, stdout, stderr = repro.run(case["codec"], ["info", "--config", config])
        if code is None:
            return [stderr], deltas
        if expect["ok"]:
            if code != 0:
                return [f"reference accepts the config, repro-wasm exits {code}: {stderr.strip()[:300]}"], deltas
            try:
                info = json.loads(stdout)
            except json.JSONDecodeError as error:
                return [f"info is not JSON ({error}): {stdout[:200]!r}"], deltas
            for key in ("id", "config", "schema"):
                if info.get(key) != expect[key]:
                    failures.append(f"{key}: reference {json.dumps(expect[key])[:200]}, "
                                    f"repro-wasm {json.dumps(info.get(key))[:200]}")
            return failures, deltas
        return compare_error(code, stderr, expect, {}, native, deltas), deltas

    arguments = ["encode" if case["op"] == "encode" else "decode",
                 str(reference_dir / case["input_file"]), "-o", None, "--config", config, "--stats"]
    out = repro.work / (case["id"].replace("/", "__") + ".npy")
    if out.exists():
        out.unlink()
    arguments[3] = str(out)
    if case["op"] == "decode_into":
        arguments += ["--into-dtype", np.dtype(case["into"]["dtype"]).str,
                      "--into-shape", ",".join(str(n) for n in case["into"]["shape"])]
    code, stdout, stderr = repro.run(case["codec"], arguments)
    if code is None:
        return [stderr], deltas
    counts, chain = parse_stderr(stderr)
    call_key = "encode" if case["op"] == "encode" else "decode"
    if not expect["ok"]:
        return compare_error(code, stderr, expect, counts, native, deltas, call_key), deltas
    if code != 0:
        return [f"reference succeeds, repro-wasm exits {code}: {stderr.strip()[:300]}"], deltas
    expected = np.load(reference_dir / expect["output_file"])
    try:
        actual = np.load(out)
    except Exception as error:  # noqa: BLE001
        return [f"output unreadable: {error}"], deltas
    if not same_bits(np, expected, actual):
        detail = f"reference {expected.dtype.str}{list(expected.shape)}, repro-wasm {actual.dtype.str}{list(actual.shape)}"
        if expected.dtype.str == actual.dtype.str and expected.shape == actual.shape:
            diff = np.flatnonzero(expected.reshape(-1).view(np.uint8) != actual.reshape(-1).view(np.uint8))
            detail += f", {diff.size} bytes differ, first at byte {diff[0] if diff.size else '?'}"
        failures.append("output differs: " + detail)
    compare_counts(expect, counts, call_key, native, failures, deltas)
    return failures, deltas


def compare_counts(expect, counts, call_key, native, failures, deltas):
    for key, expected in (("construction", expect.get("construction")), (call_key, expect.get("call"))):
        if expected is None:
            continue
        if key not in counts:
            if expect.get("ok"):
                failures.append(f"no `{key}: N instructions` line on standard error")
            else:
                # repro-wasm prints the counts of failing calls too (after an error or a trap), so
                # only a failure before the codec existed, or a crash, leaves them out
                deltas["uncounted"] = 1
            continue
        delta = counts[key] - expected
        deltas["construction" if key == "construction" else "call"] = delta
        if delta and not native:
            failures.append(f"{key} count: reference {expected}, repro-wasm {counts[key]}")


def compare_error(code, stderr, expect, counts, native, deltas, call_key=None):
    failures = []
    if code == 0:
        return [f"reference fails ({expect['chain'][-1][:200]!r}), repro-wasm succeeds"]
    if code != 1:
        failures.append(f"exit status {code}, expected 1")
    _, chain = parse_stderr(stderr)
    if chain is None:
        return failures + [f"no `error:` line: {stderr.strip()[:300]}"]
    if expect["kind"] == "codec" and not contains_run(chain, guest_part(expect["chain"])):
        failures.append(f"error chain: reference {guest_part(expect['chain'])}, repro-wasm {chain}")
    if call_key:
        compare_counts(expect, counts, call_key, native, failures, deltas)
    return failures


def run_repro(args, components, summary, reference_dir: Path):
    import numpy as np
    binary = args.repro
    if binary is None:
        for candidate in (".build/release/repro-wasm", ".build/debug/repro-wasm"):
            if (ROOT / candidate).exists():
                binary = str(ROOT / candidate)
                break
    if binary is None or not Path(binary).exists():
        raise SystemExit("codec-differential: no repro-wasm binary (build it, or pass --repro PATH)")
    work = Path(args.cache).expanduser() / "repro-out"
    work.mkdir(parents=True, exist_ok=True)
    repro = Repro(binary, args.wasi, components, work, args.timeout)
    native = args.wasi == "native"
    table = {}
    passed = failed = 0
    for number, case in enumerate(summary["cases"], 1):
        if number % 250 == 0:
            print(f"... {number} of {len(summary['cases'])} cases, {failed} failed", file=sys.stderr)
        started = time.monotonic()
        failures, deltas = compare_case(np, repro, reference_dir, case, native)
        row = table.setdefault(case["codec"], {"cases": 0, "passed": 0, "failed": 0, "outputs": 0,
                                               "uncounted": 0,
                                               "construction": [], "call": [], "seconds": 0.0})
        row["cases"] += 1
        row["seconds"] += time.monotonic() - started
        for key, delta in deltas.items():
            if key == "uncounted":
                row["uncounted"] += 1
            else:
                row[key].append(delta)
        if failures:
            failed += 1
            row["failed"] += 1
            if not all(COUNT_FAILURE.match(failure) for failure in failures):
                row["outputs"] += 1
            print(f"FAIL {case['id']} ({case['op']}):", file=sys.stderr)
            for failure in failures:
                print("    " + failure.replace("\n", "\n      "), file=sys.stderr)
        else:
            passed += 1
            row["passed"] += 1
            if args.verbose:
                print(f"ok   {case['id']}", file=sys.stderr)
    print_table(table, native)
    print(f"{passed} passed, {failed} failed")
    return failed == 0


def span(values):
    if not values:
        return "-"
    low, high = min(values), max(values)
    return f"{low:+d}" if low == high else f"{low:+d}..{high:+d}"


def print_table(table, native):
    title = "count delta (repro-wasm - reference)" if native else "count delta (must be 0)"
    print(f"{'codec':<20} {'cases':>6} {'passed':>7} {'failed':>7} {'not counts':>10}  {'construction':>14} "
          f"{'call':>16} {'uncounted':>9}  seconds   [{title}]")
    for codec, row in table.items():
        print(f"{codec:<20} {row['cases']:>6} {row['passed']:>7} {row['failed']:>7} {row['outputs']:>10}  "
              f"{span(row['construction']):>14} {span(row['call']):>16} {row['uncounted']:>9}  "
              f"{row['seconds']:7.1f}")
    print("not counts: failed cases with a failure other than a count (outputs, errors, exit status); "
          "construction/call: the range of repro-wasm's count minus the reference's over the cases with "
          "counts on both sides, failing calls included; uncounted: failing calls for which repro-wasm printed "
          "no counts")


# ---------------------------------------------------------------------------------------------

def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--codecs", help="comma-separated codec names (default: all 27)")
    parser.add_argument("--quick", action="store_true", help="a few codecs and cases (for CI)")
    parser.add_argument("--repro", help="repro-wasm binary (default .build/release, else .build/debug)")
    parser.add_argument("--wasi", choices=["provider", "native"], default="provider")
    parser.add_argument("--reference-only", action="store_true",
                        help="run and save the reference side only")
    parser.add_argument("--venv", default=str(HOME_CACHE / "codec-venv"))
    parser.add_argument("--cache", default=str(HOME_CACHE / "codec-differential"),
                        help="where inputs, reference outputs and repro-wasm outputs go")
    parser.add_argument("--codecs-dir", help="components directory (default: fetch-codecs.sh's)")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per repro-wasm call")
    parser.add_argument("--verbose", action="store_true", help="also list the cases that pass")
    parser.add_argument("--in-venv", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    if not args.in_venv:
        bootstrap(args)  # does not return
    components = json.loads(os.environ["CODEC_DIFFERENTIAL_COMPONENTS"])
    pins = json.loads(os.environ["CODEC_DIFFERENTIAL_PINS"])
    if args.codecs:
        codecs = [name.strip() for name in args.codecs.split(",") if name.strip()]
    else:
        codecs = QUICK_CODECS if args.quick else sorted(pins)
    unknown = [name for name in codecs if name not in CONFIGS or name not in components]
    if unknown:
        raise SystemExit(f"codec-differential: unknown codecs {unknown}; known: {sorted(CONFIGS)}")
    cases = plan(codecs, args.quick)
    # The reference results are cached by what they depend on: this script, the components and
    # the selection of cases.
    key = hashlib.sha256(Path(__file__).read_bytes())
    for name in sorted(codecs):
        key.update(Path(components[name]).read_bytes())
    key.update(json.dumps([codecs, args.quick]).encode())
    reference_dir = Path(args.cache).expanduser() / "reference" / key.hexdigest()[:16]
    expected = reference_dir / "expected.json"
    if expected.exists():
        summary = json.loads(expected.read_text())
        print(f"reference: {len(summary['cases'])} cases from {reference_dir}", file=sys.stderr)
    else:
        summary = run_reference(args, components, codecs, cases, reference_dir)
        print(f"reference: {len(summary['cases'])} cases in {summary['seconds']} s, saved to "
              f"{reference_dir}", file=sys.stderr)
    if args.reference_only:
        print_reference(summary)
        return 0
    return 0 if run_repro(args, components, summary, reference_dir) else 1


def print_reference(summary):
    rows = {}
    for case in summary["cases"]:
        row = rows.setdefault(case["codec"], {"cases": 0, "ok": 0, "codec": 0, "runtime": 0})
        row["cases"] += 1
        expect = case["expect"]
        row["ok" if expect["ok"] else expect["kind"]] += 1
    print(f"{'codec':<20} {'cases':>6} {'ok':>5} {'codec error':>12} {'trap':>5}")
    for codec, row in rows.items():
        print(f"{codec:<20} {row['cases']:>6} {row['ok']:>5} {row['codec']:>12} {row['runtime']:>5}")
    for finding in summary.get("trap_recovery", []):
        print("trap recovery:", json.dumps(finding))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
