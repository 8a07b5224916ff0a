#!/usr/bin/env python3
"""Checks that ReproWasm validates every core module of the numcodecs-wasm codecs in its
deterministic profile.

    scripts/check-codecs.py [--repro-wasm PATH] [--work DIR] [--features deterministic|full]

Downloads the 27 codec wheels of numcodecs-wasm 0.2.5's family from PyPI (`pip download --no-deps`),
takes each wheel's WebAssembly component, extracts the core modules it embeds (the component
binary's core module sections, also inside nested components), and runs `repro-wasm validate` on
each. Prints one line per core module and a summary; exits 1 if any module is rejected.

Running the codecs end to end needs the component model and is not done here.
"""

import argparse
import pathlib
import subprocess
import sys
import zipfile

# The codecs published as numcodecs-wasm-<name>; the six C++ ones (-fwasm-exceptions) are marked.
CODECS = [
    "asinh", "bit-round", "ebcc", "fixed-offset-scale", "fourier-network", "identity", "jpeg2000",
    "lc", "linear-quantize", "log", "onion", "pco", "pressio", "qpet-sperr", "random-projection",
    "reinterpret", "round", "sperr", "stochastic-rounding", "swizzle-reshape", "sz3", "tthresh",
    "uniform-noise", "zfp", "zfp-classic", "zlib", "zstd",
]
CPP_CODECS = {"lc", "pressio", "qpet-sperr", "sperr", "sz3", "tthresh"}


def leb128(data, offset):
    """An unsigned LEB128 at `offset`: (value, offset after it)."""
    value = shift = 0
    while True:
        byte = data[offset]
        offset += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, offset


def core_modules(component):
    """The core modules a component binary embeds, in order, nested components included."""
    if component[:4] != b"\0asm":
        raise ValueError("not a WebAssembly binary")
    if component[4:8] == b"\x01\0\0\0":
        return [component]  # already a core module
    if component[6:8] != b"\x01\0":
        raise ValueError("not a component (layer %r)" % component[6:8])
    modules = []
    offset = 8
    while offset < len(component):
        section = component[offset]
        size, offset = leb128(component, offset + 1)
        payload = component[offset:offset + size]
        if section == 1:  # core module
            modules.append(payload)
        elif section == 4:  # nested component
            modules.extend(core_modules(payload))
        offset += size
    return modules


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = pathlib.Path(__file__).resolve().parent.parent
    parser.add_argument("--repro-wasm", default=str(root / ".build/debug/repro-wasm"))
    parser.add_argument("--work", default="/tmp/reprowasm-codecs")
    parser.add_argument("--features", default="deterministic")
    args = parser.parse_args()

    work = pathlib.Path(args.work)
    wheels = work / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    failures = 0
    total = 0
    for name in CODECS:
        package = "numcodecs-wasm-" + name
        found = sorted(wheels.glob(package.replace("-", "_") + "-*.whl"))
        if not found:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "--pre", "-q", "-d", str(wheels), package],
                check=True)
            found = sorted(wheels.glob(package.replace("-", "_") + "-*.whl"))
        wheel = found[-1]
        with zipfile.ZipFile(wheel) as archive:
            components = [entry for entry in archive.namelist() if entry.endswith(".wasm")]
            for entry in components:
                modules = core_modules(archive.read(entry))
                for index, module in enumerate(modules):
                    path = work / "modules" / name / ("%s.%d.wasm" % (pathlib.Path(entry).stem, index))
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(module)
                    result = subprocess.run(
                        [args.repro_wasm, "validate", str(path), "--features", args.features],
                        capture_output=True, text=True)
                    total += 1
                    ok = result.returncode == 0
                    failures += 0 if ok else 1
                    message = (result.stdout + result.stderr).strip().splitlines()
                    detail = "valid" if ok else "REJECTED: " + (message[-1] if message else "exit %d" % result.returncode)
                    mark = " (C++)" if name in CPP_CODECS else ""
                    print("%-44s %-28s %8d bytes  %s" % (wheel.name, "%s#%d%s" % (pathlib.Path(entry).name, index, mark),
                                                       len(module), detail))
    print("%d core modules in %d codecs: %d valid, %d rejected (features: %s)"
          % (total, len(CODECS), total - failures, failures, args.features))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
